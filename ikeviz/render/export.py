"""Export a diagram as a figure: PNG, SVG or PDF, the same bytes on every run.

Text stays text in SVG (``<text>`` elements) and PDF (embedded font subsets
with a ToUnicode map, so it can be selected, searched and extracted).

Determinism: the same diagram, theme and size give byte-identical SVG and PDF
files on every run, in every process and time zone. What Qt writes that varies,
and what is done about it (found by exporting in two processes and diffing):

- PDF, ``/CreationDate`` and ``/ModDate`` of the Info dictionary and the XMP
  ``xmp:CreateDate``/``ModifyDate``/``MetadataDate``: the export time, in local
  time ("Z" in UTC, "+05'30'" elsewhere, so not even of a fixed length).
  :func:`stable_pdf` replaces them by 2000-01-01T00:00:00Z and then corrects
  the metadata stream's ``/Length``, every ``xref`` offset and ``startxref``,
  so the file stays valid whatever the lengths;
- PDF, the trailer's ``/ID`` and the XMP ``xmpMM:DocumentID``: a random UUID
  per document; pinned with ``QPdfWriter.setDocumentId`` to a UUID derived
  from the content (the diagram, the theme, the size, the step);
- PDF, the order of the font objects (regular before bold, or the reverse):
  Qt keeps the fonts in a ``QHash``, seeded at random per process; the hash
  seed is made deterministic while a figure is written
  (:func:`deterministic_qhash`);
- SVG: only the title and description could vary; they are set from the
  diagram. Nothing else varies (no date, no random id).

PNG files carry no date (Qt writes none), so they are stable too.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from math import ceil
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QHashSeed,
    QIODevice,
    QMarginsF,
    QRectF,
    QSize,
    QSizeF,
    QUuid,
)
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QImageWriter,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtSvg import QSvgGenerator

from ikeviz.render.diagram import Diagram
from ikeviz.render.painter import LIGHT, Theme, diagram_size, paint_diagram

FORMATS = (".png", ".svg", ".pdf")
CREATOR = "ikeviz"
# What the figures say they are; no date, no user, no host.
FIXED_DATE = "2000-01-01T00:00:00"
_PDF_DATE = "D:20000101000000"

_app: QGuiApplication | None = None


def ensure_qt_app() -> QGuiApplication:
    """The running QGuiApplication, or a new one (offscreen when there is no display)."""
    global _app
    existing = QGuiApplication.instance()
    if existing is not None:
        if not isinstance(existing, QGuiApplication):
            raise RuntimeError("a QCoreApplication is running: figures need a QGuiApplication")
        return existing
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A QApplication (a QGuiApplication that also allows widgets): a process that
    # exports a figure first and opens a window later (the GUI, its tests) must
    # not find a bare QGuiApplication, which makes Qt abort on the first widget.
    from PySide6.QtWidgets import QApplication

    _app = QApplication([sys.argv[0] if sys.argv and sys.argv[0] else "ikeviz"])
    return _app


def export_figure(
    diagram: Diagram,
    path: str | os.PathLike[str],
    *,
    theme: Theme = LIGHT,
    width: float | None = None,
    scale: float = 1.0,
    step: int | None = None,
) -> None:
    """Write ``diagram`` to ``path``; the extension (.png, .svg, .pdf) picks the format.

    ``width``: in pixels (None: the diagram's natural width); ``scale``: the
    device pixel ratio of a PNG (2 gives twice the pixels each way, for
    high-DPI screens and slides); ``step``: draw only the first rows.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"cannot export a figure as {suffix or 'a file without extension'!r} "
                         f"({target.name}): use one of {', '.join(FORMATS)}")
    if scale <= 0:
        raise ValueError(f"scale must be positive, not {scale}")
    ensure_qt_app()
    size = diagram_size(diagram, theme, width)
    if suffix == ".png":
        data = render_png(diagram, size, theme=theme, scale=scale, step=step)
    elif suffix == ".svg":
        data = render_svg(diagram, size, theme=theme, step=step)
    else:
        data = render_pdf(diagram, size, theme=theme, step=step)
    target.write_bytes(data)


@contextmanager
def deterministic_qhash() -> Iterator[None]:
    """Qt's hash tables with a fixed seed while a figure is written.

    Qt seeds every ``QHash`` at random per process; the PDF engine keeps its
    fonts in one, so the order of the font objects (regular before bold or
    the other way round) changed from run to run. The seed is only
    deterministic while the block runs (unless ``QT_HASH_SEED`` fixed it).
    """
    QHashSeed.setDeterministicGlobalSeed()
    try:
        yield
    finally:
        if os.environ.get("QT_HASH_SEED") is None:
            QHashSeed.resetRandomGlobalSeed()


def _paint(device: QImage | QSvgGenerator | QPdfWriter, diagram: Diagram, size: QSizeF,
           theme: Theme, step: int | None) -> None:
    painter = QPainter()
    if not painter.begin(device):
        raise RuntimeError(f"cannot paint on {type(device).__name__}")
    try:
        paint_diagram(painter, diagram, QRectF(0, 0, size.width(), size.height()),
                      theme=theme, step=step)
    finally:
        painter.end()


def render_png(diagram: Diagram, size: QSizeF, *, theme: Theme, scale: float = 1.0,
               step: int | None = None) -> bytes:
    ensure_qt_app()
    image = QImage(ceil(size.width() * scale), ceil(size.height() * scale),
                   QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(scale)
    dots_per_meter = round(96 * scale / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    image.fill(theme.color(theme.background))
    _paint(image, diagram, size, theme, step)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):
        raise RuntimeError(f"Qt could not encode the PNG: {writer.errorString()}")
    return bytes(buffer.data().data())


def _title(diagram: Diagram) -> str:
    return diagram.title or f"{diagram.left.name} and {diagram.right.name}"


def _description(diagram: Diagram) -> str:
    return f"IKEv1 negotiation between {diagram.left.name} and {diagram.right.name}: " + (
        diagram.verdict)


def render_svg(diagram: Diagram, size: QSizeF, *, theme: Theme,
               step: int | None = None) -> bytes:
    ensure_qt_app()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(ceil(size.width()), ceil(size.height())))
    generator.setViewBox(QRectF(0, 0, ceil(size.width()), ceil(size.height())))
    generator.setResolution(96)
    generator.setTitle(_title(diagram))
    generator.setDescription(_description(diagram))
    with deterministic_qhash():
        _paint(generator, diagram, size, theme, step)
    return bytes(buffer.data().data())


def render_pdf(diagram: Diagram, size: QSizeF, *, theme: Theme,
               step: int | None = None) -> bytes:
    ensure_qt_app()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setCreator(CREATOR)
    writer.setTitle(_title(diagram))
    writer.setResolution(96)
    points = QSizeF(size.width() * 72 / 96, size.height() * 72 / 96)
    writer.setPageLayout(QPageLayout(QPageSize(points, QPageSize.Unit.Point, "ikeviz"),
                                     QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    digest = hashlib.sha256(repr((diagram, theme, size.width(), size.height(), step))
                            .encode()).digest()
    document_id = QUuid.fromRfc4122(QByteArray(digest[:16]))
    if hasattr(writer, "setDocumentId"):  # Qt 6.8+; older ones: stable_pdf pins it
        writer.setDocumentId(document_id)
    with deterministic_qhash():
        _paint(writer, diagram, size, theme, step)
        del writer  # flushes the file into the buffer
    uuid = document_id.toString(QUuid.StringFormat.WithoutBraces)
    return stable_pdf(bytes(buffer.data().data()), document_id=uuid)


_INFO_DATE_RE = re.compile(rb"/(?:CreationDate|ModDate)\s*(\(D:[^)]*\))")
_XMP_DATE_ATTR_RE = re.compile(rb'xmp:(?:CreateDate|ModifyDate|MetadataDate)="([^"]*)"')
_XMP_DATE_ELEM_RE = re.compile(
    rb"<xmp:(CreateDate|ModifyDate|MetadataDate)>([^<]*)</xmp:(?:CreateDate|ModifyDate|"
    rb"MetadataDate)>")
_TRAILER_ID_RE = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]*)>\s*<([0-9A-Fa-f]*)>\s*\]")
_XMP_ID_RE = re.compile(rb'xmpMM:(?:DocumentID|InstanceID)="uuid:([^"]*)"')
_STREAM_RE = re.compile(rb"/Length (\d+)(\s*>>\s*stream\r?\n)")
_XREF_ENTRY_RE = re.compile(rb"(\d{10}) (\d{5}) ([nf])")


def stable_pdf(data: bytes, *, document_id: str | None = None) -> bytes:
    """Qt's PDF with its dates replaced by a fixed one, whatever the time zone.

    ``document_id`` (a UUID without braces), if given, replaces the trailer's
    ``/ID`` and the XMP document and instance IDs (for a Qt without
    ``QPdfWriter.setDocumentId``; with it, they are already that one).
    The replaced values may differ in length from Qt's ("Z" in UTC, "+05'30'"
    elsewhere), so the metadata stream's ``/Length``, every ``xref`` offset
    and ``startxref`` are recomputed: the file stays valid.
    """
    edits: list[tuple[int, int, bytes]] = []
    for m in _INFO_DATE_RE.finditer(data):
        edits.append((m.start(1), m.end(1), b"(" + _PDF_DATE.encode() + b"Z)"))
    for m in _XMP_DATE_ATTR_RE.finditer(data):
        edits.append((m.start(1), m.end(1), FIXED_DATE.encode() + b"Z"))
    for m in _XMP_DATE_ELEM_RE.finditer(data):
        edits.append((m.start(2), m.end(2), FIXED_DATE.encode() + b"Z"))
    if document_id is not None:
        hex_id = document_id.encode().hex().encode()
        for m in _TRAILER_ID_RE.finditer(data):
            edits.append((m.start(1), m.end(1), hex_id))
            edits.append((m.start(2), m.end(2), hex_id))
        for m in _XMP_ID_RE.finditer(data):
            edits.append((m.start(1), m.end(1), document_id.encode()))
    edits = [edit for edit in edits if data[edit[0]:edit[1]] != edit[2]]
    if not edits:
        return data
    # Streams whose body an edit falls into get their /Length corrected.
    for m in _STREAM_RE.finditer(data):
        body_start = m.end()
        body_end = body_start + int(m.group(1))
        delta = sum(len(new) - (end - start) for start, end, new in edits
                    if body_start <= start and end <= body_end)
        if delta:
            edits.append((m.start(1), m.end(1), str(int(m.group(1)) + delta).encode()))
    edits.sort()

    def moved(offset: int) -> int:
        return offset + sum(len(new) - (end - start) for start, end, new in edits
                            if end <= offset)

    out = bytearray()
    position = 0
    for start, end, new in edits:
        out += data[position:start] + new
        position = end
    out += data[position:]
    return _fix_xref(bytes(out), data, moved)


def _fix_xref(data: bytes, original: bytes, moved: Callable[[int], int]) -> bytes:
    """Rewrite the (classic, single) cross-reference table and ``startxref``."""
    start_at = original.rfind(b"startxref")
    if start_at < 0:
        return data
    match = re.match(rb"startxref\s+(\d+)", original[start_at:])
    if match is None:
        return data
    old_xref = int(match.group(1))
    new_xref = moved(old_xref)
    if data[new_xref:new_xref + 4] != b"xref":
        return data  # not a classic table: leave it (never the case with Qt)
    trailer = data.find(b"trailer", new_xref)
    table = data[new_xref:trailer]
    fixed = _XREF_ENTRY_RE.sub(
        lambda e: (b"%010d %s %s" % (moved(int(e.group(1))), e.group(2), e.group(3))
                   if e.group(3) == b"n" else e.group(0)), table)
    data = data[:new_xref] + fixed + data[trailer:]
    tail_at = data.rfind(b"startxref")
    return data[:tail_at] + re.sub(rb"startxref\s+\d+", b"startxref\n%d" % new_xref,
                                   data[tail_at:], count=1)


__all__ = [
    "FORMATS",
    "deterministic_qhash",
    "ensure_qt_app",
    "export_figure",
    "render_pdf",
    "render_png",
    "render_svg",
    "stable_pdf",
]
