"""Names people type are printed in the municipality's e-mails as one plain line, without links."""

import time

import pytest

from karlshamn_portal.people import LONGEST_TEXT_CLEANED, typed_name


@pytest.mark.parametrize(
    "typed,kept",
    [
        ("Karin Bagare", "Karin Bagare"),
        ("Anna-Karin Öberg", "Anna-Karin Öberg"),
        ("Dr. Sven Svensson", "Dr. Sven Svensson"),
        ("J.Svensson", "J.Svensson"),
        ("Bröd & Co's", "Bröd & Co's"),
        ("Mörrums Lack & Plåt AB", "Mörrums Lack & Plåt AB"),
        ("Dear customer, claim it at http://evil.example/refund", "Dear customer, claim it at"),
        ("Claim it at HTTPS://EVIL.EXAMPLE", "Claim it at"),
        ("Visit www.evil.example now", "Visit now"),
        ("Go to evil.com/claim today", "Go to today"),
        ("evil.se", ""),
        ("mailto:x@evil.example", ""),
        ("Karin\r\nBcc: all@example.se", "Karin Bcc"),
        ("Karin\u2028Bagare\u202e", "Karin Bagare"),
        ("  Karin   Bagare  ", "Karin Bagare"),
    ],
)
def test_a_typed_name_keeps_the_name_and_drops_addresses_and_line_breaks(typed, kept):
    assert typed_name(typed) == kept


def test_a_megabyte_of_hostile_text_is_cleaned_at_once():
    # Found by the form fuzzer: the address pattern backtracked for minutes over text like this.
    started = time.perf_counter()
    cleaned = typed_name("a-" * 500_000)
    assert time.perf_counter() - started < 1
    assert len(cleaned) <= LONGEST_TEXT_CLEANED
