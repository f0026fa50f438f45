"""Shared fixtures: the embedded dataset, loaded once, and a runner for the real `kg` command."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg.dataset import load_asserted, load_dataset, union
from kg.store import store_from_dataset

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="session")
def store():
    """The same data in Oxigraph, the engine of large builds."""
    return store_from_dataset(load_asserted())


@pytest.fixture(scope="session")
def graph(dataset: Dataset) -> Graph:
    """All named graphs, asserted and inferred, as one graph."""
    return union(dataset)


def kg(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None):
    """Run the installed `kg` command as a user would, in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )
