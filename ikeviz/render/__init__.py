"""The sequence diagram: a Qt-free model, a QPainter painter, and figure export.

:mod:`ikeviz.render.diagram` builds the model from a run and its diagnosis
(no Qt); :mod:`ikeviz.render.painter` draws it with a ``QPainter`` (the GUI and
the exports share it); :mod:`ikeviz.render.export` writes PNG, SVG and PDF
figures, byte-identical from one run to the next.

Only the model is imported here, so ``import ikeviz.render`` needs no Qt.
"""

from ikeviz.render.diagram import (
    Band,
    Diagram,
    Direction,
    Lifeline,
    Mark,
    Row,
    RowKind,
    build_diagram,
)

__all__ = ["Band", "Diagram", "Direction", "Lifeline", "Mark", "Row", "RowKind", "build_diagram"]
