"""The peer's and the simulation's fast paths against the careful code they replace."""

from __future__ import annotations

import hashlib

from ikeviz.protocol import proposals
from ikeviz.protocol.codec import Attribute, Transform
from ikeviz.protocol.config import IkeProposal, TrafficSelector
from ikeviz.protocol.peer import (
    _enc_text,
    _phase1_texts,
    _selector_pair,
    selector_payload,
)
from ikeviz.protocol.registry import AuthMethod, GroupDescription, HashAlgorithm, describe
from ikeviz.simulation import SeededRandom


def test_same_values_is_equality_for_records() -> None:
    a = (Attribute(1, 7), Attribute(14, 128), Attribute(12, b"\x00\x00\x70\x80"))
    same = (Attribute(1, 7), Attribute(14, 128), Attribute(12, b"\x00\x00\x70\x80"))
    other = (Attribute(1, 7), Attribute(14, 256), Attribute(12, b"\x00\x00\x70\x80"))
    shorter = a[:2]
    for x, y in ((a, same), (a, other), (a, shorter), (shorter, a), ((), ())):
        fast = len(x) == len(y) and all(map(proposals._tuple_eq, x, y))
        assert fast == (x == y)
    # the same values in another encoding or order still match (the careful path)
    assert proposals._same_values((Attribute(11, 1), Attribute(12, 28800)),
                                  (Attribute(11, 1), Attribute(12, b"\x00\x00\x70\x80")))
    assert not proposals._same_values(a, other)


def test_parse_ike_transform_gives_the_class_call() -> None:
    transform = Transform(1, 1, (
        Attribute(1, 7), Attribute(14, 128), Attribute(2, 2), Attribute(3, 1),
        Attribute(4, 14), Attribute(11, 1), Attribute(12, b"\x00\x00\x70\x80"),
    ))
    parsed = proposals.parse_ike_transform(transform)
    assert parsed == IkeProposal(encryption=7, key_length=128, hash=2, group=14,
                                 auth_method=1, lifetime_seconds=28800,
                                 lifetime_kilobytes=None)
    assert type(parsed.lifetime_seconds) is int


def test_phase1_texts_are_the_describes() -> None:
    assert _phase1_texts(7, 128, 2, 14, 1) == (
        _enc_text(7, 128), describe(HashAlgorithm, 2), describe(GroupDescription, 14),
        describe(AuthMethod, 1),
    )


def test_selector_pair_is_selector_payload() -> None:
    local = TrafficSelector("10.1.0.0/24")
    remote = TrafficSelector("10.2.0.1", 17, 500)
    assert _selector_pair("10.1.0.0/24", 0, 0, "10.2.0.1", 17, 500) == (
        selector_payload(local), selector_payload(remote))


def test_seeded_random_keys_by_seed_text() -> None:
    # 1, 1.0 and True are equal keys of a cache but different seed texts.
    for seed in (1, 1.0, True):
        key = hashlib.sha256(f"ikeviz:{seed}:x".encode()).digest()
        expected = hashlib.sha256(key + (0).to_bytes(8, "big")).digest()[:8]
        assert SeededRandom(seed, "x")(8) == expected  # type: ignore[arg-type]
