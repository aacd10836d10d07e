"""A disk that fills up or turns read-only while a company sends files leaves no half file and
no half case behind, and the company is told to try again with what they typed kept."""

import errno
import html
import io
from unittest import mock

import pytest
from django.core.files.base import File
from django.urls import reverse

from karlshamn_portal.storage import CompleteFileStorage
from liaison.models import Attachment, Case, CaseEvent
from liaison.services.tracking import make_track_token
from tests.liaison.factories import PDF_BYTES, make_case, make_topic, upload
from tests.liaison.test_submit import form_data


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


def stored_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return [str(path) for path in root.rglob("*") if path.is_file()] if root.exists() else []


class DiskFullHalfway(File):
    """A file whose first megabyte is written before the disk is full."""

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.4\n" + b"0" * 1024 * 1024
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_write_that_fails_halfway_leaves_no_file(settings, tmp_path):
    storage = CompleteFileStorage(location=tmp_path / "store")
    with pytest.raises(OSError):
        storage.save("cases/2026/12/abc.pdf", DiskFullHalfway(None, name="abc.pdf"))
    assert not [path for path in (tmp_path / "store").rglob("*") if path.is_file()]


def test_a_complete_write_is_stored_under_its_name(tmp_path):
    storage = CompleteFileStorage(location=tmp_path / "store")
    name = storage.save("cases/x.pdf", File(io.BytesIO(PDF_BYTES), name="x.pdf"))
    assert name == "cases/x.pdf"
    assert storage.open(name).read() == PDF_BYTES
    assert storage.save("cases/x.pdf", File(io.BytesIO(b"2"), name="x.pdf")) != "cases/x.pdf"
    assert storage.open("cases/x.pdf").read() == PDF_BYTES  # never replaced


@pytest.mark.parametrize("failure", [errno.ENOSPC, errno.EROFS])
def test_a_submission_on_a_failing_disk_stores_nothing_and_keeps_the_form(client, db, settings, failure):
    topic = make_topic()
    with mock.patch("karlshamn_portal.storage.os.fsync", side_effect=OSError(failure, "disk")):
        response = client.post(
            reverse("case-new"),
            {**form_data(topic, subject="Med ritning"), "attachments": [upload("ritning.pdf", PDF_BYTES)]},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 503
    page = html.unescape(response.content.decode())
    assert "could not store your files" in page
    assert 'value="Med ritning"' in page
    assert not Case.objects.exists() and not Attachment.objects.exists()
    assert stored_files(settings) == []


def test_a_track_page_message_on_a_full_disk_stores_nothing(client, db, settings):
    case = make_case()
    path = reverse("track", args=[make_track_token(case)])
    with mock.patch("karlshamn_portal.storage.os.fsync", side_effect=OSError(errno.ENOSPC, "disk")):
        response = client.post(
            path,
            {"text": "Här är ritningen", "attachments": [upload("r.pdf", PDF_BYTES)]},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 503
    assert "Här är ritningen" in html.unescape(response.content.decode())
    assert CaseEvent.objects.filter(case=case).count() == 1  # only the submission
    assert stored_files(settings) == []


def test_a_file_system_without_hard_links_still_stores_the_file(tmp_path):
    storage = CompleteFileStorage(location=tmp_path / "store")
    with mock.patch("karlshamn_portal.storage.os.link", side_effect=OSError(errno.EPERM, "no links")):
        name = storage.save("cases/x.pdf", File(io.BytesIO(PDF_BYTES), name="x.pdf"))
    assert storage.open(name).read() == PDF_BYTES
    assert [path.name for path in (tmp_path / "store" / "cases").iterdir()] == ["x.pdf"]
