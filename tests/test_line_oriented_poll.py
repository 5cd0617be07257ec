"""Blackboard's Snapshot automation script reads dataSetStatus line by line (`grep
'<completedCount>'`, then strips the tags): against a real `learnsim serve`, a `sh`
loop with curl, grep and sed posts a feed and finishes — with GET and with POST."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.served import REPO, learnsim_serve

SCRIPT = REPO / "tests" / "scripts" / "snapshot_poll.sh"
BBID, USER, PASSWORD = "SHELL", "shell-sis", "shell-Pa55"
FEED = "EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME\n" + "".join(
    f"sh{i}|sh{i}|pw|Shell|User{i}\n" for i in range(5)) + "sh1|dup|pw|Bad|Row\n"

pytestmark = pytest.mark.skipif(not (shutil.which("sh") and shutil.which("curl")), reason="needs sh and curl")


@pytest.fixture(scope="module")
def server():
    with learnsim_serve("--integration", BBID, "--username", USER, "--password", PASSWORD) as url:
        yield url


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_line_oriented_shell_poll_finishes(server, tmp_path, method):
    feed = tmp_path / "people.txt"
    feed.write_text(FEED, encoding="utf-8")
    done = subprocess.run(["sh", str(SCRIPT), server, BBID, USER, PASSWORD, str(feed), method],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().startswith("processed 6 of 6 records, "), done.stdout
