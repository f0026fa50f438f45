"""Where the ontology, shapes, queries and embedded data live.

In a wheel they ship inside the package (kg/_resources/, see pyproject.toml); in a source
checkout or an editable install they are the top-level folders of the repository.
"""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_INSTALLED = _PACKAGE / "_resources"
_ROOT = _INSTALLED if _INSTALLED.is_dir() else _PACKAGE.parent

ONTOLOGY_DIR = _ROOT / "ontology"
QUERIES_DIR = _ROOT / "queries"
DATA_DIR = _ROOT / "data"


def ontology_files() -> list[Path]:
    """The OWL ontology modules and the stance scheme, in a fixed order."""
    return sorted(p for p in ONTOLOGY_DIR.glob("*.ttl") if not p.name.endswith("-shapes.ttl"))


def shapes_files() -> list[Path]:
    """The SHACL shapes, one file per ontology module."""
    return sorted(ONTOLOGY_DIR.glob("*-shapes.ttl"))
