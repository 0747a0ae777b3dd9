"""Request dependencies: DB session, Temporal client, and the guard of mutating endpoints.

The cheap ones are `async def`: they touch no I/O, and a sync dependency would take a worker
thread, which under load (threads waiting for the database) is what is scarce."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import anyio
import anyio.to_thread
from fastapi import Depends, Request
from sqlmodel import Session
from temporalio.client import Client

from coordinator_node.api.answers import VersionedAnswers
from coordinator_node.api.auth import require_json_body, require_mutation_access
from coordinator_node.api.errors import retry_later
from coordinator_node.contract import CrunchContract
from coordinator_node.settings import Settings


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_contract(request: Request) -> CrunchContract:
    return request.app.state.contract


async def get_session(request: Request) -> AsyncIterator[Session]:
    """For sync (`def`) routes only: the session connects at its first query, in the route's
    worker thread, and the route closes it there before returning (api/routing.py). This
    close is the safety net (a route left it open): closing talks to the database, so it
    runs in a thread, one of `release_limiter`'s, never waiting behind the route threads."""
    state = request.app.state
    session = Session(state.engine, expire_on_commit=False)  # no I/O until the first query
    try:
        yield session
    finally:
        if session.in_transaction():
            with anyio.CancelScope(shield=True):  # a cancelled request still gives it back
                await anyio.to_thread.run_sync(session.close, limiter=state.release_limiter)
        session.close()


async def get_answers(request: Request) -> VersionedAnswers:
    return request.app.state.answers


async def get_temporal(request: Request) -> Client:
    client: Client | None = request.app.state.temporal
    if client is None:
        raise retry_later(f"Temporal is not reachable: {request.app.state.temporal_error}")
    return client


SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ContractDep = Annotated[CrunchContract, Depends(get_contract)]
AnswersDep = Annotated[VersionedAnswers, Depends(get_answers)]
TemporalDep = Annotated[Client, Depends(get_temporal)]
# Confirm / status: who may call (api/auth.py), and JSON bodies only.
MUTATION_GUARD = [Depends(require_mutation_access), Depends(require_json_body)]
