"""Signed, expiring tokens for every link that leaves the portal in an e-mail.

Each kind of link has its own salt, so a token made for one purpose never opens another.
"""

from datetime import timedelta

from django.core import signing


class InvalidLink(Exception):
    """The token was tampered with, made for another purpose, or has expired."""


def make_token(purpose: str, payload: dict[str, object]) -> str:
    return signing.dumps(payload, salt=f"karlshamn.{purpose}", compress=True)


def read_token(purpose: str, token: str, max_age: timedelta) -> dict[str, object]:
    try:
        payload = signing.loads(token, salt=f"karlshamn.{purpose}", max_age=max_age)
    except signing.BadSignature as error:  # SignatureExpired is a subclass
        raise InvalidLink(str(error)) from None
    if not isinstance(payload, dict):
        raise InvalidLink("unexpected payload")
    return payload
