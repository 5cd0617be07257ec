"""`LearnClient`: everything the steps say to a Learn target, over HTTP only.

It knows Learn's public contracts (feed endpoints, dataSetStatus XML, REST v1 with
OAuth2) and, for simulator targets, the `/_sim/` control API. Every exchange is kept,
so a failing scenario can show what was said.
"""
from __future__ import annotations

import json
import re
import secrets
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import quote, quote_plus

import requests
import requests.auth

from steps import weblogin
from steps.names import NameMap
from steps.weblogin import LoginOutcome

REST = "/learn/api/public/v1"
REFERENCE = re.compile(r"reference code ([0-9a-f]{32})")
MASK = "••••••"
SECRET_FIELDS = re.compile(r'("(?:password|secret|access_token|client_secret)"\s*:\s*")([^"]*)(")', re.IGNORECASE)
SECRET_HEADERS = {"authorization", "cookie", "set-cookie", "proxy-authorization"}
SECRET_FORM_FIELDS = re.compile(r"((?:^|&)(?:password|encoded_pw)=)([^&]*)")


def secret_forms(secret: str) -> set[str]:
    """The ways a secret shows up in recorded text: as is, JSON-escaped, URL-encoded."""
    return {secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1],
            quote(secret, safe=""), quote(secret), quote_plus(secret)} - {""}


def mask(text: str, known: set[str]) -> str:
    """`text` with every known secret (as is, JSON-escaped or URL-encoded) and every JSON
    password/secret/token value replaced by a mask. A secret of fewer than 4 characters is
    masked only where it stands alone (not inside a longer word or number)."""
    forms = {form for secret in known if secret for form in secret_forms(secret)}
    for form in sorted(forms, key=len, reverse=True):
        if len(form) >= 4:
            text = text.replace(form, MASK)
        else:
            text = re.sub(rf"(?<![\w%]){re.escape(form)}(?!\w)", MASK, text)
    text = SECRET_FORM_FIELDS.sub(lambda m: m.group(1) + MASK, text)
    return SECRET_FIELDS.sub(lambda m: m.group(1) + MASK + m.group(3), text)


def mask_headers(headers: Any, known: set[str]) -> dict[str, str]:
    """Headers with credentials cut to their scheme (`Basic ••••••`) and known secrets masked."""
    shown = {}
    for name, value in dict(headers or {}).items():
        if name.lower() in SECRET_HEADERS:
            scheme = str(value).split(" ", 1)[0] if " " in str(value) else ""
            shown[name] = f"{scheme} {MASK}".strip()
        else:
            shown[name] = mask(str(value), known)
    return shown


@dataclass
class FeedCredentials:
    bbid: str
    username: str
    password: str = field(repr=False)
    data_source_key: str = ""
    background: bool = False
    """The integration holds its feeds until time passes (the simulator's `processing: background`):
    a post does not wait for its data set to be processed."""


@dataclass
class Exchange:
    """One HTTP request and its answer, with secrets already masked."""

    method: str
    url: str
    status: int
    request_body: str
    response_body: str
    request_headers: dict[str, str] = field(default_factory=dict)
    response_headers: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"method": self.method, "url": self.url, "status": self.status,
                "requestHeaders": self.request_headers, "requestBody": self.request_body,
                "responseHeaders": self.response_headers, "responseBody": self.response_body}


class ControlApiAuth(requests.auth.AuthBase):
    """The session's default credentials: the admin bearer token, on the control API only
    (a call that names its own credentials keeps them)."""

    def __init__(self, base_url: str, token: str) -> None:
        self.prefix, self.token = f"{base_url.rstrip('/')}/_sim/", token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        if (request.url or "").startswith(self.prefix) and "Authorization" not in request.headers:
            request.headers["Authorization"] = f"Bearer {self.token}"
        return request


@dataclass
class LearnClient:
    base_url: str
    names: NameMap = field(default_factory=NameMap)
    session: requests.Session = field(default_factory=requests.Session, repr=False)
    exchanges: list[Exchange] = field(default_factory=list, repr=False)
    rest_key: str | None = None
    rest_secret: str | None = field(default=None, repr=False)
    known_secrets: set[str] = field(default_factory=set, repr=False)
    admin_token: str | None = field(default=None, repr=False)
    settles: bool = True
    """After a post, poll dataSetStatus until nothing is queued, as Learn's clients do (a target
    that applies every feed within its post, like the in-process one, needs no polling)."""
    processing_timeout: float = 120.0
    longest_poll: float = 0.1
    """The longest pause between two dataSetStatus polls (a simulator answers them at once)."""
    _token: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.session.hooks["response"].append(self._record)
        if self.rest_secret:
            self.known_secrets.add(self.rest_secret)
        if self.admin_token:
            self.known_secrets.add(self.admin_token)
            self.session.auth = ControlApiAuth(self.base_url, self.admin_token)

    def _record(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        body = response.request.body
        shown = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body or "")
        known = self.known_secrets
        self.exchanges.append(Exchange(
            response.request.method or "", mask(response.url, known), response.status_code,
            mask(shown[:4000], known), mask(response.text[:4000], known),
            mask_headers(response.request.headers, known), mask_headers(response.headers, known)))

    # -- setting up an integration --------------------------------------------
    def integration(self, bbid: str, data_source_key: str) -> FeedCredentials:
        """An SIS integration `bbid` whose records go to `data_source_key` (as the scenario writes it).

        On a simulator the integration is created through the control API with a fresh
        password; a live target uses the integration its target file names instead.
        """
        password = secrets.token_urlsafe(12)
        self.known_secrets.add(password)
        dsk = self.names(data_source_key)
        body = self.control("PUT", f"/integrations/{bbid}", {"data_source_key": dsk, "password": password}).json()
        return FeedCredentials(bbid, body["username"], password, dsk)

    def created(self, what: str, undo: Callable[[], None]) -> None:
        """Note how to take back something a step created. Simulator targets start empty for every
        scenario, so they keep nothing; a live client undoes these at the end of the scenario."""

    # -- Snapshot Flat File --------------------------------------------------
    def endpoint(self, creds: FeedCredentials) -> str:
        return f"{self.base_url}/webapps/bb-data-integration-flatfile-{creds.bbid}/endpoint"

    def post_feed(self, creds: FeedCredentials, object_name: str, operation: str, body: bytes,
                  dry_run: bool = False, auth: tuple[str, str] | None = None,
                  wait: bool | None = None) -> requests.Response:
        """Post a feed file; an accepted one is waited for until processed (`wait`, by default
        when the client `settles` and the integration does not hold its feeds back)."""
        response = self.session.post(f"{self.endpoint(creds)}/{object_name}/{operation}", data=body,
                                     params={"dryRun": "true"} if dry_run else None,
                                     auth=auth or (creds.username, creds.password),
                                     headers={"Content-Type": "text/plain"}, timeout=120)
        if wait is None:
            wait = self.settles and not creds.background
        match = REFERENCE.search(response.text) if wait and response.status_code == 200 else None
        if match:
            self.wait_until_processed(creds, match.group(1))
        return response

    def wait_until_processed(self, creds: FeedCredentials, uid: str) -> dict[str, str]:
        """Poll dataSetStatus until nothing is queued (Learn works through a feed in the background)."""
        deadline, pause = time.monotonic() + self.processing_timeout, 0.005
        while True:
            status = self.dataset_status(creds, uid)
            if status.get("queuedCount") == "0":
                return status
            if time.monotonic() > deadline:
                raise AssertionError(f"data set {uid} still has {status.get('queuedCount')} rows queued after "
                                     f"{self.processing_timeout:g} s")
            time.sleep(pause)
            pause = min(pause * 2, self.longest_poll)

    def dataset_status_response(self, creds: FeedCredentials, uid: str) -> requests.Response:
        """Learn's raw answer to dataSetStatus for `uid`."""
        return self.session.get(f"{self.endpoint(creds)}/dataSetStatus/{uid}",
                                auth=(creds.username, creds.password), timeout=60)

    def dataset_status(self, creds: FeedCredentials, uid: str) -> dict[str, str]:
        """The data set's counts and dates, element name -> text."""
        response = self.dataset_status_response(creds, uid)
        assert response.status_code == 200, f"dataSetStatus answered {response.status_code}: {response.text}"
        root = ET.fromstring(response.content)
        return {child.tag: (child.text or "") for child in root}

    # -- REST ------------------------------------------------------------------
    def token(self) -> str:
        if self._token is None:
            response = self.session.post(f"{self.base_url}{REST}/oauth2/token",
                                         data={"grant_type": "client_credentials"},
                                         auth=(self.rest_key or "", self.rest_secret or ""), timeout=30)
            assert response.status_code == 200, f"the OAuth2 token request answered {response.status_code}: {response.text}"
            self._token = response.json()["access_token"]
        return self._token

    def rest(self, path: str, **params: Any) -> requests.Response:
        return self.session.get(f"{self.base_url}{REST}{path}", params=params or None,
                                headers={"Authorization": f"Bearer {self.token()}"}, timeout=60)

    def _found(self, path: str) -> dict | None:
        """A REST resource, or None when Learn answers 404."""
        response = self.rest(path)
        if response.status_code == 404:
            return None
        assert response.status_code == 200, f"GET {path} answered {response.status_code}: {response.text}"
        return response.json()

    def user(self, user_name: str) -> dict | None:
        """The REST view of a user by user name (as the scenario wrote it), or None."""
        return self._found(f"/users/userName:{self.names(user_name)}")

    def user_by_key(self, external_key: str) -> dict | None:
        """The REST view of a user by external key (as the scenario wrote it), or None."""
        return self._found(f"/users/externalId:{self.names(external_key)}")

    def all_pages(self, path: str, **params: Any) -> list[dict]:
        results, url = [], f"{self.base_url}{REST}{path}"
        first = True
        while url:
            response = self.session.get(url, params=params if first else None,
                                        headers={"Authorization": f"Bearer {self.token()}"}, timeout=60)
            assert response.status_code == 200, f"GET {url} answered {response.status_code}: {response.text}"
            body = response.json()
            results.extend(body["results"])
            next_page = body.get("paging", {}).get("nextPage")
            url, first = (f"{self.base_url}{next_page}" if next_page else None), False
        return results

    # -- Learn's web login ------------------------------------------------------
    def web_login(self, user_name: str, password: str) -> LoginOutcome:
        """Log in through Learn's login form as the scenario names the user, in a fresh session."""
        self.known_secrets.add(password)
        return weblogin.log_in(self.base_url, self.names(user_name), password, hook=self._record)

    def login_refusal_reason(self, user_name: str, password: str) -> str | None:
        """Why the target refuses a login, where it says (the simulator's login check);
        None where only Learn's page speaks, which never says why."""
        return self.control("POST", "/login", {"userName": self.names(user_name), "password": password}).json()["reason"]

    # -- simulator control API -------------------------------------------------
    def control(self, method: str, path: str, json: Any = None) -> requests.Response:
        response = self.session.request(method, f"{self.base_url}/_sim{path}", json=json, timeout=60)
        assert response.status_code < 400, f"{method} /_sim{path} answered {response.status_code}: {response.text}"
        return response
