"""`.env.example` points the node at things that exist in this workspace."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coordinator_node.contract import CrunchContract, load_contract

WORKSPACE = Path(__file__).resolve().parent.parent
ENV_EXAMPLE = WORKSPACE / ".env.example"


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


def test_local_models_are_code_directories_the_model_runtime_serves(
    find_models: Callable[[Path], list[Any]]
) -> None:
    """Each is a directory (relative to the workspace) whose one model subclasses the base
    class outside the competition package: the class the model runtime finds at Setup."""
    settings = settings_example()
    base = import_path(settings["MODEL_BASE_CLASSNAME"])
    directories = [m.strip() for m in settings["LOCAL_MODELS"].split(",") if m.strip()]
    assert directories
    for directory in directories:
        found = find_models(WORKSPACE / directory)
        assert len(found) == 1, directory
        assert isinstance(base, type) and issubclass(found[0], base), directory
