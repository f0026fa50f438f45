"""Query results for people (an aligned table) and for programs (SPARQL CSV and JSON)."""

from rdflib.query import Result

from kg.errors import QueryError
from kg.namespaces import shorten

FORMATS = ("table", "csv", "json")


def render(result: Result, fmt: str, columns: list[str] | None = None) -> str:
    """`table`: aligned text with prefixed names; `csv`, `json`: the SPARQL 1.1 result formats.

    `columns` picks and orders the columns of a table, by the names its header shows.
    """
    if fmt == "table":
        return table(result, columns)
    if columns:
        raise QueryError("--columns applies to table output only; csv and json keep every column")
    if fmt in ("csv", "json"):
        data = result.serialize(format=fmt)
        assert data is not None
        text = data.decode("utf-8")
        return text.replace("\r\n", "\n") if fmt == "csv" else text + "\n"
    raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def rows(result: Result) -> tuple[list[str], list[list[str]]]:
    """Header and rows with every term written for people (see kg.namespaces.shorten)."""
    if result.type == "ASK":
        return ["ask"], [[str(result.askAnswer).lower()]]
    header = [str(v) for v in result.vars or []]
    body = [[shorten(row[i]) for i in range(len(header))] for row in result]  # type: ignore[index]
    return header, body


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
            raise QueryError(
                f"no column {', '.join(unknown)} in this result; its columns: {', '.join(shown)}"
            )
        shown = {c: shown[c] for c in columns}
    names = list(shown)
    cells = [[row[i].replace("\n", " ") for i in shown.values()] for row in body]
    widths = [max([len(n)] + [len(r[c]) for r in cells]) for c, n in enumerate(names)]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(names), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"
