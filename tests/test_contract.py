from __future__ import annotations

import pytest

from coordinator_node.contract import (
    ContractError,
    CrunchContract,
    default_aggregate_snapshot,
    default_resolve_ground_truth,
    load_contract,
)


def test_loads_the_default_and_the_template_contract() -> None:
    assert isinstance(load_contract("coordinator_node.contract:DEFAULT_CONTRACT"), CrunchContract)
    assert isinstance(load_contract("example_crunch.contract:CONTRACT"), CrunchContract)


def test_missing_module_fails_loudly_with_the_import_error() -> None:
    with pytest.raises(ContractError, match=r"cannot import contract module 'no_such_pkg.c'.*"
                                            r"ModuleNotFoundError"):
        load_contract("no_such_pkg.c:CONTRACT")


def test_missing_attribute_and_wrong_type_fail() -> None:
    with pytest.raises(ContractError, match="has no attribute 'NOPE'"):
        load_contract("coordinator_node.contract:NOPE")
    with pytest.raises(ContractError, match="is a int, not a CrunchContract"):
        load_contract("coordinator_node.contract:FRAC64_ONE")
    with pytest.raises(ContractError, match="must look like"):
        load_contract("coordinator_node.contract")


def test_scope_defaults() -> None:
    scope = CrunchContract().scope
    assert (scope.subject, scope.horizon_seconds, scope.step_seconds) == ("BTC", 60, 15)


def test_ground_truth_from_first_and_last_record() -> None:
    records = [{"values": {"close": 100.0}}, {"values": {"close": 101.0}},
               {"values": {"close": 99.0}}]
    truth = default_resolve_ground_truth(records)
    assert truth == {"entry_price": 100.0, "resolved_price": 99.0, "return": -0.01,
                     "direction_up": False}
    assert default_resolve_ground_truth([{"values": {"price": 5.0}}]) == {
        "entry_price": 5.0, "resolved_price": 5.0, "return": 0.0, "direction_up": False}
    assert default_resolve_ground_truth([]) is None
    assert default_resolve_ground_truth([{"values": {"volume": 1}}]) is None


def test_aggregate_means_numbers_and_skips_bools() -> None:
    summary = default_aggregate_snapshot(
        [{"value": 1.0, "success": True, "n": 2}, {"value": 3.0, "success": False, "x": "s"}])
    assert summary == {"value": 2.0, "n": 2.0}
