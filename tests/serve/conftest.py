"""A real `kg serve` over a build of the embedded data, started once on loopback."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build import build
from kg.serve.load import running_server

from .serve_support import MAX_ROWS, TIMEOUT, Server


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("serve") / "build"
    assert build(out).written
    return out


@pytest.fixture(scope="session")
def server(built: Path) -> Iterator[Server]:
    """`kg serve` as a user starts it, on a free loopback port, with small limits."""
    limits = ["--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS), "--workers", "2"]
    with running_server(built, *limits) as running:
        yield Server(running.base_url, running.pid)
