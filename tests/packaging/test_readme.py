"""README.md stays true: the settings table is generated from the code, the quick start is
the two make commands, and every `coordinator-node` subcommand it shows exists."""

from __future__ import annotations

import importlib.util
import re
from types import ModuleType

import pytest

from coordinator_node.settings import Settings
from tests.packaging.helpers import REPO_ROOT, cli_group_commands, cli_subcommands

README = (REPO_ROOT / "README.md").read_text()


def settings_table_script() -> ModuleType:
    path = REPO_ROOT / "scripts" / "settings_table.py"
    spec = importlib.util.spec_from_file_location("settings_table", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def code_text(markdown: str) -> list[str]:
    """Fenced blocks and inline code spans: where commands are shown."""
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", markdown, flags=re.M | re.S)
    prose = re.sub(r"^```[^\n]*\n.*?^```", "", markdown, flags=re.M | re.S)
    return blocks + re.findall(r"`([^`\n]+)`", prose)


def test_settings_table_is_current() -> None:
    script = settings_table_script()
    assert script.render_readme(README) == README, (
        "README.md's settings table is stale: run .venv/bin/python scripts/settings_table.py "
        "--write")


def test_settings_table_lists_every_setting() -> None:
    table = settings_table_script().settings_table()
    for name in Settings.model_fields:
        assert f"| `{name.upper()}` |" in table


def test_settings_table_needs_its_markers() -> None:
    with pytest.raises(ValueError, match="settings:start"):
        settings_table_script().render_readme("# no markers here\n")


def test_quick_start_is_exactly_make_dev_and_make_test() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, flags=re.S)
    assert block is not None
    commands = [line.split("#", 1)[0].strip() for line in block.group(1).splitlines()]
    assert [c for c in commands if c] == ["make dev", "make test"]


def test_make_targets_the_readme_names_exist() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.M))
    named = {m for text in code_text(README) for m in re.findall(r"\bmake ([a-z][a-z-]*)", text)}
    assert named and named <= targets, named - targets


def test_every_coordinator_node_subcommand_in_the_readme_exists() -> None:
    known = set(cli_subcommands())
    mentioned = {
        match
        for text in code_text(README)
        for match in re.findall(r"\bcoordinator-node ([a-z][a-z-]*)", text)
    }
    assert {"dev", "worker", "api", "migrate", "init-workspace"} <= mentioned
    missing = mentioned - known
    assert not missing, f"README mentions subcommands the CLI does not have: {missing}"


def test_every_setting_the_readme_names_exists() -> None:
    """`NAME=value` assignments shown in the README are real settings."""
    settings = {name.upper() for name in Settings.model_fields}
    others = {"TEST_PG_ADMIN_URL", "BENCH_DATABASE_URL", "COMPETITION_DIR", "POSTGRES_PASSWORD"}
    assigned = {m for text in code_text(README) for m in re.findall(r"\b([A-Z][A-Z_]+)=", text)}
    assert assigned - settings - others == set()


def test_checkpoint_subcommands_in_the_readme_exist() -> None:
    assert "checkpoint" in cli_subcommands()
    known = cli_group_commands("checkpoint")
    mentioned = {m for text in code_text(README)
                 for m in re.findall(r"\bcoordinator-node checkpoint ([a-z][a-z-]*)", text)}
    assert mentioned == {"list", "show", "create", "confirm", "status"}
    assert mentioned <= known, mentioned - known
