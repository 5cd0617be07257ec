"""A real `learnsim serve` process on a loopback port, for tests that speak real HTTP
(shell scripts with curl, unmodified third-party Learn clients)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parent.parent
ADMIN_TOKEN = "served-tests-admin-token-0123456789"
"""The control API token of the servers started here (the generated one would go to a file in $HOME)."""


def start(command: list[str], banner: list[str] | None = None) -> tuple[subprocess.Popen, str]:
    """Start a server command and return it with the URL it announces (the lines it printed
    before that go to `banner`)."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO,
                               env={**os.environ, "PYTHONUNBUFFERED": "1", "LEARNSIM_ADMIN_TOKEN": ADMIN_TOKEN})
    for line in process.stdout:
        match = re.search(r"serving on (https?://\S+)", line)
        if match:
            return process, match.group(1)
        if banner is not None:
            banner.append(line.rstrip("\n"))
    process.kill()
    raise RuntimeError(f"{command} did not start")


@contextmanager
def learnsim_serve(*options: str, banner: list[str] | None = None) -> Iterator[str]:
    """`learnsim serve --port 0 OPTIONS…` for the duration of the block; yields its base URL."""
    process, url = start([sys.executable, "-m", "simulator.cli", "serve", "--port", "0", "--threads", "2", *options],
                         banner)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def certificate_files(folder: Path) -> tuple[str, str, str]:
    """A fresh test CA and a certificate for 127.0.0.1/localhost, written to FOLDER:
    (certfile with its chain, keyfile, the CA's certificate to trust)."""
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    certfile, keyfile, cafile = folder / "cert.pem", folder / "key.pem", folder / "ca.pem"
    cert.private_key_and_cert_chain_pem.write_to_path(str(certfile))
    cert.private_key_pem.write_to_path(str(keyfile))
    ca.cert_pem.write_to_path(str(cafile))
    return str(certfile), str(keyfile), str(cafile)
