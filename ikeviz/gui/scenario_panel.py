"""The scenario as a whole: its title, who starts, the network, and the lesson.

For a lesson, it shows the objective and the explanation, and whether the
run shows the outcome the lesson expects.
"""

from __future__ import annotations

import html
import ipaddress
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ikeviz.diagnosis import at_message
from ikeviz.gui.choices import Choice
from ikeviz.gui.document import Document
from ikeviz.gui.widgets import ChoiceCombo
from ikeviz.i18n import current_language
from ikeviz.scenario.model import Scenario, Side
from ikeviz.scenario.translations import localized

LEVELS = {"beginner": QT_TRANSLATE_NOOP("ScenarioPanel", "Beginner"),
          "intermediate": QT_TRANSLATE_NOOP("ScenarioPanel", "Intermediate"),
          "advanced": QT_TRANSLATE_NOOP("ScenarioPanel", "Advanced")}


class ScenarioPanel(QScrollArea):
    """Edits the scenario's own settings; shows its lesson."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scenarioPanel")
        self.document = document
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(8)

        self.lesson_box = QGroupBox(self.tr("Lesson"), body)
        lesson_layout = QVBoxLayout(self.lesson_box)
        self.lesson_text = QLabel(self.lesson_box)
        self.lesson_text.setObjectName("lessonText")
        self.lesson_text.setWordWrap(True)
        self.lesson_text.setTextFormat(Qt.TextFormat.RichText)
        self.lesson_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lesson_layout.addWidget(self.lesson_text)
        layout.addWidget(self.lesson_box)

        box = QGroupBox(self.tr("Scenario"), body)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_edit = QLineEdit(box)
        self.title_edit.setObjectName("title")
        self.title_edit.setToolTip(self.tr("The scenario's title, shown above the diagram"))
        self.title_edit.textEdited.connect(self._title_edited)
        form.addRow(self.tr("Title"), self.title_edit)
        self.description = QPlainTextEdit(box)
        self.description.setObjectName("description")
        self.description.setTabChangesFocus(True)  # Tab goes on: no keyboard trap
        self.description.setFixedHeight(self.description.fontMetrics().lineSpacing() * 3 + 12)
        self.description.textChanged.connect(self._description_edited)
        form.addRow(self.tr("Description"), self.description)
        self.initiator = ChoiceCombo(box)
        self.initiator.setObjectName("initiator")
        self.initiator.setToolTip(self.tr("Which gateway starts the negotiation (sends Main "
                                          "Mode message 1)"))
        self.initiator.valueChanged.connect(self._initiator_chosen)
        form.addRow(self.tr("Initiator"), self.initiator)
        self.seed = QSpinBox(box)
        self.seed.setObjectName("seed")
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setKeyboardTracking(False)
        self.seed.setToolTip(self.tr("The seed of the nonces, cookies and DH secrets: the same "
                                     "seed gives the same bytes on every run"))
        self.seed.valueChanged.connect(
            lambda v: self._edit(replace(self.document.scenario, seed=v),
                                 self.tr("Set the seed to {seed}").format(seed=v), "seed"))
        form.addRow(self.tr("Seed"), self.seed)
        layout.addWidget(box)

        box = QGroupBox(self.tr("Network"), body)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.nat = QCheckBox(self.tr("A NAT in front of the initiator"), box)
        self.nat.setObjectName("nat")
        self.nat.setToolTip(self.tr("A home router that rewrites the initiator's address and "
                                    "port: NAT traversal (RFC 3947) moves IKE to UDP 4500"))
        self.nat.toggled.connect(self._nat_toggled)
        form.addRow(self.nat)
        self.nat_address = QLineEdit(box)
        self.nat_address.setObjectName("nat_public_address")
        self.nat_address.setToolTip(self.tr("The NAT's public address: what the responder "
                                            "sees"))
        self.nat_address.editingFinished.connect(self._nat_address_edited)
        form.addRow(self.tr("Public address"), self.nat_address)
        self.latency = QDoubleSpinBox(box)
        self.latency.setObjectName("latency")
        self.latency.setRange(0.0, 60000.0)
        self.latency.setDecimals(1)
        self.latency.setSuffix(" ms")
        self.latency.setKeyboardTracking(False)
        self.latency.setToolTip(self.tr("How long a datagram takes from one gateway to the "
                                        "other (virtual time)"))
        self.latency.valueChanged.connect(self._latency_edited)
        form.addRow(self.tr("Latency"), self.latency)
        layout.addWidget(box)
        layout.addStretch(1)
        self.setWidget(body)
        self._loading = False
        document.scenarioChanged.connect(self.refresh)
        document.resultChanged.connect(self._show_lesson)
        self.refresh()

    def refresh(self) -> None:
        scenario = self.document.scenario
        self._loading = True
        try:
            if self.title_edit.text() != scenario.title:
                self.title_edit.setText(scenario.title)
            if self.description.toPlainText() != scenario.description:
                self.description.setPlainText(scenario.description)
            self.initiator.set_choices(
                [Choice(self.tr("Left: {name}").format(name=scenario.left.name),
                        self.tr("Left"), Side.LEFT),
                 Choice(self.tr("Right: {name}").format(name=scenario.right.name),
                        self.tr("Right"), Side.RIGHT)],
                scenario.initiator)
            self.seed.blockSignals(True)
            self.seed.setValue(min(scenario.seed, self.seed.maximum()))
            self.seed.blockSignals(False)
            network = scenario.network
            self.nat.blockSignals(True)
            self.nat.setChecked(network.nat)
            self.nat.blockSignals(False)
            if self.nat_address.text() != network.nat_public_address:
                self.nat_address.setText(network.nat_public_address)
            self.nat_address.setEnabled(network.nat)
            self.latency.blockSignals(True)
            self.latency.setValue(network.latency_ms)
            self.latency.blockSignals(False)
        finally:
            self._loading = False
        self._show_lesson()

    def _show_lesson(self) -> None:
        # Shown in the user's language; the document keeps its own (English) texts.
        shown = localized(self.document.scenario, current_language())
        lesson = shown.lesson
        self.lesson_box.setVisible(lesson is not None)
        if lesson is None:
            return
        parts = []
        if shown.title != self.document.scenario.title:
            parts.append(f"<p><b>{html.escape(shown.title)}</b></p>")
        if lesson.objective:
            parts.append("<p><b>" + html.escape(self.tr("Objective.")) + "</b> "
                         f"{html.escape(lesson.objective)}</p>")
        if lesson.explanation:
            parts.append(f"<p>{html.escape(lesson.explanation)}</p>")
        if lesson.expected_outcome == "established":
            expected = self.tr("the tunnel comes up")
        elif lesson.expected_failure_at:
            expected = self.tr("it fails {where}").format(
                where=at_message(lesson.expected_failure_at))
        else:
            expected = self.tr("it fails")
        if lesson.expected_outcome != "established" and lesson.expected_notify:
            expected += f" ({lesson.expected_notify})"
        diagnosis = self.document.diagnosis
        if diagnosis is not None:
            as_expected = (diagnosis.established == (lesson.expected_outcome == "established")
                           and (not lesson.expected_failure_at or diagnosis.established
                                or diagnosis.failure_label == lesson.expected_failure_at))
            mark = ("<span style='color:#2e7d32'>✓ " + html.escape(self.tr("the run shows it"))
                    + "</span>" if as_expected
                    else "<span style='color:#c62828'>✗ "
                    + html.escape(self.tr("the run now shows something else")) + "</span>")
            parts.append("<p><i>" + html.escape(self.tr("Expected: {outcome}").format(
                outcome=expected)) + f"</i> · {mark}</p>")
        self.lesson_text.setText("".join(parts))
        self.lesson_box.setTitle(self.tr("Lesson · {level}").format(
            level=QCoreApplication.translate("ScenarioPanel", LEVELS.get(lesson.difficulty,
                                                                         lesson.difficulty))))

    # --- writing back -----------------------------------------------------------------

    def _edit(self, scenario: Scenario, text: str, merge: str | None = None) -> None:
        if self._loading:
            return
        self.document.edit(scenario, text, merge_key=f"scenario.{merge}" if merge else None)

    def _title_edited(self, text: str) -> None:
        self._edit(replace(self.document.scenario, title=text),
                   self.tr("Set the title to {title}").format(title=text), "title")

    def _description_edited(self) -> None:
        if self._loading:
            return
        self._edit(replace(self.document.scenario, description=self.description.toPlainText()),
                   self.tr("Edit the description"), "description")

    def _initiator_chosen(self, side: object) -> None:
        if isinstance(side, Side):
            name = self.document.scenario.gateway(side).name
            self._edit(replace(self.document.scenario, initiator=side),
                       self.tr("Make {name} the initiator").format(name=name))

    def _nat_toggled(self, on: bool) -> None:
        scenario = self.document.scenario
        self._edit(replace(scenario, network=replace(scenario.network, nat=on)),
                   self.tr("Put a NAT in front of the initiator") if on
                   else self.tr("Remove the NAT"))

    def _nat_address_edited(self) -> None:
        scenario = self.document.scenario
        text = self.nat_address.text().strip()
        if text == scenario.network.nat_public_address:
            return
        try:
            ipaddress.IPv4Address(text)
        except ValueError:
            self.nat_address.setStyleSheet("QLineEdit { border: 2px solid #c62828; }")
            self.nat_address.setToolTip(self.tr("{text} is not an IPv4 address").format(
                text=repr(text)))
            return
        self.nat_address.setStyleSheet("")
        self._edit(replace(scenario, network=replace(scenario.network, nat_public_address=text)),
                   self.tr("Set the NAT's public address to {address}").format(address=text))

    def _latency_edited(self, value: float) -> None:
        scenario = self.document.scenario
        self._edit(replace(scenario, network=replace(scenario.network, latency_ms=value)),
                   self.tr("Set the latency to {ms} ms").format(ms=f"{value:g}"), "latency")
