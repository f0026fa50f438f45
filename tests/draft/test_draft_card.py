"""The card `kg draft` writes: valid for `kg check-card`, every proposal marked for review,
never overwriting; and `--evaluate`, on the seed article against its reviewed card."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.build import build
from kg.cards.check import check_card
from kg.draft import draft_article, evaluate_files
from kg.draft.card import PROPOSAL
from kg.project import project_at

from conftest import ROOT, kg

HERE = Path(__file__).parent
ARTICLES = HERE / "articles"
SEED_NAME = Path("shared") / "sources" / "000_22a4f73d06edccdd.txt"


def _seed_article() -> Path:
    """The seed article (never committed: it is not ours to publish), in ../shared beside this
    checkout or beside the repository it was cloned from, as CI's fresh clone is."""
    origin = subprocess.run(
        ["git", "-C", str(ROOT), "remote", "get-url", "origin"], capture_output=True, text=True
    ).stdout.strip()
    for repository in [ROOT, *([Path(origin)] if origin and Path(origin).is_dir() else [])]:
        if (repository.resolve().parent / SEED_NAME).is_file():
            return repository.resolve().parent / SEED_NAME
    return ROOT.parent / SEED_NAME


SEED = _seed_article()


@pytest.fixture
def project(tmp_path):
    shutil.copytree(HERE / "project", tmp_path / "project")
    return project_at(tmp_path / "project")


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("draft") / "build"
    assert build(out, project_at(HERE / "project")).written
    return out


def test_the_draft_passes_check_card_with_a_warning_per_review_mark(project, fixture_build):
    result = draft_article(
        project, str(ARTICLES / "16-conditional.txt"), date="2026-02-03", publisher="Example News"
    )
    assert (
        result.path.name
        == "example-news-2026-02-03-ryabkov-moscow-will-hold-to-the-ceilings-on-one.yaml"
    )
    checked = check_card(result.path, fixture_build, project)
    assert checked.violations == []
    text = result.path.read_text(encoding="utf-8")
    marks = [n for n, line in enumerate(text.split("\n"), 1) if re.match(r"\s+-? ?review:", line)]
    assert [w.split(":")[1] for w in checked.reviews] == [str(n) for n in marks]
    assert len(marks) == 2  # the statement and its conditional position
    assert "stance: conditionally-supports" in text
    assert "requires-action-of: united-states" in text
    assert "label: Provided that the United States does the same" in text


def test_control_characters_of_a_damaged_article_are_left_out_of_the_card(
    project, fixture_build, tmp_path
):
    """A NUL in the article went into the card, which then did not read as YAML."""
    text = (ARTICLES / "16-conditional.txt").read_text(encoding="utf-8")
    damaged = tmp_path / "damaged.txt"
    damaged.write_text(text.replace("Ryabkov", "Rya\x00bkov\x07", 1), encoding="utf-8")
    result = draft_article(project, str(damaged), date="2026-02-03", publisher="Example News")
    card = result.path.read_text(encoding="utf-8")
    assert "\x00" not in card and "\x07" not in card
    assert check_card(result.path, fixture_build, project).violations == []
    reference = draft_article(
        project, str(ARTICLES / "16-conditional.txt"), date="2026-02-03", publisher="Example News"
    )
    assert card == reference.path.read_text(encoding="utf-8").replace(
        "16-conditional.txt", "damaged.txt"
    )


def test_a_statement_of_a_person_the_registry_lacks_is_commented_out_and_proposed(
    project, fixture_build
):
    result = draft_article(project, str(ARTICLES / "14-unknown-person.txt"), date="2026-02-05")
    text = result.path.read_text(encoding="utf-8")
    assert f"{PROPOSAL}    speaker: guo-jiakun" in text
    assert '# <guo-jiakun> a ap:Person ; rdfs:label "Guo Jiakun"@en .' in text
    assert "#     title in the article (p2 s1): Chinese Foreign Ministry spokesperson" in text
    assert check_card(result.path, fixture_build, project).violations == []


def test_never_overwrites(project):
    first = draft_article(project, str(ARTICLES / "01-peskov-trailing.txt"), date="2026-02-06")
    second = draft_article(project, str(ARTICLES / "01-peskov-trailing.txt"), date="2026-02-06")
    assert first.path.name == "2026-02-06-kremlin-voices-regret-as-arms-pact-runs-out.yaml"
    assert second.path.name == "2026-02-06-kremlin-voices-regret-as-arms-pact-runs-out-2.yaml"
    assert first.path.read_text() == second.path.read_text()


@pytest.mark.parametrize(
    ("options", "label"),
    [
        (["--date", "2026-02-10", "--publisher", "Example"], '"Example, 2026-02-10"'),
        ([], "an article from standard input"),
    ],
)
def test_an_article_without_a_headline_is_labelled_by_who_and_when_not_its_words(
    tmp_path, options, label
):
    """The label goes into the graph: the article's first words would be its own sentence."""
    shutil.copytree(HERE / "project", tmp_path / "p")
    body = (ARTICLES / "17-refuses.txt").read_text().split("\n", 2)[2]  # the headline left out
    done = kg("draft", "-", "--project", str(tmp_path / "p"), *options, stdin=body)
    assert done.returncode == 0, done.stderr
    card = Path(done.stdout.removeprefix("wrote ").split(": ")[0])
    source = card.read_text(encoding="utf-8").split("\nsource:\n")[1].split("\n")[:2]
    assert source == [
        "  # no headline found: give the article's title as its label",
        f"  label: {label}",
    ]


def test_a_new_projects_empty_registry_leaves_every_quote_out_with_why(tmp_path):
    """`kg init` then `kg draft` stopped with an internal error: a registry without actors made
    a pattern that matched the empty string everywhere."""
    assert kg("init", str(tmp_path / "p")).returncode == 0
    article = ARTICLES / "17-refuses.txt"
    done = kg("draft", str(article), "--project", str(tmp_path / "p"), "--date", "2026-02-05")
    assert (done.returncode, done.stderr) == (0, "")
    assert ": 0 statements (0 with a known speaker), 0 suggested positions" in done.stdout
    card = Path(done.stdout.removeprefix("wrote ").split(": ")[0])
    text = card.read_text(encoding="utf-8")
    assert "\nstatements: {}\n\npositions: []\n" in text
    left_out = text.split("# -- Left out ")[1].splitlines()[1:]
    assert left_out and all(": no speaker found for " in line for line in left_out)


def _reviewed(path: Path) -> Path:
    """The draft as a reviewer leaves it when every proposal was right: no review marks."""
    lines = path.read_text(encoding="utf-8").split("\n")
    kept = [line for line in lines if not re.match(r"\s+review:", line)]
    kept = [re.sub(r"^  - review: .*", "  -", line) for line in kept]
    path.write_text("\n".join(kept), encoding="utf-8")
    return path


@pytest.mark.skipif(not SEED.is_file(), reason="the shared seed article is not beside the repo")
def test_the_seed_article_gives_the_statements_of_its_reviewed_card(tmp_path):
    """Issue 16, done when: at least 9 of the 11 statements of new-start-lapse-article.yaml,
    drafted with the reviewed card itself removed from the project."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / "sources" / "new-start-lapse-article.yaml").unlink()
    result = draft_article(project_at(tmp_path / "data"), str(SEED))
    reviewed = ROOT / "data" / "sources" / "new-start-lapse-article.yaml"
    evaluation = evaluate_files(_reviewed(result.path), reviewed)
    assert evaluation.reviewed_statements == 11
    assert evaluation.same >= 9, evaluation.misses
    assert (evaluation.quotes_found, evaluation.reviewed_quotes) == (6, 6)
    assert evaluation.date_wrong == 0


def test_the_command(tmp_path):
    shutil.copytree(HERE / "project", tmp_path / "p")
    done = kg(
        "draft",
        "-",
        "--project",
        str(tmp_path / "p"),
        "--date",
        "2026-02-10",
        "--publisher",
        "Example",
        stdin=(ARTICLES / "17-refuses.txt").read_text(),
    )
    assert done.returncode == 0, done.stderr
    path = tmp_path / "p" / "sources" / "example-2026-02-10-china-says-no-to-three-way-format.yaml"
    assert done.stdout == (
        f"wrote {path}: 1 statement (1 with a known speaker), 1 suggested position (1 "
        "confident, the rest commented out), 0 registry lines proposed; every proposal is "
        f"marked `review:`. Next: kg check-card {path}\n"
    )
    done = kg("draft", "--evaluate", str(path), str(path))
    assert done.returncode == 0
    assert done.stdout.split("\n")[2].split() == [
        "statements",
        "aligned",
        "(recall)",
        "1/1",
        "100%",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (),
            "kg: error: give the article to draft (a text or HTML file, or - for standard "
            "input), or --evaluate DRAFT REVIEWED\n",
        ),
        (
            ("missing.txt",),
            "kg: error: missing.txt: no such file; give an article as a text or HTML file, or -\n",
        ),
        (
            ("x.txt", "--evaluate", "a", "b"),
            "kg: error: give either ARTICLE to draft or --evaluate DRAFT REVIEWED\n",
        ),
        (("-", "--date", "5 Feb"), "kg: error: --date '5 Feb' is not a day written YYYY-MM-DD\n"),
        (
            ("-", "--date", "20260205"),
            "kg: error: --date '20260205' is not a day written YYYY-MM-DD\n",
        ),
    ],
)
def test_errors(args, message):
    done = kg("draft", *args, stdin="Some text.")
    assert (done.returncode, done.stderr) == (2, message)


def test_a_position_cites_the_words_that_show_it(project, fixture_build, tmp_path):
    """Of a statement with two quotes, the position cites the one with the cue, by its key
    (docs/cards.md, "Words that show a position")."""
    article = tmp_path / "post.txt"
    article.write_text(
        "\u201cNew START was badly negotiated,\u201d Trump said on Thursday, adding, \u201cWe "
        "will get a better agreement.\u201d\n",
        encoding="utf-8",
    )
    result = draft_article(project, str(article), date="2026-02-06")
    text = result.path.read_text(encoding="utf-8")
    assert "      new-start-was: New START was badly negotiated\n" in text
    assert "      we-will-get: We will get a better agreement\n" in text
    assert "    evidence: trump-p1/new-start-was\n" in text
    assert check_card(result.path, fixture_build, project).violations == []
