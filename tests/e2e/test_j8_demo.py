"""J8 on the demo data of `make run`: the relocation host signs in with the printed login and walks
the queue, every demo partner's page, the network, the activities and the figures; then the
printed private links open the network employer's and the partner's pages, in Swedish and in
English. Every page is checked with axe and the page checks."""

import re
from io import StringIO

from django.core.management import call_command
from playwright.sync_api import expect

from liaison.demo import DEMO_PASSWORD
from relocation.demo import HOST_USERNAME
from relocation.models import Partner
from tests.e2e.conftest import login

LINK = re.compile(r"http://[^/\s]+(/(?:relocation/employer|medflyttare)/[^/\s]+/)")


def test_j8_the_host_walks_the_demo_service_and_the_printed_links_open(page):
    printed = StringIO()
    call_command("load_demo_data", stdout=printed)
    employer_link, partner_link = LINK.findall(printed.getvalue())

    login(page, HOST_USERNAME, DEMO_PASSWORD)
    expect(page.locator("h1")).to_have_text("Medflyttarservice: medflyttare")
    page.get_by_label("Visa", exact=True).select_option("all")
    page.get_by_role("button", name="Filtrera").click()
    for partner in Partner.objects.order_by("pk"):
        expect(page.locator("main table")).to_contain_text(partner.name)
    for partner in Partner.objects.order_by("pk"):
        page.goto("/relocation/?status=all")
        page.get_by_role("link", name=partner.reference).click()
        expect(page.locator("h1")).to_have_text(f"Medflyttare {partner.reference}: {partner.name}")
    page.get_by_role("link", name="Arbetsgivare i nätverket").click()
    expect(page.locator("main table tbody tr")).to_have_count(4)
    page.get_by_role("link", name="Aktiviteter", exact=True).click()
    expect(page.locator("main")).to_contain_text("Fika för nya Karlshamnsbor")
    page.get_by_role("link", name="Statistik", exact=True).click()
    expect(page.locator("main")).to_contain_text("Kom på egen hand")
    page.get_by_role("button", name="Logga ut").click()

    page.goto(employer_link)
    expect(page.locator("h1")).to_contain_text("i medflyttarnätverket")
    expect(page.locator("main")).to_contain_text("tomasz.nowak@example.org")
    # Priya chose English: her link opens her page in English until she picks Swedish.
    page.goto(partner_link)
    expect(page.locator("h1")).to_have_text("Your page in the relocation service")
    expect(page.get_by_label("Your name")).to_have_value("Priya Raman")
    expect(page.locator("main")).to_contain_text(
        "Referred to a department: Business unit with the labour-market unit"
    )
    page.get_by_role("button", name="Svenska").click()
    expect(page.locator("h1")).to_have_text("Din sida i medflyttarservicen")
    page.get_by_role("button", name="English").click()
    page.goto(employer_link)
    expect(page.locator("h1")).to_contain_text("in the relocation network")
    page.get_by_role("button", name="Svenska").click()
