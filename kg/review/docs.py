"""`kg docs`: the ontology as HTML pages a reviewer browses offline, with the answers to the
competency questions on the current data and the lint report."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg import resources
from kg.atomic import refuse_to_replace
from kg.dataset import load_dataset
from kg.loading import read_graphs
from kg.project import EMBEDDED, Project
from kg.queries import named_queries
from kg.review._atomic import write_folder
from kg.review.checks import quality_checks
from kg.review.competency import answer_questions
from kg.review.constraints import node_shapes
from kg.review.diagram import class_diagram
from kg.review.examples import examples
from kg.review.lint import LintReport, lint
from kg.review.pages import render_pages
from kg.review.profile import load_profile
from kg.review.site import Site
from kg.review.sources import review_graph
from kg.review.terms import read_vocabulary


@dataclass(frozen=True)
class DocsResult:
    """The pages written, the questions without an answer today, and the lint report."""

    out_dir: Path
    pages: tuple[Path, ...]
    flagged: tuple[str, ...]
    lint: LintReport


def render_docs(
    out_dir: Path,
    project: Project = EMBEDDED,
    ontology: Sequence[Path] | None = None,
    shapes: Sequence[Path] | None = None,
) -> DocsResult:
    """Write the documentation of the ontology (default: the tool's own files) with the
    project's data and queries into `out_dir`, replacing it only once every page is ready."""
    refuse_to_replace(out_dir.resolve(), _is_documentation, "the documentation")
    ontology = list(ontology) if ontology is not None else resources.ontology_files()
    shapes = list(shapes) if shapes is not None else resources.shapes_files()
    vocabulary = read_vocabulary(ontology)
    dataset = load_dataset(project, ontology)
    found = {}
    for kind in ("class", "property", "concept"):
        found.update(examples(dataset, kind))
    profile = load_profile()
    report = lint(review_graph(project, ontology=ontology, shapes=shapes), profile)
    site = Site(
        vocabulary=vocabulary,
        shapes=tuple(node_shapes(read_graphs(shapes))),
        examples=found,
        answers=tuple(answer_questions(named_queries(project.queries_dir), dataset)),
        lint=report,
        diagram=class_diagram(vocabulary),
    )
    checks = {name: query.question for name, query in quality_checks().items()}
    pages = write_folder(out_dir, render_pages(site, profile, checks))
    flagged = tuple(a.query.name for a in site.flagged)
    return DocsResult(out_dir.resolve(), tuple(pages), flagged, report)


GENERATOR = '<meta name="generator" content="kg docs">'
"""The mark of the pages' index (templates/base.html), by which an earlier folder of them is
known, whatever pages it holds."""


def _is_documentation(folder: Path) -> bool:
    try:
        return GENERATOR in (folder / "index.html").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
