"""Fixes of the figure and of ``ikeviz render``.

- the "x" of a refused message never covers its label, nor touches its arrowhead;
- a label too long for the space between the lifelines uses the free width beyond
  them (the lifeline is broken behind it) before it is shortened;
- a long title is wrapped, then cut with an ellipsis; the two headers never overlap;
- ``--step`` beyond the diagram and an output file that cannot be written are clear
  errors (exit 2).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QImage, QPainter  # noqa: E402

from ikeviz.cli.main import main  # noqa: E402
from ikeviz.diagnosis import diagnose  # noqa: E402
from ikeviz.render import Diagram, build_diagram  # noqa: E402
from ikeviz.render.export import ensure_qt_app, export_figure  # noqa: E402
from ikeviz.render.painter import (  # noqa: E402
    CROSS_RADIUS,
    LIGHT,
    PRINT,
    Theme,
    _has_cross,
    _label_width,
    _layout,
    _Painter,
    _title_lines,
)
from ikeviz.scenario.fileformat import load_scenario  # noqa: E402
from ikeviz.scenario.lessons import lesson_path  # noqa: E402
from ikeviz.scenario.model import Side  # noqa: E402
from ikeviz.scenario.profiles import builtin_profiles  # noqa: E402
from ikeviz.simulation import run_scenario  # noqa: E402

FAILING = ("subnet-mismatch", "pfs-groups-differ", "identity-type-mismatch", "wrong-psk",
           "p1-dh-group-mismatch")


@pytest.fixture(scope="module")
def app() -> object:
    return ensure_qt_app()


def diagram_of(lesson: str) -> Diagram:
    run = run_scenario(load_scenario(lesson_path(lesson)), builtin_profiles())
    return build_diagram(run, diagnose(run))


def painter_for(diagram: Diagram, theme: Theme, width: float | None) -> _Painter:
    layout = _layout(diagram, theme, width)
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = _Painter(QPainter(image), diagram, layout, theme, len(diagram.rows), None)
    _IMAGES[id(painter)] = image  # alive as long as its QPainter
    return painter


_IMAGES: dict[int, QImage] = {}


def close(p: _Painter) -> None:
    p.p.end()
    _IMAGES.pop(id(p), None)


# --- the "x" and the labels --------------------------------------------------------------


@pytest.mark.parametrize("lesson", FAILING)
@pytest.mark.parametrize("width,size", [(None, 16.0), (610, 12.0), (900, 16.0), (640, 16.0)])
def test_the_cross_never_covers_the_label_nor_the_arrowhead(
        app: object, lesson: str, width: float | None, size: float) -> None:
    diagram = diagram_of(lesson)
    p = painter_for(diagram, LIGHT.with_font_size(size), width)
    try:
        crossed = [row for row in diagram.rows if _has_cross(row)]
        assert crossed, "the lesson has a refused message"
        f = p.f
        for row in crossed:
            cross = p.cross_x(row)
            assert cross is not None
            left, _summary, total = p.label_place(row)
            reach = CROSS_RADIUS * f + 3.25  # the "x" and its halo
            assert left + total <= cross - reach or left >= cross + reach, row.label
            # Air between the "x" and the arrowhead (which starts 0.75 f before the line).
            receiver = p.x_of(row.sender.other)
            head_start = abs(receiver - cross) - 3 - 0.75 * f
            assert head_start - reach >= 0.25 * f, row.label
    finally:
        close(p)


@pytest.mark.parametrize("lesson", ["subnet-mismatch", "pfs-groups-differ"])
def test_a_long_label_uses_the_width_beyond_the_lifelines(app: object, lesson: str) -> None:
    diagram = diagram_of(lesson)
    p = painter_for(diagram, LIGHT, 640)
    try:
        mm5 = next(r for r in diagram.rows if r.label == "MM5")
        inner = p.lay.x_right - p.lay.x_left - 2 * p.f
        assert _label_width(mm5, p.fonts) > inner  # too long for between the lifelines
        left, summary, total = p.label_place(mm5)
        assert summary == mm5.summary  # whole: "HDR*, IDii, HASH_I, N(INITIAL-CONTACT)"
        assert left >= p.lay.time_right  # clear of the times
        assert left + total <= p.lay.width - p.lay.margin
        # The lifeline it reaches over is broken behind it.
        top = p.lay.rows[mm5.index].label_y
        broken = [gap for side in (Side.LEFT, Side.RIGHT) for gap in p.label_gaps(side)]
        assert any(a <= top + 1 and b >= top + 5 for a, b in broken)
    finally:
        close(p)


def test_a_label_that_fits_stays_centred_between_the_lifelines(app: object) -> None:
    diagram = diagram_of("omnipcx-strongswan-ok")
    p = painter_for(diagram, LIGHT, None)
    try:
        for row in diagram.rows:
            left, summary, total = p.label_place(row)
            assert summary == row.summary
            assert left + total / 2 == pytest.approx((p.lay.x_left + p.lay.x_right) / 2)
        assert p.label_gaps(Side.LEFT) == [] and p.label_gaps(Side.RIGHT) == []
    finally:
        close(p)


# --- the title and the headers -------------------------------------------------------------


def test_a_long_title_is_wrapped_then_elided(app: object) -> None:
    diagram = diagram_of("omnipcx-strongswan-ok")
    from dataclasses import replace

    long = replace(diagram, title=" ".join(["Ünïcødé titre très long"] * 20))
    layout = _layout(long, LIGHT, 800)
    room = layout.width - 2 * layout.margin
    assert len(layout.title_lines) == 2
    assert layout.title_lines[-1].endswith("…")
    from ikeviz.render.painter import _width

    assert all(_width(layout.fonts.title, line) <= room + 0.5 for line in layout.title_lines)
    # A title that fits is one line, as before.
    assert _title_lines("Short", layout.fonts.title, room) == ["Short"]
    # The rest of the figure moves down to make room.
    short = _layout(diagram, LIGHT, 800)
    assert layout.header_rect[Side.LEFT].top() > short.header_rect[Side.LEFT].top()


def test_the_headers_do_not_overlap_in_a_narrow_figure(app: object) -> None:
    layout = _layout(diagram_of("subnet-mismatch"), LIGHT, 640)
    left, right = layout.header_rect[Side.LEFT], layout.header_rect[Side.RIGHT]
    assert left.right() < right.left()
    assert left.left() >= 0 and right.right() <= layout.width
    for side, rect in layout.header_rect.items():  # still over their lifelines
        x = layout.x_left if side is Side.LEFT else layout.x_right
        assert rect.left() < x < rect.right()


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_the_figures_show_the_whole_label(tmp_path: Path, app: object, suffix: str) -> None:
    out = tmp_path / f"fig.{suffix}"
    export_figure(diagram_of("subnet-mismatch"), out, theme=PRINT, width=640)
    data = out.read_bytes()
    assert len(data) > 1000
    if suffix == "svg":
        assert b"N(INITIAL-CONTACT)" in data


# --- ikeviz render ---------------------------------------------------------------------------


def test_render_step_beyond_the_diagram_is_an_error(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.png"
    assert main(["render", "--lesson", "pfs-groups-differ", "--step", "999",
                 "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "--step 999" in err and "between 0 and 9" in err
    assert not out.exists()
    assert main(["render", "--lesson", "pfs-groups-differ", "--step", "9",
                 "-o", str(out)]) == 0


def test_render_to_a_missing_folder_says_so(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no" / "such" / "x.png"
    assert main(["render", "--lesson", "pfs-groups-differ", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"ikeviz: cannot write the figure to {out}: the folder {out.parent} "
                   "does not exist")
    assert "Errno" not in err


def test_render_into_a_file_as_folder_says_so(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["render", "--lesson", "pfs-groups-differ", "-o",
                 str(blocker / "x.svg")]) == 2
    err = capsys.readouterr().err
    assert f"cannot write the figure to {blocker / 'x.svg'}: {blocker} is not a folder" in err
