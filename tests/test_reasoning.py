"""The inferred graph: what the ontology implies, kept apart from what was stated."""

import owlrl
from rdflib import Graph
from rdflib.namespace import ORG, PROV, RDF, RDFS

from kg import resources
from kg.dataset import load_asserted, union
from kg.loading import read_graphs
from kg.namespaces import AP, ID, INFERRED_GRAPH
from kg.reasoning import infer


def test_subclass_subproperty_and_inverse_entailments_are_in_the_inferred_graph(dataset):
    inferred = dataset.graph(INFERRED_GRAPH)
    # subclass: a state is an actor, an agent and a formal organisation
    for cls in (AP.Actor, PROV.Agent, ORG.Organization):
        assert (ID.russia, RDF.type, cls) in inferred
    # subproperty: a requirement derives from the statements that state it (issue 15: the
    # requirement, not the format, says who requires China, after ap:requiresParticipant)
    requirement = ID["requirement/united-states/us-russia-china-talks/china"]
    statement = ID["statement/new-start-lapse-article/trump-china-must-be-part"]
    assert (requirement, PROV.wasDerivedFrom, statement) in inferred
    # inverse: the earlier position is superseded by the later one
    later = ID["position/united-states/rejects/one-year-limits"]
    earlier = ID["position/united-states/supports/one-year-limits"]
    assert (earlier, AP.supersededBy, later) in inferred
    # subproperty of an inverse-bearing property, then the inverse: ap:holder / ap:holds
    assert (
        ID.china,
        AP.holds,
        ID["position/china/refuses-to-participate/us-russia-china-talks"],
    ) in inferred


def test_inferred_graph_holds_nothing_that_was_asserted(dataset):
    inferred = dataset.graph(INFERRED_GRAPH)
    asserted = union(dataset, exclude=(INFERRED_GRAPH,))
    assert len(inferred) > 0
    assert not [t for t in inferred if t in asserted]


def test_domain_and_range_do_not_type_nodes():
    """A node typed only by using a property must stay untyped, so validation catches it."""
    data = Graph()
    data.add((AP.speaker, RDFS.domain, AP.Statement))
    data.add((ID["statement/x"], AP.speaker, ID.someone))
    assert (ID["statement/x"], RDF.type, AP.Statement) not in infer(data)


def test_every_inference_is_an_owl_rl_entailment():
    """Differential check against owlrl, the reference OWL 2 RL reasoner."""
    asserted = union(load_asserted())
    ours = infer(asserted)
    closure = Graph()
    closure += asserted
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    missing = [t for t in ours if t not in closure]
    assert missing == []


def test_subclass_closure_is_transitive_and_acyclic():
    ontology = read_graphs(resources.ontology_files())
    inferred = infer(ontology)
    assert (AP.Signature, RDFS.subClassOf, AP.Issue) in inferred
    assert not [(s, o) for s, o in inferred.subject_objects(RDFS.subClassOf) if s == o]
