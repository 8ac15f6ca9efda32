"""Quick Mode traffic selectors (IDci/IDcr, RFC 2409 §5.5) against a real charon 5.9.8.

Each case gives charon's ``local_ts``/``remote_ts`` and our selectors, and the outcome
charon gives against another charon with the same two configurations (seen in both
roles when these cases were written): whether the CHILD_SA is established, and with
which selectors. Our engine, with strongSwan's narrowing, must give the same outcome
in both roles:

* a host written ``10.2.0.5/32`` on one side is the ID_IPV4_ADDR charon sends;
* selectors of the same subnets but another IP protocol are refused (INVALID-ID-
  INFORMATION), by whichever side responds;
* a responder narrows a wider offer to its own selectors and answers with them in
  QM2; the initiator takes the narrowed pair;
* a port-specific offer inside "any" is accepted as offered;
* subnets that do not overlap are refused.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import re
from collections.abc import Callable

import pytest

from ikeviz.protocol.config import Role, TrafficSelector
from ikeviz.protocol.events import Failure, Phase2Established
from ikeviz.protocol.registry import NotifyType
from ikeviz.protocol.states import State

from .charon import CharonLab
from .test_engine_vs_charon import (
    BEHAVIOUR,
    CHARON_BASE,
    SUITES,
    _describe_run,
    _need_shim,
    engine_config,
    run_engine,
)

SUITE = SUITES["aes128-sha1-modp2048-nopfs"]
TCP, UDP = 6, 17


@dataclasses.dataclass(frozen=True)
class SelectorCase:
    charon_local: str
    charon_remote: str
    ours_local: TrafficSelector
    ours_remote: TrafficSelector
    # The CHILD_SA's selectors as charon logs them (its local === its remote), or
    # None when charon against charon refuses the pair.
    established: tuple[str, str] | None


CASES = {
    "host-as-address": SelectorCase(
        "10.2.0.5/32", "10.1.0.7/32", TrafficSelector("10.1.0.7/32"),
        TrafficSelector("10.2.0.5/32"), ("10.2.0.5/32", "10.1.0.7/32")),
    "protocol-differs": SelectorCase(
        "10.2.0.0/24[udp]", "10.1.0.0/24[udp]", TrafficSelector("10.1.0.0/24", TCP),
        TrafficSelector("10.2.0.0/24", TCP), None),
    "narrowed": SelectorCase(
        "10.2.0.0/16", "10.1.0.0/16", TrafficSelector("10.1.0.0/24"),
        TrafficSelector("10.2.0.5/32"), ("10.2.0.5/32", "10.1.0.0/24")),
    "port-inside-any": SelectorCase(
        "10.2.0.0/24[udp/53]", "10.1.0.0/24", TrafficSelector("10.1.0.0/24"),
        TrafficSelector("10.2.0.0/24"), ("10.2.0.0/24[udp/53]", "10.1.0.0/24")),
    "disjoint": SelectorCase(
        "10.2.0.0/24", "10.1.0.0/24", TrafficSelector("10.1.0.0/24"),
        TrafficSelector("10.3.0.0/24"), None),
}


def _addresses(text: str) -> tuple[int, int]:
    """First and last address of a selector as charon or ikeviz writes it
    (``10.2.0.0/24[udp/domain]``, ``10.2.0.10..10.2.0.20``, ``10.2.0.5``)."""
    net = re.sub(r"\[.*\]$", "", text.strip())
    for separator in ("..", "-"):
        if separator in net:
            first, last = net.split(separator)
            return int(ipaddress.ip_address(first)), int(ipaddress.ip_address(last))
    network = ipaddress.ip_network(net, strict=False)
    return int(network.network_address), int(network.broadcast_address)


def _protocol(text: str) -> str:
    match = re.search(r"\[(\w+)", text)
    return match.group(1) if match else "any"


@pytest.mark.parametrize("role", [Role.INITIATOR, Role.RESPONDER], ids=lambda r: r.value)
@pytest.mark.parametrize("name", list(CASES))
def test_selectors_with_charon(
    charon_lab: Callable[..., CharonLab], name: str, role: Role
) -> None:
    _need_shim()
    case = CASES[name]
    lab = charon_lab(dataclasses.replace(
        CHARON_BASE, ike_proposals=[SUITE.charon_ike], esp_proposals=[SUITE.charon_esp],
        local_ts=[case.charon_local], remote_ts=[case.charon_remote]), shim=True)
    config = dataclasses.replace(
        engine_config(SUITE.ike, SUITE.child),
        local_selector=case.ours_local, remote_selector=case.ours_remote,
        behaviour=dataclasses.replace(BEHAVIOUR, narrow_traffic_selectors=True))
    run = run_engine(lab, config, role, f"selectors/{name}/{role.value}", settle=0.3)
    if role is Role.RESPONDER:
        lab.peer.wait_initiate(timeout=12)
    log = lab.peer.log()
    children = [child.ts for child in log.established_children]
    if case.established is None:
        assert run.peer.state is State.FAILED, _describe_run(run)
        assert children == [], children
        if role is Role.RESPONDER:  # we refuse, as charon refuses in our place
            (failure,) = [e for e in run.events if isinstance(e, Failure)]
            assert failure.notify == NotifyType.INVALID_ID_INFORMATION, failure
            lab.peer.wait_for_log(r"received INVALID_ID_INFORMATION error notify", 5)
        else:
            lab.peer.wait_for_log(r"no matching CHILD_SA config found", 5)
        return
    assert run.peer.state is State.ESTABLISHED, _describe_run(run)
    (charon_ts,) = children
    charon_local, charon_remote = charon_ts.split(" === ")
    assert (charon_local, charon_remote) == (
        re.sub(r"\[udp/53\]", "[udp/domain]", case.established[0]), case.established[1]
    ), charon_ts
    (established,) = [e for e in run.events if isinstance(e, Phase2Established)]
    # Our local is charon's remote and the other way round, the same traffic each.
    for ours, theirs in ((established.local_selector, charon_remote),
                         (established.remote_selector, charon_local)):
        assert _addresses(ours) == _addresses(theirs), (ours, theirs)
        assert _protocol(ours) == _protocol(theirs), (ours, theirs)
