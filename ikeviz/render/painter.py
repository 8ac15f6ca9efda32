"""Draw a :class:`~ikeviz.render.diagram.Diagram` with a ``QPainter``.

The same code paints the GUI's view and the exported figures (PNG, SVG, PDF):
every text is drawn as text (``QPainter.drawText``), so the SVG and PDF
exports keep it selectable and searchable. Sizes are in pixels of the
painter's logical coordinates, from the theme's base font size, so a figure
scales with it; the layout depends only on the diagram, the theme and the
width, never on the paint device (the same figure on screen and on paper).

Layout, top to bottom: the title; the two gateway headers (name, product,
address, initiator/responder) with their starting state; one row per message
(its label and payload summary above the arrow, the states each side is in
afterwards in small pills on the lifelines below it), the phase bands behind
the rows, their labels in a strip above their first row; the verdict. The
virtual time runs down the left margin; notes (the failure reason, a
timeout) stand in a column on the right, linked to their row.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from math import ceil

from PySide6.QtCore import QLineF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from ikeviz.i18n import translate
from ikeviz.render.diagram import Band, Diagram, Direction, Row, RowKind
from ikeviz.scenario.model import Side


@dataclass(frozen=True)
class Theme:
    """Colours (``#rrggbb`` or ``#aarrggbb``) and type of a diagram.

    ``print_mode``: no background fills (bands become rules, pills outlines),
    the failure shown by a thick line and a label, never by colour alone.
    """

    name: str
    background: str
    text: str
    muted: str
    lifeline: str
    header_fill: str
    header_border: str
    arrow: str
    failure: str
    success: str
    faded: str
    band1: str
    band2: str
    band_text: str
    pill_fill: str
    pill_border: str
    pill_text: str
    highlight: str
    note_fill: str
    print_mode: bool = False
    font_family: str = "DejaVu Sans"
    font_size: float = 16.0  # base size in pixels; everything else follows

    def with_font_size(self, size: float) -> Theme:
        return replace(self, font_size=size)

    def color(self, value: str) -> QColor:
        return QColor(value)


LIGHT = Theme(
    name="light",
    background="#ffffff",
    text="#1b1f24",
    muted="#57606a",
    lifeline="#8c959f",
    header_fill="#f1f4f8",
    header_border="#3d5a80",
    arrow="#24364b",
    failure="#c62828",
    success="#2e7d32",
    faded="#a3a9b0",
    band1="#eaf2fb",
    band2="#eaf6ec",
    band_text="#3d5a80",
    pill_fill="#ffffff",
    pill_border="#9aa7b4",
    pill_text="#3a4550",
    highlight="#fff3bf",
    note_fill="#fdecea",
)
DARK = Theme(
    name="dark",
    background="#1e2126",
    text="#e6e8eb",
    muted="#aab2bd",
    lifeline="#6b7480",
    header_fill="#2a2f37",
    header_border="#7fa7d6",
    arrow="#a9c7ec",
    failure="#ff6b6b",
    success="#6fcf7c",
    faded="#5c636d",
    band1="#232c38",
    band2="#23302a",
    band_text="#9fbde3",
    pill_fill="#1e2126",
    pill_border="#5f6975",
    pill_text="#c9d1da",
    highlight="#3b3522",
    note_fill="#3a2326",
)
PRINT = Theme(
    name="print",
    background="#ffffff",
    text="#000000",
    muted="#333333",
    lifeline="#000000",
    header_fill="#ffffff",
    header_border="#000000",
    arrow="#000000",
    failure="#000000",
    success="#000000",
    faded="#8c8c8c",
    band1="",
    band2="",
    band_text="#000000",
    pill_fill="#ffffff",
    pill_border="#000000",
    pill_text="#000000",
    highlight="",
    note_fill="",
    print_mode=True,
)
THEMES = {t.name: t for t in (LIGHT, DARK, PRINT)}


# --- fonts and measures ------------------------------------------------------------


class _Fonts:
    def __init__(self, theme: Theme) -> None:
        base = theme.font_size
        self.base = base
        self.title = self._font(theme, base * 1.25, bold=True)
        self.name = self._font(theme, base * 1.15, bold=True)
        self.sub = self._font(theme, base * 0.85)
        self.label = self._font(theme, base, bold=True)
        self.summary = self._font(theme, base)
        self.small = self._font(theme, base * 0.78)
        self.small_bold = self._font(theme, base * 0.78, bold=True)
        self.small_italic = self._font(theme, base * 0.78, italic=True)
        self.note = self._font(theme, base * 0.85)
        self.note_bold = self._font(theme, base * 0.85, bold=True)
        self.verdict = self._font(theme, base * 0.95)
        self.verdict_bold = self._font(theme, base * 0.95, bold=True)

    @staticmethod
    def _font(theme: Theme, size: float, *, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont(theme.font_family)
        font.setPixelSize(max(1, round(size)))
        font.setBold(bold)
        font.setItalic(italic)
        font.setKerning(True)
        # No hinting: the same advances on screen, in a PNG, an SVG and a PDF.
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
        if hasattr(QFont, "Tag"):  # Qt 6.7+: no ligatures, so "Office" stays searchable
            for feature in ("liga", "clig"):
                font.setFeature(QFont.Tag(feature), 0)
        return font


def _width(font: QFont, text: str) -> float:
    return QFontMetricsF(font).horizontalAdvance(text)


def _line_height(font: QFont) -> float:
    return QFontMetricsF(font).height()


def _wrap(font: QFont, text: str, width: float) -> list[str]:
    """Greedy word wrap (breaking over-long words) into lines no wider than ``width``."""
    metrics = QFontMetricsF(font)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if metrics.horizontalAdvance(candidate) <= width or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
            while metrics.horizontalAdvance(line) > width and len(line) > 1:
                cut = len(line)
                while cut > 1 and metrics.horizontalAdvance(line[:cut]) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


# --- layout ------------------------------------------------------------------------


@dataclass
class _Note:
    row: int
    title: list[str]
    lines: list[str]
    rect: QRectF
    anchor_y: float


@dataclass
class _RowBox:
    top: float  # top of the row's own area (below any strip above it)
    label_y: float  # baseline-free: top of the label line
    arrow_y: float
    pill_y: float  # top of the state pills
    bottom: float
    strip_top: float  # top of the strips above it (separator, band label)
    separator: QRectF | None = None
    band_label: tuple[Band, QRectF] | None = None


@dataclass
class _Layout:
    width: float
    height: float
    margin: float
    time_right: float
    x_left: float
    x_right: float
    header_rect: dict[Side, QRectF]
    header_lines: dict[Side, list[tuple[QFont, str]]]
    title_y: float
    title_lines: list[str]
    initial_pill_y: float
    rows: list[_RowBox]
    notes: list[_Note]
    notes_x: float
    notes_width: float
    verdict_rect: QRectF
    verdict_lines: list[str]
    lifeline_top: float
    lifeline_bottom: float
    fonts: _Fonts
    label_pad: float = 0.0
    band_x: tuple[float, float] = (0.0, 0.0)
    extra: dict[str, float] = field(default_factory=dict)


def _header_lines(diagram: Diagram, side: Side, fonts: _Fonts) -> list[tuple[QFont, str]]:
    line = diagram.lifeline(side)
    return [
        (fonts.name, line.name),
        (fonts.sub, line.product),
        (fonts.sub, f"{line.address} · {role_text(line.role)}"),
    ]


def role_text(role: str) -> str:
    """ "initiator" / "responder" (a lifeline's role) in the user's language."""
    if role == "initiator":
        return translate("diagram", "initiator")
    if role == "responder":
        return translate("diagram", "responder")
    return role


def _label_parts(row: Row) -> tuple[str, str, str]:
    """(bold label, summary, tag) of an arrow row."""
    tag = ""
    if row.retransmission and row.kind is RowKind.MESSAGE:
        tag = translate("diagram", "retransmission {number}").format(number=row.retransmission)
    return row.label, row.summary, tag


FAILING_TAG = "✗ failure"


def failing_tag() -> str:
    """The tag beside the failing message ("✗ failure"), in the user's language."""
    return "✗ " + translate("diagram", "failure")


def _label_width(row: Row, fonts: _Fonts) -> float:
    label, summary, tag = _label_parts(row)
    width = _width(fonts.label, label) + fonts.base * 0.6 + _width(fonts.summary, summary)
    if row.encrypted:
        width += fonts.base * 1.2
    if tag:
        width += fonts.base * 0.8 + _width(fonts.small_italic, tag)
    if row.failing:
        width += fonts.base * 0.8 + _width(fonts.small_bold, failing_tag())
    return width


# The "x" on a refused or unusable message: on the arrow, this far (in base font sizes)
# before the arrowhead, with this radius; its halo is a few pixels wider.
CROSS_GAP = 1.0
CROSS_RADIUS = 0.42
CROSS_HALO = 3.25  # pixels: half the width of the background stroke under the "x"
ARROW_HEAD = 0.75


def _has_cross(row: Row) -> bool:
    return row.is_arrow and (row.mark is not None or (row.refused and not row.faded))


def _cross_clearance(f: float) -> float:
    """Half the room the "x" takes on the label line, with some air around it."""
    return CROSS_RADIUS * f + CROSS_HALO + 0.4 * f


def _cross_room(f: float) -> float:
    """How much more width a label needs between the lifelines when its row has an "x"
    (the label stays clear of it, at the receiver's end)."""
    from_lifeline = 3 + ARROW_HEAD * f + CROSS_GAP * f + _cross_clearance(f)
    return from_lifeline - f  # a label keeps 1 f from the lifeline anyway


def _pill_half(diagram: Diagram, side: Side, fonts: _Fonts) -> float:
    names = [diagram.lifeline(side).initial_state]
    names += [row.state(side) for row in diagram.rows if row.state(side)]
    return max(_width(fonts.small, name) for name in names) / 2 + fonts.base * 0.4


def _columns(diagram: Diagram, fonts: _Fonts, width: float | None) -> tuple[
        float, float, float, float, float, float]:
    """(width, time column, notes column, header width, left and right lifeline x)."""
    f = fonts.base
    margin = f
    time_w = _width(fonts.small, "000.000 s") + f * 0.8
    header_w = max(max(_width(font, text) for font, text in _header_lines(diagram, s, fonts))
                   for s in (Side.LEFT, Side.RIGHT)) + 2 * f
    notes = _has_notes(diagram)
    full_notes_w = 21 * f if notes else 0.0

    def parts(notes_w: float) -> tuple[float, float]:
        # The headers may reach over the time column and the notes column (they
        # are above both); the state pills must clear the times and the notes.
        left_pill = _pill_half(diagram, Side.LEFT, fonts)
        right_pill = _pill_half(diagram, Side.RIGHT, fonts)
        band_w = max((_width(fonts.small_bold, b.label) for b in diagram.bands if b.label),
                     default=0.0)
        left = max(margin + max(header_w / 2, time_w + 0.3 * f + left_pill),
                   margin * 0.5 + 0.6 * f + band_w + 0.8 * f)
        right = margin + max(header_w / 2, notes_w + 0.8 * f + right_pill if notes
                             else right_pill)
        return left, right

    widest = max((_label_width(r, fonts) + (_cross_room(f) if _has_cross(r) else 0.0)
                  for r in diagram.rows if r.is_arrow), default=20 * f)
    gap = max(widest + 4 * f, 32 * f, header_w + 4 * f)
    left_part, right_part = parts(full_notes_w)
    natural = ceil(left_part + gap + right_part)
    notes_w = full_notes_w
    if width is None or width <= 0:
        width = natural
    elif width < natural and notes:
        notes_w = max(12 * f, min(full_notes_w, width * 0.26))
        left_part, right_part = parts(notes_w)
    x_left = round(left_part)
    x_right = round(max(width - right_part, x_left + 8 * f))
    return width, time_w, notes_w, header_w, x_left, x_right


def _timeout_height(fonts: _Fonts) -> float:
    return _line_height(fonts.label) + fonts.base * 0.6


def _has_notes(diagram: Diagram) -> bool:
    return any(row.note for row in diagram.rows)


def _layout(diagram: Diagram, theme: Theme, width: float | None) -> _Layout:
    fonts = _Fonts(theme)
    f = fonts.base
    margin = f
    width, time_w, notes_w, header_w, x_left, x_right = _columns(diagram, fonts, width)
    y = margin
    title_y = y
    title_lines = _title_lines(diagram.title, fonts.title, width - 2 * margin)
    if title_lines:
        y += len(title_lines) * _line_height(fonts.title) + 0.6 * f
    header_lines = {s: _header_lines(diagram, s, fonts) for s in (Side.LEFT, Side.RIGHT)}
    header_h = max(sum(_line_height(font) for font, _ in lines) for lines in header_lines.values())
    header_h += 1.0 * f
    # Each header centred on its lifeline; when the lifelines are too close for that, the
    # two move apart (towards the margins) rather than overlap.
    overlap = max(0.0, header_w + 0.5 * f - (x_right - x_left))
    left_shift = min(overlap / 2, max(0.0, x_left - header_w / 2 - margin * 0.5))
    right_shift = min(overlap - left_shift,
                      max(0.0, width - margin * 0.5 - (x_right + header_w / 2)))
    left_shift = min(overlap - right_shift, max(0.0, x_left - header_w / 2 - margin * 0.5))
    header_rect = {
        Side.LEFT: QRectF(x_left - header_w / 2 - left_shift, y, header_w, header_h),
        Side.RIGHT: QRectF(x_right - header_w / 2 + right_shift, y, header_w, header_h),
    }
    y += header_h + 0.5 * f
    initial_pill_y = y
    pill_h = _line_height(fonts.small) + 0.35 * f
    y += pill_h + 0.5 * f
    lifeline_top = header_rect[Side.LEFT].bottom()

    band_starts = {b.first: b for b in diagram.bands if b.label}
    first_ghost = next((r.index for r in diagram.rows if r.kind is RowKind.GHOST), None)
    strip_h = _line_height(fonts.small_bold) + 0.5 * f
    label_h = _line_height(fonts.label)
    timeout_h = _timeout_height(fonts)
    rows: list[_RowBox] = []
    for row in diagram.rows:
        strip_top = y
        separator = None
        band_label = None
        if row.index == first_ghost:
            separator = QRectF(x_left, y, x_right - x_left, strip_h)
            y += strip_h
        if row.index in band_starts:
            band_label = (band_starts[row.index], QRectF(margin, y, width - 2 * margin, strip_h))
            y += strip_h
        top = y
        label_y = top + 0.35 * f
        # Whole pixels: crisp 2-pixel lines. A timeout's box is taller than an arrow.
        extra = 0.25 * f if row.kind is RowKind.TIMEOUT else 0.0
        arrow_y = float(round(label_y + label_h + 0.3 * f + extra))
        if row.kind is RowKind.TIMEOUT:
            pill_y = arrow_y + timeout_h / 2 + 0.3 * f
        else:
            pill_y = arrow_y + 0.45 * f
        bottom = pill_y + pill_h + 0.35 * f
        if row.kind is RowKind.GHOST:
            bottom = arrow_y + 0.9 * f  # no states: a compact row
        rows.append(_RowBox(top, label_y, arrow_y, pill_y, bottom, strip_top, separator,
                            band_label))
        y = bottom
    lifeline_bottom = y + 0.3 * f
    y = lifeline_bottom + 0.8 * f

    # Notes: in the right column, as near their row as the notes above allow.
    notes_x = width - margin - notes_w
    notes: list[_Note] = []
    note_text_w = notes_w - 1.2 * f
    last_bottom = 0.0
    for row in diagram.rows:
        if not row.note:
            continue
        box = rows[row.index]
        lines = _wrap(fonts.note, row.note, note_text_w)
        title = _wrap(fonts.note_bold, _note_title(row), note_text_w) if row.note_title else []
        h = (len(title) * _line_height(fonts.note_bold) + len(lines) * _line_height(fonts.note)
             + 0.9 * f)
        top = max(box.arrow_y - 0.9 * f, last_bottom + 0.5 * f)
        rect = QRectF(notes_x, top, notes_w, h)
        notes.append(_Note(row.index, title, lines, rect, box.arrow_y))
        last_bottom = rect.bottom()
    y = max(y, last_bottom + 0.8 * f)

    verdict_lines = _wrap(fonts.verdict, _verdict_text(diagram), width - 2 * margin - 2.6 * f)
    verdict_h = len(verdict_lines) * _line_height(fonts.verdict) + 1.0 * f
    verdict_rect = QRectF(margin, y, width - 2 * margin, verdict_h)
    height = ceil(verdict_rect.bottom() + margin)
    return _Layout(
        width=width, height=height, margin=margin, time_right=margin + time_w - 0.6 * f,
        x_left=x_left, x_right=x_right, header_rect=header_rect, header_lines=header_lines,
        title_y=title_y, title_lines=title_lines, initial_pill_y=initial_pill_y, rows=rows,
        notes=notes,
        notes_x=notes_x, notes_width=notes_w, verdict_rect=verdict_rect,
        verdict_lines=verdict_lines, lifeline_top=lifeline_top,
        lifeline_bottom=lifeline_bottom, fonts=fonts,
        band_x=(margin * 0.5, width - margin * 0.5),
    )


TITLE_LINES = 2  # a longer title is cut with an ellipsis at the end of the last line


def _title_lines(title: str, font: QFont, width: float) -> list[str]:
    """The title wrapped to ``width``, on at most TITLE_LINES lines (the last elided)."""
    if not title:
        return []
    if _width(font, title) <= width:
        return [title]
    lines = _wrap(font, title, width)
    if len(lines) > TITLE_LINES:
        rest = " ".join(lines[TITLE_LINES - 1:])
        lines = lines[:TITLE_LINES - 1] + [rest]
    metrics = QFontMetricsF(font)
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]


def _note_title(row: Row) -> str:
    return f"✗ {row.note_title}" if row.failing else row.note_title


def _verdict_text(diagram: Diagram) -> str:
    return diagram.verdict or (translate("diagram", "Established") if diagram.established
                               else translate("diagram", "Not completed"))


@dataclass(frozen=True)
class RowGeometry:
    """Where a row is drawn: its band of the figure and the height of its arrow."""

    index: int
    top: float
    arrow_y: float
    bottom: float


@dataclass(frozen=True)
class DiagramGeometry:
    """The figure's measures (for hit testing in the GUI, and for tests)."""

    width: float
    height: float
    left_x: float  # the lifelines
    right_x: float
    rows: tuple[RowGeometry, ...]

    def row_at(self, y: float) -> int | None:
        """The row under ``y`` (figure coordinates), or None."""
        for row in self.rows:
            if row.top <= y < row.bottom:
                return row.index
        return None


def diagram_geometry(diagram: Diagram, theme: Theme, width: float | None = None
                     ) -> DiagramGeometry:
    """Where :func:`paint_diagram` puts things, for the same diagram, theme and width."""
    layout = _layout(diagram, theme, width)
    return DiagramGeometry(
        width=layout.width,
        height=layout.height,
        left_x=layout.x_left,
        right_x=layout.x_right,
        rows=tuple(RowGeometry(i, box.top, box.arrow_y, box.bottom)
                   for i, box in enumerate(layout.rows)),
    )


def diagram_size(diagram: Diagram, theme: Theme, width: float | None = None) -> QSizeF:
    """The size to paint ``diagram`` at: ``width`` (or its natural width) by what it needs."""
    layout = _layout(diagram, theme, width)
    return QSizeF(layout.width, layout.height)


# --- painting ----------------------------------------------------------------------


def paint_diagram(
    painter: QPainter,
    diagram: Diagram,
    rect: QRectF,
    *,
    theme: Theme,
    step: int | None = None,
    highlight: int | None = None,
) -> None:
    """Paint ``diagram`` into ``rect``.

    ``step``: reveal rows 0..step-1 only (the rest is laid out but not drawn,
    so the figure does not move as a class steps through it); ``highlight``:
    the row drawn emphasised. The background is filled with the theme's.
    """
    _paint_diagram(painter, diagram, rect, theme, step, highlight)


def _paint_diagram(painter: QPainter, diagram: Diagram, rect: QRectF, theme: Theme,
                   step: int | None, highlight: int | None) -> None:
    layout = _layout(diagram, theme, rect.width())
    visible = len(diagram.rows) if step is None else max(0, min(step, len(diagram.rows)))
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.fillRect(rect, theme.color(theme.background))
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), max(rect.height(), layout.height)))
        _Painter(painter, diagram, layout, theme, visible, highlight).paint()
    finally:
        painter.restore()


def _without(top: float, bottom: float, gaps: list[tuple[float, float]]
             ) -> list[tuple[float, float]]:
    """The parts of [top, bottom] outside ``gaps`` (sorted, not overlapping)."""
    parts = []
    for gap_top, gap_bottom in sorted(gaps):
        if gap_bottom <= top or gap_top >= bottom:
            continue
        if gap_top > top:
            parts.append((top, gap_top))
        top = max(top, gap_bottom)
    if bottom > top:
        parts.append((top, bottom))
    return parts


class _Painter:
    def __init__(self, painter: QPainter, diagram: Diagram, layout: _Layout, theme: Theme,
                 visible: int, highlight: int | None) -> None:
        self.p = painter
        self.d = diagram
        self.lay = layout
        self.t = theme
        self.fonts = layout.fonts
        self.f = layout.fonts.base
        self.visible = visible
        self.highlight = highlight

    # helpers
    def color(self, value: str, alpha: float = 1.0) -> QColor:
        c = QColor(value)
        if alpha < 1.0:
            c.setAlphaF(alpha)
        return c

    def pen(self, value: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
        pen = QPen(self.color(value), width, style)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        return pen

    def text(self, font: QFont, color: str, x: float, top: float, text: str) -> float:
        """Draw one line of text with its top at ``top``; return its width."""
        if not text:
            return 0.0
        self.p.setFont(font)
        self.p.setPen(self.color(color))
        metrics = QFontMetricsF(font)
        self.p.drawText(QPointF(x, top + metrics.ascent()), text)
        return metrics.horizontalAdvance(text)

    def centered(self, font: QFont, color: str, cx: float, top: float, text: str) -> None:
        self.text(font, color, cx - _width(font, text) / 2, top, text)

    def x_of(self, side: Side) -> float:
        return self.lay.x_left if side is Side.LEFT else self.lay.x_right

    # the whole figure
    def paint(self) -> None:
        self.paint_bands()
        if self.highlight is not None and 0 <= self.highlight < self.visible:
            self.paint_highlight(self.highlight)
        self.paint_title()
        self.paint_lifelines()
        self.paint_headers()
        for row in self.d.rows[: self.visible]:
            self.paint_row(row)
        self.paint_notes()
        if self.visible >= len(self.d.rows):
            self.paint_verdict()

    def paint_title(self) -> None:
        y = self.lay.title_y
        for line in self.lay.title_lines:
            self.text(self.fonts.title, self.t.text, self.lay.margin, y, line)
            y += _line_height(self.fonts.title)

    def paint_bands(self) -> None:
        x0, x1 = self.lay.band_x
        for band in self.d.bands:
            if band.first >= self.visible:
                continue
            last = min(band.last, self.visible - 1)
            first_box, last_box = self.lay.rows[band.first], self.lay.rows[last]
            top = first_box.top
            if first_box.band_label is not None and first_box.band_label[0] == band:
                top = first_box.band_label[1].top()
            rect = QRectF(x0, top, x1 - x0, last_box.bottom - top)
            fill = self.t.band1 if band.phase == 1 else self.t.band2
            if fill and not self.t.print_mode:
                self.p.fillRect(rect, self.color(fill, 0.45 if band.faded else 1.0))
            else:
                # Print: a bracket in the left margin, no ink-wasting fill.
                color = self.t.faded if band.faded else self.t.band_text
                self.p.setPen(self.pen(color, 1.2, Qt.PenStyle.DashLine if band.faded
                                       else Qt.PenStyle.SolidLine))
                bx = x0 + 2
                tick = self.f * 0.4
                self.p.drawLine(QLineF(bx + tick, rect.top() + 2, bx, rect.top() + 2))
                self.p.drawLine(QLineF(bx, rect.top() + 2, bx, rect.bottom() - 2))
                self.p.drawLine(QLineF(bx, rect.bottom() - 2, bx + tick, rect.bottom() - 2))
            if first_box.band_label is not None and first_box.band_label[0] == band:
                label_rect = first_box.band_label[1]
                color = self.t.faded if band.faded else self.t.band_text
                self.text(self.fonts.small_bold, color, label_rect.left() + self.f * 0.6,
                          label_rect.top() + self.f * 0.3, band.label)

    def paint_highlight(self, index: int) -> None:
        box = self.lay.rows[index]
        rect = QRectF(self.lay.margin * 0.5, box.top, self.lay.notes_x - self.lay.margin,
                      box.bottom - box.top)
        if self.t.highlight and not self.t.print_mode:
            path = QPainterPath()
            path.addRoundedRect(rect, self.f * 0.3, self.f * 0.3)
            self.p.fillPath(path, self.color(self.t.highlight))
        else:
            self.p.setPen(self.pen(self.t.text, 1.5))
            self.p.setBrush(Qt.BrushStyle.NoBrush)
            self.p.drawRoundedRect(rect, self.f * 0.3, self.f * 0.3)

    def paint_lifelines(self) -> None:
        first_ghost = next((r.index for r in self.d.rows if r.kind is RowKind.GHOST), None)
        split = self.lay.lifeline_bottom
        if first_ghost is not None:
            split = self.lay.rows[first_ghost].strip_top
        for side in (Side.LEFT, Side.RIGHT):
            x = self.x_of(side)
            gaps = self.label_gaps(side)
            self.p.setPen(self.pen(self.t.lifeline, 2.0))
            for top, bottom in _without(self.lay.lifeline_top, split, gaps):
                self.p.drawLine(QLineF(x, top, x, bottom))
            if split < self.lay.lifeline_bottom:
                self.p.setPen(self.pen(self.t.faded, 2.0, Qt.PenStyle.DashLine))
                for top, bottom in _without(split, self.lay.lifeline_bottom, gaps):
                    self.p.drawLine(QLineF(x, top, x, bottom))

    def paint_headers(self) -> None:
        for side in (Side.LEFT, Side.RIGHT):
            rect = self.lay.header_rect[side]
            path = QPainterPath()
            path.addRoundedRect(rect, self.f * 0.4, self.f * 0.4)
            if not self.t.print_mode:
                self.p.fillPath(path, self.color(self.t.header_fill))
            self.p.setPen(self.pen(self.t.header_border, 2.0))
            self.p.setBrush(Qt.BrushStyle.NoBrush)
            self.p.drawPath(path)
            y = rect.top() + self.f * 0.5
            for i, (font, text) in enumerate(self.lay.header_lines[side]):
                color = self.t.text if i == 0 else self.t.muted
                self.centered(font, color, rect.center().x(), y, text)
                y += _line_height(font)
            self.pill(side, self.lay.initial_pill_y, self.d.lifeline(side).initial_state)

    def pill(self, side: Side, top: float, text: str, *, faded: bool = False) -> QRectF:
        font = self.fonts.small
        w = _width(font, text) + self.f * 0.8
        h = _line_height(font) + self.f * 0.35
        rect = QRectF(self.x_of(side) - w / 2, top, w, h)
        path = QPainterPath()
        path.addRoundedRect(rect, h / 2, h / 2)
        self.p.fillPath(path, self.color(self.t.pill_fill if self.t.pill_fill
                                         else self.t.background))
        border = self.t.faded if faded else self.t.pill_border
        self.p.setPen(self.pen(border, 1.0))
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawPath(path)
        self.text(font, self.t.faded if faded else self.t.pill_text, rect.left() + self.f * 0.4,
                  top + self.f * 0.175, text)
        return rect

    def pill_width(self, text: str) -> float:
        return _width(self.fonts.small, text) + self.f * 0.8

    # rows
    def paint_row(self, row: Row) -> None:
        box = self.lay.rows[row.index]
        if box.separator is not None:
            self.centered(self.fonts.small_italic, self.t.faded, box.separator.center().x(),
                          box.separator.top() + self.f * 0.3,
                          translate("diagram", "expected next: never sent"))
        if row.time is not None:
            label = f"{row.time:.3f} s"
            font = self.fonts.small
            self.text(font, self.t.muted, self.lay.time_right - _width(font, label),
                      box.arrow_y - _line_height(font) / 2, label)
        if row.kind is RowKind.TIMEOUT:
            self.paint_timeout(row, box)
        else:
            self.paint_arrow(row, box)
        pills: dict[Side, QRectF] = {}
        for side in (Side.LEFT, Side.RIGHT):
            if row.state_changed(side) and row.state(side):
                pills[side] = self.pill(side, box.pill_y, row.state(side))
        self.paint_caption(row, box, pills)

    def arrow_color(self, row: Row) -> str:
        if row.faded:
            return self.t.faded
        if row.failing or row.refusal:
            return self.t.failure
        return self.t.arrow

    def paint_arrow(self, row: Row, box: _RowBox) -> None:
        assert row.direction is not None
        f = self.f
        x_from = self.x_of(row.sender)
        x_to = self.x_of(row.sender.other)
        sign = 1.0 if row.direction is Direction.LEFT_TO_RIGHT else -1.0
        color = self.arrow_color(row)
        emphasised = row.index == self.highlight
        width = 4.5 if row.failing else (3.0 if emphasised else 2.0)
        if self.t.print_mode and row.refusal and not row.failing:
            width = 3.0
        style = Qt.PenStyle.DashLine if row.faded else Qt.PenStyle.SolidLine
        head = f * ARROW_HEAD
        start = x_from + sign * 3
        end = x_to - sign * 3
        self.p.setPen(self.pen(color, width, style))
        self.p.drawLine(QLineF(start, box.arrow_y, end - sign * head * 0.9, box.arrow_y))
        polygon = QPolygonF([
            QPointF(end, box.arrow_y),
            QPointF(end - sign * head, box.arrow_y - head * 0.45),
            QPointF(end - sign * head, box.arrow_y + head * 0.45),
        ])
        self.p.setPen(self.pen(color, 1.0))
        if row.faded:
            self.p.setBrush(QBrush(self.color(self.t.background)))
        else:
            self.p.setBrush(QBrush(self.color(color)))
        self.p.drawPolygon(polygon)
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        cross_x = self.cross_x(row)
        if cross_x is not None:
            self.cross(cross_x, box.arrow_y, f * CROSS_RADIUS)
        self.paint_label(row, box, color)

    def cross_x(self, row: Row) -> float | None:
        """Where the "x" of ``row`` is (on its arrow, before the head), or None."""
        if not _has_cross(row):
            return None
        receiver = self.x_of(row.sender.other)
        sign = 1.0 if row.direction is Direction.LEFT_TO_RIGHT else -1.0
        return receiver - sign * (3 + self.f * (ARROW_HEAD + CROSS_GAP))

    def label_place(self, row: Row) -> tuple[float, str, float]:
        """(left x, summary as shown, width) of the label line above ``row``'s arrow.

        Centred between the lifelines when it fits there (clear of the "x" of a refused
        message); otherwise it may also use the free width beyond them, from the time
        column to the notes column (the lifelines are broken behind it), and only when
        even that is too narrow is the summary shortened with an ellipsis.
        """
        f = self.f
        lay = self.lay
        fonts = self.fonts
        _label, summary, _tag = _label_parts(row)
        total = _label_width(row, fonts)
        inner_lo, inner_hi = lay.x_left + f, lay.x_right - f
        lo = lay.time_right + 0.6 * f
        hi = self.right_limit(row)
        cross = self.cross_x(row)
        if cross is not None:
            clear = _cross_clearance(f)
            if row.sender.other is Side.RIGHT:
                inner_hi = min(inner_hi, cross - clear)
                hi = min(hi, cross - clear)
            else:
                inner_lo = max(inner_lo, cross + clear)
                lo = max(lo, cross + clear)
        if total <= inner_hi - inner_lo:
            return (inner_lo + inner_hi) / 2 - total / 2, summary, total
        if hi - lo < inner_hi - inner_lo:  # (a figure too narrow for margins)
            lo, hi = inner_lo, inner_hi
        if total > hi - lo:
            # Too narrow even so: shorten the summary, keep the label and the tags.
            metrics = QFontMetricsF(fonts.summary)
            rest = total - metrics.horizontalAdvance(summary)
            summary = metrics.elidedText(summary, Qt.TextElideMode.ElideRight,
                                         max(hi - lo - rest, f))
            total = rest + metrics.horizontalAdvance(summary)
            return lo, summary, total
        mid = (lay.x_left + lay.x_right) / 2
        centred = min(max(mid - total / 2, lo), hi - total)
        # An end of the label right at a lifeline reads as touching it: the nearest place
        # with some air at both ends instead (reaching over a lifeline is fine: it is
        # broken behind the label).
        air = 0.5 * f
        lines = (lay.x_left, lay.x_right)

        def clear(x: float) -> bool:
            return all(abs(end - line) >= air for end in (x, x + total) for line in lines)

        places = [centred] + [min(max(line + d, lo), hi - total) for line in lines
                              for d in (air, -air, air - total, -air - total)]
        fine = [x for x in places if clear(x)]
        x = min(fine, key=lambda x: abs(x - centred)) if fine else centred
        return x, summary, total

    def right_limit(self, row: Row) -> float:
        """How far right the label line of ``row`` may reach: the right margin, or a note
        (or the link to it) beside that line. Every note counts, shown yet or not: the
        layout does not change as the rows are revealed."""
        f = self.f
        lay = self.lay
        top = lay.rows[row.index].label_y
        bottom = top + _line_height(self.fonts.label)
        limit = lay.width - lay.margin
        for note in lay.notes:
            rect = note.rect
            if top < rect.bottom() + 0.3 * f and bottom > rect.top() - 0.3 * f:
                limit = min(limit, rect.left() - 0.6 * f)
            link_bottom = min(max(note.anchor_y, rect.top() + f * 0.6), rect.bottom() - f * 0.6)
            if top < link_bottom and bottom > note.anchor_y:  # the link runs down past it
                limit = min(limit, lay.x_right + 0.3 * f)
        return limit

    def label_gaps(self, side: Side) -> list[tuple[float, float]]:
        """The spans of ``side``'s lifeline hidden behind a label that reaches over it."""
        x = self.x_of(side)
        gaps = []
        for row in self.d.rows[: self.visible]:
            if not row.is_arrow:
                continue
            left, _summary, total = self.label_place(row)
            near = 0.4 * self.f  # a label this close to the lifeline also breaks it
            if left < x + near and left + total > x - near:
                top = self.lay.rows[row.index].label_y
                gaps.append((top - 0.1 * self.f, top + _line_height(self.fonts.label)))
        return gaps

    def cross(self, cx: float, cy: float, r: float) -> None:
        """A red "x" with a halo of the background, so it shows on a red arrow too."""
        for color, width in ((self.t.background, 6.5), (self.t.failure, 3.0)):
            pen = self.pen(color, width)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            self.p.setPen(pen)
            self.p.drawLine(QLineF(cx - r, cy - r, cx + r, cy + r))
            self.p.drawLine(QLineF(cx - r, cy + r, cx + r, cy - r))

    def paint_label(self, row: Row, box: _RowBox, color: str) -> None:
        f = self.f
        fonts = self.fonts
        label, _summary, tag = _label_parts(row)
        x, summary, _total = self.label_place(row)
        top = box.label_y
        if row.encrypted:
            self.lock(x + f * 0.45, top + _line_height(fonts.label) * 0.52,
                      self.t.faded if row.faded else (color if row.failing else self.t.muted))
            x += f * 1.2
        text_color = self.t.faded if row.faded else (
            self.t.failure if (row.failing or row.refusal) else self.t.text)
        x += self.text(fonts.label, text_color, x, top, label) + f * 0.6
        summary_color = self.t.faded if row.faded else (
            self.t.failure if row.failing and not self.t.print_mode else self.t.text)
        x += self.text(fonts.summary, summary_color, x, top, summary)
        small_top = top + QFontMetricsF(fonts.label).ascent() - QFontMetricsF(
            fonts.small_italic).ascent()
        if tag:
            x += f * 0.8
            x += self.text(fonts.small_italic, self.t.faded if row.faded else self.t.muted, x,
                           small_top, tag)
        if row.failing:
            x += f * 0.8
            self.text(fonts.small_bold, self.t.failure, x, small_top, failing_tag())

    def lock(self, cx: float, cy: float, color: str) -> None:
        """A padlock (drawn, not a glyph: DejaVu Sans has none): encrypted message."""
        f = self.f
        w, h = f * 0.72, f * 0.52
        body = QRectF(cx - w / 2, cy - h / 2 + f * 0.12, w, h)
        shackle = QRectF(cx - w * 0.32, body.top() - f * 0.42, w * 0.64, f * 0.74)
        pen = self.pen(color, max(1.4, f * 0.1))
        self.p.setPen(pen)
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawArc(shackle, 0, 180 * 16)
        self.p.drawLine(QLineF(shackle.left(), shackle.center().y(), shackle.left(),
                               body.top()))
        self.p.drawLine(QLineF(shackle.right(), shackle.center().y(), shackle.right(),
                               body.top()))
        path = QPainterPath()
        path.addRoundedRect(body, f * 0.08, f * 0.08)
        if self.t.print_mode:
            self.p.drawPath(path)
        else:
            self.p.fillPath(path, self.color(color))

    def paint_caption(self, row: Row, box: _RowBox, pills: dict[Side, QRectF]) -> None:
        """ "unreadable" / "refused" under the arrow, next to the receiver's lifeline."""
        if row.faded or row.kind is not RowKind.MESSAGE:
            return
        if row.mark is not None:
            text = (translate("diagram", "cannot decrypt") if row.mark.undecryptable
                    else translate("diagram", "could not use it"))
        elif row.refused:
            text = translate("diagram", "refused")
        else:
            return
        receiver = row.sender.other
        font = self.fonts.small_italic
        w = _width(font, text)
        x_line = self.x_of(receiver)
        gap = self.f * 0.5
        half = pills[receiver].width() / 2 if receiver in pills else 0.0
        if receiver is Side.LEFT:
            x = x_line + half + gap
        else:
            x = x_line - half - gap - w
        self.text(font, self.t.failure, x, box.pill_y + self.f * 0.15, text)

    def paint_timeout(self, row: Row, box: _RowBox) -> None:
        f = self.f
        font = self.fonts.label
        text = translate("diagram", "gave up on {label}").format(label=row.label)
        w = _width(font, text) + f * 2.9
        h = _timeout_height(self.fonts)
        x = self.x_of(row.sender)
        # Inwards from the lifeline, so it never runs into the margins.
        left = x - f * 1.3 if row.sender is Side.LEFT else x - w + f * 1.3
        rect = QRectF(left, box.arrow_y - h / 2, w, h)
        path = QPainterPath()
        path.addRoundedRect(rect, h / 2, h / 2)
        color = self.t.failure
        self.p.fillPath(path, self.color(self.t.background))
        if not self.t.print_mode and self.t.note_fill:
            self.p.fillPath(path, self.color(self.t.note_fill))
        self.p.setPen(self.pen(color, 2.5 if self.t.print_mode else 2.0))
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawPath(path)
        self.clock(rect.left() + f * 1.05, rect.center().y(), f * 0.5, color)
        self.text(font, color, rect.left() + f * 2.1, rect.top() + f * 0.3, text)

    def clock(self, cx: float, cy: float, r: float, color: str) -> None:
        pen = self.pen(color, max(1.5, self.f * 0.1))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.p.setPen(pen)
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawEllipse(QPointF(cx, cy), r, r)
        self.p.drawLine(QLineF(cx, cy, cx, cy - r * 0.65))
        self.p.drawLine(QLineF(cx, cy, cx + r * 0.5, cy))

    def paint_notes(self) -> None:
        f = self.f
        for note in self.lay.notes:
            if note.row >= self.visible:
                continue
            row = self.d.rows[note.row]
            color = self.t.failure
            rect = note.rect
            # The link from the row to its note.
            y_link = min(max(note.anchor_y, rect.top() + f * 0.6), rect.bottom() - f * 0.6)
            link_from = self.lay.x_right + f * 0.6
            self.p.setPen(self.pen(color, 1.5, Qt.PenStyle.DotLine))
            self.p.drawLine(QLineF(link_from, note.anchor_y, rect.left() - f * 0.5, y_link))
            self.p.drawLine(QLineF(rect.left() - f * 0.5, y_link, rect.left(), y_link))
            path = QPainterPath()
            path.addRoundedRect(rect, f * 0.35, f * 0.35)
            if not self.t.print_mode and self.t.note_fill:
                self.p.fillPath(path, self.color(self.t.note_fill))
            thick = row.failing or self.t.print_mode
            self.p.setPen(self.pen(color, 3.0 if thick else 1.5))
            self.p.setBrush(Qt.BrushStyle.NoBrush)
            self.p.drawPath(path)
            y = rect.top() + f * 0.45
            x = rect.left() + f * 0.6
            for line in note.title:
                self.text(self.fonts.note_bold, color, x, y, line)
                y += _line_height(self.fonts.note_bold)
            for line in note.lines:
                self.text(self.fonts.note, self.t.text, x, y, line)
                y += _line_height(self.fonts.note)

    def paint_verdict(self) -> None:
        f = self.f
        rect = self.lay.verdict_rect
        ok = self.d.established
        color = self.t.success if ok else self.t.failure
        path = QPainterPath()
        path.addRoundedRect(rect, f * 0.35, f * 0.35)
        self.p.setPen(self.pen(color, 2.0 if ok else 3.0))
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawPath(path)
        mark = "✓" if ok else "✗"
        y = rect.top() + f * 0.5
        self.text(self.fonts.verdict_bold, color, rect.left() + f * 0.7, y, mark)
        x = rect.left() + f * 2.0
        for line in self.lay.verdict_lines:
            self.text(self.fonts.verdict, self.t.text, x, y, line)
            y += _line_height(self.fonts.verdict)


__all__ = [
    "DARK",
    "LIGHT",
    "PRINT",
    "THEMES",
    "DiagramGeometry",
    "RowGeometry",
    "Theme",
    "diagram_geometry",
    "diagram_size",
    "paint_diagram",
]
