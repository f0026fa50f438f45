"""What a synthetic project holds and which errors were put into it, written beside the
registry as synth-manifest.json so that a benchmark or a test can check a build against it."""

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

MANIFEST_FILE = "synth-manifest.json"

COMPILE = "compile"
"""An error the card compiler reports: the build refuses with exit code 2."""
SHAPE = "shape"
"""A violation the SHACL shapes report: the cards compile, the build exits with code 1."""


@dataclass(frozen=True)
class Injection:
    """One injected error: where it is and what the build must say about it."""

    kind: str
    level: str  # COMPILE or SHAPE
    card: str  # the card's path inside the project, such as sources/x.yaml
    line: int  # the line the error or violation points to
    column: int
    message: str  # compile: a part of the expected message; shape: what was done
    focus: str | None = None  # shape: the focus node, as kg prints it (shorten)
    violations: int = 0  # shape: how many violation lines the build reports for it


@dataclass(frozen=True)
class SynthManifest:
    seed: int
    cards: int
    actors: int
    states: int
    persons: int
    organisations: int
    offices: int
    channels: int
    treaties: int
    weapon_categories: int
    formats: int
    proposals: int
    policies: int
    events: int  # events other than treaty events
    statements: int
    positions: int
    conditional_positions: int
    position_changes: int
    reported_speech: int
    joint_positions: int
    office_terms: int
    treaty_events: int
    limits: int
    injections: list[Injection] = field(default_factory=list)

    @property
    def expected_compile_errors(self) -> int:
        return sum(1 for i in self.injections if i.level == COMPILE)

    @property
    def expected_violations(self) -> int:
        """Violation lines a build reports, when no compile error stops it first."""
        return sum(i.violations for i in self.injections if i.level == SHAPE)

    @property
    def expected_exit(self) -> int:
        """The exit code of `kg build` on the project: 2, 1 or 0."""
        return 2 if self.expected_compile_errors else 1 if self.expected_violations else 0

    def to_json(self) -> str:
        data = asdict(self)
        data["expected_exit"] = self.expected_exit
        data["expected_compile_errors"] = self.expected_compile_errors
        data["expected_violations"] = self.expected_violations
        return json.dumps(data, indent=2) + "\n"

    def write(self, root: Path) -> Path:
        path = root / MANIFEST_FILE
        path.write_text(self.to_json(), encoding="utf-8")
        return path
