"""A hex dump widget: offset | 16 hex bytes | ASCII, with a highlighted byte range.

The inspector shows the ISAKMP bytes of the selected message in one and the
decrypted plaintext in another. Selecting a field in the tree highlights its
bytes (:meth:`HexView.set_highlight`); clicking a byte emits
:attr:`HexView.byteClicked` with its offset, and the inspector selects the
deepest field containing it.

Offsets are *addresses*: the data's first byte has address ``base`` (0 for a
whole message; 28 for a decrypted payload chain, so that each plaintext byte
sits where its ciphertext byte sits in the message). Rows are aligned on
multiples of 16, as in Wireshark; the cells before ``base`` stay empty.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QGuiApplication,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

BYTES_PER_ROW = 16
_OFFSET_CHARS = 4  # "001c": ISAKMP messages are shorter than 64 KiB
_GAP = 2  # characters between the offset, the hex and the ASCII columns


def _printable(byte: int) -> str:
    return chr(byte) if 0x20 <= byte < 0x7F else "."


class HexView(QAbstractScrollArea):
    """A read-only hex dump with one highlighted range and clickable bytes."""

    byteClicked = Signal(int)  # the address of the byte clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = b""
        self._base = 0
        self._highlight: tuple[int, int] | None = None
        self._hover: int | None = None
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setFont(font)
        self.viewport().setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        self.viewport().setAutoFillBackground(True)
        self._update_scrollbars()

    # --- data -------------------------------------------------------------

    def set_data(self, data: bytes, base: int = 0) -> None:
        """Show ``data``; its first byte has address ``base``. Clears the highlight."""
        self._data = bytes(data)
        self._base = max(0, base)
        self._highlight = None
        self._hover = None
        self.verticalScrollBar().setValue(0)
        self._update_scrollbars()
        self.viewport().update()

    def clear(self) -> None:
        self.set_data(b"")

    def data(self) -> bytes:
        return self._data

    def base(self) -> int:
        return self._base

    def end(self) -> int:
        """The address after the last byte."""
        return self._base + len(self._data)

    def set_highlight(self, start: int | None, end: int | None) -> None:
        """Highlight the addresses ``start..end-1`` (clipped to the data); None clears it."""
        if start is None or end is None:
            self._highlight = None
        else:
            lo, hi = max(start, self._base), min(end, self.end())
            self._highlight = (lo, hi) if lo < hi else None
        if self._highlight is not None:
            self.ensure_visible(self._highlight[0], self._highlight[1])
        self.viewport().update()

    def highlight(self) -> tuple[int, int] | None:
        """The highlighted range (start, end), in addresses, or None."""
        return self._highlight

    def highlighted_bytes(self) -> bytes:
        if self._highlight is None:
            return b""
        lo, hi = self._highlight
        return self._data[lo - self._base:hi - self._base]

    def text(self) -> str:
        """The dump as plain text, one row a line (what the widget shows)."""
        lines = []
        for row in range(self._row_count()):
            address = (self._first_row() + row) * BYTES_PER_ROW
            cells, ascii_ = [], []
            for i in range(BYTES_PER_ROW):
                a = address + i
                if self._base <= a < self.end():
                    b = self._data[a - self._base]
                    cells.append(f"{b:02x}")
                    ascii_.append(_printable(b))
                else:
                    cells.append("  ")
                    ascii_.append(" ")
            hex_text = " ".join(cells[:8]) + "  " + " ".join(cells[8:])
            lines.append(f"{address:0{_OFFSET_CHARS}x}  {hex_text}  {''.join(ascii_)}".rstrip())
        return "\n".join(lines)

    # --- geometry -----------------------------------------------------------

    def _char_width(self) -> int:
        return max(1, self.fontMetrics().horizontalAdvance("0"))

    def _line_height(self) -> int:
        return self.fontMetrics().height() + 2

    def _first_row(self) -> int:
        return self._base // BYTES_PER_ROW

    def _row_count(self) -> int:
        if not self._data:
            return 0
        return (self.end() - 1) // BYTES_PER_ROW - self._first_row() + 1

    def _hex_x(self, column: int) -> int:
        """Left edge of hex cell ``column`` (0..15), in characters."""
        return _OFFSET_CHARS + _GAP + column * 3 + (1 if column >= 8 else 0)

    def _ascii_x(self, column: int) -> int:
        return self._hex_x(BYTES_PER_ROW - 1) + 2 + _GAP + column

    def _total_chars(self) -> int:
        return self._ascii_x(BYTES_PER_ROW) + 1

    def _margin(self) -> int:
        return self._char_width() // 2

    def _visible_rows(self) -> int:
        return max(1, self.viewport().height() // self._line_height())

    def _update_scrollbars(self) -> None:
        rows = self._row_count()
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, rows - self._visible_rows()))
        bar.setPageStep(self._visible_rows())
        bar.setSingleStep(1)
        width = self._total_chars() * self._char_width() + 2 * self._margin()
        hbar = self.horizontalScrollBar()
        hbar.setRange(0, max(0, width - self.viewport().width()))
        hbar.setPageStep(self.viewport().width())
        hbar.setSingleStep(self._char_width())

    def sizeHint(self) -> QSize:
        width = self._total_chars() * self._char_width() + 2 * self._margin()
        width += self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        return QSize(width, self._line_height() * 8 + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._char_width() * 30, self._line_height() * 3)

    def _row_top(self, row: int) -> int:
        """The y of ``row`` (0 = the first row of the data) in the viewport."""
        return (row - self.verticalScrollBar().value()) * self._line_height()

    def _x(self, chars: int) -> int:
        return self._margin() + chars * self._char_width() - self.horizontalScrollBar().value()

    def byte_rect(self, address: int) -> QRect:
        """The hex cell of ``address`` in viewport coordinates (empty if no such byte)."""
        if not self._base <= address < self.end():
            return QRect()
        row = address // BYTES_PER_ROW - self._first_row()
        column = address % BYTES_PER_ROW
        cw = self._char_width()
        return QRect(self._x(self._hex_x(column)), self._row_top(row), 2 * cw,
                     self._line_height())

    def ascii_rect(self, address: int) -> QRect:
        if not self._base <= address < self.end():
            return QRect()
        row = address // BYTES_PER_ROW - self._first_row()
        column = address % BYTES_PER_ROW
        return QRect(self._x(self._ascii_x(column)), self._row_top(row), self._char_width(),
                     self._line_height())

    def byte_at(self, pos: QPoint) -> int | None:
        """The address of the byte under ``pos`` (viewport coordinates), hex or ASCII column."""
        if not self._data:
            return None
        row = pos.y() // self._line_height() + self.verticalScrollBar().value()
        if row < 0 or row >= self._row_count():
            return None
        cw = self._char_width()
        chars = (pos.x() + self.horizontalScrollBar().value() - self._margin()) / cw
        column: int | None = None
        for c in range(BYTES_PER_ROW):
            left = self._hex_x(c)
            if left - 0.5 <= chars < left + 2.5:
                column = c
                break
            if self._ascii_x(c) <= chars < self._ascii_x(c) + 1:
                column = c
                break
        if column is None:
            return None
        address = (self._first_row() + row) * BYTES_PER_ROW + column
        return address if self._base <= address < self.end() else None

    def ensure_visible(self, start: int, end: int) -> None:
        """Scroll so that the rows of ``start..end-1`` show (as much as fits)."""
        if not self._data:
            return
        first = start // BYTES_PER_ROW - self._first_row()
        last = (max(start, end - 1)) // BYTES_PER_ROW - self._first_row()
        bar = self.verticalScrollBar()
        top, visible = bar.value(), self._visible_rows()
        if first < top:
            bar.setValue(first)
        elif last >= top + visible:
            bar.setValue(max(first if last - first >= visible else last - visible + 1, 0))

    # --- events -------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scrollbars()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._update_scrollbars()
            self.viewport().update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            address = self.byte_at(event.position().toPoint())
            if address is not None:
                self.byteClicked.emit(address)
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        address = self.byte_at(event.position().toPoint())
        if address != self._hover:
            self._hover = address
            self.viewport().update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover is not None:
            self._hover = None
            self.viewport().update()
        super().leaveEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            address = self.byte_at(event.pos())
            if address is None:
                QToolTip.hideText()
            else:
                value = self._data[address - self._base]
                QToolTip.showText(
                    event.globalPos(),
                    self.tr("Offset {address} ({hex_address}): {hex_value} = {value}").format(
                        address=address, hex_address=f"0x{address:04x}",
                        hex_value=f"0x{value:02x}", value=value),
                    self.viewport(),
                )
            return True
        return super().viewportEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            chosen = self.highlighted_bytes() or self._data
            QGuiApplication.clipboard().setText(chosen.hex())
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        dim = QColor(text)
        dim.setAlphaF(0.45)
        selection = palette.color(QPalette.ColorRole.Highlight)
        selected_text = palette.color(QPalette.ColorRole.HighlightedText)
        hover = QColor(selection)
        hover.setAlphaF(0.25)
        painter.setFont(self.font())
        lh = self._line_height()
        cw = self._char_width()
        ascent_pad = (lh - self.fontMetrics().height()) // 2 + self.fontMetrics().ascent()
        first = self.verticalScrollBar().value()
        last = min(self._row_count(), first + self._visible_rows() + 1)
        separator_x = self._x(_OFFSET_CHARS) + cw
        painter.setPen(dim)
        painter.drawLine(separator_x, 0, separator_x, self.viewport().height())
        ascii_sep = self._x(self._ascii_x(0)) - cw
        painter.drawLine(ascii_sep, 0, ascii_sep, self.viewport().height())
        lo, hi = self._highlight if self._highlight else (-1, -1)
        for row in range(first, last):
            address0 = (self._first_row() + row) * BYTES_PER_ROW
            y = self._row_top(row)
            painter.setPen(dim)
            painter.drawText(self._x(0), y + ascent_pad, f"{address0:0{_OFFSET_CHARS}x}")
            for column in range(BYTES_PER_ROW):
                address = address0 + column
                if not self._base <= address < self.end():
                    continue
                value = self._data[address - self._base]
                hex_rect = self.byte_rect(address)
                ascii_rect = self.ascii_rect(address)
                chosen = lo <= address < hi
                if chosen:
                    # Fill the gap to the next selected byte on the same row as well.
                    fill = QRect(hex_rect)
                    if address + 1 < hi and column not in (7, BYTES_PER_ROW - 1):
                        fill.setWidth(3 * cw)
                    elif address + 1 < hi and column == 7:
                        fill.setWidth(4 * cw)
                    painter.fillRect(fill, selection)
                    painter.fillRect(ascii_rect, selection)
                elif address == self._hover:
                    painter.fillRect(hex_rect, hover)
                    painter.fillRect(ascii_rect, hover)
                painter.setPen(selected_text if chosen else text)
                painter.drawText(hex_rect.x(), y + ascent_pad, f"{value:02x}")
                painter.setPen(selected_text if chosen else (
                    text if 0x20 <= value < 0x7F else dim))
                painter.drawText(ascii_rect.x(), y + ascent_pad, _printable(value))
        painter.end()
