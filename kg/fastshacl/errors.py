"""Why the fast validator refuses to answer: it would rather stop than report less than pySHACL."""


class UnsupportedShapeError(ValueError):
    """The shapes use SHACL that the fast validator does not implement.

    Raised at compile time, so that a new kind of shape never goes silently unchecked: either
    implement it in kg/fastshacl (with a differential test against pySHACL) or validate with
    pySHACL (kg.validation).
    """


class StoreFidelityError(ValueError):
    """The store cannot tell the validator what the data said.

    Oxigraph stores literals of some datatypes under another datatype (an xsd:nonNegativeInteger
    comes back as an xsd:integer); a shape that checks such a datatype can only be decided from
    the datatype record that kg.fastshacl.store_from_graph (or record_datatypes) writes.
    """


class DataError(ValueError):
    """The data makes pySHACL itself fail (it raises instead of reporting), so the fast validator
    raises too rather than invent a report."""
