"""Compile all of a project's cards quickly, with a content-addressed cache.

A card's compiled form depends on its text, on the compiler and ontology, and on which keys
exist. The cache is keyed by the first two; the keys a card referred to are stored with it,
so a cached card is reused only while all of them still exist. A build after changing one
card therefore compiles one card.
"""

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import cast

from kg import resources
from kg.cards.cache import CardCache
from kg.cards.compiled import CardOutput
from kg.cards.compiler import (
    Card,
    CardError,
    CardErrors,
    KeyIndex,
    compile_card,
    declared_keys,
    read_card,
)
from kg.namespaces import source_graph, source_provenance
from kg.store import nquads


def fingerprint() -> str:
    """What every cached card depends on besides its own text: the compiler and the ontology."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")) + resources.ontology_files():
        digest.update(path.read_bytes())
    return digest.hexdigest()


PARALLEL_FROM = 400
"""Cards to compile (not cached) from which worker processes pay for their start-up."""
_CHUNK = 100
"""Cards a worker compiles between two reports (each report advances the progress bar)."""


def compile_all(
    paths: Iterable[Path],
    index: KeyIndex,
    cache_dir: Path | None = None,
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
    prune: bool = False,
) -> list[CardOutput]:
    """Compile every card (or take it from the cache); raise CardErrors with all errors.

    Many changed cards compile in one worker process per CPU (reading YAML and compiling are
    pure Python, bound to one core each): each worker reads its share, reports the keys those
    cards declare, gets the complete key index back, and compiles its share against it.
    `workers` overrides how many (default: one per CPU from PARALLEL_FROM changed cards).
    `prune`: the paths are all of the project's cards; the cache forgets any other card."""
    salt = fingerprint()
    data = {path: path.read_bytes() for path in paths}
    outputs: dict[Path, CardOutput] = {}
    if cache_dir:
        cache = CardCache(cache_dir)  # closed before any worker forks
        digests = {path: _digest(salt, path, content) for path, content in data.items()}
        for path, digest in digests.items():
            if (cached := cache.get(digest, path)) is not None:
                outputs[path] = cached
        if prune:
            cache.retain(digests.values())
        cache.close()
    changed = {path: data[path] for path in sorted(data.keys() - outputs.keys())}
    if progress:
        progress(len(outputs))

    # Changed cards are read once; the keys they introduce join the index before any compiles.
    if workers is None:
        workers = (os.cpu_count() or 1) if len(changed) >= PARALLEL_FROM else 1
    shares = [dict(list(changed.items())[i::workers]) for i in range(workers)]
    batches = [_Batch.start(share, cache_dir, salt, workers) for share in shares]
    errors: list[CardError] = []
    for batch in batches:
        declared, read_errors = batch.read()
        errors += read_errors
        for kind, key in declared:
            index.declare(kind, key)
    for output in outputs.values():
        for kind, key in output.declared:
            index.declare(kind, key)
    redo = {  # a cached card whose keys went away: compile it again
        path: data[path]
        for path, output in outputs.items()
        if not all(key in index.keys.get(kind, ()) for kind, key in output.referenced)
    }
    if redo:
        for path in redo:
            del outputs[path]
        batches.append(_Batch.start(redo, cache_dir, salt, 1))
        batches[-1].read()  # its keys are declared already: they are cached cards'

    for compiled in _compiled(batches, index):
        for path, result in compiled.items():
            if isinstance(result, CardOutput):
                outputs[path] = result
            else:
                errors += result
        if progress:
            progress(len(compiled))
    if errors:
        raise CardErrors(errors)
    return [outputs[path] for path in data]


def _compiled(
    batches: "list[_Batch | _RemoteBatch]", index: KeyIndex
) -> Iterator[dict[Path, CardOutput | list[CardError]]]:
    """Every batch's chunks as they come. All workers get the index first, so that they
    compile at the same time, and their chunks are read as each arrives: a worker whose
    chunks were left unread would stop at the full pipe."""
    remote = {batch.connection: batch for batch in batches if isinstance(batch, _RemoteBatch)}
    for batch in remote.values():
        batch.connection.send(index)
    for local in batches:
        if isinstance(local, _Batch):
            yield from local.compile(index)
    while remote:
        for ready in wait(list(remote)):
            worker = remote[cast(Connection, ready)]
            if (chunk := worker.connection.recv()) is None:
                del remote[worker.connection]
                worker.process.join()
            else:
                yield chunk


class _Batch:
    """Cards read, then compiled, together: in this process, or in a worker process that
    keeps the cards it read (sending them back and forth would cost more than reading)."""

    def __init__(self, data: dict[Path, bytes], cache_dir: Path | None, salt: str):
        self.data, self.cache_dir, self.salt = data, cache_dir, salt
        self.cards: dict[Path, Card] = {}
        self.errors: list[CardError] = []
        self.declared: list[tuple[str, str]] = []
        for path, content in data.items():
            try:
                self.cards[path] = read_card(path, content)
            except CardErrors as exc:
                self.errors += exc.errors
                continue
            self.declared += declared_keys(self.cards[path])

    @staticmethod
    def start(
        data: dict[Path, bytes], cache_dir: Path | None, salt: str, workers: int
    ) -> "_Batch | _RemoteBatch":
        if workers == 1:
            return _Batch(data, cache_dir, salt)
        return _RemoteBatch(data, cache_dir, salt)

    def read(self) -> tuple[list[tuple[str, str]], list[CardError]]:
        return self.declared, self.errors

    def compile(self, index: KeyIndex) -> Iterator[dict[Path, CardOutput | list[CardError]]]:
        cache = CardCache(self.cache_dir) if self.cache_dir else None
        paths = list(self.cards)
        for start in range(0, len(paths), _CHUNK):
            chunk = {
                path: _compile_one(self.cards[path], index)
                for path in paths[start : start + _CHUNK]
            }
            if cache:
                cache.put(
                    (_digest(self.salt, path, self.data[path]), result)
                    for path, result in chunk.items()
                    if isinstance(result, CardOutput)
                )
            yield chunk
        if cache:
            cache.close()


class _RemoteBatch:
    """A _Batch in a worker process. Forked, not spawned: a spawned worker re-imports the
    caller's main module, which fails in a script that calls build() without a main guard;
    the build runs no thread of its own that a fork could catch holding a lock."""

    def __init__(self, data: dict[Path, bytes], cache_dir: Path | None, salt: str):
        context = multiprocessing.get_context("fork")
        self.connection, child = context.Pipe()
        self.process = context.Process(
            target=_work, args=(child, data, cache_dir, salt), name="kg-compile", daemon=True
        )
        self.process.start()
        child.close()

    def read(self) -> tuple[list[tuple[str, str]], list[CardError]]:
        declared, errors = self.connection.recv()
        return declared, errors


def _work(
    connection: Connection, data: dict[Path, bytes], cache_dir: Path | None, salt: str
) -> None:
    batch = _Batch(data, cache_dir, salt)
    connection.send(batch.read())
    for chunk in batch.compile(connection.recv()):
        connection.send(chunk)
    connection.send(None)


def _compile_one(card: Card, index: KeyIndex) -> CardOutput | list[CardError]:
    try:
        compiled = compile_card(card, index)
    except CardErrors as exc:
        return exc.errors
    graph = source_graph(card.key)
    triples = [*compiled.triples, source_provenance(card.key)]
    return CardOutput(
        key=card.key,
        path=card.path,
        nquads=nquads(triples, graph),
        origins={str(node): (w.line, w.column) for node, w in compiled.origins.items()},
        declared=compiled.declared,
        referenced=sorted(compiled.referenced),
    )


def _digest(salt: str, path: Path, data: bytes) -> str:
    return hashlib.sha256(salt.encode() + path.name.encode() + b"\0" + data).hexdigest()
