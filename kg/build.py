"""The build: load, reason, validate, and write the dataset and its SHACL report.

Outputs go to a temporary folder beside the target, which replaces the target only once
everything is written and the data conforms: a failed build leaves the previous one untouched.
"""

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph

from kg.dataset import assemble, union
from kg.namespaces import INFERRED_GRAPH
from kg.project import EMBEDDED, Project
from kg.serialize import trig, turtle
from kg.validation import Violation, report_violations, shacl_report

DATASET_FILE = "dataset.trig"
REPORT_FILE = "shacl-report.ttl"
REPORT_TEXT_FILE = "shacl-report.txt"


@dataclass(frozen=True)
class BuildResult:
    """What a build did; `written` is False when the data did not conform."""

    out_dir: Path
    graphs: int
    asserted_triples: int
    inferred_triples: int
    violations: list[Violation]
    written: bool

    @property
    def conforms(self) -> bool:
        return not self.violations


def build(out_dir: Path, project: Project = EMBEDDED) -> BuildResult:
    """Build the project's dataset into `out_dir`, replacing it only if the data conforms."""
    assembled = assemble(project)
    dataset = assembled.dataset
    inferred = len(dataset.graph(INFERRED_GRAPH))
    asserted = sum(len(g) for g in dataset.graphs()) - inferred
    report = shacl_report(union(dataset))
    violations = report_violations(report, assembled.origins)
    result = BuildResult(
        out_dir=out_dir,
        graphs=sum(1 for g in dataset.graphs() if len(g)),
        asserted_triples=asserted,
        inferred_triples=inferred,
        violations=violations,
        written=not violations,
    )
    if result.written:
        _write_atomically(out_dir, dataset, report, violations)
    return result


def _write_atomically(
    out_dir: Path, dataset: Dataset, report: Graph, violations: list[Violation]
) -> None:
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        (staging / DATASET_FILE).write_text(trig(dataset), encoding="utf-8")
        (staging / REPORT_FILE).write_text(turtle(report), encoding="utf-8")
        lines = "".join(v.line() + "\n" for v in violations)
        (staging / REPORT_TEXT_FILE).write_text(lines, encoding="utf-8")
        if out_dir.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
            out_dir.rename(retired / out_dir.name)
            staging.rename(out_dir)
            shutil.rmtree(retired)
        else:
            staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
