"""The register moved from liaison to its own app without touching the table or its cases."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from companies.models import Company, CoverageGoal, FocusArea
from karlshamn_portal.roles import BUSINESS_DEVELOPER_GROUP
from tests.liaison.factories import make_case

pytestmark = pytest.mark.django_db


def test_companies_keep_their_table_and_cases_point_at_it():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "liaison_case")
    targets = {info["foreign_key"][0] for info in constraints.values() if info["foreign_key"]}
    assert "liaison_company" in targets
    assert Company._meta.db_table == "liaison_company"


def test_a_case_reaches_its_company_in_the_register():
    case = make_case()
    assert Company.objects.get(pk=case.company_id).cases.get() == case


def test_migrations_seed_focus_areas_goals_and_the_business_developers_group():
    assert set(FocusArea.objects.values_list("name_en", flat=True)) == {
        "Skills supply",
        "Housing",
        "Establishment and land",
        "Infrastructure",
        "Authority service",
        "Sustainability",
    }
    goals = dict(CoverageGoal.objects.values_list("size_class", "interval_months"))
    assert goals["500+"] == goals["50-99"] == 12
    assert goals["10-19"] == goals["20-49"] == 24
    assert goals["0"] == goals["1-4"] == goals["5-9"] == 60
    assert Group.objects.filter(name=BUSINESS_DEVELOPER_GROUP).exists()
