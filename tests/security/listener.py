"""A TCP listener on loopback that counts the connections it is offered: the machine a leaked
SERVICE, FROM or LOAD would reach. It answers nothing; a connection is enough to count."""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class Listener:
    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(64)
        self.port = int(self._socket.getsockname()[1])
        self.host = f"http://127.0.0.1:{self.port}/"
        self._count = 0
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            with self._lock:
                self._count += 1
            connection.close()

    def connections(self, settle: float = 0.05) -> int:
        """Connections so far, after letting the kernel's backlog reach the accept loop."""
        time.sleep(settle)
        with self._lock:
            return self._count

    def close(self) -> None:
        self._socket.close()


@contextmanager
def listening() -> Iterator[Listener]:
    listener = Listener()
    try:
        yield listener
    finally:
        listener.close()
