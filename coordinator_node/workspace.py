"""`coordinator-node init-workspace NAME`: a competition workspace copied from the template.

The template is the example competition `example_crunch` (contract, tracker base class,
example models, their tests, a README, a `.env.example` and a `pyproject.toml`). Copying it
renames the placeholder everywhere, in file contents and in file and folder names, so the
new package imports as `NAME` and nothing still points at the example. A kebab-case name is
how people type project names: `btc-trend` makes the directory `btc-trend/` holding the
package `btc_trend`.
"""

from __future__ import annotations

import importlib.metadata
import keyword
import re
import shutil
import sys
import tempfile
from pathlib import Path

from coordinator_node.paths import TEMPLATE_CANDIDATES, TEMPLATE_PACKAGE, find_template

PLACEHOLDER = TEMPLATE_PACKAGE
# Names that would shadow something the node (or Python) imports, or the template itself.
RESERVED_NAMES = frozenset({
    PLACEHOLDER, "coordinator_node", "template", "test", "tests", "conftest", "worker",
    "scripts", "bench", "build", "dist", "docs", "models", "contract", "tracker",
})
# A hyphen only between letters/digits/underscores: no trailing or doubled hyphen.
NAME_PATTERN = re.compile(r"^[a-z](?:[a-z0-9_]|-(?=[a-z0-9_]))*$")
SKIP_DIRS = frozenset({"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".data"})
SKIP_SUFFIXES = (".pyc", ".pyo")
SKIP_FILES = frozenset({".env"})  # a developer's local settings never travel with the template


class WorkspaceError(ValueError):
    """The workspace cannot be created; the message says why. Nothing was written."""


def template_dir() -> Path:
    found = find_template()
    if found is not None:
        return found
    raise WorkspaceError(
        "the competition template was not found (looked in "
        + ", ".join(str(c) for c in TEMPLATE_CANDIDATES) + ")"
    )


def _installed_top_level_modules() -> set[str]:
    try:
        return set(importlib.metadata.packages_distributions())
    except Exception:  # broken metadata must not block scaffolding
        return set()


def package_name(name: str) -> str:
    """The Python package a workspace name stands for: `btc-trend` -> `btc_trend`."""
    return name.replace("-", "_")


def check_name(name: str) -> None:
    """Refuse a name that is not a safe directory name standing for a new, importable package
    name (checked on the package name, so `coordinator-node` is as reserved as
    `coordinator_node`)."""
    if not NAME_PATTERN.fullmatch(name):
        raise WorkspaceError(
            f"invalid workspace name {name!r}: use lower-case letters, digits, underscores and "
            "hyphens, starting with a letter (e.g. btc-trend or btc_trend)"
        )
    package = package_name(name)
    what = repr(name) if package == name else f"{name!r} (package {package!r})"
    if keyword.iskeyword(package) or keyword.issoftkeyword(package):
        raise WorkspaceError(f"invalid workspace name {what}: it is a Python keyword")
    if package in sys.stdlib_module_names or package in sys.builtin_module_names:
        raise WorkspaceError(
            f"invalid workspace name {what}: it would shadow the standard library module "
            f"{package!r}"
        )
    if package in RESERVED_NAMES:
        raise WorkspaceError(f"invalid workspace name {what}: the name is reserved")
    if package in _installed_top_level_modules():
        raise WorkspaceError(
            f"invalid workspace name {what}: it would shadow the installed module {package!r}"
        )


def replacements(name: str) -> list[tuple[str, str]]:
    """Every spelling of the placeholder and what replaces it (longest first)."""
    package = package_name(name)
    words = package.split("_")
    return [
        ("EXAMPLE_CRUNCH", package.upper()),
        ("Example Crunch", " ".join(w.capitalize() for w in words if w)),
        ("example-crunch", package.replace("_", "-")),
        (PLACEHOLDER, package),
    ]


def _rename(text: str, pairs: list[tuple[str, str]]) -> str:
    for old, new in pairs:
        text = text.replace(old, new)
    return text


def _skipped(path: Path) -> bool:
    return (path.name in SKIP_DIRS and path.is_dir()) or path.name.endswith(SKIP_SUFFIXES) \
        or path.name in SKIP_FILES


def _copy_tree(source: Path, target: Path, pairs: list[tuple[str, str]]) -> None:
    target.mkdir()
    for entry in sorted(source.iterdir()):
        if _skipped(entry):
            continue
        destination = target / _rename(entry.name, pairs)
        if entry.is_dir():
            _copy_tree(entry, destination, pairs)
            continue
        data = entry.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            destination.write_bytes(data)  # binary: copied as is
        else:
            destination.write_text(_rename(text, pairs), encoding="utf-8")
        shutil.copymode(entry, destination)


def create_workspace(name: str, directory: Path | str | None = None,
                     template: Path | None = None) -> Path:
    """Create `directory/name` from the template, holding the package `package_name(name)`;
    returns its path.

    Raises `WorkspaceError` (and writes nothing) for an unsafe name or an existing target.
    The copy is built in a temporary sibling directory and renamed into place, so a failure
    half-way never leaves a partial workspace behind.
    """
    check_name(name)
    parent = Path(directory) if directory is not None else Path.cwd()
    target = parent / name
    if target.exists() or target.is_symlink():
        raise WorkspaceError(f"{target} already exists: choose another name or --directory")
    source = template or template_dir()
    if parent.exists() and not parent.is_dir():
        raise WorkspaceError(f"{parent} is not a directory")
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=parent))
    try:
        _copy_tree(source, staging / name, replacements(name))
        (staging / name).rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
