"""File storage that never leaves half a file behind.

Django's FileSystemStorage writes an upload straight to its final name; when the disk fills up
or turns read-only halfway, the truncated file stays there, looking like a stored attachment.
Here the content goes to a temporary file in the same folder first and is linked to its name
only once it is complete, so a failed write leaves nothing.
"""

import contextlib
import os
import tempfile
from pathlib import Path

from django.core.files.base import File
from django.core.files.storage import FileSystemStorage


class CompleteFileStorage(FileSystemStorage):
    def _save(self, name: str, content: File) -> str:
        folder = Path(self.path(name)).parent
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".partial-")
        try:
            with os.fdopen(handle, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk.encode() if isinstance(chunk, str) else chunk)
                out.flush()
                os.fsync(out.fileno())
            # mkstemp makes the file private to its owner; the web and worker processes share one
            # user, and a group (a backup job) may read.
            os.chmod(temporary, self.file_permissions_mode or 0o640)
            while True:
                try:
                    # A hard link never replaces an existing file, unlike a rename.
                    os.link(temporary, self.path(name))
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                except OSError:
                    # A file system without hard links: rename, which the random names keep safe.
                    name = self.get_available_name(name)
                    os.replace(temporary, self.path(name))
                    break
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        return str(name).replace("\\", "/")
