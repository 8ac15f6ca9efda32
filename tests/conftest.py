"""Fixtures of the whole test suite.

The network guard: ikeviz never sends a packet on the network on its own, so no test but
the interoperability tests (``tests/interop``, which drive a real strongSwan in network
namespaces) may open an IPv4 or IPv6 socket or resolve a host name. An autouse fixture
replaces ``socket.socket`` and ``socket.create_connection`` / ``create_server`` and guards
``connect``, ``connect_ex``, ``sendto``, ``sendmsg`` and ``bind`` of every socket object,
and the name lookups (``getaddrinfo``, ``gethostbyname``...: they send DNS queries); a test
that tries any of them on AF_INET or AF_INET6 fails, with the call named in the message.

AF_UNIX sockets stay allowed: they never leave the machine, and Qt, pytest-qt and asyncio
use them (socket pairs for event loops, the platform plugins' local connections). Numeric
addresses and "localhost" in a name lookup are allowed too: resolving them sends nothing.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

# Tests that make figures or widgets need a Qt platform; without a display, Qt
# would abort the whole run. The README's command sets it; this covers a bare
# ``pytest``. (tests/test_app_screenshot.py starts its own Xvfb and sets its own.)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

INTEROP = Path(__file__).resolve().parent / "interop"
BLOCKED_FAMILIES = frozenset({socket.AF_INET, socket.AF_INET6})
_GUARD_KEY = pytest.StashKey["NetworkGuard"]()


class NetworkBlocked(OSError):
    """Raised where a test outside tests/interop tries to use the network."""


@dataclass
class NetworkGuard:
    """What the guard caught during one test (``attempts``: one line each)."""

    nodeid: str
    attempts: list[str] = field(default_factory=list)

    def refuse(self, what: str) -> NetworkBlocked:
        self.attempts.append(what)
        return NetworkBlocked(
            f"{what}: tests outside tests/interop may not use the network "
            "(ikeviz never sends a packet on its own; see tests/conftest.py)")

    def message(self) -> str:
        tried = "; ".join(self.attempts)
        return (f"{self.nodeid} tried to use the network: {tried}. ikeviz never sends a "
                "packet on the network on its own; only tests under tests/interop may open "
                "AF_INET/AF_INET6 sockets (AF_UNIX is allowed).")


def is_exempt(path: Path) -> bool:
    """True for the tests that may use the network: those under tests/interop."""
    try:
        return Path(path).resolve().is_relative_to(INTEROP)
    except OSError:
        return False


def _family_name(family: int) -> str:
    try:
        return socket.AddressFamily(family).name
    except ValueError:
        return str(family)


def _local_name(host: object) -> bool:
    if host is None:
        return True
    text = host.decode() if isinstance(host, bytes) else str(host)
    if text.lower() in ("localhost", "localhost.localdomain", ""):
        return True
    try:
        ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    return True


def _patches(guard: NetworkGuard) -> Iterator[tuple[Any, str, Any]]:
    """(object, attribute, replacement) for everything the guard replaces."""
    original_socket = socket.socket

    class GuardedSocket(original_socket):  # type: ignore[misc, valid-type]
        def __init__(self, family: int = -1, type: int = -1, proto: int = -1,
                     fileno: int | None = None) -> None:
            super().__init__(family, type, proto, fileno)
            if self.family in BLOCKED_FAMILIES:
                self.close()
                raise guard.refuse(f"socket.socket({_family_name(self.family)})")

    yield socket, "socket", GuardedSocket

    def method(name: str) -> Callable[..., Any]:
        real = getattr(original_socket, name)

        def guarded(self: socket.socket, *args: Any, **kwargs: Any) -> Any:
            if self.family in BLOCKED_FAMILIES:
                target = f"{args[0]!r}" if args else ""
                raise guard.refuse(f"socket.{name}({target}) on {_family_name(self.family)}")
            return real(self, *args, **kwargs)

        guarded.__name__ = name
        return guarded

    for name in ("connect", "connect_ex", "sendto", "sendmsg", "bind"):
        yield original_socket, name, method(name)

    def refuse_call(name: str) -> Callable[..., Any]:
        def refused(*args: Any, **kwargs: Any) -> Any:
            raise guard.refuse(f"socket.{name}{args!r}")

        return refused

    for name in ("create_connection", "create_server"):
        yield socket, name, refuse_call(name)

    def lookup(name: str) -> Callable[..., Any]:
        real = getattr(socket, name)

        def guarded(host: Any = None, *args: Any, **kwargs: Any) -> Any:
            if not _local_name(host):
                raise guard.refuse(f"socket.{name}({host!r}) (a DNS query)")
            return real(host, *args, **kwargs)

        return guarded

    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        yield socket, name, lookup(name)


@pytest.fixture(autouse=True)
def network_guard(request: pytest.FixtureRequest) -> Generator[NetworkGuard | None, None, None]:
    """Fail any test outside tests/interop that opens an AF_INET/AF_INET6 socket."""
    if is_exempt(Path(str(request.node.path))):
        yield None
        return
    guard = NetworkGuard(request.node.nodeid)
    request.node.stash[_GUARD_KEY] = guard
    with pytest.MonkeyPatch.context() as patch:
        for target, name, replacement in _patches(guard):
            patch.setattr(target, name, replacement)
        yield guard


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """A test that tried to use the network fails, even if it caught the NetworkBlocked."""
    result = yield
    guard = item.stash.get(_GUARD_KEY, None)
    if guard is not None and guard.attempts:
        pytest.fail(guard.message(), pytrace=False)
    return result


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The ``packaging`` tests run only when the ``-m`` expression names them.

    They build a wheel and a PyInstaller application (minutes, tests/test_packaging.py);
    ``python -m pytest -q`` leaves them out (deselected), ``-m packaging`` runs them.
    """
    if "packaging" in (config.getoption("markexpr", "") or ""):
        return
    kept: list[pytest.Item] = []
    left_out: list[pytest.Item] = []
    for item in items:
        (kept if item.get_closest_marker("packaging") is None else left_out).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture(autouse=True)
def english_afterwards() -> Generator[None, None, None]:
    """A test that switches the language leaves English behind (figures must stay English).

    ``ikeviz.gui.translation.install_language`` puts translators into the application and
    into :mod:`ikeviz.i18n`; without this, a test that forgot to switch back would make
    every later diagram, diagnosis and figure of the session French.
    """
    yield
    import sys

    from ikeviz import i18n

    translation = sys.modules.get("ikeviz.gui.translation")
    if translation is not None and translation._installed:
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance()
        if app is not None:
            translation.install_language(app, "en")
    if i18n.current_language() != i18n.DEFAULT_LANGUAGE:
        i18n.set_translator(None)
