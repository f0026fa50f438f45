"""The competency-question report: what each named query answers on the current data.

A question the ontology claims to answer but that returns no rows is flagged: either the data
lacks what it needs, or the query or the model is wrong. Either way a reviewer should look.
"""

from dataclasses import dataclass

from rdflib import Dataset, URIRef

from kg.queries import NamedQuery, run
from kg.results import rows
from kg.review.mentions import terms_mentioned


@dataclass(frozen=True)
class Answer:
    """A question, its answer table on the data, and the terms its query mentions."""

    query: NamedQuery
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    terms: tuple[URIRef, ...]
    error: str | None

    @property
    def flagged(self) -> bool:
        """True when the question has no answer today (no rows, or the query failed); no rows
        is the sound answer of a check whose header expects it (duplicate-statements)."""
        return self.error is not None or (not self.rows and not self.query.empty_when_sound)

    @property
    def anchor(self) -> str:
        return f"q-{self.query.name}"


def answer_questions(queries: dict[str, NamedQuery], dataset: Dataset) -> list[Answer]:
    """Run every query without parameters (they are all optional) over the dataset."""
    answers = []
    for query in queries.values():
        terms = tuple(terms_mentioned(query.text))
        try:
            header, body = rows(run(query, dataset))
        except Exception as exc:  # a failing question is reported, not fatal to the docs
            answers.append(Answer(query, (), (), terms, str(exc)))
            continue
        answers.append(Answer(query, tuple(header), tuple(tuple(r) for r in body), terms, None))
    return answers
