"""GraphML, for yEd and Gephi, written by networkx's own writer.

The plain ElementTree writer is used on purpose: networkx picks its lxml writer when lxml is
installed, and the two lay out the file differently, so the output would depend on the
machine. Same data, same bytes.
"""

import io

import networkx as nx

from kg.export.projection import Projection
from kg.export.xmltext import xml_safe


def render(projection: Projection) -> bytes:
    """The projection as a GraphML document (UTF-8)."""
    buffer = io.BytesIO()
    nx.write_graphml_xml(xml_safe(projection.graph), buffer, encoding="utf-8")
    return buffer.getvalue()
