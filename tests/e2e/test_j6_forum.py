"""J6 Forum in Chromium: the liaison creates a series, sees its meetings and cancels one; a
company subscribes on /forum/ and confirms through the e-mailed link. axe-core checks every page."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from forum.models import ForumSeries, Subscriber, SubscriberStatus
from karlshamn_portal.outbox.models import OutboxMessage
from meetings.models import MeetingStatus
from tests.e2e.conftest import login
from tests.factories import PASSWORD, make_liaison


def test_liaison_creates_a_series_and_cancels_one_meeting_then_a_company_subscribes(page):
    make_liaison("lina")
    login(page, "lina", PASSWORD)

    page.goto("/forum/manage/new/")
    page.get_by_label(re.compile(r"^\s*Namn")).fill("Näringslivsforum")
    page.get_by_label("Adressnamn").fill("naringslivsforum")
    page.get_by_label("Varje månad eller med några månaders mellanrum").check()
    page.get_by_label("Vilken i månaden (varje månad)").select_option(label="första")
    page.get_by_label("Veckodag (varje månad)").select_option(label="tisdag")
    page.get_by_label("Starttid").fill("07:30")
    page.get_by_label("Första datum").fill(timezone.localdate().isoformat())
    page.get_by_label(re.compile(r"^\s*Plats")).fill("Rådhuset, Karlshamn")
    # The preview under the rule builder lists the coming first Tuesdays at 07:30.
    expect(page.locator("#preview li")).to_have_count(10)
    expect(page.locator("#preview li").first).to_contain_text("tisdag")
    expect(page.locator("#preview li").first).to_contain_text("07:30")
    page.get_by_role("button", name="Spara").click()

    expect(page.locator("h1")).to_have_text("Näringslivsforum")
    expect(page.get_by_text("Forumserien är skapad")).to_be_visible()
    meetings = page.get_by_role("table").first.locator("tbody tr")
    expect(meetings.first).to_contain_text("07:30")
    assert meetings.count() >= 12

    meetings.first.get_by_role("link").click()
    page.get_by_label("Anledning till att mötet ställs in").fill("Sportlov")
    page.get_by_role("button", name="Ställ in mötet").click()
    expect(page.get_by_text("Mötet är inställt")).to_be_visible()
    expect(meetings.first).to_contain_text("Inställt")
    series = ForumSeries.objects.get(slug="naringslivsforum")
    first = series.occurrences.select_related("meeting").first()
    assert first.meeting.status == MeetingStatus.CANCELLED
    assert series.occurrences.scheduled().count() == series.occurrences.count() - 1

    page.get_by_role("button", name="Logga ut").click()
    page.goto("/forum/")
    expect(page.get_by_text("Inställt").first).to_be_visible()
    page.get_by_label("Ditt namn").fill("Anna Andersson")
    page.get_by_label("E-post").fill("anna@anderssonbygg.se")
    page.get_by_label("Företag").fill("Andersson Bygg AB")
    page.get_by_role("button", name="Prenumerera").click()
    expect(page.get_by_text("Tack! Vi har skickat")).to_be_visible()

    message = OutboxMessage.objects.get(template_name="forum_subscription_confirm")
    link = re.search(r"https?://\S+/forum/confirm/\S+/", message.body_text).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    page.get_by_role("button", name="Bekräfta prenumerationen").click()
    expect(page.locator("h1")).to_have_text("Du prenumererar nu")
    assert Subscriber.objects.get(email="anna@anderssonbygg.se").status == SubscriberStatus.CONFIRMED

    # Later she leaves: the link in the welcome e-mail asks first, the button unsubscribes.
    welcome = OutboxMessage.objects.get(template_name="forum_subscription_welcome")
    link = re.search(r"https?://\S+/forum/unsubscribe/\S+/", welcome.body_text).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    expect(page.get_by_text("anna@anderssonbygg.se")).to_be_visible()
    assert Subscriber.objects.get(email="anna@anderssonbygg.se").status == SubscriberStatus.CONFIRMED
    page.get_by_role("button", name="Avregistrera").click()
    expect(page.locator("h1")).to_have_text("Du är avregistrerad")
    assert Subscriber.objects.get(email="anna@anderssonbygg.se").status == SubscriberStatus.UNSUBSCRIBED
