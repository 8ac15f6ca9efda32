"""Unexpected exceptions: autosaved first, a report to copy (without the PSK), the app stays up."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton

from ikeviz import __version__
from ikeviz.gui import settings as prefs
from ikeviz.gui.crash import SCRUBBED, CrashDialog, CrashHandler, install_crash_handler, scrub
from ikeviz.gui.mainwindow import MainWindow
from ikeviz.scenario.fileformat import load_scenario

PSK = "Tr0ub4dor-lab-key"


class Shown:
    """Stands in for CrashDialog.exec (returns at once): records what each dialog showed,
    whether the autosave was on disk then, and runs ``during`` while it is "open"."""

    def __init__(self, autosave: Path) -> None:
        self.autosave = autosave
        self.count = 0
        self.autosave_then: list[bool] = []
        self.reports: list[str] = []
        self.messages: list[str] = []
        self.during: Any = None

    def exec(self, dialog: CrashDialog) -> int:
        self.count += 1
        self.autosave_then.append(self.autosave.exists())
        self.reports.append(dialog.text.toPlainText())
        self.messages.append(dialog.message.text())
        assert dialog.report == self.reports[-1]
        if self.during is not None:
            self.during(dialog)
        return 0


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Shown:
    recorder = Shown(tmp_path / "autosave.toml")
    monkeypatch.setattr(CrashDialog, "exec", lambda self: recorder.exec(self))
    return recorder


@pytest.fixture
def handler(window: MainWindow) -> Iterator[CrashHandler]:
    installed = install_crash_handler(window)
    try:
        yield installed
    finally:
        installed.uninstall()


def edit_psk(window: MainWindow) -> None:
    """An unsaved edit: the right gateway's pre-shared key becomes PSK."""
    doc = window.document
    right = replace(doc.scenario.right, psk=PSK)
    left = replace(doc.scenario.left, psk=PSK)
    doc.edit(replace(doc.scenario, left=left, right=right), "Change both PSKs")
    window.autosaver.debounce.stop()  # only the crash handler writes the autosave here
    assert doc.modified


def button_that_raises(window: MainWindow, message: str) -> QPushButton:
    button = QPushButton("Go", window)
    button.setObjectName("crashButton")

    def slot() -> None:
        raise RuntimeError(message)

    button.clicked.connect(slot)
    button.show()
    return button


def test_an_exception_in_a_slot_shows_the_report_after_the_autosave(
        window: MainWindow, qtbot: Any, tmp_path: Path, shown: Shown,
        handler: CrashHandler) -> None:
    assert sys.excepthook == handler._hook
    edit_psk(window)
    autosave = tmp_path / "autosave.toml"
    assert not autosave.exists()
    button = button_that_raises(window, f"cannot derive SKEYID from {PSK!r}")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown.count > 0, timeout=3000)

    # The autosave was written first, with the unsaved work.
    assert shown.autosave_then == [True]
    assert load_scenario(autosave) == window.document.scenario
    # The report: traceback, versions, the scenario, never the PSK.
    report = shown.reports[0]
    assert "Traceback (most recent call last)" in report
    assert "RuntimeError: cannot derive SKEYID from '«secret»'" in report
    assert "in slot" in report
    assert f"ikeviz:     {__version__}\n" in report
    assert f"Python:     {sys.version.split()[0]} (CPython)\n" in report
    assert f"Qt:         PySide6 {PYSIDE_VERSION} · Qt {qVersion()} · offscreen\n" in report
    assert f"Scenario:   {window.document.scenario.title} (unsaved changes)\n" in report
    assert f"Autosave:   written to {autosave}\n" in report
    assert "Last edits: Change both PSKs\n" in report
    assert PSK not in report
    assert PSK.encode().hex() not in report
    message = shown.messages[0]
    assert PSK not in message
    assert "RuntimeError" in message
    assert "were kept in" in message
    # The application is still running, the window still works.
    assert window.isVisible()
    assert not QApplication.closingDown()
    window.document.first_step()
    window.next_action.trigger()
    assert window.document.step == 1
    assert window.document.scenario.right.psk == PSK


def test_the_same_fault_again_is_not_shown_twice(window: MainWindow, qtbot: Any,
                                                 shown: Shown, handler: CrashHandler) -> None:
    button = button_that_raises(window, "always")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown.count > 0, timeout=3000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert shown.count == 1
    assert window.statusBar().currentMessage().startswith(
        "The same unexpected error again (2 times): RuntimeError: always")
    # Nothing unsaved: no autosave, and the dialog says so.
    assert "no unsaved changes" in shown.messages[0]
    assert "Autosave:   not needed" in shown.reports[0]


def test_an_exception_in_another_thread_is_shown_in_the_gui_thread(
        window: MainWindow, qtbot: Any, tmp_path: Path, shown: Shown,
        handler: CrashHandler) -> None:
    edit_psk(window)

    def work() -> None:
        raise ValueError(f"worker failed with {PSK}")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: shown.count > 0, timeout=3000)
    assert shown.autosave_then == [True]
    assert "ValueError: worker failed with «secret»" in shown.reports[0]
    assert PSK not in shown.reports[0]


def test_copy_report_puts_it_on_the_clipboard(window: MainWindow, qtbot: Any,
                                              shown: Shown, handler: CrashHandler) -> None:
    copied: list[tuple[str, str, str]] = []

    def copy(dialog: CrashDialog) -> None:
        dialog.copy_button.click()
        copied.append((QGuiApplication.clipboard().text(), dialog.report,
                       dialog.copy_button.text()))

    shown.during = copy
    button = button_that_raises(window, "copy me")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown.count > 0, timeout=3000)
    clipboard, report, label = copied[0]
    assert clipboard == report and "RuntimeError: copy me" in clipboard
    assert label == "Copied"


def test_scrub_replaces_every_form_of_a_secret() -> None:
    text = "psk=abc, b'hunter2-key' 68756e746572322d6b6579 ok, word ab in a tab"
    out = scrub(text, {"hunter2-key", "ab"})
    assert "hunter2-key" not in out and "68756e746572322d6b6579" not in out
    assert "word «secret» in a tab" in out  # a short secret: whole words only
    assert "abc" in out
    assert out.count(SCRUBBED) == 3


def test_run_gui_installs_the_handler_and_removes_it_after(
        qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    from ikeviz.gui import app as gui_app

    monkeypatch.setattr(prefs, "autosave_path", lambda: tmp_path / "autosave.toml")
    seen: list[Any] = []
    before = sys.excepthook

    def fake_exec(_self: Any = None) -> int:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append((widget, sys.excepthook, widget.crash_handler))
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert gui_app.run_gui([]) == 0
    window, hook, crash_handler = seen[-1]
    qtbot.addWidget(window)
    assert crash_handler is not None and hook == crash_handler._hook
    assert sys.excepthook == before
