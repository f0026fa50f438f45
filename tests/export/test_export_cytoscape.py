"""Cytoscape JSON: the vendored Cytoscape.js loads it under Node with every node and edge."""

import json

import pytest
from export_support import cytoscape_load, exported, projected

from kg.export import VIEWS


@pytest.mark.parametrize("view", list(VIEWS))
def test_cytoscape_js_loads_every_element(view):
    path = exported(view, "cytoscape").path
    loaded = cytoscape_load(path)
    graph = projected(view)
    assert (loaded["nodes"], loaded["edges"]) == (graph.number_of_nodes(), graph.number_of_edges())
    assert sorted(map(tuple, loaded["edgeIds"])) == sorted(graph.edges(keys=True))
    assert loaded["labels"] == {n: d["label"] for n, d in graph.nodes(data=True)}


def test_document_shape():
    document = json.loads(exported("stances", "cytoscape").path.read_text(encoding="utf-8"))
    assert document["data"] == {"name": "stances view", "view": "stances"}
    edge = next(
        e["data"]
        for e in document["elements"]["edges"]
        if e["data"]["id"]
        == "<https://w3id.org/actors-positions/id/position/united-states/supports/one-year-limits>"
    )
    assert (edge["source"], edge["target"], edge["name"]) == (
        "id:united-states",
        "proposal:one-year-limits",
        "supports",
    )
    assert (edge["evidenceCount"], edge["superseded"]) == (2, True)
    node = next(n["data"] for n in document["elements"]["nodes"] if n["data"]["id"] == "id:china")
    assert node == {
        "id": "id:china",
        "name": "China",
        "label": "China",
        "kind": "state",
        "group": "actor",
        "iri": "https://w3id.org/actors-positions/id/china",
    }
