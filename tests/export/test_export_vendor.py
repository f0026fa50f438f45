"""The vendored files are what their notes say: Cytoscape.js as published, the GEXF schema."""

import hashlib
import re

from export_support import CYTOSCAPE_JS, SCHEMA_DIR

from kg.export.html import CYTOSCAPE_VERSION


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cytoscape_is_the_recorded_release():
    note = (CYTOSCAPE_JS.parent / "README.md").read_text(encoding="utf-8")
    recorded = re.search(r"`cytoscape\.min\.js`: sha256 `([0-9a-f]{64})`", note)[1]
    assert sha256(CYTOSCAPE_JS) == recorded
    assert f"cytoscape@{CYTOSCAPE_VERSION}" in note
    assert f'"{CYTOSCAPE_VERSION}"' in CYTOSCAPE_JS.read_text(encoding="utf-8")
    licence = (CYTOSCAPE_JS.parent / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("Copyright (c) 2016-2026, The Cytoscape Consortium.")


def test_gexf_schema_files_are_the_recorded_ones():
    note = (SCHEMA_DIR.parent / "README.md").read_text(encoding="utf-8")
    recorded = dict(re.findall(r"\| `([a-z]+\.xsd)` \| `([0-9a-f]{64})` \|", note))
    assert sorted(recorded) == sorted(p.name for p in SCHEMA_DIR.glob("*.xsd"))
    for name, digest in recorded.items():
        assert sha256(SCHEMA_DIR / name) == digest, name
