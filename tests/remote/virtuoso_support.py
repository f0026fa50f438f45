"""A real Virtuoso 7 on loopback, for the remote-store tests: Debian's `virtuoso-t` (installed by
`make test` through scripts/install-virtuoso.sh when missing), with a database folder and an INI
file of its own in a temporary folder, on free ports, stopped when the tests end.

A fresh database has the user `dba` with the password `dba`, which the Graph Store Protocol
endpoint /sparql-graph-crud-auth asks for with HTTP Digest; /sparql answers queries without
credentials.
"""

import csv
import io
import os
import re
import subprocess
from pathlib import Path

from remote_support import LoopbackServer, free_port

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


class VirtuosoServer(LoopbackServer):
    """`virtuoso-t +foreground` with its database in `folder`; `url` is its HTTP address.
    It checkpoints and exits on SIGTERM, which can take a while: it is given a minute."""

    name = "virtuoso-t"
    stop_timeout = 60.0

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
        self.wait_until_answers(f"{self.query_url}?query=ASK%7B%7D", startup_timeout, 0.2)


# The differences between Virtuoso's answers and the embedded engine's that no query rewrite
# removed (docs/serve.md, "Virtuoso"), applied by the tests and by scripts/push_speed.py.

BOOLEAN_COLUMNS = {"current"}
DURATION_COLUMNS = {"extensionLength"}
DROPPED_BY_VIRTUOSO = {"treaty-timeline": "eventKind"}
"""A column that Virtuoso 7.2.5 leaves empty in some rows of a query (a defect of the store)."""


LOSES_ROWS_WHEN_BOUND = {"who-supports-which-format"}
"""A query that Virtuoso 7.2.5 answers with only some of its rows once its parameter is bound
(a defect of the store's optimiser under the query's sort; docs/serve.md)."""


def as_virtuoso_answers(text: str) -> str:
    """The embedded CSV answer with Virtuoso's two documented differences: booleans as 1 and 0,
    durations in months."""
    table = list(csv.reader(io.StringIO(text)))
    if not table:
        return text
    header = table[0]
    for row in table[1:]:
        for at, name in enumerate(header):
            if name in BOOLEAN_COLUMNS and row[at]:
                row[at] = {"true": "1", "false": "0"}[row[at]]
            if name in DURATION_COLUMNS and row[at]:
                row[at] = "; ".join(str(months(v)) for v in row[at].split("; "))
    return csv_text(table)


def months(duration: str) -> int:
    """Months of a year-month ISO 8601 duration (P5Y, P1Y6M), as Virtuoso keeps it."""
    match = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?", duration)
    assert match, f"not a year-month duration: {duration}"
    return int(match[1] or 0) * 12 + int(match[2] or 0)


def with_dropped_cells(expected: str, remote: str, column: str) -> str:
    """The expected answer with the cells of `column` emptied where Virtuoso's answer has them
    empty, and nothing else: any other difference still fails the comparison."""
    wanted = list(csv.reader(io.StringIO(expected)))
    got = list(csv.reader(io.StringIO(remote)))
    at = wanted[0].index(column)
    if len(got) == len(wanted):
        for row, answer in zip(wanted[1:], got[1:], strict=True):
            if len(answer) == len(row) and not answer[at]:
                row[at] = ""
    return csv_text(wanted)


def without_lost_rows(expected: str, remote: str) -> str:
    """The expected answer keeping only the rows that Virtuoso's answer has, in their order,
    and nothing else: a row it adds or changes, or rows in another order, still fail."""
    wanted = list(csv.reader(io.StringIO(expected)))
    given = {tuple(row) for row in csv.reader(io.StringIO(remote))}
    return csv_text([wanted[0]] + [row for row in wanted[1:] if tuple(row) in given])


def csv_text(table: list[list[str]]) -> str:
    """Rows as the CSV text `kg query --format csv` prints (lines end in \\n)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    return out.getvalue()
