"""The severity profile: one table that says how serious each quality check is.

After ROBOT's report_profile.txt, so that the severity of a check is a reviewed decision kept
in one place, not scattered through the checks.
"""

from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.review.checks import QUALITY_DIR

PROFILE_FILE = QUALITY_DIR / "profile.tsv"
SEVERITIES = ("ERROR", "WARN", "INFO")
"""From the most to the least serious; only ERROR makes `kg lint` fail."""

_HEADER = ["check", "severity"]


@dataclass(frozen=True)
class Profile:
    """Check name to severity, and the file it was read from (for error messages)."""

    severities: dict[str, str]
    path: Path

    def severity(self, check: str) -> str:
        return self.severities[check]


def load_profile(path: Path = PROFILE_FILE) -> Profile:
    """Read a profile: a `check<TAB>severity` header, then one check per line; # comments."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read the severity profile ({exc.strerror})", path) from None
    except UnicodeDecodeError:
        raise InputError("the severity profile is not UTF-8 text", path) from None
    severities: dict[str, str] = {}
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if cells != _HEADER:
                raise InputError("the first row must be the header 'check<TAB>severity'", path)
            header_seen = True
            continue
        if len(cells) != 2 or cells[1] not in SEVERITIES:
            raise InputError(
                f"expected 'check<TAB>severity' with a severity among {', '.join(SEVERITIES)}",
                path,
                number,
            )
        if cells[0] in severities:
            raise InputError(f"the check {cells[0]!r} is listed twice; keep one line", path, number)
        severities[cells[0]] = cells[1]
    return Profile(severities, path)
