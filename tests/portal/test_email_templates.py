"""Plain-text e-mail parts print what people typed as they typed it: "Bröd & Co's", never
"Bröd &amp; Co&#x27;s". Every .txt template under templates/emails prints its values unescaped,
and the e-mails that carry typed names are tried with one."""

import pytest
from django.conf import settings
from django.template import engines
from django.template.base import TextNode
from django.template.defaulttags import AutoEscapeControlNode, LoadNode
from django.urls import reverse

from forum.models import Subscriber, SubscriberStatus
from forum.services import mailings
from forum.services.agenda import publish_minutes
from karlshamn_portal.outbox.models import OutboxMessage
from tests.forum.factories import make_series
from tests.liaison.factories import make_topic
from tests.liaison.test_submit import form_data

TYPED = "Bröd & Co's"
ENTITIES = ("&amp;", "&#x27;", "&#39;", "&lt;", "&gt;", "&quot;")
TEMPLATES = sorted(
    str(path.relative_to(settings.BASE_DIR / "templates"))
    for path in (settings.BASE_DIR / "templates" / "emails").rglob("*.txt")
)


def test_every_email_template_is_found():
    assert len(TEMPLATES) > 40
    assert "emails/case_received/body.txt" in TEMPLATES


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_plain_text_template_prints_its_values_unescaped(name):
    nodes = engines["django"].engine.get_template(name).nodelist
    content = [
        node
        for node in nodes
        if not isinstance(node, LoadNode) and not (isinstance(node, TextNode) and not node.s.strip())
    ]
    assert len(content) == 1 and isinstance(content[0], AutoEscapeControlNode), (
        f"{name}: wrap everything after the load tag in {{% autoescape off %}}…{{% endautoescape %}}"
    )
    assert content[0].setting is False


def _assert_plain(message: OutboxMessage) -> None:
    assert TYPED in message.body_text, message.body_text
    for entity in ENTITIES:
        assert entity not in message.body_text and entity not in message.subject
    assert "Bröd &amp; Co" in message.body_html  # the HTML part escapes, as it must


def test_a_submitted_case_and_its_notice_print_the_typed_names(client, db):
    from tests.factories import make_liaison

    make_liaison("lina")
    data = form_data(make_topic(), company_name=TYPED, contact_name=TYPED)
    assert client.post(reverse("case-new"), data).status_code == 302
    _assert_plain(OutboxMessage.objects.get(template_name="case_received"))


def test_a_forum_confirmation_prints_the_typed_name(client, db, liaison):
    series = make_series(liaison)
    data = {"series": series.slug, "name": TYPED, "email": "b@example.se", "company_name": TYPED}
    assert client.post("/forum/subscribe/", data).status_code == 302
    _assert_plain(OutboxMessage.objects.get(template_name="forum_subscription_confirm"))


def test_e_mails_rendered_once_for_many_print_the_typed_name(db, liaison):
    series = make_series(liaison, name=TYPED)
    Subscriber.objects.bulk_create(
        Subscriber(series=series, name="P", email=f"p{n}@example.se", status=SubscriberStatus.CONFIRMED)
        for n in range(5)
    )
    mailing = publish_minutes(series.occurrences.first(), "Protokoll")
    mailings.send_minutes_mailing(mailing.pk)
    for message in OutboxMessage.objects.filter(template_name="forum_minutes"):
        _assert_plain(message)
