"""Fixes of the tester's report: Tab leaves the tables (D4), the stepping keys go to a
focused table, tree or text field (D5), a small window keeps a usable diagram and a
readable status line (D6)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QTableWidget, QWidget

from ikeviz.gui.document import Document
from ikeviz.gui.mainwindow import FIT_MIN_ZOOM, MainWindow
from ikeviz.scenario.fileformat import load_scenario
from ikeviz.scenario.lessons import lesson_path


def focus(qtbot: Any, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


# --- D4: no keyboard trap in the tables -------------------------------------------------------


def test_tab_leaves_a_proposal_table(window: MainWindow, qtbot: Any) -> None:
    for editor in (window.left_editor, window.right_editor):
        for table in (editor.phase1.table, editor.phase2.table):
            assert not table.tabKeyNavigation()
    table = window.left_editor.phase1.table
    focus(qtbot, table)
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table
    assert not table.isAncestorOf(QApplication.focusWidget())


def test_tab_reaches_the_whole_window(qtbot: Any, tmp_path: Any) -> None:
    scenario = load_scenario(lesson_path("p1-dh-group-mismatch"))  # a fix to apply
    win = MainWindow(Document(scenario), autosave_path=tmp_path / "a.toml",
                     restore_layout=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    inspector = win.ensure_inspector()
    win.document.set_step(1)  # a message in the inspector
    focus(qtbot, win.view)
    seen: list[QWidget] = []
    for _ in range(400):
        widget = QApplication.focusWidget()
        if widget is None:
            break
        seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    reached = set(map(id, seen))
    assert id(win.right_editor.phase2.table) in reached
    assert id(win.left_editor.phase2.table) in reached
    apply_buttons = [b for b in win.diagnosis_panel.findChildren(QAbstractButton)
                     if b.text() == "Apply" and b.isVisible()]
    assert apply_buttons and any(id(b) in reached for b in apply_buttons)
    assert inspector is not None
    assert any(inspector.isAncestorOf(w) for w in seen)
    assert sum(1 for w in seen if isinstance(w, QTableWidget)) < 60  # no cell-by-cell tour
    win.close()


# --- D5: the stepping keys and the focused widget -------------------------------------------


def test_right_in_the_phase1_table_moves_the_cell_not_the_step(window: MainWindow,
                                                              qtbot: Any) -> None:
    doc = window.document
    doc.set_step(3)
    table = window.left_editor.phase1.table
    focus(qtbot, table)
    table.setCurrentCell(0, 0)
    start = table.currentColumn()
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert doc.step == 3
    assert table.currentColumn() > start  # the next (shown) column
    qtbot.keyClick(table, Qt.Key.Key_Left)
    assert table.currentColumn() == start
    for k in (Qt.Key.Key_Home, Qt.Key.Key_End):
        qtbot.keyClick(table, k)
    assert doc.step == 3
    # From the diagram, and from a widget that has no use for the keys, they step.
    focus(qtbot, window.view)
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert doc.step == 4
    button = next(b for b in window.left_editor.phase1.findChildren(QAbstractButton)
                  if b.text() == "Add")
    focus(qtbot, button)
    qtbot.keyClick(button, Qt.Key.Key_Left)
    assert doc.step == 3
    qtbot.keyClick(button, Qt.Key.Key_End)
    assert doc.step == doc.row_count


def test_left_in_the_payload_tree_collapses_the_node(window: MainWindow, qtbot: Any) -> None:
    inspector = window.ensure_inspector()
    assert inspector is not None
    doc = window.document
    doc.set_step(1)
    tree = inspector.tree_view  # type: ignore[attr-defined]
    model = tree.model()
    parents = [model.index(r, 0) for r in range(model.rowCount())
               if model.hasChildren(model.index(r, 0))]
    assert parents
    node = parents[0]
    tree.expand(node)
    focus(qtbot, tree)
    tree.setCurrentIndex(node)
    selected = doc.selected_row
    qtbot.keyClick(tree, Qt.Key.Key_Left)
    assert not tree.isExpanded(node)
    assert doc.step == 1 and doc.selected_row == selected
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    assert tree.isExpanded(node)
    assert doc.step == 1


def test_text_fields_keep_their_keys(window: MainWindow, qtbot: Any) -> None:
    doc = window.document
    doc.set_step(2)
    edit = window.left_editor.name_edit
    focus(qtbot, edit)
    edit.setCursorPosition(0)
    qtbot.keyClick(edit, Qt.Key.Key_End)
    qtbot.keyClick(edit, Qt.Key.Key_Left)
    assert edit.cursorPosition() == len(edit.text()) - 1
    assert doc.step == 2


# --- D6: a small window ------------------------------------------------------------------------


def test_a_small_window_keeps_the_diagram_usable(qtbot: Any, tmp_path: Any) -> None:
    scenario = load_scenario(lesson_path("p1-dh-group-mismatch"))
    win = MainWindow(Document(scenario), autosave_path=tmp_path / "a.toml",
                     restore_layout=False)
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    qtbot.waitExposed(win)
    win.reset_layout_action.trigger()
    qtbot.wait(50)
    assert win.fit_width
    view = win.view
    assert view.width() >= 0.45 * win.width(), view.width()
    assert win.left_dock.width() < 300 and win.right_dock.width() < 300
    assert FIT_MIN_ZOOM <= view.zoom < 0.75
    # Fit to Width: the diagram fits (no horizontal scrolling) at this width.
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() <= 8, timeout=2000)

    # The status line: each text elided, never one under the other.
    win._update_status()
    info, step = win.status_info, win.status_step
    qtbot.waitUntil(lambda: step.shown_text() != "", timeout=2000)
    assert info.geometry().right() < step.geometry().left()
    assert step.shown_text() == step.text()
    assert info.shown_text().endswith("…") and len(info.shown_text()) < len(info.text())
    assert info.toolTip() == info.text()
    win.document._force_modified = False
    win.close()
