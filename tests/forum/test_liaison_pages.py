"""The liaison pages: who may open them, the rule builder, the preview, cancel and move."""

from datetime import timedelta

import pytest

from forum.models import ForumSeries
from meetings.models import MeetingStatus

FORM = {
    "name": "Frukostmöte Mörrum",
    "slug": "frukost-morrum",
    "description": "Frukost med företagen i Mörrum.",
    "frequency": "WEEKLY",
    "interval": "2",
    "weekdays": ["WE"],
    "ordinal": "1",
    "month_weekday": "TU",
    "start_time": "07:30",
    "duration_minutes": "60",
    "first_date": "2027-01-01",
    "end_date": "",
    "place": "Mörrums bibliotek",
    "online_url": "",
    "invitation_lead_days": "14",
    "reminder_days": "7, 1",
    "agenda_deadline_days": "3",
    "capacity": "",
}


def _pages(series):
    occurrence = series.occurrences.first()
    return [
        "/forum/manage/",
        "/forum/manage/new/",
        f"/forum/manage/{series.slug}/",
        f"/forum/manage/{series.slug}/edit/",
        f"/forum/manage/{series.slug}/{occurrence.pk}/",
    ]


def test_liaison_opens_every_forum_page(client, series, liaison):
    client.force_login(liaison)
    for url in _pages(series):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["building_official", "outsider"])
def test_officials_and_outsiders_are_refused(client, series, persona, request):
    client.force_login(request.getfixturevalue(persona))
    for url in _pages(series):
        assert client.get(url).status_code == 403, url
    occurrence = series.occurrences.first()
    response = client.post(f"/forum/manage/{series.slug}/{occurrence.pk}/cancel/", {"reason": "Nej"})
    assert response.status_code == 403
    assert occurrence.meeting.status == MeetingStatus.SCHEDULED


def test_anonymous_visitors_are_sent_to_the_login(client, series):
    response = client.get("/forum/manage/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_rule_builder_creates_a_series_every_second_wednesday(client, liaison, clock):
    client.force_login(liaison)
    response = client.post("/forum/manage/new/", FORM)
    assert response.status_code == 302
    series = ForumSeries.objects.get(slug="frukost-morrum")
    assert series.rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"
    assert series.reminder_offsets == [7 * 24 * 60, 24 * 60]
    assert series.duration == timedelta(minutes=60)
    assert series.occurrences.count() >= 26


def test_the_form_keeps_input_and_explains_errors(client, liaison, clock):
    client.force_login(liaison)
    response = client.post(
        "/forum/manage/new/", {**FORM, "weekdays": [], "place": "", "reminder_days": "en vecka"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Välj minst en veckodag." in content
    assert "Ange en plats" in content
    assert "Skriv antal dagar" in content
    assert 'value="Frukostmöte Mörrum"' in content
    assert not ForumSeries.objects.exists()


@pytest.mark.parametrize("slug", ["new", "preview"])
def test_a_series_cannot_take_an_address_the_management_pages_use(client, liaison, clock, slug):
    client.force_login(liaison)
    response = client.post("/forum/manage/new/", {**FORM, "slug": slug})
    assert response.status_code == 200
    assert "används av portalens egna sidor" in response.content.decode()
    assert not ForumSeries.objects.exists()


def test_the_preview_lists_the_next_ten_dates(client, liaison, clock):
    client.force_login(liaison)
    response = client.post(
        "/forum/manage/preview/", {**FORM, "frequency": "MONTHLY", "ordinal": "-1", "month_weekday": "FR"}
    )
    content = response.content.decode()
    assert content.count("<li>") == 10
    assert "fredag 29 januari 2027, 07:30" in content


def test_the_edit_form_shows_the_rule_as_the_builder_made_it(client, series, liaison):
    client.force_login(liaison)
    form = client.get(f"/forum/manage/{series.slug}/edit/").context["form"]
    assert form.initial["frequency"] == "MONTHLY"
    assert form.initial["ordinal"] == "1"
    assert form.initial["month_weekday"] == "TU"
    assert form.initial["reminder_days"] == "7, 1"


def test_the_liaison_cancels_one_meeting_from_its_page(client, series, liaison):
    client.force_login(liaison)
    first, second = series.occurrences.select_related("meeting")[:2]
    response = client.post(f"/forum/manage/{series.slug}/{first.pk}/cancel/", {"reason": "Sportlov"})
    assert response.status_code == 302
    first.meeting.refresh_from_db()
    second.meeting.refresh_from_db()
    assert (first.meeting.status, first.meeting.cancel_reason) == (MeetingStatus.CANCELLED, "Sportlov")
    assert second.meeting.status == MeetingStatus.SCHEDULED


def test_the_liaison_moves_one_meeting_in_stockholm_time(client, series, liaison):
    client.force_login(liaison)
    first = series.occurrences.select_related("meeting").first()
    response = client.post(
        f"/forum/manage/{series.slug}/{first.pk}/move/",
        {"date": "2027-01-07", "start_time": "08:00", "duration_minutes": "60", "place": "Väggahallen"},
    )
    assert response.status_code == 302
    first.meeting.refresh_from_db()
    assert first.meeting.start.isoformat() == "2027-01-07T07:00:00+00:00"
    assert first.meeting.place == "Väggahallen"


def test_the_public_page_takes_the_same_queries_however_many_series(
    client, series, liaison, django_assert_num_queries
):
    from tests.forum.factories import make_series

    with django_assert_num_queries(5):
        assert client.get("/forum/").status_code == 200
    make_series(liaison, name="Hamnforum", slug="hamnforum", rule="FREQ=WEEKLY;BYDAY=TH")
    with django_assert_num_queries(5):
        response = client.get("/forum/")
    assert "Hamnforum" in response.content.decode()


def test_the_series_page_takes_the_same_queries_however_many_subscribers(client, series, liaison):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.forum.factories import make_subscriber

    client.force_login(liaison)
    url = f"/forum/manage/{series.slug}/"
    make_subscriber(series)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(5):
        make_subscriber(series, f"Person {number}", f"person{number}@foretag.se")
    with CaptureQueriesContext(connection) as six:
        response = client.get(url)
    assert "person4@foretag.se" in response.content.decode()
    assert len(six) == len(one)


def test_administrators_see_the_forum_in_the_admin_without_changing_it(client, series):
    from django.contrib.auth import get_user_model

    from tests.factories import sign_in_past_second_factor
    from tests.forum.factories import make_subscriber

    make_subscriber(series)
    admin_user = get_user_model().objects.create_superuser("admin", "admin@example.se", "admin-password")
    sign_in_past_second_factor(client, admin_user)
    for name in ("forumseries", "occurrence", "subscriber", "agendaitem"):
        assert client.get(f"/admin/forum/{name}/").status_code == 200, name
    assert client.get("/admin/forum/forumseries/add/").status_code == 403
