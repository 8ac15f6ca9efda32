"""Presenter mode: the full-screen diagram, the remote's keys, the trainer's inspector and
the quiz (its state machine on its own, then on screen, checked on the pixels)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from ikeviz.gui.mainwindow import MainWindow
from ikeviz.gui.presenter import (
    CARD_COLORS,
    PRESENTER,
    PresenterWindow,
)
from ikeviz.gui.presenter_model import CardKind, Phase, PresenterModel
from ikeviz.render import painter as render_painter
from ikeviz.scenario.fileformat import load_scenario
from ikeviz.scenario.lessons import lesson_path

FAILING = "p1-dh-group-mismatch"  # refused at Main Mode message 2 (an INFO in its place)
SUCCEEDING = "omnipcx-strongswan-ok"
FULL_HD = QSize(1920, 1080)


# --- helpers ------------------------------------------------------------------------------


def _open_lesson(window: MainWindow, name: str, step: int) -> None:
    window.document.reset(load_scenario(lesson_path(name), profiles=window.document.profiles))
    window.document.set_step(step)


def _presenter(window: MainWindow) -> PresenterWindow | None:
    shown = [p for p in window.findChildren(PresenterWindow) if p.isVisible()]
    return shown[0] if shown else None


def _start(qtbot: Any, window: MainWindow) -> PresenterWindow:
    """F5 in the main window, as a trainer does."""
    window.activateWindow()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: _presenter(window) is not None)
    presenter = _presenter(window)
    assert presenter is not None
    presenter.animate = False
    presenter.finish_animation()
    return presenter


def _key(qtbot: Any, widget: Any, key: Qt.Key) -> None:
    qtbot.keyClick(widget, key)
    if isinstance(widget, PresenterWindow):
        widget.finish_animation()


def _pixels(image: QImage, step: int) -> Iterator[tuple[int, int, int]]:
    """(red, green, blue) of one pixel in ``step`` x ``step``."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(rgb.constBits())
    line = rgb.bytesPerLine()
    for y in range(0, rgb.height(), step):
        row = data[y * line:(y + 1) * line]
        for x in range(0, rgb.width() * 4, 4 * step):
            yield row[x + 2], row[x + 1], row[x]  # B, G, R, A in memory (little-endian)


def _near(image: QImage, color: str, tolerance: int = 40, step: int = 2) -> int:
    """How many pixels (one in ``step`` x ``step``) are close to ``color``."""
    target = QColor(color)
    r0, g0, b0 = target.red(), target.green(), target.blue()
    return sum(1 for r, g, b in _pixels(image, step)
               if abs(r - r0) <= tolerance and abs(g - g0) <= tolerance
               and abs(b - b0) <= tolerance)


def _laser_red(image: QImage, step: int = 2) -> int:
    """Pixels of the laser's saturated red (brighter and redder than the failure red)."""
    return sum(1 for r, g, b in _pixels(image, step) if r >= 230 and g <= 90 and b <= 90)


def _ink_rows(image: QImage, x0: int, x1: int, y0: int, y1: int, threshold: int = 160
              ) -> list[int]:
    """The rows of ``image`` between y0 and y1 with bright ink between x0 and x1."""
    rows = []
    for y in range(max(0, y0), min(image.height(), y1)):
        for x in range(max(0, x0), min(image.width(), x1)):
            if image.pixelColor(x, y).lightness() >= threshold:
                rows.append(y)
                break
    return rows


def _above_footer(presenter: PresenterWindow, image: QImage) -> QImage:
    """The picture without its footer (where the QUIZ badge is)."""
    frame = presenter.frame(image.size())
    return image.copy(0, 0, image.width(), int(frame.area_height))


@pytest.fixture
def no_second_screen() -> Iterator[None]:
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, PresenterWindow) and widget.isVisible():
            widget.close()


# --- the model (no widgets) -------------------------------------------------------------


def _model(name: str, step: int = 0, *, quiz: bool = True) -> PresenterModel:
    from ikeviz.gui.document import Document

    document = Document(load_scenario(lesson_path(name)))
    return PresenterModel(document.diagram, document.diagnosis, step, quiz=quiz)


def test_quiz_on_a_failing_lesson_asks_answers_then_shows() -> None:
    model = _model(FAILING, step=1)
    assert model.diagram is not None and model.diagram.failing_row == 1
    assert model.card() is None
    assert model.next()
    assert model.phase is Phase.QUESTION and model.step == 1  # not revealed yet
    question = model.card()
    assert question is not None and question.kind is CardKind.QUESTION
    assert question.label == "MM2"  # the refusal took Main Mode message 2's place
    assert "Main Mode message 2" in question.title
    assert any("which message fails" in line for line in question.lines)
    assert model.next()
    assert model.phase is Phase.ANSWER and model.step == 1
    answer = model.card()
    assert answer is not None and answer.kind is CardKind.FAILURE
    assert "Main Mode message 2" in answer.title
    text = "\n".join(answer.lines)
    assert "DH group" in text and "NO-PROPOSAL-CHOSEN" in text  # the diagnosis's words
    assert model.next()
    assert model.phase is Phase.SHOW and model.step == 2 and model.card() is None
    assert model.current_row() == 1
    # After the failure: no more questions, what never came at once.
    assert model.next()
    assert model.phase is Phase.SHOW and model.step == model.row_count
    assert model.current_row() == 1  # the laser stays on the failure
    assert not model.next()


def test_quiz_on_a_succeeding_lesson_and_going_back() -> None:
    model = _model(SUCCEEDING)
    model.next()
    card = model.card()
    assert card is not None and card.kind is CardKind.QUESTION and card.label == "MM1"
    model.next()
    card = model.card()
    assert card is not None and card.kind is CardKind.SUCCESS
    assert "Main Mode message 1" in card.title
    model.next()
    assert (model.step, model.phase) == (1, Phase.SHOW)
    # Back from a question: the question goes, the step stays; then one message back.
    model.next()
    assert model.phase is Phase.QUESTION
    model.previous()
    assert (model.step, model.phase) == (1, Phase.SHOW)
    model.previous()
    assert (model.step, model.phase) == (0, Phase.SHOW)
    # The last message's answer is the verdict.
    model.last()
    model.previous()
    model.next()
    model.next()
    card = model.card()
    assert card is not None and card.label == "QM3"
    assert any("Established" in line for line in card.lines)
    model.next()
    assert model.step == model.row_count


def test_without_the_quiz_and_the_black_screen() -> None:
    model = _model(FAILING, quiz=False)
    assert model.next() and model.step == 1 and model.phase is Phase.SHOW
    model.toggle_black()
    assert model.black
    assert model.next() and not model.black and model.step == 1  # back, not further
    model.toggle_black()
    model.toggle_black()
    assert not model.black
    assert model.position() == (1, 2)


# --- the window ----------------------------------------------------------------------------


def test_f5_opens_presenter_mode_steps_and_esc_returns(qtbot: Any, window: MainWindow,
                                                       no_second_screen: None) -> None:
    _open_lesson(window, SUCCEEDING, 3)
    presenter = _start(qtbot, window)
    assert presenter.isFullScreen()
    assert presenter.model.step == 3 and presenter.document is window.document
    assert presenter.windowTitle()

    _key(qtbot, presenter, Qt.Key.Key_PageDown)
    assert window.document.step == 4
    _key(qtbot, presenter, Qt.Key.Key_PageDown)
    _key(qtbot, presenter, Qt.Key.Key_Space)
    assert window.document.step == 6
    _key(qtbot, presenter, Qt.Key.Key_PageUp)
    assert window.document.step == 5
    _key(qtbot, presenter, Qt.Key.Key_End)
    assert window.document.step == window.document.row_count
    _key(qtbot, presenter, Qt.Key.Key_Home)
    assert window.document.step == 0
    for _ in range(4):
        _key(qtbot, presenter, Qt.Key.Key_Right)
    assert window.document.step == 4
    _key(qtbot, presenter, Qt.Key.Key_F5)  # a remote's "start": it is on already
    assert presenter.isVisible() and window.document.step == 4

    # The picture: not blank, white on black, the laser on the current message.
    image = presenter.grab().toImage()
    assert image.width() >= 640
    assert _near(image, PRESENTER.background, 8) > image.width() * image.height() / 8 * 0.3
    assert _near(image, PRESENTER.text, 30) > 400  # text and arrows
    assert _laser_red(image) > 30

    # B: a black screen, nothing else on it; B again: the picture comes back.
    _key(qtbot, presenter, Qt.Key.Key_B)
    black = presenter.grab().toImage()
    assert _near(black, "#000000", 0, 3) == len(range(0, black.width(), 3)) * len(
        range(0, black.height(), 3))
    _key(qtbot, presenter, Qt.Key.Key_Period)
    assert _near(presenter.grab().toImage(), PRESENTER.text, 30) > 400
    # A stepping key on the black screen brings the picture back without moving.
    _key(qtbot, presenter, Qt.Key.Key_B)
    _key(qtbot, presenter, Qt.Key.Key_PageDown)
    assert not presenter.model.black and window.document.step == 4
    _key(qtbot, presenter, Qt.Key.Key_PageDown)
    assert window.document.step == 5
    # A remote in mouse mode: left click on, right click back.
    qtbot.mouseClick(presenter, Qt.MouseButton.RightButton)
    assert window.document.step == 4
    qtbot.mouseClick(presenter, Qt.MouseButton.LeftButton)
    presenter.finish_animation()
    assert window.document.step == 5

    # Esc: back to the main window, at the step reached.
    finished: list[int] = []
    presenter.finished.connect(finished.append)
    _key(qtbot, presenter, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _presenter(window) is None)
    assert finished == [5]
    assert window.document.step == 5
    assert window.isVisible()
    assert "5 /" in window.step_label.text()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_presenter_uses_large_type(qtbot: Any, window: MainWindow,
                                   no_second_screen: None) -> None:
    _open_lesson(window, FAILING, 2)
    presenter = _start(qtbot, window)
    assert presenter.base_font_pixels(FULL_HD) >= 28
    image = presenter.render_image(FULL_HD)
    frame = presenter.frame(FULL_HD)
    diagram = presenter.shown_diagram()
    assert diagram is not None
    layout = render_painter._layout(diagram, PRESENTER, frame.logical_width)  # noqa: SLF001
    k = frame.scale
    box = layout.rows[0]  # "MM1  HDR, SA"
    ink = _ink_rows(image, int(layout.x_left * k), int(layout.x_right * k),
                    int(box.label_y * k - frame.scroll), int((box.arrow_y - 4) * k
                                                             - frame.scroll))
    assert ink, "no text on the first message's line"
    assert max(ink) - min(ink) >= 22  # capitals over 22 pixels high on a 1080p projector
    # The main window's diagram is much smaller: the presenter is for the back row.
    assert presenter.base_font_pixels(FULL_HD) > 1.6 * window.view.theme.font_size
    # The failure is there, in the presenter's red, and the laser points at it.
    assert _near(image, PRESENTER.failure, 30, 3) > 100
    assert _laser_red(image, 3) > 30


def test_the_trainers_inspector_follows_the_presenter(qtbot: Any, window: MainWindow,
                                                     no_second_screen: None) -> None:
    _open_lesson(window, SUCCEEDING, 2)
    presenter = _start(qtbot, window)
    _key(qtbot, presenter, Qt.Key.Key_I)
    trainer = presenter.trainer
    assert trainer is not None
    qtbot.waitUntil(trainer.isVisible)
    doc = window.document

    def shown() -> Any:
        found = doc.event_of_row(doc.step - 1)
        return found[1] if found else None

    assert trainer.inspector.event_shown() is shown()
    assert trainer.inspector.event_shown().label == "MM2"
    _key(qtbot, presenter, Qt.Key.Key_PageDown)
    assert trainer.inspector.event_shown() is shown()
    assert trainer.inspector.event_shown().label == "MM3"
    # Its keys step the presenter too, the remote's even with the field tree focused.
    qtbot.keyClick(trainer, Qt.Key.Key_Right)
    assert doc.step == 4 and trainer.inspector.event_shown().label == "MM4"
    trainer.activateWindow()
    trainer.inspector.tree_view.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is trainer)
    qtbot.keyClick(trainer.inspector.tree_view, Qt.Key.Key_PageDown)
    assert doc.step == 5 and trainer.inspector.event_shown().label == "MM5"
    qtbot.keyClick(trainer.inspector.tree_view, Qt.Key.Key_PageUp)
    assert doc.step == 4
    _key(qtbot, presenter, Qt.Key.Key_Home)
    assert trainer.inspector.event_shown() is None
    # The quiz's answer is the trainer's before it is the class's.
    _key(qtbot, presenter, Qt.Key.Key_Q)
    _key(qtbot, presenter, Qt.Key.Key_PageDown)
    assert "Main Mode message 1" in trainer.note.text()
    assert "succeeds" in trainer.note.text()
    _key(qtbot, presenter, Qt.Key.Key_I)
    assert not trainer.isVisible()
    _key(qtbot, presenter, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _presenter(window) is None)


def test_quiz_on_screen_with_a_failing_lesson(qtbot: Any, window: MainWindow,
                                              no_second_screen: None) -> None:
    _open_lesson(window, FAILING, 1)
    presenter = _start(qtbot, window)
    assert not presenter.model.quiz  # off by default
    _key(qtbot, presenter, Qt.Key.Key_Q)
    assert presenter.model.quiz

    # The question, before the message: nothing red on screen yet (no spoiler).
    _key(qtbot, presenter, Qt.Key.Key_PageDown)
    assert presenter.model.phase is Phase.QUESTION and window.document.step == 1
    card = presenter.model.card()
    assert card is not None and "Main Mode message 2" in card.title
    image = _above_footer(presenter, presenter.render_image(FULL_HD))
    assert _near(image, CARD_COLORS[CardKind.QUESTION], 30, 3) > 200
    assert _near(image, PRESENTER.failure, 30, 3) == 0
    assert _laser_red(image, 3) == 0

    # The answer: the failing message and its reason; the message still not drawn.
    _key(qtbot, presenter, Qt.Key.Key_PageDown)
    assert presenter.model.phase is Phase.ANSWER and window.document.step == 1
    card = presenter.model.card()
    assert card is not None and card.kind is CardKind.FAILURE
    assert "Main Mode message 2" in card.title
    assert any("DH group" in line for line in card.lines)
    image = _above_footer(presenter, presenter.render_image(FULL_HD))
    assert _near(image, CARD_COLORS[CardKind.FAILURE], 30, 3) > 200
    assert _near(image, CARD_COLORS[CardKind.QUESTION], 30, 3) < 20

    # Then the message appears (with the laser on it), the card goes.
    _key(qtbot, presenter, Qt.Key.Key_PageDown)
    assert presenter.model.phase is Phase.SHOW and window.document.step == 2
    assert presenter.model.card() is None
    image = _above_footer(presenter, presenter.render_image(FULL_HD))
    assert _laser_red(image, 3) > 30
    assert _near(image, CARD_COLORS[CardKind.QUESTION], 30, 3) < 20
    _key(qtbot, presenter, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _presenter(window) is None)
    assert window.document.step == 2


def test_quiz_on_screen_with_a_succeeding_lesson(qtbot: Any, window: MainWindow,
                                                 no_second_screen: None) -> None:
    _open_lesson(window, SUCCEEDING, 0)
    presenter = _start(qtbot, window)
    _key(qtbot, presenter, Qt.Key.Key_Q)
    _key(qtbot, presenter, Qt.Key.Key_PageDown)
    assert presenter.model.phase is Phase.QUESTION and window.document.step == 0
    image = presenter.render_image(FULL_HD)
    assert _near(image, CARD_COLORS[CardKind.QUESTION], 30, 3) > 200
    _key(qtbot, presenter, Qt.Key.Key_PageDown)
    card = presenter.model.card()
    assert card is not None and card.kind is CardKind.SUCCESS and card.label == "MM1"
    image = presenter.render_image(FULL_HD)
    assert _near(image, CARD_COLORS[CardKind.SUCCESS], 30, 3) > 200
    _key(qtbot, presenter, Qt.Key.Key_PageDown)
    assert window.document.step == 1 and presenter.model.card() is None
    # Page Up during a question cancels it, the step stays.
    _key(qtbot, presenter, Qt.Key.Key_PageDown)
    assert presenter.model.phase is Phase.QUESTION
    _key(qtbot, presenter, Qt.Key.Key_PageUp)
    assert presenter.model.phase is Phase.SHOW and window.document.step == 1
    _key(qtbot, presenter, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _presenter(window) is None)
    assert window.document.step == 1


def test_view_menu_has_presenter_mode(window: MainWindow) -> None:
    action = window.presenter_action
    assert [k.toString() for k in action.shortcuts()] == ["F5", "Shift+F5"]
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    assert any(action in menu.actions() for menu in menus)
