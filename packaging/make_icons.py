"""Write the application icon's PNG sizes, the Windows .ico and the macOS .icns.

The one source is ``resources/icons/ikeviz.svg``; this script renders it with Qt's
own SVG renderer (QtSvg, part of PySide6-Essentials) and writes, beside it:

- ``ikeviz-16.png`` ... ``ikeviz-512.png`` (16, 24, 32, 48, 64, 128, 256, 512 px): the
  window icon and the freedesktop ``hicolor`` theme sizes;
- ``ikeviz.ico``: the Windows icon (PNG-compressed entries, 16 to 256 px);
- ``ikeviz.icns``: the macOS icon (PNG entries, 16 to 1024 px, 1x and 2x).

Both containers are written here, in plain Python, from the same PNG bytes, so no Pillow
or iconutil is needed and every platform gets the same pixels. Run it after editing the
SVG::

    python packaging/make_icons.py          # rewrite the files
    python packaging/make_icons.py --check  # exit 1 when a file is not current

``tests/test_icons.py`` runs the check.
"""

from __future__ import annotations

import argparse
import struct
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "ikeviz.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# The ICNS element types holding PNG data: (type, pixel size).
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
    (b"ic09", 512), (b"ic10", 1024),
    (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512),
)
# How far a re-rendered pixel may differ from the stored one (another Qt version may
# antialias an edge a little differently): per channel, and on average.
MAX_CHANNEL_DELTA = 48
MAX_MEAN_DELTA = 1.0


def png_path(size: int, folder: Path = ICONS) -> Path:
    return folder / f"ikeviz-{size}.png"


def render(size: int, svg: Path = SVG) -> bytes:
    """The SVG drawn at ``size`` x ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from ikeviz.render.export import ensure_qt_app

    ensure_qt_app()
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a valid SVG for Qt")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"cannot encode the {size} px icon as PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: Mapping[int, bytes]) -> bytes:
    """A Windows .ico holding the given PNG images (Windows Vista and later read PNG entries)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    directory, images = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + directory + images


def icns_bytes(pngs_by_type: Iterable[tuple[bytes, bytes]]) -> bytes:
    """A macOS .icns of (element type, PNG bytes) pairs."""
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data
                    for kind, data in pngs_by_type)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def read_ico(data: bytes) -> dict[int, bytes]:
    """The PNG entries of an .ico, by size (the inverse of :func:`ico_bytes`)."""
    _reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    if kind != 1:
        raise ValueError("not an icon file")
    out = {}
    for i in range(count):
        width, _h, _c, _r, _p, _b, length, offset = struct.unpack_from("<BBBBHHII", data,
                                                                        6 + 16 * i)
        out[width or 256] = data[offset:offset + length]
    return out


def read_icns(data: bytes) -> list[tuple[bytes, bytes]]:
    """The (element type, data) pairs of an .icns (the inverse of :func:`icns_bytes`)."""
    if data[:4] != b"icns" or struct.unpack_from(">I", data, 4)[0] != len(data):
        raise ValueError("not an icns file")
    out, position = [], 8
    while position < len(data):
        kind = data[position:position + 4]
        (length,) = struct.unpack_from(">I", data, position + 4)
        out.append((kind, data[position + 8:position + length]))
        position += length
    return out


def expected_files(svg: Path = SVG) -> dict[str, bytes]:
    """Every generated file's name and content, rendered from ``svg`` now."""
    rendered = {size: render(size, svg) for size in {*PNG_SIZES, *(s for _, s in ICNS_TYPES)}}
    files = {png_path(size).name: rendered[size] for size in PNG_SIZES}
    files["ikeviz.ico"] = ico_bytes({size: rendered[size] for size in ICO_SIZES})
    files["ikeviz.icns"] = icns_bytes((kind, rendered[size]) for kind, size in ICNS_TYPES)
    return files


def pixel_difference(a: bytes, b: bytes) -> tuple[int, float] | None:
    """(largest channel difference, mean channel difference) of two PNGs; None: other sizes."""
    from PySide6.QtGui import QImage

    first, second = QImage(), QImage()
    first.loadFromData(a)
    second.loadFromData(b)
    if first.isNull() or second.isNull() or first.size() != second.size():
        return None
    first = first.convertToFormat(QImage.Format.Format_RGBA8888)
    second = second.convertToFormat(QImage.Format.Format_RGBA8888)
    x, y = first.constBits().tobytes(), second.constBits().tobytes()
    deltas = [abs(p - q) for p, q in zip(x, y, strict=True)]
    return max(deltas), sum(deltas) / len(deltas)


def stale_files(folder: Path = ICONS, svg: Path = SVG) -> list[str]:
    """The generated files that are missing or do not match the SVG, one line each."""
    problems = []
    wanted = expected_files(svg)
    stored: dict[int, bytes] = {}
    for size in PNG_SIZES:
        path = png_path(size, folder)
        if not path.is_file():
            problems.append(f"{path.name}: missing")
            continue
        stored[size] = path.read_bytes()
        difference = pixel_difference(stored[size], wanted[path.name])
        if difference is None:
            problems.append(f"{path.name}: not a {size} x {size} PNG")
        elif difference[0] > MAX_CHANNEL_DELTA or difference[1] > MAX_MEAN_DELTA:
            problems.append(f"{path.name}: differs from the SVG (largest channel difference "
                            f"{difference[0]}, mean {difference[1]:.2f})")
    ico, icns = folder / "ikeviz.ico", folder / "ikeviz.icns"
    if not ico.is_file():
        problems.append("ikeviz.ico: missing")
    else:
        entries = read_ico(ico.read_bytes())
        if sorted(entries) != sorted(ICO_SIZES):
            problems.append(f"ikeviz.ico: sizes {sorted(entries)}, expected {list(ICO_SIZES)}")
        problems += [f"ikeviz.ico: the {size} px entry is not ikeviz-{size}.png"
                     for size in ICO_SIZES if size in stored and entries.get(size) != stored[size]]
    if not icns.is_file():
        problems.append("ikeviz.icns: missing")
    else:
        elements = read_icns(icns.read_bytes())
        if [kind for kind, _ in elements] != [kind for kind, _ in ICNS_TYPES]:
            problems.append("ikeviz.icns: not the expected element types")
        for (kind, data), (_, size) in zip(elements, ICNS_TYPES, strict=False):
            if size in stored and data != stored[size]:
                problems.append(f"ikeviz.icns: the {kind.decode()} entry is not "
                                f"ikeviz-{size}.png")
    return problems


def write_files(folder: Path = ICONS, svg: Path = SVG) -> list[Path]:
    written = []
    for name, data in expected_files(svg).items():
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write: exit 1 when a generated file is not current")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale_files()
        for line in problems:
            print(f"make_icons: {line}", file=sys.stderr)
        if problems:
            print("make_icons: run `python packaging/make_icons.py`", file=sys.stderr)
            return 1
        print("make_icons: the icons are current")
        return 0
    for path in write_files():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
