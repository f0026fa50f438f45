"""Each kind of card mistake is reported as `file:line:column: message`, all of a card at once,
before any SHACL run; SHACL violations then point to the card line that made the node."""

import shutil
import textwrap
from pathlib import Path

import pytest

from kg.cards.compiler import CardErrors, KeyIndex, compile_cards
from kg.dataset import assemble, union
from kg.project import EMBEDDED, Project
from kg.validation import report_violations, shacl_report

ID = "https://w3id.org/actors-positions/id/"

HEADER = "source:\n  label: A test card\n  date: 2025-10-05\n"


def errors_of(tmp_path: Path, body: str, name: str = "card.yaml", graph=None) -> list[str]:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    with pytest.raises(CardErrors) as raised:
        compile_cards([path], KeyIndex.from_graph(graph))
    return [str(e).replace(str(tmp_path) + "/", "") for e in raised.value.errors]


CASES = {
    "yaml-syntax": (
        HEADER + "statements:\n  a:\n    speaker: [donald-trump\n",
        [
            "card.yaml:7:1: YAML syntax error: did not find expected ',' or ']' "
            "(while parsing a flow sequence)"
        ],
    ),
    "yaml-unquoted-colon": (
        HEADER + "statements:\n  a:\n    speaker: donald-trump\n    quote: He said: no\n",
        [
            "card.yaml:7:19: YAML syntax error: mapping values are not allowed in this context; "
            'a value holding ": " must be put in double quotes, as in label: "Talks: next"'
        ],
    ),
    "yaml-tab-indent": (
        HEADER + "statements:\n\ta:\n    speaker: donald-trump\n",
        [
            "card.yaml:5:1: YAML syntax error: found character that cannot start any token "
            "(while scanning for the next token); indent with spaces: YAML does not allow tabs"
        ],
    ),
    "words-cut-by-a-comment": (
        HEADER
        + "statements:\n  a:\n    speaker: donald-trump\n    quote: We will respond #NoNukes\n"
        + '    reported-wording: "He would respond #NoNukes"  # quoted, so kept whole\n'
        + "  b:\n    speaker: donald-trump\n    quote:\n      first: Ready to talk   # today\n",
        [
            "card.yaml:7:12: these words stop before ' #', which YAML reads as the start of a "
            "comment: if the '#' and what follows belong to the words, put them all in double "
            "quotes; if it is a comment, move it to a line of its own",
            "card.yaml:12:14: these words stop before ' #', which YAML reads as the start of a "
            "comment: if the '#' and what follows belong to the words, put them all in double "
            "quotes; if it is a comment, move it to a line of its own",
        ],
    ),
    "unknown-section": (
        HEADER + "statments: {}\n",
        [
            "card.yaml:4:1: unknown section 'statments' (did you mean 'statements'?); the sections "
            "are: source, statements, positions, requirements, unanswered, proposals, formats, "
            "policies, events, treaties, treaty-events, limits, office-terms"
        ],
    ),
    "unknown-field": (
        HEADER + "statements:\n  a:\n    speaker: donald-trump\n    qoute: Hello\n",
        [
            "card.yaml:5:3: statement 'a' has no words: give the speaker's words as 'quote' or the "
            "source's words for them as 'reported-wording' (or both)",
            "card.yaml:7:5: unknown field 'qoute' in statement 'a' (did you mean 'quote'?); the "
            "fields are: same-as, speaker, on-behalf-of, to-whom, office, date, date-note, "
            "channel, quote, reported-wording, reported-by, review",
        ],
    ),
    "unknown-actor": (
        HEADER + "statements:\n  a:\n    speaker: donald-trum\n    quote: Hello\n",
        [
            "card.yaml:6:14: unknown actor 'donald-trum' (did you mean 'donald-trump'?); add it to "
            "the registry or check the key"
        ],
    ),
    "unknown-office": (
        HEADER + "statements:\n  a:\n    speaker: donald-trump\n    office: us-presidnet\n"
        "    quote: Hello\n",
        [
            "card.yaml:7:13: unknown office 'us-presidnet' (did you mean 'us-president'?); add it "
            "to the registry or check the key"
        ],
    ),
    "unknown-target": (
        HEADER + "statements:\n  a:\n    speaker: china\n    quote: No\n"
        "positions:\n  - holder: china\n    stance: opposes\n    target: format/us-russia-talk\n"
        "    evidence: a\n",
        [
            "card.yaml:11:13: unknown treaty, proposal, format, policy or event "
            "'format/us-russia-talk' (did you mean 'format/us-russia-talks'?); add it to the "
            "registry or check the key"
        ],
    ),
    "unknown-statement": (
        HEADER + "statements:\n  a:\n    speaker: china\n    quote: No\n"
        "positions:\n  - holder: china\n    stance: opposes\n    target: treaty/new-start\n"
        "    evidence: b\n",
        ["card.yaml:12:15: unknown statement 'b'; the statements of this card are: a"],
    ),
    "malformed-date": (
        HEADER + "statements:\n  a:\n    speaker: china\n    quote: No\n    date: 5 Feb 2026\n",
        [
            "card.yaml:8:11: malformed date '5 Feb 2026': write it as YYYY-MM-DD, such as "
            "2026-02-05; leave the field out if the source gives no day"
        ],
    ),
    "impossible-date": (
        HEADER + "statements:\n  a:\n    speaker: china\n    quote: No\n    date: 2026-02-30\n",
        ["card.yaml:8:11: impossible date '2026-02-30': day is out of range for month"],
    ),
    "missing-quote": (
        HEADER + "statements:\n  a:\n    speaker: china\n    date: 2026-02-05\n",
        [
            "card.yaml:5:3: statement 'a' has no words: give the speaker's words as 'quote' or the "
            "source's words for them as 'reported-wording' (or both)"
        ],
    ),
    "stance-outside-scheme": (
        HEADER + "statements:\n  a:\n    speaker: china\n    quote: No\n"
        "positions:\n  - holder: china\n    stance: refuses\n    target: treaty/new-start\n"
        "    evidence: a\n",
        [
            "card.yaml:10:13: unknown stance 'refuses' (did you mean 'refuses-to-participate'?); "
            "the stances are: commits-to, conditionally-supports, defers-to-others, demands, "
            "noncommittal, opposes, refuses-to-participate, regrets, rejects, supports"
        ],
    ),
    "missing-required-field": (
        HEADER + "positions:\n  - holder: china\n    target: treaty/new-start\n",
        [
            "card.yaml:5:5: this position needs 'stance': how the holder stands",
            "card.yaml:5:5: this position needs 'evidence': the statements of this card that "
            "show it; statement/quote-key for one of its keyed quotes or wordings",
        ],
    ),
    "duplicate-key": (
        HEADER + "statements:\n  a:\n    speaker: china\n    quote: No\n"
        "  a:\n    speaker: russia\n    quote: Yes\n",
        ["card.yaml:8:3: duplicate key 'a' (first given at line 5)"],
    ),
    "list-for-single-value": (
        HEADER + "statements:\n  a:\n    speaker: [china, russia]\n    quote: No\n",
        ["card.yaml:6:14: 'speaker' takes one value, not a list"],
    ),
    "wrong-key-prefix": (
        HEADER + "formats:\n  us-china-talks:\n    label: US-China talks\n",
        ["card.yaml:5:3: keys in 'formats' start with 'format/', such as 'format/us-china-talks'"],
    ),
    "targets-with-the-same-last-name": (
        HEADER + "proposals:\n  proposal/us-russia-talks:\n    label: A proposal\n"
        "statements:\n  a:\n    speaker: china\n    quote: No\n"
        "positions:\n  - holder: china\n    stance: opposes\n    target: format/us-russia-talks\n"
        "    evidence: a\n",
        [
            "card.yaml:14:13: 'format/us-russia-talks' and 'proposal/us-russia-talks' end in the "
            "same name, so positions on them would be one node; rename one of them in the "
            "registry or in the card that introduces it"
        ],
    ),
    "missing-source": (
        "statements: {}\n",
        ["card.yaml:1:1: the card has no 'source' section; say which document it describes"],
    ),
    "malformed-duration-and-count": (
        HEADER + "limits:\n  limit/new-start/x:\n    treaty: treaty/new-start\n"
        "    category: strategic-launcher\n    maximum: many\n"
        "treaty-events:\n  event/x:\n    kind: extension\n    treaty: treaty/new-start\n"
        "    extension-length: 5 years\n",
        [
            "card.yaml:8:14: 'maximum' must be a whole number, such as 1550, not 'many'",
            "card.yaml:13:23: malformed duration '5 years' for 'extension-length': write it in ISO "
            "8601, such as P5Y for five years or P1Y6M",
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_card_error(tmp_path, graph, case):
    body, expected = CASES[case]
    assert errors_of(tmp_path, body, graph=graph) == expected


def test_all_errors_of_a_card_in_one_run(tmp_path, graph):
    body = """\
        source:
          label: A card with five mistakes
          date: 2025-10-05
        statements:
          trump-reply:
            speakr: donald-trump
            on-behalf-of: united-state
            date: 2025-10-32
          peskov-comment:
            speaker: dmitry-peskov
            quote: We are ready.
        positions:
          - holder: united-states
            stance: suports
            target: proposal/one-year-limits
            evidence: trump-reply
        """
    assert [e.split(": ", 1)[0] for e in errors_of(tmp_path, body, graph=graph)] == [
        "card.yaml:5:3",  # no words
        "card.yaml:6:5",  # speakr
        "card.yaml:7:19",  # united-state
        "card.yaml:8:11",  # 2025-10-32
        "card.yaml:14:13",  # suports
    ]


def test_errors_of_several_cards_are_reported_together(tmp_path, graph):
    (tmp_path / "a.yaml").write_text(HEADER + "statments: {}\n")
    (tmp_path / "b.yaml").write_text("source: [\n")
    with pytest.raises(CardErrors) as raised:
        compile_cards([tmp_path / "a.yaml", tmp_path / "b.yaml"], KeyIndex.from_graph(graph))
    assert [(e.where.path.name, e.where.line) for e in raised.value.errors] == [
        ("a.yaml", 4),
        ("b.yaml", 2),
    ]


def project_with_card(tmp_path: Path, body: str) -> Path:
    shutil.copytree(EMBEDDED.root, tmp_path / "project")
    card = tmp_path / "project" / "sources" / "test-card.yaml"
    card.write_text(textwrap.dedent(body), encoding="utf-8")
    return tmp_path / "project"


def test_shacl_violations_point_to_the_card_line(tmp_path):
    root = project_with_card(
        tmp_path,
        """\
        source:
          label: A card with two shape violations
          date: 2026-02-01
        statements:
          late:
            speaker: china
            date: 2026-02-05
            quote: No.
        positions:
          - holder: china
            stance: supports
            target: format/us-russia-talks
            condition:
              key: never
              label: Never
              description: Never.
              requires-action-of: russia
            evidence: late
        """,
    )
    assembled = assemble(Project(root))
    violations = report_violations(shacl_report(union(assembled.dataset)), assembled.origins)
    card = root / "sources" / "test-card.yaml"
    assert [v.line() for v in violations] == [
        f"{card}:10:5: <{ID}position/china/supports/us-russia-talks> ap:stance: Only a position "
        "whose stance is 'conditionally supports' (stance:ConditionallySupports) can name a "
        "condition (ap:condition). Change the stance, or move the condition to the conditional "
        "position.",
        f"{card}:5:3: <{ID}statement/test-card/late> ap:statedOn: This statement is dated "
        "2026-02-05, after a source that reports it was published (2026-02-01). Check the "
        "statement's ap:statedOn and the source's dcterms:date; one of them is wrong.",
    ]
