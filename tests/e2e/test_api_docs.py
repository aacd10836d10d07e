"""The API's documentation page works in a browser with nothing loaded from elsewhere."""

from urllib.parse import urlparse

from playwright.sync_api import expect


def test_the_api_docs_show_every_operation_from_our_own_files(page, live_server):
    hosts: set[str] = set()
    blocked: list[str] = []
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    page.on(
        "console",
        lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None,
    )

    page.goto("/api/v1/docs/")

    expect(page.get_by_text("List cases")).to_be_visible()
    expect(page.get_by_text("Register a case received by phone or at the desk")).to_be_visible()
    assert hosts == {urlparse(live_server.url).netloc}
    assert blocked == []
