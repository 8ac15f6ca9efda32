"""Fixtures of the GUI tests: offscreen Qt, settings in a temporary folder, no stray dialogs.

Any Qt warning (or worse) logged during a test fails it.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings, QtMsgType  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

import ikeviz.gui  # noqa: E402,F401 - protects None before any Qt call
from ikeviz.gui.document import Document  # noqa: E402
from ikeviz.gui.mainwindow import MainWindow  # noqa: E402
from ikeviz.gui.proposals import _CellDelegate  # noqa: E402
from ikeviz.scenario.fileformat import load_scenario  # noqa: E402
from ikeviz.scenario.lessons import DEFAULT_SCENARIO, lesson_path  # noqa: E402

_BAD = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
# The offscreen platform plugin says this whenever a top-level window is shown: it is
# about the plugin, not about the application.
PLATFORM_NOISE = ("This plugin does not support propagateSizeHints()",)


@pytest.fixture(autouse=True)
def fail_on_qt_warnings(qtlog: Any) -> Iterator[None]:
    yield
    bad = [f"{r.type.name}: {r.message}" for r in qtlog.records
           if r.type in _BAD and r.message not in PLATFORM_NOISE]
    if bad:
        pytest.fail("Qt warnings were logged:\n" + "\n".join(bad))


@pytest.fixture(autouse=True)
def settings_dir(tmp_path: Path, qapp: QApplication) -> Path:
    """QSettings in a temporary folder, organisation and application "ikeviz"."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    qapp.setOrganizationName("ikeviz")
    qapp.setApplicationName("ikeviz")
    return folder


class Dialogs:
    """Stands in for QMessageBox: records what was asked, answers what the test says."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.answers: dict[str, QMessageBox.StandardButton] = {}

    def answer(self, kind: str, button: QMessageBox.StandardButton) -> None:
        self.answers[kind] = button

    def make(self, kind: str) -> Any:
        def box(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            self.calls.append((kind, title, text))
            if kind not in self.answers:
                raise AssertionError(f"unexpected {kind} message box: {title}: {text}")
            return self.answers[kind]

        return box

    def titles(self) -> list[str]:
        return [title for _kind, title, _text in self.calls]


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    """No real message box in a test: an unexpected one fails it instead of hanging."""
    stub = Dialogs()
    for kind in ("warning", "question", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(stub.make(kind)))
    monkeypatch.setattr(_CellDelegate, "popup_on_open", False)
    return stub


@pytest.fixture
def default_scenario() -> Any:
    return load_scenario(lesson_path(DEFAULT_SCENARIO))


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, default_scenario: Any) -> Iterator[MainWindow]:
    win = MainWindow(Document(default_scenario), autosave_path=tmp_path / "autosave.toml",
                     restore_layout=False)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.view.setFocus()
    yield win
    # Nothing to save at the end of a test: closing must not ask.
    win.stop_playing()
    win.document._force_modified = False
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()
