"""Browser tests: headless Chromium (Debian's `chromium` + `chromium-driver`) driven by
Selenium against a real `learnsim serve` on loopback.

They run only in `tox -e ui` (which sets LEARNSIM_BROWSER_TESTS=1), never in the default
run. There, a missing browser or driver is an error that says how to install them: the
environment never passes without having driven a browser.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

if not os.environ.get("LEARNSIM_BROWSER_TESTS"):
    collect_ignore_glob = ["test_*.py"]

CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1100,820", "--hide-scrollbars")
INSTALL = "apt-get update && apt-get install -y chromium chromium-driver"
ADMIN = ("administrator", "Adm1n-" + secrets.token_hex(4))


def _found(names: tuple[str, ...], env: str) -> str | None:
    given = os.environ.get(env)
    if given:
        return given if Path(given).is_file() else None
    for name in names:
        path = shutil.which(name) or (name if Path(name).is_file() else None)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def chromium() -> tuple[str, str]:
    """(browser, driver) paths; fails the run — never skips it — when either is missing."""
    browser = _found(("chromium", "/usr/bin/chromium", "chromium-browser"), "LEARNSIM_CHROMIUM")
    driver = _found(("chromedriver", "/usr/bin/chromedriver"), "LEARNSIM_CHROMEDRIVER")
    if browser is None or driver is None:
        missing = " and ".join(n for n, p in (("a Chromium browser", browser), ("chromedriver", driver)) if p is None)
        pytest.fail(f"tox -e ui needs {missing}; none was found (install them with `{INSTALL}`, or set "
                    "LEARNSIM_CHROMIUM / LEARNSIM_CHROMEDRIVER). The browser tests did NOT run.", pytrace=False)
    return browser, driver


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """A `learnsim serve` on a free loopback port, with a System Administrator to log in as."""
    token = secrets.token_urlsafe(16)
    process = subprocess.Popen(
        [sys.executable, "-m", "simulator.cli", "serve", "--port", "0", "--administrator", ":".join(ADMIN)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "LEARNSIM_ADMIN_TOKEN": token})
    url, seen, deadline = None, [], time.monotonic() + 60
    while url is None and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            break
        seen.append(line)
        match = re.search(r"serving on (http://\S+)", line)
        if match:
            url = match.group(1).rstrip("/")
    if url is None:
        process.kill()
        pytest.fail("learnsim serve did not start: " + "".join(seen), pytrace=False)
    os.environ["LEARNSIM_UI_CONTROL_TOKEN"] = token
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where page screenshots go: LEARNSIM_SCREENSHOTS (docs/ui to refresh the docs) or a temp dir."""
    folder = Path(os.environ.get("LEARNSIM_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser(chromium: tuple[str, str]) -> Iterator:
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium fetch a driver: use Debian's
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = chromium
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in CHROMIUM_ARGS:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.quit()
