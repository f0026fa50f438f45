"""The vendored YASGUI is what its notes say, and still holds the texts the page's policy names."""

import hashlib
import re
from pathlib import Path

from kg.serve.page import RESIZER_STYLES, STYLE_ATTRIBUTES, YASGUI_VERSION

VENDOR = Path(__file__).resolve().parent.parent.parent / "kg" / "serve" / "static" / "yasgui"
NOTE = (VENDOR / "README.md").read_text(encoding="utf-8")
BUNDLE = (VENDOR / "yasgui.min.js").read_text(encoding="utf-8")


def test_the_files_are_the_recorded_release():
    recorded = dict(
        re.findall(r"\| `(yasgui\.min\.(?:js|css))` \| [\d,]+ \| `([0-9a-f]{64})` \|", NOTE)
    )
    assert sorted(recorded) == ["yasgui.min.css", "yasgui.min.js"]
    for name, digest in recorded.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    sizes = dict(re.findall(r"\| `(yasgui\.min\.(?:js|css))` \| ([\d,]+) \|", NOTE))
    for name, size in sizes.items():
        assert (VENDOR / name).stat().st_size == int(size.replace(",", "")), name
    assert f"`@zazuko/yasgui@{YASGUI_VERSION}`" in NOTE
    assert f"npm pack @zazuko/yasgui@{YASGUI_VERSION}" in NOTE


def test_the_licences_ship_with_it():
    licence = (VENDOR / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith(
        "The MIT License (MIT)\n\nPermission is hereby granted, free of charge"
    )
    notices = (VENDOR / "THIRD-PARTY-LICENSES.txt").read_text(encoding="utf-8")
    bundled = re.findall(r"^(\S+): .*; text from the npm package \1@", notices, re.MULTILINE)
    for package in ("codemirror", "datatables.net", "dompurify", "jquery", "sortablejs"):
        assert package in bundled
    assert len(bundled) == 25


def test_the_bundle_still_writes_the_styles_the_policy_allows():
    """A new release that changed them would break the page's look under its policy; the
    browser tests would see a violation only for the ones they trigger."""
    assert RESIZER_STYLES[0] in BUNDLE  # column-resizer, when a results table is drawn
    assert "`*{cursor:`+n.opt.dragCursor+`!important}`" in BUNDLE  # while a column is dragged
    assert "dragCursor:`col-resize`" in BUNDLE
    assert RESIZER_STYLES[1] == "*{cursor:col-resize!important}"
    assert STYLE_ATTRIBUTES == ("text-decoration:underline",)
    assert re.findall(r"style=['\"]([^'\"]*)", BUNDLE) == list(STYLE_ATTRIBUTES)  # the tooltip's
    assert len(re.findall(r"createElement\(`style`\)", BUNDLE)) == 1  # the resizer's only
