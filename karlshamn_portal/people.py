"""How the portal names a person on its pages and in its e-mails."""

import re
import unicodedata
from typing import Any

from django import forms
from django.contrib.auth.models import User


def display_name(user: User | None) -> str:
    """The full name, else the username; empty for nobody."""
    if user is None:
        return ""
    return name_from_values(user.first_name, user.last_name, user.get_username())


def name_from_values(first_name: str | None, last_name: str | None, username: str | None) -> str:
    """display_name() on values read without the user object (a page's rows)."""
    return f"{first_name or ''} {last_name or ''}".strip() or username or ""


# A name someone typed into a public form ends up in e-mails that the municipality sends ("Hello
# {{ name }}," and the liaison officer's notices). Mail programs turn anything that looks like an
# address into a link, so a "name" such as "Dear customer, claim it at evil.example/refund" would
# be phishing in the municipality's own voice: addresses are taken out, and the rest kept to one
# short line.
TYPED_NAME_MAX_LENGTH = 100
_ADDRESS = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)\S*"  # https://…, www.…, mailto:…
    r"|(?:[\w.+-]+@)?[\w-]{2,}(?:\.[\w-]+)*\.[a-z]{2,24}\b(?:/\S*)?",  # evil.example/path, x@evil.example
    re.IGNORECASE,
)
_LOWER_CASE_TOP_LEVEL = re.compile(r"\.[a-z]{2,24}\b")
LONGEST_TEXT_CLEANED = 1000


def typed_name(text: str) -> str:
    """A name as typed, fit to print in an e-mail: no web or mail addresses, no line breaks or
    control characters, spaces collapsed."""
    # The address pattern backtracks in time that grows faster than the text: a megabyte-long
    # "name" kept a web worker busy for minutes. No name is near this long, and the field's own
    # length limit still refuses what is left.
    kept = _ADDRESS.sub(_drop_address, text[:LONGEST_TEXT_CLEANED])
    kept = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in kept)
    return " ".join(kept.split()).strip(" ,;:")


def _drop_address(match: re.Match[str]) -> str:
    found = match.group()
    # "Mörrums Lack & Plåt AB" or "J.Svensson" are names, not addresses: a bare word.word counts as
    # an address only with a lower-case ending (".com", ".se") or a path, as mail programs link.
    if (
        "/" not in found
        and ":" not in found
        and not found.lower().startswith("www.")
        and not (_LOWER_CASE_TOP_LEVEL.search(found))
    ):
        return found
    return " "


class PersonNameField(forms.CharField):
    """A person's name on a public form, cleaned with typed_name()."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", TYPED_NAME_MAX_LENGTH)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        return typed_name(super().to_python(value) or "")
