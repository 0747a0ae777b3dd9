"""The competition's contract: types, scope and rules the coordinator node runs."""

from coordinator_node.contract import CrunchContract, PredictionScope

CONTRACT = CrunchContract(scope=PredictionScope(subject="BTC", horizon_seconds=60, step_seconds=15))
