"""Where the application keeps its preferences, window layout, recent files and the
user's folders of lessons.

Everything is in one ``QSettings`` INI file of organisation "ikeviz",
application "ikeviz" (``~/.config/ikeviz/ikeviz.ini`` on Linux); tests point
it elsewhere with ``QSettings.setPath``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

ORGANIZATION = "ikeviz"
APPLICATION = "ikeviz"
MAX_RECENT = 10


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION,
                     APPLICATION)


def get_str(key: str, default: str = "") -> str:
    value = settings().value(key, default)
    return str(value) if value is not None else default


def get_float(key: str, default: float) -> float:
    try:
        return float(settings().value(key, default))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def get_bool(key: str, default: bool) -> bool:
    value = settings().value(key, default)
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)


def set_value(key: str, value: object) -> None:
    store = settings()
    store.setValue(key, value)
    store.sync()


def get_list(key: str) -> list[str]:
    """A list of strings (QSettings gives one string back for a one-item list, and
    nothing for an empty one, depending on the format)."""
    value: object = settings().value(key, [])
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    return []


def recent_files() -> list[str]:
    return get_list("files/recent")


def add_recent_file(path: str | Path) -> list[str]:
    text = str(Path(path).resolve())
    files = [f for f in recent_files() if f != text]
    files.insert(0, text)
    del files[MAX_RECENT:]
    set_value("files/recent", files)
    return files


def remove_recent_file(path: str) -> list[str]:
    files = [f for f in recent_files() if f != path]
    set_value("files/recent", files)
    return files


def clear_recent_files() -> None:
    set_value("files/recent", [])


def lesson_folders() -> list[str]:
    """The user's own folders of lessons (``lessons/folders``), in the order added."""
    return get_list("lessons/folders")


def add_lesson_folder(folder: str | Path) -> list[str]:
    text = str(Path(folder).resolve())
    folders = lesson_folders()
    if text not in folders:
        folders.append(text)
        set_value("lessons/folders", folders)
    return folders


def remove_lesson_folder(folder: str | Path) -> list[str]:
    folders = [f for f in lesson_folders() if f != str(folder)]
    set_value("lessons/folders", folders)
    return folders


def autosave_base() -> Path:
    """Where the autosaves go: ``autosave/path`` of the settings, else ``autosave.toml`` in
    the app data folder. Each running instance writes its own file beside it
    (:func:`autosave_path`); the base name itself is the autosave of older versions."""
    configured = get_str("autosave/path")
    if configured:
        return Path(configured)
    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation) or str(Path.home() / ".ikeviz")
    return Path(folder) / "autosave.toml"


def autosave_path() -> Path:
    """A new autosave file for this running instance: ``autosave-<pid>-<random>.toml``
    beside :func:`autosave_base` (two instances never write the same file)."""
    base = autosave_base()
    stem = base.name.removesuffix(".toml")
    return base.with_name(f"{stem}-{os.getpid()}-{secrets.token_hex(4)}.toml")


def autosave_lock_folder() -> Path:
    """The running instances' autosave locks and notes, beside the settings file."""
    return Path(settings().fileName()).parent / "autosave-locks"
