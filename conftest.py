"""The suite's pytest plugin (`steps.plugin`) is registered through the `pytest11` entry
point `steps.plugin` of the installed package, for this repository and for anyone's tests
alike; it is not listed here. (The entry point carries the module's name, so an explicit
`pytest_plugins = ["steps.plugin"]` elsewhere finds it registered and adds nothing.)"""

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings

# A shared, busy 2-core machine makes single examples slow now and then: property tests
# judge behaviour, never speed (the benchmarks measure that).
settings.register_profile("learnsim", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("learnsim")


@pytest.fixture(autouse=True)
def learn_rest_contract(request, monkeypatch):
    """Every REST answer a test produces is checked against Learn's published contract
    (`tests/contract.py`): answers of the in-process app where it dispatches them, and
    answers that come over loopback HTTP from a `learnsim serve` where `requests`
    receives them. A test that saw a violation fails, listing them."""
    import requests

    from simulator.http.app import LearnApp
    from tests.contract import ContractWatch

    watch = ContractWatch()
    dispatch, send = LearnApp.dispatch, requests.Session.send

    def checked_dispatch(app, learn_request):
        response = dispatch(app, learn_request)
        if learn_request.path.startswith("/learn/api/"):
            watch.see(learn_request.method, learn_request.path, response.status_code, response.get_data())
        return response

    def checked_send(session, prepared, **kwargs):
        response = send(session, prepared, **kwargs)
        host = requests.utils.urlparse(prepared.url).hostname or ""
        if host in ("127.0.0.1", "localhost", "::1") and not kwargs.get("stream"):
            watch.see(prepared.method, prepared.path_url, response.status_code, response.content)
        return response

    monkeypatch.setattr(LearnApp, "dispatch", checked_dispatch)
    monkeypatch.setattr(requests.Session, "send", checked_send)
    yield watch
    if watch.violations:
        shown = "\n".join(watch.violations[:20])
        pytest.fail(f"{len(watch.violations)} REST answers broke Learn's published contract:\n{shown}", pytrace=False)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `heavy` go first. They share servers and nested conformance runs through
    module fixtures; on xdist (`tox` runs `--dist worksteal`) the first worker's queue starts
    with them, and an idle worker steals from the end of a queue, so they stay on one worker
    and each shared run happens once. (`loadscope`/`loadgroup` would keep them together too,
    but they merge schemathesis' cases, which share one node id, into a single test.)"""
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)
