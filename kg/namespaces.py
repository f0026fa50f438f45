"""The project's namespaces, declared once: every module, query and report uses these prefixes."""

import re
from functools import lru_cache
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, VANN, XSD

BASE = "https://w3id.org/actors-positions/"


class Vocabulary(Namespace):
    """A namespace of a few terms, each made once: rdflib's Namespace makes (and checks) a new
    URIRef at every `AP.holder`, which compiling a million triples asks for millions of times."""

    @lru_cache(maxsize=1024)  # noqa: B019 (the namespaces live as long as the process)
    def term(self, name: str) -> URIRef:
        return super().term(name)


AP = Vocabulary(BASE + "ontology#")
"""Terms of the ontology (classes and properties)."""
STANCE = Vocabulary(BASE + "stance/")
"""Concepts of the stance scheme."""
ID = Namespace(BASE + "id/")
"""Instances: actors, statements, positions, sources..."""

KINDS = (
    "treaty",
    "format",
    "proposal",
    "policy",
    "event",
    "source",
    "office",
    "channel",
    "weapon-category",
)
"""The kinds of instance whose IRIs are `id:` + kind + `/` + one name (`id/treaty/new-start`).
Each has a prefix of its own (`treaty:new-start`), because a prefixed name cannot hold a `/`.
The IRIs of statements, positions, conditions, office terms, limits and requirements have more
parts (`id/position/russia/supports/us-russia-talks`): no prefix writes them plainly, so they
are printed whole (`<https://...>`)."""
GRAPH = Namespace(BASE + "graph/")
"""Names of the named graphs of a built dataset."""
SHAPES = Vocabulary(BASE + "shapes#")
"""SHACL shapes."""
CAMEO = Vocabulary(BASE + "cameo/")
PLOVER = Vocabulary(BASE + "plover/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, str] = {
    prefix: str(namespace)
    for prefix, namespace in {
        "ap": AP,
        "stance": STANCE,
        "id": ID,
        **{kind: ID[kind + "/"] for kind in KINDS},
        "graph": GRAPH,
        "aps": SHAPES,
        "cameo": CAMEO,
        "plover": PLOVER,
        "wd": WD,
        "dcterms": DCTERMS,
        "org": ORG,
        "owl": OWL,
        "prov": PROV,
        "rdf": RDF,
        "rdfs": RDFS,
        "schema": SDO,
        "sh": SH,
        "skos": SKOS,
        "vann": VANN,
        "xsd": XSD,
    }.items()
}
"""Prefix to namespace IRI, for every prefix the project writes or reads."""

ONTOLOGY_GRAPH = GRAPH["ontology"]
REGISTRY_GRAPH = GRAPH["registry"]
INFERRED_GRAPH = GRAPH["inferred"]


def source_graph(key: str) -> URIRef:
    """Name of the graph that holds what the source with this key reports."""
    return GRAPH["source/" + key]


G = TypeVar("G", bound=Graph)


def source_provenance(key: str) -> tuple[URIRef, URIRef, URIRef]:
    """The triple each source's graph holds: the graph was derived from the source it names."""
    return (
        source_graph(key),
        URIRef(PROV.wasDerivedFrom),
        ID["source/" + key],
    )


def bind_prefixes(graph: G) -> G:
    """Bind the project's prefixes (and only those) so output reads the same everywhere."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """PREFIX lines for every project prefix, prepended to queries that lack them."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


# Longest namespace first, so that a short namespace never shadows a longer one inside it.
_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))

# SPARQL 1.1's PN_LOCAL (https://www.w3.org/TR/sparql11-query/#rPN_LOCAL), without the
# backslash escapes: a local name that needs one is printed as a whole IRI instead.
_BASE_CHARS = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
    "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
    "\U00010000-\U000effff"
)
_CHARS = _BASE_CHARS + "_\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PERCENT = "%[0-9A-Fa-f]{2}"
_PLAIN_LOCAL = re.compile(
    rf"(?:[{_BASE_CHARS}_:0-9]|{_PERCENT})"
    rf"(?:(?:[{_CHARS}.:]|{_PERCENT})*(?:[{_CHARS}:]|{_PERCENT}))?"
)
_LOCAL_ESCAPE = re.compile(r"\\([_~.\-!$&'()*+,;=/?#@%])")


def is_plain_local(local: str) -> bool:
    """Whether `local` can follow `prefix:` in SPARQL and Turtle as it is (no `/`, no escape)."""
    return _PLAIN_LOCAL.fullmatch(local) is not None


def shorten(node: object) -> str:
    """Write a term for people, in a form a SPARQL query takes as it is: `treaty:new-start`,
    `id:russia`; an IRI that no project prefix writes plainly (its local part would hold a
    `/`) in full, `<https://w3id.org/actors-positions/id/position/russia/...>`.

    Literals are written as their lexical form.
    """
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = str(node)
        for prefix, namespace in _LONGEST_FIRST:
            if text.startswith(namespace) and is_plain_local(text[len(namespace) :]):
                return f"{prefix}:{text[len(namespace) :]}"
        return f"<{text}>"
    return str(node)


def expand(name: str) -> URIRef | None:
    """The IRI for `prefix:local` or `<iri>`, or None when `name` is neither (or names no
    absolute IRI: `<a b>`, `<x>`).

    Takes everything `shorten` prints, SPARQL's escapes (`id:format\\/us-russia-talks`), and
    the spelling of earlier versions, `id:` with slashes (`id:format/us-russia-talks`), which is
    not SPARQL but names the same IRI (see `sparql_name`)."""
    if name.startswith("<") and name.endswith(">"):
        return _iri(name[1:-1])
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return _iri(PREFIXES[prefix] + _LOCAL_ESCAPE.sub(r"\1", local))
    return None


def _iri(text: str) -> URIRef | None:
    """`text` as an IRI, if Oxigraph, which answers the queries, takes it as one (not `a b`,
    not the relative `x`); else None, and the name is read as text."""
    try:
        ox.NamedNode(text)
    except ValueError:
        return None
    return URIRef(text)


def sparql_name(name: str) -> str | None:
    """How to write the IRI that `name` expands to in a query, when `name` itself is no
    SPARQL (`id:format/us-russia-talks` -> `format:us-russia-talks`); None when it is, or when
    it names no IRI."""
    iri = expand(name)
    if iri is None or name.startswith("<"):
        return None
    local = name.partition(":")[2]
    return None if is_plain_local(_LOCAL_ESCAPE.sub("_", local)) else shorten(iri)
