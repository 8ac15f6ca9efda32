"""The document: edits on an undo stack, a run, a diagnosis and a diagram for each change."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ikeviz.gui.document import Document
from ikeviz.render.diagram import RowKind
from ikeviz.scenario.fileformat import ScenarioFileError, load_scenario
from ikeviz.scenario.lessons import lesson_path
from ikeviz.scenario.model import Side


def with_right_group(scenario: Any, group: int) -> Any:
    right = scenario.right
    return scenario.with_gateway(Side.RIGHT, replace(
        right, phase1=(replace(right.phase1[0], group=group),)))


def test_every_edit_recomputes_and_is_undoable(default_scenario: Any, qtbot: Any) -> None:
    doc = Document(default_scenario)
    assert doc.diagnosis.established and doc.row_count == 9 and doc.step == 9
    with qtbot.waitSignals([doc.scenarioChanged, doc.resultChanged, doc.modifiedChanged]):
        assert doc.edit(with_right_group(default_scenario, 14), "Set the group to 14")
    assert doc.diagnosis.failure_label == "MM2"
    assert doc.diagram.failing_row is not None
    assert doc.modified
    assert doc.step == doc.row_count  # it was at the end: it stays at the end
    assert not doc.edit(doc.scenario, "nothing")  # no change, no step
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.scenario == default_scenario
    assert doc.diagnosis.established and not doc.modified
    doc.undo_stack.redo()
    assert doc.diagnosis.failure_label == "MM2"


def test_edits_with_the_same_merge_key_make_one_step(default_scenario: Any) -> None:
    doc = Document(default_scenario)
    for name in ("L", "Ly", "Lyo"):
        doc.edit(doc.scenario.with_gateway(Side.RIGHT, replace(doc.scenario.right, name=name)),
                 f"Rename to {name}", merge_key="right.name")
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.undoText() == "Rename to Lyo"
    doc.edit(doc.scenario.with_gateway(Side.RIGHT, replace(doc.scenario.right,
                                                           name="Lyon gateway")),
             "Rename back", merge_key="right.name")
    assert doc.scenario == default_scenario
    assert doc.undo_stack.count() == 0  # typed back to where it was: no step at all
    assert not doc.modified


def test_fix_applies_through_the_undo_stack(default_scenario: Any) -> None:
    doc = Document(with_right_group(default_scenario, 14))
    fix = next(f for f in doc.diagnosis.fixes if f.action != "none")
    assert doc.apply_fix(fix)
    assert doc.diagnosis.established
    assert doc.undo_stack.undoText() == f"Fix: {fix.description}"
    doc.undo_stack.undo()
    assert not doc.diagnosis.established


def test_steps_stop_at_each_message_then_at_what_never_came(default_scenario: Any) -> None:
    doc = Document(with_right_group(default_scenario, 14))
    rows = doc.diagram.rows
    real = [r for r in rows if r.kind is not RowKind.GHOST]
    assert len(real) == 2 and len(rows) == 9
    assert doc.stops() == [0, 1, 2, 9]
    doc.first_step()
    doc.next_step()
    assert doc.step == 1 and doc.selected_row == 0
    doc.next_step()
    assert doc.step == 2 and doc.selected_row == doc.diagram.failing_row
    doc.next_step()
    assert doc.step == 9
    assert doc.selected_row == doc.diagram.failing_row  # a ghost is not a message
    doc.previous_step()
    assert doc.step == 2


def test_step_and_selection_are_clamped_after_an_edit(default_scenario: Any) -> None:
    doc = Document(default_scenario)
    doc.set_step(7)
    doc.edit(with_right_group(default_scenario, 14), "fail")
    assert doc.step == 7 and doc.row_count == 9
    doc.set_selected_row(42)
    assert doc.selected_row == -1


def test_rows_map_to_the_messages_of_the_trace(default_scenario: Any) -> None:
    doc = Document(default_scenario)
    index, event = doc.event_of_row(4)
    assert event.label == "MM5"
    assert doc.run.trace.events[index] is event
    assert doc.row_of_event(index) == 4
    doc2 = Document(with_right_group(default_scenario, 14))
    ghost = next(r.index for r in doc2.diagram.rows if r.kind is RowKind.GHOST)
    assert doc2.event_of_row(ghost) is None


def test_state_names_and_secrets_rebuild_the_diagram_only(default_scenario: Any) -> None:
    doc = Document(default_scenario)
    run = doc.run
    doc.set_state_names("cisco")
    assert doc.diagram.state_names == "cisco" and doc.run is run
    doc.set_show_secrets(True)
    assert doc.diagram.show_secrets
    assert doc.undo_stack.count() == 0


def test_a_scenario_the_engine_refuses_is_shown_not_raised(default_scenario: Any) -> None:
    broken = default_scenario.with_gateway(Side.LEFT, replace(default_scenario.left,
                                                              profile="no-such-profile"))
    doc = Document(broken)
    assert doc.run is None and doc.diagram is None
    assert "no-such-profile" in doc.error
    assert doc.row_count == 0 and doc.step == 0


def test_save_open_and_problem(default_scenario: Any, tmp_path: Path) -> None:
    doc = Document(default_scenario)
    assert doc.problem == ""
    target = tmp_path / "x.toml"
    doc.edit(with_right_group(default_scenario, 14), "fail")
    doc.save(target)
    assert not doc.modified and doc.path == target and doc.display_name == "x.toml"
    other = Document(load_scenario(lesson_path("wrong-psk")))
    other.open(target)
    assert other.scenario == doc.scenario
    with pytest.raises(ScenarioFileError):
        other.open(tmp_path / "missing.toml")
    empty_psk = doc.scenario.with_gateway(Side.LEFT, replace(doc.scenario.left, psk=""))
    doc.edit(empty_psk, "empty psk")
    assert "empty pre-shared key" in doc.problem
    with pytest.raises(ValueError):
        doc.save(target)
