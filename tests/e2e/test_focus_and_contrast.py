"""Keyboard focus and the contrast of form controls, measured in Chromium: every tab stop of the
request form and the dashboard shows a focus ring of at least 2 px whose colour stands out 3:1
from what lies behind it (WCAG 2.4.7, 2.4.11), on white and on the navy menu bar alike; field,
checkbox and radio borders stand out 3:1 from white (WCAG 1.4.11)."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.e2e.page_checks import FOCUS_STYLE, contrast, ring_problem
from tests.factories import PASSWORD, make_department, make_liaison, make_official
from tests.liaison.triage_factories import make_case, make_company, make_referral, make_topic

MOST_TAB_STOPS = 120

BORDERS = """() => [...document.querySelectorAll(
    'input.form-control, textarea.form-control, select.form-select, input.form-check-input')]
  .filter(element => element.offsetParent !== null)
  .map(element => ({name: element.id || element.name, border: getComputedStyle(element).borderTopColor}))"""


def tab_through(page) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """Press Tab until focus comes round again; the names of the stops and what is wrong with any."""
    names: list[str] = []
    problems: list[str] = []
    for _ in range(MOST_TAB_STOPS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus is None or (names and focus["name"] == names[0]):
            break
        names.append(focus["name"])
        if problem := ring_problem(focus):
            problems.append(problem)
    return names, problems


def border_problems(page) -> list[str]:  # type: ignore[no-untyped-def]
    white = "rgb(255, 255, 255)"
    return [
        f"{field['name']}: border {field['border']} is {contrast(field['border'], white):.2f}:1 on white"
        for field in page.evaluate(BORDERS)
        if contrast(field["border"], white) < 3
    ]


def test_every_tab_stop_of_the_request_form_shows_a_strong_focus_ring(page):
    make_topic("bygglov", "Bygglov", "Building permit")
    page.goto("/cases/new/")

    stops, problems = tab_through(page)

    assert len(stops) >= 15, stops  # menu, language, every field, the privacy box, submit, footer
    assert any("Svenska" in stop or "English" in stop for stop in stops)
    assert not problems, "\n".join(problems)
    assert not border_problems(page)


def test_every_tab_stop_of_the_dashboard_shows_a_strong_focus_ring(page):
    make_liaison("lina")
    building = make_department("bygglov", "Samhällsbyggnadsförvaltningen, bygglov", "Building permits")
    make_official("bo", building)
    make_topic("bygglov", "Bygglov", "Building permit", building)
    for number in range(3):
        case = make_case(
            make_company(f"Hamnens Bageri {number} AB"),
            created_at=timezone.now() - timedelta(days=number * 5),
        )
        make_referral(case, building)

    login(page, "lina", PASSWORD)
    page.goto("/dashboard/")
    stops, problems = tab_through(page)
    # A ticked box keeps the ring too (Bootstrap's :checked:focus rules are more specific still).
    page.locator("input[id^=choose-]").first.check()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    problems.append(ring_problem(page.evaluate(FOCUS_STYLE)))
    problems = [problem for problem in problems if problem]

    # The menu on the navy bar, the filters, the counts, three rows of checkbox and link, the bulk form.
    assert len(stops) >= 25, stops
    assert "A Översikt" in stops
    assert sum(stop.startswith("INPUT#choose-") for stop in stops) == 3
    assert not problems, "\n".join(problems)
    assert not border_problems(page)


def test_radios_and_checkboxes_of_the_series_form_have_visible_borders(page):
    make_liaison("lina")
    make_official("bo", make_department("bygglov", "Bygglov", "Building permits"))
    login(page, "lina", PASSWORD)
    page.goto("/forum/manage/new/")

    expect(page.get_by_label("Varje vecka eller med några veckors mellanrum")).to_be_visible()
    assert page.locator("input[type=radio].form-check-input").count() >= 2
    assert not border_problems(page)
