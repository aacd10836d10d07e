"""Every e-mail a partner or a network employer gets is written in their language, Swedish or
English; the staff notices are in Swedish and name the partner by reference only."""

import pytest

from karlshamn_portal.outbox.models import OutboxMessage
from relocation.services.network import (
    answer_introduction,
    introduce_partner,
    invite_partner,
    send_employer_link,
)
from relocation.services.partners import register_partner
from tests.relocation.factories import make_host, make_network_employer, make_partner, partner_details

pytestmark = pytest.mark.django_db

SUBJECTS = {
    "relocation_welcome": {
        "sv": "Välkommen till medflyttarservicen i Karlshamn",
        "en": "Welcome to the relocation service in Karlshamn",
    },
    "relocation_partner_link": {
        "sv": "Din länk till medflyttarservicen",
        "en": "Your link to the relocation service",
    },
    "relocation_invitation": {
        "sv": "Hamnen AB bjuder in dig till medflyttarservicen i Karlshamn",
        "en": "Hamnen AB invites you to the relocation service in Karlshamn",
    },
    "relocation_introduction": {
        "sv": "Hamnen AB vill gärna komma i kontakt",
        "en": "Hamnen AB would like to get in touch",
    },
    "relocation_employer_link": {
        "sv": "Er sida i medflyttarnätverket",
        "en": "Your page in the relocation network",
    },
    "relocation_introduction_accepted": {
        "sv": "En medflyttare har godtagit er kontaktförfrågan",
        "en": "A partner accepted your contact request",
    },
}
BODY_WORDS = {
    "sv": "Medflyttarservicen, Karlshamns kommun",
    "en": "The relocation service (Medflyttarservice)",
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_partner_and_employer_e_mail_is_in_the_recipients_language(language):
    host = make_host()
    employer = make_network_employer("Hamnen AB", language=language)
    send_employer_link(employer)
    partner, _ = register_partner(partner_details(email="p@example.org", language=language))
    register_partner(partner_details(email="p@example.org", language=language))  # the link e-mail
    invite_partner(
        employer,
        {
            "name": "Invited",
            "email": "i@example.org",
            "language": language,
            "recruit_role": "Welder",
            "recruit_start": None,
        },
    )
    introduction = introduce_partner(partner, employer, host, "")
    answer_introduction(introduction, accepted=True)
    for name, subjects in SUBJECTS.items():
        message = OutboxMessage.objects.get(template_name=name)
        assert message.language == language
        assert message.subject == subjects[language], name
        assert BODY_WORDS[language] in message.body_text, name
        assert BODY_WORDS[language] in message.body_html, name


def test_staff_notices_are_swedish_and_carry_no_name():
    host = make_host()
    partner = make_partner(name="Ingrid Unique", language="en")
    employer = make_network_employer()
    introduction = introduce_partner(partner, employer, host, "")
    answer_introduction(introduction, accepted=False)
    for name in ("relocation_new_partner", "relocation_introduction_answered"):
        message = OutboxMessage.objects.get(template_name=name)
        assert message.language == "sv" and message.recipient == host.email
        assert "Ingrid" not in message.body_text and partner.reference in message.body_text
        assert "/relocation/link/" in message.body_text
