"""The endpoint's pages for people: a form to type a query, and answers as HTML tables.

No script at all, and nothing loaded from elsewhere: the page works offline and behind any
firewall. Jinja2 escapes every text (labels and quotes come from sources, which may hold
markup), and the Content-Security-Policy allows only the page's own style, named by its hash.
"""

import base64
import hashlib
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, StrictUndefined

from kg.namespaces import PREFIXES, shorten
from kg.queries import NamedQuery
from kg.serve.formats import SOLUTION_FORMATS, Table
from kg.serve.worker import Job
from kg.store import to_rdflib

EXAMPLE = """\
# Who holds which stance on which negotiation format?
SELECT ?format ?holder ?stance WHERE {
  ?position ap:target ?format ; ap:holder ?holder ; ap:stance ?stance .
  ?format a ap:NegotiationFormat .
}
ORDER BY ?format ?holder
"""


@dataclass(frozen=True)
class Cell:
    text: str
    full: str = ""
    link: str = ""


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("kg.serve", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _style() -> str:
    return _environment().loader.get_source(_environment(), "style.css")[0]  # type: ignore[union-attr]


def content_security_policy() -> str:
    """Nothing may load or run but the page's own style; forms post only to this server."""
    digest = base64.b64encode(hashlib.sha256(_style().encode("utf-8")).digest()).decode()
    return (
        f"default-src 'none'; style-src 'sha256-{digest}'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    )


def index_page(queries: list[NamedQuery], limits: str, root: str = "") -> bytes:
    """The query form and the list of named queries."""
    formats = [(f.names[0], f.media_type) for f in SOLUTION_FORMATS]
    formats.sort(key=lambda named: named[0] != "html")  # people first
    html = (
        _environment()
        .get_template("index.html")
        .render(
            title="Actors and positions: SPARQL endpoint",
            style=_style(),
            limits=limits,
            example=EXAMPLE,
            prefixes=", ".join(f"{p}:" for p in PREFIXES),
            answer_formats=formats,
            queries=queries,
            root=root,
        )
    )
    return html.encode("utf-8")


def results_page(job: Job, answer: Table | list[ox.Triple] | bool, truncated: bool) -> bytes:
    """An answer as an HTML table; every IRI links to a DESCRIBE of it on this endpoint."""
    boolean = answer if isinstance(answer, bool) else None
    header: list[str] = []
    rows: list[list[Cell]] = []
    if isinstance(answer, Table):
        header = answer.variables
        rows = [[_cell(term, job.root) for term in row] for row in answer.rows]
    elif isinstance(answer, list):
        header = ["subject", "predicate", "object"]
        rows = [[_cell(term, job.root) for term in triple] for triple in answer]
    html = (
        _environment()
        .get_template("results.html")
        .render(
            title=job.title or "Answer",
            style=_style(),
            limits=job.limits,
            query_text=job.query if job.origin == "query" else "",
            sparql_url=f"{job.root}/sparql",
            home_url=f"{job.root}/",
            boolean=boolean,
            header=header,
            rows=rows,
            truncated=truncated,
        )
    )
    return html.encode("utf-8")


def _cell(term: object, root: str) -> Cell:
    if term is None:
        return Cell("")
    if isinstance(term, ox.NamedNode):
        describe = urlencode({"query": f"DESCRIBE <{term.value}>", "format": "html"})
        return Cell(shorten(to_rdflib(term)), term.value, f"{root}/sparql?{describe}")
    if isinstance(term, ox.Literal | ox.BlankNode):
        return Cell(shorten(to_rdflib(term)))
    return Cell(str(term))
