"""Named competency-question queries: one file per question in queries/, with a header.

A query file opens with a header that people read and the tool parses::

    # # Who supports which negotiation format
    # **Question:** For each negotiation format and proposal, who holds which stance?
    # **Parameters:** ?target (optional): a format or proposal, such as format:us-russia-talks
    # **Returns:** ?target ?targetLabel ?holder ?holderLabel ?stance ...
"""

import difflib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from functools import partial
from itertools import pairwise
from pathlib import Path

import pyoxigraph as ox
import rdflib.plugins.sparql as rdflib_sparql
from rdflib import Graph, Literal
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node, Variable

from kg import resources
from kg.days import is_day
from kg.deep_stack import on_deep_stack
from kg.errors import QueryError
from kg.namespaces import PREFIXES, expand
from kg.sparql_lexer import UPDATE_KEYWORDS, Reading, string_value, where
from kg.sparql_lexer import read as read_sparql
from kg.sparql_values import bound_in_text
from kg.store import query as store_query

# rdflib would otherwise fetch any IRI named in FROM / FROM NAMED, over the network or from disk.
rdflib_sparql.SPARQL_LOAD_GRAPHS = False

_HEADER_FIELD = re.compile(r"^#\s*\*\*(?P<field>[A-Za-z]+):\*\*\s*(?P<text>.*)$")
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


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
    expected: str = ""
    """An optional '# **Expected:**' header line: what a sound graph answers. A check whose sound
    answer is no rows (duplicate-statements) says 'no rows', so that its empty answer is not
    flagged in the competency-question report (kg.review.competency)."""

    @property
    def asked(self) -> str:
        """The question, for people: a project's query file may have no header."""
        return self.question or "(no question: its file has no header; see docs/queries.md)"

    @property
    def empty_when_sound(self) -> bool:
        return self.expected.lower().startswith("no rows")

    @classmethod
    def from_file(cls, path: Path, *, header: bool = True) -> "NamedQuery":
        """The query in a file; `header=False` also takes plain SPARQL without the header
        that named queries need (a user's own query file)."""
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise QueryError(f"cannot read the query file ({exc.strerror})", path) from None
        except UnicodeDecodeError:
            raise QueryError("the query file is not UTF-8 text", path) from None
        return cls.from_text(text, path.stem, path, header=header)

    @classmethod
    def from_text(
        cls, text: str, name: str, path: Path | None = None, *, header: bool = True
    ) -> "NamedQuery":
        """A query from its text. With `header`, the text must open with the four header lines;
        without, a text that lacks them is a plain query whose parameters are its variables."""
        title, fields = "", {}
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            if line.startswith("# # "):
                title = line[4:].strip()
            elif match := _HEADER_FIELD.match(line):
                fields[match["field"].lower()] = match["text"].strip()
        missing = [f for f in ("question", "parameters", "returns") if f not in fields]
        if title and not missing:
            parameters = tuple(re.findall(r"\?(\w+)", fields["parameters"]))
        elif header:
            raise QueryError(
                "the query header is incomplete; a named query needs '# # Title', "
                "'# **Question:**', '# **Parameters:**' and '# **Returns:**' lines at the top",
                path,
                1,
            )
        else:
            variables = re.findall(r"[?$](\w+)", text)
            parameters = tuple(dict.fromkeys(variables))
        return cls(
            name=name,
            path=path or Path(name),
            title=title,
            question=fields.get("question", ""),
            parameters=parameters,
            returns=fields.get("returns", ""),
            text=text,
            expected=fields.get("expected", ""),
        )


def named_queries(project_queries: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query, by name, in name order: the tool's, then a project's own ones
    (quality checks `*-violation.rq` excluded). A project query may not reuse a tool's name;
    any file that cannot be read as a query stops here (QueryError)."""
    queries, broken = catalogue(project_queries)
    if broken:
        raise next(iter(broken.values()))
    return queries


def catalogue(
    project_queries: Path | None = None,
) -> tuple[dict[str, NamedQuery], dict[str, QueryError]]:
    """The named queries that can be read, by name, and why each other project file cannot
    (by its name), so that one broken file of a project does not stop its other queries."""
    queries, broken = _queries_in(resources.QUERIES_DIR)
    if broken:  # the tool's own files: a defect of the installation, never the user's
        raise next(iter(broken.values()))
    if project_queries is not None and project_queries.is_dir():
        own, broken = _queries_in(project_queries, plain=True)
        for name, query in own.items():
            if name in queries:
                broken[name] = QueryError(
                    f"the project query {name!r} has the name of a built-in query; rename it",
                    query.path,
                )
            else:
                queries[name] = query
    return dict(sorted(queries.items())), dict(sorted(broken.items()))


def _queries_in(
    directory: Path, *, plain: bool = False
) -> tuple[dict[str, NamedQuery], dict[str, QueryError]]:
    """The named queries of a folder, each with its header, and the error of each file that
    is not one. With `plain` (a project's folder, where a user saves a query), a file without
    any header line is a query too, named by its file, any of its variables a parameter; a
    header begun must still be complete."""
    paths = sorted(p for p in directory.glob("*.rq") if not p.stem.endswith("-violation"))
    queries, broken = {}, {}
    for path in paths:
        try:
            try:
                query = NamedQuery.from_file(path)
            except QueryError:
                query = NamedQuery.from_file(path, header=False)
                if not plain or query.title or query.question or query.returns:
                    raise
                query = replace(query, title=query.name)
        except QueryError as exc:
            broken[path.stem] = exc
        else:
            queries[query.name] = query
    return queries, broken


def resolve(name_or_file: str, project_queries: Path | None = None) -> NamedQuery:
    """A query by name (`who-supports-which-format`) or a user's query file (any SPARQL,
    with or without the named queries' header)."""
    queries, broken = catalogue(project_queries)
    if name_or_file in broken:  # a project file of this name that is not a query
        raise broken[name_or_file]
    if name_or_file in queries:
        return queries[name_or_file]
    path = Path(name_or_file)
    if path.is_file():
        return NamedQuery.from_file(path, header=False)
    if path.suffix in (".rq", ".sparql"):
        if path.stem in queries:  # the file of a named query, given from elsewhere
            raise QueryError(
                f"no such file; to run the named query, give its name: {path.stem}", path
            )
        return NamedQuery.from_file(path, header=False)  # says why it cannot be read
    close = difflib.get_close_matches(name_or_file, queries, n=3)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise QueryError(
        f"unknown query {name_or_file!r}; known queries: {', '.join(queries)} (or give a "
        f"query file){hint}"
    )


def parse_parameters(pairs: list[str], query: NamedQuery) -> dict[str, Node]:
    """Turn `name=value` pairs into bindings, refusing names the query does not declare."""
    bindings: dict[str, Node] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?")
        if not sep or not name:
            raise QueryError(f"parameter {pair!r} is not of the form name=value")
        if name not in query.parameters:
            raise QueryError(no_such_parameter(query, name))
        if name in bindings:
            raise QueryError(given_twice(name))
        if not value.strip():
            raise QueryError(f"parameter {name!r} has no value; write it as {name}=VALUE")
        bindings[name] = parameter_value(name, value.strip())
    return bindings


def no_such_parameter(query: NamedQuery, name: str) -> str:
    """The refusal of a parameter the query does not declare, which would be ignored."""
    declared = ", ".join(query.parameters) or "none"
    return f"query {query.name!r} has no parameter {name!r}; its parameters: {declared}"


def given_twice(name: str) -> str:
    """The refusal of a parameter given two values, on the command line or in a URL."""
    return f"parameter {name!r} is given twice; a parameter takes one value"


def parameter_value(name: str, value: str) -> Node:
    """`id:russia` or `<iri>` is an IRI, `2026-02-05` a date, a value in quotes a literal as
    SPARQL writes one (`"Russia"@en`, the form of every name in the graph), anything else a
    plain string."""
    iri = expand(value)
    if iri is not None:
        return iri
    if is_day(value):
        return Literal(value, datatype=XSD.date)
    if value[:1] in ("'", '"'):
        return _literal(name, value)
    return Literal(value)


def _literal(name: str, value: str) -> Literal:
    """A literal read by the SPARQL lexer, as a query would read it; the lexical form kept as
    given (rdflib would write `"01"^^xsd:integer` as "1", another term)."""
    try:
        tokens = read_sparql(value).tokens
    except QueryError:
        tokens = ()
    kinds = [token.kind for token in tokens]
    if kinds and kinds[0] == "string":
        text = string_value(tokens[0].text)
        if len(kinds) == 1:
            return Literal(text)
        if kinds == ["string", "lang"] and "--" not in tokens[1].text:
            language = tokens[1].text[1:]
            try:
                ox.Literal(text, language=language)  # the engine's reading of the tag
            except ValueError as exc:
                raise QueryError(
                    f"parameter {name!r}: @{language} is not a language tag of BCP 47 "
                    f"({str(exc).lower()}); write one such as en, ru or zh-Hans"
                ) from None
            return Literal(text, lang=language)
        if kinds[1:] in (["punct", "iri"], ["punct", "pname"]) and tokens[1].text == "^^":
            datatype = expand(tokens[2].text)
            if datatype is None:
                raise QueryError(
                    f"parameter {name!r}: the datatype {tokens[2].text} is no IRI of the "
                    "project's prefixes; write it whole (<http://...>) or with one of them "
                    "(xsd:integer)"
                )
            return Literal(text, datatype=datatype, normalize=False)
    raise QueryError(
        f"parameter {name!r}: {value} is not a literal as SPARQL writes one; write text in "
        'double quotes, with a language or a datatype if it has one: "Russia"@en, '
        '"3"^^xsd:integer'
    )


def safe_query(text: str, origin: str = "query", dataset_graphs: Collection[str] = ()) -> str:
    """The text to run for a query that may only read the dataset, or QueryError.

    The query is read once (kg.sparql_lexer) and the answer is its canonical text: the text the
    rules below were checked on, which every engine reads as the same tokens. Callers run that
    text, never the one they were given. Refused: updates, SERVICE, and FROM / FROM NAMED
    except for a graph of `dataset_graphs` (the endpoint passes the built dataset's graphs;
    Oxigraph then reads that graph and fetches nothing)."""
    try:
        reading = read_sparql(text)
    except QueryError as exc:
        raise QueryError(f"{origin}: {exc.message}") from None
    _refuse_what_breaks_engines(reading, origin)
    keywords = {t.keyword for t in reading.tokens}
    if keywords & UPDATE_KEYWORDS:
        raise QueryError(f"{origin}: updates are not allowed; the graph is read-only")
    if "SERVICE" in keywords:
        raise QueryError(f"{origin}: SERVICE is not allowed; queries may not reach other endpoints")
    if "FROM" in keywords and not dataset_graphs:
        raise QueryError(
            f"{origin}: FROM and FROM NAMED are not allowed; queries read the built dataset "
            "(use GRAPH ?g { ... } to reach a source's named graph)"
        )
    for keyword, iri in _dataset_clauses(reading, origin):
        if iri not in dataset_graphs:
            raise QueryError(
                f"{origin}: {keyword} <{iri}> is not a graph of this dataset; FROM and FROM "
                "NAMED may name only the dataset's own graphs (list them with "
                "SELECT DISTINCT ?g WHERE { GRAPH ?g { } })"
            )
    return reading.text


MAX_NESTING = 200
"""Brackets a query may nest: more than any real query needs, fewer than would exhaust an
engine's parser stack (600 KB of "(" ended a worker)."""

MAX_CLAUSES = 4_000
"""Joins, unions, BINDs, filters, operators and groups a query may hold: 24 times the most a
named query holds (164), and far from the chains that overflow Oxigraph's recursion (3,000
BINDs on an 8 MiB stack; queries run on a 64 MiB one, kg.deep_stack)."""

_CLAUSE_WORDS = frozenset(
    ("UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "EXISTS", "SELECT", "LATERAL")
)


def _refuse_what_breaks_engines(reading: Reading, origin: str) -> None:
    """Refuse brackets nested too deep and chains too long for an engine's recursion."""
    depth = clauses = 0
    for token in reading.tokens:
        if token.kind == "brackets":
            for index, bracket in enumerate(token.text):
                depth += 1 if bracket in "({[" else -1
                clauses += bracket == "{"
                if depth > MAX_NESTING:
                    place = where(reading.source, token.offset + index)
                    raise QueryError(
                        f"{origin}: the query nests brackets more than {MAX_NESTING} deep (at "
                        f"{place}); flatten it"
                    )
        elif (token.kind == "punct" and token.text != "^^") or token.keyword in _CLAUSE_WORDS:
            clauses += 1
        if clauses > MAX_CLAUSES:
            raise QueryError(
                f"{origin}: the query holds more than {MAX_CLAUSES:,} joins, unions, BINDs, "
                f"filters, operators and groups (the last at {reading.where(token)}); split it "
                "into smaller queries"
            )


def _dataset_clauses(reading: Reading, origin: str) -> list[tuple[str, str]]:
    """(FROM or FROM NAMED, IRI) for each dataset clause, prefixed names expanded as the
    query's own PREFIX lines (or else the project) declare them. A graph that is not named by
    a full IRI is refused: a relative IRI depends on BASE, which engines apply differently."""
    declared = dict(PREFIXES)
    clauses = []
    tokens = reading.tokens
    for index, token in enumerate(tokens):
        after = tokens[index + 1 : index + 3]
        if token.keyword == "PREFIX" and [t.kind for t in after] == ["pname", "iri"]:
            declared[after[0].text[:-1]] = after[1].text[1:-1]
        if token.keyword != "FROM":
            continue
        named = bool(after) and after[0].keyword == "NAMED"
        keyword = "FROM NAMED" if named else "FROM"
        graph = after[1:2] if named else after[:1]
        iri = ""
        if graph and graph[0].kind == "iri":
            iri = graph[0].text[1:-1]
        elif graph and graph[0].kind == "pname":
            prefix, _, local = graph[0].text.partition(":")
            iri = declared[prefix] + local if prefix in declared else ""
        if not _ABSOLUTE_IRI.match(iri):
            raise QueryError(
                f"{origin}: {keyword} at {reading.where(token)} must name a graph by its full "
                "IRI (<https://...>) or by a declared prefixed name"
            )
        clauses.append((keyword, iri))
    return clauses


def run(
    query: NamedQuery | str,
    graph: Graph | ox.Store,
    bindings: Mapping[str, Node] | None = None,
) -> Result:
    """Run a named query or SPARQL text over an Oxigraph store (kg.store) or an rdflib Dataset
    whose default graph is the union: the answers are the same. Oxigraph is the engine users'
    queries run on; rdflib is the reference the tests compare it with."""
    text = query.text if isinstance(query, NamedQuery) else query
    origin = query.name if isinstance(query, NamedQuery) else "query"
    text = safe_query(text, origin)
    init = dict(bindings or {})
    if isinstance(graph, ox.Store):
        try:
            # the text the engine runs; errors quote the user's, whose lines it keeps
            engine_text, init = bound_in_text(text, init)
            answer = on_deep_stack(partial(store_query, graph, engine_text, init))
            return _in_written_order(answer, text)
        except SyntaxError as exc:
            raise syntax_error(origin, text, own_syntax_error(text, engine_text, exc)) from None
        except RuntimeError as exc:
            raise QueryError(f"{origin}: the query engine stopped: {exc}") from None
        except OSError as exc:
            raise QueryError(f"{origin}: the query engine could not finish: {exc}") from None
    result = graph.query(with_prologue(text), initBindings=init)  # type: ignore[arg-type]
    if result.type == "SELECT" and result.vars:
        # rdflib's engine gives an empty solution for a group of nothing (duplicate-statements
        # over the foundation), which its own iteration skips: skipped here for every reader
        result.bindings = [binding for binding in result.bindings if binding]
    return _in_written_order(result, text)


def _in_written_order(result: Result, text: str) -> Result:
    if result.type == "SELECT" and result.vars:
        result.vars = [Variable(v) for v in written_order(text, [str(v) for v in result.vars])]
    return result


def written_order(text: str, variables: list[str]) -> list[str]:
    """The columns of a SELECT: for `SELECT *`, in the order the query first writes its
    variables, as Jena, rdflib and Virtuoso list them (Oxigraph sorts them by name: `?s ?p ?o`
    came out o, p, s); otherwise as they are."""
    tokens = read_sparql(text).tokens
    forms = [i for i, t in enumerate(tokens) if t.keyword in _QUERY_FORMS]
    if not forms or tokens[forms[0]].keyword != "SELECT":
        return variables
    after = forms[0] + 1
    while after < len(tokens) and tokens[after].keyword in ("DISTINCT", "REDUCED"):
        after += 1
    if after == len(tokens) or tokens[after].text != "*":
        return variables
    first: dict[str, int] = {}
    for i, token in enumerate(tokens):
        if token.kind == "var":
            first.setdefault(token.text[1:], i)
    return sorted(variables, key=lambda v: first.get(v, len(tokens)))


_QUERY_FORMS = frozenset(("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"))


def with_prologue(text: str) -> str:
    """The query with a PREFIX declaration for each project prefix it does not declare, all on
    its first line, so that line numbers stay the query's own (for stores that do not know the
    project's prefixes)."""
    tokens = read_sparql(text).tokens
    declared = {
        after.text[:-1]
        for token, after in pairwise(tokens)
        if token.keyword == "PREFIX" and after.kind == "pname"
    }
    prologue = "".join(f"PREFIX {p}: <{ns}> " for p, ns in PREFIXES.items() if p not in declared)
    return prologue + text


_ENGINE_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)

_ENGINE_SENTENCES = {
    "The SELECT contains a variable that is unbound": (
        "SELECT names a variable that is neither grouped nor aggregated: with GROUP BY or an "
        "aggregate (COUNT, SAMPLE, ...), SELECT takes only the grouped variables and "
        "aggregates; add it to GROUP BY, or select (SAMPLE(?x) AS ?anyX)"
    ),
    "The SELECT contains an expression with a variable that is unbound": (
        "an expression in SELECT reads a variable that is neither grouped nor aggregated: "
        "with GROUP BY or an aggregate, an expression may read only the grouped variables and "
        "aggregates; add it to GROUP BY, or aggregate it (SAMPLE(?x))"
    ),
    "The SELECT overrides an existing variable using an expression": (
        "(... AS ?name) in SELECT names a variable the WHERE clause binds already; choose "
        "another name"
    ),
    "IRI parsing failed": (
        "an IRI here is not a whole IRI: write it in full (<https://...>) or as a prefixed "
        "name (id:russia)"
    ),
}
"""The sentences Oxigraph's grammar puts among the tokens it expected, which name the real
problem, with what to do instead."""
_ENGINE_SENTENCE = re.compile("|".join(map(re.escape, _ENGINE_SENTENCES)))


def _expected(detail: str) -> str:
    """Oxigraph's list of expected tokens, for people: without "[_]" (any character, which it
    adds to most lists), digits named, and shortened."""
    if detail == "expected [_]":
        return (
            "the engine cannot read the query as SPARQL (one cause: a BIND into a variable "
            "bound before it in the same group)"
        )
    detail = detail.replace(", [_]", "").replace("['0'..='9']", "a digit")
    if detail.startswith("expected one of ") and ", " not in detail:
        detail = "expected " + detail.removeprefix("expected one of ")
    if len(detail) > 160:
        detail = detail[:160].rsplit(" ", 1)[0] + " ..."
    return detail


def own_syntax_error(text: str, engine_text: str, exc: SyntaxError) -> str:
    """The engine's words for a mistake in the user's `text`, at its place there: where kg
    wrote parameters into the text as VALUES (kg.sparql_values), `exc` counts their columns."""
    if engine_text != text:
        try:  # an empty store reads the text as the build's does, and answers at once
            ox.Store().query(text, prefixes=PREFIXES)
        except SyntaxError as own:
            return str(own)
    return str(exc)


def syntax_error(origin: str, text: str, message: str) -> QueryError:
    """Oxigraph's syntax error as a message that shows the user's line (the canonical text keeps
    the user's line numbers), with the engine's long list of expected tokens shortened."""
    if not read_sparql(text).tokens:
        return QueryError(
            f"{origin}: the query is empty; write a SELECT, ASK, CONSTRUCT or DESCRIBE query"
        )
    match = _ENGINE_POSITION.match(message)
    if match is None:
        return QueryError(f"{origin}: SPARQL syntax error: {message}")
    line, column, detail = int(match[1]), int(match[2]), match[3]
    lines = text.split("\n")
    where, shown_line = f"line {line}, column {column}", line
    if not "\n".join(lines[line - 1 :])[column - 1 :].strip():  # Oxigraph read to the end
        shown_line = len(text.rstrip().split("\n"))
        where = f"the end of the query (line {shown_line})"
    shown = lines[shown_line - 1].strip() if 0 < shown_line <= len(lines) else ""
    explained = [_ENGINE_SENTENCES[found] for found in _ENGINE_SENTENCE.findall(detail)]
    if explained:
        detail = "; ".join(dict.fromkeys(explained))
    elif "Prefix not found" in detail:
        names = re.findall(r"([A-Za-z][\w.\-]*|):", lines[line - 1][: column - 1])
        prefix = f"{names[-1]}:" if names else "a prefix"
        detail = (
            f"{prefix} is not declared; declare it (PREFIX {prefix} <...>) or use one of the "
            f"project's prefixes, which need no declaration: {', '.join(PREFIXES)}"
        )
    else:
        detail = _expected(detail)
    return QueryError(
        f"{origin}: SPARQL syntax error at {where}: {detail}\n    {shown_line} | {shown}"
    )
