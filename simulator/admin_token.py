"""The control API's admin token outside the server: where `learnsim serve` writes a token it
generated, and how clients (the CLI, the suite's server target) find the one to send.

A client takes, in order: the token it was given (`--admin-token`), the
`LEARNSIM_ADMIN_TOKEN` environment variable, then the default token file, which
`learnsim serve` writes, readable by its owner only, when it generates a token.
"""
from __future__ import annotations

import os
import secrets
import string
from pathlib import Path

import requests
import requests.auth

ENV = "LEARNSIM_ADMIN_TOKEN"
MIN_LENGTH = 16
ALLOWED = frozenset(string.ascii_letters + string.digits + "-._~+/=")


def default_file() -> Path:
    """`$XDG_RUNTIME_DIR/learnsim/admin-token`, else `~/.learnsim/admin-token`."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    folder = Path(runtime) / "learnsim" if runtime and Path(runtime).is_dir() else Path.home() / ".learnsim"
    return folder / "admin-token"


def problem(token: str) -> str | None:
    """Why `token` cannot be an admin token, or None."""
    if len(token) < MIN_LENGTH:
        return f"an admin token needs at least {MIN_LENGTH} characters"
    if not set(token) <= ALLOWED:
        return "an admin token is made of letters, digits and - . _ ~ + / = only"
    return None


def generate() -> str:
    return secrets.token_urlsafe(32)


def write(path: Path, token: str) -> Path:
    """Write `token` to `path`, readable and writable by its owner only (mode 0600; the
    folder, when created, 0700). An existing file is replaced, never followed as a link."""
    path = path.expanduser()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.is_symlink():
        path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, (token + "\n").encode("ascii"))
    finally:
        os.close(fd)
    return path


def find(given: str | None = None) -> str | None:
    """The token a client should send: given, else the environment's, else the default file's."""
    if given:
        return given
    if os.environ.get(ENV):
        return os.environ[ENV]
    try:
        return default_file().read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


class BearerAuth(requests.auth.AuthBase):
    """`requests` credentials for the control API: `Authorization: Bearer <token>`, or nothing
    at all when there is no token (never another surface's credentials of the same session)."""

    def __init__(self, token: str | None) -> None:
        self.token = token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        if self.token:
            request.headers["Authorization"] = f"Bearer {self.token}"
        return request
