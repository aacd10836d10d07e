"""J8 Relocate: a network employer invites a recruit's partner; the partner fills in the form in
English and shares their profile; the host introduces them to a second network employer; the
partner accepts, then withdraws their consent (the profile leaves every employer's page, the
introduced one's too) and deletes everything."""

import re

from playwright.sync_api import expect

from karlshamn_portal.outbox.models import OutboxMessage
from relocation.links import employer_token
from relocation.models import Partner, PartnerOutcome
from tests.e2e.conftest import login
from tests.factories import PASSWORD
from tests.relocation.factories import make_host, make_network_employer

PARTNER_LINK = re.compile(r"http://[^/\s]+(/medflyttare/[^/\s]+/)")


def partner_link(template: str) -> str:
    message = OutboxMessage.objects.filter(template_name=template).latest("pk")
    found = PARTNER_LINK.search(message.body_text)
    assert found, message.body_text
    return found.group(1)


def test_j8_a_partner_is_invited_shares_a_profile_accepts_an_introduction_and_deletes_it(page):
    make_host("hedda")
    inviter = make_network_employer("Södra Cell Mörrum", contact_name="Elin Ek")
    second = make_network_employer("Karlshamns Hamn AB", contact_name="Jonas Hamn")
    inviter_page = f"/relocation/employer/{employer_token(inviter.pk)}/"
    second_page = f"/relocation/employer/{employer_token(second.pk)}/"

    # The first employer invites the partner of someone they recruit.
    page.goto(inviter_page)
    expect(page.locator("h1")).to_have_text("Södra Cell Mörrum i medflyttarnätverket")
    page.get_by_label("Medflyttarens namn").fill("Maria Silva")
    page.get_by_label("Medflyttarens e-post").fill("maria.silva@example.org")
    page.get_by_label("English").check()
    page.get_by_label("Den rekryterades roll").fill("Process engineer")
    page.get_by_label("Den rekryterades startdatum").fill("2026-09-01")
    page.get_by_role("button", name="Skicka inbjudan").click()
    expect(page.get_by_role("status")).to_contain_text("Inbjudan är skickad.")
    expect(page.locator("main")).to_contain_text("Maria Silva")

    # The partner follows the invitation to a page in English, the language the employer chose
    # for them, and shares their profile.
    page.goto(partner_link("relocation_invitation"))
    expect(page.locator("h1")).to_have_text("Your page in the relocation service")
    page.get_by_label("Phone (optional)").fill("+46 70 123 45 67")
    page.get_by_label("Profession (optional)").fill("Pharmacist")
    page.get_by_label("Which industry would you like to work in? (optional)").fill("Healthcare")
    page.get_by_label("Preschool or school for our children").check()
    page.get_by_label("The children's ages (optional)").fill("4")
    page.get_by_label(re.compile(r"\(a\) Network employers may see my profile")).check()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you. Your profile is saved.")
    page.get_by_role("button", name="Svenska").click()

    # The second employer sees the shared profile, without contact details.
    page.goto(second_page)
    expect(page.locator("main")).to_contain_text("Pharmacist")
    expect(page.locator("main")).not_to_contain_text("maria.silva@example.org")

    # The host finds the partner in the queue and introduces them to the second employer.
    login(page, "hedda", PASSWORD)
    page.goto("/relocation/")
    expect(page.locator("h1")).to_have_text("Medflyttarservice: medflyttare")
    page.get_by_role("link", name=Partner.objects.get().reference).click()
    page.get_by_role("combobox", name=re.compile("^Arbetsgivare i nätverket")).select_option(
        label="Karlshamns Hamn AB"
    )
    page.get_by_label("Meddelande till medflyttaren (frivilligt)").fill("They need a pharmacist in the port.")
    page.get_by_role("button", name="Skicka kontaktförfrågan").click()
    expect(page.get_by_role("status")).to_contain_text("Medflyttaren får frågan om hen godtar kontakten.")
    page.get_by_role("button", name="Logga ut").click()

    # The partner accepts the introduction from the e-mail's link.
    page.goto(partner_link("relocation_introduction"))
    page.get_by_role("button", name="English").click()
    page.get_by_role("button", name="Accept contact with Karlshamns Hamn AB").click()
    expect(page.get_by_role("status")).to_contain_text("You accepted.")
    page.get_by_role("button", name="Svenska").click()
    page.goto(second_page)
    expect(page.locator("main")).to_contain_text("maria.silva@example.org")

    # The partner withdraws consent (a): the first employer no longer sees the profile.
    page.goto(partner_link("relocation_introduction"))
    page.get_by_role("button", name="English").click()
    page.get_by_role("button", name="Withdraw consent (a)").click()
    expect(page.get_by_role("status")).to_contain_text("Your consent is withdrawn.")
    page.get_by_role("button", name="Svenska").click()
    page.goto(inviter_page)
    expect(page.locator("#shared-heading + p + p")).to_have_text("Inga profiler visas just nu.")
    # Nor does the employer whose introduction they accepted: the profile is gone from every one.
    page.goto(second_page)
    expect(page.locator("main")).not_to_contain_text("maria.silva@example.org")
    expect(page.locator("main")).not_to_contain_text("Pharmacist")

    # The partner deletes everything, after a confirmation; the link then says the data is gone.
    link = partner_link("relocation_introduction")
    page.goto(link)
    page.get_by_role("button", name="English").click()
    page.get_by_role("link", name="Delete my data").click()
    page.get_by_role("button", name="Yes, delete everything").click()
    expect(page.locator("h1")).to_have_text("Your data is deleted")
    assert not Partner.objects.exists()
    assert PartnerOutcome.objects.filter(partner=None, deleted_on_request=True).count() == 1
    page.goto(link)
    expect(page.locator("h1")).to_have_text("The data is gone")
