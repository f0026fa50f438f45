"""What a source card may say: its sections, and in each the fields, their kinds and meaning.

This one table drives the compiler (which predicate a field becomes), the errors (unknown
fields, missing required ones), the template of `kg new-card` and a test that docs/cards.md
documents every field.
"""

from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SDO, SKOS

from kg.namespaces import AP

# Kinds of value a field takes. Reference kinds name what the key must be known as.
TEXT = "text"  # plain text
EN_TEXT = "en-text"  # text in the card's language
DATE = "date"  # YYYY-MM-DD
YEAR = "year"  # YYYY
COUNT = "count"  # a whole number >= 0
DURATION = "duration"  # ISO 8601, such as P5Y
URL = "url"  # http(s) address
LANGUAGE = "language"  # BCP 47 tag such as en
ACTOR = "actor"  # key of a state, person or organisation
OFFICE = "office"  # key of an office
CHANNEL = "channel"  # key of a channel
CATEGORY = "weapon-category"  # key of a weapon category
ISSUE = "issue"  # key of a treaty, proposal, format, policy or event
TREATY = "treaty"  # key of a treaty
STATEMENT = "statement"  # key of a statement of this card
EVIDENCE = "evidence"  # key of a statement of this card, or key/words-key for one of its words
STATEMENT_REF = "statement-ref"  # key of a statement another card (or the registry) records
WORDS = "words"  # text, a list of texts, or texts keyed by a short name
STANCE = "stance"  # a stance of the scheme, such as conditionally-supports
SOURCE_KIND = "source-kind"
EVENT_KIND = "event-kind"
CONDITION = "condition"  # a nested mapping, see CONDITION_FIELDS

CONDITION_REF = "condition-ref"  # key of a condition another card declares (not a field kind)
STATEMENT_FACT = "statement-fact"  # a statement's speaker or date as a card gives it (see compiler)

REFERENCE_KINDS = (ACTOR, OFFICE, CHANNEL, CATEGORY, ISSUE, TREATY, STATEMENT_REF)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    predicate: URIRef | None
    doc: str
    many: bool = False
    required: bool = False


@dataclass(frozen=True)
class Section:
    """A top-level part of a card: either keyed entries (a mapping) or a list of entries."""

    name: str
    noun: str  # what one entry is called in messages
    doc: str
    fields: tuple[Field, ...]
    keyed: bool
    key_prefix: str = ""  # the prefix keys of this section must carry, such as "format/"
    rdf_type: URIRef | None = None
    moved: tuple[tuple[str, str], ...] = ()
    """Fields that no longer belong here, each with where its information goes now."""

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


SOURCE_KINDS = {
    "news-article": SDO.NewsArticle,
    "reference-work": SDO.Article,
    "official-statement": SDO.Article,
    "social-media-post": SDO.SocialMediaPosting,
    "transcript": SDO.Article,
    "treaty-text": SDO.Legislation,
}

EVENT_KINDS = {
    "signature": AP.Signature,
    "entry-into-force": AP.EntryIntoForce,
    "extension": AP.Extension,
    "suspension": AP.Suspension,
    "expiry": AP.Expiry,
}

_NAME_FIELDS = (
    Field("label", EN_TEXT, RDFS.label, "its name; required when the card introduces it"),
    Field(
        "alt-label",
        EN_TEXT,
        SKOS.altLabel,
        "another name it is known by, such as a source's own words for it",
        many=True,
    ),
    Field("description", EN_TEXT, DCTERMS.description, "what it is, in a sentence"),
)
_ISSUE_FIELDS = (
    *_NAME_FIELDS,
    Field("proposed-by", ACTOR, AP.proposedBy, "who put it forward", many=True),
    Field("proposed-on", DATE, AP.proposedOn, "the day it was first put forward"),
    Field(
        "participants",
        ACTOR,
        AP.participant,
        "who is to take part, including those someone requires",
        many=True,
    ),
    Field("concerns", ISSUE, AP.concerns, "other issues it is about", many=True),
)
_REQUIRES_MOVED = (
    (
        "requires",
        "'requires' moved to the 'requirements' section, which says who requires the "
        "participant and on which statement: list the participant under 'participants' here, "
        "and add '- required-by: ..., participant: ..., for: <this key>, evidence: ...' "
        "under 'requirements'",
    ),
)

SOURCE = Section(
    "source",
    "the source",
    "The document itself. Its key is the card's file name.",
    (
        Field(
            "label",
            EN_TEXT,
            RDFS.label,
            "a name for people, such as 'TASS: Trump on ...'",
            required=True,
        ),
        Field("title", EN_TEXT, DCTERMS.title, "the exact title, when known"),
        Field("publisher", TEXT, DCTERMS.publisher, "who published it"),
        Field("date", DATE, DCTERMS.date, "the day it was published"),
        Field("url", URL, SDO.url, "its address"),
        Field("language", LANGUAGE, DCTERMS.language, "its language (default: en)"),
        Field("kind", SOURCE_KIND, None, "what kind of document: " + ", ".join(SOURCE_KINDS)),
        Field("identifier", TEXT, DCTERMS.identifier, "an identifier such as a file name"),
        Field("note", EN_TEXT, SKOS.editorialNote, "what a reader should know about the copy"),
    ),
    keyed=False,
)

REVIEW = Field(
    "review",
    TEXT,
    None,
    "a mark left by `kg draft`: where the words are and why the entry was proposed; not "
    "compiled; `kg check-card` warns while any is left: delete it once checked",
)
"""Compiled to nothing; kg.cards.check counts what is left (kg.draft writes them)."""

STATEMENTS = Section(
    "statements",
    "statement",
    "What was said, keyed by a short name unique in the card.",
    (
        Field(
            "same-as",
            STATEMENT_REF,
            None,
            "the same speech act as another card records it: that card's key, a slash and "
            "the statement's key there; then the fields below are optional, and must agree",
        ),
        Field("speaker", ACTOR, AP.speaker, "who said it; required unless 'same-as' is given"),
        Field("on-behalf-of", ACTOR, AP.onBehalfOf, "for whom", many=True),
        Field(
            "to-whom",
            ACTOR,
            AP.addressee,
            "to whom it was said, when it was said to someone",
            many=True,
        ),
        Field("office", OFFICE, AP.inOffice, "in which office the speaker spoke"),
        Field("date", DATE, AP.statedOn, "the day it was said; leave out rather than guess"),
        Field("date-note", EN_TEXT, AP.dateNote, "how the date was found, if not printed"),
        Field("channel", CHANNEL, AP.channel, "how it was made public"),
        Field(
            "quote",
            WORDS,
            AP.quote,
            "the speaker's own words, verbatim; key them to cite one as a position's evidence",
            many=True,
        ),
        Field(
            "reported-wording",
            WORDS,
            AP.reportedWording,
            "the source's words for what was said (indirect speech), verbatim",
            many=True,
        ),
        Field("reported-by", ACTOR, AP.reportedBy, "for reported speech: who relayed the words"),
        REVIEW,
    ),
    keyed=True,
    rdf_type=AP.Statement,
)

CONDITION_FIELDS = (
    Field("key", TEXT, None, "a short name for the condition", required=True),
    Field("label", EN_TEXT, RDFS.label, "the condition in a few words", required=True),
    Field(
        "description",
        EN_TEXT,
        DCTERMS.description,
        "what must happen, in a sentence",
        required=True,
    ),
    Field(
        "requires-action-of", ACTOR, AP.requiresActionOf, "who must act", many=True, required=True
    ),
    Field("responds-to", ISSUE, AP.respondsTo, "the proposal the action responds to", many=True),
)

POSITIONS = Section(
    "positions",
    "position",
    "Who stands where: a list, each entry one position.",
    (
        Field(
            "holder",
            ACTOR,
            AP.holder,
            "who holds it; two or more for a joint position",
            many=True,
            required=True,
        ),
        Field("stance", STANCE, AP.stance, "how the holder stands", required=True),
        Field("target", ISSUE, AP.target, "on what", required=True),
        Field(
            "evidence",
            EVIDENCE,
            AP.evidence,
            "the statements of this card that show it; statement/quote-key for one of its keyed "
            "quotes or wordings",
            many=True,
            required=True,
        ),
        Field(
            "condition",
            CONDITION,
            AP.condition,
            "for conditionally-supports: what must happen; or the key of a condition another "
            "card declares for the same holders and target",
            many=True,
        ),
        Field("since", DATE, AP.since, "first day held, if the source says"),
        Field("until", DATE, AP.until, "last day held, if the source says"),
        Field(
            "supersedes",
            STANCE,
            AP.supersedes,
            "the stance of the holder's earlier position on the same target that this replaces",
        ),
        Field("rationale", EN_TEXT, AP.rationale, "the reason given, in the source's words"),
        REVIEW,
    ),
    keyed=False,
    rdf_type=AP.Position,
)

REQUIREMENTS = Section(
    "requirements",
    "requirement",
    "Who requires whom to take part in which format or proposal: a list, each entry one "
    "requirement.",
    (
        Field(
            "required-by",
            ACTOR,
            AP.requiredBy,
            "who requires it; two or more for a joint requirement",
            many=True,
            required=True,
        ),
        Field(
            "participant",
            ACTOR,
            AP.requiredParticipant,
            "who must take part; a list when all of them must",
            many=True,
            required=True,
        ),
        Field(
            "for",
            ISSUE,
            AP.requiredFor,
            "the format or proposal without that participant the requirer will not accept",
            required=True,
        ),
        Field(
            "evidence",
            STATEMENT,
            AP.statedIn,
            "the statements of this card that state the requirement",
            many=True,
            required=True,
        ),
    ),
    keyed=False,
    rdf_type=AP.Requirement,
)
UNANSWERED = Section(
    "unanswered",
    "unanswered proposal",
    "Who had not answered which proposal by which day, as the statements of this card say: a list.",
    (
        Field("by", ACTOR, AP.unansweredBy, "who had not answered", required=True),
        Field("issue", ISSUE, AP.unansweredIssue, "the proposal or offer", required=True),
        Field(
            "as-of",
            DATE,
            AP.asOf,
            "the day by which it had not answered: the day of the statement that says so, or "
            "the source's date when the statement is undated",
            required=True,
        ),
        Field(
            "evidence",
            STATEMENT,
            AP.statedIn,
            "the statements of this card that say so",
            many=True,
            required=True,
        ),
    ),
    keyed=False,
    rdf_type=AP.NoResponse,
)

PROPOSALS = Section(
    "proposals",
    "proposal",
    "Proposals the source reports, keyed proposal/...",
    _ISSUE_FIELDS,
    keyed=True,
    key_prefix="proposal/",
    rdf_type=AP.Proposal,
    moved=_REQUIRES_MOVED,
)
FORMATS = Section(
    "formats",
    "format",
    "Negotiation formats the source reports, keyed format/...",
    _ISSUE_FIELDS,
    keyed=True,
    key_prefix="format/",
    rdf_type=AP.NegotiationFormat,
    moved=_REQUIRES_MOVED,
)
POLICIES = Section(
    "policies",
    "policy",
    "Policies the source reports, keyed policy/...",
    _NAME_FIELDS,
    keyed=True,
    key_prefix="policy/",
    rdf_type=AP.Policy,
)
EVENTS = Section(
    "events",
    "event",
    "Other events the source reports, keyed event/...",
    (
        *_NAME_FIELDS,
        Field("date", DATE, AP.occurredOn, "the day it happened"),
        Field("year", YEAR, AP.occurredInYear, "the year, when the source gives no day"),
        Field("place", EN_TEXT, AP.place, "where it happened, by name"),
        Field("participants", ACTOR, AP.participant, "who took part", many=True),
        Field("concerns", ISSUE, AP.concerns, "what it is about", many=True),
        Field(
            "announced-in",
            STATEMENT,
            PROV.wasDerivedFrom,
            "the statements of this card that announced it (stored as prov:wasDerivedFrom)",
            many=True,
        ),
    ),
    keyed=True,
    key_prefix="event/",
    rdf_type=AP.Event,
)
TREATIES = Section(
    "treaties",
    "treaty",
    "Facts about treaties the source reports, keyed treaty/...",
    (
        Field("label", EN_TEXT, RDFS.label, "its name; required when the card introduces it"),
        Field("short-name", EN_TEXT, AP.shortName, "the name it is known by"),
        Field("description", EN_TEXT, DCTERMS.description, "what it is, in a sentence"),
        Field("parties", ACTOR, AP.party, "the states it binds", many=True),
    ),
    keyed=True,
    key_prefix="treaty/",
    rdf_type=AP.Treaty,
)
TREATY_EVENTS = Section(
    "treaty-events",
    "treaty event",
    "Events in the life of a treaty, keyed event/...",
    (
        Field("kind", EVENT_KIND, None, "one of " + ", ".join(EVENT_KINDS), required=True),
        Field("treaty", TREATY, AP.treaty, "the treaty", required=True),
        *_NAME_FIELDS,
        Field("date", DATE, AP.occurredOn, "the day it happened"),
        Field("year", YEAR, AP.occurredInYear, "the year, when the source gives no day"),
        Field("place", EN_TEXT, AP.place, "where"),
        Field("signatories", ACTOR, AP.signatory, "for a signature: who signed", many=True),
        Field("agreed-by", ACTOR, AP.agreedBy, "who agreed to it", many=True),
        Field("declared-by", ACTOR, AP.declaredBy, "who took it on its own", many=True),
        Field("extension-length", DURATION, AP.extensionLength, "for an extension: such as P5Y"),
        Field("extended-until", DATE, AP.extendedUntil, "for an extension: the new last day"),
    ),
    keyed=True,
    key_prefix="event/",
)
LIMITS = Section(
    "limits",
    "limit",
    "Quantitative limits a treaty sets, keyed limit/<treaty>/...",
    (
        Field("treaty", TREATY, AP.limitSetBy, "the treaty that sets it", required=True),
        Field("category", CATEGORY, AP.limitedCategory, "what it counts", required=True),
        Field("maximum", COUNT, AP.maximum, "the ceiling for each party", required=True),
        Field("label", EN_TEXT, RDFS.label, "its name; required when the card introduces it"),
        Field("description", EN_TEXT, DCTERMS.description, "what it counts, in the source's words"),
    ),
    keyed=True,
    key_prefix="limit/",
    rdf_type=AP.QuantitativeLimit,
)
OFFICE_TERMS = Section(
    "office-terms",
    "office term",
    "Who held which office: a list.",
    (
        Field("holder", ACTOR, AP.officeHolder, "the person", required=True),
        Field("office", OFFICE, AP.office, "the office", required=True),
        Field("start", DATE, AP.termStart, "the day they took it up"),
        Field("end", DATE, AP.termEnd, "the day they left it"),
    ),
    keyed=False,
    rdf_type=AP.OfficeTerm,
)

SECTIONS: dict[str, Section] = {
    s.name: s
    for s in (
        SOURCE,
        STATEMENTS,
        POSITIONS,
        REQUIREMENTS,
        UNANSWERED,
        PROPOSALS,
        FORMATS,
        POLICIES,
        EVENTS,
        TREATIES,
        TREATY_EVENTS,
        LIMITS,
        OFFICE_TERMS,
    )
}
