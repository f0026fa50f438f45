"""Issue 14, from inside the project and outside it: identifiers are found with `kg ids`,
misspelt ones get "did you mean", and every identifier kg prints pastes into a query."""

import re

RUSSIA_IDS = (
    "id                          label                       kind\n"
    "--------------------------  --------------------------  ------------\n"
    "id:russia-foreign-ministry  Russian Foreign Ministry    organisation\n"
    "id:russia-security-council  Security Council of Russia  organisation\n"
    "id:russia                   Russia                      state\n"
    "(3 identifiers)\n"
)


def test_kg_ids_finds_the_actors_by_a_part_of_their_name(newcomer):
    done = newcomer("ids", "actors", "--match", "rus")
    assert (done.returncode, done.stdout, done.stderr) == (0, RUSSIA_IDS, "")


def test_a_misspelt_parameter_value_gets_did_you_mean(newcomer):
    done = newcomer("query", "positions-by-actor", "--param", "holder=rusia")
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        "kg: error: positions-by-actor: parameter 'holder': 'rusia' names no actor; did you "
        "mean id:russia (Russia)? (`kg ids actors` lists them)\n",
    )


def test_a_parameter_takes_the_plain_name_of_one_actor_with_a_note_of_its_identifier(newcomer):
    """`holder=china` was refused with "did you mean id:china (China)?": a name that names one
    actor exactly is that actor, and the note says how a query writes it."""
    by_name = newcomer("query", "positions-by-actor", "--param", "holder=china")
    by_id = newcomer("query", "positions-by-actor", "--param", "holder=id:china")
    assert (by_name.returncode, by_name.stderr) == (
        0,
        "kg: note: holder: 'china' was read as id:china\n",
    )
    assert by_name.stdout == by_id.stdout
    assert by_name.stdout.endswith("(3 rows)\n")


def test_every_identifier_a_table_prints_pastes_into_a_query(newcomer):
    table = newcomer("ids", "all").stdout
    printed = re.findall(r"^(\S+)\s", table, re.MULTILINE)[2:-1]  # between rule and footer
    footer = re.search(r"^\((\d+) identifiers\)$", table, re.MULTILINE)
    assert footer is not None
    assert len(printed) == int(footer[1]) > 0
    values = " ".join(printed)
    done = newcomer(
        "query", "--sparql", f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?x {{ {values} }} }}"
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[2].strip() == str(len(printed))


def test_a_printed_format_and_treaty_paste_as_they_are(newcomer):
    text = (
        "ASK { format:us-russia-china-talks a ap:NegotiationFormat . treaty:new-start a ap:Treaty }"
    )
    done = newcomer("query", "--sparql", text)
    assert (done.returncode, done.stdout, done.stderr) == (0, "ask\n----\ntrue\n(1 row)\n", "")


def test_columns_take_the_label_name_as_the_header_shows_it_or_in_full(newcomer):
    short = newcomer("query", "treaty-timeline", "--columns", "event,date")
    full = newcomer("query", "treaty-timeline", "--columns", "eventLabel,date")
    assert short.returncode == full.returncode == 0
    assert short.stdout == full.stdout
    assert (
        short.stdout.splitlines()[2] == "Signature of New START                          2010-04-08"
    )
