"""The Capture panel: the negotiations of a capture, one's messages, and its diagnosis.

It shows a :class:`~ikeviz.gui.capture_import.CaptureResult`: a line about the file
(frames, IKE messages, what else was on the IKE ports), the malformed packets, the list of
negotiations (endpoints, outcome, failing message) and, for the selected one, its messages
with their capture timestamps (UTC) and the states each side must have been in, then the
capture's diagnosis: the verdict, what is known and what is only likely, the conflicting
values and the fixes. "Open as Scenario" asks the window to turn the negotiation into a
scenario to edit (:func:`ikeviz.capture.analysis.to_scenario`).

Everything shown comes from :mod:`ikeviz.capture`; this module only lays it out.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ikeviz.capture.analysis import CaptureDiagnosis, diagnose_capture, ike_text
from ikeviz.capture.negotiations import (
    CapturedMessage,
    Negotiation,
    ignored_text,
    message_summary,
)
from ikeviz.gui.capture_import import CaptureResult
from ikeviz.gui.diagnosis_panel import VerdictFrame
from ikeviz.gui.widgets import plural
from ikeviz.protocol.states import State
from ikeviz.render.painter import LIGHT, Theme
from ikeviz.scenario.profiles import Profile

MESSAGE_COLUMNS = (QT_TRANSLATE_NOOP("CapturePanel", "Time (UTC)"), "+ s",
                   QT_TRANSLATE_NOOP("CapturePanel", "Frame"), "",
                   QT_TRANSLATE_NOOP("CapturePanel", "Message"),
                   QT_TRANSLATE_NOOP("CapturePanel", "Initiator state"),
                   QT_TRANSLATE_NOOP("CapturePanel", "Responder state"),
                   QT_TRANSLATE_NOOP("CapturePanel", "Payloads"))
NEGOTIATION_COLUMNS = ("#", QT_TRANSLATE_NOOP("CapturePanel", "Initiator → responder"),
                       QT_TRANSLATE_NOOP("CapturePanel", "Outcome"),
                       QT_TRANSLATE_NOOP("CapturePanel", "Fails at"))
translate = QCoreApplication.translate


def _columns(names: Sequence[str]) -> list[str]:
    return [translate("CapturePanel", name) if name else name for name in names]
_LOG_STYLES = ("strongswan", "libreswan", "cisco")
WIDE = 1150  # wider than this: the messages and the diagnosis side by side


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def utc_time(ns: int, *, date: bool = False) -> str:
    """A capture timestamp as UTC: "19:56:53.454904" (with the date when asked)."""
    seconds, rest = divmod(ns, 1_000_000_000)
    try:
        when = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return f"{ns} ns"
    return when.strftime("%Y-%m-%d %H:%M:%S" if date else "%H:%M:%S") + f".{rest // 1000:06d}"


def state_names(message: CapturedMessage, style: str) -> tuple[str, str]:
    """Both sides' inferred states as ``style``'s logs name them (as ``ikeviz import``)."""
    style = style if style in _LOG_STYLES else "libreswan"
    initiator = message.initiator_state.log_name(style)
    if style == "libreswan" and message.initiator_state is State.WAIT_QM1:
        initiator = "STATE_MAIN_I4"  # Libreswan's initiator once MM6 is in
    return initiator, message.responder_state.log_name(style, responder=True)


def endpoints_text(negotiation: Negotiation) -> str:
    """ "10.99.0.1 → 10.99.0.2": the ports only when one is not 500."""
    ini, res = negotiation.initiator, negotiation.responder
    if ini.port == 500 and res.port == 500:
        return f"{ini.address} → {res.address}"
    return f"{ini} → {res}"


def outcome_text(diagnosis: CaptureDiagnosis) -> str:
    return {"established": translate("CapturePanel", "established"),
            "failed": translate("CapturePanel", "failed"),
            "incomplete": translate("CapturePanel", "incomplete")}.get(diagnosis.outcome,
                                                                        diagnosis.outcome)


def failing_text(diagnosis: CaptureDiagnosis) -> str:
    """ "MM2", "MM5", or "" for an established negotiation (the notify is in the tooltip
    and the verdict)."""
    if diagnosis.established or not diagnosis.failure_label:
        return ""
    return diagnosis.failure_label


class CapturePanel(QWidget):
    """The capture's negotiations; ``openRequested(negotiation, responder profile id)``."""

    openRequested = Signal(object, str)

    def __init__(self, profiles: Mapping[str, Profile], parent: QWidget | None = None, *,
                 theme: Theme = LIGHT, state_names: str = "libreswan") -> None:
        super().__init__(parent)
        self.setObjectName("capturePanel")
        self.profiles = profiles
        self.theme = theme
        self.style_name = state_names
        self.result: CaptureResult | None = None
        self._diagnoses: list[CaptureDiagnosis] = []
        self._diagnosed_with: list[str] = []  # the responder profile of each diagnosis

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("captureSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("captureSplitter")
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)

        # --- the negotiations and the malformed packets ---
        left = QWidget(self.splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(3)
        self.negotiations_heading = self._heading(left, self.tr("Negotiations"))
        left_layout.addWidget(self.negotiations_heading)
        self.negotiation_list = QTreeWidget(left)
        self.negotiation_list.setObjectName("negotiationList")
        self.negotiation_list.setColumnCount(len(NEGOTIATION_COLUMNS))
        self.negotiation_list.setHeaderLabels(_columns(NEGOTIATION_COLUMNS))
        self.negotiation_list.setRootIsDecorated(False)
        self.negotiation_list.setUniformRowHeights(True)
        self.negotiation_list.setAlternatingRowColors(True)
        self.negotiation_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.negotiation_list.header()
        header.setStretchLastSection(True)
        for column in range(len(NEGOTIATION_COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.negotiation_list.currentItemChanged.connect(self._negotiation_changed)
        left_layout.addWidget(self.negotiation_list, 3)
        self.problems_heading = self._heading(left, self.tr("Malformed packets"))
        left_layout.addWidget(self.problems_heading)
        self.problem_list = QListWidget(left)
        self.problem_list.setObjectName("problemList")
        self.problem_list.setWordWrap(True)
        left_layout.addWidget(self.problem_list, 1)

        # --- the messages of the selected negotiation, and its diagnosis: side by side when
        # the panel is wide, one above the other when it is not ---
        self.detail_splitter = QSplitter(Qt.Orientation.Horizontal, self.splitter)
        self.detail_splitter.setObjectName("captureDetailSplitter")
        self.detail_splitter.setChildrenCollapsible(False)
        self._user_sized = False  # the user moved the splitter: keep what they chose
        self._sharing = False
        self.detail_splitter.splitterMoved.connect(self._splitter_moved)
        self._user_sized_list = False
        self._list_pane_pending = False
        self.splitter.splitterMoved.connect(self._list_splitter_moved)
        middle = QWidget(self.detail_splitter)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.setSpacing(3)
        self.negotiation_title = QLabel(middle)
        self.negotiation_title.setObjectName("negotiationTitle")
        self.negotiation_title.setWordWrap(True)
        self.negotiation_title.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        middle_layout.addWidget(self.negotiation_title)
        self.messages = QTableWidget(0, len(MESSAGE_COLUMNS), middle)
        self.messages.setObjectName("captureMessages")
        self.messages.setTabKeyNavigation(False)  # Tab goes on to the next widget
        self.messages.setHorizontalHeaderLabels(_columns(MESSAGE_COLUMNS))
        self.messages.verticalHeader().hide()
        self.messages.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.messages.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.messages.setAlternatingRowColors(True)
        self.messages.setWordWrap(False)
        self.messages.setShowGrid(False)
        heading = self.messages.horizontalHeader()
        heading.setHighlightSections(False)
        heading.setStretchLastSection(False)  # long payload lists scroll, not elided
        heading.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.messages.verticalHeader().setDefaultSectionSize(
            self.fontMetrics().height() + 6)
        middle_layout.addWidget(self.messages, 1)

        # --- the diagnosis ---
        right = QWidget(self.detail_splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(4)
        self.verdict_frame = VerdictFrame(right)
        frame_layout = QVBoxLayout(self.verdict_frame)
        frame_layout.setContentsMargins(10, 6, 10, 6)
        self.verdict_label = QLabel(self.verdict_frame)
        self.verdict_label.setObjectName("captureVerdict")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextFormat(Qt.TextFormat.RichText)
        self.verdict_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        frame_layout.addWidget(self.verdict_label)
        right_layout.addWidget(self.verdict_frame)
        actions = QHBoxLayout()
        actions.setSpacing(6)
        product = QLabel(self.tr("Responder's &product"), right)
        self.responder_combo = QComboBox(right)
        self.responder_combo.setObjectName("captureResponderProfile")
        self.responder_combo.setToolTip(self.tr("Name the responder's product: a refused offer "
                                                "is set against what it supports, and the "
                                                "scenario gets it"))
        self.responder_combo.addItem(self.tr("Not known"), "")
        for pid, profile in sorted(profiles.items(), key=lambda item: item[1].product):
            self.responder_combo.addItem(profile.product, pid)
        self.responder_combo.currentIndexChanged.connect(self._responder_changed)
        product.setBuddy(self.responder_combo)
        self.open_button = QPushButton(self.tr("Open as &Scenario"), right)
        self.open_button.setObjectName("openAsScenario")
        self.open_button.setToolTip(self.tr("Make this negotiation a new scenario: change the "
                                            "gateways' settings and see what fixes it"))
        self.open_button.clicked.connect(self._open_clicked)
        actions.addWidget(product)
        actions.addWidget(self.responder_combo, 1)
        actions.addWidget(self.open_button)
        right_layout.addLayout(actions)
        self.details = QTextBrowser(right)
        self.details.setObjectName("captureDetails")
        self.details.setOpenLinks(False)
        right_layout.addWidget(self.details, 1)

        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail_splitter)
        self.detail_splitter.addWidget(middle)
        self.detail_splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([400, 1000])
        self._show_empty()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._list_pane_pending:
            self._size_list_pane()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        wide = event.size().width() >= WIDE
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.detail_splitter.orientation() != orientation:
            self.detail_splitter.setOrientation(orientation)
            total = (self.detail_splitter.width() if wide else self.detail_splitter.height())
            self.detail_splitter.setSizes([total * 11 // 20, total * 9 // 20])
        if not wide and not self._user_sized:
            self._share_height()
        if self.result is not None and not self._user_sized_list:
            self._size_list_pane()

    def _list_splitter_moved(self, _pos: int, _index: int) -> None:
        if not self._sharing:
            self._user_sized_list = True

    def _splitter_moved(self, _pos: int, _index: int) -> None:
        if not self._sharing:
            self._user_sized = True

    @staticmethod
    def _heading(parent: QWidget, text: str) -> QLabel:
        label = QLabel(text, parent)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        return label

    # --- what it shows ------------------------------------------------------------------

    def set_result(self, result: CaptureResult) -> None:
        """Show a capture; the first negotiation that did not succeed is selected."""
        self.result = result
        self._diagnoses = list(result.diagnoses)
        pid = result.request.responder_profile or ""
        self._diagnosed_with = [pid] * len(self._diagnoses)
        self.responder_combo.blockSignals(True)
        self.responder_combo.setCurrentIndex(max(0, self.responder_combo.findData(pid)))
        self.responder_combo.blockSignals(False)
        self._show_summary()
        self._show_problems()
        self.negotiation_list.blockSignals(True)
        self.negotiation_list.clear()
        for negotiation, diagnosis in zip(result.negotiations, self._diagnoses, strict=True):
            item = QTreeWidgetItem(self.negotiation_list)
            self._fill_item(item, negotiation, diagnosis)
        self.negotiation_list.blockSignals(False)
        self._size_list_pane()
        if not result.negotiations:
            self._show_empty()
            return
        first = next((i for i, d in enumerate(self._diagnoses) if not d.established), 0)
        self.select(first)

    def _size_list_pane(self) -> None:
        """The list of negotiations as wide as its columns need, within 22-36 % of the
        panel (until the user moves the splitter)."""
        if self._user_sized_list:
            return
        total = sum(self.splitter.sizes())
        if not self.isVisible() or total <= 0:
            self._list_pane_pending = True  # when it is laid out (resizeEvent)
            return
        self._list_pane_pending = False
        tree = self.negotiation_list
        header = tree.header()
        needed = sum(max(tree.sizeHintForColumn(c), header.sectionSizeHint(c))
                     for c in range(tree.columnCount()))
        needed += tree.verticalScrollBar().sizeHint().width() + 2 * tree.frameWidth() + 12
        left = max(int(total * 0.22), min(needed, int(total * 0.36)))
        self._sharing = True
        try:
            self.splitter.setSizes([left, max(total - left, 1)])
        finally:
            self._sharing = False

    def select(self, index: int) -> None:
        """Select the ``index``-th negotiation (0-based) of the list."""
        item = self.negotiation_list.topLevelItem(index)
        if item is None:
            return
        if self.negotiation_list.currentItem() is item:
            self._show_negotiation(index)
        else:
            self.negotiation_list.setCurrentItem(item)

    def current_index(self) -> int:
        item = self.negotiation_list.currentItem()
        return self.negotiation_list.indexOfTopLevelItem(item) if item is not None else -1

    def current(self) -> tuple[Negotiation, CaptureDiagnosis] | None:
        index = self.current_index()
        if self.result is None or not 0 <= index < len(self.result.negotiations):
            return None
        return self.result.negotiations[index], self._diagnosis(index)

    def responder_profile(self) -> str:
        return str(self.responder_combo.currentData() or "")

    def set_theme(self, theme: Theme) -> None:
        if theme == self.theme:
            return
        self.theme = theme
        self._refresh()

    def set_state_names(self, naming: str) -> None:
        if naming == self.style_name:
            return
        self.style_name = naming
        self._refresh()

    def _refresh(self) -> None:
        if self.result is None:
            return
        for i in range(self.negotiation_list.topLevelItemCount()):
            item = self.negotiation_list.topLevelItem(i)
            if item is not None:
                self._fill_item(item, self.result.negotiations[i], self._diagnoses[i])
        self._show_summary()
        index = self.current_index()
        if index >= 0:
            self._show_negotiation(index)

    # --- parts ------------------------------------------------------------------------------

    def _show_summary(self) -> None:
        result = self.result
        if result is None:
            return
        analysis = result.analysis
        count = len(result.negotiations)
        parts = [f"<b>{_esc(result.request.name)}</b>",
                 plural(self.tr("%n frame(s)", "", analysis.frames), analysis.frames),
                 plural(self.tr("%n IKE message(s)", "", analysis.ike_messages),
                        analysis.ike_messages),
                 plural(self.tr("%n IKEv1 negotiation(s)", "", count), count)]
        if analysis.ignored:
            parts.append(self.tr("also on the IKE ports: {what}").format(what=", ".join(
                ignored_text(what, n) for what, n in sorted(analysis.ignored.items()))))
        if result.request.keys_given:
            decrypted = sum(n.decrypted_count for n in result.negotiations)
            encrypted = sum(n.encrypted_count for n in result.negotiations)
            parts.append(self.tr("keys given: {decrypted} of {encrypted} encrypted messages "
                                 "decrypted").format(decrypted=decrypted, encrypted=encrypted))
        elif any(n.encrypted_count for n in result.negotiations):
            parts.append(self.tr("no keys given: encrypted messages are shown with their size"))
        text = " · ".join(parts)
        if analysis.dropped_negotiations:
            text += (f" · <span style='color:{self.theme.failure}'>"
                     + self.tr("{count} more negotiations not kept").format(
                         count=analysis.dropped_negotiations) + "</span>")
        if analysis.error is not None:
            text += (f"<br><span style='color:{self.theme.failure}'>✗ "
                     + self.tr("The capture could not be read to its end: {error}").format(
                         error=_esc(str(analysis.error))) + "</span>")
        self.summary_label.setText(text)

    def _show_problems(self) -> None:
        self.problem_list.clear()
        result = self.result
        problems = result.analysis.problems if result is not None else []
        dropped = result.analysis.problems_dropped if result is not None else 0
        for problem in problems:
            self.problem_list.addItem(self.tr("frame {frame}: {reason}").format(
                frame=problem.frame, reason=problem.reason))
        if dropped:
            self.problem_list.addItem(self.tr("… and {count} more").format(count=dropped))
        total = len(problems) + dropped
        self.problems_heading.setText(
            self.tr("Malformed packets ({count})").format(count=total) if total
            else self.tr("Malformed packets: none"))
        self.problem_list.setVisible(bool(total))

    def _fill_item(self, item: QTreeWidgetItem, negotiation: Negotiation,
                   diagnosis: CaptureDiagnosis) -> None:
        ok = diagnosis.established
        color = QColor(self.theme.success if ok else self.theme.failure
                       if diagnosis.outcome == "failed" else self.theme.muted)
        mark = "✓" if ok else "✗" if diagnosis.outcome == "failed" else "…"
        values = (str(negotiation.number), endpoints_text(negotiation),
                  f"{mark} {outcome_text(diagnosis)}", failing_text(diagnosis))
        for column, text in enumerate(values):
            item.setText(column, text)
        item.setForeground(2, QBrush(color))
        item.setToolTip(1, f"{negotiation.initiator} → {negotiation.responder}\n"
                        + self.tr("{mode}, cookies {cookies}").format(
                            mode=negotiation.mode or "IKEv1", cookies=negotiation.cookies))
        item.setToolTip(2, diagnosis.verdict)
        item.setToolTip(3, (diagnosis.failure_message or diagnosis.verdict)
                        + (f" ({diagnosis.notify})" if diagnosis.notify else ""))

    def _show_empty(self) -> None:
        self.negotiation_title.setText("")
        self.messages.setRowCount(0)
        result = self.result
        if result is None:
            text = self.tr("Open a capture: File ▸ Open Capture…")
        elif not result.negotiations:
            text = self.tr("No IKEv1 negotiation in this capture (UDP ports 500 and 4500).")
        else:
            text = self.tr("Select a negotiation.")
        self.verdict_frame.set_color(self.theme.muted)
        self.verdict_label.setText(_esc(text))
        self.details.setHtml("")
        self.open_button.setEnabled(False)

    def _negotiation_changed(self, current: QTreeWidgetItem | None,
                             _previous: QTreeWidgetItem | None) -> None:
        index = self.negotiation_list.indexOfTopLevelItem(current) if current else -1
        if index < 0:
            self._show_empty()
        else:
            self._show_negotiation(index)

    def _show_negotiation(self, index: int) -> None:
        result = self.result
        if result is None or not 0 <= index < len(result.negotiations):
            self._show_empty()
            return
        negotiation = result.negotiations[index]
        diagnosis = self._diagnosis(index)
        n = negotiation
        roles = "" if n.initiator_seen else " · " + self.tr(
            "the capture starts after message 1: roles guessed")
        self.negotiation_title.setText(
            "<b>" + _esc(self.tr("Negotiation {number}").format(number=n.number)) + "</b>"
            f" · {_esc(n.mode or 'IKEv1')} · "
            f"{_esc(str(n.initiator))} → {_esc(str(n.responder))} · "
            + _esc(self.tr("started {time} UTC (frame {frame})").format(
                time=utc_time(n.start_ns, date=True), frame=n.first_frame))
            + _esc(roles))
        self._show_messages(negotiation)
        self._show_diagnosis(negotiation, diagnosis)
        self.open_button.setEnabled(True)

    def _show_messages(self, negotiation: Negotiation) -> None:
        table = self.messages
        table.setUpdatesEnabled(False)
        try:
            table.setRowCount(len(negotiation.messages))
            keys_given = self.result is not None and self.result.request.keys_given
            muted = QBrush(QColor(self.theme.muted))
            failure = QBrush(QColor(self.theme.failure))
            for row, m in enumerate(negotiation.messages):
                initiator, responder = state_names(m, self.style_name)
                summary = message_summary(m)
                if m.retransmission:
                    summary += " " + self.tr("(again, {count})").format(count=m.retransmission)
                if m.hash_check is not None:
                    summary += f"  [{m.hash_check.name} {m.hash_check.status}]"
                if m.encrypted and not m.decrypted and not m.retransmission and keys_given:
                    summary += "  [" + self.tr("not readable with the keys given") + "]"
                cells = (utc_time(m.timestamp_ns), f"{m.time:.3f}", str(m.frame),
                         "──▶" if m.from_initiator else "◀──", m.label, initiator,
                         responder, summary)
                tip = f"{m.label}: {summary}\n{self._message_tip(m)}"
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setToolTip(tip)
                    if column in (1, 2):
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                              | Qt.AlignmentFlag.AlignVCenter)
                    if column == 3:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    if m.error_notifies or m.malformed or (
                            m.hash_check is not None and m.hash_check.verified is False):
                        item.setForeground(failure)
                    elif m.retransmission or (m.encrypted and not m.decrypted):
                        item.setForeground(muted)
                    if column == 4:
                        font = QFont(item.font())
                        font.setBold(True)
                        item.setFont(font)
                    table.setItem(row, column, item)
            fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
            for row in range(table.rowCount()):
                for column in (0, 1):
                    cell = table.item(row, column)
                    if cell is not None:
                        cell.setFont(fixed)
        finally:
            table.setUpdatesEnabled(True)
        self._share_height()

    def _share_height(self) -> None:
        """One above the other: the messages get the height their rows need (up to a
        dozen), the diagnosis the rest."""
        splitter = self.detail_splitter
        if splitter.orientation() != Qt.Orientation.Vertical or self._user_sized:
            return
        total = sum(splitter.sizes())
        if total <= 0:
            return
        table = self.messages
        rows = min(max(table.rowCount(), 3), 12)
        wanted = (self.negotiation_title.sizeHint().height() + table.horizontalHeader().height()
                  + rows * table.verticalHeader().defaultSectionSize()
                  + table.horizontalScrollBar().sizeHint().height() + 12)
        top = max(total // 3, min(wanted, total - 170))
        self._sharing = True
        try:
            splitter.setSizes([top, total - top])
        finally:
            self._sharing = False

    @staticmethod
    def _message_tip(m: CapturedMessage) -> str:
        lines = [translate("CapturePanel", "{src} → {dst}, {size} bytes").format(
                     src=m.src, dst=m.dst, size=m.size),
                 translate("CapturePanel", "message ID {id}").format(id=f"0x{m.message_id:08x}")]
        if m.decrypted:
            lines.append(translate("CapturePanel", "decrypted with {key}").format(key=m.key_source))
        if m.unreadable:
            lines.append(translate("CapturePanel", "not readable: {why}").format(why=m.unreadable))
        if m.malformed:
            lines.append(translate("CapturePanel", "malformed: {why}").format(why=m.malformed))
        if m.hash_check is not None and m.hash_check.detail:
            lines.append(f"{m.hash_check.name}: {m.hash_check.detail}")
        return "\n".join(lines)

    def _show_diagnosis(self, negotiation: Negotiation, diagnosis: CaptureDiagnosis) -> None:
        t = self.theme
        ok = diagnosis.established
        color = t.success if ok else t.failure if diagnosis.outcome == "failed" else t.muted
        self.verdict_frame.set_color(color)
        mark = "✓" if ok else "✗" if diagnosis.outcome == "failed" else "…"
        self.verdict_label.setText(
            f"<b><span style='color:{color}'>{mark} {_esc(diagnosis.verdict)}</span></b>")
        parts: list[str] = []
        n = negotiation
        facts: list[tuple[str, str]] = []
        if diagnosis.notify:
            sender = (self.tr("initiator") if diagnosis.notify_sender == "initiator"
                      else self.tr("responder") if diagnosis.notify_sender == "responder"
                      else diagnosis.notify_sender)
            facts.append((self.tr("Notify"), self.tr("{notify}, sent by the {sender}").format(
                notify=diagnosis.notify, sender=sender)))
        if diagnosis.established:
            facts.append((self.tr("Phase 1"), diagnosis.phase1))
            facts.append((self.tr("Phase 2"), diagnosis.phase2))
        for i, offer in enumerate(n.offered, 1):
            facts.append((self.tr("Offered {number}").format(number=i) if len(n.offered) > 1
                          else self.tr("Offered"), ike_text(offer)))
        if n.chosen is not None:
            facts.append((self.tr("Chosen"), ike_text(n.chosen)))
        if n.key_sources:
            facts.append((self.tr("Decrypted with"), "; ".join(n.key_sources)))
        elif n.encrypted_count:
            keys_given = self.result is not None and self.result.request.keys_given
            facts.append((self.tr("Keys"),
                          self.tr("none of those given decrypt these messages") if keys_given
                          else self.tr("none given: encrypted messages are shown with their "
                                       "size")))
        if facts:
            parts.append(self._table(facts))
        parts.append(self._bullets(self.tr("Known"), diagnosis.known, "•", t.muted))
        parts.append(self._bullets(self.tr("Likely"), diagnosis.likely, "?", t.muted))
        if diagnosis.conflicts:
            rows = "".join(
                f"<tr><td style='padding-right:10px'>{_esc(c.field)}</td>"
                f"<td style='padding-right:10px; color:{t.failure}'>{_esc(c.initiator)}</td>"
                f"<td style='color:{t.failure}'>{_esc(c.responder)}</td></tr>"
                for c in diagnosis.conflicts)
            parts.append(
                "<p style='margin-bottom:2px'><b>" + _esc(self.tr("Conflicts")) + "</b></p>"
                "<table cellspacing='0' "
                f"cellpadding='1'><tr><td></td><td style='color:{t.muted}; padding-right:10px'>"
                + _esc(self.tr("initiator")) + f"</td><td style='color:{t.muted}'>"
                + _esc(self.tr("responder")) + f"</td></tr>{rows}</table>")
        parts.append(self._bullets(self.tr("Fixes"), diagnosis.fixes, "→", t.success))
        parts.append(self._bullets(self.tr("Notes"), (*diagnosis.warnings, *n.key_notes,
                                             *n.proposal_problems), "⚠", t.failure))
        self.details.setHtml(f"<div style='color:{t.text}'>" + "".join(parts) + "</div>")

    def _table(self, rows: Sequence[tuple[str, str]]) -> str:
        cells = "".join(
            f"<tr><td style='padding-right:10px; color:{self.theme.muted}'>{_esc(k)}</td>"
            f"<td>{_esc(v)}</td></tr>" for k, v in rows)
        return f"<table cellspacing='0' cellpadding='1'>{cells}</table>"

    @staticmethod
    def _bullets(title: str, items: Sequence[str], mark: str, color: str) -> str:
        if not items:
            return ""
        rows = "".join(
            f"<tr><td style='padding-right:6px; color:{color}'>{mark}</td>"
            f"<td>{_esc(item)}</td></tr>" for item in items)
        return (f"<p style='margin-top:8px; margin-bottom:2px'><b>{_esc(title)}</b></p>"
                f"<table cellspacing='0' cellpadding='1'>{rows}</table>")

    # --- the user's actions ---------------------------------------------------------------

    def _diagnosis(self, index: int) -> CaptureDiagnosis:
        """The diagnosis of the ``index``-th negotiation against the responder's product
        chosen now (made again, when shown, after the product was changed)."""
        pid = self.responder_profile()
        if self._diagnosed_with[index] != pid and self.result is not None:
            negotiation = self.result.negotiations[index]
            self._diagnoses[index] = diagnose_capture(
                negotiation, responder_profile=self.profiles.get(pid))
            self._diagnosed_with[index] = pid
            item = self.negotiation_list.topLevelItem(index)
            if item is not None:
                self._fill_item(item, negotiation, self._diagnoses[index])
        return self._diagnoses[index]

    def _responder_changed(self, _index: int) -> None:
        """Diagnose the selected negotiation again against the product named."""
        index = self.current_index()
        if index >= 0:
            self._show_negotiation(index)

    def _open_clicked(self) -> None:
        found = self.current()
        if found is not None:
            self.openRequested.emit(found[0], self.responder_profile())
