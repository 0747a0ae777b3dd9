"""Checkpoints report endpoints (filled by the checkpoints issue)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/reports", tags=["checkpoints"])
