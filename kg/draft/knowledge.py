"""What the project knows that a draft refers to: actors with their names, offices with their
holders over time, and issues with their names.

The registry (registry.ttl) gives actors, offices and treaties; the cards give who held which
office (their `office-terms`, and the offices their statements name) and the proposals,
formats, policies and events they introduce. Read from disk, as `kg check-card` reads the
registry: no build is needed.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.loading import read_graph
from kg.namespaces import AP, ID
from kg.project import Project

_ORG = "http://www.w3.org/ns/org#"
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_ISSUE_SECTIONS = ("proposals", "formats", "policies", "events", "treaties", "treaty-events")
_KINDS = {AP.State: "state", AP.Person: "person", AP.Organisation: "organisation"}


@dataclass(frozen=True)
class Term:
    """One office held by one person, between two days when known."""

    holder: str
    office: str
    start: datetime.date | None = None
    end: datetime.date | None = None

    def covers(self, day: datetime.date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass
class Knowledge:
    """Keys and names of the project's actors, offices and issues."""

    actors: dict[str, str] = field(default_factory=dict)
    """Actor key to its kind: state, person or organisation."""
    names: dict[str, list[str]] = field(default_factory=dict)
    """Actor, office or issue key to its names (label first, then alternative names)."""
    offices: dict[str, str] = field(default_factory=dict)
    """Office key (without office/) to the organisation or state it is a post in."""
    parent: dict[str, str] = field(default_factory=dict)
    """Organisation key to the organisation or state it is part of."""
    terms: list[Term] = field(default_factory=list)
    spoke_as: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(speaker, office) pairs of the cards' statements: who is known to speak in which office."""
    channels: set[str] = field(default_factory=set)
    """Channel keys (channel/...)."""
    members: dict[str, set[str]] = field(default_factory=dict)
    """Issue key to the participants the cards give it."""
    participants: dict[str, int] = field(default_factory=dict)
    """Issue key to how many participants the cards give it (a trilateral format has 3)."""
    issues: dict[str, list[str]] = field(default_factory=dict)
    """Issue key (treaty/..., proposal/..., format/..., policy/..., event/...) to its names."""

    def label(self, key: str) -> str:
        return (self.names.get(key) or self.issues.get(key) or [key])[0]

    def state_of(self, actor: str) -> str | None:
        """For whom an actor or office speaks: the state up its organisations, else the
        topmost organisation (the UN for its Secretary-General)."""
        seen = set()
        top = None
        while actor and actor not in seen:
            seen.add(actor)
            if self.actors.get(actor) == "state":
                return actor
            if self.actors.get(actor) == "organisation":
                top = actor
            actor = self.parent.get(actor) or self.offices.get(actor) or ""
        return top

    def holders(self, office: str, day: datetime.date | None) -> list[str]:
        """Who held `office` on `day`, best evidenced first: terms dated around the day, then
        undated terms of people known to speak in that office."""
        dated = sorted(
            {t.holder for t in self.terms if t.office == office and t.dated and t.covers(day)}
        )
        if dated:
            return dated
        undated = {t.holder for t in self.terms if t.office == office and not t.dated}
        undated |= {s for s, o in self.spoke_as if o == office}
        return sorted(undated, key=lambda h: (-self.spoke_as[(h, office)], h))

    def offices_of(self, person: str, day: datetime.date | None) -> list[str]:
        """The offices a person held on `day`, most often spoken in first."""
        offices = {t.office for t in self.terms if t.holder == person and t.covers(day)}
        offices |= {o for s, o in self.spoke_as if s == person}
        return sorted(offices, key=lambda o: (-self.spoke_as[(person, o)], o))


def load_knowledge(project: Project) -> Knowledge:
    knowledge = Knowledge()
    _read_registry(knowledge, project.registry_file)
    for path in project.cards():
        _read_card(knowledge, path)
    return knowledge


def _key(node: object) -> str | None:
    text = str(node)
    return text[len(ID) :] if isinstance(node, URIRef) and text.startswith(ID) else None


def _read_registry(knowledge: Knowledge, path: Path) -> None:
    graph = read_graph(path)  # a registry that does not read is named, with its line
    for cls, kind in _KINDS.items():
        for node in graph.subjects(RDF.type, cls):
            if (key := _key(node)) is not None:
                knowledge.actors[key] = kind
    for node in graph.subjects(RDF.type, AP.Office):
        key = _key(node)
        post = _key(graph.value(node, URIRef(_ORG + "postIn")))
        if key is not None and key.startswith("office/"):
            knowledge.offices[key[len("office/") :]] = post or ""
    knowledge.channels = {k for n in graph.subjects(RDF.type, AP.Channel) if (k := _key(n))}
    for node, parent in graph.subject_objects(URIRef(_ORG + "subOrganizationOf")):
        if (key := _key(node)) and (up := _key(parent)):
            knowledge.parent[key] = up
    for node in set(graph.subjects(RDFS.label, None)):
        key = _key(node)
        if key is None:
            continue
        names = [str(graph.value(node, RDFS.label))]
        names += sorted(str(n) for n in graph.objects(node, SKOS.altLabel))
        names += sorted(str(n) for n in graph.objects(node, AP.shortName))
        if key.startswith("office/"):
            knowledge.names[key[len("office/") :]] = names
        elif key.startswith("treaty/"):
            knowledge.issues[key] = _unique(names)
        elif key in knowledge.actors:
            knowledge.names[key] = names


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def _day(value: object) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _texts(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str)]
    return [value] if isinstance(value, str) and value.strip() else []


def _read_card(knowledge: Knowledge, path: Path) -> None:
    try:
        card = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return  # a broken card is `kg build`'s to report, not the draft's
    if not isinstance(card, dict):
        return
    for term in card.get("office-terms") or []:
        if isinstance(term, dict) and isinstance(term.get("holder"), str):
            office = str(term.get("office", "")).removeprefix("office/")
            knowledge.terms.append(
                Term(term["holder"], office, _day(term.get("start")), _day(term.get("end")))
            )
    statements = card.get("statements")
    if isinstance(statements, dict):
        for entry in statements.values():
            if isinstance(entry, dict) and isinstance(entry.get("office"), str):
                speaker = entry.get("speaker")
                if isinstance(speaker, str):
                    knowledge.spoke_as[(speaker, entry["office"].removeprefix("office/"))] += 1
    for section in _ISSUE_SECTIONS:
        entries = card.get(section)
        if not isinstance(entries, dict):
            continue
        for key, entry in entries.items():
            if not isinstance(entry, dict):
                continue
            names = knowledge.issues.setdefault(str(key), [])
            if members := _texts(entry.get("participants")):
                knowledge.participants[str(key)] = len(members)
                knowledge.members[str(key)] = set(members)
            for name in _texts(entry.get("label")) + _texts(entry.get("alt-label")):
                if name not in names:
                    names.append(name)
