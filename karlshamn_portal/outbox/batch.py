"""One e-mail for thousands of recipients, rendered once instead of once per recipient.

A forum invitation round renders the same three templates 5,000 times; only a few values differ
(the name, the signed links). SlotRenderer renders the templates once with a stand-in token for
each such value, then fills in each recipient's values as the template engine would: as they are in the
plain-text parts, escaped in the HTML. A probe with awkward values (markup, quotes, line breaks) is rendered both ways
first: if a template does anything else with a value than print it (a filter, a condition), the
results differ and every recipient is rendered in full instead, so the e-mails stay identical.
"""

import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.utils.html import conditional_escape

from karlshamn_portal.outbox.services import finish_email, render_email, render_templates

# Below this many recipients the two renders of the check cost more than they save.
MIN_RECIPIENTS = 3

ContextMaker = Callable[[Mapping[str, str]], dict[str, Any]]


class SlotRenderer:
    """E-mail `name` in `language` for recipients who differ only in the values of `slots`.

    `make_context(values)` builds the template context from one recipient's values (slot -> str).
    """

    def __init__(
        self, name: str, language: str, make_context: ContextMaker, slots: Sequence[str], recipients: int
    ) -> None:
        self.name, self.language, self.make_context = name, language, make_context
        self.exact = False
        if recipients < MIN_RECIPIENTS:
            return
        tokens = {slot: f"slot{secrets.token_hex(8)}n{number}x" for number, slot in enumerate(slots)}
        self._slot_of = {token: slot for slot, token in tokens.items()}
        self._pattern = re.compile("|".join(re.escape(token) for token in tokens.values()))
        self._parts = render_templates(name, make_context(tokens), language)
        probe = {slot: f"<b>&amp; \"{slot}\" 'x'\n  ä</b>" for slot in slots}
        self.exact = self._fill(probe) == render_email(name, make_context(probe), language)

    def render(self, values: Mapping[str, str]) -> tuple[str, str, str]:
        """(subject, text, html) for one recipient, as render_email would give them."""
        if not self.exact:
            return render_email(self.name, self.make_context(values), self.language)
        return self._fill(values)

    def _fill(self, values: Mapping[str, str]) -> tuple[str, str, str]:
        # The plain-text parts print values as they are ({% autoescape off %}); the HTML escapes them.
        plain = {token: str(values[slot]) for token, slot in self._slot_of.items()}
        escaped = {token: str(conditional_escape(value)) for token, value in plain.items()}

        def fill(part: str, with_values: dict[str, str]) -> str:
            return self._pattern.sub(lambda match: with_values[match.group()], part)

        subject, text, html = self._parts
        return finish_email(fill(subject, plain), fill(text, plain), fill(html, escaped))
