"""Write the README's picture of the lessons browser, rendered offscreen at 1120 x 860.

``docs/lessons-browser.png``: the bundled lessons and a folder of the trainer's own (one
lesson, one file with a typo), a lesson selected with its explanation revealed. The
settings go to a temporary folder: the user's own are not touched.

    QT_QPA_PLATFORM=offscreen python tools/lessons_browser_screenshot.py [--lesson NAME]
        [--out FILE] [--no-folder]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WIDTH, HEIGHT = 1120, 860


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", default="p1-dh-group-mismatch")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "lessons-browser.png")
    parser.add_argument("--no-folder", action="store_true",
                        help="the bundled lessons only")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QSplitter

    app = QApplication.instance() or QApplication(["ikeviz"])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    app.setOrganizationName("ikeviz")
    app.setApplicationName("ikeviz")

    from ikeviz.gui.mainwindow import MainWindow
    from ikeviz.scenario.lessons import lesson_path

    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                          str(base / "settings"))
        window = MainWindow(autosave_path=base / "autosave.toml", restore_layout=False)
        window.show()
        browser = window.show_lessons_browser()
        if not args.no_folder:
            folder = base / "Trainer lessons"
            folder.mkdir()
            shutil.copy(lesson_path("pfs-groups-differ"), folder / "pfs-groups.toml")
            text = lesson_path("wrong-psk").read_text(encoding="utf-8")
            (folder / "typo.toml").write_text(text.replace("group = 2", "group = 99", 1),
                                              encoding="utf-8")
            browser.add_folder(folder)
        if not browser.select_lesson(lesson_path(args.lesson)):
            print(f"{args.lesson}: no such lesson", file=sys.stderr)
            return 2
        browser.reveal()
        browser.resize(WIDTH, HEIGHT)
        splitter = browser.tree.parentWidget()
        if isinstance(splitter, QSplitter):  # every row in view
            splitter.setSizes([HEIGHT * 64 // 100, HEIGHT * 36 // 100])
        browser.tree.scrollToTop()
        app.processEvents()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        browser.grab().save(str(args.out))
        print(args.out)
        window.document._force_modified = False  # nothing to save: closing must not ask
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
