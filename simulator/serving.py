"""How `learnsim serve` serves the app: waitress for HTTP, cheroot for HTTPS, with limits.

Bounded resources (issue 9): a client cannot hold the server by opening connections and
sending nothing, by trickling a body, or by sending a huge one.

- **Body size**: a body over `max_body` bytes is refused with 413 from its Content-Length,
  before it is read; a chunked body is read up to the limit, then refused (the servers'
  own `max_request_body_size`, and the app's `max_content_length` behind them).
- **Connections**: up to `connection_limit` open at once (waitress; polled, not
  `select`ed, so more than 1,024 sockets work); beyond it new ones wait in the listen
  backlog. A connection that sends nothing for `idle_timeout` seconds is closed
  (checked every `cleanup_interval` seconds).
- **Slow clients** cost no thread: waitress reads every request whole (bodies over 512 KiB
  into a temporary file) before a thread runs the app, so a trickling client holds one
  socket and nothing else; the state lock is taken only once the body is in.
- **HTTPS** (cheroot): idle keep-alive connections wait in a selector, not in a thread; a
  socket read that stalls for `idle_timeout` seconds ends the connection; `threads`
  request threads (at least 8, since a trickling body holds one while it is read).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

MiB = 1024 * 1024
UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": MiB, "mb": MiB, "mib": MiB,
         "g": 1024 * MiB, "gb": 1024 * MiB, "gib": 1024 * MiB}


def parse_size(text: str) -> int:
    """`512MiB`, `64M`, `100k`, `1048576` → bytes (binary units)."""
    match = re.fullmatch(r"\s*(\d+)\s*([a-zA-Z]*)\s*", text)
    if not match or match.group(2).lower() not in UNITS:
        raise ValueError(f"{text!r} is not a size: write bytes, or a number with KiB, MiB or GiB (e.g. 512MiB)")
    size = int(match.group(1)) * UNITS[match.group(2).lower()]
    if size < 1:
        raise ValueError(f"{text!r}: the size must be at least 1 byte")
    return size


@dataclass(frozen=True)
class Limits:
    threads: int = 4
    max_body: int = 512 * MiB
    connection_limit: int = 1000
    idle_timeout: int = 30
    cleanup_interval: int = 5


def http_server(app: Callable, host: str, port: int, limits: Limits):
    """A waitress server (not yet running); `.effective_port` is the port it listens on."""
    from waitress.server import create_server

    return create_server(
        app, host=host, port=port, ident="learnsim", threads=limits.threads,
        connection_limit=limits.connection_limit, channel_timeout=limits.idle_timeout,
        cleanup_interval=max(1, min(limits.cleanup_interval, limits.idle_timeout)),
        max_request_body_size=limits.max_body,
        asyncore_use_poll=True, backlog=2048,
    )


def https_server(app: Callable, host: str, port: int, certfile: str, keyfile: str, limits: Limits):
    """A prepared cheroot server with TLS; `.bind_addr[1]` is the port it listens on."""
    from cheroot import wsgi
    from cheroot.ssl.builtin import BuiltinSSLAdapter

    server = wsgi.Server((host, port), app, numthreads=max(limits.threads, 8), server_name="learnsim",
                         timeout=limits.idle_timeout, request_queue_size=1024)
    server.max_request_body_size = limits.max_body
    server.keep_alive_conn_limit = limits.connection_limit
    server.ssl_adapter = BuiltinSSLAdapter(certfile, keyfile)
    server.prepare()
    return server
