"""An unexpected exception: the work saved first, a report to copy, and the window stays up.

:class:`CrashHandler` replaces ``sys.excepthook`` (PySide6 reports the exceptions raised in
slots and event handlers through it) and ``threading.excepthook``. For each exception it

1. writes the autosave at once, when the document has unsaved changes (before anything
   else can go wrong);
2. makes a report: the traceback, the ikeviz, Python, PySide6 and Qt versions, the
   platform, the current scenario's title, with every pre-shared key and private key of
   the document replaced by :data:`SCRUBBED`;
3. shows it in :class:`CrashDialog` (after the current event, outside a paint or a slot),
   with a button that copies it.

The application goes on running. The same fault again (same exception type at the same
place) is not shown a second time in a session: a bug in a paint handler would otherwise
bring the dialog back after every repaint; the status bar counts them instead. An exception
raised in another thread is handed to the GUI thread through a queued signal.
"""

from __future__ import annotations

import html
import re
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ikeviz.gui.mainwindow import MainWindow
    from ikeviz.scenario.model import Scenario

SCRUBBED = "«secret»"
_MIN_ANYWHERE = 4  # shorter secrets are replaced only as whole words (not inside others)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


# --- the report ------------------------------------------------------------------------------


def versions() -> list[tuple[str, str]]:
    """What runs: ikeviz, Python, PySide6 and Qt (and its platform plugin), the system."""
    import platform  # here, not at start-up: only a crash report needs it

    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from ikeviz import __version__

    qt = f"PySide6 {pyside_version} · Qt {qVersion()}"
    if QGuiApplication.instance() is not None:
        qt += f" · {QGuiApplication.platformName()}"
    return [("ikeviz", __version__),
            ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
            ("Qt", qt), ("System", platform.platform())]


def scenario_secrets(scenarios: Iterable[Scenario]) -> set[str]:
    """The pre-shared keys and private keys of the scenarios' gateways."""
    found: set[str] = set()
    for scenario in scenarios:
        for gateway in (scenario.left, scenario.right):
            for value in (gateway.psk, getattr(gateway, "private_key_pem", None)):
                if value:
                    found.add(str(value))
    return found


def _forms(secret: str) -> set[str]:
    """The ways a secret can be written in a traceback: as is, as repr, as hex, line by line
    (a PEM key is cut into lines)."""
    forms = {secret, repr(secret)[1:-1], secret.encode("utf-8", "replace").hex()}
    forms.update(line.strip() for line in secret.splitlines() if len(line.strip()) >= 16)
    return {f for f in forms if f}


def scrub(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret (and its repr and hex forms) replaced by :data:`SCRUBBED`."""
    forms: set[str] = set()
    for secret in secrets:
        if secret:
            forms |= _forms(secret)
    for form in sorted(forms, key=len, reverse=True):  # the longest first: no half-scrubs
        if len(form) >= _MIN_ANYWHERE:
            text = text.replace(form, SCRUBBED)
        else:
            text = re.sub(rf"(?<!\w){re.escape(form)}(?!\w)", SCRUBBED, text)
    return text


def crash_report(info: ExcInfo, *, scenario_title: str = "", document_name: str = "",
                 modified: bool = False, autosave: str = "", history: Iterable[str] = (),
                 secrets: Iterable[str] = ()) -> str:
    """The text of the report (scrubbed of ``secrets``)."""
    exc_type, exc, tb = info
    fields = [*versions(), ("Time", time.strftime("%Y-%m-%d %H:%M:%S %z")),
              ("Scenario", (scenario_title or "(untitled)")
               + (f" — {document_name}" if document_name else "")
               + (" (unsaved changes)" if modified else ""))]
    if autosave:
        fields.append(("Autosave", autosave))
    recent = list(history)
    if recent:
        fields.append(("Last edits", "; ".join(recent)))
    lines = ["ikeviz crash report"]
    lines.extend(f"{name + ':':<12}{value}" for name, value in fields)
    lines.append("")
    lines.extend(line.rstrip("\n") for line in
                 traceback.format_exception(exc_type, exc, tb))
    return scrub("\n".join(lines).rstrip() + "\n", secrets)


def _signature(info: ExcInfo) -> tuple[str, str, int]:
    """The exception's type and the innermost place it was raised: "the same fault"."""
    exc_type, _exc, tb = info
    frames = traceback.extract_tb(tb) if tb is not None else []
    if not frames:
        return exc_type.__qualname__, "", 0
    last = frames[-1]
    return exc_type.__qualname__, last.filename, last.lineno or 0


# --- the dialog ------------------------------------------------------------------------------


class CrashDialog(QDialog):
    """The report of an unexpected error, with Copy Report and Close."""

    def __init__(self, parent: QWidget | None, summary: str, report: str,
                 saved_note: str) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("ikeviz: an unexpected error"))
        self.report = report
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        icon = QLabel(self)
        style = self.style()
        icon.setPixmap(style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
                       .pixmap(48, 48))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        top.addWidget(icon)
        self.message = QLabel(self)
        self.message.setObjectName("crashMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setText(
            "<p style='font-size:large'><b>"
            + html.escape(self.tr("Something went wrong in ikeviz.")) + "</b></p>"
            f"<p><code>{html.escape(summary)}</code></p>"
            f"<p>{html.escape(saved_note)} "
            + html.escape(self.tr("ikeviz is still running: you can go on, but if something "
                                  "looks wrong, save your work under a new name and start "
                                  "ikeviz again."))
            + "</p><p>"
            + html.escape(self.tr("To report the problem, copy the report below into the "
                                  "issue. It holds no pre-shared key and no private key."))
            + "</p>")
        top.addWidget(self.message, 1)
        layout.addLayout(top)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("crashReport")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlainText(report)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("&Copy Report"), self)
        self.copy_button.setObjectName("copyReport")
        self.copy_button.clicked.connect(self.copy_report)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 480)

    def add_report(self, report: str) -> None:
        """Another error while this one is shown: appended to the same report."""
        self.report += "\n" + "-" * 72 + "\n" + report
        self.text.setPlainText(self.report)

    def copy_report(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.report)
        self.copy_button.setText(self.tr("Copied"))


# --- the handler -----------------------------------------------------------------------------


class CrashHandler(QObject):
    """``sys.excepthook`` and ``threading.excepthook`` for the window ``window``.

    ``shown`` is emitted with each dialog's report (for tests and logs).
    """

    caught = Signal(object)  # an ExcInfo, from any thread
    shown = Signal(str)

    def __init__(self, window: MainWindow, *,
                 extra_secrets: Callable[[], Iterable[str]] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.extra_secrets = extra_secrets
        self.seen: dict[tuple[str, str, int], int] = {}
        self.dialog: CrashDialog | None = None
        self._pending: list[tuple[str, str, str]] = []
        self._previous_hook: Callable[..., Any] | None = None
        self._previous_thread_hook: Callable[..., Any] | None = None
        self._handling = False
        self.caught.connect(self.handle, Qt.ConnectionType.QueuedConnection)

    def install(self) -> CrashHandler:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self._hook
        threading.excepthook = self._thread_hook
        return self

    def uninstall(self) -> None:
        if sys.excepthook == self._hook:
            sys.excepthook = self._previous_hook or sys.__excepthook__
        if threading.excepthook == self._thread_hook:
            threading.excepthook = self._previous_thread_hook or threading.__excepthook__

    # --- the hooks ---------------------------------------------------------------------------

    def _hook(self, exc_type: type[BaseException], exc: BaseException,
              tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            (self._previous_hook or sys.__excepthook__)(exc_type, exc, tb)
            return
        info: ExcInfo = (exc_type, exc, tb)
        try:
            if threading.current_thread() is threading.main_thread():
                self.handle(info)
            else:
                self.caught.emit(info)  # queued: the GUI thread handles it
        except BaseException:  # noqa: BLE001 - the handler itself must never take the app down
            sys.__excepthook__(exc_type, exc, tb)
            traceback.print_exc()

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self._hook(args.exc_type, args.exc_value, args.exc_traceback)

    # --- handling ----------------------------------------------------------------------------

    def handle(self, info: ExcInfo) -> None:
        """Autosave, report, then show the dialog (after the current event)."""
        if self._handling:  # an error while handling one: the terminal only
            sys.__excepthook__(*info)
            return
        self._handling = True
        try:
            saved_note, autosave = self._autosave()  # FIRST: the user's work
            secrets = self._secrets()
            report = self._report(info, autosave, secrets)
            sys.stderr.write(report)
            summary = scrub("".join(traceback.format_exception_only(info[0], info[1]))
                            .strip().splitlines()[-1], secrets)
            signature = _signature(info)
            count = self.seen.get(signature, 0) + 1
            self.seen[signature] = count
            if count > 1:
                self.window.statusBar().showMessage(
                    self.tr("The same unexpected error again ({count} times): {summary}").format(
                        count=count, summary=summary), 10000)
                return
            if self.dialog is not None:
                self.dialog.add_report(report)
                return
            first = not self._pending
            self._pending.append((summary, report, saved_note))
            if first:
                QTimer.singleShot(0, self._show_pending)
        finally:
            self._handling = False

    def _autosave(self) -> tuple[str, str]:
        """Write the autosave if there is anything unsaved: (note for the user, for the
        report)."""
        window = self.window
        document = window.document
        autosaver = getattr(window, "autosaver", None)
        if autosaver is None:
            return "", "none"
        if not document.modified:
            return self.tr("You had no unsaved changes."), "not needed (no unsaved changes)"
        lost = self.tr("Your unsaved changes could NOT be kept ({error}): save them now.")
        try:
            ok = autosaver.save_now()
        except Exception as exc:  # noqa: BLE001 - report it, go on
            return (lost.format(error=exc), f"failed: {type(exc).__name__}: {exc}")
        if ok:
            return (self.tr("Your unsaved changes were kept in {path}.").format(
                path=autosaver.path), f"written to {autosaver.path}")
        return (lost.format(error=autosaver.last_error), f"failed: {autosaver.last_error}")

    def _secrets(self) -> set[str]:
        document = self.window.document
        scenarios: list[Scenario] = [document.scenario]
        stack = document.undo_stack
        for index in range(stack.count()):
            command = stack.command(index)
            for name in ("before", "after"):
                value = getattr(command, name, None)
                if value is not None and hasattr(value, "left"):
                    scenarios.append(value)
        secrets = scenario_secrets(scenarios)
        secrets.update(getattr(self.window, "capture_psks", ()))  # keys given for captures
        if self.extra_secrets is not None:
            secrets.update(s for s in self.extra_secrets() if s)
        return secrets

    def _report(self, info: ExcInfo, autosave: str, secrets: set[str]) -> str:
        document = self.window.document
        stack = document.undo_stack
        history = [stack.text(i) for i in range(max(0, stack.index() - 5), stack.index())]
        return crash_report(info, scenario_title=document.scenario.title,
                            document_name=document.path.name if document.path else "",
                            modified=document.modified, autosave=autosave,
                            history=history, secrets=secrets)

    def _show_pending(self) -> None:
        if not self._pending:
            return
        summary, report, saved_note = self._pending.pop(0)
        for _summary, more, _note in self._pending:
            report += "\n" + "-" * 72 + "\n" + more
        self._pending.clear()
        parent = self.window if self.window.isVisible() else None
        dialog = CrashDialog(parent, summary, report, saved_note)
        self.dialog = dialog
        self.shown.emit(report)
        try:
            dialog.exec()
        finally:
            self.dialog = None
            dialog.deleteLater()


def install_crash_handler(window: MainWindow, **kwargs: Any) -> CrashHandler:
    """Show every unexpected exception of the application in :class:`CrashDialog`."""
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("install_crash_handler needs the QApplication")
    handler = CrashHandler(window, **kwargs).install()
    window.crash_handler = handler
    return handler
