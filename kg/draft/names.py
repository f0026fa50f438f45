"""Mentions of actors in a sentence: names, surnames, titles of offices, organisations, and
the words that refer back to someone already named (he, she, the spokesman, the ministry).

Names come from the registry (labels and alternative labels); a person is also found by
surname, and by a close spelling (Sergei for Sergey) through rapidfuzz. Titles come from the
office labels, turned the ways news copy writes them ("Foreign Minister of Russia" is also
"Russian Foreign Minister"; "spokesperson" also "spokesman" and "spokeswoman"). A capitalised
name after a title that the registry lacks is an unknown person, proposed for the registry.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

from kg.draft.knowledge import Knowledge

# How news copy names a state, by the state's label: the adjective and short forms.
DEMONYMS = {
    "United States": ["US", "U.S.", "American", "United States", "USA"],
    "Russia": ["Russian", "Russia's", "Russia\u2019s", "Russia"],
    "China": ["Chinese", "China's", "China\u2019s", "China"],
    "Germany": ["German", "Germany's", "Germany\u2019s", "Germany"],
    "France": ["French", "France's", "France\u2019s", "France"],
    "United Kingdom": ["UK", "U.K.", "British", "United Kingdom", "Britain's", "Britain\u2019s"],
}
_SPOKES = ("spokesperson", "spokesman", "spokeswoman")
# Words that refer back to a speaker named before, by the kind of actor they fit.
BACK_REFERENCES = {
    "person": re.compile(
        r"\b(?:he|she|the (?:senior |top |Russian |Chinese |US |U\.S\. |American )?"
        r"(?:spokes(?:man|woman|person)|diplomat|official|minister|politician|secretary|"
        r"envoy|ambassador|aide|president|leader|chief|senator)|"
        r"(?:Russia|China|America)[\u2019']s top diplomat)\b",
        re.IGNORECASE,
    ),
    "organisation": re.compile(
        r"\bthe (?:ministry|embassy|command|department|office|agency|foreign ministry|"
        r"organisation|organization|council|alliance)\b",
        re.IGNORECASE,
    ),
}
_NAME = r"[A-Z][a-zA-Z'\u2019-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-zA-Z'\u2019-]+){1,2}"
_NOT_NAMES = {
    "The",
    "New",
    "START",
    "Treaty",
    "On",
    "In",
    "At",
    "As",
    "But",
    "And",
    "However",
    "This",
    "That",
    "Moscow",
    "Washington",
    "Beijing",
    "Kremlin",
    "White",
    "House",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Foreign",
    "Ministry",
    "Security",
    "Council",
    "State",
    "Department",
    "Secretary",
    "President",
    "Minister",
    "Deputy",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Embassy",
    "United",
    "States",
    "Nations",
    "Russian",
    "Chinese",
    "American",
    "US",
    "U.S.",
    "UN",
    "Federation",
    "Strategic",
    "Arms",
    "Reduction",
    "European",
    "Command",
    "General",
    "Truth",
    "Social",
    "Abu",
    "Dhabi",
    "Russia",
    "China",
    "NATO",
    "Times",
    "York",
    "Press",
}


@dataclass(frozen=True)
class Mention:
    """A place in a sentence that names or refers to an actor."""

    start: int
    end: int
    text: str
    actor: str | None
    """The actor's key; None for an unknown person, or for a reference back (`back`)."""
    how: str
    """Why: 'label', 'surname', 'close spelling', 'title', 'organisation', 'unknown', 'back'."""
    office: str | None = None
    """The office a title names (its key without office/)."""
    kind: str = "person"
    name: str | None = None
    """For an unknown person: the name as written."""
    title: str | None = None
    """For an unknown person: the title written before the name."""


def fold(text: str) -> str:
    """Letters without accents, for matching: Stéphane = Stephane."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).replace("\u2019", "'")


class Names:
    """Finds mentions of the actors of `knowledge` in text."""

    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge

    @cached_property
    def _exact(self) -> list[tuple[str, str, str, str | None, str]]:
        """(variant, actor, how, office, kind), longest first."""
        variants: dict[str, tuple[str, str, str | None, str]] = {}
        ambiguous: set[str] = set()
        k = self.knowledge
        surnames: dict[str, set[str]] = {}
        for actor, kind in k.actors.items():
            for name in k.names.get(actor, []):
                forms = [
                    f for f in DEMONYMS.get(name, []) if not f.endswith(("an", "ese", "sh", "ch"))
                ]
                for variant in _org_variants(name) + forms if kind != "person" else [name]:
                    key = fold(variant)
                    if key in variants and variants[key][0] != actor:
                        ambiguous.add(key)  # "Foreign Ministry" of Russia and of China
                    variants.setdefault(key, (actor, "label", None, kind))
                if kind == "person" and len(name.split()) >= 2:
                    surnames.setdefault(fold(name.split()[-1]), set()).add(actor)
        for surname, actors in surnames.items():
            if len(actors) == 1 and surname not in variants:
                variants[surname] = (next(iter(actors)), "surname", None, "person")
        for office, post in k.offices.items():
            for name in k.names.get(office, []):
                for variant in _office_variants(name):
                    variants.setdefault(fold(variant), ("", "title", office, "person"))
            del post
        return sorted(
            ((v, *rest) for v, rest in variants.items() if v not in ambiguous),
            key=lambda r: (-len(r[0]), r[0]),
        )

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        if not self._exact:  # a new project's registry names no one: nothing to find
            return re.compile(r"(?!)")
        alternatives = "|".join(re.escape(v) for v, *_ in self._exact)
        return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)

    @cached_property
    def _by_variant(self) -> dict[str, tuple[str, str, str | None, str]]:
        return {v.lower(): (a, h, o, kind) for v, a, h, o, kind in self._exact}

    @cached_property
    def _people(self) -> dict[str, str]:
        return {
            fold(name): actor
            for actor, kind in self.knowledge.actors.items()
            if kind == "person"
            for name in self.knowledge.names.get(actor, [])
        }

    def find(self, text: str) -> list[Mention]:
        """Mentions in `text` (quoted words masked out beforehand), in order; a title
        followed by a name ("Kremlin spokesman Dmitry Peskov") is one mention."""
        folded = fold(text)
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        for match in self._pattern.finditer(folded):
            actor, how, office, kind = self._by_variant[match.group(0).lower()]
            if how == "surname" and not match.group(0)[0].isupper():
                continue
            start = match.start()
            first = re.search(r"([A-Z][a-z]+)\s+$", text[: match.start()])
            if how == "surname" and first and first.group(1) not in _NOT_NAMES:
                start = first.start()  # "Sergei Shoigu": a first name spelt otherwise
            if how == "title" and not _title_case_fits(match.group(0)):
                continue
            found.append(
                Mention(
                    start,
                    match.end(),
                    text[start : match.end()],
                    actor or None,
                    how,
                    office,
                    kind,
                )
            )
            taken.append((start, match.end()))
        masked = "".join(
            "~" if any(s <= i < e for s, e in taken) else c for i, c in enumerate(text)
        )
        for match in re.finditer(_NAME, masked):
            words = match.group(0).split()
            if any(w in _NOT_NAMES for w in words):
                continue
            best = process.extractOne(
                fold(match.group(0)), list(self._people), scorer=fuzz.ratio, score_cutoff=85
            )
            if best is not None:
                found.append(
                    Mention(
                        match.start(),
                        match.end(),
                        match.group(0),
                        self._people[best[0]],
                        "close spelling",
                    )
                )
            else:
                found.append(
                    Mention(
                        match.start(),
                        match.end(),
                        match.group(0),
                        None,
                        "unknown",
                        name=match.group(0),
                    )
                )
            taken.append((match.start(), match.end()))
        for kind, pattern in BACK_REFERENCES.items():
            for match in pattern.finditer(text):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                found.append(
                    Mention(match.start(), match.end(), match.group(0), None, "back", kind=kind)
                )
        found.sort(key=lambda m: m.start)
        return _join_titles(found, text)


def _title_case_fits(text: str) -> bool:
    """A title in running text: 'Kremlin spokesman', not 'pope' in 'a pope's'... any case is
    accepted but a title made of one lower-case word (pope, president) is left to the
    references back."""
    return " " in text.strip() or text[:1].isupper()


def _join_titles(mentions: list[Mention], text: str) -> list[Mention]:
    """A title, then (after an optional comma or 'of the ...') a name: one mention, with the
    office of the title and the actor of the name. An unknown name keeps the title."""
    joined: list[Mention] = []
    for mention in mentions:
        if joined:
            last = joined[-1]
            between = text[last.end : mention.start]
            if (
                last.how == "title"
                and mention.how in ("label", "surname", "close spelling", "unknown")
                and mention.kind == "person"
                and re.fullmatch(r"[\s,]*", between)
            ):
                joined[-1] = Mention(
                    last.start,
                    mention.end,
                    text[last.start : mention.end],
                    mention.actor,
                    mention.how,
                    last.office,
                    "person",
                    mention.name,
                    last.text,
                )
                continue
            if (
                mention.how == "title"
                and last.how in ("label", "surname", "close spelling", "unknown")
                and re.fullmatch(r",\s*(?:the\s+)?", between)
            ):  # "Sergei Shoigu, the secretary of ...": the name's own title
                joined[-1] = Mention(
                    last.start,
                    last.end,
                    last.text,
                    last.actor,
                    last.how,
                    mention.office,
                    "person",
                    last.name,
                    mention.text,
                )
                continue
        joined.append(mention)
    return joined


def _states(name: str) -> list[tuple[str, list[str]]]:
    return [(state, forms) for state, forms in DEMONYMS.items() if state in name]


def _office_variants(label: str) -> list[str]:
    """'Foreign Minister of Russia' -> also 'Russian Foreign Minister', "Russia's Foreign
    Minister"; 'Kremlin spokesperson' -> also 'Kremlin spokesman', 'Kremlin spokeswoman'."""
    variants = {label}
    of = re.fullmatch(
        r"(.+?) of (?:the )?(United States|Russia|China|Germany|France|"
        r"United Kingdom)",
        label,
    )
    if of:
        for form in DEMONYMS[of.group(2)]:
            variants.add(f"{form} {of.group(1)}")
    for state, forms in _states(label):
        for variant in list(variants):
            if variant.startswith(state + " ") or variant.startswith(forms[0] + " "):
                rest = variant.split(" ", len(state.split()) if variant.startswith(state) else 1)
                for form in forms:
                    variants.add(f"{form} {rest[-1]}")
    for variant in list(variants):
        for word in _SPOKES:
            if word in variant.lower():
                for other in _SPOKES:
                    variants.add(re.sub(word, other, variant, flags=re.IGNORECASE))
    if label.startswith("UN "):
        variants.add("United Nations " + label[3:])
    return sorted(variants)


def _org_variants(label: str) -> list[str]:
    """'Chinese Foreign Ministry' -> also "China's Foreign Ministry"; 'Embassy of China in
    Washington' -> also 'Chinese Embassy in Washington'; 'US State Department' -> also
    'State Department'."""
    variants = {label}
    of = re.fullmatch(
        r"(.+?) of (United States|Russia|China|Germany|France|United Kingdom)"
        r"( .*)?",
        label,
    )
    if of:
        for form in DEMONYMS[of.group(2)]:
            variants.add(f"{form} {of.group(1)}{of.group(3) or ''}")
    for state, forms in DEMONYMS.items():
        for prefix in (state, *forms):
            if label.startswith(prefix + " "):
                rest = label[len(prefix) + 1 :]
                variants.update(f"{form} {rest}" for form in forms)
                if len(rest.split()) >= 2:
                    variants.add(rest)
    return sorted(variants)
