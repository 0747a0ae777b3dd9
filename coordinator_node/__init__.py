"""coordinator-node: runs CrunchDAO prediction competitions as Temporal durable workflows."""

__version__ = "0.2.0"
