"""In Chromium: a liaison officer enters an access request, corrects a wrong address, and
downloads the person's ZIP; the privacy page lists the plan. axe-core and the page checks run
on every page."""

import json
import zipfile

from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.factories import PASSWORD, make_liaison
from tests.liaison.factories import make_case, make_company


def test_the_liaison_officer_answers_an_access_request_with_a_zip(page, tmp_path):
    make_liaison("lina")
    case = make_case(make_company("Stortorgets Kafé AB"), contact_email="karin@bageri.example")
    login(page, "lina", PASSWORD)
    page.get_by_role("link", name="Personuppgifter").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Begäranden om personuppgifter")

    page.get_by_label("Registerutdrag (GDPR art. 15)").check()
    page.get_by_label("E-postadress eller personnummer").fill("karin@")
    page.get_by_role("button", name="Registrera begäran").click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.get_by_label("E-postadress eller personnummer")).to_have_value("karin@")

    page.get_by_label("E-postadress eller personnummer").fill("karin@bageri.example")
    page.get_by_role("button", name="Registrera begäran").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registerutdrag (GDPR art. 15)")
    expect(page.get_by_text("k…@bageri.example")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Hämta ZIP-filen").click()
    saved = tmp_path / "utdrag.zip"
    download.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        assert [row["reference"] for row in json.loads(archive.read("cases.json"))] == [case.reference]

    page.get_by_role("link", name="Tillbaka till begäranden om personuppgifter").click()
    expect(page.get_by_role("cell", name="k…@bageri.example")).to_be_visible()
    page.get_by_role("contentinfo").get_by_role("link", name="Personuppgifter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Så behandlar vi personuppgifter")
    expect(page.get_by_role("cell", name="Avslutade ärenden", exact=True)).to_be_visible()


def test_the_liaison_officer_erases_what_a_person_gave_by_consent_and_is_told_what_the_records_plan_keeps(
    page,
):
    from forum.models import Subscriber
    from relocation.models import Partner
    from tests.forum.factories import make_series, make_subscriber
    from tests.relocation.factories import make_partner

    make_liaison("lina")
    make_case(make_company("Stortorgets Kafé AB"), contact_email="karin@bageri.example")
    make_subscriber(make_series(), "Karin Bagare", "karin@bageri.example")
    make_partner(name="Karin Bagare", email="karin@bageri.example")
    login(page, "lina", PASSWORD)
    page.get_by_role("link", name="Personuppgifter").first.click()

    page.get_by_label("Begäran om radering (GDPR art. 17)").check()
    page.get_by_label("E-postadress eller personnummer").fill("karin@bageri.example")
    page.get_by_role("button", name="Registrera begäran").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Begäran om radering (GDPR art. 17)")
    erased = page.get_by_role("list").filter(has_text="Prenumerationer på forumet")
    expect(erased).to_contain_text("Prenumerationer på forumet: 1")
    expect(erased).to_contain_text("Profiler i Medflyttarservicen: 1")
    expect(page.get_by_text("1 ärende är en allmän handling")).to_be_visible()
    assert not Subscriber.objects.exists()
    assert not Partner.objects.exists()
