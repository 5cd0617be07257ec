"""One Jinja2 environment for every page: templates and the stylesheet are package data."""
from __future__ import annotations

from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from werkzeug.wrappers import Response

ENVIRONMENT = Environment(loader=PackageLoader("simulator.ui", "templates"),
                          autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)
STYLESHEET = "/webapps/learnsim/static/learn.css"
HTML = "text/html;charset=UTF-8"


def page(template: str, status: int = 200, **context: Any) -> Response:
    """A whole HTML page; pages never let a browser keep a copy of what an administrator saw."""
    body = ENVIRONMENT.get_template(template).render(stylesheet=STYLESHEET, **context)
    return Response(body, status=status, content_type=HTML,
                    headers={"Cache-Control": "no-store", "X-Frame-Options": "SAMEORIGIN",
                             "Content-Security-Policy": "default-src 'self'; style-src 'self'; form-action 'self'"})


def stylesheet_text() -> str:
    return resources.files("simulator.ui").joinpath("static/learn.css").read_text(encoding="utf-8")
