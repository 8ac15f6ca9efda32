"""The documentation's state diagram is generated from the transition table, and current."""

from pathlib import Path

from ikeviz.protocol.states import state_diagram_dot

ROOT = Path(__file__).resolve().parent.parent


def test_committed_state_diagram_matches_the_table() -> None:
    committed = (ROOT / "docs" / "state-diagram.dot").read_text(encoding="utf-8")
    assert committed == state_diagram_dot(), "run: python tools/make_state_diagram.py"
