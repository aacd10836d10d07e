from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from companies.orgnr import luhn_is_valid, mask, parse_organisation_number

TODAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _english():
    # Messages are asserted in English, the language of the msgids.
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "written", ["556036-0793", "5560360793", "16556036-0793", "165560360793", " 556036 0793 "]
)
def test_valid_company_number_is_accepted_in_every_written_form(written):
    number = parse_organisation_number(written, TODAY)
    assert number.number == "556036-0793"
    assert not number.is_sole_trader
    assert number.masked == "556036-0793"


@pytest.mark.parametrize("written", ["811228-9874", "8112289874", "19811228-9874", "198112289874"])
def test_valid_personnummer_is_a_sole_trader_shown_masked(written):
    number = parse_organisation_number(written, TODAY)
    assert number.is_sole_trader
    assert number.number == "811228-9874"
    assert number.masked == "811228-****"


def test_bad_check_digit_is_refused_with_a_message_about_the_check_digit():
    with pytest.raises(ValidationError) as error:
        parse_organisation_number("556036-0794", TODAY)
    assert error.value.code == "check_digit"
    assert "check digit" in error.value.messages[0]


@pytest.mark.parametrize(
    "written",
    [
        "811232-9878",  # 32 December
        "810229-1237",  # 29 February 1981
        "19811328-9873",  # month 13 with the century
    ],
)
def test_impossible_date_is_refused(written):
    body = written.replace("-", "")[-10:]
    # Each example has a correct check digit, so it is the date that is refused.
    assert luhn_is_valid(body), f"fix the example {written}"
    with pytest.raises(ValidationError) as error:
        parse_organisation_number(written, TODAY)
    assert error.value.code == "date"


def test_birth_date_in_the_future_is_refused():
    with pytest.raises(ValidationError):
        parse_organisation_number("20301228-9876", TODAY)


@pytest.mark.parametrize("written", ["55603607", "556036-07931", "5560360793123", "", "556036--0793"])
def test_wrong_length_is_refused_with_the_expected_format(written):
    with pytest.raises(ValidationError) as error:
        parse_organisation_number(written, TODAY)
    assert error.value.code == "format"
    assert "NNNNNN-NNNN" in error.value.messages[0]


@pytest.mark.parametrize("written", ["55603A-0793", "abcdef-ghij", "556036/0793"])
def test_letters_and_other_characters_are_refused(written):
    with pytest.raises(ValidationError) as error:
        parse_organisation_number(written, TODAY)
    assert error.value.code == "format"


def test_mask_hides_only_a_sole_traders_last_four_digits():
    assert mask("811228-9874", is_sole_trader=True) == "811228-****"
    assert mask("556036-0793", is_sole_trader=False) == "556036-0793"
