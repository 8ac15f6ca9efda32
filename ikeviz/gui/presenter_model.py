"""What presenter mode shows, step by step: a small state machine without widgets.

:class:`PresenterModel` walks the stops of a :class:`~ikeviz.render.diagram.Diagram`
(each message or timeout, then all the messages that never came at once) the way
the main window's stepping does, and adds what a classroom needs:

- a black screen (toggled; a navigation key brings the picture back without moving);
- the quiz (off by default): before a message is revealed the class is asked whether
  it will succeed and, if not, which message fails (:attr:`Phase.QUESTION`); the next
  step reveals the answer (:attr:`Phase.ANSWER`: success, or the failing message and
  its reason in the diagnosis's words), the one after reveals the message
  (:attr:`Phase.SHOW`). Going back cancels a question or an answer first.

Only the texts use Qt (``QCoreApplication.translate``, so they are translated with the
rest of the window); there is no widget, no painting and no protocol logic here: the
failure, its reason and the conflicting values come from the diagnosis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication

from ikeviz.diagnosis import Diagnosis
from ikeviz.diagnosis.diagnose import at_message, message_name
from ikeviz.render.diagram import Diagram, Row, RowKind


class Phase(Enum):
    SHOW = "show"  # the diagram up to the step, the current message pointed at
    QUESTION = "question"  # the class is asked about the next message
    ANSWER = "answer"  # the answer is shown; the message is not drawn yet


class CardKind(Enum):
    QUESTION = "question"
    SUCCESS = "success"
    FAILURE = "failure"
    ARRIVES = "arrives"  # it arrives; whether it is accepted shows in the answer to it


@dataclass(frozen=True)
class Card:
    """A quiz card: a title and a few lines, about the message of ``row``."""

    kind: CardKind
    title: str
    lines: tuple[str, ...]
    row: int
    label: str  # the message asked about ("MM2"; for a refusal, the message it replaced)


# One whole phrase per kind of message, not a template around the message's name: each
# language puts its own article ("le message 3 du Main Mode", "un message Informational").


def _will_succeed(label: str) -> str:
    """ "Will Main Mode message 3 succeed?" (the quiz's question)."""
    match = re.fullmatch(r"(MM|QM|AM)(\d)", label)
    if match:
        number = match.group(2)
        template = {
            "MM": lambda: QCoreApplication.translate(
                "PresenterModel", "Will Main Mode message {number} succeed?"),
            "QM": lambda: QCoreApplication.translate(
                "PresenterModel", "Will Quick Mode message {number} succeed?"),
            "AM": lambda: QCoreApplication.translate(
                "PresenterModel", "Will Aggressive Mode message {number} succeed?"),
        }[match.group(1)]()
        return template.format(number=number)
    if label.startswith("INFO"):
        return QCoreApplication.translate("PresenterModel",
                                          "Will an Informational message succeed?")
    return QCoreApplication.translate("PresenterModel", "Will {message} succeed?").format(
        message=message_name(label))


def _succeeds(label: str) -> str:
    """ "Yes: Main Mode message 3 succeeds" (the quiz's answer)."""
    match = re.fullmatch(r"(MM|QM|AM)(\d)", label)
    if match:
        number = match.group(2)
        template = {
            "MM": lambda: QCoreApplication.translate(
                "PresenterModel", "Yes: Main Mode message {number} succeeds"),
            "QM": lambda: QCoreApplication.translate(
                "PresenterModel", "Yes: Quick Mode message {number} succeeds"),
            "AM": lambda: QCoreApplication.translate(
                "PresenterModel", "Yes: Aggressive Mode message {number} succeeds"),
        }[match.group(1)]()
        return template.format(number=number)
    if label.startswith("INFO"):
        return QCoreApplication.translate("PresenterModel",
                                          "Yes: the Informational message succeeds")
    return QCoreApplication.translate("PresenterModel", "Yes: {message} succeeds").format(
        message=message_name(label))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


class PresenterModel:
    """The step, the quiz phase and the black screen of presenter mode."""

    def __init__(self, diagram: Diagram | None, diagnosis: Diagnosis | None = None,
                 step: int = 0, *, quiz: bool = False) -> None:
        self.diagram = diagram
        self.diagnosis = diagnosis
        self.quiz = quiz
        self.black = False
        self.phase = Phase.SHOW
        self.pending = 0  # the step the question or the answer is about
        self.step = self._clamp(step)

    # --- the diagram --------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.diagram.rows) if self.diagram is not None else 0

    def _clamp(self, step: int) -> int:
        return max(0, min(step, self.row_count))

    def stops(self) -> list[int]:
        """The steps stepping stops at (as :meth:`Document.stops`)."""
        diagram = self.diagram
        if diagram is None:
            return [0]
        out = [0, *(r.index + 1 for r in diagram.rows if r.kind is not RowKind.GHOST)]
        if out[-1] != len(diagram.rows):
            out.append(len(diagram.rows))
        return out

    def set_diagram(self, diagram: Diagram | None, diagnosis: Diagnosis | None,
                    step: int) -> None:
        """A new diagram (the scenario changed): no question pending."""
        self.diagram = diagram
        self.diagnosis = diagnosis
        self.phase = Phase.SHOW
        self.step = self._clamp(step)

    def set_step(self, step: int) -> bool:
        """Go to ``step`` (from outside: the document moved); False if nothing changed."""
        step = self._clamp(step)
        if step == self.step and self.phase is Phase.SHOW:
            return False
        self.step = step
        self.phase = Phase.SHOW
        return True

    def current_row(self) -> int | None:
        """The row to point at: the last one revealed (the failing one at the stop that
        shows what never came), None at the start or while a card is shown."""
        if self.phase is not Phase.SHOW or self.diagram is None or self.step <= 0:
            return None
        row = self.diagram.rows[self.step - 1]
        if row.kind is RowKind.GHOST:
            return self.diagram.failing_row
        return row.index

    def position(self) -> tuple[int, int]:
        """(messages revealed, messages in all) as the stepping counts them."""
        stops = self.stops()
        rows = self.diagram.rows if self.diagram is not None else ()
        total = len([s for s in stops if s > 0])
        if rows and rows[-1].kind is RowKind.GHOST:
            total -= 1
        done = len([s for s in stops if 0 < s <= self.step])
        return min(done, total), total

    # --- stepping -----------------------------------------------------------------

    def asks(self, target: int) -> bool:
        """Whether the quiz asks about the row revealed by stepping to ``target``: every
        message sent up to the failing one (not a retransmission, a timeout, nor what
        never came)."""
        if not self.quiz or self.diagram is None or not 0 < target <= self.row_count:
            return False
        row = self.diagram.rows[target - 1]
        if row.kind is not RowKind.MESSAGE:
            return False
        failing = self.diagram.failing_row
        if failing is not None and row.index > failing:
            return False
        return row.retransmission == 0 or row.failing

    def next(self) -> bool:
        """One step forward (PageDown); False at the end. With the black screen on, it
        only brings the picture back."""
        if self.black:
            self.black = False
            return True
        if self.phase is Phase.QUESTION:
            self.phase = Phase.ANSWER
            return True
        if self.phase is Phase.ANSWER:
            self.step = self.pending
            self.phase = Phase.SHOW
            return True
        later = [s for s in self.stops() if s > self.step]
        if not later:
            return False
        target = later[0]
        if self.asks(target):
            self.pending = target
            self.phase = Phase.QUESTION
        else:
            self.step = target
        return True

    def previous(self) -> bool:
        """One step back (PageUp): first away from a question or an answer."""
        if self.black:
            self.black = False
            return True
        if self.phase is not Phase.SHOW:
            self.phase = Phase.SHOW
            return True
        earlier = [s for s in self.stops() if s < self.step]
        if not earlier:
            return False
        self.step = earlier[-1]
        return True

    def first(self) -> bool:
        return self._jump(0)

    def last(self) -> bool:
        return self._jump(self.row_count)

    def _jump(self, step: int) -> bool:
        if self.black:
            self.black = False
            return True
        changed = step != self.step or self.phase is not Phase.SHOW
        self.step = step
        self.phase = Phase.SHOW
        return changed

    def toggle_black(self) -> None:
        self.black = not self.black

    def set_quiz(self, on: bool) -> None:
        self.quiz = on
        if not on:
            self.phase = Phase.SHOW

    # --- the cards ----------------------------------------------------------------

    def card(self) -> Card | None:
        """The question or the answer to show now, None when there is none."""
        if self.phase is Phase.QUESTION:
            return self.question_card(self.pending)
        if self.phase is Phase.ANSWER:
            return self.answer_card(self.pending)
        return None

    def _row(self, target: int) -> Row | None:
        if self.diagram is None or not 0 < target <= self.row_count:
            return None
        return self.diagram.rows[target - 1]

    def asked_label(self, row: Row) -> str:
        """The message a question is about: the row's, or for the refusal that took its
        place, the message expected there (where the diagnosis says it fails)."""
        diagram = self.diagram
        if row.failing and diagram is not None and diagram.failure_label and \
                not row.label.startswith(("MM", "QM", "AM")):
            return diagram.failure_label
        return row.label

    def _names(self, row: Row) -> tuple[str, str]:
        assert self.diagram is not None
        return (self.diagram.lifeline(row.sender).name,
                self.diagram.lifeline(row.sender.other).name)

    def question_card(self, target: int) -> Card | None:
        row = self._row(target)
        if row is None:
            return None
        label = self.asked_label(row)
        sender, receiver = self._names(row)
        title = _will_succeed(label)
        lines = (
            QCoreApplication.translate("PresenterModel", "Next: {sender} \u2192 {receiver}")
            .format(sender=sender, receiver=receiver),
            QCoreApplication.translate("PresenterModel",
                                       "If not, which message fails, and why?"),
        )
        return Card(CardKind.QUESTION, title, lines, row.index, label)

    def answer_card(self, target: int) -> Card | None:
        row = self._row(target)
        diagram = self.diagram
        if row is None or diagram is None:
            return None
        label = self.asked_label(row)
        name = message_name(label)
        sender, receiver = self._names(row)
        if row.failing:
            return self._failure_card(row, label)
        if row.mark is not None:
            title = QCoreApplication.translate(
                "PresenterModel", "It arrives, but {receiver} cannot use it").format(
                    receiver=receiver)
            return Card(CardKind.FAILURE, title, (_sentence(row.mark.reason),), row.index, label)
        if row.refused:
            title = QCoreApplication.translate(
                "PresenterModel", "{message} arrives at {receiver}").format(
                    message=_sentence(name), receiver=receiver)
            line = QCoreApplication.translate(
                "PresenterModel", "Whether {receiver} accepts it shows in its answer: the next "
                "message.").format(receiver=receiver)
            return Card(CardKind.ARRIVES, title, (line,), row.index, label)
        title = _succeeds(label)
        lines = [QCoreApplication.translate(
            "PresenterModel", "{receiver} accepts what {sender} sent.").format(
                receiver=receiver, sender=sender)]
        if diagram.established and row.index == len(diagram.rows) - 1:
            lines.append(diagram.verdict)
        return Card(CardKind.SUCCESS, title, tuple(lines), row.index, label)

    def _failure_card(self, row: Row, label: str) -> Card:
        diagram = self.diagram
        assert diagram is not None
        diagnosis = self.diagnosis
        where = diagram.failure_label or label
        title = QCoreApplication.translate("PresenterModel", "No: it fails {where}").format(
            where=at_message(where))
        lines: list[str] = []
        reason = diagram.failure_reason or (diagnosis.reason if diagnosis else "")
        if reason:
            lines.append(_sentence(reason))
        if diagnosis is not None:
            for conflict in diagnosis.conflicts:
                lines.append(QCoreApplication.translate(
                    "PresenterModel", "{field}: {left_name} {left}, {right_name} {right}").format(
                        field=_sentence(conflict.field), left_name=diagram.left.name,
                        left=conflict.left, right_name=diagram.right.name, right=conflict.right))
            if diagnosis.notify and diagnosis.refuser is not None:
                lines.append(QCoreApplication.translate(
                    "PresenterModel", "{side} answers {notify}").format(
                        side=diagram.lifeline(diagnosis.refuser).name,
                        notify=diagnosis.notify))
        if not lines:
            lines.append(diagram.verdict)
        return Card(CardKind.FAILURE, title, tuple(lines), row.index, label)


__all__ = ["Card", "CardKind", "Phase", "PresenterModel"]
