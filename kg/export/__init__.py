"""Visual exports: the graph projected as networkx graphs and written for graph tools.

Three views (projections) of the built dataset, each one function returning a networkx
MultiDiGraph whose attributes are plain strings, numbers and booleans:

- `stances_view`: actors and issues, one edge per position (stance, condition, dates, evidence);
- `actors_view`: persons, offices, organisations and states, and who speaks for whom;
- `full_view`: every triple of every named graph, for exploration.

`export(source, view, fmt, out)` writes one view in one format (GraphML, GEXF 1.2, Cytoscape
JSON, DOT, CSV node and edge lists, or a self-contained HTML page), atomically. The source is
an rdflib dataset or, as for `kg export`, a build's Oxigraph store (kg.export.reading).

Two more views are drawn from the answers of who-supports-which-format rather than projected
(kg.export.stance_views): `export_view(store, "matrix" | "timeline", fmt, out, options)`.
"""

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx

from kg.errors import KgError
from kg.export.actors import actors_view
from kg.export.atomic import write_files
from kg.export.focus import focus_node
from kg.export.formats import FORMATS, Format
from kg.export.full import full_view
from kg.export.projection import Projection
from kg.export.reading import Source, view_input
from kg.export.stance_views import RENDERERS, ViewOptions, ViewResult, export_view
from kg.export.stances import evidence, stances_view
from kg.wording import counted

View = Callable[[Any], "nx.MultiDiGraph[str]"]
"""A view's function: it takes an rdflib Graph (or, for a view of kg.export.reading's
STORE_READERS, what that reader returns)."""
T = TypeVar("T")

VIEWS: Mapping[str, View] = {
    "stances": stances_view,
    "actors": actors_view,
    "full": full_view,
}
"""View name to the function that projects it."""

PAGE_FILE = "stances.html"
"""The page `write_page` writes into a build folder."""


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: the graph's size, the files and their total size."""

    view: str
    format: str
    nodes: int
    edges: int
    bytes: int
    path: Path
    """The file written (for csv: the node list; `paths` has both)."""
    paths: tuple[Path, ...]
    seconds: float
    notes: tuple[str, ...] = ()
    """How a plain name given for --focus was read (kg.lookup.read_as)."""

    def summary(self) -> str:
        """One line for people: what was written, where, and how big."""
        files = " and ".join(str(p) for p in self.paths)
        line = (
            f"wrote {files}: the {self.view} view as {self.format}, "
            f"{counted(self.nodes, 'node')} and {counted(self.edges, 'edge')}, {self.bytes:,} bytes"
        )
        return line + ("; open it in a browser (it works offline)" if self.format == "html" else "")


def export(
    source: Source, view: str, fmt: str, out: Path, focus: str | None = None
) -> ExportResult:
    """Project `view` from the source and write it as `fmt` to `out`, atomically.

    `source` is what `kg.load_dataset` returns (its default graph is the union of the named
    graphs, inferences included) or a build's Oxigraph store (the same triples, read
    faster). For csv, `out` names two files: OUT.nodes.csv and OUT.edges.csv (a trailing .csv
    is dropped first). `focus` (html only) names the actor or issue the page starts from.
    """
    started = time.perf_counter()
    project = _choice(VIEWS, view, "view")
    writer: Format = _choice(FORMATS, fmt, "format")
    if focus is not None and fmt != "html":
        raise KgError("--focus chooses where the HTML page starts; the other formats hold all")
    readable = view_input(view, source)
    graph = project(readable)
    start, note = focus_node(focus, view, graph, source) if focus is not None else ("", "")
    shown = evidence(readable) if (view, fmt) == ("stances", "html") else {}
    projection = Projection(view, graph, shown, focus=start)
    files = writer.render(projection, Path(out))
    size = write_files(files)
    return ExportResult(
        view=view,
        format=fmt,
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        bytes=size,
        path=next(iter(files)),
        paths=tuple(files),
        seconds=time.perf_counter() - started,
        notes=(note,) if note else (),
    )


def write_page(source: Source, build_dir: Path) -> ExportResult:
    """The stances page for `make run`: BUILD_DIR/stances.html."""
    return export(source, "stances", "html", Path(build_dir) / PAGE_FILE)


def _choice(choices: Mapping[str, T], name: str, what: str) -> T:
    if name not in choices:
        raise KgError(f"unknown {what} {name!r}; choose one of: {', '.join(choices)}")
    return choices[name]


__all__ = [
    "FORMATS",
    "PAGE_FILE",
    "RENDERERS",
    "VIEWS",
    "ExportResult",
    "Format",
    "ViewOptions",
    "ViewResult",
    "actors_view",
    "export",
    "export_view",
    "full_view",
    "stances_view",
    "write_page",
]
