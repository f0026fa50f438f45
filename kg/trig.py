"""The dataset file: every named graph as TriG, written so that an update rewrites only what
changed.

Graphs come in name order; a graph's triples are sorted and grouped by subject, so the same
data gives the same bytes and a diff of two builds shows what changed. A graph is written in
*blocks* (`<graph> { ... }`, which TriG allows to repeat): a new block starts before each
subject whose CRC-32 is a multiple of CUT_EVERY. The cuts depend only on the subjects present,
never on history, so an update that rewrites the blocks around the subjects it changed, and
copies the rest byte for byte, writes the very file a full build writes. Each build keeps a
table of its blocks (graph, first subject, byte offset and length) for the next update.
"""

import bisect
import os
import zlib
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

CUT_EVERY = 256
"""One subject in this many starts a block: about 550 inferred triples a block at 1M triples."""


@dataclass(frozen=True)
class Block:
    """Where one block of the dataset file is."""

    graph: str
    first: str
    """Its first subject, in N-Triples."""
    offset: int
    length: int

    def row(self) -> list[str | int]:
        return [self.graph, self.first, self.offset, self.length]


def write(path: Path, store: ox.Store) -> list[Block]:
    """Write every named graph of `store` to `path`; return the block table."""
    names = sorted(str(g.value) for g in store.named_graphs())
    with path.open("wb") as out:  # graph by graph: the file is never whole in memory
        return _write(out, None, ((name, _render(name, _lines(store, name))) for name in names))


def patch(
    old: Path,
    blocks: list[Block],
    new: Path,
    store: ox.Store,
    replaced: Collection[str],
    edited: Mapping[str, tuple[Collection[ox.Triple], Collection[ox.Triple]]],
) -> list[Block]:
    """Write to `new` the file `old` (with `blocks`) becomes when the graphs in `replaced` are
    written afresh from `store`, and each graph in `edited` gains and loses the given triples
    (added, removed); the other blocks are copied. Return the new block table."""
    by_graph: dict[str, list[Block]] = {}
    for block in blocks:
        by_graph.setdefault(block.graph, []).append(block)
    pieces: list[tuple[str, list[Block | tuple[str, str]]]] = []
    with old.open("rb") as source:
        for name in sorted(by_graph.keys() | set(replaced) | edited.keys()):
            kept: list[Block | tuple[str, str]]
            if name in replaced:
                kept = list(_render(name, _lines(store, name)))
            elif name in edited:
                added, removed = ([f"{t} ." for t in triples] for triples in edited[name])
                kept = _edit(source, name, by_graph.get(name, []), added, removed)
            else:
                kept = list(by_graph[name])
            pieces.append((name, kept))
        with new.open("wb") as out:
            return _write(out, source, pieces)


def read_table(rows: Iterable[list[str | int]]) -> list[Block]:
    return [Block(str(g), str(f), int(o), int(n)) for g, f, o, n in rows]


def _lines(store: ox.Store, name: str) -> list[str]:
    """A graph's N-Triples lines, sorted (a triple's `str` is its line without the " .")."""
    dumped = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
    assert dumped is not None
    # split("\n"), not splitlines(): a literal may hold U+2028 or U+2029 as they are, which
    # splitlines() would take for line ends (a quote with one crashed the build).
    return sorted(line for line in dumped.decode("utf-8").split("\n") if line)


def _render(name: str, lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """The blocks of one graph, as (first subject, text), from its sorted N-Triples lines."""
    body: list[str] = []
    first = subject = ""
    for line in lines:
        s, p, rest = line[:-2].split(" ", 2)  # "<s> <p> o ." -> s, p, o
        if s == subject:
            body[-1] += " ;"
            body.append(f"    {p} {rest}")
            continue
        if body:
            body[-1] += " ."
            if zlib.crc32(s.encode()) % CUT_EVERY == 0:
                yield first, _block(name, body)
                body = []
        if not body:
            first = s
        body.append(f"{s} {p} {rest}")
        subject = s
    if body:
        body[-1] += " ."
        yield first, _block(name, body)


def _block(name: str, body: list[str]) -> str:
    return f"<{name}> {{\n" + "\n".join(body) + "\n}\n\n"


def _parse(text: str) -> list[str]:
    """A block's N-Triples lines again (the inverse of _render for one block)."""
    lines = []
    subject = ""
    for line in text.split("\n")[1:-3]:  # between "<graph> {" and "}"
        body = line[:-2]  # without " ;" or " ."
        if line.startswith("    "):
            lines.append(f"{subject} {body[4:]} .")
        else:
            subject = body.split(" ", 1)[0]
            lines.append(f"{body} .")
    return lines


def _edit(
    source: BinaryIO,
    name: str,
    blocks: list[Block],
    added: Collection[str],
    removed: Collection[str],
) -> list[Block | tuple[str, str]]:
    """One graph's blocks after adding and removing lines: the blocks holding a subject that
    changed are rendered again, with the block before one whose first subject changed (if
    that subject goes, its block joins the one before); the others are kept."""
    firsts = [block.first for block in blocks]
    dirty: set[int] = set()
    for line in [*added, *removed]:
        at = _holder(firsts, line)
        dirty.add(at)
        if at and firsts[at] == line.split(" ", 1)[0]:
            dirty.add(at - 1)
    new_at: dict[int, list[str]] = {}
    for line in added:
        new_at.setdefault(_holder(firsts, line), []).append(line)
    if not blocks:
        return list(_render(name, sorted(new_at.get(0, []))))
    gone = set(removed)
    result: list[Block | tuple[str, str]] = []
    run: list[str] = []
    for at, block in enumerate(blocks):
        if at in dirty:
            run += [line for line in _parse(_read(source, block)) if line not in gone]
            run += new_at.get(at, [])
            continue
        result += _render(name, sorted(run))
        run = []
        result.append(block)
    result += _render(name, sorted(run))
    return result


def _holder(firsts: list[str], line: str) -> int:
    """The block a line of this subject belongs in (the first block if before them all)."""
    return max(bisect.bisect_right(firsts, line.split(" ", 1)[0]) - 1, 0)


def _read(source: BinaryIO, block: Block) -> str:
    source.seek(block.offset)
    return source.read(block.length).decode("utf-8")


def _write(
    out: BinaryIO,
    source: BinaryIO | None,
    pieces: Iterable[tuple[str, Iterable[Block | tuple[str, str]]]],
) -> list[Block]:
    """Write new blocks' text and copy kept blocks from `source`, merging adjacent copies."""
    table: list[Block] = []
    pending: tuple[int, int] | None = None  # (offset, length) in source still to copy
    offset = 0
    for name, blocks in pieces:
        for piece in blocks:
            if isinstance(piece, Block):
                start = piece.offset
                if pending and pending[0] + pending[1] == start:
                    pending = (pending[0], pending[1] + piece.length)
                else:
                    _flush(out, source, pending)
                    pending = (start, piece.length)
                table.append(Block(name, piece.first, offset, piece.length))
                offset += piece.length
                continue
            _flush(out, source, pending)
            pending = None
            first, text = piece
            data = text.encode("utf-8")
            out.write(data)
            table.append(Block(name, first, offset, len(data)))
            offset += len(data)
    _flush(out, source, pending)
    return table


def _flush(out: BinaryIO, source: BinaryIO | None, pending: tuple[int, int] | None) -> None:
    """Copy a byte range of `source` to `out`: in the kernel where it can (copy_file_range)."""
    if pending is None or source is None:
        return
    start, length = pending
    out.flush()
    try:
        while length:
            copied = os.copy_file_range(source.fileno(), out.fileno(), length, start)
            if not copied:
                break
            start, length = start + copied, length - copied
    except (AttributeError, OSError):
        pass  # not Linux, or not supported between these files: copy below
    if length:
        source.seek(start)
        out.seek(0, os.SEEK_END)
        while length:
            chunk = source.read(min(length, 1 << 20))
            out.write(chunk)
            length -= len(chunk)
    out.seek(0, os.SEEK_END)
