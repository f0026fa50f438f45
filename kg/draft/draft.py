"""From an article to the proposals of a draft card: statements with their speakers, offices,
dates and channels, and the positions their words suggest, each with its evidence span and
why it was proposed."""

import datetime
import re
from dataclasses import dataclass, field, replace

from kg.draft.article import Article
from kg.draft.dates import Dating, resolve_date
from kg.draft.knowledge import Knowledge
from kg.draft.names import Mention, Names
from kg.draft.quotes import Quote, find_quotes, masked, trim
from kg.draft.sentences import Sentence, split_sentences
from kg.draft.speakers import Proposed, Resolver, Speaker
from kg.draft.speech import Verb, speech_verbs, subject_of
from kg.draft.stance import Suggestion, suggest

MAX_WORDING = 30
"""Reported wording is kept short: at most this many words."""

# Channels named near an attribution, by registry key (used only when the registry has it).
_CHANNELS = (
    ("truth-social-post", r"\bTruth Social\b"),
    ("x-post", r"\b(?:on|social network) X\b|\bon Twitter\b"),
    ("interview", r"\binterview\b"),
    ("press-briefing", r"\bbriefing\b"),
    ("remarks-to-reporters", r"\b(?:told|telling|to) (?:reporters|journalists)\b"),
    ("speech", r"\bspeech\b"),
    ("official-announcement", r"\b(?:announced|in a statement|statement issued)\b"),
)
_CUT = re.compile(
    r",\s+(?:despite|while|marking|which|although|though|according to|as|amid|when|"
    r"ahead of|after|before)\b|\s+[\u2013\u2014]\s+|;\s|\.\s*$|,\s+(?=[a-z]+ing\b)"
)
_CLAUSE = re.compile(
    r"\s+and\s+(?=(?:would|will|is|was|has|had|could|can|must|should|"
    r"remains?|wants?)\b)"
)


@dataclass
class DraftStatement:
    key: str
    speaker: Speaker
    sentence: Sentence
    quotes: list[str] = field(default_factory=list)
    wordings: list[str] = field(default_factory=list)
    why: list[str] = field(default_factory=list)
    dating: Dating = field(default_factory=lambda: Dating(None, None))
    channel: str | None = None
    suggestions: list[tuple[str, Suggestion]] = field(default_factory=list)
    """(the words that suggested it, the suggestion)."""


@dataclass
class Draft:
    article: Article
    published: datetime.date | None
    statements: list[DraftStatement]
    proposed: list[Proposed]
    left_out: list[str]
    """Notes on what was left out and why (quotes without a speaker, ambiguous dates)."""


def draft_statements(
    article: Article, knowledge: Knowledge, published: datetime.date | None
) -> Draft:
    builder = _Builder(article, knowledge, published)
    builder.run()
    builder.suggest()
    return Draft(
        article,
        published,
        builder.statements,
        list(builder.resolver.proposed.values()),
        builder.left_out,
    )


class _Builder:
    def __init__(self, article: Article, knowledge: Knowledge, published: datetime.date | None):
        self.article = article
        self.knowledge = knowledge
        self.published = published
        self.names = Names(knowledge)
        self.resolver = Resolver(knowledge, published)
        self.statements: list[DraftStatement] = []
        self.left_out: list[str] = []
        self.keys: set[str] = set()
        self.last: DraftStatement | None = None
        self.intro: tuple[Sentence, str, list[Mention], list[Verb]] | None = None
        """The sentence before, when it ends in a colon: 'Lavrov said on Friday:'."""
        text = " ".join(article.paragraphs)
        self.treaties = [
            key
            for key, names in knowledge.issues.items()
            if key.startswith("treaty/") and any(n in text for n in names)
        ]

    def run(self) -> None:
        sentences = split_sentences(self.article)
        quotes = find_quotes(self.article)
        for sentence in sentences:
            mine = [q for q in quotes if _in(q, sentence)]
            if sentence.paragraph == 1 and self.article.has_headline:
                if mine:
                    self.left_out.append(
                        f'{sentence.span}: the headline\'s quote "{mine[0].text}" (a '
                        "headline repeats the body's words; not a statement of its own)"
                    )
                continue
            self.sentence(sentence, mine)

    # -- one sentence ---------------------------------------------------------------------

    def sentence(self, sentence: Sentence, quotes: list[Quote]) -> None:
        spans = [
            (piece.start - sentence.start, piece.end - sentence.start)
            for q in quotes
            for piece in q.pieces
            if piece.paragraph == sentence.paragraph
        ]
        text = masked(sentence.text, spans)
        mentions = self.names.find(text)
        verbs = speech_verbs(text)
        used: dict[int, DraftStatement] = {}
        by_speaker: dict[str, DraftStatement] = {}
        for quote in quotes:
            start = (
                max(0, quote.pieces[0].start - sentence.start)
                if quote.pieces[0].paragraph == sentence.paragraph
                else 0
            )
            end = (
                min(len(text), quote.last.end - sentence.start)
                if quote.last.paragraph == sentence.paragraph
                else len(text)
            )
            found = self.attribute(start, end, verbs, mentions, text, sentence)
            where = text
            if found is None and self.intro is not None:  # 'Lavrov said on Friday:' before
                intro, where, intro_mentions, intro_verbs = self.intro
                at = len(where)
                found = self.attribute(at, at, intro_verbs, intro_mentions, where, intro)
            if found is not None and _phrase(quote, found[0], where, start):
                self.left_out.append(
                    f'{sentence.span}: "{quote.text}" reads as a '
                    "quoted phrase, not attributed words"
                )
                continue
            if found is None:
                if len(quote.text.split()) <= 3 and not verbs:
                    self.left_out.append(
                        f'{sentence.span}: "{quote.text}" reads as a '
                        "quoted phrase, not attributed words"
                    )
                    continue
                if self.last is not None and _stands_alone(text, quote):
                    speaker = self.last.speaker
                    why = (
                        f"a quote standing on its own after the words of "
                        f"{self.knowledge.label(speaker.actor)}: the same speaker"
                    )
                    statement = self.new(
                        speaker, sentence, why, self.last.dating, self.last.channel
                    )
                    statement.quotes.append(quote.text)
                    continue
                self.left_out.append(f'{sentence.span}: no speaker found for "{quote.text}"')
                continue
            verb, subject, speaker = found
            known = by_speaker.get(speaker.actor)
            if known is not None:
                statement = known
            else:
                dating = self.date_near(where, subject, verb)
                if (
                    subject.how == "back"
                    and self.last
                    and self.last.speaker.actor == speaker.actor
                    and dating.day is None
                    and dating.note is None
                ):
                    dating = self.last.dating
                dating = self.carried_date(speaker, dating)
                statement = self.new(
                    speaker,
                    sentence,
                    f"quotation marks attributed by '{_attribution(where, subject, verb)}'; "
                    + speaker.why,
                    dating,
                    self.channel(where),
                )
                by_speaker[speaker.actor] = statement
            used[verb.start] = statement
            statement.quotes.append(quote.text)
        self.reported(sentence, text, verbs, mentions, used, bool(quotes))
        self.resolver.noticed(mentions)
        ends_open = text.rstrip().endswith(":")
        self.intro = (sentence, text, mentions, verbs) if ends_open and verbs else None

    def attribute(
        self,
        start: int,
        end: int,
        verbs: list[Verb],
        mentions: list[Mention],
        text: str,
        sentence: Sentence,
    ) -> tuple[Verb, Mention, Speaker] | None:
        """The verb nearest the quote whose subject resolves to a speaker."""
        ranked = sorted(  # the nearest verb first, a strong one ('said') before a weak one
            verbs,
            key=lambda v: (
                (v.start - end if v.start >= end else start - v.end + 0.5) + (200 if v.weak else 0)
            ),
        )
        for verb in ranked:
            distance = verb.start - end if verb.start >= end else start - verb.end
            if distance > 160:
                continue
            subject = subject_of(verb, mentions, text)
            if subject is None:
                continue
            speaker = self.resolver.resolve(subject, sentence.span)
            if speaker is not None:
                return verb, subject, speaker
        return None

    def reported(
        self,
        sentence: Sentence,
        text: str,
        verbs: list[Verb],
        mentions: list[Mention],
        used: dict[int, DraftStatement],
        has_quotes: bool,
    ) -> None:
        """Indirect speech: 'X said that ...', 'X insisted that ...', '..., X announced'."""
        for verb in verbs:
            if verb.according or verb.text.lower() in (
                "quoted",
                "called",
                "described",
                "believes",
                "considers",
                "continued",
                "maintained",
                "indicated",
                "proposed",
                "suggested",
                "expressed",
                "regrets",
                "regretted",
            ):
                continue
            if _by(verb, mentions, text) is not None:
                continue  # "an idea rejected by the ministry, saying ...": 'saying' reports
            subject = subject_of(verb, mentions, text)
            if subject is None or subject.kind == "state":
                continue
            after = text[verb.end :]
            clause = _CUT.split(after, maxsplit=1)[0]
            if re.search(
                r"[\u201c\u201d\"]", sentence.text[verb.end : verb.end + len(clause)]
            ) or after.lstrip().startswith(":"):
                continue  # the quote is the words; nothing reported besides
            words = clause.split()
            if verb.text.lower() in ("told", "tells") and not re.search(r"\bthat\b", clause):
                words = []  # "told The New York Times": to whom, not what
            if re.match(
                r"\s*(?:by|in|on|at|to|during|while|after|when|following|from|"
                r"before|with)\b",
                clause,
            ) and not re.search(r"\bthat\b", clause):
                words = []  # "said in a post on Truth Social": circumstances, not words
            if len(words) >= 3 and (
                re.search(r"\bthat\b", clause)
                or not re.fullmatch(
                    r"\s*(?:(?:to |)(?:reporters|journalists|a briefing|TASS|the \w+)|on \w+day|"
                    r"in an? \w+|at a \w+)[\s\w]*",
                    clause,
                )
            ):
                wording = sentence.text[verb.start : verb.end + len(clause)]
            elif subject.start > 0 and len(text[: subject.start].split()) >= 5 and not has_quotes:
                wording = sentence.text[: verb.end]  # "..., the US European Command announced"
            else:
                continue
            if verb.start in used:  # the words around the quotes: of the same statement
                used[verb.start].wordings.extend(_clauses(wording))
                continue
            speaker = self.resolver.resolve(subject, sentence.span)
            if speaker is None:
                continue
            dating = self.carried_date(speaker, self.date_near(text, subject, verb))
            for part in _clauses(wording):
                statement = self.new(
                    speaker,
                    sentence,
                    f"reported speech after '{_attribution(text, subject, verb)}'; " + speaker.why,
                    dating,
                    self.channel(text),
                )
                statement.wordings.append(part)

    def suggest(self) -> None:
        """Positions from the cue words of each statement's words."""
        for statement in self.statements:
            seen: set[tuple[str, str | None]] = set()
            for words in statement.quotes + statement.wordings:
                for suggestion in suggest(
                    words,
                    statement.sentence.text,
                    self.knowledge,
                    self.treaties,
                    lead=" ".join(self.article.paragraphs[:2]),
                    holder=statement.speaker.on_behalf_of or statement.speaker.actor,
                ):
                    if (suggestion.stance, suggestion.target) in seen:
                        continue
                    seen.add((suggestion.stance, suggestion.target))
                    if suggestion.condition:
                        actors = [
                            m.actor
                            for m in self.names.find(suggestion.condition)
                            if m.actor and m.kind in ("state", "organisation")
                        ]
                        if actors:
                            suggestion = replace(suggestion, condition_actor=actors[0])
                    statement.suggestions.append((words, suggestion))

    # -- helpers --------------------------------------------------------------------------

    def new(
        self, speaker: Speaker, sentence: Sentence, why: str, dating: Dating, channel: str | None
    ) -> DraftStatement:
        statement = DraftStatement(
            self.key_for(speaker, sentence),
            speaker,
            sentence,
            why=[why],
            dating=dating,
            channel=channel,
        )
        self.statements.append(statement)
        self.last = statement
        return statement

    def key_for(self, speaker: Speaker, sentence: Sentence) -> str:
        base = f"{speaker.actor.split('/')[-1].split('-')[-1]}-p{sentence.paragraph}"
        key, n = base, 1
        while key in self.keys:
            n += 1
            key = f"{base}-{n}"
        self.keys.add(key)
        return key

    def date_near(self, text: str, subject: Mention, verb: Verb) -> Dating:
        start = min(subject.start, verb.start)
        window = text[start : max(verb.end, subject.end) + 120]
        window = re.split(r"\bthat\b|[\u201c\"]", window[verb.end - start :])[0]
        around = text[start : verb.end] + " " + window
        # "in remarks released on Thursday": the day of the release, not of the words
        around = re.sub(r"\b(?:released|published|aired|broadcast)\s+(?:on\s+)?\w+", "", around)
        return resolve_date(around, self.published)

    def carried_date(self, speaker: Speaker, dating: Dating) -> Dating:
        """No day at this attribution: the day of the same speaker's words just before, said
        so in the note (a reviewer checks that they are one occasion)."""
        last = self.last
        if dating.day is not None or dating.note or last is None or last.dating.day is None:
            return dating
        if last.speaker.actor != speaker.actor:
            return dating
        return Dating(
            last.dating.day,
            f"no day at this attribution; the same speaker's words just before "
            f"({last.sentence.span}) are of {last.dating.day}: {last.dating.note}",
            last.dating.words,
        )

    def channel(self, text: str) -> str | None:
        for key, pattern in _CHANNELS:
            if f"channel/{key}" in self.knowledge.channels and re.search(pattern, text):
                return key
        return None


def _in(quote: Quote, sentence: Sentence) -> bool:
    first = quote.pieces[0]
    return (
        first.paragraph == sentence.paragraph and sentence.start <= first.start - 1 < sentence.end
    )


def _phrase(quote: Quote, verb: Verb, text: str, start: int) -> bool:
    """A quoted phrase rather than attributed words: a few words, in single quotation marks,
    or attributed only by a weak verb unless introduced as what was said ('described it as
    "sounding good"')."""
    if len(quote.text.split()) > 3:
        return False
    if quote.marks == "single":
        return True
    return verb.weak and not re.search(r"\b(?:as|it)\s*$", text[:start].rstrip(" \u201c\"\u2018'"))


def _by(verb: Verb, mentions: list[Mention], text: str) -> Mention | None:
    """The agent of a passive 'rejected by China's Foreign Ministry'."""
    after = [m for m in mentions if m.start >= verb.end]
    if after and re.fullmatch(r"\s+by\s+(?:the\s+)?", text[verb.end : after[0].start]):
        return after[0]
    return None


def _stands_alone(text: str, quote: Quote) -> bool:
    """A sentence that is nothing but the quote (its other words are masked away)."""
    rest = re.sub(r"[\s.,;:!?\"\u201c\u201d\u2018\u2019'\u2014\u2013-]", "", text)
    return len(rest) <= 3 or len(quote.pieces) > 1


def _attribution(text: str, subject: Mention, verb: Verb) -> str:
    start, end = min(subject.start, verb.start), max(subject.end, verb.end)
    return re.sub(r"\s+", " ", text[start:end]).strip()


def _clauses(wording: str) -> list[str]:
    """Reported wording split where it joins two claims ('said Russia regrets X and would
    engage in Y'), each kept short."""
    parts = [p.strip(" ,") for p in _CLAUSE.split(wording)]
    parts = [p for p in parts if len(p.split()) >= 3] or [wording]
    return [trim(" ".join(p.split()[:MAX_WORDING])) for p in parts]
