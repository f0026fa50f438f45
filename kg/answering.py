"""The store that answers a user's queries: always a build's Oxigraph store, wherever the
user stands, so that every query has one engine and one answer.

A build that is current (its manifest matches the project's inputs) answers as it is. When
there is none, one is built first, as `kg build` would, and the caller says so. For the
embedded project, whose default build folder is `./build` in whatever folder the user is
in, that build goes to a cache folder of the user's instead of a stray folder. A build folder
the user names is never built over: if it holds an older build (or another project's), that
build answers as it is, and the caller says so.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.build import STORE_DIR, build, is_current
from kg.errors import KgError
from kg.project import EMBEDDED, Project
from kg.wording import counted


@dataclass(frozen=True)
class AnsweringStore:
    store: ox.Store
    build_dir: Path
    built_now: bool
    """Whether the build was made (or brought up to date) for this query."""
    stale: bool = False
    """Whether it is a build the user named that is not of the project's current inputs."""


def embedded_cache() -> Path:
    """Where the embedded project is built when no current build is at hand."""
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "actors-positions-kg" / "embedded-build"


def answering_store(project: Project, build_dir: Path, *, given: bool) -> AnsweringStore:
    """The current build in `build_dir`; else (the folder was not `given` by the user and the
    project is the embedded one) the cached build; else a build made now where it belongs."""
    if given and (build_dir / STORE_DIR).is_dir() and not is_current(build_dir, project):
        return AnsweringStore(_open(build_dir), build_dir, built_now=False, stale=True)
    if not is_current(build_dir, project) and not given and project == EMBEDDED:
        build_dir = embedded_cache()
    built_now = False
    if not is_current(build_dir, project):
        result = build(build_dir, project)
        if not result.written:
            raise KgError(
                f"no current build to answer from, and the project does not build "
                f"({counted(len(result.violations), 'violation')}); run `kg build` to see them"
            )
        built_now = True
    return AnsweringStore(_open(build_dir), build_dir, built_now)


def _open(build_dir: Path) -> ox.Store:
    return ox.Store.read_only(str(build_dir / STORE_DIR))
