"""The phase-1 and phase-2 proposal tables of a gateway editor.

One row per proposal, in order of preference; each attribute a combo box of
only the values the gateway's profile supports (or a spin box for
lifetimes). Rows can be added, duplicated, removed and moved. The table does
not change the scenario itself: it emits the new tuple of proposals with a
text for the undo stack, and the editor writes it through the document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
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
    """One attribute of a proposal: how to read it, write it and offer its values."""

    key: str  # the tooltip key, and part of the undo merge key
    header: str  # translated where shown (context "proposals")
    name: str  # for the undo text: "DH group" (translated where used)
    get: Callable[[P], Any]
    set: Callable[[P, Any, Profile], P]
    choices: Callable[[Profile, P], list[ch.Choice]] | None = None  # None: a spin box
    applies: Callable[[P], bool] = lambda p: True  # False: shown as "—", disabled
    suffix: str = ""
    label: Callable[[Any], str] = str


def _first_aes_length(profile: Profile) -> int:
    return profile.supported.aes_key_lengths[0] if profile.supported.aes_key_lengths else 128


def _set_encryption(p: IkeProposal, value: int, profile: Profile) -> IkeProposal:
    length = (p.key_length or _first_aes_length(profile)) if value == AES else None
    return replace(p, encryption=value, key_length=length)


def _transform(p: ChildProposal) -> EspTransform:
    return p.transforms[0] if p.transforms else EspTransform()


def _with_transform(p: ChildProposal, **changes: Any) -> ChildProposal:
    first = replace(_transform(p), **changes)
    return replace(p, transforms=(first, *p.transforms[1:]))


def _set_esp(p: ChildProposal, value: int, profile: Profile) -> ChildProposal:
    t = _transform(p)
    length = (t.key_length or _first_aes_length(profile)) if value == ESP_AES else None
    return _with_transform(p, transform_id=value, key_length=length)


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

PHASE2_COLUMNS: tuple[Column[ChildProposal], ...] = (
    Column("protocol", QT_TRANSLATE_NOOP("proposals", "Protocol"),
           QT_TRANSLATE_NOOP("proposals", "protocol"), lambda p: p.protocol,
           lambda p, v, prof: replace(p, protocol=v), lambda prof, p: ch.protocol_choices(prof),
           label=lambda v: describe(ProtocolId, v)),
    Column("mode", QT_TRANSLATE_NOOP("proposals", "Mode"), QT_TRANSLATE_NOOP("proposals", "mode"),
           lambda p: p.encapsulation,
           lambda p, v, prof: replace(p, encapsulation=v), lambda prof, p: ch.mode_choices(prof),
           label=lambda v: describe(EncapsulationMode, v)),
    Column("esp_encryption", QT_TRANSLATE_NOOP("proposals", "Encryption"),
           QT_TRANSLATE_NOOP("proposals", "encryption"), lambda p: _transform(p).transform_id,
           _set_esp, lambda prof, p: ch.esp_encryption_choices(prof),
           label=lambda v: describe(EspTransformId, v)),
    Column("key_length", QT_TRANSLATE_NOOP("proposals", "Key"),
           QT_TRANSLATE_NOOP("proposals", "key length"), lambda p: _transform(p).key_length,
           lambda p, v, prof: _with_transform(p, key_length=v),
           lambda prof, p: ch.key_length_choices(prof),
           applies=lambda p: _transform(p).transform_id == ESP_AES, label=_bits),
    Column("integrity", QT_TRANSLATE_NOOP("proposals", "Integrity"),
           QT_TRANSLATE_NOOP("proposals", "integrity"), lambda p: _transform(p).auth_algorithm,
           lambda p, v, prof: _with_transform(p, auth_algorithm=v),
           lambda prof, p: ch.integrity_choices(prof), label=ch.integrity_label),
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


VALUE_ROLE = int(Qt.ItemDataRole.UserRole) + 10
CHEVRON = 16  # room for the drop-down mark of an editable cell


class _CellDelegate(QStyledItemDelegate):
    """Edits a cell with a combo box of the profile's values (or a lifetime spin box).

    The cell shows the value's short form as text with a small drop-down mark;
    a click opens the combo box at once, a choice is applied at once.
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
        proposal = owner.proposals()[row]
        profile = owner.profile
        assert profile is not None
        editor: QWidget
        if column.choices is not None:
            combo = ChoiceCombo(parent)
            combo.setObjectName(f"{column.key}_{index.row()}")
            combo.set_choices(column.choices(profile, proposal), column.get(proposal),
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
            spin.set_optional(column.get(proposal))
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
        editor.setGeometry(option.rect)

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        extra = CHEVRON + 6 if self.owner.columns[index.column()].choices is not None else 10
        return QSize(size.width() + extra, max(size.height(), 26))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        if not index.flags() & Qt.ItemFlag.ItemIsEditable or \
                self.owner.columns[index.column()].choices is None:
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

    One row per proposal (the first is preferred), one column per attribute.
    """

    edited = Signal(object, str, str)

    def __init__(self, phase: int, columns: Sequence[Column[Any]], what: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.phase = phase
        self.columns = tuple(columns)
        self.what = what  # "phase-1 proposal": the undo merge keys (the texts: _texts)
        self.owner = ""  # the gateway's name, for undo texts
        self.profile: Profile | None = None
        self.show_volume = False
        self._proposals: tuple[Any, ...] = ()
        self._new: Callable[[], Any] | None = None
        self._fixed = ""

        self.table = QTableWidget(0, len(self.columns), self)
        self.table.setObjectName(f"phase{phase}Table")
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
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(True)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        for i, column in enumerate(self.columns):
            item = QTableWidgetItem(translate("proposals", column.header))
            item.setToolTip(ch.TIPS.get(column.key, ""))
            self.table.setHorizontalHeaderItem(i, item)
        vheader = self.table.verticalHeader()
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(28)
        vheader.setToolTip(self.tr("The order of preference: the first proposal is offered "
                                   "first"))
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setObjectName("fixedBanner")
        self.banner.hide()

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(2)

        def button(text: str, tip: str, slot: Callable[[], None], name: str) -> QToolButton:
            b = QToolButton(self)
            b.setText(text)
            b.setToolTip(tip)
            b.setObjectName(name)
            b.setAutoRaise(True)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            return b

        texts = self._texts()
        self.add_button = button(self.tr("Add"), texts["add_tip"], self.add, "add")
        self.duplicate_button = button(self.tr("Duplicate"), texts["duplicate_tip"],
                                       self.duplicate, "duplicate")
        self.remove_button = button(self.tr("Remove"), texts["remove_tip"], self.remove,
                                    "remove")
        self.up_button = button("▲", self.tr("Move the selected proposal up (preferred sooner)"),
                                self.move_up, "up")
        self.down_button = button("▼", self.tr("Move the selected proposal down"),
                                  self.move_down, "down")
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.banner)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

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
            "duplicate_tip": self.tr("Copy the selected phase-2 proposal below it"),
            "remove_tip": self.tr("Remove the selected phase-2 proposal"),
            "last_tip": self.tr("A gateway needs at least one phase-2 proposal"),
            "set": self.tr("Set {owner}'s phase-2 proposal {number} {column} to {value}"),
            "add": self.tr("Add a phase-2 proposal to {owner}"),
            "duplicate": self.tr("Duplicate {owner}'s phase-2 proposal {number}"),
            "remove": self.tr("Remove {owner}'s phase-2 proposal {number}"),
            "up": self.tr("Move {owner}'s phase-2 proposal {number} up"),
            "down": self.tr("Move {owner}'s phase-2 proposal {number} down"),
        }

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
        self.profile = profile
        self._fixed = fixed_reason
        selected = self.current_row()
        self.table.blockSignals(True)
        self.table.setRowCount(len(proposals))
        for row, proposal in enumerate(proposals):
            for col, column in enumerate(self.columns):
                self._show_cell(row, col, column, proposal, profile,
                                fixed_reason or fixed_columns.get(column.key, ""))
        self.table.blockSignals(False)
        self._hide_unused_columns(proposals, profile)
        self.table.resizeColumnsToContents()
        self._fit_height()
        self.banner.setText(fixed_reason)
        self.banner.setVisible(bool(fixed_reason))
        for b in (self.add_button, self.duplicate_button, self.remove_button, self.up_button,
                  self.down_button):
            b.setVisible(not fixed_reason)
        if 0 <= selected < len(proposals):
            self.table.selectRow(selected)
        self._update_buttons()

    def _show_cell(self, row: int, col: int, column: Column[Any], proposal: Any,
                   profile: Profile, fixed: str) -> None:
        value = column.get(proposal)
        applies = column.applies(proposal)
        item = self.table.item(row, col)
        if item is None:
            item = QTableWidgetItem()
            self.table.setItem(row, col, item)
        supported = True
        if not applies:
            text = "—"
            full = self.tr("not used with this cipher")
        elif column.choices is not None:
            offered = column.choices(profile, proposal)
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
        item.setToolTip(f"{full}\n\n{fixed or tip}")
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if applies and not fixed:
            flags |= Qt.ItemFlag.ItemIsEditable
        item.setFlags(flags)
        if not supported:
            item.setForeground(QColor(UNSUPPORTED_COLOR))
        else:
            item.setData(Qt.ItemDataRole.ForegroundRole, None)
        if column.choices is None:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def _hide_unused_columns(self, proposals: Sequence[Any], profile: Profile) -> None:
        """Hide what says nothing here: a protocol or mode the product cannot change, a key
        length it has no cipher for, volume lifetimes nobody uses (the header's context menu
        shows them)."""
        for col, column in enumerate(self.columns):
            hidden = False
            if column.key == "lifetime_kilobytes":
                hidden = not self.show_volume and not any(column.get(p) for p in proposals)
            elif column.key in ("protocol", "mode") and column.choices is not None:
                offered = [c.value for c in column.choices(profile, proposals[0])] \
                    if proposals else []
                hidden = len(offered) == 1 and all(column.get(p) == offered[0]
                                                   for p in proposals)
            elif column.key == "key_length":
                hidden = (not profile.supported.aes_key_lengths
                          and not any(column.applies(p) for p in proposals))
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
            self.table.resizeColumnsToContents()
            self._fit_height()

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
        self._fit_height()

    # --- editing -------------------------------------------------------------------

    def proposals(self) -> tuple[Any, ...]:
        return self._proposals

    def current_row(self) -> int:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model is not None else []
        return rows[0].row() if rows else -1

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
        if not 0 <= row < len(self._proposals) or self.profile is None:
            return
        column = self.columns[col]
        proposals = list(self._proposals)
        proposals[row] = column.set(proposals[row], value, self.profile)
        if proposals[row] == self._proposals[row]:
            return
        text = self._texts()["set"].format(
            owner=self.owner, number=row + 1, column=translate("proposals", column.name),
            value=column.label(value) if value is not None else self.tr("none"))
        self._emit(proposals, text, f"{self.what}.{row}.{column.key}"
                   if column.choices is None else "")

    def _emit(self, proposals: list[Any], text: str, merge_key: str = "") -> None:
        self.edited.emit(tuple(proposals), text, merge_key)

    def add(self) -> None:
        if self._new is None:
            return
        self._emit([*self._proposals, self._new()],
                   self._texts()["add"].format(owner=self.owner))
        self._select_later(len(self._proposals))

    def duplicate(self) -> None:
        row = self.current_row()
        if row < 0:
            row = len(self._proposals) - 1
        if row < 0:
            return
        proposals = list(self._proposals)
        proposals.insert(row + 1, proposals[row])
        self._emit(proposals, self._texts()["duplicate"].format(owner=self.owner,
                                                                number=row + 1))
        self._select_later(row + 1)

    def remove(self) -> None:
        row = self.current_row()
        if row < 0 or len(self._proposals) <= 1:
            return
        proposals = list(self._proposals)
        del proposals[row]
        self._emit(proposals, self._texts()["remove"].format(owner=self.owner,
                                                             number=row + 1))
        self._select_later(min(row, len(self._proposals) - 1))

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def _move(self, delta: int) -> None:
        row = self.current_row()
        target = row + delta
        if row < 0 or not 0 <= target < len(self._proposals):
            return
        proposals = list(self._proposals)
        proposals[row], proposals[target] = proposals[target], proposals[row]
        self._emit(proposals, self._texts()["up" if delta < 0 else "down"].format(
            owner=self.owner, number=row + 1))
        self._select_later(target)

    def select_row(self, row: int) -> None:
        if 0 <= row < self.table.rowCount():
            self.table.selectRow(row)

    def _select_later(self, row: int) -> None:
        # The document has refreshed the table by now (the edit is synchronous).
        self.select_row(row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.current_row()
        count = len(self._proposals)
        self.duplicate_button.setEnabled(count > 0)
        self.remove_button.setEnabled(row >= 0 and count > 1)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        texts = self._texts()
        self.remove_button.setToolTip(texts["remove_tip"] if count > 1 else texts["last_tip"])
