"""Projects of one's own: `kg init`, cards written there, `--project` on every command."""

import re
import shutil
import textwrap

import pytest

from kg.cards.template import card_key
from kg.project import EMBEDDED

from conftest import ROOT, kg

REGISTRY_LINES = """
<iran> a ap:State ; rdfs:label "Iran"@en .
<european-union> a ap:Organisation ; rdfs:label "European Union"@en .
<kaja-kallas> a ap:Person ; rdfs:label "Kaja Kallas"@en .
"""

CARD = """\
source:
  label: A briefing on talks with Iran
  date: 2026-03-02
  url: https://example.org/briefing
statements:
  kallas-ready:
    speaker: kaja-kallas
    on-behalf-of: european-union
    date: 2026-03-02
    quote: We stand ready to talk.
positions:
  - holder: european-union
    stance: conditionally-supports
    target: format/eu-iran-talks
    condition:
      key: iran-cooperates
      label: Iran cooperates with inspectors
      description: The EU would talk if Iran cooperates with the inspectors.
      requires-action-of: iran
    evidence: kallas-ready
formats:
  format/eu-iran-talks:
    label: EU-Iran talks
    participants: [european-union, iran]
"""

QUERY = """\
# # Formats by number of participants
# **Question:** How many participants does each format have?
# **Parameters:** none
# **Returns:** ?format the format, ?participants how many take part
PREFIX ap: <https://w3id.org/actors-positions/ontology#>
SELECT ?format (COUNT(DISTINCT ?actor) AS ?participants)
WHERE { ?format a ap:NegotiationFormat ; ap:participant ?actor }
GROUP BY ?format ORDER BY ?format
"""


def make_project(tmp_path):
    root = tmp_path / "iran"
    done = kg("init", str(root))
    assert (done.returncode, done.stdout) == (
        0,
        f"created {root}/: registry.ttl, sources/, queries/\n"
        f"next: cd {root} && kg new-card --date YYYY-MM-DD --publisher NAME --title TEXT "
        "--url URL\n",
    )
    with (root / "registry.ttl").open("a", encoding="utf-8") as registry:
        registry.write(REGISTRY_LINES)
    (root / "sources" / "briefing-2026-03-02.yaml").write_text(CARD, encoding="utf-8")
    return root


def test_init_card_build_and_query_give_a_working_graph(tmp_path):
    root = make_project(tmp_path)
    assert sorted(p.name for p in root.iterdir()) == ["queries", "registry.ttl", "sources"]
    built = kg("build", "--project", str(root))
    assert built.returncode == 0, built.stderr
    assert built.stdout == (
        f"built {root}/build/dataset.trig: 1 card, 4 named graphs, 844 asserted and 34 inferred "
        "triples; the data conforms to the shapes\n"
    )
    answer = kg(
        "query",
        "conditional-positions",
        "--project",
        str(root),
        "--columns",
        "holder,target,condition,requiresActionOf",
    )
    assert answer.stdout.splitlines() == [
        "holder          target         condition                        requiresActionOf",
        "--------------  -------------  -------------------------------  ----------------",
        "European Union  EU-Iran talks  Iran cooperates with inspectors  Iran",
        "(1 row)",
    ]


def test_project_queries_are_listed_and_run(tmp_path):
    root = make_project(tmp_path)
    (root / "queries" / "format-sizes.rq").write_text(QUERY, encoding="utf-8")
    listed = kg("queries", "--project", str(root))
    assert "format-sizes\n    How many participants does each format have?\n" in listed.stdout
    assert "who-supports-which-format\n" in listed.stdout
    answer = kg("query", "format-sizes", "--project", str(root), "--format", "csv")
    assert answer.stdout == (
        "format,participants\nhttps://w3id.org/actors-positions/id/format/eu-iran-talks,2\n"
    )


def test_a_plain_query_saved_in_the_projects_queries_folder_runs_by_name(tmp_path):
    """A file of SPARQL without the header used to stop every `kg query` of the project."""
    root = make_project(tmp_path)
    (root / "queries" / "speakers.rq").write_text(
        "# who speaks, in which words\nSELECT ?speaker ?quote WHERE "
        "{ ?statement ap:speaker ?speaker ; ap:quote ?quote } ORDER BY ?quote\n"
    )
    listed = kg("queries", "--project", str(root))
    assert listed.returncode == 0, listed.stderr
    assert (
        "speakers\n    (no question: its file has no header; see docs/queries.md)\n"
        "    parameters: ?speaker ?quote ?statement\n"
    ) in listed.stdout
    answer = kg("query", "speakers", "--project", str(root), "--param", "speaker=id:kaja-kallas")
    assert (answer.returncode, answer.stdout) == (
        0,
        "speaker         quote\n"
        "--------------  -----------------------\n"
        "id:kaja-kallas  We stand ready to talk.\n"
        "(1 row)\n",
    )
    other = kg("query", "spokespeople", "--project", str(root))
    assert (other.returncode, other.stderr) == (0, "")


def test_a_broken_project_query_file_stops_only_itself(tmp_path):
    """A header begun but incomplete, or a file that is not UTF-8, used to stop every
    `kg query` of the project, the built-in ones too."""
    root = make_project(tmp_path)
    (root / "queries" / "speakers.rq").write_text(
        "SELECT ?speaker WHERE { ?s ap:speaker ?speaker }"
    )
    (root / "queries" / "half.rq").write_text("# # Half a header\nSELECT * WHERE { ?s ?p ?o }\n")
    (root / "queries" / "latin1.rq").write_bytes("# caf\xe9\nSELECT * {}".encode("latin-1"))
    half_error = (
        f"kg: error: {root}/queries/half.rq:1: the query header is incomplete; a named query "
        "needs '# # Title', '# **Question:**', '# **Parameters:**' and '# **Returns:**' lines "
        "at the top\n"
    )
    latin1_error = f"kg: error: {root}/queries/latin1.rq: the query file is not UTF-8 text\n"
    listed = kg("queries", "--project", str(root))
    assert (listed.returncode, listed.stderr) == (2, half_error + latin1_error)
    names = [line for line in listed.stdout.splitlines() if not line.startswith(" ")]
    assert kg("build", "--project", str(root)).returncode == 0
    built_in = [path.stem for path in (ROOT / "queries").glob("*.rq")]
    assert names == sorted([*built_in, "speakers"])
    for name in ("spokespeople", "speakers"):
        done = kg("query", name, "--project", str(root), "--format", "csv")
        assert (done.returncode, done.stderr) == (0, ""), name
    matrix = tmp_path / "matrix.csv"
    exported = kg(
        "export", "--project", str(root), "--view", "matrix", "--to", "csv", "-o", str(matrix)
    )
    assert (exported.returncode, exported.stderr) == (0, "")
    for name, error in (("half", half_error), ("latin1", latin1_error)):
        done = kg("query", name, "--project", str(root))
        assert (done.returncode, done.stdout, done.stderr) == (2, "", error)


def test_serve_refuses_a_broken_query_file_before_building(tmp_path):
    """kg serve publishes every query: it stopped at such a file only after making a build,
    which takes minutes for a large project."""
    root = make_project(tmp_path)
    (root / "queries" / "half.rq").write_text("# # Half a header\nSELECT * WHERE { ?s ?p ?o }\n")
    done = kg("serve", "--project", str(root), "--port", "0")
    assert (done.returncode, done.stderr) == (
        2,
        f"kg: error: {root}/queries/half.rq:1: the query header is incomplete; a named query "
        "needs '# # Title', '# **Question:**', '# **Parameters:**' and '# **Returns:**' lines "
        "at the top\n",
    )
    assert not (root / "build").exists()


def test_a_project_query_may_not_shadow_a_built_in_one(tmp_path):
    root = make_project(tmp_path)
    (root / "queries" / "spokespeople.rq").write_text(QUERY, encoding="utf-8")
    refusal = (
        f"kg: error: {root}/queries/spokespeople.rq: the project query 'spokespeople' has the "
        "name of a built-in query; rename it\n"
    )
    done = kg("queries", "--project", str(root))
    assert (done.returncode, done.stderr) == (2, refusal)
    done = kg("query", "spokespeople", "--project", str(root))
    assert (done.returncode, done.stdout, done.stderr) == (2, "", refusal)
    other = kg("query", "treaty-limits", "--project", str(root), "--format", "csv")
    assert (other.returncode, other.stdout.splitlines()[0]) == (
        0,
        "treaty,treatyLabel,limit,category,categoryLabel,maximum,source,sourceLabel",
    )


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "notes.txt").write_text("mine")
    done = kg("init", str(tmp_path / "x"))
    assert done.returncode == 2
    assert done.stderr == (
        f"kg: error: {tmp_path}/x: the folder exists and is not empty; choose a new folder\n"
    )


def test_init_where_no_folder_can_be_made_says_so(tmp_path):
    """A file given as the folder was an internal error (NotADirectoryError)."""
    notes = tmp_path / "notes.txt"
    notes.write_text("mine")
    done = kg("init", str(notes))
    assert (done.returncode, done.stderr) == (
        2,
        f"kg: error: {notes}: a file, not a folder; choose a new folder\n",
    )
    done = kg("init", str(notes / "project"))
    assert (done.returncode, done.stderr) == (
        2,
        f"kg: error: {notes}/project: cannot make the project here (Not a directory); choose "
        "another folder\n",
    )
    assert notes.read_text() == "mine"


def test_project_option_on_a_folder_that_is_not_a_project(tmp_path):
    done = kg("build", "--project", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr == (
        f"kg: error: {tmp_path}: not a project folder: {tmp_path}/registry.ttl is missing; "
        "create a project with `kg init DIR`\n"
    )


def test_new_card_writes_a_template_that_compiles_and_never_overwrites(tmp_path):
    root = make_project(tmp_path)
    args = [
        "new-card",
        "--project",
        str(root),
        "--url",
        "https://tass.com/world/2025407",
        "--date",
        "2025-10-05",
        "--title",
        "Trump: That sounds like a good idea",
    ]
    done = kg(*args)
    card = root / "sources" / "2025-10-05-trump-that-sounds-like-a-good-idea.yaml"
    assert (done.returncode, done.stdout) == (0, f"wrote {card}\n")
    assert 'title: "Trump: That sounds like a good idea"' in card.read_text()
    assert kg("build", "--project", str(root)).returncode == 0
    checked = kg("check-card", str(card), "--project", str(root))
    assert checked.returncode == 0, checked.stderr
    again = kg(*args)
    assert again.returncode == 2
    assert again.stderr == (
        f"kg: error: {card}: a card with this name exists already; choose another --key\n"
    )


@pytest.mark.parametrize(
    ("date", "title", "publisher", "key"),
    [
        ("2025-10-05", "Trump on Putin's offer", "TASS", "tass-2025-10-05-trump-on-putin-s-offer"),
        ("2025-10-05", "Trump on Putin's offer", None, "2025-10-05-trump-on-putin-s-offer"),
        ("2026-02-05", None, "Defense Daily", "defense-daily-2026-02-05"),
        ("2026-02-05", None, "Agence France-Presse (AFP)", "agence-france-presse-afp-2026-02-05"),
        ("2026-02-05", None, None, "2026-02-05"),
        # accents dropped, not the letters they sit on; other scripts left out
        ("2026-03-01", "Ça va: l'été", "Ünïcode News", "unicode-news-2026-03-01-ca-va-l-ete"),
        (
            "2026-03-01",
            "Straße nach Øslo",
            "Süddeutsche",
            "suddeutsche-2026-03-01-strasse-nach-oslo",
        ),
        ("2026-03-01", "\u041c\u0438\u0440", "\u0422\u0410\u0421\u0421", "2026-03-01"),  # TASS
        (
            "2026-02-05",
            "Russia says it regrets the expiry of the last treaty limiting the two arsenals",
            "Reuters",
            "reuters-2026-02-05-russia-says-it-regrets-the-expiry-of-the-last",
        ),
    ],
)
def test_card_file_names_follow_publisher_date_slug(date, title, publisher, key):
    assert card_key(date, title, publisher) == key


WIRE_SOURCE = """\
source:
  label: Reuters, 2026-03-02  # a name for people: what it reports
  # title: the exact title, when it has one
  publisher: Reuters
  date: 2026-03-02
  # url: https://... (its address, when it has one)
  language: en
  kind: news-article              # news-article, reference-work, official-statement, ...
"""

WIRE_STATEMENTS = """\
statements:
  kallas-ready:
    speaker: kaja-kallas
    on-behalf-of: european-union
    date: 2026-03-02
    quote: We stand ready to talk.
"""


def test_new_card_for_wire_copy_needs_neither_url_nor_title(tmp_path):
    """Issue 14: wire copy has a publisher and a day, often no address and no title."""
    root = make_project(tmp_path)
    assert kg("build", "--project", str(root)).returncode == 0
    done = kg("new-card", "--project", str(root), "--publisher", "Reuters", "--date", "2026-03-02")
    card = root / "sources" / "reuters-2026-03-02.yaml"
    assert (done.returncode, done.stdout, done.stderr) == (0, f"wrote {card}\n", "")
    text = card.read_text()
    assert text.startswith("# Source card: Reuters, 2026-03-02\n")
    assert WIRE_SOURCE in text
    assert "\nstatements:\n  # a-short-key:" in text
    empty = kg("check-card", str(card), "--project", str(root))
    assert empty.returncode == 0, empty.stderr
    assert empty.stdout.startswith(f"{card}: ok (6 triples, ")
    card.write_text(text.replace("statements:\n", WIRE_STATEMENTS, 1))  # filled in
    filled = kg("check-card", str(card), "--project", str(root))
    assert filled.returncode == 0, filled.stderr
    assert filled.stdout.startswith(f"{card}: ok (12 triples, ")
    built = kg("build", "--project", str(root))
    assert (built.returncode, built.stdout.splitlines()[0]) == (
        0,
        f"updated {root}/build/dataset.trig: 2 cards, 5 named graphs, 857 asserted and 38 "
        "inferred triples; the data conforms to the shapes",
    )


def test_new_card_with_title_and_publisher(tmp_path):
    root = make_project(tmp_path)
    done = kg(
        *("new-card", "--project", str(root), "--publisher", "TASS", "--date", "2025-10-05"),
        *("--title", "Trump on Putin's offer", "--url", "https://tass.com/world/2025407"),
    )
    card = root / "sources" / "tass-2025-10-05-trump-on-putin-s-offer.yaml"
    assert (done.returncode, done.stdout) == (0, f"wrote {card}\n")
    assert (
        "source:\n"
        '  label: "Trump on Putin\'s offer"\n'
        '  title: "Trump on Putin\'s offer"\n'
        "  publisher: TASS\n"
        "  date: 2025-10-05\n"
        "  url: https://tass.com/world/2025407\n"
    ) in card.read_text()


def test_new_card_refuses_an_address_that_is_not_http(tmp_path):
    root = make_project(tmp_path)
    done = kg("new-card", "--project", str(root), "--date", "2026-03-02", "--url", "tass.com/x")
    assert (done.returncode, done.stderr) == (
        2,
        "kg: error: --url 'tass.com/x' is not an http(s) address\n",
    )
    assert sorted(p.name for p in (root / "sources").iterdir()) == ["briefing-2026-03-02.yaml"]


@pytest.mark.parametrize("day", ["2026-02-30", "2026-3-2", "20260302"])
def test_new_card_refuses_a_date_that_is_not_a_day(tmp_path, day):
    root = make_project(tmp_path)
    done = kg("new-card", "--project", str(root), "--date", day, "--publisher", "TASS")
    assert (done.returncode, done.stderr) == (
        2,
        f"kg: error: --date {day!r} is not a day written YYYY-MM-DD\n",
    )
    assert sorted(p.name for p in (root / "sources").iterdir()) == ["briefing-2026-03-02.yaml"]


def test_check_card_and_validate_each_point_to_the_other_for_the_others_files(tmp_path):
    """`kg check-card registry.ttl` said "YAML syntax error"; each command names the other."""
    root = make_project(tmp_path)
    registry, card = root / "registry.ttl", root / "sources" / "briefing-2026-03-02.yaml"
    checked = kg("check-card", str(registry), "--project", str(root))
    assert (checked.returncode, checked.stderr) == (
        2,
        f"kg: error: {registry}: this is RDF, not a source card; check it with `kg validate`\n",
    )
    validated = kg("validate", str(card), "--project", str(root))
    assert (validated.returncode, validated.stderr) == (
        2,
        f"kg: error: {card}: this is a source card; check it with `kg check-card`\n",
    )


def test_check_card_of_a_folder_says_to_give_one_card(tmp_path):
    root = make_project(tmp_path)
    checked = kg("check-card", "sources", cwd=root)
    assert (checked.returncode, checked.stdout, checked.stderr) == (
        2,
        "",
        "sources:1:1: a folder, not a card; give one card in it, such as sources/NAME.yaml\n"
        "kg: 1 error in source cards; the card was not checked against the shapes\n",
    )


def test_a_folder_named_like_a_card_or_turtle_source_is_not_one(tmp_path):
    """It was an internal error (IsADirectoryError)."""
    root = make_project(tmp_path)
    (root / "sources" / "old.yaml").mkdir()
    (root / "sources" / "old.ttl").mkdir()
    done = kg("build", cwd=root, env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert (done.returncode, done.stdout.split(":")[1]) == (
        0,
        " 1 card, 4 named graphs, 844 asserted and 34 inferred triples; the data conforms to "
        "the shapes\n",
    )


def test_draft_in_a_project_whose_registry_does_not_read_names_its_line(tmp_path):
    """It was an internal error (rdflib's BadSyntax)."""
    root = make_project(tmp_path)
    registry = root / "registry.ttl"
    registry.write_text(registry.read_text() + '<x> rdfs:label "broken .\n')
    article = tmp_path / "article.txt"
    article.write_text('Moscow. Peskov said: "We regret it."\n')
    done = kg("draft", str(article), cwd=root)
    line = len(registry.read_text().splitlines())
    assert (done.returncode, done.stderr) == (
        2,
        f'kg: error: {registry}:{line}: bad turtle syntax: the " at column 16 is never closed; '
        "fix the statement on this line (https://www.w3.org/TR/turtle/)\n",
    )
    assert sorted(p.name for p in (root / "sources").iterdir()) == ["briefing-2026-03-02.yaml"]


def test_a_key_with_a_space_is_refused_without_a_warning_of_rdflib(tmp_path):
    """The position's IRI, made of its holder's key, made rdflib warn "does not look like a
    valid URI" on stderr, before the error that says what to fix."""
    root = make_project(tmp_path)
    card = root / "sources" / "briefing-2026-03-02.yaml"
    card.write_text(CARD.replace("  - holder: european-union", "  - holder: european union"))
    done = kg("check-card", str(card), cwd=root)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"{card}:12:13: unknown actor 'european union' (did you mean 'european-union'?); add "
        "it to the registry or check the key\n"
        "kg: 1 error in source cards; the card was not checked against the shapes\n",
    )


def test_an_export_never_overwrites_the_projects_own_files(tmp_path):
    """`kg export ... -o registry.ttl`, a slip of the keyboard, overwrote the registry."""
    root = make_project(tmp_path)
    registry, card = root / "registry.ttl", root / "sources" / "briefing-2026-03-02.yaml"
    before = registry.read_bytes(), card.read_bytes()
    for target in (registry, card, root / "queries" / "new.graphml"):
        done = kg("export", "--view", "stances", "--to", "graphml", "-o", str(target), cwd=root)
        assert (done.returncode, done.stderr) == (
            2,
            f"kg: error: {target}: this is one of the project's inputs; write the export "
            "elsewhere\n",
        )
    assert (registry.read_bytes(), card.read_bytes()) == before
    assert not (root / "queries" / "new.graphml").exists()


def test_a_card_key_must_be_a_key_whether_given_or_made_from_the_file_name(tmp_path):
    """`--key ../evil` wrote outside sources/, and `--key "Has Space"` a card whose IRIs were
    invalid (rdflib warned "does not look like a valid URI" before the build refused it)."""
    root = make_project(tmp_path)
    for key in ("../evil", "Has Space"):
        done = kg("new-card", "--date", "2026-03-01", "--key", key, cwd=root)
        assert (done.returncode, done.stderr) == (
            2,
            f"kg: error: --key {key!r} is not a valid key: use lower-case letters, digits and "
            "hyphens, such as tass-2025-10-05-trump.yaml\n",
        )
    assert sorted(p.name for p in root.iterdir()) == ["queries", "registry.ttl", "sources"]
    renamed = root / "sources" / "Has Space.yaml"
    (root / "sources" / "briefing-2026-03-02.yaml").rename(renamed)
    built = kg("build", cwd=root)
    assert (built.returncode, built.stderr) == (
        2,
        f"{renamed}:1:1: the card's file name 'Has Space' is not a valid key: use lower-case "
        "letters, digits and hyphens, such as tass-2025-10-05-trump.yaml\n"
        "kg: 1 error in source cards; nothing was built or changed\n",
    )


def test_check_card_reports_errors_without_touching_the_card(tmp_path):
    root = make_project(tmp_path)
    assert kg("build", "--project", str(root)).returncode == 0
    card = root / "sources" / "briefing-2026-03-02.yaml"
    broken = CARD.replace("stance: conditionally-supports", "stance: conditionaly-supports")
    card.write_text(broken, encoding="utf-8")
    before = card.read_bytes()
    done = kg("check-card", str(card), "--project", str(root))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{card}:13:13: unknown stance 'conditionaly-supports' (did you mean "
        "'conditionally-supports'?); the stances are: commits-to, conditionally-supports, "
        "defers-to-others, demands, noncommittal, opposes, refuses-to-participate, regrets, "
        "rejects, supports",
        "kg: 1 error in source cards; the card was not checked against the shapes",
    ]
    assert card.read_bytes() == before


ARAGHCHI_CARD = """\
source:
  label: Araghchi on talks with the EU
  date: 2026-03-03
statements:
  araghchi-open:
    speaker: abbas-araghchi
    on-behalf-of: iran
    date: 2026-03-03
    quote: We are open to talks.
positions:
  - holder: iran
    stance: supports
    target: format/eu-iran-talks
    evidence: araghchi-open
"""


def test_check_card_reads_the_registry_on_disk_not_the_last_build(tmp_path):
    """Issue 14: an actor added to registry.ttl after the build is known without a rebuild."""
    root = make_project(tmp_path)
    assert kg("build", "--project", str(root)).returncode == 0
    card = root / "sources" / "araghchi-2026-03-03.yaml"
    card.write_text(ARAGHCHI_CARD, encoding="utf-8")
    unknown = kg("check-card", str(card), "--project", str(root))
    assert (unknown.returncode, unknown.stderr.splitlines()) == (
        2,
        [
            f"{card}:6:14: unknown actor 'abbas-araghchi'; add it to the registry or check the key",
            "kg: 1 error in source cards; the card was not checked against the shapes",
        ],
    )
    with (root / "registry.ttl").open("a", encoding="utf-8") as registry:
        registry.write('<abbas-araghchi> a ap:Person ; rdfs:label "Abbas Araghchi"@en .\n')
    checked = kg("check-card", str(card), "--project", str(root))
    assert checked.returncode == 0, checked.stderr
    assert re.fullmatch(
        rf"{re.escape(str(card))}: ok \(15 triples, checked in \d+\.\d\d s\)\n", checked.stdout
    )
    registry = (root / "registry.ttl").read_text(encoding="utf-8")
    (root / "registry.ttl").write_text(registry.replace("<iran> a ap:State", "<iran> a ap:Treaty"))
    retyped = kg("check-card", str(card), "--project", str(root))  # Iran of the build is a state
    assert (retyped.returncode, retyped.stderr.splitlines()) == (
        2,
        [
            f"{card}:7:19: unknown actor 'iran'; add it to the registry or check the key",
            f"{card}:11:13: unknown actor 'iran'; add it to the registry or check the key",
            "kg: 2 errors in source cards; the card was not checked against the shapes",
        ],
    )


def test_check_card_of_a_projects_first_card_needs_no_build(tmp_path):
    """The template's own advice, `kg check-card`, works before the first build, as after it."""
    root = make_project(tmp_path)
    card = root / "sources" / "briefing-2026-03-02.yaml"
    ok = rf"{re.escape(str(card))}: ok \(25 triples, checked in \d+\.\d\d s\)\n"
    checked = kg("check-card", str(card), "--project", str(root))
    assert (checked.returncode, checked.stderr) == (0, "")
    assert re.fullmatch(ok, checked.stdout)
    assert kg("build", "--project", str(root), "--out", str(tmp_path / "built")).returncode == 0
    after = kg("check-card", str(card), "--project", str(root), "--build", str(tmp_path / "built"))
    assert re.fullmatch(ok, after.stdout)
    card.write_text(CARD.replace("date: 2026-03-02\n    quote", "date: 2026-03-04\n    quote"))
    late = kg("check-card", str(card), "--project", str(root))
    assert (late.returncode, late.stdout, late.stderr) == (
        1,
        f"{card}:6:3: <https://w3id.org/actors-positions/id/statement/briefing-2026-03-02/"
        "kallas-ready> ap:statedOn: This statement is dated 2026-03-04, after a source that "
        "reports it was published (2026-03-02). Check the statement's ap:statedOn and the "
        "source's dcterms:date; one of them is wrong.\n",
        "kg: 1 violation\n",
    )
    assert not (root / "build").exists()


def test_a_violation_in_the_registry_names_its_line_in_build_validate_and_check_card(tmp_path):
    """A node of the registry is pointed to as a card's node is: by file, line and column.
    check-card reads the registry on disk, so it reports the registry's violations too: it said
    "ok" on a card the build then refused."""
    root = make_project(tmp_path)
    registry = root / "registry.ttl"
    line = registry.read_text(encoding="utf-8").count("\n") + 1
    with registry.open("a", encoding="utf-8") as appended:
        appended.write(
            '<format/e3-iran-talks> a ap:NegotiationFormat ; rdfs:label "E3-Iran talks"@en ;\n'
            "    ap:participant <iran> .\n"
        )
    violation = (
        f"{registry}:{line}:1: format:e3-iran-talks ap:participant: A negotiation format is "
        "defined by who takes part: name at least two expected participants (ap:participant), "
        "including any participant an actor requires."
    )
    built = kg("build", "--project", str(root))
    assert (built.returncode, built.stdout, built.stderr.splitlines()) == (
        1,
        "",
        [violation, f"kg: build failed: 1 violation; {root}/build/ was left unchanged"],
    )
    validated = kg("validate", cwd=root)
    assert (validated.returncode, validated.stdout, validated.stderr) == (
        1,
        violation + "\n",
        "kg: 1 violation\n",
    )
    card = root / "sources" / "briefing-2026-03-02.yaml"
    checked = kg("check-card", str(card), "--project", str(root))
    assert (checked.returncode, checked.stdout, checked.stderr) == (
        1,
        violation + "\n",
        "kg: 1 violation\n",
    )


def test_kg_validate_points_to_the_card_line_as_the_build_does(tmp_path):
    root = make_project(tmp_path)
    card = root / "sources" / "briefing-2026-03-02.yaml"
    card.write_text(CARD.replace("date: 2026-03-02\n    quote", "date: 2026-03-04\n    quote"))
    built = kg("build", "--project", str(root))
    validated = kg("validate", "--project", str(root))
    assert (validated.returncode, validated.stderr) == (1, "kg: 1 violation\n")
    assert validated.stdout.startswith(
        f"{card}:6:3: <https://w3id.org/actors-positions/id/statement/briefing-2026-03-02/"
        "kallas-ready> ap:statedOn: This statement is dated 2026-03-04"
    )
    assert built.stderr.splitlines()[0] == validated.stdout.rstrip("\n")


def test_check_card_needs_a_build_to_know_the_other_cards(tmp_path):
    root = make_project(tmp_path)
    card = root / "sources" / "araghchi-2026-03-03.yaml"
    card.write_text(ARAGHCHI_CARD, encoding="utf-8")
    done = kg("check-card", str(card), "--project", str(root))
    assert done.returncode == 2
    assert done.stderr == (
        f"kg: error: {root}/build: no build found ({root}/build/store is missing), and the "
        "other cards are known from a build; run `kg build` first\n"
    )


def test_a_card_with_errors_never_enters_the_graph_and_the_build_is_kept(tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(EMBEDDED.root, root)
    out = tmp_path / "out"
    assert kg("build", "--project", str(root), "--out", str(out)).returncode == 0
    before = (out / "dataset.trig").read_bytes()
    (root / "sources" / "bad.yaml").write_text(
        textwrap.dedent("""\
            source:
              label: Bad
            statements:
              s:
                speaker: nobody
                quote: Hello
            """)
    )
    done = kg("build", "--project", str(root), "--out", str(out))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{root}/sources/bad.yaml:5:14: unknown actor 'nobody'; add it to the registry or check "
        "the key",
        "kg: 1 error in source cards; nothing was built or changed",
    ]
    assert (out / "dataset.trig").read_bytes() == before


def test_the_embedded_cards_are_the_documented_example(tmp_path):
    docs = (ROOT / "docs" / "cards.md").read_text()
    card = (ROOT / "data" / "sources" / "tass-2025-10-05-trump-reply.yaml").read_text()
    for line in (
        "speaker: donald-trump",
        "quote: That sounds like a good idea to me",
        "target: proposal/one-year-limits",
    ):
        assert line in docs and line in card
