"""Change the language of a running application: a new main window around the same document.

Every text of the window is made when it is built (``self.tr`` in the
constructors), so a new language is shown by building the window again:
:func:`switch_language` installs the language (:func:`ikeviz.gui.translation.
install_language`) and puts a new :class:`~ikeviz.gui.mainwindow.MainWindow`
in the old one's place, around the same :class:`~ikeviz.gui.document.Document`
(its scenario, undo stack, file, modified flag, step and selected message), at
the same place on the screen with the same dock layout, zoom and view settings.
The crash handler moves to the new window and the autosave goes on where it
was; the diagnosis and the diagram are computed again in the new language.

What is not carried over: the presenter and the lessons browser are closed (open
them again), a capture being read is cancelled (an open capture is shown again,
without the negotiation that was selected), and the message inspector and the
timeline start from the selected message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import SIGNAL, QCoreApplication
from PySide6.QtWidgets import QApplication

from ikeviz import i18n
from ikeviz.gui.translation import LANGUAGE_NAMES, install_language

if TYPE_CHECKING:
    from ikeviz.gui.mainwindow import MainWindow

# The Document's signals: the old window's widgets (some through lambdas, which Qt
# cannot disconnect when the widget goes) stop listening before the new ones start.
_DOCUMENT_SIGNALS = ("scenarioChanged()", "resultChanged()", "stepChanged(int)",
                     "selectionChanged(int)", "modifiedChanged(bool)", "pathChanged()",
                     "displayChanged()", "edited()", "opened()")

#: The window a switch made (a top-level window needs a Python reference to live).
_current: list[MainWindow] = []


def current_window() -> MainWindow | None:
    """The last window :func:`switch_language` made, if any."""
    return _current[0] if _current else None


def _disconnect_document(window: MainWindow) -> None:
    document = window.document
    for signature in _DOCUMENT_SIGNALS:
        if document.receivers(SIGNAL(signature)) > 0:
            getattr(document, signature.partition("(")[0]).disconnect()


def _close_other_windows(window: MainWindow) -> None:
    """The presenter, its trainer window and the lessons browser: closed."""
    from PySide6.QtWidgets import QWidget

    if window.lessons_browser is not None:
        window.lessons_browser.close()
    for child in window.findChildren(QWidget):
        if child.isWindow() and child.isVisible() and child is not window:
            child.close()


def switch_language(window: MainWindow, language: str) -> MainWindow:
    """Show the application in ``language`` ("en" or "fr"): ``window`` is replaced.

    Returns the new window (already shown when ``window`` was); ``window`` is
    closed without asking to save (the document, unsaved changes and all, is
    the new window's now) and deleted.
    """
    from ikeviz.gui.mainwindow import STATE_VERSION, MainWindow

    if language not in LANGUAGE_NAMES:
        raise ValueError(f"unsupported language {language!r}")
    app = QApplication.instance()
    document = window.document
    window.stop_playing()
    reading = window.capture_reader is not None
    window.stop_capture_reader()
    _close_other_windows(window)

    # What the new window takes over.
    geometry = window.saveGeometry()
    state = window.saveState(STATE_VERSION)
    visible, maximized = window.isVisible(), window.isMaximized()
    fit_width, zoom = window.fit_width, window.view.zoom
    capture_panel = window.capture_panel
    capture = capture_panel.result if capture_panel is not None else None
    autosaver = window.autosaver
    dirty = autosaver._dirty
    autosaver.periodic.stop()
    autosaver.debounce.stop()

    _disconnect_document(window)
    if isinstance(app, QCoreApplication):
        install_language(app, language)
    document.retranslate()

    new = MainWindow(document, autosave_path=autosaver.path, restore_layout=False)
    new.restoreGeometry(geometry)
    new.restoreState(state, STATE_VERSION)
    if new.fit_width != fit_width:
        new.fit_action.setChecked(fit_width)
    if not fit_width:
        new.view.set_zoom(zoom)
    new.secrets_action.setChecked(document.show_secrets)
    new.capture_psks |= window.capture_psks
    if dirty:
        new.autosaver._dirty = True
        new.autosaver.debounce.start()
    if capture is not None:
        panel = new.ensure_capture_panel()
        panel.set_result(capture)
        dock = new.capture_dock
        assert dock is not None
        dock.setWindowTitle(QCoreApplication.translate("MainWindow", "Capture · {name}").format(
            name=capture.request.name))
    handler = window.crash_handler
    if handler is not None:
        handler.window = new
        handler.setParent(new)
        new.crash_handler = handler
        window.crash_handler = None

    window.replaced_by = new  # type: ignore[attr-defined] - closeEvent: no question asked
    if visible:
        if maximized:
            new.showMaximized()
        else:
            new.show()
        new.view.setFocus()
    window.close()
    window.deleteLater()
    _current[:] = [new]
    message = QCoreApplication.translate("MainWindow", "Language: {language}").format(
        language=LANGUAGE_NAMES[i18n.current_language()])
    if reading:
        message += " · " + QCoreApplication.translate(
            "MainWindow", "the capture being read was stopped: open it again")
    new.statusBar().showMessage(message, 8000)
    return new


__all__ = ["current_window", "switch_language"]
