"""Compile all of a project's cards quickly, with a content-addressed cache.

A card's compiled form depends on its text, on the compiler and ontology, and on which keys
exist. The cache is keyed by the first two; the keys a card referred to are stored with it,
so a cached card is reused only while all of them still exist. A build after changing one
card therefore compiles one card.
"""

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kg import resources
from kg.cards.compiler import (
    Card,
    CardError,
    CardErrors,
    KeyIndex,
    compile_card,
    declared_keys,
    read_card,
)
from kg.cards.located import Where
from kg.namespaces import source_graph, source_provenance
from kg.store import nquads


@dataclass
class CardOutput:
    """A compiled card as the store needs it: N-Quads in the card's graph, and where each node
    came from (line, column) so violations can point into the card."""

    key: str
    path: Path
    nquads: str
    origins: dict[str, tuple[int, int]]
    declared: list[tuple[str, str]]
    referenced: list[tuple[str, str]]

    def where(self, iri: str) -> Where | None:
        at = self.origins.get(iri)
        return Where(self.path, at[0], at[1]) if at else None


def fingerprint() -> str:
    """What every cached card depends on besides its own text: the compiler and the ontology."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")) + resources.ontology_files():
        digest.update(path.read_bytes())
    return digest.hexdigest()


def compile_all(
    paths: Iterable[Path],
    index: KeyIndex,
    cache_dir: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[CardOutput]:
    """Compile every card (or take it from the cache); raise CardErrors with all errors."""
    salt = fingerprint()
    data = {path: path.read_bytes() for path in paths}
    outputs: dict[Path, CardOutput] = {}
    for path, content in data.items():
        cached = _load(cache_dir, _digest(salt, path, content), path) if cache_dir else None
        if cached is not None:
            outputs[path] = cached

    # Changed cards are read once; the keys they introduce join the index before any compiles.
    errors: list[CardError] = []
    cards: dict[Path, Card] = {}
    for path in sorted(data.keys() - outputs.keys()):
        try:
            cards[path] = read_card(path, data[path])
        except CardErrors as exc:
            errors += exc.errors
            continue
        for kind, key in declared_keys(cards[path]):
            index.declare(kind, key)
    for output in outputs.values():
        for kind, key in output.declared:
            index.declare(kind, key)
    for path, output in list(outputs.items()):  # a cached card whose keys went away: redo it
        if not all(key in index.keys.get(kind, ()) for kind, key in output.referenced):
            del outputs[path]
            cards[path] = read_card(path, data[path])
    if progress:
        progress(len(outputs))

    for path, card in sorted(cards.items()):
        result = _compile_one(card, index)
        if isinstance(result, CardOutput):
            outputs[path] = result
            if cache_dir:
                _store(cache_dir, _digest(salt, path, data[path]), result)
        else:
            errors += result
        if progress:
            progress(1)
    if errors:
        raise CardErrors(errors)
    return [outputs[path] for path in data]


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


def _load(cache_dir: Path, digest: str, path: Path) -> CardOutput | None:
    meta, quads = cache_dir / f"{digest}.json", cache_dir / f"{digest}.nq"
    if not (meta.is_file() and quads.is_file()):
        return None
    info = json.loads(meta.read_text(encoding="utf-8"))
    return CardOutput(
        key=path.stem,
        path=path,
        nquads=quads.read_text(encoding="utf-8"),
        origins={k: (v[0], v[1]) for k, v in info["origins"].items()},
        declared=[(k, v) for k, v in info["declared"]],
        referenced=[(k, v) for k, v in info["referenced"]],
    )


def _store(cache_dir: Path, digest: str, output: CardOutput) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    info = {"origins": output.origins, "declared": output.declared, "referenced": output.referenced}
    for name, text in ((f"{digest}.nq", output.nquads), (f"{digest}.json", json.dumps(info))):
        temporary = cache_dir / f".{name}.tmp"
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(cache_dir / name)
