"""Issue 13's two queries, which reached the listener before, refused by every route with a
clear message: `kg serve` (each content type), `kg query FILE` and `kg query --endpoint`."""

import urllib.parse

import pytest

from tests.conftest import kg

from .listener import Listener

CARRIAGE_RETURN = "SELECT * WHERE {{\n # note\r SERVICE <{url}> {{ ?s ?p ?o }}\n}}"
ESCAPED_QUOTE = (
    'SELECT * WHERE {{ BIND("P\\u0022 AS ?a) BIND(" AS ?b) SERVICE\n<{url}> {{ ?s ?p ?o }} '
    '# " AS ?c)\n}}'
)
SERVICE_REFUSED = "SERVICE is not allowed; queries may not reach other endpoints"
ESCAPE_REFUSED = (
    "the escape \\u0022 at line 1, column 25: write the character itself; SPARQL engines "
    "disagree on where \\u and \\U escapes apply"
)
CASES = [(CARRIAGE_RETURN, SERVICE_REFUSED), (ESCAPED_QUOTE, ESCAPE_REFUSED)]


@pytest.mark.parametrize(("template", "message"), CASES)
def test_kg_serve_refuses_them(server, listener: Listener, template, message):
    text = template.format(url=listener.host + "sparql")
    before = listener.connections()
    by_get = server.query(text)
    by_form = server.request(
        "/sparql",
        data=urllib.parse.urlencode({"query": text}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    by_body = server.request(
        "/sparql", data=text.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    for reply in (by_get, by_form, by_body):
        assert (reply.status, reply.text) == (400, f"query: {message}\n")
    assert listener.connections() == before


@pytest.mark.parametrize(("template", "message"), CASES)
@pytest.mark.parametrize("endpoint", [None, "http://127.0.0.1:9/query"])
def test_kg_query_refuses_them_locally_and_before_sending(
    embedded_build, tmp_path, listener: Listener, template, message, endpoint
):
    path = tmp_path / "attack.rq"
    path.write_bytes(template.format(url=listener.host + "sparql").encode())
    where = ["--endpoint", endpoint] if endpoint else ["--build", str(embedded_build)]
    before = listener.connections()
    done = kg("query", str(path), *where)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"kg: error: attack: {message}\n")
    assert listener.connections() == before
