"""A gate the misbehaving models wait at, so a test decides when a held model answers
instead of racing a sleep.

The gate is a directory named by $TEST_MODEL_GATE_DIR: files cross into a model wherever it
runs (in this process, or in a `model-runner` process of the real runtime, which inherits
the environment). Standard library only: the model runtime's virtualenv imports this.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

GATE_ENV = "TEST_MODEL_GATE_DIR"
GATE_CAP_SECONDS = 120.0  # a model is never held longer, even by a test that forgot to open


class ModelGate:
    """Test side: see whether a held model was called, and let every held model answer."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def called(self, name: str) -> bool:
        return (self.directory / f"{name}.called").exists()

    def is_open(self) -> bool:
        return (self.directory / "open").exists()

    def open(self) -> None:
        (self.directory / "open").touch()


def wait_at_gate(name: str) -> None:
    """Model side: mark that `name` was called, then block until the test opens the gate."""
    directory = os.environ.get(GATE_ENV)
    if not directory:
        raise RuntimeError(f"{name} waits at a gate: use the model_gate fixture ({GATE_ENV})")
    gate = ModelGate(Path(directory))
    (gate.directory / f"{name}.called").touch()
    deadline = time.monotonic() + GATE_CAP_SECONDS
    while not gate.is_open() and time.monotonic() < deadline:
        time.sleep(0.01)
