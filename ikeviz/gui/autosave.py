"""The autosave: the unsaved scenario, written every 30 s and shortly after each edit.

It is written atomically (:func:`ikeviz.scenario.fileformat.save_scenario`)
only while the document has unsaved changes, and removed when they are saved
or discarded and at a clean exit. At the next start, an autosave newer than
the last clean exit means the application did not end normally: it is
offered back.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ikeviz.gui import settings as prefs
from ikeviz.gui.document import Document
from ikeviz.scenario.fileformat import save_scenario

INTERVAL_MS = 30_000
DEBOUNCE_MS = 1_500


class Autosaver(QObject):
    """Keeps ``path`` up to date with the document's unsaved changes."""

    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, document: Document, path: Path, *, interval_ms: int = INTERVAL_MS,
                 debounce_ms: int = DEBOUNCE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.path = path
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

    def save_if_needed(self) -> None:
        if self._dirty and self.document.modified:
            self.save_now()

    def save_now(self) -> bool:
        """Write the autosave now; False (and ``failed``) when it cannot be written."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            save_scenario(self.document.scenario, self.path, include_secrets=True)
        except (OSError, ValueError) as exc:
            self.last_error = str(exc)
            self.failed.emit(self.last_error)
            return False
        self._dirty = False
        source = self.document.path
        prefs.set_value("autosave/document_path", str(source) if source else "")
        prefs.set_value("autosave/time", time.time())
        self.saved.emit(str(self.path))
        return True

    def discard(self) -> None:
        """Remove the autosave (the changes were saved or dropped)."""
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
