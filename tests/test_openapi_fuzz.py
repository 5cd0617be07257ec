"""schemathesis against `/_sim/openapi.json` on the in-process application: every operation
the document describes, with generated requests, never answers a server error and never
reaches the error boundary. Short profile; `LEARNSIM_FUZZ_EXAMPLES` raises it."""
from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, settings

from simulator.http import create_app

TOKEN = "schemathesis-admin-token-0123456789"
ADMIN = {"Authorization": f"Bearer {TOKEN}"}
EXAMPLES = int(os.environ.get("LEARNSIM_FUZZ_EXAMPLES", "20")) // 2 or 1

app = create_app(admin_token=TOKEN)
app.sim.sis.put_integration("BBLEARN", {"data_source_key": "SIS.SCHEMA", "password": "pw"})
schema = schemathesis.openapi.from_wsgi("/_sim/openapi.json", app, headers=ADMIN)


@schema.exclude(path_regex="flatfile").parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
def test_no_generated_request_gets_a_server_error(case):
    response = case.call(headers=ADMIN)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"
    assert app.boundary_hits == 0
