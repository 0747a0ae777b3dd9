"""The heartbeat helpers: a sync activity (scoring, snapshots, a checkpoint's build) beats
from a thread of its own while it runs, so a dead worker is noticed within the heartbeat
timeout even while the activity blocks on the database or a slow scoring function."""

from __future__ import annotations

import time

from temporalio.testing import ActivityEnvironment

from coordinator_node.activities.heartbeat import heartbeating_thread


def test_a_sync_activity_beats_while_it_blocks_and_stops_after() -> None:
    env = ActivityEnvironment()
    beats: list[float] = []
    env.on_heartbeat = lambda *_details: beats.append(time.monotonic())

    def blocking() -> str:
        with heartbeating_thread(0.05):
            time.sleep(0.5)  # never yields to anything: the thread beats meanwhile
        return "done"

    assert env.run(blocking) == "done"
    assert len(beats) >= 4, beats
    counted = len(beats)
    time.sleep(0.2)
    assert len(beats) == counted  # no beat once the activity has returned


def test_outside_an_activity_it_does_nothing() -> None:
    with heartbeating_thread(0.01):  # a benchmark calling the activity method directly
        time.sleep(0.05)
