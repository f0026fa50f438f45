"""The HTML page: one self-contained file that draws a view offline with Cytoscape.js.

Everything is inside the file (Cytoscape.js, the page's script and style, the data), and a
Content-Security-Policy forbids every request, so opening it reaches no network. The data sits
in a `<script type="application/json">` block with <, >, &, U+2028 and U+2029 written as \\u
escapes, so no label can close the block; the page's script writes every text with
textContent. Only the two scripts of the file may run: the policy names them by their SHA-256.
"""

import html
import string

from kg.export.inline import asset, csp_hash, inline_script
from kg.export.pagedata import page_data
from kg.export.projection import Projection
from kg.script_json import script_json

CYTOSCAPE_VERSION = "3.35.0"
TITLES = {
    "stances": "Who stands where: stances on formats and proposals",
    "actors": "Actors, offices and who speaks for whom",
    "full": "The whole graph",
}


def render(projection: Projection) -> bytes:
    """The page, one self-contained UTF-8 file."""
    library = inline_script(asset("vendor", "cytoscape.min.js"), "cytoscape.min.js")
    app = inline_script(asset("page", "page.js"), "page.js")
    policy = (
        "default-src 'none'; "
        f"script-src {csp_hash(library)} {csp_hash(app)}; "
        "style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    title = TITLES.get(projection.view, projection.view)
    page = string.Template(asset("page", "page.html")).substitute(
        csp=html.escape(policy),
        cytoscape_version=CYTOSCAPE_VERSION,
        title=html.escape(title),
        view=html.escape(projection.view),
        style=asset("page", "page.css"),
        data=script_json(page_data(projection)),
        cytoscape=library,
        app=app,
    )
    return page.encode("utf-8")
