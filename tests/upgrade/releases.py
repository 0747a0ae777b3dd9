"""What earlier releases left behind (tests/releases/<version>/, written by
scripts/record_release.py): workflow histories and databases."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from temporalio.client import WorkflowHistory

RELEASES_DIR = Path(__file__).resolve().parent.parent / "releases"


@dataclass(frozen=True)
class RecordedHistory:
    version: str
    name: str
    workflow_type: str
    path: str
    history: WorkflowHistory

    @property
    def label(self) -> str:
        return f"{self.version}/{self.name}"


@contextmanager
def restored_postgres(version: str, prefix: str) -> Iterator[str]:
    """A scratch database holding the release's pg_dump, restored with psql."""
    from tests.conftest import scratch_postgres

    with scratch_postgres(prefix) as url:
        subprocess.run(["psql", "-v", "ON_ERROR_STOP=1", "-q", "-d", url, "-f",
                        str(RELEASES_DIR / version / "postgres.sql")],
                       check=True, capture_output=True, text=True)
        yield url


def sqlite_copy(version: str, directory: Path) -> str:
    """The release's SQLite file, copied into `directory` (the fixture stays untouched)."""
    copy = directory / "coordinator.db"
    shutil.copy(RELEASES_DIR / version / "sqlite.db", copy)
    return f"sqlite:///{copy}"


def release_versions() -> list[str]:
    return sorted(p.name for p in RELEASES_DIR.iterdir() if p.is_dir())


def recorded_histories(version: str | None = None) -> list[RecordedHistory]:
    found = []
    for version_dir in sorted(RELEASES_DIR.iterdir()):
        if not version_dir.is_dir() or (version and version_dir.name != version):
            continue
        for file in sorted((version_dir / "histories").glob("*.json")):
            document = json.loads(file.read_text())
            found.append(RecordedHistory(
                version=version_dir.name, name=file.stem,
                workflow_type=document["workflow_type"], path=document["path"],
                history=WorkflowHistory.from_json(document["workflow_id"],
                                                  document["history"])))
    return found
