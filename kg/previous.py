"""The previous build, read back to update it in place when only some cards changed.

Beside its manifest a build writes what the next one needs to update it without reading the
unchanged cards, their cache or the ontology again:

* UPDATE_FILE: a digest of the code that wrote the build, the keys cards may refer to
  besides the cards' own (from the ontology, the registry and the Turtle sources), how many
  cards declare each card key, and the dataset file's block table (kg.trig);
* CARDS_FILE: one line per card: its path, a tab, and as JSON the keys it declares and the
  keys it refers to.

From them the next build knows which cards changed, which keys exist, which unchanged cards a
vanished key breaks, and which bytes of the dataset file to copy.
"""

import functools
import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from kg.cards.compiler import KeyIndex
from kg.project import CARD_SUFFIX, Project
from kg.trig import Block, read_table

MANIFEST_FILE = "manifest.json"
UPDATE_FILE = "update.json"
CARDS_FILE = "update-cards.tsv"
UPDATE_AT_MOST = 200
"""Changed cards up to which a build updates the previous one; above, it starts afresh."""

Key = tuple[str, str]
"""(kind, key), as kg.cards.compiler declares them."""


@dataclass(frozen=True)
class CardKeys:
    declared: list[Key]
    referenced: list[Key]

    def line(self, path: str) -> str:
        return f"{path}\t{json.dumps([self.declared, self.referenced], separators=(',', ':'))}"

    @classmethod
    def parse(cls, text: str) -> "CardKeys":
        declared, referenced = json.loads(text)
        return cls([(k, v) for k, v in declared], [(k, v) for k, v in referenced])


@dataclass
class Record:
    """What a build leaves for the next one to update it (see the module docstring)."""

    base: KeyIndex
    """The keys from the ontology, the registry and the Turtle sources."""
    declared: Counter[Key] = field(default_factory=Counter)
    """How many cards declare each key."""
    cards: dict[str, str] = field(default_factory=dict)
    """Each card's line in CARDS_FILE, by path (kept as text: most are only copied)."""
    blocks: list[Block] = field(default_factory=list)

    def card(self, path: str) -> CardKeys | None:
        line = self.cards.get(path)
        return CardKeys.parse(line.split("\t", 1)[1]) if line is not None else None

    def replace(self, path: str, keys: CardKeys | None) -> None:
        """Record a card's new keys (None: the card is gone)."""
        if (old := self.card(path)) is not None:
            self.declared.subtract(old.declared)
        if keys is None:
            self.cards.pop(path, None)
        else:
            self.declared.update(keys.declared)
            self.cards[path] = keys.line(path)

    def index(self) -> KeyIndex:
        """The keys cards may refer to: the base ones and those some card declares."""
        index = self.base.copy()
        for (kind, key), count in self.declared.items():
            if count > 0:
                index.declare(kind, key)
        return index

    def write(self, folder: Path) -> None:
        declared = sorted([kind, key, n] for (kind, key), n in self.declared.items() if n > 0)
        update = {
            "code": code_digest(),
            "keys": {kind: sorted(keys) for kind, keys in sorted(self.base.keys.items())},
            "stances": {name: str(iri) for name, iri in sorted(self.base.stances.items())},
            "declared": declared,
            "blocks": [block.row() for block in self.blocks],
        }
        (folder / UPDATE_FILE).write_text(json.dumps(update, separators=(",", ":")), "utf-8")
        lines = [self.cards[path] + "\n" for path in sorted(self.cards)]
        (folder / CARDS_FILE).write_text("".join(lines), encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> "Record":
        update = json.loads((folder / UPDATE_FILE).read_text(encoding="utf-8"))
        if update["code"] != code_digest():
            raise ValueError("the build was written by other code")
        base = KeyIndex(
            keys={kind: set(keys) for kind, keys in update["keys"].items()},
            stances={name: URIRef(iri) for name, iri in update["stances"].items()},
        )
        declared = Counter({(kind, key): n for kind, key, n in update["declared"]})
        text = (folder / CARDS_FILE).read_text(encoding="utf-8")
        cards = {line.split("\t", 1)[0]: line for line in text.splitlines()}
        return cls(base, declared, cards, read_table(update["blocks"]))


@dataclass(frozen=True)
class Previous:
    """A previous build of the same project, and the cards changed since."""

    record: Record
    cards: int
    """How many cards the project has now."""
    graphs: int
    asserted_triples: int
    inferred_triples: int
    changed: list[Path]
    """Cards new or edited since."""
    removed: list[Path]
    """Cards gone since."""

    def keys(self) -> KeyIndex:
        """The keys that exist whatever the changed cards now declare."""
        declared = Counter(self.record.declared)
        for path in self._gone():
            declared.subtract(self._keys_of(path).declared)
        return Record(self.record.base, declared).index()

    def suspects(self, keys: KeyIndex) -> list[Path]:
        """Unchanged cards that refer to a key that a changed or removed card declared and no
        card declares now: compiled again, they fail as in a full build. `keys` is what
        self.keys() gave, after the changed cards declared theirs."""
        at_risk = {
            (kind, key)
            for path in self._gone()
            for kind, key in self._keys_of(path).declared
            if key not in keys.keys.get(kind, ())
        }
        if not at_risk:
            return []
        return [
            Path(path)
            for path in sorted(self.unchanged())
            if at_risk.intersection(self._keys_of(path).referenced)
        ]

    def unchanged(self) -> Iterable[str]:
        gone = self._gone()
        return (path for path in self.record.cards if path not in gone)

    def _keys_of(self, path: str) -> CardKeys:
        return self.record.card(path) or CardKeys([], [])

    def _gone(self) -> set[str]:
        return {str(p) for p in [*self.changed, *self.removed]}


@functools.cache
def code_digest() -> str:
    """A digest of kg's code: a build written by other code (another version, or a working
    copy being changed) is built afresh rather than updated, whatever the version says."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def previous_build(out_dir: Path, project: Project, digests: dict[str, str]) -> Previous | None:
    """The build in `out_dir` if it can be updated to the project's inputs (`digests`, by path):
    same code, same ontology, shapes, registry and Turtle sources, at most UPDATE_AT_MOST cards
    changed. None if it should be built afresh."""
    try:
        manifest = json.loads((out_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
        record = Record.read(out_dir)
        counts = (manifest["graphs"], manifest["assertedTriples"], manifest["inferredTriples"])
        before: dict[str, str] = manifest["inputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    cards = project.sources_dir
    now = {p for p in digests if p.endswith(CARD_SUFFIX) and Path(p).parent == cards}
    others = {path: digest for path, digest in digests.items() if path not in now}
    if others != {path: d for path, d in before.items() if path not in record.cards}:
        return None
    changed = sorted(Path(p) for p in now if before.get(p) != digests[p])
    removed = sorted(Path(p) for p in record.cards.keys() - now)
    if len(changed) + len(removed) > UPDATE_AT_MOST:
        return None
    return Previous(record, len(now), *counts, changed=changed, removed=removed)
