"""Shared fixtures: the foundation of the embedded project (the seed article and the reference
cards, tests/foundation.py), loaded once; a build of it and a real `kg serve` over that build,
started once; and a runner for the real `kg` command."""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg.build import build
from kg.dataset import load_asserted, load_dataset, union
from kg.serve.load import running_server
from kg.store import store_from_dataset
from tests.foundation import FOUNDATION
from tests.serve.serve_support import MAX_ROWS, TIMEOUT, Server

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset(FOUNDATION)


@pytest.fixture(scope="session")
def store():
    """The same data in Oxigraph, the engine of large builds."""
    return store_from_dataset(load_asserted(FOUNDATION))


@pytest.fixture(scope="session")
def graph(dataset: Dataset) -> Graph:
    """All named graphs, asserted and inferred, as one graph."""
    return union(dataset)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the foundation (tests/foundation.py), whose answers tests/queries/expected
    holds: what the endpoint tests serve and compare."""
    out = tmp_path_factory.mktemp("built") / "build"
    assert build(out, FOUNDATION).written
    return out


@pytest.fixture(scope="session")
def server(built: Path) -> Iterator[Server]:
    """`kg serve` as a user starts it, on a free loopback port, with small limits."""
    limits = ["--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS), "--workers", "2"]
    with running_server(built, *limits) as running:
        yield Server(running.base_url, running.pid)


def kg(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
):
    """Run the installed `kg` command as a user would, in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        input=stdin,
        timeout=300,
    )
