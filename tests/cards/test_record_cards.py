"""Issue 15: the card syntax of one record from many sources. A statement another card records
(same-as), quotes tied to what they show, requirements, unanswered proposals, addressees,
places, alternative names and conditions declared in another card; each mistake reported as
`file:line:column: message` naming every card line involved."""

import textwrap
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.cards.compiler import CardErrors, KeyIndex, compile_cards
from kg.dataset import load_dataset
from kg.namespaces import AP, ID, source_graph
from tests.foundation import FOUNDATION

OWNER = """\
source:
  label: The first report
  date: 2026-02-05
statements:
  peskov-regrets:
    speaker: dmitry-peskov
    on-behalf-of: russia
    date: 2026-02-05
    quote: We regret it
positions:
  - holder: russia
    stance: conditionally-supports
    target: format/us-russia-talks
    condition:
      key: us-answers
      label: The US answers
      description: Russia would talk if the United States answered.
      requires-action-of: united-states
    evidence: peskov-regrets
"""


def write(folder: Path, name: str, body: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def compiled(tmp_path: Path, graph: Graph, **cards: str) -> Dataset:
    paths = [write(tmp_path, name, body) for name, body in cards.items()]
    dataset = Dataset()
    for card in compile_cards(paths, KeyIndex.from_graph(graph)):
        named = dataset.graph(source_graph(card.key))
        for triple in card.triples:
            named.add(triple)
    return dataset


def errors(tmp_path: Path, graph: Graph, **cards: str) -> list[str]:
    paths = [write(tmp_path, name, body) for name, body in cards.items()]
    with pytest.raises(CardErrors) as raised:
        compile_cards(paths, KeyIndex.from_graph(graph))
    return [str(e).replace(str(tmp_path) + "/", "") for e in raised.value.errors]


STATEMENT = ID["statement/owner/peskov-regrets"]


def test_two_reports_of_one_speech_act_are_one_statement_each_with_its_words(tmp_path, graph):
    second = """\
    source:
      label: The second report
      date: 2026-02-06
    statements:
      regret:
        same-as: owner/peskov-regrets
        quote: We regret this
        date-note: The second report says 'on Thursday'.
    """
    data = compiled(tmp_path, graph, owner=OWNER, second=second)
    merged = Graph()
    for context in data.graphs():
        merged += context
    assert set(merged.objects(STATEMENT, AP.reportedIn)) == {
        ID["source/owner"],
        ID["source/second"],
    }
    assert list(merged.objects(STATEMENT, AP.speaker)) == [ID["dmitry-peskov"]]
    # each source's own words lie in its own named graph, beside its ap:reportedIn
    assert set(data.graph(source_graph("second")).objects(STATEMENT, AP.quote)) == {
        Literal("We regret this", lang="en")
    }
    assert set(data.graph(source_graph("owner")).objects(STATEMENT, AP.quote)) == {
        Literal("We regret it", lang="en")
    }
    assert not list(merged.subjects(RDF.type, AP.Statement, unique=True))[1:]


def test_a_report_that_disagrees_on_speaker_or_day_names_both_card_lines(tmp_path, graph):
    second = """\
    source:
      label: The second report
    statements:
      regret:
        same-as: owner/peskov-regrets
        speaker: sergey-lavrov
        date: 2026-02-04
        quote: We regret this
    """
    registry = graph + _actor("sergey-lavrov", "Sergey Lavrov")
    assert errors(tmp_path, registry, owner=OWNER, second=second) == [
        "owner.yaml:6:14: the speaker of this statement is 'dmitry-peskov' here but "
        f"'sergey-lavrov' at second.yaml:6:14, which reports the same statement "
        f"(<{STATEMENT}>); one of them is wrong: correct it, or drop 'same-as' if these are two "
        "statements",
        "owner.yaml:8:11: the day of this statement is '2026-02-05' here but '2026-02-04' at "
        f"second.yaml:7:11, which reports the same statement (<{STATEMENT}>); one of "
        "them is wrong: correct it, or drop 'same-as' if these are two statements",
        "second.yaml:6:14: the speaker of this statement is 'sergey-lavrov' here but "
        f"'dmitry-peskov' at owner.yaml:6:14, which reports the same statement "
        f"(<{STATEMENT}>); one of them is wrong: correct it, or drop 'same-as' if these are two "
        "statements",
        "second.yaml:7:11: the day of this statement is '2026-02-04' here but '2026-02-05' at "
        f"owner.yaml:8:11, which reports the same statement (<{STATEMENT}>); one of "
        "them is wrong: correct it, or drop 'same-as' if these are two statements",
    ]


def _actor(key: str, label: str) -> Graph:
    graph = Graph()
    graph.add((ID[key], RDF.type, AP.Person))
    graph.add((ID[key], URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(label)))
    return graph


def test_same_as_mistakes(tmp_path, graph):
    card = """\
    source:
      label: A report
    statements:
      a:
        same-as: owner/peskov-regret
        quote: We regret this
      b:
        same-as: card/a
        quote: Again
      c:
        quote: Nobody said it
    """
    assert errors(tmp_path, graph, owner=OWNER, card=card) == [
        "card.yaml:5:14: unknown statement of another card 'owner/peskov-regret' (did you mean "
        "'owner/peskov-regrets'?); give the key of the card that records it, a slash and the "
        "statement's key there, such as new-start-lapse-article/trump-truth-social-post",
        "card.yaml:8:14: 'card/a' is a statement of this card: one speech act is one entry of "
        "a card; merge the two entries",
        "card.yaml:10:3: statement 'c' needs 'speaker': who said it; or, when another card "
        "records the same speech act, 'same-as' with that card's key and the statement's key "
        "there",
    ]


TRUMP = """\
source:
  label: A report of a post
  date: 2026-02-05
statements:
  post:
    speaker: donald-trump
    on-behalf-of: united-states
    date: 2026-02-05
    quote:
      badly-negotiated: The New START treaty was badly negotiated
      new-treaty: a new, improved, and modernised Treaty
positions:
  - holder: united-states
    stance: opposes
    target: treaty/new-start
    evidence: post/badly-negotiated
  - holder: united-states
    stance: supports
    target: proposal/new-improved-treaty
    evidence: post/new-treaty
"""


def test_a_position_cites_the_words_that_show_it(tmp_path, graph):
    data = compiled(tmp_path, graph, trump=TRUMP)
    merged = Graph()
    for context in data.graphs():
        merged += context
    opposes = ID["position/united-states/opposes/new-start"]
    supports = ID["position/united-states/supports/new-improved-treaty"]
    assert list(merged.objects(opposes, AP.evidenceWords)) == [
        Literal("The New START treaty was badly negotiated", lang="en")
    ]
    assert list(merged.objects(supports, AP.evidenceWords)) == [
        Literal("a new, improved, and modernised Treaty", lang="en")
    ]
    assert len(set(merged.objects(ID["statement/trump/post"], AP.quote))) == 2


def test_citing_words_a_statement_does_not_have(tmp_path, graph):
    card = TRUMP.replace("evidence: post/new-treaty", "evidence: post/new-treat").replace(
        "evidence: post/badly-negotiated", "evidence: pots/badly-negotiated"
    )
    assert errors(tmp_path, graph, trump=card) == [
        "trump.yaml:16:15: unknown statement 'pots' (did you mean 'post'?); the statements of "
        "this card are: post",
        "trump.yaml:20:15: statement 'post' has no quote or wording keyed 'new-treat' (did you "
        "mean 'new-treaty'?); its keys are: badly-negotiated, new-treaty",
    ]


def test_a_conditional_position_names_its_condition_or_refers_to_another_cards(tmp_path, graph):
    refers = """\
    source:
      label: A later report
    statements:
      again:
        same-as: owner/peskov-regrets
        quote: We regret this
    positions:
      - holder: russia
        stance: conditionally-supports
        target: format/us-russia-talks
        condition: us-answers
        evidence: again
    """
    data = compiled(tmp_path, graph, owner=OWNER, refers=refers)
    position = ID["position/russia/conditionally-supports/us-russia-talks"]
    condition = ID["condition/russia/us-russia-talks/us-answers"]
    assert list(data.graph(source_graph("refers")).objects(position, AP.condition)) == [condition]
    silent = refers.replace("        condition: us-answers\n", "")
    wrong = refers.replace("condition: us-answers", "condition: us-answer")
    assert errors(tmp_path, graph, owner=OWNER, refers=silent) == [
        "refers.yaml:8:5: this position conditionally supports its target but names no "
        "condition: give it under 'condition' (key, label, description, requires-action-of), or "
        "the key of the condition another card gives for the same holders and target"
    ]
    assert errors(tmp_path, graph, owner=OWNER, refers=wrong) == [
        "refers.yaml:11:16: unknown condition 'us-answer' (did you mean 'us-answers'?); give "
        "the condition in full here (key, label, description, requires-action-of), or the key "
        "of one another card gives for the same holders and target"
    ]


FACTS = """\
source:
  label: Ushakov after the call
  date: 2026-02-05
statements:
  putin-to-xi:
    speaker: vladimir-putin
    on-behalf-of: russia
    to-whom: dmitry-medvedev
    reported-by: dmitry-peskov
    date: 2026-02-04
    reported-wording: Putin said Washington had not answered
  trump-china:
    speaker: donald-trump
    quote: China must be part of it
positions:
  - holder: united-states
    stance: demands
    target: format/us-russia-china-talks
    evidence: trump-china
requirements:
  - required-by: united-states
    participant: china
    for: format/us-russia-china-talks
    evidence: trump-china
unanswered:
  - by: united-states
    issue: proposal/one-year-limits
    as-of: 2026-02-04
    evidence: putin-to-xi
proposals:
  proposal/one-year-limits:
    alt-label: A one-year extension
events:
  event/contacts:
    label: Contacts
    place: Abu Dhabi
    date: 2026-02-04
"""


def test_requirements_unanswered_proposals_addressees_places_and_other_names(tmp_path, graph):
    data = compiled(tmp_path, graph, facts=FACTS)
    merged = Graph()
    for context in data.graphs():
        merged += context
    requirement = ID["requirement/united-states/us-russia-china-talks/china"]
    assert (requirement, RDF.type, AP.Requirement) in merged
    assert (requirement, AP.requiredBy, ID["united-states"]) in merged
    assert (requirement, AP.requiredParticipant, ID["china"]) in merged
    assert (requirement, AP.requiredFor, ID["format/us-russia-china-talks"]) in merged
    assert (requirement, AP.statedIn, ID["statement/facts/trump-china"]) in merged
    silence = ID["no-response/united-states/one-year-limits/2026-02-04"]
    assert (silence, AP.unansweredBy, ID["united-states"]) in merged
    assert (silence, AP.statedIn, ID["statement/facts/putin-to-xi"]) in merged
    statement = ID["statement/facts/putin-to-xi"]
    assert (statement, AP.addressee, ID["dmitry-medvedev"]) in merged
    assert (ID["event/contacts"], AP.place, Literal("Abu Dhabi", lang="en")) in merged
    assert (
        ID["proposal/one-year-limits"],
        SKOS.altLabel,
        Literal("A one-year extension", lang="en"),
    ) in merged


def test_requires_on_a_format_says_where_it_went(tmp_path, graph):
    card = """\
    source:
      label: An old card
    formats:
      format/some-talks:
        label: Some talks
        participants: [united-states, russia]
        requires: china
    """
    assert errors(tmp_path, graph, old=card) == [
        "old.yaml:7:5: 'requires' moved to the 'requirements' section, which says who requires "
        "the participant and on which statement: list the participant under 'participants' "
        "here, and add '- required-by: ..., participant: ..., for: <this key>, evidence: ...' "
        "under 'requirements'"
    ]


def test_the_seed_article_says_what_each_sentence_of_the_post_shows():
    """Issue 15, point 3: "a new, improved, and modernised Treaty" evidences support for a new
    treaty, not opposition to New START."""
    data = load_dataset(FOUNDATION)
    words = {
        str(p).rsplit("/", 2)[-2]: {str(w) for w in data.objects(p, AP.evidenceWords)}
        for p in (
            ID["position/united-states/opposes/new-start"],
            ID["position/united-states/supports/new-improved-treaty"],
        )
    }
    assert words == {
        "opposes": {"The New START treaty was badly negotiated and is being grossly violated"},
        "supports": {
            "We should have our Nuclear Experts work on a new, improved, and modernised Treaty "
            "that can last long into the future"
        },
    }
