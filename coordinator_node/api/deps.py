"""Request dependencies: DB session, Temporal client, and the guard of mutating endpoints."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from sqlmodel import Session
from temporalio.client import Client

from coordinator_node.api.auth import require_json_body, require_mutation_access
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


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ContractDep = Annotated[CrunchContract, Depends(get_contract)]
TemporalDep = Annotated[Client, Depends(get_temporal)]
# Confirm / status: who may call (api/auth.py), and JSON bodies only.
MUTATION_GUARD = [Depends(require_mutation_access), Depends(require_json_body)]
