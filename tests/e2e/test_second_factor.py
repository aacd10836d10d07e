"""An administrator turns on a second factor in the browser, scanning nothing: the key shown
beside the QR code goes into pyotp, as it would into a phone's app."""

import re
import time

import pyotp
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.factories import PASSWORD, make_user


def test_an_administrator_sets_up_an_app_and_signs_in_with_its_codes(page):
    make_user("ada", is_staff=True, is_superuser=True)

    login(page, "ada", PASSWORD)
    page.goto("/admin/")
    expect(page.locator("h1")).to_have_text("Slå på tvåstegsverifiering")
    expect(page.get_by_role("img", name="QR-kod för din autentiseringsapp")).to_be_visible()
    totp = pyotp.TOTP(page.get_by_test_id("totp-secret").inner_text().replace(" ", ""))
    page.get_by_label("Kod").fill(totp.now())
    page.get_by_role("button", name="Slå på").click()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    page.get_by_role("link", name="Jag har sparat dem, fortsätt").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.get_by_role("button", name="Logga ut").click()
    login(page, "ada", PASSWORD)
    page.goto("/admin/")
    expect(page.locator("h1")).to_have_text("Ange din kod")
    page.get_by_label("Kod").fill(totp.at(time.time() + 30))
    page.get_by_role("button", name="Fortsätt").click()
    assert page.url.endswith("/admin/")
