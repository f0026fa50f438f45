"""The fast path reports exactly what pySHACL reports: every fixture, all bad fixtures at once,
the embedded dataset, and the same data spread over named graphs."""

import pytest
from fastshacl_support import (
    BAD_CASES,
    CASES,
    GOOD_CASES,
    QUERIES,
    agree,
    assert_same,
    by_fast_path,
    by_pyshacl,
    data_of,
    graph_of_store,
    plain_store,
    store_of_dataset,
)
from rdflib import Dataset, URIRef

from kg.dataset import load_dataset, union
from kg.fastshacl import validate_store
from kg.validation import validate, violations_of_files


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_every_fixture_gives_the_report_of_pyshacl(case):
    violations = assert_same(data_of([case]))
    assert violations == violations_of_files([case])
    assert bool(violations) == (case in BAD_CASES)


def test_there_are_many_bad_fixtures_and_some_good_ones():
    assert len(BAD_CASES) >= 80 and GOOD_CASES


def test_all_bad_fixtures_at_once():
    """The fixtures reuse node names (id:russia...), so their data mixes; both must still agree."""
    violations = assert_same(data_of(BAD_CASES))
    assert len(violations) > 100


def test_the_embedded_dataset_conforms_on_both():
    graph = union(load_dataset())
    assert validate(graph) == []
    assert assert_same(graph) == []


def test_named_graphs_are_validated_as_their_union():
    """A build's store: one named graph per source, the merge again in the default graph, so
    that a triple stated twice appears up to three times in the union."""
    dataset = load_dataset()
    for duplicated in (True, False):
        assert by_fast_path(store_of_dataset(dataset, duplicated)) == []


def test_violations_spread_over_named_graphs_are_reported_once():
    """Bad data split over named graphs, some triples in two of them and all again in the
    default graph: each result once, as on the union."""
    bad = data_of(BAD_CASES)
    dataset = Dataset()
    for index, triple in enumerate(sorted(bad)):
        dataset.graph(URIRef(f"urn:x-test:part{index % 3}")).add(triple)
        if index % 5 == 0:
            dataset.graph(URIRef("urn:x-test:again")).add(triple)
    assert by_fast_path(store_of_dataset(dataset)) == validate(bad)


@pytest.mark.parametrize("cases", [BAD_CASES, GOOD_CASES], ids=["bad", "good"])
def test_a_store_without_record_trusted_reports_as_pyshacl_on_what_it_holds(cases):
    """kg.build's reference validates the store's own terms read back (kg.store.graph_of):
    trusting the store's literals, the fast path gives exactly that report."""
    store = plain_store(data_of(cases))
    reference = by_pyshacl(graph_of_store(store))
    fast = validate_store(store, queries=QUERIES, trust_store_literals=True)
    assert agree(reference, fast)
