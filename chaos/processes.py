"""The processes the chaos suite runs and kills: a Postgres cluster of its own (never the
shared one on 5432), the Temporal dev server, and the node's own processes. Each runs in its
own session so a Ctrl-C of the suite reaches only the suite, which then stops them all."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from coordinator_node.dev import find_temporal_cli
from coordinator_node.temporal import dev_server_search_attribute_args


def free_port() -> int:
    """A port nobody listens on now (the machine is shared: never a fixed one)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.3)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_for(check: Callable[[], bool], what: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} not ready after {timeout:.0f}s")


def log_tail(path: Path, lines: int = 30) -> str:
    if not path.exists():
        return "(no log)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


@dataclass
class Child:
    """One process of the suite, restartable with the same command."""

    name: str
    argv: list[str]
    log: Path
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    def start(self) -> None:
        with open(self.log, "ab") as out:
            out.write(f"\n--- start {self.starts + 1} at {time.strftime('%X')}\n".encode())
            out.flush()
            self.process = subprocess.Popen(
                self.argv, env=self.env or None, cwd=self.cwd, stdout=out,
                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        self.starts += 1

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL, the whole process group, and reap it."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()

    def stop(self, grace: float = 5.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(grace)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
        self.kill()


def model_runner() -> Path:
    """The model runtime's `model-runner` (crunch-model-runner), as `make .venv-models`
    builds it in the repository."""
    found = Path(__file__).resolve().parent.parent / ".venv-models" / "bin" / "model-runner"
    if not found.exists():
        raise RuntimeError(f"{found} not found: run `make .venv-models` first")
    return found


def temporal_server(workdir: Path) -> tuple[Child, int]:
    """The dev server on free ports, its state in a file, so a kill -9 loses nothing."""
    port, ui_port = free_port(), free_port()
    argv = [find_temporal_cli(), "server", "start-dev", "--headless", "--ip", "127.0.0.1",
            "--port", str(port), "--ui-port", str(ui_port),
            "--db-filename", str(workdir / "temporal.db"), "--log-level", "error",
            *dev_server_search_attribute_args()]
    return Child("temporal", argv, workdir / "temporal.log"), port


class Postgres:
    """A throwaway cluster: initdb into the work dir, trust auth, a free port. Postgres
    refuses to run as root, so as root (CI) it runs as the `postgres` OS user."""

    def __init__(self, workdir: Path) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                       key=lambda p: int(Path(p).parts[-3]))
        bins = Path(found[-1]).parent if found else None
        if bins is None and shutil.which("initdb"):
            bins = Path(str(shutil.which("initdb"))).parent
        if bins is None:
            raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found")
        self.bins = bins
        self.root = workdir / "pg"
        self.data = self.root / "data"
        self.log = workdir / "postgres.log"
        self.port = free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/chaos"

    def _run(self, *argv: str, check: bool = True) -> None:
        subprocess.run([*self.as_user, *argv], check=check, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)

    def init(self) -> None:
        self.root.mkdir()
        self.log.touch()
        if self.as_user:
            # The postgres user must reach the work dir and write its own files.
            os.chmod(self.root.parent, 0o755)
            shutil.chown(self.root, "postgres")
            shutil.chown(self.log, "postgres")
        self._run(str(self.bins / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "--auth=trust", "-E", "UTF8", "--no-sync")
        self.start()
        self._run(str(self.bins / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                  "-U", "postgres", "chaos")

    def start(self) -> None:
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 "
                   f"-c unix_socket_directories={self.root} -c max_connections=200")
        self._run(str(self.bins / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                  "-o", options, "-w", "-t", "60", "start")

    def stop_immediate(self) -> None:
        """As a crash: no checkpoint, recovery on the next start."""
        self._run(str(self.bins / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w",
                  "stop", check=False)

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def destroy(self) -> None:
        if self.data.exists() and self.running():
            self.stop_immediate()
        pid_file = self.data / "postmaster.pid"
        if pid_file.exists():  # pg_ctl could not stop it: the postmaster itself
            try:
                os.kill(int(pid_file.read_text().split()[0]), signal.SIGKILL)
            except (ProcessLookupError, ValueError):
                pass
