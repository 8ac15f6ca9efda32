"""The lessons browser: the bundled lessons and the user's own, to open or run one.

A dialog (Lessons > Browse Lessons…, Ctrl+L) listing every lesson grouped by the
folder it comes from (the bundled ones first, then each folder the user added,
kept in the settings as ``lessons/folders``): its title, difficulty and
objective, filtered and sorted by difficulty. The explanation and the expected
outcome stay hidden until "Reveal Explanation" is pressed, so that a trainer can
ask the class first. Open (also Enter, a double click) loads the lesson into the
main window as a new untitled document; Run loads it and plays the negotiation
message by message. A file of a user's folder that cannot be read is listed with
its error (file and line), a folder that is gone as missing.

:func:`fill_lessons_menu` fills the Lessons menu of the main window the same
way: the bundled lessons by difficulty, then the user's folders.

The lesson texts are shown in the user's language
(:func:`ikeviz.scenario.translations.localized`).
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Collection
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QBrush, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStyle,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

import ikeviz.i18n
from ikeviz.diagnosis import at_message
from ikeviz.gui import settings as prefs
from ikeviz.scenario.lessons import (
    DIFFICULTIES,
    LessonEntry,
    LessonFolder,
    LessonProblem,
    bundled_lessons,
    difficulty_rank,
    folder_lessons,
)
from ikeviz.scenario.model import Scenario
from ikeviz.scenario.resources import scenarios_dir
from ikeviz.scenario.translations import localized

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")
BUNDLED = "bundled"
COLUMN_TITLE, COLUMN_DIFFICULTY, COLUMN_OBJECTIVE = range(3)

LessonAction = Callable[[Path], bool]  # opens or runs a lesson file; False if it did not


def difficulty_label(difficulty: str) -> str:
    """The word shown for a difficulty, in the user's language."""
    labels = {
        "beginner": translate("LessonsBrowser", "Beginner"),
        "intermediate": translate("LessonsBrowser", "Intermediate"),
        "advanced": translate("LessonsBrowser", "Advanced"),
    }
    return labels.get(difficulty, difficulty)


def shown(scenario: Scenario) -> Scenario:
    """``scenario`` with its texts in the user's language."""
    return localized(scenario, ikeviz.i18n.current_language())


@functools.cache
def _bundled(profiles: tuple[str, ...] | None) -> LessonFolder:
    """The bundled lessons, read once (they do not change while the application runs)."""
    try:
        lessons = bundled_lessons(profiles)
    except Exception:  # noqa: BLE001 - one bad bundled file: list them one by one instead
        return folder_lessons(scenarios_dir(), profiles)
    return LessonFolder(scenarios_dir(), tuple(lessons))


def bundled_folder(profiles: Collection[str] | None = None) -> LessonFolder:
    return _bundled(tuple(sorted(profiles)) if profiles is not None else None)


def user_folders(profiles: Collection[str] | None = None) -> list[LessonFolder]:
    """The user's folders of lessons (from the settings), each read now."""
    return [folder_lessons(folder, profiles) for folder in prefs.lesson_folders()]


def expected_text(scenario: Scenario) -> str:
    """What the run of a lesson should show, in one sentence."""
    lesson = scenario.lesson
    if lesson is None:
        return ""
    if lesson.expected_outcome == "established":
        return translate("LessonsBrowser", "The tunnel comes up.")
    if lesson.expected_failure_at and lesson.expected_notify:
        text = translate("LessonsBrowser", "It fails {where}, with {notify}.")
        text = text.format(where=at_message(lesson.expected_failure_at),
                           notify=lesson.expected_notify)
    elif lesson.expected_failure_at:
        text = translate("LessonsBrowser", "It fails {where}.").format(
            where=at_message(lesson.expected_failure_at))
    else:
        text = translate("LessonsBrowser", "It fails.")
    if lesson.expected_fix_side == "left":
        text += " " + translate(
            "LessonsBrowser", "The fix is on the left gateway ({name}).").format(
            name=scenario.left.name)
    elif lesson.expected_fix_side == "right":
        text += " " + translate(
            "LessonsBrowser", "The fix is on the right gateway ({name}).").format(
            name=scenario.right.name)
    return text


# --------------------------------------------------------------------------- the menu


def fill_lessons_menu(menu: QMenu, before: QAction, profiles: Collection[str],
                      open_lesson: LessonAction) -> list[QAction]:
    """Insert the lessons into ``menu`` before ``before``: the bundled ones by difficulty,
    then a submenu per user folder. Returns what was inserted (to remove it next time)."""
    added: list[QAction] = []
    folder = bundled_folder(profiles)
    for problem in folder.problems:
        text = translate("LessonsBrowser", "Cannot be read: {error}")
        act = QAction(text.format(error=problem.message), menu)
        act.setEnabled(False)
        menu.insertAction(before, act)
        added.append(act)
    for level in DIFFICULTIES:
        entries = [e for e in folder.lessons if _difficulty(e) == level]
        if not entries:
            continue
        added.append(menu.insertSection(before, difficulty_label(level)))
        for entry in sorted(entries, key=lambda e: shown(e.scenario).title.casefold()):
            act = _lesson_action(menu, entry, open_lesson, f"lesson_{entry.name}")
            menu.insertAction(before, act)
            added.append(act)
    folders = user_folders(profiles)
    if folders:
        added.append(menu.insertSection(before, translate("LessonsBrowser", "Your Lessons")))
    for number, user in enumerate(folders):
        sub = QMenu(user.path.name or str(user.path), menu)
        sub.setObjectName(f"lessonFolder_{number}")
        sub.setToolTipsVisible(True)
        sub.menuAction().setToolTip(str(user.path))
        sub.menuAction().setStatusTip(str(user.path))
        if user.error:
            missing = translate("LessonsBrowser", "This folder does not exist")
            act = sub.addAction(missing if user.missing else user.error)
            act.setEnabled(False)
        for entry in sorted(user.lessons, key=lambda e: (difficulty_rank(_difficulty(e)),
                                                         shown(e.scenario).title.casefold())):
            act = _lesson_action(sub, entry, open_lesson, f"userLesson_{entry.name}")
            act.setText(translate("LessonsBrowser", "{title} ({difficulty})").format(
                title=shown(entry.scenario).title,
                difficulty=difficulty_label(_difficulty(entry))))
            sub.addAction(act)
        for problem in user.problems:
            text = translate("LessonsBrowser", "{file}: cannot be read")
            act = sub.addAction(text.format(file=problem.path.name))
            act.setToolTip(problem.message)
            act.setStatusTip(problem.message)
            act.setEnabled(False)
        if not user.error and not user.lessons and not user.problems:
            act = sub.addAction(translate("LessonsBrowser", "No lessons in this folder"))
            act.setEnabled(False)
        if user.missing:
            text = translate("LessonsBrowser", "{folder} (missing)")
            sub.menuAction().setText(text.format(folder=sub.title()))
        menu.insertMenu(before, sub)
        added.append(sub.menuAction())
    menu.setToolTipsVisible(True)
    return added


def _lesson_action(menu: QMenu, entry: LessonEntry, open_lesson: LessonAction,
                   name: str) -> QAction:
    scenario = shown(entry.scenario)
    act = QAction(scenario.title or entry.name, menu)
    act.setObjectName(name)
    if scenario.lesson is not None and scenario.lesson.objective:
        act.setToolTip(scenario.lesson.objective)
        act.setStatusTip(scenario.lesson.objective)
    act.triggered.connect(lambda _c=False, p=entry.path: open_lesson(p))
    return act


def _difficulty(entry: LessonEntry) -> str:
    lesson = entry.scenario.lesson
    return lesson.difficulty if lesson is not None else "beginner"


# --------------------------------------------------------------------------- the dialog


class LessonItem(QTreeWidgetItem):
    """A row of the browser: a folder (top level), a lesson, or a file that cannot be read."""

    def __init__(self, kind: str, *, order: int = 0, folder: LessonFolder | None = None,
                 user_folder: str = "", entry: LessonEntry | None = None,
                 problem: LessonProblem | None = None) -> None:
        super().__init__()
        self.kind = kind  # "folder", "lesson" or "problem"
        self.order = order
        self.folder = folder
        self.user_folder = user_folder  # the settings' text of a user folder, "" if bundled
        self.entry = entry
        self.problem = problem
        self.scenario = shown(entry.scenario) if entry is not None else None

    @property
    def difficulty(self) -> str:
        if self.scenario is None or self.scenario.lesson is None:
            return ""
        return self.scenario.lesson.difficulty

    @property
    def key(self) -> str:
        """What identifies the row across a reload (to keep it selected)."""
        if self.entry is not None:
            return f"lesson:{self.entry.path}"
        if self.problem is not None:
            return f"problem:{self.problem.path}"
        return f"folder:{self.user_folder or BUNDLED}"

    def sort_key(self, column: int) -> tuple[object, ...]:
        title = self.text(COLUMN_TITLE).casefold()
        if self.kind == "folder":
            return (self.order,)
        if self.kind == "problem":
            return (len(DIFFICULTIES) + 1, title)
        if column == COLUMN_DIFFICULTY:
            return (difficulty_rank(self.difficulty), title)
        if column == COLUMN_OBJECTIVE:
            return (self.text(COLUMN_OBJECTIVE).casefold(), title)
        return (title,)

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        tree = self.treeWidget()
        column = tree.sortColumn() if tree is not None else COLUMN_TITLE
        if not isinstance(other, LessonItem):
            return super().__lt__(other)
        if self.kind == "folder" and other.kind == "folder":
            # The bundled lessons first, then the folders in the order added, whichever
            # way the rows are sorted.
            ascending = tree is None or tree.header().sortIndicatorOrder() == \
                Qt.SortOrder.AscendingOrder
            return (self.order < other.order) if ascending else (self.order > other.order)
        return self.sort_key(column) < other.sort_key(column)


class LessonsBrowser(QDialog):
    """Every lesson, bundled or the user's own, to read about, open or run."""

    def __init__(self, profiles: Collection[str], open_lesson: LessonAction,
                 run_lesson: LessonAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonsBrowser")
        self.setWindowTitle(self.tr("Lessons"))
        self.profiles = tuple(profiles)
        self._open_lesson = open_lesson
        self._run_lesson = run_lesson
        self._items: list[LessonItem] = []
        self.folders: list[LessonFolder] = []

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        difficulty = QLabel(self.tr("&Difficulty:"), self)
        self.difficulty_filter = QComboBox(self)
        self.difficulty_filter.setObjectName("difficultyFilter")
        self.difficulty_filter.addItem(self.tr("All"), "")
        for level in DIFFICULTIES:
            self.difficulty_filter.addItem(difficulty_label(level), level)
        self.difficulty_filter.setToolTip(self.tr("Show only the lessons of one difficulty"))
        self.difficulty_filter.currentIndexChanged.connect(self._apply_filter)
        difficulty.setBuddy(self.difficulty_filter)
        sort = QLabel(self.tr("&Sort by:"), self)
        self.sort_by = QComboBox(self)
        self.sort_by.setObjectName("sortBy")
        self.sort_by.addItem(self.tr("Difficulty"), COLUMN_DIFFICULTY)
        self.sort_by.addItem(self.tr("Title"), COLUMN_TITLE)
        self.sort_by.setToolTip(self.tr("The order of the lessons in each folder (a click on "
                                        "a column heading sorts by that column)"))
        self.sort_by.currentIndexChanged.connect(self._sort_chosen)
        sort.setBuddy(self.sort_by)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("lessonCount")
        top.addWidget(difficulty)
        top.addWidget(self.difficulty_filter)
        top.addSpacing(12)
        top.addWidget(sort)
        top.addWidget(self.sort_by)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout.addLayout(top)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("lessonTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Title"), self.tr("Difficulty"),
                                   self.tr("Objective")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setExpandsOnDoubleClick(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(COLUMN_TITLE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COLUMN_DIFFICULTY, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(COLUMN_DIFFICULTY, Qt.SortOrder.AscendingOrder)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemDoubleClicked.connect(self._double_clicked)

        self.details = QTextBrowser(self)
        self.details.setObjectName("lessonDetails")
        self.details.setOpenLinks(False)
        self.details.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        buttons = QHBoxLayout()
        style = self.style()
        self.add_button = QPushButton(self.tr("&Add Folder…"), self)
        self.add_button.setObjectName("addFolder")
        self.add_button.setToolTip(self.tr("List the lessons of a folder of yours too"))
        self.add_button.clicked.connect(self.add_folder_dialog)
        self.remove_button = QPushButton(self.tr("Re&move Folder"), self)
        self.remove_button.setObjectName("removeFolder")
        self.remove_button.setToolTip(self.tr("Stop listing the selected folder (its files "
                                              "stay where they are)"))
        self.remove_button.clicked.connect(self.remove_current_folder)
        self.reveal_button = QPushButton(self.tr("&Reveal Explanation"), self)
        self.reveal_button.setObjectName("revealExplanation")
        self.reveal_button.setCheckable(True)
        self.reveal_button.setToolTip(self.tr("Show the explanation and the expected outcome "
                                              "(hidden so that you can ask the class first)"))
        self.reveal_button.toggled.connect(self._reveal_toggled)
        self.open_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton), self.tr("&Open"),
            self)
        self.open_button.setObjectName("openLesson")
        self.open_button.setToolTip(self.tr("Open the lesson in the window as a new, untitled "
                                            "scenario (Enter, or a double click)"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_current)
        self.run_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay),
                                      self.tr("R&un"), self)
        self.run_button.setObjectName("runLesson")
        self.run_button.setToolTip(self.tr("Open the lesson and play the negotiation message "
                                           "by message"))
        self.run_button.clicked.connect(self.run_current)
        self.close_button = QPushButton(self.tr("&Close"), self)
        self.close_button.setObjectName("closeBrowser")
        self.close_button.clicked.connect(self.reject)
        for button in (self.add_button, self.remove_button, self.reveal_button,
                       self.run_button, self.close_button):
            button.setAutoDefault(False)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reveal_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self.resize(*self._default_size())
        self.reload()
        self.tree.setFocus()

    def _default_size(self) -> tuple[int, int]:
        metrics = self.fontMetrics()
        width = max(metrics.averageCharWidth() * 170, 960)
        height = max(metrics.lineSpacing() * 42, 620)
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width() * 9 // 10)
            height = min(height, available.height() * 9 // 10)
        return width, height

    # --- what it lists ---------------------------------------------------------------

    def reload(self) -> None:
        """Read the user's folders again (the bundled lessons are read once) and list all."""
        current = self.tree.currentItem()
        keep = current.key if isinstance(current, LessonItem) else ""
        collapsed = {item.key for item in self._items
                     if item.kind == "folder" and not item.isExpanded()}
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        self._items = []
        bundled = bundled_folder(self.profiles)
        stored = prefs.lesson_folders()
        self.folders = [bundled] + [folder_lessons(f, self.profiles) for f in stored]
        for order, (folder, user) in enumerate(zip(self.folders, ["", *stored], strict=True)):
            group = self._folder_item(order, folder, user)
            self.tree.addTopLevelItem(group)
            group.setExpanded(group.key not in collapsed)
        self.tree.setSortingEnabled(True)
        self._fit_title_column()
        self._apply_filter()
        target = next((i for i in self._items if i.key == keep), None) if keep else None
        if target is None or target.isHidden():
            target = self.first_visible_lesson()
        if target is not None:
            self.tree.setCurrentItem(target)
            self.tree.scrollToItem(target)
        else:
            self._current_changed(None, None)

    def _folder_item(self, order: int, folder: LessonFolder, user: str) -> LessonItem:
        group = LessonItem("folder", order=order, folder=folder, user_folder=user)
        self._items.append(group)
        if not user:
            group.setText(COLUMN_TITLE, self.tr("Bundled lessons"))
            group.setToolTip(COLUMN_TITLE, str(folder.path))
        else:
            name = folder.path.name or str(folder.path)
            if folder.missing:
                group.setText(COLUMN_TITLE, self.tr("{folder} (missing)").format(folder=name))
            else:
                group.setText(COLUMN_TITLE, name)
            group.setToolTip(COLUMN_TITLE, str(folder.path))
        group.setText(COLUMN_OBJECTIVE, folder.error or str(folder.path))
        group.setToolTip(COLUMN_OBJECTIVE, folder.error or str(folder.path))
        font = group.font(COLUMN_TITLE)
        font.setBold(True)
        group.setFont(COLUMN_TITLE, font)
        group.setFirstColumnSpanned(False)
        style = self.style()
        icon = (QStyle.StandardPixmap.SP_MessageBoxWarning if folder.error
                else QStyle.StandardPixmap.SP_DirIcon)
        group.setIcon(COLUMN_TITLE, style.standardIcon(icon))
        if folder.error:
            group.setForeground(COLUMN_OBJECTIVE, self._error_brush())
        for entry in folder.lessons:
            item = LessonItem("lesson", order=order, folder=folder, user_folder=user,
                              entry=entry)
            scenario = item.scenario
            assert scenario is not None
            lesson = scenario.lesson
            item.setText(COLUMN_TITLE, scenario.title or entry.name)
            item.setToolTip(COLUMN_TITLE, str(entry.path))
            item.setText(COLUMN_DIFFICULTY, difficulty_label(item.difficulty))
            objective = lesson.objective if lesson is not None else ""
            item.setText(COLUMN_OBJECTIVE, objective)
            item.setToolTip(COLUMN_OBJECTIVE, objective)
            group.addChild(item)
            self._items.append(item)
        for problem in folder.problems:
            item = LessonItem("problem", order=order, folder=folder, user_folder=user,
                              problem=problem)
            item.setText(COLUMN_TITLE, problem.path.name)
            item.setIcon(COLUMN_TITLE, style.standardIcon(
                QStyle.StandardPixmap.SP_MessageBoxWarning))
            item.setText(COLUMN_DIFFICULTY, self.tr("Error"))
            item.setText(COLUMN_OBJECTIVE, problem.message)
            item.setToolTip(COLUMN_OBJECTIVE, problem.message)
            for column in (COLUMN_DIFFICULTY, COLUMN_OBJECTIVE):
                item.setForeground(column, self._error_brush())
            group.addChild(item)
            self._items.append(item)
        return group

    def _error_brush(self) -> QBrush:
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        return QBrush(Qt.GlobalColor.red if dark else Qt.GlobalColor.darkRed)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_title_column()

    def _fit_title_column(self) -> None:
        self.tree.resizeColumnToContents(COLUMN_TITLE)
        limit = max(self.width() // 2, 200)
        if self.tree.columnWidth(COLUMN_TITLE) > limit:
            self.tree.setColumnWidth(COLUMN_TITLE, limit)

    def _sort_chosen(self, _index: int) -> None:
        self.tree.sortByColumn(self.sort_by.currentData(), Qt.SortOrder.AscendingOrder)

    @staticmethod
    def _children(group: QTreeWidgetItem | None) -> list[LessonItem]:
        if group is None:
            return []
        return [item for item in (group.child(n) for n in range(group.childCount()))
                if isinstance(item, LessonItem)]

    def first_visible_lesson(self) -> LessonItem | None:
        """The first lesson row as the tree shows it (sorted, filtered)."""
        for top in range(self.tree.topLevelItemCount()):
            for item in self._children(self.tree.topLevelItem(top)):
                if item.kind == "lesson" and not item.isHidden():
                    return item
        return None

    def lesson_items(self, *, visible_only: bool = False) -> list[LessonItem]:
        return [i for i in self._items if i.kind == "lesson"
                and not (visible_only and i.isHidden())]

    def problem_items(self) -> list[LessonItem]:
        return [i for i in self._items if i.kind == "problem"]

    def folder_items(self) -> list[LessonItem]:
        return [i for i in self._items if i.kind == "folder"]

    # --- filter -----------------------------------------------------------------------

    def set_difficulty_filter(self, difficulty: str) -> None:
        """Show only the lessons of ``difficulty`` ("" for all)."""
        index = self.difficulty_filter.findData(difficulty)
        if index >= 0:
            self.difficulty_filter.setCurrentIndex(index)

    def _apply_filter(self, *_args: object) -> None:
        wanted = self.difficulty_filter.currentData() or ""
        for item in self.lesson_items():
            item.setHidden(bool(wanted) and item.difficulty != wanted)
        shown_count = len(self.lesson_items(visible_only=True))
        total = len(self.lesson_items())
        if shown_count == total:
            self.count_label.setText(self.tr("{count} lessons").format(count=total))
        else:
            self.count_label.setText(self.tr("{shown} of {count} lessons").format(
                shown=shown_count, count=total))
        current = self.tree.currentItem()
        if isinstance(current, LessonItem) and current.isHidden():
            first = self.first_visible_lesson()
            if first is not None:
                self.tree.setCurrentItem(first)
            else:  # nothing of that difficulty: the folder of the hidden row
                self.tree.setCurrentItem(current.parent() or current)
        elif current is not None:
            self._update_buttons()

    # --- the selected row ---------------------------------------------------------------

    def current(self) -> LessonItem | None:
        item = self.tree.currentItem()
        return item if isinstance(item, LessonItem) else None

    def current_lesson(self) -> LessonEntry | None:
        item = self.current()
        return item.entry if item is not None and not item.isHidden() else None

    def select_lesson(self, path: str | Path) -> bool:
        """Make the lesson of file ``path`` the current row; False if it is not listed."""
        for item in self.lesson_items():
            if item.entry is not None and Path(item.entry.path) == Path(path):
                if item.isHidden():
                    self.set_difficulty_filter("")
                self.tree.setCurrentItem(item)
                return True
        return False

    def _current_changed(self, current: QTreeWidgetItem | None,
                         _previous: QTreeWidgetItem | None) -> None:
        self.reveal_button.blockSignals(True)
        self.reveal_button.setChecked(False)  # every lesson starts with its answer hidden
        self.reveal_button.blockSignals(False)
        self._update_buttons()
        self._show_details()

    def _update_buttons(self) -> None:
        item = self.current()
        is_lesson = item is not None and item.kind == "lesson" and not item.isHidden()
        self.open_button.setEnabled(is_lesson)
        self.run_button.setEnabled(is_lesson)
        self.reveal_button.setEnabled(is_lesson)
        self.reveal_button.setText(self.tr("Hide &Explanation") if self.reveal_button.isChecked()
                                   else self.tr("&Reveal Explanation"))
        self.remove_button.setEnabled(item is not None and bool(item.user_folder))

    def _reveal_toggled(self, _on: bool) -> None:
        self._update_buttons()
        self._show_details()

    def reveal(self, on: bool = True) -> None:
        """Show (or hide again) the explanation and expected outcome of the current lesson."""
        if self.reveal_button.isEnabled():
            self.reveal_button.setChecked(on)

    @property
    def revealed(self) -> bool:
        return self.reveal_button.isChecked()

    def _show_details(self) -> None:
        item = self.current()
        esc = html.escape
        red = self._error_brush().color().name()
        if item is None:
            self.details.setHtml("<p>{}</p>".format(esc(self.tr("Choose a lesson."))))
            return
        if item.kind == "problem" and item.problem is not None:
            heading = self.tr("This file cannot be read:")
            hint = self.tr("Correct it in a text editor: the folder is read again each time "
                           "the browser is opened.")
            self.details.setHtml(f"<p><b>{esc(heading)}</b></p>"
                                 f"<p style='color:{red}'>{esc(item.problem.message)}</p>"
                                 f"<p>{esc(hint)}</p>")
            return
        if item.kind == "folder" and item.folder is not None:
            self.details.setHtml(self._folder_html(item))
            return
        scenario = item.scenario
        if scenario is None or scenario.lesson is None or item.entry is None:
            return
        lesson = scenario.lesson
        labels = {"difficulty": self.tr("Difficulty:"), "objective": self.tr("Objective:"),
                  "explanation": self.tr("Explanation:"),
                  "expected": self.tr("Expected outcome:")}
        parts = [f"<h3>{esc(scenario.title)}</h3>",
                 f"<p><b>{esc(labels['difficulty'])}</b> "
                 f"{esc(difficulty_label(lesson.difficulty))}</p>",
                 f"<p><b>{esc(labels['objective'])}</b> {esc(lesson.objective)}</p>"]
        if scenario.description:
            parts.append(f"<p>{esc(scenario.description)}</p>")
        if self.revealed:
            if lesson.explanation:
                parts.append(f"<p><b>{esc(labels['explanation'])}</b> "
                             f"{esc(lesson.explanation)}</p>")
            parts.append(f"<p><b>{esc(labels['expected'])}</b> "
                         f"{esc(expected_text(scenario))}</p>")
        else:
            hidden = self.tr("The explanation and the expected outcome are hidden: "
                             "Reveal Explanation shows them.")
            parts.append(f"<p><i>{esc(hidden)}</i></p>")
        parts.append(f"<p><small>{esc(str(item.entry.path))}</small></p>")
        self.details.setHtml("".join(parts))

    def _folder_html(self, item: LessonItem) -> str:
        folder = item.folder
        assert folder is not None
        esc = html.escape
        red = self._error_brush().color().name()
        title = self.tr("Bundled lessons") if not item.user_folder else str(folder.path)
        parts = [f"<h3>{esc(title)}</h3>"]
        if folder.missing:
            text = self.tr("This folder does not exist (any more): Remove Folder stops "
                           "listing it.")
            parts.append(f"<p style='color:{red}'>{esc(text)}</p>")
        elif folder.error:
            parts.append(f"<p style='color:{red}'>{esc(folder.error)}</p>")
        else:
            text = self.tr("{count} lessons").format(count=len(folder.lessons))
            parts.append(f"<p>{esc(text)}</p>")
            if folder.problems:
                text = self.tr("{count} files cannot be read.").format(
                    count=len(folder.problems))
                parts.append(f"<p style='color:{red}'>{esc(text)}</p>")
            if folder.not_lessons:
                text = self.tr("Scenarios without a [lesson] section, not listed: "
                               "{files}").format(
                    files=", ".join(p.name for p in folder.not_lessons))
                parts.append(f"<p>{esc(text)}</p>")
        return "".join(parts)

    # --- open, run --------------------------------------------------------------------

    def open_current(self) -> bool:
        """Open the current lesson in the main window; the browser closes when it did."""
        entry = self.current_lesson()
        if entry is None:
            return False
        if self._open_lesson(entry.path):
            self.accept()
            return True
        return False

    def run_current(self) -> bool:
        """Open the current lesson and play it; the browser closes when it did."""
        entry = self.current_lesson()
        if entry is None:
            return False
        if self._run_lesson(entry.path):
            self.accept()
            return True
        return False

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if isinstance(item, LessonItem) and item.kind == "lesson":
            self.open_current()

    # --- the user's folders -------------------------------------------------------------

    def add_folder_dialog(self) -> None:
        start = prefs.get_str("lessons/last_dir", str(Path.home()))
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a Folder of Lessons"),
                                                  start)
        if folder:
            self.add_folder(folder)

    def add_folder(self, folder: str | Path) -> None:
        """List the lessons of ``folder`` too (kept in the settings)."""
        prefs.add_lesson_folder(folder)
        prefs.set_value("lessons/last_dir", str(Path(folder).resolve().parent))
        self.reload()
        key = f"folder:{Path(folder).resolve()}"
        group = next((i for i in self.folder_items() if i.key == key), None)
        if group is not None:
            first = next((i for i in self._children(group) if not i.isHidden()), None)
            self.tree.setCurrentItem(first or group)
            self.tree.scrollToItem(group, QAbstractItemView.ScrollHint.PositionAtTop)

    def remove_current_folder(self) -> None:
        """Stop listing the folder of the current row (its files are not touched)."""
        item = self.current()
        if item is None or not item.user_folder:
            return
        prefs.remove_lesson_folder(item.user_folder)
        self.reload()
