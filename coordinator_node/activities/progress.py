"""The node's progress, one line per event: each finished round, snapshot cycle and
checkpoint transition (the worker's console in dev mode; its log in production)."""

from __future__ import annotations

import logging

progress = logging.getLogger("coordinator_node.progress")
