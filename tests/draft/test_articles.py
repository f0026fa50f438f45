"""kg draft on the test set: original news-style texts written for these tests (not copied from
any outlet), each beside the facts its draft must give (NN-name.yaml): the statements with
their speaker, office, state, date and channel; the suggested positions; the people proposed
for the registry; what is left out. The traps are there too: two speakers in one paragraph, a
quote inside a quote, a pronoun after a change of speaker, "last week", a quote in a headline,
a quote running over paragraphs, a quote split by its attribution, a title without a name."""

import datetime
from pathlib import Path

import pytest
import yaml

from kg.draft.article import read_article
from kg.draft.draft import Draft, DraftStatement, draft_statements
from kg.draft.knowledge import Knowledge, load_knowledge
from kg.project import project_at

HERE = Path(__file__).parent
ARTICLES = sorted(p for p in (HERE / "articles").iterdir() if p.suffix in (".txt", ".html"))


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(project_at(HERE / "project"))


def _draft(article: Path, knowledge: Knowledge) -> tuple[Draft, dict]:
    expected = yaml.safe_load(article.with_suffix(".yaml").read_text(encoding="utf-8"))
    published = expected.get("date")
    assert published is None or isinstance(published, datetime.date)
    return draft_statements(read_article(article), knowledge, published), expected


def _words(statement: DraftStatement) -> str:
    return " ".join(statement.quotes + statement.wordings)


def test_the_set_has_at_least_20_articles():
    assert len(ARTICLES) >= 20


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_statements(article, knowledge):
    draft, expected = _draft(article, knowledge)
    for want in expected.get("statements", []):
        found = [s for s in draft.statements if want["words"] in _words(s)]
        assert found, (
            f"no statement with {want['words']!r}: {[_words(s) for s in draft.statements]}"
        )
        statement = found[0]
        speaker = statement.speaker
        assert speaker.actor == want["speaker"], speaker.why
        if "office" in want:
            assert speaker.office == want["office"]
        if "on-behalf-of" in want:
            assert speaker.on_behalf_of == want["on-behalf-of"]
        if "date" in want:
            day = want["date"]
            assert statement.dating.day == day, statement.dating.note
        if "channel" in want:
            assert statement.channel == want["channel"]
        if "known" in want:
            assert speaker.known is want["known"]
        if "quotes" in want:
            assert len(statement.quotes) == want["quotes"]
    if "count" in expected:
        assert len(draft.statements) == expected["count"], [_words(s) for s in draft.statements]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_positions(article, knowledge):
    draft, expected = _draft(article, knowledge)
    suggested = [
        (s.speaker.on_behalf_of or s.speaker.actor, g)
        for s in draft.statements
        for _, g in s.suggestions
    ]
    for want in expected.get("positions", []):
        found = [
            g
            for holder, g in suggested
            if (holder, g.stance, g.target) == (want["holder"], want["stance"], want["target"])
        ]
        assert found, [(h, g.stance, g.target) for h, g in suggested]
        assert found[0].confident is want.get("confident", True), found[0].confidence
        if "condition" in want:
            assert found[0].condition == want["condition"]
            assert found[0].condition_actor == want["requires-action-of"]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_left_out_and_proposed(article, knowledge):
    draft, expected = _draft(article, knowledge)
    for note in expected.get("left-out", []):
        assert any(note in left for left in draft.left_out), draft.left_out
    if "left-out-date" in expected:
        notes = [s.dating.note for s in draft.statements]
        assert expected["left-out-date"] in notes
        assert all(s.dating.day is None for s in draft.statements)
    proposed = [{"key": p.key, "name": p.name, "title": p.title} for p in draft.proposed]
    assert proposed == expected.get("proposed", [])
