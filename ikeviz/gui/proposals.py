"""The phase-1 and phase-2 proposal tables of a gateway editor.

Phase 1 (one IKEv1 proposal of alternative transforms, modelled as a tuple of
IkeProposal): one row per transform, in order of preference. Phase 2 (RFC
2408 §3.5-3.6: several proposals, each with one or more alternative
transforms): one row per transform of each proposal, numbered "1.2"
(proposal 1, transform 2); the proposal's own attributes (protocol, mode,
PFS group, lifetimes) span its rows. Each attribute is a combo box of only
the values the gateway's profile supports (or a spin box for lifetimes).
Proposals can be added, duplicated, removed and moved; phase-2 transforms
added, removed (never the last of a proposal) and moved within their
proposal. The table does not change the scenario itself: it emits the new
tuple of proposals with a text for the undo stack, and the editor writes it
through the document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ikeviz.gui import choices as ch
from ikeviz.gui.widgets import UNSUPPORTED_COLOR, ChoiceCombo, OptionalSpin
from ikeviz.protocol.config import ChildProposal, EspTransform, IkeProposal
from ikeviz.protocol.registry import (
    AuthMethod,
    EncapsulationMode,
    EncryptionAlgorithm,
    EspTransformId,
    HashAlgorithm,
    ProtocolId,
    describe,
)
from ikeviz.scenario.profiles import Profile

P = TypeVar("P", IkeProposal, ChildProposal)

AES = int(EncryptionAlgorithm.AES_CBC)
ESP_AES = int(EspTransformId.ESP_AES)
ESP_NULL = int(EspTransformId.ESP_NULL)
NO_VALUE = ch.Choice("—", "—", None)
translate = QCoreApplication.translate


def _bits(value: object) -> str:
    return translate("proposals", "{bits} bits").format(bits=value)


def _seconds(value: object) -> str:
    return translate("proposals", "{seconds} s").format(seconds=value) if value \
        else translate("proposals", "none")


def _kilobytes(value: object) -> str:
    return translate("proposals", "{kilobytes} KB").format(kilobytes=value) if value \
        else translate("proposals", "none")


@dataclass(frozen=True)
class Column(Generic[P]):
    """One attribute of a proposal: how to read it, write it and offer its values.

    ``level``: "proposal" (an attribute of the proposal), "transform" (an
    attribute of one phase-2 transform: ``get``, ``set``, ``choices`` and
    ``applies`` take an :class:`EspTransform`), or "number" (the proposal and
    transform numbers, not editable).
    """

    key: str  # the tooltip key, and part of the undo merge key
    header: str  # translated where shown (context "proposals")
    name: str  # for the undo text: "DH group" (translated where used)
    get: Callable[[Any], Any]
    set: Callable[[Any, Any, Profile], Any]
    choices: Callable[[Profile, Any], list[ch.Choice]] | None = None  # None: a spin box
    applies: Callable[[Any], bool] = lambda p: True  # False: shown as "—", disabled
    suffix: str = ""
    label: Callable[[Any], str] = str
    level: str = "proposal"


def _first_aes_length(profile: Profile) -> int:
    return profile.supported.aes_key_lengths[0] if profile.supported.aes_key_lengths else 128


def _set_encryption(p: IkeProposal, value: int, profile: Profile) -> IkeProposal:
    length = (p.key_length or _first_aes_length(profile)) if value == AES else None
    return replace(p, encryption=value, key_length=length)


def transforms_of(p: ChildProposal) -> tuple[EspTransform, ...]:
    """The transforms of a phase-2 proposal as the table shows them (never none)."""
    return p.transforms or (EspTransform(),)


def _set_esp(t: EspTransform, value: int, profile: Profile) -> EspTransform:
    length = (t.key_length or _first_aes_length(profile)) if value == ESP_AES else None
    return replace(t, transform_id=value, key_length=length)


PHASE1_COLUMNS: tuple[Column[IkeProposal], ...] = (
    Column("encryption", QT_TRANSLATE_NOOP("proposals", "Encryption"),
           QT_TRANSLATE_NOOP("proposals", "encryption"), lambda p: p.encryption, _set_encryption,
           lambda prof, p: ch.encryption_choices(prof),
           label=lambda v: describe(EncryptionAlgorithm, v)),
    Column("key_length", QT_TRANSLATE_NOOP("proposals", "Key"),
           QT_TRANSLATE_NOOP("proposals", "key length"), lambda p: p.key_length,
           lambda p, v, prof: replace(p, key_length=v),
           lambda prof, p: ch.key_length_choices(prof), applies=lambda p: p.encryption == AES,
           label=_bits),
    Column("hash", QT_TRANSLATE_NOOP("proposals", "Hash"), QT_TRANSLATE_NOOP("proposals", "hash"),
           lambda p: p.hash, lambda p, v, prof: replace(p, hash=v),
           lambda prof, p: ch.hash_choices(prof),
           label=lambda v: describe(HashAlgorithm, v)),
    Column("group", QT_TRANSLATE_NOOP("proposals", "DH group"),
           QT_TRANSLATE_NOOP("proposals", "DH group"), lambda p: p.group,
           lambda p, v, prof: replace(p, group=v), lambda prof, p: ch.group_choices(prof),
           label=ch.group_label),
    Column("lifetime", QT_TRANSLATE_NOOP("proposals", "Lifetime"),
           QT_TRANSLATE_NOOP("proposals", "lifetime"), lambda p: p.lifetime_seconds,
           lambda p, v, prof: replace(p, lifetime_seconds=v), suffix=" s", label=_seconds),
    Column("lifetime_kilobytes", QT_TRANSLATE_NOOP("proposals", "Volume"),
           QT_TRANSLATE_NOOP("proposals", "lifetime in kilobytes"),
           lambda p: p.lifetime_kilobytes, lambda p, v, prof: replace(p, lifetime_kilobytes=v),
           suffix=" KB", label=_kilobytes),
)

PHASE2_COLUMNS: tuple[Column[Any], ...] = (
    Column("number", QT_TRANSLATE_NOOP("proposals", "#"), "", lambda p: None,
           lambda p, v, prof: p, level="number"),
    Column("protocol", QT_TRANSLATE_NOOP("proposals", "Protocol"),
           QT_TRANSLATE_NOOP("proposals", "protocol"), lambda p: p.protocol,
           lambda p, v, prof: replace(p, protocol=v), lambda prof, p: ch.protocol_choices(prof),
           label=lambda v: describe(ProtocolId, v)),
    Column("mode", QT_TRANSLATE_NOOP("proposals", "Mode"), QT_TRANSLATE_NOOP("proposals", "mode"),
           lambda p: p.encapsulation,
           lambda p, v, prof: replace(p, encapsulation=v), lambda prof, p: ch.mode_choices(prof),
           label=lambda v: describe(EncapsulationMode, v)),
    Column("esp_encryption", QT_TRANSLATE_NOOP("proposals", "Encryption"),
           QT_TRANSLATE_NOOP("proposals", "encryption"), lambda t: t.transform_id,
           _set_esp, lambda prof, t: ch.esp_encryption_choices(prof),
           label=lambda v: describe(EspTransformId, v), level="transform"),
    Column("key_length", QT_TRANSLATE_NOOP("proposals", "Key"),
           QT_TRANSLATE_NOOP("proposals", "key length"), lambda t: t.key_length,
           lambda t, v, prof: replace(t, key_length=v),
           lambda prof, t: ch.key_length_choices(prof),
           applies=lambda t: t.transform_id == ESP_AES, label=_bits, level="transform"),
    Column("integrity", QT_TRANSLATE_NOOP("proposals", "Integrity"),
           QT_TRANSLATE_NOOP("proposals", "integrity"), lambda t: t.auth_algorithm,
           lambda t, v, prof: replace(t, auth_algorithm=v),
           lambda prof, t: ch.integrity_choices(prof), label=ch.integrity_label,
           level="transform"),
    Column("pfs_group", QT_TRANSLATE_NOOP("proposals", "PFS group"),
           QT_TRANSLATE_NOOP("proposals", "PFS group"), lambda p: p.pfs_group,
           lambda p, v, prof: replace(p, pfs_group=v),
           lambda prof, p: ch.group_choices(prof, pfs=True), label=ch.group_label),
    Column("lifetime", QT_TRANSLATE_NOOP("proposals", "Lifetime"),
           QT_TRANSLATE_NOOP("proposals", "lifetime"), lambda p: p.lifetime_seconds,
           lambda p, v, prof: replace(p, lifetime_seconds=v), suffix=" s", label=_seconds),
    Column("lifetime_kilobytes", QT_TRANSLATE_NOOP("proposals", "Volume"),
           QT_TRANSLATE_NOOP("proposals", "lifetime in kilobytes"),
           lambda p: p.lifetime_kilobytes, lambda p, v, prof: replace(p, lifetime_kilobytes=v),
           suffix=" KB", label=_kilobytes),
)


def default_phase1(profile: Profile, auth_method: int = AuthMethod.PSK) -> IkeProposal:
    """A new phase-1 proposal: the profile's first, else one of values it supports."""
    if profile.phase1:
        return replace(profile.phase1[0], auth_method=auth_method)
    s = profile.supported
    enc = AES if AES in s.encryption else s.encryption[0]
    return IkeProposal(encryption=enc, key_length=_first_aes_length(profile) if enc == AES
                       else None, hash=s.hash[0], group=14 if 14 in s.groups else s.groups[0],
                       auth_method=auth_method)


def default_phase2(profile: Profile) -> ChildProposal:
    if profile.phase2:
        return profile.phase2[0]
    s = profile.supported
    esp = ESP_AES if ESP_AES in s.esp_encryption else s.esp_encryption[0]
    transform = EspTransform(esp, _first_aes_length(profile) if esp == ESP_AES else None,
                             s.esp_integrity[0])
    return ChildProposal(transforms=(transform,))


def new_transform(profile: Profile, existing: Sequence[EspTransform]) -> EspTransform:
    """A transform to add to a phase-2 proposal: the first of the profile's own, then of
    the values it supports (no NULL cipher), that the proposal does not have yet."""
    s = profile.supported
    candidates = [t for p in profile.phase2 for t in p.transforms]
    for esp in s.esp_encryption:
        if esp == ESP_NULL:
            continue
        lengths: Sequence[int | None] = s.aes_key_lengths if esp == ESP_AES else (None,)
        for length in lengths or (128,):
            candidates += [EspTransform(esp, length, integrity) for integrity in s.esp_integrity]
    fresh = next((t for t in candidates if t not in existing), None)
    if fresh is not None:
        return fresh
    return existing[-1] if existing else transforms_of(default_phase2(profile))[0]


VALUE_ROLE = int(Qt.ItemDataRole.UserRole) + 10
CHEVRON = 16  # room for the drop-down mark of an editable cell


class _CellDelegate(QStyledItemDelegate):
    """Edits a cell with a combo box of the profile's values (or a lifetime spin box).

    The cell shows the value's short form as text with a small drop-down mark;
    a click opens the combo box at once, a choice is applied at once. In a table
    of transforms, the rows of one proposal share a background and a line
    separates proposals.
    """

    popup_on_open = True  # tests switch it off: no popup window to close

    def __init__(self, owner: ProposalTable) -> None:
        super().__init__(owner)
        self.owner = owner
        self.editor: QWidget | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        owner = self.owner
        row, col = index.row(), index.column()
        column = owner.columns[col]
        target = owner.target(row, column)
        profile = owner.profile
        assert profile is not None
        editor: QWidget
        if column.choices is not None:
            combo = ChoiceCombo(parent)
            combo.setObjectName(f"{column.key}_{index.row()}")
            combo.set_choices(column.choices(profile, target), column.get(target),
                              unsupported_note=translate("proposals", "not supported by "
                                                         "{product}").format(
                                  product=profile.product))
            combo.valueChanged.connect(
                lambda v, w=combo: self._chosen(w, row, col, v))
            if self.popup_on_open:
                QTimer.singleShot(0, combo.showPopup)
            editor = combo
        else:
            spin = OptionalSpin(column.suffix, parent)
            spin.setObjectName(f"{column.key}_{index.row()}")
            spin.set_optional(column.get(target))
            spin.valueEdited.connect(
                lambda v: owner.cell_edited(row, col, v))
            editor = spin
        editor.setToolTip(ch.TIPS.get(column.key, ""))
        self.editor = editor
        editor.destroyed.connect(lambda *_: self._forget(editor))
        return editor

    def _forget(self, editor: QWidget) -> None:
        if self.editor is editor:
            self.editor = None

    def _chosen(self, combo: QWidget, row: int, col: int, value: object) -> None:
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)
        self.editor = None
        self.owner.cell_edited(row, col, value)

    def setEditorData(self, editor: QWidget,  # noqa: N802
                      index: QModelIndex | QPersistentModelIndex) -> None:
        pass  # set when created; the document refreshes the table after each change

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> None:
        pass  # changes go through the document, never straight into the table

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                             index: QModelIndex | QPersistentModelIndex) -> None:
        rect = option.rect
        height = self.owner.table.verticalHeader().defaultSectionSize()
        if rect.height() > height:  # a cell that spans a proposal's rows: one row's height
            rect = QRect(rect.left(), rect.center().y() - height // 2 + 1, rect.width(),
                         height)
        editor.setGeometry(rect)

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        # Room for the chevron only where one is drawn (an editable cell with choices).
        chevron = self.owner.columns[index.column()].choices is not None and bool(
            index.flags() & Qt.ItemFlag.ItemIsEditable)
        extra = CHEVRON + 6 if chevron else 10
        return QSize(size.width() + extra, max(size.height(), 26))

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if self.owner.has_transforms and self.owner.proposal_of(index.row()) % 2 == 1:
            option.backgroundBrush = option.palette.alternateBase()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        owner = self.owner
        if owner.has_transforms and index.row() > 0 and owner.first_of_proposal(index.row()):
            painter.save()  # the line between two proposals
            line = QColor(option.palette.color(QPalette.ColorRole.Text))
            line.setAlpha(110)
            painter.setPen(QPen(line, 2))
            top = option.rect.top()
            painter.drawLine(option.rect.left(), top, option.rect.right() + 1, top)
            painter.restore()
        if not index.flags() & Qt.ItemFlag.ItemIsEditable or \
                owner.columns[index.column()].choices is None:
            return
        rect = option.rect
        color = option.palette.color(QPalette.ColorRole.PlaceholderText)
        if option.state & QStyle.StateFlag.State_Selected:
            color = option.palette.color(QPalette.ColorRole.HighlightedText)
        cx = rect.right() - CHEVRON / 2 - 2
        cy = rect.center().y() + 1
        path = QPainterPath()
        path.moveTo(QPointF(cx - 3.5, cy - 2))
        path.lineTo(QPointF(cx, cy + 2))
        path.lineTo(QPointF(cx + 3.5, cy - 2))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(color, 1.4))
        painter.drawPath(path)
        painter.restore()


class ProposalTable(QWidget):
    """An editable table of proposals; emits ``edited(proposals, text, merge_key)``.

    Phase 1: one row per proposal (the first is preferred), one column per
    attribute. Phase 2 (columns with transform-level attributes): one row per
    transform of each proposal; the first column numbers them ("1.2": proposal
    1, transform 2), the proposal's own attributes (protocol, mode, PFS group,
    lifetimes) span its rows. Transforms can be added, removed and moved within
    their proposal; the last transform of a proposal cannot be removed (remove
    the proposal instead).
    """

    edited = Signal(object, str, str)

    def __init__(self, phase: int, columns: Sequence[Column[Any]], what: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.phase = phase
        self.columns = tuple(columns)
        self.has_transforms = any(c.level == "transform" for c in self.columns)
        self.what = what  # "phase-1 proposal": the undo merge keys (the texts: _texts)
        self.owner = ""  # the gateway's name, for undo texts
        self.profile: Profile | None = None
        self.show_volume = False
        self._proposals: tuple[Any, ...] = ()
        self._rows: list[tuple[int, int]] = []  # (proposal, transform) of each row
        self._new: Callable[[], Any] | None = None
        self._fixed = ""

        self.table = QTableWidget(0, len(self.columns), self)
        self.table.setObjectName(f"phase{phase}Table")
        # Tab leaves the table for the next widget (the arrow keys move between cells):
        # otherwise it goes from cell to cell and the rest of the window is out of reach.
        self.table.setTabKeyNavigation(False)
        self.delegate = _CellDelegate(self)
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.clicked.connect(self._clicked)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setWordWrap(False)
        # Phase 2: the delegate shades every other proposal (all its transforms) instead.
        self.table.setAlternatingRowColors(not self.has_transforms)
        self.table.setShowGrid(True)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.table.horizontalHeader()
        # Sized by _fit_columns: to the contents, the headers giving way when it is narrow.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setStretchLastSection(False)  # _fit_columns widens the last one
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        number_tip = self.tr("The proposal number, then the transform number within it (\"1.2\": "
                             "proposal 1, transform 2). The proposals are in order of "
                             "preference; the transforms of a proposal are alternatives, also "
                             "in order of preference, of which the responder chooses one (RFC "
                             "2408 §3.5, §3.6; RFC 2409 §5.5).")
        for i, column in enumerate(self.columns):
            item = QTableWidgetItem(translate("proposals", column.header))
            item.setToolTip(number_tip if column.level == "number"
                            else ch.TIPS.get(column.key, ""))
            self.table.setHorizontalHeaderItem(i, item)
        vheader = self.table.verticalHeader()
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(28)
        vheader.setToolTip(self.tr("The order of preference: the first proposal is offered "
                                   "first"))
        vheader.setVisible(not self.has_transforms)  # phase 2: the "#" column numbers rows
        # The columns fit the viewport again whenever it changes width (the dock, or the
        # row numbers' header appearing with the first row).
        self.table.viewport().installEventFilter(self)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setObjectName("fixedBanner")
        self.banner.hide()

        def row_of_buttons() -> QHBoxLayout:
            buttons = QHBoxLayout()
            buttons.setContentsMargins(0, 0, 0, 0)
            buttons.setSpacing(2)
            return buttons

        def button(buttons: QHBoxLayout, text: str, tip: str, slot: Callable[[], None],
                   name: str) -> QToolButton:
            b = QToolButton(self)
            b.setText(text)
            b.setToolTip(tip)
            b.setObjectName(name)
            b.setAutoRaise(True)
            b.clicked.connect(slot)
            if text in ("▲", "▼"):
                b.setFixedWidth(22)  # the rows of buttons must fit a narrow editor
            buttons.addWidget(b)
            return b

        texts = self._texts()
        two_levels = self.has_transforms
        buttons = row_of_buttons()
        if two_levels:  # phase 2: a row for the proposals, a row for their transforms
            buttons.addWidget(self._caption(self.tr("Proposal:"), "proposalButtons"))
        self.add_button = button(buttons, self.tr("Add"), texts["add_tip"], self.add, "add")
        self.duplicate_button = button(buttons, self.tr("Duplicate"), texts["duplicate_tip"],
                                       self.duplicate, "duplicate")
        self.remove_button = button(buttons, self.tr("Remove"), texts["remove_tip"],
                                    self.remove, "remove")
        self.up_button = button(buttons, "▲",
                                self.tr("Move the selected proposal up (preferred sooner)"),
                                self.move_up, "up")
        self.down_button = button(buttons, "▼", self.tr("Move the selected proposal down"),
                                  self.move_down, "down")
        buttons.addStretch(1)
        self._buttons: list[QWidget] = [self.add_button, self.duplicate_button,
                                        self.remove_button, self.up_button, self.down_button]

        transform_buttons = row_of_buttons()
        if two_levels:
            caption = self._caption(self.tr("Transform:"), "transformButtons")
            transform_buttons.addWidget(caption)
            self.add_transform_button = button(
                transform_buttons, self.tr("Add"),
                self.tr("Add an alternative transform at the end of the selected proposal"),
                self.add_transform, "addTransform")
            self.add_transform_button.setAccessibleName(self.tr("Add transform"))
            self.remove_transform_button = button(
                transform_buttons, self.tr("Remove"), "", self.remove_transform,
                "removeTransform")
            self.remove_transform_button.setAccessibleName(self.tr("Remove transform"))
            self.transform_up_button = button(
                transform_buttons, "▲",
                self.tr("Move the selected transform up within its proposal (preferred "
                        "sooner)"), self.move_transform_up, "transformUp")
            self.transform_down_button = button(
                transform_buttons, "▼",
                self.tr("Move the selected transform down within its proposal"),
                self.move_transform_down, "transformDown")
            transform_buttons.addStretch(1)
            self._buttons += [caption, self.add_transform_button, self.remove_transform_button,
                              self.transform_up_button, self.transform_down_button]
            self._buttons.insert(0, buttons.itemAt(0).widget())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.banner)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        if two_levels:
            layout.addLayout(transform_buttons)

    def _caption(self, text: str, name: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        return label

    def _texts(self) -> dict[str, str]:
        """The texts that name the proposals of this phase (tooltips and undo texts)."""
        if self.phase == 1:
            return {
                "add_tip": self.tr("Add a phase-1 proposal at the end"),
                "duplicate_tip": self.tr("Copy the selected phase-1 proposal below it"),
                "remove_tip": self.tr("Remove the selected phase-1 proposal"),
                "last_tip": self.tr("A gateway needs at least one phase-1 proposal"),
                "set": self.tr("Set {owner}'s phase-1 proposal {number} {column} to {value}"),
                "add": self.tr("Add a phase-1 proposal to {owner}"),
                "duplicate": self.tr("Duplicate {owner}'s phase-1 proposal {number}"),
                "remove": self.tr("Remove {owner}'s phase-1 proposal {number}"),
                "up": self.tr("Move {owner}'s phase-1 proposal {number} up"),
                "down": self.tr("Move {owner}'s phase-1 proposal {number} down"),
            }
        return {
            "add_tip": self.tr("Add a phase-2 proposal at the end"),
            "duplicate_tip": self.tr("Copy the selected phase-2 proposal (all its transforms) "
                                     "below it"),
            "remove_tip": self.tr("Remove the selected phase-2 proposal with all its "
                                  "transforms"),
            "last_tip": self.tr("A gateway needs at least one phase-2 proposal"),
            "set": self.tr("Set {owner}'s phase-2 proposal {number} {column} to {value}"),
            "set_transform": self.tr("Set {owner}'s phase-2 proposal {number} transform "
                                     "{transform} {column} to {value}"),
            "add": self.tr("Add a phase-2 proposal to {owner}"),
            "duplicate": self.tr("Duplicate {owner}'s phase-2 proposal {number}"),
            "remove": self.tr("Remove {owner}'s phase-2 proposal {number}"),
            "up": self.tr("Move {owner}'s phase-2 proposal {number} up"),
            "down": self.tr("Move {owner}'s phase-2 proposal {number} down"),
            "add_transform": self.tr("Add a transform to {owner}'s phase-2 proposal {number}"),
            "remove_transform": self.tr("Remove transform {transform} of {owner}'s phase-2 "
                                        "proposal {number}"),
            "transform_up": self.tr("Move transform {transform} of {owner}'s phase-2 proposal "
                                    "{number} up"),
            "transform_down": self.tr("Move transform {transform} of {owner}'s phase-2 "
                                      "proposal {number} down"),
            "remove_transform_tip": self.tr("Remove the selected transform from its proposal"),
            "last_transform_tip": self.tr("A proposal needs at least one transform: to remove "
                                          "this one, remove the whole proposal instead (Remove "
                                          "in the Proposal row)"),
            "one_transform_tip": self.tr("Select one transform (a row) to remove or move it"),
        }

    # --- the rows ------------------------------------------------------------------

    @staticmethod
    def _layout_rows(proposals: Sequence[Any], has_transforms: bool) -> list[tuple[int, int]]:
        if not has_transforms:
            return [(p, 0) for p in range(len(proposals))]
        return [(p, t) for p, proposal in enumerate(proposals)
                for t in range(len(transforms_of(proposal)))]

    def rows(self) -> list[tuple[int, int]]:
        """(proposal index, transform index) of each row (transform 0 in phase 1)."""
        return list(self._rows)

    def row_of(self, proposal: int, transform: int = 0) -> int:
        """The row of ``transform`` of ``proposal`` (-1: none)."""
        try:
            return self._rows.index((proposal, transform))
        except ValueError:
            return -1

    def proposal_of(self, row: int) -> int:
        return self._rows[row][0] if 0 <= row < len(self._rows) else -1

    def first_of_proposal(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and self._rows[row][1] == 0

    def _transform_count(self, proposal: int) -> int:
        if not self.has_transforms or not 0 <= proposal < len(self._proposals):
            return 1
        return len(transforms_of(self._proposals[proposal]))

    def target(self, row: int, column: Column[Any]) -> Any:
        """What ``column`` of ``row`` reads: the proposal, or its transform."""
        p, t = self._rows[row]
        proposal = self._proposals[p]
        return transforms_of(proposal)[t] if column.level == "transform" else proposal

    # --- showing -------------------------------------------------------------------

    def set_proposals(self, proposals: Sequence[Any], profile: Profile, *, owner: str,
                      new: Callable[[], Any], fixed_reason: str = "",
                      fixed_columns: dict[str, str] | None = None) -> None:
        """Show ``proposals``; ``fixed_reason``: the whole table is fixed by the profile."""
        self.owner = owner
        self._new = new
        proposals = tuple(proposals)
        fixed_columns = fixed_columns or {}
        if (proposals == self._proposals and profile == self.profile
                and fixed_reason == self._fixed):
            return
        self._proposals = proposals
        self._rows = self._layout_rows(proposals, self.has_transforms)
        self.profile = profile
        self._fixed = fixed_reason
        selected = self.current_row()
        self.table.blockSignals(True)
        self.table.clearSpans()
        self.table.setRowCount(len(self._rows))
        for row in range(len(self._rows)):
            for col, column in enumerate(self.columns):
                self._show_cell(row, col, column, profile,
                                fixed_reason or fixed_columns.get(column.key, ""))
        self._span_proposals()
        self.table.blockSignals(False)
        self._hide_unused_columns(proposals, profile)
        self._fit_columns()
        self._fit_height()
        self.banner.setText(fixed_reason)
        self.banner.setVisible(bool(fixed_reason))
        for b in self._buttons:
            b.setVisible(not fixed_reason)
        if 0 <= selected < len(self._rows):
            self.table.selectRow(selected)
        self._update_buttons()

    def _span_proposals(self) -> None:
        """A proposal's own attributes span the rows of its transforms."""
        if not self.has_transforms:
            return
        for p in range(len(self._proposals)):
            count = self._transform_count(p)
            if count < 2:
                continue
            first = self.row_of(p, 0)
            for col, column in enumerate(self.columns):
                if column.level == "proposal":
                    self.table.setSpan(first, col, count, 1)

    def _show_cell(self, row: int, col: int, column: Column[Any], profile: Profile,
                   fixed: str) -> None:
        item = self.table.item(row, col)
        if item is None:
            item = QTableWidgetItem()
            self.table.setItem(row, col, item)
        item.setData(Qt.ItemDataRole.ForegroundRole, None)
        p, t = self._rows[row]
        count = self._transform_count(p)
        if column.level == "number":
            self._show_number(item, p, t, count)
            return
        if column.level == "proposal" and t > 0:  # covered by the first row's cell
            item.setText("")
            item.setData(VALUE_ROLE, None)
            item.setToolTip("")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            return
        target = self.target(row, column)
        value = column.get(target)
        applies = column.applies(target)
        supported = True
        if not applies:
            text = "—"
            full = self.tr("not used with this cipher")
        elif column.choices is not None:
            offered = column.choices(profile, target)
            match = next((c for c in offered if c.value == value), None)
            supported = match is not None
            text = match.short if match else f"{column.label(value)} (!)"
            full = match.label if match else self.tr("{value}: not supported by {product}").format(
                value=column.label(value), product=profile.product)
        else:
            text = f"{value}{column.suffix}" if value else self.tr("none")
            full = column.label(value)
        item.setText(text)
        item.setData(VALUE_ROLE, value)
        tip = ch.TIPS.get(column.key, "")
        if self.has_transforms and column.level == "proposal" and count > 1:
            full += "\n" + self.tr("For all {count} transforms of proposal {number}").format(
                count=count, number=p + 1)
        item.setToolTip(f"{full}\n\n{fixed or tip}")
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if applies and not fixed:
            flags |= Qt.ItemFlag.ItemIsEditable
        item.setFlags(flags)
        if not supported:
            item.setForeground(QColor(UNSUPPORTED_COLOR))
        if column.choices is None:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def _show_number(self, item: QTableWidgetItem, p: int, t: int, count: int) -> None:
        if count > 1:
            item.setText(f"{p + 1}.{t + 1}")
            tip = self.tr("Proposal {number}, transform {transform} of {count}: the "
                          "transforms of a proposal are alternatives, in order of preference; "
                          "the responder chooses one").format(number=p + 1, transform=t + 1,
                                                              count=count)
        else:
            item.setText(str(p + 1))
            tip = self.tr("Proposal {number}, with one transform").format(number=p + 1)
        item.setData(VALUE_ROLE, (p + 1, t + 1))
        item.setToolTip(tip)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        font = item.font()
        font.setBold(t == 0)
        item.setFont(font)

    def _values(self, column: Column[Any], proposals: Sequence[Any]) -> list[Any]:
        """What ``column`` reads in every proposal (in every transform of each)."""
        if column.level == "transform":
            return [t for p in proposals for t in transforms_of(p)]
        return list(proposals)

    def _hide_unused_columns(self, proposals: Sequence[Any], profile: Profile) -> None:
        """Hide what says nothing here: a protocol or mode the product cannot change, a key
        length it has no cipher for, volume lifetimes nobody uses (the header's context menu
        shows them)."""
        for col, column in enumerate(self.columns):
            hidden = False
            targets = self._values(column, proposals)
            if column.key == "lifetime_kilobytes":
                hidden = not self.show_volume and not any(column.get(p) for p in targets)
            elif column.key in ("protocol", "mode") and column.choices is not None:
                offered = [c.value for c in column.choices(profile, targets[0])] \
                    if targets else []
                hidden = len(offered) == 1 and all(column.get(p) == offered[0]
                                                   for p in targets)
            elif column.key == "key_length":
                hidden = (not profile.supported.aes_key_lengths
                          and not any(column.applies(p) for p in targets))
            self.table.setColumnHidden(col, hidden)

    def _header_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        volume = menu.addAction(self.tr("Show Volume Lifetimes (kilobytes)"))
        volume.setCheckable(True)
        volume.setChecked(self.show_volume)
        volume.toggled.connect(self._toggle_volume)
        menu.exec(self.table.horizontalHeader().mapToGlobal(position))

    def _toggle_volume(self, on: bool) -> None:
        self.show_volume = on
        if self.profile is not None:
            self._hide_unused_columns(self._proposals, self.profile)
            self._fit_columns()
            self._fit_height()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Every column as wide as its values and its header; when the table is narrower
        than that, the headers give way first (elided; the full text is in their tooltips,
        the values stay whole) before a scroll bar appears."""
        table = self.table
        header = table.horizontalHeader()
        table.resizeColumnsToContents()
        shown = [c for c in range(table.columnCount()) if not table.isColumnHidden(c)]
        if not shown:
            return
        excess = header.length() - table.viewport().width()
        if excess <= 0:  # room to spare: the last column takes it
            header.resizeSection(shown[-1], header.sectionSize(shown[-1]) - excess)
            return
        for col in reversed(shown):
            width = header.sectionSize(col)
            spare = width - max(table.sizeHintForColumn(col), header.minimumSectionSize())
            if spare > 0:
                cut = min(spare, excess)
                header.resizeSection(col, width - cut)
                excess -= cut
            if excess <= 0:
                break

    def _fit_height(self) -> None:
        rows = self.table.rowCount()
        row_height = self.table.verticalHeader().defaultSectionSize()
        height = self.table.horizontalHeader().sizeHint().height() + rows * row_height
        height += 2 * self.table.frameWidth()
        if self.table.horizontalHeader().length() > self.table.viewport().width() + 1:
            height += self.table.horizontalScrollBar().sizeHint().height()
        self.table.setFixedHeight(height)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_columns()
        self._fit_height()

    # --- editing -------------------------------------------------------------------

    def proposals(self) -> tuple[Any, ...]:
        return self._proposals

    def selected_rows(self) -> list[int]:
        model = self.table.selectionModel()
        return sorted(i.row() for i in model.selectedRows()) if model is not None else []

    def current_row(self) -> int:
        """The selected row (the first one when a proposal's cell selects all its rows)."""
        rows = self.selected_rows()
        return rows[0] if rows else -1

    def current_proposal(self) -> int:
        return self.proposal_of(self.current_row())

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def cell_text(self, row: int, key: str) -> str:
        item = self.table.item(row, self.column_of(key))
        return item.text() if item is not None else ""

    def open_editor(self, row: int, key: str) -> QWidget | None:
        """Open the cell's editor as a click does; the combo box (or spin box), or None."""
        index = self.table.model().index(row, self.column_of(key))
        self.table.setCurrentIndex(index)
        self.table.edit(index)
        return self.delegate.editor

    def combo(self, row: int, key: str) -> ChoiceCombo:
        """The combo box of ``key`` in ``row``, opened as a click opens it."""
        editor = self.open_editor(row, key)
        assert isinstance(editor, ChoiceCombo), f"{key} of row {row} is not editable"
        return editor

    def spin(self, row: int, key: str) -> OptionalSpin:
        editor = self.open_editor(row, key)
        assert isinstance(editor, OptionalSpin), f"{key} of row {row} is not editable"
        return editor

    def _clicked(self, index: QModelIndex) -> None:
        # One click opens the combo box (the table's own triggers wait for a second one).
        if index.flags() & Qt.ItemFlag.ItemIsEditable and self.delegate.editor is None:
            self.table.edit(index)

    def cell_edited(self, row: int, col: int, value: Any) -> None:
        if not 0 <= row < len(self._rows) or self.profile is None:
            return
        column = self.columns[col]
        if column.level == "number":
            return
        p, t = self._rows[row]
        proposals = list(self._proposals)
        proposal = proposals[p]
        if column.level == "transform":
            transforms = list(transforms_of(proposal))
            transforms[t] = column.set(transforms[t], value, self.profile)
            proposals[p] = replace(proposal, transforms=tuple(transforms))
        else:
            proposals[p] = column.set(proposal, value, self.profile)
        if proposals[p] == self._proposals[p]:
            return
        texts = self._texts()
        several = column.level == "transform" and self._transform_count(p) > 1
        text = texts["set_transform" if several else "set"].format(
            owner=self.owner, number=p + 1, transform=t + 1,
            column=translate("proposals", column.name),
            value=column.label(value) if value is not None else self.tr("none"))
        merge = f"{self.what}.{p}.{column.key}" if column.level == "proposal" \
            else f"{self.what}.{p}.{t}.{column.key}"
        self._emit(proposals, text, merge if column.choices is None else "")

    def _emit(self, proposals: list[Any], text: str, merge_key: str = "") -> None:
        self.edited.emit(tuple(proposals), text, merge_key)

    def add(self) -> None:
        if self._new is None:
            return
        self._emit([*self._proposals, self._new()],
                   self._texts()["add"].format(owner=self.owner))
        self._select_later(self.row_of(len(self._proposals) - 1))

    def duplicate(self) -> None:
        p = self.current_proposal()
        if p < 0:
            p = len(self._proposals) - 1
        if p < 0:
            return
        proposals = list(self._proposals)
        proposals.insert(p + 1, proposals[p])
        self._emit(proposals, self._texts()["duplicate"].format(owner=self.owner,
                                                                number=p + 1))
        self._select_later(self.row_of(p + 1))

    def remove(self) -> None:
        p = self.current_proposal()
        if p < 0 or len(self._proposals) <= 1:
            return
        proposals = list(self._proposals)
        del proposals[p]
        self._emit(proposals, self._texts()["remove"].format(owner=self.owner,
                                                             number=p + 1))
        self._select_later(self.row_of(min(p, len(self._proposals) - 1)))

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def _move(self, delta: int) -> None:
        row = self.current_row()
        p = self.proposal_of(row)
        target = p + delta
        if p < 0 or not 0 <= target < len(self._proposals):
            return
        t = self._rows[row][1]
        proposals = list(self._proposals)
        proposals[p], proposals[target] = proposals[target], proposals[p]
        self._emit(proposals, self._texts()["up" if delta < 0 else "down"].format(
            owner=self.owner, number=p + 1))
        self._select_later(self.row_of(target, t))

    # --- the transforms of a phase-2 proposal ---------------------------------------

    def _selected_transform(self) -> tuple[int, int]:
        """(proposal, transform) of the one selected row; (-1, -1) unless one is."""
        rows = self.selected_rows()
        if len(rows) != 1 or not self.has_transforms:
            return -1, -1
        return self._rows[rows[0]]

    def _with_transforms(self, p: int, transforms: Sequence[EspTransform]) -> list[Any]:
        proposals = list(self._proposals)
        proposals[p] = replace(proposals[p], transforms=tuple(transforms))
        return proposals

    def add_transform(self) -> None:
        """Add a transform at the end of the selected proposal (the last one if none is)."""
        p = self.current_proposal()
        if p < 0:
            p = len(self._proposals) - 1
        if p < 0 or self.profile is None or not self.has_transforms:
            return
        transforms = list(transforms_of(self._proposals[p]))
        transforms.append(new_transform(self.profile, transforms))
        self._emit(self._with_transforms(p, transforms),
                   self._texts()["add_transform"].format(owner=self.owner, number=p + 1))
        self._select_later(self.row_of(p, len(transforms) - 1))

    def remove_transform(self) -> None:
        """Remove the selected transform; refused for the last one of a proposal."""
        p, t = self._selected_transform()
        if p < 0 or self._transform_count(p) <= 1:
            return
        transforms = list(transforms_of(self._proposals[p]))
        del transforms[t]
        self._emit(self._with_transforms(p, transforms),
                   self._texts()["remove_transform"].format(owner=self.owner, number=p + 1,
                                                            transform=t + 1))
        self._select_later(self.row_of(p, min(t, len(transforms) - 1)))

    def move_transform_up(self) -> None:
        self._move_transform(-1)

    def move_transform_down(self) -> None:
        self._move_transform(1)

    def _move_transform(self, delta: int) -> None:
        p, t = self._selected_transform()
        target = t + delta
        if p < 0 or not 0 <= target < self._transform_count(p):
            return
        transforms = list(transforms_of(self._proposals[p]))
        transforms[t], transforms[target] = transforms[target], transforms[t]
        self._emit(self._with_transforms(p, transforms),
                   self._texts()["transform_up" if delta < 0 else "transform_down"].format(
                       owner=self.owner, number=p + 1, transform=t + 1))
        self._select_later(self.row_of(p, target))

    # --- selection and buttons ------------------------------------------------------

    def select_row(self, row: int) -> None:
        if 0 <= row < self.table.rowCount():
            self.table.selectRow(row)

    def _select_later(self, row: int) -> None:
        # The document has refreshed the table by now (the edit is synchronous).
        self.select_row(row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.current_row()
        p = self.proposal_of(row)
        count = len(self._proposals)
        self.duplicate_button.setEnabled(count > 0)
        self.remove_button.setEnabled(p >= 0 and count > 1)
        self.up_button.setEnabled(p > 0)
        self.down_button.setEnabled(0 <= p < count - 1)
        texts = self._texts()
        self.remove_button.setToolTip(texts["remove_tip"] if count > 1 else texts["last_tip"])
        if not self.has_transforms:
            return
        sp, st = self._selected_transform()
        several = self._transform_count(sp) if sp >= 0 else 0
        self.add_transform_button.setEnabled(count > 0)
        self.remove_transform_button.setEnabled(several > 1)
        self.transform_up_button.setEnabled(sp >= 0 and st > 0)
        self.transform_down_button.setEnabled(sp >= 0 and st < several - 1)
        if sp < 0:
            tip = texts["one_transform_tip"]
        elif several <= 1:
            tip = texts["last_transform_tip"]
        else:
            tip = texts["remove_transform_tip"]
        self.remove_transform_button.setToolTip(tip)
