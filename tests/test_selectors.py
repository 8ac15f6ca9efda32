"""Quick Mode selectors by the traffic they cover (ikeviz.protocol.selectors), and the
engine's use of them: a responder's check and narrowing, an initiator's check of QM2."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from ikeviz.protocol import peer as peer_module
from ikeviz.protocol.codec import Identification
from ikeviz.protocol.config import TrafficSelector
from ikeviz.protocol.events import Failure, Phase2Established
from ikeviz.protocol.registry import IdType, NotifyType
from ikeviz.protocol.selectors import (
    narrowed,
    same_traffic,
    selector_payload,
    selector_text,
    span,
    within,
)
from ikeviz.simulation import run_pair

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from bench_negotiation import configs  # noqa: E402


def ident(text: str, protocol: int = 0, port: int = 0) -> Identification:
    return selector_payload(TrafficSelector(text, protocol, port))


def test_a_host_is_the_same_traffic_as_its_slash_32() -> None:
    address, subnet = ident("10.2.0.5"), ident("10.2.0.5/32")
    assert address.id_type == IdType.IPV4_ADDR and subnet.id_type == IdType.IPV4_ADDR_SUBNET
    assert address != subnet and same_traffic(address, subnet)
    assert same_traffic(ident("10.2.0.5-10.2.0.5"), address)
    assert same_traffic(ident("10.2.0.0-10.2.0.255"), ident("10.2.0.0/24"))
    assert same_traffic(ident("2001:db8::1"), ident("2001:db8::1/128"))


def test_protocol_and_port_are_part_of_the_traffic() -> None:
    assert not same_traffic(ident("10.1.0.0/24", 6), ident("10.1.0.0/24", 17))
    assert not same_traffic(ident("10.1.0.0/24", 6, 80), ident("10.1.0.0/24", 6))
    assert within(ident("10.1.0.0/24", 6, 80), ident("10.1.0.0/24", 6))
    assert within(ident("10.1.0.0/24", 17, 53), ident("10.1.0.0/16"))
    assert not within(ident("10.1.0.0/24"), ident("10.1.0.0/16", 6))
    assert not within(ident("10.1.0.0/16"), ident("10.1.0.0/24"))
    assert not within(ident("10.1.0.1"), ident("::/0"))


def test_spans() -> None:
    s = span(ident("10.1.0.0/24", 6, 443))
    assert s is not None
    assert (s.version, s.first, s.last, s.protocol, s.port) == (
        4, 0x0A010000, 0x0A0100FF, 6, 443)
    # A subnet's host bits are not part of its network (RFC 2407 §4.6.2.4).
    def raw(id_type: int, *octets: int) -> Identification:
        return Identification(id_type, 0, 0, bytes(octets))

    assert span(raw(IdType.IPV4_ADDR_SUBNET, 10, 1, 0, 9, 255, 255, 255, 0)) == span(
        ident("10.1.0.0/24"))
    # Not an address, a non-contiguous mask, a reversed range, a short body: no span.
    assert span(Identification(IdType.FQDN, 0, 0, b"vpn.example")) is None
    assert span(raw(IdType.IPV4_ADDR_SUBNET, 10, 1, 0, 0, 255, 0, 255, 0)) is None
    assert span(raw(IdType.IPV4_ADDR_RANGE, 10, 0, 0, 9, 10, 0, 0, 1)) is None
    assert span(raw(IdType.IPV4_ADDR, 10, 0)) is None
    # IDs without a span compare by their bytes only.
    fqdn = Identification(IdType.FQDN, 0, 0, b"vpn.example")
    assert same_traffic(fqdn, fqdn) and not same_traffic(fqdn, ident("10.1.0.1"))


def test_narrowing() -> None:
    assert narrowed(ident("10.1.0.0/16"), ident("10.1.0.0/24")) == ident("10.1.0.0/24")
    assert narrowed(ident("10.1.0.0/24"), ident("10.1.0.0/16")) == ident("10.1.0.0/24")
    assert narrowed(ident("10.1.0.0/24"), ident("10.2.0.0/24")) is None
    assert narrowed(ident("10.1.0.0/24", 6), ident("10.1.0.0/24", 17)) is None
    assert narrowed(ident("10.1.0.0/24"), ident("10.1.0.0/16", 6, 80)) == ident(
        "10.1.0.0/24", 6, 80)
    assert narrowed(ident("10.1.0.0-10.1.0.100"), ident("10.1.0.50-10.1.1.20")) == ident(
        "10.1.0.50-10.1.0.100")
    assert narrowed(ident("10.1.0.0-10.1.0.127"), ident("10.1.0.0/24", 6)) == ident(
        "10.1.0.0/25", 6)
    assert narrowed(ident("10.1.0.0-10.1.0.9"), ident("10.1.0.9-10.1.0.20")) == ident("10.1.0.9")


def test_texts_follow_strongswan() -> None:
    assert selector_text(ident("10.1.0.0/24")) == "10.1.0.0/24"
    assert selector_text(ident("10.1.0.0/24", 17)) == "10.1.0.0/24[udp]"
    assert selector_text(ident("10.1.0.0/24", 6, 80)) == "10.1.0.0/24[tcp/80]"
    assert selector_text(ident("10.1.0.0/24", 50)) == "10.1.0.0/24[50]"


# --- the engine -----------------------------------------------------------------------


def _run(initiator: tuple[TrafficSelector, TrafficSelector],
         responder: tuple[TrafficSelector, TrafficSelector], *, narrow: bool = False):
    left, right = configs(14)
    left = replace(left, local_selector=initiator[0], remote_selector=initiator[1])
    right = replace(right, local_selector=responder[0], remote_selector=responder[1],
                    behaviour=replace(right.behaviour, narrow_traffic_selectors=narrow))
    return run_pair(left, right, seed=3).trace


def _outcome(trace) -> list[tuple[str, str, str]]:
    return [(e.role.value, e.local_selector, e.remote_selector)
            for e in trace.events if isinstance(e, Phase2Established)]


def _failures(trace) -> list[Failure]:
    return [e for e in trace.events if isinstance(e, Failure)]


TS = TrafficSelector


def test_a_host_as_an_address_meets_a_host_as_a_slash_32() -> None:
    trace = _run((TS("10.1.0.7"), TS("10.2.0.5")), (TS("10.2.0.5/32"), TS("10.1.0.7/32")))
    assert trace.established, _failures(trace)


def test_another_protocol_is_refused_with_both_values() -> None:
    trace = _run((TS("10.1.0.0/24", 6), TS("10.2.0.0/24", 6)),
                 (TS("10.2.0.0/24", 17), TS("10.1.0.0/24", 17)), narrow=True)
    assert not trace.established
    refusal = [f for f in _failures(trace) if f.role.value == "responder"][0]
    assert refusal.notify == NotifyType.INVALID_ID_INFORMATION and refusal.at == "QM1"
    assert refusal.field == "traffic selectors" and refusal.payload == "IDci/IDcr"
    assert refusal.remote == "10.1.0.0/24[tcp] === 10.2.0.0/24[tcp]"
    assert refusal.local == "10.1.0.0/24[udp] === 10.2.0.0/24[udp]"


def test_a_wider_offer_is_refused_unless_the_responder_narrows() -> None:
    initiator = (TS("10.1.0.0/16"), TS("10.2.0.0/16"))
    responder = (TS("10.2.0.5/32"), TS("10.1.0.0/24"))
    assert not _run(initiator, responder).established
    trace = _run(initiator, responder, narrow=True)
    assert trace.established, _failures(trace)
    # Both sides end with the narrowed pair: QM2 carried it, the initiator took it.
    assert _outcome(trace) == [("initiator", "10.1.0.0/24", "10.2.0.5/32"),
                               ("responder", "10.2.0.5/32", "10.1.0.0/24")]


def test_an_initiator_refuses_qm2_selectors_outside_its_offer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A responder that answers with more than was offered (none of ours does: it is
    # made here by widening the IDs our responder echoes).
    real_check = peer_module.Peer._check_selectors

    def widening(self, qm):  # type: ignore[no-untyped-def]
        real_check(self, qm)
        qm.id_ci = ident("10.1.0.0/16")

    monkeypatch.setattr(peer_module.Peer, "_check_selectors", widening)
    trace = _run((TS("10.1.0.0/24"), TS("10.2.0.0/24")), (TS("10.2.0.0/24"), TS("10.1.0.0/24")))
    assert not trace.established
    refusal = [f for f in _failures(trace) if f.role.value == "initiator"][0]
    assert refusal.at == "QM2" and refusal.notify == NotifyType.INVALID_ID_INFORMATION
    assert refusal.reason == ("the responder's proxy identities 10.1.0.0/16 === 10.2.0.0/24 "
                              "are not within those offered")
    assert refusal.local == "10.1.0.0/24 === 10.2.0.0/24"
