"""The lessons browser: lists, filters, reveals, opens and runs lessons, bundled or the
user's own (folders kept in the settings)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from ikeviz.gui import settings as prefs
from ikeviz.gui.lessons_browser import (
    COLUMN_DIFFICULTY,
    COLUMN_OBJECTIVE,
    COLUMN_TITLE,
    LessonItem,
    LessonsBrowser,
)
from ikeviz.gui.mainwindow import MainWindow
from ikeviz.scenario.lessons import DIFFICULTIES, bundled_lessons, difficulty_rank, lesson_path

BUNDLED = {entry.name: entry for entry in bundled_lessons()}


def open_browser(window: MainWindow, qtbot: Any) -> LessonsBrowser:
    window.browse_lessons_action.trigger()
    browser = window.lessons_browser
    assert browser is not None
    qtbot.waitExposed(browser)
    return browser


def item_of(browser: LessonsBrowser, name: str) -> LessonItem:
    for item in browser.lesson_items():
        if item.entry is not None and item.entry.name == name:
            return item
    raise AssertionError(f"{name} is not listed")


def ink(widget: QWidget, rect: QRect) -> int:
    """How many pixels of ``rect`` (in ``widget``) differ clearly from its most common colour:
    0 when nothing is drawn there."""
    image = widget.grab(rect).toImage().convertToFormat(QImage.Format.Format_RGB32)
    counts: dict[int, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixel(x, y)
            counts[pixel] = counts.get(pixel, 0) + 1
    background = QColor(max(counts, key=lambda p: counts[p]))
    total = 0
    for pixel, count in counts.items():
        colour = QColor(pixel)
        if abs(colour.lightness() - background.lightness()) > 60:
            total += count
    return total


def test_ctrl_l_opens_the_browser_from_the_lessons_menu(window: MainWindow, qtbot: Any) -> None:
    assert window.browse_lessons_action.shortcut() == QKeySequence("Ctrl+L")
    window.build_lessons_menu()
    assert window.browse_lessons_action in window.lessons_menu.actions()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    browser = window.lessons_browser
    assert browser is not None
    qtbot.waitUntil(browser.isVisible)
    assert browser.windowTitle() == "Lessons"


def test_it_lists_the_18_bundled_lessons_with_title_objective_difficulty(
        window: MainWindow, qtbot: Any) -> None:
    browser = open_browser(window, qtbot)
    items = browser.lesson_items()
    assert len(items) == 18 == len(BUNDLED)
    groups = browser.folder_items()
    assert [g.text(COLUMN_TITLE) for g in groups] == ["Bundled lessons"]
    assert groups[0].childCount() == 18 and groups[0].isExpanded()
    for item in items:
        assert item.entry is not None
        scenario = BUNDLED[item.entry.name].scenario
        assert scenario.lesson is not None
        assert item.text(COLUMN_TITLE) == scenario.title
        assert item.text(COLUMN_OBJECTIVE) == scenario.lesson.objective
        assert item.text(COLUMN_DIFFICULTY) == scenario.lesson.difficulty.capitalize()
    assert browser.count_label.text() == "18 lessons"
    # Sorted by difficulty, then title, at first.
    ranks = [difficulty_rank(groups[0].child(n).difficulty)  # type: ignore[attr-defined]
             for n in range(18)]
    assert ranks == sorted(ranks)
    # What is drawn: the first lesson row shows text in each column, and the title column
    # is wide enough for the titles.
    tree = browser.tree
    first = groups[0].child(0)
    for column in (COLUMN_TITLE, COLUMN_DIFFICULTY, COLUMN_OBJECTIVE):
        rect = tree.visualItemRect(first)
        rect.setLeft(tree.header().sectionViewportPosition(column))
        rect.setWidth(tree.columnWidth(column))
        rect = rect.intersected(tree.viewport().rect())
        assert not rect.isEmpty()
        assert ink(tree.viewport(), rect) > 30, f"column {column} looks empty"
    longest = max(tree.fontMetrics().horizontalAdvance(i.text(COLUMN_TITLE)) for i in items)
    assert tree.columnWidth(COLUMN_TITLE) >= min(longest, browser.width() // 2)
    # The first lesson is selected: its details are shown, without the explanation.
    assert browser.current_lesson() is not None
    assert browser.open_button.isEnabled() and browser.run_button.isEnabled()


def test_filter_and_sort_by_difficulty(window: MainWindow, qtbot: Any) -> None:
    browser = open_browser(window, qtbot)
    counts = {}
    for level in DIFFICULTIES:
        browser.set_difficulty_filter(level)
        visible = browser.lesson_items(visible_only=True)
        assert visible and all(i.difficulty == level for i in visible)
        assert all(i.isHidden() for i in browser.lesson_items() if i.difficulty != level)
        counts[level] = len(visible)
        assert browser.count_label.text() == f"{len(visible)} of 18 lessons"
        current = browser.current()
        assert current is not None and current.difficulty == level
        # Only the rows of that level are drawn.
        drawn = [i for i in browser.lesson_items()
                 if not browser.tree.visualItemRect(i).isEmpty()]
        assert drawn == [i for i in drawn if i.difficulty == level]
    assert sum(counts.values()) == 18
    assert browser.difficulty_filter.itemText(2) == "Intermediate"
    browser.set_difficulty_filter("")
    assert len(browser.lesson_items(visible_only=True)) == 18

    group = browser.folder_items()[0]
    browser.sort_by.setCurrentIndex(browser.sort_by.findData(COLUMN_TITLE))
    titles = [group.child(n).text(COLUMN_TITLE) for n in range(group.childCount())]
    assert titles == sorted(titles, key=str.casefold)
    browser.sort_by.setCurrentIndex(browser.sort_by.findData(COLUMN_DIFFICULTY))
    children = [group.child(n) for n in range(group.childCount())]
    keys = [(difficulty_rank(c.difficulty), c.text(COLUMN_TITLE).casefold())  # type: ignore
            for c in children]
    assert keys == sorted(keys)


def test_the_explanation_is_hidden_until_revealed(window: MainWindow, qtbot: Any) -> None:
    browser = open_browser(window, qtbot)
    assert browser.select_lesson(lesson_path("wrong-psk"))
    lesson = BUNDLED["wrong-psk"].scenario.lesson
    assert lesson is not None
    text = browser.details.toPlainText()
    assert "A wrong pre-shared key" in text and lesson.objective in text
    assert lesson.explanation not in text and "Expected outcome" not in text
    assert "hidden" in text
    assert browser.reveal_button.text() == "&Reveal Explanation"
    qtbot.mouseClick(browser.reveal_button, Qt.MouseButton.LeftButton)
    assert browser.revealed
    text = browser.details.toPlainText()
    assert lesson.explanation in text
    assert "Expected outcome: It fails at Main Mode message 5, with PAYLOAD-MALFORMED." in text
    assert browser.reveal_button.text() == "Hide &Explanation"
    # Drawn: the details pane shows more text than before.
    assert ink(browser.details.viewport(), browser.details.viewport().rect()) > 200
    # Another lesson starts hidden again.
    assert browser.select_lesson(lesson_path("omnipcx-strongswan-ok"))
    assert not browser.revealed
    assert "Expected outcome" not in browser.details.toPlainText()
    browser.reveal()
    assert "Expected outcome: The tunnel comes up." in browser.details.toPlainText()


def test_open_loads_the_lesson_as_an_untitled_document(window: MainWindow, qtbot: Any) -> None:
    browser = open_browser(window, qtbot)
    assert browser.select_lesson(lesson_path("p1-dh-group-mismatch"))
    title = BUNDLED["p1-dh-group-mismatch"].scenario.title
    assert title not in window.windowTitle()
    qtbot.mouseClick(browser.open_button, Qt.MouseButton.LeftButton)
    doc = window.document
    assert doc.scenario.title == title and doc.path is None and not doc.modified
    assert doc.diagram is not None and doc.diagram.title == title
    assert doc.diagnosis is not None and doc.diagnosis.failure_label == "MM2"
    assert window.windowTitle().startswith(title)
    assert not browser.isVisible()  # out of the way of the diagram


def test_enter_and_double_click_open(window: MainWindow, qtbot: Any) -> None:
    browser = open_browser(window, qtbot)
    browser.activateWindow()
    browser.tree.setFocus()
    assert browser.select_lesson(lesson_path("wrong-psk"))
    qtbot.keyClick(browser.tree, Qt.Key.Key_Return)
    assert window.document.scenario.title == "A wrong pre-shared key"
    assert not browser.isVisible()

    browser = open_browser(window, qtbot)
    item = item_of(browser, "subnet-mismatch")
    browser.tree.scrollToItem(item)
    rect = browser.tree.visualItemRect(item)
    assert rect.intersects(browser.tree.viewport().rect())
    # A real double click: press, release, then the second press (QTest's "double click"
    # is the second half only).
    qtbot.mouseClick(browser.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert browser.isVisible()  # one click selects, it does not open
    qtbot.mouseDClick(browser.tree.viewport(), Qt.MouseButton.LeftButton,
                      pos=rect.center())
    assert window.document.scenario.title == BUNDLED["subnet-mismatch"].scenario.title


def test_open_asks_about_unsaved_changes(window: MainWindow, qtbot: Any, dialogs: Any) -> None:
    from dataclasses import replace

    doc = window.document
    doc.edit(replace(doc.scenario, title="Edited"), "Set the title")
    browser = open_browser(window, qtbot)
    assert browser.select_lesson(lesson_path("wrong-psk"))
    dialogs.answer("warning", QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(browser.open_button, Qt.MouseButton.LeftButton)
    assert dialogs.titles() == ["Unsaved changes"]
    assert doc.scenario.title == "Edited"
    assert browser.isVisible()  # nothing happened: the browser stays
    dialogs.answer("warning", QMessageBox.StandardButton.Discard)
    qtbot.mouseClick(browser.open_button, Qt.MouseButton.LeftButton)
    assert doc.scenario.title == "A wrong pre-shared key"


def test_run_plays_the_lesson_to_the_end(window: MainWindow, qtbot: Any) -> None:
    browser = open_browser(window, qtbot)
    assert browser.select_lesson(lesson_path("omnipcx-strongswan-ok"))
    steps: list[int] = []
    window.document.stepChanged.connect(steps.append)
    qtbot.mouseClick(browser.run_button, Qt.MouseButton.LeftButton)
    assert window.playing
    assert window.document.scenario.title == BUNDLED["omnipcx-strongswan-ok"].scenario.title
    assert window.document.step <= 1  # from the start
    window.play_timer.setInterval(5)
    qtbot.waitUntil(lambda: not window.playing, timeout=10_000)
    doc = window.document
    assert doc.at_end and doc.step == doc.row_count
    played = steps[steps.index(0) + 1:]
    assert played == sorted(played) and len(played) >= 9  # message by message: MM1..QM3
    assert doc.diagnosis is not None and doc.diagnosis.established


def _lesson_folder(tmp_path: Path) -> tuple[Path, Path, int]:
    folder = tmp_path / "my lessons"
    folder.mkdir()
    shutil.copy(lesson_path("pfs-groups-differ"), folder / "pfs.toml")
    text = lesson_path("wrong-psk").read_text(encoding="utf-8")
    bad = folder / "typo.toml"
    bad.write_text(text.replace('group = 2', 'group = 99', 1), encoding="utf-8")
    line = next(n for n, row in enumerate(bad.read_text().splitlines(), 1)
                if row == "group = 99")
    return folder, bad, line


def test_add_a_folder_lists_its_lessons_and_errors_and_keeps_it(
        window: MainWindow, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, bad, line = _lesson_folder(tmp_path)
    browser = open_browser(window, qtbot)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *_args, **_kwargs: str(folder)))
    qtbot.mouseClick(browser.add_button, Qt.MouseButton.LeftButton)
    assert prefs.lesson_folders() == [str(folder.resolve())]
    groups = browser.folder_items()
    assert [g.text(COLUMN_TITLE) for g in groups] == ["Bundled lessons", "my lessons"]
    mine = groups[1]
    assert mine.childCount() == 2
    lesson, problem = mine.child(0), mine.child(1)
    assert isinstance(lesson, LessonItem) and isinstance(problem, LessonItem)
    assert lesson.text(COLUMN_TITLE) == BUNDLED["pfs-groups-differ"].scenario.title
    assert problem.kind == "problem" and problem.text(COLUMN_TITLE) == "typo.toml"
    assert problem.text(COLUMN_DIFFICULTY) == "Error"
    assert problem.text(COLUMN_OBJECTIVE).startswith(f"{bad}:{line}: ")
    assert browser.count_label.text() == "19 lessons"
    # The new folder's first lesson is selected and shown on screen.
    assert browser.current() is lesson
    rect = browser.tree.visualItemRect(problem)
    assert rect.intersects(browser.tree.viewport().rect())
    # The error row, selected, explains itself; it cannot be opened.
    browser.tree.setCurrentItem(problem)
    assert f"{bad}:{line}" in browser.details.toPlainText()
    assert not browser.open_button.isEnabled() and not browser.run_button.isEnabled()
    assert browser.remove_button.isEnabled()
    # The user's lesson opens like a bundled one.
    browser.tree.setCurrentItem(lesson)
    qtbot.mouseClick(browser.open_button, Qt.MouseButton.LeftButton)
    assert window.document.scenario.title == BUNDLED["pfs-groups-differ"].scenario.title
    assert window.document.path is None

    # The folder is in the settings: a new browser (a new session) lists it.
    again = LessonsBrowser(window.document.profiles.keys(), window.open_lesson,
                           window.run_lesson)
    assert [g.text(COLUMN_TITLE) for g in again.folder_items()] == ["Bundled lessons",
                                                                   "my lessons"]
    again.deleteLater()

    # The Lessons menu lists it too, after the bundled lessons.
    window.build_lessons_menu()
    submenu = window.lessons_menu.findChild(QMenu, "lessonFolder_0")
    assert submenu is not None and submenu.title() == "my lessons"
    texts = {a.text(): a for a in submenu.actions()}
    assert texts[f"{BUNDLED['pfs-groups-differ'].scenario.title} (Beginner)"].isEnabled()
    assert not texts["typo.toml: cannot be read"].isEnabled()
    assert texts["typo.toml: cannot be read"].toolTip().startswith(f"{bad}:{line}: ")
    actions = window.lessons_menu.actions()
    assert actions.index(submenu.menuAction()) > actions.index(
        window.lessons_menu.findChild(type(window.new_action), "lesson_wrong-psk"))

    # Remove Folder forgets it (the files stay).
    browser = open_browser(window, qtbot)
    browser.tree.setCurrentItem(browser.folder_items()[1])
    qtbot.mouseClick(browser.remove_button, Qt.MouseButton.LeftButton)
    assert prefs.lesson_folders() == []
    assert [g.text(COLUMN_TITLE) for g in browser.folder_items()] == ["Bundled lessons"]
    assert (folder / "pfs.toml").exists()
    window.build_lessons_menu()
    assert window.lessons_menu.findChild(QMenu, "lessonFolder_0") is None or \
        window.lessons_menu.findChild(QMenu, "lessonFolder_0").menuAction() \
        not in window.lessons_menu.actions()


def test_a_missing_folder_is_shown_as_missing(window: MainWindow, qtbot: Any,
                                               tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    prefs.set_value("lessons/folders", [str(gone)])
    browser = open_browser(window, qtbot)
    groups = browser.folder_items()
    assert [g.text(COLUMN_TITLE) for g in groups] == ["Bundled lessons", "gone (missing)"]
    assert groups[1].text(COLUMN_OBJECTIVE) == f"{gone}: no such folder"
    browser.tree.setCurrentItem(groups[1])
    assert "does not exist" in browser.details.toPlainText()
    window.build_lessons_menu()
    submenu = window.lessons_menu.findChild(QMenu, "lessonFolder_0")
    assert submenu is not None and submenu.menuAction().text() == "gone (missing)"
    browser.remove_current_folder()
    assert prefs.lesson_folders() == []


def test_the_lessons_menu_is_rebuilt_without_piling_up(window: MainWindow) -> None:
    window.build_lessons_menu()
    first = len(window.lessons_menu.actions())
    window.build_lessons_menu()
    assert len(window.lessons_menu.actions()) == first
    names = [a.objectName() for a in window.lessons_menu.actions()
             if a.objectName().startswith("lesson_")]
    assert len(names) == 18 == len(set(names))


def test_the_lesson_texts_are_shown_in_the_users_language(window: MainWindow,
                                                          qtbot: Any) -> None:
    import ikeviz.i18n
    from ikeviz.scenario.translations import localized

    scenario = BUNDLED["omnipcx-cisco-ok"].scenario
    french = localized(scenario, "fr")
    assert french.title != scenario.title and french.lesson is not None
    ikeviz.i18n.set_translator(lambda _context, text: text, "fr")
    try:
        browser = open_browser(window, qtbot)
        item = item_of(browser, "omnipcx-cisco-ok")
        assert item.text(COLUMN_TITLE) == french.title
        assert item.text(COLUMN_OBJECTIVE) == french.lesson.objective
        browser.tree.setCurrentItem(item)
        browser.reveal()
        assert french.lesson.explanation in browser.details.toPlainText()
        window.build_lessons_menu()
        action = window.lessons_menu.findChild(type(window.new_action), "lesson_omnipcx-cisco-ok")
        assert action.text() == french.title
    finally:
        ikeviz.i18n.set_translator(None, "en")
    browser.close()  # (raise() of an open one is not supported offscreen)
    browser = open_browser(window, qtbot)
    assert item_of(browser, "omnipcx-cisco-ok").text(COLUMN_TITLE) == scenario.title
