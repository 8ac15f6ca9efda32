"""The application icon's generated files (PNG sizes, .ico, .icns) match its SVG."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def make_icons() -> ModuleType:
    path = ROOT / "packaging" / "make_icons.py"
    spec = importlib.util.spec_from_file_location("make_icons", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_the_icon_files_are_current() -> None:
    problems = make_icons().stale_files()
    assert not problems, ("; ".join(problems)
                          + " (run `python packaging/make_icons.py` after editing ikeviz.svg)")


def test_a_changed_svg_is_noticed(tmp_path: Path) -> None:
    tool = make_icons()
    svg = tmp_path / "ikeviz.svg"
    svg.write_text(tool.SVG.read_text().replace("#ffb020", "#20b0ff"))
    for name in [f"ikeviz-{s}.png" for s in tool.PNG_SIZES] + ["ikeviz.ico", "ikeviz.icns"]:
        (tmp_path / name).write_bytes((tool.ICONS / name).read_bytes())
    problems = tool.stale_files(tmp_path, svg)
    assert any("ikeviz-16.png: differs from the SVG" in p for p in problems)
    tool.write_files(tmp_path, svg)
    assert tool.stale_files(tmp_path, svg) == []


def test_the_containers_hold_the_pngs() -> None:
    tool = make_icons()
    ico = tool.read_ico((tool.ICONS / "ikeviz.ico").read_bytes())
    assert sorted(ico) == sorted(tool.ICO_SIZES)
    assert ico[256] == (tool.ICONS / "ikeviz-256.png").read_bytes()
    icns = dict(tool.read_icns((tool.ICONS / "ikeviz.icns").read_bytes()))
    assert icns[b"ic09"] == (tool.ICONS / "ikeviz-512.png").read_bytes()
    assert icns[b"ic10"][:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("size", [16, 512])
def test_the_pngs_are_square_and_not_blank(size: int) -> None:
    from PySide6.QtGui import QImage

    from ikeviz.render.export import ensure_qt_app

    ensure_qt_app()
    image = QImage(str(ROOT / "resources" / "icons" / f"ikeviz-{size}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.pixelColor(size // 2, size // 2).alpha() == 255
    assert image.pixelColor(0, 0).alpha() < 128  # a margin around the rounded square
