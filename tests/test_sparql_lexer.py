"""kg.sparql_lexer: one reading of a query, and a canonical text that engines read alike."""

import pytest
from rdflib.plugins.sparql.parser import parseQuery

from kg.errors import QueryError
from kg.queries import named_queries, run, safe_query
from kg.sparql_lexer import read
from tests.security.evasions import corpus


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("SELECT * # a comment\nWHERE { ?s ?p ?o }", "SELECT *  \nWHERE { ?s ?p ?o }"),
        ("SELECT *\r\nWHERE {\r?s ?p ?o }", "SELECT *\nWHERE {\n?s ?p ?o }"),
        ("ASK { ?s ?p 'it''s' }", 'ASK { ?s ?p "it" "s" }'),
        ("ASK { ?s ?p 'say \"hi\"' }", 'ASK { ?s ?p "say \\"hi\\"" }'),
        ('ASK { ?s ?p """two\nlines""" . ?s ?p ?o }', 'ASK { ?s ?p "two\\nlines"\n . ?s ?p ?o }'),
        ("ASK { ?s ?p '''a'b''' }", 'ASK { ?s ?p "a\\\'b" }'),
        ('ASK { ?s ?p "tab\\there"@en }', 'ASK { ?s ?p "tab\\there"@en }'),
        ("ASK { ?s ?p 'peace'@ar--rtl }", 'ASK { ?s ?p "peace"@ar--rtl }'),  # RDF 1.2
        ("ASK { ?s <http://a/b#c> ?o }", "ASK { ?s <http://a/b#c> ?o }"),
        ("ASK { ?s ex:a\\/b ?o }", "ASK { ?s ex:a\\/b ?o }"),
    ],
)
def test_the_canonical_text(text, canonical):
    assert read(text).text == canonical
    assert read(canonical).text == canonical  # reading it again changes nothing


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'ASK { ?s ?p "a\\u0022" }',
            "the escape \\u0022 at line 1, column 15: write the character itself; "
            "SPARQL engines disagree on where \\u and \\U escapes apply",
        ),
        (
            "ASK {\n ?s ?p ?o \f}",
            "the character U+000C at line 2, column 11 is not SPARQL whitespace (space, tab, "
            "line feed, carriage return); engines disagree on it. Replace it with a space",
        ),
        (
            "ASK { ?s ?p ?o\u2028}",
            "the character U+2028 at line 1, column 15 is not SPARQL whitespace (space, tab, "
            "line feed, carriage return); engines disagree on it. Replace it with a space",
        ),
        (
            "ASK { ?s <#me> ?o }",
            "the IRI <#me> at line 1, column 10 holds '#' or \"'\" but does not start with "
            "scheme:// (such as https://); some engines would read its '<' as less-than and "
            "its '#' as the start of a comment. Write the full IRI or a prefixed name",
        ),
        (
            "ASK { ?s ex:a\\#b ?o }",
            "the prefixed name ex:a\\#b at line 1, column 10 escapes '#' or \"'\"; some "
            "engines read that as a comment or a string. Write the full IRI in <...> instead",
        ),
        (
            "ASK { ?s ?p trueSERVICE <http://x/> { } }",
            "'trueSERVICE' at line 1, column 13 is not a SPARQL keyword or function; some "
            "engines would read a keyword inside it. Separate the words with a space",
        ),
        (
            "ASK { SERVICEx:y { } }",
            "the prefix of SERVICEx:y at line 1, column 7 holds the keyword SERVICE or FROM, "
            "and some engines read it as that keyword followed by a name. Choose another prefix",
        ),
        (
            "ASK { ?s ?p 'open\n' }",
            "the string that opens at line 1, column 13 is not closed on its line",
        ),
    ],
)
def test_what_engines_read_differently_is_refused_with_its_place(text, message):
    with pytest.raises(QueryError) as refused:
        read(text)
    assert refused.value.message == message


def test_safe_query_names_the_query_and_the_rule():
    with pytest.raises(QueryError) as refused:
        safe_query(
            "SELECT * WHERE {\n # note\r SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n}", "mine"
        )
    assert (
        str(refused.value) == "mine: SERVICE is not allowed; queries may not reach other endpoints"
    )
    with pytest.raises(QueryError) as nested:
        safe_query("ASK { " + "(" * 201 + "1" + ")" * 201 + " }", "deep")
    assert str(nested.value) == (
        "deep: the query nests brackets more than 200 deep (at line 1, column 206); flatten it"
    )


def test_every_named_query_and_every_accepted_evasion_reads_the_same_twice():
    texts = [q.text for q in named_queries().values()]
    texts += list(corpus("http://127.0.0.1:9/").values())
    for text in texts:
        try:
            canonical = safe_query(text)
        except QueryError:
            continue
        again = read(canonical)
        assert again.text == canonical
        assert [t.text for t in again.tokens] == [t.text for t in read(text).tokens]


AGREEMENT = [
    "SELECT ?label WHERE { ?s rdfs:label ?label # the label\r FILTER(CONTAINS(?label, 'New')) }",
    "SELECT ?s WHERE { ?s rdfs:label ?l FILTER(?l = 'Russia'@en || ?l = \"China\"@en) }",
    'SELECT ?s WHERE { ?s rdfs:label ?l FILTER(STRSTARTS(?l, """United""")) }',
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(isLiteral(?o) && STRLEN(STR(?o))<5) }",
    "SELECT ?s WHERE { ?s a ap:State . FILTER(?s != id:russia) } # trailing",
]


@pytest.mark.parametrize("text", AGREEMENT)
def test_rdflib_and_oxigraph_read_the_canonical_text_alike(text, store, dataset):
    """The same canonical text, two engines, the same rows; rdflib parses it without error."""
    parseQuery(safe_query(text))
    oxigraph = sorted(tuple(str(v) for v in row) for row in run(text, store))
    reference = sorted(tuple(str(v) for v in row) for row in run(text, dataset))
    assert oxigraph == reference
    assert oxigraph


def test_a_base_direction_is_part_of_the_language_tag():
    assert [(t.kind, t.text) for t in read('ASK { ?s ?p "a"@en-GB--ltr }').tokens][4:6] == [
        ("string", '"a"'),
        ("lang", "@en-GB--ltr"),
    ]
