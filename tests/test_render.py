"""The diagram: its model, its painting, and figures that are the same bytes every time."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402

from ikeviz.diagnosis import diagnose  # noqa: E402
from ikeviz.protocol.config import ChildProposal, IkeProposal  # noqa: E402
from ikeviz.render import Diagram, Direction, RowKind, build_diagram  # noqa: E402
from ikeviz.render.export import ensure_qt_app, export_figure, stable_pdf  # noqa: E402
from ikeviz.render.painter import (  # noqa: E402
    DARK,
    LIGHT,
    PRINT,
    Theme,
    diagram_geometry,
    diagram_size,
    paint_diagram,
)
from ikeviz.scenario.model import Gateway, Scenario, Side  # noqa: E402
from ikeviz.scenario.profiles import Profile  # noqa: E402
from ikeviz.simulation import ScenarioRun, run_scenario  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LEFT_PSK = "classroom-secret-left"
RIGHT_PSK = "classroom-secret-right"
PROFILES = {
    "oxo": Profile(id="oxo", name="Alcatel-Lucent OmniPCX Office", product="OmniPCX Office",
                   description="test profile"),
    "swan": Profile(id="swan", name="strongSwan 5", product="strongSwan",
                    description="test profile"),
}
MAIN_AND_QUICK = ["MM1", "MM2", "MM3", "MM4", "MM5", "MM6", "QM1", "QM2", "QM3"]


def scenario(case: str = "ok") -> Scenario:
    left = Gateway(name="OXO-Paris", profile="oxo", address="192.0.2.1", psk=LEFT_PSK,
                   phase1=(IkeProposal(),), phase2=(ChildProposal(),),
                   local_subnet="10.1.0.0/24", remote_subnet="10.2.0.0/24")
    right = Gateway(name="HQ-Lyon", profile="swan", address="198.51.100.1", psk=LEFT_PSK,
                    phase1=(IkeProposal(),), phase2=(ChildProposal(),),
                    local_subnet="10.2.0.0/24", remote_subnet="10.1.0.0/24")
    if case == "dh":
        right = replace(right, phase1=(IkeProposal(group=2),))
    elif case == "psk":
        right = replace(right, psk=RIGHT_PSK)
        left = replace(left, behaviour=(("retransmit_tries", 2),))
    return Scenario(title=f"Render test: {case}", left=left, right=right)


def run_case(case: str) -> ScenarioRun:
    return run_scenario(scenario(case), PROFILES)


def diagram_of(case: str, **options: object) -> Diagram:
    run = run_case(case)
    return build_diagram(run, diagnose(run), **options)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def app() -> object:
    return ensure_qt_app()


# --- the model --------------------------------------------------------------------------


def test_established_run_has_nine_arrows_in_order_with_states_and_bands() -> None:
    diagram = diagram_of("ok")
    assert diagram.established and diagram.failing_row is None
    assert [r.label for r in diagram.rows] == MAIN_AND_QUICK
    assert all(r.kind is RowKind.MESSAGE for r in diagram.rows)
    assert [r.exchange for r in diagram.rows[:2]] == ["Main Mode", "Main Mode"]
    assert diagram.rows[6].exchange == "Quick Mode"
    # Initiator (left) sends the odd ones, the responder answers.
    assert [r.direction for r in diagram.rows[:2]] == [Direction.LEFT_TO_RIGHT,
                                                      Direction.RIGHT_TO_LEFT]
    assert diagram.rows[0].summary.startswith("HDR, SA")
    assert diagram.rows[4].summary.startswith("HDR*, IDii, HASH_I")
    assert [r.encrypted for r in diagram.rows] == [False] * 4 + [True] * 5
    times = [r.time for r in diagram.rows]
    assert times == sorted(times) and times[0] == 0.0  # type: ignore[type-var]
    assert not any(r.faded or r.failing or r.mark for r in diagram.rows)
    # States after each row, in Libreswan's words.
    assert diagram.left.initial_state == "IDLE"
    assert diagram.right.initial_state == "STATE_MAIN_R0"
    assert (diagram.rows[0].left_state, diagram.rows[0].right_state) == (
        "STATE_MAIN_I1", "STATE_MAIN_R1")
    assert diagram.rows[0].left_state_changed and diagram.rows[0].right_state_changed
    assert not diagram.rows[1].right_state_changed
    assert (diagram.rows[-1].left_state, diagram.rows[-1].right_state) == (
        "STATE_QUICK_I2", "STATE_QUICK_R2")
    # Lifelines.
    assert (diagram.left.name, diagram.left.product, diagram.left.role) == (
        "OXO-Paris", "OmniPCX Office", "initiator")
    assert (diagram.right.address, diagram.right.role) == ("198.51.100.1", "responder")
    # Bands.
    assert [(b.label, b.first, b.last, b.faded) for b in diagram.bands] == [
        ("Phase 1 (Main Mode)", 0, 5, False), ("Phase 2 (Quick Mode)", 6, 8, False)]


def test_state_names_follow_the_chosen_product() -> None:
    run = run_case("ok")
    diagnosis = diagnose(run)
    cisco = build_diagram(run, diagnosis, state_names="cisco")
    assert cisco.right.initial_state == "MM_NO_STATE"
    assert cisco.rows[0].right_state == "MM_SA_SETUP"
    assert cisco.rows[-1].left_state == "QM_IDLE"
    strongswan = build_diagram(run, diagnosis, state_names="strongswan")
    assert strongswan.rows[-1].right_state == "ESTABLISHED"
    with pytest.raises(ValueError, match="unknown state naming"):
        build_diagram(run, diagnosis, state_names="juniper")  # type: ignore[arg-type]


def test_phase1_refusal_fails_at_the_info_answering_mm1_then_ghosts() -> None:
    diagram = diagram_of("dh")
    assert not diagram.established and diagram.failure_label == "MM2"
    real = [r for r in diagram.rows if r.kind is RowKind.MESSAGE]
    assert [r.label for r in real] == ["MM1", "INFO"]
    mm1, info = real
    assert diagram.failing_row == info.index == 1
    assert info.failing and info.refusal and not mm1.failing
    assert mm1.refused  # the refused message, and its refusal
    assert info.sender is Side.RIGHT and info.direction is Direction.RIGHT_TO_LEFT
    assert info.notify == "NO-PROPOSAL-CHOSEN" and not info.encrypted
    assert info.summary == "HDR, N(NO-PROPOSAL-CHOSEN)"
    assert "DH group" in info.note and "NO-PROPOSAL-CHOSEN" in info.note_title
    assert info.left_state == "FAILED"
    # What never happened: MM3..QM3, faded, after the failure.
    ghosts = [r for r in diagram.rows if r.kind is RowKind.GHOST]
    assert [r.label for r in ghosts] == ["MM3", "MM4", "MM5", "MM6", "QM1", "QM2", "QM3"]
    assert all(r.faded and r.time is None for r in ghosts)
    assert all(r.faded for r in diagram.rows[diagram.failing_row + 1:])
    assert not any(r.faded for r in diagram.rows[: diagram.failing_row + 1])
    assert ghosts[0].direction is Direction.LEFT_TO_RIGHT  # MM3: initiator to responder
    assert ghosts[1].direction is Direction.RIGHT_TO_LEFT
    assert ghosts[2].encrypted and not ghosts[0].encrypted
    # Phase 1 ends at the failure; the rest is faded.
    assert [(b.phase, b.first, b.last, b.faded) for b in diagram.bands] == [
        (1, 0, 1, False), (1, 2, 5, True), (2, 6, 8, True)]


def test_wrong_psk_shows_mm5_three_times_crosses_and_a_timeout() -> None:
    diagram = diagram_of("psk")
    assert diagram.failure_label == "MM5"
    mm5 = [r for r in diagram.rows if r.label == "MM5" and r.kind is RowKind.MESSAGE]
    assert [r.retransmission for r in mm5] == [0, 1, 2]
    assert all(r.encrypted and r.summary.startswith("HDR*") for r in mm5)
    assert diagram.failing_row == mm5[0].index and mm5[0].failing
    assert not mm5[1].failing and mm5[1].refused
    # The responder cannot read any MM5; the initiator cannot read the encrypted answers.
    assert all(r.mark is not None and r.mark.side is Side.RIGHT for r in mm5)
    infos = [r for r in diagram.rows if r.label == "INFO"]
    assert len(infos) == 3
    assert all(r.mark is not None and r.mark.side is Side.LEFT for r in infos)
    assert all(r.notify == "PAYLOAD-MALFORMED" and r.refusal for r in infos)
    assert len(diagram.marks) == 6
    # The initiator gives up: a timeout row, then the ghosts.
    (timeout,) = diagram.timeouts
    assert timeout.sender is Side.LEFT and timeout.label == "MM5"
    assert timeout.direction is None and "gave up" in timeout.note
    assert timeout.left_state == "FAILED"
    assert [r.label for r in diagram.ghosts] == ["MM6", "QM1", "QM2", "QM3"]
    assert diagram.rows.index(timeout) < diagram.ghosts[0].index
    assert diagram.bands[0].first == 0 and diagram.bands[0].last == timeout.index


def test_no_secret_reaches_the_model_or_the_figures(tmp_path: Path, app: object) -> None:
    diagram = diagram_of("psk")
    text = repr(diagram)
    assert LEFT_PSK not in text and RIGHT_PSK not in text
    export_figure(diagram, tmp_path / "psk.svg", theme=LIGHT)
    data = (tmp_path / "psk.svg").read_text(encoding="utf-8")
    assert LEFT_PSK not in data and RIGHT_PSK not in data


# --- painting ---------------------------------------------------------------------------


def paint(diagram: Diagram, theme: Theme = LIGHT, **options: object) -> QImage:
    size = diagram_size(diagram, theme)
    image = QImage(int(size.width()), int(size.height()), QImage.Format.Format_RGB32)
    image.fill(QColor(theme.background))
    painter = QPainter(image)
    paint_diagram(painter, diagram, QRectF(0, 0, size.width(), size.height()), theme=theme,
                  **options)  # type: ignore[arg-type]
    painter.end()
    return image


def inked(image: QImage, background: str) -> int:
    """How many pixels (on a 2-pixel grid) differ from the background."""
    bg = QColor(background).rgb()
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixel(x, y) != bg)


def near(color: QColor, target: str, tolerance: int = 40) -> bool:
    t = QColor(target)
    return (abs(color.red() - t.red()) + abs(color.green() - t.green())
            + abs(color.blue() - t.blue())) <= tolerance


def test_painting_is_not_blank_and_the_failing_arrow_is_red(app: object) -> None:
    diagram = diagram_of("dh")
    image = paint(diagram)
    assert inked(image, LIGHT.background) > 2000
    geometry = diagram_geometry(diagram, LIGHT)
    assert (image.width(), image.height()) == (int(geometry.width), int(geometry.height))
    failing = geometry.rows[diagram.failing_row]  # type: ignore[index]
    x_mid = int((geometry.left_x + geometry.right_x) / 2)
    y = int(failing.arrow_y)
    # Along the failing arrow, away from its label: the failure colour.
    for x in (int(geometry.left_x + 40), x_mid, int(geometry.right_x - 60)):
        assert near(image.pixelColor(x, y), LIGHT.failure), (x, y, image.pixelColor(x, y).name())
    # MM1 is an ordinary arrow (2 pixels wide, on the rows either side of its y).
    mm1 = int(geometry.rows[0].arrow_y)
    assert near(image.pixelColor(x_mid, mm1), LIGHT.arrow)
    assert near(image.pixelColor(x_mid, mm1 - 1), LIGHT.arrow)
    assert not near(image.pixelColor(x_mid, mm1), LIGHT.failure, 120)
    assert geometry.row_at(failing.arrow_y) == diagram.failing_row


def test_print_theme_marks_the_failure_without_colour(app: object) -> None:
    diagram = diagram_of("dh")
    image = paint(diagram, PRINT)
    reddish = 0
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            c = image.pixelColor(x, y)
            if c.red() - max(c.green(), c.blue()) > 60:
                reddish += 1
    assert reddish == 0
    geometry = diagram_geometry(diagram, PRINT)
    failing = geometry.rows[diagram.failing_row]  # type: ignore[index]
    x = int(geometry.left_x + 40)
    # A thick black line: black a pixel above and below the middle too.
    for dy in (-1, 0, 1):
        assert image.pixelColor(x, round(failing.arrow_y) + dy).value() < 60


def test_dark_theme_paints(app: object) -> None:
    image = paint(diagram_of("psk"), DARK)
    assert image.pixelColor(1, 1) == QColor(DARK.background)
    assert inked(image, DARK.background) > 2000


def test_steps_reveal_rows_one_by_one(app: object) -> None:
    diagram = diagram_of("psk")
    counts = [inked(paint(diagram, step=n), LIGHT.background)
              for n in (0, 1, 2, 5, len(diagram.rows))]
    assert counts == sorted(counts) and len(set(counts)) == len(counts)
    assert inked(paint(diagram), LIGHT.background) == counts[-1]
    # The size does not change from step to step.
    assert diagram_size(diagram, LIGHT) == diagram_size(diagram, LIGHT)
    plain = paint(diagram, step=3)
    highlighted = paint(diagram, step=3, highlight=1)
    assert plain != highlighted


def test_width_is_honoured_and_font_size_scales(app: object) -> None:
    diagram = diagram_of("dh")
    assert diagram_size(diagram, LIGHT, 900).width() == 900
    small = diagram_size(diagram, LIGHT)
    big = diagram_size(diagram, LIGHT.with_font_size(24))
    assert big.width() > small.width() and big.height() > small.height()


# --- export -----------------------------------------------------------------------------


def svg_texts(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    return [el.text or "" for el in root.iter("{http://www.w3.org/2000/svg}text")]


def test_svg_keeps_text_as_text(tmp_path: Path, app: object) -> None:
    export_figure(diagram_of("ok"), tmp_path / "ok.svg", theme=LIGHT)
    texts = svg_texts(tmp_path / "ok.svg")
    assert "MM1" in texts and "QM3" in texts and "OXO-Paris" in texts
    assert any("HASH_I" in t for t in texts)
    assert "Phase 1 (Main Mode)" in texts and "Phase 2 (Quick Mode)" in texts
    assert any("STATE_MAIN_I1" == t for t in texts)
    data = (tmp_path / "ok.svg").read_text(encoding="utf-8")
    assert "<title>Render test: ok</title>" in data
    assert "<image" not in data  # no pixmaps


def _pdf_streams(data: bytes) -> list[bytes]:
    out = []
    for m in re.finditer(rb"<<(.*?)>>\s*stream\r?\n", data, re.S):
        start = m.end()
        end = data.find(b"endstream", start)
        body = data[start:end]
        if b"FlateDecode" in m.group(1):
            body = zlib.decompressobj().decompress(body)
        out.append(body)
    return out


def pdf_text(data: bytes) -> str:
    """The text of a Qt PDF: glyph ids through the fonts' ToUnicode maps (no poppler needed)."""
    streams = _pdf_streams(data)
    # One map per font; a text block is decoded with each (garbage with the wrong
    # ones, the words with its own): enough to search for words.
    maps = []
    for s in streams:
        if b"beginbfrange" not in s and b"beginbfchar" not in s:
            continue
        one: dict[int, str] = {}
        for m in re.finditer(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\[([^\]]*)\]", s):
            first = int(m.group(1), 16)
            for i, u in enumerate(re.findall(rb"<([0-9A-Fa-f]+)>", m.group(3))):
                one[first + i] = bytes.fromhex(u.decode()).decode("utf-16-be")
        maps.append(one)
    texts = []
    for s in streams:
        if b"Tj" not in s:
            continue
        for block in re.findall(rb"BT(.*?)ET", s, re.S):
            ids = [int(g, 16) for g in re.findall(rb"<([0-9A-Fa-f]{4})> Tj", block)]
            for one in maps:
                texts.append("".join(one.get(i, "?") for i in ids))
    return "\n".join(texts).replace("\t", " ")


def test_pdf_text_is_extractable_and_fonts_embedded(tmp_path: Path, app: object) -> None:
    path = tmp_path / "dh.pdf"
    export_figure(diagram_of("dh"), path, theme=PRINT)
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"/FontFile2" in data and b"/ToUnicode" in data and b"DejaVuSans" in data
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True,
                              text=True).stdout
    else:
        text = pdf_text(data)
    for word in ("MM1", "INFO", "NO-PROPOSAL-CHOSEN", "OXO-Paris", "Phase 1 (Main Mode)"):
        assert word in text, word


def pdf_xref_is_valid(data: bytes) -> bool:
    tail = data[data.rfind(b"startxref"):]
    xref = int(re.match(rb"startxref\s+(\d+)", tail).group(1))  # type: ignore[union-attr]
    if data[xref:xref + 4] != b"xref":
        return False
    table = data[xref:data.find(b"trailer", xref)]
    for offset in re.findall(rb"(\d{10}) \d{5} n", table):
        if not re.match(rb"\d+ 0 obj", data[int(offset):int(offset) + 16]):
            return False
    for m in re.finditer(rb"/Length (\d+)\s*>>\s*stream\r?\n", data):
        end = m.end() + int(m.group(1))
        if not data[end:end + 12].lstrip().startswith(b"endstream"):
            return False
    return True


def export_all(directory: str) -> None:
    """Export the golden figures (also run in a fresh process by the test)."""
    ensure_qt_app()
    out = Path(directory)
    for case in ("ok", "dh", "psk"):
        diagram = diagram_of(case)
        export_figure(diagram, out / f"{case}.svg", theme=LIGHT)
        export_figure(diagram, out / f"{case}.pdf", theme=LIGHT)
        export_figure(diagram, out / f"{case}-print.pdf", theme=PRINT)
        export_figure(diagram, out / f"{case}.png", theme=LIGHT)


def test_exports_are_byte_identical_here_and_in_another_process(tmp_path: Path,
                                                                app: object) -> None:
    first, second, third = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for d in (first, second, third):
        d.mkdir()
    export_all(str(first))
    export_all(str(second))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TZ="Asia/Kolkata")
    env.pop("QT_HASH_SEED", None)
    subprocess.run([sys.executable, "-c",
                    f"from tests.test_render import export_all; export_all({str(third)!r})"],
                   cwd=ROOT, env=env, check=True, timeout=300)
    names = sorted(p.name for p in first.iterdir())
    assert len(names) == 12
    for name in names:
        a = (first / name).read_bytes()
        assert a == (second / name).read_bytes(), name
        assert a == (third / name).read_bytes(), f"{name} differs in another process"
    pdf = (first / "dh.pdf").read_bytes()
    assert b"(D:20000101000000Z)" in pdf and b'xmp:CreateDate="2000-01-01T00:00:00Z"' in pdf
    assert pdf_xref_is_valid(pdf)


def test_stable_pdf_rewrites_dates_of_any_length_and_keeps_offsets_valid(
        tmp_path: Path, app: object) -> None:
    path = tmp_path / "ok.pdf"
    export_figure(diagram_of("ok"), path, theme=LIGHT)
    pinned = path.read_bytes()
    # As Qt writes it east of UTC: longer dates; pinning gives the same bytes back.
    eastern = pinned.replace(b"(D:20000101000000Z)", b"(D:20261127020234+05'30')")
    eastern = eastern.replace(b'"2000-01-01T00:00:00Z"', b'"2026-11-27T02:02:34+05:30"')
    assert eastern != pinned
    length = re.search(rb"/Type /Metadata /Subtype /XML\s*/Length (\d+)", pinned)
    assert length is not None
    grown = int(length.group(1)) + 3 * 5
    eastern = eastern.replace(length.group(0), length.group(0)[: -len(length.group(1))]
                              + str(grown).encode())
    assert stable_pdf(eastern) == pinned
    assert pdf_xref_is_valid(pinned)
    # A Qt without QPdfWriter.setDocumentId writes a random ID: the given one replaces it.
    uuid = re.search(rb'xmpMM:DocumentID="uuid:([^"]*)"', pinned)
    assert uuid is not None
    random_id = b"01234567-89ab-cdef-0123-456789abcdef"
    shuffled = pinned.replace(uuid.group(1).hex().encode(), random_id.hex().encode())
    shuffled = shuffled.replace(b"uuid:" + uuid.group(1), b"uuid:" + random_id)
    assert shuffled != pinned
    fixed = stable_pdf(shuffled, document_id=uuid.group(1).decode())
    assert fixed == pinned and pdf_xref_is_valid(fixed)


def test_png_scale_two_has_twice_the_pixels(tmp_path: Path, app: object) -> None:
    diagram = diagram_of("ok")
    export_figure(diagram, tmp_path / "one.png", theme=LIGHT)
    export_figure(diagram, tmp_path / "two.png", theme=LIGHT, scale=2.0)
    one, two = QImage(str(tmp_path / "one.png")), QImage(str(tmp_path / "two.png"))
    assert not one.isNull() and not two.isNull()
    assert (two.width(), two.height()) == (2 * one.width(), 2 * one.height())
    assert one.pixelColor(0, 0) == QColor(LIGHT.background)
    export_figure(diagram, tmp_path / "dark.png", theme=DARK, width=1000)
    dark = QImage(str(tmp_path / "dark.png"))
    assert dark.width() == 1000 and dark.pixelColor(0, 0) == QColor(DARK.background)


def test_export_steps_and_rejects_unknown_formats(tmp_path: Path, app: object) -> None:
    diagram = diagram_of("ok")
    export_figure(diagram, tmp_path / "step.svg", theme=LIGHT, step=2)
    texts = svg_texts(tmp_path / "step.svg")
    assert "MM2" in texts and "MM3" not in texts
    with pytest.raises(ValueError, match=r"\.bmp.*\.png, \.svg, \.pdf"):
        export_figure(diagram, tmp_path / "figure.bmp", theme=LIGHT)
    with pytest.raises(ValueError, match="without extension"):
        export_figure(diagram, tmp_path / "figure", theme=LIGHT)
    assert not (tmp_path / "figure.bmp").exists()


def test_ensure_qt_app_gives_the_one_application(app: object) -> None:
    from PySide6.QtGui import QGuiApplication

    assert ensure_qt_app() is QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)


def test_the_model_needs_no_qt() -> None:
    code = ("import sys, ikeviz.render, ikeviz.render.diagram; "
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True, timeout=120).stdout.strip()
    assert out == "[]"
