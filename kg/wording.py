"""How kg's messages count things: "1 card", "2 cards"."""


def counted(number: int, noun: str) -> str:
    """`number` and `noun`, plural unless it is one (the nouns kg counts all take an s)."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
