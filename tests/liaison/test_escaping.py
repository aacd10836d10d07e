"""Markup a company types is shown as text on every staff page and timeline, in both languages:
the pages are template loops over plain values, autoescaped."""

import pytest
from django.conf import settings
from django.urls import reverse

from liaison.models import Attachment, CaseEvent, EventKind
from liaison.services.tracking import make_track_token
from tests.liaison.triage_factories import make_case, make_company, make_referral

COMPANY = '<b id="company-markup">Hamnens</b> AB'
CONTACT = '<img src=x id="contact-markup">'
SUBJECT = '<script id="subject-markup">alert(1)</script>'
DESCRIPTION = '<i id="description-markup">Bord</i> på torget'
MESSAGE = '<a id="message-markup" href="javascript:alert(2)">klicka</a>'
FILE_NAME = '<svg id="file-markup" onload=alert(3)>.pdf'
MARKUP_IDS = ["company-markup", "contact-markup", "subject-markup", "description-markup", "message-markup"]


@pytest.fixture
def hostile_case(db, building_department):
    case = make_case(make_company(COMPANY), subject=SUBJECT, description=DESCRIPTION)
    case.contact_name = CONTACT
    case.save()
    event = CaseEvent.objects.create(
        case=case, kind=EventKind.COMPANY_MESSAGE, actor_name=CONTACT, is_public=True, text=MESSAGE
    )
    Attachment.objects.create(
        case=case,
        event=event,
        file="cases/x.pdf",
        original_name=FILE_NAME,
        content_type="application/pdf",
        size=3,
    )
    referral = make_referral(case, building_department)
    CaseEvent.objects.create(
        case=case, kind=EventKind.REFERRAL_NOTE, actor_name=CONTACT, text=MESSAGE, referral=referral
    )
    return case, referral


def _assert_escaped(page: str, *shown: str) -> None:
    for markup_id in [*MARKUP_IDS, "file-markup"]:
        assert f'id="{markup_id}"' not in page, markup_id
    for text in shown:
        assert text.replace("<", "&lt;").replace(">", "&gt;").split('"')[0] in page, text


@pytest.mark.parametrize("language", ["sv", "en"])
def test_what_a_company_typed_is_escaped_on_every_staff_page(
    client, liaison, building_official, hostile_case, language
):
    case, referral = hostile_case
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(liaison)

    _assert_escaped(client.get(reverse("dashboard")).content.decode(), COMPANY, SUBJECT)
    _assert_escaped(
        client.get(reverse("case-detail", args=[case.reference])).content.decode(),
        COMPANY,
        CONTACT,
        SUBJECT,
        DESCRIPTION,
        MESSAGE,
    )
    _assert_escaped(client.get(reverse("referral-list")).content.decode(), COMPANY, SUBJECT)
    client.force_login(building_official)
    _assert_escaped(client.get(reverse("referral-list")).content.decode(), COMPANY, SUBJECT)
    _assert_escaped(
        client.get(reverse("referral-detail", args=[referral.pk])).content.decode(), MESSAGE, CONTACT
    )


@pytest.mark.parametrize("language", ["sv", "en"])
def test_what_a_company_typed_is_escaped_on_its_own_timeline(client, hostile_case, language):
    case, _referral = hostile_case
    response = client.get(reverse("track", args=[make_track_token(case)]), HTTP_ACCEPT_LANGUAGE=language)
    _assert_escaped(response.content.decode(), SUBJECT, DESCRIPTION, MESSAGE, FILE_NAME)
