"""The crypto fast paths give the results of the careful ones (hashlib, hmac, the classes)."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from ikeviz.protocol import ciphers, dh
from ikeviz.protocol import keyschedule as ks

_LENGTHS = (0, 1, 20, 55, 56, 63, 64, 65, 84, 119, 120, 128, 183, 184, 239, 240, 247, 248,
            311, 312, 600)


@pytest.mark.parametrize("alg", sorted(ciphers.HASHES))
def test_hash_digest_is_hashlib_at_every_length(alg: int) -> None:
    name = ciphers.hash_spec(alg).hashlib_name
    for length in _LENGTHS:
        data = bytes(range(256)) * 3
        assert ciphers.hash_digest(alg, data[:length]) == hashlib.new(name, data[:length]).digest()


@pytest.mark.parametrize("alg", sorted(ciphers.HASHES))
def test_prf_is_hmac_at_every_length(alg: int) -> None:
    name = ciphers.hash_spec(alg).hashlib_name
    for key_length in (0, 8, 20, 64, 65, 128, 129, 300):
        key = (bytes(range(7, 256)) * 2)[:key_length]
        for length in _LENGTHS:
            data = bytes(reversed(range(256))) * 3
            expected = hmac.digest(key, data[:length], name)
            assert ciphers.prf(alg, key, data[:length]) == expected


@pytest.mark.parametrize("alg", sorted(ciphers.HASHES))
def test_keyed_prf_is_prf(alg: int) -> None:
    for key_length in (0, 8, 20, 64, 65, 128, 129, 300):
        key = (bytes(range(7, 256)) * 2)[:key_length]
        keyed = ciphers.keyed_prf(alg, key)
        for length in _LENGTHS:
            data = bytes(reversed(range(256))) * 3
            assert keyed(data[:length]) == ciphers.prf(alg, key, data[:length])
    with pytest.raises(ciphers.UnsupportedAlgorithmError):
        ciphers.keyed_prf(3, b"k")


@pytest.mark.parametrize("number", sorted(n for n, g in dh.GROUPS.items() if g.kind == "modp"))
def test_modp_range_check_by_bytes_is_the_numeric_one(number: int) -> None:
    group = dh.GROUPS[number]
    size, prime = group.public_length, group.prime
    for peer in (0, 1, 2, 3, 255, 256, 2**64 + 5, prime // 2, prime - 3, prime - 2, prime - 1,
                 prime, prime + 1, 2 ** (8 * size) - 1):
        value = peer.to_bytes(size, "big")
        if 2 <= peer <= prime - 2:
            dh.check_public_value(number, value)
        else:
            with pytest.raises(dh.DhError, match=r"out of \[2, p-2\]"):
                dh.check_public_value(number, value)


def test_keymat_formula_text() -> None:
    for g_qm_xy, pfs in ((b"g" * 32, "g(qm)^xy | "), (None, "")):
        trace: list[ks.Derivation] = []
        ks.keymat(2, b"d" * 20, 3, b"spi!", b"n" * 16, b"m" * 16, 36, g_qm_xy, trace=trace)
        assert trace[0].formula == (
            "first 36 bytes of K1 | .. | K2, "
            f"K1 = prf(SKEYID_d, {pfs}protocol | SPI | Ni_b | Nr_b), "
            f"Kn = prf(SKEYID_d, Kn-1 | {pfs}protocol | SPI | Ni_b | Nr_b)"
        )


def test_derive_phase1_keys_is_the_step_by_step_derivation() -> None:
    args = {"g_xy": b"g" * 128, "cky_i": b"I" * 8, "cky_r": b"R" * 8}
    for alg in sorted(ciphers.HASHES):
        keys = ks.derive_phase1_keys(
            hash_alg=alg, cipher_alg=ciphers.ENCR_AES_CBC, auth_method=1, psk=b"k",
            ni_b=b"i" * 16, nr_b=b"r" * 16, g_xi=b"x" * 128, g_xr=b"y" * 128, key_bits=256,
            **args,
        )
        trace: list[ks.Derivation] = []
        skeyid = ks.skeyid_psk(alg, b"k", b"i" * 16, b"r" * 16, trace=trace)
        d = ks.skeyid_d(alg, skeyid, **args, trace=trace)
        a = ks.skeyid_a(alg, skeyid, d, **args, trace=trace)
        e = ks.skeyid_e(alg, skeyid, a, **args, trace=trace)
        assert (keys.skeyid, keys.skeyid_d, keys.skeyid_a, keys.skeyid_e) == (skeyid, d, a, e)
        assert keys.derivations[:4] == tuple(trace)


def test_child_sa_keys_is_keymat_per_direction() -> None:
    for g_qm_xy in (b"g" * 32, None):
        keys = ks.child_sa_keys(2, b"d" * 20, 3, b"iiii", b"rrrr", b"n" * 16, b"m" * 16, 16, 20,
                                g_qm_xy)
        for direction, spi in ((keys.initiator_to_responder, b"rrrr"),
                               (keys.responder_to_initiator, b"iiii")):
            material = ks.keymat(2, b"d" * 20, 3, spi, b"n" * 16, b"m" * 16, 36, g_qm_xy)
            assert direction == ks.SaDirectionKeys(
                spi=spi, seed=(g_qm_xy or b"") + b"\x03" + spi + b"n" * 16 + b"m" * 16,
                keymat=material, encryption_key=material[:16], integrity_key=material[16:],
            )
