"""Request dependencies: DB session, Temporal client, API-key guard for mutating endpoints."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request, status
from sqlmodel import Session
from temporalio.client import Client

from coordinator_node.contract import CrunchContract
from coordinator_node.settings import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_contract(request: Request) -> CrunchContract:
    return request.app.state.contract


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        yield session


def get_temporal(request: Request) -> Client:
    client: Client | None = request.app.state.temporal
    if client is None:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            f"Temporal is not reachable: {request.app.state.temporal_error}",
        )
    return client


def require_api_key(
    request: Request, x_api_key: Annotated[str | None, Header()] = None
) -> None:
    """`X-API-Key` must match API_KEY (constant-time). Only dev mode may run without a key."""
    settings: Settings = request.app.state.settings
    if settings.api_key is None:
        if settings.dev_mode:
            return
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            "mutating endpoints are disabled: set API_KEY (only dev mode runs without one)",
        )
    expected = settings.api_key.get_secret_value().encode()
    if x_api_key is None or not hmac.compare_digest(x_api_key.encode(), expected):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing or wrong X-API-Key header")


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ContractDep = Annotated[CrunchContract, Depends(get_contract)]
TemporalDep = Annotated[Client, Depends(get_temporal)]
ApiKeyDep = Depends(require_api_key)
