"""A real Oxigraph server on loopback, for the remote-store tests: `oxigraph serve` from the
venv (the `oxigraph` package), on a free port, stopped when the tests end.

A helper module rather than a conftest.py, so that `from conftest import ...` in the other
test folders keeps meaning the top-level conftest.
"""

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def free_port() -> int:
    """A port nothing listens on now (the system picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LoopbackServer:
    """A store the tests start on 127.0.0.1: they wait until it answers, and stop it."""

    name = "the server"
    stop_timeout = 10.0
    process: subprocess.Popen[bytes]
    log: Path

    def wait_until_answers(self, probe: str, timeout: float, pause: float) -> None:
        """Until `probe` answers 200, or stop and fail with the server's log."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(probe, timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(pause)
        self.stop()
        raise RuntimeError(f"{self.name} did not start: {self.log.read_text()}")

    def stop(self) -> None:
        """Terminate, then kill if it has not stopped within `stop_timeout` seconds."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(self.stop_timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(self.stop_timeout)


class OxigraphServer(LoopbackServer):
    """`oxigraph serve --location DIR` on 127.0.0.1; `url` is its base address."""

    name = "oxigraph serve"

    def __init__(self, location: Path, startup_timeout: float = 30.0) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = location.with_suffix(".log")
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    str(OXIGRAPH),
                    "serve",
                    "--location",
                    str(location),
                    "--bind",
                    f"127.0.0.1:{self.port}",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.wait_until_answers(f"{self.url}/query?query=ASK%7B%7D", startup_timeout, 0.05)


def foundation_build(root: Path) -> Path:
    """A project folder of the foundation (tests/foundation.py) under `root`, whose answers
    tests/queries/expected holds, built; the build folder."""
    from kg.build import build
    from kg.project import Project
    from tests.foundation import FOUNDATION

    (root / "sources").mkdir(parents=True)
    shutil.copy(FOUNDATION.registry_file, root / "registry.ttl")
    for card in FOUNDATION.cards():
        shutil.copy(card, root / "sources" / card.name)
    assert build(root / "build", Project(root)).written
    return root / "build"
