"""The loopback listener that a leaked query would reach, and a build of the embedded data
that `kg query` answers from as it is, shared by the security tests."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build import build

from .listener import Listener, listening


@pytest.fixture(scope="session")
def embedded_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("embedded") / "build"
    assert build(out).written
    return out


@pytest.fixture(scope="session")
def listener() -> Iterator[Listener]:
    with listening() as running:
        yield running
