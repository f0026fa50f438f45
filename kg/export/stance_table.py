"""The stance table: the answers of `who-supports-which-format`, and what the matrix and the
timeline draw beside them.

The cells of the matrix are the query's rows, taken as they come (one row per position, and
per condition of a position), so that what the views show is, by construction, what
`kg query who-supports-which-format` answers. Beside them the views need what the query does
not return: the holders of each position as identifiers (the query joins their names), the
state an official or agency belongs to, the stances' polarities, which position superseded
which, and the evidence of each position. Every query runs on the same engine as `kg query`.

The evidence follows the rule of the named query `evidence-for-position` (each source's own
words; of a statement some of whose words the position cites, those only), but is gathered
from plain patterns (evidence links, statements, each source's words, names, addresses) and
joined here: the named query, run over every position of a 2,000-card build at once, did not
finish within a minute, where these take about 3 s. A test checks that both give the same
evidence.
"""

from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.errors import KgError
from kg.namespaces import PREFIXES, shorten
from kg.queries import named_queries, run, safe_query
from kg.results import rows

QueryTarget = Graph | ox.Store
"""A build's Oxigraph store (what `kg query` answers from) or an rdflib dataset."""

JOINT = "; "
"""How the query joins the names of a joint position's holders."""

_HOLDERS = """
SELECT ?position ?holder ?name ?kind ?state ?stateName WHERE {
  ?position a ap:Position ; ap:holder ?holder .
  OPTIONAL { ?holder rdfs:label ?englishName . FILTER (LANGMATCHES(LANG(?englishName), "en")) }
  BIND (COALESCE(STR(?englishName), STR(?holder)) AS ?name)
  OPTIONAL {
    VALUES (?class ?kind) {
      (ap:State "state") (ap:Person "person") (ap:Organisation "organisation")
    }
    ?holder a ?class .
  }
  OPTIONAL {
    # The state an actor belongs to: itself, the state an organisation is part of
    # (org:subOrganizationOf, at any depth), or the state of an office its holder held.
    { ?holder a ap:State . BIND (?holder AS ?state) }
    UNION { ?holder org:subOrganizationOf+ ?state . ?state a ap:State }
    UNION {
      { ?term ap:officeHolder ?holder } UNION { ?holder ap:holdsOffice ?term }
      ?term ap:office/org:postIn ?postIn .
      ?postIn org:subOrganizationOf* ?state .
      ?state a ap:State .
    }
    OPTIONAL { ?state rdfs:label ?stateLabel . FILTER (LANGMATCHES(LANG(?stateLabel), "en")) }
    BIND (COALESCE(STR(?stateLabel), STR(?state)) AS ?stateName)
  }
}
"""
"""Each position's holders, with their kind and the state they belong to (the model's own
links, as the `spokespeople` query follows them: nothing is guessed)."""

_CHANGES = """
SELECT DISTINCT ?earlier ?later WHERE {
  { ?later ap:supersedes ?earlier } UNION { ?earlier ap:supersededBy ?later }
}
"""
"""Which position superseded which, as `position-changes` and `?current` read it."""

_EVIDENCE = "SELECT ?position ?statement WHERE { ?position ap:evidence ?statement }"

_STATEMENTS = """
SELECT ?statement ?speaker ?date WHERE {
  ?statement a ap:Statement .
  OPTIONAL { ?statement ap:speaker ?speaker }
  OPTIONAL { ?statement ap:statedOn ?date }
}
"""

_NAMES = "SELECT ?node ?name WHERE { ?node rdfs:label ?name . FILTER (isIRI(?node)) }"

_URLS = "SELECT ?node ?url WHERE { ?node schema:url ?url }"

_REPORTS = """
SELECT ?statement ?source ?property ?text WHERE {
  GRAPH ?report {
    ?statement ap:reportedIn ?source ; ?property ?text .
    VALUES ?property { ap:quote ap:reportedWording ap:dateNote }
  }
}
"""
"""Each source's report of a statement: its words and how it dated it, in the source's own
named graph. (Plain patterns, joined in Python: the same facts gathered with OPTIONALs took
twice as long at 2,000 cards.)"""

_CITED = "SELECT ?position ?text WHERE { ?position ap:evidenceWords ?text }"

_STANCES = """
SELECT ?stance ?label ?polarity WHERE {
  ?stance skos:inScheme stance:scheme ; skos:prefLabel ?label .
  OPTIONAL { ?stance ap:polarity ?polarity }
}
ORDER BY ?stance
"""
"""The stance scheme, for the legend and the colours."""


@dataclass(frozen=True)
class Evidence:
    """One statement that shows a position, as one source reports it."""

    statement: str
    speaker: str
    date: str
    date_note: str
    quotes: str
    wording: str
    source: str
    source_url: str


@dataclass
class Position:
    """A position with everything the views show of it; `rows` are its query rows."""

    id: str
    holders: list[str]
    holder_label: str
    target: str
    stance: str
    stance_label: str
    polarity: str
    conditions: list[str]
    since: str
    until: str
    evidence_count: int
    source_count: int
    current: bool
    superseded_by: list[str] = field(default_factory=list)
    supersedes: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)

    @property
    def joint(self) -> bool:
        return len(self.holders) > 1

    @property
    def conditional(self) -> bool:
        return bool(self.conditions)


@dataclass(frozen=True)
class Issue:
    id: str
    label: str
    kind: str


@dataclass(frozen=True)
class Actor:
    id: str
    label: str
    kind: str
    state: str
    """The state it belongs to (itself for a state), '' when none is known."""
    state_label: str


@dataclass
class StanceTable:
    """The query's rows and what the views draw from them."""

    rows: list[dict[str, str]]
    issues: list[Issue]
    actors: list[Actor]
    positions: dict[str, Position]
    stances: list[tuple[str, str, str]]
    """Each stance of the scheme: id, name, polarity."""

    def cells(self, as_of: str = "") -> dict[tuple[str, str], list[Position]]:
        """(actor, issue) to the positions held there: the current ones, or those held on
        `as_of` (YYYY-MM-DD); in the query's order."""
        found: dict[tuple[str, str], list[Position]] = {}
        for position in self.positions.values():
            if held(position, self.positions, as_of):
                for holder in position.holders:
                    found.setdefault((holder, position.target), []).append(position)
        return found

    def dates(self) -> list[str]:
        """Every day a position starts, ends or is evidenced, in order."""
        days = {d for p in self.positions.values() for d in (p.since, p.until) if d}
        days |= {e.date for p in self.positions.values() for e in p.evidence if e.date}
        return sorted(days)


def held(position: Position, positions: Mapping[str, Position], as_of: str = "") -> bool:
    """Whether a position is held: without a day, when no later position superseded it (the
    query's ?current); on a day, when it began by then (or its start is unknown), had not
    ended before, and no position that supersedes it is known by then (or undated). The same
    rule as the stances page and the matrix page's script."""
    if not as_of:
        return position.current
    if position.since and position.since > as_of:
        return False
    if position.until and position.until < as_of:
        return False
    for later in position.superseded_by:
        since = positions[later].since if later in positions else ""
        if not since or since <= as_of:
            return False
    return True


def stance_table(source: QueryTarget) -> StanceTable:
    """Run who-supports-which-format (and the queries beside it) and assemble the table."""
    named = named_queries()["who-supports-which-format"]
    if isinstance(source, ox.Store):
        # The named query runs while this module's own queries are read: the engine works on
        # one while Python converts the other (about a third less time at 2,000 cards).
        with ThreadPoolExecutor(max_workers=1) as pool:
            answered = pool.submit(run, named, source)
            holders = _select(source, _HOLDERS)
            facts = _Facts.read(source)
            table_rows = _records(answered.result())
    else:  # rdflib's SPARQL parser is not thread-safe
        table_rows = _records(run(named, source))
        holders = _select(source, _HOLDERS)
        facts = _Facts.read(source)
    stances = [(r["stance"], r["label"], r.get("polarity", "")) for r in _select(source, _STANCES)]
    polarity = {s: p for s, _, p in stances}
    positions = _positions(table_rows, holders, polarity)
    for change in facts.changes:
        earlier, later = change["earlier"], change["later"]
        if earlier in positions:
            positions[earlier].superseded_by.append(later)
        if later in positions:
            positions[later].supersedes.append(earlier)
    _add_evidence(facts, positions)
    issues = list(
        {
            r["target"]: Issue(r["target"], r.get("targetLabel") or r["target"], r["targetKind"])
            for r in table_rows
        }.values()
    )
    return StanceTable(table_rows, issues, _actors(holders, positions), positions, stances)


@dataclass
class _Facts:
    """What the evidence is made of, as this module's queries return it."""

    names: list[dict[str, str]]
    urls: list[dict[str, str]]
    statements: list[dict[str, str]]
    reports: list[dict[str, str]]
    cited: list[dict[str, str]]
    evidence: list[dict[str, str]]
    changes: list[dict[str, str]]

    @classmethod
    def read(cls, source: QueryTarget) -> "_Facts":
        return cls(
            *(
                _select(source, q)
                for q in (_NAMES, _URLS, _STATEMENTS, _REPORTS, _CITED, _EVIDENCE, _CHANGES)
            )
        )


def _add_evidence(facts: _Facts, positions: Mapping[str, Position]) -> None:
    """Each position's evidence, one record per statement and source, earliest first."""
    names: dict[str, str] = {}
    for record in facts.names:
        names[record["node"]] = min(record["name"], names.get(record["node"], record["name"]))
    urls: dict[str, str] = {}
    for record in facts.urls:
        urls[record["node"]] = min(record["url"], urls.get(record["node"], record["url"]))
    statements = {r["statement"]: r for r in facts.statements}
    reports: dict[str, dict[str, dict[str, set[str]]]] = {}
    for record in facts.reports:
        words = reports.setdefault(record["statement"], {}).setdefault(record["source"], {})
        words.setdefault(record["property"], set()).add(record["text"])
    cited: dict[str, set[str]] = {}
    for record in facts.cited:
        cited.setdefault(record["position"], set()).add(record["text"])
    for record in facts.evidence:
        position = positions.get(record["position"])
        if position is None:
            continue
        statement = record["statement"]
        fact = statements.get(statement, {})
        speaker = fact.get("speaker", "")
        for source_id, report in sorted(reports.get(statement, {"": {}}).items()):
            shown = {p: sorted(_shown(report, p, cited.get(position.id, set()))) for p in _WORDS}
            item = Evidence(
                statement=statement,
                speaker=names.get(speaker, speaker),
                date=fact.get("date", ""),
                date_note=min(report.get("ap:dateNote", {""})),
                quotes=" | ".join(shown["ap:quote"]),
                wording=" | ".join(shown["ap:reportedWording"]),
                source=names.get(source_id, source_id),
                source_url=urls.get(source_id, ""),
            )
            if item not in position.evidence:
                position.evidence.append(item)
    for position in positions.values():
        position.evidence.sort(key=lambda e: (e.date or "9999", e.statement, e.source))


_WORDS = ("ap:quote", "ap:reportedWording")


def _shown(words: Mapping[str, set[str]], prop: str, cited: set[str]) -> set[str]:
    """A source's words for a statement that show a position: those the position cites
    (ap:evidenceWords) where it cites some of them, else all (evidence-for-position's rule)."""
    every: set[str] = set().union(*(words.get(p, set()) for p in _WORDS))
    mine = words.get(prop, set())
    return mine & cited if every & cited else mine


def _records(result: Any) -> list[dict[str, str]]:
    """Rows as {column: text}, unbound columns left out."""
    header, body = rows(result)
    return [{h: v for h, v in zip(header, row, strict=True) if v != ""} for row in body]


@lru_cache(maxsize=1 << 16)
def _short(iri: str) -> str:
    """An IRI as `kg query` writes it (kg.namespaces.shorten), once per IRI: positions and
    statements come back in several of the queries."""
    return shorten(URIRef(iri))


def _select(source: QueryTarget, text: str) -> list[dict[str, str]]:
    """The rows of one of this module's own queries, written as `kg query` writes terms.

    On a store the solutions are read directly, each term converted once: the detour through
    rdflib terms (kg.queries.run) took a third of the time of these large answers."""
    if not isinstance(source, ox.Store):
        return _records(run(text, source))

    def term(value: object) -> str:
        if isinstance(value, ox.NamedNode):
            return _short(value.value)
        return str(getattr(value, "value", value))

    solutions = source.query(safe_query(text), prefixes=PREFIXES)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [
        {n: term(v) for n, v in zip(names, solution, strict=True) if v is not None}
        for solution in solutions
    ]


def _positions(
    table_rows: list[dict[str, str]],
    holders: list[dict[str, str]],
    polarity: Mapping[str, str],
) -> dict[str, Position]:
    holders_of: dict[str, dict[str, str]] = {}
    for record in holders:
        holders_of.setdefault(record["position"], {})[record["holder"]] = record["name"]
    positions: dict[str, Position] = {}
    for row in table_rows:
        ident = row.get("position")
        if ident is None:
            continue  # an issue on which no position is known: a column without cells
        position = positions.get(ident)
        if position is None:
            names = holders_of.get(ident, {})
            if JOINT.join(sorted(names.values())) != row.get("holderLabel", ""):
                raise KgError(
                    f"the holders of {ident} ({', '.join(sorted(names))}) are not those "
                    f"who-supports-which-format names ({row.get('holderLabel', '')!r})"
                )
            position = positions[ident] = Position(
                id=ident,
                holders=sorted(names, key=lambda h: (names[h], h)),
                holder_label=row.get("holderLabel", ""),
                target=row["target"],
                stance=row.get("stance", ""),
                stance_label=row.get("stanceLabel", row.get("stance", "")),
                polarity=polarity.get(row.get("stance", ""), ""),
                conditions=[],
                since=row.get("since", ""),
                until=row.get("until", ""),
                evidence_count=int(row.get("evidenceCount", "0")),
                source_count=int(row.get("sourceCount", "0")),
                current=row.get("current") == "true",
            )
        if "condition" in row:
            position.conditions.append(row.get("conditionLabel") or row["condition"])
        position.rows.append(row)
    return positions


def _actors(holders: Iterable[dict[str, str]], positions: Mapping[str, Position]) -> list[Actor]:
    """The holders of the positions shown, each under the state it belongs to: states first
    with their officials and agencies, then actors of no state, by name."""
    found: dict[str, dict[str, Any]] = {}
    for record in holders:
        if record["position"] not in positions:
            continue
        actor = found.setdefault(
            record["holder"],
            {"label": record["name"], "kinds": set(), "states": set()},
        )
        if "kind" in record:
            actor["kinds"].add(record["kind"])
        if "state" in record:
            actor["states"].add((record["stateName"], record["state"]))
    actors = []
    for ident, actor in found.items():
        kind = min(actor["kinds"], default="actor")
        states = sorted(actor["states"])
        own = next(((n, s) for n, s in states if s == ident), None)
        state_label, state = own or (states[0] if states else ("", ""))
        actors.append(Actor(ident, actor["label"], kind, state, state_label))
    return sorted(actors, key=_actor_order)


def _actor_order(actor: Actor) -> tuple[int, str, str, int, str, str]:
    own_state = actor.state == actor.id
    return (
        0 if actor.state else 1,
        actor.state_label.casefold(),
        actor.state,
        0 if own_state else 1,
        actor.label.casefold(),
        actor.id,
    )
