"""The triples a view reads, pulled from a build's Oxigraph store in bulk.

Projecting the stances view asks the graph a few hundred thousand small questions (the label
of this actor, the quotes of that statement). rdflib answers each in about 10 microseconds,
which made a 2,000-card export take 10 s after a 28 s reload of the cards. Here the triples
the view reads are fetched in bulk from the build's store (one index scan per predicate), and
`Facts` answers the same questions from dictionaries: the view's code stays the one rule,
whatever it reads from.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SDO, SKOS
from rdflib.term import Node

from kg.export.terms import KIND_CLASSES
from kg.namespaces import AP, STANCE
from kg.store import to_rdflib

Triple = tuple[Node, Node, Node]


class Facts:
    """A read-only set of triples indexed by subject and predicate, and by predicate and
    object: the part of rdflib's Graph API that the views use (`objects`, `subjects`, `in`)."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self._objects: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
        self._subjects: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
        self._pairs: dict[Node, set[tuple[Node, Node]]] = defaultdict(set)
        for s, p, o in triples:
            self._objects[s, p].add(o)
            self._subjects[p, o].add(s)
            self._pairs[p].add((s, o))
        self._objects.default_factory = None
        self._subjects.default_factory = None
        self._pairs.default_factory = None

    def subject_objects(self, predicate: Node | None = None) -> Iterator[tuple[Node, Node]]:
        if predicate is None:
            raise ValueError("Facts answers subject_objects(predicate) with the predicate given")
        return iter(self._pairs.get(predicate, ()))

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        if subject is None or predicate is None:
            raise ValueError("Facts answers objects(subject, predicate) with both given")
        return iter(self._objects.get((subject, predicate), ()))

    def subjects(self, predicate: Node | None = None, object: Node | None = None) -> Iterator[Node]:
        if predicate is None or object is None:
            raise ValueError("Facts answers subjects(predicate, object) with both given")
        return iter(self._subjects.get((predicate, object), ()))

    def __contains__(self, triple: object) -> bool:
        if not isinstance(triple, tuple) or len(triple) != 3:
            return False
        s, p, o = triple
        return o in self._objects.get((s, p), ())

    def __len__(self) -> int:
        return sum(len(objects) for objects in self._objects.values())


STANCES_PREDICATES = (
    # A position: holders, target, stance, conditions, dates, evidence, successors.
    AP.holder,
    AP.target,
    AP.stance,
    AP.condition,
    AP.since,
    AP.until,
    AP.evidence,
    AP.evidenceWords,
    AP.supersededBy,
    AP.supersedes,
    # A statement: who said what, when, where.
    AP.quote,
    AP.reportedWording,
    AP.statedOn,
    AP.reportedIn,
    AP.speaker,
    AP.onBehalfOf,
    AP.inOffice,
    AP.dateNote,
    AP.channel,
    AP.reportedBy,
    # A source's address, publisher and day; a stance's polarity.
    SDO.url,
    DCTERMS.publisher,
    DCTERMS.date,
    AP.polarity,
)
"""What the stances view reads, besides names and kinds. Every triple of these predicates is
read: a scan of one index per predicate is several times faster than SPARQL joins that pick
the same triples out."""

ACTORS_PREDICATES = (
    ORG.subOrganizationOf,
    ORG.postIn,
    AP.officeHolder,
    AP.holdsOffice,
    AP.office,
    AP.termStart,
    AP.termEnd,
    AP.speaker,
    AP.onBehalfOf,
    AP.reportedBy,
    AP.statedOn,
    AP.inOffice,
    SKOS.exactMatch,
)
"""What the actors view reads, besides names and kinds."""

_NAMES = (RDFS.label, SKOS.prefLabel, DCTERMS.title)
"""What `label_of` reads."""


def read_facts(store: ox.Store, predicates: Iterable[URIRef], classes: Iterable[URIRef]) -> Facts:
    """The triples of the store's default graph (the build's merge of every named graph,
    inferences included) with these predicates or names, the memberships of these classes
    and of every class `kind_of` tells apart, and the stance scheme's members."""
    terms: dict[object, Node] = {}
    default = ox.DefaultGraph()

    def term(value: object) -> Node:
        found = terms.get(value)
        if found is None:
            found = terms[value] = to_rdflib(value)
        return found

    def triples() -> Iterator[Triple]:
        for predicate in (*predicates, *_NAMES):
            p = ox.NamedNode(str(predicate))
            for quad in store.quads_for_pattern(None, p, None, default):
                yield term(quad.subject), predicate, term(quad.object)
        is_a = ox.NamedNode(str(RDF.type))
        for cls in dict.fromkeys((*classes, *(c for c, _ in KIND_CLASSES))):
            for quad in store.quads_for_pattern(None, is_a, ox.NamedNode(str(cls)), default):
                yield term(quad.subject), RDF.type, cls
        in_scheme = ox.NamedNode(str(SKOS.inScheme))
        scheme = ox.NamedNode(str(STANCE.scheme))
        for quad in store.quads_for_pattern(None, in_scheme, scheme, default):
            yield term(quad.subject), SKOS.inScheme, STANCE.scheme

    return Facts(triples())


def stances_facts(store: ox.Store) -> Facts:
    """What `stances_view` and `evidence` read."""
    classes = (AP.Position, AP.NegotiationFormat, AP.Proposal)
    return read_facts(store, STANCES_PREDICATES, classes)


def actors_facts(store: ox.Store) -> Facts:
    """What `actors_view` reads."""
    classes = (AP.State, AP.Person, AP.Organisation, AP.Office, AP.OfficeTerm)
    return read_facts(store, ACTORS_PREDICATES, classes)
