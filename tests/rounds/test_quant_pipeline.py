"""Quant metrics in the snapshot cycle (issue 20): the contract chooses them and may add its
own, checked at start; each snapshot's summary carries them (beside the Merkle commitment of
the same transaction); the leaderboard aggregates them over its metrics window and can rank
by any of them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlmodel import Session
from temporalio.testing import ActivityEnvironment

from coordinator_node.activities.checkpoints import CheckpointActivities
from coordinator_node.activities.snapshots import SnapshotActivities
from coordinator_node.api.app import create_app
from coordinator_node.checkpoints.messages import CheckpointInput
from coordinator_node.competition import load_competition
from coordinator_node.contract import Aggregation, ContractError, CrunchContract, Ensemble
from coordinator_node.db import session_scope
from coordinator_node.db.tables import (
    Checkpoint,
    Input,
    Leaderboard,
    MerkleCycle,
    Prediction,
    Score,
    Snapshot,
)
from coordinator_node.db.upsert import upsert
from coordinator_node.ids import cycle_id, leaderboard_id
from coordinator_node.rounds.messages import PeriodInput
from coordinator_node.rounds.metrics import MetricPanel, window_metrics
from coordinator_node.services import Services
from coordinator_node.statuses import InputStatus, PredictionStatus
from tests.conftest import make_settings

# Far in the past, so no other test's snapshots fall in these windows and the newest
# leaderboard other tests read is never this one.
END = datetime(2019, 6, 1, 12, tzinfo=UTC)
START = END - timedelta(hours=1)
RETURNS = [0.01, -0.02, 0.03, -0.01]
SIGNALS = {"q-good": [1.0, -2.0, 3.0, -1.0], "q-bad": [-1.0, 2.0, -3.0, 1.0],
           "q-flat": [0.5, 0.5, 0.5, 0.5]}


def score_sum(panel: MetricPanel) -> Any:
    """Total score of the period."""
    return np.nansum(panel.scores, axis=1)


def seed_rounds(engine: Engine, tag: str, signals: dict[str, list[float]] = SIGNALS) -> None:
    """Four rounds of one config in [START, END), each predicted and scored by three models
    (score: +|return| on the right sign, -|return| on the wrong one)."""
    inputs, predictions, scores = [], [], []
    for t, ret in enumerate(RETURNS):
        slot = START + timedelta(minutes=5 * t)
        input_id = f"{tag}-in-{t}"
        inputs.append({"id": input_id, "config_id": f"{tag}-cfg", "slot": slot,
                       "status": InputStatus.RESOLVED, "payload": {},
                       "ground_truth": {"return": ret}, "horizon_at": slot})
        for model, model_signals in signals.items():
            pid = f"{tag}-{model}-{t}"
            value = abs(ret) if model_signals[t] * ret > 0 else -abs(ret)
            predictions.append({"id": pid, "input_id": input_id, "config_id": f"{tag}-cfg",
                                "model_id": f"{tag}-{model}", "slot": slot,
                                "status": PredictionStatus.SCORED,
                                "output": {"value": model_signals[t]}})
            scores.append({"prediction_id": pid, "model_id": f"{tag}-{model}", "value": value,
                           "success": True, "result": {"value": value, "success": True},
                           "scored_at": slot + timedelta(minutes=1)})
    with session_scope(engine) as session:
        upsert(session, Input, inputs, ["id"])
        upsert(session, Prediction, predictions, ["id"])
        upsert(session, Score, scores, ["prediction_id"])


def run_cycle(engine: Engine, contract: CrunchContract) -> None:
    services = Services(settings=make_settings("sqlite://"), contract=contract, engine=engine)
    period = PeriodInput(crunch_id="quant", period_start=START, period_end=END)
    activities = SnapshotActivities(services)
    assert ActivityEnvironment().run(activities.build_snapshots, period) >= 3
    ActivityEnvironment().run(activities.rebuild_leaderboard, period)


def test_snapshots_carry_the_metrics_and_the_leaderboard_ranks_by_one(engine: Engine) -> None:
    tag = f"q{engine.dialect.name[:2]}"
    seed_rounds(engine, tag)
    contract = CrunchContract(
        metrics=["ic", "ic_sharpe", "hit_rate", "max_drawdown", "model_correlation",
                 "score_sum"],
        custom_metrics={"score_sum": score_sum},
        aggregation=Aggregation(ranking_key="ic"))
    run_cycle(engine, contract)
    with Session(engine) as session:
        summaries = {s.model_id.removeprefix(f"{tag}-"): s.summary for s in session.scalars(
            select(Snapshot).where(Snapshot.period_end == END))}  # type: ignore[arg-type]
        assert session.get(MerkleCycle, cycle_id(START, END)) is not None  # same transaction
        board = session.get(Leaderboard, leaderboard_id("quant", END))
    good = summaries["q-good"]
    assert good["ic"] == pytest.approx(1.0)
    assert good["ic_sharpe"] is None  # one era (one config) in the period
    assert good["hit_rate"] == 1.0 and good["max_drawdown"] == 0.0
    assert good["model_correlation"] == pytest.approx(-1.0)  # q-flat is constant: left out
    assert good["score_sum"] == pytest.approx(0.07)
    assert good["value"] == pytest.approx(0.07 / 4)  # aggregate_snapshot's score is kept
    assert summaries["q-bad"]["ic"] == pytest.approx(-1.0)
    assert summaries["q-bad"]["max_drawdown"] == pytest.approx(0.07)
    flat = summaries["q-flat"]
    assert flat["ic"] is None and flat["model_correlation"] is None
    assert flat["hit_rate"] == 0.5

    assert board is not None
    assert board.meta["metrics"] == contract.metrics
    assert board.meta["metrics_window"] == "score_recent"
    entries = [e for e in board.entries if e["model_id"].startswith(tag)]
    # ranked by IC: +1, -1, then the model without one
    assert [e["model_id"] for e in entries] == [f"{tag}-q-good", f"{tag}-q-bad", f"{tag}-q-flat"]
    assert entries[0]["metrics"]["ic"] == pytest.approx(1.0)
    assert entries[0]["metrics"]["ic_sharpe"] is None  # one snapshot's IC
    assert entries[2]["metrics"]["ic"] is None
    assert set(entries[0]["scores"]) == {"score_recent", "score_steady", "score_anchor"}


def test_window_metrics_average_snapshots_and_ic_sharpe_is_over_their_ics() -> None:
    summaries: list[dict[str, Any]] = [{"ic": 0.2, "hit_rate": 0.5}, {"ic": 0.4, "hit_rate": None},
                 {"ic": float("nan"), "hit_rate": 0.7}, {"ic_sharpe": 9.0}]
    got = window_metrics(summaries, ["ic", "ic_sharpe", "hit_rate", "turnover"])
    assert got["ic"] == pytest.approx(0.3)
    assert got["ic_sharpe"] == pytest.approx(0.3 / np.std([0.2, 0.4], ddof=1))
    assert got["hit_rate"] == pytest.approx(0.6)
    assert got["turnover"] is None
    assert window_metrics([{"ic": 0.2}], ["ic_sharpe"]) == {"ic_sharpe": None}



def refused(monkeypatch: pytest.MonkeyPatch, contract: CrunchContract) -> str:
    import coordinator_node.contract as contracts

    monkeypatch.setattr(contracts, "QUANT_CONTRACT", contract, raising=False)
    with pytest.raises(ContractError) as error:
        load_competition(make_settings("sqlite://",
                                       contract="coordinator_node.contract:QUANT_CONTRACT"))
    return str(error.value)


def test_the_contracts_metrics_are_checked_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(panel: MetricPanel) -> Any:
        return [1.0]  # one value, whatever the number of models

    assert "unknown metric 'sharpe' (known: hit_rate, ic," in refused(
        monkeypatch, CrunchContract(metrics=["ic", "sharpe"]))
    assert "metric 'broken' fails on a sample panel" in refused(
        monkeypatch, CrunchContract(metrics=["broken"], custom_metrics={"broken": broken}))
    assert "custom metric name 'Bad-Name'" in refused(
        monkeypatch, CrunchContract(metrics=[], custom_metrics={"Bad-Name": score_sum}))
    assert "metric 'value' has the name of a score key" in refused(
        monkeypatch, CrunchContract(metrics=["value"], custom_metrics={"value": score_sum}))
    assert "ranking_key 'ic_sharpe' is neither a window" in refused(
        monkeypatch, CrunchContract(metrics=["ic"],
                                    aggregation=Aggregation(ranking_key="ic_sharpe")))
    assert "metrics_window 'score_week' is not a window" in refused(
        monkeypatch, CrunchContract(aggregation=Aggregation(metrics_window="score_week")))
    assert "lists a name twice" in refused(monkeypatch, CrunchContract(metrics=["ic", "ic"]))
    assert "two ensembles have one name" in refused(monkeypatch, CrunchContract(
        ensembles=[Ensemble(name="e"), Ensemble(name="e")]))
    assert "ensemble 'top' picks its top 5 by 'sortino_ratio', which is not one" in refused(
        monkeypatch, CrunchContract(ensembles=[Ensemble(name="top", strategy="top_k",
                                                        metric="sortino_ratio")]))
    assert "custom metric 'fnc' has the name of an ensemble metric" in refused(
        monkeypatch, CrunchContract(metrics=["fnc"], custom_metrics={"fnc": score_sum},
                                    ensembles=[Ensemble(name="e")]))


def test_the_default_and_example_contracts_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    competition = load_competition(make_settings(
        "sqlite://", contract="example_crunch.contract:CONTRACT"))
    assert competition.contract.metrics == ["ic", "ic_sharpe", "hit_rate", "max_drawdown",
                                            "model_correlation"]
    load_competition(make_settings("sqlite://"))


def test_the_report_api_serves_the_metrics(engine: Engine, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    import coordinator_node.api.routes.rounds as routes
    import coordinator_node.contract as contracts

    tag = f"qa{engine.dialect.name[:2]}"
    seed_rounds(engine, tag)
    contract = CrunchContract(metrics=["ic", "hit_rate", "score_sum"],
                              custom_metrics={"score_sum": score_sum},
                              aggregation=Aggregation(ranking_key="ic"))
    run_cycle(engine, contract)
    with Session(engine) as session:
        board = session.get(Leaderboard, leaderboard_id("quant", END))
        assert board is not None
        session.expunge(board)
    board.entries = [e for e in board.entries if e["model_id"].startswith(tag)]
    # This board is older than the other tests' boards: serve it as the newest.
    monkeypatch.setattr(routes, "newest_leaderboard", lambda session: board)
    monkeypatch.setattr(contracts, "QUANT_API_CONTRACT", contract, raising=False)
    url = engine.url.render_as_string(hide_password=False)
    app = create_app(make_settings(url, temporal_address="127.0.0.1:1",
                                   contract="coordinator_node.contract:QUANT_API_CONTRACT"))
    with TestClient(app) as api:
        rows = api.get("/reports/leaderboard").json()
        schema = api.get("/reports/schema").json()
        points = api.get("/reports/models/global", params={
            "projectIds": f"{tag}-q-good", "start": "2019-05-31T00:00:00Z",
            "end": "2019-06-02T00:00:00Z"}).json()
    assert [r["model_id"] for r in rows] == [f"{tag}-q-good", f"{tag}-q-bad", f"{tag}-q-flat"]
    good = rows[0]
    assert good["score_ic"] == pytest.approx(1.0) and good["score_hit_rate"] == 1.0
    assert good["score_score_sum"] == pytest.approx(0.07)
    assert good["score_ranking"] == {"key": "ic", "value": pytest.approx(1.0),
                                     "direction": "desc"}
    assert rows[2]["score_ic"] is None and rows[2]["score_ranking"]["value"] is None
    assert set(good["score_metrics"]) == {"score_recent", "score_steady", "score_anchor"}

    columns = {c["property"]: c for c in schema["leaderboard_columns"]}
    assert list(columns)[-3:] == ["score_ic", "score_hit_rate", "score_score_sum"]
    assert columns["score_ic"]["displayName"] == "IC"
    assert columns["score_ic"]["tooltip"].startswith("Information coefficient")
    assert columns["score_score_sum"]["tooltip"] == "Total score of the period. (over score_recent)"
    [quant] = [w for w in schema["metrics_widgets"] if w["displayName"] == "Quant metrics"]
    assert quant["endpointUrl"] == "/reports/models/global"
    assert [s["name"] for s in quant["nativeConfiguration"]["yAxis"]["series"]] == [
        "score_ic", "score_hit_rate", "score_score_sum"]
    assert schema["ranking_key"] == "ic"
    [point] = points
    assert point["score_ic"] == pytest.approx(1.0)


def test_ensembles_are_virtual_models_shown_when_asked_and_never_rewarded(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    import coordinator_node.api.routes.rounds as routes
    import coordinator_node.contract as contracts

    tag = f"qe{engine.dialect.name[:2]}"
    seed_rounds(engine, tag)
    contract = CrunchContract(
        ensembles=[Ensemble(name=f"{tag}-all", model_filter=lambda m: m.startswith(tag))])
    monkeypatch.setattr(contracts, "QUANT_ENSEMBLE_CONTRACT", contract, raising=False)
    load_competition(make_settings(
        "sqlite://", contract="coordinator_node.contract:QUANT_ENSEMBLE_CONTRACT"))
    run_cycle(engine, contract)
    virtual = f"ensemble:{tag}-all"
    with Session(engine) as session:
        summaries = {s.model_id: s.summary for s in session.scalars(
            select(Snapshot).where(Snapshot.period_end == END))}  # type: ignore[arg-type]
        board = session.get(Leaderboard, leaderboard_id("quant", END))
        assert board is not None
        session.expunge(board)
    # good, bad and flat cancel out to a flat-ish signal: (1-1+0.5)/3 = +1/6, … = sign of flat
    ensemble = summaries[virtual]
    assert ensemble["member_count"] == 3
    assert ensemble["value"] == pytest.approx((0.01 - 0.02 + 0.03 - 0.01) / 4)
    assert ensemble["hit_rate"] == 0.5
    good = summaries[f"{tag}-q-good"]
    assert good["ensemble_correlation"] is None  # the ensemble's signal is constant
    # without good the ensemble is (bad + flat) / 2: -0.25, 1.25, -1.25, 0.25 → all wrong
    assert good["contribution"] == pytest.approx(0.0025 - (-0.0175))
    assert good["fnc"] == pytest.approx(1.0)  # a constant ensemble: nothing to take out
    entries = [e for e in board.entries if e["model_id"].startswith(tag)
               or e["model_id"] == virtual]
    [flagged] = [e for e in entries if e.get("ensemble")]
    assert flagged["model_id"] == virtual and flagged["metrics"]["contribution"] is None
    assert board.entries[-1]["model_id"].startswith("ensemble:")  # listed after the models

    board.entries = entries
    monkeypatch.setattr(routes, "newest_leaderboard", lambda session: board)
    url = engine.url.render_as_string(hide_password=False)
    app = create_app(make_settings(
        url, temporal_address="127.0.0.1:1",
        contract="coordinator_node.contract:QUANT_ENSEMBLE_CONTRACT"))
    with TestClient(app) as api:
        plain = api.get("/reports/leaderboard").json()
        shown = api.get("/reports/leaderboard", params={"include_ensembles": "true"}).json()
        columns = [c["property"] for c in api.get("/reports/schema").json()[
            "leaderboard_columns"]]
    assert virtual not in {r["model_id"] for r in plain}
    assert next(r for r in shown if r["model_id"] == virtual)["ensemble"] is True
    assert [r["rank"] for r in shown] == sorted(r["rank"] for r in shown)
    assert plain[0]["score_contribution"] == pytest.approx(0.02)
    assert columns[-3:] == ["score_contribution", "score_ensemble_correlation", "score_fnc"]

    # A checkpoint over the period ranks the models only.
    services = Services(settings=make_settings("sqlite://"), contract=contract, engine=engine)
    built = ActivityEnvironment().run(
        CheckpointActivities(services).build_checkpoint,
        CheckpointInput(crunch_id=f"{tag}-crunch", period_end=END, period_seconds=3600))
    ranked = [e["model_id"] for e in built.ranking]
    assert f"{tag}-q-good" in ranked and not any(m.startswith("ensemble:") for m in ranked)


def test_a_contract_can_reward_contribution_instead_of_score(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    tag = f"qr{engine.dialect.name[:2]}"
    seed_rounds(engine, tag, {**SIGNALS, "q-copy": SIGNALS["q-good"]})
    contract = CrunchContract(
        ensembles=[Ensemble(name=f"{tag}-all", model_filter=lambda m: m.startswith(tag))],
        aggregation=Aggregation(reward_field="contribution"))
    run_cycle(engine, contract)
    with Session(engine) as session:
        summaries = {s.model_id.removeprefix(f"{tag}-"): s.summary for s in session.scalars(
            select(Snapshot).where(Snapshot.period_end == END))  # type: ignore[arg-type]
            if s.model_id.startswith(tag)}
    # all: (2 good + bad + flat) / 4 = (good + flat) / 4, every sign right (0.0175); without
    # a good copy: flat / 3, right only when the return is up (0.0025); without bad or flat
    # every sign stays right.
    assert summaries["q-good"]["contribution"] == pytest.approx(0.015)
    assert summaries["q-copy"]["contribution"] == pytest.approx(0.015)
    assert summaries["q-bad"]["contribution"] == pytest.approx(0.0)
    assert summaries["q-flat"]["contribution"] == pytest.approx(0.0)
    assert summaries["q-flat"]["value"] > summaries["q-bad"]["value"]  # by score: flat first

    services = Services(settings=make_settings("sqlite://"), contract=contract, engine=engine)
    built = ActivityEnvironment().run(
        CheckpointActivities(services).build_checkpoint,
        CheckpointInput(crunch_id=f"{tag}-crunch", period_end=END, period_seconds=3600))
    assert built.built
    mine = [e["model_id"].removeprefix(f"{tag}-") for e in built.ranking
            if e["model_id"].startswith(tag)]
    # by contribution, bad and flat tie at 0: by model id
    assert mine == ["q-copy", "q-good", "q-bad", "q-flat"]
    assert all(not e["model_id"].startswith("ensemble:") for e in built.ranking)
    with Session(engine) as session:
        row = session.get(Checkpoint, built.state.checkpoint_id)
        assert row is not None
        assert row.meta["ranking_key"] == "contribution"
        rewards = [r["reward_pct"] for r in row.emission["cruncher_rewards"]]
    assert sum(rewards) == 1_000_000_000 and len(rewards) == len(built.ranking)
    assert "aggregation.reward_field 'pnl' is neither a score key" in refused(
        monkeypatch, CrunchContract(aggregation=Aggregation(reward_field="pnl")))
