"""The autosave: the unsaved scenario, written every 30 s and shortly after each edit.

It is written atomically (:func:`ikeviz.scenario.fileformat.save_scenario`)
only while the document has unsaved changes, and removed when they are saved,
when the document they belong to is replaced (a file opened, New, a lesson) and
at a clean exit. Answering "Discard" does not remove it by itself: the edits
stay on screen until the document is actually replaced (the file dialog that
follows can still be cancelled).

Each running instance has its own autosave file
(:func:`ikeviz.gui.settings.autosave_path`) and holds a lock on it (a
:class:`QLockFile` in :func:`ikeviz.gui.settings.autosave_lock_folder`, with a
small JSON note: which file it is, which document it belongs to). At the next
start, an autosave whose lock can be taken belongs to an instance that is no
longer running, so it did not end normally: it is offered back. The autosave of
an instance still running is locked: it is neither offered nor removed by
another. An autosave without a note (older versions) is offered when it is
newer than the last clean exit.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from ikeviz.gui import settings as prefs
from ikeviz.gui.document import Document
from ikeviz.gui.errors import describe_os_error
from ikeviz.scenario.fileformat import save_scenario

INTERVAL_MS = 30_000
DEBOUNCE_MS = 1_500

# The locks this process holds, by autosave file (absolute path): the window of a new
# language takes over its predecessor's autosave, and its lock with it.
_held: dict[str, tuple[QLockFile, Autosaver]] = {}


def _key(path: Path) -> str:
    return hashlib.sha1(str(path.absolute()).encode("utf-8")).hexdigest()[:20]


def lock_file(path: Path) -> Path:
    """The lock of the autosave ``path`` (held while its instance runs)."""
    return prefs.autosave_lock_folder() / f"{_key(path)}.lock"


def note_file(path: Path) -> Path:
    """The note of the autosave ``path``: its file, the document's file, when."""
    return prefs.autosave_lock_folder() / f"{_key(path)}.json"


def _new_lock(path: Path) -> QLockFile:
    lock = QLockFile(str(lock_file(path)))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however old
    return lock


def _read_note(path: Path) -> dict[str, object] | None:
    try:
        data = json.loads(note_file(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write_note(path: Path, **values: object) -> None:
    note = note_file(path)
    data = _read_note(path) or {}
    data.update(values, autosave=str(path.absolute()), pid=os.getpid())
    try:
        note.parent.mkdir(parents=True, exist_ok=True)
        temporary = note.with_name(note.name + f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data), encoding="utf-8")
        temporary.replace(note)
    except OSError:
        pass  # the note helps the recovery; the autosave goes on without it


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


class Autosaver(QObject):
    """Keeps ``path`` up to date with the document's unsaved changes; holds its lock."""

    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, document: Document, path: Path, *, interval_ms: int = INTERVAL_MS,
                 debounce_ms: int = DEBOUNCE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.path = path
        self._lock: QLockFile | None = None
        self._claim()
        self._dirty = False
        self.last_error = ""
        self.periodic = QTimer(self)
        self.periodic.setInterval(interval_ms)
        self.periodic.timeout.connect(self.save_if_needed)
        self.periodic.start()
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(debounce_ms)
        self.debounce.timeout.connect(self.save_if_needed)
        document.edited.connect(self._edited)
        document.scenarioChanged.connect(self._changed)  # undo and redo too
        document.modifiedChanged.connect(self._modified_changed)
        document.opened.connect(self._opened)

    # --- the lock ---------------------------------------------------------------------------

    def _claim(self) -> None:
        """Lock ``path`` for this instance. The lock of another window of this process (a
        new language's window) is taken over; when another running instance holds it, this
        one writes a file of its own beside it instead."""
        for attempt in range(2):
            key = str(self.path.absolute())
            held = _held.get(key)
            if held is not None:
                self._lock = held[0]
                _held[key] = (held[0], self)
                break
            lock = _new_lock(self.path)
            try:
                lock_file(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                pass
            if lock.tryLock(0):
                self._lock = lock
                _held[key] = (lock, self)
                break
            if lock.error() != QLockFile.LockError.LockFailedError or attempt:
                return  # cannot lock at all (a read-only folder): autosave without one
            stem = self.path.name.removesuffix(".toml")
            self.path = self.path.with_name(
                f"{stem}-{os.getpid()}-{os.urandom(4).hex()}.toml")
        _write_note(self.path)

    @property
    def locked(self) -> bool:
        return self._lock is not None

    def release(self) -> None:
        """The instance ends: the lock and the note go (the autosave was discarded)."""
        key = str(self.path.absolute())
        held = _held.get(key)
        if held is None or held[1] is not self:
            return  # another window of this process has it now
        del _held[key]
        if not self.path.exists():
            _unlink(note_file(self.path))
        held[0].unlock()
        self._lock = None

    # --- writing ----------------------------------------------------------------------------

    def _edited(self) -> None:
        self._dirty = True
        self.debounce.start()

    def _changed(self) -> None:
        if self.document.modified:
            self._dirty = True
            self.debounce.start()

    def _modified_changed(self, modified: bool) -> None:
        if not modified:
            self.discard()

    def _opened(self) -> None:
        """Another document replaced the one on screen: its autosave goes, or (unsaved from
        the start: a recovered autosave, a capture's negotiation) is the new one's."""
        if self.document.modified:
            self._dirty = True
            self.save_now()
        else:
            self.discard()

    def save_if_needed(self) -> None:
        if self._dirty and self.document.modified:
            self.save_now()

    def save_now(self) -> bool:
        """Write the autosave now; False (and ``failed``) when it cannot be written."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            save_scenario(self.document.scenario, self.path, include_secrets=True)
        except OSError as exc:
            self.last_error = describe_os_error(exc, self.path)
            self.failed.emit(self.last_error)
            return False
        except ValueError as exc:
            self.last_error = str(exc)
            self.failed.emit(self.last_error)
            return False
        self._dirty = False
        source = self.document.path
        _write_note(self.path, document_path=str(source) if source else "", time=time.time())
        self.saved.emit(str(self.path))
        return True

    def discard(self) -> None:
        """Remove the autosave (the changes were saved, or the document is gone)."""
        self._dirty = False
        self.debounce.stop()
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            self.last_error = str(exc)


def record_clean_exit() -> None:
    prefs.set_value("session/clean_exit", time.time())


def recoverable(path: Path) -> bool:
    """An autosave left by a run that did not end cleanly (newer than the last clean exit)."""
    try:
        modified = path.stat().st_mtime
    except OSError:
        return False
    return modified > prefs.get_float("session/clean_exit", 0.0)


@dataclass
class Orphan:
    """An autosave left by an instance that is not running any more (or older versions)."""

    path: Path
    source: str  # the document's file, "" for an untitled one
    mtime: float
    own: bool  # this instance's own file (given explicitly, left by its predecessor)
    lock: QLockFile | None = field(default=None, repr=False)

    def release(self) -> None:
        """Leave it for the next start."""
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None

    def remove(self) -> None:
        """Recovered or declined: the file, its note and its lock go."""
        _unlink(self.path)
        if not self.own:
            _unlink(note_file(self.path))
            self.release()


def orphaned_autosaves(autosaver: Autosaver) -> list[Orphan]:
    """The autosaves to offer back, newest first, each locked (another instance starting
    now does not offer it too) until :meth:`Orphan.remove` or :meth:`Orphan.release`.

    Those of instances that ended without a clean exit (their lock is stale), and a file
    without a note (this instance's own path, given explicitly, or the single autosave of
    older versions) that is newer than the last clean exit."""
    own = autosaver.path.absolute()
    found: list[Orphan] = []
    seen: set[Path] = set()

    def consider(path: Path, noted: bool) -> None:
        path = path.absolute()
        if path in seen:
            return
        seen.add(path)
        try:
            mtime = path.stat().st_mtime
        except OSError:
            mtime = -1.0
        if path == own:
            if mtime >= 0 and recoverable(path):
                note = _read_note(path) or {}
                source = str(note.get("document_path", "")) if note.get("time") else ""
                found.append(Orphan(path, source or prefs.get_str("autosave/document_path"),
                                    mtime, own=True))
            return
        if str(path) in _held:
            return  # another window of this process
        lock = _new_lock(path)
        if not lock.tryLock(0):
            return  # a running instance's: not ours to offer or remove
        note = _read_note(path)
        if mtime < 0:
            if noted:  # a crash with nothing unsaved: only its lock and note were left
                _unlink(note_file(path))
            lock.unlock()
            return
        if note is None and not recoverable(path):
            lock.unlock()
            return
        source = str(note.get("document_path", "")) if note else prefs.get_str(
            "autosave/document_path")
        found.append(Orphan(path, source, mtime, own=False, lock=lock))

    if autosaver.path.exists():
        consider(autosaver.path, False)
    folder = prefs.autosave_lock_folder()
    try:
        notes = sorted(folder.glob("*.json"))
    except OSError:
        notes = []
    for note_path in notes:
        try:
            data = json.loads(note_path.read_text(encoding="utf-8"))
            target = Path(str(data["autosave"]))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if note_path.name == note_file(target).name:
            consider(target, True)
    # The single autosave of older versions, in this instance's folder (not another's).
    legacy = autosaver.path.with_name(prefs.autosave_base().name)
    if legacy.exists():
        consider(legacy, False)
    found.sort(key=lambda orphan: orphan.mtime, reverse=True)
    return found
