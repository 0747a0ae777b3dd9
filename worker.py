"""Temporal worker entry point: `python worker.py` is the same as `coordinator-node worker`."""

from coordinator_node.cli import main

if __name__ == "__main__":
    main(["worker"])
