"""Where uploaded files are kept: Django's file-system storage, tidied after a full disk.

Django leaves the part of a file it managed to write when the disk fills up. The upload
fails and its record is not saved, so that part belongs to nothing; it is removed here
so the little space left is not eaten by fragments of uploads that never happened.
"""

import contextlib
import errno
import os

from django.core.files.storage import FileSystemStorage

#: "No space left on device" and "Disk quota exceeded".
DISK_FULL = {errno.ENOSPC, errno.EDQUOT}


def is_disk_full(error):
    return isinstance(error, OSError) and error.errno in DISK_FULL


class MediaStorage(FileSystemStorage):
    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError as error:
            if is_disk_full(error):
                # `name` is the one save() just found free, under the record's own folder
                # (e.g. grants/nominations/<id>/), so the file there is this upload's part.
                with contextlib.suppress(FileNotFoundError):
                    os.remove(self.path(name))
            raise
