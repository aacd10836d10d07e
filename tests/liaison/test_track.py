import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from karlshamn_portal.outbox.models import OutboxMessage
from karlshamn_portal.signing import make_token
from liaison.models import Attachment, Case, CaseEvent, CaseStatus, EventKind
from liaison.services.tracking import case_for_track_token, make_sign_in_token, make_track_token
from tests.factories import make_liaison
from tests.liaison.factories import PDF_BYTES, make_case, make_company, upload

TRACK_LINK = re.compile(r"http://[^/\s]+(/track/[^/\s]+/)")
SIGN_IN_LINK = re.compile(r"http://[^/\s]+(/my/[^/\s]+/)")


@pytest.fixture(autouse=True)
def _english(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def case(db):
    return make_case(contact_email="karin@hamnbageriet.example.se", subject="Kafé vid Stortorget")


def page_of(response) -> str:
    return html.unescape(response.content.decode())


def track_path(case, **kwargs) -> str:
    return reverse("track", args=[make_track_token(case, **kwargs)])


def test_track_page_shows_status_in_plain_words_and_the_request(client, case):
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.IN_PROGRESS)
    page = page_of(client.get(track_path(case)))
    assert f"Case {case.reference}" in page
    assert "With the municipality's specialists" in page
    assert "in_progress" not in page and "In progress at departments" not in page
    assert "Vi vill öppna ett kafé med uteservering." in page
    assert "Request received" in page


def test_track_page_never_shows_internal_events(client, case):
    liaison = make_liaison()
    CaseEvent.objects.create(case=case, kind=EventKind.NOTE, actor=liaison, text="Ring bygglov först")
    CaseEvent.objects.create(
        case=case, kind=EventKind.REPLY, actor=liaison, is_public=True, text="Vi hör av oss i veckan"
    )
    page = page_of(client.get(track_path(case)))
    assert "Vi hör av oss i veckan" in page
    assert "Ring bygglov först" not in page
    assert "Internal note" not in page


def test_track_page_never_shows_other_cases(client, case):
    other = make_case(
        make_company("Grannföretaget AB"), subject="Annat ärende", contact_email="annan@example.se"
    )
    CaseEvent.objects.create(case=other, kind=EventKind.REPLY, is_public=True, text="Svar till grannen")
    Attachment.objects.create(
        case=other, file="cases/x.pdf", original_name="grannens.pdf", content_type="application/pdf", size=1
    )
    page = page_of(client.get(track_path(case)))
    for secret in (other.reference, "Annat ärende", "Svar till grannen", "grannens.pdf", "Grannföretaget"):
        assert secret not in page


def test_sole_trader_number_is_masked_on_the_track_page(client, db):
    case = make_case(make_company("Karins Kafé", "811228-9874"))
    page = page_of(client.get(track_path(case)))
    assert "811228-****" in page
    assert "9874" not in page


def test_tampered_link_shows_the_page_to_ask_for_a_fresh_one(client, case):
    token = make_track_token(case)
    response = client.get(reverse("track", args=[token[:-3] + "abc"]))
    assert response.status_code == 404
    page = page_of(response)
    assert "The link does not work" in page
    assert f'action="{reverse("my-cases-links")}"' in page
    assert case.reference not in page


def test_link_made_for_another_purpose_does_not_open_a_case(client, case):
    token = make_token("meeting-answer", {"case": case.pk, "issued": int(timezone.now().timestamp())})
    assert client.get(reverse("track", args=[token])).status_code == 404


def test_link_expires_after_the_inactivity_period(client, case, settings):
    settings.TRACK_LINK_INACTIVITY_DAYS = 90
    path = track_path(case)
    with freeze_time(timezone.now() + timedelta(days=89)):
        assert client.get(path).status_code == 200
    # That visit was activity: the link lives another 90 days from then.
    with freeze_time(timezone.now() + timedelta(days=178)):
        assert client.get(path).status_code == 200
    with freeze_time(timezone.now() + timedelta(days=269)):
        response = client.get(path)
    assert response.status_code == 410
    assert "The link has expired" in page_of(response)


def test_fresh_link_opens_a_case_whose_old_link_expired(client, case, django_capture_on_commit_callbacks):
    later = timezone.now() + timedelta(days=200)
    with freeze_time(later):
        assert client.get(track_path(case, now=timezone.now() - timedelta(days=200))).status_code == 410
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("my-cases-links"), {"email": "KARIN@hamnbageriet.example.se"})
        message = OutboxMessage.objects.get(template_name="track_links")
        fresh = TRACK_LINK.search(message.body_text).group(1)
        assert client.get(fresh).status_code == 200


def test_asking_for_links_never_reveals_whether_an_address_is_known(
    client, case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(
            reverse("my-cases-links"), {"email": "karin@hamnbageriet.example.se"}, follow=True
        )
        unknown = client.post(reverse("my-cases-links"), {"email": "okand@example.se"}, follow=True)

    def without_address(response) -> str:
        page = (
            page_of(response).replace("karin@hamnbageriet.example.se", "X").replace("okand@example.se", "X")
        )
        return re.sub(r'(csrf-token="|name="csrfmiddlewaretoken" value=")[^"]+', "", page)

    assert without_address(known) == without_address(unknown)
    assert "If we have cases submitted with" in page_of(unknown)
    assert list(
        OutboxMessage.objects.filter(template_name="track_links").values_list("recipient", flat=True)
    ) == ["karin@hamnbageriet.example.se"]


def test_asking_for_links_is_rate_limited(client, case, settings, django_capture_on_commit_callbacks):
    settings.SUBMISSIONS_PER_HOUR = 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("my-cases-links"), {"email": "karin@hamnbageriet.example.se"})
        response = client.post(reverse("my-cases-links"), {"email": "karin@hamnbageriet.example.se"})
    assert response.status_code == 429
    assert OutboxMessage.objects.filter(template_name="track_links").count() == 1


def test_message_from_the_company_becomes_a_public_event_and_notifies_the_liaison(client, case):
    make_liaison("lina")
    path = track_path(case)
    response = client.post(path, {"text": "Vi har fått ritningarna nu."})
    assert response.url == path
    event = case.events.get(kind=EventKind.COMPANY_MESSAGE)
    assert event.is_public and event.actor_name == "Karin Bagare"
    notice = OutboxMessage.objects.get(template_name="track_message_notice")
    assert notice.recipient == "lina@example.se"
    assert "Vi har fått ritningarna nu." in notice.body_text
    assert case.reference in notice.subject
    page = page_of(client.get(path))
    assert "Message from Karin Bagare" in page
    assert "Vi har fått ritningarna nu." in page


def test_messages_from_one_address_are_rate_limited_with_when_to_try_again(client, case, settings):
    settings.COMPANY_MESSAGES_PER_HOUR = 2
    path = track_path(case)
    for n in range(2):
        assert client.post(path, {"text": f"Meddelande {n}"}).status_code == 302
    refused = client.post(path, {"text": "Ett tredje meddelande"})
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3601  # when this hour's window ends
    assert "try again after" in page_of(refused)
    assert "back button" in page_of(refused)  # the browser still has what they wrote
    assert client.get(path).status_code == 200  # reading the case is not limited
    assert case.events.filter(kind=EventKind.COMPANY_MESSAGE).count() == 2


def test_message_goes_to_the_case_owner_when_there_is_one(client, case):
    make_liaison("lina")
    owner = make_liaison("lars")
    Case.objects.filter(pk=case.pk).update(owner=owner)
    client.post(track_path(case), {"text": "Hej"})
    assert list(
        OutboxMessage.objects.filter(template_name="track_message_notice").values_list("recipient", flat=True)
    ) == ["lars@example.se"]


def test_answer_to_a_waiting_case_puts_it_back_with_the_liaison(client, case):
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.WAITING)
    client.post(track_path(case), {"text": "Här är svaret"})
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    assert case.events.filter(kind=EventKind.STATUS_CHANGED, is_public=True).exists()


def test_empty_message_is_refused_at_the_form(client, case):
    response = client.post(track_path(case), {"text": "   "})
    assert response.status_code == 200
    assert "Write a message or choose a file to send." in page_of(response)
    assert not case.events.filter(kind=EventKind.COMPANY_MESSAGE).exists()


def test_company_adds_a_file_and_can_download_it_through_the_link(client, case):
    path = track_path(case)
    client.post(path, {"text": "", "attachments": [upload("offert.pdf", PDF_BYTES)]})
    attachment = Attachment.objects.get()
    assert attachment.event.kind == EventKind.ATTACHMENT_ADDED
    page = page_of(client.get(path))
    download = reverse("track-attachment", args=[path.split("/")[2], attachment.pk])
    assert download in page and "offert.pdf" in page
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    # Served under a name of ours with the checked type, never the uploaded name.
    assert f'filename="{case.reference}-{attachment.pk}.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"


def test_company_cannot_download_another_cases_or_an_internal_file(client, case):
    other = make_case(make_company("Grannföretaget AB"))
    foreign = Attachment.objects.create(
        case=other, file="cases/x.pdf", original_name="grannens.pdf", content_type="application/pdf", size=1
    )
    internal = Attachment.objects.create(
        case=case,
        file="cases/y.pdf",
        original_name="intern.pdf",
        content_type="application/pdf",
        size=1,
        is_public=False,
    )
    token = make_track_token(case)
    for attachment in (foreign, internal):
        assert client.get(reverse("track-attachment", args=[token, attachment.pk])).status_code == 404


def test_mislabelled_upload_on_the_track_page_is_refused_and_nothing_is_stored(client, case, settings):
    response = client.post(
        track_path(case), {"text": "Se bilaga", "attachments": [upload("x.pdf", b"MZ\x90\x00")]}
    )
    assert "not a file type we accept" in page_of(response)
    assert "Se bilaga</textarea>" in page_of(response)
    assert not Attachment.objects.exists()
    assert case.events.count() == 1
    uploads = settings.MEDIA_ROOT
    assert not uploads.exists() or not any(p.is_file() for p in uploads.rglob("*"))


def test_track_page_query_count_does_not_grow_with_the_timeline(client, case, django_assert_num_queries):
    path = track_path(case)
    client.get(path)  # the first visit may record activity

    def add_events(count: int) -> None:
        for n in range(count):
            event = CaseEvent.objects.create(
                case=case, kind=EventKind.REPLY, is_public=True, text=f"Svar {n}"
            )
            Attachment.objects.create(
                case=case,
                event=event,
                file="cases/a.pdf",
                original_name=f"a{n}.pdf",
                content_type="x",
                size=1,
            )

    add_events(2)
    with django_assert_num_queries(3) as small:
        client.get(path)
    add_events(10)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(path)


def test_my_cases_sign_in_link_lists_every_case_with_that_address(
    client, case, django_capture_on_commit_callbacks
):
    second = make_case(make_company("Hamnbageriet Två AB"), contact_email="Karin@Hamnbageriet.example.se")
    stranger = make_case(make_company("Annat AB"), contact_email="annan@example.se", subject="Främmande")
    assert "Send me a link" in page_of(client.get(reverse("my-cases")))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("my-cases-links"), {"email": "karin@hamnbageriet.example.se"})
    message = OutboxMessage.objects.get(template_name="track_links")
    sign_in = SIGN_IN_LINK.search(message.body_text).group(1)
    page = page_of(client.get(sign_in, follow=True))
    assert case.reference in page and second.reference in page
    assert stranger.reference not in page and "Främmande" not in page
    for link in re.findall(r'href="(/track/[^"]+/)"', page):
        assert case_for_track_token(link.split("/")[2]) in (case, second)
    client.post(reverse("my-cases-sign-out"))
    assert case.reference not in page_of(client.get(reverse("my-cases")))


def test_my_cases_sign_in_link_expires_after_a_day(client, case):
    token = make_sign_in_token("karin@hamnbageriet.example.se")
    with freeze_time(timezone.now() + timedelta(hours=25)):
        response = client.get(reverse("my-cases-sign-in", args=[token]))
    assert response.status_code == 404
    assert case.reference not in page_of(response)


def test_my_cases_query_count_does_not_grow_with_the_cases(client, case, django_assert_num_queries):
    client.get(reverse("my-cases-sign-in", args=[make_sign_in_token(case.contact_email)]))
    with django_assert_num_queries(2) as few:  # the session, and the cases with their companies
        client.get(reverse("my-cases"))
    for n in range(4):
        make_case(make_company(f"Företag {n}"), contact_email=case.contact_email)
    with django_assert_num_queries(len(few.captured_queries)):
        page = page_of(client.get(reverse("my-cases")))
    assert page.count("/track/") == 5


def test_private_pages_are_not_cached(client, case):
    response = client.get(track_path(case))
    assert "no-store" in response["Cache-Control"]


def test_track_page_shows_the_promised_first_answer_date_until_it_is_kept(client, case):
    from django.utils import formats, translation

    from liaison.services.triage import reply_to_company
    from tests.factories import make_liaison

    with translation.override("en"):
        due = formats.date_format(case.first_response_due, "l j F")
    page = page_of(client.get(track_path(case)))
    assert f"The business liaison will get back to you no later than {due}." in page
    reply_to_company(case, "Vi tittar på det.", make_liaison("lina"))
    assert "no later than" not in page_of(client.get(track_path(case)))
