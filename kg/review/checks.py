"""The quality checks: one SPARQL file per check, queries/quality/<check>-violation.rq.

Checks are data, not code (after ROBOT's report_queries/): a reviewer reads, adds or changes a
check without touching Python. Each opens with the usual query header and returns exactly
?entity ?property ?value.
"""

from pathlib import Path

from kg import resources
from kg.queries import NamedQuery

QUALITY_DIR = resources.QUERIES_DIR / "quality"
"""Where the checks and their severity profile live."""

SUFFIX = "-violation"
COLUMNS = ("entity", "property", "value")


def quality_checks(directory: Path = QUALITY_DIR) -> dict[str, NamedQuery]:
    """Every check in `directory`, by check name (the file name without -violation.rq)."""
    paths = sorted(directory.glob(f"*{SUFFIX}.rq"))
    return {p.stem.removesuffix(SUFFIX): NamedQuery.from_file(p) for p in paths}
