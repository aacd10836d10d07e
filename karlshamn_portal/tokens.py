"""Keeping the signed tokens of private links out of logs and off the outbox page.

Every private link carries a signed token as one segment of its path (`/track/<token>/`,
`/my/<token>/`, the answer, confirmation, unsubscribe, agenda and minutes links). Whoever reads
a token can open what it opens, so a log line or a staff page must not show it whole. Our tokens
are long (django.core.signing: 40 characters and more); no other path segment of the portal
comes near TOKEN_MIN_LENGTH.
"""

import logging
import re

TOKEN_MIN_LENGTH = 24
PLACEHOLDER = "[token]"
SHOWN_CHARACTERS = 6
_TOKEN = re.compile(rf"(?<=/)[A-Za-z0-9_.:=-]{{{TOKEN_MIN_LENGTH},}}(?=[/?#\s\"'<>]|$)")


def hide_tokens(text: str) -> str:
    """`text` with every token in a link path replaced by PLACEHOLDER."""
    return _TOKEN.sub(PLACEHOLDER, text)


def shorten_tokens(text: str) -> str:
    """`text` with every token in a link path cut to its first few characters, enough to tell
    two links apart on the outbox page but not to open either."""
    return _TOKEN.sub(lambda match: match.group()[:SHOWN_CHARACTERS] + "…", text)


class HideTokensFilter(logging.Filter):
    """A logging filter that takes tokens out of every record (Django's "Not Found: /track/…"
    warnings, gunicorn's and Celery's lines alike) before a handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record is the handler's to report, not ours
            return True
        hidden = hide_tokens(message)
        if hidden != message:
            record.msg, record.args = hidden, None
        return True
