"""The matrix and the timeline views: `kg export --view matrix|timeline`.

Unlike the graph views (kg.export.export, a networkx projection of the rdflib dataset), these
are drawn from the answers of `who-supports-which-format` on the store `kg query` answers
from, so that their cells are the query's rows and a 2,000-card build exports in seconds.
"""

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal

from kg.days import is_day
from kg.errors import KgError
from kg.export import matrix_page, matrix_svg, timeline_svg
from kg.export.atomic import write_files
from kg.export.matrix import matrix, render_csv
from kg.export.stance_table import QueryTarget, StanceTable, stance_table
from kg.export.timeline import BOTH_GIVEN, timelines
from kg.lookup import GROUPS, Kind, check_identifier, named, read_as
from kg.namespaces import expand, shorten
from kg.wording import counted


@dataclass(frozen=True)
class ViewOptions:
    """What the matrix and the timeline take besides the view and the format."""

    as_of: str = ""
    """YYYY-MM-DD: the positions held that day ('' for the current ones)."""
    target: str = ""
    """The timeline of this issue (as kg prints it: format:us-russia-talks)."""
    holder: str = ""
    """The timeline of this actor (id:russia)."""


Renderer = Callable[[StanceTable, ViewOptions], bytes]


def _matrix_html(table: StanceTable, options: ViewOptions) -> bytes:
    return matrix_page.render(table, "matrix", options.as_of, options.target, options.holder)


def _timeline_html(table: StanceTable, options: ViewOptions) -> bytes:
    return matrix_page.render(table, "timeline", options.as_of, options.target, options.holder)


def _matrix_svg(table: StanceTable, options: ViewOptions) -> bytes:
    return matrix_svg.render(matrix(table, options.as_of), table)


def _matrix_csv(table: StanceTable, options: ViewOptions) -> bytes:
    return render_csv(matrix(table, options.as_of))


def _timeline_svg(table: StanceTable, options: ViewOptions) -> bytes:
    return timeline_svg.render(timelines(table, options.target, options.holder))


RENDERERS: Mapping[str, Mapping[str, Renderer]] = {
    "matrix": {"html": _matrix_html, "svg": _matrix_svg, "csv": _matrix_csv},
    "timeline": {"html": _timeline_html, "svg": _timeline_svg},
}
"""View to format to renderer."""


@dataclass(frozen=True)
class ViewResult:
    view: str
    format: str
    actors: int
    issues: int
    cells: int
    bytes: int
    path: Path
    seconds: float
    notes: tuple[str, ...] = ()
    """How a plain name given for --target or --holder was read (kg.lookup.read_as)."""

    def summary(self) -> str:
        line = (
            f"wrote {self.path}: the {self.view} view as {self.format}, "
            f"{counted(self.actors, 'actor')}, {counted(self.issues, 'issue')}, "
            f"{counted(self.cells, 'cell')} with a position, {self.bytes:,} bytes"
        )
        return line + ("; open it in a browser (it works offline)" if self.format == "html" else "")


def _as_printed(option: str, name: str, source: QueryTarget, kind: Kind, notes: list[str]) -> str:
    """An identifier as kg prints it (`format:us-russia-talks`), however it was written
    (`id:format/us-russia-talks`, `<https://...>`, or a plain name of one thing of `kind`:
    `china`, with a note to `notes`), as `kg query --param` takes it."""
    iri = expand(name) if name else None
    if iri is None and name and isinstance(source, ox.Store):
        iri = named(source, name, kind)
        if iri is not None:
            notes.append(read_as(option, name, iri))
    return shorten(iri) if iri is not None else name


def _check_drawn(source: QueryTarget, table: StanceTable, options: ViewOptions) -> None:
    """Refuse a --target or --holder the view does not draw: one that names nothing of its
    kind gets kg.lookup's "did you mean", as a query parameter does."""
    if options.target and options.holder:
        raise KgError(BOTH_GIVEN)
    drawn = {
        "--holder": ({a.id for a in table.actors}, "actors", "{} holds no position"),
        "--target": ({i.id for i in table.issues}, "issues", "no one holds a position on {}"),
    }
    for option, given in (("--holder", options.holder), ("--target", options.target)):
        known, group, unheld = drawn[option]
        if not given or given in known:
            continue
        if isinstance(source, ox.Store):
            iri = expand(given)
            check_identifier(
                source, iri if iri is not None else Literal(given), GROUPS[group], option
            )
        raise KgError(
            f"{option}: {unheld.format(given)}, so the view does not draw it; `kg query "
            "who-supports-which-format` lists what it draws"
        )


def export_view(
    source: QueryTarget, view: str, fmt: str, out: Path, options: ViewOptions = ViewOptions()
) -> ViewResult:
    """Write the matrix or the timeline of `source` (a build's store, or an rdflib dataset)."""
    started = time.perf_counter()
    formats = RENDERERS.get(view)
    if formats is None:
        raise KgError(f"unknown view {view!r}; choose one of: {', '.join(RENDERERS)}")
    render = formats.get(fmt)
    if render is None:
        raise KgError(f"the {view} view is written as {', '.join(formats)}, not {fmt!r}")
    if options.as_of and not is_day(options.as_of):
        raise KgError(f"--as-of {options.as_of!r} is not a day written YYYY-MM-DD")
    notes: list[str] = []
    options = replace(
        options,
        target=_as_printed("--target", options.target, source, GROUPS["issues"], notes),
        holder=_as_printed("--holder", options.holder, source, GROUPS["actors"], notes),
    )
    if (options.target or options.holder) and (view, fmt) in (("matrix", "svg"), ("matrix", "csv")):
        raise KgError(
            f"the matrix as {fmt} shows every actor and issue; --target and --holder choose a "
            "timeline, or where the matrix's HTML page starts"
        )
    table = stance_table(source)
    _check_drawn(source, table, options)
    content = render(table, options)
    size = write_files({Path(out): content})
    return ViewResult(
        view=view,
        format=fmt,
        actors=len(table.actors),
        issues=len(table.issues),
        cells=len(table.cells(options.as_of)),
        bytes=size,
        path=Path(out),
        seconds=time.perf_counter() - started,
        notes=tuple(notes),
    )
