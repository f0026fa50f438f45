"""`kg serve` speaks the SPARQL 1.1 Protocol: methods, content negotiation, named queries, page.

Every answer is compared with the embedded engine's answer or with an exact expected text.
"""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.query import Result

from kg.namespaces import sparql_prologue
from kg.queries import named_queries
from kg.results import rows

from .serve_support import STATES, STATES_CSV, Server

EXPECTED = Path(__file__).parent.parent / "queries" / "expected"
CASES = sorted(EXPECTED.glob("*.csv"))
STATE_IRIS = [
    "https://w3id.org/actors-positions/id/china",
    "https://w3id.org/actors-positions/id/russia",
    "https://w3id.org/actors-positions/id/united-states",
]
CONSTRUCT = "CONSTRUCT { ?s a ap:State } WHERE { ?s a ap:State ; skos:exactMatch ?item }"


def json_values(reply_text: str) -> list[str]:
    return [b["state"]["value"] for b in json.loads(reply_text)["results"]["bindings"]]


def test_get_answers_json_by_default(server: Server):
    reply = server.request("/sparql", params={"query": STATES})
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "application/sparql-results+json; charset=utf-8"
    assert json_values(reply.text) == STATE_IRIS


def test_post_form_encoded(server: Server):
    reply = server.request(
        "/sparql",
        data=f"query={STATES}".replace("+", "%2B").encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"},
    )
    assert (reply.status, reply.text) == (200, STATES_CSV)


def test_post_sparql_query_body(server: Server):
    reply = server.request(
        "/sparql",
        data=STATES.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert (reply.status, reply.text) == (200, STATES_CSV)


@pytest.mark.parametrize(
    ("accept", "content_type", "body"),
    [
        ("text/csv", "text/csv", STATES_CSV),
        (
            "text/tab-separated-values",
            "text/tab-separated-values",
            "?state\n" + "".join(f"<{iri}>\n" for iri in STATE_IRIS),
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            '<head><variable name="state"/></head><results>'
            + "".join(
                f'<result><binding name="state"><uri>{iri}</uri></binding></result>'
                for iri in STATE_IRIS
            )
            + "</results></sparql>",
        ),
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            '{"head":{"vars":["state"]},"results":{"bindings":['
            + ",".join(f'{{"state":{{"type":"uri","value":"{iri}"}}}}' for iri in STATE_IRIS)
            + "]}}",
        ),
        ("text/html;q=0.1, text/csv;q=0.9", "text/csv", STATES_CSV),
        ("application/json", "application/sparql-results+json", None),
    ],
)
def test_content_negotiation_for_solutions(server: Server, accept, content_type, body):
    reply = server.query(STATES, accept=accept)
    assert reply.status == 200
    assert reply.headers["Content-Type"] == f"{content_type}; charset=utf-8"
    assert reply.headers["Vary"] == "Accept"
    if body is not None:
        assert reply.text == body
    else:
        assert json_values(reply.text) == STATE_IRIS


@pytest.mark.parametrize("param", ["format", "output"])
def test_format_parameter_overrides_accept(server: Server, param):
    reply = server.query(STATES, accept="application/sparql-results+xml", **{param: "csv"})
    assert (reply.status, reply.text) == (200, STATES_CSV)


def test_unknown_parameters_are_ignored(server: Server):
    reply = server.request(
        "/sparql",
        params={"query": STATES, "format": "unheard-of", "timeout": "0", "debug": "1"},
        headers={"Accept": "text/csv"},
    )
    assert (reply.status, reply.text) == (200, STATES_CSV)


@pytest.mark.parametrize(
    ("accept", "head"),
    [
        ("text/csv", "zeta,alpha,m\r\n"),
        ("text/tab-separated-values", "?zeta\t?alpha\t?m\n"),
        ("application/sparql-results+json", '{"head":{"vars":["zeta","alpha","m"]}'),
        ("text/html", "<th>zeta</th><th>alpha</th><th>m</th>"),
    ],
)
def test_select_star_lists_the_variables_as_the_query_writes_them(server: Server, accept, head):
    """As `kg query` does (Oxigraph sorts them by name)."""
    reply = server.query(
        "SELECT * { VALUES (?zeta ?alpha) { (1 2) } BIND (3 AS ?m) }", accept=accept
    )
    assert reply.status == 200
    assert head in reply.text


@pytest.mark.parametrize(
    ("accept", "answer"),
    [
        ("text/csv", "true"),
        ("text/tab-separated-values", "true"),
        ("application/sparql-results+json", '{"head":{},"boolean":true}'),
        (
            "application/sparql-results+xml",
            '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            "<head></head><boolean>true</boolean></sparql>",
        ),
    ],
)
def test_ask_in_every_result_format(server: Server, accept, answer):
    reply = server.query("ASK { id:russia a ap:State }", accept=accept)
    assert (reply.status, reply.text) == (200, answer)


TRIPLE_TERM_QUERY = "SELECT ?t WHERE { BIND (<<( id:russia ap:holder id:china )>> AS ?t) }"
RUSSIA_HOLDER_CHINA = (
    "<https://w3id.org/actors-positions/id/russia> "
    "<https://w3id.org/actors-positions/ontology#holder> "
    "<https://w3id.org/actors-positions/id/china>"
)


@pytest.mark.parametrize(
    ("accept", "answer"),
    [
        ("text/tab-separated-values", f"?t\n<<( {RUSSIA_HOLDER_CHINA} )>>\n"),
        # SPARQL CSV writes IRIs bare, and Oxigraph a triple term's three with spaces
        ("text/csv", f"t\r\n{RUSSIA_HOLDER_CHINA.replace('<', '').replace('>', '')}\r\n"),
        (
            "application/sparql-results+json",
            '{"head":{"vars":["t"]},"results":{"bindings":[{"t":{"type":"triple","value":{'
            '"subject":{"type":"uri","value":"https://w3id.org/actors-positions/id/russia"},'
            '"predicate":{"type":"uri","value":"https://w3id.org/actors-positions/ontology#holder"},'
            '"object":{"type":"uri","value":"https://w3id.org/actors-positions/id/china"}}}}]}}',
        ),
        (
            "application/sparql-results+xml",
            '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>'
            '<variable name="t"/></head><results><result><binding name="t"><triple><subject>'
            "<uri>https://w3id.org/actors-positions/id/russia</uri></subject><predicate>"
            "<uri>https://w3id.org/actors-positions/ontology#holder</uri></predicate><object>"
            "<uri>https://w3id.org/actors-positions/id/china</uri></object></triple></binding>"
            "</result></results></sparql>",
        ),
    ],
)
def test_a_triple_term_in_every_result_format(server: Server, accept, answer):
    """A triple term (RDF 1.2) was refused as a "SPARQL syntax error" of the user's query."""
    reply = server.query(TRIPLE_TERM_QUERY, accept=accept)
    assert (reply.status, reply.text) == (200, answer)


@pytest.mark.parametrize(
    ("accept", "content_type", "rdf_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("*/*", "text/turtle", "turtle"),
        # SPARQLWrapper asks for SPARQL XML whatever the query form: it gets RDF/XML.
        ("application/sparql-results+xml", "application/rdf+xml", "xml"),
    ],
)
def test_construct_as_rdf(server: Server, accept, content_type, rdf_format):
    reply = server.query(CONSTRUCT, accept=accept)
    assert reply.status == 200
    assert reply.headers["Content-Type"] == f"{content_type}; charset=utf-8"
    graph = Graph().parse(data=reply.text, format=rdf_format)
    assert sorted(str(s) for s in graph.subjects()) == STATE_IRIS
    assert len(graph) == 3


def test_describe_gives_the_resource_triples(server: Server, store):
    reply = server.query("DESCRIBE id:russia", accept="application/n-triples")
    graph = Graph().parse(data=reply.text, format="nt")
    local = store.query(sparql_prologue() + "DESCRIBE id:russia")
    assert reply.status == 200
    assert len(graph) == len(list(local)) > 5


def test_unacceptable_format_is_406(server: Server):
    reply = server.query(STATES, accept="image/png")
    assert reply.status == 406
    assert reply.text == (
        "no acceptable format for this answer; this endpoint offers "
        "application/sparql-results+json, application/sparql-results+xml, text/csv, "
        "text/tab-separated-values, text/html\n"
    )


def test_project_prefixes_need_no_declaration_and_declared_ones_win(server: Server):
    reply = server.query("PREFIX ap: <http://example.org/> SELECT * { ?s a ap:State }")
    assert (reply.status, reply.text) == (200, "s\r\n")


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_named_query_answers_as_embedded(server: Server, case: Path):
    """Every expected answer of tests/queries/expected, through /queries/NAME?param=value."""
    text = case.read_text(encoding="utf-8")
    params: dict[str, str] = {}
    if text.startswith("# params:"):
        first, text = text.split("\n", 1)
        params = dict(p.split("=", 1) for p in first.removeprefix("# params:").split())
    name = case.name.split(".")[0]
    reply = server.request(
        f"/queries/{name}", params=params, headers={"Accept": "application/sparql-results+json"}
    )
    assert reply.status == 200
    header, body = rows(Result.parse(io.BytesIO(reply.body), format="json"))
    assert [header, *body] == list(csv.reader(io.StringIO(text)))


def test_a_named_querys_parameter_is_read_as_kg_query_reads_it(server: Server):
    """`holder=russia` gave an empty answer (the text "russia" is no actor): a plain name of
    one actor is that actor, and a name of none gets 400 with "did you mean", as on the
    command line."""
    by_name = server.request("/queries/positions-by-actor", params={"holder": "russia"})
    by_id = server.request("/queries/positions-by-actor", params={"holder": "id:russia"})
    assert by_name.status == by_id.status == 200
    assert by_name.text == by_id.text
    assert len(json.loads(by_id.text)["results"]["bindings"]) > 0
    wrong = server.request("/queries/positions-by-actor", params={"holder": "rusia"})
    assert (wrong.status, wrong.text) == (
        400,
        "positions-by-actor: parameter 'holder': 'rusia' names no actor; did you mean "
        "id:russia (Russia)? (`kg ids actors` lists them)\n",
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        pytest.param(  # it ended the query's worker (500): the engine refused the IRI
            {"holder": "<bad iri>"},
            "positions-by-actor: parameter 'holder': '<bad iri>' names no actor "
            "(`kg ids actors` lists them)",
            id="no IRI",
        ),
        pytest.param(  # it was answered for one of the two values, silently
            [("holder", "id:russia"), ("holder", "id:china")],
            "parameter 'holder' is given twice; a parameter takes one value",
            id="given twice",
        ),
        pytest.param(  # it was the text '"Russia' with its quote
            {"holder": '"Russia'},
            "parameter 'holder': \"Russia is not a literal as SPARQL writes one; write text in "
            'double quotes, with a language or a datatype if it has one: "Russia"@en, '
            '"3"^^xsd:integer',
            id="half a literal",
        ),
        pytest.param(  # ignored, it gave every actor's positions
            {"holdr": "id:russia"},
            "query 'positions-by-actor' has no parameter 'holdr'; its parameters: holder",
            id="misspelt",
        ),
    ],
)
def test_a_named_querys_wrong_parameter_is_a_400(server: Server, params, message):
    reply = server.request("/queries/positions-by-actor", params=params)
    assert (reply.status, reply.text) == (400, message + "\n")


def test_an_empty_field_of_a_form_is_no_parameter(server: Server):
    answer = server.request("/queries/positions-by-actor", params={"holder": "", "format": "csv"})
    assert (answer.status, answer.text.splitlines()[0].split(",")[0]) == (200, "holder")


def test_named_queries_are_listed(server: Server):
    reply = server.request("/queries")
    listing = json.loads(reply.text)["queries"]
    queries = named_queries()
    assert [q["name"] for q in listing] == list(queries)
    first = listing[0]
    assert first == {
        "name": "blocked-formats",
        "title": queries["blocked-formats"].title,
        "question": queries["blocked-formats"].question,
        "parameters": ["format"],
        "returns": queries["blocked-formats"].returns,
        "url": "/queries/blocked-formats",
        "sparql": "/queries/blocked-formats.rq",
    }


def test_named_query_text(server: Server):
    reply = server.request("/queries/position-changes.rq")
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "application/sparql-query; charset=utf-8"
    assert reply.text == named_queries()["position-changes"].text


def test_unknown_named_query_is_404(server: Server):
    reply = server.request("/queries/who-supports-what")
    assert (reply.status, reply.text) == (
        404,
        "no named query 'who-supports-what'; /queries lists them\n",
    )


def test_page_works_offline(server: Server):
    """Scripts and styles from this server only (tests/serve/test_serve_query_page.py runs
    them in a browser); without JavaScript, a plain form."""
    reply = server.request("/", headers={"Accept": "text/html"})
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
    policy = reply.headers["Content-Security-Policy"]
    assert re.fullmatch(
        r"default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-hashes'"
        r"( 'sha256-[A-Za-z0-9+/]+=*'){4}; connect-src 'self'; form-action 'self'; "
        r"base-uri 'none'; frame-ancestors 'none'",
        policy,
    )
    noscript = re.findall(r"<noscript>(.*?)</noscript>", reply.text, re.DOTALL)
    assert len(noscript) == 1
    assert '<form method="get" action="sparql">' in noscript[0]
    assert '<textarea name="query"' in noscript[0]
    assert not re.search(r'(src|href)="(https?:)?//', reply.text)
    for query in named_queries().values():
        assert f'<a href="queries/{query.name}">' in reply.text


def test_answer_pages_run_no_script(server: Server):
    reply = server.query(STATES, accept="text/html")
    assert reply.status == 200
    assert re.fullmatch(
        r"default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; form-action 'self'; "
        r"base-uri 'none'; frame-ancestors 'none'",
        reply.headers["Content-Security-Policy"],
    )
    assert "<script" not in reply.text


def test_html_answer_escapes_what_it_shows(server: Server):
    hostile = '<img src=x onerror="alert(1)">'
    reply = server.query(f"SELECT ?x {{ BIND('{hostile}' AS ?x) }}", accept="text/html")
    assert reply.status == 200
    assert hostile not in reply.text
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in reply.text


def test_html_answer_writes_a_triple_term_as_a_query_does(server: Server):
    reply = server.query(TRIPLE_TERM_QUERY, accept="text/html")
    assert reply.status == 200
    assert "<td>&lt;&lt;( id:russia ap:holder id:china )&gt;&gt;</td>" in reply.text


def test_html_answer_links_iris_to_their_description(server: Server):
    reply = server.query(STATES, format="html")
    assert (
        '<a class="term" href="/sparql?query=DESCRIBE+%3Chttps%3A%2F%2Fw3id.org%2F'
        'actors-positions%2Fid%2Frussia%3E&amp;format=html" '
        'title="https://w3id.org/actors-positions/id/russia">id:russia</a>'
    ) in reply.text
    assert "<p>3 rows.</p>" in reply.text


@pytest.mark.parametrize(
    ("method", "path", "status", "message"),
    [
        ("PUT", "/sparql", 405, "PUT is not allowed; this endpoint is read-only"),
        ("DELETE", "/sparql", 405, "DELETE is not allowed; this endpoint is read-only"),
        (
            "GET",
            "/store",
            404,
            "nothing at /store; the endpoint is at /sparql, a query page at /",
        ),
        (
            "GET",
            "/sparql",
            400,
            "give exactly one query: GET /sparql?query=..., or POST it as "
            "application/sparql-query or as query=... in a form (the page at / has a form)",
        ),
    ],
)
def test_wrong_requests_get_clear_answers(server: Server, method, path, status, message):
    reply = server.request(path, method=method, data=b"" if method == "PUT" else None)
    assert (reply.status, reply.text) == (status, message + "\n")


def test_post_of_another_type_is_415(server: Server):
    reply = server.request("/sparql", data=STATES.encode(), headers={"Content-Type": "text/plain"})
    assert (reply.status, reply.text) == (
        415,
        "a POST body must be application/sparql-query or application/x-www-form-urlencoded "
        "(with query=...); this one is text/plain\n",
    )


def test_cors_lets_web_tools_query(server: Server):
    reply = server.request("/sparql", method="OPTIONS")
    assert reply.status == 204
    assert reply.headers["Access-Control-Allow-Methods"] == "GET, POST, OPTIONS"
    assert server.query(STATES).headers["Access-Control-Allow-Origin"] == "*"


def test_syntax_error_is_400_and_names_the_line(server: Server):
    reply = server.query("SELECT ?s WHERE {\n  ?s a ap:State \n")
    assert reply.status == 400
    assert reply.text == (
        'query: SPARQL syntax error at the end of the query (line 2): expected one of ",", '
        '".", ";", "{", "{|", "}", "~"\n'
        "    2 | ?s a ap:State\n"
    )


def test_named_query_answer_for_people(server: Server):
    reply = server.request(
        "/queries/position-changes",
        params={"holder": "id:united-states"},
        headers={"Accept": "text/html"},
    )
    assert reply.status == 200
    assert "<h1>Position changes</h1>" in reply.text
    assert "<p>1 row.</p>" in reply.text


def test_a_text_with_a_base_direction_keeps_it(server: Server):
    """RDF 1.2's "..."@en--ltr, in the SPARQL JSON results and on the answer page."""
    query = 'SELECT ?x WHERE { BIND ("peace"@en--ltr AS ?x) }'
    json_reply = server.query(query, accept="application/sparql-results+json")
    assert (json_reply.status, json_reply.text) == (
        200,
        '{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"peace",'
        '"xml:lang":"en","its:dir":"ltr"}}]}}',
    )
    page = server.query(query, accept="text/html")
    assert "<td>&#34;peace&#34;@en--ltr</td>" in page.text
