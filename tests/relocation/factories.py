"""Plain make_* factories for the relocation tests; each returns a saved row made through the
services, as a partner, an employer or a host would make it."""

import itertools
from datetime import date
from typing import Any

from karlshamn_portal.roles import RELOCATION_HOST_GROUP
from relocation.models import NetworkEmployer, Partner
from relocation.services.network import add_network_employer
from relocation.services.partners import register_partner
from tests.factories import make_user
from tests.liaison.triage_factories import make_company

_numbers = itertools.count(1)


def make_host(username: str = "hedda"):
    return make_user(username, RELOCATION_HOST_GROUP)


def partner_details(**fields: Any) -> dict[str, Any]:
    number = next(_numbers)
    details: dict[str, Any] = {
        "name": f"Priya Partner {number}",
        "email": f"priya{number}@example.org",
        "phone": "",
        "contact_way": "email",
        "language": "en",
        "arrival": date(2026, 8, 1),
        "moving_from": "Pune, India",
        "languages": "English, Marathi",
        "profession": "Civil engineer",
        "education": "MSc structural engineering",
        "work_industry": "Construction",
        "work_extent": "full_time",
        "needs_housing": True,
        "needs_school": True,
        "children_ages": "4 and 9",
        "needs_swedish_course": True,
        "needs_leisure": False,
        "needs_healthcare": False,
        "other_needs": "",
        "consent_network": False,
        "consent_activities": False,
    }
    details.update(fields)
    return details


def make_partner(**fields: Any) -> Partner:
    partner, _created = register_partner(partner_details(**fields))
    return partner


def make_network_employer(name: str = "Karlshamns Hamn AB", **fields: Any) -> NetworkEmployer:
    company = make_company(name)
    return add_network_employer(
        company,
        fields.get("contact_name", "Elin Arbetsgivare"),
        fields.get("contact_email", f"hr{next(_numbers)}@employer.example"),
        fields.get("language", "sv"),
    )


def form_data(**fields: Any) -> dict[str, str]:
    """partner_details as the public form posts them (checkboxes only when ticked)."""
    data: dict[str, str] = {}
    for name, value in partner_details(**fields).items():
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, date):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    data["accept_privacy"] = "on"
    return data
