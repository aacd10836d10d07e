"""Whole numbers read from text a visitor controls: query strings, form values, file columns."""

# The largest id a bigint column holds: a larger one in a query is refused by the database.
MAX_ID = 2**63 - 1


def only_digits(text: str) -> bool:
    """Whether `text` is made of the digits 0–9 alone. str.isdigit() also says yes to "²" and to
    digits of other scripts, which int() refuses (a 500) or reads as another number."""
    return text.isascii() and text.isdigit()


def parse_id(text: str) -> int | None:
    """The row id `text` names, or None for anything else: a sign, a space, a "²", a number
    beyond a bigint (int() would also refuse one of thousands of digits)."""
    if not only_digits(text) or len(text) > len(str(MAX_ID)):
        return None
    value = int(text)
    return value if value <= MAX_ID else None
