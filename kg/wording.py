"""How kg's messages count things: "1 card", "2 cards"."""


def counted(number: int, noun: str, plural: str = "") -> str:
    """`number`, its thousands grouped, and `noun`, plural unless it is one: `noun` with an s,
    or `plural`."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
