"""The review kit for domain experts: browsable ontology documentation with a
competency-question report (`render_docs`), and an ontology lint (`lint`)."""

from kg.review.docs import DocsResult, render_docs
from kg.review.lint import LintReport, LintRow, lint
from kg.review.profile import Profile, load_profile
from kg.review.sources import review_graph

__all__ = [
    "DocsResult",
    "LintReport",
    "LintRow",
    "Profile",
    "lint",
    "load_profile",
    "render_docs",
    "review_graph",
]
