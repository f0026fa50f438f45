"""Cards compiled in worker processes give exactly what one process gives: the same graphs,
origins and keys, the same errors, and the same cache."""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from kg.cards.batch import compile_all
from kg.cards.cache import CACHE_FILE
from kg.cards.compiler import CardErrors, KeyIndex
from kg.project import EMBEDDED, Project
from kg.sources import read_sources
from kg.synth import synth_project


def compiled(project: Project, workers: int, cache: Path | None = None):
    sources = read_sources(project)
    index = KeyIndex.from_graph(sources.known())
    outputs = compile_all(sources.cards, index, cache, workers=workers)
    return [(o.key, o.path, o.nquads, o.origins, o.declared, o.referenced) for o in outputs]


def cached_rows(folder: Path) -> list[tuple[str, str, str]]:
    with closing(sqlite3.connect(folder / CACHE_FILE)) as db:
        return db.execute("SELECT digest, info, nquads FROM card ORDER BY digest").fetchall()


def test_keys_declared_in_one_worker_are_known_in_the_other():
    """The embedded cards refer to keys other cards declare; split over two workers, a card
    and the card declaring its keys compile in different processes."""
    serial = compiled(EMBEDDED, workers=1)
    declared = {key: path for _, path, _, _, keys, _ in serial for key in keys}
    order = [path for _, path, *_ in serial]
    across = [
        (path, key)
        for _, path, _, _, _, referenced in serial
        for key in referenced
        if key in declared
        and declared[key] != path
        and sorted(order).index(declared[key]) % 2 != sorted(order).index(path) % 2
    ]
    assert across  # the split puts a reference and its declaration in different workers
    assert compiled(EMBEDDED, workers=2) == serial


def test_a_generated_corpus_compiles_the_same_in_workers_and_fills_the_same_cache(tmp_path):
    root = tmp_path / "project"
    synth_project(root, cards=60, seed=5)
    serial = compiled(Project(root), workers=1, cache=tmp_path / "serial-cache")
    assert compiled(Project(root), workers=2, cache=tmp_path / "parallel-cache") == serial
    rows = cached_rows(tmp_path / "serial-cache")
    assert cached_rows(tmp_path / "parallel-cache") == rows
    assert len(rows) == 60
    assert compiled(Project(root), workers=2, cache=tmp_path / "parallel-cache") == serial


def test_errors_are_the_same_from_workers(tmp_path):
    root = tmp_path / "project"
    synth_project(root, cards=40, seed=6, errors={"unknown-actor": 3, "malformed-date": 2})
    reported = []
    for workers in (1, 2):
        with pytest.raises(CardErrors) as raised:
            compiled(Project(root), workers=workers)
        reported.append([str(error) for error in raised.value.errors])
    assert reported[0] == reported[1]
    assert len(reported[0]) == 5
