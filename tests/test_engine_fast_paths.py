"""The engine's fast paths give exactly what the reference code gives.

- :class:`ikeviz.protocol.ciphers.CbcCipher` (one CBC context per key and
  direction, kept across messages, its first block corrected for each
  message's IV) against cryptography's CBC mode, for every phase-1 cipher and
  key size, every length from 0 to 12 blocks, both directions, interleaved;
- the peer's dotted-quad parser against :func:`ipaddress.ip_address`;
- :class:`ikeviz.simulation.SeededRandom` against its definition
  (SHA-256(key | 8-byte counter) blocks, cut in the sizes asked for);
- :func:`ikeviz.protocol._records.record` (a frozen dataclass whose instances
  are tuples) against a plain dataclass, and ``new_record`` against the class call.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os

import pytest
from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, modes
from cryptography.hazmat.primitives.ciphers.algorithms import AES

from ikeviz.protocol import ciphers
from ikeviz.protocol.peer import _address_bytes
from ikeviz.simulation import SeededRandom

CASES = [
    (ciphers.ENCR_AES_CBC, 16),
    (ciphers.ENCR_AES_CBC, 24),
    (ciphers.ENCR_AES_CBC, 32),
    (ciphers.ENCR_3DES_CBC, 24),
    (ciphers.ENCR_DES_CBC, 8),
]


def _reference(alg: int, key: bytes, iv: bytes, data: bytes, *, encrypt: bool) -> bytes:
    algorithm = AES(key) if alg == ciphers.ENCR_AES_CBC else TripleDES(
        key * 3 if len(key) == 8 else key)
    cipher = Cipher(algorithm, modes.CBC(iv))
    context = cipher.encryptor() if encrypt else cipher.decryptor()
    return context.update(data) + context.finalize()


@pytest.mark.parametrize(("alg", "key_length"), CASES)
def test_cbc_cipher_matches_cryptography(alg: int, key_length: int) -> None:
    key = bytes((7 * i + key_length) % 256 for i in range(key_length))
    if alg != ciphers.ENCR_AES_CBC:
        key = bytes(b | 0x10 for b in key)  # no weak DES key
    cbc = ciphers.CbcCipher(alg, key)
    size = ciphers.block_size(alg)
    assert cbc.block_size == size
    for blocks in range(13):
        for _ in range(3):  # the same contexts serve many messages, in any order
            iv = os.urandom(size)
            data = os.urandom(blocks * size)
            expected = _reference(alg, key, iv, data, encrypt=True)
            assert cbc.encrypt(iv, data) == expected
            assert cbc.encrypt(iv, data) == ciphers.cbc_encrypt(alg, key, iv, data)
            assert cbc.decrypt(iv, expected) == data
            # random bytes decrypt as the reference does too (a wrong key, garbage)
            assert cbc.decrypt(iv, data) == _reference(alg, key, iv, data, encrypt=False)
            assert cbc.decrypt(iv, data) == ciphers.cbc_decrypt(alg, key, iv, data)


def test_cbc_cipher_checks_like_the_functions() -> None:
    with pytest.raises(ciphers.CipherError):
        ciphers.CbcCipher(ciphers.ENCR_AES_CBC, bytes(15))
    with pytest.raises(ciphers.UnsupportedAlgorithmError):
        ciphers.CbcCipher(99, bytes(16))
    cbc = ciphers.CbcCipher(ciphers.ENCR_AES_CBC, bytes(range(16)))
    for call in (cbc.encrypt, cbc.decrypt):
        with pytest.raises(ciphers.CipherError, match="IV of 8 bytes"):
            call(bytes(8), bytes(16))
        with pytest.raises(ciphers.CipherError, match="not a multiple of 16"):
            call(bytes(16), bytes(17))
    assert cbc.decrypt(bytes(16), b"") == b""
    assert cbc.encrypt(bytes(16), b"") == b""


@pytest.mark.parametrize("text", [
    "192.0.2.1", "0.0.0.0", "255.255.255.255", "10.1.0.1", "1.2.3.255",
    "256.1.1.1", "01.2.3.4", "1.2.3.04", "0.0.0.00", "1.2.3", "1.2.3.4.5", "1..2.3", "",
    " 1.2.3.4", "1.2.3.4 ", "+1.2.3.4", "1.2.3.-4", "1_0.2.3.4", "\u0661.2.3.4", "999.1.1.1",
    "::1", "2001:db8::1", "::ffff:1.2.3.4", "fe80::1%eth0",
])
def test_address_bytes_is_ip_address_packed(text: str) -> None:
    try:
        expected: bytes | type[ValueError] = ipaddress.ip_address(text).packed
    except ValueError:
        expected = ValueError
    if expected is ValueError:
        with pytest.raises(ValueError):
            _address_bytes(text)
    else:
        assert _address_bytes(text) == expected


def test_seeded_random_is_sha256_counter_mode() -> None:
    key = hashlib.sha256(b"ikeviz:5:initiator").digest()
    stream = b"".join(hashlib.sha256(key + i.to_bytes(8, "big")).digest() for i in range(40))
    rng = SeededRandom(5, "initiator")
    sizes = [8, 32, 0, 1, 4, 31, 33, 64, 100, 256, 3, 200]
    out = b"".join(rng(size) for size in sizes)
    assert out == stream[: sum(sizes)]
    assert [len(rng(n)) for n in (5, 0, 70)] == [5, 0, 70]


def test_record_keeps_dataclass_behaviour() -> None:
    import copy
    import dataclasses
    import pickle
    from dataclasses import dataclass, field

    from ikeviz.protocol._records import new_record, record

    @dataclass(frozen=True)
    class Reference:
        a: int
        b: str = "b"
        c: list[int] = field(default_factory=list)
        d: int = field(default=4, init=False)
        e: int = field(default=5, kw_only=True)

    @record(frozen=True)
    class Fast:
        a: int
        b: str = "b"
        c: list[int] = field(default_factory=list)
        d: int = field(default=4, init=False)
        e: int = field(default=5, kw_only=True)

    @record(frozen=True, slots=True)
    class Slotted:
        a: int
        b: bytes = b""

    for args, kwargs in [((1,), {}), ((1, "x"), {}), ((1, "x", [2]), {"e": 9}),
                         ((), {"a": 3, "c": [1], "e": 0})]:
        ref, fast = Reference(*args, **kwargs), Fast(*args, **kwargs)
        assert dataclasses.astuple(ref) == dataclasses.astuple(fast)
        assert repr(ref).replace("Reference", "Fast") == repr(fast)
    assert Fast(1).c is not Fast(1).c  # a new list each time
    assert Fast(1) == Fast(1) and hash(Slotted(1, b"x")) == hash(Slotted(1, b"x"))
    assert dataclasses.replace(Fast(1), b="z") == Fast(1, "z")
    with pytest.raises(dataclasses.FrozenInstanceError):
        Fast(1).a = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        Fast()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Fast(1, "b", [], 4)  # type: ignore[call-arg]  # d is not an argument
    slotted = Slotted(7, b"y")
    assert not hasattr(slotted, "__dict__") and slotted.a == 7 and slotted.b == b"y"
    # Tuple-backed, but equal only to a record of the same class, and not ordered.
    assert Slotted(7, b"y") != (7, b"y") and (7, b"y") != Slotted(7, b"y")
    assert not Slotted(7, b"y") == (7, b"y")  # noqa: SIM201 - the __eq__ path itself

    @record(frozen=True)
    class Other:
        a: int
        b: bytes = b""

    assert Other(7, b"y") != slotted and Slotted(7, b"y") == slotted
    with pytest.raises(TypeError):
        sorted([Slotted(2), Slotted(1)])
    assert copy.copy(slotted) == slotted and copy.deepcopy(Fast(1, "x", [3])) == Fast(1, "x", [3])
    assert new_record(Fast, (1, "x", [2], 4, 9)) == Fast(1, "x", [2], e=9)
    with pytest.raises(TypeError, match="cannot define __init__"):

        @record(frozen=True)
        class WithInit:
            a: int

            def __init__(self, a: int) -> None:
                pass

    @record(frozen=True)
    class Empty:
        pass

    assert Empty() and Empty() == Empty()
    from ikeviz.protocol.codec import Attribute, Nonce

    for value in (Attribute(1, 7), Attribute(2, b"\x00\x01"), Nonce(b"n" * 16)):
        assert pickle.loads(pickle.dumps(value)) == value


# --- proposal selection (ikeviz.protocol.proposals) ---------------------------------------
# (Imported here, with this section: the top of the file belongs to the sections above.)

import dataclasses  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ikeviz.protocol import proposals  # noqa: E402
from ikeviz.protocol.codec import (  # noqa: E402
    Proposal,
    SecurityAssociation,
    decode_payloads,
    encode_payloads,
)
from ikeviz.protocol.config import (  # noqa: E402
    Behaviour,
    ChildProposal,
    EspTransform,
    IkeProposal,
    LifetimePolicy,
    PreferenceOrder,
)

_IKE_CHOICES = [
    IkeProposal(),
    IkeProposal(key_length=256),
    IkeProposal(encryption=5, key_length=None, group=2),
    IkeProposal(lifetime_seconds=3600),
    IkeProposal(lifetime_seconds=100000, hash=1),
]
_CHILD_CHOICES = [
    ChildProposal(),
    ChildProposal(pfs_group=None),
    ChildProposal(transforms=(EspTransform(key_length=256), EspTransform())),
    ChildProposal(transforms=(EspTransform(transform_id=3, key_length=None),),
                  lifetime_seconds=28800),
    ChildProposal(protocol=2, lifetime_seconds=None, lifetime_kilobytes=4608000),
]


def _first_in_order(offers: int, locals_: int, good: dict[tuple[int, int], object],
                    behaviour: Behaviour) -> tuple[int, int] | None:
    # The order walk select_ike and select_child were first written with.
    order = (
        [(oi, li) for li in range(locals_) for oi in range(offers)]
        if behaviour.preference is PreferenceOrder.RESPONDER
        else [(oi, li) for oi in range(offers) for li in range(locals_)]
    )
    return next((pair for pair in order if pair in good), None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_IKE_CHOICES), min_size=1, max_size=4),
       st.lists(st.sampled_from(_IKE_CHOICES), min_size=1, max_size=4),
       st.sampled_from(list(PreferenceOrder)), st.sampled_from(list(LifetimePolicy)))
def test_select_ike_takes_the_first_acceptable_pair_in_preference_order(
    offered: list[IkeProposal], local: list[IkeProposal], preference: PreferenceOrder,
    lifetime: LifetimePolicy,
) -> None:
    behaviour = Behaviour(preference=preference, phase1_lifetime=lifetime)
    sa = decode_payloads(encode_payloads([proposals.ike_sa_payload(offered)]), 1)[0][0]
    assert isinstance(sa, SecurityAssociation)
    choice = proposals.select_ike(sa, local, behaviour)
    offers = [proposals.parse_ike_transform(t) for t in sa.proposals[0].transforms]
    good = {}
    for oi, offer in enumerate(offers):
        for li, mine in enumerate(local):
            mismatches, life = proposals.compare_ike(offer, mine, behaviour)
            if not mismatches:
                good[(oi, li)] = life
    pair = _first_in_order(len(offers), len(local), good, behaviour)
    if pair is None:
        assert choice.transform is None and choice.local is None
    else:
        oi, li = pair
        assert choice.transform is sa.proposals[0].transforms[oi]
        assert choice.offer == offers[oi] and choice.local is local[li]
        assert choice.lifetime_seconds == good[pair]
    assert len(choice.comparisons) == len(offers) * len(local)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CHILD_CHOICES), min_size=1, max_size=3),
       st.lists(st.sampled_from(_CHILD_CHOICES), min_size=1, max_size=3),
       st.sampled_from(list(PreferenceOrder)), st.integers(0, 255))
def test_select_child_takes_the_first_acceptable_pair_and_copies_the_proposal(
    offered: list[ChildProposal], local: list[ChildProposal], preference: PreferenceOrder,
    reserved: int,
) -> None:
    behaviour = Behaviour(preference=preference)
    built = proposals.child_sa_payload(offered, b"\x01\x02\x03\x04")
    sa = dataclasses.replace(built, proposals=tuple(
        dataclasses.replace(p, reserved=reserved) for p in built.proposals))
    choice = proposals.select_child(sa, local, behaviour, has_ke=True)
    candidates = [(p, t) for p in sa.proposals for t in p.transforms]
    good = {}
    for ci, (p, t) in enumerate(candidates):
        offer = proposals.parse_child_transform(p.protocol_id, t)
        for li, mine in enumerate(local):
            mismatches, life, _ = proposals.compare_child(offer, mine, behaviour, has_ke=True)
            if not mismatches:
                good[(ci, li)] = life
    pair = _first_in_order(len(candidates), len(local), good, behaviour)
    if pair is None:
        assert choice.proposal is None and choice.local is None
    else:
        ci, li = pair
        proposal, transform = candidates[ci]
        # The chosen proposal is written out field by field: it must be what
        # dataclasses.replace gives.
        assert choice.proposal == dataclasses.replace(proposal, transforms=(transform,))
        assert choice.local is local[li] and choice.lifetime_seconds == good[pair]
    assert [f.name for f in dataclasses.fields(Proposal)] == [
        "number", "protocol_id", "spi", "transforms", "reserved"]


def test_simulation_numbers_entries_and_delivers_in_sending_order() -> None:
    from ikeviz.protocol.config import PeerConfig, TrafficSelector
    from ikeviz.protocol.events import MessageReceived, MessageSent
    from ikeviz.simulation import Nat, run_pair

    left = PeerConfig(
        name="left", address="192.0.2.1", peer_address="198.51.100.1", psk=b"classroom",
        local_selector=TrafficSelector("10.1.0.0/24"),
        remote_selector=TrafficSelector("10.2.0.0/24"),
    )
    right = PeerConfig(
        name="right", address="198.51.100.1", peer_address="192.0.2.1", psk=b"classroom",
        local_selector=TrafficSelector("10.2.0.0/24"),
        remote_selector=TrafficSelector("10.1.0.0/24"),
    )
    for nat in (None, Nat("203.0.113.7")):
        trace = run_pair(left, right, nat=nat).trace
        assert trace.established
        assert [entry.index for entry in trace.entries] == list(range(len(trace.entries)))
        # Each datagram is received by the other peer, in the order it was sent.
        sent = [(e.role, e.data) for e in trace.events
                if isinstance(e, MessageSent) and not e.retransmission]
        received = [(e.role, e.data) for e in trace.events if isinstance(e, MessageReceived)]
        assert [data for _, data in received] == [data for _, data in sent]
        assert all(r != s for (r, _), (s, _) in zip(received, sent, strict=True))
