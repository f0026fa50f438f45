"""Word lists for made-up but plausible names: states, people, topics, publishers, channels.

Invented names keep synthetic data from ever being mistaken for facts about real actors.
"""

import re

STATE_HEADS = (
    "Al", "Bor", "Cal", "Dar", "Es", "Fen", "Gal", "Har", "Ist", "Kor", "Lun", "Mar",
    "Nor", "Ost", "Pel", "Quen", "Ros", "Sel", "Tar", "Ul", "Val", "Wes", "Yor", "Zan",
)  # fmt: skip
STATE_TAILS = (
    "avia", "onia", "ara", "esh", "mark", "land", "ovia", "ena", "istan", "eria", "ador", "una",
)  # fmt: skip

FIRST_NAMES = (
    "Ada", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
    "Kira", "Lev", "Maja", "Nikolai", "Olga", "Pavel", "Quentin", "Rosa", "Stefan", "Tamara",
    "Umar", "Vera", "Walter", "Xenia", "Yusuf", "Zofia", "Anton", "Beatriz", "Cyril", "Dora",
    "Emil", "Flora", "Goran", "Hana", "Igor", "Julia", "Karim", "Lena", "Marek", "Nadia",
)  # fmt: skip
LAST_NAMES = (
    "Abel", "Brandt", "Castell", "Dorn", "Eklund", "Falk", "Grau", "Holm", "Ivanic", "Jansen",
    "Kova", "Lind", "Moreau", "Novak", "Orlov", "Petrov", "Quist", "Roth", "Sauer", "Tamm",
    "Ulrich", "Varga", "Weiss", "Yilmaz", "Zeller", "Arkin", "Berg", "Cerny", "Dahl", "Engel",
    "Fischer", "Gorski", "Hahn", "Ilic", "Juric", "Kern", "Lukas", "Mraz", "Nagy", "Ostrow",
    "Pohl", "Rask", "Sokol", "Toth", "Urban", "Vidal", "Wolf", "Zima", "Amsel", "Borg",
)  # fmt: skip

CITIES = (
    "Geneva", "Vienna", "Helsinki", "Oslo", "Reykjavik", "Valletta", "Lisbon", "Tallinn",
    "Ljubljana", "Astana", "Muscat", "Doha", "Singapore", "Montevideo", "Windhoek", "Hanoi",
)  # fmt: skip

# (slug, phrase): what talks, proposals, treaties and limits are about.
TOPICS = (
    ("strategic-arms", "strategic arms"),
    ("missile-defence", "missile defence"),
    ("nuclear-testing", "nuclear testing"),
    ("intermediate-missiles", "intermediate-range missiles"),
    ("space-weapons", "weapons in space"),
    ("risk-reduction", "nuclear risk reduction"),
    ("verification", "verification and inspections"),
    ("hypersonic-weapons", "hypersonic weapons"),
    ("non-proliferation", "non-proliferation"),
    ("fissile-material", "fissile material"),
    ("tactical-weapons", "non-strategic nuclear weapons"),
    ("data-exchange", "data exchange"),
)

# (slug, phrase): what a proposal would do, before "on <topic>".
PROPOSAL_KINDS = (
    ("moratorium", "a moratorium on"),
    ("freeze", "a freeze of"),
    ("ceiling", "common ceilings on"),
    ("hotline", "a crisis hotline on"),
    ("notification", "advance notification on"),
    ("extension", "a one-year extension of the limits on"),
    ("summit", "a leaders' summit on"),
    ("framework", "a new framework for"),
)

POLICY_KINDS = (
    ("no-first-use", "no first use of nuclear weapons"),
    ("modernisation", "modernisation of its strategic forces"),
    ("restraint", "unilateral restraint in deployments"),
    ("transparency", "publishing its warhead numbers"),
    ("test-ban", "refraining from nuclear tests"),
)

WEAPON_CATEGORIES = (
    ("deployed-strategic-warhead", "deployed strategic nuclear warheads"),
    ("deployed-delivery-vehicle", "deployed strategic delivery vehicles"),
    ("strategic-launcher", "deployed and non-deployed strategic launchers"),
    ("intermediate-missile", "ground-launched intermediate-range missiles"),
    ("heavy-bomber", "heavy bombers equipped for nuclear armaments"),
    ("tactical-warhead", "non-strategic nuclear warheads"),
    ("missile-interceptor", "strategic missile interceptors"),
    ("hypersonic-glide-vehicle", "hypersonic glide vehicles"),
)

CHANNELS = (
    ("press-briefing", "press briefing"),
    ("official-announcement", "official announcement"),
    ("social-media-post", "social media post"),
    ("interview", "interview"),
    ("televised-address", "televised address"),
    ("joint-press-conference", "joint press conference"),
    ("communique", "joint communique"),
    ("parliamentary-speech", "speech in parliament"),
)

PUBLISHERS = (
    "Global Wire", "Daily Ledger", "Northern Herald", "Capital Times", "Defense Monitor",
    "Policy Review", "Evening Courier", "Arms Control Today Digest", "World Desk",
    "Continental Post", "Harbour Gazette", "Strategic Bulletin", "Morning Record",
    "Eastern Observer", "Atlantic Dispatch", "Metro Chronicle",
)  # fmt: skip


def slug(text: str) -> str:
    """A key made of lower-case letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
