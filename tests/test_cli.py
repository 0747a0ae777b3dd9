"""Start-up refuses loudly: a bad setting or contract stops each entry point with its reason."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def run_node(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k not in {"CONTRACT", "FEED_KIND"}}
    full_env.update(env)
    full_env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite'}"
    return subprocess.run(
        [sys.executable, "-m", "coordinator_node", *args],
        cwd=tmp_path, env=full_env, capture_output=True, text=True, timeout=60,
    )


@pytest.mark.parametrize("command", ["worker", "api"])
def test_broken_contract_stops_start_up_with_the_import_error(
    tmp_path: Path, command: str
) -> None:
    result = run_node(tmp_path, command, CONTRACT="no_such_competition.contract:CONTRACT",
                      TEMPORAL_ADDRESS="127.0.0.1:1")
    assert result.returncode == 2
    assert ("cannot import contract module 'no_such_competition.contract': "
            "ModuleNotFoundError(\"No module named 'no_such_competition'\")") in result.stderr


@pytest.mark.parametrize("command", ["worker", "api", "migrate", "dev"])
def test_bad_setting_stops_start_up_naming_the_variable(tmp_path: Path, command: str) -> None:
    result = run_node(tmp_path, command, FEED_KIND="bar")
    assert result.returncode == 2
    assert "invalid configuration: FEED_KIND: Input should be 'tick' or 'candle' (got 'bar')" \
        in result.stderr
    assert not (tmp_path / "db.sqlite").exists()  # nothing was started or written


def test_dev_without_the_model_runtime_says_how_to_get_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "model-runner"
    result = run_node(tmp_path, "dev", LOCAL_MODEL_RUNNER=str(missing))
    assert result.returncode == 1
    assert (f"LOCAL_MODEL_RUNNER={missing} is not an executable (crunch-model-runner's "
            "`model-runner`)") in result.stderr
    assert not (tmp_path / "db.sqlite").exists()  # nothing was started or written


def test_local_models_in_the_old_class_form_are_refused_saying_what_changed(
    tmp_path: Path
) -> None:
    result = run_node(tmp_path, "dev",
                      LOCAL_MODELS="example_crunch.models.momentum:MomentumTracker")
    assert result.returncode == 2
    assert ("LOCAL_MODELS: Value error, 'example_crunch.models.momentum:MomentumTracker' is a "
            "`module:Class`; LOCAL_MODELS lists model code directories now") in result.stderr
