"""The suite as a pytest plugin for anyone: registered once through its entry point, with a
`learnsim_mock` fixture that puts an in-process Learn behind `requests`."""
from __future__ import annotations

import re
from importlib import metadata

import pytest
import requests

import steps.plugin


def test_the_plugin_comes_from_its_entry_point_only(request: pytest.FixtureRequest) -> None:
    points = [e for e in metadata.entry_points(group="pytest11") if e.value == "steps.plugin"]
    assert [e.name for e in points] == ["steps.plugin"]
    manager = request.config.pluginmanager
    assert manager.get_plugin("steps.plugin") is steps.plugin
    assert [name for name, plugin in manager.list_name_plugin() if plugin is steps.plugin] == ["steps.plugin"]
    manager.import_plugin("steps.plugin")  # what `pytest_plugins = ["steps.plugin"]` does: nothing new
    assert [name for name, plugin in manager.list_name_plugin() if plugin is steps.plugin] == ["steps.plugin"]


def test_the_mock_fixture_answers_feeds_like_learn(learnsim_mock) -> None:
    learnsim_mock.sim.sis.put_integration("BBLEARN", {"data_source_key": "SIS.MINE", "password": "pw-123456"})
    username = learnsim_mock.sim.sis.integrations["BBLEARN"].username
    endpoint = "https://learn.example.edu/webapps/bb-data-integration-flatfile-BBLEARN/endpoint"
    answer = requests.post(f"{endpoint}/person/store", data=b"EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME\nk1|u1|A|B\n",
                           auth=(username, "pw-123456"), timeout=10)
    assert answer.status_code == 200 and re.match(r"Success: Feed File Uploaded\.  Use the reference code", answer.text)
    refused = requests.post(f"{endpoint}/person/store", data=b"", auth=(username, "wrong"), timeout=10)
    assert refused.status_code == 401
