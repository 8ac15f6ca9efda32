"""The main window: the diagram in the centre, the two gateways either side.

Around :class:`~ikeviz.gui.diagramview.DiagramView`: the left and right
gateway editors (docks on their side of the diagram), the diagnosis and the
lesson below it, the message inspector and the timeline when they are
installed, a toolbar to step through the negotiation, and the File, Edit,
View, Negotiation, Lessons and Help menus. Window layout and preferences are
kept in :mod:`ikeviz.gui.settings`.

File > Open Capture reads a pcap/pcapng in a worker thread
(:mod:`ikeviz.gui.capture_import`) and shows its negotiations in the Capture
panel (:mod:`ikeviz.gui.capture_panel`), from which one opens as a new scenario;
File > Export Report writes the HTML troubleshooting report of the scenario.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QScreen,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QSizePolicy,
    QStyle,
    QTextEdit,
    QToolBar,
    QUndoView,
    QWidget,
)

from ikeviz.gui import settings as prefs
from ikeviz.gui import themes
from ikeviz.gui.autosave import Autosaver, Orphan, orphaned_autosaves, record_clean_exit
from ikeviz.gui.diagnosis_panel import DiagnosisPanel
from ikeviz.gui.diagramview import DiagramView
from ikeviz.gui.document import STATE_NAMINGS, Document
from ikeviz.gui.errors import cannot_write
from ikeviz.gui.gateway_editor import GatewayEditor
from ikeviz.gui.proposals import default_phase1, default_phase2
from ikeviz.gui.scenario_panel import ScenarioPanel
from ikeviz.gui.widgets import ElidedLabel, plural
from ikeviz.i18n import current_language
from ikeviz.render.diagram import RowKind
from ikeviz.scenario.fileformat import ScenarioFileError, load_scenario
from ikeviz.scenario.model import Gateway, Scenario, Side
from ikeviz.scenario.translations import localized

if TYPE_CHECKING:
    from ikeviz.capture.negotiations import Negotiation
    from ikeviz.gui.capture_import import CaptureReader, CaptureRequest, CaptureResult
    from ikeviz.gui.capture_panel import CapturePanel
    from ikeviz.gui.crash import CrashHandler
    from ikeviz.gui.lessons_browser import LessonsBrowser

APP_NAME = "ikeviz"
STATE_VERSION = 3  # of the saved dock layout; a new layout ignores older ones
PLAY_INTERVAL_MS = 1200  # per message at 1x
SPEEDS = (0.5, 1.0, 2.0, 4.0)
FIT_MIN_ZOOM = 0.5  # Fit to Width never goes smaller (7.5 px type): a small window scrolls
FILE_FILTER = "ikeviz scenarios (*.ikeviz.toml *.toml);;All files (*)"  # translated by _file_filter
REPORT_FILTER = QT_TRANSLATE_NOOP("MainWindow", "HTML report (*.html)")
CAPTURE_PSK_PLACEHOLDER = "change-me-2026"  # a capture never holds the pre-shared key
FIGURE_FILTERS = {
    QT_TRANSLATE_NOOP("MainWindow", "PNG image (*.png)"): ".png",
    QT_TRANSLATE_NOOP("MainWindow", "SVG drawing (*.svg)"): ".svg",
    QT_TRANSLATE_NOOP("MainWindow", "PDF document (*.pdf)"): ".pdf",
}


def new_scenario(document: Document) -> Scenario:
    """A fresh scenario: two gateways of the same product with its default proposals."""
    profiles = document.profiles
    profile_id = "strongswan-5.9" if "strongswan-5.9" in profiles else next(iter(profiles))
    profile = profiles[profile_id]

    def gateway(name: str, address: str, local: str, remote: str) -> Gateway:
        return Gateway(name=name, profile=profile_id, address=address, psk="change-me-2026",
                       phase1=profile.phase1, phase2=profile.phase2, local_subnet=local,
                       remote_subnet=remote)

    left = gateway("Site A", "192.0.2.1", "10.1.0.0/24", "10.2.0.0/24")
    right = gateway("Site B", "198.51.100.2", "10.2.0.0/24", "10.1.0.0/24")
    phase1 = profile.phase1 or (default_phase1(profile),)
    phase2 = profile.phase2 or (default_phase2(profile),)
    return Scenario(title="New scenario", left=replace(left, phase1=phase1, phase2=phase2),
                    right=replace(right, phase1=phase1, phase2=phase2))


def _optional_widget(module: str, name: str) -> type[QWidget] | None:
    """A widget class of another part of the GUI, or None when it is not installed."""
    if importlib.util.find_spec(module) is None:
        return None
    try:
        found = getattr(importlib.import_module(module), name, None)
    except Exception:  # noqa: BLE001 - a missing or broken panel must not stop the window
        return None
    return found if isinstance(found, type) else None


def _available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


# The stepping keys (Negotiation menu): a table, a tree, a list or a text field with the
# keyboard focus has them instead (its cursor moves); anywhere else, they step.
STEP_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End)


def wants_step_keys(widget: QWidget) -> bool:
    """Whether ``widget`` (with the focus) uses Left, Right, Home and End itself: an item
    view, an editor in one of its cells, or an editable text field."""
    if isinstance(widget, QAbstractItemView | QLineEdit | QAbstractSpinBox):
        return True
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QAbstractItemView):
            return True  # a cell's editor (a combo box in a proposal table)
        parent = parent.parentWidget()
    return False


class _StepKeysFilter(QObject):
    """Installed on the focus widgets that :func:`wants_step_keys`: accepting the
    ShortcutOverride of a stepping key sends the key to the widget, not to the window's
    shortcut (item views do not claim these keys themselves)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() in STEP_KEYS \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier \
                and isinstance(watched, QWidget) and wants_step_keys(watched):
            event.accept()
        return False


def recent_labels(files: list[str]) -> list[str]:
    """The labels of File > Open Recent: the file name, and for names that appear more than
    once, as many of the last folders as tell them apart ("one.ikeviz.toml — lab/a",
    "one.ikeviz.toml — home/a"; the whole folder when nothing shorter does)."""
    paths = [Path(f) for f in files]
    labels = [p.name for p in paths]
    by_name: dict[str, list[int]] = {}
    for i, p in enumerate(paths):
        by_name.setdefault(p.name, []).append(i)
    home = Path.home()
    for indexes in by_name.values():
        if len(indexes) < 2:
            continue
        folders = [paths[i].parent for i in indexes]
        depth = max(len(f.parts) for f in folders)
        for count in range(1, depth + 1):
            tails = [Path(*f.parts[-count:]) if len(f.parts) > count else f for f in folders]
            if len(set(tails)) == len(tails):
                break
        for i, folder, tail in zip(indexes, folders, tails, strict=True):
            if tail == folder:  # the whole folder: shorter under the home folder
                shown = ("~" / folder.relative_to(home)) if folder.is_relative_to(home) \
                    else folder
                text = str(shown)
            else:
                text = str(Path("…", tail))
            labels[i] = f"{paths[i].name} — {text}"
    return labels


class MainWindow(QMainWindow):
    """The application window around one :class:`Document`."""

    themeChanged = Signal(str)
    firstPainted = Signal()

    def __init__(self, document: Document | None = None, *,
                 autosave_path: Path | None = None, scenario: Scenario | None = None,
                 restore_layout: bool = True) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        if document is None:
            if scenario is None:
                from ikeviz.scenario.lessons import DEFAULT_SCENARIO, lesson_path

                scenario = load_scenario(lesson_path(DEFAULT_SCENARIO))
            document = Document(scenario, state_names=prefs.get_str("view/state_names",
                                                                    "libreswan"))
        self.document = document
        document.setParent(self)
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks
                            | QMainWindow.DockOption.AllowNestedDocks)
        self.setDocumentMode(False)
        self.theme_name = prefs.get_str("view/theme", "light")
        if self.theme_name not in themes.THEME_NAMES:
            self.theme_name = "light"
        self.play_timer = QTimer(self)
        self.play_timer.timeout.connect(self._play_tick)
        self.speed = prefs.get_float("play/speed", 1.0)
        if self.speed not in SPEEDS:
            self.speed = 1.0
        self.fit_width = prefs.get_bool("view/fit_width", True)
        self.inspector: QWidget | None = None
        self.timeline: QWidget | None = None
        self.timeline_dock: QDockWidget | None = None
        self._timeline_run: object = None
        self._lessons_built = False
        self._lesson_actions: list[QAction] = []  # what build_lessons_menu put in the menu
        self.lessons_browser: LessonsBrowser | None = None
        self.first_paint_time: float | None = None
        self.capture_dock: QDockWidget | None = None
        self.capture_panel: CapturePanel | None = None
        self.capture_reader: CaptureReader | None = None
        self.last_capture_reader: CaptureReader | None = None
        self.capture_progress: QProgressDialog | None = None
        self.crash_handler: CrashHandler | None = None
        self.capture_psks: set[str] = set()  # keys given to read captures: kept out of reports

        app = QApplication.instance()
        theme = (themes.apply(app, self.theme_name) if isinstance(app, QApplication)
                 else themes.diagram_theme(self.theme_name))  # the palette before the widgets

        # --- the centre ---
        self.view = DiagramView(document, self, theme=theme)
        self.view.canvas.painted.connect(self._first_paint)
        self.view.zoomChanged.connect(self._zoom_changed)
        # Fit to Width follows the diagram's own width (a dock resized), coalesced.
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(lambda: self._fit())
        self.view.resized.connect(self._fit_timer.start)
        self.setCentralWidget(self.view)

        # --- docks ---
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.left_editor = GatewayEditor(document, Side.LEFT)
        self.right_editor = GatewayEditor(document, Side.RIGHT)
        self.left_dock = self._dock("leftGatewayDock", self.tr("Left gateway"), self.left_editor,
                                    Qt.DockWidgetArea.LeftDockWidgetArea)
        self.right_dock = self._dock("rightGatewayDock", self.tr("Right gateway"),
                                     self.right_editor,
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.diagnosis_panel = DiagnosisPanel(document, theme=theme)
        self.diagnosis_dock = self._dock("diagnosisDock", self.tr("Diagnosis"),
                                         self.diagnosis_panel,
                                         Qt.DockWidgetArea.BottomDockWidgetArea)
        self.scenario_panel = ScenarioPanel(document)
        self.scenario_dock = self._dock("scenarioDock", self.tr("Lesson and scenario"),
                                        self.scenario_panel,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.history = QUndoView(document.undo_stack)
        self.history.setEmptyLabel(self.tr("Opened"))
        self.history.setObjectName("history")
        self.history_dock = self._dock("historyDock", self.tr("History"), self.history,
                                       Qt.DockWidgetArea.BottomDockWidgetArea)
        self._add_inspector()  # split beside the diagnosis before anything is tabbed with it
        self._tabify(self.diagnosis_dock, self.scenario_dock)
        self._tabify(self.scenario_dock, self.history_dock)
        self._add_timeline_dock()
        self.diagnosis_dock.raise_()
        if self.inspector_dock is not None:
            self.inspector_dock.raise_()

        # --- actions, menus, toolbar, status bar ---
        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(0)
        self._status_timer.timeout.connect(self._update_status)
        # Both elided ("…", the whole text in the tooltip): in a narrow window the verdict
        # gives way first, and neither runs under the other.
        self.status_step = ElidedLabel(self)
        self.status_step.setSizePolicy(QSizePolicy.Policy.Preferred,
                                       QSizePolicy.Policy.Preferred)
        self.status_info = ElidedLabel(self)
        self.statusBar().addWidget(self.status_info, 1)
        self.statusBar().addPermanentWidget(self.status_step)

        # --- the document ---
        document.resultChanged.connect(self._result_changed)
        document.opened.connect(lambda: self._fit())
        document.stepChanged.connect(self._step_changed)
        document.selectionChanged.connect(self._selection_changed)
        document.modifiedChanged.connect(self._update_title)
        document.pathChanged.connect(self._update_title)
        document.scenarioChanged.connect(self._update_title)
        document.scenarioChanged.connect(self._update_dock_titles)
        document.undo_stack.indexChanged.connect(self._undo_index_changed)

        self.autosaver = Autosaver(document, autosave_path or prefs.autosave_path(), parent=self)
        self.autosaver.failed.connect(
            lambda error: self.statusBar().showMessage(
                self.tr("Autosave failed: {error}").format(error=error), 8000))

        self.apply_theme(self.theme_name, save=False)

        self.resize(*self._default_size())
        self._default_layout()
        if restore_layout:
            self._restore_layout()
        self._update_title()
        self._update_dock_titles()
        self._result_changed()
        self._step_changed(document.step)
        self._selection_changed(document.selected_row)

    # --- building -----------------------------------------------------------------------

    def _file_filter(self) -> str:
        return self.tr("ikeviz scenarios (*.ikeviz.toml *.toml)") + ";;" + self.tr("All files (*)")

    def _dock(self, name: str, title: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _tabify(self, first: QDockWidget, second: QDockWidget) -> None:
        """``second`` as a tab on ``first``. The layout is settled at once: tabifying a
        second group before the window is shown otherwise leaves a stale, visible tab bar
        over the docks (Qt 6.11)."""
        self.tabifyDockWidget(first, second)
        layout = self.layout()
        if layout is not None:
            layout.activate()

    def _add_inspector(self) -> None:
        """The inspector's dock; its widget right after the first paint (a faster start)."""
        self.inspector_dock: QDockWidget | None = None
        if not _available("ikeviz.gui.inspector"):
            return
        placeholder = QLabel(self.tr("Click a message in the diagram to inspect it."), self)
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.inspector_dock = self._dock("inspectorDock", self.tr("Message inspector"),
                                         placeholder,
                                         Qt.DockWidgetArea.BottomDockWidgetArea)
        self.splitDockWidget(self.diagnosis_dock, self.inspector_dock, Qt.Orientation.Horizontal)

    def ensure_inspector(self) -> QWidget | None:
        """The message inspector, made (and its module imported) the first time it is needed."""
        if self.inspector is not None or self.inspector_dock is None:
            return self.inspector
        inspector_class = _optional_widget("ikeviz.gui.inspector", "Inspector")
        if inspector_class is None:
            label = self.inspector_dock.widget()
            if isinstance(label, QLabel):
                label.setText(self.tr("The message inspector could not be loaded."))
            self.inspector_dock = None
            return None
        self.inspector = inspector_class()
        self.inspector.setObjectName("inspector")
        changed = getattr(self.inspector, "revealSecretsChanged", None)
        if changed is not None:
            changed.connect(self._inspector_reveal)
        old = self.inspector_dock.widget()
        self.inspector_dock.setWidget(self.inspector)
        if old is not None:
            old.deleteLater()
        self._update_inspector()
        return self.inspector

    def _add_timeline_dock(self) -> None:
        """The timeline's dock; its widget (and pyqtgraph) only when it is first shown."""
        if not _available("ikeviz.gui.timeline"):
            return
        dock = QDockWidget(self.tr("Timeline"), self)
        dock.setObjectName("timelineDock")
        placeholder = QLabel(self.tr("The timeline appears here when this panel is shown."),
                             dock)
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        dock.setWidget(placeholder)
        # Tabified without addDockWidget first: adding then tabifying leaves a stale tab bar.
        target = self.inspector_dock or self.history_dock
        self._tabify(target, dock)
        dock.visibilityChanged.connect(self._timeline_visibility)
        self.timeline_dock = dock

    def _timeline_visibility(self, visible: bool) -> None:
        if not visible or self.timeline_dock is None:
            return
        if self.timeline is None:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                timeline_class = _optional_widget("ikeviz.gui.timeline", "Timeline")
            finally:
                QApplication.restoreOverrideCursor()
            if timeline_class is None:
                label = self.timeline_dock.widget()
                if isinstance(label, QLabel):
                    label.setText(self.tr("The timeline could not be loaded."))
                return
            self.timeline = timeline_class()
            self.timeline.setObjectName("timeline")
            clicked = getattr(self.timeline, "messageClicked", None)
            if clicked is not None:
                clicked.connect(self._timeline_clicked)
            old = self.timeline_dock.widget()
            self.timeline_dock.setWidget(self.timeline)
            if old is not None:
                old.deleteLater()
        self._update_timeline()

    def _make_actions(self) -> None:
        style = self.style()

        def action(text: str, slot: Callable[[], Any] | None = None,
                   shortcut: QKeySequence | str | QKeySequence.StandardKey | None = None,
                   tip: str = "", icon: QStyle.StandardPixmap | None = None,
                   name: str = "") -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            if tip:
                act.setStatusTip(tip)
                keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                act.setToolTip(self.tr("{tip} ({keys})").format(tip=tip, keys=keys) if keys
                               else tip)
            if icon is not None:
                act.setIcon(style.standardIcon(icon))
            if slot is not None:
                act.triggered.connect(lambda _checked=False: slot())
            act.setObjectName(name or re.sub(r"\W+", "_", text.lower()).strip("_"))
            self.addAction(act)
            return act

        sp = QStyle.StandardPixmap
        self.new_action = action(self.tr("&New"), self.new_document,
                                 QKeySequence.StandardKey.New, self.tr("Start a new scenario"),
                                 sp.SP_FileIcon, "new")
        self.open_action = action(self.tr("&Open…"), self.open_dialog,
                                  QKeySequence.StandardKey.Open, self.tr("Open a scenario file"),
                                  sp.SP_DialogOpenButton, "open")
        self.open_capture_action = action(self.tr("Open &Capture…"), self.open_capture_dialog,
                                          "Ctrl+Shift+O", self.tr("Read the IKEv1 negotiations "
                                                                  "of a pcap or pcapng capture"),
                                          None, "openCapture")
        self.save_action = action(self.tr("&Save"), self.save, QKeySequence.StandardKey.Save,
                                  self.tr("Save the scenario"), sp.SP_DialogSaveButton, "save")
        self.save_as_action = action(self.tr("Save &As…"), self.save_as, "Ctrl+Shift+S",
                                     self.tr("Save the scenario under a new name"), None,
                                     "saveAs")
        self.export_action = action(self.tr("&Export Figure…"), lambda: self.export_dialog(False),
                                    "Ctrl+E", self.tr("Export the whole diagram as PNG, SVG or "
                                                      "PDF"), None, "export")
        self.export_step_action = action(self.tr("Export Figure up to the Current &Step…"),
                                         lambda: self.export_dialog(True), "Ctrl+Shift+E",
                                         self.tr("Export the diagram as far as it is revealed"),
                                         None, "exportStep")
        self.export_report_action = action(self.tr("Export &Report…"),
                                           self.export_report_dialog, "Ctrl+Shift+R",
                                           self.tr("Write a troubleshooting report: one HTML "
                                                   "page, without the pre-shared keys"), None,
                                           "exportReport")
        self.secrets_in_files = action(self.tr("Write Secrets into Files"), None, None,
                                       self.tr("Save the pre-shared keys and private keys in "
                                               "the scenario file (it is then readable by you "
                                               "only)"), None, "secretsInFiles")
        self.secrets_in_files.setCheckable(True)
        self.secrets_in_files.setChecked(prefs.get_bool("files/include_secrets", True))
        self.secrets_in_files.toggled.connect(
            lambda on: prefs.set_value("files/include_secrets", on))
        self.quit_action = action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit,
                                  self.tr("Close the window"), None, "quit")

        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo_action.setObjectName("undo")
        self.undo_action.setIcon(style.standardIcon(sp.SP_ArrowBack))
        self.redo_action = stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setObjectName("redo")
        self.redo_action.setIcon(style.standardIcon(sp.SP_ArrowForward))
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.fix_action = action(self.tr("Apply the First &Fix"), self.apply_first_fix,
                                 "Ctrl+F", self.tr("Apply the first fix the diagnosis suggests"),
                                 None, "applyFix")
        self.copy_image_action = action(self.tr("&Copy Diagram as Image"), self.view.copy_image,
                                        "Ctrl+Shift+C",
                                        self.tr("Copy the diagram to the clipboard"),
                                        None, "copyImage")
        self.preferences_action = action(self.tr("&Preferences…"), self.show_preferences, None,
                                         self.tr("Language, theme, state names and other "
                                                 "settings"), None, "preferences")
        keys = [QKeySequence(QKeySequence.StandardKey.Preferences), QKeySequence("Ctrl+,")]
        self.preferences_action.setShortcuts(
            [k for i, k in enumerate(keys) if not k.isEmpty() and k not in keys[:i]])
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)

        self.zoom_in_action = action(self.tr("Zoom &In"), self._zoom_in, None,
                                     self.tr("Larger diagram"), None, "zoomIn")
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++"),
                                          QKeySequence(QKeySequence.StandardKey.ZoomIn)])
        self.zoom_out_action = action(self.tr("Zoom &Out"), self._zoom_out, "Ctrl+-",
                                      self.tr("Smaller diagram"), None, "zoomOut")
        self.zoom_reset_action = action(self.tr("&Actual Size"), self._zoom_reset, "Ctrl+0",
                                        self.tr("The diagram at 100 %"), None, "zoomReset")
        self.fit_action = action(self.tr("&Fit to Width"), None, "Ctrl+9",
                                 self.tr("Size the diagram to the window's width"), None,
                                 "fitWidth")
        self.fit_action.setCheckable(True)
        self.fit_action.setChecked(self.fit_width)
        self.fit_action.toggled.connect(self._set_fit_width)
        self.secrets_action = action(self.tr("Reveal &Secrets"), None, None,
                                     self.tr("Show the pre-shared keys and derived keys in the "
                                             "diagram and the inspector"), None,
                                     "revealSecrets")
        self.secrets_action.setCheckable(True)
        self.secrets_action.toggled.connect(self._reveal_secrets)
        self.reset_layout_action = action(self.tr("Reset &Layout"), self._reset_layout, None,
                                          self.tr("Put every panel back where it started"),
                                          None, "resetLayout")
        self.presenter_action = action(self.tr("P&resenter Mode"), self.start_presenter,
                                       "F5", self.tr("The diagram full screen, in large type, "
                                                     "stepped with the keys of a presentation "
                                                     "remote (Esc returns)"), None, "presenter")
        self.presenter_action.setShortcuts([QKeySequence("F5"), QKeySequence("Shift+F5")])

        self.first_action = action(self.tr("&Start"), self.document.first_step, "Home",
                                   self.tr("Back to the start, before the first message"),
                                   sp.SP_MediaSkipBackward, "first")
        self.previous_action = action(self.tr("&Previous Message"), self.document.previous_step,
                                      "Left", self.tr("One message back"),
                                      sp.SP_MediaSeekBackward, "previous")
        self.play_action = action(self.tr("&Play"), self._space, "Space",
                                  self.tr("Play the negotiation message by message"),
                                  sp.SP_MediaPlay, "play")
        self.next_action = action(self.tr("&Next Message"), self.document.next_step, "Right",
                                  self.tr("One message forward"), sp.SP_MediaSeekForward,
                                  "next")
        self.last_action = action(self.tr("&End"), self.document.last_step, "End",
                                  self.tr("The whole negotiation"), sp.SP_MediaSkipForward,
                                  "last")
        for act in (self.first_action, self.previous_action, self.play_action,
                    self.next_action, self.last_action):
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        # ... except in a table, a tree, a list or a text field with the focus.
        self._step_keys = _StepKeysFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

        self.shortcuts_action = action(self.tr("&Keyboard Shortcuts"), self.show_shortcuts,
                                       None, self.tr("The keys of the window"), None,
                                       "shortcuts")
        self.about_action = action(self.tr("&About ikeviz"), self.show_about, None, "", None,
                                   "about")

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.open_capture_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addAction(self.secrets_in_files)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.export_step_action)
        file_menu.addAction(self.export_report_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.fix_action)
        edit_menu.addAction(self.copy_image_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.zoom_in_action)
        view_menu.addAction(self.zoom_out_action)
        view_menu.addAction(self.zoom_reset_action)
        view_menu.addAction(self.fit_action)
        view_menu.addSeparator()
        states_menu = view_menu.addMenu(self.tr("State &Names"))
        self.state_group = QActionGroup(self)
        self.state_actions: dict[str, QAction] = {}
        for key, label in STATE_NAMINGS.items():
            act = states_menu.addAction(QCoreApplication.translate("Document", label))
            act.setCheckable(True)
            act.setChecked(key == self.document.state_names)
            act.setObjectName(f"states_{key}")
            act.triggered.connect(lambda _c=False, k=key: self.set_state_names(k))
            self.state_group.addAction(act)
            self.state_actions[key] = act
        theme_menu = view_menu.addMenu(self.tr("&Theme"))
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for key, label in themes.THEME_NAMES.items():
            act = theme_menu.addAction(QCoreApplication.translate("themes", label))
            act.setCheckable(True)
            act.setChecked(key == self.theme_name)
            act.setObjectName(f"theme_{key}")
            act.triggered.connect(lambda _c=False, k=key: self.apply_theme(k))
            self.theme_group.addAction(act)
            self.theme_actions[key] = act
        view_menu.addAction(self.secrets_action)
        view_menu.addSeparator()
        panels = view_menu.addMenu(self.tr("&Panels"))
        self.panels_menu = panels
        for dock in self.findChildren(QDockWidget):
            panels.addAction(dock.toggleViewAction())
        view_menu.addAction(self.reset_layout_action)
        view_menu.addSeparator()
        view_menu.addAction(self.presenter_action)

        step_menu = bar.addMenu(self.tr("&Negotiation"))
        for act in (self.first_action, self.previous_action, self.play_action,
                    self.next_action, self.last_action):
            step_menu.addAction(act)
        speed_menu = step_menu.addMenu(self.tr("Play &Speed"))
        self.speed_group = QActionGroup(self)
        for speed in SPEEDS:
            act = speed_menu.addAction(f"{speed:g}×")
            act.setCheckable(True)
            act.setChecked(speed == self.speed)
            act.triggered.connect(lambda _c=False, s=speed: self.set_speed(s))
            self.speed_group.addAction(act)

        self.lessons_menu = bar.addMenu(self.tr("&Lessons"))
        self.lessons_menu.setObjectName("lessonsMenu")
        self.browse_lessons_action = QAction(self.tr("&Browse Lessons…"), self)
        self.browse_lessons_action.setObjectName("browseLessons")
        self.browse_lessons_action.setShortcut(QKeySequence("Ctrl+L"))
        self.browse_lessons_action.setStatusTip(
            self.tr("Every lesson, bundled or your own: open or run one"))
        self.browse_lessons_action.triggered.connect(lambda _c=False: self.show_lessons_browser())
        self.addAction(self.browse_lessons_action)
        self.lessons_menu.addAction(self.browse_lessons_action)
        self._lessons_end = self.lessons_menu.addSeparator()  # the lessons go before it
        self._lessons_end.setVisible(False)
        self.lessons_menu.aboutToShow.connect(self.build_lessons_menu)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    def _make_toolbar(self) -> None:
        bar = QToolBar(self.tr("Negotiation"), self)
        bar.setObjectName("stepToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for act in (self.open_action, self.save_action):
            bar.addAction(act)
        bar.addSeparator()
        for act in (self.first_action, self.previous_action, self.play_action,
                    self.next_action, self.last_action):
            bar.addAction(act)
        self.step_label = QLabel(bar)
        self.step_label.setObjectName("stepLabel")
        self.step_label.setMinimumWidth(self.fontMetrics().horizontalAdvance(
            self.tr("Message 10 / 10 · MM5 (retransmission 4)")) + 16)
        self.step_label.setContentsMargins(8, 0, 8, 0)
        bar.addWidget(self.step_label)
        self.speed_combo = QComboBox(bar)
        self.speed_combo.setObjectName("speedCombo")
        self.speed_combo.setToolTip(self.tr("How fast Play goes through the messages"))
        for speed in SPEEDS:
            self.speed_combo.addItem(f"{speed:g}×", speed)
        self.speed_combo.setCurrentIndex(SPEEDS.index(self.speed))
        self.speed_combo.currentIndexChanged.connect(
            lambda i: self.set_speed(SPEEDS[i]) if 0 <= i < len(SPEEDS) else None)
        bar.addWidget(self.speed_combo)
        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        states_label = QLabel(self.tr("State names") + " ", bar)
        bar.addWidget(states_label)
        self.states_combo = QComboBox(bar)
        self.states_combo.setObjectName("statesCombo")
        self.states_combo.setToolTip(self.tr("Whose state names to show on the lifelines: the "
                                             "names each product prints in its logs"))
        for key, label in STATE_NAMINGS.items():
            self.states_combo.addItem(QCoreApplication.translate("Document", label), key)
        self.states_combo.setCurrentIndex(list(STATE_NAMINGS).index(self.document.state_names))
        self.states_combo.currentIndexChanged.connect(
            lambda i: self.set_state_names(str(self.states_combo.itemData(i))))
        bar.addWidget(self.states_combo)
        bar.addSeparator()
        bar.addAction(self.zoom_out_action)
        self.zoom_label = QLabel(bar)
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("300 %") + 10)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar.addWidget(self.zoom_label)
        bar.addAction(self.zoom_in_action)
        self.zoom_out_action.setText("−")
        self.zoom_in_action.setText("+")
        bar.addAction(self.fit_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar

    # --- layout and preferences ----------------------------------------------------------

    def _default_layout(self) -> None:
        for dock in (self.left_dock, self.right_dock, self.diagnosis_dock, self.scenario_dock):
            dock.show()
        self.history_dock.hide()
        # The gateways' docks: 30 % of a large window each; in a small one (a 1024 px
        # laptop screen) narrower, so that the diagram keeps 600 px when it can.
        width = self.width()
        side = max(200, min(560, int(width * 0.30), (width - 600) // 2))
        self.resizeDocks([self.left_dock, self.right_dock], [side, side],
                         Qt.Orientation.Horizontal)
        bottom = [d for d in (self.diagnosis_dock, self.inspector_dock) if d is not None]
        self.resizeDocks(bottom, [860, 740][:len(bottom)], Qt.Orientation.Horizontal)
        self.resizeDocks([self.diagnosis_dock], [min(330, int(self.height() * 0.36))],
                         Qt.Orientation.Vertical)
        self.diagnosis_dock.raise_()
        if self.inspector_dock is not None:
            self.inspector_dock.raise_()

    def _default_size(self) -> tuple[int, int]:
        """1600 x 1000, or nearly all of a smaller screen."""
        screen: QScreen | None = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:  # no screen at all (never with a display or offscreen)
            return 1600, 1000
        available = screen.availableGeometry()
        return (min(1600, int(available.width() * 0.96)),
                min(1000, int(available.height() * 0.94)))

    def _reset_layout(self) -> None:
        for dock in self.findChildren(QDockWidget):
            dock.setFloating(False)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.left_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.right_dock)
        for movable in (self.scenario_dock, self.history_dock, self.inspector_dock,
                        self.timeline_dock, self.capture_dock):
            if movable is not None:
                self.removeDockWidget(movable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.diagnosis_dock)
        if self.inspector_dock is not None:
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.inspector_dock)
            self.splitDockWidget(self.diagnosis_dock, self.inspector_dock,
                                 Qt.Orientation.Horizontal)
        for tabbed in (self.scenario_dock, self.history_dock, self.capture_dock):
            if tabbed is not None:
                self._tabify(self.diagnosis_dock, tabbed)
        if self.timeline_dock is not None:
            self._tabify(self.inspector_dock or self.history_dock, self.timeline_dock)
        for optional in (self.inspector_dock, self.timeline_dock):
            if optional is not None:
                optional.show()
        if self.capture_dock is not None and self.capture_panel is not None and \
                self.capture_panel.result is not None:
            self.capture_dock.show()
        self._default_layout()
        if self.inspector_dock is not None:
            self.inspector_dock.raise_()

    def _restore_layout(self) -> None:
        store = prefs.settings()
        geometry = store.value("window/geometry")
        state = store.value("window/state")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
        if isinstance(state, QByteArray | bytes):
            self.restoreState(QByteArray(state), STATE_VERSION)
        zoom = prefs.get_float("view/zoom", 1.0)
        if not self.fit_width:
            self.view.set_zoom(zoom)

    def save_preferences(self) -> None:
        store = prefs.settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState(STATE_VERSION))
        store.setValue("view/zoom", self.view.zoom)
        store.setValue("view/fit_width", self.fit_width)
        store.setValue("view/theme", self.theme_name)
        store.setValue("view/state_names", self.document.state_names)
        store.setValue("play/speed", self.speed)
        store.sync()

    def apply_theme(self, name: str, *, save: bool = True) -> None:
        app = QApplication.instance()
        theme = themes.diagram_theme(name)
        if isinstance(app, QApplication) and (name != self.theme_name or save):
            theme = themes.apply(app, name)
        self.theme_name = name
        self.view.set_theme(theme)
        self.diagnosis_panel.set_theme(theme)
        if self.capture_panel is not None:
            self.capture_panel.set_theme(theme)
        if name in getattr(self, "theme_actions", {}):
            self.theme_actions[name].setChecked(True)
        self._update_icons()
        if save:
            prefs.set_value("view/theme", name)
        self.themeChanged.emit(name)

    def _update_icons(self) -> None:
        """The stepping icons in the palette's colours (after a theme change)."""
        from ikeviz.gui import icons

        palette = self.palette() if QApplication.instance() is None else QApplication.palette()
        color = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
        disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        disabled.setAlphaF(0.45)
        self._icons = {name: icons.icon(name, color, disabled) for name in icons.DRAWINGS}
        for name, act in (("first", self.first_action), ("previous", self.previous_action),
                          ("next", self.next_action), ("last", self.last_action)):
            act.setIcon(self._icons[name])
        self.play_action.setIcon(self._icons["pause" if self.playing else "play"])

    def set_state_names(self, naming: str) -> None:
        if naming not in STATE_NAMINGS:
            return
        self.document.set_state_names(naming)
        if self.capture_panel is not None:
            self.capture_panel.set_state_names(naming)
        self.state_actions[naming].setChecked(True)
        index = list(STATE_NAMINGS).index(naming)
        if self.states_combo.currentIndex() != index:
            self.states_combo.setCurrentIndex(index)
        prefs.set_value("view/state_names", naming)

    def set_speed(self, speed: float) -> None:
        self.speed = speed
        self.play_timer.setInterval(int(PLAY_INTERVAL_MS / speed))
        if self.speed_combo.currentIndex() != SPEEDS.index(speed):
            self.speed_combo.setCurrentIndex(SPEEDS.index(speed))
        for act in self.speed_group.actions():
            act.setChecked(act.text() == f"{speed:g}×")
        prefs.set_value("play/speed", speed)

    # --- zoom ----------------------------------------------------------------------------

    def _zoom_in(self) -> None:
        self._set_fit_width(False)
        self.view.zoom_in()

    def _zoom_out(self) -> None:
        self._set_fit_width(False)
        self.view.zoom_out()

    def _zoom_reset(self) -> None:
        self._set_fit_width(False)
        self.view.zoom_reset()

    def _set_fit_width(self, on: bool) -> None:
        self.fit_width = on
        if self.fit_action.isChecked() != on:
            self.fit_action.setChecked(on)
        self._fit()

    def _fit(self, *, shrink_only: bool = False) -> None:
        """Fit the diagram to the window's width (Fit to Width): on open and resize; after
        an edit only to make a wider diagram fit, so the text does not jump at every edit."""
        if not self.fit_width or self.document.diagram is None:
            return
        from ikeviz.gui.diagramview import BASE_FONT

        available = self.view.viewport().width() - 8
        natural = self.view.natural_width(self.view.base_theme.with_font_size(BASE_FONT))
        if natural <= 0 or available <= 0:
            return
        zoom = min(1.25, max(FIT_MIN_ZOOM, available / natural))
        if shrink_only and zoom >= self.view.zoom - 0.01:
            return
        if abs(zoom - self.view.zoom) > 0.01:
            self.view.set_zoom(zoom)

    def _zoom_changed(self, zoom: float) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)} %")

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        QTimer.singleShot(0, lambda: self._fit())

    # --- the document's changes ----------------------------------------------------------

    def _update_title(self, *_args: object) -> None:
        self.setWindowTitle(f"{self.document.display_name}[*] - {APP_NAME}")
        self.setWindowModified(self.document.modified)

    def _update_dock_titles(self) -> None:
        scenario = self.document.scenario
        for dock, side in ((self.left_dock, Side.LEFT), (self.right_dock, Side.RIGHT)):
            role = self.tr("initiator") if scenario.initiator is side else self.tr("responder")
            text = (self.tr("Left gateway · {name} · {role}") if side is Side.LEFT
                    else self.tr("Right gateway · {name} · {role}"))
            dock.setWindowTitle(text.format(name=scenario.gateway(side).name, role=role))

    def _result_changed(self) -> None:
        doc = self.document
        self._fit(shrink_only=True)
        self._zoom_changed(self.view.zoom)
        diagnosis = doc.diagnosis
        self._status_timer.start()  # the status line after the diagram: it can wait
        self.fix_action.setEnabled(bool(diagnosis and any(f.action != "none"
                                                          for f in diagnosis.fixes)))
        self._update_step_widgets()
        self._update_inspector()
        self._update_timeline()

    def _update_status(self) -> None:
        doc = self.document
        diagnosis = doc.diagnosis
        if doc.error:
            self.status_info.setText(self.tr("Cannot run: {error}").format(error=doc.error))
        elif doc.problem:
            self.status_info.setText(self.tr("Not saveable as it is: {problem}").format(
                problem=doc.problem))
        elif diagnosis is not None:
            self.status_info.setText(self.tr("{verdict}  ·  computed in {ms} ms").format(
                verdict=diagnosis.verdict, ms=f"{doc.compute_ms:.0f}"))

    def _step_changed(self, _step: int) -> None:
        self._update_step_widgets()

    def _update_step_widgets(self) -> None:
        doc = self.document
        count = doc.row_count
        step = doc.step
        stops = doc.stops()
        sent = len([s for s in stops if s > 0])
        rows = doc.diagram.rows if doc.diagram is not None else ()
        if rows and rows[-1].kind is RowKind.GHOST:
            sent -= 1  # the last stop shows the messages that never came
        if step == 0:
            text = self.tr("Start · 0 / {sent}").format(sent=sent)
        elif rows and rows[step - 1].kind is RowKind.GHOST:
            text = self.tr("After the failure · {sent} / {sent} · never sent").format(sent=sent)
        else:
            row = rows[step - 1] if rows else None
            what = ""
            if row is not None:
                what = row.label if row.kind is not RowKind.TIMEOUT else self.tr("timeout")
                if row.retransmission and row.kind is RowKind.MESSAGE:
                    what += " " + self.tr("(again {count})").format(count=row.retransmission)
                if row.notify:
                    what += f" {row.notify}"
            number = len([s for s in stops if 0 < s <= step])
            text = self.tr("Message {number} / {sent} · {what}").format(
                number=number, sent=sent, what=what)
        self.step_label.setText(text)
        self.status_step.setText(text)
        self.first_action.setEnabled(step > 0)
        self.previous_action.setEnabled(step > 0)
        self.next_action.setEnabled(step < count)
        self.last_action.setEnabled(step < count)

    def _selection_changed(self, _row: int) -> None:
        self._update_inspector()
        self._update_timeline_current()

    def _undo_index_changed(self, _index: int) -> None:
        self.statusBar().clearMessage()

    # --- inspector and timeline ------------------------------------------------------------

    def _update_inspector(self) -> None:
        doc = self.document
        found = doc.event_of_row(doc.selected_row)
        inspector = self.inspector
        if inspector is None and found is not None:
            inspector = self.ensure_inspector()
        if inspector is None:
            return
        try:
            if found is None or doc.run is None:
                if getattr(inspector, "event_shown", lambda: True)() is not None:
                    inspector.clear()  # type: ignore[attr-defined]
            else:
                inspector.set_message(doc.run, found[1],  # type: ignore[attr-defined]
                                      reveal_secrets=doc.show_secrets)
        except Exception as exc:  # noqa: BLE001 - a panel's bug must not stop the window
            self.statusBar().showMessage(
                self.tr("The inspector could not show this message: {error}").format(error=exc),
                8000)

    def _inspector_reveal(self, reveal: bool) -> None:
        if self.secrets_action.isChecked() != reveal:
            self.secrets_action.setChecked(reveal)

    def _update_timeline(self) -> None:
        timeline = self.timeline
        if timeline is None or self.timeline_dock is None or not self.timeline_dock.isVisible():
            return
        run = self.document.run
        if run is not self._timeline_run:
            self._timeline_run = run
            try:
                timeline.set_run(run)  # type: ignore[attr-defined]
            except Exception as exc:  # noqa: BLE001 - a panel's bug must not stop the window
                self.statusBar().showMessage(
                    self.tr("The timeline could not show this run: {error}").format(error=exc),
                    8000)
        self._update_timeline_current()

    def _update_timeline_current(self) -> None:
        timeline = self.timeline
        if timeline is None or not hasattr(timeline, "set_current"):
            return
        found = self.document.event_of_row(self.document.selected_row)
        try:
            timeline.set_current(found[0] if found else None)
        except Exception:  # noqa: BLE001
            pass

    def _timeline_clicked(self, trace_index: int) -> None:
        row = self.document.row_of_event(trace_index)
        if row >= 0:
            if row >= self.document.step:
                self.document.set_step(row + 1)
            self.document.set_selected_row(row)
            self.view.ensure_row_visible(row)

    def _reveal_secrets(self, on: bool) -> None:
        self.document.set_show_secrets(on)
        if self.inspector is not None and hasattr(self.inspector, "set_reveal_secrets"):
            self.inspector.blockSignals(True)
            try:
                self.inspector.set_reveal_secrets(on)
            finally:
                self.inspector.blockSignals(False)
        self._update_inspector()

    # --- stepping --------------------------------------------------------------------------

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new.window() is self and wants_step_keys(new):
            new.installEventFilter(self._step_keys)  # once: installing again moves it

    def _space(self) -> None:
        """Space: play or pause, unless a button or a combo box has the keyboard focus
        (then it does what Space does there: press it, open it)."""
        focus = QApplication.focusWidget()
        if isinstance(focus, QAbstractButton) and focus.window() is self:
            focus.animateClick()
            return
        if isinstance(focus, QComboBox) and focus.window() is self:
            focus.showPopup()
            return
        self.toggle_play()

    def toggle_play(self) -> None:
        if self.play_timer.isActive():
            self.stop_playing()
            return
        if self.document.at_end:
            self.document.first_step()
        self.play_timer.setInterval(int(PLAY_INTERVAL_MS / self.speed))
        self.play_timer.start()
        self.play_action.setIcon(self._icons["pause"])
        self.play_action.setText(self.tr("&Pause"))
        self._play_tick()

    def stop_playing(self) -> None:
        self.play_timer.stop()
        self.play_action.setIcon(self._icons["play"])
        self.play_action.setText(self.tr("&Play"))

    @property
    def playing(self) -> bool:
        return self.play_timer.isActive()

    def _play_tick(self) -> None:
        if self.document.at_end:
            self.stop_playing()
            return
        self.document.next_step()
        if self.document.step >= self.document.row_count:
            self.stop_playing()

    def apply_first_fix(self) -> None:
        diagnosis = self.document.diagnosis
        if diagnosis is None:
            return
        for fix in diagnosis.fixes:
            if fix.action != "none":
                self.document.apply_fix(fix)
                self.statusBar().showMessage(
                    self.tr("Applied: {fix} (Ctrl+Z to undo)").format(fix=fix.description),
                    8000)
                return

    # --- files -----------------------------------------------------------------------------

    def maybe_save(self, doing: str = "") -> bool:
        """Ask what to do with unsaved changes; False when the user cancels. ``doing``: what
        is about to happen, translated ("close the window")."""
        if not self.document.modified:
            return True
        answer = QMessageBox.warning(
            self, self.tr("Unsaved changes"),
            self.tr("“{name}” has changes that are not saved.\n\nSave them before you "
                    "{doing}?").format(name=self.document.display_name,
                                       doing=doing or self.tr("continue")),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            # The autosave stays until the document is actually replaced or closed (the
            # file dialog that follows may be cancelled, the file may not open): the
            # Autosaver drops it when another document is opened.
            return True
        return False

    def new_document(self) -> None:
        if not self.maybe_save(self.tr("start a new scenario")):
            return
        self.stop_playing()
        self.document.reset(new_scenario(self.document))
        self.statusBar().showMessage(self.tr("A new scenario: two gateways configured alike"),
                                     5000)

    def open_dialog(self) -> None:
        if not self.maybe_save(self.tr("open another scenario")):
            return
        folder = prefs.get_str("files/last_dir", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a scenario"), folder,
                                              self._file_filter())
        if path:
            self.open_path(path, ask=False)

    def open_path(self, path: str | Path, *, ask: bool = True) -> bool:
        """Open a scenario file; a message box names the problem when it cannot be read."""
        if ask and not self.maybe_save(self.tr("open another scenario")):
            return False
        self.stop_playing()
        try:
            self.document.open(path)
        except ScenarioFileError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the scenario"), str(exc))
            return False
        prefs.add_recent_file(path)
        prefs.set_value("files/last_dir", str(Path(path).resolve().parent))
        self.statusBar().showMessage(self.tr("Opened {path}").format(path=path), 5000)
        return True

    def open_lesson(self, path: Path) -> bool:
        """Open a lesson as a new, untitled document (saving asks for a place); False when
        the user cancels or the file cannot be read."""
        if not self.maybe_save(self.tr("open the lesson")):
            return False
        self.stop_playing()
        try:
            scenario = load_scenario(path, profiles=self.document.profiles.keys())
        except ScenarioFileError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the lesson"), str(exc))
            return False
        self.document.reset(scenario)
        self.scenario_dock.raise_()
        self.statusBar().showMessage(self.tr("Lesson: {title}").format(
            title=localized(scenario, current_language()).title), 5000)
        return True

    def run_lesson(self, path: Path) -> bool:
        """Open a lesson and play its negotiation from the start, message by message."""
        if not self.open_lesson(path):
            return False
        self.document.first_step()
        self.toggle_play()
        return True

    def show_lessons_browser(self) -> LessonsBrowser:
        """The lessons browser (Lessons > Browse Lessons…), its folders read again."""
        from ikeviz.gui.lessons_browser import LessonsBrowser

        if self.lessons_browser is None:
            self.lessons_browser = LessonsBrowser(self.document.profiles.keys(),
                                                  self.open_lesson, self.run_lesson, self)
        else:
            self.lessons_browser.reload()
        if self.lessons_browser.isVisible():
            self.lessons_browser.raise_()  # behind the window: in front again
        else:
            self.lessons_browser.show()
        self.lessons_browser.activateWindow()
        return self.lessons_browser

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        folder = prefs.get_str("files/last_dir", str(Path.home()))
        name = self.document.path.name if self.document.path else (
            re.sub(r"[^a-z0-9]+", "-", self.document.scenario.title.lower()).strip("-")
            or "scenario") + ".ikeviz.toml"  # the MIME type's glob: a double click opens it
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the scenario"),
                                              str(Path(folder) / name), self._file_filter())
        if not path:
            return False
        if not path.endswith(".toml"):
            path += ".ikeviz.toml"
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        try:
            self.document.save(path, include_secrets=self.secrets_in_files.isChecked())
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self, self.tr("Cannot save the scenario"),
                                 cannot_write(path, exc))
            return False
        prefs.add_recent_file(path)
        prefs.set_value("files/last_dir", str(path.resolve().parent))
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 5000)
        return True

    def export_dialog(self, up_to_step: bool) -> None:
        diagram = self.document.diagram
        if diagram is None:
            QMessageBox.information(self, self.tr("Nothing to export"),
                                    self.tr("This scenario cannot run."))
            return
        folder = prefs.get_str("files/export_dir", prefs.get_str("files/last_dir",
                                                                   str(Path.home())))
        stem = re.sub(r"[^a-z0-9]+", "-", self.document.display_name.lower()).strip("-")
        stem = stem.removesuffix("-toml") or "diagram"
        shown = {QCoreApplication.translate("MainWindow", f): suffix
                  for f, suffix in FIGURE_FILTERS.items()}
        filters = ";;".join(shown)
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export the diagram"),
                                                   str(Path(folder) / f"{stem}.png"), filters)
        if not path:
            return
        suffix = shown.get(chosen, ".png")
        if Path(path).suffix.lower() not in FIGURE_FILTERS.values():
            path += suffix
        self.export_figure(Path(path), up_to_step=up_to_step)

    def export_figure(self, path: Path, *, up_to_step: bool = False) -> bool:
        diagram = self.document.diagram
        if diagram is None:
            return False
        from ikeviz.render.export import export_figure

        step = self.document.step if up_to_step else None
        try:
            export_figure(diagram, path, theme=self.view.base_theme, step=step,
                          scale=2.0 if path.suffix.lower() == ".png" else 1.0)
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self, self.tr("Cannot export the figure"),
                                 cannot_write(path, exc, export=True))
            return False
        prefs.set_value("files/export_dir", str(path.resolve().parent))
        self.statusBar().showMessage(self.tr("Exported {path}").format(path=path), 5000)
        return True

    def export_report_dialog(self) -> None:
        doc = self.document
        if doc.run is None or doc.diagnosis is None:
            QMessageBox.information(self, self.tr("Nothing to report"),
                                    self.tr("This scenario cannot run: {error}").format(
                                        error=doc.error))
            return
        folder = prefs.get_str("files/export_dir", prefs.get_str("files/last_dir",
                                                                   str(Path.home())))
        stem = re.sub(r"[^a-z0-9]+", "-", doc.display_name.lower()).strip("-")
        stem = (stem.removesuffix("-toml") or "scenario") + "-report"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the troubleshooting report"),
                                              str(Path(folder) / f"{stem}.html"),
                                              self.tr(REPORT_FILTER))
        if not path:
            return
        if Path(path).suffix.lower() not in (".html", ".htm"):
            path += ".html"
        self.export_report(Path(path))

    def export_report(self, path: Path) -> bool:
        """The troubleshooting report of the current scenario as one HTML page (never with
        the pre-shared keys)."""
        doc = self.document
        if doc.run is None or doc.diagnosis is None:
            return False
        from ikeviz.render.report import write_report

        try:
            write_report(path, doc.run, doc.diagnosis, show_secrets=False,
                         state_names=doc.state_names,  # type: ignore[arg-type]
                         source=doc.display_name)
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self, self.tr("Cannot export the report"),
                                 cannot_write(path, exc, export=True))
            return False
        prefs.set_value("files/export_dir", str(path.resolve().parent))
        self.statusBar().showMessage(self.tr("Exported the report {path}").format(path=path),
                                     5000)
        return True

    # --- captures --------------------------------------------------------------------------

    def open_capture_dialog(self) -> None:
        """Choose a capture, then the keys (optional), then read it in the background."""
        if self.capture_reader is not None:
            return
        from ikeviz.gui.capture_import import CaptureOptionsDialog, capture_filter

        folder = prefs.get_str("files/capture_dir", prefs.get_str("files/last_dir",
                                                                    str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a capture"), folder,
                                              capture_filter())
        if not path:
            return
        dialog = CaptureOptionsDialog(self, path, self.document.profiles,
                                      responder_profile=prefs.get_str("capture/responder"),
                                      initiator_profile=prefs.get_str("capture/initiator",
                                                                      "strongswan-5.9"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        request = dialog.request()
        prefs.set_value("capture/responder", request.responder_profile or "")
        prefs.set_value("capture/initiator", request.initiator_profile)
        self.open_capture(request)

    def open_capture(self, request: CaptureRequest) -> CaptureReader | None:
        """Read ``request``'s capture in a worker thread, with a progress dialog that can
        cancel it; the Capture panel shows it when it is read. None when one is being read."""
        if self.capture_reader is not None:
            return None
        from ikeviz.gui.capture_import import CaptureReader

        if request.psk:
            self.capture_psks.add(request.psk)
        reader = CaptureReader(request, self.document.profiles, self)
        progress = QProgressDialog(self.tr("Reading {name}…").format(name=request.name),
                                   self.tr("Cancel"), 0, 1000, self)
        progress.setObjectName("captureProgress")
        progress.setWindowTitle(self.tr("Open Capture"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumWidth(420)
        progress.setValue(0)
        progress.canceled.connect(self._cancel_capture)
        reader.progressed.connect(self._capture_progressed)
        reader.stageChanged.connect(progress.setLabelText)
        reader.succeeded.connect(self._capture_read)
        reader.failed.connect(self._capture_failed)
        reader.finished.connect(self._capture_finished)
        self.capture_reader = reader
        self.capture_progress = progress
        self.open_capture_action.setEnabled(False)
        prefs.set_value("files/capture_dir", str(Path(request.path).resolve().parent))
        reader.start()
        return reader

    def _capture_progressed(self, done: int, total: int) -> None:
        progress = self.capture_progress
        reader = self.capture_reader
        if progress is None or reader is None or reader.cancel_event.is_set():
            return
        if total > 0:
            progress.setMaximum(1000)
            progress.setValue(min(1000, done * 1000 // total))
            size = self.tr("{done} of {total} MB").format(done=f"{done / 1e6:.0f}",
                                                          total=f"{total / 1e6:.0f}")
        else:
            progress.setMaximum(0)  # busy: the size is not known
            size = self.tr("{done} MB").format(done=f"{done / 1e6:.0f}")
        progress.setLabelText(self.tr("Reading {name}… {size}").format(
            name=reader.request.name, size=size))

    def _cancel_capture(self) -> None:
        reader = self.capture_reader
        if reader is not None:
            reader.cancel()
            self.statusBar().showMessage(self.tr("Stopping the capture reader…"))

    def stop_capture_reader(self) -> None:
        """Cancel the capture being read and wait for its thread (closing the window): the
        reader stops within about a MiB."""
        reader = self.capture_reader
        if reader is None:
            return
        reader.cancel()
        reader.wait()
        self._capture_finished()

    def _capture_read(self, result: CaptureResult) -> None:
        if self.capture_progress is not None:
            self.capture_progress.hide()
        if result.cancelled:
            self.statusBar().showMessage(
                self.tr("Cancelled: {name} was not read to its end").format(
                    name=result.request.name), 8000)
            return
        panel = self.ensure_capture_panel()
        panel.set_result(result)
        dock = self.capture_dock
        assert dock is not None
        dock.setWindowTitle(self.tr("Capture · {name}").format(name=result.request.name))
        dock.show()
        dock.raise_()
        count = len(result.negotiations)
        self.statusBar().showMessage(
            plural(self.tr("{name}: %n IKEv1 negotiation(s)", "", count), count).format(
                name=result.request.name), 8000)
        error = result.analysis.error
        if error is not None:
            QMessageBox.warning(self, self.tr("The capture is damaged"),
                                self.tr("{error}\n\nThe negotiations read before the fault "
                                        "are shown.").format(error=error))

    def _capture_failed(self, message: str) -> None:
        if self.capture_progress is not None:
            self.capture_progress.hide()
        QMessageBox.warning(self, self.tr("Cannot open the capture"), message)

    def _capture_finished(self) -> None:
        reader, progress = self.capture_reader, self.capture_progress
        self.capture_reader = None
        self.capture_progress = None
        self.open_capture_action.setEnabled(True)
        if progress is not None:
            progress.canceled.disconnect(self._cancel_capture)
            progress.close()
            progress.deleteLater()
        if reader is not None:
            reader.wait()
            # The last reader is kept (its result, for a look); the one before goes.
            if self.last_capture_reader is not None:
                self.last_capture_reader.deleteLater()
            self.last_capture_reader = reader
        if self.statusBar().currentMessage() == self.tr("Stopping the capture reader…"):
            self.statusBar().clearMessage()

    def ensure_capture_panel(self) -> CapturePanel:
        """The Capture panel and its dock, made the first time a capture is read."""
        if self.capture_panel is not None:
            return self.capture_panel
        from ikeviz.gui.capture_panel import CapturePanel

        panel = CapturePanel(self.document.profiles, theme=self.view.base_theme,
                             state_names=self.document.state_names)
        panel.openRequested.connect(self.open_negotiation)
        dock = QDockWidget(self.tr("Capture"), self)
        dock.setObjectName("captureDock")
        dock.setWidget(panel)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        if not self.restoreDockWidget(dock):
            self._tabify(self.diagnosis_dock, dock)
            # A capture needs room: the bottom docks higher, the capture's column wider.
            dock.show()
            dock.raise_()
            self.resizeDocks([dock], [max(340, int(self.height() * 0.45))],
                             Qt.Orientation.Vertical)
            if self.inspector_dock is not None and self.inspector_dock.isVisible():
                self.resizeDocks([dock, self.inspector_dock],
                                 [int(self.width() * 0.64), int(self.width() * 0.36)],
                                 Qt.Orientation.Horizontal)
        self.panels_menu.addAction(dock.toggleViewAction())
        self.capture_dock = dock
        self.capture_panel = panel
        return panel

    def open_negotiation(self, negotiation: Negotiation, responder_profile: str = "") -> bool:
        """A negotiation of the capture as a new, untitled scenario to edit and fix."""
        panel = self.capture_panel
        request = panel.result.request if panel is not None and panel.result else None
        if not self.maybe_save(self.tr("open the negotiation as a scenario")):
            return False
        from ikeviz.capture.analysis import to_scenario

        name = request.name if request is not None else "capture"
        try:
            scenario = to_scenario(
                negotiation, left_profile=request.initiator_profile if request else
                "strongswan-5.9", right_profile=responder_profile or "strongswan-5.9",
                profiles=self.document.profiles,
                title=f"{name}: negotiation {negotiation.number}")
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the negotiation"), str(exc))
            return False
        given = request.psk if request is not None and request.psk else None
        psk = given or CAPTURE_PSK_PLACEHOLDER
        note = ("- the pre-shared key is not in a capture: both gateways have "
                + ("the key given when the capture was opened" if given else
                   f"“{CAPTURE_PSK_PLACEHOLDER}”")
                + "; set each side's own key (different keys fail at Main Mode message 5)")
        left = scenario.left if scenario.left.psk else replace(scenario.left, psk=psk)
        right = scenario.right if scenario.right.psk else replace(scenario.right, psk=psk)
        scenario = replace(scenario, left=left, right=right,
                           description=f"{scenario.description}\n{note}".strip())
        self.stop_playing()
        self.document.reset(scenario, None, modified=True)
        self.diagnosis_dock.raise_()
        self.statusBar().showMessage(
            self.tr("Negotiation {number} of {name} as a scenario: change the gateways' "
                    "settings to see what fixes it").format(number=negotiation.number,
                                                            name=name), 8000)
        return True

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = prefs.recent_files()
        labels = recent_labels(files)
        for number, (file, label) in enumerate(zip(files, labels, strict=True), 1):
            act = menu.addAction(f"&{number % 10} {label.replace('&', '&&')}")
            act.setToolTip(file)
            act.setStatusTip(file)
            act.triggered.connect(lambda _c=False, f=file: self._open_recent(f))
        if not files:
            none = menu.addAction(self.tr("No recent files"))
            none.setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction(self.tr("Clear the List"))
        clear.setEnabled(bool(files))
        clear.triggered.connect(prefs.clear_recent_files)

    def _open_recent(self, file: str) -> None:
        if not Path(file).exists():
            prefs.remove_recent_file(file)
            QMessageBox.warning(self, self.tr("Cannot open the scenario"),
                                self.tr("{file}: no such file").format(file=file))
            return
        self.open_path(file)

    def build_lessons_menu(self) -> None:
        """The bundled lessons by difficulty, then the user's folders (read again each time
        the menu opens)."""
        from ikeviz.gui.lessons_browser import fill_lessons_menu

        menu = self.lessons_menu
        for act in self._lesson_actions:
            menu.removeAction(act)
            if isinstance(act.menu(), QMenu):
                act.menu().deleteLater()
            elif act.parent() is menu:
                act.deleteLater()
        self._lesson_actions = fill_lessons_menu(menu, self._lessons_end,
                                                 self.document.profiles.keys(),
                                                 self.open_lesson)
        self._lessons_built = True

    # --- recovery ----------------------------------------------------------------------------

    def offer_recovery(self) -> bool:
        """Offer the autosaves of sessions that did not end cleanly, newest first, until one
        is recovered; True if one was. Those of instances still running are not offered."""
        orphans = orphaned_autosaves(self.autosaver)
        try:
            while orphans:
                orphan = orphans.pop(0)
                if self._offer_orphan(orphan):
                    return True
            return False
        finally:
            for orphan in orphans:
                orphan.release()  # offered at the next start

    def _offer_orphan(self, orphan: Orphan) -> bool:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(orphan.mtime))
        name = Path(orphan.source).name if orphan.source else self.tr("an untitled scenario")
        answer = QMessageBox.question(
            self, self.tr("Recover unsaved changes?"),
            self.tr("ikeviz did not close normally. Unsaved changes to {name} were kept "
                    "({when}).\n\nRecover them?").format(name=name, when=when),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            if orphan.own:
                self.autosaver.discard()
            else:
                orphan.remove()
            return False
        try:
            scenario = load_scenario(orphan.path, profiles=self.document.profiles.keys())
        except ScenarioFileError as exc:
            orphan.release()
            QMessageBox.warning(self, self.tr("Cannot recover"), str(exc))
            return False
        # The document is unsaved from the start: this instance's autosave is written at
        # once (Autosaver._opened); the old one goes only once the new one is on disk.
        self.document.reset(scenario, Path(orphan.source) if orphan.source else None,
                            modified=True)
        if not orphan.own:
            if self.autosaver.path.exists():
                orphan.remove()
            else:
                orphan.release()
        self.statusBar().showMessage(self.tr("Recovered the unsaved changes"), 8000)
        return True

    # --- window events ---------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if getattr(self, "replaced_by", None) is not None:
            event.accept()  # a new window (another language) has the document now
            return
        if not self.maybe_save(self.tr("close the window")):
            event.ignore()
            return
        self.stop_playing()
        self.stop_capture_reader()
        self.save_preferences()
        self.autosaver.discard()  # saved or discarded just now: the document is closed
        self.autosaver.release()
        record_clean_exit()
        event.accept()

    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> str:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return ""
        for url in mime.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".toml"):
                return url.toLocalFile()
        return ""

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if self._dropped_file(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        if self._dropped_file(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        path = self._dropped_file(event)
        if not path:
            event.ignore()
            return
        event.acceptProposedAction()
        # After the drop returns: a message box inside a drop blocks the drag source.
        QTimer.singleShot(0, lambda: self.open_path(path))

    def _first_paint(self) -> None:
        if self.first_paint_time is None:
            self.first_paint_time = time.perf_counter()
            self.firstPainted.emit()
            QTimer.singleShot(0, self.ensure_inspector)

    def start_presenter(self) -> QWidget:
        """Presenter mode (:mod:`ikeviz.gui.presenter`) on this document, from its step."""
        from ikeviz.gui.presenter import start_presenter

        return start_presenter(self)

    # --- help ------------------------------------------------------------------------------

    def show_preferences(self) -> bool:
        """Edit > Preferences; True when OK applied them."""
        from ikeviz.gui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def show_shortcuts(self) -> None:
        rows = [
            (self.tr("Right / Left"), self.tr("next / previous message (in a table, a tree or "
                                              "a text field: that field's own keys)")),
            (self.tr("Home / End"), self.tr("the start / the whole negotiation")),
            (self.tr("Space"), self.tr("play / pause")),
            (self.tr("Click an arrow"), self.tr("inspect that message")),
            (self.tr("Ctrl+wheel, Ctrl+= / Ctrl+-"), self.tr("zoom in / out")),
            ("Ctrl+0 / Ctrl+9", self.tr("actual size / fit to width")),
            ("Ctrl+Z / Ctrl+Shift+Z", self.tr("undo / redo any edit")),
            ("Ctrl+F", self.tr("apply the first suggested fix")),
            ("Ctrl+N, Ctrl+O, Ctrl+S", self.tr("new, open, save")),
            ("Ctrl+Shift+O", self.tr("open a capture (pcap, pcapng)")),
            ("Ctrl+E / Ctrl+Shift+E", self.tr("export the figure (whole / up to the step)")),
            ("Ctrl+Shift+R", self.tr("export the troubleshooting report (HTML)")),
            ("Ctrl+Shift+C", self.tr("copy the diagram as an image")),
            ("F5", self.tr("presenter mode (Esc returns)")),
            ("Ctrl+L", self.tr("browse the lessons (Enter opens the selected one)")),
        ]
        text = "<table cellpadding='3'>" + "".join(
            f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows) + "</table>"
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), text)

    def show_about(self) -> None:
        from ikeviz import __version__

        QMessageBox.about(
            self, self.tr("About ikeviz"),
            f"<h3>ikeviz {__version__}</h3><p>"
            + self.tr("An IKEv1 (ISAKMP) negotiation between two IPsec gateways, message by "
                      "message: where it fails, why, and what to change on which side.")
            + "</p>")


