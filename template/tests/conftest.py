"""Load the example models from their code directories (`models/<name>/`), as the model
runtime finds them: the subclass of the base class defined outside the competition package."""

from __future__ import annotations

import importlib.util
import inspect
from collections.abc import Callable
from pathlib import Path

import pytest
from example_crunch.tracker import TrackerBase

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
PACKAGE = TrackerBase.__module__.split(".", 1)[0]


def model_classes(code_directory: Path) -> list[type[TrackerBase]]:
    """Every class the runtime could serve from `code_directory`'s `main.py`."""
    path = code_directory / "main.py"
    # A module name of its own per directory: every model's file is called main.py.
    spec = importlib.util.spec_from_file_location(f"model_{code_directory.name}_main", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [cls for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, TrackerBase) and cls is not TrackerBase
            and not cls.__module__.startswith(f"{PACKAGE}.")]


def load_model_class(name: str) -> type[TrackerBase]:
    found = model_classes(MODELS_DIR / name)
    assert len(found) == 1, f"models/{name}: {found}"
    return found[0]


@pytest.fixture
def load_model() -> Callable[[str], TrackerBase]:
    """`load_model("momentum")`: a fresh instance of models/momentum's model."""
    return lambda name: load_model_class(name)()


@pytest.fixture
def find_models() -> Callable[[Path], list[type[TrackerBase]]]:
    """`find_models(directory)`: the classes the runtime could serve from a code directory."""
    return model_classes
