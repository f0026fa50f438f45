"""A pool of query worker processes, each killed and replaced when its query runs too long.

Threads cannot be stopped and Oxigraph has no query timeout, so every query runs in a worker
process (kg.serve.worker). The server hands a job to an idle worker and waits until the
request's deadline; if no answer has come by then, it kills the worker (SIGKILL: the query
stops at once, whatever it was doing) and starts a fresh one in the background.
"""

import multiprocessing
import queue
import signal
import sys
import threading
import time
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from kg.serve import worker
from kg.serve.worker import Answer, Job

_START_TIMEOUT = 60.0
"""Seconds a new worker may take to import its libraries and open the store."""


class TimedOut(Exception):
    """The query was still running at its deadline; its worker was killed."""


class Busy(Exception):
    """Every worker stayed busy until the request's deadline."""


class WorkerLost(Exception):
    """The worker died while answering (for example, out of memory)."""

    def __init__(self, exit_code: int | None):
        self.exit_code = exit_code
        super().__init__(exit_code)

    def how(self) -> str:
        """What ended the worker, in words."""
        code = self.exit_code
        if code is None:
            return "it stopped answering"
        if code >= 0:
            return f"it exited with code {code}"
        if -code == signal.SIGABRT:
            return "it ran out of the memory a worker may take (the engine aborts, SIGABRT)"
        if -code == signal.SIGSEGV:
            return "the query engine crashed on it (SIGSEGV)"
        name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        return f"it was killed by signal {name}"


class _Worker:
    def __init__(self, process: BaseProcess, connection: Connection):
        self.process = process
        self.connection = connection

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


class WorkerPool:
    """`size` workers over the store at `store_path`; `run` answers one job per worker."""

    def __init__(self, store_path: Path, size: int, memory_limit: int | None = None):
        self.size = size
        self._store_path = str(store_path)
        self._memory_limit = memory_limit
        # spawn, not fork: the server has threads, and a forked child could inherit a held lock.
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.no_network_wall: str | None = None
        """None when every worker runs without network, else why the system refused it."""
        starting = [self._start() for _ in range(size)]
        for new in starting:
            self._await_ready(new, raise_errors=True)

    @property
    def pids(self) -> list[int]:
        """Process ids of the live workers (for operators, and for tests that watch them)."""
        with self._lock:
            return sorted(w.process.pid for w in self._workers if w.process.pid is not None)

    def run(self, job: Job, deadline: float) -> Answer:
        """The worker's answer to `job`, or TimedOut / Busy / WorkerLost at the deadline."""
        try:
            idle = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise Busy from None
        try:
            idle.connection.send(job)
            if idle.connection.poll(max(0.0, deadline - time.monotonic())):
                answer: Answer = idle.connection.recv()
                self._idle.put(idle)
                return answer
        except (EOFError, OSError):
            idle.process.join(1)
            print(
                f"kg serve: a query worker ended while answering (exit code "
                f"{idle.process.exitcode}); starting another",
                file=sys.stderr,
                flush=True,
            )
            self._replace(idle)
            raise WorkerLost(idle.process.exitcode) from None
        self._replace(idle)
        raise TimedOut

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for each in workers:
            each.stop()

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=worker.main,
            args=(child, self._store_path, self._memory_limit),
            name="kg-query-worker",
            daemon=True,
        )
        process.start()
        child.close()
        new = _Worker(process, parent)
        with self._lock:
            self._workers.add(new)
        return new

    def _await_ready(self, new: _Worker, raise_errors: bool = False) -> None:
        try:
            message = new.connection.recv() if new.connection.poll(_START_TIMEOUT) else None
        except (EOFError, OSError):
            message = None
        ready = isinstance(message, tuple) and message[0] == worker.READY
        if ready:
            assert isinstance(message, tuple)
            self.no_network_wall = message[1]
            self._idle.put(new)
            return
        self._discard(new)
        message = f"kg serve: a query worker could not open the store at {self._store_path}"
        if raise_errors:
            raise RuntimeError(message)
        print(message, file=sys.stderr, flush=True)

    def _replace(self, old: _Worker) -> None:
        """Kill a worker and start another; the new one joins the idle queue once ready."""
        self._discard(old)
        with self._lock:
            if self._closed:
                return
        new = self._start()
        threading.Thread(target=self._await_ready, args=(new,), daemon=True).start()

    def _discard(self, old: _Worker) -> None:
        with self._lock:
            self._workers.discard(old)
        old.stop()
