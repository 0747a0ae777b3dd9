"""`init-workspace`: a workspace from the template, with no placeholder left and its tests
passing; unsafe names and existing directories are refused with nothing written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from coordinator_node import workspace
from coordinator_node.cli import main
from coordinator_node.workspace import (
    TEMPLATE_CANDIDATES,
    WorkspaceError,
    create_workspace,
    replacements,
    template_dir,
)
from tests.packaging.helpers import REPO_ROOT

PLACEHOLDER_RE = re.compile(r"example[_\- ]?crunch", re.IGNORECASE)
JUNK = {"__pycache__", ".pytest_cache"}


def leftovers(root: Path) -> list[str]:
    """Every path under `root` whose name or text still carries the placeholder."""
    found: list[str] = []
    for path in root.rglob("*"):
        if JUNK & set(path.relative_to(root).parts):
            continue
        if PLACEHOLDER_RE.search(path.name):
            found.append(f"name: {path.relative_to(root)}")
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            for match in PLACEHOLDER_RE.finditer(text):
                found.append(f"content: {path.relative_to(root)}: {match.group(0)!r}")
    return found


def clean_env(workspace: Path) -> dict[str, str]:
    """Only the workspace on PYTHONPATH: the repo's template must not satisfy imports."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "CONTRACT", "LOCAL_MODELS", "MODEL_BASE_CLASSNAME"}}
    env["PYTHONPATH"] = str(workspace)
    return env


def run_workspace_tests(workspace: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=workspace, env=clean_env(workspace), capture_output=True, text=True, timeout=300,
    )


def test_template_is_found_in_the_repo_for_an_editable_install() -> None:
    assert template_dir() == REPO_ROOT / "template"


def test_the_wheel_ships_the_template_where_it_is_looked_for_first() -> None:
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())
    wheel = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert TEMPLATE_CANDIDATES[0] == REPO_ROOT / wheel["force-include"]["template"]


def test_the_first_template_candidate_that_exists_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wheel, repo = tmp_path / "_template", tmp_path / "template"
    from coordinator_node import paths

    for module in (workspace, paths):  # paths finds it, workspace names where it looked
        monkeypatch.setattr(module, "TEMPLATE_CANDIDATES", (wheel, repo))
    with pytest.raises(WorkspaceError, match=f"looked in {wheel}, {repo}"):
        template_dir()
    (repo / "example_crunch").mkdir(parents=True)
    assert template_dir() == repo
    (wheel / "example_crunch").mkdir(parents=True)
    assert template_dir() == wheel  # a wheel's copy is preferred


@pytest.mark.slow
def test_cli_function_creates_a_workspace_whose_tests_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["init-workspace", "btc_trend", "--directory", str(tmp_path)])
    assert exit_info.value.code == 0
    workspace = tmp_path / "btc_trend"
    assert str(workspace) in capsys.readouterr().out

    for expected in ("README.md", ".env.example", "pyproject.toml", "tests",
                     "btc_trend/contract.py", "btc_trend/tracker.py",
                     "models/momentum/main.py", "models/mean_reversion/main.py",
                     "models/contrarian/main.py"):
        assert (workspace / expected).exists(), expected
    assert not (workspace / "example_crunch").exists()
    # A participant's layout: each model in a code directory of its own, outside the package
    # (the model runtime skips subclasses inside the base class's package).
    assert not (workspace / "btc_trend" / "models").exists()
    assert "from btc_trend.tracker import TrackerBase" in (
        workspace / "models" / "momentum" / "main.py").read_text()
    assert leftovers(workspace) == []
    assert not [p for p in workspace.rglob("*") if p.name in JUNK or p.suffix == ".pyc"]

    env_example = (workspace / ".env.example").read_text()
    assert "CONTRACT=btc_trend.contract:CONTRACT" in env_example
    assert "MODEL_BASE_CLASSNAME=btc_trend.tracker.TrackerBase" in env_example
    assert "LOCAL_MODELS=models/momentum,models/mean_reversion,models/contrarian" in env_example
    assert "CRUNCH_ID=btc-trend" in env_example
    readme = (workspace / "README.md").read_text()
    assert readme.startswith("# Btc Trend\n")
    assert "python -m pytest" in readme
    assert "**Test a model locally**" in readme
    assert "LOCAL_MODELS=models/my_model coordinator-node dev" in readme
    assert 'name = "btc-trend"' in (workspace / "pyproject.toml").read_text()

    result = run_workspace_tests(workspace)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b\d+ passed\b", result.stdout), result.stdout
    assert "failed" not in result.stdout


@pytest.mark.slow
def test_command_line_creates_a_kebab_case_workspace_in_the_current_directory(
    tmp_path: Path
) -> None:
    """`init-workspace eth-vol`: the directory as typed, the package with underscores."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-m", "coordinator_node", "init-workspace", "eth-vol"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    workspace = tmp_path / "eth-vol"
    assert (workspace / "eth_vol" / "contract.py").is_file()
    assert not (workspace / "eth-vol").exists()
    assert leftovers(workspace) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["eth-vol"]  # no staging left over
    env_example = (workspace / ".env.example").read_text()
    assert "CONTRACT=eth_vol.contract:CONTRACT" in env_example
    assert "CRUNCH_ID=eth-vol" in env_example
    assert 'name = "eth-vol"' in (workspace / "pyproject.toml").read_text()
    tests = run_workspace_tests(workspace)
    assert tests.returncode == 0, tests.stdout + tests.stderr


@pytest.mark.parametrize("name", [
    "1abc", "class", "../x", "Test", "", "match", "test", "os", "coordinator_node",
    "example_crunch", "pydantic",
    # kebab-case: hyphens only inside the name, and the package it stands for is checked
    "btc-", "btc--trend", "btc-Trend", "btc trend", "a/b", "coordinator-node",
    "example-crunch", "py-compile",
])
def test_unsafe_names_are_refused_with_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    target = tmp_path / "out"
    with pytest.raises(SystemExit) as exit_info:
        main(["init-workspace", name, "--directory", str(target)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert f"invalid workspace name {name!r}" in err
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_an_existing_directory_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "btc_trend"
    existing.mkdir()
    (existing / "mine.txt").write_text("keep me")
    with pytest.raises(SystemExit) as exit_info:
        main(["init-workspace", "btc_trend", "--directory", str(tmp_path)])
    assert exit_info.value.code == 2
    assert "already exists" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["btc_trend"]
    assert [p.name for p in existing.iterdir()] == ["mine.txt"]


def test_an_existing_file_is_refused_too(tmp_path: Path) -> None:
    (tmp_path / "btc_trend").write_text("")
    with pytest.raises(WorkspaceError, match="already exists"):
        create_workspace("btc_trend", tmp_path)


def test_command_line_refusal_exits_2(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "coordinator_node", "init-workspace", "a--b"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert "invalid workspace name 'a--b'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_kebab_case_name_is_the_directory_and_its_snake_case_the_package(
    tmp_path: Path
) -> None:
    template = tmp_path / "template"
    (template / "example_crunch").mkdir(parents=True)
    (template / "example_crunch" / "__init__.py").write_text(
        "EXAMPLE_CRUNCH = 'Example Crunch example-crunch example_crunch'\n")
    created = create_workspace("btc-trend", tmp_path / "out", template=template)
    assert created == tmp_path / "out" / "btc-trend"
    assert sorted(p.name for p in created.iterdir()) == ["btc_trend"]
    assert (created / "btc_trend" / "__init__.py").read_text() == \
        "BTC_TREND = 'Btc Trend btc-trend btc_trend'\n"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["btc-trend"]


def test_every_spelling_of_the_placeholder_is_replaced(tmp_path: Path) -> None:
    template = tmp_path / "template"
    (template / "example_crunch" / "example-crunch-data").mkdir(parents=True)
    (template / "example_crunch" / "__init__.py").write_text(
        "EXAMPLE_CRUNCH = 'Example Crunch example-crunch example_crunch'\n")
    (template / "example_crunch" / "__pycache__").mkdir()
    (template / "example_crunch" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    (template / "blob.bin").write_bytes(b"\xff\xfeexample_crunch")
    created = create_workspace("my_comp", tmp_path / "out", template=template)
    assert (created / "my_comp" / "my-comp-data").is_dir()
    assert (created / "my_comp" / "__init__.py").read_text() == \
        "MY_COMP = 'My Comp my-comp my_comp'\n"
    assert not (created / "my_comp" / "__pycache__").exists()
    assert (created / "blob.bin").read_bytes() == b"\xff\xfeexample_crunch"  # binary: as is
    assert [old for old, _ in replacements("my_comp")][-1] == "example_crunch"


@pytest.mark.slow
def test_repo_pytest_still_uses_the_root_config() -> None:
    """template/pyproject.toml must not take over the repo's own test run."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--co", "-q", "-p", "no:cacheprovider"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    assert "template/tests/test_example_models.py::" in result.stdout
    assert "tests/packaging/test_workspace.py::" in result.stdout
    header = subprocess.run(
        [sys.executable, "-m", "pytest", "--co", "-p", "no:cacheprovider",
         "template/tests", "tests/packaging/test_workspace.py"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
    ).stdout
    assert f"rootdir: {REPO_ROOT}\n" in header
    assert "configfile: pyproject.toml" in header
