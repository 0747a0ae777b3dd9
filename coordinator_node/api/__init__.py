"""The REST report API (FastAPI): reads Postgres; confirm/status talk to the checkpoint workflow."""

from coordinator_node.api.app import create_app

__all__ = ["create_app"]
