"""Register files and the people and rows of the company register, for tests."""

from datetime import datetime, timedelta

from django.utils import timezone

from companies.models import Company, Contact, Visit
from companies.services.visits import plan_visit
from karlshamn_portal.roles import BUSINESS_DEVELOPER_GROUP
from tests.factories import make_user
from tests.liaison.factories import valid_organisation_number

HEADER = [
    "Organisationsnummer",
    "Företagsnamn",
    "Juridisk form",
    "SNI 2007",
    "Storleksklass",
    "Gatuadress",
    "Postnummer",
    "Postort",
    "Kommunkod",
]


def register_row(
    serial: int, name: str | None = None, size: str = "1-4", sni: str = "47190", **cells: str
) -> list[str]:
    row = {
        "Organisationsnummer": cells.pop("number", valid_organisation_number(serial)),
        "Företagsnamn": name or f"Företag {serial} AB",
        "Juridisk form": "Aktiebolag",
        "SNI 2007": sni,
        "Storleksklass": size,
        "Gatuadress": f"Ronnebygatan {serial % 90 + 1}",
        "Postnummer": "37435",
        "Postort": "KARLSHAMN",
        "Kommunkod": "1082",
    }
    row.update(cells)
    return list(row.values())


def register_file(
    rows: list[list[str]],
    *,
    header: list[str] | None = None,
    delimiter: str = ";",
    encoding: str = "utf-8",
    bom: bool = False,
) -> bytes:
    lines = [delimiter.join(header or HEADER), *(delimiter.join(row) for row in rows)]
    content = "\r\n".join(lines) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + content.encode(encoding)


def make_business_developer(username: str = "nora"):
    return make_user(username, BUSINESS_DEVELOPER_GROUP)


def make_register_company(
    serial: int, size_class: str = "1-4", section: str = "G", **fields: object
) -> Company:
    return Company.objects.create(
        name=fields.pop("name", f"Företag {serial} AB"),
        organisation_number=valid_organisation_number(serial),
        size_class=size_class,
        industry_section=section,
        in_latest_register=fields.pop("in_latest_register", True),
        **fields,
    )


def make_contact(company: Company, name: str = "Karin Ek", email: str = "karin@foretag.example") -> Contact:
    return Contact.objects.create(
        company=company, name=name, email=email, role="VD", purpose="Kontakt för besök"
    )


def in_days(days: int, hour: int = 10) -> datetime:
    local = timezone.localtime() + timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def make_visit(company: Company, planned_by, *, contact: Contact | None = None, days: int = 7) -> Visit:
    return plan_visit(
        company,
        planned_by=planned_by,
        start=in_days(days),
        end=in_days(days, hour=11),
        place=company.full_address or "Ronnebygatan 1",
        purpose="Lära känna företaget",
        contact=contact,
        staff=[],
        guests=[],
    )
