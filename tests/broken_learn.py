"""A deliberately broken Learn for the runner's tests: the simulator behind a WSGI
wrapper that words the feed endpoint's success answer differently from Learn.

    python tests/broken_learn.py PORT BBID USERNAME PASSWORD DATA_SOURCE REST_KEY:REST_SECRET
"""
from __future__ import annotations

import sys

from waitress.server import create_server

from simulator.http import create_app

WRONG_SUCCESS = (b"Success: Feed File Uploaded.  ", b"Success: feed file uploaded. ")


class WrongSuccessText:
    """Passes everything through, but rewrites Learn's success text (one space, lower case)."""

    def __init__(self, app) -> None:
        self.app = app

    def __call__(self, environ, start_response):
        captured = {}

        def remember(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        body = b"".join(self.app(environ, remember))
        body = body.replace(*WRONG_SUCCESS)
        headers = [(k, str(len(body)) if k.lower() == "content-length" else v) for k, v in captured["headers"]]
        start_response(captured["status"], headers)
        return [body]


def main(port: str, bbid: str, username: str, password: str, data_source: str, rest_app: str) -> None:
    app = create_app()
    app.sim.sis.put_integration(bbid, {"data_source_key": data_source, "password": password, "username": username})
    key, _, secret = rest_app.partition(":")
    app.sim.rest.register(key, secret)
    server = create_server(WrongSuccessText(app), host="127.0.0.1", port=int(port), threads=4)
    print(f"learnsim serving on http://127.0.0.1:{server.effective_port}", flush=True)
    server.run()


if __name__ == "__main__":
    main(*sys.argv[1:])
