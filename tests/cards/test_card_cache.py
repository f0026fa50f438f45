"""The compiled-card cache: a warm cache compiles no card, a changed compiler compiles every
card again, a cache file that cannot be used costs only time, and a build from scratch
forgets the cards that are gone."""

import shutil
import sqlite3

import pytest

from kg.build import build
from kg.cards import batch
from kg.cards.batch import compile_all
from kg.cards.cache import CACHE_FILE
from kg.cards.compiler import KeyIndex
from kg.project import EMBEDDED, Project
from kg.sources import read_sources


def outputs(cache, workers=1):
    sources = read_sources(EMBEDDED)
    index = KeyIndex.from_graph(sources.known())
    return [
        (o.key, o.nquads, o.origins, o.declared, o.referenced)
        for o in compile_all(sources.cards, index, cache, workers=workers)
    ]


def refuse_to_compile(monkeypatch):
    def refuse(card, index):
        raise AssertionError(f"{card.path.name} was compiled again")

    monkeypatch.setattr(batch, "_compile_one", refuse)


def test_a_warm_cache_compiles_no_card(tmp_path, monkeypatch):
    built = outputs(tmp_path / "cache")
    refuse_to_compile(monkeypatch)
    assert outputs(tmp_path / "cache") == built


def test_a_changed_compiler_or_ontology_compiles_every_card_again(tmp_path, monkeypatch):
    outputs(tmp_path / "cache")
    monkeypatch.setattr(batch, "fingerprint", lambda: "another compiler")
    refuse_to_compile(monkeypatch)
    with pytest.raises(AssertionError, match="was compiled again"):
        outputs(tmp_path / "cache")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda path: path.write_bytes(b"not a database\n" * 99), id="not-a-database"),
        pytest.param(lambda path: path.mkdir(), id="a-folder-in-its-place"),
    ],
)
def test_a_cache_file_that_cannot_be_used_costs_only_time(tmp_path, damage):
    expected = outputs(None)
    folder = tmp_path / "cache"
    folder.mkdir()
    damage(folder / CACHE_FILE)
    assert outputs(folder) == expected
    assert outputs(folder, workers=2) == expected


def cached_digests(folder):
    with sqlite3.connect(folder / CACHE_FILE) as db:
        return {digest for (digest,) in db.execute("SELECT digest FROM card")}


def test_a_build_from_scratch_keeps_only_the_cards_it_built(tmp_path):
    root, out = tmp_path / "project", tmp_path / "out"
    shutil.copytree(EMBEDDED.root, root)
    cache = tmp_path / ".out.cache"
    assert build(out, Project(root)).written
    first = cached_digests(cache)
    assert len(first) == len(read_sources(Project(root)).cards)
    # a card edited, a card deleted, and files of the cache's older layout (two per card)
    cards = sorted((root / "sources").glob("*.yaml"))
    cards[0].write_text(cards[0].read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    cards[1].unlink()
    old = [cache / f"{'ab' * 32}.nq", cache / f"{'ab' * 32}.json", cache / "notes.txt"]
    for path in old:
        path.write_text("x")

    assert build(out, Project(root), fresh=True).written

    now = cached_digests(cache)
    assert len(now) == len(cards) - 1
    assert len(first - now) == 2  # the edited card's old version and the deleted card
    # only the two files of the older layout are removed: the build's record of its inputs
    # and a file the cache did not write stay
    assert sorted(p.name for p in cache.iterdir() if not p.name.startswith(CACHE_FILE)) == [
        "inputs.json",
        "notes.txt",
    ]
