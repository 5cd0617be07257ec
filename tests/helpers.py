"""Small helpers for engine tests: a simulator with one integration, feeds from rows, and
the WSGI app behind a test client with a stored feed and a REST token."""
from __future__ import annotations

from werkzeug.test import Client

from simulator import Simulator
from simulator.http import create_app
from simulator.sis.dataset import DataSet

HEADER = "EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME"


def simulator_with(bbid: str = "BBLEARN", dsk: str = "SIS.PERSONS", **settings) -> Simulator:
    sim = Simulator()
    sim.sis.put_integration(bbid, {"data_source_key": dsk, "password": "secret", **settings})
    return sim


def feed(rows: list[str], header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def post(sim: Simulator, operation: str, body: bytes, bbid: str = "BBLEARN", object_name: str = "person",
         dry_run: bool = False) -> DataSet:
    return sim.sis.post(sim.sis.integrations[bbid], object_name, operation, body, dry_run=dry_run)


def snapshot(sim: Simulator) -> dict[str, tuple]:
    """Everything observable about the users, keyed by external key (timestamps aside)."""
    return {
        u.external_id: (u.pk, u.user_name, u.firstname, u.lastname, u.data_source, u.owner, u.available,
                        u.enabled, u.system_role, u.institution_role, tuple(sorted(u.secondary_roles)),
                        tuple(sorted(u.profile.items())), u.password)
        for u in sim.learn.users.values()
    }



def served_learn(persons: str) -> Client:
    """A test client of the whole app (control API open) whose Learn has integration
    BBLEARN (data source SIS, password pw) and the person feed `persons` stored, and a
    REST app k/s. The client carries `app`, `feed_auth` and `bearer` (the REST header)."""
    app = create_app(open_control=True)
    client = Client(app)
    client.app = app
    body = client.put("/_sim/integrations/BBLEARN", json={"data_source_key": "SIS", "password": "pw"}).json
    client.feed_auth = (body["username"], "pw")
    client.post("/webapps/bb-data-integration-flatfile-BBLEARN/endpoint/person/store", data=persons,
                auth=client.feed_auth)
    client.post("/_sim/rest-apps", json={"key": "k", "secret": "s"})
    token = client.post("/learn/api/public/v1/oauth2/token?grant_type=client_credentials", auth=("k", "s")).json
    client.bearer = {"Authorization": f"Bearer {token['access_token']}"}
    return client
