"""Write the README's pictures of presenter mode, rendered offscreen at 1920 x 1080.

``docs/presenter.png``: a failing lesson (the phase-1 DH group mismatch) at its failing
step, the laser spot on the refusal; ``docs/presenter-quiz.png``: the same lesson with
the quiz on, the class asked about Main Mode message 2.

    QT_QPA_PLATFORM=offscreen python tools/presenter_screenshot.py [--lesson NAME] [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WIDTH, HEIGHT = 1920, 1080


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", default="p1-dh-group-mismatch")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--language", default="en", choices=("en", "fr"))
    args = parser.parse_args(argv)

    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["ikeviz"])
    app.setStyle("Fusion")
    from ikeviz.gui.translation import install_language

    install_language(app, args.language)

    from ikeviz.gui.document import Document
    from ikeviz.gui.presenter import PresenterWindow
    from ikeviz.scenario.fileformat import load_scenario
    from ikeviz.scenario.lessons import lesson_path

    document = Document(load_scenario(lesson_path(args.lesson)))
    failing = document.diagram.failing_row if document.diagram is not None else None
    if failing is None:
        print(f"{args.lesson}: the lesson does not fail", file=sys.stderr)
        return 2
    size = QSize(WIDTH, HEIGHT)
    args.out.mkdir(parents=True, exist_ok=True)

    presenter = PresenterWindow(document)
    presenter.resize(size)
    document.set_step(failing + 1)
    presenter.finish_animation()
    shot = args.out / "presenter.png"
    presenter.render_image(size).save(str(shot))
    print(shot)

    document.set_step(failing)
    presenter.set_quiz(True)
    presenter.next()  # the question about the failing message
    quiz = args.out / "presenter-quiz.png"
    presenter.render_image(size).save(str(quiz))
    print(quiz)
    presenter.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
