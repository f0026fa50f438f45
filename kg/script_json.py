"""JSON embedded in an HTML page, for the export pages and the endpoint's query page alike."""

import json

_ESCAPES = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element: it cannot close it or open a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_ESCAPES)
