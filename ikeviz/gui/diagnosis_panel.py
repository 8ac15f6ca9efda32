"""The diagnosis: the verdict, the first failure, what conflicts, and the fixes.

It shows the document's :class:`~ikeviz.diagnosis.Diagnosis`: the verdict in
colour, where it fails and why, the conflicting values side by side, the
fixes as buttons (a click applies the fix through the undo stack), what is
known and what is only likely, the warnings, and what each product would log.
The widgets are made once and filled in on each change (a few milliseconds).
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ikeviz.diagnosis import Diagnosis, Fix, ProductLog
from ikeviz.gui.document import Document
from ikeviz.render.painter import LIGHT, Theme
from ikeviz.scenario.model import Side

WIDE = 760  # wider than this: two columns


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _show(widget: QWidget, visible: bool) -> None:
    """Show or hide ``widget``, without the relayout when it already is."""
    if widget.isHidden() == visible:
        widget.setVisible(visible)


def _label(parent: QWidget, name: str, *, rich: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


class VerdictFrame(QFrame):
    """A rounded box in the verdict's colour (green: established, red: failed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictFrame")
        self.color = QColor("#2e7d32")

    def set_color(self, color: str) -> None:
        self.color = QColor(color)
        self.update()

    def paintEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rect = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        path = QPainterPath()
        path.addRoundedRect(rect, 6, 6)
        fill = QColor(self.color)
        fill.setAlphaF(0.10)
        painter.fillPath(path, fill)
        painter.setPen(QPen(self.color, 2.0))
        painter.drawPath(path)
        painter.end()


class LogView(QWidget):
    """What one product would log: its name and the lines, monospace, wrapped to the width."""

    def __init__(self, parent: QWidget, side: Side) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.title = _label(self, f"logTitle_{side.value}")
        self.frame = QFrame(self)
        self.frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.frame.setAutoFillBackground(True)
        self.frame.setBackgroundRole(QPalette.ColorRole.Base)
        inner = QVBoxLayout(self.frame)
        inner.setContentsMargins(6, 4, 6, 4)
        self.text = _label(self.frame, f"log_{side.value}", rich=False)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setForegroundRole(QPalette.ColorRole.Text)
        inner.addWidget(self.text)
        layout.addWidget(self.title)
        layout.addWidget(self.frame)

    def show_log(self, title: str, log: ProductLog, muted: str) -> None:
        self.title.setText(title)
        text = "\n".join(log.lines)
        if self.text.text() != text:
            self.text.setText(text)
        # Only the muted colour is set on the label: the documented lines inherit the Text
        # colour of the palette in force, so that a theme change re-colours them (a colour
        # copied from the palette here would stay the old theme's: black on dark).
        palette = QPalette()  # nothing set: every role follows the parent's palette
        if not log.documented:
            palette.setColor(QPalette.ColorRole.Text, QColor(muted))
        self.text.setPalette(palette)
        font = self.text.font()
        if font.italic() == log.documented:
            font.setItalic(not log.documented)
            self.text.setFont(font)

    def toPlainText(self) -> str:  # noqa: N802 - like QPlainTextEdit's
        return self.text.text()


class _FixRow(QWidget):
    """One fix: an Apply button (or a dash when there is nothing to apply) and its text."""

    def __init__(self, parent: QWidget, index: int, apply: Any) -> None:
        super().__init__(parent)
        self.fix: Fix | None = None
        self._apply = apply
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.button = QPushButton(self.tr("Apply"), self)
        self.button.setObjectName(f"fix_{index}")
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.button.clicked.connect(self._clicked)
        self.dash = QLabel("—", self)
        self.dash.setFixedWidth(self.button.sizeHint().width())
        self.dash.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dash.setToolTip(self.tr("Nothing to apply on this side"))
        self.text = _label(self, f"fixText_{index}")
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.dash, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)

    def show_fix(self, fix: Fix, theme: Theme) -> None:
        self.fix = fix
        applicable = fix.action != "none"
        side = self.tr("Left") if fix.side is Side.LEFT else self.tr("Right")
        color = theme.text if applicable else theme.muted
        self.text.setText(f"<span style='color:{color}'><b>{side}:</b> "
                          f"{_esc(fix.description)}</span>")
        self.button.setToolTip(self.tr("Apply this fix (undo with Ctrl+Z):\n{fix}").format(
            fix=fix.description))
        _show(self.button, applicable)
        _show(self.dash, not applicable)

    def _clicked(self) -> None:
        if self.fix is not None:
            self._apply(self.fix)


class DiagnosisPanel(QScrollArea):
    """The diagnosis of the document's current run."""

    fixApplied = Signal(object)

    def __init__(self, document: Document, parent: QWidget | None = None, *,
                 theme: Theme = LIGHT) -> None:
        super().__init__(parent)
        self.setObjectName("diagnosisPanel")
        self.document = document
        self.theme: Theme = theme
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fix_buttons: list[QPushButton] = []
        self._fix_rows: list[_FixRow] = []
        self._fixes_shown: tuple[Fix, ...] | None = None
        self._shown: tuple[Any, ...] | None = None

        body = QWidget(self)
        body.setObjectName("diagnosisBody")
        outer = QVBoxLayout(body)
        outer.setContentsMargins(10, 8, 10, 10)
        outer.setSpacing(8)

        self.verdict_frame = VerdictFrame(body)
        frame_layout = QVBoxLayout(self.verdict_frame)
        frame_layout.setContentsMargins(12, 8, 12, 8)
        self.verdict_label = _label(self.verdict_frame, "verdict")
        frame_layout.addWidget(self.verdict_label)
        outer.addWidget(self.verdict_frame)

        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(18)
        first = QVBoxLayout()
        first.setSpacing(6)
        second = QVBoxLayout()
        second.setSpacing(6)

        # What differs and how to fix it first (what a troubleshooter needs), then the
        # details (where it fails, or what was agreed): one rich-text label.
        self.conflicts_box = QWidget(body)
        conflicts_layout = QVBoxLayout(self.conflicts_box)
        conflicts_layout.setContentsMargins(0, 0, 0, 0)
        conflicts_layout.setSpacing(4)
        conflicts_layout.addWidget(self._heading(self.conflicts_box, self.tr("What differs")))
        self.conflict_table = self._make_conflict_table(self.conflicts_box)
        conflicts_layout.addWidget(self.conflict_table)
        first.addWidget(self.conflicts_box)
        self.fixes_box = QWidget(body)
        self.fixes_layout = QVBoxLayout(self.fixes_box)
        self.fixes_layout.setContentsMargins(0, 0, 0, 0)
        self.fixes_layout.setSpacing(4)
        self.fixes_layout.addWidget(self._heading(self.fixes_box, self.tr("How to fix it")))
        first.addWidget(self.fixes_box)
        self.summary_label = _label(body, "summary")
        first.addWidget(self.summary_label)
        first.addStretch(1)

        # Warnings, what is known, what is likely: one rich-text label; then the logs.
        self.notes_label = _label(body, "notes")
        second.addWidget(self.notes_label)
        self.logs_heading = self._heading(body, self.tr("What the products log"))
        second.addWidget(self.logs_heading)
        self.logs = {side: LogView(body, side) for side in (Side.LEFT, Side.RIGHT)}
        for view in self.logs.values():
            second.addWidget(view)
        second.addStretch(1)

        self.columns.addLayout(first, 1)
        self.columns.addLayout(second, 1)
        outer.addLayout(self.columns)
        outer.addStretch(1)
        self.setWidget(body)
        document.resultChanged.connect(self.refresh)
        self.refresh()

    # --- building -----------------------------------------------------------------------

    @staticmethod
    def _heading(parent: QWidget, text: str) -> QLabel:
        label = QLabel(f"<b>{_esc(text)}</b>", parent)
        label.setObjectName("heading")
        return label

    def _make_conflict_table(self, parent: QWidget) -> QTableWidget:
        table = QTableWidget(0, 3, parent)
        table.setObjectName("conflicts")
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return table

    def set_theme(self, theme: Theme) -> None:
        if theme == self.theme:
            return
        self.theme = theme
        self._shown = None
        self._fixes_shown = None
        self.refresh()

    # --- filling in ---------------------------------------------------------------------

    def refresh(self) -> None:
        doc = self.document
        key = (doc.diagnosis, doc.error, doc.scenario.left.name, doc.scenario.right.name)
        if key == self._shown:
            return
        self._shown = key
        diagnosis = doc.diagnosis
        if diagnosis is None:
            self._show_verdict(False, self.tr("This scenario cannot run"),
                               doc.error or self.tr("unknown error"))
            for widget in (self.summary_label, self.conflicts_box, self.fixes_box,
                           self.notes_label, self.logs_heading, *self.logs.values()):
                _show(widget, False)
            return
        head, _, rest = diagnosis.verdict.partition(": ")
        self._show_verdict(diagnosis.established, head, rest)
        summary = self._agreed(diagnosis) if diagnosis.established else self._where(diagnosis)
        self.summary_label.setText(summary)
        _show(self.summary_label, bool(summary))
        self._show_conflicts(diagnosis)
        self._show_fixes(diagnosis)
        notes = "".join(self._bullets(title, items, mark) for title, items, mark in (
            (self.tr("Warnings"), diagnosis.warnings, "⚠"),
            (self.tr("Known"), diagnosis.known, "•"),
            (self.tr("Likely"), diagnosis.likely, "?")) if items)
        self.notes_label.setText(notes)
        _show(self.notes_label, bool(notes))
        _show(self.logs_heading, bool(diagnosis.logs))
        shown = {log.side: log for log in diagnosis.logs}
        for side, view in self.logs.items():
            log = shown.get(side)
            _show(view, log is not None)
            if log is not None:
                view.show_log(f"{_esc(log.product)} <span style='color:{self.theme.muted}'>"
                              f"({_esc(self._side_name(side))})</span>", log,
                              self.theme.muted)

    def _show_verdict(self, ok: bool, headline: str, detail: str) -> None:
        color = self.theme.success if ok else self.theme.failure
        mark = "✓" if ok else "✗"
        self.verdict_frame.set_color(color)
        self.verdict_frame.setProperty("ok", ok)
        self.verdict_label.setText(
            f"<div style='font-size:large'><b><span style='color:{color}'>{mark} "
            f"{_esc(headline)}</span></b></div>"
            + (f"<div style='margin-top:3px'>{_esc(detail)}</div>" if detail else ""))

    def _table(self, parts: list[tuple[str, str]]) -> str:
        rows = "".join(
            f"<tr><td style='padding-right:10px; color:{self.theme.muted}'>{_esc(k)}</td>"
            f"<td>{_esc(v)}</td></tr>" for k, v in parts)
        return f"<table cellspacing='0' cellpadding='1'>{rows}</table>"

    def _where(self, diagnosis: Diagnosis) -> str:
        parts = []
        if diagnosis.failure_message:
            parts.append((self.tr("Where"), diagnosis.failure_message
                          + (f" ({diagnosis.failure_label})" if diagnosis.failure_label
                             else "")))
        if diagnosis.refuser is not None:
            parts.append((self.tr("Refused by"), self._side_name(diagnosis.refuser)))
        if diagnosis.payload:
            parts.append((self.tr("Payload"), diagnosis.payload + (f" · {diagnosis.attribute}"
                                                          if diagnosis.attribute else "")))
        if diagnosis.notify:
            parts.append((self.tr("Notify"), diagnosis.notify))
        if diagnosis.reason:
            parts.append((self.tr("Reason"), diagnosis.reason))
        return "<b>" + _esc(self.tr("Details")) + "</b>" + self._table(parts) if parts else ""

    def _agreed(self, diagnosis: Diagnosis) -> str:
        parts = []
        if diagnosis.phase1:
            parts.append((self.tr("Phase 1"), diagnosis.phase1))
        if diagnosis.phase2:
            parts.append((self.tr("Phase 2"), diagnosis.phase2))
        return "<b>" + _esc(self.tr("Agreed")) + "</b>" + self._table(parts) if parts else ""

    def _side_name(self, side: Side) -> str:
        gateway = self.document.scenario.gateway(side)
        where = self.tr("left") if side is Side.LEFT else self.tr("right")
        return f"{gateway.name} ({where})"

    def _show_conflicts(self, diagnosis: Diagnosis) -> None:
        table = self.conflict_table
        conflicts = diagnosis.conflicts if not diagnosis.established else ()
        _show(self.conflicts_box, bool(conflicts))
        if not conflicts:
            return
        table.setHorizontalHeaderLabels(["", self._side_name(Side.LEFT),
                                         self._side_name(Side.RIGHT)])
        table.setRowCount(len(conflicts))
        failure = QColor(self.theme.failure)
        for row, conflict in enumerate(conflicts):
            field = QTableWidgetItem(conflict.field)
            font = field.font()
            font.setBold(True)
            field.setFont(font)
            table.setItem(row, 0, field)
            for col, value in ((1, conflict.left), (2, conflict.right)):
                item = QTableWidgetItem(value)
                item.setForeground(failure)
                item.setToolTip(value)
                table.setItem(row, col, item)
        # Wide enough for the gateways' names in the headers ("OXO Paris (left)"), which a
        # header cannot wrap: the two value columns share what is left after the first.
        header = table.horizontalHeader()
        metrics = header.fontMetrics()
        names = [table.horizontalHeaderItem(c).text() for c in (1, 2)]
        for column, name in zip((1, 2), names, strict=True):
            table.horizontalHeaderItem(column).setToolTip(name)
        table.resizeColumnToContents(0)
        value_width = max(metrics.horizontalAdvance(name) for name in names) + 24
        table.setMinimumWidth(min(900, header.sectionSize(0) + 2 * value_width
                                  + 2 * table.frameWidth()))
        table.resizeRowsToContents()
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(height + 2)

    def _show_fixes(self, diagnosis: Diagnosis) -> None:
        fixes = diagnosis.fixes if not diagnosis.established else ()
        _show(self.fixes_box, bool(fixes))
        if fixes == self._fixes_shown:
            return
        self._fixes_shown = fixes
        while len(self._fix_rows) < len(fixes):  # rows are kept and reused
            row = _FixRow(self.fixes_box, len(self._fix_rows), self._apply)
            self._fix_rows.append(row)
            self.fixes_layout.addWidget(row)
        self.fix_buttons = []
        for index, row in enumerate(self._fix_rows):
            if index < len(fixes):
                row.show_fix(fixes[index], self.theme)
                if row.fix is not None and row.fix.action != "none":
                    self.fix_buttons.append(row.button)
            _show(row, index < len(fixes))

    def _apply(self, fix: Fix) -> None:
        self.document.apply_fix(fix)
        self.fixApplied.emit(fix)

    def _bullets(self, title: str, items: tuple[str, ...], mark: str) -> str:
        color = self.theme.failure if mark == "⚠" else self.theme.muted
        rows = "".join(
            f"<tr><td style='padding-right:6px; color:{color}'>{mark}</td>"
            f"<td>{_esc(item)}</td></tr>" for item in items)
        return (f"<p style='margin:0 0 2px 0'><b>{_esc(title)}</b></p>"
                f"<table cellspacing='0' cellpadding='1' style='margin-bottom:8px'>{rows}"
                "</table>")

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        wanted = (QBoxLayout.Direction.LeftToRight if self.width() >= WIDE
                  else QBoxLayout.Direction.TopToBottom)
        if self.columns.direction() != wanted:
            self.columns.setDirection(wanted)
