"""GEXF 1.2: valid against the GEXF 1.2 schema, and networkx reads it back unchanged."""

import networkx as nx
import pytest
from export_support import edges_of, exported, gexf_schema, nodes_of, projected
from lxml import etree

from kg.export import VIEWS


@pytest.mark.parametrize("view", list(VIEWS))
def test_valid_against_the_gexf_schema(view):
    schema = gexf_schema()
    document = etree.parse(str(exported(view, "gexf").path))
    assert schema.validate(document), schema.error_log


def test_the_schema_check_can_fail():
    document = etree.parse(str(exported("stances", "gexf").path))
    edge = document.find(".//{http://www.gexf.net/1.2draft}edge")
    del edge.attrib["source"]
    assert not gexf_schema().validate(document)


@pytest.mark.parametrize("view", list(VIEWS))
def test_networkx_reads_back_the_same_graph(view):
    read = nx.read_gexf(exported(view, "gexf").path)
    graph = projected(view)
    assert nodes_of(read) == nodes_of(graph)
    edges = {}
    for source, target, key, data in read.edges(keys=True, data=True):
        assert data.pop("id") == key  # the GEXF edge id is the edge's key
        edges[(source, target, key)] = data
    assert edges == edges_of(graph)


def test_edge_ids_are_position_ids_and_there_is_no_date():
    text = exported("stances", "gexf").path.read_text(encoding="utf-8")
    position = "https://w3id.org/actors-positions/id/position/russia/regrets/new-start-expiry"
    assert f'id="&lt;{position}&gt;"' in text
    assert "lastmodifieddate" not in text  # the same data gives the same bytes on any day
    assert 'title="evidenceCount" type="long"' in text
