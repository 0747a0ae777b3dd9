"""`python -m coordinator_node.runners.local`: an orchestrator plus one node per model.

Models come from LOCAL_MODELS (comma list of `module:Class`), by default the template's
example models. Runs until SIGINT/SIGTERM.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from coordinator_node.runners.local.cluster import LocalCluster
from coordinator_node.settings import load_settings


async def _main() -> None:
    settings = load_settings(dev="--dev" in sys.argv[1:])
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with LocalCluster(settings.crunch_id, settings.local_models,
                            host=settings.model_runner_host, port=settings.model_runner_port):
        logging.getLogger(__name__).info(
            "local orchestrator on ws://%s:%s/%s with %d models", settings.model_runner_host,
            settings.model_runner_port, settings.crunch_id, len(settings.local_models))
        await stop.wait()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    asyncio.run(_main())
