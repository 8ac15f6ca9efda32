"""Why a file could not be written, in words: for the messages of the window.

``str(OSError)`` gives "[Errno 30] Read-only file system: '/x/.one.ikeviz.toml.c762.tmp'":
a number and, for an atomic save, the hidden temporary file. :func:`describe_os_error`
gives "the file system is read-only" instead, and :func:`cannot_write` the sentence
that names the file the user chose.
"""

from __future__ import annotations

import errno
from pathlib import Path

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def describe_os_error(exc: OSError, path: Path | str | None = None) -> str:
    """The reason of ``exc`` in words, without the temporary file's name or the errno."""
    code = exc.errno
    folder = str(Path(path).parent) if path is not None else ""
    if code == errno.EROFS:
        return translate("errors", "the file system is read-only")
    if code in (errno.EACCES, errno.EPERM):
        if folder:
            return translate("errors", "permission denied: you may not write to this file "
                             "or in the folder {folder}").format(folder=folder)
        return translate("errors", "permission denied")
    if code in (errno.ENOSPC, errno.EDQUOT):
        return translate("errors", "the disk is full")
    if code == errno.ENOTDIR and folder:
        return translate("errors", "{folder} is not a folder").format(folder=folder)
    if code in (errno.ENOENT, errno.ENOTDIR):
        if folder:
            return translate("errors", "the folder {folder} does not exist").format(
                folder=folder)
        return translate("errors", "the folder does not exist")
    if code == errno.EISDIR:
        return translate("errors", "a folder has this name")
    if code == errno.ENAMETOOLONG:
        return translate("errors", "the name is too long")
    if code == errno.EIO:
        return translate("errors", "the disk could not be written (input/output error)")
    reason = exc.strerror or str(exc)
    return reason[:1].lower() + reason[1:]


def cannot_write(path: Path | str, exc: OSError | ValueError, *, export: bool = False) -> str:
    """"Cannot save /x/one.ikeviz.toml: the file system is read-only." (a ValueError: the
    scenario itself cannot be written, its own text)."""
    if isinstance(exc, OSError):
        reason = describe_os_error(exc, path)
    else:
        reason = str(exc)
    text = (translate("errors", "{file} could not be written: {reason}.") if export
            else translate("errors", "{file} could not be saved: {reason}."))
    return text.format(file=str(path), reason=reason.rstrip("."))
