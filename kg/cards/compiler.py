"""Compile source cards (YAML) into RDF, one graph per card, with errors that point to the line.

Every error of a card is collected in one run and reported as `file:line:column: message`,
before any SHACL validation; a card with errors never enters the graph. IRIs are deterministic
and readable: the same card always gives the same triples.
"""

import datetime
import difflib
import re
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from kg.cards import fields as F
from kg.cards.located import (
    CardSyntaxError,
    CutScalar,
    Mapping,
    Scalar,
    Sequence,
    Value,
    Where,
    read_yaml,
)
from kg.errors import KgError
from kg.namespaces import AP, ID, STANCE, bind_prefixes, shorten
from kg.project import CARD_SUFFIX
from kg.reasoning import infer

Triple = tuple[URIRef, URIRef, URIRef | Literal]

_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_PATH_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_EVIDENCE, _TARGET = str(AP.evidence), str(AP.target)
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_IRI_PART = re.compile(r"[^\s<>\"{}|\\^`]+")
"""Text an IRI may hold as it is; other text (a key with a space, which its reference refuses)
is percent-encoded, so that the entry is still compiled and each of its mistakes reported."""
_EMPTY = {"", "~", "null", "Null", "NULL"}

# What a reference key must be known as, and the prefix a bare key gets.
_KIND_OF = {
    F.ACTOR: AP.Actor,
    F.OFFICE: AP.Office,
    F.CHANNEL: AP.Channel,
    F.CATEGORY: AP.WeaponCategory,
    F.ISSUE: AP.Issue,
    F.TREATY: AP.Treaty,
    F.STATEMENT_REF: AP.Statement,
    F.CONDITION_REF: AP.Condition,
}
_BARE_PREFIX = {
    F.OFFICE: "office/",
    F.CHANNEL: "channel/",
    F.CATEGORY: "weapon-category/",
    F.STATEMENT_REF: "statement/",
    F.CONDITION_REF: "condition/",
}
_NOUN = {
    F.ACTOR: "actor",
    F.OFFICE: "office",
    F.CHANNEL: "channel",
    F.CATEGORY: "weapon category",
    F.ISSUE: "treaty, proposal, format, policy or event",
    F.TREATY: "treaty",
    F.STATEMENT_REF: "statement of another card",
    F.CONDITION_REF: "condition",
}
_FACTS = {"speaker": "speaker", "date": "day"}
"""The facts of a statement that every card reporting it must give alike, when it gives them."""


@dataclass(frozen=True)
class CardError:
    where: Where
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class CardErrors(KgError):
    """One or more cards have errors; each error names its file, line and column."""

    consequence = "nothing was built or changed"
    """What the errors stopped, for the closing line (`kg check-card` builds nothing)."""

    def __init__(self, errors: list[CardError]):
        self.errors = sorted(
            errors, key=lambda e: (str(e.where.path), e.where.line, e.where.column)
        )
        super().__init__("\n".join(str(e) for e in self.errors))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


@dataclass(frozen=True)
class StatementFact:
    """What one card says of a statement that every card reporting it must say alike (its
    speaker, its day), and where. Cards declare these as keys of the kind F.STATEMENT_FACT, so
    that the cache and the updates of kg.previous carry them like any key: a card compiled
    alone still sees what the unchanged cards say of the statements it shares with them."""

    statement: str
    """The statement's key: statement/<card>/<key>."""
    name: str
    """The card field: speaker or date."""
    value: str
    card: str
    """The key of the card that says it ('' for the registry or a Turtle source)."""
    line: int = 0
    column: int = 0

    def key(self) -> str:
        return "\t".join(
            (self.statement, self.name, self.value, f"{self.card}:{self.line}:{self.column}")
        )

    @classmethod
    def parse(cls, key: str) -> "StatementFact":
        statement, name, value, at = key.split("\t")
        card, line, column = at.rsplit(":", 2)
        return cls(statement, name, value, card, int(line), int(column))


@dataclass
class KeyIndex:
    """The keys a card may refer to, by what they are (actor, office, issue...)."""

    keys: dict[str, set[str]] = field(default_factory=dict)
    stances: dict[str, URIRef] = field(default_factory=dict)

    @classmethod
    def from_graph(cls, graph: Graph) -> "KeyIndex":
        """Index every instance of `graph` (ontology, registry, built data) by its classes,
        and the speaker and day of each statement."""
        typed = graph + infer(graph)
        index = cls()
        for kind, cls_iri in _KIND_OF.items():
            index.keys[kind] = {
                str(s)[len(ID) :]
                for s in typed.subjects(RDF.type, cls_iri)
                if str(s).startswith(ID)
            }
        facts = index.keys.setdefault(F.STATEMENT_FACT, set())
        for name, predicate in (("speaker", AP.speaker), ("date", AP.statedOn)):
            for statement, value in graph.subject_objects(predicate):
                if str(statement).startswith(ID):
                    text = str(value)[len(ID) :] if isinstance(value, URIRef) else str(value)
                    facts.add(StatementFact(str(statement)[len(ID) :], name, text, "").key())
        for concept in graph.subjects(SKOS.inScheme, STANCE.scheme):
            index.stances[_kebab(str(concept)[len(STANCE) :])] = URIRef(str(concept))
        return index

    def copy(self) -> "KeyIndex":
        return KeyIndex({kind: set(keys) for kind, keys in self.keys.items()}, dict(self.stances))

    def declare(self, kind: str, key: str) -> None:
        self.keys.setdefault(kind, set()).add(key)
        self._by_last_part = None
        if kind == F.STATEMENT_FACT:
            self._facts = None

    _by_last_part: dict[str, set[str]] | None = None
    _facts: dict[str, list[str]] | None = None

    def facts(self, statement: str) -> list[StatementFact]:
        """What the cards (and the registry) say of the statement's speaker and day. Keys are
        grouped by statement unparsed: an update compiling one card parses only its own."""
        if self._facts is None:
            self._facts = {}
            for key in self.keys.get(F.STATEMENT_FACT, ()):
                self._facts.setdefault(key.partition("\t")[0], []).append(key)
        return [StatementFact.parse(key) for key in sorted(self._facts.get(statement, ()))]

    def namesakes(self, key: str) -> list[str]:
        """Other issue keys that end in the same name as `key` (positions name their target by
        that last part)."""
        if self._by_last_part is None:
            self._by_last_part = {}
            for issue in self.keys.get(F.ISSUE, ()):
                self._by_last_part.setdefault(issue.split("/")[-1], set()).add(issue)
        return sorted(self._by_last_part.get(key.split("/")[-1], set()) - {key})


@dataclass
class Card:
    """A card as read: its file, its key (the file name) and its YAML."""

    path: Path
    root: Mapping | None

    @property
    def key(self) -> str:
        return self.path.stem


@dataclass
class CompiledCard:
    """A card's triples, and where in the card each node it describes was written."""

    key: str
    triples: list[Triple]
    origins: dict[URIRef, Where]
    declared: list[tuple[str, str]] = field(default_factory=list)
    """(kind, key) of what the card introduces."""
    referenced: set[tuple[str, str]] = field(default_factory=set)
    """(kind, key) of what the card refers to: a cached card is valid while these exist."""

    @property
    def graph(self) -> Graph:
        graph = bind_prefixes(Graph())
        for triple in self.triples:
            graph.add(triple)
        return graph


def read_card(path: Path, data: bytes | None = None) -> Card:
    """Read a card's YAML; raises CardErrors for unreadable files and YAML syntax errors."""
    try:
        text = (data if data is not None else path.read_bytes()).decode("utf-8-sig")
    except FileNotFoundError:
        raise CardErrors([CardError(Where(path, 1, 1), "no such file; check the path")]) from None
    except IsADirectoryError:
        message = f"a folder, not a card; give one card in it, such as {path}/NAME{CARD_SUFFIX}"
        raise CardErrors([CardError(Where(path, 1, 1), message)]) from None
    except UnicodeDecodeError:
        message = "the card is not UTF-8 text; save it as UTF-8"
        raise CardErrors([CardError(Where(path, 1, 1), message)]) from None
    except OSError as exc:
        raise CardErrors([CardError(Where(path, 1, 1), f"cannot read the card ({exc})")]) from None
    try:
        root = read_yaml(path, text)
    except CardSyntaxError as exc:
        errors = [CardError(exc.where, exc.message)]
        errors += [CardError(w, m) for w, m in exc.others]
        raise CardErrors(errors) from None
    if root is not None and not isinstance(root, Mapping):
        where = root.where
        raise CardErrors([CardError(where, "a card is a mapping of sections: " + _SECTIONS_HINT)])
    if not is_key(path.stem):  # the key is part of every IRI the card makes
        problem = invalid_key(path.stem, "the card's file name")
        raise CardErrors([CardError(Where(path, 1, 1), problem)])
    return Card(path, root)


def is_key(text: str) -> bool:
    """Whether `text` is a key: lower-case letters, digits and hyphens."""
    return _KEY.match(text) is not None


def invalid_key(key: str, what: str) -> str:
    """Why `key` (the card's file name, or --key) cannot be a card's key, and the fix."""
    return (
        f"{what} {key!r} is not a valid key: use lower-case letters, digits and hyphens, "
        "such as tass-2025-10-05-trump.yaml"
    )


_SECTIONS_HINT = ", ".join(F.SECTIONS)
_STATEMENT_FIELDS = [f.name for f in F.STATEMENTS.fields]
_ADD_HINT = {
    "": "add it to the registry or check the key",
    F.STATEMENT_REF: "give the key of the card that records it, a slash and the statement's key "
    "there, such as new-start-lapse-article/trump-truth-social-post",
    F.CONDITION_REF: "give the condition in full here (key, label, description, "
    "requires-action-of), or the key of one another card gives for the same holders and target",
}


def declared_keys(card: Card) -> list[tuple[str, str]]:
    """What a card introduces, as (kind, key), so that other cards may refer to it: treaties,
    proposals, formats, policies and events; its statements (but those it reports as the same
    as another card's) and their speaker and day; the conditions of its positions."""
    declared: list[tuple[str, str]] = []
    if card.root is None:
        return declared
    for section in F.SECTIONS.values():
        entries = card.root.items.get(section.name)
        if not section.keyed or section.name == "statements" or not isinstance(entries, Mapping):
            continue
        for key in entries.items:
            declared.append((F.ISSUE, key))
            if section.name == "treaties":
                declared.append((F.TREATY, key))
    statements = card.root.items.get("statements")
    if isinstance(statements, Mapping):
        for key, entry in statements.items.items():
            if isinstance(entry, Mapping) and _KEY.match(key):
                declared += _statement_keys(card.key, key, entry)
    positions = card.root.items.get("positions")
    if isinstance(positions, Sequence):
        for entry in positions.items:
            if isinstance(entry, Mapping):
                declared += _condition_keys(entry)
    return declared


def _statement_keys(card: str, key: str, entry: Mapping) -> list[tuple[str, str]]:
    same = entry.items.get("same-as")
    if isinstance(same, Scalar) and not _is_empty(same):
        statement = _with_prefix(same.text.strip(), "statement/")
        declared = []
    else:
        statement = f"statement/{card}/{key}"
        declared = [(F.STATEMENT_REF, statement)]
    for name in _FACTS:
        value = entry.items.get(name)
        if isinstance(value, Scalar) and not _is_empty(value):
            at = value.where
            fact = StatementFact(statement, name, value.text.strip(), card, at.line, at.column)
            declared.append((F.STATEMENT_FACT, fact.key()))
    return declared


def _condition_keys(position: Mapping) -> list[tuple[str, str]]:
    parts = _position_parts(position)
    value = position.items.get("condition")
    if parts is None or value is None:
        return []
    holders, _, target = parts
    conditions = value.items if isinstance(value, Sequence) else [value]
    return [
        (F.CONDITION_REF, f"condition/{holders}/{target}/{key.text.strip()}")
        for condition in conditions
        if isinstance(condition, Mapping)
        and isinstance(key := condition.items.get("key"), Scalar)
        and _KEY.match(key.text.strip())
    ]


def _with_prefix(key: str, prefix: str) -> str:
    return key if key.startswith(prefix) else prefix + key


def declare_keys(card: Card, index: KeyIndex) -> None:
    """Add the keys a card introduces to `index`."""
    for kind, key in declared_keys(card):
        index.declare(kind, key)


def compile_card(card: Card, index: KeyIndex) -> CompiledCard:
    """Compile one card; raises CardErrors with every error the card has."""
    compiler = _Compiler(card, index)
    compiler.run()
    if compiler.errors:
        raise CardErrors(compiler.errors)
    return CompiledCard(
        card.key,
        list(compiler.triples),
        compiler.origins,
        declared_keys(card),
        compiler.referenced,
    )


def compile_cards(paths: Iterable[Path], index: KeyIndex) -> list[CompiledCard]:
    """Compile several cards, reporting the errors of all of them together."""
    cards, errors = [], []
    for path in paths:
        try:
            cards.append(read_card(path))
        except CardErrors as exc:
            errors += exc.errors
    for card in cards:
        declare_keys(card, index)
    compiled = []
    for card in cards:
        try:
            compiled.append(compile_card(card, index))
        except CardErrors as exc:
            errors += exc.errors
    if errors:
        raise CardErrors(errors)
    return compiled


class _Compiler:
    def __init__(self, card: Card, index: KeyIndex):
        self.card = card
        self.index = index
        self.triples: dict[Triple, None] = {}  # an ordered set: cheaper than a Graph
        self.origins: dict[URIRef, Where] = {}
        self.errors: list[CardError] = []
        self.source = ID["source/" + card.key]
        self.language = "en"
        self.statements: dict[str, URIRef] = {}
        self.words: dict[str, dict[str, Literal]] = {}
        """Each statement's keyed quotes and wordings, by statement key and words key."""
        self.same_as: dict[URIRef, Where] = {}
        """Statements of other cards this card reports, and where it says so."""
        self.referenced: set[tuple[str, str]] = set()

    # -- driver ---------------------------------------------------------------------------

    def run(self) -> None:
        root = self.card.root
        start = Where(self.card.path, 1, 1)
        if root is None:
            self.error(
                start,
                "the card is empty; it needs at least a 'source' section "
                "(start from `kg new-card`)",
            )
            return
        for name, where in root.keys.items():
            if name not in F.SECTIONS:
                self.error(
                    where,
                    f"unknown section {name!r}{_suggest(name, F.SECTIONS)}; "
                    f"the sections are: {_SECTIONS_HINT}",
                )
        if "source" not in root.items:
            self.error(start, "the card has no 'source' section; say which document it describes")
        else:
            self.compile_source(root.items["source"])
        statements = root.items.get("statements")
        if statements is not None:
            self.compile_keyed(F.STATEMENTS, statements, lambda key: ID[key])
        for section in F.SECTIONS.values():
            if section.name in ("source", "statements") or section.name not in root.items:
                continue
            if section.keyed:
                self.compile_keyed(section, root.items[section.name], lambda key: ID[key])
            else:
                self.compile_list(section, root.items[section.name])
        self.add_about()

    def add_about(self) -> None:
        """ap:about from each statement to the targets of the card's positions it evidences:
        what a statement is about, in one step for queries (`?statement ap:about ?issue`)."""
        evidence: list[tuple[URIRef, URIRef | Literal]] = []
        targets: dict[URIRef, list[URIRef | Literal]] = {}
        for s, p, o in self.triples:  # compared as text: rdflib's == is a Python call
            if str.__eq__(p, _EVIDENCE):
                evidence.append((s, o))
            elif str.__eq__(p, _TARGET):
                targets.setdefault(s, []).append(o)
        for position, statement in evidence:
            for target in targets.get(position, ()):
                if isinstance(statement, URIRef):
                    self.add((statement, AP.about, target))

    def error(self, where: Where, message: str) -> None:
        self.errors.append(CardError(where, message))

    def add(self, triple: Triple) -> None:
        self.triples[triple] = None

    # -- sections -------------------------------------------------------------------------

    def compile_source(self, value: Value) -> None:
        entry = self.expect_mapping(value, "the 'source' section")
        if entry is None:
            return
        language = entry.items.get("language")
        if isinstance(language, Scalar) and _LANGUAGE.match(language.text):
            self.language = language.text
        self.add((self.source, RDF.type, AP.Source))
        self.origins[self.source] = value.where
        kind = entry.items.get("kind")
        if isinstance(kind, Scalar):
            if kind.text in F.SOURCE_KINDS:
                self.add((self.source, RDF.type, F.SOURCE_KINDS[kind.text]))
            else:
                self.error(
                    kind.where,
                    f"unknown source kind {kind.text!r}"
                    f"{_suggest(kind.text, F.SOURCE_KINDS)}; "
                    f"the kinds are: {', '.join(F.SOURCE_KINDS)}",
                )
        self.compile_fields(F.SOURCE, entry, self.source, "the source")

    def compile_keyed(
        self, section: F.Section, value: Value, iri_of: Callable[[str], URIRef]
    ) -> None:
        entries = self.expect_mapping(value, f"the {section.name!r} section", keyed=True)
        if entries is None:
            return
        for key, entry_value in entries.items.items():
            where = entries.keys[key]
            pattern = _KEY if section.name == "statements" else _PATH_KEY
            if section.key_prefix and not key.startswith(section.key_prefix):
                self.error(
                    where,
                    f"keys in {section.name!r} start with {section.key_prefix!r}, "
                    f"such as '{section.key_prefix}{key.split('/')[-1]}'",
                )
                continue
            if not pattern.match(key):
                self.error(
                    where,
                    f"{key!r} is not a valid key: use lower-case letters, digits "
                    "and hyphens" + (" (and / between parts)" if pattern is _PATH_KEY else ""),
                )
                continue
            what = f"{section.noun} {key!r}"
            entry = self.expect_mapping(entry_value, what)
            if entry is None:
                continue
            node = self.statement_node(key, entry) if section is F.STATEMENTS else iri_of(key)
            self.origins.setdefault(node, where)
            if section.rdf_type is not None:
                self.add((node, RDF.type, section.rdf_type))
            if section is F.TREATY_EVENTS:
                self.add_event_kind(node, entry)
            self.compile_fields(section, entry, node, what)
            if section is F.STATEMENTS:
                self.finish_statement(node, key, entry, where)

    def compile_list(self, section: F.Section, value: Value) -> None:
        if _is_empty(value):
            return  # a section with only comments in it, as in a fresh template
        if not isinstance(value, Sequence):
            self.error(
                value.where, f"the {section.name!r} section is a list: start each entry with '- '"
            )
            return
        seen: dict[URIRef, Where] = {}
        for item in value.items:
            entry = self.expect_mapping(item, f"a {section.noun}")
            if entry is None:
                continue
            node = self.list_entry_iri(section, entry)
            if node is None:
                self.compile_fields(section, entry, None, f"this {section.noun}")
                continue
            if node in seen:
                self.error(
                    item.where,
                    f"this entry repeats the one at line {seen[node].line} "
                    f"(same {_identity(section)}); merge them into one",
                )
                continue
            seen[node] = item.where
            self.origins.setdefault(node, item.where)
            assert section.rdf_type is not None
            self.add((node, RDF.type, section.rdf_type))
            self.compile_fields(section, entry, node, f"this {section.noun}")
            if section is F.POSITIONS:
                self.check_conditional(entry)

    # -- fields ---------------------------------------------------------------------------

    def compile_fields(
        self, section: F.Section, entry: Mapping, node: URIRef | None, what: str
    ) -> None:
        names = [f.name for f in section.fields]
        misspelt = set()  # required fields an unknown field probably meant: reported once
        moved = dict(section.moved)
        for name, where in entry.keys.items():
            if name in moved:
                self.error(where, moved[name])
            elif section.field(name) is None:
                misspelt.add(_closest(name, names))
                self.error(
                    where,
                    f"unknown field {name!r} in {what}{_suggest(name, names)}; "
                    f"the fields are: {', '.join(names)}",
                )
        for spec in section.fields:
            value = entry.items.get(spec.name)
            if value is None or _is_empty(value):
                if spec.required and spec.name not in misspelt:
                    where = value.where if value is not None else entry.where
                    self.error(where, f"{what} needs {spec.name!r}: {spec.doc}")
                continue
            if spec.predicate is None or node is None:
                continue  # handled by the section itself, or no node to attach to
            if spec.kind == F.WORDS and isinstance(value, Mapping):
                self.keyed_words(spec, value, node)
                continue
            for scalar in self.values(spec, value):
                term = self.term(spec, scalar, node)
                if term is not None:
                    self.add((node, spec.predicate, term))

    def values(self, spec: F.Field, value: Value) -> Iterator[Value]:
        if isinstance(value, Sequence):
            if not spec.many:
                self.error(value.where, f"{spec.name!r} takes one value, not a list")
                return
            yield from value.items
        else:
            yield value

    def term(self, spec: F.Field, value: Value, node: URIRef) -> URIRef | Literal | None:
        if spec.kind == F.CONDITION:
            return self.condition(value, node)
        if not isinstance(value, Scalar):
            self.error(
                value.where,
                f"{spec.name!r} takes a single value here, not a "
                f"{'list' if isinstance(value, Sequence) else 'mapping'}",
            )
            return None
        text = value.text.strip()
        kind = spec.kind
        if kind in _KIND_OF:
            return self.reference(kind, value)
        if kind == F.EVIDENCE and "/" in text:
            return self.evidence_words(value, node)
        if kind in (F.STATEMENT, F.EVIDENCE):
            if text in self.statements:
                return self.statements[text]
            self.unknown_statement(value, text)
            return None
        if kind == F.STANCE:
            stance = self.stance(value)
            if stance is None:
                return None
            if spec.name == "supersedes":
                return self.superseded(node, stance, value)
            return stance
        return self.literal(spec, value)

    def words_of(self, value: Scalar) -> Literal:
        """Words as the source gives them, verbatim: a ` #` left unquoted would cut them."""
        if isinstance(value, CutScalar):
            self.error(
                value.where,
                "these words stop before ' #', which YAML reads as the start of a comment: if "
                "the '#' and what follows belong to the words, put them all in double quotes; "
                "if it is a comment, move it to a line of its own",
            )
        return Literal(value.text.strip(), lang=self.language)

    def literal(self, spec: F.Field, value: Scalar) -> Literal | None:
        text, kind = value.text.strip(), spec.kind
        if kind == F.TEXT:
            return Literal(text)
        if kind == F.WORDS:
            return self.words_of(value)
        if kind == F.EN_TEXT:
            return Literal(text, lang=self.language)
        if kind == F.DATE:
            return self.date(value)
        if kind == F.YEAR:
            if re.fullmatch(r"\d{4}", text):
                return Literal(text, datatype=XSD.gYear)
            self.error(
                value.where,
                f"malformed year {text!r} for {spec.name!r}: write four digits, such as 2021",
            )
            return None
        if kind == F.COUNT:
            if re.fullmatch(r"\d+", text.replace(",", "").replace("_", "")):
                return Literal(
                    str(int(text.replace(",", "").replace("_", ""))),
                    datatype=XSD.integer,
                )
            self.error(
                value.where, f"{spec.name!r} must be a whole number, such as 1550, not {text!r}"
            )
            return None
        if kind == F.DURATION:
            if _DURATION.match(text):
                return Literal(text, datatype=XSD.duration)
            self.error(
                value.where,
                f"malformed duration {text!r} for {spec.name!r}: write it in "
                "ISO 8601, such as P5Y for five years or P1Y6M",
            )
            return None
        if kind == F.URL:
            if _URL.match(text):
                return Literal(text, datatype=XSD.anyURI)
            self.error(
                value.where,
                f"malformed address {text!r}: give a full http:// or https:// "
                "address without spaces",
            )
            return None
        if kind == F.LANGUAGE:
            if _LANGUAGE.match(text):
                return Literal(text)
            self.error(
                value.where,
                f"malformed language {text!r}: give a BCP 47 tag such as en, ru or zh-Hans",
            )
            return None
        if kind in (F.SOURCE_KIND, F.EVENT_KIND):
            return None  # typed by their section
        raise AssertionError(f"unhandled field kind {kind}")

    def date(self, value: Scalar) -> Literal | None:
        text = value.text.strip()
        if not _DATE.match(text):
            self.error(
                value.where,
                f"malformed date {text!r}: write it as YYYY-MM-DD, such as "
                "2026-02-05; leave the field out if the source gives no day",
            )
            return None
        try:
            datetime.date.fromisoformat(text)
        except ValueError as exc:
            self.error(value.where, f"impossible date {text!r}: {exc}")
            return None
        return Literal(text, datatype=XSD.date)

    def reference(self, kind: str, value: Scalar, key: str | None = None) -> URIRef | None:
        key = key or value.text.strip()
        prefix = _BARE_PREFIX.get(kind, "")
        if prefix and not key.startswith(prefix):
            key = prefix + key
        known = self.index.keys.get(kind, set())
        if key in known:
            self.referenced.add((kind, key))
            return ID[key]
        if kind == F.CONDITION_REF:  # suggest the conditions of the same holders and target
            prefix = key.rsplit("/", 1)[0] + "/"
            known = {k for k in known if k.startswith(prefix)}
        self.error(
            value.where,
            f"unknown {_NOUN[kind]} {value.text.strip()!r}"
            f"{_suggest(key, known, strip=prefix)}; {_ADD_HINT.get(kind, _ADD_HINT[''])}",
        )
        return None

    def stance(self, value: Scalar) -> URIRef | None:
        text = value.text.strip()
        if text in self.index.stances:
            return self.index.stances[text]
        self.error(
            value.where,
            f"unknown stance {text!r}{_suggest(text, self.index.stances)}; "
            f"the stances are: {', '.join(sorted(self.index.stances))}",
        )
        return None

    # -- nodes with derived IRIs ----------------------------------------------------------

    def statement_node(self, key: str, entry: Mapping) -> URIRef:
        """statement/<card>/<key>, or the statement of another card this one reports as the
        same speech act ('same-as')."""
        node = ID[f"statement/{self.card.key}/{key}"]
        same = entry.items.get("same-as")
        if isinstance(same, Scalar) and not _is_empty(same):
            target = _with_prefix(same.text.strip(), "statement/")
            if target.startswith(f"statement/{self.card.key}/"):
                self.error(
                    same.where,
                    f"{same.text.strip()!r} is a statement of this card: one speech act is one "
                    "entry of a card; merge the two entries",
                )
            elif (other := self.reference(F.STATEMENT_REF, same, target)) is not None:
                if other in self.same_as:
                    self.error(
                        same.where,
                        f"this card reports {same.text.strip()!r} already, at line "
                        f"{self.same_as[other].line}; merge the two entries",
                    )
                else:
                    self.same_as[other] = same.where
                    node = other
        self.statements[key] = node
        return node

    def finish_statement(self, node: URIRef, key: str, entry: Mapping, where: Where) -> None:
        self.add((node, AP.reportedIn, self.source))
        if not any(
            k in entry.items and not _is_empty(entry.items[k])
            for k in ("quote", "reported-wording")
        ):
            self.error(
                where,
                f"statement {key!r} has no words: give the speaker's words as 'quote' "
                "or the source's words for them as 'reported-wording' (or both)",
            )
        misspelt = {
            _closest(k, _STATEMENT_FIELDS) for k in entry.keys if k not in _STATEMENT_FIELDS
        }
        if (
            _is_missing(entry, "same-as")
            and _is_missing(entry, "speaker")
            and "speaker" not in misspelt
        ):
            self.error(
                where,
                f"statement {key!r} needs 'speaker': who said it; or, when another card "
                "records the same speech act, 'same-as' with that card's key and the "
                "statement's key there",
            )
        self.check_facts(node, entry)

    def check_facts(self, node: URIRef, entry: Mapping) -> None:
        """A statement that several cards report is one speech act: its speaker and day, where
        two cards give them, must be the same."""
        statement = str(node)[len(ID) :]
        for name, noun in _FACTS.items():
            value = entry.items.get(name)
            if not isinstance(value, Scalar) or _is_empty(value):
                continue
            mine = value.text.strip()
            for fact in self.index.facts(statement):
                if fact.name != name or fact.card == self.card.key or fact.value == mine:
                    continue
                if fact.card:
                    path = self.card.path.with_name(fact.card + self.card.path.suffix)
                    there = f"at {path}:{fact.line}:{fact.column}"
                else:
                    there = "in the registry or a Turtle source"
                self.error(
                    value.where,
                    f"the {noun} of this statement is {mine!r} here but {fact.value!r} {there}, "
                    f"which reports the same statement ({shorten(node)}); one of them is wrong: "
                    "correct it, or drop 'same-as' if these are two statements",
                )

    def keyed_words(self, spec: F.Field, value: Mapping, node: URIRef) -> None:
        """Quotes or wordings keyed by a short name, so that a position can cite one."""
        statement = next(k for k, n in self.statements.items() if n == node)
        words = self.words.setdefault(statement, {})
        for key, text in value.items.items():
            where = value.keys[key]
            if not _KEY.match(key):
                self.error(
                    where,
                    f"{key!r} is not a valid key for words: use lower-case letters, digits "
                    "and hyphens, such as new-treaty",
                )
                continue
            if key in words:
                self.error(where, f"the words key {key!r} is given twice in this statement")
                continue
            if not isinstance(text, Scalar) or _is_empty(text):
                self.error(text.where, f"{spec.name!r} {key!r} takes one text, verbatim")
                continue
            literal = self.words_of(text)
            words[key] = literal
            self.add((node, spec.predicate or AP.quote, literal))

    def unknown_statement(self, value: Scalar, key: str) -> None:
        known = ", ".join(self.statements) or "none"
        self.error(
            value.where,
            f"unknown statement {key!r}{_suggest(key, self.statements)};"
            f" the statements of this card are: {known}",
        )

    def evidence_words(self, value: Scalar, position: URIRef) -> URIRef | None:
        """statement-key/words-key: the statement, and those of its words that show the
        position (ap:evidenceWords)."""
        text = value.text.strip()
        statement, _, key = text.partition("/")
        if statement not in self.statements:
            self.unknown_statement(value, statement)
            return None
        words = self.words.get(statement, {})
        if key not in words:
            keys = ", ".join(words) or "none: key its quotes as 'quote: {a-key: ...}'"
            self.error(
                value.where,
                f"statement {statement!r} has no quote or wording keyed {key!r}"
                f"{_suggest(key, words)}; its keys are: {keys}",
            )
            return None
        self.add((position, AP.evidenceWords, words[key]))
        return self.statements[statement]

    def add_event_kind(self, node: URIRef, entry: Mapping) -> None:
        kind = entry.items.get("kind")
        if isinstance(kind, Scalar) and kind.text.strip() in F.EVENT_KINDS:
            self.add((node, RDF.type, F.EVENT_KINDS[kind.text.strip()]))
        elif isinstance(kind, Scalar) and not _is_empty(kind):
            self.error(
                kind.where,
                f"unknown treaty event kind {kind.text.strip()!r}"
                f"{_suggest(kind.text.strip(), F.EVENT_KINDS)}; "
                f"the kinds are: {', '.join(F.EVENT_KINDS)}",
            )

    def list_entry_iri(self, section: F.Section, entry: Mapping) -> URIRef | None:
        """positions: position/<holders>/<stance>/<target>; office terms: term/<holder>/<office>;
        requirements: requirement/<requirers>/<for>/<participants>; unanswered proposals:
        no-response/<by>/<issue>/<as-of>. Lists are joined with + in alphabetical order; an
        issue is named by the last part of its key."""
        if section is F.OFFICE_TERMS:
            parts = _parts(entry, ("holder", "office"))
            return ID[f"term/{parts[0]}/{parts[1].split('/')[-1]}"] if parts else None
        kind, names, issue = _LIST_IRIS[section.name]
        parts = _parts(entry, names)
        if parts is None or not self.distinct_issue(entry.items[issue]):
            return None
        named = [p.split("/")[-1] if n == issue else p for n, p in zip(names, parts, strict=True)]
        return ID[f"{kind}/{'/'.join(named)}"]

    def distinct_issue(self, value: Value) -> bool:
        """Whether the issue's key is the only one ending in its last part (IRIs of positions,
        requirements and unanswered proposals name their issue by that last part)."""
        if not isinstance(value, Scalar):
            self.error(value.where, "an issue is given by one key here, not a list or a mapping")
            return False
        key = value.text.strip()
        namesakes = self.index.namesakes(key)
        if namesakes and key in self.index.keys.get(F.ISSUE, ()):
            self.error(
                value.where,
                f"{key!r} and {namesakes[0]!r} end in the same name, so positions on them would "
                "be one node; rename one of them in the registry or in the card that introduces it",
            )
            return False
        return True

    def check_conditional(self, entry: Mapping) -> None:
        """A conditional position names its condition in this card: in full, or by the key of
        one another card declares. The graph would otherwise pass only because some other card
        happens to state it."""
        stance = entry.items.get("stance")
        if (
            isinstance(stance, Scalar)
            and stance.text.strip() == "conditionally-supports"
            and _is_missing(entry, "condition")
        ):
            self.error(
                entry.where,
                "this position conditionally supports its target but names no condition: give "
                "it under 'condition' (key, label, description, requires-action-of), or the key "
                "of the condition another card gives for the same holders and target",
            )

    def superseded(self, node: URIRef, stance: URIRef, value: Scalar) -> URIRef | None:
        _, holders, _, target = str(node)[len(ID) :].split("/", 3)
        earlier = ID[f"position/{holders}/{_kebab(str(stance)[len(STANCE) :])}/{target}"]
        if earlier == node:
            self.error(
                value.where,
                "a position cannot supersede itself: give the stance of the "
                "holder's earlier position on this target",
            )
            return None
        return earlier

    def condition(self, value: Value, position: URIRef) -> URIRef | None:
        _, holders, _, target = str(position)[len(ID) :].split("/", 3)
        if isinstance(value, Scalar) and not _is_empty(value):
            # the key of a condition that another card declares for this holder and target
            name = value.text.strip()
            if not _KEY.match(name):
                self.error(
                    value.where,
                    f"{name!r} is not a condition key: give the condition in full (key, label, "
                    "description, requires-action-of), or the key of one another card gives",
                )
                return None
            return self.reference(F.CONDITION_REF, value, f"condition/{holders}/{target}/{name}")
        entry = self.expect_mapping(value, "a condition")
        if entry is None:
            return None
        key = entry.items.get("key")
        if not isinstance(key, Scalar) or not _KEY.match(key.text.strip()):
            where = key.where if key is not None else entry.where
            self.error(
                where,
                "a condition needs a 'key': a short name of lower-case letters, "
                "digits and hyphens, such as us-responds-to-offer",
            )
            return None
        node = ID[f"condition/{holders}/{target}/{key.text.strip()}"]
        self.origins.setdefault(node, value.where)
        self.add((node, RDF.type, AP.Condition))
        section = F.Section("condition", "condition", "", F.CONDITION_FIELDS, keyed=False)
        self.compile_fields(section, entry, node, "a condition")
        return node

    # -- helpers --------------------------------------------------------------------------

    def expect_mapping(self, value: Value, what: str, keyed: bool = False) -> Mapping | None:
        if isinstance(value, Mapping):
            return value
        if isinstance(value, Scalar) and _is_empty(value):
            return Mapping({}, {}, value.where)
        hint = "entries 'key: ...' one per line" if keyed else "fields 'name: value', one per line"
        self.error(value.where, f"{what} must be a mapping of {hint}")
        return None


def _position_parts(entry: Mapping) -> tuple[str, str, str] | None:
    """A position's holders (joined with +), stance and target's last part, as its IRI names
    them; None when the entry lacks one."""
    parts = _parts(entry, ("holder", "stance", "target"))
    return (parts[0], parts[1], parts[2].split("/")[-1]) if parts else None


def _parts(entry: Mapping, names: tuple[str, ...]) -> tuple[str, ...] | None:
    """Each field's text, lists joined with + in order; None when a field is missing."""
    parts = []
    for name in names:
        value = entry.items.get(name)
        items = value.items if isinstance(value, Sequence) else [value] if value else []
        texts = sorted(i.text.strip() for i in items if isinstance(i, Scalar))
        if not texts or not all(texts):
            return None
        texts = [t if _IRI_PART.fullmatch(t) else urllib.parse.quote(t, safe="/") for t in texts]
        parts.append("+".join(texts))
    return tuple(parts)


_LIST_IRIS = {
    "positions": ("position", ("holder", "stance", "target"), "target"),
    "requirements": ("requirement", ("required-by", "for", "participant"), "for"),
    "unanswered": ("no-response", ("by", "issue", "as-of"), "issue"),
}
"""For each list section but office terms: the IRI's first part, the fields that make the
rest, and which of them is an issue."""


def _identity(section: F.Section) -> str:
    if section is F.OFFICE_TERMS:
        return "holder and office"
    return ", ".join(_LIST_IRIS[section.name][1]).replace("-", " ")


def _is_missing(entry: Mapping, name: str) -> bool:
    value = entry.items.get(name)
    return value is None or _is_empty(value)


def _is_empty(value: Value) -> bool:
    return isinstance(value, Scalar) and not value.quoted and value.text.strip() in _EMPTY


def _kebab(camel: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", camel).lower()


def _closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate the word was most likely meant as: the one it begins, else the most
    similar one."""
    ordered = sorted(candidates)
    prefixed = [c for c in ordered if word and c.startswith(word)]
    if len(prefixed) == 1:
        return prefixed[0]
    matches = difflib.get_close_matches(word, ordered, n=1, cutoff=0.6)
    return matches[0] if matches else None


def _suggest(word: str, candidates: Iterable[str], strip: str = "") -> str:
    """' (did you mean 'x'?)' for the closest candidate, or nothing when none is close."""
    match = _closest(word, candidates)
    return f" (did you mean {match.removeprefix(strip)!r}?)" if match else ""
