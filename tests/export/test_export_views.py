"""The three projections on the embedded data: exact nodes, edges and attributes."""

import networkx as nx
import pytest
from export_support import edges_of, embedded, projected

from kg.export import actors_view, full_view, stances_view

US = "id:united-states"
ONE_YEAR = "proposal:one-year-limits"


def test_stances_view_has_one_edge_per_position():
    graph = projected("stances")
    assert isinstance(graph, nx.MultiDiGraph)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (11, 11)
    actors = sorted(n for n, d in graph.nodes(data=True) if d["group"] == "actor")
    assert actors == ["id:china", "id:russia", US]
    assert dict(graph.nodes["format:us-russia-talks"]) == {
        "label": "US-Russia talks on nuclear arms",
        "kind": "negotiation format",
        "group": "issue",
        "iri": "https://w3id.org/actors-positions/id/format/us-russia-talks",
    }
    kinds = sorted(d["kind"] for _, d in graph.nodes(data=True))
    assert kinds == [
        "event",
        "negotiation format",
        "negotiation format",
        "negotiation format",
        "policy",
        "proposal",
        "proposal",
        "state",
        "state",
        "state",
        "treaty",
    ]


def test_a_superseded_position_stays_and_is_marked():
    edges = edges_of(projected("stances"))
    both = {k: d for (u, v, k), d in edges.items() if (u, v) == (US, ONE_YEAR)}
    assert sorted(both) == [
        "<https://w3id.org/actors-positions/id/position/united-states/rejects/one-year-limits>",
        "<https://w3id.org/actors-positions/id/position/united-states/supports/one-year-limits>",
    ]
    earlier = both[
        "<https://w3id.org/actors-positions/id/position/united-states/supports/one-year-limits>"
    ]
    assert earlier == {
        "label": "supports",
        "stance": "stance:Supports",
        "stanceLabel": "supports",
        "polarity": "positive",
        "condition": "",
        "since": "2025-10-05",
        "until": "",
        "holders": "United States",
        "evidenceCount": 2,
        "sourceCount": 2,
        "sources": "News article on the lapse of New START; "
        "TASS: Trump on Putin's offer to keep New START limits",
        "quotes": "That sounds like a good idea to me | sounding good",
        "superseded": True,
        "supersededBy": "<https://w3id.org/actors-positions/id/position/united-states/rejects/one-year-limits>",
        "position": "https://w3id.org/actors-positions/id/position/united-states/supports/"
        "one-year-limits",
        "iri": "https://w3id.org/actors-positions/id/position/united-states/supports/"
        "one-year-limits",
    }
    later = both[
        "<https://w3id.org/actors-positions/id/position/united-states/rejects/one-year-limits>"
    ]
    assert (later["superseded"], later["since"], later["polarity"]) == (
        False,
        "2026-02-05",
        "negative",
    )


def test_conditions_and_undated_positions():
    edges = edges_of(projected("stances"))
    key = (
        "id:russia",
        "format:us-russia-talks",
        "<https://w3id.org/actors-positions/id/position/russia/conditionally-supports/us-russia-talks>",
    )
    conditional = edges[key]
    assert conditional["condition"] == "The US responds constructively to Putin's earlier proposal"
    assert conditional["since"] == ""  # the article does not date it; nothing is guessed
    assert conditional["stanceLabel"] == "conditionally supports"
    assert sorted(d["stance"] for d in edges.values()) == [
        "stance:CommitsTo",
        "stance:CommitsTo",
        "stance:ConditionallySupports",
        "stance:Demands",
        "stance:Opposes",
        "stance:RefusesToParticipate",
        "stance:Regrets",
        "stance:Rejects",
        "stance:Supports",
        "stance:Supports",
        "stance:Supports",
    ]
    assert sum(1 for d in edges.values() if d["since"]) == 5


def test_actors_view_says_who_speaks_for_whom():
    graph = projected("actors")
    # the registry holds the actors and offices of the record too (issue 15)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (67, 43)
    kinds = {}
    for _, data in graph.nodes(data=True):
        kinds[data["kind"]] = kinds.get(data["kind"], 0) + 1
    assert kinds == {"person": 26, "office": 21, "organisation": 14, "state": 6}
    relations = sorted((u, d["label"], v) for u, v, d in graph.edges(data=True))
    assert ("id:dmitry-peskov", "speaks for", "id:russia") in relations
    assert ("id:kremlin", "part of", "id:russia") in relations
    assert ("office:kremlin-spokesperson", "post in", "id:kremlin") in relations
    assert ("id:dmitry-peskov", "holds office", "office:kremlin-spokesperson") in relations
    trump = edges_of(graph)[
        ("id:donald-trump", US, "id:donald-trump ap:onBehalfOf id:united-states")
    ]
    assert trump == {
        "label": "speaks for",
        "relation": "ap:onBehalfOf",
        "iri": "https://w3id.org/actors-positions/ontology#onBehalfOf",
        "since": "2025-10-05",
        "until": "2026-02-05",
        "statementCount": 5,
        "offices": "President of the United States",
    }
    assert graph.nodes[US]["wikidata"] == "http://www.wikidata.org/entity/Q30"


def test_reported_speech_gives_a_relays_edge():
    edges = edges_of(projected("actors", "hostile"))
    relays = edges[("id:evil-corp", "id:mallory", "id:evil-corp ap:reportedBy id:mallory")]
    assert (relays["label"], relays["statementCount"], relays["since"]) == (
        "relays",
        1,
        "2026-03-02",
    )
    speaks = edges[("id:mallory", "id:evil-corp", "id:mallory ap:onBehalfOf id:evil-corp")]
    assert speaks["label"] == "speaks for"


def test_full_view_keeps_every_triple():
    graph = projected("full")
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (298, 1136)
    peskov = graph.nodes["id:dmitry-peskov"]
    assert (peskov["label"], peskov["kind"], peskov["rdfs:label"]) == (
        "Dmitry Peskov",
        "person",
        "Dmitry Peskov",
    )
    edges = edges_of(graph)
    inferred = edges[
        ("event:new-start-expiry", "ap:Event", "event:new-start-expiry rdf:type ap:Event")
    ]
    assert (inferred["inferred"], inferred["graphs"], inferred["label"]) == (
        True,
        "graph:inferred",
        "rdf:type",
    )
    regrets = "<https://w3id.org/actors-positions/id/position/russia/regrets/new-start-expiry>"
    stated = edges[(regrets, "id:russia", f"{regrets} ap:holder id:russia")]
    assert (stated["inferred"], stated["graphs"], stated["label"]) == (
        False,
        "<https://w3id.org/actors-positions/graph/source/new-start-lapse-article>",
        "holder",
    )


@pytest.mark.parametrize("view", [stances_view, actors_view, full_view])
def test_attributes_are_plain_and_never_none(view):
    graph = view(embedded())
    for _, data in graph.nodes(data=True):
        assert {"label", "kind", "iri"} <= data.keys()
        assert all(type(v) in (str, int, float, bool) for v in data.values())
    keys = None
    for *_, data in graph.edges(keys=True, data=True):
        assert all(type(v) in (str, int, float, bool) for v in data.values())
        assert keys is None or list(data) == keys  # every edge has the same columns
        keys = list(data)


def test_projection_is_sorted_and_repeatable():
    first, second = stances_view(embedded()), stances_view(embedded())
    assert list(first.nodes) == sorted(first.nodes)
    assert list(first.edges(keys=True)) == sorted(first.edges(keys=True))
    assert list(first.edges(keys=True, data=True)) == list(second.edges(keys=True, data=True))
