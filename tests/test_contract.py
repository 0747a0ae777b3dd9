from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from coordinator_node.contract import (
    ArgType,
    CallArg,
    CallArgError,
    ContractError,
    CrunchContract,
    PredictCall,
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


def test_the_default_predict_call_is_the_old_engines() -> None:
    call = CrunchContract().predict_call
    assert call.method == "predict"
    assert [(a.key, a.type) for a in call.args] == [
        ("subject", ArgType.STRING), ("horizon_seconds", ArgType.INT),
        ("step_seconds", ArgType.INT)]
    assert call.values(CrunchContract().scope.model_dump()) == ["BTC", 60, 15]


def test_a_predict_call_is_written_with_python_types_or_arg_types() -> None:
    call = PredictCall(method="forecast", args=[("asset", str), ("horizon", int),
                                                ("weight", float), ("features", dict),
                                                ("path", list), ("tag", "STRING"),
                                                CallArg(key="n", type=ArgType.INT)])
    assert [a.type for a in call.args] == [
        ArgType.STRING, ArgType.INT, ArgType.DOUBLE, ArgType.JSON, ArgType.JSON,
        ArgType.STRING, ArgType.INT]
    for bad in ({"method": "not a name"}, {"method": ""}, {"args": [("x", bytes)]},
                {"args": [("", str)]}, {"args": [("x", "TEXT")]}):
        with pytest.raises(ValidationError):
            PredictCall.model_validate(bad)


def test_argument_values_are_taken_from_the_scope_in_order_and_typed() -> None:
    call = PredictCall(args=[("horizon", int), ("subject", str), ("w", float), ("f", dict),
                             ("horizon", float)])
    scope = {"subject": "ETH", "horizon": 60.0, "w": 2, "f": {"a": [1, None]}, "unused": 1}
    values = call.values(scope)
    assert values == [60, "ETH", 2.0, {"a": [1, None]}, 60.0]
    assert [type(v) for v in values] == [int, str, float, dict, float]
    assert CallArg(key="h", type=ArgType.INT).value_in({"h": "120"}) == 120  # as the old engine


@pytest.mark.parametrize(("arg", "value", "reason"), [
    (("h", int), True, "scope['h'] = True is not a valid INT"),  # a bool is not a number
    (("h", int), 60.5, "scope['h'] = 60.5 is not a valid INT"),
    (("h", int), 2**63, "is not a valid INT"),  # the INT variant is 8 bytes
    (("h", int), "soon", "scope['h'] = 'soon' is not a valid INT"),
    (("h", str), 60, "scope['h'] = 60 is not a valid STRING"),
    (("h", float), float("nan"), "scope['h'] = nan is not a valid DOUBLE"),
    (("h", float), "1.5", "is not a valid DOUBLE"),
    (("h", dict), {1, 2}, "is not a valid JSON"),
])
def test_an_unusable_scope_value_is_refused_naming_the_key(
    arg: tuple[str, type], value: object, reason: str
) -> None:
    with pytest.raises(CallArgError, match=re.escape(reason)):
        PredictCall(args=[arg]).values({"h": value})


def test_a_missing_scope_key_is_refused_naming_what_the_scope_has() -> None:
    with pytest.raises(CallArgError, match=r"the scope has no 'asset' \(it has: horizon, "
                                           r"subject\)"):
        PredictCall(args=[("asset", str)]).values({"subject": "BTC", "horizon": 1})


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
