"""The `live` target: a real Learn described by a target file, probed before anything runs.

Target file (TOML; every secret may instead be read from an environment variable named
by `<name>_env`, e.g. `password_env = "LEARN_SIS_PASSWORD"`):

    [target]
    name = "Example University test Learn"
    base_url = "https://learn.example.edu"
    [sis]            # the integration the scenarios post to (dedicated to testing!)
    bbid = "LEARNSIM"; username = "…"; password_env = "…"; data_source_key = "LEARNSIM.TEST"
    [rest]           # a REST application with read access to users and data sources
    key = "…"; secret_env = "…"
    [connector]      # the identity connector's Building Block and its service account
    bbid = "BBLEARN"; username = "…"; password_env = "…"

Safety: the run refuses to start without `--live`; every name a step writes gets a
prefix unique to the run, the test process and the scenario; records are taken back at
the end of every scenario (see `steps.live_client`). Lists of users show a scenario only
the users of its own prefix, the way a fresh Learn would.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest
import requests

from steps.grading import identify, not_applicable
from steps.live_client import LiveLearnClient
from steps.names import NameMap, live_prefix, run_id

SURFACES = ("sis", "rest", "control", "connector")
FEATURE_SURFACES = {"sis": ("sis", "rest"), "connector": ("connector",)}
NOT_ON_LIVE = {"connect": "Learn shows the Connect side (contacts, deliveries, mail) only through the simulator's "
                          "control API, whose shared state a live run cannot keep apart per scenario"}
PRESENT = "present"


class TargetFileError(Exception):
    """A target file that cannot be used, with the file, table and key at fault."""


@dataclass(slots=True)
class SisAccess:
    bbid: str
    username: str
    password: str = field(repr=False)
    data_source_key: str = ""
    institution_roles: tuple[str, ...] = ()
    """Institution roles an administrator made for the suite; scenarios that need roles of their own use them."""
    other_data_source_keys: tuple[str, ...] = ()
    """Further data sources made for the suite; scenarios that need a second data source use them."""


@dataclass(slots=True)
class RestAccess:
    key: str
    secret: str = field(repr=False)


@dataclass(slots=True)
class ConnectorAccess:
    bbid: str
    username: str
    password: str = field(repr=False)


@dataclass(slots=True)
class LiveTarget:
    name: str
    base_url: str
    sis: SisAccess | None
    rest: RestAccess | None
    connector: ConnectorAccess | None
    delimiter: str = "|"
    processing_timeout: float = 300.0

    @classmethod
    def load(cls, path: str | Path, base_url: str | None = None) -> "LiveTarget":
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise TargetFileError(f"target file {path}: {exc}") from None
        where = str(path)
        target = data.get("target", {})
        url = (base_url or target.get("base_url") or "").rstrip("/")
        if not url.startswith(("http://", "https://")):
            raise TargetFileError(f"{where}: [target] base_url must be an http(s) URL, got {url!r}")
        sis = data.get("sis")
        rest = data.get("rest")
        connector = data.get("connector")
        return cls(
            name=str(target.get("name", url)), base_url=url,
            sis=SisAccess(*(_value(where, "sis", sis, k) for k in ("bbid", "username", "password", "data_source_key")),
                          institution_roles=_names(where, sis, "institution_roles"),
                          other_data_source_keys=_names(where, sis, "other_data_source_keys")) if sis else None,
            rest=RestAccess(*(_value(where, "rest", rest, k) for k in ("key", "secret"))) if rest else None,
            connector=ConnectorAccess(*(_value(where, "connector", connector, k) for k in ("bbid", "username", "password")))
            if connector else None,
            delimiter=str(target.get("delimiter", "|")),
            processing_timeout=float(target.get("processing_timeout", 300)),
        )

    def secrets(self) -> set[str]:
        return {s for s in (self.sis and self.sis.password, self.rest and self.rest.secret,
                            self.connector and self.connector.password) if s}

    def describe(self) -> dict[str, Any]:
        """What the report may show: never a password or secret."""
        return {"name": self.name, "baseUrl": self.base_url,
                "integration": self.sis and {"bbid": self.sis.bbid, "dataSourceKey": self.sis.data_source_key},
                "restKey": self.rest and self.rest.key, "connector": self.connector and self.connector.bbid}


def _names(where: str, section: dict, key: str) -> tuple[str, ...]:
    names = section.get(key, [])
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        raise TargetFileError(f"{where}: [sis] {key} must be a list of ids")
    return tuple(names)


def _value(where: str, table: str, section: dict, key: str) -> str:
    """`key` of `[table]`, or the environment variable `<key>_env` names."""
    if key in section:
        return str(section[key])
    variable = section.get(f"{key}_env")
    if variable:
        if variable not in os.environ:
            raise TargetFileError(f"{where}: [{table}] {key}_env names the environment variable {variable}, which is not set")
        return os.environ[variable]
    raise TargetFileError(f"{where}: [{table}] needs {key} (or {key}_env naming an environment variable)")


# -- the probe ------------------------------------------------------------------------
def probe(target: LiveTarget, timeout: float = 20.0) -> tuple[dict[str, str], list[str]]:
    """Which surfaces the target has (`present` or `missing: why`) and what stops the run."""
    session, url = requests.Session(), target.base_url
    surfaces = dict.fromkeys(SURFACES, "missing: not configured in the target file")
    try:
        session.get(url + "/", timeout=timeout, allow_redirects=False)
    except requests.RequestException as exc:
        return surfaces, [f"cannot reach {url}: {exc.__class__.__name__}: {exc}"]
    fatal: list[str] = []
    if target.sis:
        endpoint = f"{url}/webapps/bb-data-integration-flatfile-{target.sis.bbid}/endpoint/dataSetStatus/{'0' * 32}"
        anonymous = session.get(endpoint, timeout=timeout)
        if anonymous.status_code != 401:
            surfaces["sis"] = f"missing: {endpoint} answered {anonymous.status_code} without credentials, not 401"
        else:
            signed = session.get(endpoint, auth=(target.sis.username, target.sis.password), timeout=timeout)
            if signed.status_code == 401:
                fatal.append(f"the SIS integration {target.sis.bbid!r} refused the username and password of the target file")
            else:
                surfaces["sis"] = PRESENT
    if target.rest:
        token = session.post(f"{url}/learn/api/public/v1/oauth2/token", data={"grant_type": "client_credentials"},
                             auth=(target.rest.key, target.rest.secret), timeout=timeout)
        if token.status_code == 200:
            surfaces["rest"] = PRESENT
        elif token.status_code in (400, 401, 403):
            fatal.append(f"Learn's REST API refused the application key {target.rest.key!r} ({token.status_code})")
        else:
            surfaces["rest"] = f"missing: the OAuth2 token endpoint answered {token.status_code}"
    clock = session.get(f"{url}/_sim/clock", timeout=timeout)
    surfaces["control"] = PRESENT if clock.status_code == 200 and "now" in _json(clock) else \
        f"missing: /_sim/clock answered {clock.status_code} (only the simulator has a control API)"
    if target.connector:
        test = f"{url}/webapps/fii-connector-{target.connector.bbid}/api/test-connection"
        auth = (target.connector.username, target.connector.password)
        answer = session.post(test, auth=auth, timeout=timeout)
        if answer.status_code == 405:
            answer = session.get(test, auth=auth, timeout=timeout)
        if answer.status_code == 200:
            surfaces["connector"] = PRESENT
        elif answer.status_code in (401, 403):
            fatal.append(f"the connector refused the service account {target.connector.username!r} ({answer.status_code})")
        else:
            surfaces["connector"] = f"missing: {test} answered {answer.status_code}"
    return surfaces, fatal


def _json(response: requests.Response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


# -- one run ------------------------------------------------------------------------------
@dataclass(slots=True)
class LiveRun:
    """What every test process of one live run shares: the target, the probe's findings, the run id."""

    target: LiveTarget
    surfaces: dict[str, str]
    run: str
    worker: str = "0"
    scenarios: int = 0
    stopped: str = ""

    def next_prefix(self) -> str:
        self.scenarios += 1
        return live_prefix(self.run, self.worker, self.scenarios)


RUN_KEY = pytest.StashKey[LiveRun]()
WORKER_INPUT = "learnsim_live"


def live_run(config: pytest.Config) -> LiveRun | None:
    return config.stash.get(RUN_KEY, None)


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--learn-target", "inprocess") != "live":
        return
    if not config.getoption("--live"):
        raise pytest.UsageError("refusing to run against a live Learn without --live: the run writes records "
                                "(prefixed, and cleaned up afterwards) to the target of the target file")
    if config.getoption("--allow-destructive") and getattr(config.option, "numprocesses", None):
        raise pytest.UsageError("--allow-destructive cannot be combined with xdist (-n) on a live target: a refresh "
                                "disables every record of the integration it does not list, other workers' included")
    path = config.getoption("--learn-config")
    if not path:
        raise pytest.UsageError("--learn-target=live needs --learn-config=<target file> (see fixtures/targets/)")
    try:
        target = LiveTarget.load(path, config.getoption("--learn-url"))
    except TargetFileError as exc:
        raise pytest.UsageError(str(exc)) from None
    given = getattr(config, "workerinput", {}).get(WORKER_INPUT)
    if given:
        worker = config.workerinput.get("workerid", "").removeprefix("gw")
        config.stash[RUN_KEY] = LiveRun(target, given["surfaces"], given["run"], worker or "0")
    else:
        config.stash[RUN_KEY] = LiveRun(target, {}, run_id())


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """Probe once, in the process that runs the session (the xdist controller hands the result on)."""
    run = live_run(session.config)
    if run is None or hasattr(session.config, "workerinput"):
        return
    run.surfaces, fatal = probe(run.target)
    if fatal:
        run.stopped = "; ".join(fatal)
        pytest.exit("the live target is not usable:\n  " + "\n  ".join(fatal), returncode=3)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    run = live_run(node.config)
    if run is not None:
        node.workerinput[WORKER_INPUT] = {"surfaces": run.surfaces, "run": run.run}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Scenarios of a feature area whose surface the probe did not find are not applicable."""
    run = live_run(item.config)
    who = identify(item)
    if run is None or who is None:
        return
    area = who.feature.split("/", 1)[0]
    if area in NOT_ON_LIVE:
        not_applicable(f"features/{area}: {NOT_ON_LIVE[area]}")
    for surface in FEATURE_SURFACES.get(area, ()):
        if run.surfaces.get(surface) != PRESENT:
            not_applicable(f"features/{who.feature} needs the {surface} surface: {run.surfaces.get(surface)}")


def live_client(request: pytest.FixtureRequest) -> Iterator[LiveLearnClient]:
    """The `learn` fixture on a live target: a client with a fresh prefix, cleaned up after the scenario."""
    run = live_run(request.config)
    target = run.target
    client = LiveLearnClient(target.base_url, names=NameMap(run.next_prefix()), sis=target.sis, rest=target.rest,
                             surfaces=run.surfaces, allow_destructive=request.config.getoption("--allow-destructive"),
                             delimiter=target.delimiter, processing_timeout=target.processing_timeout,
                             known_secrets=target.secrets(), connector=target.connector)
    request.node.learn_client = client
    try:
        yield client
    finally:
        summary = client.clean_up()
        request.node.learn_cleanup = summary
        client.session.close()
        assert not summary["problems"], "cleanup failed:\n  " + "\n  ".join(summary["problems"])


def describe(config: pytest.Config) -> dict[str, Any]:
    """The target as the report names it."""
    run = live_run(config)
    if run is not None:
        return {"kind": "live", **run.target.describe(), "surfaces": run.surfaces, "run": run.run,
                "stopped": run.stopped}
    kind = config.getoption("--learn-target", "inprocess")
    if kind == "server":
        return {"kind": "server", "name": "learnsim serve over loopback HTTP",
                "baseUrl": config.getoption("--learn-url") or "(started by the suite)"}
    return {"kind": "inprocess", "name": "the built-in simulator, in process", "baseUrl": "https://learn.inprocess.test"}

