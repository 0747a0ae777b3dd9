"""Print (or `--write` into README.md) the table of every setting the node reads.

The table is generated from `Settings.model_fields`, so it cannot drift from the code: a test
fails when README.md's copy is stale. Run `python scripts/settings_table.py --write` after
adding or changing a setting.
"""

from __future__ import annotations

import argparse
import sys
import typing
from pathlib import Path
from typing import Any

from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from coordinator_node.settings import DEV_PROFILE, Settings

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- settings:start -->", "<!-- settings:end -->"

# Descriptions for fields that do not carry `Field(description=...)` in settings.py.
# A description in settings.py wins over the one here.
FALLBACK_DESCRIPTIONS: dict[str, str] = {
    "database_url": "the node's database: `postgresql://user:pass@host:5432/db` in production; "
                    "SQLite works for one machine",
    "data_dir": "where dev mode keeps the Temporal dev server's state and log",
    "temporal_address": "Temporal frontend `host:port`; `coordinator-node dev` starts its own "
                        "server unless this is set",
    "temporal_namespace": "Temporal namespace of every workflow and schedule",
    "temporal_task_queue": "task queue the worker polls",
    "temporal_ui_port": "Web UI port of dev mode's Temporal server",
    "temporal_dev_port": "gRPC port of dev mode's Temporal server",
    "crunch_id": "the competition's id: in workflow ids, search attributes, checkpoint ids and "
                 "the model orchestrator's websocket path",
    "crunch_pubkey": "the competition's on-chain pubkey, written into each emission",
    "compute_provider": "compute provider pubkey (100% of compute rewards; empty = none)",
    "data_provider": "data provider pubkey (100% of data rewards; empty = none)",
    "contract": "`module:attr` of the competition's CrunchContract",
    "feed_source": "where market data comes from",
    "feed_subjects": "comma list of subjects to ingest, e.g. `BTCUSDT` (Binance), `BTC` (Pyth)",
    "feed_kind": "record kind",
    "feed_granularity": "candle or tick interval, e.g. `1s`, `1m`, `1h`",
    "feed_retention_days": "feed records older than this are deleted",
    "binance_api_url": "Binance REST base URL (backfill)",
    "binance_stream_url": "Binance websocket base URL (live candles)",
    "pyth_hermes_url": "Pyth Hermes base URL",
    "synthetic_seed": "seed of the synthetic feed's random walk (reproducible data)",
    "pyth_poll_seconds": "how often the Pyth feed polls Hermes",
    "replay_file": "CSV the replay feed reads (`coordinator-node feed-export` writes one)",
    "replay_speed": "replay speed factor (2 = twice real time)",
    "model_runner_host": "model orchestrator host (the local one in dev mode)",
    "model_runner_port": "model orchestrator websocket port",
    "model_runner_timeout_seconds": "per-model timeout of each tick/predict call",
    "model_base_classname": "class every participant's model subclasses (`module.Class`)",
    "snapshot_interval_seconds": "how often scored predictions roll up into snapshots and the "
                                 "leaderboard",
    "api_host": "report API bind address",
    "api_port": "report API port",
    "api_key": "key that opens the mutating endpoints (checkpoint confirm / status) from any "
               "address, sent as `X-API-Key`, `Authorization: Bearer` or `?api_key=`; "
               "without it only `TRUSTED_NETWORKS` get in (401 for the rest)",
    "dev_mode": "dev mode (set by `coordinator-node dev` and `--dev`): mutating endpoints "
                "open to every caller",
    "log_level": "log level",
}


def _shown(value: Any) -> str:
    """A path inside the repository as the README reader's checkout has it."""
    text = str(value)
    root = f"{README.parent}/"
    return text[len(root):] if text.startswith(root) else text


def _format_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list | tuple):
        return f"`{','.join(_shown(v) for v in value)}`" if value else "—"
    if isinstance(value, dict):
        return "`{}`" if not value else f"`{value}`"
    if value == "":
        return '`""`'
    return f"`{value}`"


def _default(field: FieldInfo) -> Any:
    if field.default_factory is not None:
        return field.default_factory()  # type: ignore[call-arg]
    return None if field.default is PydanticUndefined else field.default


def _choices(field: FieldInfo) -> list[str]:
    annotation = field.annotation
    if typing.get_origin(annotation) is typing.Literal:
        return [str(arg) for arg in typing.get_args(annotation)]
    return []


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def settings_table() -> str:
    """The Markdown table: env var, default, the `coordinator-node dev` value, description."""
    rows = ["| Environment variable | Default | `make dev` | Description |",
            "|---|---|---|---|"]
    for name, field in Settings.model_fields.items():
        description = field.description or FALLBACK_DESCRIPTIONS.get(name, "")
        choices = _choices(field)
        if choices:
            description = f"{description}: one of {', '.join(f'`{c}`' for c in choices)}"
        dev = _format_value(DEV_PROFILE[name]) if name in DEV_PROFILE else ""
        rows.append(f"| `{name.upper()}` | {_cell(_format_value(_default(field)))} | "
                    f"{_cell(dev)} | {_cell(description)} |")
    return "\n".join(rows) + "\n"


def render_readme(text: str) -> str:
    """`text` with the section between the markers replaced by the current table."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"README.md must contain {START} followed by {END}")
    return text[: start + len(START)] + "\n" + settings_table() + text[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true",
                        help=f"rewrite the table in {README.name} between the markers")
    args = parser.parse_args(argv)
    if not args.write:
        sys.stdout.write(settings_table())
        return 0
    text = README.read_text()
    updated = render_readme(text)
    if updated != text:
        README.write_text(updated)
        print(f"updated the settings table in {README}")
    else:
        print(f"the settings table in {README} is current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
