"""Plain factories for companies, topics and cases; each returns a saved row."""

import itertools

from django.utils import timezone

from companies.models import Company
from companies.orgnr import luhn_is_valid, parse_organisation_number
from liaison.models import Case, Topic
from liaison.services.intake import Submission, submit_case

_sequence = itertools.count(1)


def valid_organisation_number(serial: int) -> str:
    """A made-up organisationsnummer (third digit 6: a limited company) with a correct check digit."""
    body = f"556{serial:06d}"
    check = next(d for d in range(10) if luhn_is_valid(f"{body}{d}"))
    return f"{body[:6]}-{body[6:]}{check}"


def make_company(
    name: str = "Hamnbageriet AB", organisation_number: str | None = None, **fields: object
) -> Company:
    number = organisation_number or valid_organisation_number(next(_sequence))
    parsed = parse_organisation_number(number)
    fields.setdefault("is_sole_trader", parsed.is_sole_trader)
    return Company.objects.create(name=name, organisation_number=parsed.number, **fields)


def make_topic(
    slug: str = "building-permit",
    name_sv: str = "Bygglov",
    name_en: str = "Building permit",
    *departments,
    **fields,
) -> Topic:
    topic = Topic.objects.create(slug=slug, name_sv=name_sv, name_en=name_en, **fields)
    topic.departments.set(departments)
    return topic


def make_case(company: Company | None = None, topic: Topic | None = None, **fields: object) -> Case:
    """A case submitted through `submit_case` (reference, first event and e-mails included);
    any other field given is then written onto the row, e.g. status="waiting"."""
    company = company or make_company()
    submission_fields = {
        "contact_name": fields.pop("contact_name", "Karin Bagare"),
        "contact_email": fields.pop("contact_email", "karin@example.se"),
        "contact_phone": fields.pop("contact_phone", ""),
        "subject": fields.pop("subject", "Kafé vid Stortorget"),
        "description": fields.pop("description", "Vi vill öppna ett kafé med uteservering."),
        "language": fields.pop("language", "sv"),
    }
    case = submit_case(
        Submission(
            company_name=company.name,
            organisation_number=parse_organisation_number(company.organisation_number),
            topic=topic,
            **submission_fields,  # type: ignore[arg-type]
        ),
        now=fields.pop("created_at", None) or timezone.now(),  # type: ignore[arg-type]
    )
    if fields:
        Case.objects.filter(pk=case.pk).update(**fields)
        case.refresh_from_db()
    return case


# Small but real files of each accepted type, built in memory.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32


def _zip(entries: list[tuple[str, bytes]], stored_first: bool = False) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (name, content) in enumerate(entries):
            compression = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name), content, compress_type=compression)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return _zip([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")])


def xlsx_bytes() -> bytes:
    return _zip([("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")])


def odt_bytes() -> bytes:
    return _zip(
        [("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<office:document/>")],
        stored_first=True,
    )


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)
