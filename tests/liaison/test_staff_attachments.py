"""Staff open the files a company sends: on the case page (liaison officers and officials of a
department the case is referred to) and the referral page, downloaded with the page's access."""

import pytest
from django.urls import reverse
from django.utils import translation

from liaison.models import Attachment, Referral
from liaison.services.referrals import decline_referral
from liaison.services.tracking import make_track_token
from tests.liaison.factories import PDF_BYTES, make_case, make_company, upload


@pytest.fixture(autouse=True)
def _english(settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def case(db):
    """A case with a drawing sent with the request form and a quote sent later on the track page."""
    case = make_case(make_company("Hamnens Bageri AB"), contact_name="Karin Bagare")
    Attachment.objects.create(
        case=case,
        event=case.events.get(),
        file="cases/ritning.png",
        original_name="ritning.png",
        content_type="image/png",
        size=2048,
    )
    return case


@pytest.fixture
def referred(case, building_official):
    return Referral.objects.create(
        case=case, department=building_official.departments.get(), due_date=case.first_response_due
    )


def _send_from_track_page(client, case) -> Attachment:
    client.post(
        reverse("track", args=[make_track_token(case)]),
        {"text": "Här är offerten", "attachments": [upload("offert.pdf", PDF_BYTES)]},
    )
    return Attachment.objects.get(original_name="offert.pdf")


def _download(client, case, attachment):
    return client.get(reverse("case-attachment", args=[case.reference, attachment.pk]))


def test_the_liaison_officer_sees_every_file_with_its_size_type_sender_and_time(client, case, liaison):
    sent = _send_from_track_page(client, case)
    client.force_login(liaison)
    page = client.get(reverse("case-detail", args=[case.reference])).content.decode()
    assert reverse("case-attachment", args=[case.reference, sent.pk]) in page
    for shown in ("ritning.png", "2.0\xa0KB", "PNG", "offert.pdf", "PDF", "Karin Bagare (the company)"):
        assert shown in page
    assert sent.created_at.astimezone().strftime("%Y-%m-%d") in page


def test_the_liaison_officer_downloads_a_file_with_its_checked_type_under_a_name_of_ours(
    client, case, liaison
):
    sent = _send_from_track_page(client, case)
    client.force_login(liaison)
    response = _download(client, case, sent)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    # Never the uploaded name, which could claim another type (issue 12: served files).
    assert f'filename="{case.reference}-{sent.pk}.pdf"' in response["Content-Disposition"]


def test_an_official_of_a_referred_department_sees_and_downloads_the_files(client, case, referred):
    sent = _send_from_track_page(client, case)
    client.force_login(referred.department.officials.get())
    for page in (
        reverse("referral-detail", args=[referred.pk]),
        reverse("case-detail", args=[case.reference]),
    ):
        body = client.get(page).content.decode()
        assert "offert.pdf" in body and "ritning.png" in body
    assert _download(client, case, sent).status_code == 200


def test_an_official_of_another_department_cannot_download(client, case, referred, environment_official):
    sent = _send_from_track_page(client, case)
    client.force_login(environment_official)
    assert _download(client, case, sent).status_code == 403


def test_a_department_that_declined_loses_the_files(client, case, referred):
    sent = _send_from_track_page(client, case)
    official = referred.department.officials.get()
    decline_referral(referred, official, "Inte vårt")
    client.force_login(official)
    assert _download(client, case, sent).status_code == 403


def test_a_file_of_another_case_is_not_found_through_this_case(client, case, liaison):
    other = make_case(make_company("Grannföretaget AB"))
    foreign = Attachment.objects.create(
        case=other, file="cases/x.png", original_name="grannens.png", content_type="image/png", size=1
    )
    client.force_login(liaison)
    assert _download(client, case, foreign).status_code == 404


def test_companies_and_visitors_are_sent_to_the_staff_login(client, case):
    sent = Attachment.objects.get()
    response = _download(client, case, sent)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_file_a_staff_member_added_names_them(client, case, liaison):
    Attachment.objects.create(
        case=case,
        file="cases/intern.png",
        original_name="intern.png",
        content_type="image/png",
        size=10,
        is_public=False,
        uploaded_by=liaison,
    )
    client.force_login(liaison)
    page = client.get(reverse("case-detail", args=[case.reference])).content.decode()
    assert f"<td>{liaison.get_full_name() or liaison.username}</td>" in page
    assert "Internal" in page


def test_a_file_missing_from_storage_is_not_found_rather_than_an_error(client, case, liaison):
    client.force_login(liaison)
    assert _download(client, case, Attachment.objects.get()).status_code == 404
