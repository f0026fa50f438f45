"""The command line as users meet it: help, exit codes and error messages."""

import json
import re

import pytest

from kg.checked import Checked
from kg.cli import parser

from conftest import ROOT, kg

COMMANDS = sorted(parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def test_the_commands():
    assert COMMANDS == [
        "bench",
        "build",
        "check-card",
        "docs",
        "draft",
        "export",
        "ids",
        "init",
        "lint",
        "new-card",
        "push",
        "queries",
        "query",
        "serve",
        "synth",
        "validate",
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example_and_is_in_the_readme(command):
    done = kg(command, "--help")
    assert done.returncode == 0
    assert f"example:\n  kg {command}" in done.stdout
    assert re.search(rf"`kg {command}\b", (ROOT / "README.md").read_text())


def test_validate_embedded_data_conforms():
    done = kg("validate")
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "validated 75 files, 1,878 triples: the data conforms to the shapes\n",
        "",
    )


def test_validate_says_what_it_checked_when_the_files_conform(tmp_path):
    """Issue 14: a success prints one line, so it cannot be taken for a check that did nothing."""
    head = (
        "@base <https://w3id.org/actors-positions/id/> .\n"
        "@prefix ap: <https://w3id.org/actors-positions/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    )
    (tmp_path / "iran.ttl").write_text(head + '<iran> a ap:State ; rdfs:label "Iran"@en .\n')
    (tmp_path / "eu.ttl").write_text(
        head + '<kaja-kallas> a ap:Person ; rdfs:label "Kaja Kallas"@en .\n'
        '<eu> a ap:Organisation ; rdfs:label "European Union"@en .\n'
    )
    done = kg("validate", str(tmp_path / "iran.ttl"), str(tmp_path / "eu.ttl"))
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "validated 2 files, 6 triples: the data conforms to the shapes\n",
        "",
    )
    alone = kg("validate", "--alone", str(tmp_path / "iran.ttl"))
    assert alone.stdout == "validated 1 file, 2 triples: the data conforms to the shapes\n"


def test_the_validate_summary_groups_thousands():
    assert Checked(2, 1234, []).summary() == (
        "validated 2 files, 1,234 triples: the data conforms to the shapes"
    )


def test_validate_malformed_turtle_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        '@prefix ap: <https://w3id.org/actors-positions/ontology#> .\n\nap:a ap:b "x .\n'
    )
    done = kg("validate", str(bad))
    assert done.returncode == 2
    assert done.stderr == (
        f'kg: error: {bad}:3: bad turtle syntax: the " at column 11 is never closed; '
        "fix the statement on this line (https://www.w3.org/TR/turtle/)\n"
    )


@pytest.mark.parametrize(
    ("statements", "where"),
    [
        # Oxigraph notices the missing dot where the next statement begins, two lines later
        (
            '<iran> a ap:State ; rdfs:label "Iran"@en\n\n# next\n<china> a ap:State .\n',
            "3: bad turtle syntax: this statement does not end with a dot (the next begins on "
            "line 6)",
        ),
        # a comment after the statement: the line still lacks its dot
        (
            "<iran> a ap:State # a state\n<china> a ap:State .\n",
            "3: bad turtle syntax: this statement does not end with a dot (the next begins on "
            "line 4)",
        ),
        # a term too many inside a line: the mistake is where Oxigraph stopped
        (
            "<iran> a ap:State ap:State .\n",
            "3: bad turtle syntax: a dot is expected at the end of statements",
        ),
    ],
)
def test_a_missing_dot_is_reported_on_the_line_that_lacks_it(tmp_path, statements, where):
    bad = tmp_path / "registry.ttl"
    bad.write_text(
        "@prefix ap: <https://w3id.org/actors-positions/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n" + statements
    )
    done = kg("validate", str(bad))
    assert (done.returncode, done.stderr) == (
        2,
        f"kg: error: {bad}:{where}; fix the statement on this line "
        "(https://www.w3.org/TR/turtle/)\n",
    )


def test_validate_refuses_an_iri_the_store_would_refuse(tmp_path):
    """rdflib read `<x y>` with only a warning on stderr, and `kg validate` said the data
    conforms; `kg build` then stopped with an internal error when the store refused it."""
    bad = tmp_path / "iran.ttl"
    bad.write_text(
        "@base <https://w3id.org/actors-positions/id/> .\n"
        "@prefix ap: <https://w3id.org/actors-positions/ontology#> .\n"
        "<islamic republic> a ap:State .\n"
    )
    done = kg("validate", str(bad))
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"kg: error: {bad}:3: bad turtle syntax: invalid IRI code point ' '; fix the statement "
        "on this line (https://www.w3.org/TR/turtle/)\n",
    )


def test_validate_a_folder_says_to_give_its_files(tmp_path):
    done = kg("validate", str(tmp_path))
    assert (done.returncode, done.stderr) == (
        2,
        f"kg: error: {tmp_path}: a folder, not a file; give the files in it, such as "
        f"{tmp_path}/*.ttl\n",
    )


def test_validate_missing_file(tmp_path):
    done = kg("validate", str(tmp_path / "nowhere.ttl"))
    assert done.returncode == 2
    assert done.stderr == f"kg: error: {tmp_path / 'nowhere.ttl'}: no such file; check the path\n"


def test_validate_violating_file_prints_one_line_per_violation(tmp_path):
    """Each line begins with the file, line and column of the statement describing the node."""
    bad = tmp_path / "statement.ttl"
    bad.write_text(
        "@base <https://w3id.org/actors-positions/id/> .\n"
        "@prefix ap: <https://w3id.org/actors-positions/ontology#> .\n"
        "<statement/x/unsourced> a ap:Statement ; ap:speaker <russia> ;\n"
        '    ap:quote "We regret it."@en .\n'
    )
    done = kg("validate", str(bad))
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"{bad}:3:1: <https://w3id.org/actors-positions/id/statement/x/unsourced> ap:reportedIn: "
        "A statement needs at least one source that "
        "reports it (ap:reportedIn), given as the IRI of an ap:Source, such as "
        "source:new-start-lapse-article."
    ]
    assert done.stderr == "kg: 1 violation\n"


def test_build_of_the_embedded_data_says_what_it_built(tmp_path):
    # a broken copy of the data is refused in test_build.py
    done = kg("build", "--out", str(tmp_path / "out"))
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"built {tmp_path / 'out'}/dataset.trig: 74 cards, 77 named graphs, 3,149 asserted and "
        "729 inferred triples; the data conforms to the shapes\n",
        "",
    )


def test_query_json_is_sparql_results_json():
    done = kg("query", "spokespeople", "--format", "json")
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert set(results) == {"head", "results"}
    assert results["head"]["vars"][:4] == ["state", "stateLabel", "person", "personLabel"]
    first = results["results"]["bindings"][0]  # the record's first state by name: the Holy See
    assert first["person"] == {
        "type": "uri",
        "value": "https://w3id.org/actors-positions/id/pope-leo-xiv",
    }


def test_query_csv_is_sparql_results_csv():
    done = kg("query", "treaty-limits", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("treaty,")
    assert "https://w3id.org/actors-positions/id/treaty/new-start" in done.stdout


def test_query_unknown_name():
    done = kg("query", "who-is-who")
    assert done.returncode == 2
    assert done.stderr.startswith("kg: error: unknown query 'who-is-who'; known queries: ")


def test_a_missing_query_file_is_named_and_a_named_query_s_file_gets_its_name(tmp_path):
    missing = tmp_path / "mine.rq"
    done = kg("query", str(missing))
    assert (done.returncode, done.stderr) == (
        2,
        f"kg: error: {missing}: cannot read the query file (No such file or directory)\n",
    )
    done = kg("query", "queries/who-supports-which-format.rq", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (
        2,
        "kg: error: queries/who-supports-which-format.rq: no such file; to run the named "
        "query, give its name: who-supports-which-format\n",
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (["holder="], "parameter 'holder' has no value; write it as holder=VALUE"),
        (
            ["holder=id:russia", "holder=id:china"],
            "parameter 'holder' is given twice; a parameter takes one value",
        ),
    ],
)
def test_a_parameter_takes_one_value(params, message):
    done = kg("query", "positions-by-actor", *(a for p in params for a in ("--param", p)))
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"kg: error: {message}\n")


@pytest.mark.parametrize("value", ["<bad iri>", "<x>", "id:a b"])
def test_a_parameter_that_is_no_iri_is_refused_as_a_name(value):
    """Each was an internal error: the engine refused the IRI the parameter was taken for."""
    done = kg("query", "positions-by-actor", "--param", f"holder={value}")
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"kg: error: positions-by-actor: parameter 'holder': {value!r} names no actor "
        "(`kg ids actors` lists them)\n",
    )


def test_query_unknown_parameter():
    done = kg("query", "spokespeople", "--param", "speaker=id:russia")
    assert done.returncode == 2
    assert done.stderr == (
        "kg: error: query 'spokespeople' has no parameter 'speaker'; its parameters: none\n"
    )


@pytest.mark.parametrize(
    ("sparql", "message"),
    [
        (
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
            "SERVICE is not allowed; queries may not reach other endpoints",
        ),
        (
            "SELECT * FROM </etc/passwd> WHERE { ?s ?p ?o }",
            "FROM and FROM NAMED are not allowed; queries read the built dataset "
            "(use GRAPH ?g { ... } to reach a source's named graph)",
        ),
        (
            "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            "updates are not allowed; the graph is read-only",
        ),
    ],
)
def test_unsafe_queries_are_refused(tmp_path, sparql, message):
    path = tmp_path / "unsafe.rq"
    path.write_text(
        "# # Unsafe\n# **Question:** -\n# **Parameters:** none\n# **Returns:** -\n" + sparql
    )
    done = kg("query", str(path))
    assert (done.returncode, done.stderr) == (2, f"kg: error: unsafe: {message}\n")


def test_queries_lists_every_named_query_with_its_question():
    done = kg("queries")
    assert done.returncode == 0
    names = [line for line in done.stdout.splitlines() if not line.startswith(" ")]
    assert names == sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))


def test_query_table_columns_pick_and_order_labelled_columns():
    done = kg("query", "conditional-positions", "--columns", "holder,condition")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "holder  condition",
        "------  -----------------------------------------------------------------",
        "Russia  The United States confirms it will keep cooperating on the limits",
        "Russia  The US responds constructively to Putin's earlier proposal",
        "Russia  The appropriate conditions for engagement are created",
        "Russia  The United States acts likewise",
        "(4 rows)",
    ]


@pytest.mark.parametrize("columns", ["holderLabel,conditionLabel", "holder,conditionLabel"])
def test_query_table_columns_take_the_label_name_too(columns):
    # issue 14: the table shows ?holderLabel under "holder"; the query's name works as well
    done = kg("query", "conditional-positions", "--columns", columns)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "holder  condition",
        "------  -----------------------------------------------------------------",
        "Russia  The United States confirms it will keep cooperating on the limits",
        "Russia  The US responds constructively to Putin's earlier proposal",
        "Russia  The appropriate conditions for engagement are created",
        "Russia  The United States acts likewise",
        "(4 rows)",
    ]


def test_query_table_unknown_column():
    done = kg("query", "treaty-limits", "--columns", "treaty,colour")
    assert done.returncode == 2
    assert done.stderr.startswith("kg: error: no column colour in this result; its columns: ")
    typo = kg("query", "treaty-limits", "--columns", "treaty,limt,")  # a trailing comma is no name
    assert typo.returncode == 2
    assert typo.stderr.startswith(
        "kg: error: no column limt in this result (did you mean limit?); its columns: "
    )
    for nothing in ("", ","):  # not every column, silently
        none = kg("query", "treaty-limits", "--columns", nothing)
        assert (none.returncode, none.stdout, none.stderr) == (
            2,
            "",
            "kg: error: --columns names no column; give them as the header shows them\n",
        )


def test_every_named_query_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for path in sorted((ROOT / "queries").glob("*.rq")):
        assert f"[`{path.stem}`](queries/{path.name})" in readme


def test_a_mistyped_command_or_option_gets_did_you_mean_and_no_command_lists_them():
    typo = kg("quer", "who-supports-which-format")
    assert (typo.returncode, typo.stdout) == (2, "")
    assert typo.stderr.splitlines()[-1].endswith(" (did you mean 'query'?)")
    option = kg("query", "who-supports-which-format", "--colums")
    assert (option.returncode, option.stderr.splitlines()[-1]) == (
        2,
        "kg: error: unrecognized arguments: --colums (did you mean '--columns'?)",
    )
    group = kg("ids", "actorz")
    assert group.stderr.splitlines()[-1] == (
        "kg ids: error: argument group: invalid choice: 'actorz' (choose from 'actors', "
        "'issues', 'sources', 'statements', 'positions', 'stances', 'all') (did you mean "
        "'actors'?)"
    )
    bare = kg()
    assert (bare.returncode, bare.stdout) == (2, "")
    assert bare.stderr.startswith("usage: kg [-h] [--version] COMMAND ...\n\nBuild, validate")
    assert "\n    check-card\n" in bare.stderr


def test_an_export_to_a_folder_asks_for_a_file_name(tmp_path):
    """It failed with the name of a temporary file the user never gave (the CSV view wrote
    FOLDER.nodes.csv beside the folder)."""
    for view, fmt in (("stances", "html"), ("stances", "csv"), ("matrix", "svg")):
        done = kg("export", "--view", view, "--to", fmt, "-o", str(tmp_path))
        assert (done.returncode, done.stdout, done.stderr) == (
            2,
            "",
            f"kg: error: {tmp_path}: --out names a folder; give the file to write, such as "
            f"{tmp_path}/{view}.{fmt}\n",
        )
    assert list(tmp_path.iterdir()) == []
    assert not tmp_path.with_name(tmp_path.name + ".nodes.csv").exists()


def test_lint_gives_its_count_once():
    """The table ends with the count; only the tab-separated rows, for tools, leave it to stderr."""
    table = kg("lint")
    assert (table.returncode, table.stdout.splitlines()[-1], table.stderr) == (
        0,
        "(0 errors, 0 warnings, 4 info)",
        "",
    )
    tsv = kg("lint", "--format", "tsv")
    assert (tsv.returncode, tsv.stdout.splitlines()[0], len(tsv.stdout.splitlines())) == (
        0,
        "severity\tcheck\tentity\tproperty\tvalue",
        5,
    )
    assert tsv.stderr == "kg: 0 errors, 0 warnings, 4 info\n"


BINARY = bytes(range(128, 256)) * 4
"""Not UTF-8 text: what a user may give by mistake (an image, a PDF)."""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("build", "--out", "notes.txt/build"),
            "{d}/notes.txt/build: cannot make the folder here "
            "({d}/notes.txt is a file); give another",
        ),
        (
            ("docs", "-o", "notes.txt/site"),
            "{d}/notes.txt/site: cannot make the folder here "
            "({d}/notes.txt is a file); give another",
        ),
        (
            ("synth", "--cards", "5", "-o", "notes.txt"),
            "notes.txt: a file, not a folder; choose a new folder",
        ),
        (("lint", "binary.rq"), "binary.rq: the query file is not UTF-8 text"),
        (("lint", "--profile", "binary.tsv"), "binary.tsv: the severity profile is not UTF-8 text"),
        (
            ("draft", "--evaluate", "binary.yaml", "binary.yaml"),
            "binary.yaml: the card is not UTF-8 text; save it as UTF-8",
        ),
    ],
)
def test_a_path_given_by_mistake_is_named_with_the_reason(tmp_path, args, message):
    """Each was an internal error (FileExistsError, NotADirectoryError, UnicodeDecodeError)."""
    (tmp_path / "notes.txt").write_text("mine")
    for name in ("binary.rq", "binary.tsv", "binary.yaml"):
        (tmp_path / name).write_bytes(BINARY)
    done = kg(*args, cwd=tmp_path)
    assert (done.returncode, done.stderr) == (2, f"kg: error: {message.format(d=tmp_path)}\n")
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_a_card_that_is_not_utf8_is_named_with_the_fix(tmp_path):
    card = tmp_path / "binary.yaml"
    card.write_bytes(BINARY)
    done = kg("check-card", str(card), "--build", str(tmp_path / "nowhere"))
    assert (done.returncode, done.stderr) == (
        2,
        f"{card}:1:1: the card is not UTF-8 text; save it as UTF-8\n"
        "kg: 1 error in source cards; the card was not checked against the shapes\n",
    )


def test_a_file_the_system_refuses_is_an_error_of_input_not_of_kg(tmp_path):
    """A name longer than the file system allows was an internal error (OSError, found by
    fuzzing the command line): any refusal of the system names the file and the reason."""
    name = "x" * 300
    done = kg("init", name, cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"kg: error: {name}: File name too long\n",
    )
