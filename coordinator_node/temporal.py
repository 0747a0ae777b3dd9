"""Temporal client factory and the custom search attributes the Web UI filters on."""

from __future__ import annotations

import asyncio
import gc
import logging
import re
import traceback
import weakref
from collections.abc import Awaitable, Callable
from typing import TypeVar

from temporalio.api.enums.v1 import IndexedValueType, TaskQueueType
from temporalio.api.operatorservice.v1 import (
    AddSearchAttributesRequest,
    ListSearchAttributesRequest,
)
from temporalio.api.taskqueue.v1 import PollerInfo, TaskQueue
from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest
from temporalio.client import Client
from temporalio.common import SearchAttributeKey
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.runtime import Runtime, TelemetryConfig
from temporalio.service import RPCError, TLSConfig

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


class TemporalUnreachable(RuntimeError):
    """No Temporal server answers at the configured address; the message is one line naming
    the address, where it came from, and what to do."""


def address_origin(settings: Settings) -> str:
    """Where `settings.temporal_address` came from, in the operator's words."""
    if settings.explicitly_set("temporal_address"):
        return "TEMPORAL_ADDRESS"
    if settings.dev_mode:
        return "dev mode's server, TEMPORAL_DEV_PORT"
    return "the default; set TEMPORAL_ADDRESS"


def _short_reason(exc: BaseException) -> str:
    text = str(exc)
    found = re.search(r'message: "([^"]+)"', text)
    if found:
        return found.group(1)
    first = (text.splitlines() or [type(exc).__name__])[0]
    return first if len(first) <= 160 else first[:157] + "..."


def unreachable(settings: Settings, exc: BaseException) -> TemporalUnreachable:
    return TemporalUnreachable(
        f"cannot reach Temporal at {settings.temporal_address} ({address_origin(settings)}): "
        f"{_short_reason(exc)}. Start the node first (`make dev`, or `coordinator-node dev`), "
        "or set TEMPORAL_ADDRESS to a running Temporal server's host:port")


async def connect(settings: Settings, runtime: Runtime | None = None) -> Client:
    """The one way this node connects (worker, API, CLI): pydantic converter everywhere, and
    the cluster's TLS and API key when it is secured. Without `runtime`, the SDK's
    process-wide default runtime. Raises `TemporalUnreachable` when no server answers."""
    api_key = settings.temporal_api_key
    try:
        return await Client.connect(
            settings.temporal_address,
            namespace=settings.temporal_namespace,
            data_converter=pydantic_data_converter,
            runtime=runtime,
            tls=tls_config(settings),
            api_key=api_key.get_secret_value() if api_key else None,
        )
    except RuntimeError as exc:
        if "connect" not in str(exc).lower():
            raise
        raise unreachable(settings, exc) from None


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


class SearchAttributesMissing(RuntimeError):
    """The namespace lacks some of the node's search attributes and this worker may not add
    them; the message names them and the command that registers them."""


async def ensure_search_attributes(client: Client, settings: Settings) -> list[str]:
    """At worker start: the node's custom search attributes exist on its namespace (without
    them every round's workflow task fails, and retries forever). Missing ones are added
    where this client may (the dev server; a self-hosted cluster with operator rights);
    else `SearchAttributesMissing`. Returns the names added."""
    namespace = settings.temporal_namespace
    try:
        existing = await client.operator_service.list_search_attributes(
            ListSearchAttributesRequest(namespace=namespace))
    except RPCError as exc:  # e.g. a cloud namespace: not ours to inspect
        log.warning("could not check the search attributes of namespace %s (%s); the node "
                    "needs %s", namespace, exc.message,
                    ", ".join(key.name for key in SEARCH_ATTRIBUTES))
        return []
    missing = [key.name for key in SEARCH_ATTRIBUTES
               if key.name not in existing.custom_attributes]
    if not missing:
        return []
    try:
        added = await register_search_attributes(client, namespace)
    except RPCError as exc:
        commands = "; ".join(f"temporal operator search-attribute create --namespace "
                             f"{namespace} --name {name} --type Keyword" for name in missing)
        raise SearchAttributesMissing(
            f"namespace {namespace!r} on {settings.temporal_address} lacks the search "
            f"attributes {', '.join(missing)}, and this worker may not add them "
            f"({exc.message}): register them with `coordinator-node search-attributes` run "
            f"with operator rights, or: {commands}") from None
    log.info("registered the search attributes %s on namespace %s", ", ".join(added),
             namespace)
    return added


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


async def worker_pollers(client: Client, namespace: str, task_queue: str,
                         kind: TaskQueueType.ValueType =
                         TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW) -> list[PollerInfo]:
    """The workers that polled `task_queue` lately (the server forgets one a few minutes
    after its last poll); each poller's `identity` is `pid@host` unless set otherwise."""
    answer = await client.workflow_service.describe_task_queue(DescribeTaskQueueRequest(
        namespace=namespace, task_queue=TaskQueue(name=task_queue), task_queue_type=kind))
    return list(answer.pollers)
