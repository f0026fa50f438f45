"""Parameters written into the query as VALUES give exactly the rows that pre-bound variables
give, so that a remote store, which takes no pre-bound variables, answers as the embedded one.
"""

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDFS
from test_queries import CASES, load_case

from kg.errors import QueryError
from kg.queries import named_queries, parse_parameters, run
from kg.results import rows
from kg.sparql_values import inline_bindings
from kg.store import query as oxigraph_query

QUERIES = named_queries()
PARAMETERISED = [case for case in CASES if load_case(case)[1]]
RUSSIA = URIRef("https://w3id.org/actors-positions/id/russia")


def test_every_query_with_parameters_has_a_case():
    assert {load_case(case)[0] for case in PARAMETERISED} == {
        name for name, query in QUERIES.items() if query.parameters
    }


@pytest.mark.parametrize("case", PARAMETERISED, ids=lambda p: p.stem)
def test_inlined_parameters_give_the_rows_of_bound_ones(store, case):
    name, params, table = load_case(case)
    query = QUERIES[name]
    bindings = parse_parameters(params, query)
    inlined = inline_bindings(query.text, bindings)
    assert inlined != query.text
    header, body = rows(oxigraph_query(store, inlined))
    assert (header, body) == rows(oxigraph_query(store, query.text, bindings))
    assert [header, *body] == table


def test_values_open_the_outermost_where_group():
    text = "SELECT ?s ?label WHERE {\n  ?s rdfs:label ?label\n}"
    assert inline_bindings(text, {"s": RUSSIA, "label": Literal("Russia", lang="en")}) == (
        "SELECT ?s ?label WHERE { VALUES (?s ?label) { (<https://w3id.org/actors-positions/id/"
        'russia> "Russia"@en) }\n  ?s rdfs:label ?label\n}'
    )


def test_values_also_close_each_subquery_that_hands_the_parameter_up():
    """A subquery is evaluated on its own, over all the data: bound inside, it reads only what
    concerns the parameter (one position's evidence at a million triples on Oxigraph's server:
    7.7 s with the block outside only, 0.2 s with it inside; scripts/push_speed.py)."""
    text = (
        "SELECT ?s ?n WHERE {\n"
        "  { SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s }\n"  # hands ?s up
        "  OPTIONAL { SELECT ?s ?label { ?s rdfs:label ?label BIND (1 AS ?one) } }\n"  # too
        "  { SELECT ?o WHERE { ?s ?p ?o } }\n"  # its ?s is its own
        "  { SELECT ?o WHERE { { SELECT ?s ?o WHERE { ?s ?q ?o } } } }\n"  # so is the inner one's
        "  { SELECT * WHERE { ?s ?r ?o } }\n"  # what * hands up is not read here: left as is
        "  { SELECT (?o AS ?s) WHERE { ?x ?y ?o } }\n"  # computed, not handed up as it is
        "}"
    )
    block = " VALUES (?s) { (<https://w3id.org/actors-positions/id/russia>) }"
    assert inline_bindings(text, {"s": RUSSIA}) == (
        f"SELECT ?s ?n WHERE {{{block}\n"
        f"  {{ SELECT ?s (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o {block} }} GROUP BY ?s }}\n"
        f"  OPTIONAL {{ SELECT ?s ?label {{ ?s rdfs:label ?label BIND (1 AS ?one) {block} }} }}\n"
        "  { SELECT ?o WHERE { ?s ?p ?o } }\n"
        "  { SELECT ?o WHERE { { SELECT ?s ?o WHERE { ?s ?q ?o } } } }\n"
        "  { SELECT * WHERE { ?s ?r ?o } }\n"
        "  { SELECT (?o AS ?s) WHERE { ?x ?y ?o } }\n"
        "}"
    )


def test_without_bindings_the_text_is_unchanged():
    text = "SELECT * WHERE { ?s ?p ?o }"
    assert inline_bindings(text, None) == text
    assert inline_bindings(text, {}) == text


def test_braces_in_comments_iris_and_projected_expressions_are_passed_over():
    text = (
        "PREFIX construct: <http://example.org/ns#>\n"
        "SELECT ?s (EXISTS { ?s ?p ?o } AS ?any) # a { in a comment\n"
        "FROM <http://example.org/g#x> WHERE { ?s a construct:Thing }"
    )
    # The answer is the canonical text (kg.sparql_lexer): the comment is one space.
    assert inline_bindings(text, {"s": RUSSIA}) == (
        "PREFIX construct: <http://example.org/ns#>\n"
        "SELECT ?s (EXISTS { ?s ?p ?o } AS ?any)  \n"
        "FROM <http://example.org/g#x> WHERE { VALUES (?s) { "
        "(<https://w3id.org/actors-positions/id/russia>) } ?s a construct:Thing }"
    )


def test_braces_in_strings_of_all_four_quote_forms_are_passed_over():
    template = """{ ?s ?p "}", '}', \"\"\"}\n}\"\"\", '''}'}''' }"""
    text = f"CONSTRUCT {template} WHERE {{ ?s ?p ?o }}"
    # In the canonical text every string is in double quotes on one line; the line feed of the
    # long string follows it, so that later lines keep their numbers.
    canonical = """{ ?s ?p "}", "}", "}\\n}"\n, "}\\'}" }"""
    assert inline_bindings(text, {"s": RUSSIA}) == (
        f"CONSTRUCT {canonical} WHERE {{ VALUES (?s) {{ "
        "(<https://w3id.org/actors-positions/id/russia>) } ?s ?p ?o }"
    )


def test_construct_where_becomes_its_long_form(store):
    text = "CONSTRUCT WHERE { ?s rdfs:label ?label }"
    inlined = inline_bindings(text, {"s": RUSSIA})
    assert inlined == (
        "CONSTRUCT { ?s rdfs:label ?label } WHERE { VALUES (?s) { "
        "(<https://w3id.org/actors-positions/id/russia>) } ?s rdfs:label ?label }"
    )
    prologue = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    graph = oxigraph_query(store, prologue + inlined).graph
    assert graph is not None
    bound = oxigraph_query(store, prologue + text, {"s": RUSSIA}).graph
    assert bound is not None
    assert set(graph) == set(bound) == {(RUSSIA, RDFS.label, Literal("Russia", lang="en"))}


@pytest.mark.parametrize(
    "text",
    [
        "ASK { ?s rdfs:label ?label }",
        "ASK WHERE { ?s rdfs:label 'Russia'@en }",
        "DESCRIBE ?s WHERE { ?s rdfs:label ?label }",
        "SELECT ?s (COUNT(*) AS ?n) WHERE { { SELECT ?s { ?s ?p ?o } } ?s ?q ?x } GROUP BY ?s",
    ],
)
def test_other_forms_answer_as_with_bound_variables(store, text):
    prologue = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    inlined = oxigraph_query(store, prologue + inline_bindings(text, {"s": RUSSIA}))
    bound = oxigraph_query(store, prologue + text, {"s": RUSSIA})
    assert inlined.type == bound.type
    if inlined.type == "SELECT":
        assert rows(inlined) == rows(bound)
    elif inlined.type == "ASK":
        assert inlined.askAnswer is bound.askAnswer is True
    else:
        assert inlined.graph is not None and bound.graph is not None
        assert set(inlined.graph) == set(bound.graph) and len(inlined.graph) > 0


def test_a_literal_with_quotes_braces_and_line_breaks_survives(store):
    value = Literal('a "quoted" } brace\nand a \\ line', lang="en")
    result = oxigraph_query(store, inline_bindings("SELECT ?x WHERE { }", {"x": value}))
    assert list(result) == [(value,)]


def test_a_query_without_a_where_group_cannot_take_parameters():
    with pytest.raises(QueryError) as error:
        inline_bindings("DESCRIBE <https://w3id.org/actors-positions/id/russia>", {"s": RUSSIA})
    assert str(error.value) == (
        "the query has no WHERE { ... } group to bind its parameters in, or its braces do not "
        "match; parameters need a query with a WHERE group"
    )


def test_a_blank_node_cannot_be_a_parameter():
    with pytest.raises(QueryError) as error:
        inline_bindings("SELECT * WHERE { ?s ?p ?o }", {"s": BNode("b0")})
    assert str(error.value) == "parameter 's' is a blank node; give an IRI or a literal"


def test_an_iri_that_would_break_out_of_the_values_block_is_refused():
    with pytest.raises(QueryError) as error:
        inline_bindings("SELECT * WHERE { ?s ?p ?o }", {"s": URIRef("http://x/a>}")})
    assert str(error.value) == "parameter 's': <http://x/a>}> is not a valid IRI (RFC 3987)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a variable of the WHERE clause only
        ("SELECT ?label WHERE { ?s rdfs:label ?label }", [('"Russia"@en',)]),
        # inside an aggregate
        (
            "SELECT (COUNT(?p) AS ?n) WHERE { ?p ap:holder ?s }",
            [('"3"^^<http://www.w3.org/2001/XMLSchema#integer>',)],
        ),
        # projected, and computed in the projection: substituted, as before
        ("SELECT ?s ?label WHERE { ?s rdfs:label ?label }", [(f"<{RUSSIA}>", '"Russia"@en')]),
        ("SELECT (?x AS ?s) WHERE { ?x rdfs:label 'Russia'@en }", [(f"<{RUSSIA}>",)]),
    ],
)
def test_a_parameter_the_select_does_not_project_is_bound_too(store, dataset, text, expected):
    """Oxigraph substitutes only what a SELECT projects: `kg query --param s=...` of a plain
    query stopped with 'The SPARQL query does not contains variable ?s in its SELECT
    projection'. Such a parameter is now bound by VALUES, as rdflib binds it."""
    for engine in (store, dataset):
        result = run(text, engine, {"s": RUSSIA})
        assert [tuple(term.n3() for term in row) for row in result] == expected


def test_a_parameter_the_query_computes_is_refused_with_the_reason(store):
    """The VALUES block that binds it would come before the BIND, which SPARQL forbids: the
    engine stopped at a block the user never wrote."""
    text = "SELECT ?s WHERE { ?s rdfs:label ?label BIND (STR(?label) AS ?name) }"
    for inline in (
        lambda: inline_bindings(text, {"name": Literal("Russia")}),
        lambda: run(text, store, {"name": Literal("Russia")}),
    ):
        with pytest.raises(QueryError) as error:
            inline()
        assert str(error.value) == (
            "parameter 'name' is computed by the query (BIND (... AS ?name)); give a parameter "
            "that the query reads"
        )
    # computed in a subquery or an inner group, it is bound as any other
    inner = "SELECT ?s WHERE { { SELECT ?s ?name { ?s rdfs:label ?l BIND (STR(?l) AS ?name) } } }"
    assert [row[0] for row in run(inner, store, {"name": Literal("Russia")})] == [RUSSIA]


def test_a_mistake_is_placed_in_the_users_text_not_in_the_one_with_values(store):
    """Bound by VALUES, the parameter moved the engine's column past the end of the line: the
    error said 'at the end of the query' instead of naming the column."""
    text = "SELECT ?label WHERE { ?s rdfs:label ?label ; a <State> }"
    for bindings in ({}, {"s": RUSSIA}):
        with pytest.raises(QueryError) as error:
            run(text, store, bindings)
        assert str(error.value) == (
            "query: SPARQL syntax error at line 1, column 55: an IRI here is not a whole IRI: "
            "write it in full (<https://...>) or as a prefixed name (id:russia)\n"
            f"    1 | {text}"
        )
