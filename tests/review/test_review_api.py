"""The review kit's public face: what `kg.review` exports is what `__all__` names."""

import kg.review


def test_public_api_is_complete():
    public = {name for name in vars(kg.review) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(kg.review, name)).__name__ == "module"}
    assert sorted(public - modules) == sorted(kg.review.__all__)


def test_the_templates_ship_inside_the_package():
    from importlib.resources import files

    templates = files("kg.review") / "templates"
    names = {p.name for p in templates.iterdir()}
    assert {"base.html", "index.html", "diagram.svg", "style.css"} <= names
