"""J8, the department's side: an official signs in and finds a relocation referral from the
navigation, without the e-mail's link, answers it, and sees it among the answered ones."""

from playwright.sync_api import expect

from relocation.services.referrals import refer_partner
from tests.e2e.conftest import login
from tests.factories import PASSWORD, make_department, make_official
from tests.relocation.factories import make_host, make_partner


def test_j8_an_official_finds_the_referral_from_the_navigation_and_answers_it(page):
    school = make_department("forskola", "Förskola och skola", "Preschool and school")
    make_official("sara", school)
    partner = make_partner(name="Priya Raman", email="priya.raman@example.org")
    refer_partner(partner, school, "school", "Förskoleplats från augusti.", make_host())
    other = refer_partner(
        make_partner(), make_department("bostad"), "housing", "Lägenhet.", make_host("hugo")
    )

    login(page, "sara", PASSWORD)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Remisser från medflyttarservicen"
    ).click()
    expect(page.locator("h1")).to_have_text("Remisser från medflyttarservicen")
    main = page.locator("main")
    expect(main).not_to_contain_text(other.partner.reference)
    expect(main).not_to_contain_text("priya.raman@example.org")
    page.get_by_role("link", name=partner.reference).click()
    expect(page.locator("h1")).to_have_text(
        f"Remiss för medflyttare {partner.reference} till Förskola och skola"
    )
    expect(main).to_contain_text("priya.raman@example.org")
    page.get_by_role("button", name="Ta emot remissen").click()

    page.get_by_role("link", name="Remisser från medflyttarservicen").click()
    open_part = page.get_by_role("region", name="Att besvara eller slutföra")
    expect(open_part).to_contain_text(partner.reference)
    expect(open_part).to_contain_text("Accepterad")
