"""Plain-text e-mail parts print what people typed as they typed it: "Bröd & Co's", never
"Bröd &amp; Co&#x27;s". Every .txt template under templates/emails is rendered with every value
set to such a name."""


import pytest
from django.conf import settings
from django.template import Context, engines

TYPED = 'Bröd & Co\'s <AB> "Ö"'
TEMPLATES = sorted(
    str(path.relative_to(settings.BASE_DIR / "templates"))
    for path in (settings.BASE_DIR / "templates" / "emails").rglob("*.txt")
)


class Typed(str):
    """A value that is the typed name however a template reaches into it."""

    def __getattr__(self, name: str) -> "Typed":
        if name.startswith("__"):
            raise AttributeError(name)
        return Typed(TYPED)

    def __getitem__(self, key: object) -> "Typed":  # type: ignore[override]
        return Typed(TYPED)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter([Typed(TYPED)])


class EverythingTyped(dict):
    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> Typed:
        return Typed(TYPED)


def test_every_email_template_is_found():
    assert len(TEMPLATES) > 40
    assert "emails/case_received/body.txt" in TEMPLATES


@pytest.mark.parametrize("name", TEMPLATES)
def test_a_plain_text_part_has_no_html_entities(name):
    template = engines["django"].engine.get_template(name)
    context = Context({"site_url": "http://127.0.0.1:8000"})
    context.dicts.append(EverythingTyped())
    text = template.render(context)
    for entity in ("&amp;", "&#x27;", "&#39;", "&lt;", "&gt;", "&quot;"):
        assert entity not in text, f"{name}: {text!r}"
