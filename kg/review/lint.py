"""The ontology lint: run every quality check, give each finding the severity of its check.

After ROBOT's `report` and the OBO Ontology Development Kit, which runs it in CI and fails on
any ERROR row: `kg lint` exits 1 when the report has an ERROR.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import KgError
from kg.namespaces import shorten
from kg.queries import safe_query
from kg.review.checks import COLUMNS, QUALITY_DIR, quality_checks
from kg.review.profile import SEVERITIES, Profile, load_profile
from kg.review.sources import read_sources
from kg.wording import counted

HEADER = ("severity", "check", "entity", "property", "value")


@dataclass(frozen=True, order=True)
class LintRow:
    """One finding: the check's severity and name, and the triple (or part of it) at fault."""

    severity: str
    check: str
    entity: str
    property: str
    value: str

    def cells(self) -> tuple[str, str, str, str, str]:
        return (self.severity, self.check, self.entity, self.property, self.value)


@dataclass(frozen=True)
class LintReport:
    """The findings, most serious first, then by check, entity, property and value."""

    rows: tuple[LintRow, ...]

    def count(self, severity: str) -> int:
        return sum(1 for row in self.rows if row.severity == severity)

    @property
    def errors(self) -> int:
        return self.count("ERROR")

    @property
    def warnings(self) -> int:
        return self.count("WARN")

    @property
    def infos(self) -> int:
        return self.count("INFO")

    def checks_fired(self) -> set[str]:
        return {row.check for row in self.rows}

    def tsv(self) -> str:
        """Tab-separated, with a header: the format of the expected reports in tests."""
        return "".join("\t".join(cells) + "\n" for cells in [HEADER, *self.cells()])

    def table(self) -> str:
        """Aligned columns for people, with a count line at the end."""
        body = [HEADER, *self.cells()]
        widths = [max(len(r[i]) for r in body) for i in range(len(HEADER))]
        lines = [
            "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body
        ]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines) + f"\n({self.summary()})\n"

    def summary(self) -> str:
        errors, warnings = counted(self.errors, "error"), counted(self.warnings, "warning")
        return f"{errors}, {warnings}, {self.infos} info"

    def cells(self) -> list[tuple[str, str, str, str, str]]:
        return [row.cells() for row in self.rows]


def lint(
    graph_or_paths: Graph | Iterable[Path],
    profile: Profile | None = None,
    checks_dir: Path = QUALITY_DIR,
) -> LintReport:
    """Run every check of `checks_dir` over a graph, or over files (.ttl, .nt, .rq) read alone.

    To review the project as `kg lint` does, pass `kg.review.review_graph()`.
    """
    graph = graph_or_paths if isinstance(graph_or_paths, Graph) else read_sources(graph_or_paths)
    profile = profile or load_profile()
    checks = quality_checks(checks_dir)
    _check_profile_matches(set(checks), profile)
    rows: set[LintRow] = set()
    for name, query in checks.items():
        result = graph.query(safe_query(query.text, query.name))
        if tuple(str(v) for v in result.vars or ()) != COLUMNS:
            raise KgError(
                "a quality check must return exactly ?entity ?property ?value; fix its SELECT",
                query.path,
            )
        for binding in result:
            entity, prop, value = (term_text(t) for t in binding)  # type: ignore[union-attr]
            rows.add(LintRow(profile.severity(name), name, entity, prop, value))
    rank = {severity: i for i, severity in enumerate(SEVERITIES)}
    ordered = sorted(rows, key=lambda r: (rank[r.severity], r.check, r.entity, r.property, r.value))
    return LintReport(tuple(ordered))


def _check_profile_matches(checks: set[str], profile: Profile) -> None:
    if missing := sorted(checks - profile.severities.keys()):
        raise KgError(
            f"the check {missing[0]!r} has no severity; add a line "
            f"'{missing[0]}<TAB>ERROR' (or WARN, INFO)",
            profile.path,
        )
    if unknown := sorted(profile.severities.keys() - checks):
        raise KgError(
            f"the profile names {unknown[0]!r} but there is no {unknown[0]}-violation.rq; "
            "remove the line or add the check",
            profile.path,
        )


def term_text(node: Node | None) -> str:
    """A term as a report shows it: prefixed name, `[]` for a blank node (whose label would
    change from run to run), a literal in quotes with its language or datatype."""
    if node is None:
        return ""
    if isinstance(node, BNode):
        return "[]"
    if isinstance(node, Literal):
        text = str(node)
        for raw, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r")):
            text = text.replace(raw, escaped)
        text = f'"{text.replace(chr(9), chr(92) + "t")}"'
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is not None and node.datatype != XSD.string:
            return f"{text}^^{shorten(node.datatype)}"
        return text
    if isinstance(node, URIRef):
        return shorten(node)
    return str(node)
