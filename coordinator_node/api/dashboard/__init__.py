"""The operator's dashboard at `/`: leaderboard, rounds, models, feeds and checkpoints, as
server-rendered pages (templates/, charts as inline SVG, one small script in static/), read
through the same stores as the report routes. Nothing is loaded from outside the node."""

from coordinator_node.api.dashboard.pages import router

__all__ = ["router"]
