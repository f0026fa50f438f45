"""Issue 15: probable duplicates (one speech act recorded twice, not linked) are found by the
named query duplicate-statements and printed by `kg build` as warnings with both card lines;
linked reports (same-as) are one statement and never a pair. kg.duplicates, which the build
uses, finds exactly what the query finds."""

from pathlib import Path

import pytest
from rdflib import Variable

from kg.build import build
from kg.dataset import load_dataset
from kg.duplicates import near_identical, normalised, probable_duplicates
from kg.project import Project, init_project
from kg.queries import named_queries, run
from kg.results import rows
from kg.store import query
from kg.synth import synth_project

from conftest import kg

REGISTRY = """
<donald-trump> a ap:Person ; rdfs:label "Donald Trump"@en .
<united-states> a ap:State ; rdfs:label "United States"@en .
"""

FIRST = """\
source:
  label: A first report of the post
  date: 2026-02-05
statements:
  post:
    speaker: donald-trump
    on-behalf-of: united-states
    date: 2026-02-05
    quote: We should have our Nuclear Experts work on a new, improved, and modernised Treaty that can last long into the future
"""  # noqa: E501

SECOND = """\
source:
  label: A second report of the post
  date: 2026-02-06
statements:
  trump-post:
    speaker: donald-trump
    date: 2026-02-05
    quote: we should have our Nuclear Experts work on a new, improved, and modernized Treaty that can last long into the future,
"""  # noqa: E501

LINKED = """\
source:
  label: A second report of the post
  date: 2026-02-06
statements:
  trump-post:
    same-as: first/post
    quote: we should have our Nuclear Experts work on a new, improved, and modernized Treaty that can last long into the future,
"""  # noqa: E501

STATEMENT = "https://w3id.org/actors-positions/id/statement/first/post"
OTHER = "https://w3id.org/actors-positions/id/statement/second/trump-post"


def project(tmp_path: Path, second: str) -> Project:
    root = tmp_path / "project"
    init_project(root)
    with (root / "registry.ttl").open("a", encoding="utf-8") as registry:
        registry.write(REGISTRY)
    (root / "sources" / "first.yaml").write_text(FIRST, encoding="utf-8")
    (root / "sources" / "second.yaml").write_text(second, encoding="utf-8")
    return Project(root)


def test_near_identical():
    a = normalised("We should have our Nuclear Experts work on a new, improved, and modernised")
    b = normalised("we should have our nuclear experts work on a new improved and modernized")
    assert a == "we should have our nuclear experts work on a new improved and modernised"
    assert near_identical(a, a + " treaty")  # a shorter excerpt of the same words
    end = " treaty that can last long into the future"
    assert near_identical(a + end, b + end)  # a spelling in the middle
    assert not near_identical(a, b)  # a spelling in the last words of the shorter one
    name = "the new start treaty"  # a shared name is not a shared quote
    assert not near_identical(f"{name} was badly negotiated", f"we want {name} to go on")
    assert not near_identical("strength", "strength")  # too short to tell


def test_the_query_finds_an_unlinked_duplicate(tmp_path):
    query = named_queries()["duplicate-statements"]
    header, body = rows(run(query, load_dataset(project(tmp_path, SECOND))))
    assert header == [
        "speaker",
        "speakerLabel",
        "date",
        "statement",
        "words",
        "other",
        "otherWords",
    ]
    assert [row[2:4] + row[5:6] for row in body] == [["2026-02-05", f"<{STATEMENT}>", f"<{OTHER}>"]]


def test_linked_reports_are_one_statement_and_no_pair(tmp_path):
    query = named_queries()["duplicate-statements"]
    _, body = rows(run(query, load_dataset(project(tmp_path, LINKED))))
    assert body == []


def test_kg_build_warns_with_both_card_lines_and_still_builds(tmp_path):
    root = project(tmp_path, SECOND).root
    done = kg("build", "--project", str(root))
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"warning: {root}/sources/first.yaml:5:3 and {root}/sources/second.yaml:5:3: probable "
        "duplicate statements (id:donald-trump, 2026-02-05: "
        '"We should have our Nuclear Experts work on a new, improved, and modernised Treaty that '
        'can last long into the future" and "we should have our Nuclear Experts work on a new, '
        'improved, and modernized Treaty that can last long into the future,"); if they are one '
        "speech act, give the second 'same-as: first/post' instead of its speaker and date"
    ]
    (root / "sources" / "second.yaml").write_text(LINKED, encoding="utf-8")
    linked = kg("build", "--project", str(root))
    assert (linked.returncode, linked.stderr) == (0, "")


def test_an_update_warns_as_a_fresh_build_does(tmp_path):
    proj = project(tmp_path, LINKED)
    assert build(proj.root / "build", proj).warnings == ()
    (proj.root / "sources" / "second.yaml").write_text(SECOND, encoding="utf-8")
    updated = build(proj.root / "build", proj)
    fresh = build(proj.root / "fresh", proj, fresh=True)
    assert updated.updated is not None and fresh.updated is None
    assert updated.warnings == fresh.warnings and len(fresh.warnings) == 1


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic corpus, whose template quotes repeat: probable duplicates abound."""
    root = tmp_path_factory.mktemp("duplicates") / "corpus"
    synth_project(root, cards=200, seed=5)
    assert build(root / "build", Project(root)).written
    return root / "build"


def test_the_build_finds_what_the_query_finds(synthetic: Path):
    import pyoxigraph as ox

    store = ox.Store.read_only(str(synthetic / "store"))
    answer = query(store, named_queries()["duplicate-statements"].text)
    names = ("statement", "other", "speaker", "date", "words", "otherWords")
    by_query = sorted(tuple(str(b[Variable(n)]) for n in names) for b in answer.bindings)
    by_build = [
        (d.statement, d.other, d.speaker, d.date, d.words, d.other_words)
        for d in probable_duplicates(store)
    ]
    assert by_query == by_build and len(by_build) > 3
