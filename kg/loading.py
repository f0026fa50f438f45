"""Reading Turtle files into graphs, with errors that name the file, the line and the fix."""

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.errors import InputError
from kg.namespaces import bind_prefixes

_FORMATS = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads"}


def read_graph(path: Path, into: Graph | None = None) -> Graph:
    """Parse one RDF file (Turtle, N-Triples) into `into` or a new graph.

    Never dereferences anything: owl:imports are not followed and no remote context is loaded.
    """
    graph = into if into is not None else bind_prefixes(Graph())
    if path.is_dir():
        raise InputError(f"a folder, not a file; give the files in it, such as {path}/*.ttl", path)
    fmt = _FORMATS.get(path.suffix)
    if fmt is None or fmt in ("trig", "nquads"):
        raise InputError(
            f"unsupported file type {path.suffix!r}; give a Turtle (.ttl) or N-Triples (.nt) file",
            path,
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such file; check the path", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the file ({exc}); check it is UTF-8 text", path) from None
    base = path.resolve().as_uri()
    _refuse_what_oxigraph_refuses(text, fmt, path, base)
    try:
        graph.parse(data=text, format=fmt, publicID=base)
    except BadSyntax as exc:
        raise InputError(
            f"bad {fmt} syntax: {_syntax_message(exc)}; fix the statement on this line "
            "(https://www.w3.org/TR/turtle/)",
            path,
            exc.lines + 1,
        ) from None
    except Exception as exc:  # rdflib raises plain exceptions for some syntax errors
        line = _line_from(str(exc))
        raise InputError(f"bad {fmt} syntax: {exc}; fix the file", path, line) from None
    return graph


def _refuse_what_oxigraph_refuses(text: str, fmt: str, path: Path, base: str) -> None:
    """Oxigraph, which stores and answers the data, decides alone what is RDF: rdflib reads
    more (an IRI with a space, with only a warning), which the store would then refuse."""
    try:
        for _ in ox.parse(text.encode("utf-8"), format=_OX_FORMATS[fmt], base_iri=base):
            pass
    except SyntaxError as exc:
        reason = _PARSER_ERROR.sub("", exc.msg)
        line, column = exc.lineno or 1, exc.offset or 1
        opening = text.split("\n")[line - 1][column - 1 : column]
        if reason == "Unexpected end of file" and opening in ('"', "'", "<"):
            reason = f"the {opening} at column {column} is never closed"
        elif reason.startswith("A dot is expected") and (
            before := _missing_dot_line(text, line, column)
        ):
            reason = f"this statement does not end with a dot (the next begins on line {line})"
            line = before
        raise InputError(
            f"bad {fmt} syntax: {reason[:1].lower()}{reason[1:]}; fix the statement on this line "
            "(https://www.w3.org/TR/turtle/)",
            path,
            line,
        ) from None


def _missing_dot_line(text: str, line: int, column: int) -> int | None:
    """The line that lacks the dot Oxigraph expected at `line`, `column`, when that is where
    the next statement begins: the last line before it that holds more than a comment, if it
    does not end with a dot."""
    lines = text.split("\n")
    if column - 1 != len(lines[line - 1]) - len(lines[line - 1].lstrip()):
        return None
    lines = lines[: line - 1]
    for number in range(len(lines), 0, -1):
        content = lines[number - 1].strip()
        if content and not content.startswith("#"):
            return None if content.endswith(".") else number
    return None


_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
_PARSER_ERROR = re.compile(r"^Parser error [^:]*: ")


def read_graphs(paths: Iterable[Path]) -> Graph:
    """Parse several files into one graph, failing on the first unreadable file."""
    graph = bind_prefixes(Graph())
    for path in paths:
        read_graph(path, into=graph)
    return graph


def _syntax_message(exc: BadSyntax) -> str:
    return str(exc._why) if getattr(exc, "_why", None) else str(exc)


def _line_from(text: str) -> int | None:
    match = re.search(r"line (\d+)", text)
    return int(match.group(1)) if match else None
