import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from companies.models import Company
from liaison.models import Attachment, Case
from liaison.uploads import MAX_FILE_SIZE, check_upload, check_uploads
from tests.liaison.factories import (
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    docx_bytes,
    make_topic,
    odt_bytes,
    upload,
    xlsx_bytes,
)
from tests.liaison.test_submit import form_data


@pytest.fixture(autouse=True)
def _english():
    # Messages are asserted in English, the language of the msgids.
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "content_type", "extension"),
    [
        ("offert.pdf", PDF_BYTES, "application/pdf", "pdf"),
        ("ritning.png", PNG_BYTES, "image/png", "png"),
        ("foto.jpeg", JPEG_BYTES, "image/jpeg", "jpg"),
        (
            "plan.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        (
            "budget.xlsx",
            xlsx_bytes(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        ("brev.odt", odt_bytes(), "application/vnd.oasis.opendocument.text", "odt"),
    ],
)
def test_each_accepted_type_is_recognised_from_its_content(name, content, content_type, extension):
    checked = check_upload(upload(name, content))
    assert checked.content_type == content_type
    assert checked.extension == extension


def test_type_comes_from_the_content_not_the_name():
    # A PDF named like a picture is stored as a PDF.
    assert check_upload(upload("bild.png", PDF_BYTES, "image/png")).extension == "pdf"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("program.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),  # a Windows program named .pdf
        ("skript.docx", b"#!/bin/sh\nrm -rf /\n"),
        ("arkiv.pdf", b"PK\x03\x04" + b"\x00" * 64),  # a zip that is no office document
        ("bild.png", b"GIF89a" + b"\x00" * 32),  # a type we do not accept
    ],
)
def test_mislabelled_or_unaccepted_file_is_refused(name, content):
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, content, "application/pdf"))
    assert "not a file type we accept" in error.value.messages[0]


def test_file_over_ten_megabytes_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("stor.pdf", PDF_BYTES + b"0" * MAX_FILE_SIZE))
    assert "stor.pdf is larger than 10" in error.value.messages[0]


def test_more_than_five_files_are_refused():
    with pytest.raises(ValidationError) as error:
        check_uploads([upload(f"fil{n}.pdf", PDF_BYTES) for n in range(6)])
    assert "at most 5 files" in error.value.messages[0]


def test_every_bad_file_is_reported_at_once():
    with pytest.raises(ValidationError) as error:
        check_uploads([upload("a.pdf", b"nope"), upload("ok.pdf", PDF_BYTES), upload("b.pdf", b"nej")])
    assert len(error.value.messages) == 2


@pytest.mark.parametrize(
    "bad_file",
    [
        lambda: upload("stor.pdf", PDF_BYTES + b"0" * MAX_FILE_SIZE),
        lambda: upload("program.pdf", b"MZ\x90\x00" + b"\x00" * 64, "application/pdf"),
    ],
    ids=["oversized", "mislabelled"],
)
def test_submission_with_a_bad_file_stores_nothing(client, db, _media_root, bad_file):
    topic = make_topic()
    data = form_data(topic, attachments=[upload("ok.pdf", PDF_BYTES), bad_file()])
    response = client.post(reverse("case-new"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Attachments (optional)" in response.content.decode()
    assert not Case.objects.exists()
    assert not Company.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(_media_root) == []


def test_submitted_files_are_stored_under_random_names_outside_static(client, db, _media_root):
    topic = make_topic()
    data = form_data(
        topic, attachments=[upload("../../etc/Ritning kök.png", PNG_BYTES), upload("x.docx", docx_bytes())]
    )
    response = client.post(reverse("case-new"), data)
    assert response.status_code == 302
    attachments = list(Attachment.objects.order_by("id"))
    assert [a.original_name for a in attachments] == ["Ritning kök.png", "x.docx"]
    assert [a.content_type for a in attachments] == [
        "image/png",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
    files = stored_files(_media_root)
    assert len(files) == 2
    for path in files:
        assert re.fullmatch(r"[0-9a-f]{32}", path.stem), path.name
        assert path.suffix in (".png", ".docx")
