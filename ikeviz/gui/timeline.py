"""The timeline: the messages on the virtual clock, and the SA lifetimes.

Two kinds of plot (pyqtgraph, imported only here; the window imports this
module lazily):

- on top, the messages: x is the virtual time, y the lane of the gateway that
  sent it (left gateway above, right gateway below); each message is a point
  on its sender's lane joined to the moment the other side received it. The
  axis is broken: bursts of messages keep their real spacing (milliseconds)
  and the long waits between them (retransmission timers: seconds) are
  compressed logarithmically and labelled with their real length, so the
  back-off (10 s, 20 s, 40 s...) is seen as growing gaps. Retransmissions say
  "again 1", "again 2"; unreadable messages, failures and giving up are red.
- below, one plot per phase: the lifetime of the SA each side ends up with
  (a thick bar from its establishment, the last 10 % hatched: the rekey
  margin) and the lifetime each side is configured with (a thin bar), so a
  lifetime mismatch between the sides is two bars of different lengths.

Clicking a message emits :attr:`Timeline.messageClicked` with the index of
its :class:`~ikeviz.protocol.events.MessageSent` in ``run.trace.events``.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyqtgraph as pg  # type: ignore[import-untyped]
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ikeviz.diagnosis import reason_text
from ikeviz.gui.widgets import plural
from ikeviz.protocol.config import Role
from ikeviz.protocol.events import (
    Failure,
    GaveUp,
    MessageReceived,
    MessageSent,
    MessageUnreadable,
    Phase1Established,
    Phase2Established,
)
from ikeviz.scenario.model import Side
from ikeviz.simulation import ScenarioRun
from ikeviz.simulation.summary import message_summary

__all__ = ["Timeline", "TimeWarp", "MessagePoint", "LifetimeBar", "Mark", "REKEY_MARGIN"]

REKEY_MARGIN = 0.10  # the share of a lifetime drawn as the rekey margin
LANE = {Side.LEFT: 1.0, Side.RIGHT: 0.0}

PHASE1_COLOUR = "#1565c0"
PHASE2_COLOUR = "#2e7d32"
INFO_COLOUR = "#6a1b9a"
AGAIN_COLOUR = "#ef6c00"
FAILURE_COLOUR = "#c62828"
CONFIGURED_COLOUR = "#78909c"


def _colour_of(label: str) -> str:
    if label.startswith("QM"):
        return PHASE2_COLOUR
    if label.startswith("INFO"):
        return INFO_COLOUR
    return PHASE1_COLOUR


def format_time(seconds: float) -> str:
    """ "40 ms", "10.04 s", "2 min 10 s"."""
    if abs(seconds) < 1:
        return f"{seconds * 1000:.0f} ms"
    if abs(seconds) < 60:
        text = f"{seconds:.2f}".rstrip("0").rstrip(".")
        return f"{text} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes:.0f} min {rest:.0f} s" if round(rest) else f"{minutes:.0f} min"


def format_lifetime(seconds: int | float) -> str:
    """ "24 h", "3 h", "30 min", "1.5 h"."""
    if seconds >= 3600:
        hours = seconds / 3600
        return f"{hours:.0f} h" if hours == int(hours) else f"{hours:.1f} h"
    if seconds >= 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds:.0f} s"


# --- the broken time axis ------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A burst of events drawn to scale: times t0..t1 at x0..x1."""

    t0: float
    t1: float
    x0: float
    x1: float


class TimeWarp:
    """A monotone map from virtual time to x: bursts linear, long waits compressed.

    One x unit is one ``hop`` (the network latency). A gap longer than
    ``threshold`` hops between two events becomes a break whose width grows
    with the logarithm of its length: 3 units for the shortest break, one
    more for each doubling (so a retransmission back-off shows as growing
    gaps), never wider than the gap to scale.
    """

    def __init__(self, times: Sequence[float], hop: float, threshold: float = 5.0) -> None:
        self.hop = hop if hop > 0 else 0.01
        points = sorted(set(times)) or [0.0]
        limit = threshold * self.hop
        gaps = [b - a for a, b in zip(points, points[1:], strict=False) if b - a > limit]
        shortest = min(gaps) if gaps else 1.0
        self.segments: list[Segment] = []
        start = points[0]
        x = 0.0
        previous = points[0]
        for t in points[1:] + [math.inf]:
            if t - previous > limit:
                x1 = x + (previous - start) / self.hop
                self.segments.append(Segment(start, previous, x, x1))
                if t == math.inf:
                    break
                gap = t - previous
                width = min(gap / self.hop, 3.0 + math.log2(gap / shortest))
                x = x1 + width
                start = t
            previous = t

    @property
    def breaks(self) -> list[tuple[Segment, Segment]]:
        return list(zip(self.segments, self.segments[1:], strict=False))

    def x(self, t: float) -> float:
        segments = self.segments
        if t <= segments[0].t0:
            return segments[0].x0 - (segments[0].t0 - t) / self.hop
        for segment, following in zip(segments, segments[1:] + [None], strict=False):
            if t <= segment.t1 or following is None:
                return segment.x0 + (t - segment.t0) / self.hop
            if t < following.t0:  # inside a break: interpolate in log time
                span = following.t0 - segment.t1
                share = math.log1p(t - segment.t1) / math.log1p(span) if span > 0 else 0.0
                return segment.x1 + share * (following.x0 - segment.x1)
        raise AssertionError("unreachable")

    def t(self, x: float) -> float:
        segments = self.segments
        if x <= segments[0].x0:
            return segments[0].t0 - (segments[0].x0 - x) * self.hop
        for segment, following in zip(segments, segments[1:] + [None], strict=False):
            if x <= segment.x1 or following is None:
                return segment.t0 + (x - segment.x0) * self.hop
            if x < following.x0:
                span = following.t0 - segment.t1
                share = (x - segment.x1) / (following.x0 - segment.x1)
                return segment.t1 + math.expm1(share * math.log1p(span))
        raise AssertionError("unreachable")


class _TimeAxis(pg.AxisItem):  # type: ignore[misc]
    """Ticks in real time on the warped x axis: each burst's start and nice steps in it."""

    def __init__(self) -> None:
        super().__init__("bottom")
        self.warp: TimeWarp | None = None

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        warp = self.warp
        if warp is None or maxVal <= minVal or size <= 0:
            return []
        px_per_unit = size / (maxVal - minVal)
        majors: list[float] = []
        minors: list[float] = []
        min_px = 70.0
        for segment in warp.segments:
            if segment.x1 < minVal or segment.x0 > maxVal:
                continue
            if minVal <= segment.x0 <= maxVal:
                majors.append(segment.x0)
            width_px = (segment.x1 - segment.x0) * px_per_unit
            if width_px < min_px:
                continue
            # A nice step in seconds giving ticks at least min_px apart.
            seconds_per_px = warp.hop / px_per_unit
            raw = seconds_per_px * min_px
            exponent = math.floor(math.log10(raw))
            step = next(m * 10 ** exponent for m in (1, 2, 5, 10) if m * 10 ** exponent >= raw)
            k = math.floor(segment.t0 / step) + 1
            while k * step <= segment.t1 + 1e-12:
                x = warp.x(k * step)
                if minVal <= x <= maxVal and (x - segment.x0) * px_per_unit >= min_px * 0.8:
                    minors.append(x)
                k += 1
        return [(1.0, majors), (0.5, minors)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if self.warp is None:
            return [""] * len(values)
        return [format_time(max(0.0, self.warp.t(v))) for v in values]


# --- what is drawn (for the tests and the window) ---------------------------------------


@dataclass(frozen=True)
class MessagePoint:
    index: int  # of the MessageSent in run.trace.events
    label: str
    side: Side  # the sender's
    time: float
    x: float
    retransmission: int
    received_at: float | None  # when the other side took it in (None: never)
    unreadable: bool  # the receiver could not use it


@dataclass(frozen=True)
class LifetimeBar:
    side: Side
    phase: int
    kind: str  # "sa" (what the established SA has) or "configured"
    start_hours: float
    seconds: int

    @property
    def hours(self) -> float:
        return self.seconds / 3600

    @property
    def end_hours(self) -> float:
        return self.start_hours + self.hours


@dataclass(frozen=True)
class Mark:
    kind: str  # "unreadable", "failure", "gave-up"
    side: Side
    time: float
    text: str


# --- the widget --------------------------------------------------------------------------


class Timeline(QWidget):
    """Messages on the virtual clock (top) and the phase-1 / phase-2 SA lifetimes (below)."""

    messageClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self._run: ScenarioRun | None = None
        self._current: int | None = None
        self.message_points: list[MessagePoint] = []
        self.lifetime_bars: list[LifetimeBar] = []
        self.marks: list[Mark] = []
        self.warp: TimeWarp | None = None
        self.notes: list[str] = []

        self._background, self._foreground = self._palette_colours()
        self._small = QFont(self.font())
        self._small.setPointSizeF(max(6.5, self.font().pointSizeF() * 0.85))

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground(self._background)
        self.graphics.setAntialiasing(True)
        self.time_axis = _TimeAxis()
        self.messages_plot: pg.PlotItem = self.graphics.addPlot(
            row=0, col=0, colspan=2, axisItems={"bottom": self.time_axis})
        self.phase1_plot: pg.PlotItem = self.graphics.addPlot(row=1, col=0)
        self.phase2_plot: pg.PlotItem = self.graphics.addPlot(row=1, col=1)
        layout = self.graphics.ci.layout
        layout.setRowStretchFactor(0, 3)
        layout.setRowStretchFactor(1, 2)
        for plot in (self.messages_plot, self.phase1_plot, self.phase2_plot):
            self._style_plot(plot)
        self.messages_plot.getViewBox().setMouseEnabled(x=True, y=False)

        self.header_label = QLabel()
        self.header_label.setWordWrap(True)
        self.header_label.setTextFormat(Qt.TextFormat.RichText)
        self.header_label.setContentsMargins(6, 2, 6, 0)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setContentsMargins(6, 0, 6, 2)
        self.note_label.setTextFormat(Qt.TextFormat.RichText)
        self.note_label.setVisible(False)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.header_label)
        box.addWidget(self.graphics, 1)
        box.addWidget(self.note_label)

        self.scatter: pg.ScatterPlotItem | None = None
        self._current_marker: pg.ScatterPlotItem | None = None
        self.clear()

    # --- colours -------------------------------------------------------------------------

    def _palette_colours(self) -> tuple[QColor, QColor]:
        palette = self.palette()
        return (QColor(palette.color(QPalette.ColorRole.Base)),
                QColor(palette.color(QPalette.ColorRole.Text)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._follow_palette()

    def _follow_palette(self) -> None:
        """Take the palette's colours again (a theme change) and redraw with them."""
        if not hasattr(self, "graphics"):  # during __init__
            return
        background, foreground = self._palette_colours()
        if (background, foreground) == (self._background, self._foreground):
            return
        self._background, self._foreground = background, foreground
        self.graphics.setBackground(self._background)
        for plot in (self.messages_plot, self.phase1_plot, self.phase2_plot):
            self._style_plot(plot)
        run, current = self._run, self._current
        if run is not None:
            self.set_run(run)
            self.set_current(current)

    # --- public API ------------------------------------------------------------------

    def set_run(self, run: ScenarioRun | None) -> None:
        """Draw ``run`` (None: nothing)."""
        self.clear()
        if run is None:
            return
        self._run = run
        self._draw_messages(run)
        self._draw_lifetimes(run)
        if self.notes:
            self.note_label.setText("<br>".join(self.notes))
            self.note_label.setVisible(True)

    def clear(self) -> None:
        self._run = None
        self._current = None
        self.message_points = []
        self.lifetime_bars = []
        self.marks = []
        self.notes = []
        self.warp = None
        self.time_axis.warp = None
        self.scatter = None
        self._current_marker = None
        for plot in (self.messages_plot, self.phase1_plot, self.phase2_plot):
            plot.clear()
            plot.getViewBox().setLimits(xMin=None, xMax=None)
        self.header_label.setText("<i>" + html.escape(self.tr("No run.")) + "</i>")
        self.note_label.clear()
        self.note_label.setVisible(False)

    def set_current(self, index: int | None) -> None:
        """Ring the message whose MessageSent has trace index ``index`` (None: none)."""
        self._current = index
        if self._current_marker is None:
            return
        point = next((p for p in self.message_points if p.index == index), None)
        if point is None:
            self._current_marker.setData([], [])
            return
        self._current_marker.setData([point.x], [LANE[point.side]])

    def point_for(self, index: int) -> MessagePoint | None:
        return next((p for p in self.message_points if p.index == index), None)

    def scene_position(self, point: MessagePoint) -> Any:
        """Where ``point`` is drawn, in the view's (widget) coordinates (for tests)."""
        from PySide6.QtCore import QPointF

        vb = self.messages_plot.getViewBox()
        scene = vb.mapViewToScene(QPointF(point.x, LANE[point.side]))
        return self.graphics.mapFromScene(scene)

    # --- drawing helpers --------------------------------------------------------------

    def _style_plot(self, plot: pg.PlotItem) -> None:
        plot.hideButtons()
        plot.setMenuEnabled(False)
        vb = plot.getViewBox()
        vb.setMouseEnabled(x=True, y=False)
        grid = QColor(self._foreground)
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(grid))
            axis.setTextPen(pg.mkPen(self._foreground))
            axis.setStyle(tickFont=self._small)

    def _text(self, plot: pg.PlotItem, text: str, x: float, y: float,
              anchor: tuple[float, float], colour: str | QColor | None = None,
              bold: bool = False, small: bool = True) -> pg.TextItem:
        item = pg.TextItem(text, color=colour or self._foreground, anchor=anchor)
        font = QFont(self._small if small else self.font())
        font.setBold(bold)
        item.setFont(font)
        item.setPos(x, y)
        plot.addItem(item)
        return item

    def _lane_axis(self, plot: pg.PlotItem, run: ScenarioRun, suffix: str = "") -> None:
        left = run.scenario.gateway(Side.LEFT).name
        right = run.scenario.gateway(Side.RIGHT).name
        axis = plot.getAxis("left")
        axis.setTicks([[(LANE[Side.LEFT], left + suffix), (LANE[Side.RIGHT], right + suffix)]])
        width = max(QFontMetrics(self._small).horizontalAdvance(n + suffix) for n in (left, right))
        axis.setWidth(min(width + 14, 150))

    # --- messages ---------------------------------------------------------------------------

    def _draw_messages(self, run: ScenarioRun) -> None:
        events = run.trace.events
        side_of = {Role.INITIATOR: run.side_of(Role.INITIATOR),
                   Role.RESPONDER: run.side_of(Role.RESPONDER)}
        times = [e.time for e in events]
        hop = run.scenario.network.latency_ms / 1000.0
        if hop <= 0:
            gaps = sorted({b - a for a, b in zip(times, times[1:], strict=False) if b > a})
            hop = gaps[0] if gaps else 0.01
        self.warp = warp = TimeWarp(times, hop)
        self.time_axis.warp = warp
        plot = self.messages_plot

        # Which receipt belongs to which message: the next one of that label by the other side.
        used: set[int] = set()
        points: list[MessagePoint] = []
        for i, e in enumerate(events):
            if not isinstance(e, MessageSent):
                continue
            receipt = next((j for j in range(i + 1, len(events)) if j not in used
                            and isinstance(events[j], MessageReceived)
                            and events[j].role is e.role.other
                            and getattr(events[j], "label", None) == e.label), None)
            unreadable = False
            received_at = None
            if receipt is not None:
                used.add(receipt)
                received_at = events[receipt].time
                after = events[receipt + 1] if receipt + 1 < len(events) else None
                unreadable = isinstance(after, MessageUnreadable) and after.role is e.role.other
            x = warp.x(e.time)
            same = [p for p in points if p.side is side_of[e.role] and abs(p.x - x) < 0.35]
            if same:  # sent at the same moment as another message: set it beside it
                x = max(p.x for p in same) + 0.4
            points.append(MessagePoint(i, e.label, side_of[e.role], e.time, x,
                                       e.retransmission, received_at, unreadable))
        self.message_points = points

        # Breaks: a light band with the real length of the wait.
        band = QColor(self._foreground)
        band.setAlphaF(0.06)
        for earlier, later in warp.breaks:
            region = pg.LinearRegionItem((earlier.x1 + 0.35, later.x0 - 0.35), movable=False,
                                         brush=QBrush(band), pen=pg.mkPen(None))
            region.setZValue(-20)
            plot.addItem(region)
            self._text(plot, f"\u2248 {format_time(later.t0 - earlier.t1)}",
                       (earlier.x1 + later.x0) / 2, 0.5, (0.5, 0.5), colour=CONFIGURED_COLOUR)

        # Lanes.
        lane_pen = pg.mkPen(QColor(self._foreground).lighter(150) if self._is_dark() else
                            QColor("#b0bec5"), width=1)
        x_end = warp.segments[-1].x1
        for y in LANE.values():
            plot.addItem(pg.PlotCurveItem([-1.0, x_end + 1.0], [y, y], pen=lane_pen))

        # Messages: a line from the send to the receipt, a point at the send.
        for p in points:
            colour = AGAIN_COLOUR if p.retransmission else _colour_of(p.label)
            y0 = LANE[p.side]
            y1 = LANE[p.side.other]
            if p.received_at is not None:
                x1 = warp.x(p.received_at)
                style = Qt.PenStyle.SolidLine
            else:  # lost on the way: half an arrow, dashed
                x1, y1 = p.x + 0.5, (y0 + y1) / 2
                style = Qt.PenStyle.DashLine
            plot.addItem(pg.PlotCurveItem([p.x, x1], [y0, y1],
                                          pen=pg.mkPen(colour, width=2, style=style)))
        # Retransmission waits: dashed along the lane, "waited 10 s".
        previous_send: dict[tuple[Side, str], MessagePoint] = {}
        for p in points:
            key = (p.side, p.label)
            if p.retransmission and key in previous_send:
                q = previous_send[key]
                self._wait(plot, p.side, q.x, p.x, p.time - q.time)
            previous_send[key] = p

        # Marks: unreadable, failures, giving up.
        mark_x: list[float] = []
        mark_y: list[float] = []
        mark_tips: list[str] = []
        for e in events:
            side = side_of[e.role]
            if isinstance(e, MessageUnreadable):
                self.marks.append(Mark("unreadable", side, e.time,
                                       f"{e.label}: {reason_text(e.reason)}"))
            elif isinstance(e, Failure):
                self.marks.append(Mark("failure", side, e.time,
                                       self.tr("failed at {at}: {reason}").format(
                                           at=e.at, reason=reason_text(e.reason, e.details))))
            elif isinstance(e, GaveUp):
                self.marks.append(Mark("gave-up", side, e.time,
                                       plural(self.tr("gave up on {label} after %n "
                                                      "retransmission(s)", "", e.attempts),
                                              e.attempts).format(label=e.label)))
                last = next((p for p in reversed(points)
                             if p.side is side and p.label == e.label), None)
                if last is not None:
                    self._wait(plot, side, last.x, warp.x(e.time), e.time - last.time)
        for m in self.marks:
            x = warp.x(m.time)
            y = LANE[m.side]
            if m.kind == "unreadable":  # on the arrow, just before it reaches the lane
                x -= 0.16
                y += 0.16 if m.side is Side.RIGHT else -0.16
            mark_x.append(x)
            mark_y.append(y)
            mark_tips.append(m.text)
            if m.kind == "gave-up":
                self._text(plot, "gave up", x, y, (0.5, -0.25) if y < 0.5 else (0.5, 1.25),
                           colour=FAILURE_COLOUR, bold=True)
        if mark_x:
            # A cross where a message could not be used or a side gave up; a ring around
            # the place where a side failed (often on the point of the notify it sent).
            crosses = [m.kind != "failure" for m in self.marks]
            marks = pg.ScatterPlotItem(
                mark_x, mark_y, symbol=["x" if c else "o" for c in crosses],
                size=[13 if c else 21 for c in crosses],
                pen=[pg.mkPen(FAILURE_COLOUR, width=2)] * len(crosses),
                brush=[pg.mkBrush(FAILURE_COLOUR) if c else pg.mkBrush(None) for c in crosses],
                hoverable=True, data=mark_tips, tip=lambda x, y, data: str(data))
            marks.setZValue(11)
            plot.addItem(marks)
        failures = [m for m in self.marks if m.kind in ("failure", "gave-up")]
        if failures:
            final = failures[-1]
            line = pg.InfiniteLine(warp.x(final.time), angle=90,
                                   pen=pg.mkPen(FAILURE_COLOUR, width=1,
                                                style=Qt.PenStyle.DotLine))
            line.setZValue(-10)
            plot.addItem(line)

        # The points (clickable) and their labels.
        brushes = []
        symbols = []
        sizes = []
        tips = []
        for p in points:
            colour = AGAIN_COLOUR if p.retransmission else _colour_of(p.label)
            brushes.append(pg.mkBrush(colour))
            symbols.append("d" if p.retransmission else "o")
            sizes.append(14 if p.retransmission else 11)
            event = events[p.index]
            assert isinstance(event, MessageSent)
            sender = run.scenario.gateway(p.side).name
            receiver = run.scenario.gateway(p.side.other).name
            tip = f"{p.label}" + (" " + self.tr("(again {count})").format(
                count=p.retransmission) if p.retransmission else "")
            tip += "\n" + self.tr("{sender} → {receiver} at {time}").format(
                sender=sender, receiver=receiver, time=format_time(p.time))
            tip += f"\n{message_summary(event)}"
            if p.received_at is None:
                tip += "\n" + self.tr("never received")
            elif p.unreadable:
                tip += "\n" + self.tr("the receiver could not use it")
            tips.append(tip)
        tip_of = dict(zip([p.index for p in points], tips, strict=True))
        self.scatter = pg.ScatterPlotItem(
            [p.x for p in points], [LANE[p.side] for p in points], data=[p.index for p in points],
            size=sizes, symbol=symbols, brush=brushes, pen=pg.mkPen(self._background, width=1.5),
            hoverable=True, hoverSize=14, tip=lambda x, y, data: tip_of.get(int(data), ""))
        self.scatter.setZValue(10)
        self.scatter.sigClicked.connect(self._on_clicked)
        plot.addItem(self.scatter)
        self._current_marker = pg.ScatterPlotItem([], [], size=20, symbol="o",
                                                  brush=pg.mkBrush(None),
                                                  pen=pg.mkPen(self._foreground, width=2))
        self._current_marker.setZValue(9)
        plot.addItem(self._current_marker)

        # Labels: above the left lane, below the right one; stacked when they would overlap.
        x_end = max([x_end] + [p.x for p in points])
        bold = QFont(self._small)
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        plot_px = max(200.0, self.width() - 150.0)
        px_per_unit = plot_px / max(1.0, x_end + 2.4)
        level_end: dict[tuple[Side, int], float] = {}  # right edge (x units) of each level
        label_right = x_end
        for p in points:
            text = p.label.replace(" (", "\n(")
            if p.retransmission:
                text += "\n" + self.tr("again {count}").format(count=p.retransmission)
            colour = AGAIN_COLOUR if p.retransmission else _colour_of(p.label)
            half = (max(metrics.horizontalAdvance(line) for line in text.split("\n")) / 2
                    + 4) / px_per_unit
            level = 0
            while level_end.get((p.side, level), -math.inf) > p.x - half:
                level += 1
            level_end[(p.side, level)] = p.x + half
            label_right = max(label_right, p.x + half)
            shift = level * 1.05  # anchors count in the label's own height
            above = p.side is Side.LEFT
            anchor = (0.5, 1.15 + shift) if above else (0.5, -0.15 - shift)
            self._text(plot, text, p.x, LANE[p.side], anchor, colour=colour,
                       bold=not p.retransmission)

        self._lane_axis(plot, run)
        plot.getAxis("bottom").setLabel(
            self.tr("virtual time (long waits compressed)") if warp.breaks
            else self.tr("virtual time"),
            color=CONFIGURED_COLOUR)
        self.header_label.setText(f"<b>{html.escape(self._title(run))}</b>&nbsp;&nbsp;&nbsp; "
                                  f"{self._legend()}")
        vb = plot.getViewBox()
        waits = any(p.retransmission for p in points) or any(
            m.kind == "gave-up" for m in self.marks)
        vb.setYRange(-0.95 if waits else -0.6, 1.95 if waits else 1.6, padding=0)
        left, right = -0.8, max(x_end + 1.6, label_right + 0.3)
        vb.setLimits(xMin=left - 2, xMax=right + 2)
        vb.setXRange(left, right, padding=0)
        self.set_current(self._current)

    def _wait(self, plot: pg.PlotItem, side: Side, x0: float, x1: float, seconds: float) -> None:
        y = LANE[side]
        offset = 0.62 if side is Side.LEFT else -0.62
        start = y + offset * 0.7
        plot.addItem(pg.PlotCurveItem([x0, x0, x1, x1], [start, y + offset, y + offset, start],
                                      pen=pg.mkPen(AGAIN_COLOUR, width=1,
                                                   style=Qt.PenStyle.DashLine)))
        self._text(plot, self.tr("waited {time}").format(time=format_time(seconds)),
                   (x0 + x1) / 2, y + offset,
                   (0.5, 1.0) if side is Side.LEFT else (0.5, 0.0), colour=AGAIN_COLOUR)

    def _title(self, run: ScenarioRun) -> str:
        sent = len(self.message_points)
        again = sum(1 for p in self.message_points if p.retransmission)
        text = plural(self.tr("%n message(s)", "", sent), sent)
        if again:
            text += ", " + self.tr("{count} sent again").format(count=again)
        if run.established:
            text += " \u00b7 " + self.tr("established")
        elif any(m.kind in ("failure", "gave-up") for m in self.marks):
            text += " \u00b7 " + self.tr("failed")
        return text

    def _legend(self) -> str:
        items = [(PHASE1_COLOUR, "\u25cf", self.tr("phase 1")),
                 (PHASE2_COLOUR, "\u25cf", self.tr("phase 2")),
                 (INFO_COLOUR, "\u25cf", "INFO"), (AGAIN_COLOUR, "\u25c6", self.tr("sent again")),
                 (FAILURE_COLOUR, "\u2716", self.tr("unreadable / failed")),
                 (CONFIGURED_COLOUR, "\u2572\u2572",
                  self.tr("rekey margin (last {share})").format(share=f"{REKEY_MARGIN:.0%}"))]
        return "&nbsp;&nbsp; ".join(
            f"<span style='color:{c}'>{s}</span>&nbsp;{html.escape(t).replace(' ', '&nbsp;')}"
            for c, s, t in items)

    def _is_dark(self) -> bool:
        return self._background.lightness() < 128

    def _on_clicked(self, _item: Any, points: Any, _event: Any = None) -> None:
        if points is None or len(points) == 0:
            return
        index = int(points[0].data())
        self.set_current(index)
        self.messageClicked.emit(index)

    # --- lifetimes --------------------------------------------------------------------------

    def _draw_lifetimes(self, run: ScenarioRun) -> None:
        events = run.trace.events
        configs = {Role.INITIATOR: run.configs.initiator, Role.RESPONDER: run.configs.responder}
        bars: list[LifetimeBar] = []
        established: dict[tuple[int, Side], bool] = {}
        for phase, kind_type, plot in ((1, Phase1Established, self.phase1_plot),
                                       (2, Phase2Established, self.phase2_plot)):
            for role in (Role.INITIATOR, Role.RESPONDER):
                side = run.side_of(role)
                event = next((e for e in events if isinstance(e, kind_type) and e.role is role),
                             None)
                start = event.time / 3600 if event is not None else 0.0
                established[(phase, side)] = event is not None
                if event is not None and event.lifetime_seconds:
                    bars.append(LifetimeBar(side, phase, "sa", start, event.lifetime_seconds))
                config = configs[role]
                proposals: Sequence[Any] = (config.ike_proposals if phase == 1
                                            else config.child_proposals)
                configured = proposals[0].lifetime_seconds if proposals else None
                if configured:
                    bars.append(LifetimeBar(side, phase, "configured", start, configured))
            self._draw_phase(plot, run, phase, [b for b in bars if b.phase == phase],
                             established)
        self.lifetime_bars = bars
        for phase, what in ((1, self.tr("IKE (phase-1)")), (2, self.tr("IPsec (phase-2)"))):
            configured = {b.side: b.seconds for b in bars
                          if b.phase == phase and b.kind == "configured"}
            sa = {b.side: b.seconds for b in bars if b.phase == phase and b.kind == "sa"}
            left = run.scenario.gateway(Side.LEFT).name
            right = run.scenario.gateway(Side.RIGHT).name
            if len(sa) == 2 and sa[Side.LEFT] != sa[Side.RIGHT]:
                self.notes.append(
                    f"<span style='color:{AGAIN_COLOUR}'>\u26a0 "
                    + self.tr("The {what} SAs differ: {left} {left_time}, {right} "
                              "{right_time}.").format(
                        what=what, left=left, left_time=format_lifetime(sa[Side.LEFT]),
                        right=right, right_time=format_lifetime(sa[Side.RIGHT]))
                    + "</span>")
            if len(configured) == 2 and configured[Side.LEFT] != configured[Side.RIGHT]:
                got = " / ".join(sorted({format_lifetime(v) for v in sa.values()}))
                text = (self.tr("{what} lifetimes configured differently: {left} {left_time}, "
                                "{right} {right_time} (the SA got {got}): each side's own timer "
                                "decides when it rekeys.") if sa
                        else self.tr("{what} lifetimes configured differently: {left} "
                                     "{left_time}, {right} {right_time}."))
                self.notes.append(
                    f"<span style='color:{AGAIN_COLOUR}'>\u26a0 "
                    + text.format(what=what, left=left,
                                  left_time=format_lifetime(configured[Side.LEFT]), right=right,
                                  right_time=format_lifetime(configured[Side.RIGHT]), got=got)
                    + "</span>")

    def _draw_phase(self, plot: pg.PlotItem, run: ScenarioRun, phase: int,
                    bars: list[LifetimeBar], established: dict[tuple[int, Side], bool]) -> None:
        colour = QColor(PHASE1_COLOUR if phase == 1 else PHASE2_COLOUR)
        name = (self.tr("IKE SA (phase 1) lifetime") if phase == 1
                else self.tr("IPsec SA (phase 2) lifetime"))
        plot.setTitle(name, color=self._foreground.name(), size="9pt")
        longest = max((b.end_hours for b in bars), default=1.0)
        configured = {b.side: b.seconds for b in bars if b.kind == "configured"}
        sa = {b.side: b.seconds for b in bars if b.kind == "sa"}
        mismatch_configured = len(set(configured.values())) > 1
        mismatch_sa = len(set(sa.values())) > 1
        for bar in bars:
            y = LANE[bar.side]
            if bar.kind == "sa":
                y0, y1 = y - 0.02, y + 0.30
                fill = QColor(colour)
                outline = QColor(AGAIN_COLOUR) if mismatch_sa else colour.darker(130)
            else:
                y0, y1 = y - 0.26, y - 0.12
                fill = QColor(CONFIGURED_COLOUR)
                fill.setAlphaF(0.55)
                outline = QColor(AGAIN_COLOUR) if mismatch_configured else QColor(
                    CONFIGURED_COLOUR)
            margin_start = bar.end_hours - bar.hours * REKEY_MARGIN
            body = pg.BarGraphItem(x0=[bar.start_hours], x1=[margin_start], y0=[y0], y1=[y1],
                                   brush=pg.mkBrush(fill), pen=pg.mkPen(outline, width=1))
            hatch = QBrush(fill, Qt.BrushStyle.BDiagPattern)
            margin = pg.BarGraphItem(x0=[margin_start], x1=[bar.end_hours], y0=[y0], y1=[y1],
                                     brush=hatch, pen=pg.mkPen(outline, width=1))
            plot.addItem(body)
            plot.addItem(margin)
            if bar.kind == "sa":
                self._text(plot, f"{format_lifetime(bar.seconds)}", bar.end_hours, (y0 + y1) / 2,
                           (-0.05, 0.5), colour=colour, bold=True)
                if bar.side is Side.LEFT:
                    self._text(plot, self.tr("rekey"), (margin_start + bar.end_hours) / 2, y1,
                               (0.5, 1.0), colour=CONFIGURED_COLOUR)
            else:
                self._text(plot, self.tr("configured {time}").format(
                    time=format_lifetime(bar.seconds)), bar.end_hours,
                           (y0 + y1) / 2, (-0.05, 0.5),
                           colour=AGAIN_COLOUR if mismatch_configured else CONFIGURED_COLOUR)
        for side in (Side.LEFT, Side.RIGHT):
            if not established.get((phase, side)):
                self._text(plot, self.tr("not established"), 0.0, LANE[side] + 0.14,
                           (0.0, 0.5),
                           colour=FAILURE_COLOUR)
        self._lane_axis(plot, run)
        plot.getAxis("bottom").setLabel(self.tr("hours after establishment"),
                                        color=CONFIGURED_COLOUR)
        vb = plot.getViewBox()
        vb.setYRange(-0.5, 1.5, padding=0)
        right = longest * 1.8
        vb.setLimits(xMin=-right * 0.05, xMax=right * 1.1)
        vb.setXRange(0, right, padding=0.02)
