"""The first hour of a newcomer (issue 14): each test is a command as a person types it, run
from inside the project folder and from a folder outside it, where the embedded data must
answer the same (built once into a cache folder of the user's, here a temporary one)."""

from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.conftest import ROOT, kg

Run = Callable[..., CompletedProcess[str]]


@pytest.fixture(scope="session")
def user_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's cache folder in which the first query outside the project built the embedded
    data, and said so; later queries answer from that build and say nothing more."""
    cache = tmp_path_factory.mktemp("xdg-cache")
    env = {"XDG_CACHE_HOME": str(cache)}
    where = tmp_path_factory.mktemp("first-query")
    build = cache / "actors-positions-kg" / "embedded-build"
    first = kg("query", "--sparql", "ASK { id:russia a ap:State }", cwd=where, env=env)
    assert (first.returncode, first.stdout) == (0, "ask\n----\ntrue\n(1 row)\n")
    assert first.stderr == f"kg: built {build}/ to answer from (there was no current build)\n"
    again = kg("query", "--sparql", "ASK { id:russia a ap:State }", cwd=where, env=env)
    assert (again.returncode, again.stdout, again.stderr) == (0, first.stdout, "")
    return cache


@pytest.fixture(scope="session")
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("elsewhere")


@pytest.fixture(params=["inside", "outside"])
def newcomer(request, user_cache: Path, elsewhere: Path) -> Run:
    """`kg ...` as typed in the project folder or in a folder of the user's."""
    folder = ROOT if request.param == "inside" else elsewhere

    def run(*args: str, stdin: str | None = None) -> CompletedProcess[str]:
        return kg(*args, cwd=folder, env={"XDG_CACHE_HOME": str(user_cache)}, stdin=stdin)

    return run
