"""Replays of issue 9's "kept in clear and compared with ==": the integration's shared
password and the Connect account password are stored salted and hashed, and checked
with `hmac.compare_digest`."""
from __future__ import annotations

import hmac

import pytest

from simulator import Simulator
from simulator.connect.service import ConnectError
from simulator.learn import passwords


@pytest.fixture
def compared(monkeypatch):
    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(passwords.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    return calls


def test_the_integration_password_is_kept_hashed_and_checked_in_constant_time(compared):
    sim = Simulator()
    integration, _ = sim.sis.put_integration("BBLEARN", {"data_source_key": "SIS", "password": "s3cret-pw"})
    assert isinstance(integration.password, bytes) and b"s3cret-pw" not in integration.password
    other, _ = sim.sis.put_integration("HR", {"data_source_key": "HR", "password": "s3cret-pw"})
    assert other.password != integration.password, "salted: the same password hashes differently"
    assert sim.sis.authenticate("BBLEARN", integration.username, "s3cret-pw") is integration
    assert compared, "the password was not compared with hmac.compare_digest"
    assert sim.sis.authenticate("BBLEARN", integration.username, "s3cret-pX") is None
    assert sim.sis.authenticate("BBLEARN", "someone-else", "s3cret-pw") is None
    sim.sis.put_integration("BBLEARN", {"password": "n3w-pw"})
    assert sim.sis.authenticate("BBLEARN", integration.username, "n3w-pw") is integration
    assert "password" not in integration.public()


def test_the_connect_account_password_is_kept_hashed_and_checked_in_constant_time(compared):
    service = Simulator().connect.service
    account = service.put_account("acme", "c0nnect-pw", "SIS1", "it@example.edu")
    assert isinstance(account.password, bytes) and b"c0nnect-pw" not in account.password
    assert service.sign_in("acme", "c0nnect-pw", "SIS1") is account and compared
    with pytest.raises(ConnectError, match="refused the password"):
        service.sign_in("acme", "c0nnect-pX", "SIS1")
    assert "c0nnect-pw" not in repr(account.public())


def test_a_row_with_pwencryptiontype_and_passwd_swapped_keeps_the_password_out_of_the_log():
    """Replay: the enumeration error quoted PWENCRYPTIONTYPE's value, which was the password."""
    from tests.helpers import post, simulator_with

    sim = simulator_with()
    body = b"EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|PWENCRYPTIONTYPE|PASSWD\nk1|u1|A|B|Sw4pped!pw|MD5\n"
    data_set = post(sim, "store", body)
    [error] = [e for e in data_set.log if e.level == "ERROR"]
    assert error.field == "pwencryptiontype" and "pwencryptiontype" in error.message
    assert not any("Sw4pped" in e.message for e in data_set.log)
