"""Small helpers for engine tests: a simulator with one integration, feeds from rows."""
from __future__ import annotations

from simulator import Simulator
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

