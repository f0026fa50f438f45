"""CSV node and edge lists, safe to open in a spreadsheet.

Two files, because nodes and edges have different columns: `-o out.csv` writes
`out.nodes.csv` and `out.edges.csv` (the columns Gephi's spreadsheet import recognises: id,
label; id, source, target, label). A cell that starts with =, +, -, @, a tab or a carriage
return gets a leading apostrophe, so a spreadsheet shows it as text instead of running it as
a formula (OWASP, "CSV Injection").
"""

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from kg.export.graphs import Value
from kg.export.projection import Projection

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Value) -> str:
    """The text of one cell: booleans as true/false, formula-like text defused."""
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def paths(out: Path) -> tuple[Path, Path]:
    """Where the node and edge lists go: out.csv gives out.nodes.csv and out.edges.csv."""
    stem = out.name[: -len(".csv")] if out.name.lower().endswith(".csv") else out.name
    return out.with_name(stem + ".nodes.csv"), out.with_name(stem + ".edges.csv")


def render(projection: Projection) -> tuple[bytes, bytes]:
    """The node list and the edge list, UTF-8 with CRLF line ends (RFC 4180)."""
    graph = projection.graph
    node_columns = _columns(attrs for _, attrs in graph.nodes(data=True))
    nodes = _table(
        ["id", *node_columns],
        ([node, *(attrs[c] for c in node_columns)] for node, attrs in graph.nodes(data=True)),
    )
    edge_columns = _columns(attrs for *_, attrs in graph.edges(keys=True, data=True))
    edges = _table(
        ["id", "source", "target", *edge_columns],
        (
            [key, source, target, *(attrs[c] for c in edge_columns)]
            for source, target, key, attrs in graph.edges(keys=True, data=True)
        ),
    )
    return nodes, edges


def _columns(records: Iterable[dict[str, Value]]) -> list[str]:
    """The attribute names, in the order of the first record (all records share them)."""
    return list(next(iter(records), {}))


def _table(header: Sequence[str], rows: Iterable[Sequence[Value]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([cell(h) for h in header])
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")
