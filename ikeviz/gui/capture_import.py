"""File > Open Capture: what to read, the keys, and the reading in a worker thread.

:class:`CaptureRequest` is what the user chose in :class:`CaptureOptionsDialog`: the pcap
or pcapng file, the keys that decrypt it (a Wireshark IKEv1 decryption table, a strongSwan
charon log written at ike level 4, or the pre-shared key with the Diffie-Hellman shared
secret) and the products of the two gateways when known. :func:`load_capture` does the work
with :mod:`ikeviz.capture` (read, decrypt, diagnose: no protocol logic here) and
:class:`CaptureReader` runs it in a ``QThread``: progress comes back as signals, and
:meth:`CaptureReader.cancel` sets the ``threading.Event`` the reader polls about every MiB.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ikeviz.capture.analysis import CaptureDiagnosis, diagnose_capture
from ikeviz.capture.keys import (
    KeyFileError,
    KeyRing,
    PskSecret,
    SessionKeys,
    decrypt_negotiation,
    parse_hex,
    read_charon_log_checked,
    read_wireshark_table,
)
from ikeviz.capture.negotiations import CaptureAnalysis, Negotiation, read_negotiations
from ikeviz.scenario.profiles import Profile

CAPTURE_FILTER = "Captures (*.pcap *.pcapng *.cap *.pcap.gz);;All files (*)"
TABLE_FILTER = "Wireshark IKEv1 decryption table (ikev1_decryption_table *.txt *.csv);;" \
    "All files (*)"
LOG_FILTER = "charon logs (*.log *.txt);;All files (*)"
DEFAULT_INITIATOR = "strongswan-5.9"
translate = QCoreApplication.translate


def _all_files() -> str:
    return translate("capture_import", "All files (*)")


def capture_filter() -> str:
    """:data:`CAPTURE_FILTER` in the current language."""
    return translate("capture_import", "Captures (*.pcap *.pcapng *.cap *.pcap.gz)") + ";;" \
        + _all_files()


def table_filter() -> str:
    return translate("capture_import", "Wireshark IKEv1 decryption table "
                     "(ikev1_decryption_table *.txt *.csv)") + ";;" + _all_files()


def log_filter() -> str:
    return translate("capture_import", "charon logs (*.log *.txt)") + ";;" + _all_files()


class CaptureLoadError(Exception):
    """A capture or a key file that cannot be used: one line that names it and the problem."""


@dataclass(frozen=True)
class CaptureRequest:
    """A capture to read and the keys to read it with.

    ``psk`` is a secret: it is kept out of ``repr`` (and so out of crash reports).
    ``responder_profile`` is None when the responder's product is not known.
    """

    path: str
    wireshark_tables: tuple[str, ...] = ()
    charon_logs: tuple[str, ...] = ()
    psk: str | None = field(default=None, repr=False)
    dh_secrets: tuple[str, ...] = field(default=(), repr=False)
    responder_profile: str | None = None
    initiator_profile: str = DEFAULT_INITIATOR

    @property
    def name(self) -> str:
        return os.path.basename(self.path) or self.path

    @property
    def keys_given(self) -> bool:
        return bool(self.wireshark_tables or self.charon_logs or self.dh_secrets)


@dataclass(frozen=True)
class CaptureResult:
    """What a capture holds: the analysis, and each negotiation decrypted and diagnosed."""

    request: CaptureRequest
    analysis: CaptureAnalysis
    negotiations: tuple[Negotiation, ...] = ()
    diagnoses: tuple[CaptureDiagnosis, ...] = ()

    @property
    def cancelled(self) -> bool:
        return self.analysis.cancelled


def key_ring(request: CaptureRequest) -> KeyRing:
    """The keys of ``request``; :class:`CaptureLoadError` (one line) when one is not usable."""
    sessions: list[SessionKeys] = []
    try:
        for path in request.wireshark_tables:
            sessions.extend(read_wireshark_table(path))
        for path in request.charon_logs:
            # A log without keys (a negotiation refused before any) is no error: the
            # capture is still read; a file that is no charon log raises KeyFileError.
            sessions.extend(read_charon_log_checked(path).sessions)
    except KeyFileError as exc:
        raise CaptureLoadError(str(exc)) from None
    if request.psk and not request.dh_secrets:
        raise CaptureLoadError(translate("capture_import", "the pre-shared key needs the "
                                         "Diffie-Hellman shared secret (g^xy, in hex, as "
                                         "charon logs it)"))
    psk = request.psk.encode() if request.psk else None
    secrets: list[PskSecret] = []
    for text in request.dh_secrets:
        try:
            value = parse_hex(text, "the Diffie-Hellman shared secret")
        except ValueError as exc:
            raise CaptureLoadError(str(exc)) from None
        what = "PSK + DH secret" if psk is not None else "DH secret"
        secrets.append(PskSecret(psk, value, f"{what} {value[:4].hex()}..."))
    return KeyRing(tuple(sessions), tuple(secrets))


def load_capture(
    request: CaptureRequest,
    profiles: Mapping[str, Profile],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
    stage: Callable[[str], None] | None = None,
) -> CaptureResult:
    """Read, decrypt and diagnose every negotiation of the capture of ``request``.

    Raises :class:`CaptureLoadError` when a key cannot be used, or when the file cannot be
    read at all (not a capture, no such file). A capture damaged after some negotiations is
    returned with ``analysis.error`` set. ``cancel`` stops the reading and the decryption:
    the result is then ``cancelled``.
    """
    ring = key_ring(request)
    analysis = read_negotiations(request.path, progress=progress, cancel=cancel)
    if analysis.cancelled:
        return CaptureResult(request, analysis)
    if analysis.error is not None and not analysis.negotiations:
        raise CaptureLoadError(str(analysis.error))
    responder = profiles.get(request.responder_profile or "")
    if stage is not None:
        stage(translate("capture_import", "Decrypting and diagnosing…") if ring
              else translate("capture_import", "Diagnosing…"))
    negotiations: list[Negotiation] = []
    diagnoses: list[CaptureDiagnosis] = []
    for negotiation in analysis.negotiations:
        if cancel is not None and cancel.is_set():
            return CaptureResult(request, replace(analysis, cancelled=True))
        if ring:
            negotiation = decrypt_negotiation(negotiation, ring)
        negotiations.append(negotiation)
        diagnoses.append(diagnose_capture(negotiation, responder_profile=responder))
    return CaptureResult(request, analysis, tuple(negotiations), tuple(diagnoses))


class CaptureReader(QThread):
    """:func:`load_capture` in a thread of its own.

    Signals (delivered in the GUI thread): ``progressed(bytes_read, total)``,
    ``stageChanged(text)``, then ``succeeded(CaptureResult)`` (also when cancelled: see
    :attr:`CaptureResult.cancelled`) or ``failed(one line)``. An unexpected exception is
    not caught: it goes to ``sys.excepthook`` (the crash dialog), and ``finished`` comes
    without either.
    """

    progressed = Signal("qint64", "qint64")  # type: ignore[arg-type] # 64-bit: big files
    stageChanged = Signal(str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, request: CaptureRequest, profiles: Mapping[str, Profile],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captureReader")
        self.request = request
        self.profiles = profiles
        self.cancel_event = threading.Event()
        self.result: CaptureResult | None = None
        self.error = ""

    def cancel(self) -> None:
        """Ask the reader to stop (it does at its next progress report, within about a MiB)."""
        self.cancel_event.set()

    def run(self) -> None:
        try:
            result = load_capture(self.request, self.profiles, progress=self._progress,
                                  cancel=self.cancel_event, stage=self.stageChanged.emit)
        except CaptureLoadError as exc:
            self.error = str(exc)
            self.failed.emit(self.error)
            return
        self.result = result
        self.succeeded.emit(result)

    def _progress(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)


# --- the dialog ------------------------------------------------------------------------------


class _FileField(QWidget):
    """A line edit for a path and a Browse button."""

    def __init__(self, parent: QWidget, name: str, title: str, file_filter: str,
                 placeholder: str = "") -> None:
        super().__init__(parent)
        self.title = title
        self.file_filter = file_filter
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(name)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(320)
        self.browse = QPushButton(self.tr("Browse…"), self)
        self.browse.setObjectName(f"{name}Browse")
        self.browse.clicked.connect(self._browse)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse)

    def text(self) -> str:
        return self.edit.text().strip()

    def _browse(self) -> None:
        start = self.text() or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.title, start, self.file_filter)
        if path:
            self.edit.setText(path)


class CaptureOptionsDialog(QDialog):
    """The capture to read, the optional keys, and the gateways' products when known."""

    def __init__(self, parent: QWidget | None, capture: str,
                 profiles: Mapping[str, Profile], *, responder_profile: str = "",
                 initiator_profile: str = DEFAULT_INITIATOR) -> None:
        super().__init__(parent)
        self.setObjectName("captureOptions")
        self.setWindowTitle(self.tr("Open Capture"))
        layout = QVBoxLayout(self)

        form = QFormLayout()
        self.capture = _FileField(self, "capturePath", self.tr("Open a capture"),
                                  capture_filter(), self.tr("a .pcap or .pcapng file"))
        self.capture.edit.setText(capture)
        form.addRow(self.tr("&Capture"), self.capture)
        layout.addLayout(form)

        keys = QGroupBox(self.tr("Keys to decrypt the encrypted messages (optional)"), self)
        keys_form = QFormLayout(keys)
        self.table = _FileField(keys, "wiresharkTable",
                                self.tr("Wireshark IKEv1 decryption table"), table_filter(),
                                self.tr("ikev1_decryption_table: icookie,key lines"))
        keys_form.addRow(self.tr("&Wireshark table"), self.table)
        self.charon_log = _FileField(keys, "charonLog", self.tr("strongSwan charon log"),
                                     log_filter(), self.tr("written at ike level 4"))
        keys_form.addRow(self.tr("c&haron log"), self.charon_log)
        self.psk = QLineEdit(keys)
        self.psk.setObjectName("psk")
        self.psk.setEchoMode(QLineEdit.EchoMode.Password)
        self.psk.setPlaceholderText(self.tr("with the DH shared secret below"))
        keys_form.addRow(self.tr("&Pre-shared key"), self.psk)
        self.dh_secret = QLineEdit(keys)
        self.dh_secret.setObjectName("dhSecret")
        self.dh_secret.setPlaceholderText(self.tr("g^xy in hex, as charon logs it"))
        keys_form.addRow(self.tr("&DH shared secret"), self.dh_secret)
        layout.addWidget(keys)

        products = QGroupBox(self.tr("The gateways' products"), self)
        products_form = QFormLayout(products)
        self.responder = QComboBox(products)
        self.responder.setObjectName("responderProfile")
        self.responder.addItem(self.tr("Not known"), "")
        self.initiator = QComboBox(products)
        self.initiator.setObjectName("initiatorProfile")
        for pid, profile in sorted(profiles.items(), key=lambda item: item[1].product):
            self.responder.addItem(profile.product, pid)
            self.initiator.addItem(profile.product, pid)
        self.responder.setCurrentIndex(max(0, self.responder.findData(responder_profile)))
        self.initiator.setCurrentIndex(max(0, self.initiator.findData(initiator_profile)))
        self.responder.setToolTip(self.tr("A refused offer is set against what this product "
                                          "supports"))
        products_form.addRow(self.tr("&Responder"), self.responder)
        products_form.addRow(self.tr("&Initiator"), self.initiator)
        layout.addWidget(products)

        self.problem = QLabel(self)
        self.problem.setObjectName("optionsProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828")
        self.problem.hide()
        layout.addWidget(self.problem)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for edit in (self.capture.edit, self.psk, self.dh_secret):
            edit.textChanged.connect(self._check)
        self._check()

    def request(self) -> CaptureRequest:
        table, log = self.table.text(), self.charon_log.text()
        secret = self.dh_secret.text()
        return CaptureRequest(
            path=self.capture.text(),
            wireshark_tables=(table,) if table else (),
            charon_logs=(log,) if log else (),
            psk=self.psk.text() or None,
            dh_secrets=(secret,) if secret else (),
            responder_profile=str(self.responder.currentData()) or None,
            initiator_profile=str(self.initiator.currentData()),
        )

    def problem_text(self) -> str:
        """Why the form cannot be used as it is, "" when it can."""
        if not self.capture.text():
            return self.tr("Choose a capture file.")
        if self.psk.text() and not self.dh_secret.text():
            return self.tr("The pre-shared key decrypts only with the DH shared secret: give "
                           "both.")
        return ""

    def _check(self) -> None:
        text = self.problem_text()
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(not text)
        shown = "" if not self.capture.text() else text  # an empty form needs no red text
        self.problem.setText(shown)
        self.problem.setVisible(bool(shown))

    def _accept(self) -> None:
        if not self.problem_text():
            self.accept()
