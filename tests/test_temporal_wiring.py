from __future__ import annotations

from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from coordinator_node.temporal import SEARCH_ATTRIBUTES, register_search_attributes
from tests.conftest import venv_binary


async def test_search_attributes_are_registered_once_on_an_existing_cluster() -> None:
    # A server started without our attributes, as an operator's cluster would be.
    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=venv_binary("temporal"), data_converter=pydantic_data_converter,
        dev_server_extra_args=["--log-level", "error"],
    )
    try:
        added = await register_search_attributes(env.client, "default")
        assert added == sorted(key.name for key in SEARCH_ATTRIBUTES)
        assert await register_search_attributes(env.client, "default") == []
    finally:
        await env.shutdown()

