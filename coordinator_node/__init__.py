"""coordinator-node: runs CrunchDAO prediction competitions as Temporal durable workflows."""

__version__ = "0.3.0.dev0"
