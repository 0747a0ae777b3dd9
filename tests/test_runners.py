"""The real model-runner-client against the local orchestrator and gRPC model nodes."""

from __future__ import annotations

import asyncio

from model_runner_client.grpc.generated.commons_pb2 import VariantType

from coordinator_node.contract import ArgType
from coordinator_node.runners.base import Arg, CallStatus, ModelIdentity
from coordinator_node.runners.client import ModelRunnerClientRunner
from coordinator_node.runners.encoding import arguments, positional
from coordinator_node.runners.in_process import InProcessRunner
from coordinator_node.runners.local.cluster import LocalCluster, model_identity
from coordinator_node.runners.local.orchestrator import ModelState
from tests.rounds.conftest import connected
from tests.rounds.misbehaving import EchoTracker
from tests.support import ModelGate, eventually

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


TICK = [Arg(ArgType.JSON, {"symbol": "BTC", "asof_ts": 1234, "candles_1m": []})]
PREDICT = [Arg(ArgType.STRING, "BTC"), Arg(ArgType.INT, 60), Arg(ArgType.INT, 15)]
ECHOED = {"value": 1234.0, "subject": "BTC", "horizon": 60, "step": 15,
          "types": ["str", "int", "int"], "tick_type": "dict"}


def test_arguments_travel_by_position_with_their_declared_types() -> None:
    """As the old engine sent them: positions from 1, STRING/INT/INT, the tick as JSON;
    a declared type is kept even where the value alone would suggest another."""
    wire = arguments([*PREDICT, Arg(ArgType.JSON, "a string"), Arg(ArgType.DOUBLE, 2.0)])
    assert [a.position for a in wire] == [1, 2, 3, 4, 5]
    assert [a.data.type for a in wire] == [VariantType.STRING, VariantType.INT,
                                           VariantType.INT, VariantType.JSON, VariantType.DOUBLE]
    assert (wire[1].data.value, wire[3].data.value) == ((60).to_bytes(8, "little"),
                                                        b'"a string"')
    assert positional(reversed(wire)) == ["BTC", 60, 15, "a string", 2.0]
    assert arguments(TICK)[0].data.type == VariantType.JSON


async def test_in_process_runner_hands_models_what_a_node_does() -> None:
    """The same arguments to the same model, over gRPC and in process: the same answers."""
    echo_path = "tests.rounds.misbehaving:EchoTracker"
    odd = [Arg(ArgType.DOUBLE, 3), Arg(ArgType.JSON, (1, 2)), Arg(ArgType.JSON, "x")]
    async with LocalCluster("crunch-c", [echo_path]) as cluster:
        remote = ModelRunnerClientRunner("crunch-c", "127.0.0.1", cluster.port, BASE,
                                         timeout_seconds=2, report_failure=False)
        await remote.start()
        try:
            await asyncio.wait_for(remote.connected.wait(), 30)
            over_grpc = [[r.result for r in await remote.call(method, args)]
                         for method, args in (("tick", TICK), ("predict", PREDICT),
                                              ("echo", odd))]
        finally:
            await remote.close()
    local = InProcessRunner({ModelIdentity("echo"): EchoTracker()})
    in_process = [[r.result for r in await local.call(method, args)]
                  for method, args in (("tick", TICK), ("predict", PREDICT), ("echo", odd))]
    assert in_process == over_grpc == [[None], [ECHOED],
                                       [[[3.0, "float"], [[1, 2], "list"], ["x", "str"]]]]


async def test_client_calls_every_model_and_reports_each_outcome(model_gate: ModelGate) -> None:
    """The slow model is held at the (closed) gate: it always times out."""
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

            ticks = await runner.call("tick", TICK)
            assert {r.status for r in ticks} == {CallStatus.SUCCESS}
            results = {r.model.model_id: r for r in await runner.call("predict", PREDICT)}
        finally:
            await runner.close()

    got = results[id_of(MODELS["echo"])]
    assert got.status == CallStatus.SUCCESS
    assert got.result == ECHOED
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
            await connected(runner, 2)  # the second model is followed
            # it keeps failing: after 3 consecutive failures the client reports it
            for _ in range(5):
                await runner.call("predict", PREDICT)
            failures = await eventually(lambda: cluster.orchestrator.failures, within=30,
                                        what="the orchestrator to hear of the failures")
            assert failures[0]["model_id"] == identity["model_id"]
            assert failures[0]["failure_code"] == "MULTIPLE_FAILED"
            assert cluster.orchestrator.models[identity["model_id"]].state == "STOPPED"
            await connected(runner, 1)  # the stopped model is dropped
            assert [m.model_id for m in await runner.models()] == [id_of(MODELS["echo"])]
            await server.stop(grace=0)
        finally:
            await runner.close()
