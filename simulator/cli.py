"""`learnsim`: serve the simulator, post feeds to any Learn, read data set status, run the suite."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click
import requests

from simulator import admin_token as tokens
from simulator.cli_errors import TIMEOUT, LearnsimGroup, Trouble, client_session, explain_listen
from simulator.sis.integration import IntegrationError

REPO = Path(__file__).resolve().parent.parent
POST_EXIT_CODES = """Exit codes: 0 every row was applied; 1 some rows failed (see the log);
2 the file was refused, or could not be sent (bad URL, credentials, connection)."""


@click.group(cls=LearnsimGroup)
@click.version_option(package_name="learnsim")
@click.option("--debug", is_flag=True, help="Show Python tracebacks instead of short messages.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """A simulated Blackboard Learn and a conformance suite for Learn's provisioning interfaces."""
    ctx.meta["learnsim.debug"] = debug


def tls_options(command):
    """--cacert and --insecure, for every command that talks to a server."""
    command = click.option("--insecure", is_flag=True,
                           help="Do not check the server's HTTPS certificate (test servers only).")(command)
    return click.option("--cacert", type=click.Path(exists=True, dir_okay=False), default=None,
                        help="Trust the HTTPS certificate (or CA) in this PEM file, e.g. a self-signed `learnsim serve`.")(command)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to listen on (0 picks a free one).")
@click.option("--threads", default=4, show_default=True, type=int, help="Worker threads.")
@click.option("--integration", "bbid", default=None, help="Create this SIS integration at start (e.g. BBLEARN).")
@click.option("--username", default=None, help="Its shared username (default: a generated UUID).")
@click.option("--password", default="changeme", show_default=True, help="Its shared password.")
@click.option("--data-source", default="SIS.DEFAULT", show_default=True, help="Its data source key.")
@click.option("--rest-app", default=None, metavar="KEY:SECRET", help="Register a REST application at start.")
@click.option("--certfile", default=None, type=click.Path(exists=True, dir_okay=False),
              help="Serve HTTPS with this PEM certificate (with its chain); needs --keyfile.")
@click.option("--keyfile", default=None, type=click.Path(exists=True, dir_okay=False),
              help="The PEM private key of --certfile.")
@click.option("--connector-account", default=None, metavar="USER:PASSWORD",
              help="A service account for the identity-management connector (besides Learn's system administrators).")
@click.option("--connector-https-only", is_flag=True, help="The connector refuses plain HTTP.")
@click.option("--immediate-feeds", is_flag=True,
              help="Apply each feed within its POST (the in-process mode) instead of acknowledging it once its "
                   "body is read and applying it in one background worker, in arrival order, as Learn does.")
@click.option("--max-body", default="512MiB", show_default=True, metavar="SIZE",
              help="Largest request body (bytes, or with KiB/MiB/GiB); a larger one is refused with 413 before it is read.")
@click.option("--connection-limit", default=1000, show_default=True, type=click.IntRange(1, 100_000),
              help="Connections served at once; more wait to be accepted.")
@click.option("--idle-timeout", default=30, show_default=True, type=click.IntRange(1, 3600),
              help="Seconds a connection may stay silent (idle, or stalled while sending) before it is closed.")
@click.option("--keep-datasets", default=10_000, show_default=True, type=click.IntRange(1, 10_000_000),
              help="Data sets (with their logs) kept; older ones are forgotten and their status answers 404 'expired'.")
@click.option("--admin-token", envvar=tokens.ENV, show_envvar=True, default=None, metavar="TOKEN",
              help="The token every /_sim/ (control API) call must send as `Authorization: Bearer TOKEN`. "
                   "Without it, one is generated and written to --admin-token-file.")
@click.option("--admin-token-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where a generated token is written, readable by you only [default: "
                   "$XDG_RUNTIME_DIR/learnsim/admin-token, else ~/.learnsim/admin-token]. "
                   "`learnsim post/log/check` read the default file when given no token.")
@click.option("--open-control", is_flag=True,
              help="No token for the control API: anyone who can reach the server may reset it. "
                   "Refused unless --host is a loopback address.")
@click.option("--public-url", default=None, metavar="URL",
              help="The server's public base URL, used in every absolute link it writes and as its own "
                   "origin [default: the listening address].")
@click.option("--administrator", default=None, metavar="USER:PASSWORD",
              help="Create a System Administrator at start, to log in to Learn's pages (/webapps/login/).")
def serve(host: str, port: int, threads: int, bbid: str | None, username: str | None, password: str,
          data_source: str, rest_app: str | None, certfile: str | None, keyfile: str | None,
          connector_account: str | None, connector_https_only: bool, immediate_feeds: bool,
          max_body: str, connection_limit: int, idle_timeout: int, keep_datasets: int,
          admin_token: str | None, admin_token_file: Path | None, open_control: bool, public_url: str | None,
          administrator: str | None) -> None:
    """Run the simulator as a real HTTP server (waitress), or HTTPS with --certfile/--keyfile (cheroot).

    A feed post is answered as soon as its body is read and its data set queued; poll
    dataSetStatus until queuedCount is 0, as Learn's clients do (`learnsim post` does).

    Every call to the control API (/_sim/) needs `Authorization: Bearer <admin token>`: give the
    token with --admin-token or LEARNSIM_ADMIN_TOKEN, or let the server generate one; it then
    prints the path of the owner-only file holding it (never the token), e.g.

    \b
        curl -H "Authorization: Bearer $(cat ~/.learnsim/admin-token)" http://127.0.0.1:8080/_sim/clock
    """
    if bool(certfile) != bool(keyfile):
        raise click.UsageError("--certfile and --keyfile go together: give both to serve HTTPS, or neither")
    from simulator.core import Simulator
    from simulator.http import create_app
    from simulator.serving import Limits, http_server, https_server, parse_size

    try:
        limits = Limits(threads=threads, max_body=parse_size(max_body), connection_limit=connection_limit,
                        idle_timeout=idle_timeout)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--max-body") from None

    def simulator() -> Simulator:
        sim = Simulator()
        sim.sis.keep_datasets = keep_datasets
        return sim

    token, notice = _control_token(host, admin_token, admin_token_file, open_control)
    app = create_app(simulator, asynchronous=not immediate_feeds, max_body=limits.max_body, admin_token=token,
                     open_control=open_control, public_url=public_url)
    if bbid:
        settings = {"data_source_key": data_source, "password": password}
        if username:
            settings["username"] = username
        try:
            integration, _ = app.sim.sis.put_integration(bbid, settings)
        except IntegrationError as exc:
            raise click.BadParameter(str(exc)) from None
        click.echo(f"integration {bbid}: username {integration.username} data source {data_source} "
                   "(password: the one given with --password; it is never printed)")
    if administrator:
        from simulator.ui.accounts import add_administrator

        admin_name, _, admin_password = administrator.partition(":")
        try:
            add_administrator(app.sim.learn, admin_name, admin_password)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--administrator") from None
        click.echo(f"System Administrator {admin_name}: log in at /webapps/login/")
    if rest_app:
        key, _, secret = rest_app.partition(":")
        if not key or not secret:
            raise click.BadParameter(f"{rest_app!r} needs both parts, KEY:SECRET (e.g. demo:s3cret); "
                                     "a REST application without a secret could not get a token", param_hint="--rest-app")
        app.sim.rest.register(key, secret)
        click.echo(f"REST application {key} registered")
    if connector_account or connector_https_only:
        from simulator.connector.errors import Refusal

        account_name, _, account_password = (connector_account or "").partition(":")
        settings = {"httpsOnly": connector_https_only}
        if connector_account:
            settings["serviceAccount"] = {"userName": account_name, "password": account_password}
        try:
            app.sim.connector.configure(settings)
        except Refusal as exc:
            raise click.BadParameter(str(exc), param_hint="--connector-account") from None
        click.echo(f"connector at {app.sim.connector.public()['path']}"
                   + (f": service account {account_name}" if connector_account else "")
                   + ("; HTTPS only" if connector_https_only else ""))
    if certfile and keyfile:
        try:
            tls_server = https_server(app, host, port, certfile, keyfile, limits)
        except OSError as exc:
            raise Trouble(explain_listen(exc, host, port)) from None
        app.public_url = app.public_url or _listening_url("https", host, tls_server.bind_addr[1])
        click.echo(notice)
        click.echo(f"learnsim serving on https://{host}:{tls_server.bind_addr[1]}")
        sys.stdout.flush()
        try:
            tls_server.serve()
        except KeyboardInterrupt:
            tls_server.stop()
        return
    try:
        server = http_server(app, host, port, limits)
    except OSError as exc:
        raise Trouble(explain_listen(exc, host, port)) from None
    app.public_url = app.public_url or _listening_url("http", host, server.effective_port)
    click.echo(notice)
    click.echo(f"learnsim serving on http://{host}:{server.effective_port}", err=False)
    sys.stdout.flush()
    try:
        server.run()
    except KeyboardInterrupt:
        pass


def _loopback_only(host: str) -> bool:
    import ipaddress
    import socket

    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False
    return bool(addresses) and all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses)


def _control_token(host: str, given: str | None, token_file: Path | None, open_control: bool) -> tuple[str | None, str]:
    """The control API's admin token (None when open) and what to tell the operator about it."""
    if open_control:
        if not _loopback_only(host):
            raise click.BadParameter(f"{host} is not a loopback-only address; an open control API would let anyone "
                                     "on the network reset the simulator", param_hint="--open-control")
        return None, "control API (/_sim/): open, no token (--open-control, loopback only)"
    if given:
        problem = tokens.problem(given)
        if problem:
            raise click.BadParameter(problem, param_hint="--admin-token / LEARNSIM_ADMIN_TOKEN")
        return given, "control API (/_sim/): send Authorization: Bearer <the token of --admin-token / LEARNSIM_ADMIN_TOKEN>"
    token = tokens.generate()
    try:
        path = tokens.write(token_file or tokens.default_file(), token)
    except OSError as exc:
        raise click.BadParameter(f"cannot write the admin token file: {exc}", param_hint="--admin-token-file") from None
    return token, f"control API (/_sim/): send Authorization: Bearer <token>; the token is in {path} (readable by you only)"


def _listening_url(scheme: str, host: str, port: int) -> str:
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    return f"{scheme}://{'[' + shown + ']' if ':' in shown else shown}:{port}"


def _endpoint(url: str, bbid: str) -> str:
    return f"{url.rstrip('/')}/webapps/bb-data-integration-flatfile-{bbid}/endpoint"


@main.command(epilog=POST_EXIT_CODES)
@click.argument("feed", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", required=True, help="Learn's base URL, e.g. http://127.0.0.1:8080.")
@click.option("--integration", "bbid", default="BBLEARN", show_default=True)
@click.option("--username", required=True, help="The integration's shared username.")
@click.option("--password", required=True, help="The integration's shared password.")
@click.option("--object", "object_name", default="person", show_default=True)
@click.option("--operation", default="store", show_default=True,
              type=click.Choice(["store", "refresh", "refreshlegacy", "delete"]))
@click.option("--dry-run", is_flag=True, help="Ask the simulator what would change, changing nothing.")
@click.option("--json", "as_json", is_flag=True, help="With --dry-run: print the simulator's JSON answer instead of tables.")
@click.option("--wait/--no-wait", default=True, show_default=True, help="Poll dataSetStatus until no row is queued.")
@tls_options
@click.option("--admin-token", envvar=tokens.ENV, show_envvar=True, default=None, metavar="TOKEN",
              help="The simulator's control API token, to print the data set log "
                   "[default: the token file `learnsim serve` wrote].")
def post(feed: Path, url: str, bbid: str, username: str, password: str, object_name: str, operation: str,
         dry_run: bool, as_json: bool, wait: bool, cacert: str | None, insecure: bool, admin_token: str | None) -> None:
    """Post a feed file as Learn's feed scripts do, then report its data set status and log."""
    http = client_session(cacert, insecure)
    http.auth = (username, password)
    endpoint = _endpoint(url, bbid)
    response = http.post(f"{endpoint}/{object_name}/{operation}", data=feed.read_bytes(),
                         params={"dryRun": "true"} if dry_run else None, timeout=TIMEOUT)
    if response.status_code != 200:
        raise Trouble(_refusal(response, url, bbid))
    if dry_run:
        _show_dry_run(response, as_json)
        return
    click.echo(response.text)
    if not wait:
        return
    uid = response.text.split("reference code ")[1].split()[0]
    status = _wait_for(http, f"{endpoint}/dataSetStatus/{uid}")
    click.echo(status)
    summary = _show_log(http, url, uid, admin_token)
    counts = _counts(status)
    if summary and summary.get("refused"):
        click.echo(f"Error: the file was refused: {summary['refused']}", err=True)
        sys.exit(2)
    if counts["errorCount"]:
        click.echo(f"{counts['errorCount']} of {counts['completedCount']} rows failed (see the log above).", err=True)
        sys.exit(1)


def _refusal(response: requests.Response, url: str, bbid: str) -> str:
    """What a refused post means, in a line or two."""
    said = response.text.strip()[:500]
    if response.status_code == 401:
        return (f"{url} refused the integration credentials (HTTP 401).\n"
                f"Use the shared username and password of integration {bbid} (not a Learn user's), e.g. from `learnsim serve`'s output.")
    if response.status_code == 404:
        return f"HTTP 404: {said}\nCheck --integration, --object and --url."
    return f"HTTP {response.status_code}: {said}"


def _show_dry_run(response: requests.Response, as_json: bool) -> None:
    if not response.headers.get("Content-Type", "").startswith("application/json"):
        raise Trouble("the server does not do dry runs (its answer is not a report): "
                      "?dryRun=true is a learnsim feature, a real Learn has none")
    if as_json:
        click.echo(json.dumps(response.json(), indent=2))
        return
    from simulator.cli_views import print_dry_run

    print_dry_run(response.json())


def _counts(xml: str) -> dict[str, int]:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(xml.strip())
    return {child.tag: int(child.text) for child in root if child.tag.endswith("Count")}


def _wait_for(http: requests.Session, status_url: str) -> str:
    """Poll dataSetStatus until no row is queued, with a progress bar of processed rows."""
    from tqdm import tqdm

    bar = None
    while True:
        response = http.get(status_url, timeout=TIMEOUT)
        if response.status_code != 200:
            raise Trouble(f"dataSetStatus answered HTTP {response.status_code}: {response.text.strip()[:500]}")
        counts = _counts(response.text)
        if counts["queuedCount"] == 0:
            if bar is not None:
                bar.update(counts["completedCount"] - bar.n)
                bar.close()
            return response.text
        if bar is None:
            bar = tqdm(total=counts["completedCount"] + counts["queuedCount"], unit="row", desc="processing")
        bar.update(counts["completedCount"] - bar.n)
        time.sleep(1)


def _fetch_log(http: requests.Session, url: str, uid: str, token: str | None) -> requests.Response:
    return http.get(f"{url.rstrip('/')}/_sim/datasets/{uid}/log", auth=tokens.BearerAuth(tokens.find(token)),
                    timeout=TIMEOUT)


def _show_log(http: requests.Session, url: str, uid: str, token: str | None) -> dict | None:
    """Print a simulator data set's log and return its summary; a real Learn has no such endpoint, so None."""
    response = _fetch_log(http, url, uid, token)
    if response.status_code == 200 and response.headers.get("Content-Type", "").startswith("application/json"):
        from simulator.cli_views import print_log

        body = response.json()
        print_log(body["entries"])
        return body
    return None


@main.command()
@click.argument("uid")
@click.option("--url", required=True, help="The simulator's base URL.")
@tls_options
@click.option("--admin-token", envvar=tokens.ENV, show_envvar=True, default=None, metavar="TOKEN",
              help="The simulator's control API token [default: the token file `learnsim serve` wrote].")
def log(uid: str, url: str, cacert: str | None, insecure: bool, admin_token: str | None) -> None:
    """Print a data set's log (simulator only: Learn shows it in its admin UI)."""
    response = _fetch_log(client_session(cacert, insecure), url, uid, admin_token)
    if response.status_code == 401:
        raise Trouble(f"{url} refused the control API token (HTTP 401).\nGive the server's admin token with "
                      f"--admin-token or {tokens.ENV} (`learnsim serve` printed where it wrote its token).")
    if response.status_code == 404:
        raise Trouble(f"{url} has no data set {uid!r} (HTTP 404).\nCheck the reference code printed when the feed was posted.")
    if response.status_code != 200 or not response.headers.get("Content-Type", "").startswith("application/json"):
        raise Trouble(f"no log for {uid}: HTTP {response.status_code} {response.text.strip()[:300]}\n"
                      "Data set logs are read from a learnsim server's control API; a real Learn shows them in its admin pages.")
    from simulator.cli_views import print_log

    print_log(response.json()["entries"])


@main.command()
@click.argument("count", type=int)
@click.option("--seed", default=1, show_default=True, help="Same seed, same file.")
@click.option("--data-source", default="SIS.PERSONS", show_default=True, help="Data source of a person file.")
@click.option("--start", default=0, show_default=True, help="Number of the first person.")
@click.option("--object", "object_name", default="person", show_default=True,
              type=click.Choice(["person", "term", "course", "membership", "coursecategory", "coursecategorymembership"]),
              help="Which file: COUNT persons, the term, COUNT courses, the enrolments of COUNT persons, "
                   "the categories, or the courses' places in them.")
@click.option("--courses", default=0, help="Courses the enrolments and places use (default: COUNT / 25).")
@click.option("--job", "job_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write a whole nightly job for COUNT persons into this folder (one <object>.txt per object).")
@click.option("--output", "-o", type=click.File("w"), default="-", help="Where to write (default: stdout).")
def generate(count: int, seed: int, data_source: str, start: int, object_name: str, courses: int,
             job_dir: Path | None, output) -> None:
    """Write a synthetic feed (pipe-delimited): by default COUNT person rows."""
    from simulator.generate import HEADER, person_rows
    from simulator.generate_job import feed, write_job

    if job_dir is not None:
        for path in write_job(job_dir, count, courses, seed):
            click.echo(str(path))
        return
    if object_name == "person":
        header, rows = HEADER, person_rows(count, seed=seed, data_source=data_source, start=start)
    else:
        header, rows = feed(object_name, count, courses, seed)
    output.write(header + "\n")
    for row in rows:
        output.write(row + "\n")


TARGETS = ("inprocess", "server", "live")


def check_arguments(target: str, config: Path | None, live: bool, allow_destructive: bool, report_dir: Path,
                    expected_failures: Path | None, pytest_args: tuple[str, ...], url: str | None = None) -> list[str]:
    """The pytest command line `learnsim check` runs (a URL as target means a live Learn at that URL)."""
    if not (REPO / "features").is_dir():
        raise click.UsageError(f"the scenarios are not next to the installed package ({REPO / 'features'} is missing): "
                               "install learnsim from a checkout with `pip install -e .`")
    args = [str(REPO / "steps"), "--rootdir", str(REPO), "-q", f"--learn-report-dir={report_dir.resolve()}"]
    if target.startswith(("http://", "https://")):
        args += ["--learn-target=live", f"--learn-url={target}"]
    elif target in TARGETS:
        args.append(f"--learn-target={target}")
    else:
        raise click.BadParameter(f"{target!r} is none of {', '.join(TARGETS)} and not an http(s) URL", param_hint="--target")
    if url is not None:
        if target == "inprocess":
            raise click.UsageError("--url names a running server: use it with --target server (a `learnsim serve`) "
                                   "or --target live (a real Learn)")
        if not url.startswith(("http://", "https://")):
            raise click.BadParameter(f"{url!r} is not an http(s) URL", param_hint="--url")
        args.append(f"--learn-url={url}")
    if config is not None:
        args.append(f"--learn-config={config}")
    elif "--learn-target=live" in args:
        raise click.UsageError("a live target needs --config <target file> (see fixtures/targets/learn.example.toml); "
                               "to check a running `learnsim serve`, use --target server --url URL")
    if live:
        args.append("--live")
    if allow_destructive:
        args.append("--allow-destructive")
    if expected_failures is not None:
        args.append(f"--expected-failures={expected_failures}")
    return [*args, *pytest_args]


@main.command(context_settings={"ignore_unknown_options": True})
@click.option("--target", default="inprocess", show_default=True, metavar="inprocess|server|live|URL",
              help="Where the scenarios run. inprocess: a fresh built-in simulator per scenario, no sockets. "
                   "server: a `learnsim serve` over HTTP — started for the run, or the one at --url. "
                   "live: a real Learn named by --config (needs --live). A URL is short for live at that URL.")
@click.option("--url", default=None, help="With --target server: check this already-running `learnsim serve` "
              "(e.g. http://127.0.0.1:8080) instead of starting one; with live: overrides the target file's URL.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Target file for a live Learn (URL, integration, REST application, connector).")
@click.option("--live", is_flag=True, help="Confirm that the run may write (prefixed, cleaned-up) records to a live Learn.")
@click.option("--allow-destructive", is_flag=True, help="Also run @destructive scenarios (refresh operations) on live.")
@click.option("--report-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"),
              show_default=True, help="Folder for cucumber.json, junit.xml, report.html and grades.json.")
@click.option("--expected-failures", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="TOML file of scenarios expected to fail on this target, each with a reason.")
@click.option("--admin-token", envvar=tokens.ENV, show_envvar=True, default=None, metavar="TOKEN",
              help="For --target server with --learn-url: that server's control API token "
                   "[default: the token file `learnsim serve` wrote].")
@click.argument("pytest_args", nargs=-1, type=click.UNPROCESSED)
def check(target: str, url: str | None, config: Path | None, live: bool, allow_destructive: bool, report_dir: Path,
          expected_failures: Path | None, admin_token: str | None, pytest_args: tuple[str, ...]) -> None:
    """Run the conformance scenarios against a target and write the reports.

    With no arguments every scenario runs on the built-in simulator. Extra arguments go
    to pytest (e.g. `-n auto`). The exit code is 0 only when the target conforms.
    """
    import os

    import pytest

    if admin_token:
        os.environ[tokens.ENV] = admin_token
    sys.exit(int(pytest.main(check_arguments(target, config, live, allow_destructive, report_dir,
                                             expected_failures, pytest_args, url))))


if __name__ == "__main__":
    main()
