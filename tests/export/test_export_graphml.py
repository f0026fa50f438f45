"""GraphML: networkx reads every export back to the same nodes, edges, keys and attributes."""

import networkx as nx
import pytest
from export_support import edges_of, exported, nodes_of, projected

from kg.export import VIEWS


@pytest.mark.parametrize("view", list(VIEWS))
def test_networkx_reads_back_the_same_graph(view):
    path = exported(view, "graphml").path
    read = nx.read_graphml(path, force_multigraph=True)
    graph = projected(view)
    assert isinstance(read, nx.MultiDiGraph)
    assert nodes_of(read) == nodes_of(graph)
    assert edges_of(read) == edges_of(graph)  # keys are the edge ids; ints and booleans kept


def test_the_file_declares_typed_keys():
    text = exported("stances", "graphml").path.read_text(encoding="utf-8")
    assert 'attr.name="evidenceCount" attr.type="long"' in text
    assert 'attr.name="superseded" attr.type="boolean"' in text
    position = (
        "https://w3id.org/actors-positions/id/position/united-states/supports/one-year-limits"
    )
    assert (
        '<edge source="id:united-states" target="proposal:one-year-limits" '
        f'id="&lt;{position}&gt;">'
    ) in text
