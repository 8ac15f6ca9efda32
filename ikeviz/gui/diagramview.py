"""The sequence diagram in the centre of the window.

It paints the document's :class:`~ikeviz.render.diagram.Diagram` with
:func:`ikeviz.render.painter.paint_diagram`, the same code that writes the
exported figures, straight onto the widget (so it is as sharp as the screen
allows, high-DPI included). Zooming changes the theme's base font size, so
the text is laid out and rendered at the size it is shown, never scaled as a
bitmap. A click on an arrow selects that row; the rows after the current step
are laid out but not drawn.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QMenu, QScrollArea, QSizePolicy, QWidget

from ikeviz.gui.document import Document
from ikeviz.render import painter as render_painter
from ikeviz.render.diagram import Diagram, RowKind
from ikeviz.render.painter import LIGHT, Theme, diagram_size, paint_diagram

BASE_FONT = 15.0
MIN_ZOOM, MAX_ZOOM = 0.4, 3.0  # Fit to Width stops at 0.5 (mainwindow.FIT_MIN_ZOOM)
ZOOM_STEP = 1.15
# Wider than its natural width when the window allows, up to this much: arrows long
# enough to read, lifelines not lost at the window's edges.
MAX_STRETCH = 1.35
MIN_SQUEEZE = 0.75


def row_spans(diagram: Diagram, theme: Theme, width: float) -> list[tuple[float, float]]:
    """The vertical extent (top, bottom) of each row as the painter lays it out."""
    public = getattr(render_painter, "row_bounds", None)
    if callable(public):  # a public hit-test of the renderer, when it has one
        rects = public(diagram, theme, width)
        return [(r.top(), r.bottom()) for r in rects]
    layout = render_painter._layout(diagram, theme, width)  # noqa: SLF001
    return [(box.top, box.bottom) for box in layout.rows]


class DiagramCanvas(QWidget):
    """The painted diagram, as large as it needs (the scroll area scrolls it)."""

    rowClicked = Signal(int)
    painted = Signal()

    def __init__(self, view: DiagramView) -> None:
        super().__init__(view)
        self.view = view
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.paint_ms = 0.0
        self.paint_count = 0
        self.last_paint_end = 0.0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        started = time.perf_counter()
        view = self.view
        painter = QPainter(self)
        try:
            diagram = view.diagram
            rect = QRectF(0, 0, self.width(), self.height())
            if diagram is None:
                painter.fillRect(rect, QColor(view.theme.background))
                painter.setPen(QColor(view.theme.failure))
                font = painter.font()
                font.setPixelSize(round(view.theme.font_size))
                painter.setFont(font)
                text = view.document.error or self.tr("Nothing to show")
                painter.drawText(rect.adjusted(24, 24, -24, -24),
                                 int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                                 | int(Qt.TextFlag.TextWordWrap),
                                 self.tr("This scenario cannot run:\n\n{error}").format(
                                     error=text))
            else:
                x = view.diagram_left()
                painter.fillRect(rect, QColor(view.theme.background))
                target = QRectF(x, 0, view.diagram_width(), self.height())
                paint_diagram(painter, diagram, target, theme=view.theme,
                              step=view.document.step, highlight=view.highlight_row())
                self._paint_step_marker(painter, x)
        finally:
            painter.end()
        self.last_paint_end = time.perf_counter()
        self.paint_ms = (self.last_paint_end - started) * 1000.0
        self.paint_count += 1
        self.painted.emit()

    def _paint_step_marker(self, painter: QPainter, x: float) -> None:
        """A bar in the left margin beside the current step's row (when not selected)."""
        document = self.view.document
        step_row = document.step - 1
        diagram = self.view.diagram
        if step_row < 0 or step_row == document.selected_row or diagram is None or \
                diagram.rows[step_row].kind is RowKind.GHOST:
            return
        spans = self.spans()
        if step_row >= len(spans):
            return
        top, bottom = spans[step_row]
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(accent, 4.0)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(QRectF(x + 3, top + 4, 0, 0).topLeft(),
                         QRectF(x + 3, bottom - 4, 0, 0).topLeft())
        painter.restore()

    def spans(self) -> list[tuple[float, float]]:
        if self.view.diagram is None:
            return []
        return self.view.layout_at(self.view.diagram_width())[1]

    def row_at(self, point: QPoint) -> int:
        """The revealed row under ``point``, or -1."""
        diagram = self.view.diagram
        if diagram is None:
            return -1
        x = point.x() - self.view.diagram_left()
        if not 0 <= x <= self.view.diagram_width():
            return -1
        for index, (top, bottom) in enumerate(self.spans()):
            if index >= self.view.document.step:
                break
            if top <= point.y() < bottom:
                return index
        return -1

    def row_center(self, row: int) -> QPoint:
        spans = self.spans()
        if not 0 <= row < len(spans):
            return QPoint(0, 0)
        top, bottom = spans[row]
        return QPoint(int(self.view.diagram_left() + self.view.diagram_width() / 2),
                      int((top + bottom) / 2))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            row = self.row_at(event.position().toPoint())
            if row >= 0:
                self.rowClicked.emit(row)
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        row = self.row_at(event.position().toPoint())
        diagram = self.view.diagram
        if row >= 0 and diagram is not None:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            r = diagram.rows[row]
            tip = f"{r.label}: {r.summary}" if r.kind is not RowKind.TIMEOUT else r.note
            if r.note and r.kind is not RowKind.TIMEOUT:
                tip += f"\n{r.note_title}: {r.note}"
            self.setToolTip(tip + "\n" + self.tr("Click to inspect"))
        else:
            self.unsetCursor()
            self.setToolTip("")
        super().mouseMoveEvent(event)


class DiagramView(QScrollArea):
    """The scrollable, zoomable sequence diagram of a :class:`Document`."""

    zoomChanged = Signal(float)
    resized = Signal()  # the view itself (a dock moved or resized): Fit to Width again

    def __init__(self, document: Document, parent: QWidget | None = None, *,
                 theme: Theme = LIGHT) -> None:
        super().__init__(parent)
        self.setObjectName("diagramView")
        self.document = document
        self.base_theme: Theme = theme
        self.zoom = 1.0
        self.theme = self.base_theme.with_font_size(BASE_FONT)
        self._natural = 600.0
        self._height = 400.0
        self._cache: dict[tuple[object, ...], object] = {}
        self._cache_diagram: Diagram | None = None
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Always there: a diagram that grows past the window's height does not narrow the
        # viewport (and lay the diagram out and paint it a second time).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.canvas = DiagramCanvas(self)
        self.canvas.rowClicked.connect(self._row_clicked)
        self.setWidget(self.canvas)
        document.resultChanged.connect(self._diagram_changed)
        document.stepChanged.connect(self._step_changed)
        document.selectionChanged.connect(self._selection_changed)
        self._diagram_changed()

    # --- what it shows ----------------------------------------------------------------

    @property
    def diagram(self) -> Diagram | None:
        return self.document.diagram

    def highlight_row(self) -> int | None:
        row = self.document.selected_row
        return row if row >= 0 else None

    def set_theme(self, theme: Theme) -> None:
        if theme == self.base_theme and self.theme.name == theme.name:
            return
        self.base_theme = theme
        self._apply_zoom(self.zoom)

    def set_zoom(self, zoom: float) -> None:
        self._apply_zoom(zoom)

    def zoom_in(self) -> None:
        self._apply_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._apply_zoom(self.zoom / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self._apply_zoom(1.0)

    def _apply_zoom(self, zoom: float, anchor: QPoint | None = None) -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        old_height = max(self._height, 1.0)
        rel_y = (self.verticalScrollBar().value() + (anchor.y() if anchor else 0)) / old_height
        changed = abs(zoom - self.zoom) > 1e-6
        self.zoom = zoom
        self.theme = self.base_theme.with_font_size(round(BASE_FONT * zoom, 2))
        self._resize_canvas()
        if changed:
            self.verticalScrollBar().setValue(int(rel_y * self._height - (anchor.y() if anchor
                                                                           else 0)))
            self.zoomChanged.emit(zoom)

    def diagram_width(self) -> float:
        """The width the diagram is laid out at: the window's, within limits.

        Wider than its natural width when the window allows (up to MAX_STRETCH),
        narrower when it must (down to MIN_SQUEEZE: the payload summaries are then
        shortened); a horizontal scroll bar only below that.
        """
        available = float(self.viewport().width())
        natural = self._natural
        if available >= natural:
            return min(available, natural * MAX_STRETCH)
        return max(available, natural * MIN_SQUEEZE)

    def diagram_left(self) -> float:
        """Where the diagram starts: centred when the window is wider than it."""
        return max(0.0, (self.canvas.width() - self.diagram_width()) / 2)

    def natural_width(self, theme: Theme | None = None) -> float:
        """The diagram's natural width with ``theme`` (default: the current one), cached."""
        diagram = self.diagram
        if diagram is None:
            return 600.0
        theme = theme or self.theme
        self._check_cache(diagram)
        key = ("natural", theme)
        if key not in self._cache:
            self._cache[key] = float(diagram_size(diagram, theme).width())
        return float(self._cache[key])  # type: ignore[arg-type]

    def layout_at(self, width: float) -> tuple[float, list[tuple[float, float]]]:
        """(height, row spans) of the diagram laid out at ``width``, cached."""
        diagram = self.diagram
        if diagram is None:
            return 300.0, []
        self._check_cache(diagram)
        key = ("layout", self.theme, round(width, 2))
        if key not in self._cache:
            height = float(diagram_size(diagram, self.theme, width).height())
            self._cache[key] = (height, row_spans(diagram, self.theme, width))
        return self._cache[key]  # type: ignore[return-value]

    def _check_cache(self, diagram: Diagram) -> None:
        if diagram is not self._cache_diagram:
            self._cache_diagram = diagram
            self._cache.clear()

    def _diagram_changed(self) -> None:
        self._resize_canvas()
        if self.canvas.isVisible():
            # Now, before the panels update: the new diagram is what the user waits for.
            self.canvas.repaint()

    def _selection_changed(self, row: int) -> None:
        self.canvas.update()
        if row >= 0:
            self.ensure_row_visible(row)

    def _step_changed(self, _step: int) -> None:
        self.canvas.update()
        self.ensure_row_visible(self.document.step - 1)

    def _resize_canvas(self) -> None:
        if not self.isVisible():
            return  # sized when shown: the docks around it change its width until then
        self._natural = self.natural_width()
        width = self.diagram_width()
        self._height = self.layout_at(width)[0] if self.diagram is not None else 300.0
        canvas_width = max(width, float(self.viewport().width()))
        size = QSize(int(canvas_width), int(max(self._height, self.viewport().height())))
        if size != self.canvas.size():
            self.canvas.resize(size)
        self.canvas.update()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._resize_canvas()
        if event.size().width() != event.oldSize().width():
            self.resized.emit()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._resize_canvas()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(int(self._natural) + 24, 600)

    def ensure_row_visible(self, row: int) -> None:
        spans = self.canvas.spans()
        if 0 <= row < len(spans):
            top, bottom = spans[row]
            self.ensureVisible(int(self.diagram_left() + self.diagram_width() / 2),
                               int((top + bottom) / 2), 10, int((bottom - top) / 2 + 40))

    # --- input --------------------------------------------------------------------------

    def _row_clicked(self, row: int) -> None:
        self.document.set_selected_row(row)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self._apply_zoom(self.zoom * (ZOOM_STEP ** steps),
                                 anchor=event.position().toPoint())
            event.accept()
            return
        super().wheelEvent(event)

    def contextMenuEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        menu = QMenu(self)
        copy = menu.addAction(self.tr("Copy Diagram as Image"))
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.triggered.connect(self.copy_image)
        menu.addSeparator()
        menu.addAction(self.tr("Zoom In"), self.zoom_in)
        menu.addAction(self.tr("Zoom Out"), self.zoom_out)
        menu.addAction(self.tr("Actual Size"), self.zoom_reset)
        menu.exec(event.globalPos())

    def render_image(self, scale: float = 2.0) -> QImage:
        """The diagram (up to the current step) as an image, at ``scale`` device pixels."""
        diagram = self.diagram
        if diagram is None:
            return QImage()
        width = self.diagram_width()
        size = diagram_size(diagram, self.theme, width)
        image = QImage(int(size.width() * scale), int(size.height() * scale),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(scale)
        painter = QPainter(image)
        try:
            paint_diagram(painter, diagram, QRectF(0, 0, size.width(), size.height()),
                          theme=self.theme, step=self.document.step)
        finally:
            painter.end()
        return image

    def copy_image(self) -> None:
        QGuiApplication.clipboard().setImage(self.render_image())
