"""validate_changes reports exactly what a full validation reports after a change to a store
that conformed, while re-checking only the focus nodes the change can reach.

The stores are real builds of generated corpora. Each change is made to the named graphs and
the default graph is then rebuilt as the build makes it (the merge plus the inferences), so
`added` and `removed` are exact; validate_store on the changed store is the reference.
"""

import random
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Namespace, URIRef
from rdflib.namespace import SH

from kg.build import build
from kg.fastshacl import ConstraintQuery, ShapeQueries, compile_shapes, validate_store
from kg.fastshacl.footprint import footprint_of
from kg.fastshacl.incremental import REMOVED_GRAPH, Impact, impact_of, validate_changes
from kg.fastshacl.model import Target
from kg.fastshacl.readings import PerFocus
from kg.fastshacl.sparql_tree import TriplePattern as Pattern
from kg.fastshacl.sparql_tree import parse_select, predicates_of
from kg.fastshacl.targets import FOCUS_HEAD, focus_nodes
from kg.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, shorten
from kg.project import Project
from kg.store import graph_of, materialise, merge_named_graphs
from kg.synth import ERROR_KINDS, SHAPE, synth_project
from kg.validation import Violation, load_shapes

QUERIES = compile_shapes(load_shapes())
CARDS, SEED = 40, 3
SHAPE_ERRORS = {name: 1 for name, kind in ERROR_KINDS.items() if kind.level == SHAPE}
AP = "https://w3id.org/actors-positions/ontology#"
PREFIX = f"PREFIX ap: <{AP}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
DEFAULT = ox.DefaultGraph()
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass(frozen=True)
class Builds:
    clean: Path
    """The store of a corpus that conforms."""
    broken: Path
    """The store of the same corpus with one injected error of each shape kind."""


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    root = tmp_path_factory.mktemp("incremental")
    synth_project(root / "clean", cards=CARDS, seed=SEED)
    synth_project(root / "broken", cards=CARDS, seed=SEED, errors=SHAPE_ERRORS)
    assert build(root / "clean-build", Project(root / "clean")).written
    # Kept despite its errors (no validator): its graphs are the broken cards to swap in.
    kept = build(root / "broken-build", Project(root / "broken"), validator=lambda _: [])
    assert kept.written
    return Builds(root / "clean-build" / "store", root / "broken-build" / "store")


def copy_of(path: Path, on_disk: Path | None = None) -> ox.Store:
    """A writable copy of a build's store (in memory, unless a folder is given), its default
    graph rebuilt here as the build makes it, so that changes are measured against the same
    rebuild."""
    if on_disk is not None:
        shutil.rmtree(on_disk, ignore_errors=True)
        ox.Store.read_only(str(path)).backup(str(on_disk))
        store = ox.Store(str(on_disk))
    else:
        store = ox.Store()
        store.bulk_extend(_quads(path))
    before = triples(store)
    _rebuild_default(store)
    assert triples(store) == before
    return store


@cache
def _quads(path: Path) -> list[ox.Quad]:
    return list(ox.Store.read_only(str(path)).quads_for_pattern(None, None, None, None))


@pytest.fixture
def store(builds: Builds) -> ox.Store:
    copy = copy_of(builds.clean)
    assert full(copy) == []
    return copy


def triples(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph = DEFAULT) -> set[ox.Triple]:
    return {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, graph)
    }


def _rebuild_default(store: ox.Store) -> None:
    store.update(f"CLEAR DEFAULT ; CLEAR SILENT GRAPH <{INFERRED_GRAPH}>")
    merge_named_graphs(store)
    materialise(store, graph_of(store, ONTOLOGY_GRAPH))


def change(
    store: ox.Store, graphs: Mapping[ox.NamedNode, Iterable[ox.Triple] | None]
) -> tuple[set[ox.Triple], set[ox.Triple]]:
    """Give named graphs new triples (None: drop the graph) and rebuild the default graph;
    return the triples it gained and lost."""
    before = triples(store)
    for name, new in graphs.items():
        store.remove_graph(name)
        if new is not None:
            store.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in new)
    _rebuild_default(store)
    after = triples(store)
    return after - before, before - after


def edit(
    store: ox.Store,
    graph: ox.NamedNode,
    drop: Iterable[ox.Triple] = (),
    add: Iterable[ox.Triple] = (),
) -> tuple[set[ox.Triple], set[ox.Triple]]:
    return change(store, {graph: (triples(store, graph) - set(drop)) | set(add)})


def full(store: ox.Store, queries: ShapeQueries = QUERIES) -> list[Violation]:
    return validate_store(
        store, queries=queries, trust_store_literals=True, merged_default_graph=True
    )


def assert_incremental(
    store: ox.Store, added: set[ox.Triple], removed: set[ox.Triple]
) -> tuple[list[Violation], Impact]:
    """validate_changes agrees with the full validation; return both the violations and the
    impact, which must leave no trace in the store."""
    expected = full(store)
    assert validate_changes(store, QUERIES, added, removed) == expected
    assert not store.contains_named_graph(REMOVED_GRAPH)
    return expected, impact_of(store, QUERIES, added, removed)


def graph_of_node(store: ox.Store, node: ox.NamedNode, predicate: ox.NamedNode) -> ox.NamedNode:
    """The source graph that states something of `node` with `predicate`."""
    for quad in store.quads_for_pattern(node, predicate, None, None):
        if isinstance(quad.graph_name, ox.NamedNode) and "/graph/source/" in quad.graph_name.value:
            return quad.graph_name
    raise AssertionError(f"no source states {predicate} of {node}")


def select(store: ox.Store, sparql: str) -> list[ox.QuerySolution]:
    solutions = store.query(PREFIX + sparql)
    assert isinstance(solutions, ox.QuerySolutions)
    return list(solutions)


def focus_count(store: ox.Store) -> int:
    """How many nodes have a type: an upper bound of the focus nodes, for scale."""
    return len(select(store, "SELECT DISTINCT ?n WHERE { ?n a ?type }"))


def incremental_enough(impact: Impact, store: ox.Store, at_most: int) -> None:
    """Few focus nodes checked again, and no query run for all of them."""
    nodes = {node for foci in impact.foci.values() for node in foci}
    assert impact.whole == {}
    assert 0 < len(nodes) <= at_most < focus_count(store) // 20


# -- changes of whole cards ----------------------------------------------------------------


def test_an_empty_change_reports_nothing(store):
    assert validate_changes(store, QUERIES, [], []) == []


def test_each_broken_card_is_reported_as_a_full_validation_reports_it(builds):
    broken = ox.Store.read_only(str(builds.broken))
    clean = ox.Store.read_only(str(builds.clean))
    inferred = ox.NamedNode(str(INFERRED_GRAPH))
    changed = [
        g for g in clean.named_graphs() if g != inferred and triples(clean, g) != triples(broken, g)
    ]
    assert len(changed) == len(SHAPE_ERRORS)  # one card per injected error
    for graph in sorted(changed, key=str):
        store = copy_of(builds.clean)
        added, removed = change(store, {graph: triples(broken, graph)})
        violations, impact = assert_incremental(store, added, removed)
        assert violations, f"the broken {graph} breaks no shape"
        incremental_enough(impact, store, at_most=20)
        del store


def test_removing_cards_that_others_rely_on(builds, tmp_path):
    clean = ox.Store.read_only(str(builds.clean))
    sources = sorted((g for g in clean.named_graphs() if "/graph/source/" in g.value), key=str)
    found = 0
    for index, graph in enumerate(sources[:3]):
        # The first on disk, as the build keeps it; the others in memory, which is faster.
        store = copy_of(builds.clean, tmp_path / "store" if index == 0 else None)
        added, removed = change(store, {graph: None})
        assert not added and removed
        violations, impact = assert_incremental(store, added, removed)
        found += len(violations)
        assert impact.whole == {}
        del store
    assert found  # other cards' nodes point to what went


def test_random_edits_of_a_few_cards(builds):
    """Random edits of one to three cards (triples dropped, added between known terms, objects
    re-pointed, nodes retyped or dropped): the same violations as a full validation."""
    rng = random.Random(7)
    sample = copy_of(builds.clean)
    pool = sorted(triples(sample), key=str)
    sources = sorted((g for g in sample.named_graphs() if "/graph/source/" in g.value), key=str)
    broke = 0
    for _ in range(12):
        store = copy_of(builds.clean)
        graphs: dict[ox.NamedNode, set[ox.Triple]] = {}
        for graph in rng.sample(sources, rng.randint(1, 3)):
            graphs[graph] = _random_edit(rng, triples(store, graph), pool)
        violations, _ = assert_incremental(store, *change(store, graphs))
        broke += bool(violations)
    assert broke >= 3


def _random_edit(rng: random.Random, card: set[ox.Triple], pool: list[ox.Triple]) -> set[ox.Triple]:
    lines = sorted(card, key=str)
    line = rng.choice(lines)
    kind = rng.choice(["drop", "add", "re-point", "retype", "drop node"])
    if kind == "drop":
        return card - set(rng.sample(lines, min(len(lines), rng.randint(1, 4))))
    if kind == "add":
        return card | {ox.Triple(line.subject, rng.choice(pool).predicate, rng.choice(pool).object)}
    if kind == "re-point":
        same = [t.object for t in pool if t.predicate == line.predicate]
        return (card - {line}) | {ox.Triple(line.subject, line.predicate, rng.choice(same))}
    typed = [t for t in lines if t.predicate == TYPE]
    if kind == "retype" and typed:
        classes = sorted({t.object for t in pool if t.predicate == TYPE}, key=str)
        old = rng.choice(typed)
        return (card - {old}) | {ox.Triple(old.subject, TYPE, rng.choice(classes))}
    return {t for t in card if line.subject not in (t.subject, t.object)}


# -- edits of single triples -------------------------------------------------------------


def test_deleting_a_required_property(store):
    statement = select(store, "SELECT ?s ?speaker WHERE { ?s ap:speaker ?speaker } LIMIT 1")[0]
    speaker = ox.Triple(statement["s"], ox.NamedNode(AP + "speaker"), statement["speaker"])
    graph = graph_of_node(store, statement["s"], ox.NamedNode(AP + "speaker"))
    violations, impact = assert_incremental(store, *edit(store, graph, drop=[speaker]))
    assert any(v.shape == "aps:Statement-speaker" for v in violations)
    incremental_enough(impact, store, at_most=3)


def test_retyping_a_node(store):
    position = select(
        store, "SELECT ?p WHERE { ?p a ap:Position ; ap:supersedes ?earlier } LIMIT 1"
    )
    node = position[0]["p"]
    graph = graph_of_node(store, node, TYPE)
    typed = ox.Triple(node, TYPE, ox.NamedNode(AP + "Position"))
    retyped = ox.Triple(node, TYPE, ox.NamedNode(AP + "Proposal"))
    violations, impact = assert_incremental(store, *edit(store, graph, [typed], [retyped]))
    assert _short(node) in {v.focus for v in violations}
    incremental_enough(impact, store, at_most=10)


def test_a_second_value_where_one_is_allowed(store):
    source = select(
        store,
        "SELECT ?s ?date WHERE { ?s a ap:Source ; <http://purl.org/dc/terms/date> ?date } LIMIT 1",
    )[0]
    date = ox.NamedNode("http://purl.org/dc/terms/date")
    graph = graph_of_node(store, source["s"], date)
    second = ox.Literal(
        "2001-02-03", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
    )
    violations, impact = assert_incremental(
        store, *edit(store, graph, add=[ox.Triple(source["s"], date, second)])
    )
    assert any(v.shape == "aps:Source-date" for v in violations)
    incremental_enough(impact, store, at_most=20)  # the source, and its statements' dates


def test_a_harmless_edit_checks_one_node(store):
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    row = select(store, "SELECT ?s ?label WHERE { ?s a ap:Source ; rdfs:label ?label } LIMIT 1")[0]
    graph = graph_of_node(store, row["s"], label)
    old = ox.Triple(row["s"], label, row["label"])
    new = ox.Triple(row["s"], label, ox.Literal(row["label"].value + " (revised)", language="en"))
    violations, impact = assert_incremental(store, *edit(store, graph, [old], [new]))
    assert violations == []
    assert impact.chain_queries == 0
    assert {node for foci in impact.foci.values() for node in foci} == {row["s"]}


# -- the far ends of SPARQL constraints: the focus node is not the changed node ---------------


def test_an_office_term_that_goes_leaves_statements_without_office(store):
    rows = select(
        store,
        "SELECT ?term ?statement WHERE { ?term ap:officeHolder ?speaker ; ap:office ?office . "
        "?statement ap:speaker ?speaker ; ap:inOffice ?office } ORDER BY ?term LIMIT 1",
    )
    term, statement = rows[0]["term"], rows[0]["statement"]
    holder = ox.NamedNode(AP + "officeHolder")
    graph = graph_of_node(store, term, holder)
    dropped = [q.triple for q in store.quads_for_pattern(term, holder, None, graph)]
    violations, impact = assert_incremental(store, *edit(store, graph, drop=dropped))
    speaker_checks = [v for v in violations if v.shape == "aps:StatementShape"]
    assert speaker_checks and all(v.focus != _short(term) for v in speaker_checks)
    assert _short(statement) in {v.focus for v in speaker_checks}
    assert impact.whole == {}


def test_a_source_dated_before_its_statements(store):
    row = select(
        store,
        "SELECT ?source ?date WHERE { ?statement ap:reportedIn ?source . "
        "?source <http://purl.org/dc/terms/date> ?date } ORDER BY ?source LIMIT 1",
    )[0]
    date = ox.NamedNode("http://purl.org/dc/terms/date")
    graph = graph_of_node(store, row["source"], date)
    early = ox.Literal("1990-01-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    violations, impact = assert_incremental(
        store,
        *edit(
            store,
            graph,
            [ox.Triple(row["source"], date, row["date"])],
            [ox.Triple(row["source"], date, early)],
        ),
    )
    assert any(v.message and v.focus != _short(row["source"]) for v in violations)
    assert impact.whole == {} and impact.chain_queries > 0


def test_a_superseded_position_that_changes_target(store):
    row = select(
        store,
        "SELECT ?earlier ?target ?other WHERE { ?later ap:supersedes ?earlier . "
        "?earlier ap:target ?target . ?other a ap:Issue FILTER (?other != ?target) } "
        "ORDER BY ?earlier ?other LIMIT 1",
    )[0]
    target = ox.NamedNode(AP + "target")
    graph = graph_of_node(store, row["earlier"], target)
    violations, impact = assert_incremental(
        store,
        *edit(
            store,
            graph,
            [ox.Triple(row["earlier"], target, row["target"])],
            [ox.Triple(row["earlier"], target, row["other"])],
        ),
    )
    assert any(v.shape == "aps:PositionShape" for v in violations)
    assert impact.whole == {}


def _short(node: ox.NamedNode) -> str:
    return shorten(URIRef(node.value))


# -- where the analysis gives up: the whole query runs ---------------------------------------


def test_a_change_to_the_class_hierarchy_runs_the_queries_in_full(store):
    ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
    kind = ox.NamedNode(AP + "ProvisionalPosition")
    subclass = ox.Triple(
        kind,
        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
        ox.NamedNode(AP + "Position"),
    )
    source = sorted((g for g in store.named_graphs() if "/graph/source/" in g.value), key=str)[0]
    node = ox.NamedNode("https://w3id.org/actors-positions/id/position/provisional")
    added, removed = change(
        store,
        {
            ontology: triples(store, ontology) | {subclass},
            source: triples(store, source) | {ox.Triple(node, TYPE, kind)},
        },
    )
    violations, impact = assert_incremental(store, added, removed)
    provisional = "<https://w3id.org/actors-positions/id/position/provisional>"
    assert any(v.focus == provisional for v in violations)
    reasons = set(impact.whole.values())
    assert "a changed predicate is followed by a path with *, + or ?" in reasons
    assert len(impact.whole) > len(QUERIES) // 2


EX = Namespace("http://example.org/")


def _query(sparql: str, focus: str) -> ConstraintQuery:
    return ConstraintQuery(
        EX.shape,
        SH.SPARQLConstraintComponent,
        "test",
        sparql,
        "Violation",
        PerFocus(None, "broken"),
        focus=focus,
    )


def test_a_variable_only_an_optional_binds_is_not_followed():
    """Without ex:r, ?x is unbound and NOT EXISTS { ?x ex:q ?y } asks whether any ex:q triple
    exists at all: removing one far away breaks ex:a, which nothing joins to it."""
    focus = focus_nodes([Target("class", EX.C)])
    queries = ShapeQueries(
        (
            _query(
                f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this <{EX.r}> ?x }} "
                f"FILTER NOT EXISTS {{ ?x <{EX.q}> ?y }} }}",
                focus,
            ),
        )
    )
    store = ox.Store()
    far = ox.Triple(ox.NamedNode(EX.z), ox.NamedNode(EX.q), ox.NamedNode(EX.w))
    store.add(ox.Quad(ox.NamedNode(EX.a), TYPE, ox.NamedNode(EX.C)))
    store.add(ox.Quad(far.subject, far.predicate, far.object))
    assert full(store, queries) == []
    store.remove(ox.Quad(far.subject, far.predicate, far.object))
    expected = full(store, queries)
    assert [v.focus for v in expected] == ["<http://example.org/a>"]
    assert validate_changes(store, queries, [], [far]) == expected
    assert list(impact_of(store, queries, [], [far]).whole.values()) == [
        "a changed triple matches a pattern not joined to ?this"
    ]


def test_sequence_and_inverse_paths_are_followed_step_by_step():
    focus = focus_nodes([Target("class", EX.C)])
    sparql = f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this <{EX.a}>/^<{EX.b}> ?v }} }}"
    queries = ShapeQueries((_query(sparql, focus),))
    node = {name: ox.NamedNode(EX[name]) for name in ("f", "g", "m", "n", "C", "a", "b")}
    store = ox.Store()
    for s, p, o in [("f", "a", "m"), ("n", "b", "m"), ("g", "a", "m")]:
        store.add(ox.Quad(node[s], node[p], node[o]))
    for focus_node in ("f", "g"):
        store.add(ox.Quad(node[focus_node], TYPE, node["C"]))
    assert full(store, queries) == []
    far = ox.Triple(node["n"], node["b"], node["m"])  # the second step, seen backwards
    store.remove(ox.Quad(far.subject, far.predicate, far.object))
    expected = full(store, queries)
    assert {v.focus for v in expected} == {"<http://example.org/f>", "<http://example.org/g>"}
    impact = impact_of(store, queries, [], [far])
    assert impact.whole == {} and impact.foci[0] == {node["f"], node["g"]}
    assert validate_changes(store, queries, [], [far]) == expected


def test_every_constraint_query_of_the_project_is_followed():
    """No project query is left to run whole on every change: each is read, restricted at its
    focus group, and each of its patterns is joined to ?this (or behind a * path)."""
    assert focus_nodes([Target("class", EX.C)]).startswith(FOCUS_HEAD)
    for query in QUERIES:
        footprint = footprint_of(query.sparql, query.focus)
        assert footprint.unbounded is None, query.sparql
        assert all(probe.chain is not None for probe in footprint.probes), query.sparql
        assert footprint.probes


def test_a_query_it_cannot_read_runs_in_full():
    focus = focus_nodes([Target("class", EX.C)])
    footprint = footprint_of(f"SELECT ?this WHERE {{ {focus} ?this ?p ?o }} LIMIT 5", focus)
    assert footprint.unbounded is not None


def test_the_reader_finds_the_predicates_rdflib_finds():
    """The hand-written reader (kg.fastshacl.sparql_tree) against rdflib's parser, on every
    compiled query: the same predicates in triple patterns."""
    from rdflib.paths import Path as RdflibPath
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    def ours(sparql: str) -> set[str]:
        found: set[str] = set()

        def walk(node: object) -> None:
            if isinstance(node, Pattern) and not hasattr(node.predicate, "name"):
                found.update(predicates_of(node.predicate) or ())  # type: ignore[arg-type]
            elif isinstance(node, tuple | list):
                for item in node:
                    walk(item)
            elif hasattr(node, "__dataclass_fields__"):
                for name in node.__dataclass_fields__:
                    walk(getattr(node, name))

        walk(parse_select(sparql))
        return found

    def theirs(sparql: str) -> set[str]:
        found: set[str] = set()

        def walk(node: object) -> None:
            if isinstance(node, URIRef):
                return
            if isinstance(node, RdflibPath):
                found.update(str(t) for t in _path_iris(node))
            elif isinstance(node, dict):
                for triple in node.get("triples") or ():
                    for p in list(triple)[1::3]:  # a parsed block may hold s p o s p o ...
                        if isinstance(p, URIRef):
                            found.add(str(p))
                        elif isinstance(p, RdflibPath):
                            found.update(str(t) for t in _path_iris(p))
                for value in node.values():
                    walk(value)
            elif isinstance(node, tuple | list):
                for item in node:
                    walk(item)

        walk(translateQuery(parseQuery(sparql)).algebra)
        return found

    for query in QUERIES:
        assert ours(query.sparql) == theirs(query.sparql), query.sparql


def _path_iris(path: object) -> Iterable[object]:
    if isinstance(path, URIRef):
        yield path
        return
    for attribute in ("arg", "path"):
        if hasattr(path, attribute):
            yield from _path_iris(getattr(path, attribute))
    for attribute in ("args",):
        for part in getattr(path, attribute, ()):
            yield from _path_iris(part)
