"""A contact name typed into the request form reaches the e-mails as one plain line without links."""

import pytest
from django.urls import reverse

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import Case
from liaison.services.triage import close_case, reply_to_company
from tests.factories import make_liaison
from tests.liaison.factories import make_topic
from tests.liaison.test_submit import form_data


@pytest.fixture
def topic(db):
    return make_topic()


def test_a_link_typed_as_the_contact_name_rides_in_no_municipal_email(client, topic):
    make_liaison("lina")
    name = "Dear customer, claim it at https://evil.example/claim?id=1\nKarin"
    assert client.post(reverse("case-new"), form_data(topic, contact_name=name)).status_code == 302
    assert Case.objects.get().contact_name == "Dear customer, claim it at Karin"
    sent = OutboxMessage.objects.filter(template_name__in=["case_received", "new_case_notice"])
    assert sent.count() == 2
    for message in sent:
        for part in (message.subject, message.body_text, message.body_html):
            assert "evil.example" not in part


def test_a_name_that_is_only_a_link_is_asked_for_again(client, topic):
    response = client.post(
        reverse("case-new"), form_data(topic, contact_name="www.evil.example"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Case.objects.exists()


def test_a_link_typed_into_the_subject_rides_in_no_email_to_the_typed_address(client, topic):
    liaison = make_liaison("lina")
    subject = "Ditt konto är låst, logga in på https://evil.example/login"
    assert client.post(reverse("case-new"), form_data(topic, subject=subject)).status_code == 302
    case = Case.objects.get()
    assert case.subject == subject  # kept as typed for the liaison officer
    reply_to_company(case, "Vi återkommer.", liaison)
    close_case(case, "Klart.", liaison)
    to_the_company = OutboxMessage.objects.filter(recipient=case.contact_email)
    assert {"case_received", "case_reply", "case_closed"} <= set(
        to_the_company.values_list("template_name", flat=True)
    )
    for message in to_the_company:
        for part in (message.subject, message.body_text, message.body_html):
            assert "evil.example" not in part, message.template_name
        assert "Ditt konto är låst, logga in på" in message.body_text, message.template_name
