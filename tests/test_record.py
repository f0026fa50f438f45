"""Issue 15: the record of real reports in the embedded project (data/sources/). It builds and
conforms with no probable duplicate left unlinked; every statement has a source with a URL but
those only the seed article reports; the foundation's facts are all still there; and the
headline questions answer exactly tests/queries/record/<query>.csv, on both engines.

The other tests answer on the foundation (tests/foundation.py); this module on the whole record.
"""

import csv
import io
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.build import build
from kg.dataset import load_asserted, load_dataset
from kg.namespaces import source_graph
from kg.project import EMBEDDED
from kg.queries import named_queries, run
from kg.results import rows
from kg.store import query as oxigraph_query
from kg.store import store_from_dataset
from tests.foundation import FOUNDATION, FOUNDATION_CARDS

EXPECTED = Path(__file__).parent / "queries" / "record"
QUERIES = named_queries()


@pytest.fixture(scope="module")
def record() -> Dataset:
    return load_dataset(EMBEDDED)


@pytest.fixture(scope="module")
def record_store(record: Dataset):
    return store_from_dataset(load_asserted(EMBEDDED))


def answer(record: Dataset, name: str) -> list[list[str]]:
    header, body = rows(run(QUERIES[name], record))
    return [header, *body]


def test_the_record_builds_conforms_and_leaves_no_duplicate_unlinked(tmp_path):
    result = build(tmp_path / "build", EMBEDDED)
    assert result.written and result.violations == []
    assert result.warnings == ()
    assert result.cards >= 40 + len(FOUNDATION_CARDS)


def test_the_query_finds_no_duplicate_in_the_record(record, record_store):
    assert answer(record, "duplicate-statements")[1:] == []
    assert rows(oxigraph_query(record_store, QUERIES["duplicate-statements"].text))[1] == []


def test_every_statement_has_a_source_with_a_url_but_the_seed_articles(record):
    found = record.query(
        """
        SELECT DISTINCT ?statement ?source WHERE {
          ?statement a ap:Statement .
          FILTER NOT EXISTS { ?statement ap:reportedIn/schema:url ?url }
          ?statement ap:reportedIn ?source .
        }
        """
    )
    sources = {str(row[1]) for row in found}  # type: ignore[index]
    assert sources == {"https://w3id.org/actors-positions/id/source/new-start-lapse-article"}


def test_the_foundations_facts_are_all_still_there(record):
    """Every triple of every foundation card's graph is in the same graph of the record."""
    foundation = load_asserted(FOUNDATION)
    for key in FOUNDATION_CARDS:
        before = set(foundation.graph(source_graph(key)))
        after = set(record.graph(source_graph(key)))
        assert before and before <= after, key


def test_who_supports_which_format_covers_eight_actors_and_five_formats_or_proposals(record):
    header, *body = answer(record, "who-supports-which-format")
    shown = [dict(zip(header, row, strict=True)) for row in body]
    holders = {name for r in shown for name in r["holderLabel"].split("; ") if name}
    issues = {r["target"] for r in shown if r["targetKind"] in ("negotiation format", "proposal")}
    assert len(holders) >= 8 and len(issues) >= 5
    joint = [r for r in shown if "; " in r["holderLabel"]]
    assert [(r["holderLabel"], r["stanceLabel"]) for r in joint] == [
        ("Russia; United States", "supports")
    ]


def load(name: str) -> list[list[str]]:
    text = (EXPECTED / f"{name}.csv").read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))


RECORDED = sorted(p.stem for p in EXPECTED.glob("*.csv"))


@pytest.mark.parametrize("name", RECORDED)
def test_the_record_answers_exactly(record, record_store, name):
    expected = load(name)
    assert answer(record, name) == expected
    header, body = rows(oxigraph_query(record_store, QUERIES[name].text))
    assert [header, *body] == expected


def test_blocked_formats_name_the_requirer_the_participant_and_the_refusal_with_evidence(record):
    header, *body = answer(record, "blocked-formats")
    shown = [dict(zip(header, row, strict=True)) for row in body]
    assert shown and all(
        r["requiredByLabel"]
        and r["participantLabel"]
        and r["stanceLabel"]
        and r["requirementEvidence"]
        and r["refusalEvidence"]
        for r in shown
    )


def test_docs_record_shows_the_real_tables_and_every_source():
    """docs/record.md: each `<!-- output of: kg ... -->` block is what the command prints, and
    every card of the record has its line."""
    import importlib.util
    import shlex

    from conftest import ROOT, kg

    spec = importlib.util.spec_from_file_location(
        "readme_tables", ROOT / "scripts" / "readme_tables.py"
    )
    assert spec is not None and spec.loader is not None
    tables = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tables)
    text = (ROOT / "docs" / "record.md").read_text(encoding="utf-8")
    blocks = list(tables.COMMAND_BLOCK.finditer(text))
    assert len(blocks) == 5
    for block in blocks:
        done = kg(*shlex.split(block["command"])[1:])
        assert done.returncode == 0, done.stderr
        assert block["body"] == done.stdout, block["command"]
    record = [card.stem for card in EMBEDDED.cards() if card.stem not in FOUNDATION_CARDS]
    assert all(f"(../data/sources/{key}.yaml)" in text for key in record)
