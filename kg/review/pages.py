"""The HTML pages, from Jinja2 templates with autoescaping on for every template.

Every text that comes from the ontology, the shapes, the data or the queries is escaped on the
way out, so an annotation with markup (`<img src=x onerror=...>`) shows as text. pyLODE 3.3.4
inserts definitions as raw HTML (see docs/review.md), which is why the pages are rendered here.
"""

from jinja2 import Environment, PackageLoader, StrictUndefined
from rdflib import URIRef

from kg.review.constraints import Ref
from kg.review.profile import Profile
from kg.review.site import PAGES, Site, is_literal, shape_anchor


def environment() -> Environment:
    """Autoescape for every template (HTML and SVG alike), and fail on an unknown name."""
    env = Environment(
        loader=PackageLoader("kg.review", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests["literal"] = is_literal
    env.tests["reference"] = lambda value: isinstance(value, Ref)
    env.tests["iri"] = lambda value: isinstance(value, URIRef)
    env.globals["shape_anchor"] = shape_anchor
    return env


def render_pages(site: Site, profile: Profile, checks: dict[str, str]) -> dict[str, str]:
    """Every page, and the diagram as a file of its own, by file name."""
    env = environment()
    listed = [(name, profile.severity(name), question) for name, question in checks.items()]
    common = {"site": site, "pages": PAGES, "checks": listed}
    files = {
        page: env.get_template(page).render(common, page=page, page_title=title)
        for page, title in PAGES.items()
    }
    files["diagram.svg"] = env.get_template("diagram.svg").render(common)
    return files
