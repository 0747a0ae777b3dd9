"""Feeds report endpoints (filled by the feeds issue)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/reports", tags=["feeds"])
