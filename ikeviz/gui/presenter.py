"""Presenter mode: the diagram full screen, in large type and high contrast, for a class.

:func:`start_presenter` opens a :class:`PresenterWindow` on the main window's document
and step (on a second screen, the projector, when there is one); the editors stay in
the main window. The keys are those of a presentation remote:

- Page Down, Right, Down, Space, Enter: next; Page Up, Left, Up, Backspace: previous;
  Home / End: the start / the whole negotiation;
- B or "." : a black screen (again, or any stepping key, brings the picture back);
- Q: the quiz (:mod:`ikeviz.gui.presenter_model`): before each message the class is
  asked whether it will succeed, the next key gives the answer, the next the message;
- I: the trainer's window, the message inspector of the current message
  (:class:`TrainerWindow`), on the main window's screen;
- + / - / 0: larger, smaller, the default size; F5 and Shift+F5 are ignored;
- Esc: back to the main window, at the step reached.

The current message carries a red laser spot with a glow along its arrow. The diagram
is drawn by :func:`ikeviz.render.painter.paint_diagram`, the figures' own painter, with
the high-contrast :data:`PRESENTER` theme, scaled as a whole so lines grow with the text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEasingCurve,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QRadialGradient,
    QShortcut,
)
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ikeviz.diagnosis.diagnose import message_name
from ikeviz.gui.document import Document
from ikeviz.gui.presenter_model import Card, CardKind, Phase, PresenterModel
from ikeviz.render import painter as render_painter
from ikeviz.render.diagram import Diagram, Direction, Row, RowKind
from ikeviz.render.painter import Theme, diagram_size, paint_diagram
from ikeviz.scenario.model import Side

if TYPE_CHECKING:
    from ikeviz.gui.mainwindow import MainWindow

# High contrast for a projector: white on black, saturated red and green, no pale greys.
PRESENTER = Theme(
    name="presenter",
    background="#000000",
    text="#ffffff",
    muted="#e6e6e6",
    lifeline="#bdbdbd",
    header_fill="#10213d",
    header_border="#9cc8ff",
    arrow="#ffffff",
    failure="#ff5252",
    success="#69f0ae",
    faded="#9e9e9e",
    band1="#0b1930",
    band2="#0b2614",
    band_text="#a8d4ff",
    pill_fill="#000000",
    pill_border="#e0e0e0",
    pill_text="#ffffff",
    highlight="#242424",
    note_fill="#3d0b0b",
    font_size=16.0,
)

BASE_FONT = 16.0  # the theme's size; the whole picture is scaled from it
LINES_PER_SCREEN = 33.0  # the base font is the screen's height / this: 33 px at 1080
MIN_WIDTH_SHARE = 0.85  # of the natural width, before the summaries get shortened
LASER = QColor("#ff1f1f")
CARD_COLORS = {
    CardKind.QUESTION: "#ffd600",
    CardKind.SUCCESS: "#69f0ae",
    CardKind.FAILURE: "#ff5252",
    CardKind.ARRIVES: "#80d8ff",
}
LASER_MS = 650

NEXT_KEYS = {Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space,
             Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_N}
PREVIOUS_KEYS = {Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Backspace,
                 Qt.Key.Key_P}
BLACK_KEYS = {Qt.Key.Key_B, Qt.Key.Key_Period}
# What a presentation remote sends, taken before the trainer's inspector sees them.
REMOTE_KEYS = (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_B, Qt.Key.Key_Period,
               Qt.Key.Key_Escape, Qt.Key.Key_F5, Qt.Key.Key_Q, Qt.Key.Key_I)


@dataclass(frozen=True)
class Frame:
    """Where things go for one window size: the scale, the scroll, the areas (pixels)."""

    scale: float
    logical_width: float  # the width the diagram is laid out at, before scaling
    content_height: float  # the scaled diagram's height
    area_height: float  # above the footer
    footer_height: float
    scroll: float
    card_rect: QRectF | None


def _wrap(font: QFont, text: str, width: float) -> list[str]:
    """Greedy word wrap into lines no wider than ``width``."""
    metrics = QFontMetricsF(font)
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and metrics.horizontalAdvance(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines or [""]


def _to_front(window: QWidget) -> None:
    """Raise and activate a top-level window (the offscreen platform cannot raise one)."""
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        window.raise_()
    window.activateWindow()


def _font(size: float, *, bold: bool = False) -> QFont:
    font = QFont(PRESENTER.font_family)
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font


class PresenterWindow(QWidget):
    """The full-screen diagram of a :class:`Document`, stepped with a remote's keys."""

    changed = Signal()  # the step, the quiz phase, the black screen or the quiz changed
    finished = Signal(int)  # left presenter mode, at this step

    def __init__(self, document: Document, parent: QWidget | None = None, *,
                 quiz: bool = False) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenterWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.BlankCursor)  # no mouse pointer on the projector
        self.document = document
        self.theme = PRESENTER
        self.zoom = 1.0
        self.model = PresenterModel(document.diagram, document.diagnosis, document.step,
                                    quiz=quiz)
        self.trainer: TrainerWindow | None = None
        self.laser_progress = 1.0
        self.animate = True
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setDuration(LASER_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._laser_moved)
        self._natural: tuple[object, float] | None = None
        self._unspoiled: tuple[object, Diagram] | None = None
        self._finished = False
        document.stepChanged.connect(self._document_step)
        document.resultChanged.connect(self._document_result)
        self._update_title()

    # --- what it shows ----------------------------------------------------------------

    @property
    def diagram(self) -> Diagram | None:
        return self.model.diagram

    def spoiler_free(self) -> bool:
        """Whether the quiz hides the failure still: what the painter draws in advance
        (the refused cross on the message before the failure, the dashed lifelines of
        what never came) is left out until the failing message is revealed."""
        diagram = self.diagram
        return (self.model.quiz and diagram is not None and diagram.failing_row is not None
                and self.model.step <= diagram.failing_row)

    def shown_diagram(self) -> Diagram | None:
        """The diagram as drawn now (see :meth:`spoiler_free`)."""
        diagram = self.diagram
        if diagram is None or not self.spoiler_free():
            return diagram
        if self._unspoiled is None or self._unspoiled[0] is not diagram:
            failing = diagram.failing_row if diagram.failing_row is not None else 0
            rows = tuple(replace(r, refused=False, mark=None) if r.index < failing else r
                         for r in diagram.rows if r.kind is not RowKind.GHOST)
            bands = tuple(b for b in diagram.bands if b.first < len(rows))
            self._unspoiled = (diagram, replace(diagram, rows=rows, bands=bands))
        return self._unspoiled[1]

    def _update_title(self) -> None:
        self.setWindowTitle(self.tr("Presenter mode - {name}").format(
            name=self.document.display_name))

    def _natural_width(self, diagram: Diagram) -> float:
        if self._natural is None or self._natural[0] is not diagram:
            width = float(diagram_size(diagram, self.theme.with_font_size(BASE_FONT)).width())
            self._natural = (diagram, width)
        return self._natural[1]

    def scale_for(self, size: QSize) -> float:
        """The scale of the picture: the base font at the screen's height / 36, narrower
        only when the diagram would not fit across."""
        diagram = self.diagram
        target = size.height() / LINES_PER_SCREEN / BASE_FONT
        if diagram is None:
            return max(0.5, target * self.zoom)
        natural = self._natural_width(diagram)
        fit = size.width() / (natural * MIN_WIDTH_SHARE)
        most = size.width() / (natural * 0.7)  # zoomed in: shorter summaries, never cut
        return max(0.5, min(min(target, fit) * self.zoom, most))

    def base_font_pixels(self, size: QSize | None = None) -> float:
        """The diagram's base font size on screen, in pixels."""
        return BASE_FONT * self.scale_for(size or self.size())

    def frame(self, size: QSize) -> Frame:
        """The scale, the scroll and the card's place for a window of ``size``."""
        k = self.scale_for(size)
        width, height = float(size.width()), float(size.height())
        footer = max(36.0, round(height * 0.062))
        area = height - footer
        diagram = self.shown_diagram()
        card = self.model.card()
        card_rect = self._card_rect(card, width, area, height) if card is not None else None
        if diagram is None:
            return Frame(k, width / k, 0.0, area, footer, 0.0, card_rect)
        logical = width / k
        layout = render_painter._layout(diagram, self.theme, logical)  # noqa: SLF001
        content = layout.height * k
        room = area - (card_rect.height() + height * 0.03 if card_rect is not None else 0.0)
        top = bottom = None
        row = self.model.current_row()
        if self.model.phase is not Phase.SHOW:
            row = self.model.pending - 1
        if row is not None and 0 <= row < len(layout.rows):
            box = layout.rows[row]
            top, bottom = box.strip_top, box.bottom
            if self.model.phase is Phase.SHOW:
                for note in layout.notes:
                    if note.row == row:
                        top = min(top, note.rect.top())
                        bottom = max(bottom, note.rect.bottom())
                if self.model.step >= len(diagram.rows):
                    bottom = max(bottom, layout.verdict_rect.bottom() + layout.margin)
        scroll = 0.0
        if top is not None and bottom is not None:
            margin = BASE_FONT * k * 1.5  # clear of the gateways' names' strip
            scroll = max(0.0, bottom * k + margin - room)
            scroll = min(scroll, max(0.0, top * k - margin))
            limit = max(0.0, content - area) + (area - room)
            scroll = min(scroll, limit)
        return Frame(k, logical, content, area, footer, scroll, card_rect)

    # --- painting ---------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        try:
            self.paint(painter, self.size())
        finally:
            painter.end()

    def render_image(self, size: QSize | None = None) -> QImage:
        """The presenter's picture at ``size`` (default: the window's), as shown."""
        size = size or self.size()
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(QColor("#000000"))
        painter = QPainter(image)
        try:
            self.paint(painter, size)
        finally:
            painter.end()
        return image

    def paint(self, painter: QPainter, size: QSize) -> None:
        rect = QRectF(0, 0, size.width(), size.height())
        painter.fillRect(rect, QColor(self.theme.background))
        if self.model.black:
            painter.fillRect(rect, QColor("#000000"))
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        frame = self.frame(size)
        diagram = self.shown_diagram()
        painter.save()
        painter.setClipRect(QRectF(0, 0, rect.width(), frame.area_height))
        if diagram is None:
            self._paint_error(painter, rect, frame)
        else:
            k = frame.scale
            painter.save()
            painter.translate(0, -frame.scroll)
            painter.scale(k, k)
            layout_height = frame.content_height / k
            paint_diagram(painter, diagram, QRectF(0, 0, frame.logical_width, layout_height),
                          theme=self.theme, step=self.model.step,
                          highlight=self.model.current_row())
            painter.restore()
            layout = render_painter._layout(diagram, self.theme,  # noqa: SLF001
                                            frame.logical_width)
            if self.spoiler_free():
                self._extend_lifelines(painter, layout, frame)
            if self.model.phase is not Phase.SHOW:
                self._paint_pending(painter, diagram, layout, frame)
            row = self.model.current_row()
            if row is not None:
                self._paint_laser(painter, diagram.rows[row], layout, frame)
            self._paint_sticky_header(painter, diagram, layout, frame, rect.width())
        card = self.model.card()
        if card is not None and frame.card_rect is not None:
            self._paint_card(painter, card, frame.card_rect, rect.height())
        painter.restore()
        self._paint_footer(painter, rect, frame)

    def _paint_error(self, painter: QPainter, rect: QRectF, frame: Frame) -> None:
        font = _font(BASE_FONT * frame.scale, bold=True)
        painter.setFont(font)
        painter.setPen(QColor(self.theme.failure))
        text = self.tr("This scenario cannot run:\n\n{error}").format(
            error=self.document.error or self.tr("nothing to show"))
        margin = BASE_FONT * frame.scale
        painter.drawText(rect.adjusted(margin, margin, -margin, -margin),
                         int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                         | int(Qt.TextFlag.TextWordWrap), text)

    def _extend_lifelines(self, painter: QPainter, layout: Any, frame: Frame) -> None:
        """The lifelines down to the footer: their length must not tell how many
        messages there are before the quiz has asked."""
        k = frame.scale
        top = layout.lifeline_bottom * k - frame.scroll - 1.0  # no seam where they meet
        if top >= frame.area_height:
            return
        painter.save()
        painter.setPen(QPen(QColor(self.theme.lifeline), 2.0 * k))
        for side in (Side.LEFT, Side.RIGHT):
            x = self._x(layout, side) * k
            painter.drawLine(QPointF(x, top), QPointF(x, frame.area_height))
        painter.restore()

    @staticmethod
    def _x(layout: Any, side: Side) -> float:
        return float(layout.x_left if side is Side.LEFT else layout.x_right)

    def _paint_laser(self, painter: QPainter, row: Row, layout: Any, frame: Frame) -> None:
        """A red laser spot on the current message, with a glow along its arrow."""
        k = frame.scale
        box = layout.rows[row.index]
        y = box.arrow_y * k - frame.scroll
        x_from = self._x(layout, row.sender) * k
        radius = BASE_FONT * k * 0.95
        painter.save()
        if row.direction is None:  # a timeout: the spot on the side that gave up
            spot = QPointF(x_from, y)
        else:
            x_to = self._x(layout, row.sender.other) * k
            sign = 1.0 if row.direction is Direction.LEFT_TO_RIGHT else -1.0
            end = x_to - sign * BASE_FONT * k * 2.2
            x = x_from + (end - x_from) * self.laser_progress
            for width, alpha in ((radius * 0.95, 50), (radius * 0.6, 80), (radius * 0.3, 130)):
                glow = QColor(LASER)
                glow.setAlpha(alpha)
                pen = QPen(glow, width)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                painter.setPen(pen)
                painter.drawLine(QPointF(x_from, y), QPointF(x, y))
            spot = QPointF(x, y)
        outer = radius * 1.25
        gradient = QRadialGradient(spot, outer)
        gradient.setColorAt(0.0, QColor(255, 245, 245, 255))
        gradient.setColorAt(0.22, QColor(255, 60, 60, 255))
        gradient.setColorAt(0.5, QColor(255, 30, 30, 170))
        gradient.setColorAt(1.0, QColor(255, 0, 0, 0))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(gradient)
        painter.drawEllipse(spot, outer, outer)
        painter.restore()

    def _paint_pending(self, painter: QPainter, diagram: Diagram, layout: Any,
                       frame: Frame) -> None:
        """Where the message asked about will appear: a dashed arrow and a "?"."""
        index = self.model.pending - 1
        if not 0 <= index < len(diagram.rows):
            return
        row = diagram.rows[index]
        card = self.model.card()
        color = QColor(CARD_COLORS[card.kind] if card is not None else "#ffd600")
        k = frame.scale
        box = layout.rows[index]
        y = box.arrow_y * k - frame.scroll
        if row.direction is None:
            return
        x_from = self._x(layout, row.sender) * k
        x_to = self._x(layout, row.sender.other) * k
        sign = 1.0 if row.direction is Direction.LEFT_TO_RIGHT else -1.0
        head = BASE_FONT * k * 0.8
        painter.save()
        pen = QPen(color, max(3.0, k * 2.5), Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(x_from + sign * 3, y), QPointF(x_to - sign * head, y))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPolygon(QPolygonF([QPointF(x_to - sign * 3, y),
                                       QPointF(x_to - sign * head, y - head * 0.5),
                                       QPointF(x_to - sign * head, y + head * 0.5)]))
        font = _font(BASE_FONT * k * 1.6, bold=True)
        metrics = QFontMetricsF(font)
        mark = "?" if card is None or card.kind is CardKind.QUESTION else (
            "\u2717" if card.kind is CardKind.FAILURE else "\u2713")
        text = f"{card.label if card is not None else ''} {mark}".strip()
        painter.setFont(font)
        painter.setPen(color)
        painter.drawText(QPointF((x_from + x_to) / 2 - metrics.horizontalAdvance(text) / 2,
                                 y - metrics.descent() - BASE_FONT * k * 0.3), text)
        painter.restore()

    def _paint_sticky_header(self, painter: QPainter, diagram: Diagram, layout: Any,
                             frame: Frame, width: float) -> None:
        """The gateways' names over their lifelines once their headers scrolled away."""
        k = frame.scale
        header = layout.header_rect[Side.LEFT]
        if frame.scroll < header.center().y() * k:
            return
        font = _font(BASE_FONT * k * 0.9, bold=True)
        metrics = QFontMetricsF(font)
        height = metrics.height() * 1.5
        painter.save()
        painter.fillRect(QRectF(0, 0, width, height), QColor(self.theme.background))
        painter.setPen(QPen(QColor(self.theme.header_border), 2.0))
        painter.drawLine(QPointF(0, height), QPointF(width, height))
        painter.setFont(font)
        painter.setPen(QColor(self.theme.text))
        for side in (Side.LEFT, Side.RIGHT):
            name = diagram.lifeline(side).name
            x = self._x(layout, side) * k - metrics.horizontalAdvance(name) / 2
            x = max(BASE_FONT * k * 0.5, min(x, width - metrics.horizontalAdvance(name)
                                              - BASE_FONT * k * 0.5))
            painter.drawText(QPointF(x, height * 0.5 + (metrics.ascent() - metrics.descent())
                                     / 2), name)
        painter.restore()

    def _card_fonts(self, height: float) -> tuple[QFont, QFont]:
        unit = height / LINES_PER_SCREEN * self.zoom
        return _font(unit * 1.75, bold=True), _font(unit * 1.2)

    def _card_text(self, card: Card, width: float, height: float) -> tuple[
            list[str], list[tuple[str, bool]], float]:
        """The card's title lines, its body lines (each with whether a paragraph starts
        there) and its height."""
        title_font, body_font = self._card_fonts(height)
        inner = width * 0.86 - 2 * title_font.pixelSize()
        title = _wrap(title_font, card.title, inner)
        body: list[tuple[str, bool]] = []
        for line in card.lines:
            body.extend((text, i == 0) for i, text in enumerate(_wrap(body_font, line, inner)))
        line_height = QFontMetricsF(body_font).height()
        total = (len(title) * QFontMetricsF(title_font).height()
                 + len(body) * line_height + (len(card.lines) - 1) * line_height * 0.3
                 + title_font.pixelSize() * 1.8)
        return title, body, total

    def _card_rect(self, card: Card, width: float, area: float, height: float) -> QRectF:
        _title, _body, total = self._card_text(card, width, height)
        total = min(total, area * 0.8)
        card_width = width * 0.86
        return QRectF((width - card_width) / 2, area - total - area * 0.04, card_width, total)

    def _paint_card(self, painter: QPainter, card: Card, rect: QRectF, height: float) -> None:
        title_font, body_font = self._card_fonts(height)
        title, body, _total = self._card_text(card, rect.width() / 0.86, height)
        color = QColor(CARD_COLORS[card.kind])
        painter.save()
        path = QPainterPath()
        radius = title_font.pixelSize() * 0.5
        path.addRoundedRect(rect, radius, radius)
        painter.fillPath(path, QColor("#0d0d0d"))
        painter.setPen(QPen(color, max(4.0, title_font.pixelSize() * 0.1)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        x = rect.left() + title_font.pixelSize()
        y = rect.top() + title_font.pixelSize() * 0.8
        painter.setFont(title_font)
        painter.setPen(color)
        metrics = QFontMetricsF(title_font)
        for line in title:
            painter.drawText(QPointF(x, y + metrics.ascent()), line)
            y += metrics.height()
        y += title_font.pixelSize() * 0.2
        painter.setFont(body_font)
        painter.setPen(QColor("#ffffff"))
        metrics = QFontMetricsF(body_font)
        for index, (line, paragraph) in enumerate(body):
            if paragraph and index > 0:
                y += metrics.height() * 0.3
            if y + metrics.height() > rect.bottom():
                break
            painter.drawText(QPointF(x, y + metrics.ascent()), line)
            y += metrics.height()
        painter.restore()

    def step_text(self) -> str:
        """The footer's description of the step ("2 / 9 · Main Mode message 2")."""
        model = self.model
        diagram = self.diagram
        done, total = model.position()
        if diagram is None or model.step == 0:
            what = self.tr("Start")
        else:
            row = diagram.rows[model.step - 1]
            if row.kind is RowKind.GHOST:
                what = self.tr("After the failure: the messages that never came")
            elif row.kind is RowKind.TIMEOUT:
                what = self.tr("{side} gives up waiting for the answer to {message}").format(
                    side=diagram.lifeline(row.sender).name, message=row.label)
            elif row.label.startswith("INFO"):
                what = self.tr("Informational {notify}").format(notify=row.notify).strip()
            else:
                what = message_name(row.label)
                if row.retransmission:
                    what = self.tr("{message}, sent again ({count})").format(
                        message=what, count=row.retransmission)
        if model.quiz:  # how many messages there are would tell where it ends
            return self.tr("{done} \u00b7 {what}").format(done=done, what=what)
        return self.tr("{done} / {total} \u00b7 {what}").format(done=done, total=total,
                                                               what=what)

    def _paint_footer(self, painter: QPainter, rect: QRectF, frame: Frame) -> None:
        top = frame.area_height
        height = frame.footer_height
        bar = QRectF(0, top, rect.width(), height)
        painter.fillRect(bar, QColor("#141414"))
        painter.setPen(QPen(QColor("#5a5a5a"), 2.0))
        painter.drawLine(QPointF(0, top + 1), QPointF(rect.width(), top + 1))
        font = _font(height * 0.46, bold=True)
        small = _font(height * 0.32)
        pad = height * 0.4
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        metrics = QFontMetricsF(font)
        baseline = top + height / 2 + (metrics.ascent() - metrics.descent()) / 2
        text = self.step_text()
        text_width = metrics.horizontalAdvance(text)
        painter.drawText(QPointF(pad, baseline), text)
        right = rect.width() - pad
        if self.model.quiz:
            badge = self.tr("QUIZ")
            width = metrics.horizontalAdvance(badge)
            box = QRectF(right - width - pad, top + height * 0.14, width + pad,
                         height * 0.72)
            painter.fillRect(box, QColor(CARD_COLORS[CardKind.QUESTION]))
            painter.setPen(QColor("#000000"))
            painter.drawText(QPointF(box.left() + pad / 2, baseline), badge)
            right = box.left() - pad
        hint = self.tr("PgDn next \u00b7 PgUp back \u00b7 B black \u00b7 Q quiz \u00b7 "
                       "I inspector \u00b7 Esc exit")
        painter.setFont(small)
        small_metrics = QFontMetricsF(small)
        room = right - (pad + text_width + pad * 2)
        if room > small_metrics.horizontalAdvance(hint):
            painter.setPen(QColor("#b0b0b0"))
            small_base = top + height / 2 + (small_metrics.ascent()
                                             - small_metrics.descent()) / 2
            painter.drawText(QPointF(right - small_metrics.horizontalAdvance(hint),
                                     small_base), hint)

    # --- the document -------------------------------------------------------------------

    def _document_step(self, step: int) -> None:
        if step != self.model.step and self.model.set_step(step):
            self._after_change(animate=False)

    def _document_result(self) -> None:
        doc = self.document
        self.model.set_diagram(doc.diagram, doc.diagnosis, doc.step)
        self._update_title()
        self._after_change(animate=False)

    def _after_change(self, *, animate: bool, before: int | None = None) -> None:
        """Sync the document with the model's step, restart the laser, repaint."""
        step = self.model.step
        if self.document.step != step:
            self.document.set_step(step)
        if animate and self.animate and before is not None and step > before:
            self._animation.stop()
            self.laser_progress = 0.0
            self._animation.start()
        elif before is None or step != before:
            self._animation.stop()
            self.laser_progress = 1.0
        self.update()
        self.changed.emit()

    def _laser_moved(self, value: object) -> None:
        self.laser_progress = float(value)  # type: ignore[arg-type]
        self.update()

    def finish_animation(self) -> None:
        """The laser spot at its place at once (tests, screenshots)."""
        self._animation.stop()
        self.laser_progress = 1.0
        self.update()

    # --- keys -------------------------------------------------------------------------

    def next(self) -> None:
        before = self.model.step
        if self.model.next():
            self._after_change(animate=True, before=before)

    def previous(self) -> None:
        before = self.model.step
        if self.model.previous():
            self._after_change(animate=False, before=before)

    def first(self) -> None:
        before = self.model.step
        if self.model.first():
            self._after_change(animate=False, before=before)

    def last(self) -> None:
        before = self.model.step
        if self.model.last():
            self._after_change(animate=False, before=before)

    def toggle_black(self) -> None:
        self.model.toggle_black()
        self.update()
        self.changed.emit()

    def set_quiz(self, on: bool) -> None:
        self.model.set_quiz(on)
        self.update()
        self.changed.emit()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(0.5, min(2.0, zoom))
        self.update()

    def handle_key(self, event: QKeyEvent) -> bool:
        """Do what ``event``'s key does in presenter mode; False when it does nothing."""
        return self.handle(Qt.Key(event.key()))

    def handle(self, key: Qt.Key) -> bool:
        """Do what ``key`` does in presenter mode; False when it does nothing."""
        if key in NEXT_KEYS:
            self.next()
        elif key in PREVIOUS_KEYS:
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.first()
        elif key == Qt.Key.Key_End:
            self.last()
        elif key in BLACK_KEYS:
            self.toggle_black()
        elif key == Qt.Key.Key_Escape:
            self.close()
        elif key == Qt.Key.Key_Q:
            self.set_quiz(not self.model.quiz)
        elif key == Qt.Key.Key_I:
            self.toggle_trainer()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.set_zoom(self.zoom * 1.1)
        elif key == Qt.Key.Key_Minus:
            self.set_zoom(self.zoom / 1.1)
        elif key == Qt.Key.Key_0:
            self.set_zoom(1.0)
        elif key == Qt.Key.Key_F5:
            pass  # a remote's "start the show": it is on already
        else:
            return False
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if self.handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        """A remote in mouse mode: a left click goes on, a right click goes back."""
        if event.button() == Qt.MouseButton.LeftButton:
            self.next()
        elif event.button() == Qt.MouseButton.RightButton:
            self.previous()
        else:
            super().mousePressEvent(event)
            return
        event.accept()

    # --- the trainer's window ---------------------------------------------------------

    def toggle_trainer(self) -> None:
        if self.trainer is not None and self.trainer.isVisible():
            self.trainer.hide()
            self.activateWindow()
            return
        self.show_trainer()

    def show_trainer(self) -> TrainerWindow:
        if self.trainer is None:
            self.trainer = TrainerWindow(self)
            main = self.parentWidget()
            screen = main.screen() if main is not None else None
            if screen is not None:
                area = screen.availableGeometry()
                self.trainer.resize(min(1100, int(area.width() * 0.6)),
                                    min(850, int(area.height() * 0.8)))
                self.trainer.move(area.center() - self.trainer.rect().center())
        self.trainer.refresh()
        self.trainer.show()
        _to_front(self.trainer)
        return self.trainer

    # --- leaving ----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self._animation.stop()
        if self.trainer is not None:
            self.trainer.close()
        if not self._finished:
            self._finished = True
            try:
                self.document.stepChanged.disconnect(self._document_step)
                self.document.resultChanged.disconnect(self._document_result)
            except (RuntimeError, TypeError):
                pass
            self.finished.emit(self.model.step)
            main = self.parentWidget()
            if main is not None:
                _to_front(main)
                view = getattr(main, "view", None)
                if view is not None:
                    view.setFocus()
                    view.ensure_row_visible(self.model.step - 1)
        super().closeEvent(event)


class TrainerWindow(QWidget):
    """The trainer's window: the current message's inspector, and the quiz's answer
    before the class sees it. It follows the presenter; its keys step it too."""

    def __init__(self, presenter: PresenterWindow) -> None:
        super().__init__(presenter, Qt.WindowType.Window)
        self.setObjectName("trainerWindow")
        self.presenter = presenter
        self.setWindowTitle(self.tr("Presenter mode - the trainer's inspector"))
        self.header = QLabel(self)
        self.header.setObjectName("trainerHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.header.setFont(font)
        self.note = QLabel(self)
        self.note.setObjectName("trainerNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        from ikeviz.gui.inspector import Inspector

        self.inspector = Inspector(self)
        self.inspector.setObjectName("trainerInspector")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.header)
        layout.addWidget(self.note)
        layout.addWidget(self.inspector, 1)
        # The remote's keys step the presenter whichever of the inspector's views has the
        # focus (its tree would take Page Down and letters for itself).
        self.shortcuts: list[QShortcut] = []
        for key in REMOTE_KEYS:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda k=key: presenter.handle(k))
            self.shortcuts.append(shortcut)
        presenter.changed.connect(self.refresh)
        presenter.document.resultChanged.connect(self.refresh)
        presenter.document.displayChanged.connect(self.refresh)

    def shown_row(self) -> int:
        row = self.presenter.model.current_row()
        if row is None and self.presenter.model.step > 0:
            row = self.presenter.document.selected_row
        return row if row is not None else -1

    def refresh(self) -> None:
        presenter = self.presenter
        model = presenter.model
        self.header.setText(presenter.step_text())
        card = model.card()
        if card is not None:
            answer = model.answer_card(model.pending)
            text = self.tr("The class is asked: {question}").format(question=card.title)
            if answer is not None:
                text += "\n" + self.tr("Answer: {answer}").format(answer=answer.title)
                text += "".join(f"\n  {line}" for line in answer.lines)
            self.note.setText(text)
        elif model.black:
            self.note.setText(self.tr("The screen is black (B or . brings it back)."))
        else:
            self.note.setText(self.tr("Quiz on (Q turns it off)") if model.quiz else
                              self.tr("Quiz off (Q turns it on)"))
        doc = presenter.document
        found = doc.event_of_row(self.shown_row())
        if found is None or doc.run is None:
            if self.inspector.event_shown() is not None:
                self.inspector.clear()
        elif self.inspector.event_shown() is not found[1]:
            self.inspector.set_message(doc.run, found[1], reveal_secrets=doc.show_secrets)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if self.presenter.handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)


def start_presenter(main: MainWindow, *, quiz: bool = False) -> PresenterWindow:
    """Presenter mode on ``main``'s document, from its step: full screen on another
    screen than the main window's when there is one (the projector)."""
    for existing in main.findChildren(PresenterWindow):
        if existing.isVisible():
            _to_front(existing)
            return existing
    stop = getattr(main, "stop_playing", None)
    if callable(stop):
        stop()
    presenter = PresenterWindow(main.document, main, quiz=quiz)
    screens = QGuiApplication.screens()
    home = main.screen()
    target = next((s for s in screens if s is not home), home) if len(screens) > 1 else home
    if target is not None:
        presenter.setGeometry(target.geometry())
    presenter.showFullScreen()
    _to_front(presenter)
    presenter.setFocus()
    return presenter


__all__ = ["PRESENTER", "PresenterWindow", "TrainerWindow", "start_presenter"]
