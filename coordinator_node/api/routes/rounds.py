"""Rounds report endpoints (filled by the rounds issue)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/reports", tags=["rounds"])
