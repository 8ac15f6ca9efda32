"""The peer's fast paths give what the careful code gives.

- :meth:`Peer._send` packs the ISAKMP header itself and frames the datagram
  itself: the bytes must be ``encode_message(message)`` and
  ``frame_for_port(...)`` of them;
- events and payloads made with ``new_record`` must be the records the class
  call makes: every field there, each of its declared type;
- the NAT-D hashes, kept per address, must be RFC 3947's hash of the
  addresses the message travels between.
"""

from __future__ import annotations

import dataclasses
import hashlib
import ipaddress
import types
import typing
from dataclasses import replace
from typing import Any

import pytest

from ikeviz.protocol.codec import NatDiscovery, SecurityAssociation, encode_message
from ikeviz.protocol.config import (
    Behaviour,
    ChildProposal,
    IkeProposal,
    PeerConfig,
    TrafficSelector,
)
from ikeviz.protocol.events import MessageReceived, MessageSent
from ikeviz.protocol.transport import frame_for_port
from ikeviz.simulation import Nat, Simulation, run_pair

FAST = Behaviour(retransmit_timeout=1.0, retransmit_base=1.5, retransmit_tries=2)


def _pair(**behaviour: Any) -> tuple[PeerConfig, PeerConfig]:
    ike = (IkeProposal(encryption=7, key_length=128, hash=2, group=14),)
    child = (ChildProposal(pfs_group=14),)
    left = PeerConfig(address="192.0.2.1", peer_address="198.51.100.1", psk=b"secret",
                      ike_proposals=ike, child_proposals=child,
                      local_selector=TrafficSelector("10.1.0.0/24"),
                      remote_selector=TrafficSelector("10.2.0.0/24"),
                      behaviour=replace(FAST, **behaviour))
    right = PeerConfig(address="198.51.100.1", peer_address="192.0.2.1", psk=b"secret",
                       ike_proposals=ike, child_proposals=child,
                       local_selector=TrafficSelector("10.2.0.0/24"),
                       remote_selector=TrafficSelector("10.1.0.0/24"),
                       behaviour=replace(FAST, **behaviour))
    return left, right


def _scenarios() -> dict[str, Simulation]:
    main = _pair()
    behind_nat = (main[0], replace(main[1], peer_address="203.0.113.7"))
    aggressive = _pair(aggressive=True, accept_aggressive=True)
    aggressive_nat = (aggressive[0], replace(aggressive[1], peer_address="203.0.113.7"))
    return {
        "main mode": run_pair(*main),
        "commit bit": run_pair(*_pair(commit_bit=True)),
        "main mode behind a NAT": run_pair(*behind_nat, nat=Nat("203.0.113.7")),
        "aggressive mode behind a NAT": run_pair(*aggressive_nat, nat=Nat("203.0.113.7")),
        "psk mismatch": run_pair(main[0], replace(main[1], psk=b"other")),
    }


SCENARIOS = _scenarios()


@pytest.fixture(params=sorted(SCENARIOS))
def simulation(request: pytest.FixtureRequest) -> Simulation:
    return SCENARIOS[request.param]


def test_scenarios_cover_the_paths() -> None:
    assert SCENARIOS["main mode"].trace.established
    assert SCENARIOS["commit bit"].trace.established
    assert SCENARIOS["main mode behind a NAT"].trace.established
    assert SCENARIOS["aggressive mode behind a NAT"].trace.established
    assert not SCENARIOS["psk mismatch"].trace.established
    ports = {e.datagram.destination.port for e in SCENARIOS["main mode behind a NAT"].trace.events
             if isinstance(e, MessageSent)}
    assert {500, 4500} <= ports  # framed with and without the non-ESP marker


def test_sent_bytes_are_the_encoded_message_and_its_frame(simulation: Simulation) -> None:
    sent = [e for e in simulation.trace.events if isinstance(e, MessageSent)]
    assert sent
    for event in sent:
        assert event.data == encode_message(event.message), event.label
        datagram = event.datagram
        assert datagram.data == frame_for_port(event.data, src_port=datagram.source.port,
                                               dst_port=datagram.destination.port)


def _allowed_types(hint: Any) -> tuple[type, ...] | None:
    """The classes a value of a simple annotation may be, or None if not simple."""
    simple = (bytes, str, int, float, bool)
    if hint in simple:
        return (hint,)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        allowed: list[type] = []
        for arg in typing.get_args(hint):
            if arg is type(None) or arg in simple:
                allowed.append(arg)
            else:
                return None
        return tuple(allowed)
    return None


def _check_record(value: Any) -> None:
    cls = type(value)
    fields = dataclasses.fields(value)
    assert len(value) == len(fields), cls.__name__  # every field given, no more
    assert dataclasses.replace(value) == value  # what the class call makes of them
    hints = typing.get_type_hints(cls)
    for f in fields:
        allowed = _allowed_types(hints[f.name])
        if allowed is not None:
            assert isinstance(getattr(value, f.name), allowed), (cls.__name__, f.name)


def test_records_have_every_field_of_its_type(simulation: Simulation) -> None:
    for event in simulation.trace.events:
        _check_record(event)
        if isinstance(event, (MessageSent, MessageReceived)):
            for payload in event.payloads:
                _check_record(payload)
                if isinstance(payload, SecurityAssociation):
                    for proposal in payload.proposals:
                        _check_record(proposal)
    extras = [e.extra for e in simulation.trace.events if hasattr(e, "extra")]
    assert all(type(extra) is dict for extra in extras)
    assert len({id(extra) for extra in extras}) == len(extras)  # one dict each


def _natd(icookie: bytes, rcookie: bytes, host: str, port: int) -> bytes:
    # RFC 3947 §3.2: HASH(CKY-I | CKY-R | IP | Port), SHA-1 negotiated here
    packed = ipaddress.ip_address(host).packed
    return hashlib.sha1(icookie + rcookie + packed + port.to_bytes(2, "big")).digest()


@pytest.mark.parametrize("name", ["main mode behind a NAT", "aggressive mode behind a NAT"])
def test_natd_payloads_hash_the_addresses_of_their_message(name: str) -> None:
    checked = 0
    for event in SCENARIOS[name].trace.events:
        if not isinstance(event, MessageSent):
            continue
        natd = [p.data for p in event.payloads if isinstance(p, NatDiscovery)]
        if not natd:
            continue
        header = event.message.header
        source, destination = event.datagram.source, event.datagram.destination
        # The destination's hash first, then the source's (RFC 3947 §3.2)
        assert natd == [
            _natd(header.icookie, header.rcookie, destination.host, destination.port),
            _natd(header.icookie, header.rcookie, source.host, source.port),
        ], event.label
        checked += 1
    assert checked == 2
