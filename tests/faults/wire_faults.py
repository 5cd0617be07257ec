"""Faults of Learn's wire formats: the feed endpoint's texts and headers, dataSetStatus,
REST shapes. Each rewrites what the HTTP layer answers (`rewrite_responses`), so it
stays valid whatever module builds the answer."""
from __future__ import annotations

import json
import re
from typing import Callable

import pytest
from werkzeug.wrappers import Request, Response

from simulator.http.app import LearnApp
from tests.faults import fault, wrap

SIS = ("sis/feed_format.feature", "sis/feed_bad_input.feature", "sis/person_store.feature")
REST = ("sis/rest_view.feature", "sis/person_store.feature", "sis/person_passwords.feature", "sis/feed_format.feature")
FEED_POST = re.compile(r"/webapps/bb-data-integration-flatfile-[^/]+/endpoint/(?!dataSetStatus)[^/]+/[^/]+$")
STATUS = re.compile(r"/endpoint/dataSetStatus/")
USERS = re.compile(r"/learn/api/public/v1/users(/[^/]+)?$")


def rewrite_responses(patch: pytest.MonkeyPatch, path: re.Pattern, change: Callable[[Request, Response], Response]) -> None:
    """Answers to requests whose path matches `path` go through `change` before they leave."""
    def make(dispatch):
        def faulty(self, request):
            response = dispatch(self, request)
            return change(request, response) if path.search(request.path) else response
        return faulty
    wrap(patch, LearnApp, "dispatch", make)


def _text(change: Callable[[str], str]) -> Callable[[Request, Response], Response]:
    def apply(request, response):
        response.set_data(change(response.get_data(as_text=True)).encode("utf-8"))
        return response
    return apply


def _json(change: Callable[[dict], dict]) -> Callable[[Request, Response], Response]:
    def apply(request, response):
        if response.status_code != 200:
            return response
        response.set_data(json.dumps(change(json.loads(response.get_data()))).encode("utf-8"))
        return response
    return apply


def _each_user(change: Callable[[dict], None]) -> Callable[[dict], dict]:
    def apply(body):
        for user in body.get("results", [body]):
            if isinstance(user, dict) and "userName" in user:
                change(user)
        return body
    return apply


@fault("success-text-one-space", "wire", "the success text is 'Success: Feed File Uploaded.  Use the reference code …' (two spaces)",
       "one space after the first sentence", SIS)
def _(patch):
    rewrite_responses(patch, FEED_POST, _text(lambda t: t.replace("Uploaded.  Use", "Uploaded. Use")))


@fault("success-content-type-html", "wire", "the feed endpoint answers text/plain", "it answers text/html", SIS)
def _(patch):
    def change(request, response):
        response.headers["Content-Type"] = "text/html;charset=UTF-8"
        return response
    rewrite_responses(patch, FEED_POST, change)


@fault("unauthorized-without-basic-challenge", "wire", "a refused feed post carries WWW-Authenticate: Basic",
       "the 401 has no challenge", SIS)
def _(patch):
    def change(request, response):
        response.headers.pop("WWW-Authenticate", None)
        return response
    rewrite_responses(patch, FEED_POST, change)


@fault("wrong-credentials-answer-403", "wire", "wrong feed credentials are HTTP 401", "they are HTTP 403", SIS)
def _(patch):
    def change(request, response):
        if response.status_code == 401:
            response.status_code = 403
        return response
    rewrite_responses(patch, FEED_POST, change)


@fault("dataset-status-counts-errors-as-completed", "wire", "dataSetStatus counts errors in errorCount",
       "errorCount is always 0", SIS)
def _(patch):
    rewrite_responses(patch, STATUS, _text(lambda t: re.sub(r"<errorCount>\d+</errorCount>", "<errorCount>0</errorCount>", t)))


@fault("dataset-status-elements-renamed", "wire", "dataSetStatus has Learn's element names (completedCount, …)",
       "it says completed instead of completedCount", ("sis/feed_format.feature",))
def _(patch):
    rewrite_responses(patch, STATUS, _text(lambda t: t.replace("completedCount>", "completed>")))


@fault("dataset-status-date-without-offset", "wire", "dataSetStatus dates carry a UTC offset",
       "dates are local, without an offset", ("sis/feed_format.feature",))
def _(patch):
    rewrite_responses(patch, STATUS, _text(lambda t: re.sub(r"([+-]\d\d:\d\d|Z)(</(start|lastEntry)Date>)", r"\2", t)))


@fault("dataset-status-unknown-uid-200", "wire", "dataSetStatus of an unknown reference code is HTTP 404",
       "it answers 200 with zero counts", ("sis/feed_format.feature", "sis/feed_bad_input.feature"))
def _(patch):
    def change(request, response):
        if response.status_code == 404:
            return Response("<?xml version=\"1.0\"?><dataSetStatus><completedCount>0</completedCount></dataSetStatus>",
                            content_type="application/xml")
        return response
    rewrite_responses(patch, STATUS, change)


@fault("rest-hash-under-another-key", "wire", "REST never shows a password, in any form",
       "the user object carries the password hash under credential", REST)
def _(patch):
    from simulator.http import rest

    def make(user_json):
        def faulty(app, user):
            return {**user_json(app, user), "credential": user.password}
        return faulty
    wrap(patch, rest, "user_json", make)


@fault("rest-availability-boolean", "wire", "REST availability.available is the text Yes, No or Disabled",
       "it is a JSON boolean", REST)
def _(patch):
    def change(user):
        user["availability"]["available"] = user["availability"]["available"] == "Yes"
    rewrite_responses(patch, USERS, _json(_each_user(change)))


@fault("rest-paging-never-ends", "wire", "a page without more results has no paging.nextPage",
       "the last page still links to a next page", ("sis/rest_view.feature",))
def _(patch):
    def change(body):
        if "results" in body and "paging" not in body and body["results"]:
            body["paging"] = {"nextPage": "/learn/api/public/v1/users?offset=100000"}
        return body
    rewrite_responses(patch, re.compile(r"/learn/api/public/v1/users$"), _json(change))


@fault("rest-unknown-user-empty-200", "wire", "an unknown user is a 404 with status and message",
       "it answers 200 with an empty object", ("sis/rest_view.feature", "sis/person_*.feature"))
def _(patch):
    def change(request, response):
        if response.status_code == 404:
            return Response("{}", content_type="application/json")
        return response
    rewrite_responses(patch, USERS, change)


@fault("rest-without-token-allowed", "wire", "REST calls without a bearer token are refused with 401",
       "they are answered", ("sis/rest_view.feature",))
def _(patch):
    from simulator.http import rest

    def make(require_token):
        def faulty(app, request, subject=None):
            return None if "Authorization" not in request.headers else require_token(app, request, subject)
        return faulty
    wrap(patch, rest, "_require_token", make)
