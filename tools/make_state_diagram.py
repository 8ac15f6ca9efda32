"""Write docs/state-diagram.dot from the peer's transition table (ikeviz.protocol.states).

Run: python tools/make_state_diagram.py ; render with Graphviz: dot -Tsvg docs/state-diagram.dot
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ikeviz.protocol.states import state_diagram_dot  # noqa: E402


def main() -> None:
    (ROOT / "docs" / "state-diagram.dot").write_text(state_diagram_dot(), encoding="utf-8")


if __name__ == "__main__":
    main()
