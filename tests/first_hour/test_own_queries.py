"""Issue 14: your own SPARQL runs as it is (a file without a header, standard input, inline),
on one engine wherever you stand, with errors that point to your line and no traceback."""

import json

import pytest

STATES = "SELECT ?state WHERE { ?state a ap:State } ORDER BY ?state"
STATES_TABLE = (
    "state\n"
    "-----------------\n"
    "id:china\n"
    "id:france\n"
    "id:germany\n"
    "id:russia\n"
    "id:united-kingdom\n"
    "id:united-states\n"
    "(6 rows)\n"
)


def test_a_plain_query_file_without_the_header_runs(newcomer, tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("# which states?\n" + STATES + "\n")
    done = newcomer("query", str(path))
    assert (done.returncode, done.stdout) == (0, STATES_TABLE)


def test_a_query_from_standard_input_runs(newcomer):
    done = newcomer("query", "-", stdin=STATES)
    assert (done.returncode, done.stdout) == (0, STATES_TABLE)


def test_an_inline_query_runs(newcomer):
    done = newcomer("query", "--sparql", STATES)
    assert (done.returncode, done.stdout) == (0, STATES_TABLE)


@pytest.mark.parametrize(
    ("text", "header"),
    [
        ("SELECT * WHERE { id:russia ?p ?o } LIMIT 1", "p,o"),
        ("SELECT DISTINCT * { VALUES (?zeta ?alpha) { (1 2) } BIND (3 AS ?m) }", "zeta,alpha,m"),
        ("SELECT * { { SELECT ?b ?a WHERE { VALUES (?a ?b) { (1 2) } } } }", "b,a"),
        ("SELECT ?o ?p WHERE { id:russia ?p ?o } LIMIT 1", "o,p"),  # as written
    ],
)
def test_select_star_lists_the_variables_in_the_order_the_query_writes_them(newcomer, text, header):
    """Oxigraph sorts them by name (`?s ?p ?o` came out o, p, s); Jena, rdflib and Virtuoso
    list them as the query first writes them, as a SPARQL user expects."""
    for fmt in ("csv", "json", "table"):
        done = newcomer("query", "--sparql", text, "--format", fmt)
        assert (done.returncode, done.stderr) == (0, "")
        if fmt == "csv":
            assert done.stdout.splitlines()[0] == header
        elif fmt == "json":
            assert json.loads(done.stdout)["head"]["vars"] == header.split(",")
        else:
            assert done.stdout.splitlines()[0].split() == header.split(",")


def test_a_syntax_error_points_to_the_users_own_line(newcomer):
    text = "SELECT ?s\n# states only\nWHERE {\n  ?s a foo:State .\n  ?s ?p ?o\n}\n"
    done = newcomer("query", "--sparql", text)
    assert done.returncode == 2
    assert done.stderr.startswith(
        "kg: error: query: SPARQL syntax error at line 4, column 17: foo: is not declared; "
        "declare it (PREFIX foo: <...>) or use one of the project's prefixes, which need no "
        "declaration: ap, stance, "
    )
    assert done.stderr.endswith("\n    4 | ?s a foo:State .\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "SELECT ?holder ?stance (COUNT(?position) AS ?n)\n"
            "WHERE { ?position ap:holder ?holder ; ap:stance ?stance }\n"
            "GROUP BY ?holder\n",
            "SPARQL syntax error at the end of the query (line 3): SELECT names a variable "
            "that is neither grouped nor aggregated: with GROUP BY or an aggregate (COUNT, "
            "SAMPLE, ...), SELECT takes only the grouped variables and aggregates; add it to "
            "GROUP BY, or select (SAMPLE(?x) AS ?anyX)\n"
            "    3 | GROUP BY ?holder\n",
        ),
        (
            "SELECT ?holder (LCASE(?name) AS ?lower)\n"
            "WHERE { ?position ap:holder ?holder . ?holder rdfs:label ?name }\n"
            "GROUP BY ?holder\n",
            "SPARQL syntax error at the end of the query (line 3): an expression in SELECT "
            "reads a variable that is neither grouped nor aggregated: with GROUP BY or an "
            "aggregate, an expression may read only the grouped variables and aggregates; add "
            "it to GROUP BY, or aggregate it (SAMPLE(?x))\n"
            "    3 | GROUP BY ?holder\n",
        ),
        (
            "SELECT (STR(?s) AS ?s) WHERE { ?s a ap:State }",
            "SPARQL syntax error at the end of the query (line 1): (... AS ?name) in SELECT "
            "names a variable the WHERE clause binds already; choose another name\n"
            "    1 | SELECT (STR(?s) AS ?s) WHERE { ?s a ap:State }\n",
        ),
        (
            "SELECT ?s WHERE { ?s a <State> }",
            "SPARQL syntax error at line 1, column 31: an IRI here is not a whole IRI: write it in "
            "full (<https://...>) or as a prefixed name (id:russia)\n"
            "    1 | SELECT ?s WHERE { ?s a <State> }\n",
        ),
        (
            "SELECT ?s WHERE { ?s a ap:State BIND(1 AS ?s) }",
            "SPARQL syntax error at the end of the query (line 1): the engine cannot read the "
            "query as SPARQL (one cause: a BIND into a variable bound before it in the same "
            "group)\n"
            "    1 | SELECT ?s WHERE { ?s a ap:State BIND(1 AS ?s) }\n",
        ),
        (
            "SELECT ?s WHERE { ?s a ap:State }\nLIMIT\n",
            "SPARQL syntax error at the end of the query (line 2): expected one of HAVING, "
            "OFFSET, OPTIONAL, VALUES, a digit\n"
            "    2 | LIMIT\n",
        ),
        ("", "the query is empty; write a SELECT, ASK, CONSTRUCT or DESCRIBE query\n"),
        (
            "# which states?\n",
            "the query is empty; write a SELECT, ASK, CONSTRUCT or DESCRIBE query\n",
        ),
    ],
)
def test_the_engines_own_words_for_a_mistake_are_explained(newcomer, text, message):
    """Oxigraph names these problems among the tokens it expected ("expected one of ..., The
    SELECT contains a variable that is unbound, [_]"); kg says them, with what to write."""
    done = newcomer("query", "--sparql", text)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", "kg: error: query: " + message)


def test_a_slash_in_a_prefixed_name_is_explained_where_it_stands(newcomer):
    done = newcomer(
        "query", "--sparql", "SELECT ?p\nWHERE {\n  ?p ap:target id:treaty/new-start\n}"
    )
    assert (done.returncode, done.stderr) == (
        2,
        "kg: error: query: id:treaty/new-start at line 3, column 16: a prefixed name cannot hold "
        "'/'; write the name as kg's tables print it, or escape each slash "
        "(id:treaty\\/new-start)\n",
    )


def test_group_concat_of_an_unbound_variable_answers_instead_of_a_traceback(newcomer):
    """rdflib raised NotBoundError here (exit 1, a traceback) outside the project folder."""
    done = newcomer(
        "query",
        "--sparql",
        "SELECT (GROUP_CONCAT(DISTINCT ?nothing) AS ?all) WHERE { id:russia a ap:State }",
        "--format",
        "csv",
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, 'all\n""\n', "")


def test_a_parameter_the_query_does_not_select_is_bound(newcomer):
    """Oxigraph binds only what a SELECT projects: this stopped with its words, "The SPARQL
    query does not contains variable ?kind in its SELECT projection"."""
    done = newcomer(
        "query",
        "--sparql",
        "SELECT ?s WHERE { ?s a ?kind } ORDER BY ?s",
        "--param",
        "kind=ap:State",
        "--format",
        "csv",
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "s\n"
        + "".join(
            f"https://w3id.org/actors-positions/id/{state}\n"
            for state in ("china", "france", "germany", "russia", "united-kingdom", "united-states")
        ),
        "",
    )


def test_a_query_file_and_sparql_together_are_refused(newcomer):
    done = newcomer("query", "spokespeople", "--sparql", STATES)
    assert (done.returncode, done.stderr) == (
        2,
        "kg: error: give either a query (name, file or -) or --sparql, not both\n",
    )


def test_no_query_at_all_says_what_to_give(newcomer):
    done = newcomer("query")
    assert (done.returncode, done.stderr) == (
        2,
        "kg: error: give a named query (`kg queries` lists them), a query file, - to read "
        "standard input, or --sparql 'SELECT ...'\n",
    )


def test_a_misspelt_named_query_gets_did_you_mean(newcomer):
    done = newcomer("query", "who-supports-which-formats")
    assert done.returncode == 2
    assert done.stderr.endswith("(or give a query file); did you mean who-supports-which-format?\n")


# Every form of query in every format: the answer, or a message saying which formats hold it.
TREATY = (
    "CONSTRUCT { treaty:new-start a ap:Treaty ; rdfs:label ?name } "
    'WHERE { treaty:new-start rdfs:label ?name FILTER (LANG(?name) = "en") }'
)


def test_a_construct_prints_its_triples_as_a_table(newcomer):
    done = newcomer("query", "--sparql", TREATY)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "subject           predicate   object\n"
        "----------------  ----------  ---------\n"
        "treaty:new-start  rdf:type    ap:Treaty\n"
        "treaty:new-start  rdfs:label  New START\n"
        "(2 triples)\n"
    )


def test_a_construct_prints_turtle_with_the_projects_prefixes(newcomer):
    done = newcomer("query", "--sparql", TREATY, "--format", "turtle")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "@prefix ap: <https://w3id.org/actors-positions/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix treaty: <https://w3id.org/actors-positions/id/treaty/> .\n"
        "\n"
        'treaty:new-start a ap:Treaty ;\n    rdfs:label "New START"@en .\n\n'
    )


def test_a_describe_prints_sorted_ntriples(newcomer):
    done = newcomer("query", "--sparql", "DESCRIBE stance:Supports", "--format", "ntriples")
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert lines == sorted(lines) and len(lines) > 3
    assert all(
        line.startswith("<https://w3id.org/actors-positions/stance/Supports> ") for line in lines
    )
    assert (
        "<https://w3id.org/actors-positions/stance/Supports> "
        '<http://www.w3.org/2004/02/skos/core#prefLabel> "supports"@en .'
    ) in lines


def test_an_ask_answers_in_every_row_format(newcomer):
    ask = "ASK { id:russia a ap:State }"
    table = newcomer("query", "--sparql", ask)
    csv = newcomer("query", "--sparql", ask, "--format", "csv")
    json = newcomer("query", "--sparql", ask, "--format", "json")
    assert (table.returncode, table.stdout) == (0, "ask\n----\ntrue\n(1 row)\n")
    assert (csv.returncode, csv.stdout) == (0, "ask\ntrue\n")
    assert (json.returncode, json.stdout) == (0, '{"head": {}, "boolean": true}\n')


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_graph_in_a_row_format_says_which_formats_hold_it(newcomer, fmt):
    done = newcomer("query", "--sparql", TREATY, "--format", fmt)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"kg: error: this query answers a graph (CONSTRUCT, DESCRIBE), which --format {fmt} (a "
        "result format of SELECT and ASK) cannot hold; use --format turtle, ntriples or table\n"
    )


@pytest.mark.parametrize(
    ("query", "answer"), [(STATES, "rows"), ("ASK { id:russia a ap:State }", "true or false")]
)
def test_rows_in_a_graph_format_say_which_formats_hold_them(newcomer, query, answer):
    done = newcomer("query", "--sparql", query, "--format", "turtle")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "kg: error: --format turtle writes the graph a CONSTRUCT or DESCRIBE answers; this query "
        f"answers {answer}: use --format table, csv or json\n"
    )


TRIPLE_TERM = "<<( id:russia ap:holder id:china )>>"


@pytest.mark.parametrize(
    "query",
    [
        f"SELECT ?t WHERE {{ BIND ({TRIPLE_TERM} AS ?t) }}",
        f"CONSTRUCT {{ id:russia ap:holder ?t }} WHERE {{ BIND ({TRIPLE_TERM} AS ?t) }}",
    ],
)
def test_a_triple_term_in_an_answer_says_how_to_select_its_parts(newcomer, query):
    """It ended with "internal error" and a panic of the Oxigraph binding."""
    done = newcomer("query", "--sparql", query)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "kg: error: the answer holds a triple term (RDF 1.2, <<( subject predicate object )>>), "
        "which kg's results cannot hold; select its parts instead: SUBJECT(?t), PREDICATE(?t), "
        "OBJECT(?t)\n"
    )


def test_the_parts_of_a_triple_term_answer(newcomer):
    query = f"SELECT (OBJECT({TRIPLE_TERM}) AS ?object) WHERE {{}}"
    done = newcomer("query", "--sparql", query)
    assert (done.returncode, done.stdout) == (0, "object\n--------\nid:china\n(1 row)\n")


def test_an_answer_without_variables_counts_its_rows(newcomer):
    """`SELECT * {}` has one solution that binds nothing; the table said "(0 rows)"."""
    done = newcomer("query", "--sparql", "SELECT * WHERE { VALUES () { () () } }")
    assert (done.returncode, done.stdout) == (0, "\n\n\n\n(2 rows)\n")
    json = newcomer("query", "--sparql", "SELECT * WHERE {}", "--format", "json")
    assert json.stdout == '{"results": {"bindings": [{}]}, "head": {"vars": []}}\n'
    # nor a solution that leaves its variable unbound
    unbound = newcomer("query", "--sparql", "SELECT ?x WHERE { OPTIONAL { ?x a ap:Nothing } }")
    assert unbound.stdout == "x\n-\n\n(1 row)\n"


def test_a_text_with_a_base_direction_says_how_to_select_its_parts(newcomer):
    """RDF 1.2's "..."@en--ltr: refused by kg's reading as a word 'ltr' before; rdflib, which
    prints kg's answers, would drop the direction."""
    text = 'SELECT ?x WHERE { BIND ("peace"@en--ltr AS ?x) }'
    done = newcomer("query", "--sparql", text)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        'kg: error: the answer holds a text with a base direction (RDF 1.2, "..."@en--ltr), '
        "which kg's results cannot hold; select its parts instead: STR(?x), LANG(?x), "
        "LANGDIR(?x)\n"
    )
    parts = 'SELECT (STR(?x) AS ?s) (LANGDIR(?x) AS ?d) WHERE { BIND ("peace"@ar--rtl AS ?x) }'
    done = newcomer("query", "--sparql", parts, "--format", "csv")
    assert (done.returncode, done.stdout) == (0, "s,d\npeace,rtl\n")


@pytest.mark.parametrize("tag", ["@en--ltrSERVICE", "@en--up"])
def test_only_the_two_base_directions_read_as_part_of_a_language_tag(newcomer, tag):
    done = newcomer("query", "--sparql", f'SELECT ?x WHERE {{ BIND ("peace"{tag} AS ?x) }}')
    assert (done.returncode, done.stdout) == (2, "")
    word = tag.removeprefix("@en--")
    assert done.stderr == (
        f"kg: error: query: '{word}' at line 1, column 37 is not a SPARQL keyword or function; "
        "some engines would read a keyword inside it. Separate the words with a space\n"
    )


def test_an_ill_typed_literal_is_printed_as_written_without_a_traceback(newcomer):
    """SPARQL allows "x"^^xsd:integer; rdflib logged a warning and a whole traceback for each
    on stderr, in kg query and in kg serve's log."""
    done = newcomer(
        "query",
        "--sparql",
        'SELECT ?d ?n WHERE { BIND("2026-13-01"^^xsd:date AS ?d) BIND("x"^^xsd:integer AS ?n) }',
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "d           n\n----------  -\n2026-13-01  x\n(1 row)\n",
        "",
    )
    parameter = newcomer("query", "positions-by-actor", "--param", "holder=2026-13-01")
    assert (parameter.returncode, parameter.stderr) == (
        2,
        "kg: error: positions-by-actor: parameter 'holder': '2026-13-01' names no actor "
        "(`kg ids actors` lists them)\n",
    )


NAMES = "SELECT ?actor WHERE { ?actor rdfs:label ?name }"


@pytest.mark.parametrize(
    ("query", "param", "table"),
    [
        (NAMES, 'name="Russia"@en', "actor\n---------\nid:russia\n(1 row)\n"),
        (NAMES, "name='Russia'@en", "actor\n---------\nid:russia\n(1 row)\n"),
        (
            "SELECT ?limit WHERE { ?limit ap:maximum ?n }",
            'n="1550"^^xsd:integer',
            "limit\n"
            "------------------------------------------------------------------------------------------\n"
            "<https://w3id.org/actors-positions/id/limit/new-start/deployed-strategic-nuclear-warheads>\n"
            "(1 row)\n",
        ),
    ],
)
def test_a_parameter_takes_a_literal_as_sparql_writes_it(newcomer, query, param, table):
    """Every name in the graph is in English ("Russia"@en), which plain text never matches."""
    done = newcomer("query", "--sparql", query, "--param", param)
    assert (done.returncode, done.stdout, done.stderr) == (0, table, "")


@pytest.mark.parametrize(
    ("param", "note"),
    [
        (
            "name=Russia",
            "name: 'Russia' was bound as plain text, and the answer is empty; the data holds "
            "\"Russia\"@en (give 'name=\"Russia\"@en'); 'Russia' names id:russia (Russia) "
            "(give name=id:russia)",
        ),
        (
            "who=russia",
            "who: 'russia' was bound as plain text, and the answer is empty; 'russia' names "
            "id:russia (Russia) (give who=id:russia)",
        ),
        (
            "name=US-Russia talks on nuclear arms",
            "name: 'US-Russia talks on nuclear arms' was bound as plain text, and the answer is "
            'empty; the data holds "US-Russia talks on nuclear arms"@en (give \'name="US-Russia '
            "talks on nuclear arms\"@en'); 'US-Russia talks on nuclear arms' names "
            "format:us-russia-talks (US-Russia talks on nuclear arms) (give "
            "name=format:us-russia-talks)",
        ),
    ],
)
def test_plain_text_that_the_data_holds_otherwise_gets_a_note(newcomer, param, note):
    """A parameter without a kind of its own (not holder, target...) is bound as it is given."""
    query = "SELECT ?actor WHERE { ?actor rdfs:label ?name . ?who rdfs:label ?name }"
    done = newcomer("query", "--sparql", query, "--param", param)
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "actor\n-----\n(0 rows)\n",
        f"kg: note: {note}\n",
    )


def test_plain_text_gets_no_note_when_it_answers_or_names_nothing(newcomer):
    stance = "SELECT ?stance WHERE { ?stance ap:polarity ?polarity } ORDER BY ?stance LIMIT 1"
    answers = newcomer("query", "--sparql", stance, "--param", "polarity=neutral")
    assert (answers.returncode, answers.stdout, answers.stderr) == (
        0,
        "stance\n---------------------\nstance:DefersToOthers\n(1 row)\n",
        "",
    )
    nothing = newcomer("query", "--sparql", NAMES, "--param", "name=Atlantis")
    assert (nothing.returncode, nothing.stdout, nothing.stderr) == (
        0,
        "actor\n-----\n(0 rows)\n",
        "",
    )


@pytest.mark.parametrize(
    ("param", "error"),
    [
        (
            'name="Russia',
            "parameter 'name': \"Russia is not a literal as SPARQL writes one; write text in "
            'double quotes, with a language or a datatype if it has one: "Russia"@en, '
            '"3"^^xsd:integer',
        ),
        (
            'name="Russia"@en--sideways',
            "parameter 'name': \"Russia\"@en--sideways is not a literal as SPARQL writes one; "
            "write text in double quotes, with a language or a datatype if it has one: "
            '"Russia"@en, "3"^^xsd:integer',
        ),
        (  # the lexer's tag, which Oxigraph refused: "syntax error ... expected UNDEF"
            'name="Russia"@g',
            "parameter 'name': @g is not a language tag of BCP 47 (the given language subtag "
            "is invalid); write one such as en, ru or zh-Hans",
        ),
        (
            'name="1550"^^foo:bar',
            "parameter 'name': the datatype foo:bar is no IRI of the project's prefixes; write "
            "it whole (<http://...>) or with one of them (xsd:integer)",
        ),
    ],
)
def test_a_malformed_literal_parameter_is_refused(newcomer, param, error):
    done = newcomer("query", "--sparql", NAMES, "--param", param)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"kg: error: {error}\n")
