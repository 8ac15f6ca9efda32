"""The main window, driven as a user drives it: keys, combo boxes, buttons, files."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from ikeviz.gui import settings as prefs
from ikeviz.gui.document import Document
from ikeviz.gui.mainwindow import MainWindow
from ikeviz.render.diagram import RowKind
from ikeviz.scenario.fileformat import load_scenario, save_scenario
from ikeviz.scenario.lessons import lesson_path
from ikeviz.scenario.model import Side

MAIN_SEQUENCE = ["MM1", "MM2", "MM3", "MM4", "MM5", "MM6", "QM1", "QM2", "QM3"]
Button = QMessageBox.StandardButton


def key(qtbot: Any, window: MainWindow, k: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press as the user makes it: to the focused diagram of the active window."""
    qtbot.keyClick(window.view, k, modifier)


def set_right_group(window: MainWindow, group: int) -> None:
    """Choose the DH group of the right gateway's first phase-1 proposal in its combo box."""
    combo = window.right_editor.phase1.combo(0, "group")
    combo.set_value(group)


# --- stepping ---------------------------------------------------------------------------


def test_steps_through_the_nine_messages_with_the_keyboard(window: MainWindow, qtbot: Any) -> None:
    doc = window.document
    assert [r.label for r in doc.diagram.rows] == MAIN_SEQUENCE
    assert doc.step == 9  # opens on the whole negotiation

    key(qtbot, window, Qt.Key.Key_Home)
    assert doc.step == 0
    assert doc.selected_row == -1
    assert window.step_label.text().startswith("Start")
    for number, label in enumerate(MAIN_SEQUENCE, 1):
        key(qtbot, window, Qt.Key.Key_Right)
        assert doc.step == number
        assert doc.selected_row == number - 1  # the row stepped to is highlighted
        assert window.view.highlight_row() == number - 1
        assert label in window.step_label.text()
    key(qtbot, window, Qt.Key.Key_Right)  # nothing after the last one
    assert doc.step == 9
    key(qtbot, window, Qt.Key.Key_Left)
    assert doc.step == 8
    key(qtbot, window, Qt.Key.Key_End)
    assert doc.step == 9
    assert not window.next_action.isEnabled()


def test_space_plays_and_pauses(window: MainWindow, qtbot: Any) -> None:
    doc = window.document
    window.set_speed(4.0)
    window.play_timer.setInterval(5)
    key(qtbot, window, Qt.Key.Key_Space)  # at the end: plays from the start
    assert window.playing
    qtbot.waitUntil(lambda: doc.at_end and not window.playing, timeout=5000)
    doc.first_step()
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_Space)  # pause
    assert not window.playing
    assert doc.step < 9


def test_a_click_on_an_arrow_selects_it(window: MainWindow, qtbot: Any) -> None:
    canvas = window.view.canvas
    target = canvas.row_center(4)  # MM5
    window.view.ensureVisible(target.x(), target.y(), 10, 60)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=target)
    assert window.document.selected_row == 4
    if window.inspector is not None:
        event = window.inspector.event_shown()
        assert event is not None and event.label == "MM5"
    # A click outside the rows selects nothing new.
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert window.document.selected_row == 4


def test_rows_after_the_step_are_not_clickable(window: MainWindow, qtbot: Any) -> None:
    doc = window.document
    doc.set_step(2)
    assert window.view.canvas.row_at(window.view.canvas.row_center(5)) == -1
    assert window.view.canvas.row_at(window.view.canvas.row_center(1)) == 1


# --- editing and diagnosing ------------------------------------------------------------------


def test_peer_dh_group_change_fails_at_main_mode_message_2(window: MainWindow) -> None:
    doc = window.document
    assert doc.diagnosis.established
    combo = window.right_editor.phase1.combo(0, "group")
    # Only what strongSwan supports, with RFC names and numbers.
    profile = doc.profile("strongswan-5.9")
    assert combo.values() == list(profile.supported.groups)
    assert "2048-bit MODP group (14)" in [combo.itemText(i) for i in range(combo.count())]
    combo.set_value(14)

    diagnosis = doc.diagnosis
    assert not diagnosis.established
    assert diagnosis.failure_label == "MM2"
    assert diagnosis.failure_message == "Main Mode message 2"
    assert diagnosis.notify == "NO-PROPOSAL-CHOSEN"
    assert diagnosis.refuser is Side.RIGHT
    conflict = diagnosis.conflicts[0]
    assert conflict.field == "phase-1 DH group"
    assert (conflict.left, conflict.right) == ("2 (MODP1024)", "14 (MODP2048)")
    # The diagram widget shows it: the failing row is the refusal in MM2's place.
    diagram = window.view.diagram
    assert diagram is doc.diagram
    assert diagram.failing_row is not None
    failing = diagram.rows[diagram.failing_row]
    assert failing.failing and failing.notify == "NO-PROPOSAL-CHOSEN"
    assert failing.sender is Side.RIGHT
    assert any(r.kind is RowKind.GHOST for r in diagram.rows)
    assert diagram.rows[0].refused  # MM1 was refused
    # The panel says it, the table shows the new value, the edit is undoable by name.
    panel = window.diagnosis_panel
    assert "Failed at Main Mode message 2" in panel.verdict_label.text()
    assert "no proposal found" in panel.logs[Side.RIGHT].toPlainText()  # strongSwan's log
    assert "not documented" in panel.logs[Side.LEFT].toPlainText()  # the OmniPCX's
    assert window.right_editor.phase1.cell_text(0, "group") == "MODP-2048 (14)"
    assert doc.undo_stack.undoText() == ("Set Lyon gateway's phase-1 proposal 1 DH group to "
                                         "2048-bit MODP group (14)")
    assert window.windowTitle() == "Untitled[*] - ikeviz" or "*" in _shown_title(window)
    assert window.isWindowModified()


def _shown_title(window: MainWindow) -> str:
    return window.windowTitle().replace("[*]", "*" if window.isWindowModified() else "")


def test_apply_the_fix_then_undo_and_redo_it(window: MainWindow, qtbot: Any) -> None:
    doc = window.document
    set_right_group(window, 14)
    assert doc.diagnosis.failure_label == "MM2"
    panel = window.diagnosis_panel
    # The OmniPCX Office cannot do group 14: only the right side's fix is a button.
    assert len(panel.fix_buttons) == 1
    assert panel.conflict_table is not None
    assert panel.conflict_table.item(0, 1).text() == "2 (MODP1024)"
    assert panel.conflict_table.item(0, 2).text() == "14 (MODP2048)"
    qtbot.mouseClick(panel.fix_buttons[0], Qt.MouseButton.LeftButton)

    assert doc.diagnosis.established
    assert len(doc.scenario.right.phase1) == 2  # a proposal with group 2 was added
    assert doc.undo_stack.undoText().startswith("Fix: add a phase-1 proposal")
    assert window.right_editor.phase1.table.rowCount() == 2
    assert window.view.diagram.failing_row is None

    window.view.setFocus()
    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not doc.diagnosis.established
    assert doc.diagnosis.failure_label == "MM2"
    assert window.view.diagram.failing_row is not None
    assert window.right_editor.phase1.table.rowCount() == 1

    key(qtbot, window, Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert doc.diagnosis.established


def test_undo_goes_back_to_the_opened_scenario(window: MainWindow, qtbot: Any,
                                               default_scenario: Any) -> None:
    doc = window.document
    set_right_group(window, 14)
    window.right_editor.name_edit.setFocus()
    qtbot.keyClick(window.right_editor.name_edit, Qt.Key.Key_End)
    qtbot.keyClicks(window.right_editor.name_edit, "X")
    assert doc.scenario.right.name == "Lyon gatewayX"
    qtbot.keyClicks(window.right_editor.name_edit, "Y")  # typing merges into one step
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.scenario == default_scenario
    assert not doc.modified
    assert not window.isWindowModified()


def test_proposal_rows_added_duplicated_moved_removed(window: MainWindow) -> None:
    doc = window.document
    table = window.right_editor.phase1
    table.duplicate_button.click()
    assert len(doc.scenario.right.phase1) == 2
    table.combo(1, "group").set_value(14)
    assert [p.group for p in doc.scenario.right.phase1] == [2, 14]
    table.select_row(1)
    table.up_button.click()
    assert [p.group for p in doc.scenario.right.phase1] == [14, 2]
    table.select_row(0)
    table.remove_button.click()
    assert [p.group for p in doc.scenario.right.phase1] == [2]
    assert not table.remove_button.isEnabled()  # the last one stays
    table.add_button.click()
    assert len(doc.scenario.right.phase1) == 2
    assert doc.undo_stack.count() == 5
    for _ in range(5):
        doc.undo_stack.undo()
    assert [p.group for p in doc.scenario.right.phase1] == [2]
    assert not doc.modified


def test_lifetime_spin_box_edits_the_proposal(window: MainWindow) -> None:
    doc = window.document
    spin = window.right_editor.phase1.spin(0, "lifetime")
    spin.setValue(3600)
    assert doc.scenario.right.phase1[0].lifetime_seconds == 3600
    assert window.right_editor.phase1.cell_text(0, "lifetime") == "3600 s"
    assert any("lifetimes differ" in w for w in doc.diagnosis.warnings)


def test_profile_offers_only_its_values_and_shows_its_fixed_settings(window: MainWindow) -> None:
    left = window.left_editor  # an OmniPCX Office
    combo = left.phase1.combo(0, "encryption")
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels == ["DES-CBC (1)", "3DES-CBC (5)"]  # no AES on this product
    assert not left.aggressive_check.isEnabled()
    assert "Main Mode only" in left.aggressive_check.toolTip()
    assert not left.identity_edit.isEnabled()
    assert "WAN address" in left.identity_edit.toolTip()
    assert left.phase2.banner.isVisible()
    assert "same algorithms" in left.phase2.banner.text()
    for key in ("protocol", "esp_encryption", "pfs_group"):
        item = left.phase2.table.item(0, left.phase2.column_of(key))
        assert item.flags() & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag.NoItemFlags
    assert not left.phase2.add_transform_button.isVisible()
    pfs = window.right_editor.phase2.combo(0, "pfs_group")
    assert None in pfs.values()  # strongSwan can go without PFS
    assert window.right_editor.aggressive_check.isEnabled()


def test_changing_the_profile_keeps_or_replaces_proposals(window: MainWindow) -> None:
    doc = window.document
    window.right_editor.profile_combo.set_value("omnipcx-office")
    right = doc.scenario.right
    assert right.profile == "omnipcx-office"
    assert doc.undo_stack.undoText().startswith("Make Lyon gateway a OmniPCX Office")
    assert doc.diagnosis.established
    doc.undo_stack.undo()
    assert doc.scenario.right.profile == "strongswan-5.9"


def test_invalid_address_is_refused_with_the_reason(window: MainWindow, qtbot: Any) -> None:
    doc = window.document
    edit = window.right_editor.address_edit
    edit.setText("198.51.100.")
    edit.editingFinished.emit()
    assert doc.scenario.right.address == "198.51.100.20"
    assert edit.property("invalid") is True
    assert "not an IPv4 or IPv6 address" in edit.toolTip()
    edit.setText("198.51.100.30")
    edit.editingFinished.emit()
    assert doc.scenario.right.address == "198.51.100.30"
    assert edit.property("invalid") is False


def test_psk_hidden_until_shown(window: MainWindow, qtbot: Any) -> None:
    editor = window.right_editor
    assert editor.psk_edit.echoMode() == editor.psk_edit.EchoMode.Password
    editor.psk_show.click()
    assert editor.psk_edit.echoMode() == editor.psk_edit.EchoMode.Normal
    editor.psk_edit.setFocus()
    editor.psk_edit.selectAll()
    qtbot.keyClicks(editor.psk_edit, "wrong-key-123")
    diagnosis = window.document.diagnosis
    assert diagnosis.failure_label == "MM5"
    assert "pre-shared key" in diagnosis.attribute


def test_state_names_switch(window: MainWindow) -> None:
    combo = window.states_combo
    combo.setCurrentIndex(combo.findData("cisco"))
    diagram = window.document.diagram
    assert diagram.state_names == "cisco"
    assert any(r.left_state.startswith("MM_") or r.right_state.startswith("MM_")
               for r in diagram.rows)
    combo.setCurrentIndex(combo.findData("strongswan"))
    assert window.document.diagram.state_names == "strongswan"
    assert prefs.get_str("view/state_names") == "strongswan"


def test_zoom_keys(window: MainWindow, qtbot: Any) -> None:
    view = window.view
    before = view.zoom
    key(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom > before
    assert not window.fit_width
    key(qtbot, window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom < before
    key(qtbot, window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(1.0)
    assert view.theme.font_size == pytest.approx(15.0)


def test_dark_theme_switches_palette_and_diagram(window: MainWindow) -> None:
    window.theme_actions["dark"].trigger()
    assert window.view.base_theme.name == "dark"
    assert QApplication.instance().palette().window().color().lightness() < 80
    window.theme_actions["light"].trigger()
    assert window.view.base_theme.name == "light"


# --- files -----------------------------------------------------------------------------------


def test_save_and_reopen(window: MainWindow, tmp_path: Path, monkeypatch: Any) -> None:
    doc = window.document
    set_right_group(window, 14)
    target = tmp_path / "lab.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), FILE_FILTER)))
    window.save_action.trigger()  # untitled: Save asks where
    assert target.exists()
    assert not doc.modified
    assert _shown_title(window) == "lab.toml - ikeviz"
    assert prefs.recent_files()[0] == str(target.resolve())
    saved = doc.scenario

    other = Document(load_scenario(lesson_path("wrong-psk")))
    other.open(target)
    assert other.scenario == saved
    assert other.path == target

    set_right_group(window, 2)
    assert _shown_title(window) == "lab.toml* - ikeviz"
    window.save_action.trigger()  # has a name now: no dialog
    assert load_scenario(target).right.phase1[0].group == 2


FILE_FILTER = "ikeviz scenarios (*.toml)"


def test_open_a_bad_file_names_the_problem(window: MainWindow, tmp_path: Path,
                                           dialogs: Any) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format_version = 1\ntitle = "x"\n[left]\nname = "a"\n', encoding="utf-8")
    dialogs.answer("warning", Button.Ok)
    assert not window.open_path(bad)
    kind, title, text = dialogs.calls[-1]
    assert title == "Cannot open the scenario"
    assert text.startswith(str(bad))
    assert window.document.path is None  # still the scenario it had


def test_drag_and_drop_a_file_opens_it(window: MainWindow, tmp_path: Path, qtbot: Any) -> None:
    target = tmp_path / "dropped.toml"
    save_scenario(load_scenario(lesson_path("p1-dh-group-mismatch")), target)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(target))])
    pos = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: window.document.path == target, timeout=3000)
    assert window.document.diagnosis.failure_label == "MM2"
    assert _shown_title(window) == "dropped.toml - ikeviz"

    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "picture.png"))])
    refused = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, other,
                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, refused)
    assert not refused.isAccepted()


def test_prompt_before_losing_unsaved_changes(window: MainWindow, tmp_path: Path,
                                              dialogs: Any, monkeypatch: Any) -> None:
    doc = window.document
    set_right_group(window, 14)
    edited = doc.scenario
    other = tmp_path / "other.toml"
    save_scenario(load_scenario(lesson_path("wrong-psk")), other)

    dialogs.answer("warning", Button.Cancel)
    assert not window.open_path(other)
    assert doc.scenario == edited
    assert dialogs.titles() == ["Unsaved changes"]
    window.close()  # Cancel again: the window stays
    assert window.isVisible()

    target = tmp_path / "kept.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), FILE_FILTER)))
    dialogs.answer("warning", Button.Save)
    assert window.open_path(other)
    assert load_scenario(target) == edited
    assert doc.path == other

    set_right_group(window, 14)
    dialogs.answer("warning", Button.Discard)
    window.new_action.trigger()
    assert doc.path is None and not doc.modified
    assert doc.scenario.title == "New scenario"
    assert doc.diagnosis.established  # two gateways configured alike


def test_autosave_then_recovery_after_a_crash(qtbot: Any, tmp_path: Path, dialogs: Any,
                                              default_scenario: Any) -> None:
    autosave = tmp_path / "autosave.toml"
    first = MainWindow(Document(default_scenario), autosave_path=autosave,
                       restore_layout=False)
    qtbot.addWidget(first)
    first.autosaver.debounce.setInterval(20)
    set_right_group(first, 14)
    qtbot.waitUntil(autosave.exists, timeout=3000)
    assert load_scenario(autosave) == first.document.scenario
    edited = first.document.scenario
    # A crash: the window goes away without closeEvent (no clean exit is recorded).
    first.autosaver.periodic.stop()
    first.autosaver.debounce.stop()
    first.autosaver.document.modifiedChanged.disconnect()
    first.document._force_modified = False
    first.document.undo_stack.setClean()
    first.hide()
    first.deleteLater()

    second = MainWindow(Document(default_scenario), autosave_path=autosave,
                        restore_layout=False)
    qtbot.addWidget(second)
    dialogs.answer("question", Button.Yes)
    assert second.offer_recovery()
    assert dialogs.titles() == ["Recover unsaved changes?"]
    assert second.document.scenario == edited
    assert second.document.modified
    assert second.isWindowModified()
    assert second.document.diagnosis.failure_label == "MM2"

    # A clean exit (changes discarded) removes the autosave and records the exit.
    dialogs.answer("warning", Button.Discard)
    second.close()
    assert not autosave.exists()
    assert prefs.get_float("session/clean_exit", 0.0) > 0
    third = MainWindow(Document(default_scenario), autosave_path=autosave,
                       restore_layout=False)
    qtbot.addWidget(third)
    assert not third.offer_recovery()
    assert len(dialogs.calls) == 2  # no second offer


def test_autosave_older_than_a_clean_exit_is_not_offered(qtbot: Any, tmp_path: Path,
                                                         default_scenario: Any) -> None:
    autosave = tmp_path / "autosave.toml"
    save_scenario(default_scenario, autosave)
    old = time.time() - 60
    os.utime(autosave, (old, old))
    prefs.set_value("session/clean_exit", time.time())
    win = MainWindow(Document(default_scenario), autosave_path=autosave, restore_layout=False)
    qtbot.addWidget(win)
    assert not win.offer_recovery()


def test_declining_recovery_removes_the_autosave(qtbot: Any, tmp_path: Path, dialogs: Any,
                                                 default_scenario: Any) -> None:
    autosave = tmp_path / "autosave.toml"
    save_scenario(default_scenario, autosave)
    win = MainWindow(Document(default_scenario), autosave_path=autosave, restore_layout=False)
    qtbot.addWidget(win)
    dialogs.answer("question", Button.No)
    assert not win.offer_recovery()
    assert not autosave.exists()


def test_export_figure_whole_and_up_to_the_step(window: MainWindow, tmp_path: Path) -> None:
    png = tmp_path / "figure.png"
    assert window.export_figure(png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    window.document.set_step(3)
    svg = tmp_path / "figure.svg"
    assert window.export_figure(svg, up_to_step=True)
    text = svg.read_text(encoding="utf-8")
    assert "MM3" in text and "QM1" not in text


def test_lessons_menu_lists_the_lessons_by_title(window: MainWindow) -> None:
    window.build_lessons_menu()
    titles = [a.text() for a in window.lessons_menu.actions() if a.objectName()]
    assert "Phase 1: the Diffie-Hellman groups differ" in titles
    action = window.lessons_menu.findChild(type(window.new_action),
                                           "lesson_p1-dh-group-mismatch")
    action.trigger()
    doc = window.document
    assert doc.path is None  # a copy: saving asks where
    assert doc.scenario.lesson is not None
    assert doc.diagnosis.failure_label == "MM2"
    assert "Expected" in window.scenario_panel.lesson_text.text()


def test_recent_files_menu(window: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "recent.toml"
    save_scenario(load_scenario(lesson_path("wrong-psk")), target)
    assert window.open_path(target)
    window._fill_recent_menu()
    entries = [a for a in window.recent_menu.actions() if a.toolTip() == str(target.resolve())]
    assert entries
    window.document.reset(load_scenario(lesson_path("p1-dh-group-mismatch")))
    entries[0].trigger()
    assert window.document.path == target.resolve() or window.document.path == target


def test_layout_and_preferences_are_kept(qtbot: Any, tmp_path: Path, dialogs: Any,
                                         default_scenario: Any) -> None:
    win = MainWindow(Document(default_scenario), autosave_path=tmp_path / "a.toml")
    qtbot.addWidget(win)
    win.show()
    win.apply_theme("dark")
    win.set_speed(2.0)
    win.history_dock.show()
    win.close()
    again = MainWindow(Document(default_scenario), autosave_path=tmp_path / "a.toml")
    qtbot.addWidget(again)
    again.show()
    assert again.theme_name == "dark"
    assert again.speed == 2.0
    assert again.history_dock.isVisible()
    again.apply_theme("light")


def test_run_gui_with_an_unreadable_file_stays_up_with_the_default(
        qtbot: Any, tmp_path: Path, dialogs: Any, monkeypatch: Any) -> None:
    from ikeviz.gui import app as gui_app

    shown: list[MainWindow] = []
    monkeypatch.setattr(prefs, "autosave_path", lambda: tmp_path / "autosave.toml")

    def fake_exec(_self: Any = None) -> int:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                shown.append(widget)
        qtbot.waitUntil(lambda: bool(dialogs.calls), timeout=3000)
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    dialogs.answer("warning", Button.Ok)
    missing = tmp_path / "missing.toml"
    assert gui_app.run_gui([str(missing)]) == 0
    kind, title, text = dialogs.calls[0]
    assert title == "Cannot open the scenario"
    assert text.startswith(f"{missing}: no such file")
    window = shown[-1]
    qtbot.addWidget(window)
    assert window.document.scenario.title.startswith("OmniPCX Office to strongSwan")
    assert window.document.path is None


def test_timeline_and_pyqtgraph_load_only_when_shown(tmp_path: Path) -> None:
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "import ikeviz.gui\n"
        "from PySide6.QtCore import QSettings\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        f"QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "
        f"{str(tmp_path)!r})\n"
        "from pathlib import Path\n"
        "from ikeviz.gui.mainwindow import MainWindow\n"
        f"w = MainWindow(autosave_path=Path({str(tmp_path / 'a.toml')!r}))\n"
        "w.show(); app.processEvents()\n"
        "print('before', 'pyqtgraph' in sys.modules)\n"
        "if w.timeline_dock is not None:\n"
        "    w.timeline_dock.show(); w.timeline_dock.raise_(); app.processEvents()\n"
        "    print('after', 'pyqtgraph' in sys.modules, w.timeline is not None)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, timeout=120, cwd=Path(__file__).parents[2])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert "before False" in lines
    if any(line.startswith("after") for line in lines):
        assert "after True True" in lines


def test_timeline_click_selects_the_message(window: MainWindow, qtbot: Any) -> None:
    if window.timeline_dock is None:
        pytest.skip("no timeline installed")
    window.timeline_dock.show()
    window.timeline_dock.raise_()
    qtbot.waitUntil(lambda: window.timeline is not None, timeout=10000)
    index, event = window.document.event_of_row(2)
    window.timeline.messageClicked.emit(index)
    assert window.document.selected_row == 2
    assert event.label == "MM3"


def test_reveal_secrets_reaches_diagram_and_inspector(window: MainWindow) -> None:
    window.document.set_selected_row(4)
    inspector = window.ensure_inspector()
    window.secrets_action.trigger()
    assert window.document.show_secrets
    assert window.document.diagram.show_secrets
    if inspector is not None:
        assert inspector.reveal_secrets()
        inspector.set_reveal_secrets(False)  # from the inspector's own box
        assert not window.secrets_action.isChecked()
        assert not window.document.show_secrets


def test_behaviour_settings_override_the_profile_and_reset(window: MainWindow) -> None:
    editor = window.right_editor
    editor.behaviour_toggle.click()
    assert editor.behaviour_box.isVisible()
    combo = editor.behaviour_widgets["phase1_lifetime"]
    combo.set_value(combo.values()[2])  # reject-longer
    gateway = window.document.scenario.right
    assert dict(gateway.behaviour)["phase1_lifetime"].value == "reject-longer"
    assert editor.behaviour_labels["phase1_lifetime"].font().bold()
    assert editor.reset_behaviour.isEnabled()
    editor.reset_behaviour.click()
    assert window.document.scenario.right.behaviour == ()
    # A setting the profile fixes cannot be changed here.
    window.left_editor.behaviour_toggle.click()
    left = window.left_editor.behaviour_widgets["pfs"]
    assert not left.isEnabled()
    assert "always uses PFS" in left.toolTip()


def test_space_on_a_focused_button_presses_it(window: MainWindow, qtbot: Any) -> None:
    check = window.right_editor.aggressive_check
    check.setFocus()
    qtbot.keyClick(check, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.document.scenario.right.aggressive, timeout=2000)
    assert not window.playing
