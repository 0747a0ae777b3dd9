"""`python -m coordinator_node.runners.local`: the local orchestrator plus one `model-runner`
process (the real model runtime) per model code directory in LOCAL_MODELS.

`--dev` reads the dev profile (the template's example models); `--status-file PATH` writes,
once every model serves, what serves it (dev mode's banner reads it). Runs until SIGINT or
SIGTERM, then stops every model process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
from pathlib import Path

from coordinator_node.logs import configure_logging
from coordinator_node.runners.local.cluster import LocalCluster
from coordinator_node.runners.local.runtime import RuntimeNotFound, find_model_runner
from coordinator_node.settings import load_settings

log = logging.getLogger("coordinator_node.runners.local")


def write_status(path: Path, cluster: LocalCluster) -> None:
    status = {"orchestrator": f"ws://{cluster.host}:{cluster.port}/{cluster.crunch_id}",
              "model_runner": str(cluster.model_runner), "models": cluster.describe()}
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(json.dumps(status, indent=2))
    os.replace(partial, path)  # whole or absent: the reader never sees half of it


async def _main(dev: bool, status_file: Path | None) -> int:
    settings = load_settings(dev=dev)
    configure_logging(settings.log_format, crunch_id=settings.crunch_id,
                      level=settings.log_level)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        cluster = LocalCluster(settings.crunch_id, settings.local_models,
                               settings.model_base_classname, host=settings.model_runner_host,
                               port=settings.model_runner_port,
                               model_runner=find_model_runner(settings.local_model_runner))
        async with cluster:
            log.info("local orchestrator on ws://%s:%s/%s with %d models", cluster.host,
                     cluster.port, settings.crunch_id, len(cluster.processes))
            if status_file is not None:
                write_status(status_file, cluster)
            await stop.wait()
    except (RuntimeNotFound, RuntimeError, ValueError, OSError) as exc:
        log.error("local models not started: %s", exc)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coordinator_node.runners.local",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--dev", action="store_true", help="use the dev profile")
    parser.add_argument("--status-file", type=Path, help="write the served models here")
    args = parser.parse_args(argv)
    configure_logging("json" if os.environ.get("LOG_FORMAT", "").lower() == "json" else "text")
    return asyncio.run(_main(args.dev, args.status_file))


if __name__ == "__main__":
    sys.exit(main())
