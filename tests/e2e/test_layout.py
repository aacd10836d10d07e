"""Layout a sighted user would notice: the dashboard's columns fit at 1280 and 1920 px (none cut
off at the right), wide tables scroll inside their own labelled region at 320 px while the page
itself does not, every page names the municipality in a title of its own, and the favicon loads."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from tests.e2e.conftest import login
from tests.factories import PASSWORD, make_department, make_liaison, make_official
from tests.forum.factories import make_series, make_subscriber
from tests.liaison.triage_factories import make_case, make_company, make_referral, make_topic

# Every header cell and the region around the table: the right edge of each must be in view.
COLUMNS = """() => {
  const table = document.querySelector("#dashboard-results table");
  const region = table.closest("[role=region]");
  const edge = region.getBoundingClientRect().right;
  return {
    overflow: region.scrollWidth - region.clientWidth,
    clipped: [...table.querySelectorAll("th")].filter(th => th.getBoundingClientRect().right > edge + 0.5)
      .map(th => th.textContent.trim()),
    columns: table.querySelectorAll("thead th").length,
  };
}"""


def long_named_queue() -> None:
    """Cases as the real queue has them: three long department names each, long company names."""
    departments = [
        make_department("bygglov", "Samhällsbyggnadsförvaltningen, bygglov", "Building permits"),
        make_department("miljo", "Miljöförbundet Blekinge Väst", "Environmental association"),
        make_department("raddning", "Räddningstjänsten Västra Blekinge", "Rescue services"),
    ]
    make_official("bo", departments[0])
    topic = make_topic("livsmedel", "Livsmedelslokal och serveringstillstånd", "Food premises", *departments)
    for number in range(4):
        case = make_case(
            make_company(f"Karlshamns Kafferosteri och Konditori nummer {number} Aktiebolag"),
            subject="Ombyggnad av magasinet vid Östra hamnen till kafferosteri med servering",
            topic=topic,
            created_at=timezone.now() - timedelta(days=4 * number),
        )
        for department in departments:
            make_referral(case, department)


@pytest.mark.parametrize("width", [1280, 1920])
def test_no_dashboard_column_is_cut_off(page, width):
    make_liaison("lina")
    long_named_queue()
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "lina", PASSWORD)
    page.goto("/dashboard/")

    layout = page.evaluate(COLUMNS)

    assert layout["columns"] == 10
    assert layout["clipped"] == []
    assert layout["overflow"] <= 0
    expect(page.get_by_role("columnheader", name="Första svar senast")).to_be_in_viewport()


def test_wide_tables_scroll_in_their_own_labelled_region_at_320_px(page):
    liaison = make_liaison("lina")
    series = make_series(liaison, first_date=timezone.localdate())
    make_subscriber(series, email="anna.andersson.vd@anderssonbyggochmaskinuthyrning.example.se")
    OutboxMessage.objects.create(
        template_name="case_received",
        recipient="kontakt@karlshamnskafferosteriochkonditori.example.se",
        subject="Vi har tagit emot ditt ärende NL-2026-0001 om ombyggnaden av magasinet",
        body_text="Hej!",
        status=OutboxStatus.SENT,
    )
    page.set_viewport_size({"width": 320, "height": 720})
    login(page, "lina", PASSWORD)

    for path, region_name in [
        ("/outbox/", "Utkorg"),
        (f"/forum/manage/{series.slug}/", "Kommande möten"),
        (f"/forum/manage/{series.slug}/", "Företag som prenumererar"),
        ("/forum/manage/", "Forumserier"),
    ]:
        page.goto(path)
        # Focusable, so keyboard users can scroll it; named, so screen readers say what it holds.
        region = page.get_by_role("region", name=region_name).and_(page.locator("[tabindex='0']"))
        expect(region.locator("table")).to_be_visible()
        assert region.evaluate("region => region.scrollWidth > region.clientWidth"), path
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path


def test_public_forum_page_and_its_management_page_have_titles_of_their_own(page):
    liaison = make_liaison("lina")
    series = make_series(liaison, first_date=timezone.localdate())
    page.goto("/forum/")
    public = page.title()
    login(page, "lina", PASSWORD)
    page.goto(f"/forum/manage/{series.slug}/")

    assert public == "Näringslivsforum – Näringslivsportalen, Karlshamns kommun"
    assert (
        page.title()
        == "Näringslivsforum: möten och inbjudningslista – Näringslivsportalen, Karlshamns kommun"
    )
    expect(page.locator("h1")).to_have_text("Näringslivsforum")


def test_the_favicon_is_shipped_and_served(page):
    page.goto("/")
    href = page.locator('link[rel="icon"]').get_attribute("href")

    response = page.request.get(href)

    assert response.status == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in response.body()
