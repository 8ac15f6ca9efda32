"""Light and dark: the widgets' palette and the diagram's theme, switched together."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ikeviz.render.painter import DARK, LIGHT, Theme

# Translated where shown: QCoreApplication.translate("themes", THEME_NAMES[name]).
THEME_NAMES = {"system": QT_TRANSLATE_NOOP("themes", "Follow the System"),
               "light": QT_TRANSLATE_NOOP("themes", "Light"),
               "dark": QT_TRANSLATE_NOOP("themes", "Dark")}


def resolve(name: str) -> str:
    """"light" or "dark" for a theme preference ("system" asks the platform)."""
    if name in ("light", "dark"):
        return name
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hasattr(hints, "colorScheme") else None
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def diagram_theme(name: str) -> Theme:
    return DARK if resolve(name) == "dark" else LIGHT


def _dark_palette() -> QPalette:
    p = QPalette()
    window = QColor("#25282d")
    base = QColor("#1e2126")
    text = QColor("#e6e8eb")
    disabled = QColor("#7a828c")
    accent = QColor("#4f8fd6")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#2a2e34"),
        QPalette.ColorRole.ToolTipBase: QColor("#30353c"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#8a929c"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#2f3339"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Light: QColor("#3a3f46"),
        QPalette.ColorRole.Midlight: QColor("#33373d"),
        QPalette.ColorRole.Mid: QColor("#2a2e33"),
        QPalette.ColorRole.Dark: QColor("#16181b"),
        QPalette.ColorRole.Shadow: QColor("#000000"),
        QPalette.ColorRole.Highlight: accent,
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#8ab4f8"),
        QPalette.ColorRole.LinkVisited: QColor("#c58af9"),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, window)
    return p


def _light_palette() -> QPalette:
    style = QApplication.style()
    p = style.standardPalette() if style is not None else QPalette()
    p.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fb5"))
    p.setColor(QPalette.ColorRole.Link, QColor("#1a5fb4"))
    return p


def apply(app: QApplication, name: str) -> Theme:
    """Give ``app`` the palette of ``name``; the diagram theme to go with it."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    dark = resolve(name) == "dark"
    app.setPalette(_dark_palette() if dark else _light_palette())
    return DARK if dark else LIGHT
