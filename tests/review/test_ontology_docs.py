"""`kg docs`: offline pages with every term and its definition, readable shapes, the answers
to the competency questions, all text escaped, nothing fetched from the network."""

import re

import pytest
from review_html import Page

from kg import resources
from kg.dataset import load_dataset
from kg.errors import KgError
from kg.project import init_project
from kg.queries import named_queries, run
from kg.results import rows
from kg.review import render_docs
from kg.review._atomic import write_folder
from kg.review.docs import DocsResult
from kg.review.terms import read_vocabulary

PAGES = ["index.html", "classes.html", "properties.html", "stances.html", "shapes.html",
         "questions.html", "lint.html"]  # fmt: skip
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> DocsResult:
    return render_docs(tmp_path_factory.mktemp("docs") / "site")


def page(docs: DocsResult, name: str) -> Page:
    return Page((docs.out_dir / name).read_text(encoding="utf-8"))


def test_the_pages_and_the_diagram_are_written(docs):
    assert sorted(p.name for p in docs.pages) == sorted([*PAGES, "diagram.svg"])
    assert all(p.is_file() and p.parent == docs.out_dir for p in docs.pages)
    assert sorted(p.name for p in docs.out_dir.iterdir()) == sorted(p.name for p in docs.pages)


def test_no_question_is_flagged_on_the_embedded_data(docs):
    assert docs.flagged == ()


VOCABULARY = read_vocabulary(resources.ontology_files())


@pytest.mark.parametrize("term", VOCABULARY.terms, ids=lambda t: t.anchor)
def test_every_term_appears_with_its_label_and_definition(term, docs):
    name = {"class": "classes.html", "concept": "stances.html"}.get(term.kind, "properties.html")
    text = page(docs, name).text(term.anchor)
    assert term.label in text
    assert term.definitions and all(d in text for d in term.definitions)


def test_the_front_page_has_the_header_the_diagram_and_links(docs):
    index = page(docs, "index.html")
    text = index.text()
    for expected in (
        "Actors and positions: core ontology",
        "https://w3id.org/actors-positions/ontology#",
        "0.1.0",
        "https://creativecommons.org/licenses/by/4.0/",
    ):
        assert expected in text
    svg = [attrs for tag, attrs in index.tags if tag == "svg"]
    assert len(svg) == 1
    hrefs = {attrs.get("href") for tag, attrs in index.tags if tag == "a"}
    assert {f for f in PAGES if f != "index.html"} <= hrefs
    assert "classes.html#ap-Position" in hrefs  # the diagram's box links to the class


def test_the_diagram_has_a_box_per_class_and_labelled_property_arrows(docs):
    svg = page(docs, "diagram.svg")
    text = svg.text()
    for term in VOCABULARY.classes:
        assert term.label in text
    for label in ("speaker", "holder / holds", "target", "party"):
        assert label in text
    assert (docs.out_dir / "diagram.svg").read_text(encoding="utf-8").startswith("<svg xmlns=")


def test_a_class_shows_its_shapes_as_readable_constraints(docs):
    text = page(docs, "classes.html").text("ap-Statement")
    assert "ap:speaker: exactly 1, an ap:Actor, an IRI" in text
    assert "A statement needs exactly one speaker (ap:speaker)" in text  # the sh:message


def test_a_class_shows_an_example_from_the_data(docs):
    assert "such as id:china “China”" in page(docs, "classes.html").text("ap-State")


def test_a_property_shows_domain_range_and_inverse(docs):
    text = page(docs, "properties.html").text("ap-holder")
    assert "Domain ap:Position" in text and "Range ap:Actor" in text and "Inverse ap:holds" in text


def test_a_stance_shows_its_event_code_mappings(docs):
    text = page(docs, "stances.html").text("stance-ConditionallySupports")
    assert "cameo:036 (036: Express intent to meet or negotiate)" in text


def test_the_report_lists_every_question_with_its_row_count(docs):
    """The docs answer on the embedded project, the record of reports included (issue 15)."""
    dataset = load_dataset()
    questions = page(docs, "questions.html")
    for query in named_queries().values():
        text = questions.text(f"q-{query.name}")
        assert query.question in text
        count = len(rows(run(query, dataset))[1])
        assert re.search(rf"\bRows {count}\b", text), query.name
        assert "no answer" not in text


def test_the_report_links_the_terms_a_query_uses(docs):
    questions = page(docs, "questions.html")
    hrefs = {a.get("href") for tag, a in questions.tags if tag == "a"}
    assert "classes.html#ap-NegotiationFormat" in hrefs
    assert "properties.html#ap-stance" in hrefs


def test_a_question_without_rows_is_flagged(tmp_path):
    project = init_project(tmp_path / "project")
    (project.queries_dir / "treaties-here.rq").write_text(
        "# # Treaties here\n# **Question:** Which treaties does this project know?\n"
        "# **Parameters:** none\n# **Returns:** ?treaty\n"
        "SELECT ?treaty WHERE { ?treaty a ap:Treaty }\n",
        encoding="utf-8",
    )
    result = render_docs(tmp_path / "site", project)
    assert "treaties-here" in result.flagged
    text = Page((result.out_dir / "questions.html").read_text(encoding="utf-8")).text(
        "q-treaties-here"
    )
    assert "Rows 0" in text and "no answer" in text


def test_a_check_whose_sound_answer_is_no_rows_is_not_flagged(tmp_path):
    """Issue 15: duplicate-statements answers no rows on a sound record; its header says so
    ('# **Expected:** no rows ...'), and an empty answer is then no gap to flag."""
    project = init_project(tmp_path / "project")
    (project.queries_dir / "untyped-sources.rq").write_text(
        "# # Untyped sources\n# **Question:** Which sources have no name?\n"
        "# **Parameters:** none\n# **Returns:** ?source\n"
        "# **Expected:** no rows on sound data\n"
        "SELECT ?source WHERE { ?source a ap:Source\n"
        "  FILTER NOT EXISTS { ?source rdfs:label ?name } }\n",
        encoding="utf-8",
    )
    result = render_docs(tmp_path / "site", project)
    assert "untyped-sources" not in result.flagged
    assert "duplicate-statements" not in result.flagged


def _no_live_markup_nor_remote_resource(html: str) -> None:
    parsed = Page(html)
    for tag, attrs in parsed.tags:
        assert tag not in {"script", "img", "iframe", "object", "embed", "link", "base", "form"}, (
            tag
        )
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            value = (value or "").strip().lower()
            assert not value.startswith(("javascript:", "data:")), (tag, name, value)
            if name in ("href", "xlink:href") and tag == "a":
                continue  # a link is followed only when the reader clicks it
            if name == "xmlns":
                continue
            assert not value.startswith(("http:", "https:", "//")), (tag, name, value)
    assert "url(" not in parsed.style and "@import" not in parsed.style


@pytest.mark.parametrize("name", [*PAGES, "diagram.svg"])
def test_no_page_fetches_anything_from_the_network(name, docs):
    _no_live_markup_nor_remote_resource((docs.out_dir / name).read_text(encoding="utf-8"))


def test_every_link_between_the_pages_lands_on_an_element_and_ids_are_unique(docs):
    """A property's "What the shapes ask of it" linked to shapes.html#aps-Statement-speaker,
    which no element had: 97 links led to the top of the shapes page."""
    parsed = {name: page(docs, name) for name in PAGES}
    ids = {name: [a["id"] for _, a in p.tags if a.get("id")] for name, p in parsed.items()}
    for name, found in ids.items():
        assert len(found) == len(set(found)), name
    links = [
        (name, str(a["href"]))
        for name, p in parsed.items()
        for tag, a in p.tags
        if tag == "a" and a.get("href") and not str(a["href"]).startswith(("http", "mailto:"))
    ]
    assert len(links) > 1000
    unresolved = []
    for name, href in links:
        target, _, fragment = href.partition("#")
        target = target or name
        if target == "diagram.svg":
            assert (docs.out_dir / target).is_file() and not fragment
        elif target not in ids or (fragment and fragment not in ids[target]):
            unresolved.append((name, href))
    assert unresolved == []


def test_hostile_annotations_render_as_text(tmp_path):
    ontology = tmp_path / "hostile.ttl"
    ontology.write_text(
        f"""
@prefix ap: <https://w3id.org/actors-positions/ontology#> .
@prefix aps: <https://w3id.org/actors-positions/shapes#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
ap:Hostile a owl:Class ;
    rdfs:label "hostile <b>class</b>"@en ;
    skos:definition "{HOSTILE}"@en ;
    skos:scopeNote "<script>alert(2)</script>"@en ;
    rdfs:seeAlso <javascript:alert(3)> .
ap:hostileLink a owl:ObjectProperty ;
    rdfs:label "\\"><svg onload=alert(4)>"@en ;
    skos:definition "</section><iframe src=https://example.org/></iframe>"@en ;
    rdfs:domain ap:Hostile ; rdfs:range ap:Hostile .
aps:HostileShape a sh:NodeShape ;
    sh:targetClass ap:Hostile ;
    sh:property [ sh:path ap:hostileLink ; sh:pattern "<img src=p onerror=alert(5)>" ;
                  sh:message "<img src=m onerror=alert(6)>"@en ] .
""",
        encoding="utf-8",
    )
    project = init_project(tmp_path / "project")
    with project.registry_file.open("a", encoding="utf-8") as registry:
        registry.write(
            '<hostile> a ap:Hostile, ap:State ; rdfs:label "<img src=d onerror=alert(7)>"@en .\n'
        )
    (project.queries_dir / "hostile.rq").write_text(
        "# # <script>alert(8)</script>\n# **Question:** <img src=q onerror=alert(9)>?\n"
        "# **Parameters:** none\n# **Returns:** ?label\n"
        "SELECT ?label WHERE { ?x a ap:Hostile ; rdfs:label ?label }\n",
        encoding="utf-8",
    )
    result = render_docs(
        tmp_path / "site",
        project,
        ontology=[*resources.ontology_files(), ontology],
        shapes=[*resources.shapes_files(), ontology],
    )
    for path in result.pages:
        html = path.read_text(encoding="utf-8")
        _no_live_markup_nor_remote_resource(html)
        assert "<img" not in html and "<script" not in html and "<iframe" not in html
    classes = (result.out_dir / "classes.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in classes
    assert HOSTILE in Page(classes).text("ap-Hostile")  # shown to the reader as text
    assert "<img src=d onerror=alert(7)>" in Page(classes).text("ap-Hostile")  # the example
    questions = Page((result.out_dir / "questions.html").read_text(encoding="utf-8"))
    assert "<img src=q onerror=alert(9)>?" in questions.text("q-hostile")


def test_a_failed_write_leaves_the_previous_pages(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous", encoding="utf-8")
    with pytest.raises(FileNotFoundError):
        write_folder(out, {"index.html": "new", "no-such-folder/page.html": "new"})
    assert (out / "index.html").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_pages_never_replace_a_folder_of_other_files(tmp_path):
    """`kg docs -o DIR` replaced DIR whole: `kg docs -o .` in a project deleted the project."""
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("precious", encoding="utf-8")
    with pytest.raises(KgError) as refusal:
        render_docs(mine)
    assert str(refusal.value) == (
        f"{mine}: the folder holds files kg did not write there (notes.txt), and writing the "
        "documentation replaces the folder whole: give a new or empty folder"
    )
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_rendering_again_replaces_the_folder(docs):
    (docs.out_dir / "stale.html").write_text("old", encoding="utf-8")
    again = render_docs(docs.out_dir)
    assert not (docs.out_dir / "stale.html").exists()
    assert sorted(p.name for p in docs.out_dir.iterdir()) == sorted(p.name for p in again.pages)
    assert [p.name for p in docs.out_dir.parent.iterdir()] == [docs.out_dir.name]
