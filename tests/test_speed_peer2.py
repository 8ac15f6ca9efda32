"""The peer's and the simulation's fast paths against the careful code they replace."""

from __future__ import annotations

import hashlib

from ikeviz.protocol import proposals
from ikeviz.protocol.codec import Attribute, Transform
from ikeviz.protocol.config import IkeProposal
from ikeviz.protocol.peer import (
    _enc_text,
    _phase1_texts,
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


def test_seeded_random_keys_by_seed_text() -> None:
    # 1, 1.0 and True are equal keys of a cache but different seed texts.
    for seed in (1, 1.0, True):
        key = hashlib.sha256(f"ikeviz:{seed}:x".encode()).digest()
        expected = hashlib.sha256(key + (0).to_bytes(8, "big")).digest()[:8]
        assert SeededRandom(seed, "x")(8) == expected  # type: ignore[arg-type]


def test_advance_with_the_first_iv_given_equals_advance_computing_it() -> None:
    from ikeviz.protocol import keyschedule
    from ikeviz.protocol.keyschedule import ExchangeIv, IvChain, phase2_iv

    last = bytes(range(16))
    chain = IvChain(2, 16, last, (ExchangeIv(0, b"\x02" * 16, b"\x03" * 16),))
    ciphertext = bytes(range(100, 132))
    for first_iv in (chain.iv(7), chain.iv_for(7, ciphertext)):
        assert first_iv == phase2_iv(2, last, 7, 16)
        given = chain.advance(7, ciphertext, first_iv=first_iv)
        assert given == chain.advance(7, ciphertext)
        assert given.exchanges[-1] == ExchangeIv(7, first_iv, ciphertext[-16:],
                                                 ((ciphertext[-16:], first_iv),))
    # An exchange already under way keeps its own chain: the IV given is not used.
    later = chain.advance(7, ciphertext)
    assert later.advance(7, ciphertext[::-1], first_iv=b"\x00" * 16) == (
        later.advance(7, ciphertext[::-1]))
    # With a trace to record, the IV is derived (and recorded) again.
    trace: list[keyschedule.Derivation] = []
    chain.advance(7, ciphertext, trace=trace, first_iv=b"\x00" * 16)
    assert [d.output for d in trace] == [phase2_iv(2, last, 7, 16)]
