"""The loopback listener that a leaked query would reach, shared by the security tests."""

from collections.abc import Iterator

import pytest

from .listener import Listener, listening


@pytest.fixture(scope="session")
def listener() -> Iterator[Listener]:
    with listening() as running:
        yield running
