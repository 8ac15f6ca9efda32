"""The phase-2 table: every transform of every proposal, edited, added, removed and moved.

The lesson "p2-transform-mismatch" (an OmniPCX Office offering ESP 3DES/SHA-1 to a
strongSwan that accepts AES-128/SHA-1 only, refused at QM2) with the strongSwan side given
a proposal of two alternative transforms, AES-128/SHA-1 and AES-256/SHA-1: still refused,
until its second transform becomes 3DES.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ikeviz.gui import settings as prefs
from ikeviz.gui.document import Document
from ikeviz.gui.mainwindow import MainWindow
from ikeviz.gui.proposals import ProposalTable
from ikeviz.gui.translation import install_language, install_preferred_language
from ikeviz.protocol.config import EspTransform
from ikeviz.protocol.registry import AuthAlgorithm, EspTransformId
from ikeviz.scenario.fileformat import load_scenario
from ikeviz.scenario.lessons import lesson_path
from ikeviz.scenario.model import Scenario, Side

AES = int(EspTransformId.ESP_AES)
DES3 = int(EspTransformId.ESP_3DES)
SHA1 = int(AuthAlgorithm.HMAC_SHA)
AES128 = EspTransform(AES, 128, SHA1)
AES256 = EspTransform(AES, 256, SHA1)


def two_transforms() -> Scenario:
    scenario = load_scenario(lesson_path("p2-transform-mismatch"))
    right = scenario.right
    proposal = replace(right.phase2[0], transforms=(AES128, AES256))
    return scenario.with_gateway(Side.RIGHT, replace(right, phase2=(proposal,)))


def _open(qtbot: Any, tmp_path: Path) -> MainWindow:
    win = MainWindow(Document(two_transforms()), autosave_path=tmp_path / "autosave.toml",
                     restore_layout=False)
    win.show()
    qtbot.waitExposed(win)
    return win


def _close(win: MainWindow) -> None:
    win.document._force_modified = False
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()


@pytest.fixture
def window(qtbot: Any, tmp_path: Path) -> Iterator[MainWindow]:
    win = _open(qtbot, tmp_path)
    yield win
    _close(win)


def table_of(window: MainWindow) -> ProposalTable:
    return window.right_editor.phase2


def transforms(window: MainWindow, proposal: int = 0) -> tuple[EspTransform, ...]:
    return window.document.scenario.right.phase2[proposal].transforms


def test_every_transform_has_its_row(window: MainWindow) -> None:
    table = table_of(window)
    assert table.rows() == [(0, 0), (0, 1)]
    assert table.table.rowCount() == 2
    assert [table.cell_text(r, "number") for r in range(2)] == ["1.1", "1.2"]
    assert [table.cell_text(r, "esp_encryption") for r in range(2)] == ["ESP_AES (12)"] * 2
    assert [table.cell_text(r, "key_length") for r in range(2)] == ["128", "256"]
    # The proposal's own attributes are shown once, across its two rows.
    for key in ("pfs_group", "lifetime"):
        col = table.column_of(key)
        assert table.table.rowSpan(0, col) == 2
        assert table.cell_text(0, key)
        assert "For all 2 transforms of proposal 1" in table.table.item(0, col).toolTip()
    assert table.table.rowSpan(0, table.column_of("esp_encryption")) == 1
    assert table.cell_text(0, "pfs_group") == "MODP-1024 (2)"
    assert "transform 2 of 2" in table.table.item(1, table.column_of("number")).toolTip()
    assert not table.table.verticalHeader().isVisible()  # the "#" column numbers the rows
    # The phase-1 table is still one row per proposal, numbered by the vertical header.
    phase1 = window.right_editor.phase1
    assert phase1.table.rowCount() == 1
    assert phase1.table.verticalHeader().isVisible()
    assert not hasattr(phase1, "add_transform_button")


def test_editing_the_second_transform_changes_the_result(window: MainWindow) -> None:
    doc = window.document
    table = table_of(window)
    assert doc.diagnosis is not None and not doc.diagnosis.established
    assert doc.diagnosis.failure_label == "QM2"
    assert window.view.diagram is not None and window.view.diagram.failing_row is not None

    combo = table.combo(1, "esp_encryption")
    profile = doc.profile("strongswan-5.9")
    assert profile is not None
    assert combo.values() == list(profile.supported.esp_encryption)  # the profile's values
    combo.set_value(DES3)

    assert transforms(window) == (AES128, EspTransform(DES3, None, SHA1))  # the first kept
    assert doc.diagnosis.established
    assert window.view.diagram.failing_row is None
    assert doc.undo_stack.undoText() == ("Set Lyon gateway's phase-2 proposal 1 transform 2 "
                                         "encryption to ESP_3DES (3)")
    assert table.cell_text(1, "esp_encryption") == "ESP_3DES (3)"
    assert table.cell_text(1, "key_length") == "—"  # no key length for 3DES
    assert table.cell_text(0, "esp_encryption") == "ESP_AES (12)"

    doc.undo_stack.undo()
    assert transforms(window) == (AES128, AES256)
    assert doc.diagnosis.failure_label == "QM2"
    assert table.cell_text(1, "esp_encryption") == "ESP_AES (12)"


def test_a_proposal_level_edit_on_its_spanning_cell(window: MainWindow) -> None:
    doc = window.document
    table = table_of(window)
    table.combo(0, "pfs_group").set_value(14)
    proposal = doc.scenario.right.phase2[0]
    assert proposal.pfs_group == 14 and proposal.transforms == (AES128, AES256)
    assert doc.undo_stack.undoText() == ("Set Lyon gateway's phase-2 proposal 1 PFS group to "
                                         "2048-bit MODP group (14)")
    spin = table.spin(0, "lifetime")
    spin.setValue(1800)
    assert doc.scenario.right.phase2[0].lifetime_seconds == 1800
    assert table.cell_text(0, "lifetime") == "1800 s"


def test_add_a_transform_then_undo_and_redo(window: MainWindow) -> None:
    doc = window.document
    table = table_of(window)
    table.select_row(0)
    assert table.add_transform_button.isEnabled()
    table.add_transform_button.click()

    added = transforms(window)
    assert len(added) == 3 and added[:2] == (AES128, AES256)
    assert added[2] not in (AES128, AES256)  # a new alternative, one the profile supports
    profile = doc.profile("strongswan-5.9")
    assert profile is not None
    assert added[2].transform_id in profile.supported.esp_encryption
    assert added[2].auth_algorithm in profile.supported.esp_integrity
    assert doc.undo_stack.undoText() == "Add a transform to Lyon gateway's phase-2 proposal 1"
    assert table.rows() == [(0, 0), (0, 1), (0, 2)]
    assert table.selected_rows() == [2]  # the new transform is selected
    assert table.cell_text(2, "number") == "1.3"
    assert table.table.rowSpan(0, table.column_of("pfs_group")) == 3

    doc.undo_stack.undo()
    assert transforms(window) == (AES128, AES256)
    assert table.table.rowCount() == 2
    doc.undo_stack.redo()
    assert transforms(window) == added
    assert table.table.rowCount() == 3


def test_remove_a_transform_but_never_the_last(window: MainWindow) -> None:
    doc = window.document
    table = table_of(window)
    table.select_row(0)
    assert table.remove_transform_button.isEnabled()
    table.remove_transform_button.click()
    assert transforms(window) == (AES256,)
    assert doc.undo_stack.undoText() == ("Remove transform 1 of Lyon gateway's phase-2 "
                                         "proposal 1")
    assert table.rows() == [(0, 0)]
    assert table.cell_text(0, "number") == "1"
    # The last transform of a proposal stays: the button says how to remove the proposal.
    table.select_row(0)
    assert not table.remove_transform_button.isEnabled()
    assert "at least one transform" in table.remove_transform_button.toolTip()
    table.remove_transform()  # refused even when called
    assert transforms(window) == (AES256,)
    doc.undo_stack.undo()
    assert transforms(window) == (AES128, AES256)


def test_reorder_transforms_within_their_proposal(window: MainWindow) -> None:
    doc = window.document
    table = table_of(window)
    table.select_row(1)
    assert table.transform_up_button.isEnabled()
    assert not table.transform_down_button.isEnabled()
    table.transform_up_button.click()
    assert transforms(window) == (AES256, AES128)
    assert doc.undo_stack.undoText() == ("Move transform 2 of Lyon gateway's phase-2 "
                                         "proposal 1 up")
    assert table.selected_rows() == [0]  # the selection follows the moved transform
    assert table.cell_text(0, "key_length") == "256"
    table.transform_down_button.click()
    assert transforms(window) == (AES128, AES256)
    assert doc.undo_stack.undoText().endswith("proposal 1 down")
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert transforms(window) == (AES128, AES256)
    assert doc.undo_stack.index() == 0


def test_proposals_with_several_transforms_added_duplicated_moved_removed(
        window: MainWindow) -> None:
    doc = window.document
    table = table_of(window)
    table.select_row(1)  # a transform of proposal 1: the proposal buttons act on proposal 1
    table.duplicate_button.click()
    assert [len(p.transforms) for p in doc.scenario.right.phase2] == [2, 2]
    assert table.rows() == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert [table.cell_text(r, "number") for r in range(4)] == ["1.1", "1.2", "2.1", "2.2"]
    table.combo(3, "esp_encryption").set_value(DES3)  # proposal 2, transform 2
    assert doc.scenario.right.phase2[0].transforms == (AES128, AES256)
    assert doc.scenario.right.phase2[1].transforms[1].transform_id == DES3
    assert doc.diagnosis is not None and doc.diagnosis.established
    table.select_row(3)
    table.up_button.click()  # proposal 2 becomes proposal 1
    assert doc.scenario.right.phase2[0].transforms[1].transform_id == DES3
    assert doc.undo_stack.undoText() == "Move Lyon gateway's phase-2 proposal 2 up"
    assert table.selected_rows() == [1]  # the same transform, now proposal 1's
    table.add_button.click()
    assert len(doc.scenario.right.phase2) == 3
    assert table.proposal_of(table.current_row()) == 2
    table.remove_button.click()
    assert len(doc.scenario.right.phase2) == 2
    assert doc.undo_stack.count() == 5
    for _ in range(5):
        doc.undo_stack.undo()
    assert doc.scenario == two_transforms()
    assert not doc.modified


def test_a_click_on_a_proposal_cell_selects_its_transforms(window: MainWindow,
                                                            qtbot: Any) -> None:
    table = table_of(window)
    window.right_editor.ensureWidgetVisible(table)
    column = table.column_of("number")
    table.table.scrollTo(table.table.model().index(0, column))
    rect = table.table.visualRect(table.table.model().index(1, column))
    qtbot.mouseClick(table.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert table.selected_rows() == [1]
    assert table.remove_transform_button.isEnabled()
    # The PFS group spans the proposal's rows: a click on it selects the whole proposal,
    # whose transforms then cannot be removed or moved one by one.
    span = table.table.visualRect(table.table.model().index(0, table.column_of("pfs_group")))
    assert span.height() >= 2 * rect.height()
    qtbot.mouseClick(table.table.viewport(), Qt.MouseButton.LeftButton, pos=span.center())
    assert table.selected_rows() == [0, 1]
    assert not table.remove_transform_button.isEnabled()
    assert "Select one transform" in table.remove_transform_button.toolTip()
    assert table.add_transform_button.isEnabled()


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    prefs.set_value("language", "fr")
    assert install_preferred_language(qapp) == "fr"
    yield
    install_language(qapp, "en")


def test_the_transforms_in_french(french: None, qtbot: Any, tmp_path: Path) -> None:
    win = _open(qtbot, tmp_path)
    try:
        table = table_of(win)
        assert table.findChild(type(table.banner), "proposalButtons").text() == "Proposition :"
        assert table.findChild(type(table.banner), "transformButtons").text() == \
            "Transformation :"
        assert table.add_transform_button.text() == "Ajouter"
        assert table.add_transform_button.accessibleName() == "Ajouter une transformation"
        assert "transformation alternative" in table.add_transform_button.toolTip()
        headers = [table.table.horizontalHeaderItem(i).text()
                   for i in range(table.table.columnCount())]
        assert headers[0] == "N°" and "Chiffrement" in headers and "Groupe PFS" in headers
        assert "transformation 2 sur 2" in table.table.item(
            1, table.column_of("number")).toolTip()
        table.select_row(1)
        table.transform_up_button.click()
        assert win.document.undo_stack.undoText() == (
            "Monter la transformation 2 de la proposition de phase 2 n°\u00a01 de Lyon gateway")
        table.combo(1, "esp_encryption").set_value(DES3)
        assert win.document.undo_stack.undoText().startswith(
            "chiffrement de la transformation 2 de la proposition de phase 2")
        table.select_row(0)
        table.remove_transform_button.click()
        table.select_row(0)
        assert "au moins une transformation" in table.remove_transform_button.toolTip()
    finally:
        _close(win)
