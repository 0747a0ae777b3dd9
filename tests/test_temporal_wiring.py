from __future__ import annotations

import shutil
import sys
from pathlib import Path

from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from coordinator_node.temporal import SEARCH_ATTRIBUTES, register_search_attributes


async def test_search_attributes_are_registered_once_on_an_existing_cluster() -> None:
    binary = str(Path(sys.executable).parent / "temporal") or shutil.which("temporal")
    # A server started without our attributes, as an operator's cluster would be.
    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=binary, data_converter=pydantic_data_converter,
        dev_server_extra_args=["--log-level", "error"],
    )
    try:
        added = await register_search_attributes(env.client, "default")
        assert added == sorted(key.name for key in SEARCH_ATTRIBUTES)
        assert await register_search_attributes(env.client, "default") == []
    finally:
        await env.shutdown()


async def test_session_server_has_the_search_attributes(temporal_env: WorkflowEnvironment) -> None:
    assert await register_search_attributes(temporal_env.client, "default") == []
