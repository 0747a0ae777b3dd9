"""The worker checks at start that the node's custom search attributes exist on its
namespace: it adds them where it may (the dev server), else refuses to start naming them and
the command that registers them. (Without them every round's workflow task fails forever.)"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from temporalio.api.operatorservice.v1 import ListSearchAttributesRequest
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.service import RPCError, RPCStatusCode
from temporalio.testing import WorkflowEnvironment

from coordinator_node.runners.in_process import InProcessRunner
from coordinator_node.temporal import (
    SEARCH_ATTRIBUTES,
    SearchAttributesMissing,
    ensure_search_attributes,
)
from coordinator_node.worker import run_worker
from tests.conftest import make_settings, venv_binary

NAMES = sorted(key.name for key in SEARCH_ATTRIBUTES)


@pytest.fixture
async def bare_server() -> AsyncIterator[WorkflowEnvironment]:
    """A dev server without the node's search attributes, as a fresh cluster is."""
    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=venv_binary("temporal"),
        data_converter=pydantic_data_converter,
        dev_server_extra_args=["--log-level", "error"])
    yield env
    await env.shutdown()


async def custom_attributes(env: WorkflowEnvironment) -> set[str]:
    found = await env.client.operator_service.list_search_attributes(
        ListSearchAttributesRequest(namespace="default"))
    return set(found.custom_attributes)


def refusing(env: WorkflowEnvironment, monkeypatch: pytest.MonkeyPatch) -> None:
    async def denied(*_args: object, **_kwargs: object) -> None:
        raise RPCError("Request unauthorized.", RPCStatusCode.PERMISSION_DENIED, b"")

    monkeypatch.setattr(env.client.operator_service, "add_search_attributes", denied)


async def test_missing_attributes_are_added_where_the_worker_may(
    bare_server: WorkflowEnvironment, sqlite_url: str
) -> None:
    assert not set(NAMES) & await custom_attributes(bare_server)
    settings = make_settings(sqlite_url)
    assert sorted(await ensure_search_attributes(bare_server.client, settings)) == NAMES
    assert set(NAMES) <= await custom_attributes(bare_server)
    assert await ensure_search_attributes(bare_server.client, settings) == []  # idempotent


async def test_the_worker_refuses_to_start_naming_them_and_the_command(
    bare_server: WorkflowEnvironment, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    refusing(bare_server, monkeypatch)
    settings = make_settings(sqlite_url, temporal_task_queue=f"tq-{uuid.uuid4().hex[:6]}")
    with pytest.raises(SearchAttributesMissing) as refused:
        await ensure_search_attributes(bare_server.client, settings)
    message = str(refused.value)
    assert f"lacks the search attributes {', '.join(key.name for key in SEARCH_ATTRIBUTES)}" \
        in message
    assert "Request unauthorized." in message
    assert "`coordinator-node search-attributes`" in message
    assert "temporal operator search-attribute create --namespace default --name CrunchId " \
           "--type Keyword" in message

    # run_worker stops there, before polling or bootstrapping anything.
    async def connected(_settings: object, _stop: object, _runtime: object = None) -> object:
        return bare_server.client

    monkeypatch.setattr("coordinator_node.worker.connect_with_retry", connected)
    stop = asyncio.Event()
    with pytest.raises(SearchAttributesMissing):
        await asyncio.wait_for(run_worker(settings, stop, runner=InProcessRunner({})), 30)
    schedules = [s async for s in await bare_server.client.list_schedules()]
    assert schedules == []

