"""Run a call on a thread with a deep stack: Oxigraph parses and evaluates a query by
recursion, and a long chain of BINDs, joins or operators overflows a thread's usual 8 MiB
and ends the process (SIGSEGV) instead of raising. With 64 MiB, the longest chain a query
may hold (kg.queries.MAX_CLAUSES) stays far from it: 3,000 BINDs ended an 8 MiB thread."""

import threading
import traceback
from collections.abc import Callable, Iterator
from typing import TypeVar

STACK_BYTES = 64 * 2**20

T = TypeVar("T")


def on_deep_stack(call: Callable[[], T]) -> T:
    """`call()`, run on a new thread with a stack of STACK_BYTES; its result or its error."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # handed to the caller's thread as it is
            # but without the locals of its frames: an Oxigraph answer among them may only be
            # dropped on the thread that made it (pyo3 panics otherwise)
            for error in _chain(exc):
                traceback.clear_frames(error.__traceback__)
            failure.append(exc)

    with _STACK_SIZE:  # the size applies to threads started while it is set
        previous = threading.stack_size(STACK_BYTES)
        try:
            thread = threading.Thread(target=target, name="kg-deep-stack")
            thread.start()
        finally:
            threading.stack_size(previous)
    thread.join()
    if failure:
        raise failure[0]
    return outcome[0]


_STACK_SIZE = threading.Lock()


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The error and those it was raised from or during, each once."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        error = todo.pop()
        if error is not None and id(error) not in seen:
            seen.add(id(error))
            yield error
            todo += [error.__cause__, error.__context__]
