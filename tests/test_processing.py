"""Asynchronous feed processing (`learnsim serve`'s mode): acknowledged once queued, one
worker in arrival order, the state lock held per batch of rows, rehearsals in one hold."""
from __future__ import annotations

import random
import re
import threading

from werkzeug.test import Client

from simulator.http import create_app
from simulator.processing import StateLock
from simulator.sis.framework import BATCH_ROWS
from simulator.sis.parser import FeedFile
from tests.helpers import feed, post, simulator_with, snapshot

BASE = "/webapps/bb-data-integration-flatfile-BBLEARN/endpoint"
REFERENCE = re.compile(r"reference code ([0-9a-f]{32})")
COUNTS = re.compile(r"<(completedCount|errorCount|queuedCount)>(\d+)<")


def _client(asynchronous: bool = True) -> Client:
    app = create_app(asynchronous=asynchronous, open_control=True)
    client = Client(app)
    body = client.put("/_sim/integrations/BBLEARN", json={"data_source_key": "SIS", "password": "pw"}).json
    client.auth = (body["username"], "pw")
    client.app = app
    return client


def _status(client: Client, uid: str) -> dict[str, int]:
    return {name: int(value) for name, value in COUNTS.findall(client.get(f"{BASE}/dataSetStatus/{uid}", auth=client.auth).text)}


def _hold_worker(app) -> threading.Event:
    """Keep the worker busy (stepping aside for every request) until the event is set."""
    release = threading.Event()

    def blocker(pause) -> None:
        while not release.wait(0.001):
            pause()
    app.worker.submit(blocker)
    return release


def test_a_post_is_acknowledged_once_queued_and_applied_by_the_worker():
    client = _client()
    release = _hold_worker(client.app)
    rows = [f"k{i}|u{i}|pw|F|L" for i in range(25)]
    answer = client.post(f"{BASE}/person/store", data=feed(rows), auth=client.auth)
    assert answer.status_code == 200 and answer.text.startswith("Success: Feed File Uploaded.")
    uid = REFERENCE.search(answer.text).group(1)
    assert _status(client, uid) == {"completedCount": 0, "errorCount": 0, "queuedCount": 25}
    assert client.app.sim.learn.users_by_user_name.get("u0") is None
    release.set()
    assert client.app.settle(timeout=30)
    assert _status(client, uid) == {"completedCount": 25, "errorCount": 0, "queuedCount": 0}
    assert client.app.sim.learn.users_by_user_name.get("u24") is not None


def test_the_worker_applies_data_sets_in_arrival_order():
    client = _client()
    release = _hold_worker(client.app)
    client.post(f"{BASE}/person/store", data=feed(["k1|u1|pw|First|L"]), auth=client.auth)
    client.post(f"{BASE}/person/store", data=feed(["k1|u1|pw|Second|L"]), auth=client.auth)
    client.post(f"{BASE}/person/delete", data=feed(["k2|u2|pw|F|L"]), auth=client.auth)
    client.post(f"{BASE}/person/store", data=feed(["k2|u2|pw|Third|L"]), auth=client.auth)
    release.set()
    assert client.app.settle(timeout=30)
    assert client.app.sim.learn.users_by_user_name.get("u1").firstname == "Second"
    assert client.app.sim.learn.users_by_user_name.get("u2").firstname == "Third"


def test_queued_falls_and_completed_rises_batch_by_batch():
    assert BATCH_ROWS == 1000
    sim = simulator_with()
    integration = sim.sis.integrations["BBLEARN"]
    body = feed([f"k{i}|u{i}|pw|F|L" for i in range(2500)])
    dataset = post(sim, "store", feed([]))  # a data set to watch; its counts are re-used below
    dataset.queued, dataset.completed = 2500, 0
    seen = []
    sim.sis._process(integration, dataset, FeedFile(body), pause=lambda: seen.append((dataset.queued, dataset.completed)))
    assert seen == [(1500, 1000), (500, 2000)]
    assert (dataset.queued, dataset.completed) == (0, 2500)


def test_a_rehearsal_is_applied_in_one_hold():
    """A dry run or a `testing` integration's data set never steps aside: no one sees its temporary state."""
    sim = simulator_with(status="testing")
    integration = sim.sis.integrations["BBLEARN"]
    dataset = post(sim, "store", feed([]))

    def pause() -> None:
        raise AssertionError("a rehearsal stepped aside between batches")
    sim.sis._process(integration, dataset, FeedFile(feed([f"k{i}|u{i}|pw|F|L" for i in range(2500)])), pause=pause)
    assert dataset.completed == 2500 and sim.learn.users_by_user_name.get("u1") is None


def test_step_aside_lets_every_waiting_thread_in_first():
    lock, order = StateLock(), []
    entered = threading.Event()

    def reader() -> None:
        entered.set()
        with lock:
            order.append("reader")
    with lock:
        thread = threading.Thread(target=reader)
        thread.start()
        entered.wait(5)
        while not lock.waiting:
            pass
        lock.step_aside(longest=5)
        order.append("holder")
    thread.join(5)
    assert order == ["reader", "holder"]


def test_a_reset_drops_the_queued_feeds():
    client = _client()
    release = _hold_worker(client.app)
    client.post(f"{BASE}/person/store", data=feed(["k1|u1|pw|F|L"]), auth=client.auth)
    client.post("/_sim/reset")
    release.set()
    assert client.app.settle(timeout=30)
    assert client.app.sim.learn.users_by_user_name.get("u1") is None and not client.app.sim.sis.datasets


def test_advancing_the_clock_answers_once_due_background_feeds_are_applied():
    client = _client()
    client.put("/_sim/integrations/BBLEARN", json={"processing": "background", "background_delay_seconds": 60})
    uid = REFERENCE.search(client.post(f"{BASE}/person/store", data=feed(["k1|u1|pw|F|L"]), auth=client.auth).text).group(1)
    assert _status(client, uid)["queuedCount"] == 1
    client.post("/_sim/clock/advance", json={"seconds": 61})
    assert _status(client, uid) == {"completedCount": 1, "errorCount": 0, "queuedCount": 0}


def _mixed_posts(seed: int) -> list[tuple[str, bytes, bool]]:
    rng = random.Random(seed)
    posts = []
    for _ in range(50):
        rows = [f"k{n}|u{n}|pw|F{rng.randint(0, 9)}|L" for n in rng.sample(range(40), rng.randint(1, 6))]
        operation = rng.choice(["store", "store", "refresh", "delete"])
        posts.append((operation, feed(rows), rng.random() < 0.2))
    return posts


def _users(sim) -> dict:
    """Users as in `snapshot`, without their pk (a dry run, answered at once, takes pks out of the
    queue's order) and their salted password hash."""
    return {key: state[1:-1] for key, state in snapshot(sim).items()}


def test_eight_threads_of_mixed_posts_end_as_a_serial_replay_in_arrival_order():
    client = _client()
    sent: dict[str, tuple[str, bytes, bool]] = {}

    def poster(seed: int) -> None:
        mine = Client(client.app)
        for operation, body, dry_run in _mixed_posts(seed):
            answer = mine.post(f"{BASE}/person/{operation}", data=body, auth=client.auth,
                               query_string={"dryRun": "true"} if dry_run else None)
            assert answer.status_code == 200, answer.text
            uid = answer.json["dataSetUid"] if dry_run else REFERENCE.search(answer.text).group(1)
            sent[uid] = (operation, body, dry_run)
            mine.get("/learn/api/public/v1/users?limit=5")  # reads go on meanwhile (401 without a token: fine)
    threads = [threading.Thread(target=poster, args=(seed,)) for seed in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert client.app.settle(timeout=120)
    assert len(sent) == 400

    replay = simulator_with(dsk="SIS")
    for uid in client.app.sim.sis.datasets:  # arrival order
        operation, body, dry_run = sent[uid]
        post(replay, operation, body, dry_run=dry_run)
    assert _users(client.app.sim) == _users(replay)
    assert all(d.queued == 0 for d in client.app.sim.sis.datasets.values())
