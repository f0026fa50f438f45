"""CSV node and edge lists: readable back, and no cell a spreadsheet would run as a formula."""

import csv

import pytest
from export_support import edges_of, exported, nodes_of, projected

from kg.export import VIEWS
from kg.export.tables import FORMULA_STARTS, cell, paths


def rows(path):
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return cell(value)


@pytest.mark.parametrize("view", list(VIEWS))
def test_lists_read_back_to_the_graph(view):
    nodes_path, edges_path = exported(view, "csv").paths
    graph = projected(view)
    nodes = {row.pop("id"): row for row in rows(nodes_path)}
    assert nodes == {n: {k: _text(v) for k, v in d.items()} for n, d in nodes_of(graph).items()}
    edges = {(row.pop("source"), row.pop("target"), row.pop("id")): row for row in rows(edges_path)}
    assert edges == {k: {n: _text(v) for n, v in d.items()} for k, d in edges_of(graph).items()}


def test_headers_are_what_gephi_recognises():
    nodes_path, edges_path = exported("stances", "csv").paths
    assert nodes_path.name == "stances.nodes.csv"
    assert nodes_path.read_bytes().startswith(b"id,label,kind,group,iri\r\n")
    assert edges_path.read_bytes().startswith(b"id,source,target,label,stance,stanceLabel,")


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_formula_cells_get_an_apostrophe(start):
    assert cell(f"{start}1+1") == f"'{start}1+1"


def test_other_cells_stay_as_they_are():
    assert [cell(v) for v in ("Russia", "2026-02-05", 3, True, False, "a=b", " =x")] == [
        "Russia",
        "2026-02-05",
        "3",
        "true",
        "false",
        "a=b",
        " =x",
    ]


def test_output_names(tmp_path):
    assert paths(tmp_path / "out.csv") == (tmp_path / "out.nodes.csv", tmp_path / "out.edges.csv")
    assert paths(tmp_path / "out") == (tmp_path / "out.nodes.csv", tmp_path / "out.edges.csv")
