"""The timeline: messages on the virtual clock, retransmissions, failures, SA lifetimes."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt, QtMsgType, qInstallMessageHandler  # noqa: E402

from ikeviz.protocol.events import MessageSent  # noqa: E402
from ikeviz.scenario.lessons import DEFAULT_SCENARIO, bundled_lessons  # noqa: E402
from ikeviz.scenario.model import Side  # noqa: E402
from ikeviz.scenario.profiles import builtin_profiles  # noqa: E402
from ikeviz.simulation import ScenarioRun, run_scenario  # noqa: E402

pg = pytest.importorskip("pyqtgraph")

from ikeviz.gui.timeline import REKEY_MARGIN, Timeline, TimeWarp  # noqa: E402

# The offscreen platform plugin itself says this whenever a top-level widget is
# shown; it is about the plugin, not about the widgets under test.
_PLATFORM_NOISE = ("This plugin does not support propagateSizeHints()",)


@pytest.fixture(autouse=True)
def qt_messages(qapp: object) -> Iterator[list[tuple[QtMsgType, str]]]:
    """Record every Qt message of a test and fail it on any warning."""
    records: list[tuple[QtMsgType, str]] = []

    previous = None

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        records.append((kind, message))
        if previous is not None:  # pytest-qt's own capture (qtlog) sees it too
            previous(kind, context, message)

    previous = qInstallMessageHandler(handler)
    yield records
    qInstallMessageHandler(previous)
    bad = [m for k, m in records
           if k in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
           and m not in _PLATFORM_NOISE]
    assert not bad, f"Qt warnings: {bad}"


@pytest.fixture(scope="module")
def runs() -> dict[str, ScenarioRun]:
    profiles = builtin_profiles()
    lessons = {entry.name: entry for entry in bundled_lessons(profiles)}
    return {name: run_scenario(lessons[name].scenario, profiles)
            for name in (DEFAULT_SCENARIO, "wrong-psk", "lifetime-lenient-responder")}


@pytest.fixture
def timeline(qtbot: object) -> Timeline:
    widget = Timeline()
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.resize(700, 600)
    widget.show()
    qtbot.waitExposed(widget)  # type: ignore[attr-defined]
    return widget


def _texts(plot: object) -> list[str]:
    return [item.toPlainText() for item in plot.items  # type: ignore[attr-defined]
            if isinstance(item, pg.TextItem)]


def test_default_lesson_has_one_point_per_message(timeline: Timeline,
                                                  runs: dict[str, ScenarioRun]) -> None:
    run = runs[DEFAULT_SCENARIO]
    timeline.set_run(run)
    sent = [i for i, e in enumerate(run.trace.events) if isinstance(e, MessageSent)]
    assert [p.index for p in timeline.message_points] == sent
    assert timeline.scatter is not None and len(timeline.scatter.points()) == len(sent) == 9
    assert [p.label for p in timeline.message_points] == [
        "MM1", "MM2", "MM3", "MM4", "MM5", "MM6", "QM1", "QM2", "QM3"]
    # Lanes: the left gateway (initiator here) sends MM1, the right one MM2.
    assert timeline.message_points[0].side is Side.LEFT
    assert timeline.message_points[1].side is Side.RIGHT
    xs = [p.x for p in timeline.message_points]
    assert xs == sorted(xs)
    assert not timeline.marks
    assert all(p.received_at is not None and not p.unreadable for p in timeline.message_points)


def test_wrong_psk_retransmissions_back_off_and_fail(timeline: Timeline,
                                                     runs: dict[str, ScenarioRun]) -> None:
    run = runs["wrong-psk"]
    timeline.set_run(run)
    sent = [e for e in run.trace.events if isinstance(e, MessageSent)]
    assert len(timeline.message_points) == len(sent) == 10
    assert len(timeline.scatter.points()) == 10  # type: ignore[union-attr]
    mm5 = [p for p in timeline.message_points if p.label == "MM5"]
    assert [p.retransmission for p in mm5] == [0, 1, 2]
    texts = _texts(timeline.messages_plot)
    assert "MM5\nagain 1" in texts and "MM5\nagain 2" in texts
    # The back-off: the waits grow, in time and on screen.
    waits = [b.time - a.time for a, b in zip(mm5, mm5[1:], strict=False)]
    assert waits[1] > waits[0]
    gaps = [b.x - a.x for a, b in zip(mm5, mm5[1:], strict=False)]
    assert gaps[1] > gaps[0] > 0
    assert any(t.startswith("waited 10 s") for t in texts)
    assert any(t.startswith("waited 20 s") for t in texts)
    # The failure is marked: MM5 unreadable at the responder, the initiator gives up.
    kinds = {(m.kind, m.side) for m in timeline.marks}
    assert ("unreadable", Side.RIGHT) in kinds
    assert ("gave-up", Side.LEFT) in kinds
    assert "gave up" in texts
    assert any(p.unreadable for p in mm5)
    # Nothing was established: the lifetimes are the configured ones only.
    assert {b.kind for b in timeline.lifetime_bars} == {"configured"}


def test_lifetime_mismatch_shows_as_bars_of_different_lengths(
        timeline: Timeline, runs: dict[str, ScenarioRun]) -> None:
    run = runs["lifetime-lenient-responder"]
    timeline.set_run(run)
    configured = {b.side: b for b in timeline.lifetime_bars
                  if b.phase == 1 and b.kind == "configured"}
    assert configured[Side.LEFT].seconds == 86400
    assert configured[Side.RIGHT].seconds == 10800
    assert configured[Side.LEFT].hours != configured[Side.RIGHT].hours
    sa = {b.side: b for b in timeline.lifetime_bars if b.phase == 1 and b.kind == "sa"}
    assert sa[Side.LEFT].seconds == sa[Side.RIGHT].seconds == 86400  # the lenient responder
    # The bars drawn: two of the phase-1 plot's differ in length.
    lengths = set()
    for item in timeline.phase1_plot.items:
        if isinstance(item, pg.BarGraphItem):
            x0, x1 = item.opts["x0"][0], item.opts["x1"][0]
            lengths.add(round(x1 - x0, 6))
    assert len(lengths) >= 3  # body and rekey margin of two different lifetimes
    # The rekey margin is the last 10 %, for each bar.
    for bar in timeline.lifetime_bars:
        assert 0 < REKEY_MARGIN < 1 and bar.end_hours > bar.start_hours
    assert "rekey" in _texts(timeline.phase1_plot)
    assert timeline.note_label.isVisible()
    assert "24 h" in timeline.note_label.text() and "3 h" in timeline.note_label.text()
    # Phase 2 matches: no warning about it.
    p2 = {b.seconds for b in timeline.lifetime_bars if b.phase == 2}
    assert p2 == {3600}


def test_clicking_a_message_emits_its_trace_index(qtbot: object, timeline: Timeline,
                                                  runs: dict[str, ScenarioRun]) -> None:
    run = runs[DEFAULT_SCENARIO]
    timeline.set_run(run)
    point = next(p for p in timeline.message_points if p.label == "MM3")
    pos = timeline.scene_position(point)
    with qtbot.waitSignal(timeline.messageClicked, timeout=2000) as blocker:  # type: ignore
        qtbot.mouseClick(timeline.graphics.viewport(),  # type: ignore[attr-defined]
                         Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [point.index]
    assert isinstance(run.trace.events[point.index], MessageSent)
    timeline.set_current(point.index)
    assert timeline._current_marker is not None
    assert len(timeline._current_marker.points()) == 1


def test_time_warp_is_monotone_and_invertible() -> None:
    times = [0.0, 0.01, 0.02, 0.03, 10.03, 10.04, 30.04, 30.05, 70.05]
    warp = TimeWarp(times, 0.01)
    xs = [warp.x(t) for t in times]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    for t in times + [5.0, 20.0, 50.0]:
        assert warp.t(warp.x(t)) == pytest.approx(t, abs=1e-9)
    widths = [b.x0 - a.x1 for a, b in warp.breaks]
    assert widths == sorted(widths) and widths[0] < widths[-1]


def test_clear_and_renders(timeline: Timeline, runs: dict[str, ScenarioRun],
                           tmp_path: os.PathLike[str]) -> None:
    timeline.set_run(runs["wrong-psk"])
    image = timeline.grab()
    assert image.width() == 700 and image.height() == 600
    assert image.save(os.path.join(os.fspath(tmp_path), "timeline.png"))
    timeline.set_run(None)
    assert timeline.message_points == [] and timeline.lifetime_bars == []
