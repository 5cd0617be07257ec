"""Users' avatars, as Learn serves them: `GET /learn/api/public/v1/users/{userId}/avatar`
answers a redirect (302) to the image, never the image itself; the simulator's users all
have Learn's default avatar (`avatar.source` `Default`), an SVG silhouette at
`/images/ci/ng/avatar_default.svg`.
"""
from __future__ import annotations

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from simulator.http import auth
from simulator.http.rest import V1, _caller, _require_token, _user

AUTH = auth.REST
AUTH_BY_HANDLER = {"default_avatar": auth.PUBLIC}
DEFAULT_AVATAR = "/images/ci/ng/avatar_default.svg"
SILHOUETTE = ('<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">'
              '<rect width="96" height="96" fill="#d8dde3"/><circle cx="48" cy="38" r="18" fill="#8a96a3"/>'
              '<path d="M16 90c4-20 18-30 32-30s28 10 32 30z" fill="#8a96a3"/></svg>')


def avatar(app, request: Request, user_id: str) -> Response:
    """The redirect to a user's avatar image (the caller must be allowed to see the user)."""
    _caller(app, request)  # 401 before anything is looked up
    user = _user(app, user_id)
    _require_token(app, request, subject=user)
    return Response(status=302, headers={"Location": DEFAULT_AVATAR})


def default_avatar(app, request: Request) -> Response:
    return Response(SILHOUETTE, content_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})


ROUTES = [
    (Rule(f"{V1}/users/<user_id>/avatar", methods=["GET"]), avatar),
    (Rule(DEFAULT_AVATAR, methods=["GET"]), default_avatar),
]
