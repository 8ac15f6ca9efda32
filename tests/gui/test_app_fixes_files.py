"""Fixes of the tester's report: the autosave kept while the edits are on screen (D1), one
autosave per running instance with a lock (D2), save errors in words (D10), recent files
told apart (D11), an emptied pre-shared key (D9)."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ikeviz.gui import autosave
from ikeviz.gui import settings as prefs
from ikeviz.gui.document import Document
from ikeviz.gui.errors import describe_os_error
from ikeviz.gui.mainwindow import MainWindow, recent_labels
from ikeviz.scenario.fileformat import load_scenario, save_scenario
from ikeviz.scenario.lessons import lesson_path

Button = QMessageBox.StandardButton
ROOT = Path(__file__).resolve().parents[2]


def rename_left(window: MainWindow, name: str) -> None:
    """Type a new name for the left gateway, as the user does."""
    edit = window.left_editor.name_edit
    edit.selectAll()
    edit.insert(name)
    edit.textEdited.emit(edit.text())


def wait_for_autosave(window: MainWindow, qtbot: Any) -> Path:
    window.autosaver.debounce.setInterval(10)
    path = window.autosaver.path
    qtbot.waitUntil(path.exists, timeout=3000)
    return path


# --- D1: Discard, then Cancel ----------------------------------------------------------


def test_discard_then_cancel_keeps_the_autosave(window: MainWindow, qtbot: Any, dialogs: Any,
                                                monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    rename_left(window, "Edited gateway")
    path = wait_for_autosave(window, qtbot)
    dialogs.answer("warning", Button.Discard)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    window.open_action.trigger()  # Ctrl+O, Discard, Cancel
    assert dialogs.titles() == ["Unsaved changes"]
    assert window.document.modified
    assert window.document.scenario.left.name == "Edited gateway"
    assert path.exists(), "the autosave of the edits still on screen was deleted"
    assert load_scenario(path).left.name == "Edited gateway"

    # A file that cannot be opened: the edits stay, and their autosave too.
    broken = tmp_path / "broken.toml"
    broken.write_text("not = [a scenario", encoding="utf-8")
    assert not window.open_path(broken, ask=False)
    assert window.document.modified and path.exists()

    # Opening a file does replace the document: then the autosave goes.
    other = tmp_path / "other.ikeviz.toml"
    save_scenario(load_scenario(lesson_path("wrong-psk")), other)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(other), "")))
    window.open_action.trigger()
    assert window.document.path == other and not window.document.modified
    assert not path.exists()


def test_discard_then_new_or_a_lesson_removes_the_autosave_only_then(
        window: MainWindow, qtbot: Any, dialogs: Any) -> None:
    rename_left(window, "Edited gateway")
    path = wait_for_autosave(window, qtbot)
    dialogs.answer("warning", Button.Discard)
    window.new_action.trigger()
    assert not window.document.modified
    assert not path.exists()

    rename_left(window, "Edited again")
    path = wait_for_autosave(window, qtbot)
    dialogs.answer("warning", Button.Discard)  # then "Cannot open the lesson": closed
    assert not window.open_lesson(Path("/nonexistent/lesson.toml"))
    assert dialogs.titles()[-2:] == ["Unsaved changes", "Cannot open the lesson"]
    assert window.document.modified and path.exists()
    assert window.open_lesson(lesson_path("wrong-psk"))
    assert not path.exists()


# --- D2: one autosave per instance, locked -------------------------------------------------

CHILD = """
import os, sys, time
sys.path.insert(0, {root!r})
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import ikeviz.gui
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(["ikeviz"])
app.setOrganizationName("ikeviz")
app.setApplicationName("ikeviz")
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {settings!r})
from dataclasses import replace
from ikeviz.gui.autosave import Autosaver
from ikeviz.gui.document import Document
from ikeviz.scenario.fileformat import load_scenario
from ikeviz.scenario.lessons import DEFAULT_SCENARIO, lesson_path
document = Document(load_scenario(lesson_path(DEFAULT_SCENARIO)))
saver = Autosaver(document, Path({target!r}), interval_ms=10**9, debounce_ms=10**9)
scenario = document.scenario
document.edit(replace(scenario, left=replace(scenario.left, name="Other instance")), "name")
assert saver.save_now(), saver.last_error
print("ready", saver.path, flush=True)
time.sleep(120)
"""


def _other_instance(settings_dir: Path, target: Path) -> subprocess.Popen[str]:
    """Another running ikeviz (a child process) holding the autosave ``target``."""
    code = textwrap.dedent(CHILD).format(root=str(ROOT), settings=str(settings_dir),
                                         target=str(target))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def test_a_running_instances_autosave_is_neither_offered_nor_deleted(
        qtbot: Any, tmp_path: Path, settings_dir: Path, dialogs: Any,
        default_scenario: Any) -> None:
    prefs.set_value("autosave/path", str(tmp_path / "autosaves" / "autosave.toml"))
    target = prefs.autosave_path()  # what the other instance would use
    assert target.parent == tmp_path / "autosaves"
    assert target != prefs.autosave_path()  # one file per running instance
    child = _other_instance(settings_dir, target)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("ready"), child.stderr.read() if child.stderr else line
        assert target.exists()

        # A second instance: its own autosave, beside the other one.
        own = target.with_name("autosave-second.toml")
        win = MainWindow(Document(default_scenario), autosave_path=own, restore_layout=False)
        qtbot.addWidget(win)
        assert win.autosaver.path != target
        assert not win.offer_recovery()  # no question: the other instance is alive
        assert dialogs.calls == []
        win.close()
        assert target.exists(), "a second instance deleted a live instance's autosave"
        assert load_scenario(target).left.name == "Other instance"
    finally:
        child.send_signal(signal.SIGKILL)  # the other instance crashes
        child.wait(timeout=30)
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()

    # The next start offers what the crashed instance left, then removes it.
    again = MainWindow(Document(default_scenario),
                       autosave_path=target.with_name("autosave-third.toml"),
                       restore_layout=False)
    qtbot.addWidget(again)
    dialogs.answer("question", Button.Yes)
    assert again.offer_recovery()
    assert dialogs.titles() == ["Recover unsaved changes?"]
    assert again.document.modified
    assert again.document.scenario.left.name == "Other instance"
    assert not target.exists()
    assert not autosave.lock_file(target).exists()
    assert again.autosaver.path.exists()  # the recovered edits are autosaved at once
    dialogs.answer("warning", Button.Discard)
    again.close()
    assert not again.autosaver.path.exists()
    assert not autosave.lock_file(again.autosaver.path).exists()


def test_a_window_cannot_take_another_instances_locked_file(
        qtbot: Any, tmp_path: Path, settings_dir: Path, default_scenario: Any) -> None:
    target = tmp_path / "shared.toml"
    child = _other_instance(settings_dir, target)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().startswith("ready")
        # The same file asked for (a fixed autosave/path): this window writes its own.
        win = MainWindow(Document(default_scenario), autosave_path=target,
                         restore_layout=False)
        qtbot.addWidget(win)
        assert win.autosaver.path != target
        assert win.autosaver.path.parent == target.parent
        win.close()
        assert target.exists()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()


# --- D10: save errors in words --------------------------------------------------------------


@pytest.mark.parametrize(("code", "reason"), [
    (errno.EROFS, "the file system is read-only"),
    (errno.EACCES, "permission denied"),
    (errno.ENOSPC, "the disk is full"),
    (errno.ENOENT, "the folder /x does not exist"),
])
def test_save_errors_name_the_file_and_say_why(window: MainWindow, dialogs: Any,
                                               monkeypatch: pytest.MonkeyPatch, code: int,
                                               reason: str) -> None:
    def failing(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(code, os.strerror(code), "/x/.one.ikeviz.toml.c762.tmp")

    monkeypatch.setattr(window.document, "save", failing)
    dialogs.answer("critical", Button.Ok)
    assert not window._save_to(Path("/x/one.ikeviz.toml"))
    _kind, title, text = dialogs.calls[-1]
    assert title == "Cannot save the scenario"
    assert text.startswith(f"/x/one.ikeviz.toml could not be saved: {reason}")
    assert ".tmp" not in text and "Errno" not in text and "c762" not in text


def test_describe_os_error_in_words() -> None:
    assert describe_os_error(OSError(errno.EROFS, "x", "/a/.b.tmp")) == (
        "the file system is read-only")
    assert describe_os_error(OSError(errno.EDQUOT, "x")) == "the disk is full"
    assert describe_os_error(OSError(errno.EACCES, "x"), "/a/b.toml") == (
        "permission denied: you may not write to this file or in the folder /a")


# --- D11: recent files told apart -----------------------------------------------------------


def test_recent_files_with_the_same_name_show_their_folders(window: MainWindow,
                                                            tmp_path: Path) -> None:
    first = tmp_path / "lab" / "a" / "one.ikeviz.toml"
    second = tmp_path / "home" / "a" / "one.ikeviz.toml"
    third = tmp_path / "two.ikeviz.toml"
    prefs.set_value("files/recent", [str(first), str(third), str(second)])
    window._fill_recent_menu()
    texts = [a.text() for a in window.recent_menu.actions() if a.toolTip()]
    assert texts[1] == "&2 two.ikeviz.toml"  # a unique name: just the name
    assert texts[0] != texts[2].replace("&3", "&1")
    assert texts[0].startswith("&1 one.ikeviz.toml") and "lab/a" in texts[0]
    assert texts[2].startswith("&3 one.ikeviz.toml") and "home/a" in texts[2]
    assert recent_labels(["/x/one.toml", "/y/one.toml"]) == ["one.toml — …/x",
                                                            "one.toml — …/y"]
    assert recent_labels(["/a&b/r.toml", "/c/r.toml"])[0] == "r.toml — …/a&b"
    prefs.set_value("files/recent", ["/a&b/r.toml", "/c/r.toml"])
    window._fill_recent_menu()
    assert window.recent_menu.actions()[0].text() == "&1 r.toml — …/a&&b"


# --- D9: the pre-shared key emptied in the editor --------------------------------------------


def test_an_emptied_psk_says_to_enter_it(window: MainWindow, qtbot: Any) -> None:
    edit = window.left_editor.psk_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    doc = window.document
    assert doc.scenario.left.psk is None
    name = doc.scenario.left.name
    assert doc.error == (f"{name}: the pre-shared key is empty: enter it in the gateway's "
                         "settings (Authentication, Pre-shared key)")
    assert "scenario file" not in doc.error
    window._update_status()
    assert "pre-shared key is empty" in window.status_info.text()
    qtbot.keyClicks(edit, "a new key")
    assert doc.error == "" and doc.diagnosis is not None
