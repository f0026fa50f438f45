"""`kg build`: conforming output, byte-identical rebuilds, and failed builds that change nothing."""

import shutil

from rdflib import Dataset

from kg.build import DATASET_FILE, REPORT_FILE, REPORT_TEXT_FILE, build, current_store
from kg.dataset import Project
from kg.namespaces import GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, REGISTRY_GRAPH
from tests.foundation import FOUNDATION, FOUNDATION_CARDS

from conftest import ROOT, kg

SOURCES = sorted(FOUNDATION_CARDS)


def test_build_writes_one_named_graph_per_source_plus_ontology_registry_and_inferences(tmp_path):
    result = build(tmp_path / "out", FOUNDATION)
    assert result.conforms and result.written
    built = Dataset()
    built.parse(tmp_path / "out" / DATASET_FILE, format="trig")
    names = sorted(str(g.identifier) for g in built.graphs() if len(g))
    expected = [GRAPH["source/" + key] for key in SOURCES]
    expected += [INFERRED_GRAPH, ONTOLOGY_GRAPH, REGISTRY_GRAPH]
    assert names == sorted(str(n) for n in expected)
    assert len(built.graph(INFERRED_GRAPH)) == result.inferred_triples
    assert (tmp_path / "out" / REPORT_TEXT_FILE).read_text() == ""
    assert "sh:conforms true" in (tmp_path / "out" / REPORT_FILE).read_text()


def test_two_builds_are_byte_identical(tmp_path):
    # Separate processes with different hash seeds, so set and dict order cannot leak into output.
    for n, seed in ((1, "1"), (2, "2")):
        done = kg("build", "--out", str(tmp_path / f"b{n}"), env={"PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
    for name in (DATASET_FILE, REPORT_FILE, REPORT_TEXT_FILE):
        assert (tmp_path / "b1" / name).read_bytes() == (tmp_path / "b2" / name).read_bytes()


def _project_with(tmp_path, extra_source: str) -> Project:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "sources" / "bad.ttl").write_text(extra_source, encoding="utf-8")
    return Project(data)


BAD_POSITION = """
@base <https://w3id.org/actors-positions/id/> .
@prefix ap: <https://w3id.org/actors-positions/ontology#> .
@prefix stance: <https://w3id.org/actors-positions/stance/> .
<position/china/supports/new-start> a ap:Position ;
    ap:holder <china> ; ap:stance stance:Supports ; ap:target <treaty/new-start> .
"""


def _files(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_failed_build_leaves_the_previous_build_untouched(tmp_path):
    out = tmp_path / "out"
    assert build(out).written
    before = _files(out)
    result = build(out, _project_with(tmp_path, BAD_POSITION))
    assert not result.written
    assert [v.line() for v in result.violations] == [
        f"{tmp_path}/data/sources/bad.ttl:5:1: "  # the Turtle statement that describes it
        "<https://w3id.org/actors-positions/id/position/china/supports/new-start> ap:evidence: "
        "A position needs at least one statement that evidences it (ap:evidence), given as the "
        "IRI of an ap:Statement. A position that no statement shows does not belong in the graph."
    ]
    assert _files(out) == before
    # no debris: only the data, the build, and the card cache kept beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.cache", "data", "out"]


def test_queries_use_the_build_store_only_while_it_is_current(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(ROOT / "data", root)
    project, out = Project(root), tmp_path / "out"
    assert current_store(out, project) is None  # no build yet
    assert build(out, project).written
    store = current_store(out, project)
    assert store is not None and len(store) > 2000
    del store
    card = root / "sources" / "tass-2025-10-05-trump-reply.yaml"
    card.write_text(card.read_text() + "\n# an analyst's comment\n")
    assert current_store(out, project) is None  # an input changed: read the data afresh


def test_a_card_and_a_turtle_source_may_not_share_a_key(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(ROOT / "data", root)
    (root / "sources" / "wikipedia-new-start.ttl").write_text("")
    done = kg("build", "--project", str(root), "--out", str(tmp_path / "out"))
    assert (done.returncode, done.stderr) == (
        2,
        f"kg: error: {root / 'sources'}: two sources have the key 'wikipedia-new-start': "
        "wikipedia-new-start.yaml and wikipedia-new-start.ttl; keep one\n",
    )
    assert not (tmp_path / "out").exists()


def test_the_build_replaces_only_an_earlier_build_never_a_folder_of_other_files(tmp_path):
    """`kg build --out DIR` replaced DIR whole, and with it whatever else it held."""
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("precious", encoding="utf-8")
    done = kg("build", "--out", str(mine))
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"kg: error: {mine}: the folder holds files kg did not write there (notes.txt), and "
        "writing the build replaces the folder whole: give a new or empty folder\n",
    )
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    a_file = tmp_path / "out.txt"
    a_file.write_text("precious", encoding="utf-8")
    refused = kg("build", "--out", str(a_file))
    assert (refused.returncode, refused.stderr) == (
        2,
        f"kg: error: {a_file}: this is a file; give a new folder for the build\n",
    )
    assert a_file.read_text(encoding="utf-8") == "precious"
    # an earlier build, with the pages `make run` writes beside it, is the build's to replace
    out = tmp_path / "out"
    assert build(out).written
    (out / "stances.html").write_text("a page", encoding="utf-8")
    assert build(out, fresh=True).written
    assert not (out / "stances.html").exists()
