"""A project: the registry, the sources (cards and Turtle) and the queries of one graph.

The embedded New START project ships inside the package; `kg init DIR` starts a new one, and
every command takes `--project DIR`. The ontology, the shapes and the named queries come with
the tool; a project may add queries of its own in its `queries/` folder.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from kg import resources
from kg.errors import KgError

REGISTRY_FILE = "registry.ttl"
SOURCES_DIR = "sources"
QUERIES_DIR = "queries"
CARD_SUFFIX = ".yaml"


@dataclass(frozen=True)
class Project:
    """A folder holding registry.ttl, sources/ (cards *.yaml, Turtle *.ttl) and queries/."""

    root: Path

    @property
    def registry_file(self) -> Path:
        return self.root / REGISTRY_FILE

    @property
    def sources_dir(self) -> Path:
        return self.root / SOURCES_DIR

    @property
    def queries_dir(self) -> Path:
        return self.root / QUERIES_DIR

    def cards(self) -> list[Path]:
        """The source cards, in name order."""
        return self._sources_ending(CARD_SUFFIX)

    def turtle_sources(self) -> list[Path]:
        """Hand-written Turtle sources, in name order (one named graph each, like a card)."""
        return self._sources_ending(".ttl")

    def _sources_ending(self, suffix: str) -> list[Path]:
        """The files of sources/ whose names end in `suffix` (a folder named so is none), by
        one reading of the folder: each entry says whether it is a folder without a stat."""
        try:
            with os.scandir(self.sources_dir) as entries:
                found = [e.path for e in entries if e.name.endswith(suffix) and not e.is_dir()]
        except (FileNotFoundError, NotADirectoryError):
            return []
        return [Path(path) for path in sorted(found)]

    def turtle_files(self) -> list[Path]:
        """The hand-written Turtle files: the registry, then the Turtle sources."""
        return [self.registry_file, *self.turtle_sources()]

    def check(self) -> "Project":
        """Fail clearly when the folder is not a project."""
        if not self.registry_file.is_file():
            raise KgError(
                f"not a project folder: {self.registry_file} is missing; "
                "create a project with `kg init DIR`",
                self.root,
            )
        return self


EMBEDDED = Project(resources.DATA_DIR)


def project_at(path: str | Path | None) -> Project:
    """The project in `path`; without one, the project the user stands in (this folder or one
    above it, as git finds its repository), else the embedded one."""
    if path is not None:
        return Project(Path(path)).check()
    return project_around(Path.cwd()) or EMBEDDED


def project_around(folder: Path) -> Project | None:
    """The project folder that holds `folder` (a registry beside a sources folder), if any."""
    for candidate in (folder, *folder.parents):
        if (candidate / REGISTRY_FILE).is_file() and (candidate / SOURCES_DIR).is_dir():
            return (
                EMBEDDED if candidate.resolve() == EMBEDDED.root.resolve() else Project(candidate)
            )
    return None


REGISTRY_TEMPLATE = """\
# Registry of this project: the actors, offices, channels, treaties and weapon categories that
# its source cards refer to by key. The key of a node is its IRI without the id: namespace:
# <russia> has key russia, <office/us-president> has key office/us-president.
#
# Names and kinds only; what anyone said or did belongs in a source card (sources/*.yaml).

@base <https://w3id.org/actors-positions/id/> .
@prefix ap:   <https://w3id.org/actors-positions/ontology#> .
@prefix org:  <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wd:   <http://www.wikidata.org/entity/> .

# -- States ---------------------------------------------------------------------------------
# <united-states> a ap:State ; rdfs:label "United States"@en ; skos:exactMatch wd:Q30 .

# -- Persons --------------------------------------------------------------------------------
# <donald-trump> a ap:Person ; rdfs:label "Donald Trump"@en .

# -- Organisations --------------------------------------------------------------------------
# <white-house> a ap:Organisation ; rdfs:label "White House"@en ;
#     org:subOrganizationOf <united-states> .

# -- Offices --------------------------------------------------------------------------------
# <office/us-president> a ap:Office ; rdfs:label "President of the United States"@en ;
#     org:postIn <united-states> .

# -- Channels -------------------------------------------------------------------------------
<channel/press-briefing> a ap:Channel ; rdfs:label "press briefing"@en .
<channel/official-announcement> a ap:Channel ; rdfs:label "official announcement"@en .
"""


def refuse_unless_new(root: Path) -> None:
    """Refuse a folder for a new project that is a file or holds something already."""
    if root.exists() and not root.is_dir():
        raise KgError("a file, not a folder; choose a new folder", root)
    if root.exists() and any(root.iterdir()):
        raise KgError("the folder exists and is not empty; choose a new folder", root)


def init_project(root: Path) -> Project:
    """Create a new project folder with a commented registry and empty sources and queries."""
    refuse_unless_new(root)
    project = Project(root)
    try:
        project.sources_dir.mkdir(parents=True)
        project.queries_dir.mkdir()
        project.registry_file.write_text(REGISTRY_TEMPLATE, encoding="utf-8")
    except OSError as exc:
        message = f"cannot make the project here ({exc.strerror}); choose another folder"
        raise KgError(message, root) from None
    return project
