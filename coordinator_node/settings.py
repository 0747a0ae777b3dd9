"""The node's one configuration object, read from the environment and `.env`.

Defaults are production-like (weekly checkpoints, hourly snapshots). `coordinator-node dev`
overlays `DEV_PROFILE` for every value the operator did not set, so the whole pipeline shows
within minutes on a synthetic feed.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Annotated, Any, Literal
from urllib.parse import quote

from dotenv import dotenv_values
from pydantic import (
    Field,
    IPvAnyNetwork,
    PrivateAttr,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from coordinator_node.paths import EXAMPLE_MODELS, template_or_default

log = logging.getLogger("coordinator_node.settings")
CLASS_PATH = re.compile(r"[A-Za-z_][\w.]*:[A-Za-z_]\w*")


class SettingsError(RuntimeError):
    """A setting has a bad value; the message names the environment variable."""


FeedKind = Literal["tick", "candle"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", validate_default=True)
    # What the operator set (environment, `.env`, arguments), as opposed to what a profile
    # filled in; None: every field set at construction counts.
    _explicit: set[str] | None = PrivateAttr(default=None)

    # --- storage -----------------------------------------------------------------------
    database_url: str = "sqlite:///.data/coordinator.db"
    data_dir: str = ".data"

    # --- Temporal ----------------------------------------------------------------------
    temporal_address: str = "localhost:7233"
    temporal_namespace: str = "default"
    temporal_task_queue: str = "coordinator-node"
    temporal_ui_port: int = Field(default=8233, ge=1, le=65535)
    temporal_dev_port: int = Field(default=7233, ge=1, le=65535)  # dev mode's own server
    temporal_ui_url: str | None = Field(
        default=None, pattern=r"^https?://[^\s]+$",
        description="base URL of the Temporal Web UI the dashboard links rounds and "
                    "checkpoints to (e.g. `http://127.0.0.1:8233`); unset: dev mode's own "
                    "server's UI (`TEMPORAL_UI_PORT`), else no links")
    # A secured cluster (self-hosted mTLS, Temporal Cloud). Each PEM setting takes a file path
    # or the PEM text itself (for secrets passed as environment variables).
    temporal_tls: bool = Field(
        default=False, description="connect with TLS (the system's CAs unless "
                                   "TEMPORAL_TLS_CA); implied by any TEMPORAL_TLS_* below")
    temporal_tls_cert: str | None = Field(
        default=None, description="client certificate for mTLS: a PEM file path or PEM text")
    temporal_tls_key: SecretStr | None = Field(
        default=None, description="the client certificate's private key: a PEM file path or "
                                  "PEM text")
    temporal_tls_ca: str | None = Field(
        default=None, description="CA certificate(s) the server's certificate must chain to: "
                                  "a PEM file path or PEM text")
    temporal_tls_server_name: str | None = Field(
        default=None, description="the name the server's certificate must carry, when it "
                                  "differs from TEMPORAL_ADDRESS's host")
    temporal_api_key: SecretStr | None = Field(
        default=None, description="Temporal Cloud API key (sent as a bearer token; implies "
                                  "TLS)")

    # --- the competition ---------------------------------------------------------------
    crunch_id: str = Field(default="local-crunch", min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    crunch_pubkey: str = ""
    network: str = Field(
        default="mainnet-beta", min_length=1,
        description="the Solana cluster the crunch lives on, as `GET /info` states it "
                    "(`mainnet-beta`, `devnet`, `localnet`, …)")
    compute_provider: str = ""
    data_provider: str = ""
    contract: str = Field(
        default="coordinator_node.contract:DEFAULT_CONTRACT",
        description="`module:attr` of the competition's CrunchContract",
    )
    scoring_function: str | None = Field(
        default=None, description="`module:attr` of a scoring function replacing the "
                                  "contract's")
    scheduled_prediction_configs_path: str | None = Field(
        default=None, description="JSON file with the prediction configs (an array), "
                                  "replacing the contract's")
    input_window_size: int | None = Field(
        default=None, ge=1, description="records in each model input window, replacing the "
                                        "contract's `input_window_size`")

    # --- feeds -------------------------------------------------------------------------
    # The defaults pair with the default contract (BTC): Pyth's BTC price, one tick a second.
    feed_source: Literal["binance", "pyth", "synthetic", "replay"] = "pyth"
    feed_subjects: Annotated[list[str], NoDecode] = ["BTC"]
    feed_kind: FeedKind = "tick"
    feed_granularity: str = Field(default="1s", pattern=r"^[1-9][0-9]*[smhd]$")
    feed_retention_days: int = Field(default=90, ge=1)
    binance_api_url: str = "https://api.binance.com/api"
    binance_stream_url: str = "wss://stream.binance.com:9443/"
    pyth_hermes_url: str = "https://hermes.pyth.network"
    synthetic_seed: int = 42
    pyth_feed_ids: dict[str, str] = Field(
        default_factory=dict, description="JSON {subject: feed id}; BTC and ETH are built in"
    )
    pyth_poll_seconds: float = Field(default=1.0, gt=0)
    replay_file: str | None = None
    replay_speed: float = Field(default=1.0, gt=0)
    replay_start: datetime | None = Field(
        default=None, description="where the replay's first candle lands (ISO 8601 with offset)"
    )
    feed_backfill_days: float = Field(
        default=1.0, gt=0, description="history fetched when a feed starts with no watermark"
    )
    feed_live_session_minutes: int = Field(
        default=30, ge=1, description="live-stream length before the ingest workflow rolls over"
    )
    backfill_max_attempts: int = Field(
        default=10, ge=0, description="attempts of one page fetch before `coordinator-node "
                                      "backfill` gives up with the fetch's last error (0 = "
                                      "never)")
    feed_max_backoff_seconds: int = Field(
        default=60, ge=1, description="longest wait between attempts on a failing feed source "
                                      "(at most half of RESOLVE_DEADLINE_SECONDS)")

    # --- models ------------------------------------------------------------------------
    model_runner_host: str = "127.0.0.1"
    model_runner_port: int = Field(default=9091, ge=1, le=65535)
    model_runner_timeout_seconds: float = Field(default=30.0, gt=0)
    model_base_classname: str = "example_crunch.tracker.TrackerBase"
    local_models: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="model code directories (comma list; relative to where the node starts) "
                    "the local orchestrator serves, one `model-runner` process each (dev mode)",
    )
    local_model_runner: str | None = Field(
        default=None,
        description="the model runtime's `model-runner` executable serving `LOCAL_MODELS` "
                    "(default: `.venv-models/bin/model-runner` where the node starts, else in "
                    "the node's repository, as `make dev` builds it)",
    )

    # --- metrics -----------------------------------------------------------------------
    worker_metrics_host: str = Field(
        default="127.0.0.1", description="where the worker serves Prometheus metrics (the "
                                         "SDK's and the node's); 0.0.0.0 in a container")
    worker_metrics_port: int = Field(
        default=9464, ge=0, le=65535, description="the worker's Prometheus `/metrics` port; "
                                                  "0 = no metrics endpoint")

    # --- schedules ---------------------------------------------------------------------
    worker_bootstrap: bool = Field(
        default=True, description="create schedules and feed workflows at start (false for "
                                  "extra workers)")
    resolve_deadline_seconds: int = Field(
        default=600, ge=1, description="after the horizon, how long ground truth may take "
                                       "before the input EXPIRES")
    snapshot_interval_seconds: int = Field(default=3600, ge=1)
    checkpoint_interval_seconds: int = Field(
        default=7 * 24 * 3600, ge=0, description="0 = no schedule, checkpoints on demand"
    )

    # --- API ---------------------------------------------------------------------------
    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)
    api_key: SecretStr | None = None
    trusted_networks: Annotated[list[IPvAnyNetwork], NoDecode] = Field(
        default_factory=list,
        description="comma list of CIDRs (e.g. `127.0.0.1/32,10.0.0.0/8`) whose clients may "
                    "confirm and advance checkpoints without the API key: the web app's "
                    "server or proxy")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default=["*"], description="comma list of origins a browser may call the API from "
                                   "(`*` = any)")
    api_db_wait_seconds: float = Field(
        default=3.0, gt=0, le=60,
        description="longest a report API request waits for a free database connection; then "
                    "503 with `Retry-After`")
    api_change_timeout_seconds: float = Field(
        default=10.0, gt=0, le=300,
        description="longest checkpoint confirm / status waits for the checkpoint workflow; "
                    "then 503 with `Retry-After` (the same call again is safe)")
    api_shutdown_seconds: int = Field(
        default=5, ge=0, le=300,
        description="on SIGTERM, how long the report API lets requests in flight finish")

    # --- mode --------------------------------------------------------------------------
    dev_mode: bool = False
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="the least severe log line written, by the node's own loggers, "
                                    "the SDKs' and the API server's")
    log_format: Literal["text", "json"] = Field(
        default="text", description="log lines: human-readable text, or one JSON object per line "
                                    "with `workflow_id`, `run_id`, `activity` and `crunch_id` "
                                    "where known (worker, API and dev mode's children)")

    @field_validator("local_models", mode="before")
    @classmethod
    def _split_models(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        for entry in value if isinstance(value, list) else []:
            if isinstance(entry, str) and CLASS_PATH.fullmatch(entry):
                # The old form: the model runtime cannot load a class by name, only the
                # subclass of the base class it finds in a code directory.
                raise ValueError(
                    f"{entry!r} is a `module:Class`; LOCAL_MODELS lists model code "
                    "directories now (e.g. models/momentum), each holding a main.py with "
                    "the model's class, as a participant submits it")
        return value

    @field_validator("trusted_networks", "cors_origins", mode="before")
    @classmethod
    def _split_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("feed_subjects", mode="before")
    @classmethod
    def _split_subjects(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, list) and not value:
            raise ValueError("at least one subject is required")
        return value

    @field_validator("replay_start")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("must include a UTC offset, e.g. 2026-01-01T00:00:00Z")
        return value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.startswith(("sqlite://", "postgresql://", "postgresql+psycopg2://")):
            raise ValueError("must be a sqlite:// or postgresql:// URL")
        return value

    @field_validator("temporal_tls_cert", "temporal_tls_key", "temporal_tls_ca")
    @classmethod
    def _pem(cls, value: str | SecretStr | None) -> str | SecretStr | None:
        if value is not None:
            read_pem(value.get_secret_value() if isinstance(value, SecretStr) else value)
        return value

    @model_validator(mode="after")
    def _tls_pairs(self) -> Settings:
        if (self.temporal_tls_cert is None) != (self.temporal_tls_key is None):
            given, missing = (("TEMPORAL_TLS_CERT", "TEMPORAL_TLS_KEY")
                              if self.temporal_tls_key is None
                              else ("TEMPORAL_TLS_KEY", "TEMPORAL_TLS_CERT"))
            raise ValueError(f"{given} is set without {missing}: mTLS needs the client "
                             "certificate and its private key")
        return self

    @property
    def temporal_uses_tls(self) -> bool:
        return self.temporal_tls or self.temporal_api_key is not None or any(
            value is not None for value in (self.temporal_tls_cert, self.temporal_tls_key,
                                            self.temporal_tls_ca,
                                            self.temporal_tls_server_name))

    @property
    def temporal_ui_base(self) -> str | None:
        """Where the Temporal Web UI is: TEMPORAL_UI_URL, else (dev mode, its own server) the
        dev server's UI; None when unknown."""
        if self.temporal_ui_url:
            return self.temporal_ui_url.rstrip("/")
        if self.dev_mode and self.temporal_address == dev_temporal_address(self):
            return f"http://127.0.0.1:{self.temporal_ui_port}"
        return None

    @property
    def checkpoint_interval(self) -> timedelta | None:
        if self.checkpoint_interval_seconds == 0:
            return None
        return timedelta(seconds=self.checkpoint_interval_seconds)

    def explicitly_set(self, field: str) -> bool:
        explicit = self._explicit if self._explicit is not None else self.model_fields_set
        return field in explicit


# What `coordinator-node dev` uses for every value the operator has not set explicitly.
DEV_PROFILE: dict[str, Any] = {
    "dev_mode": True,
    "contract": "example_crunch.contract:CONTRACT",
    "feed_source": "synthetic",
    "feed_subjects": ["BTC"],
    "feed_kind": "candle",
    "feed_granularity": "1s",
    "snapshot_interval_seconds": 60,
    "checkpoint_interval_seconds": 0,
    "model_runner_timeout_seconds": 5.0,
    "network": "localnet",
    # The template's example models, each in its own code directory (a participant's layout).
    "local_models": [str(template_or_default() / "models" / name) for name in EXAMPLE_MODELS],
}


def read_pem(value: str) -> bytes:
    """A PEM setting's bytes: the text itself, or the file it names (which must be readable
    and hold PEM)."""
    if value.lstrip().startswith("-----BEGIN"):
        return value.encode()
    try:
        with open(value, "rb") as pem:
            data = pem.read()
    except OSError as exc:
        raise ValueError(f"cannot read {value!r}: {exc.strerror or exc}") from None
    if b"-----BEGIN" not in data:
        raise ValueError(f"{value!r} holds no PEM block (-----BEGIN …)")
    return data


def _env_name(loc: tuple[int | str, ...]) -> str:
    return str(loc[0]).upper() if loc else "?"


def _minutes_to_days(minutes: str) -> str:
    return str(float(minutes) / 1440)


# The old engine's environment names: old -> (new name, how its value converts).
LEGACY_NAMES: dict[str, tuple[str, Callable[[str], str]]] = {
    "MODEL_RUNNER_NODE_HOST": ("MODEL_RUNNER_HOST", str),
    "MODEL_RUNNER_NODE_PORT": ("MODEL_RUNNER_PORT", str),
    "COMPUTE_PROVIDER_PUBKEY": ("COMPUTE_PROVIDER", str),
    "DATA_PROVIDER_PUBKEY": ("DATA_PROVIDER", str),
    "FEED_PROVIDER": ("FEED_SOURCE", str),
    "FEED_ASSETS": ("FEED_SUBJECTS", str),
    "FEED_RECORD_TTL_DAYS": ("FEED_RETENTION_DAYS", str),
    "FEED_POLL_SECONDS": ("PYTH_POLL_SECONDS", str),
    "FEED_BACKFILL_MINUTES": ("FEED_BACKFILL_DAYS", _minutes_to_days),
    "FEED_CANDLES_WINDOW": ("INPUT_WINDOW_SIZE", str),
}
POSTGRES_PARTS = ("POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_USER", "POSTGRES_PASSWORD",
                  "POSTGRES_DB")


def _environment(env_file: str | None) -> dict[str, str]:
    """What the node reads: `.env` (when there is one), overridden by the environment."""
    found: dict[str, str] = {}
    if env_file and os.path.isfile(env_file):
        found.update({k.upper(): v for k, v in dotenv_values(env_file).items() if v is not None})
    found.update({k.upper(): v for k, v in os.environ.items()})
    return found


def legacy_overrides(env: dict[str, str]) -> dict[str, str]:
    """The new settings the old engine's names ask for, each with a one-line deprecation
    warning. An old name and its new one set to different values is refused, naming both."""
    wanted: dict[str, tuple[str, str]] = {}  # new name -> (value, old name(s))
    for old, (new, convert) in LEGACY_NAMES.items():
        if old in env:
            try:
                wanted[new] = (convert(env[old]), old)
            except ValueError as exc:
                raise SettingsError(f"invalid configuration: {old}: {exc}") from None
    if any(part in env for part in POSTGRES_PARTS):
        user = quote(env.get("POSTGRES_USER", "postgres"), safe="")
        password = quote(env.get("POSTGRES_PASSWORD", ""), safe="")
        auth = f"{user}:{password}" if password else user
        url = (f"postgresql://{auth}@{env.get('POSTGRES_HOST', 'localhost')}:"
               f"{env.get('POSTGRES_PORT', '5432')}/{env.get('POSTGRES_DB', 'postgres')}")
        wanted["DATABASE_URL"] = (url, "/".join(p for p in POSTGRES_PARTS if p in env))
    overrides = {}
    for new, (value, old) in wanted.items():
        if new in env and env[new] != value:
            raise SettingsError(f"invalid configuration: {old} (old name) and {new} are both "
                                f"set, to different values; keep only {new}")
        log.warning("%s is the old engine's name: use %s", old, new)
        overrides[new.lower()] = value
    return overrides


def dev_temporal_address(settings: Settings) -> str:
    """Where dev mode's own Temporal server listens."""
    return f"127.0.0.1:{settings.temporal_dev_port}"


def load_settings(dev: bool = False, **overrides: Any) -> Settings:
    """Read settings; on a bad value raise `SettingsError` naming the variable.

    The Temporal address is resolved here, once, for every command: `TEMPORAL_ADDRESS` when
    set, else (dev profile) dev mode's own server at 127.0.0.1:`TEMPORAL_DEV_PORT`, else the
    default."""
    env_file = Settings.model_config.get("env_file")
    legacy = legacy_overrides(_environment(env_file if isinstance(env_file, str) else None))
    overrides = {**legacy, **overrides}
    try:
        settings = Settings(**overrides)
        if dev:
            explicit = set(settings.model_fields_set)
            unset = {k: v for k, v in DEV_PROFILE.items() if not settings.explicitly_set(k)}
            if not settings.explicitly_set("temporal_address"):
                unset["temporal_address"] = dev_temporal_address(settings)
            settings = Settings(**overrides, **unset)
            settings._explicit = explicit
    except ValidationError as exc:
        problems = "; ".join(
            f"{_env_name(err['loc'])}: {err['msg']} (got {err.get('input')!r})"
            if err["loc"] else str(err["msg"]).removeprefix("Value error, ")
            for err in exc.errors()
        )
        raise SettingsError(f"invalid configuration: {problems}") from None
    return settings
