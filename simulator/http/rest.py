"""The subset of Learn's public REST API (v1) that scenarios observe state through.

Every call but the token request needs `Authorization: Bearer <token>`; tokens come
from client-credentials OAuth2 and expire after 3600 s of simulated time. Lists page
with `offset`/`limit` and give `paging.nextPage` while more remain.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from simulator.clock import rest_timestamp
from simulator.http.websession import is_system_administrator, signed_in
from simulator.http.rest_paging import page
from simulator.http.wire import ApiError, json_response
from simulator.learn.roles import SYSTEM_ROLES
from simulator.learn.restapps import TOKEN_LIFETIME
from simulator.learn.users import User

V1 = "/learn/api/public/v1"
CONTACT = {"email": "email", "inst_email": "institutionEmail", "m_phone": "mobilePhone",
           "h_phone_1": "homePhone", "b_phone_1": "businessPhone", "b_fax": "businessFax", "webpage": "webPage"}
ADDRESS = {"street_1": "street1", "street_2": "street2", "city": "city", "state": "state",
           "zip_code": "zipCode", "country": "country"}
JOB = {"company": "company", "department": "department", "job_title": "title"}
NAME = {"middlename": "middle", "othername": "other", "suffix": "suffix", "title": "title"}


def _caller(app, request: Request) -> User | None:
    """Who calls: None for an application's bearer token (every right), else the user signed in
    through Learn's login whose session cookie the request carries; 401 for neither."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer ") and app.sim.rest.valid(header[7:].strip()):
        return None
    current = None if header else signed_in(app, request)
    if current is None:
        raise ApiError(401, "Bearer token is invalid or has expired")
    return current[1]


def _require_token(app, request: Request, subject: User | None = None) -> User | None:
    """A bearer token, or a signed-in user with that user's rights: a System Administrator reads
    everything, any other user only their own record (`subject`). Returns the caller."""
    caller = _caller(app, request)
    if caller is not None and not is_system_administrator(caller) and caller is not subject:
        raise ApiError(403, f"{caller.user_name} is not allowed to read this (it needs a System Administrator)")
    return caller


def issue_token(app, request: Request) -> Response:
    auth = request.authorization
    grant_type = request.args.get("grant_type") or request.form.get("grant_type")  # Learn's contract: a query parameter
    if grant_type != "client_credentials":
        return json_response({"error": "unsupported_grant_type",
                              "error_description": "grant_type must be client_credentials"}, 400)
    token = auth and app.sim.rest.issue(auth.username or "", auth.password or "")
    if not token:
        return json_response({"error": "invalid_client", "error_description": "Invalid client credentials"}, 401,
                             {"WWW-Authenticate": "Basic"})
    return json_response({"access_token": token.value, "token_type": "bearer", "expires_in": TOKEN_LIFETIME})


def _pick(profile: dict[str, str], names: dict[str, str]) -> dict[str, str]:
    return {out: profile[name] for name, out in names.items() if profile.get(name)}


def user_json(app, user: User) -> dict[str, Any]:
    """A user as Learn's REST API shows it: never a password."""
    profile = user.profile
    source = app.sim.learn.data_sources.get(user.data_source)
    body: dict[str, Any] = {
        "id": user.pk, "uuid": user.uuid, "externalId": user.external_id,
        "dataSourceId": source.pk if source else None, "userName": user.user_name,
        "created": rest_timestamp(user.created), "modified": rest_timestamp(user.modified),
        "institutionRoleIds": ([user.institution_role] if user.institution_role else []) + sorted(user.secondary_roles),
        "systemRoleIds": [user.system_role],
        "availability": {"available": user.availability},
        "name": {"given": user.firstname, "family": user.lastname, **_pick(profile, NAME)},
    }
    for key, value in (("studentId", profile.get("student_id")), ("gender", profile.get("gender")),
                       ("educationLevel", profile.get("educ_level"))):
        if value:
            body[key] = value
    if profile.get("birthdate"):
        b = profile["birthdate"]
        body["birthDate"] = f"{b[:4]}-{b[4:6]}-{b[6:]}T00:00:00.000Z"
    for key, names in (("job", JOB), ("contact", CONTACT), ("address", ADDRESS)):
        picked = _pick(profile, names)
        if picked:
            body[key] = picked
    if profile.get("locale"):
        body["locale"] = {"id": profile["locale"]}
    return body


def list_users(app, request: Request) -> Response:
    _require_token(app, request)
    learn, args = app.sim.learn, request.args
    users: Iterable[User] = learn.users.values()
    if "dataSourceId" in args:
        ref = args["dataSourceId"]
        source = learn.data_source_by_id(ref) or learn.data_sources.get(ref)
        users = learn.users_by_data_source.get(source.external_id, {}).values() if source else ()
    filters: list[Callable[[User], bool]] = []
    if "externalId" in args:
        wanted = args["externalId"].lower()
        filters.append(lambda u: wanted in u.external_id.lower())
    if "userName" in args:
        wanted_name = args["userName"].lower()
        filters.append(lambda u: wanted_name in u.user_name.lower())
    if "availability.available" in args:
        state = args["availability.available"].lower()
        filters.append(lambda u: u.availability.lower() == state)
    matching = (u for u in users if all(f(u) for f in filters))
    return page(request, matching, lambda u: user_json(app, u))


def _user(app, user_id: str) -> User:
    """The user a REST id names (shared by every surface that takes user ids); 404 otherwise."""
    user = app.sim.learn.user_by_id(user_id)
    if user is None:
        raise ApiError(404, f"No user with id {user_id} (ids are _12_1, externalId:KEY, userName:NAME or uuid:HEX)")
    return user


def get_user(app, request: Request, user_id: str) -> Response:
    """A user by id; `me` is the user signed in through Learn's login."""
    caller = _caller(app, request)
    if user_id == "me":
        if caller is None:
            raise ApiError(403, "users/me names the user signed in through Learn's login; an application token has none")
        return json_response(user_json(app, caller))
    user = _user(app, user_id)
    _require_token(app, request, subject=user)
    return json_response(user_json(app, user))


def list_observers(app, request: Request, user_id: str) -> Response:
    """The users observing a user (enabled observer associations), as user objects
    (Learn's public REST clients read these lists as users)."""
    _require_token(app, request)
    observers = app.sim.learn.observer_links.observers_of(_user(app, user_id))
    return page(request, observers, lambda u: user_json(app, u))


def list_observees(app, request: Request, user_id: str) -> Response:
    """The users a user observes (enabled observer associations), as user objects."""
    _require_token(app, request)
    observees = app.sim.learn.observer_links.observees_of(_user(app, user_id))
    return page(request, observees, lambda u: user_json(app, u))


def list_data_sources(app, request: Request) -> Response:
    _require_token(app, request)
    return page(request, app.sim.learn.data_sources.values(), _data_source_json)


def _data_source_json(source) -> dict:
    return {"id": source.pk, "externalId": source.external_id, "description": source.description}


def get_data_source(app, request: Request, source_id: str) -> Response:
    _require_token(app, request)
    source = app.sim.learn.data_source_by_id(source_id)
    if source is None:
        raise ApiError(404, f"No data source with id {source_id}")
    return json_response(_data_source_json(source))


def _role_json(role) -> dict:
    return {"id": role.pk, "roleId": role.role_id, "name": role.name, "description": role.description,
            "custom": role.custom}


def list_institution_roles(app, request: Request) -> Response:
    _require_token(app, request)
    return page(request, app.sim.learn.institution_roles.values(), _role_json)


def get_institution_role(app, request: Request, role_id: str) -> Response:
    _require_token(app, request)
    role = app.sim.learn.institution_role_by_id(role_id)
    if role is None:
        raise ApiError(404, f"No institution role with id {role_id}")
    return json_response(_role_json(role))


def list_system_roles(app, request: Request) -> Response:
    _require_token(app, request)
    return page(request, SYSTEM_ROLES.items(),
                 lambda item: {"roleId": item[0], "name": item[1][0], "custom": False})


ROUTES = [
    (Rule(f"{V1}/oauth2/token", methods=["POST"]), issue_token),
    (Rule(f"{V1}/users", methods=["GET"]), list_users),
    (Rule(f"{V1}/users/<user_id>", methods=["GET"]), get_user),
    (Rule(f"{V1}/users/<user_id>/observers", methods=["GET"]), list_observers),
    (Rule(f"{V1}/users/<user_id>/observees", methods=["GET"]), list_observees),
    (Rule(f"{V1}/dataSources", methods=["GET"]), list_data_sources),
    (Rule(f"{V1}/dataSources/<source_id>", methods=["GET"]), get_data_source),
    (Rule(f"{V1}/institutionRoles", methods=["GET"]), list_institution_roles),
    (Rule(f"{V1}/institutionRoles/<role_id>", methods=["GET"]), get_institution_role),
    (Rule(f"{V1}/systemRoles", methods=["GET"]), list_system_roles),
]
