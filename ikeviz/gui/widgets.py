"""Small widgets the editors share: a combo box of choices, a spin box for lifetimes, a
label that elides its text."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QProxyStyle,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionSpinBox,
    QStylePainter,
    QWidget,
)

from ikeviz.gui.choices import Choice

SHORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def plural(text: str, count: int) -> str:
    """English grammar for a ``tr("%n thing(s)", "", n)`` left untranslated (English has
    no translation file): "(s)" becomes "s" or nothing. Translations have no "(s)"."""
    return text.replace("(s)", "" if count == 1 else "s")
UNSUPPORTED_COLOR = "#c62828"


class _TabTextStyle(QProxyStyle):
    """The application's style, but a tab's text is never clipped at the top or bottom.

    Fusion lays out the text of an unselected tab in a rectangle two pixels shorter than
    the font (the tab is drawn lower), and clips it to that rectangle: the accent of a
    capital letter disappears ("États après" reads "Etats après"). The rectangle is made
    as tall as the text, around the same centre, so nothing moves.
    """

    def drawItemText(self, painter: QPainter, rect: QRect, flags: int,  # noqa: N802
                     palette: QPalette, enabled: bool, text: str,
                     role: QPalette.ColorRole = QPalette.ColorRole.NoRole) -> None:
        need = painter.fontMetrics().height() + 2
        if rect.height() < need:
            grow = (need - rect.height() + 1) // 2
            rect = rect.adjusted(0, -grow, 0, grow)
        super().drawItemText(painter, rect, flags, palette, enabled, text, role)


def unclipped_tab_text(tab_bar: QWidget) -> None:
    """Give ``tab_bar`` (a QTabBar) a style that does not cut off its tabs' accents."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    style = app.findChild(_TabTextStyle, "tabTextStyle")
    if style is None:  # one for the application, destroyed with it (after its widgets)
        style = _TabTextStyle(app.style().name())
        style.setObjectName("tabTextStyle")
        style.setParent(app)
    tab_bar.setStyle(style)


class ChoiceCombo(QComboBox):
    """A combo box of :class:`Choice` values.

    The open list shows each value's full RFC name ("2048-bit MODP group
    (14)"), the closed box its short form ("MODP-2048 (14)"). A current value
    the profile does not support is kept, shown in red with a note, so that
    nothing of a file is silently changed. ``valueChanged`` is emitted for
    changes made by the user (or a test), not by :meth:`set_choices`.
    """

    valueChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[object] = []
        self._loading = False
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.currentIndexChanged.connect(self._index_changed)

    def set_choices(self, choices: Sequence[Choice], current: object, *,
                    unsupported_note: str = "") -> None:
        items = list(choices)
        unsupported_note = unsupported_note or self.tr("not supported")
        if current not in [c.value for c in items]:
            label = _label_of(current)
            items.append(Choice(f"{label} — {unsupported_note}", f"{label} (!)", current,
                                supported=False))
        values = [c.value for c in items]
        texts = [c.label for c in items]
        same = values == self._values and texts == [self.itemText(i) for i in
                                                    range(self.count())]
        self._loading = True
        try:
            if not same:
                self.clear()
                self._values = values
                for i, choice in enumerate(items):
                    self.addItem(choice.label)
                    self.setItemData(i, choice.short, SHORT_ROLE)
                    self.setItemData(i, choice.label, Qt.ItemDataRole.ToolTipRole)
                    if not choice.supported:
                        self.setItemData(i, QBrush(QColor(UNSUPPORTED_COLOR)),
                                         Qt.ItemDataRole.ForegroundRole)
                shortest = max((len(c.short) for c in items), default=4)
                self.setMinimumContentsLength(max(3, shortest))
                metrics = QFontMetrics(self.font())
                widest = max((metrics.horizontalAdvance(c.label) for c in items), default=60)
                self.view().setMinimumWidth(widest + 48)
            self.setCurrentIndex(values.index(current))
            supported = items[values.index(current)].supported
            self.setProperty("unsupported", not supported)
            font = QFont(self.font())
            font.setItalic(not supported)
            self.setFont(font)
        finally:
            self._loading = False

    def value(self) -> object:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def set_value(self, value: object) -> None:
        """Choose ``value`` as a user would (emits ``valueChanged``)."""
        self.setCurrentIndex(self._values.index(value))

    def values(self) -> list[object]:
        return list(self._values)

    def _index_changed(self, index: int) -> None:
        if not self._loading and 0 <= index < len(self._values):
            self.valueChanged.emit(self._values[index])

    def wheelEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        # A wheel over a form or a table scrolls it; it changes no value by accident.
        if self.hasFocus():
            super().wheelEvent(event)  # type: ignore[arg-type]
        else:
            event.ignore()  # type: ignore[attr-defined]

    # The closed box shows the short form.
    def paintEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        short = self.currentData(SHORT_ROLE)
        if short:
            option.currentText = str(short)
        if self.property("unsupported"):
            option.palette.setColor(option.palette.ColorRole.ButtonText,
                                    QColor(UNSUPPORTED_COLOR))
            option.palette.setColor(option.palette.ColorRole.Text, QColor(UNSUPPORTED_COLOR))
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._short_size(super().sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._short_size(super().minimumSizeHint())

    def _short_size(self, base: QSize) -> QSize:
        metrics = QFontMetrics(self.font())
        shorts = [str(self.itemData(i, SHORT_ROLE) or self.itemText(i))
                  for i in range(self.count())]
        text = max((metrics.horizontalAdvance(s) for s in shorts), default=40)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        size = self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option,
                                             QSize(text + 4, metrics.height()), self)
        return QSize(size.width(), max(size.height(), base.height()))


def _label_of(value: object) -> str:
    return QCoreApplication.translate("ChoiceCombo", "none") if value is None else str(value)


class OptionalSpin(QSpinBox):
    """A non-negative integer where 0 means "none" (a lifetime that is not proposed)."""

    valueEdited = Signal(object)  # int or None

    def __init__(self, suffix: str = "", parent: QWidget | None = None,
                 maximum: int = 2**31 - 1) -> None:
        super().__init__(parent)
        self._loading = False
        self.setRange(0, maximum)
        self.setSpecialValueText(self.tr("none"))
        self.setSuffix(suffix)
        self.setKeyboardTracking(False)
        self.setAccelerated(True)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.valueChanged.connect(self._changed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # Wide enough for a week in seconds, not for the 10 digits of the maximum.
        base = super().sizeHint()
        metrics = QFontMetrics(self.font())
        text = max(self.text(), "999999" + self.suffix(), key=len)
        option = QStyleOptionSpinBox()
        self.initStyleOption(option)
        size = self.style().sizeFromContents(
            QStyle.ContentsType.CT_SpinBox, option,
            QSize(metrics.horizontalAdvance(text) + 6, metrics.height()), self)
        return QSize(size.width(), base.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.sizeHint()

    def set_optional(self, value: int | None) -> None:
        self._loading = True
        try:
            self.setValue(min(value or 0, self.maximum()))
        finally:
            self._loading = False

    def optional(self) -> int | None:
        return self.value() or None

    def _changed(self, value: int) -> None:
        if not self._loading:
            self.valueEdited.emit(value or None)

    def wheelEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        # A wheel over a table scrolls it; it does not change a lifetime by accident.
        if self.hasFocus():
            super().wheelEvent(event)  # type: ignore[arg-type]
        else:
            event.ignore()  # type: ignore[attr-defined]



class ElidedLabel(QLabel):
    """A one-line label that ends its text with "…" when it is too narrow (the whole text
    in its tooltip) instead of running under its neighbours: the status bar's texts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(0)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        changed = text != self._full
        self._full = text
        self.setToolTip(text)
        self._elide()
        if changed:
            self.updateGeometry()  # the size hint is the whole text's

    def text(self) -> str:
        """The whole text (not the elided one shown)."""
        return self._full

    def shown_text(self) -> str:
        return super().text()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 4,
                     super().sizeHint().height())

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._elide()

    def _elide(self) -> None:
        width = max(0, self.contentsRect().width())
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        if shown != super().text():
            super().setText(shown)
