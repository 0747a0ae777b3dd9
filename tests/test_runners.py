"""The real model-runner-client against the local orchestrator and the real model runtime
(one `model-runner` process per model), and the in-process runner beside them."""

from __future__ import annotations

from pathlib import Path

import pytest
from model_runner_client.grpc.generated.commons_pb2 import VariantType

from coordinator_node.contract import ArgType
from coordinator_node.runners.base import Arg, CallStatus, ModelIdentity, Step
from coordinator_node.runners.client import ModelRunnerClientRunner
from coordinator_node.runners.encoding import arguments, positional
from coordinator_node.runners.in_process import InProcessRunner
from coordinator_node.runners.local.runtime import RuntimeNotFound, find_model_runner
from tests.gate import ModelGate
from tests.rounds.conftest import (
    BASE,
    REPO_ROOT,
    code_directories,
    connected,
    id_of,
    local_cluster,
    write_code_directory,
)
from tests.rounds.misbehaving import EchoTracker
from tests.support import eventually

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


async def test_in_process_runner_hands_models_what_the_runtime_does() -> None:
    """The same arguments to the same model, in the real runtime and in process: the same
    answers."""
    odd = [Arg(ArgType.DOUBLE, 3), Arg(ArgType.JSON, (1, 2)), Arg(ArgType.JSON, "x")]
    calls = (("tick", TICK), ("predict", PREDICT), ("echo", odd))
    with code_directories(["EchoTracker"]) as directories:
        async with local_cluster("crunch-c", directories) as cluster:
            remote = ModelRunnerClientRunner("crunch-c", "127.0.0.1", cluster.port, BASE,
                                             timeout_seconds=2, report_failure=False)
            await remote.start()
            try:
                await connected(remote, 1)
                in_runtime = [[r.result for r in await remote.call(method, args)]
                              for method, args in calls]
            finally:
                await remote.close()
    local = InProcessRunner({ModelIdentity("echo"): EchoTracker()})
    in_process = [[r.result for r in await local.call(method, args)] for method, args in calls]
    assert in_process == in_runtime == [[None], [ECHOED],
                                        [[[3.0, "float"], [[1, 2], "list"], ["x", "str"]]]]


async def test_client_calls_every_model_and_reports_each_outcome(model_gate: ModelGate) -> None:
    """SlowTracker is held at the (closed) gate: it times out, and its node stays busy."""
    names = ["EchoTracker", "RaisingTracker", "SlowTracker", "NanTracker", "WrongTypeTracker"]
    with code_directories(names) as directories:
        async with local_cluster("crunch-a", directories) as cluster:
            runner = ModelRunnerClientRunner("crunch-a", "127.0.0.1", cluster.port, BASE,
                                             timeout_seconds=1, report_failure=False)
            await runner.start()
            try:
                await connected(runner, len(names))
                identities = {m.model_id: m for m in await runner.models()}
                assert set(identities) == {id_of(n) for n in names}
                echo = identities[id_of("EchoTracker")]
                assert echo.model_name == "EchoTracker"
                assert echo.cruncher_name == "EchoTracker team"
                assert echo.deployment_id.startswith("local-")
                # Every model is served by its own model-runner process.
                pids = {p.pid for p in cluster.processes.values()}
                assert len(pids) == len(names) and all(p.alive() for p in
                                                       cluster.processes.values())

                # The runtime takes messages up to 64 MiB (gRPC's default is 4 MiB).
                big = await runner.call("tick", [Arg(ArgType.JSON, {"pad": "x" * 5 * 2**20})])
                assert {r.status for r in big} == {CallStatus.SUCCESS}
                turns = {t.model.model_id: t for t in await runner.call_in_turn(
                    [Step("tick", TICK), Step("predict", PREDICT)])}
            finally:
                await runner.close()

    assert {t.results[0].status for t in turns.values()} == {CallStatus.SUCCESS}
    results = {model_id: t.results[-1] for model_id, t in turns.items()}
    got = results[id_of("EchoTracker")]
    assert got.status == CallStatus.SUCCESS
    assert got.result == ECHOED
    assert got.exec_time_us > 0
    raising = results[id_of("RaisingTracker")]
    # MODEL_FAILED on the node; the client passes none of its text on
    assert (raising.status, raising.result, raising.detail) == (CallStatus.FAILED, None, "FAILED")
    slow = results[id_of("SlowTracker")]
    assert slow.status == CallStatus.TIMEOUT
    assert slow.detail is not None and slow.detail.startswith("DEADLINE_EXCEEDED")
    assert slow.exec_time_us >= 900_000  # microseconds, not milliseconds
    nan = results[id_of("NanTracker")]
    assert nan.status == CallStatus.SUCCESS and nan.result["value"] != nan.result["value"]
    assert results[id_of("WrongTypeTracker")].result == "up"  # validation is the round's job


async def test_models_follow_the_orchestrator_and_a_failing_one_is_stopped() -> None:
    with code_directories(["EchoTracker"]) as directories:
        async with local_cluster("crunch-b", directories) as cluster:
            runner = ModelRunnerClientRunner("crunch-b", "127.0.0.1", cluster.port, BASE,
                                             timeout_seconds=2, report_failure=True)
            await runner.start()
            try:
                await connected(runner, 1)
                # a second model appears (its process serves first, as a real orchestrator's)
                raising = await cluster.add(write_code_directory(directories[0].parent,
                                                                 "RaisingTracker"))
                await connected(runner, 2)
                # it keeps failing: after 3 consecutive failures the client reports it
                for _ in range(5):
                    await runner.call("predict", PREDICT)
                failures = await eventually(lambda: cluster.orchestrator.failures, within=30,
                                            what="the orchestrator to hear of the failures")
                failure = failures[0]
                assert (failure["model_id"], failure["failure_code"]) == (raising.model_id,
                                                                          "MULTIPLE_FAILED")
                assert cluster.orchestrator.models[raising.model_id].state == "STOPPED"
                # the orchestrator ends its process; the client drops it and says why
                await eventually(lambda: not cluster.processes[raising.model_id].alive(),
                                 within=30, what="the stopped model's process to end")
                await connected(runner, 1)
                assert [m.model_id for m in await runner.models()] == [id_of("EchoTracker")]
                departed = await runner.departed()
                assert [(d.model.model_id, d.failed) for d in departed] == [
                    (raising.model_id, True)]
                assert departed[0].reason == ("stopped by the model runner client after "
                                              "repeated failures (MULTIPLE_FAILED)")
            finally:
                await runner.close()


def test_the_model_runtime_is_found_where_make_builds_it(tmp_path: Path) -> None:
    """`.venv-models/bin/model-runner` where the node starts (a workspace's own) comes before
    the node repository's; LOCAL_MODEL_RUNNER names one explicitly."""
    assert find_model_runner(cwd=tmp_path) == REPO_ROOT / ".venv-models/bin/model-runner"
    own = tmp_path / ".venv-models" / "bin" / "model-runner"
    own.parent.mkdir(parents=True)
    own.write_text("#!/bin/sh\n")
    own.chmod(0o755)
    assert find_model_runner(cwd=tmp_path) == own
    assert find_model_runner(str(own)) == own
    with pytest.raises(RuntimeNotFound, match="LOCAL_MODEL_RUNNER=/nowhere is not an exec"):
        find_model_runner("/nowhere")
