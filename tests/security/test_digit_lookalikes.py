"""Numbers typed by hand into staff pages' query strings and forms: "²" and digits of other
scripts pass str.isdigit() but not int(), and a number longer than a bigint is no row. Each is
ignored (the first page, the default, nothing ticked) or a 404, never a 500."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from companies.industry import section_of
from companies.orgnr import parse_organisation_number
from companies.register_file import COLUMNS, Rejection, read_row
from tests.security.world import World, make_world

LOOKALIKES = ["²", "1²", "١٢", "٣", "9" * 30, "9" * 5000]


@pytest.fixture
def world(db) -> World:
    return make_world()


@pytest.fixture
def liaison_client(client, world):
    client.force_login(world.liaison)
    return client


@pytest.mark.parametrize("number", LOOKALIKES)
@pytest.mark.parametrize("name", ["after", "before"])
def test_a_register_page_key_that_is_no_id_gives_the_first_page(liaison_client, world, name, number):
    response = liaison_client.get(reverse("companies:register"), {name: number})
    assert response.status_code == 200
    assert world.company_a.name in response.content.decode()


@pytest.mark.parametrize("number", LOOKALIKES)
def test_a_coverage_period_that_is_no_number_shows_the_default_period(liaison_client, number):
    assert liaison_client.get(reverse("companies:coverage"), {"months": number}).status_code == 200


@pytest.mark.parametrize("number", LOOKALIKES)
def test_planning_a_visit_to_a_company_that_is_no_id_is_not_found(liaison_client, number):
    assert liaison_client.get(reverse("companies:visit-new"), {"company": number}).status_code == 404


@pytest.mark.parametrize("number", LOOKALIKES)
def test_attendance_ticked_for_an_invitation_that_is_no_id_is_left_out(liaison_client, world, number):
    occurrence = world.occurrence
    url = reverse("forum:attendance", args=[occurrence.series.slug, occurrence.pk])
    assert liaison_client.post(url, {"attended": [number]}).status_code == 302


@pytest.mark.parametrize("code", ["1²345", "٤٧١١٠", "٤٧١١"])
def test_a_register_row_with_lookalike_digits_is_rejected_with_its_reason(code):
    assert section_of(code) is None
    for column in ("sni_code", "postcode", "municipality_code"):
        values = {field: "" for field, _title in COLUMNS.values()}
        values |= {"organisation_number": "556016-0680", "name": "Alfa Bygg AB"}
        values[column] = code
        assert isinstance(read_row(2, values), Rejection), column


def test_an_organisation_number_in_other_digits_is_refused_so_one_company_has_one_number():
    with pytest.raises(ValidationError):
        parse_organisation_number("٥٥٦٠١٦-٠٦٨٠")
    assert parse_organisation_number("556016-0680").number == "556016-0680"
