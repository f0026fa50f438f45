"""Fair shares of the query workers: no client can hold them all.

Each client (a remote address) may run at most `running` queries at once, one fewer than
there are workers, so that another client's query always finds a worker free; a few more of
its queries wait in line for its own turn, within their deadline. Past that, the client is
told to slow down (429) at once, so that it does not hold the server's threads either.
Behind a reverse proxy every request comes from the proxy's address, and this fairness is
then the proxy's to provide.
"""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from kg.serve.pool import Busy


class TooManyQueries(Exception):
    """The client already runs and waits for as many queries as it may."""


class ClientShares:
    """Per-client limits on running and waiting queries."""

    def __init__(self, running: int, waiting: int):
        self.running = running
        self.waiting = waiting
        self._changed = threading.Condition()
        self._clients: dict[str, list[int]] = {}  # client -> [running, waiting]

    @contextmanager
    def turn(self, client: str, deadline: float) -> Iterator[None]:
        """Hold one of the client's running places while the block runs; wait for it until
        `deadline` (then Busy), or refuse at once when the client's line is full."""
        with self._changed:
            counts = self._clients.setdefault(client, [0, 0])
            if counts[0] >= self.running and counts[1] >= self.waiting:
                raise TooManyQueries
            counts[1] += 1
            try:
                while counts[0] >= self.running:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise Busy
                    self._changed.wait(remaining)
            finally:
                counts[1] -= 1
            counts[0] += 1
        try:
            yield
        finally:
            with self._changed:
                counts[0] -= 1
                if counts == [0, 0]:
                    del self._clients[client]
                self._changed.notify_all()
