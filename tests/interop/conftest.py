"""Fixtures that run a real strongSwan charon as the IKEv1 peer of a test.

``charon``: a started charon (:class:`CharonPeer`) with its configuration loaded, in its
own network namespace, joined by a veth pair to a "driver" namespace (by default charon is
10.99.0.2:500 and the driver 10.99.0.1:500, like the captures in tests/data/captures).
``charon.endpoint()`` is the driver's UDP socket.  Change the configuration with
``@pytest.mark.charon_config(ike_proposals=["3des-md5-modp1024"], initiator=True, ...)``
(keyword arguments of :class:`CharonConfig`) or by indirect parametrization with a dict or
a CharonConfig.  With ``initiator=True`` the fixture starts ``swanctl --initiate`` in the
background before yielding, so charon's Main Mode message 1 is on its way to the driver.

``charon_lab``: a factory for more (or differently shaped) labs: ``charon_lab(config,
topology=..., shim=...)`` returns a started :class:`CharonLab`; all are stopped at teardown.

Skips, with the reason shown by ``pytest -rs``: charon/swanctl not installed, or network
namespaces not available (needs root / CAP_SYS_ADMIN and iproute2).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from .charon import (
    CHARON_MISSING_REASON,
    CharonConfig,
    CharonLab,
    CharonPeer,
    find_charon,
    find_swanctl,
    netns_supported,
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "charon_config(**kwargs): CharonConfig fields for the charon fixture",
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    rep = yield
    setattr(item, f"_charon_rep_{rep.when}", rep)  # read by the fixtures' teardown
    return rep


def _failed(request: pytest.FixtureRequest) -> bool:
    rep = getattr(request.node, "_charon_rep_call", None)
    return bool(rep is not None and rep.failed)


def require_charon() -> None:
    """Skip the current test unless a charon can run here."""
    if find_charon() is None or find_swanctl() is None:
        pytest.skip(CHARON_MISSING_REASON)
    ok, reason = netns_supported()
    if not ok:
        pytest.skip(reason)


def _config_for(request: pytest.FixtureRequest) -> CharonConfig:
    cfg = CharonConfig()
    overrides: dict[str, Any] = {}
    for marker in reversed(list(request.node.iter_markers("charon_config"))):
        overrides.update(marker.kwargs)
    param = getattr(request, "param", None)
    if isinstance(param, CharonConfig):
        cfg = param
    elif isinstance(param, dict):
        overrides.update(param)
    return dataclasses.replace(cfg, **overrides) if overrides else cfg


def _report(request: pytest.FixtureRequest, lab: CharonLab) -> None:
    if _failed(request):
        for peer in (lab.peer, lab.second):
            if peer is not None:
                print(f"\n--- {peer!r}: files in {peer.workdir}")
                print(peer._diagnostics(lines=60))


@pytest.fixture
def charon(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CharonPeer]:
    """A running, loaded charon; see the module docstring."""
    require_charon()
    cfg = _config_for(request)
    lab = CharonLab(cfg, workdir=tmp_path / "charon")
    try:
        lab.start()
        if cfg.initiator:
            lab.peer.initiate()
        yield lab.peer
    finally:
        _report(request, lab)
        lab.stop()


@pytest.fixture
def charon_lab(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[..., CharonLab]]:
    """Factory: ``charon_lab(config=None, **CharonLab kwargs/CharonConfig overrides)``."""
    require_charon()
    labs: list[CharonLab] = []

    def make(config: CharonConfig | None = None, **kwargs: Any) -> CharonLab:
        kwargs.setdefault("workdir", tmp_path / f"lab{len(labs)}")
        lab = CharonLab(config, **kwargs)
        labs.append(lab)
        lab.start()
        return lab

    try:
        yield make
    finally:
        for lab in labs:
            _report(request, lab)
            lab.stop()
