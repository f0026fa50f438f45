"""Result formats of the endpoint, chosen by content negotiation, and capped serialisation.

SELECT and ASK answers go out in the four SPARQL 1.1 result formats (JSON, XML, CSV, TSV) or
as an HTML table for people; CONSTRUCT and DESCRIBE answers in Turtle, N-Triples, RDF/XML or
JSON-LD. Oxigraph writes every format: a capped answer is first collected as SPARQL TSV (terms
in N-Triples syntax, which Oxigraph prints) and read back, so the cap never costs fidelity.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from kg.namespaces import PREFIXES
from kg.queries import written_order


@dataclass(frozen=True)
class Format:
    """One way to write an answer: its media type, the other types clients ask for it by, and
    the names `format=` / `output=` may give it."""

    media_type: str
    names: tuple[str, ...]
    results: ox.QueryResultsFormat | None = None
    graph: ox.RdfFormat | None = None
    aliases: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8"


HTML = Format("text/html", ("html",))
SOLUTION_FORMATS = (
    Format(
        "application/sparql-results+json",
        ("json",),
        results=ox.QueryResultsFormat.JSON,
        aliases=("application/json",),
    ),
    Format(
        "application/sparql-results+xml",
        ("xml",),
        results=ox.QueryResultsFormat.XML,
        aliases=("application/xml", "text/xml"),
    ),
    Format("text/csv", ("csv",), results=ox.QueryResultsFormat.CSV),
    Format("text/tab-separated-values", ("tsv",), results=ox.QueryResultsFormat.TSV),
    HTML,
)
"""For SELECT and ASK; the first is the default (for `*/*` or no Accept header)."""
# Clients that ask for a result format on a graph answer (SPARQLWrapper asks for XML or JSON
# whatever the query form) get its graph counterpart, as Fuseki and Virtuoso do.
GRAPH_FORMATS = (
    Format("text/turtle", ("turtle", "ttl"), graph=ox.RdfFormat.TURTLE),
    Format("application/n-triples", ("ntriples", "nt"), graph=ox.RdfFormat.N_TRIPLES),
    Format(
        "application/rdf+xml",
        ("rdfxml", "xml"),
        graph=ox.RdfFormat.RDF_XML,
        aliases=("application/sparql-results+xml", "application/xml", "text/xml"),
    ),
    Format(
        "application/ld+json",
        ("jsonld", "json"),
        graph=ox.RdfFormat.JSON_LD,
        aliases=("application/sparql-results+json", "application/json"),
    ),
    HTML,
)
"""For CONSTRUCT and DESCRIBE; the first is the default."""


class NotAcceptable(Exception):
    """No format the client accepts can carry this kind of answer."""

    def __init__(self, offered: tuple[Format, ...]):
        self.offered = offered
        types = ", ".join(f.media_type for f in offered)
        super().__init__(f"no acceptable format for this answer; this endpoint offers {types}")


def negotiate(offered: tuple[Format, ...], accept: str, name: str = "") -> Format:
    """The format for an answer: `format=`/`output=` when it names one, else the best match
    of the Accept header (q-values honoured), else the default when the client takes anything."""
    for fmt in offered:
        if name.lower() in fmt.names or name in (fmt.media_type, *fmt.aliases):
            return fmt
    by_type = {t: f for f in offered for t in (f.media_type, *f.aliases)}
    best = parse_accept_header(accept or "*/*", MIMEAccept).best_match(list(by_type))
    if best is None:
        raise NotAcceptable(offered)
    return by_type[best]


@dataclass(frozen=True)
class Table:
    """A capped SELECT answer: the variables and the rows, as Oxigraph terms."""

    variables: list[str]
    rows: list[list[object]]
    truncated: bool


def solutions_table(solutions: ox.QuerySolutions, max_rows: int, text: str) -> Table:
    """The first `max_rows` rows of the answer to the query `text` (which orders the columns
    of `SELECT *`, see kg.queries.written_order)."""
    variables = written_order(text, [v.value for v in solutions.variables])
    rows = [[row[v] for v in variables] for row in islice(solutions, max_rows + 1)]
    return Table(variables, rows[:max_rows], truncated=len(rows) > max_rows)


def write_solutions(table: Table, fmt: Format) -> bytes:
    """The answer in a SPARQL result format, written by Oxigraph."""
    assert fmt.results is not None
    head = "\t".join(f"?{v}" for v in table.variables) + "\n"
    body = "".join("\t".join(_tsv(term) for term in row) + "\n" for row in table.rows)
    solutions = ox.parse_query_results(head + body, format=ox.QueryResultsFormat.TSV)
    assert isinstance(solutions, ox.QuerySolutions)
    data = solutions.serialize(format=fmt.results)
    assert data is not None
    return data


def _tsv(term: object) -> str:
    """A term as SPARQL TSV writes it: N-Triples, and a triple term (RDF 1.2) as <<( s p o )>>
    (which its N-Triples string is not)."""
    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        return f"<<( {_tsv(term.subject)} {_tsv(term.predicate)} {_tsv(term.object)} )>>"
    return str(term)


def write_boolean(answer: ox.QueryBoolean, fmt: Format) -> bytes:
    assert fmt.results is not None
    data = answer.serialize(format=fmt.results)
    assert data is not None
    return data


def capped_triples(triples: Iterator[ox.Triple], max_rows: int) -> tuple[list[ox.Triple], bool]:
    collected = list(islice(triples, max_rows + 1))
    return collected[:max_rows], len(collected) > max_rows


def write_triples(triples: list[ox.Triple], fmt: Format) -> bytes:
    """The graph in an RDF format, with the project's prefixes where the format has them."""
    assert fmt.graph is not None
    data = ox.serialize(triples, format=fmt.graph, prefixes=PREFIXES)
    assert data is not None
    return data
