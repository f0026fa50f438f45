"""What synthetic speakers say: quotes, reported wordings, rationales and headlines, by stance.

Each stance has its own phrasing so that a reader of a synthetic card can tell what the
position is from the words, as in a real one.
"""

# Which stances suit which kind of target, with weights.
STANCES_FOR: dict[str, tuple[tuple[str, int], ...]] = {
    "format": (
        ("supports", 5),
        ("conditionally-supports", 4),
        ("commits-to", 2),
        ("refuses-to-participate", 2),
        ("demands", 1),
        ("opposes", 1),
        ("noncommittal", 1),
        ("defers-to-others", 1),
    ),
    "proposal": (
        ("supports", 4),
        ("rejects", 3),
        ("conditionally-supports", 4),
        ("opposes", 2),
        ("noncommittal", 1),
        ("demands", 1),
    ),
    "policy": (("commits-to", 4), ("supports", 2), ("opposes", 2), ("demands", 1)),
    "event": (("regrets", 3), ("supports", 2), ("opposes", 2), ("noncommittal", 1)),
    "treaty-event": (("regrets", 3), ("supports", 2), ("opposes", 1), ("noncommittal", 1)),
    "treaty": (
        ("supports", 3),
        ("commits-to", 2),
        ("opposes", 2),
        ("conditionally-supports", 2),
        ("defers-to-others", 1),
        ("regrets", 1),
    ),
}

QUOTES: dict[str, tuple[str, ...]] = {
    "supports": (
        "We welcome {label} and will work for it",
        "{Label} is a step in the right direction",
        "That sounds like a good idea to us",
    ),
    "conditionally-supports": (
        "We are ready to go ahead with {label}, but only on one condition",
        "If our concerns are met, we will say yes to {label}",
    ),
    "commits-to": (
        "We will keep to {label}, whatever others do",
        "Our commitment to {label} stands",
    ),
    "demands": (
        "{Label} must happen, and it must happen now",
        "We insist on {label}",
    ),
    "opposes": (
        "{Label} is a mistake and is being grossly misrepresented",
        "We cannot support {label} in its present form",
    ),
    "rejects": (
        "We reject {label} outright",
        "The answer to {label} is no",
    ),
    "refuses-to-participate": (
        "We will not take part in {label}",
        "There is no place for us at {label}",
    ),
    "regrets": (
        "We deeply regret {label}",
        "{Label} is a sad day for stability",
    ),
    "defers-to-others": (
        "It is for the parties themselves to decide on {label}",
        "We leave {label} to those directly concerned",
    ),
    "noncommittal": (
        "We have no comment on {label} at this stage",
        "It is too early to say anything about {label}",
    ),
}

REPORTED: dict[str, tuple[str, ...]] = {
    "supports": ("said {holder} backed {label}", 'described {label} as "sounding good"'),
    "conditionally-supports": (
        "said {holder} would engage on {label} if its conditions were met",
        "indicated {holder} could accept {label} on a condition",
    ),
    "commits-to": ("said {holder} would continue with {label}",),
    "demands": ("insisted that {label} must go ahead",),
    "opposes": ("criticised {label}", "spoke out against {label}"),
    "rejects": ("rejected {label}", "turned down {label}"),
    "refuses-to-participate": ("said {holder} would not participate in {label}",),
    "regrets": ("said {holder} regrets {label}",),
    "defers-to-others": ("said {label} was a matter for the parties",),
    "noncommittal": ("declined to comment on {label}",),
}

RATIONALES = (
    "it would strengthen strategic stability",
    "it ignores the security interests of {holder}",
    "it was badly negotiated and is being violated",
    "it offers transparency and de-escalation",
    "the time is not right",
    "it would be guided primarily by national interests",
)

HEADLINE_VERBS = {
    "supports": "backs",
    "conditionally-supports": "sets conditions on",
    "commits-to": "commits to",
    "demands": "demands",
    "opposes": "opposes",
    "rejects": "rejects",
    "refuses-to-participate": "will not join",
    "regrets": "regrets",
    "defers-to-others": "leaves to others",
    "noncommittal": "stays silent on",
}

# Conditions: (key word, phrase) for an action that responds to a proposal, and for one
# that does not.
RESPONSES = (
    ("responds-to", "responds constructively to"),
    ("accepts", "accepts"),
    ("reciprocates", "reciprocates"),
    ("implements", "implements"),
)
ACTIONS = (
    ("halts-missile-tests", "halts its missile tests"),
    ("joins-the-talks", "joins the talks"),
    ("lifts-sanctions", "lifts its sanctions"),
    ("resumes-inspections", "resumes on-site inspections"),
    ("withdraws-forward-forces", "withdraws its forward-deployed forces"),
    ("reduces-its-arsenal", "reduces its arsenal first"),
)

SOURCE_KINDS = (
    ("news-article", 14),
    ("official-statement", 2),
    ("transcript", 2),
    ("social-media-post", 1),
    ("reference-work", 1),
)

DATE_NOTES = (
    "The source dates it 'on Thursday', the day before it was published.",
    "The source says it was said 'earlier this week'; the day is the source's own reckoning.",
    "Dated by the press briefing the source reports.",
)


def with_article(label: str) -> str:
    """'the' and the label, for use inside a sentence; no article before a possessive, as in
    "Aldoria's proposal for ..."."""
    if label.split(" ", 1)[0].endswith("'s"):
        return label
    return "the " + lower_first(label)


def lower_first(label: str) -> str:
    """A label for use after 'the': lower-case a leading common word such as 'Signature'."""
    first, _, rest = label.partition(" ")
    if first in ("Signature", "Entry", "Extension", "Suspension", "Expiry", "Treaty", "Missile"):
        return f"{first.lower()} {rest}" if rest else first.lower()
    return label
