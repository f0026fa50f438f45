"""The compiled-card cache: a warm cache compiles no card, a changed compiler compiles every
card again, and a cache file that cannot be used costs only time."""

import pytest

from kg.cards import batch
from kg.cards.batch import compile_all
from kg.cards.cache import CACHE_FILE
from kg.cards.compiler import KeyIndex
from kg.project import EMBEDDED
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
