"""Finding identifiers (issue 14): `kg ids` lists them with their names and kinds, and a query
parameter that names nothing of its kind is refused with the closest ones.

The commands run as a user runs them, on the embedded project's current build (as in
test_cli.py); the library is tested on the foundation's build (conftest.py)."""

import pyoxigraph as ox
import pytest
from rdflib import Literal

from kg.answering import answering_store
from kg.build import STORE_DIR
from kg.errors import QueryError
from kg.lookup import check_bindings, identifiers, resolve_names, spelling_notes
from kg.namespaces import ID, PREFIXES, STANCE
from kg.project import EMBEDDED

from conftest import ROOT, kg

BASE = "https://w3id.org/actors-positions/"


@pytest.fixture(scope="module", autouse=True)
def current_build() -> None:
    """The build `kg` answers from is current before the commands run, so that none of them
    says it built one first (on a fresh checkout the first would)."""
    answering_store(EMBEDDED, ROOT / "build", given=False)


def test_kg_ids_lists_actors_with_names_and_kinds():
    done = kg("ids", "actors", "--match", "russia")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "id                          label                       kind\n"
        "--------------------------  --------------------------  ------------\n"
        "id:russia-foreign-ministry  Russian Foreign Ministry    organisation\n"
        "id:russia-security-council  Security Council of Russia  organisation\n"
        "id:russia                   Russia                      state\n"
        "(3 identifiers)\n"
    )


def test_kg_ids_lists_the_stances():
    done = kg("ids", "stances")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "id                            label                   kind\n"
        "----------------------------  ----------------------  ------\n"
        "stance:CommitsTo              commits to              stance\n"
        "stance:ConditionallySupports  conditionally supports  stance\n"
        "stance:DefersToOthers         defers to others        stance\n"
        "stance:Demands                demands                 stance\n"
        "stance:Noncommittal           noncommittal            stance\n"
        "stance:Opposes                opposes                 stance\n"
        "stance:RefusesToParticipate   refuses to participate  stance\n"
        "stance:Regrets                regrets                 stance\n"
        "stance:Rejects                rejects                 stance\n"
        "stance:Supports               supports                stance\n"
        "(10 identifiers)\n"
    )


def test_kg_ids_match_finds_by_name_or_identifier_case_aside():
    sources = kg("ids", "sources", "--match", "National Post")
    assert (sources.returncode, sources.stderr) == (0, "")
    assert sources.stdout.splitlines() == [
        "id                                        label                                         "
        "                           kind",
        "----------------------------------------  ----------------------------------------------"
        "-------------------------  ------",
        "source:national-post-new-start-extension  National Post: U.S. extends New START treaty "
        "with Russia for five years  source",
        "(1 identifier)",
    ]
    statement = f"<{BASE}id/statement/tass-2025-10-05-trump-reply/trump-sounds-like-a-good-idea>"
    statements = kg("ids", "statements", "--match", "TRUMP-SOUNDS")
    assert statements.stdout.splitlines()[2:] == [
        f'{statement}  Donald Trump, 2025-10-05: "Sounds like a good idea to me"  statement',
        "(1 identifier)",
    ]
    none = kg("ids", "--match", "no such thing")
    assert (none.returncode, none.stdout.splitlines()[-1]) == (0, "(0 identifiers)")


def test_every_listed_identifier_is_pasteable_into_a_query(built):
    store = ox.Store.read_only(str(built / STORE_DIR))
    listed = identifiers(store)
    assert {i.kind for i in listed} >= {"state", "person", "statement", "position", "stance"}
    names = " ".join(i.name for i in listed)
    answer = store.query(f"SELECT ?x WHERE {{ VALUES ?x {{ {names} }} }}", prefixes=PREFIXES)
    assert isinstance(answer, ox.QuerySolutions)
    assert [row["x"].value for row in answer] == [i.iri for i in listed]
    positions = {i.iri: i.label for i in identifiers(store, "positions")}
    assert positions[str(ID["position/russia/conditionally-supports/us-russia-talks"])] == (
        "Russia conditionally supports US-Russia talks on nuclear arms"
    )


def test_a_misspelt_parameter_gets_did_you_mean_and_exit_2():
    done = kg("query", "positions-by-actor", "--param", "holder=rusia")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "kg: error: positions-by-actor: parameter 'holder': 'rusia' names no actor; did you "
        "mean id:russia (Russia)? (`kg ids actors` lists them)\n"
    )


def test_a_parameter_of_the_wrong_kind_is_named_as_such():
    done = kg(
        "query",
        "positions-by-actor",
        "--param",
        "holder=format:us-russia-talks",
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "kg: error: positions-by-actor: parameter 'holder': format:us-russia-talks is a "
        "negotiation format, not an actor (`kg ids actors` lists them)\n"
    )


def test_a_misspelt_treaty_and_an_unknown_iri_of_a_query_of_ones_own():
    treaty = kg("query", "treaty-limits", "--param", "treaty=treaty:new-strat")
    assert (treaty.returncode, treaty.stderr) == (
        2,
        "kg: error: treaty-limits: parameter 'treaty': treaty:new-strat names no treaty; did "
        "you mean treaty:new-start (New START)? (`kg ids issues` lists them)\n",
    )
    own = kg(
        "query",
        "--sparql",
        "SELECT ?who ?position WHERE { ?position ap:holder ?who }",
        "--param",
        "who=id:nobody",
    )
    assert (own.returncode, own.stderr) == (
        2,
        "kg: error: query: parameter 'who': id:nobody names nothing in the data "
        "(`kg ids all` lists them)\n",
    )


def test_the_earlier_spelling_is_read_with_a_note():
    done = kg(
        "query",
        "treaty-limits",
        "--param",
        "treaty=id:treaty/new-start",
        "--columns",
        "category,maximum",
    )
    assert done.returncode == 0
    assert done.stderr == (
        "kg: note: id:treaty/new-start is not SPARQL (a prefixed name cannot hold '/'); "
        "it was read as treaty:new-start, as a query must write it\n"
    )
    assert done.stdout == (
        "category                                                              maximum\n"
        "--------------------------------------------------------------------  -------\n"
        "deployed and non-deployed strategic launchers                         800\n"
        "deployed strategic delivery systems (ICBMs, SLBMs and heavy bombers)  700\n"
        "deployed strategic delivery systems (ICBMs, SLBMs and heavy bombers)  700\n"
        "deployed strategic nuclear warheads                                   1550\n"
        "deployed strategic nuclear warheads                                   1550\n"
        "(5 rows)\n"
    )


def test_known_values_pass_and_other_values_are_bound_as_they_are(store):
    check_bindings(store, {"holder": ID["russia"], "stance": STANCE.Supports}, "q")
    check_bindings(store, {"speaker": ID["us-european-command"]}, "q")  # a body speaks too
    check_bindings(store, {"target": ID["treaty/new-start"]}, "q")
    check_bindings(store, {"since": Literal("2026-02-05"), "x": Literal("text")}, "q")
    check_bindings(store, {"x": ID["russia"]}, "q")  # a parameter of one's own, in the data
    with pytest.raises(QueryError, match=r"'rusia' names no actor; did you mean id:russia"):
        check_bindings(store, {"speaker": Literal("rusia")}, "q")
    with pytest.raises(QueryError, match=r"stance:Supportz names no stance; did you mean"):
        check_bindings(store, {"stance": STANCE.Supportz}, "q")


def test_a_plain_name_of_one_thing_of_the_parameters_kind_is_bound_as_its_iri(store):
    """By key, path or name, case aside; a name of several things, or a parameter of no known
    kind, is left as it was given (and a name of several is refused, with them)."""
    given = {
        "holder": Literal("russia"),
        "target": Literal("New START"),
        "speaker": Literal("dmitry peskov"),
        "format": Literal("format/us-russia-talks"),
        "position": Literal("us-russia-talks"),
        "x": Literal("russia"),
    }
    assert resolve_names(store, given) == (
        {
            "holder": ID["russia"],
            "target": ID["treaty/new-start"],
            "speaker": ID["dmitry-peskov"],
            "format": ID["format/us-russia-talks"],
            "position": Literal("us-russia-talks"),
            "x": Literal("russia"),
        },
        [
            "holder: 'russia' was read as id:russia",
            "target: 'New START' was read as treaty:new-start",
            "speaker: 'dmitry peskov' was read as id:dmitry-peskov",
            "format: 'format/us-russia-talks' was read as format:us-russia-talks",
        ],
    )
    with pytest.raises(QueryError) as refusal:
        check_bindings(store, {"position": Literal("us-russia-talks")}, "q")
    assert str(refusal.value).startswith(
        "q: parameter 'position': 'us-russia-talks' names 2 positions, not one; did you mean "
        f"<{BASE}id/position/russia/conditionally-supports/us-russia-talks> (Russia "
        "conditionally supports US-Russia talks on nuclear arms), "
        f"<{BASE}id/position/united-states/commits-to/us-russia-talks> (United States commits "
        "to US-Russia talks on nuclear arms), "
    )


def test_spelling_notes_only_for_names_that_are_not_sparql():
    assert spelling_notes(["holder=id:russia", "target=format:x", "since=2026-02-05"]) == []
    assert spelling_notes(["position=id:position/a/b/c"]) == [
        "id:position/a/b/c is not SPARQL (a prefixed name cannot hold '/'); it was read as "
        f"<{BASE}id/position/a/b/c>, as a query must write it"
    ]
