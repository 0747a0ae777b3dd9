"""Temporal client factory and the custom search attributes the Web UI filters on."""

from __future__ import annotations

from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import (
    AddSearchAttributesRequest,
    ListSearchAttributesRequest,
)
from temporalio.client import Client
from temporalio.common import SearchAttributeKey
from temporalio.contrib.pydantic import pydantic_data_converter

from coordinator_node.settings import Settings

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


async def connect(settings: Settings) -> Client:
    """The one way this node connects: pydantic converter everywhere (worker, API, CLI)."""
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        data_converter=pydantic_data_converter,
    )


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
