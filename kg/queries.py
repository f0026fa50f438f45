"""Named competency-question queries: one file per question in queries/, with a header.

A query file opens with a header that people read and the tool parses::

    # # Who supports which negotiation format
    # **Question:** For each negotiation format and proposal, who holds which stance?
    # **Parameters:** ?target (optional): a format or proposal, such as id:format/us-russia-talks
    # **Returns:** ?target ?targetLabel ?holder ?holderLabel ?stance ...
"""

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import rdflib.plugins.sparql as rdflib_sparql
from pyparsing import ParseException, ParseResults
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.query import Result
from rdflib.term import Node

from kg import resources
from kg.errors import QueryError
from kg.namespaces import PREFIXES, expand, sparql_prologue
from kg.store import query as store_query

# rdflib would otherwise fetch any IRI named in FROM / FROM NAMED, over the network or from disk.
rdflib_sparql.SPARQL_LOAD_GRAPHS = False

_HEADER_FIELD = re.compile(r"^#\s*\*\*(?P<field>[A-Za-z]+):\*\*\s*(?P<text>.*)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class NamedQuery:
    """A query file and what its header says about it."""

    name: str
    path: Path
    title: str
    question: str
    parameters: tuple[str, ...]
    returns: str
    text: str

    @classmethod
    def from_file(cls, path: Path) -> "NamedQuery":
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"cannot read the query file ({exc.strerror})", path) from None
        title, fields = "", {}
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            if line.startswith("# # "):
                title = line[4:].strip()
            elif match := _HEADER_FIELD.match(line):
                fields[match["field"].lower()] = match["text"].strip()
        missing = [f for f in ("question", "parameters", "returns") if f not in fields]
        if not title or missing:
            raise QueryError(
                "the query header is incomplete; it needs '# # Title', '# **Question:**', "
                "'# **Parameters:**' and '# **Returns:**' lines at the top",
                path,
                1,
            )
        return cls(
            name=path.stem,
            path=path,
            title=title,
            question=fields["question"],
            parameters=tuple(re.findall(r"\?(\w+)", fields["parameters"])),
            returns=fields["returns"],
            text=text,
        )


def named_queries(project_queries: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query, by name, in name order: the tool's, then a project's own ones
    (quality checks `*-violation.rq` excluded). A project query may not reuse a tool's name."""
    queries = _queries_in(resources.QUERIES_DIR)
    if project_queries is not None and project_queries.is_dir():
        for name, query in _queries_in(project_queries).items():
            if name in queries:
                raise QueryError(
                    f"the project query {name!r} has the name of a built-in query; rename it",
                    query.path,
                )
            queries[name] = query
    return dict(sorted(queries.items()))


def _queries_in(directory: Path) -> dict[str, NamedQuery]:
    paths = sorted(p for p in directory.glob("*.rq") if not p.stem.endswith("-violation"))
    return {p.stem: NamedQuery.from_file(p) for p in paths}


def resolve(name_or_file: str, project_queries: Path | None = None) -> NamedQuery:
    """A query by name (`who-supports-which-format`) or by path to a .rq file."""
    if name_or_file.endswith(".rq"):
        return NamedQuery.from_file(Path(name_or_file))
    queries = named_queries(project_queries)
    if name_or_file not in queries:
        known = ", ".join(queries)
        raise QueryError(f"unknown query {name_or_file!r}; known queries: {known}")
    return queries[name_or_file]


def parse_parameters(pairs: list[str], query: NamedQuery) -> dict[str, Node]:
    """Turn `name=value` pairs into bindings, refusing names the query does not declare."""
    bindings: dict[str, Node] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?")
        if not sep or not name:
            raise QueryError(f"parameter {pair!r} is not of the form name=value")
        if name not in query.parameters:
            declared = ", ".join(query.parameters) or "none"
            raise QueryError(
                f"query {query.name!r} has no parameter {name!r}; its parameters: {declared}"
            )
        bindings[name] = parameter_value(value.strip())
    return bindings


def parameter_value(value: str) -> Node:
    """`id:russia` or `<iri>` is an IRI, `2026-02-05` a date, anything else a plain string."""
    iri = expand(value)
    if iri is not None:
        return iri
    if _DATE.match(value):
        return Literal(value, datatype=XSD.date)
    return Literal(value)


def check_safe(text: str, origin: str = "query", dataset_graphs: Collection[str] = ()) -> None:
    """Refuse updates, SERVICE and FROM / FROM NAMED: a query may only read the dataset.

    FROM and FROM NAMED may name a graph of `dataset_graphs` (the endpoint passes the built
    dataset's graphs; Oxigraph then reads that graph and fetches nothing)."""
    try:
        clauses, has_service = _reach(text)
    except ParseException as exc:
        if _is_update(text):
            raise QueryError(f"{origin}: updates are not allowed; the graph is read-only") from None
        raise QueryError(f"{origin}: SPARQL syntax error at line {exc.lineno}: {exc.msg}") from None
    if clauses:
        if not dataset_graphs:
            raise QueryError(
                f"{origin}: FROM and FROM NAMED are not allowed; queries read the built dataset "
                "(use GRAPH ?g { ... } to reach a source's named graph)"
            )
        for keyword, iri in clauses:
            if iri not in dataset_graphs:
                raise QueryError(
                    f"{origin}: {keyword} <{iri}> is not a graph of this dataset; FROM and FROM "
                    "NAMED may name only the dataset's own graphs (list them with "
                    "SELECT DISTINCT ?g WHERE { GRAPH ?g { } })"
                )
    if has_service:
        raise QueryError(f"{origin}: SERVICE is not allowed; queries may not reach other endpoints")


@lru_cache(maxsize=512)
def _reach(text: str) -> tuple[tuple[tuple[str, str], ...], bool]:
    """What a query reads beyond the dataset: its FROM / FROM NAMED clauses and whether it
    calls a SERVICE. Remembered per text: named queries and dashboards send the same texts
    again and again, and parsing one costs 20 to 100 ms, more than answering it."""
    parsed = parseQuery(text)
    clauses = _dataset_iris(parsed) if dict.get(parsed[1], "datasetClause") else []
    return tuple(clauses), _contains(parsed, "ServiceGraphPattern")


def _dataset_iris(parsed: ParseResults) -> list[tuple[str, str]]:
    """(FROM or FROM NAMED, IRI) for each dataset clause of a parsed query, prefixed names
    expanded as the query's prologue (or else the project) declares them."""
    declared = dict(PREFIXES)
    declared.update(
        (str(dict.get(d, "prefix") or ""), str(d["iri"]))
        for d in parsed[0]
        if d.name == "PrefixDecl"
    )
    clauses = []
    for clause in parsed[1]["datasetClause"]:
        keyword = "FROM NAMED" if "named" in clause else "FROM"
        iri = dict.get(clause, "named") or dict.get(clause, "default")
        if isinstance(iri, CompValue):  # a prefixed name
            prefix = str(dict.get(iri, "prefix") or "")
            iri = declared.get(prefix, f"{prefix}:") + str(dict.get(iri, "localname") or "")
        clauses.append((keyword, str(iri)))
    return clauses


def run(
    query: NamedQuery | str,
    graph: Graph | ox.Store,
    bindings: Mapping[str, Node] | None = None,
) -> Result:
    """Run a named query or SPARQL text over an rdflib Dataset whose default graph is the
    union, or over an Oxigraph store (kg.store): the answers are the same."""
    text = query.text if isinstance(query, NamedQuery) else query
    origin = query.name if isinstance(query, NamedQuery) else "query"
    text = with_prologue(text)
    check_safe(text, origin)
    init = dict(bindings or {})
    if isinstance(graph, ox.Store):
        return store_query(graph, text, init)
    return graph.query(text, initBindings=init)  # type: ignore[arg-type]


def with_prologue(text: str) -> str:
    """The query with the project's PREFIX lines in front, unless it declares its own."""
    if re.search(r"^\s*PREFIX\s", text, re.IGNORECASE | re.MULTILINE):
        return text
    return sparql_prologue() + text


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except ParseException:
        return False
    return True


def _contains(node: object, name: str) -> bool:
    if isinstance(node, CompValue):
        if node.name == name:
            return True
        return any(_contains(v, name) for v in dict.values(node))
    if isinstance(node, list | tuple | ParseResults):
        return any(_contains(v, name) for v in node)
    return False


def is_iri(node: Node | None) -> bool:
    return isinstance(node, URIRef)
