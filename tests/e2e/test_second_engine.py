"""The second accessibility engine: pa11y with HTML_CodeSniffer, installed from npm
(package.json, package-lock.json) and run on Debian's Chromium by every browser test over every
page it visits. Without Node.js or the npm packages this test is skipped with the reason (and the
browser tests run axe-core alone); in CI it fails."""

from tests.conftest import need
from tests.e2e.page_checks import pa11y_missing, run_pa11y, snapshot

BROKEN = """<!DOCTYPE html><html lang="sv"><head><title>Trasig sida</title></head>
<body><main><h1>Trasig sida</h1><img src="/static/favicon.svg"><form><input type="text" name="q"></form>
</main></body></html>"""


def test_pa11y_reports_what_html_codesniffer_finds_and_passes_the_start_page(page, live_server, tmp_path):
    missing = pa11y_missing()
    need(not missing, missing)
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN, encoding="utf-8")
    page.goto("/")
    start = snapshot(page, tmp_path, live_server.url)

    errors = run_pa11y([broken, start])

    codes = {error["code"] for error in errors if error["page"] == broken.name}
    assert "WCAG2AA.Principle1.Guideline1_1.1_1_1.H37" in codes  # an image without alt text
    assert any(code.endswith("H91.InputText.Name") for code in codes)  # a field without a label
    assert [error for error in errors if error["page"] == start.name] == []
