"""Every identifier kg prints is SPARQL as printed (issue 14): pasted into a query, it parses
and names the same IRI; `expand` reads back everything `shorten` writes."""

import re

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg.build import STORE_DIR, build
from kg.dataset import load_dataset, union
from kg.namespaces import (
    ID,
    KINDS,
    PREFIXES,
    bind_prefixes,
    expand,
    is_plain_local,
    shorten,
    sparql_name,
)
from kg.project import EMBEDDED

BASE = "https://w3id.org/actors-positions/"


def iris_of(store: ox.Store) -> list[str]:
    """Every IRI of the store: subjects, predicates, objects, datatypes and graph names."""
    found = set()
    for quad in store.quads_for_pattern(None, None, None, None):
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode):
                found.add(term.value)
            elif isinstance(term, ox.Literal):
                found.add(term.datatype.value)
    return sorted(found)


def test_every_iri_of_the_built_dataset_is_pasteable_as_printed(tmp_path):
    assert build(tmp_path / "build", EMBEDDED).written  # every card of the embedded project
    store = ox.Store.read_only(str(tmp_path / "build" / STORE_DIR))
    iris = iris_of(store)
    assert len(iris) > 500
    printed = {iri: shorten(URIRef(iri)) for iri in iris}
    values = " ".join(printed.values())
    answer = store.query(f"SELECT ?x WHERE {{ VALUES ?x {{ {values} }} }}", prefixes=PREFIXES)
    assert isinstance(answer, ox.QuerySolutions)
    assert [row["x"].value for row in answer] == iris  # the same IRIs, in the same order
    for iri, name in printed.items():
        one = store.query(f"SELECT * WHERE {{ VALUES ?x {{ {name} }} }}", prefixes=PREFIXES)
        assert isinstance(one, ox.QuerySolutions)
        assert [row["x"].value for row in one] == [iri], name
        assert expand(name) == URIRef(iri), name


def test_instances_print_with_the_prefix_of_their_kind_or_in_full():
    assert shorten(ID["russia"]) == "id:russia"
    assert shorten(ID["treaty/new-start"]) == "treaty:new-start"
    assert shorten(ID["format/us-russia-talks"]) == "format:us-russia-talks"
    assert shorten(ID["weapon-category/strategic-launcher"]) == (
        "weapon-category:strategic-launcher"
    )
    position = "position/russia/conditionally-supports/us-russia-talks"
    assert shorten(ID[position]) == f"<{BASE}id/{position}>"
    assert shorten(ID["position/china+russia/opposes/x"]) == (
        f"<{BASE}id/position/china+russia/opposes/x>"
    )
    assert shorten(URIRef(BASE + "graph/source/tass")) == f"<{BASE}graph/source/tass>"
    assert shorten(URIRef(BASE + "graph/inferred")) == "graph:inferred"
    assert shorten(URIRef(BASE + "cameo/010")) == "cameo:010"  # a local part may start with 0
    assert shorten(URIRef(BASE + "id/")) == f"<{BASE}id/>"
    assert shorten(URIRef(BASE + "id/a.")) == f"<{BASE}id/a.>"  # cannot end with a dot
    assert shorten(URIRef("https://example.org/x")) == "<https://example.org/x>"


def test_each_kind_has_its_prefix():
    assert {kind: PREFIXES[kind] for kind in KINDS} == {kind: f"{BASE}id/{kind}/" for kind in KINDS}
    prefix_name = re.compile(r"[A-Za-z]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?")  # PN_PREFIX, ASCII
    assert all(prefix_name.fullmatch(p) for p in PREFIXES)


@pytest.mark.parametrize(
    ("local", "plain"),
    [
        ("russia", True),
        ("010", True),
        ("a.b", True),
        ("a:b", True),
        ("a%20b", True),
        ("_x", True),
        ("a/b", False),
        ("a.", False),
        ("-a", False),
        ("a b", False),
        ("a+b", False),
        ("", False),
    ],
)
def test_plain_local_names_follow_the_sparql_grammar(local, plain):
    assert is_plain_local(local) is plain
    query = f"SELECT * WHERE {{ VALUES ?x {{ id:{local} }} }}"
    try:
        ox.Store().query(query, prefixes=PREFIXES)
        parses = True
    except SyntaxError:
        parses = False
    assert parses or not plain  # what kg prints plainly, Oxigraph reads


def test_expand_reads_the_earlier_spelling_and_sparql_escapes():
    talks = ID["format/us-russia-talks"]
    assert expand("format:us-russia-talks") == talks
    assert expand("id:format/us-russia-talks") == talks  # not SPARQL, but unambiguous
    assert expand(r"id:format\/us-russia-talks") == talks
    assert expand(f"<{talks}>") == talks
    assert expand("nope:x") is None
    assert expand("id://x") is None
    assert sparql_name("id:format/us-russia-talks") == "format:us-russia-talks"
    assert sparql_name("id:position/a/b/c") == f"<{BASE}id/position/a/b/c>"
    assert sparql_name("format:us-russia-talks") is None
    assert sparql_name(r"id:format\/us-russia-talks") is None  # escaped: valid SPARQL
    assert sparql_name("rusia") is None


def test_turtle_with_the_kind_prefixes_reads_back_the_same_graph():
    graph = bind_prefixes(Graph())
    for triple in union(load_dataset()):
        graph.add(triple)
    text = graph.serialize(format="turtle")
    assert "@prefix treaty: <https://w3id.org/actors-positions/id/treaty/> ." in text
    assert "treaty:new-start" in text
    assert isomorphic(Graph().parse(data=text, format="turtle"), graph)
