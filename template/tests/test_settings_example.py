"""`.env.example` points the node at things that exist in this package."""

from __future__ import annotations

import importlib
from pathlib import Path

from coordinator_node.contract import CrunchContract, load_contract

ENV_EXAMPLE = Path(__file__).resolve().parent.parent / ".env.example"


def settings_example() -> dict[str, str]:
    values: dict[str, str] = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def import_path(path: str) -> object:
    module, _, attr = path.replace(":", ".").rpartition(".")
    return getattr(importlib.import_module(module), attr)


def test_contract_loads() -> None:
    assert isinstance(load_contract(settings_example()["CONTRACT"]), CrunchContract)


def test_local_models_subclass_the_base_class() -> None:
    settings = settings_example()
    base = import_path(settings["MODEL_BASE_CLASSNAME"])
    models = [m.strip() for m in settings["LOCAL_MODELS"].split(",") if m.strip()]
    assert models
    for model in models:
        cls = import_path(model)
        assert isinstance(cls, type) and isinstance(base, type) and issubclass(cls, base), model
