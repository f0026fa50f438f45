"""docs/cards.md documents every section, field and stance the compiler accepts."""

from kg.cards.reference import refresh

from conftest import ROOT

DOCS = ROOT / "docs" / "cards.md"


def test_reference_tables_are_in_step_with_the_compiler():
    text = DOCS.read_text(encoding="utf-8")
    assert refresh(text) == text, "run: python -m kg.cards.reference docs/cards.md"


def test_docs_explain_each_how_to():
    text = DOCS.read_text(encoding="utf-8")
    for heading in (
        "### A conditional position",
        "### Reported speech",
        "### A position change",
        "### A joint position of two actors",
        # issue 15: the record's how-tos ("A format that requires a participant" became
        # "Who requires whom", as a requirement now belongs to someone)
        "### One speech act, many reports",
        "### Words that show a position",
        "### Who requires whom: requirements",
        "### An actor that has not answered a proposal",
        "### Where an event took place, and other names of an issue",
        "### Probable duplicates",
        "## A complete example",
        "## Stances",
        "## Every field",
    ):
        assert heading in text


def test_readme_links_the_card_guide():
    assert "(docs/cards.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
