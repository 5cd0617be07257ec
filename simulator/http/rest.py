"""Learn's public REST API: the OAuth2 token, users, observers and observees.

Every call but the token request needs `Authorization: Bearer <token>`; tokens come
from client-credentials OAuth2 (`grant_type` in the query string, as Learn's contract
declares it, or in the form body) and expire after 3600 s of simulated time. Lists page
as `rest_paging` describes. A user is shown with Learn's enums: `gender` and
`educationLevel` are always present, `Unknown` when the feed left them unset or gave a
value Learn does not know; every user carries an `avatar` (Learn's default one).
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable, Iterable

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from simulator.clock import rest_timestamp
from simulator.http import auth
from simulator.http.rest_paging import page, single
from simulator.http.websession import is_system_administrator, signed_in
from simulator.http.wire import ApiError, json_response
from simulator.learn.restapps import TOKEN_LIFETIME
from simulator.learn.users import User

V1 = "/learn/api/public/v1"
CONTACT = {"email": "email", "inst_email": "institutionEmail", "m_phone": "mobilePhone",
           "h_phone_1": "homePhone", "b_phone_1": "businessPhone", "b_fax": "businessFax", "webpage": "webPage"}
ADDRESS = {"street_1": "street1", "street_2": "street2", "city": "city", "state": "state",
           "zip_code": "zipCode", "country": "country"}
JOB = {"company": "company", "department": "department", "job_title": "title"}
NAME = {"middlename": "middle", "othername": "other", "suffix": "suffix", "title": "title"}
GENDERS = {"f": "Female", "female": "Female", "m": "Male", "male": "Male", "o": "Other", "other": "Other"}
EDUCATION_LEVELS = {level.lower(): level for level in (
    "K8", "HighSchool", "Freshman", "Sophomore", "Junior", "Senior", "GraduateSchool", "PostGraduateSchool")}
"""Learn's enums; feed values match them without regard to case or underscores (`HIGH_SCHOOL`, `K_8`)."""
USER_SORT = ("userName", "name.family", "externalId", "dataSourceId", "created")

AUTH = auth.REST
AUTH_BY_HANDLER = {"issue_token": auth.REST_CLIENT}


def _caller(app, request: Request) -> User | None:
    """Who calls: None for an application's bearer token (every right), else the user signed in
    through Learn's login whose session cookie the request carries; 401 for neither."""
    header = request.environ.get("HTTP_AUTHORIZATION", "")
    if header.lower().startswith("bearer ") and app.sim.rest.valid(header[7:].strip()):
        return None
    current = None if header else signed_in(app, request)
    if current is None:
        raise ApiError(401, "Bearer token is invalid or has expired")
    return current[1]


def _require_token(app, request: Request, subject: User | None = None) -> User | None:
    """A bearer token, or a signed-in user with that user's rights: a System Administrator reads
    everything, any other user only their own record (`subject`). Returns the caller."""
    return _may_read(_caller(app, request), subject)


def _may_read(caller: User | None, subject: User | None = None) -> User | None:
    """`caller`, when it may read `subject` (an application's token, a System Administrator, or
    the subject itself); 403 otherwise."""
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
    if not profile or names.keys().isdisjoint(profile):
        return {}
    return {out: profile[name] for name, out in names.items() if profile.get(name)}


def _gender(value: str | None) -> str:
    return GENDERS.get((value or "").strip().lower(), "Unknown")


def _education_level(value: str | None) -> str:
    return EDUCATION_LEVELS.get((value or "").replace("_", "").replace(" ", "").lower(), "Unknown")


def user_json(app, user: User) -> dict[str, Any]:
    """A user as Learn's REST API shows it: never a password."""
    profile = dict(user.profile.items())
    source = app.sim.learn.data_sources.get(user.data_source)
    created, modified = user.created, user.modified
    created_text = rest_timestamp(created)
    body: dict[str, Any] = {
        "id": user.pk, "uuid": user.uuid, "externalId": user.external_id,
        "dataSourceId": source.pk if source else None, "userName": user.user_name,
        "educationLevel": _education_level(profile.get("educ_level")), "gender": _gender(profile.get("gender")),
        "created": created_text, "modified": created_text if modified is created else rest_timestamp(modified),
        "institutionRoleIds": ([user.institution_role] if user.institution_role else []) + sorted(user.secondary_roles),
        "systemRoleIds": [user.system_role],
        "availability": {"available": user.availability},
        "name": {"given": user.firstname, "family": user.lastname, **_pick(profile, NAME)},
        "avatar": {"viewUrl": f"{V1}/users/{user.pk}/avatar", "source": "Default"},
    }
    if profile.get("student_id"):
        body["studentId"] = profile["student_id"]
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


def moment(args, name: str) -> datetime | None:
    """A date-time query parameter (ISO 8601); 400 naming it when it is not one."""
    raw = args.get(name)
    if raw is None:
        return None
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ApiError(400, f"query parameter {name} must be an ISO 8601 date-time, not {raw!r}") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value


def compared(args, name: str, stamp: Callable[[Any], datetime | None]) -> Callable[[Any], bool] | None:
    """The `name` / `nameCompare` search: `greaterOrEqual` (default) or `lessThan`."""
    when = moment(args, name)
    if when is None:
        return None
    mode = args.get(f"{name}Compare", "greaterOrEqual")
    if mode not in ("greaterOrEqual", "lessThan"):
        raise ApiError(400, f"query parameter {name}Compare must be greaterOrEqual or lessThan, not {mode!r}")
    if mode == "lessThan":
        return lambda record: (stamp(record) is not None and stamp(record) < when)
    return lambda record: (stamp(record) is not None and stamp(record) >= when)


def contains(args, name: str, text: Callable[[Any], str | None]) -> Callable[[Any], bool] | None:
    """Learn's "contains this value" search, without regard to case."""
    if name not in args:
        return None
    wanted = args[name].lower()
    return lambda record: wanted in (text(record) or "").lower()


def matching(items: Iterable[Any], tests: list[Callable[[Any], bool] | None]) -> Iterable[Any]:
    active = [t for t in tests if t is not None]
    return (item for item in items if all(t(item) for t in active))


def list_users(app, request: Request) -> Response:
    _require_token(app, request)
    learn, args = app.sim.learn, request.args
    users: Iterable[User] = learn.users.values()
    if "dataSourceId" in args:
        ref = args["dataSourceId"]
        source = learn.data_source_by_id(ref) or learn.data_sources.get(ref)
        users = learn.users_in_data_source(source.external_id) if source else ()
    tests = [contains(args, "externalId", lambda u: u.external_id), contains(args, "userName", lambda u: u.user_name),
             contains(args, "name.family", lambda u: u.lastname),
             contains(args, "studentId", lambda u: u.profile.get("student_id")),
             contains(args, "contact.email", lambda u: u.profile.get("email")),
             compared(args, "created", lambda u: u.created), compared(args, "modified", lambda u: u.modified)]
    if "availability.available" in args:
        state = args["availability.available"].lower()
        tests.append(lambda u: u.availability.lower() == state)
    if "institutionRoleIds" in args:
        wanted_roles = {r.strip().upper() for r in args["institutionRoleIds"].split(",") if r.strip()}
        tests.append(lambda u: bool(wanted_roles & ({u.institution_role or ""} | set(u.secondary_roles))))
    return page(request, matching(users, tests), lambda u: user_json(app, u), sort=USER_SORT)


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
            raise ApiError(403, "users/me names the user signed in through Learn's login (/webapps/login/); "
                                "an application token has none")
        return single(request, user_json(app, caller))
    user = _user(app, user_id)
    _may_read(caller, subject=user)
    return single(request, user_json(app, user))


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


ROUTES = [
    (Rule(f"{V1}/oauth2/token", methods=["POST"]), issue_token),
    (Rule(f"{V1}/users", methods=["GET"]), list_users),
    (Rule(f"{V1}/users/<user_id>", methods=["GET"]), get_user),
    (Rule(f"{V1}/users/<user_id>/observers", methods=["GET"]), list_observers),
    (Rule(f"{V1}/users/<user_id>/observees", methods=["GET"]), list_observees),
]
