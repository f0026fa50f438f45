"""Identifiers for people: what the IRIs of a build name (`kg ids`), and, for a query parameter
that names nothing of its kind, the close identifiers ("did you mean id:russia (Russia)?").

Identifiers are written as kg prints them everywhere (kg.namespaces.shorten), so any of them can
be pasted into a query or given to `kg query --param`, which also takes a plain name that names
one thing of the parameter's kind exactly (`holder=china`, `holder="United States"`).
"""

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg.errors import QueryError
from kg.namespaces import AP, BASE, ID, KINDS, STANCE, shorten, sparql_name
from kg.store import nt
from kg.wording import counted


@dataclass(frozen=True)
class Kind:
    """A kind of thing a parameter takes or `kg ids` lists."""

    noun: str
    classes: tuple[URIRef, ...]
    """Its instances are those of these classes; none: every typed IRI of the instance
    namespace."""
    listed_in: str
    """The group of `kg ids` that lists them."""
    stances: bool = False
    """Also (or, with no classes and `instances` false, only) the stances."""
    instances: bool = True


GROUPS: dict[str, Kind] = {
    "actors": Kind("actor", (AP.Actor,), "actors"),
    "issues": Kind("issue", (AP.Issue,), "issues"),
    "sources": Kind("source", (AP.Source,), "sources"),
    "statements": Kind("statement", (AP.Statement,), "statements"),
    "positions": Kind("position", (AP.Position,), "positions"),
    "stances": Kind("stance", (), "stances", stances=True, instances=False),
    "all": Kind("thing", (), "all", stances=True),
}
"""What `kg ids` lists: the instances of a class; the stances; or everything (every typed
instance of the project's namespace, and the stances)."""

PARAMETER_KINDS: dict[str, Kind] = {
    "holder": GROUPS["actors"],
    "speaker": GROUPS["actors"],
    "actor": GROUPS["actors"],
    "participant": GROUPS["actors"],
    "target": GROUPS["issues"],
    "issue": GROUPS["issues"],
    "format": Kind("format or proposal", (AP.NegotiationFormat, AP.Proposal), "issues"),
    "proposal": Kind("proposal", (AP.Proposal,), "issues"),
    "treaty": Kind("treaty", (AP.Treaty,), "issues"),
    "position": GROUPS["positions"],
    "statement": GROUPS["statements"],
    "source": GROUPS["sources"],
    "stance": GROUPS["stances"],
}
"""The parameters of the named queries (and of a user's, when named alike), with the kind of
thing each takes."""

_QUOTE_LENGTH = 60
_SUGGESTIONS = 5


@dataclass(frozen=True)
class Identifier:
    """One thing of the graph: how to write it, its name for people, and its kind."""

    name: str
    """As kg prints it, ready to paste into a query: `id:russia`, `format:us-russia-talks`."""
    label: str
    kind: str
    iri: str


def identifiers(store: ox.Store, group: str = "all", match: str | None = None) -> list[Identifier]:
    """The identifiers of a group of GROUPS, sorted by kind and name; with `match`, only those
    whose name, label or kind holds that text (case aside)."""
    if group not in GROUPS:
        raise QueryError(f"unknown group {group!r}; choose one of {', '.join(GROUPS)}")
    names = _Names(store)
    listed = [
        Identifier(shorten(URIRef(iri)), names.of(iri, kind), kind, iri)
        for iri, kind in _members(store, GROUPS[group]).items()
    ]
    if match:
        wanted = match.casefold()
        listed = [
            i for i in listed if any(wanted in t.casefold() for t in (i.name, i.label, i.kind))
        ]
    return sorted(listed, key=lambda i: (i.kind, i.name))


def table(listed: list[Identifier]) -> str:
    """An aligned table of identifiers (id, label, kind), like kg query's tables."""
    header = ("id", "label", "kind")
    rows = [(i.name, i.label.replace("\n", " "), i.kind) for i in listed]
    widths = [max([len(header[c])] + [len(r[c]) for r in rows]) for c in range(3)]

    def line(values: Iterable[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(header), line("-" * w for w in widths), *(line(r) for r in rows)]
    out.append(f"({counted(len(rows), 'identifier')})")
    return "\n".join(out) + "\n"


def spelling_notes(pairs: Iterable[str]) -> list[str]:
    """For `--param name=value` pairs whose value names an IRI in a form that is no SPARQL (the
    `id:format/us-russia-talks` of earlier versions): how to write it in a query."""
    notes = []
    for pair in pairs:
        value = pair.partition("=")[2].strip()
        better = sparql_name(value)
        if better is not None:
            notes.append(
                f"{value} is not SPARQL (a prefixed name cannot hold '/'); it was read as "
                f"{better}, as a query must write it"
            )
    return notes


def check_bindings(store: ox.Store, bindings: Mapping[str, Node], origin: str) -> None:
    """Refuse a parameter value that names nothing of the parameter's kind in the store, with
    the closest identifiers of that kind ("did you mean ...?").

    Checked: the parameters of PARAMETER_KINDS, and any other parameter whose value is an IRI
    of the project's namespaces, which must then occur in the data. Any other value (a date,
    a text, another IRI) is bound as it is."""
    for parameter, value in bindings.items():
        kind = PARAMETER_KINDS.get(parameter)
        if kind is None:
            if not isinstance(value, URIRef) or not str(value).startswith(BASE):
                continue
            if _occurs(store, value):
                continue
            kind = GROUPS["all"]
        elif isinstance(value, URIRef) and _is_a(store, value, kind):
            continue
        raise QueryError(f"{origin}: parameter {parameter!r}: {_unknown(store, value, kind)}")


def resolve_names(
    store: ox.Store, bindings: Mapping[str, Node]
) -> tuple[dict[str, Node], list[str]]:
    """Bindings where a plain name given for a parameter of PARAMETER_KINDS (`holder=china`,
    `holder="United States"`) is the IRI of the one thing of the parameter's kind that it names
    exactly (see `named`), and a note for each, of how a query writes it. A name that names
    nothing, or several things, is left for check_bindings to refuse."""
    resolved, notes = dict(bindings), []
    for parameter, name, kind in _plain_names(bindings):
        iri = named(store, name, kind)
        if iri is not None:
            resolved[parameter] = iri
            notes.append(read_as(parameter, name, iri))
    return resolved, notes


def read_as(option: str, name: str, iri: URIRef) -> str:
    """The note that a plain name was taken for an identifier, which shows how to write it."""
    return f"{option}: {name!r} was read as {shorten(iri)}"


def text_notes(store: ox.Store, bindings: Mapping[str, Node]) -> list[str]:
    """For a parameter with no kind of its own bound to plain text (`name=Russia` in a query
    of the user's), meant for an empty answer: the literals of that text the data holds with a
    language or a datatype (`"Russia"@en`: every name in the graph has a language), and what
    the text names as a key or a name (`id:russia`). Exact lookups only, so that a hint costs
    milliseconds at a million triples (a name in another case is not found)."""
    notes = []
    for parameter, value in bindings.items():
        plain = isinstance(value, Literal) and value.datatype is None and not value.language
        if parameter in PARAMETER_KINDS or not plain:
            continue
        text = str(value)
        held = _held_as(store, text)
        ways = [
            f"the data holds {form} (give '{parameter}={form}')" for form in map(_as_written, held)
        ]
        names = _Names(store)
        for iri in _named_exactly(store, text, held):
            thing = _written(iri, names.of(iri, _kind_of(store, URIRef(iri)) or ""))
            ways.append(f"{text!r} names {thing} (give {parameter}={shorten(URIRef(iri))})")
        if ways:
            notes.append(
                f"{parameter}: {text!r} was bound as plain text, and the answer is empty; "
                + "; ".join(ways)
            )
    return notes


_TYPED = tuple(
    ox.NamedNode(str(datatype))
    for datatype in (
        XSD.integer,
        XSD.decimal,
        XSD.double,
        XSD.boolean,
        XSD.date,
        XSD.dateTime,
        XSD.gYear,
        XSD.gYearMonth,
        XSD.duration,
        XSD.anyURI,
    )
)
"""The datatypes a hint tries for plain text (those the cards and registries write)."""


def _held_as(store: ox.Store, text: str) -> list[ox.Literal]:
    """The literals of `text` with a language (English, or a source's) or a datatype that the
    data holds."""
    languages = {"en"} | {
        quad.object.value
        for quad in store.quads_for_pattern(None, _LANGUAGE, None, ox.DefaultGraph())
        if isinstance(quad.object, ox.Literal)
    }
    candidates = []
    for language in sorted(languages):
        try:
            candidates.append(ox.Literal(text, language=language))
        except ValueError:  # a registry's dcterms:language that is no tag
            continue
    candidates += [ox.Literal(text, datatype=datatype) for datatype in _TYPED]
    return [
        literal
        for literal in candidates
        if _any(store.quads_for_pattern(None, None, literal, ox.DefaultGraph()))
    ]


_LANGUAGE = ox.NamedNode(str(DCTERMS.language))


def _as_written(literal: ox.Literal) -> str:
    """A literal as a query writes it, its datatype a prefixed name: `"3"^^xsd:integer`."""
    text = nt(Literal(literal.value))
    if literal.language:
        return f"{text}@{literal.language}"
    return f"{text}^^{shorten(URIRef(literal.datatype.value))}"


def _named_exactly(store: ox.Store, text: str, held: list[ox.Literal]) -> list[str]:
    """The IRIs whose key is `text` (`russia`, `format/us-russia-talks`: under id: or a kind's
    prefix) or whose name is one of the literals `held`, in that order."""
    key = text.strip().casefold()
    found = []
    for iri in (f"{ID}{key}", *(f"{ID}{kind}/{key}" for kind in KINDS)):
        try:
            if _occurs(store, iri):
                found.append(iri)
        except ValueError:  # a text that no IRI holds (a space)
            break
    for literal in held:
        for prop in (RDFS.label, SKOS.prefLabel):
            quads = store.quads_for_pattern(
                None, ox.NamedNode(str(prop)), literal, ox.DefaultGraph()
            )
            found += [q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)]
    return list(dict.fromkeys(found))


def refuse_plain_names(bindings: Mapping[str, Node], origin: str) -> None:
    """Refuse a plain name for a parameter of PARAMETER_KINDS where no store is at hand to look
    it up (a remote store): bound as text, it would match nothing, silently."""
    for parameter, name, kind in _plain_names(bindings):
        raise QueryError(
            f"{origin}: parameter {parameter!r}: {name!r} is a name, and names are looked up "
            "in the local build only; at a remote store give the identifier as kg prints it "
            f"(`kg ids {kind.listed_in}` lists them)"
        )


def _plain_names(bindings: Mapping[str, Node]) -> Iterator[tuple[str, str, Kind]]:
    """(parameter, name, kind) for each parameter of PARAMETER_KINDS bound to plain text."""
    for parameter, value in bindings.items():
        kind = PARAMETER_KINDS.get(parameter)
        if kind is not None and isinstance(value, Literal) and value.datatype is None:
            yield parameter, str(value), kind  # "China" or "China"@en


def named(store: ox.Store, name: str, kind: Kind) -> URIRef | None:
    """The one member of `kind` whose key, path within the id: namespace or name is `name`
    (case aside); None when no member, or more than one, is named so."""
    found = _keys(_members(store, kind), _Names(store)).get(name.strip().casefold(), set())
    return URIRef(next(iter(found))) if len(found) == 1 else None


ACTORS_AND_ISSUES = Kind("actor or issue", (AP.Actor, AP.Issue), "all")
"""What the stances page can start from (`kg export --focus`)."""


def check_identifier(store: ox.Store, value: Node, kind: Kind, origin: str) -> None:
    """Refuse a value that names nothing of `kind` in the store, with the close identifiers of
    that kind ("did you mean ...?"), as for a query parameter."""
    if isinstance(value, URIRef) and _is_a(store, value, kind):
        return
    raise QueryError(f"{origin}: {_unknown(store, value, kind)}")


def _unknown(store: ox.Store, value: Node, kind: Kind) -> str:
    given = shorten(value) if isinstance(value, URIRef) else str(value)
    other = _kind_of(store, value) if isinstance(value, URIRef) else None
    members = _members(store, kind)
    names = _Names(store)
    keys = _keys(members, names)
    named_so = keys.get(given.casefold(), set()) if not other else set()
    if other:
        problem = f"{given} is {_a(other)}, not {_a(kind.noun)}"
    elif len(named_so) > 1:
        problem = f"{given!r} names {counted(len(named_so), kind.noun)}, not one"
    elif kind.noun == "thing":
        problem = f"{given} names nothing in the data"
    else:
        problem = f"{given if isinstance(value, URIRef) else repr(given)} names no {kind.noun}"
    close = [_written(iri, names.of(iri, members[iri])) for iri in _close(value, keys)]
    hint = f"; did you mean {_either(close)}?" if close else ""
    return f"{problem}{hint} (`kg ids {kind.listed_in}` lists them)"


# -- reading the store ------------------------------------------------------------------------


def _members(store: ox.Store, kind: Kind) -> dict[str, str]:
    """IRI -> kind name of every member of `kind`: the label of its most specific class of the
    ontology ("state", "negotiation format"), or "stance"."""
    found = _typed(store, kind.classes) if kind.instances else {}
    if kind.stances:
        scheme, in_scheme = ox.NamedNode(str(STANCE.scheme)), ox.NamedNode(str(SKOS.inScheme))
        quads = store.quads_for_pattern(None, in_scheme, scheme, ox.DefaultGraph())
        found.update(
            {q.subject.value: "stance" for q in quads if isinstance(q.subject, ox.NamedNode)}
        )
    return found


def _typed(
    store: ox.Store, classes: tuple[URIRef, ...], only: URIRef | None = None
) -> dict[str, str]:
    """IRI -> the label of its most specific class of the ontology, for every instance of
    `classes` (none: every typed IRI of the instance namespace), or for `only`."""
    if only is not None:
        wanted = f"VALUES ?x {{ <{only}> }} ?x a [] ."
    elif classes:
        wanted = "VALUES ?wanted { " + " ".join(f"<{c}>" for c in classes) + " } ?x a ?wanted ."
    else:
        wanted = f'?x a [] . FILTER (STRSTARTS(STR(?x), "{ID}"))'
    answer = store.query(
        f"""
        SELECT ?x (MIN(?name) AS ?kind) WHERE {{
          {{ SELECT DISTINCT ?x WHERE {{ {wanted} FILTER (isIRI(?x)) }} }}
          ?x a ?class .
          FILTER (STRSTARTS(STR(?class), "{AP}"))
          FILTER NOT EXISTS {{
            ?x a ?narrower . ?narrower <{RDFS.subClassOf}> ?class . FILTER (?narrower != ?class)
          }}
          OPTIONAL {{ ?class <{RDFS.label}> ?classLabel }}
          BIND (COALESCE(STR(?classLabel), STRAFTER(STR(?class), "#")) AS ?name)
        }}
        GROUP BY ?x
        """
    )
    assert isinstance(answer, ox.QuerySolutions)
    return {row["x"].value: row["kind"].value for row in answer}


def _is_a(store: ox.Store, iri: URIRef, kind: Kind) -> bool:
    node = ox.NamedNode(str(iri))
    if kind.stances:
        scheme, in_scheme = ox.NamedNode(str(STANCE.scheme)), ox.NamedNode(str(SKOS.inScheme))
        if _any(store.quads_for_pattern(node, in_scheme, scheme, ox.DefaultGraph())):
            return True
    is_a = ox.NamedNode(str(RDF.type))
    if kind.classes:
        return any(
            _any(store.quads_for_pattern(node, is_a, ox.NamedNode(str(c)), ox.DefaultGraph()))
            for c in kind.classes
        )
    return (
        kind.instances
        and str(iri).startswith(str(ID))
        and _any(store.quads_for_pattern(node, is_a, None, ox.DefaultGraph()))
    )


def _occurs(store: ox.Store, iri: str) -> bool:
    node = ox.NamedNode(iri)
    return _any(store.quads_for_pattern(node, None, None, ox.DefaultGraph())) or _any(
        store.quads_for_pattern(None, None, node, ox.DefaultGraph())
    )


def _any(quads: Iterable[ox.Quad]) -> bool:
    return next(iter(quads), None) is not None


def _kind_of(store: ox.Store, iri: URIRef) -> str | None:
    if str(iri).startswith(str(STANCE)) and _is_a(store, iri, GROUPS["stances"]):
        return "stance"
    return _typed(store, (), only=iri).get(str(iri))


class _Names:
    """Names for people: a label; for a statement, its speaker, day and first words; for a
    position, holder, stance and target; for an office term, holder and office."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def values(self, iri: str, prop: URIRef) -> list[ox.NamedNode | ox.Literal]:
        quads = self.store.quads_for_pattern(
            ox.NamedNode(iri), ox.NamedNode(str(prop)), None, ox.DefaultGraph()
        )
        found = [q.object for q in quads if isinstance(q.object, ox.NamedNode | ox.Literal)]
        return sorted(found, key=lambda term: term.value)

    def label(self, iri: str) -> str:
        for prop in (RDFS.label, SKOS.prefLabel):
            labels = [v for v in self.values(iri, prop) if isinstance(v, ox.Literal)]
            if labels:
                return ([v for v in labels if v.language == "en"] or labels)[0].value
        return ""

    def labels(self, iri: str, prop: URIRef) -> str:
        return " and ".join(
            self.label(v.value) or shorten(URIRef(v.value))
            for v in self.values(iri, prop)
            if isinstance(v, ox.NamedNode)
        )

    def of(self, iri: str, kind: str) -> str:
        if label := self.label(iri):
            return label
        if kind == "position":
            parts = [self.labels(iri, p) for p in (AP.holder, AP.stance, AP.target)]
            return " ".join(p for p in parts if p)
        if kind == "statement":
            return self.statement(iri)
        if kind == "office term":
            parts = [self.labels(iri, p) for p in (AP.officeHolder, AP.office)]
            return ", ".join(p for p in parts if p)
        return ""

    def statement(self, iri: str) -> str:
        day = next((v.value for v in self.values(iri, AP.statedOn)), "")
        words = [v.value for p in (AP.quote, AP.reportedWording) for v in self.values(iri, p)]
        said = words[0].replace("\n", " ") if words else ""
        if len(said) > _QUOTE_LENGTH:
            said = said[: _QUOTE_LENGTH - 1].rsplit(" ", 1)[0] + "\u2026"
        who = ", ".join(p for p in (self.labels(iri, AP.speaker), day) if p)
        return f'{who}: "{said}"' if said else who


def _close(value: Node, keys: Mapping[str, set[str]]) -> list[str]:
    """Up to five members close to `value` (`keys`: see _keys): those whose label, name or
    last name part is the value (case aside), then the most alike (difflib), then those
    holding it."""
    wanted = [_within(str(value)), _last_part(str(value))] if isinstance(value, URIRef) else []
    wanted = [w.casefold() for w in wanted or [str(value)] if w]
    ordered = sorted(keys)
    ranked = [iri for w in wanted if w in keys for iri in sorted(keys[w])]
    for w in wanted:
        alike = difflib.get_close_matches(w, ordered, n=_SUGGESTIONS, cutoff=0.6)
        ranked += [iri for key in alike for iri in sorted(keys[key])]
    ranked += [iri for key in ordered for w in wanted if w in key for iri in sorted(keys[key])]
    return list(dict.fromkeys(ranked))[:_SUGGESTIONS]


def _keys(members: Mapping[str, str], names: _Names) -> dict[str, set[str]]:
    """The members by each way a person may name one, case aside: the last part of its IRI,
    its path within the id: namespace, and its name (`china`, `format/us-russia-talks`,
    `US-Russia talks on nuclear arms`)."""
    keys: dict[str, set[str]] = {}
    for iri, kind in members.items():
        for key in (_last_part(iri), _within(iri), names.of(iri, kind)):
            if key:
                keys.setdefault(key.casefold(), set()).add(iri)
    return keys


def _last_part(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _within(iri: str) -> str:
    """The IRI's path within the project's instance namespace (position/russia/supports/x)."""
    return iri.removeprefix(str(ID)) if iri.startswith(str(ID)) else ""


def _written(iri: str, label: str) -> str:
    name = shorten(URIRef(iri))
    return f"{name} ({label})" if label else name


def _either(options: list[str]) -> str:
    if len(options) == 1:
        return options[0]
    return ", ".join(options[:-1]) + " or " + options[-1]


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"
