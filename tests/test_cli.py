"""What a person sees when they make the usual mistakes with `learnsim`: one or two lines
that say what happened and what to do, exit code 2 — and `learnsim post`'s exit codes
(0 all rows applied, 1 some rows failed, 2 refused or not sent)."""
from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import check_arguments, main
from tests.served import ADMIN_TOKEN, certificate_files, learnsim_serve

BBID, USER, PASSWORD, DSK = "BBLEARN", "feed-user", "feed-Pa55", "SIS.CLI"
HEADER = "EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME"


def run(*args: str):
    return CliRunner(env={"LEARNSIM_ADMIN_TOKEN": ADMIN_TOKEN}).invoke(main, list(args))


def short_failure(result, code: int = 2) -> str:
    """The result failed with `code` and said so in at most two lines, without a traceback."""
    text = result.output.strip()
    assert result.exit_code == code, text
    assert "Traceback" not in text and len(text.splitlines()) <= 2, text
    return text


@pytest.fixture(scope="module")
def server():
    with learnsim_serve("--integration", BBID, "--username", USER, "--password", PASSWORD, "--data-source", DSK) as url:
        yield url


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    certfile, keyfile, cafile = certificate_files(tmp_path_factory.mktemp("tls"))
    with learnsim_serve("--certfile", certfile, "--keyfile", keyfile, "--integration", BBID,
                        "--username", USER, "--password", PASSWORD, "--data-source", DSK) as url:
        yield url, cafile


def feed(tmp_path: Path, *rows: str, header: str = HEADER) -> str:
    path = tmp_path / "persons.txt"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return str(path)


def post(url: str, path: str, *extra: str):
    return run("post", path, "--url", url, "--username", USER, "--password", PASSWORD, *extra)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_nothing_listening_is_a_short_message(tmp_path: Path) -> None:
    text = short_failure(post(f"http://127.0.0.1:{free_port()}", feed(tmp_path, "k1|u1|A|B")))
    assert "could not connect" in text and "learnsim serve" in text
    text = short_failure(run("log", "0" * 32, "--url", f"http://127.0.0.1:{free_port()}"))
    assert "could not connect" in text


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--debug", "post", feed(tmp_path, "k1|u1|A|B"), "--url",
                                       f"http://127.0.0.1:{free_port()}", "--username", USER, "--password", PASSWORD])
    assert result.exit_code != 0 and result.exception is not None and "Connection" in type(result.exception).__name__


def test_https_to_a_plain_server_says_so(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a plain server never answers the TLS handshake: the post waits out its connect timeout
    # (5 s for users), so the test gives it 1 s (a loopback connect needs far less)
    monkeypatch.setattr("simulator.cli.TIMEOUT", (1, 600))
    text = short_failure(post(server.replace("http://", "https://"), feed(tmp_path, "k1|u1|A|B")))
    assert "does not speak HTTPS" in text and "http://" in text


def test_an_untrusted_certificate_names_the_options(tls, tmp_path: Path) -> None:
    url, cafile = tls
    text = short_failure(post(url, feed(tmp_path, "k1|u1|A|B")))
    assert "not trusted" in text and "--cacert" in text and "--insecure" in text
    assert post(url, feed(tmp_path, "k1|u1|A|B"), "--cacert", cafile).exit_code == 0
    assert post(url, feed(tmp_path, "k2|u2|A|B"), "--insecure").exit_code == 0


def test_wrong_credentials_and_unknown_integration(server: str, tmp_path: Path) -> None:
    path = feed(tmp_path, "k1|u1|A|B")
    text = short_failure(run("post", path, "--url", server, "--username", USER, "--password", "wrong"))
    assert "401" in text and "shared username and password" in text
    text = short_failure(post(server, path, "--integration", "NOPE"))
    assert "404" in text and "NOPE" in text


def test_a_missing_file_is_a_usage_error(server: str, tmp_path: Path) -> None:
    result = post(server, str(tmp_path / "absent.txt"))
    assert result.exit_code == 2 and "does not exist" in result.output and "Traceback" not in result.output


def test_post_exit_codes(server: str, tmp_path: Path) -> None:
    good = post(server, feed(tmp_path, "cli-k1|cli-u1|Ann|Lee", "cli-k2|cli-u2|Bo|Ray"))
    assert good.exit_code == 0, good.output
    partly = post(server, feed(tmp_path, "cli-k3|cli-u3|Cy|Fox", "cli-k4|cli-u4|only-three-fields"))
    assert partly.exit_code == 1, partly.output
    assert "1 of 2 rows failed" in partly.output and "line 3" in partly.output
    refused = post(server, feed(tmp_path, "cli-k5|Dee", header="EXTERNAL_PERSON_KEY|FIRSTNAME"))
    assert refused.exit_code == 2, refused.output
    assert "the file was refused" in refused.output and "user_id" in refused.output


def test_a_header_with_another_delimiter_is_named(server: str, tmp_path: Path) -> None:
    path = feed(tmp_path, "cli-k9,cli-u9,Eve,Oak", header=HEADER.replace("|", ","))
    result = post(server, path)
    assert result.exit_code == 2
    assert "splits on ','" in result.output and "expects '|'" in result.output


def test_dry_run_is_readable_and_json_on_request(server: str, tmp_path: Path) -> None:
    path = feed(tmp_path, "cli-d1|cli-du1|Fay|Ash", "cli-d2|cli-du2|bad")
    readable = post(server, path, "--dry-run")
    assert readable.exit_code == 0, readable.output
    lines = readable.output.splitlines()
    assert lines[0].startswith("Dry run: person store, 2 rows") and "nothing was changed" in lines[0]
    assert any(line.split() == ["created", "1"] for line in lines)
    assert any(line.split()[:2] == ["created", "cli-d1"] for line in lines)
    assert any("line 3" in line and "ERROR" in line for line in lines)
    machine = post(server, path, "--dry-run", "--json")
    report = json.loads(machine.output)
    assert report["dryRun"] is True and report["outcomes"]["created"] == 1 and report["changes"]["created"] == ["cli-d1"]


def test_log_of_an_unknown_data_set(server: str) -> None:
    text = short_failure(run("log", "f" * 32, "--url", server))
    assert "no data set" in text


def test_serve_refuses_a_rest_app_without_secret() -> None:
    result = run("serve", "--port", "0", "--rest-app", "demo")
    assert result.exit_code == 2 and "KEY:SECRET" in result.output and "Traceback" not in result.output


def test_serve_on_a_port_in_use() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        text = short_failure(run("serve", "--port", str(port)))
    assert "already in use" in text and "--port" in text


def test_check_a_running_server(tmp_path: Path) -> None:
    args = check_arguments("server", None, False, False, tmp_path, None, (), url="http://127.0.0.1:8080")
    assert "--learn-target=server" in args and "--learn-url=http://127.0.0.1:8080" in args
    result = run("check", "--url", "http://127.0.0.1:8080")
    assert result.exit_code == 2 and "--target server" in result.output
    assert "already-running" in " ".join(run("check", "--help").output.split()).replace("- ", "-")
