"""The dataset in Oxigraph: the fast store and query engine for large projects.

rdflib stays the in-process model people know; at a million triples its parsing, SPARQL and
serialisation are tens of times slower than Oxigraph's (see KNOWN.md and `kg bench`). This
module moves data between the two and materialises the ontology's entailments with SPARQL
updates inside the store, giving exactly the triples `kg.reasoning.infer` gives.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.namespace import OWL, RDFS, XSD
from rdflib.query import Result
from rdflib.term import Identifier, Node

from kg.errors import QueryError
from kg.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, PREFIXES
from kg.reasoning import _closure

Triple = tuple[Node, Node, Node]
_XSD_STRING = str(XSD.string)


def nquads(triples: Iterable[Triple], graph: URIRef) -> str:
    """Triples as N-Quads text in `graph` (the fastest way into Oxigraph)."""
    name = f"<{graph}>"
    return "".join(f"{nt(s)} {nt(p)} {nt(o)} {name} .\n" for s, p, o in triples)


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt(term: Node) -> str:
    """A term in N-Triples syntax (https://www.w3.org/TR/n-triples/#grammar-production-STRING_LITERAL_QUOTE)."""
    if type(term) is URIRef:  # the common case first
        return f"<{term}>"
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^<{term.datatype}>" if term.datatype else text
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"


def load_graph(store: ox.Store, graph: Iterable[Triple], name: URIRef) -> None:
    """Load triples into their named graph and into the default graph.

    The default graph holds the merge of all named graphs, as a set: queries read it, so a
    triple that two sources state is matched once (Oxigraph's union-of-graphs mode would match
    it once per graph and multiply rows and counts)."""
    text = "".join(f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in graph)
    if text:
        for target in (ox.NamedNode(str(name)), ox.DefaultGraph()):
            store.bulk_load(text, format=ox.RdfFormat.N_TRIPLES, to_graph=target)


def merge_named_graphs(store: ox.Store) -> None:
    """Add every named graph's triples to the default graph (see load_graph): for data loaded
    into named graphs only, one update instead of a second copy of the text."""
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def to_rdflib(term: object) -> Node:
    """An Oxigraph term as the rdflib term it stands for."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # RDF 1.1: a simple literal is an xsd:string
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"not an RDF term: {term!r}")


def to_oxigraph(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def graph_of(store: ox.Store, name: URIRef | None = None) -> Graph:
    """A named graph of the store, or its default graph (the merge of all), as rdflib graph."""
    source = ox.NamedNode(str(name)) if name is not None else ox.DefaultGraph()
    graph = Graph()
    for quad in store.quads_for_pattern(None, None, None, source):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


@dataclass(frozen=True)
class Rules:
    """The ontology's entailment rules (kg.reasoning) as tables: the ontology is small, so its
    closures are computed once, in Python, and the store applies them to all the data."""

    superclasses: dict[Node, set[Node]]
    """Every class's superclasses, transitively."""
    derivations: dict[Node, set[tuple[Node, bool]]]
    """For each property p, every (q, flipped) such that `s p o` entails `s q o` (or `o q s`
    when flipped), following subproperties and inverses to a fixed point."""
    schema: tuple[Triple, ...]
    """The closed hierarchies: every rdfs:subClassOf and rdfs:subPropertyOf they entail."""

    @classmethod
    def of(cls, ontology: Graph) -> "Rules":
        superclasses = _closure(ontology.subject_objects(RDFS.subClassOf))
        superproperties = _closure(ontology.subject_objects(RDFS.subPropertyOf))
        schema = [(c, RDFS.subClassOf, d) for c, ds in superclasses.items() for d in ds]
        schema += [(p, RDFS.subPropertyOf, q) for p, qs in superproperties.items() for q in qs]
        return cls(superclasses, _property_derivations(ontology, superproperties), tuple(schema))


def materialise(store: ox.Store, ontology: Graph, *, merged: bool = True) -> int:
    """Write what the data entails into the inferred graph; return how many triples that is.

    Each rule of kg.reasoning (subclass, subproperty, inverse) is applied to all data in one
    update, its table handed to the store as VALUES. `merged`: the store keeps the merge of its
    named graphs as its default graph (see load_graph), which then gets the inferences too;
    otherwise the rules read every named graph and write the inferred graph only."""
    inferred = INFERRED_GRAPH.n3()
    store.update(f"CLEAR SILENT GRAPH {inferred}")
    rules = Rules.of(ontology)

    def held(triple: str, graph: str) -> str:
        return triple if merged else f"GRAPH {graph} {{ {triple} }}"

    def apply(pairs: list[tuple[Node, Node]], names: str, premise: str, head: str) -> None:
        if not pairs:
            return
        values = " ".join(f"({a.n3()} {b.n3()})" for a, b in pairs)
        also_merged = head if merged else ""
        store.update(
            f"INSERT {{ GRAPH {inferred} {{ {head} }} {also_merged} }} WHERE {{ "
            f"VALUES ({names}) {{ {values} }} {held(premise, '?premise')} "
            f"FILTER NOT EXISTS {{ {held(head, '?known')} }} }}"
        )

    for flipped in (False, True):
        pairs = sorted((p, q) for p, ds in rules.derivations.items() for q, f in ds if f == flipped)
        apply(pairs, "?p ?q", "?s ?p ?o", "?o ?q ?s" if flipped else "?s ?q ?o")
    pairs = sorted((c, d) for c, ds in rules.superclasses.items() for d in ds)
    apply(pairs, "?c ?d", "?s a ?c", "?s a ?d")
    schema = [t for t in rules.schema if not _contains(store, t)]
    if merged:
        load_graph(store, schema, INFERRED_GRAPH)
    else:
        store.bulk_load(nquads(schema, INFERRED_GRAPH), format=ox.RdfFormat.N_QUADS)
    return sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(INFERRED_GRAPH)))


def _property_derivations(
    ontology: Graph, superproperties: dict[Node, set[Node]]
) -> dict[Node, set[tuple[Node, bool]]]:
    inverses: dict[Node, set[Node]] = defaultdict(set)
    for p, q in ontology.subject_objects(OWL.inverseOf):
        inverses[p].add(q)
        inverses[q].add(p)
    derivations: dict[Node, set[tuple[Node, bool]]] = {}
    for start in set(superproperties) | set(inverses):
        seen: set[tuple[Node, bool]] = set()
        stack = [(start, False)]
        while stack:
            prop, flipped = stack.pop()
            steps = [(q, flipped) for q in superproperties.get(prop, ())]
            steps += [(q, not flipped) for q in inverses.get(prop, ())]
            for step in steps:
                if step not in seen:
                    seen.add(step)
                    stack.append(step)
        seen.discard((start, False))
        derivations[start] = seen
    return derivations


def _contains(store: ox.Store, triple: Triple) -> bool:
    """Whether any graph of the store holds `triple`."""
    s, p, o = (to_oxigraph(t) for t in triple)
    return next(iter(store.quads_for_pattern(s, p, o, None)), None) is not None  # type: ignore[arg-type]


def open_store(path: Path | None = None) -> ox.Store:
    """An on-disk store at `path`, or an in-memory one."""
    return ox.Store(str(path)) if path is not None else ox.Store()


def query(store: ox.Store, text: str, bindings: dict[str, Node] | None = None) -> Result:
    """Run SPARQL on the store (its default graph is the merge of all graphs) as an rdflib
    Result, so that results render the same whichever engine answered."""
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()
    }
    return as_result(store.query(text, prefixes=PREFIXES, substitutions=substitutions))


def as_result(
    answer: ox.QueryBoolean | ox.QuerySolutions | Iterable[ox.Triple | ox.Quad],
) -> Result:
    """An Oxigraph answer (of a store, or parsed from a remote store's) as an rdflib Result."""
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if not isinstance(answer, ox.QuerySolutions):
        result = Result("CONSTRUCT")
        graph = Graph()
        for triple in answer:
            graph.add((_answer(triple.subject), _answer(triple.predicate), _answer(triple.object)))
        result.graph = graph
        return result
    variables = [Variable(v.value) for v in answer.variables]
    result = Result("SELECT")
    result.vars = variables
    # Answers repeat their terms (labels, stances, dates): each is converted once. rdflib's
    # term constructors validate and parse, and took half the time of a large answer.
    converted: dict[object, Identifier] = {}

    def term(value: object) -> Identifier:
        node = converted.get(value)
        if node is None:
            node = converted[value] = cast(Identifier, _answer(value))
        return node

    result.bindings = [
        {v: term(value) for v, value in zip(variables, solution, strict=True) if value is not None}
        for solution in answer
    ]
    return result


TRIPLE_TERM = (
    "the answer holds a triple term (RDF 1.2, <<( subject predicate object )>>), which kg's "
    "results cannot hold; select its parts instead: SUBJECT(?t), PREDICATE(?t), OBJECT(?t)"
)


DIRECTIONAL_LITERAL = (
    'the answer holds a text with a base direction (RDF 1.2, "..."@en--ltr), which kg\'s '
    "results cannot hold; select its parts instead: STR(?x), LANG(?x), LANGDIR(?x)"
)


def _answer(term: object) -> Node:
    """A term of an answer as rdflib's, or why kg cannot print it (rdflib has no RDF 1.2
    terms: printing one without its parts would be printing another term)."""
    if isinstance(term, ox.Triple):
        raise QueryError(TRIPLE_TERM)
    if isinstance(term, ox.Literal) and term.direction is not None:
        raise QueryError(DIRECTIONAL_LITERAL)
    return to_rdflib(term)


def store_from_dataset(dataset: Dataset, store: ox.Store | None = None) -> ox.Store:
    """Load an assembled (asserted) dataset into a store and materialise its inferences."""
    store = store if store is not None else ox.Store()
    for graph in dataset.graphs():
        if len(graph) and graph.identifier != INFERRED_GRAPH:
            load_graph(store, graph, graph.identifier)  # type: ignore[arg-type]
    materialise(store, dataset.graph(ONTOLOGY_GRAPH))
    return store
