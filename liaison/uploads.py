"""Checks for files a company attaches: how many, how large, and what they really are.

The type is read from the content with `filetype`, never from the name or the browser's
claimed content type, and the stored name is random (see `liaison.models.attachments`).
"""

from collections.abc import Sequence
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from liaison.models import Attachment, Case, CaseEvent
from liaison.models.attachments import attachment_path

MAX_FILES = 5
MAX_FILE_SIZE = 10 * 1024 * 1024

# Detected MIME type -> extension of the stored file.
ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
}
ALLOWED_DESCRIPTION = "PDF, PNG, JPEG, DOCX, XLSX, ODT"
# What the file input offers; only a hint to the browser, the content check decides.
ACCEPT = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt"


def type_label(content_type: str) -> str:
    """What staff read for a stored file's type: "PDF", "DOCX"."""
    return ALLOWED_TYPES.get(content_type, content_type).upper()


@dataclass(frozen=True)
class CheckedUpload:
    file: UploadedFile
    content_type: str
    extension: str

    @property
    def original_name(self) -> str:
        # Shown back to people only; kept short and without any path the browser sent.
        name = (self.file.name or "").replace("\\", "/").rsplit("/", 1)[-1]
        return name[-200:] or f"file.{self.extension}"


def check_upload(file: UploadedFile) -> CheckedUpload:
    if file.size is not None and file.size > MAX_FILE_SIZE:
        raise ValidationError(
            _("%(name)s is larger than %(limit)s."),
            code="too_large",
            params={"name": file.name, "limit": filesizeformat(MAX_FILE_SIZE)},
        )
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("%(name)s is not a file type we accept. Allowed types: %(types)s."),
            code="file_type",
            params={"name": file.name, "types": ALLOWED_DESCRIPTION},
        )
    return CheckedUpload(file=file, content_type=kind.mime, extension=ALLOWED_TYPES[kind.mime])


def check_uploads(files: Sequence[UploadedFile]) -> list[CheckedUpload]:
    """Check every file and report every problem at once, so the user can fix them together."""
    if len(files) > MAX_FILES:
        raise ValidationError(
            ngettext(
                "You can attach at most %(limit)d file.",
                "You can attach at most %(limit)d files.",
                MAX_FILES,
            ),
            code="too_many",
            params={"limit": MAX_FILES},
        )
    checked, errors = [], []
    for file in files:
        try:
            checked.append(check_upload(file))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return checked


@dataclass(frozen=True)
class StoredUpload:
    name: str  # the random name in storage
    original_name: str
    content_type: str
    size: int


def store_uploads(uploads: Sequence[CheckedUpload]) -> list[StoredUpload]:
    """Write checked files to storage before the database transaction that records them.

    Writing first keeps the transaction (and the reference counter lock) short; if the
    transaction then fails, `discard_uploads` removes the files again.
    """
    stored: list[StoredUpload] = []
    try:
        for upload in uploads:
            upload.file.seek(0)
            name = default_storage.save(
                attachment_path(None, f"upload.{upload.extension}"),  # type: ignore[arg-type]
                upload.file,
            )
            stored.append(
                StoredUpload(name, upload.original_name, upload.content_type, upload.file.size or 0)
            )
    except Exception:
        discard_uploads(stored)
        raise
    return stored


def discard_uploads(stored: Sequence[StoredUpload]) -> None:
    for upload in stored:
        default_storage.delete(upload.name)


def record_attachments(case: Case, event: CaseEvent, stored: Sequence[StoredUpload]) -> list[Attachment]:
    """The attachment rows for files `store_uploads` wrote; called inside the service's transaction."""
    return Attachment.objects.bulk_create(
        Attachment(
            case=case,
            event=event,
            file=upload.name,
            original_name=upload.original_name,
            content_type=upload.content_type,
            size=upload.size,
            is_public=True,
            created_at=event.created_at,
        )
        for upload in stored
    )


def attachment_response(attachment: Attachment) -> FileResponse:
    """An attachment as a download: the type its content was checked to be, and a name of ours
    ("NL-2026-0042-17.pdf"), never the uploaded one, which could claim another type."""
    extension = ALLOWED_TYPES.get(attachment.content_type, "bin")
    try:
        content = attachment.file.open("rb")
    except FileNotFoundError:
        # The row outlived its file (a restore without the uploads): a missing page, not an error.
        raise Http404 from None
    return FileResponse(
        content,
        as_attachment=True,
        filename=f"{attachment.case.reference}-{attachment.pk}.{extension}",
        content_type=attachment.content_type
        if attachment.content_type in ALLOWED_TYPES
        else "application/octet-stream",
    )
