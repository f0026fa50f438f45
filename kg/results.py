"""Query results for people (an aligned table) and for programs (SPARQL CSV and JSON for rows,
Turtle and N-Triples for the graph a CONSTRUCT or DESCRIBE answers)."""

import difflib

from rdflib.query import Result

from kg.errors import QueryError
from kg.namespaces import bind_prefixes, shorten
from kg.wording import counted

FORMATS = ("table", "csv", "json", "turtle", "ntriples")
ROW_FORMATS = ("csv", "json")
GRAPH_FORMATS = ("turtle", "ntriples")


def render(result: Result, fmt: str, columns: list[str] | None = None) -> str:
    """`table`: aligned text with prefixed names; `csv`, `json`: the SPARQL 1.1 result formats
    (an ASK in CSV is the table's column `ask`: that format has no form for it); `turtle`,
    `ntriples`: a graph answer.

    `columns` picks and orders the columns of a table, by the names its header shows.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "table":
        return table(result, columns)
    if columns:
        raise QueryError(f"--columns applies to table output only; {fmt} keeps every column")
    if is_graph(result):
        if fmt in ROW_FORMATS:
            raise QueryError(
                f"this query answers a graph (CONSTRUCT, DESCRIBE), which --format {fmt} (a "
                "result format of SELECT and ASK) cannot hold; use --format turtle, ntriples or "
                "table"
            )
        return _graph_text(result, fmt)
    if fmt in GRAPH_FORMATS:
        answer = "true or false" if result.type == "ASK" else "rows"
        raise QueryError(
            f"--format {fmt} writes the graph a CONSTRUCT or DESCRIBE answers; this query "
            f"answers {answer}: use --format table, csv or json"
        )
    if fmt == "csv" and result.type == "ASK":
        return f"ask\n{str(result.askAnswer).lower()}\n"
    data = result.serialize(format=fmt)
    assert data is not None
    text = data.decode("utf-8")
    return text.replace("\r\n", "\n") if fmt == "csv" else text + "\n"


def is_graph(result: Result) -> bool:
    return result.type in ("CONSTRUCT", "DESCRIBE")


def is_empty(result: Result) -> bool:
    """No row, no triple, or false."""
    if result.type == "ASK":
        return not result.askAnswer
    if is_graph(result):
        return result.graph is None or len(result.graph) == 0
    return not result.bindings


def _graph_text(result: Result, fmt: str) -> str:
    """Turtle with the project's prefixes, or N-Triples one triple a line, sorted: the same
    graph prints the same text."""
    assert result.graph is not None
    if fmt == "turtle":
        return bind_prefixes(result.graph).serialize(format="turtle")
    lines = result.graph.serialize(format="nt").splitlines()
    return "".join(f"{line}\n" for line in sorted(lines) if line)


def rows(result: Result) -> tuple[list[str], list[list[str]]]:
    """Header and rows with every term written for people (see kg.namespaces.shorten); a graph
    answer is a row per triple, in the order of those names."""
    if result.type == "ASK":
        return ["ask"], [[str(result.askAnswer).lower()]]
    if is_graph(result):
        assert result.graph is not None
        triples = sorted([shorten(term) for term in triple] for triple in result.graph)
        return ["subject", "predicate", "object"], triples
    variables = list(result.vars or [])
    # from the bindings: rdflib iterates no row of an answer without variables (SELECT * {})
    body = [[shorten(binding.get(v)) for v in variables] for binding in result.bindings]
    return [str(v) for v in variables], body


def table(result: Result, columns: list[str] | None = None) -> str:
    """An aligned text table. Where a query returns both ?x and ?xLabel, it shows the label
    under the name x; `columns` may name that column x or xLabel."""
    header, body = rows(result)
    shown = {
        name.removesuffix("Label"): i
        for i, name in enumerate(header)
        if f"{name}Label" not in header
    }
    if columns:
        also = {header[i]: name for name, i in shown.items() if header[i] != name}
        columns = [also.get(c, c) for c in columns]
        unknown = [c for c in columns if c not in shown]
        if unknown:
            close = difflib.get_close_matches(unknown[0], list(shown), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise QueryError(
                f"no column {', '.join(unknown)} in this result{hint}; its columns: "
                f"{', '.join(shown)}"
            )
        shown = {c: shown[c] for c in columns}
    names = list(shown)
    cells = [[row[i].replace("\n", " ") for i in shown.values()] for row in body]
    widths = [max([len(n)] + [len(r[c]) for r in cells]) for c, n in enumerate(names)]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(names), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    out.append(f"({counted(len(cells), 'triple' if is_graph(result) else 'row')})")
    return "\n".join(out) + "\n"
