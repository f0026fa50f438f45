"""kg.deep_stack runs a call on a thread of its own and hands its result or error back. An
error must not carry the call's locals across: an Oxigraph answer may only be dropped on the
thread that made it, and pyo3 panicked when the caller's thread freed it ("PyQuerySolutions is
unsendable, but is being dropped on another thread", printed after kg's own message)."""

import threading
from typing import ClassVar

import pytest

from kg.deep_stack import on_deep_stack


class Witness:
    """Records the thread on which it is freed."""

    freed_on: ClassVar[list[str]] = []

    def __del__(self) -> None:
        Witness.freed_on.append(threading.current_thread().name)


def failing() -> None:
    witness = Witness()  # a local of the frame the error is raised from
    try:
        raise KeyError("inner")
    except KeyError:
        raise ValueError(f"failed beside {type(witness).__name__}") from None


def test_the_result_comes_back():
    assert on_deep_stack(lambda: threading.current_thread().name) == "kg-deep-stack"


def test_an_error_comes_back_without_the_locals_of_its_frames():
    Witness.freed_on.clear()
    with pytest.raises(ValueError, match="failed beside Witness") as raised:
        on_deep_stack(failing)
    assert Witness.freed_on == ["kg-deep-stack"]
    # and the error it was raised during lost its frames' locals too
    assert isinstance(raised.value.__context__, KeyError)
