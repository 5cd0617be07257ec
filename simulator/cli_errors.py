"""What a person sees when a `learnsim` command fails for a reason they can fix.

Every failure a user can cause — nothing listening at the URL, HTTPS spoken to a plain
HTTP server, an untrusted certificate, a port already taken, refused credentials — is
one or two lines saying what happened and what to do, with exit code 2. `learnsim
--debug COMMAND` lets the traceback through instead.
"""
from __future__ import annotations

import errno
import socket
from urllib.parse import urlsplit

import click
import requests

USAGE_EXIT = 2
TIMEOUT = (5, 600)
"""Seconds to connect (TLS handshake included), then to wait for an answer (a large feed takes a while)."""


class Trouble(click.ClickException):
    """A failure the user can act on: printed as `Error: …` and exit code 2."""

    exit_code = USAGE_EXIT


def _where(exc: requests.RequestException) -> str:
    request = getattr(exc, "request", None)
    url = getattr(request, "url", None)
    if not url:
        return "the server"
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def explain_request(exc: requests.RequestException) -> str:
    """One or two lines for a failed HTTP call: what happened, then what to do."""
    where = _where(exc)
    text = str(exc)
    plain_http = (f"{where} does not speak HTTPS (it answers plain HTTP).\n"
                  "Use an http:// URL for a plain `learnsim serve`, or start it with --certfile/--keyfile.")
    if isinstance(exc, (requests.exceptions.SSLError, requests.exceptions.Timeout)) and _speaks_plain_http(where):
        return plain_http
    if isinstance(exc, requests.exceptions.SSLError):
        if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
            return (f"the HTTPS certificate of {where} is not trusted ({_reason(text)}).\n"
                    "Pass --cacert FILE with the certificate (or CA) it uses, or --insecure to skip the check on a test server.")
        if any(sign in text for sign in ("WRONG_VERSION_NUMBER", "wrong version number", "record layer failure",
                                         "UNEXPECTED_EOF", "EOF occurred in violation of protocol")):
            return plain_http
        return f"the TLS connection to {where} failed: {_reason(text)}.\nCheck the URL's scheme and the server's certificate."
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return f"{where} did not accept the connection in time.\nCheck the URL, and that the server is running and reachable."
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return f"{where} accepted the request but did not answer in time.\nTry again, or check the server's log."
    if isinstance(exc, requests.exceptions.ConnectionError):
        if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo failed" in text:
            return f"the host of {where} is unknown (DNS lookup failed).\nCheck the --url."
        return (f"could not connect to {where}: nothing answered there (connection refused or reset).\n"
                "Is the server running (`learnsim serve`), and are the host and port in --url right?")
    if isinstance(exc, (requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema,
                        requests.exceptions.InvalidURL)):
        return f"the URL is not usable: {text}.\nGive a full http:// or https:// URL, e.g. --url http://127.0.0.1:8080."
    return f"the HTTP request to {where} failed: {text}"


def _speaks_plain_http(where: str) -> bool:
    """Whether an https:// address answers plain HTTP: the usual cause of a failed handshake."""
    if not where.startswith("https://"):
        return False
    try:
        requests.head("http://" + where.removeprefix("https://"), timeout=3, allow_redirects=False)
    except requests.RequestException:
        return False
    return True


def _reason(text: str) -> str:
    """The innermost readable part of an SSL error's text."""
    for marker in ("certificate verify failed:", "SSL:"):
        if marker in text:
            tail = text.split(marker, 1)[1]
            return tail.split("(_ssl")[0].strip(" ]()'\"") or text
    return text


def explain_listen(exc: OSError, host: str, port: int) -> str:
    """Why `learnsim serve` could not listen, and what to do."""
    code = exc.errno or getattr(exc.__cause__, "errno", None)
    if code == errno.EADDRINUSE:
        return (f"port {port} on {host} is already in use (another server is listening there).\n"
                "Stop that server, or choose another --port (--port 0 picks a free one).")
    if code in (errno.EACCES, errno.EPERM):
        return f"not allowed to listen on {host}:{port} ({exc.strerror}).\nPorts below 1024 need privileges: choose --port 8080 or higher."
    if code in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT) or isinstance(exc, socket.gaierror):
        return f"cannot listen on {host}: no such address on this machine ({exc.strerror or exc}).\nUse --host 127.0.0.1, or an address of this machine."
    return f"cannot listen on {host}:{port}: {exc.strerror or exc}"


class ClientSession(requests.Session):
    """A `requests` session whose certificate check is the command line's (--cacert or
    --insecure) for every request, even when REQUESTS_CA_BUNDLE is set."""

    def __init__(self, verify: bool | str = True) -> None:
        super().__init__()
        self.verify_choice = verify

    def request(self, method, url, **kwargs):
        kwargs.setdefault("verify", self.verify_choice)
        return super().request(method, url, **kwargs)


def client_session(cacert: str | None, insecure: bool) -> requests.Session:
    """A session that trusts --cacert, or checks no certificate at all with --insecure."""
    if insecure:
        import urllib3

        urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
        return ClientSession(False)
    return ClientSession(cacert) if cacert else requests.Session()


class LearnsimGroup(click.Group):
    """The `learnsim` group: known failures become short messages unless --debug is on."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except requests.RequestException as exc:
            if ctx.meta.get("learnsim.debug"):
                raise
            raise Trouble(explain_request(exc)) from None
