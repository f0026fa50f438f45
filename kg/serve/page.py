"""The endpoint's pages for people: the query page (YASGUI), and answers as HTML tables.

Nothing is loaded from elsewhere: the query page's scripts and styles are files of this package
(kg/serve/static/, served by kg.serve.static), so it works offline and behind any firewall;
without JavaScript it is a plain form. Answer pages run no script. Jinja2 escapes every text
(labels and quotes come from sources, which may hold markup), and each page's
Content-Security-Policy allows only what it needs.
"""

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from kg.namespaces import PREFIXES, shorten
from kg.queries import NamedQuery
from kg.script_json import script_json
from kg.serve.formats import SOLUTION_FORMATS, Table
from kg.serve.static import static_url
from kg.serve.worker import Job
from kg.store import to_rdflib

YASGUI_VERSION = "4.6.2"
"""The vendored @zazuko/yasgui (kg/serve/static/yasgui/README.md)."""

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


def _hash(text: str) -> str:
    """A CSP source naming `text` (a style element's text or a style attribute's value)."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


RESIZER_STYLES = (
    " .grip-resizable{table-layout:fixed;} .grip-resizable > tbody > tr > td, .grip-resizable"
    " > tbody > tr > th{overflow:hidden} .grip-padding > tbody > tr > td, .grip-padding > tbody"
    " > tr > th{padding-left:0!important; padding-right:0!important;} .grip-container{"
    " height:0px; position:relative;} .grip-handle{margin-left:-5px; position:absolute;"
    " z-index:5; } .grip-handle .grip-resizable{position:absolute;background-color:red;"
    "filter:alpha(opacity=1);opacity:0;width:10px;height:100%;cursor: col-resize;top:0px}"
    " .grip-lastgrip{position:absolute; width:1px; } .grip-drag{ border-left:1px dotted"
    " black;\t} .grip-flex{width:auto!important;} .grip-handle.grip-disabledgrip"
    " .grip-resizable{cursor:default; display:none;}",
    "*{cursor:col-resize!important}",
)
"""The <style> elements YASGUI's table adds (column-resizer 1.4, bundled): fixed texts, so
the policy allows them by hash and needs no 'unsafe-inline'."""


STYLE_ATTRIBUTES = ("text-decoration:underline",)
"""The one style attribute YASGUI writes in markup: its syntax-error tooltip underlines the
expected tokens (`<strong style='text-decoration:underline'>`). 'unsafe-hashes' with this
hash allows that attribute value and no other."""


def content_security_policy() -> str:
    """Answer pages: nothing may load or run but the page's own style; forms post only to this
    server."""
    return (
        f"default-src 'none'; style-src {_hash(_style())}; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    )


def query_page_policy() -> str:
    """The query page: scripts and style sheets from this server only, the page's own style
    and YASGUI's fixed ones by hash, requests to this server only."""
    styles = " ".join(_hash(text) for text in (_style(), *RESIZER_STYLES, *STYLE_ATTRIBUTES))
    return (
        f"default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-hashes' {styles}; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )


@dataclass(frozen=True)
class Terms:
    """The classes and properties a graph uses or declares (full IRIs), for completion."""

    classes: tuple[str, ...] = ()
    properties: tuple[str, ...] = ()


TERMS_QUERY = """\
SELECT DISTINCT ?term ?kind WHERE {
  GRAPH graph:ontology {
    { ?term a ?type . VALUES ?type { owl:Class rdfs:Class } BIND("class" AS ?kind) }
    UNION { [] a ?term . BIND("class" AS ?kind) }
    UNION {
      ?term a ?type .
      VALUES ?type { rdf:Property owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }
      BIND("property" AS ?kind)
    }
    UNION { [] ?term [] . BIND("property" AS ?kind) }
  }
  FILTER(isIRI(?term))
}
ORDER BY ?kind ?term
"""
"""The terms for completion: the classes and properties the ontology declares, and those it
uses itself (rdfs:label, skos:definition, owl:Class...). Only the ontology's graph is read,
so the query costs the same on a build of any size."""


def terms_from_json(body: bytes) -> Terms:
    """TERMS_QUERY's answer (SPARQL JSON) as Terms."""
    rows = json.loads(body)["results"]["bindings"]
    kinds: dict[str, list[str]] = {"class": [], "property": []}
    for row in rows:
        kinds[row["kind"]["value"]].append(row["term"]["value"])
    return Terms(tuple(kinds["class"]), tuple(kinds["property"]))


def index_page(
    queries: list[NamedQuery], limits: str, root: str = "", terms: Terms = Terms()
) -> bytes:
    """The query page (YASGUI, or a form without JavaScript) and the list of named queries."""
    formats = [(f.names[0], f.media_type) for f in SOLUTION_FORMATS]
    formats.sort(key=lambda named: named[0] != "html")  # people first
    data = {
        "endpoint": f"{root}/sparql",
        "prefixes": PREFIXES,
        "classes": terms.classes,
        "properties": terms.properties,
        "example": EXAMPLE,
        "queries": [{"name": q.name, "title": q.title, "text": q.text} for q in queries],
    }
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
            page_data=Markup(script_json(data)),
            yasgui_version=YASGUI_VERSION,
            yasgui_js=static_url(root, "yasgui/yasgui.min.js"),
            yasgui_css=static_url(root, "yasgui/yasgui.min.css"),
            yasgui_licence=static_url(root, "yasgui/LICENSE"),
            yasgui_notices=static_url(root, "yasgui/THIRD-PARTY-LICENSES.txt"),
            page_js=static_url(root, "query-page.js"),
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
    if isinstance(term, ox.Literal) and term.direction is not None:
        return Cell(str(term))  # "..."@en--ltr: rdflib, which shortens, has no base direction
    if isinstance(term, ox.Literal | ox.BlankNode):
        return Cell(shorten(to_rdflib(term)))
    if isinstance(term, ox.Triple):
        return Cell(_triple_term(term))
    return Cell(str(term))


def _triple_term(term: ox.Triple) -> str:
    """A triple term (RDF 1.2) as a query writes it, with the names shortened as elsewhere."""
    parts = (
        _triple_term(part) if isinstance(part, ox.Triple) else shorten(to_rdflib(part))
        for part in (term.subject, term.predicate, term.object)
    )
    return f"<<( {' '.join(parts)} )>>"
