"""The stepping icons, drawn in the palette's text colour (sharp in light and dark themes)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPixmap, QPolygonF

SIZE = 32  # drawn at 32 px and scaled down by Qt: crisp at 16-24 px and at 2x


def _triangle(painter: QPainter, x: float, pointing_right: bool, width: float = 10.0) -> None:
    top, bottom, middle = 7.0, 25.0, 16.0
    if pointing_right:
        points = [QPointF(x, top), QPointF(x + width, middle), QPointF(x, bottom)]
    else:
        points = [QPointF(x + width, top), QPointF(x, middle), QPointF(x + width, bottom)]
    painter.drawPolygon(QPolygonF(points))


def _bar(painter: QPainter, x: float, width: float = 3.0) -> None:
    path = QPainterPath()
    path.addRoundedRect(QRectF(x, 7.0, width, 18.0), 1.0, 1.0)
    painter.drawPath(path)


def _draw_first(p: QPainter) -> None:
    _bar(p, 5)
    _triangle(p, 9, False)
    _triangle(p, 18, False)


def _draw_previous(p: QPainter) -> None:
    _triangle(p, 8, False, 12)
    _bar(p, 22)


def _draw_play(p: QPainter) -> None:
    _triangle(p, 10, True, 14)


def _draw_pause(p: QPainter) -> None:
    _bar(p, 10, 4.5)
    _bar(p, 18, 4.5)


def _draw_next(p: QPainter) -> None:
    _bar(p, 7)
    _triangle(p, 12, True, 12)


def _draw_last(p: QPainter) -> None:
    _triangle(p, 4, True)
    _triangle(p, 13, True)
    _bar(p, 24)


DRAWINGS: dict[str, Callable[[QPainter], None]] = {
    "first": _draw_first,
    "previous": _draw_previous,
    "play": _draw_play,
    "pause": _draw_pause,
    "next": _draw_next,
    "last": _draw_last,
}


def icon(name: str, color: QColor, disabled: QColor) -> QIcon:
    """The icon ``name`` in ``color`` (and ``disabled`` for its disabled state)."""
    result = QIcon()
    for mode, tint in ((QIcon.Mode.Normal, color), (QIcon.Mode.Disabled, disabled)):
        pixmap = QPixmap(SIZE, SIZE)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(tint)
        DRAWINGS[name](painter)
        painter.end()
        result.addPixmap(pixmap, mode)
    return result


#: The application's id: the .desktop file, AppStream metainfo and icon name (packaging/).
APP_ID = "io.github.ikeviz.ikeviz"
APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """The application icon (``resources/icons/ikeviz-*.png``, from ``ikeviz.svg``).

    Built from the PNG sizes, so it needs no SVG plugin; an empty icon when the
    files are missing (the window then keeps the platform's default).
    """
    from ikeviz.scenario.resources import resources_dir

    folder = resources_dir() / "icons"
    result = QIcon()
    for size in APP_ICON_SIZES:
        path = folder / f"ikeviz-{size}.png"
        if path.is_file():
            result.addFile(str(path))
    return result
