"""A generated corpus of queries that try to reach the network past the query check.

Each attack is a template with `{url}` (an endpoint on a loopback listener that counts its
connections) and, where it matters, `{host}` (the listener's `http://127.0.0.1:PORT/`).
Every attack is then written in several ways that engines read differently: comment
terminators, escapes, letter case, whitespace and comments between keywords. The corpus holds
well over 300 texts, every one distinct.
"""

import itertools

GRAPH_PATTERN = "{ ?s ?p ?o }"

ATTACKS: dict[str, str] = {
    # The two of issue 13.
    "cr-ends-comment": "SELECT * WHERE {\n # note\r SERVICE <{url}> { ?s ?p ?o }\n}",
    "escaped-quote": (
        'SELECT * WHERE { BIND("P\\u0022 AS ?a) BIND(" AS ?b) SERVICE <{url}> { ?s ?p ?o } '
        '# " AS ?c)\n}'
    ),
    "escaped-quote-long": (
        'SELECT * WHERE { BIND("P\\U00000022 AS ?a) BIND(" AS ?b) SERVICE <{url}> '
        '{ ?s ?p ?o } # " AS ?c)\n}'
    ),
    # Comment terminators that only some engines honour.
    "crlf-ends-comment": "SELECT * WHERE {\n # note\r\n SERVICE <{url}> { ?s ?p ?o }\n}",
    "ff-in-comment": "SELECT * WHERE {\n # note\f SERVICE <{url}> { ?s ?p ?o }\n}",
    "vt-in-comment": "SELECT * WHERE {\n # note\v SERVICE <{url}> { ?s ?p ?o }\n}",
    "ls-in-comment": "SELECT * WHERE {\n # note\u2028 SERVICE <{url}> { ?s ?p ?o }\n}",
    "ps-in-comment": "SELECT * WHERE {\n # note\u2029 SERVICE <{url}> { ?s ?p ?o }\n}",
    "nel-in-comment": "SELECT * WHERE {\n # note\u0085 SERVICE <{url}> { ?s ?p ?o }\n}",
    "escaped-newline-in-comment": (
        "SELECT * WHERE {\n # note\\u000A SERVICE <{url}> { ?s ?p ?o }\n}"
    ),
    # Escapes in keywords, IRIs and names.
    "escaped-keyword": "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
    "escaped-iri": "SELECT * WHERE { SERVICE <http\\u003A//{hostport}/sparql> { ?s ?p ?o } }",
    "escaped-gt-in-iri": "SELECT * WHERE { ?s <urn:x\\u003E SERVICE <{url}> { ?s ?p ?o } }",
    "escaped-pname": "PREFIX l: <{host}> SELECT * WHERE { SERVICE l:\\u0073parql { ?s ?p ?o } }",
    "escaped-string-close": (
        "SELECT * WHERE { BIND('a\\u0027 AS ?x) SERVICE <{url}> { ?s ?p ?o } # ' AS ?y)\n}"
    ),
    # Plain SERVICE, in every place a graph pattern can stand.
    "plain": "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "silent": "SELECT * WHERE { SERVICE SILENT <{url}> { ?s ?p ?o } }",
    "variable": "SELECT * WHERE { BIND(<{url}> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "variable-values": "SELECT * WHERE { VALUES ?e { <{url}> } SERVICE ?e { ?s ?p ?o } }",
    "variable-silent": "SELECT * WHERE { VALUES ?e { <{url}> } SERVICE SILENT ?e { ?s ?p ?o } }",
    "nested": "SELECT * WHERE { { { { SERVICE <{url}> { ?s ?p ?o } } } } }",
    "optional": "SELECT * WHERE { OPTIONAL { SERVICE <{url}> { ?s ?p ?o } } }",
    "union": "SELECT * WHERE { { BIND(1 AS ?x) } UNION { SERVICE <{url}> { ?s ?p ?o } } }",
    "minus": "SELECT * WHERE { BIND(1 AS ?x) MINUS { SERVICE <{url}> { ?x ?p ?o } } }",
    "subquery": "SELECT * WHERE { { SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } } } }",
    "exists": "SELECT * WHERE { BIND(1 AS ?x) FILTER EXISTS { SERVICE <{url}> { ?s ?p ?o } } }",
    "not-exists": (
        "SELECT * WHERE { BIND(1 AS ?x) FILTER NOT EXISTS { SERVICE <{url}> { ?s ?p ?o } } }"
    ),
    "graph": "SELECT * WHERE { GRAPH ?g { SERVICE <{url}> { ?s ?p ?o } } }",
    "ask": "ASK { SERVICE <{url}> { ?s ?p ?o } }",
    "construct": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "describe": "DESCRIBE ?s WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "count": "SELECT (COUNT(*) AS ?n) WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    # Names and bases that point at the listener.
    "base": "BASE <{host}> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
    "prefix": "PREFIX l: <{host}> SELECT * WHERE { SERVICE l:sparql { ?s ?p ?o } }",
    "empty-prefix": "PREFIX : <{host}> SELECT * WHERE { SERVICE :sparql { ?s ?p ?o } }",
    "project-prefix-redefined": (
        "PREFIX id: <{host}> SELECT * WHERE { SERVICE id:sparql { ?s ?p ?o } }"
    ),
    # Keywords glued to what follows, which a PEG parser splits.
    "glued-iri": "SELECT * WHERE { SERVICE<{url}>{ ?s ?p ?o } }",
    "glued-pname": "PREFIX : <{host}> SELECT * WHERE { SERVICE:sparql { ?s ?p ?o } }",
    "glued-prefix-word": "PREFIX x: <{host}> SELECT * WHERE { SERVICEx:sparql { ?s ?p ?o } }",
    "glued-after-true": "SELECT * WHERE { BIND(1 AS ?s) ?s ?p trueSERVICE <{url}> { ?a ?b ?c } }",
    "glued-after-brace": "SELECT * WHERE { VALUES ?s { 1 }SERVICE <{url}> { ?a ?b ?c } }",
    "glued-after-undef": "SELECT * WHERE { VALUES ?s { UNDEF }SERVICE <{url}> { ?a ?b ?c } }",
    "glued-after-filter": "SELECT * WHERE { FILTER(true)SERVICE <{url}> { ?a ?b ?c } }",
    "glued-after-number": (
        "SELECT * WHERE { VALUES ?s { 1 } FILTER(1)SERVICE <{url}> { ?a ?b ?c } }"
    ),
    # A '<' read as less-than by one parser and as an IRI by another.
    "less-than-iri": (
        "SELECT * WHERE { BIND(<{url}> AS ?v) BIND(1 AS ?o) FILTER(?o<?x)SERVICE?v#>\n"
        "{ ?a ?b ?c } }"
    ),
    "less-than-iri-quote": (
        "SELECT * WHERE { BIND(1 AS ?o) FILTER(?o<a'b>) BIND('x' AS ?y) SERVICE <{url}> "
        "{ ?a ?b ?c } }"
    ),
    # Dataset clauses that name the listener.
    "from": "SELECT * FROM <{url}> WHERE { ?s ?p ?o }",
    "from-named": "SELECT * FROM NAMED <{url}> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "from-glued": "PREFIX l: <{host}> SELECT * FROMl:sparql WHERE { ?s ?p ?o }",
    "from-relative": "BASE <{host}> SELECT * FROM <sparql> WHERE { ?s ?p ?o }",
    "from-prefix": "PREFIX l: <{host}> SELECT * FROM l:sparql WHERE { ?s ?p ?o }",
    # Updates.
    "load": "LOAD <{url}>",
    "load-silent-into": "LOAD SILENT <{url}> INTO GRAPH <urn:g>",
    "insert-data": "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "delete-where": "DELETE WHERE { ?s ?p ?o }",
    "clear": "CLEAR ALL",
    "drop": "DROP ALL",
    "create": "CREATE GRAPH <urn:g>",
    "add": "ADD DEFAULT TO <urn:g>",
    "with-delete": "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "query-then-load": "SELECT * WHERE { ?s ?p ?o } ; LOAD <{url}>",
    "prefix-then-load": "PREFIX l: <{host}> LOAD l:sparql",
}

WRITINGS = {
    "as-is": lambda text: text,
    "lower": lambda text: _outside_strings(text, str.lower),
    "mixed": lambda text: _outside_strings(
        text, lambda part: part.replace("SERVICE", "SeRvIcE").replace("FROM", "fRoM")
    ),
    "tabs": lambda text: text.replace(" ", "\t"),
    "crlf": lambda text: text.replace("\n", "\r\n") + "\r\n",
    "comment-between": lambda text: text.replace("SERVICE ", "SERVICE #c\r\n").replace(
        "SILENT ", "SILENT#\n"
    ),
    "comment-before": lambda text: "# a comment\r" + text,
    "newlines": lambda text: text.replace(" ", "\n"),
}


def _outside_strings(text: str, change) -> str:  # type: ignore[no-untyped-def]
    """`change` applied to the parts of `text` that are not quoted strings."""
    parts = text.split('"')
    return '"'.join(change(p) if i % 2 == 0 else p for i, p in enumerate(parts))


def corpus(host: str) -> dict[str, str]:
    """Every attack in every writing, aimed at `host` (`http://127.0.0.1:PORT/`); names are
    `attack/writing`, texts all distinct."""
    url = host + "sparql"
    hostport = host.removeprefix("http://").rstrip("/")
    texts: dict[str, str] = {}
    seen: set[str] = set()
    for (name, template), (how, write) in itertools.product(ATTACKS.items(), WRITINGS.items()):
        text = write(template.replace("{url}", url).replace("{host}", host))
        text = text.replace("{hostport}", hostport)
        if text not in seen:
            seen.add(text)
            texts[f"{name}/{how}"] = text
    return texts
