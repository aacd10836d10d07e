"""Many e-mails stored at once (queue_emails): each goes out once, a dedupe key already stored
leaves its message out, and one rendering serves thousands of recipients only when it is exact."""

from django.core import mail

from karlshamn_portal.outbox.batch import SlotRenderer
from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from karlshamn_portal.outbox.services import build_email, queue_email, queue_emails, render_email


def message(recipient: str, key: str | None) -> OutboxMessage:
    rendered = render_email("outbox_test", {"name": recipient}, "sv")
    return build_email("outbox_test", recipient, rendered, language="sv", dedupe_key=key)


def test_a_round_of_emails_is_stored_and_delivered_once_each(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        stored = queue_emails([message(f"p{n}@example.se", f"round:{n}") for n in range(120)])
    assert len(stored) == 120
    assert len(callbacks) == 1, "one hand-over to the broker for the whole round"
    assert OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == 120
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"p{n}@example.se" for n in range(120))


def test_a_message_whose_dedupe_key_is_stored_is_left_out_and_the_rest_go_out(
    db, django_capture_on_commit_callbacks
):
    queue_email("outbox_test", "p1@example.se", {"name": "P1"}, dedupe_key="round:1")
    with django_capture_on_commit_callbacks(execute=True):
        stored = queue_emails([message(f"p{n}@example.se", f"round:{n}") for n in range(4)])
    assert [m.recipient for m in stored] == ["p0@example.se", "p2@example.se", "p3@example.se"]
    assert OutboxMessage.objects.filter(recipient="p1@example.se").count() == 1
    assert OutboxMessage.objects.count() == 4


def test_one_rendering_fills_in_each_recipients_values_as_a_full_rendering_would(db):
    def context(values):  # type: ignore[no-untyped-def]
        return {"name": values["name"]}

    renderer = SlotRenderer("outbox_test", "sv", context, ["name"], recipients=10)
    assert renderer.exact
    for name in ("Anna", 'Åsa "Ö" & <Berg>', "O'Neil\n  Pat"):
        assert renderer.render({"name": name}) == render_email("outbox_test", {"name": name}, "sv")


def test_a_template_that_filters_a_value_is_rendered_in_full_for_everyone(db, settings, tmp_path):
    (tmp_path / "emails" / "shout").mkdir(parents=True)
    for part, text in (
        ("subject.txt", "Hej"),
        ("body.txt", "{{ name|upper }}"),
        ("body.html", "<p>{{ name }}</p>"),
    ):
        (tmp_path / "emails" / "shout" / part).write_text(text)
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]

    renderer = SlotRenderer("shout", "sv", lambda values: {"name": values["name"]}, ["name"], recipients=10)
    assert not renderer.exact
    assert renderer.render({"name": "anna"})[1] == "ANNA\n"
