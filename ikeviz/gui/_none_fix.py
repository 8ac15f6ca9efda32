"""Keep ``None`` alive under PySide6 6.12.0 on Python 3.11.

PySide6 6.12.0 returns ``None`` from every void C++ method (``setText``,
``update``, ``drawLine``...) without taking a reference (it assumes the
immortal ``None`` of Python 3.12+), so on Python 3.11 each call lowers
``None``'s reference count by one; a window that runs for a while drives it
to zero and the interpreter aborts with "deallocating None". The painter
guards its own calls (:func:`ikeviz.render.painter.none_refcount_guard`), but
a whole application makes millions of such calls from everywhere.

:func:`protect_none` makes ``None`` effectively immortal, as Python 3.12 does:
it adds 2**48 to its reference count once (no binding leaks that many). It is
a no-op on Python 3.12+ and when the binding does not have the bug.
"""

from __future__ import annotations

import ctypes
import sys

_BOOST = 1 << 48
_done = False


def binding_leaks_none() -> bool:
    """True when a void Qt call lowers ``None``'s reference count (the 6.12.0 bug)."""
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 8


def protect_none() -> None:
    """Make ``None`` immortal for the rest of the process when the binding needs it."""
    global _done
    if _done:
        return
    _done = True
    if not binding_leaks_none():
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))
    refcount.value += _BOOST
