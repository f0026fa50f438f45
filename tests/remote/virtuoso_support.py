"""A real Virtuoso 7 on loopback, for the remote-store tests: Debian's `virtuoso-t` (installed by
`make test` through scripts/install-virtuoso.sh when missing), with a database folder and an INI
file of its own in a temporary folder, on free ports, stopped when the tests end.

A fresh database has the user `dba` with the password `dba`, which the Graph Store Protocol
endpoint /sparql-graph-crud-auth asks for with HTTP Digest; /sparql answers queries without
credentials.
"""

import os
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from remote_support import free_port

VIRTUOSO = Path(os.environ.get("VIRTUOSO", "/usr/bin/virtuoso-t"))
USER = "dba"
PASSWORD = "dba"
MERGE_GRAPH = "https://w3id.org/actors-positions/graph/merge"
"""Where the tests push the merge: Virtuoso keeps no default graph of its own."""

INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = {folder}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty_buffers}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 4
MaxClientConnections = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = {max_seconds}
MaxQueryCostEstimationTime = {max_estimate}
"""


class VirtuosoServer:
    """`virtuoso-t +foreground` with its database in `folder`; `url` is its HTTP address."""

    def __init__(
        self,
        folder: Path,
        startup_timeout: float = 120.0,
        buffers: int = 10000,
        max_seconds: int = 120,
        max_estimate: int = 1_000_000,
    ):
        """`max_seconds`: how long a query may run before Virtuoso cuts its answer short;
        `max_estimate`: the longest estimated run time (seconds) of a query it accepts; by
        default none is refused on an estimate (blocked-formats at a million triples is
        estimated at 1,004 s; see docs/benchmark.md for what it takes)."""
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.http_port = free_port()
        self.sql_port = free_port()
        self.url = f"http://127.0.0.1:{self.http_port}"
        self.store_url = f"{self.url}/sparql-graph-crud-auth"
        self.query_url = f"{self.url}/sparql"
        ini = folder / "virtuoso.ini"
        ini.write_text(
            INI.format(
                folder=folder,
                sql_port=self.sql_port,
                http_port=self.http_port,
                buffers=buffers,
                dirty_buffers=buffers * 3 // 4,
                max_seconds=max_seconds,
                max_estimate=max_estimate,
            )
        )
        self.log = folder / "virtuoso.out"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [str(VIRTUOSO), "-c", str(ini), "+foreground"],
                cwd=folder,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait(startup_timeout)

    def _wait(self, timeout: float) -> None:
        """Until /sparql answers, or fail with the server's log."""
        deadline = time.monotonic() + timeout
        probe = f"{self.query_url}?query=ASK%7B%7D"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(probe, timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"virtuoso-t did not start: {self.log.read_text()}")

    def stop(self, timeout: float = 60.0) -> None:
        """Terminate (Virtuoso checkpoints and exits on SIGTERM), then kill if it has not
        stopped within `timeout` seconds."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
