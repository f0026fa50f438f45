"""Issue 18: `kg export` reads the build's Oxigraph store, not the cards again through rdflib.
Every view in every format from the store is the same file, byte for byte, as from the rdflib
dataset; `--focus` names where the page starts, checked with did-you-mean."""

from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from export_support import embedded, exported, hostile, hostile_project, page_json, scratch

from kg.build import STORE_DIR, build
from kg.errors import KgError
from kg.export import FORMATS, VIEWS, export, reading, stances_view
from kg.export.facts import stances_facts
from kg.export.stances import evidence
from tests.foundation import FOUNDATION

from conftest import kg


@cache
def foundation_build() -> Path:
    out = scratch("kg-export-store-") / "build"
    assert build(out, FOUNDATION).written
    return out


def store_of(build_dir: Path) -> ox.Store:
    return ox.Store.read_only(str(build_dir / STORE_DIR))


@cache
def hostile_store() -> ox.Store:
    out = scratch("kg-export-store-hostile-") / "build"
    assert build(out, hostile_project()).written
    return store_of(out)


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("view", list(VIEWS))
def test_the_store_gives_the_same_files_as_the_rdflib_dataset(view, fmt, tmp_path):
    from_rdflib = exported(view, fmt)
    out = tmp_path / f"{view}{FORMATS[fmt].suffix}"
    from_store = export(store_of(foundation_build()), view, fmt, out)
    assert [p.name for p in from_store.paths] == [p.name for p in from_rdflib.paths]
    for ours, theirs in zip(from_store.paths, from_rdflib.paths, strict=True):
        assert ours.read_bytes() == theirs.read_bytes(), ours.name
    assert (from_store.nodes, from_store.edges) == (from_rdflib.nodes, from_rdflib.edges)


def test_the_stances_facts_answer_as_the_hostile_dataset():
    """Labels that try to break out of the page, from the store: the same view and evidence.
    (Its quote holds U+2028, which made `kg build` crash before: kg/trig.py.)"""
    facts = stances_facts(hostile_store())
    ours, theirs = stances_view(facts), stances_view(hostile())
    assert list(ours.nodes(data=True)) == list(theirs.nodes(data=True))
    assert list(ours.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))
    assert evidence(facts) == evidence(hostile())


def test_focus_is_where_the_page_starts(tmp_path):
    out = tmp_path / "stances.html"
    export(embedded(), "stances", "html", out, focus="id:russia")
    data = page_json(out.read_text(encoding="utf-8"))
    ids = data["nodes"]["columns"]["id"]
    assert data["strings"][ids[data["focus"]]] == "id:russia"


def test_kg_export_reads_the_build_and_checks_the_focus(tmp_path):
    build_dir = str(foundation_build())
    out = tmp_path / "stances.html"
    html = ("export", "--build", build_dir, "--to", "html", "-o", str(out), "--focus")
    done = kg(*html, "id:rusia")
    assert done.returncode == 2
    assert done.stderr.endswith(
        "kg: error: --focus: id:rusia names no actor or issue; did you mean id:russia (Russia)? "
        "(`kg ids all` lists them)\n"
    )
    done = kg(
        "export", "--build", build_dir, "--to", "html", "-o", str(out), "--focus", "id:kremlin"
    )
    assert done.returncode == 2
    assert "--focus: id:kremlin is not drawn in the stances view: it holds no position" in (
        done.stderr
    )
    done = kg(
        "export", "--build", build_dir, "--to", "gexf", "-o", str(out), "--focus", "id:russia"
    )
    assert done.returncode == 2
    assert "--focus chooses where the HTML page starts" in done.stderr
    assert not out.exists()
    done = kg(
        "export", "--build", build_dir, "--to", "html", "-o", str(out), "--focus", "id:russia"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {out}: the stances view as html, 11 nodes and 11 edges")
    assert "Traceback" not in done.stderr
    by_name = kg(*html, "Russia")  # a plain name, with a note of the identifier it names
    assert (by_name.returncode, by_name.stdout) == (0, done.stdout)
    # after the warning that the build (of the foundation) is not the embedded project's
    assert by_name.stderr.endswith("\nkg: note: --focus: 'Russia' was read as id:russia\n")


def test_a_view_without_a_store_reader_refuses_a_build_too_big_to_copy(tmp_path, monkeypatch):
    """The full view copies the whole build into rdflib: past COPY_LIMIT triples it says so
    rather than run for minutes (here the limit is lowered below the foundation's size)."""
    store = store_of(foundation_build())
    triples = len(list(store.quads_for_pattern(None, None, None, None))) - len(
        list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    )
    monkeypatch.setattr(reading, "COPY_LIMIT", triples - 1)
    with pytest.raises(KgError) as error:
        export(store, "full", "csv", tmp_path / "full.csv")
    assert str(error.value).startswith(
        f"the full view reads the whole graph, and this build holds {triples:,} triples, more "
        f"than the {triples - 1:,} it can export"
    )
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(reading, "COPY_LIMIT", triples)
    assert export(store, "full", "csv", tmp_path / "full.csv").edges > 0
