"""Fixes: colours that follow a theme switched at run time; the French window's texts.

- the product logs of the diagnosis (and the timeline) take the new theme's colours;
- the accent of a capital in an unselected tab is drawn ("États après", not "Etats");
- the phase-1 check boxes are in French;
- a phase-1 table of a gateway dock at its default width shows every column whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from ikeviz import i18n
from ikeviz.gui.proposals import PHASE1_COLUMNS, ProposalTable
from ikeviz.gui.translation import install_language
from ikeviz.gui.widgets import unclipped_tab_text
from ikeviz.render.painter import DARK, LIGHT
from ikeviz.scenario.fileformat import load_scenario
from ikeviz.scenario.lessons import lesson_path
from ikeviz.scenario.model import Side
from ikeviz.scenario.profiles import builtin_profiles

# The French window of test_french: the same fixture and helpers.
from .test_french import _close, _window, french  # noqa: F401

# --- the theme switched at run time -----------------------------------------------------


def test_product_log_text_follows_a_theme_switched_at_run_time(qtbot: Any,
                                                               tmp_path: Path) -> None:
    win = _window(qtbot, tmp_path, "pfs-groups-differ")
    try:
        win.apply_theme("light", save=False)
        QApplication.processEvents()
        logs = win.diagnosis_panel.logs
        documented = logs[Side.RIGHT]  # strongSwan's log is documented, OmniPCX's is not
        assert "NO_PROPOSAL_CHOSEN" in documented.toPlainText()
        for name, theme in (("dark", DARK), ("light", LIGHT), ("dark", DARK)):
            win.apply_theme(name, save=False)
            QApplication.processEvents()
            text = documented.text.palette().color(QPalette.ColorRole.Text)
            base = documented.frame.palette().color(QPalette.ColorRole.Base)
            assert text == QApplication.palette().color(QPalette.ColorRole.Text), name
            assert abs(text.lightness() - base.lightness()) > 100, (name, text.name(),
                                                                    base.name())
            muted = logs[Side.LEFT].text.palette().color(QPalette.ColorRole.Text)
            assert muted == QColor(theme.muted), name
    finally:
        win.apply_theme("light", save=False)
        _close(win)


def test_the_timeline_follows_a_theme_switched_at_run_time(qtbot: Any, tmp_path: Path) -> None:
    pytest.importorskip("pyqtgraph")
    from ikeviz.gui.timeline import Timeline

    win = _window(qtbot, tmp_path, "pfs-groups-differ")
    timeline = Timeline()
    qtbot.addWidget(timeline)
    try:
        win.apply_theme("light", save=False)
        timeline.set_run(win.document.run)
        timeline.show()
        QApplication.processEvents()
        assert timeline._background.lightness() > 128
        count = len(timeline.message_points)
        win.apply_theme("dark", save=False)
        QApplication.processEvents()
        assert timeline._background == QApplication.palette().color(QPalette.ColorRole.Base)
        assert timeline._background.lightness() < 128
        assert timeline._foreground.lightness() > 128
        assert len(timeline.message_points) == count  # drawn again, not lost
    finally:
        win.apply_theme("light", save=False)
        _close(win)


# --- French ------------------------------------------------------------------------------


def _tab_image(text: str, *, unclipped: bool) -> QImage:
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    tabs.addTab(QWidget(), "Clés")
    tabs.addTab(QWidget(), text)  # not the current one: drawn lower, where it was cut
    if unclipped:
        unclipped_tab_text(tabs.tabBar())
    tabs.resize(300, 80)
    tabs.show()
    QApplication.processEvents()
    image = tabs.tabBar().grab().toImage()
    tabs.close()
    return image


def test_an_unselected_tab_shows_the_accent_of_a_capital(qapp: QApplication) -> None:
    # With the accent drawn, "États" and "Etats" differ; cut off, they were the same pixels.
    assert _tab_image("États après", unclipped=True) != _tab_image("Etats après",
                                                                   unclipped=True)


@pytest.mark.usefixtures("french")
def test_the_inspector_tabs_do_not_cut_accents(qtbot: Any, tmp_path: Path) -> None:
    win = _window(qtbot, tmp_path, "identity-type-mismatch")
    try:
        inspector = win.ensure_inspector()
        assert inspector is not None
        assert inspector.details_tabs.tabText(1) == "États après"
        for tabs in (inspector.details_tabs, inspector.hex_tabs):
            assert type(tabs.tabBar().style()).__name__ == "_TabTextStyle"
    finally:
        _close(win)


@pytest.mark.usefixtures("french")
def test_the_phase1_options_in_french(qtbot: Any, tmp_path: Path) -> None:
    win = _window(qtbot, tmp_path, "identity-type-mismatch")
    try:
        # The protocol's names stay as the products and the other French texts write them
        # ("Échec au message 5 du Main Mode", "Accepter l’Aggressive Mode"), in French
        # sentences.
        editor = win.right_editor
        assert editor.aggressive_check.text() == "Utiliser l’Aggressive Mode"
        assert editor.nat_check.text() == "Activer le NAT traversal"
        labels = [band.label for band in win.document.diagram.bands if band.label]
        assert labels == ["Phase 1 (Main Mode)", "Phase 2 (Quick Mode)"]
        assert i18n.current_language() == "fr"
    finally:
        _close(win)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_phase1_table_at_the_default_dock_width_shows_every_column(
        qapp: QApplication, qtbot: Any, language: str) -> None:
    install_language(qapp, language)
    try:
        gateway = load_scenario(lesson_path("identity-type-mismatch")).right
        profile = builtin_profiles()[gateway.profile]  # strongSwan: a Key column too
        table = ProposalTable(1, PHASE1_COLUMNS, "phase-1 proposal")
        qtbot.addWidget(table)
        table.resize(445, 200)  # the right dock at 1600 pixels, less its margins
        table.show()
        table.set_proposals(gateway.phase1, profile, owner=gateway.name,
                            new=lambda: gateway.phase1[0])
        QApplication.processEvents()
        view = table.table
        header = view.horizontalHeader()
        shown = [c for c in range(view.columnCount()) if not view.isColumnHidden(c)]
        assert view.horizontalHeaderItem(shown[-1]).text() == (
            "Durée" if language == "fr" else "Lifetime")
        assert header.length() <= view.viewport().width()
        assert not view.horizontalScrollBar().isVisible()
        for column in shown:  # every value whole
            assert header.sectionSize(column) >= view.sizeHintForColumn(column)
    finally:
        install_language(qapp, "en")


def test_a_narrow_phase1_table_cuts_headers_before_values(qapp: QApplication,
                                                          qtbot: Any) -> None:
    install_language(qapp, "fr")
    try:
        gateway = load_scenario(lesson_path("identity-type-mismatch")).right
        profile = builtin_profiles()[gateway.profile]  # strongSwan: a Key column too
        table = ProposalTable(1, PHASE1_COLUMNS, "phase-1 proposal")
        qtbot.addWidget(table)
        table.show()
        table.set_proposals(gateway.phase1, profile, owner=gateway.name,
                            new=lambda: gateway.phase1[0])
        view = table.table
        header = view.horizontalHeader()
        shown = [c for c in range(view.columnCount()) if not view.isColumnHidden(c)]
        # A header wider than its values (as "Durée de vie" was over "28800 s").
        view.horizontalHeaderItem(shown[-1]).setText("Durée de vie de la SA")
        natural = sum(max(view.sizeHintForColumn(c), header.sectionSizeHint(c))
                      for c in shown)
        cells = sum(view.sizeHintForColumn(c) for c in shown)
        assert cells < natural
        table.resize(cells + view.verticalHeader().width() + 2 * view.frameWidth() + 2, 200)
        QApplication.processEvents()
        assert header.length() <= view.viewport().width() + 1
        for column in shown:
            assert header.sectionSize(column) >= view.sizeHintForColumn(column)
        assert header.sectionSize(shown[-1]) < header.sectionSizeHint(shown[-1])  # cut
    finally:
        install_language(qapp, "en")
