"""Temporal client factory and the custom search attributes the Web UI filters on."""

from __future__ import annotations

import asyncio
import gc
import logging
import traceback
import weakref
from collections.abc import Awaitable, Callable
from typing import TypeVar

from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import (
    AddSearchAttributesRequest,
    ListSearchAttributesRequest,
)
from temporalio.client import Client
from temporalio.common import SearchAttributeKey
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.runtime import Runtime, TelemetryConfig
from temporalio.service import TLSConfig

from coordinator_node.settings import Settings, read_pem

log = logging.getLogger(__name__)
T = TypeVar("T")

CRUNCH_ID = SearchAttributeKey.for_keyword("CrunchId")
CHECKPOINT_STATUS = SearchAttributeKey.for_keyword("CheckpointStatus")
ROUND_STATUS = SearchAttributeKey.for_keyword("RoundStatus")
FEED_STATE = SearchAttributeKey.for_keyword("FeedState")
PREDICTION_CONFIG = SearchAttributeKey.for_keyword("PredictionConfig")

SEARCH_ATTRIBUTES: list[SearchAttributeKey] = [
    CRUNCH_ID,
    CHECKPOINT_STATUS,
    ROUND_STATUS,
    FEED_STATE,
    PREDICTION_CONFIG,
]


def dev_server_search_attribute_args() -> list[str]:
    """`--search-attribute Name=Keyword` for each attribute, for `temporal server start-dev`."""
    args: list[str] = []
    for key in SEARCH_ATTRIBUTES:
        args += ["--search-attribute", f"{key.name}=Keyword"]
    return args


def tls_config(settings: Settings) -> TLSConfig | bool:
    """The SDK's TLS option from the TEMPORAL_TLS* settings (already validated: pairs
    complete, files readable): False for plaintext, True for TLS with the system's CAs."""
    if not settings.temporal_uses_tls:
        return False
    cert, key, ca = settings.temporal_tls_cert, settings.temporal_tls_key, settings.temporal_tls_ca
    if cert is None and ca is None and settings.temporal_tls_server_name is None:
        return True
    return TLSConfig(
        client_cert=read_pem(cert) if cert else None,
        client_private_key=read_pem(key.get_secret_value()) if key else None,
        server_root_ca_cert=read_pem(ca) if ca else None,
        domain=settings.temporal_tls_server_name,
    )


async def connect(settings: Settings, runtime: Runtime | None = None) -> Client:
    """The one way this node connects (worker, API, CLI): pydantic converter everywhere, and
    the cluster's TLS and API key when it is secured. Without `runtime`, the SDK's
    process-wide default runtime."""
    api_key = settings.temporal_api_key
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        data_converter=pydantic_data_converter,
        runtime=runtime,
        tls=tls_config(settings),
        api_key=api_key.get_secret_value() if api_key else None,
    )


def run_with_client(settings: Settings, command: Callable[[Client], Awaitable[T]]) -> T:
    """Run a short-lived command with a client on a runtime of its own, and shut that runtime
    down (its Tokio threads joined) before the event loop closes and the interpreter exits.

    Why: the SDK resolves each call's asyncio future from a Tokio thread that holds the GIL,
    wakes the loop (a socket write, which lets the GIL go) and then takes the GIL back. With
    the SDK's default runtime, a module global, those threads live until interpreter
    finalisation; when a command's last answer lets the main thread reach finalisation inside
    that window, CPython ends the Tokio thread as it retakes the GIL and the unwind aborts the
    process (SIGABRT, "PyGILState_Release: thread state ... must be current") or segfaults.
    Dropping our own runtime here waits for those threads while Python is still whole."""
    with asyncio.Runner() as runner:
        runtime = Runtime(telemetry=TelemetryConfig())
        alive = weakref.ref(runtime)
        try:
            return runner.run(_with_client(settings, runtime, command))
        except BaseException as exc:
            # A traceback keeps its frames' locals, the client among them, alive past exit.
            _clear_frames(exc)
            raise
        finally:
            del runtime  # the last reference once the client is unreachable
            gc.collect()  # the client's own reference cycles
            if alive() is not None:
                log.warning("Temporal runtime still referenced at exit; its threads may "
                            "outlive the interpreter")


async def _with_client(settings: Settings, runtime: Runtime,
                       command: Callable[[Client], Awaitable[T]]) -> T:
    return await command(await connect(settings, runtime))


def _clear_frames(exc: BaseException | None) -> None:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        traceback.clear_frames(exc.__traceback__)
        exc = exc.__cause__ or exc.__context__


async def register_search_attributes(client: Client, namespace: str) -> list[str]:
    """Add the attributes missing on an existing cluster; returns the names added."""
    existing = await client.operator_service.list_search_attributes(
        ListSearchAttributesRequest(namespace=namespace)
    )
    missing = {
        key.name: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
        for key in SEARCH_ATTRIBUTES
        if key.name not in existing.custom_attributes
    }
    if missing:
        await client.operator_service.add_search_attributes(
            AddSearchAttributesRequest(namespace=namespace, search_attributes=missing)
        )
    return sorted(missing)
