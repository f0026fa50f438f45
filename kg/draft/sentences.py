"""Sentences of each paragraph, with their place (paragraph and sentence number, from 1),
split by pysbd's rule-based segmenter."""

from dataclasses import dataclass
from functools import lru_cache

import pysbd

from kg.draft.article import Article


@dataclass(frozen=True)
class Sentence:
    paragraph: int
    """1-based."""
    number: int
    """1-based, within the paragraph."""
    start: int
    """Offset in the paragraph."""
    end: int
    text: str

    @property
    def span(self) -> str:
        return f"p{self.paragraph} s{self.number}"


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(article: Article) -> list[Sentence]:
    sentences = []
    for p, paragraph in enumerate(article.paragraphs, 1):
        spans = _segmenter().segment(paragraph) or []
        number = 0
        for span in spans:
            text = span.sent.strip()
            if not text:
                continue
            number += 1
            start = paragraph.find(text, span.start)
            start = span.start if start < 0 else start
            sentences.append(Sentence(p, number, start, start + len(text), text))
        if number == 0:
            sentences.append(Sentence(p, 1, 0, len(paragraph), paragraph))
    return _merge_quote_breaks(sentences, article)


def _merge_quote_breaks(sentences: list[Sentence], article: Article) -> list[Sentence]:
    """pysbd ends a sentence at the full stop inside `"... end." he said`; put the
    attribution back with its quote when a sentence starts in lower case after a closing
    quotation mark."""
    merged: list[Sentence] = []
    for sentence in sentences:
        if (
            merged
            and merged[-1].paragraph == sentence.paragraph
            and sentence.text[:1].islower()
            and merged[-1].text.rstrip()[-1:] in "\"\u201d\u2019'"
        ):
            last = merged[-1]
            text = article.paragraphs[last.paragraph - 1][last.start : sentence.end]
            merged[-1] = Sentence(last.paragraph, last.number, last.start, sentence.end, text)
            continue
        if merged and merged[-1].paragraph == sentence.paragraph:
            sentence = Sentence(
                sentence.paragraph,
                merged[-1].number + 1,
                sentence.start,
                sentence.end,
                sentence.text,
            )
        merged.append(sentence)
    return merged
