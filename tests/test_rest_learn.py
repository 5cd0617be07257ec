"""Learn's REST API as its published contract describes it: token from the query string,
paging as Learn writes `nextPage`, the SIS data set log."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from werkzeug.test import Client

from simulator.http import create_app

V1 = "/learn/api/public/v1"
BASE = "/webapps/bb-data-integration-flatfile-BBLEARN/endpoint"
HEADER = "EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|GENDER|EMAILADDRESS\n"


class Learn(Client):
    """An in-process Learn with one SIS integration and one REST application."""

    def feed(self, rows: list[str], operation: str = "store") -> str:
        body = (HEADER + "".join(row + "\n" for row in rows)).encode()
        answer = self.post(f"{BASE}/person/{operation}", data=body, auth=self.sis_auth)
        assert answer.status_code == 200, answer.text
        return answer.text.split()[-8]

    def rest(self, path: str, **params):
        return self.get(f"/learn/api/public{path}", query_string=params, headers=self.bearer)


@pytest.fixture
def learn() -> Learn:
    client = Learn(create_app(open_control=True))
    body = client.put("/_sim/integrations/BBLEARN", json={"data_source_key": "SIS", "password": "pw"}).json
    client.sis_auth = (body["username"], "pw")
    client.post("/_sim/rest-apps", json={"key": "k", "secret": "s"})
    token = client.post(f"{V1}/oauth2/token?grant_type=client_credentials", auth=("k", "s")).json
    client.bearer = {"Authorization": f"Bearer {token['access_token']}"}
    return client


def test_the_token_endpoint_takes_grant_type_from_the_query_or_the_form(learn):
    by_query = learn.post(f"{V1}/oauth2/token?grant_type=client_credentials", auth=("k", "s"))
    by_form = learn.post(f"{V1}/oauth2/token", data={"grant_type": "client_credentials"}, auth=("k", "s"))
    assert by_query.status_code == by_form.status_code == 200
    wrong = learn.post(f"{V1}/oauth2/token?grant_type=password", auth=("k", "s"))
    assert wrong.status_code == 400 and wrong.json["error"] == "unsupported_grant_type"


def test_next_page_keeps_the_clients_parameters_in_order_with_offset_last(learn):
    learn.feed([f"k{i}|r&d{i}|pw|R|D{i}||" for i in range(5)] + ["x|other|pw|O|T||"])
    first = learn.get(f"{V1}/users?userName=r%26d&limit=2", headers=learn.bearer).json
    assert first["paging"]["nextPage"] == f"{V1}/users?userName=r%26d&limit=2&offset=2"
    second = learn.get(first["paging"]["nextPage"], headers=learn.bearer).json
    assert second["paging"]["nextPage"] == f"{V1}/users?userName=r%26d&limit=2&offset=4"
    last = learn.get(second["paging"]["nextPage"], headers=learn.bearer).json
    assert "paging" not in last
    names = [u["userName"] for page in (first, second, last) for u in page["results"]]
    assert sorted(names) == [f"r&d{i}" for i in range(5)]


def test_next_page_adds_no_limit_the_client_did_not_send(learn):
    learn.feed([f"k{i:03d}|u{i:03d}|pw|A|B||" for i in range(162)])
    seen, url = [], f"{V1}/users"
    while url:
        body = learn.get(url, headers=learn.bearer).json
        seen += [u["userName"] for u in body["results"]]
        url = body.get("paging", {}).get("nextPage")
        if url:
            assert dict(parse_qsl(urlsplit(url).query)) == {"offset": "100"}
            assert url.endswith("?offset=100")
    assert len(seen) == len(set(seen)) == 162


def test_the_sis_log_of_a_data_set_lists_its_entries_in_learns_shape(learn):
    uid = learn.feed(["k1|u1|pw|A|B||", "k2|u2|pw|C|D|Q|", "k1|u1|pw|A|B||"])
    body = learn.rest(f"/v1/logs/sis/dataSets/{uid}").json
    levels = [entry["level"] for entry in body["results"]]
    assert set(levels) <= {"Debug", "Information", "Warning", "Error"} and "Information" in levels
    assert all(set(entry) == {"id", "created", "level", "message"} for entry in body["results"])
    assert len({entry["id"] for entry in body["results"]}) == len(levels)
    problems = [e for e in body["results"] if e["level"] in ("Warning", "Error")]
    assert problems and all(e["message"].startswith("line ") for e in problems)
    warnings_up = learn.rest(f"/v1/logs/sis/dataSets/{uid}", level="Warning").json["results"]
    assert warnings_up == problems


def test_the_sis_log_refuses_unknown_ids_and_levels_naming_them(learn):
    missing = learn.rest(f"/v1/logs/sis/dataSets/{'0' * 32}")
    assert missing.status_code == 404 and "0" * 32 in missing.json["message"]
    uid = learn.feed(["k1|u1|pw|A|B||"])
    bad = learn.rest(f"/v1/logs/sis/dataSets/{uid}", level="Loud")
    assert bad.status_code == 400 and "level" in bad.json["message"]


def test_the_sis_log_is_locked_while_the_data_set_is_processed(learn):
    learn.put("/_sim/integrations/BBLEARN", json={"data_source_key": "SIS", "password": "pw",
                                                  "processing": "background", "background_delay_seconds": 60})
    uid = learn.feed(["k1|u1|pw|A|B||"])
    assert learn.rest(f"/v1/logs/sis/dataSets/{uid}").status_code == 423
    learn.post("/_sim/clock/advance", json={"seconds": 61})
    assert learn.rest(f"/v1/logs/sis/dataSets/{uid}").status_code == 200
