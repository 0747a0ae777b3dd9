"""The real model-runner-client against the local orchestrator and gRPC model nodes."""

from __future__ import annotations

import asyncio

from coordinator_node.runners.base import CallStatus
from coordinator_node.runners.client import ModelRunnerClientRunner
from coordinator_node.runners.local.cluster import LocalCluster, model_identity
from coordinator_node.runners.local.orchestrator import ModelState

BASE = "example_crunch.tracker.TrackerBase"
MODELS = {
    "echo": "tests.rounds.misbehaving:EchoTracker",
    "raising": "tests.rounds.misbehaving:RaisingTracker",
    "slow": "tests.rounds.misbehaving:SlowTracker",
    "nan": "tests.rounds.misbehaving:NanTracker",
    "wrong": "tests.rounds.misbehaving:WrongTypeTracker",
}


def id_of(path: str) -> str:
    return str(model_identity(path)["model_id"])


async def test_client_calls_every_model_and_reports_each_outcome() -> None:
    async with LocalCluster("crunch-a", list(MODELS.values())) as cluster:
        runner = ModelRunnerClientRunner("crunch-a", "127.0.0.1", cluster.port, BASE,
                                         timeout_seconds=1, report_failure=False)
        await runner.start()
        try:
            await asyncio.wait_for(runner.connected.wait(), 30)
            identities = {m.model_id: m for m in await runner.models()}
            assert set(identities) == {id_of(p) for p in MODELS.values()}
            echo = identities[id_of(MODELS["echo"])]
            assert echo.model_name == "EchoTracker"
            assert echo.cruncher_name == "EchoTracker team"
            assert echo.deployment_id.startswith("local-")

            ticks = await runner.call("tick", [{"symbol": "BTC", "asof_ts": 1234,
                                                "candles_1m": []}])
            assert {r.status for r in ticks} == {CallStatus.SUCCESS}
            results = {r.model.model_id: r for r in await runner.call(
                "predict", kwargs={"subject": "BTC", "horizon_seconds": 60, "step_seconds": 15})}
        finally:
            await runner.close()

    got = results[id_of(MODELS["echo"])]
    assert got.status == CallStatus.SUCCESS
    assert got.result == {"value": 1234.0, "subject": "BTC", "horizon": 60, "step": 15}
    assert got.exec_time_us > 0
    raising = results[id_of(MODELS["raising"])]
    assert raising.status == CallStatus.FAILED and raising.result is None
    slow = results[id_of(MODELS["slow"])]
    assert slow.status == CallStatus.TIMEOUT
    assert slow.exec_time_us >= 900_000  # microseconds, not milliseconds
    nan = results[id_of(MODELS["nan"])]
    assert nan.status == CallStatus.SUCCESS and nan.result["value"] != nan.result["value"]
    assert results[id_of(MODELS["wrong"])].result == "up"  # validation is the round's job


async def test_models_follow_the_orchestrator_and_failures_are_reported() -> None:
    async with LocalCluster("crunch-b", [MODELS["echo"]]) as cluster:
        runner = ModelRunnerClientRunner("crunch-b", "127.0.0.1", cluster.port, BASE,
                                         timeout_seconds=1, report_failure=True)
        await runner.start()
        try:
            await asyncio.wait_for(runner.connected.wait(), 30)
            assert len(await runner.models()) == 1
            # a second model appears (its node is up first, as a real orchestrator does)
            from coordinator_node.runners.local.node import start_node

            server, port = await start_node(MODELS["raising"])
            identity = model_identity(MODELS["raising"])
            await cluster.orchestrator.add(ModelState(state="RUNNING", ip="127.0.0.1",
                                                      port=port, **identity))
            for _ in range(100):
                if len(await runner.models()) == 2:
                    break
                await asyncio.sleep(0.1)
            assert len(await runner.models()) == 2
            # it keeps failing: after 3 consecutive failures the client reports it
            for _ in range(5):
                await runner.call("predict", ["BTC", 60, 15])
            for _ in range(100):
                if cluster.orchestrator.failures:
                    break
                await asyncio.sleep(0.1)
            assert cluster.orchestrator.failures[0]["model_id"] == identity["model_id"]
            assert cluster.orchestrator.failures[0]["failure_code"] == "MULTIPLE_FAILED"
            assert cluster.orchestrator.models[identity["model_id"]].state == "STOPPED"
            for _ in range(100):
                if len(await runner.models()) == 1:
                    break
                await asyncio.sleep(0.1)
            assert [m.model_id for m in await runner.models()] == [id_of(MODELS["echo"])]
            await server.stop(grace=0)
        finally:
            await runner.close()
