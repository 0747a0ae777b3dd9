"""Where the node's own files are: the competition template and the model runtime's
virtualenv. No imports of the node's other modules (the bottom layer uses it)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# A source checkout (editable install) has the repository around the package.
REPO_ROOT = PACKAGE_DIR.parent
# A wheel carries the template inside the package; an editable install reads the repo's.
TEMPLATE_CANDIDATES = (PACKAGE_DIR / "_template", REPO_ROOT / "template")
# The model runtime's virtualenv, as `make .venv-models` builds it (requirements-models.txt).
MODELS_VENV = ".venv-models"
MODEL_RUNNER_SCRIPT = "model-runner"
# The example competition's placeholder package and its example models' code directories.
TEMPLATE_PACKAGE = "example_crunch"
EXAMPLE_MODELS = ("momentum", "mean_reversion", "contrarian")


def find_template() -> Path | None:
    """The template directory (holding the example competition), if this install has one."""
    for candidate in TEMPLATE_CANDIDATES:
        if (candidate / TEMPLATE_PACKAGE).is_dir():
            return candidate
    return None


def template_or_default() -> Path:
    """The template directory, or where a source checkout keeps it (for messages and
    defaults that must exist even when the template is missing)."""
    return find_template() or TEMPLATE_CANDIDATES[-1]


def model_runner_candidates(cwd: Path | None = None) -> list[Path]:
    """Where the model runtime's `model-runner` is looked for, in order: the directory the
    node starts in (a workspace with its own `.venv-models`), then the node's repository."""
    script = Path(MODELS_VENV) / "bin" / MODEL_RUNNER_SCRIPT
    found = [(cwd or Path.cwd()) / script, REPO_ROOT / script]
    return list(dict.fromkeys(p.resolve() for p in found))
