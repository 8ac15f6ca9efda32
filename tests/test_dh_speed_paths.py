"""The fast MODP paths of ikeviz.protocol.dh: gmpy2 or Python arithmetic, fixed-base tables.

Every path must give the bytes of the plain definition ``pow(g, x, p)``: the
fixed-base table against ``pow`` for any exponent (hypothesis), gmpy2 against
the ``int`` fallback, the fallback also when gmpy2 cannot be imported at all
(in a subprocess), and both against values known without computing a power
(``2^x < p``, ``2^q = 1``, ``2^(p-2) = 1/2``) and against OpenSSL through
cryptography's finite-field DH while that deprecated API still exists.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikeviz.protocol import dh

ROOT = Path(__file__).resolve().parent.parent
MODP = [n for n, g in dh.GROUPS.items() if g.kind == "modp"]
SMALL_MODP = [1, 2, 5, 14]  # cheap enough for many hypothesis examples

try:
    import gmpy2  # noqa: F401

    HAVE_GMPY2 = True
except ImportError:  # pragma: no cover - gmpy2 is a dependency
    HAVE_GMPY2 = False

ARITHMETICS = [pytest.param("python", id="python")] + (
    [pytest.param("gmpy2", id="gmpy2")] if HAVE_GMPY2 else []
)


def counter_rng(seed: bytes) -> Callable[[int], bytes]:
    """A deterministic byte source for tests (SHA-256 in counter mode)."""
    counter = itertools.count()
    buffer = bytearray()

    def rng(n: int) -> bytes:
        while len(buffer) < n:
            buffer.extend(hashlib.sha256(seed + next(counter).to_bytes(8, "big")).digest())
        out = bytes(buffer[:n])
        del buffer[:n]
        return out

    return rng


@contextmanager
def arithmetic(name: str) -> Iterator[None]:
    """Run dh with the named arithmetic ("python": the fallback used without gmpy2)."""
    chosen = dh._PYTHON_ARITHMETIC if name == "python" else dh._gmpy2_arithmetic()
    assert chosen is not None and chosen.name == name
    with mock.patch.object(dh, "_arithmetic", chosen):
        yield


def table_bits(number: int) -> int:
    """Exponent bits the fixed-base table of a group covers."""
    return dh._fixed_base(dh._arith(dh.GROUPS[number]), dh.GROUPS[number]).max_bits


# --- which arithmetic --------------------------------------------------------------


@pytest.mark.skipif(not HAVE_GMPY2, reason="gmpy2 not installed")
def test_gmpy2_is_used_when_it_imports() -> None:
    assert dh.modp_backend() == "gmpy2"
    pair = dh.generate(14, counter_rng(b"k"))
    assert type(pair.private) is int  # no mpz leaks out of the module
    assert type(dh._modp_generator_power(dh.GROUPS[14], pair.private)) is int


def test_fallback_is_selected_by_patching(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dh, "_arithmetic", dh._PYTHON_ARITHMETIC)
    assert dh.modp_backend() == "python"
    pair = dh.keypair_from_private(2, 12345)
    assert pair.public == pow(2, 12345, dh.GROUPS[2].prime).to_bytes(128, "big")


@pytest.mark.parametrize("number", MODP)
def test_fallback_and_gmpy2_give_identical_bytes(
    number: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exchange() -> tuple[dh.DhKeyPair, dh.DhKeyPair, bytes, bytes]:
        a = dh.generate(number, counter_rng(b"a"))
        b = dh.generate(number, counter_rng(b"b"))
        return a, b, dh.shared_secret(a, b.public), dh.shared_secret(b, a.public)

    default = exchange()
    monkeypatch.setattr(dh, "_arithmetic", dh._PYTHON_ARITHMETIC)
    fallback = exchange()
    assert fallback == default
    a, b, secret_ab, secret_ba = fallback
    group = dh.GROUPS[number]
    assert secret_ab == secret_ba
    assert int.from_bytes(secret_ab, "big") == pow(2, a.private * b.private, group.prime)


def test_without_gmpy2_importable_the_same_bytes_come_out() -> None:
    """A fresh interpreter where ``import gmpy2`` fails: the module falls back to pow."""
    script = """
import json, sys
sys.modules["gmpy2"] = None  # makes "import gmpy2" raise ImportError
from ikeviz.protocol import dh
out = {"backend": dh.modp_backend()}
for number in (1, 2, 14):
    a = dh.keypair_from_private(number, 3**150)
    b = dh.keypair_from_private(number, 5**80 + 7)
    out[str(number)] = [a.public.hex(), dh.shared_secret(a, b.public).hex()]
print(json.dumps(out))
"""
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    result = json.loads(run.stdout)
    assert result.pop("backend") == "python"
    for number in (1, 2, 14):
        a = dh.keypair_from_private(number, 3**150)
        b = dh.keypair_from_private(number, 5**80 + 7)
        assert result[str(number)] == [a.public.hex(), dh.shared_secret(a, b.public).hex()]


# --- the fixed-base table ----------------------------------------------------------------


@pytest.mark.parametrize("name", ARITHMETICS)
@pytest.mark.parametrize("number", [1, 2, 14])
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_fixed_base_equals_pow(name: str, number: int, data: st.DataObject) -> None:
    group = dh.GROUPS[number]
    with arithmetic(name):
        limit = table_bits(number)
        exponent = data.draw(
            st.one_of(
                st.integers(2, 2**group.exponent_bits - 1),  # what generate() draws
                st.integers(2, 2**limit - 1),  # all the table covers
                st.integers(2**limit, group.prime - 2),  # longer: plain powmod
            ),
            label="exponent",
        )
        pair = dh.keypair_from_private(number, exponent)
    assert pair.public == pow(2, exponent, group.prime).to_bytes(group.public_length, "big")


@pytest.mark.parametrize("name", ARITHMETICS)
@pytest.mark.parametrize("number", SMALL_MODP)
def test_fixed_base_digit_edges(name: str, number: int) -> None:
    group = dh.GROUPS[number]
    with arithmetic(name):
        limit = table_bits(number)
        w = dh._WINDOW_BITS
        exponents = [
            2,
            3,
            2**w - 1,  # one full digit
            2**w,  # a zero digit, then a one
            2**limit - 1,  # every digit 31, the last row
            2 ** (limit - 1),  # only the top digit
            2**limit,  # one bit too long for the table
            int("10000" * (limit // w), 2),  # every digit 16
            group.prime - 2,
        ]
        for x in exponents:
            expected = pow(2, x, group.prime).to_bytes(group.public_length, "big")
            assert dh.keypair_from_private(number, x).public == expected, x


@pytest.mark.parametrize("name", ARITHMETICS)
def test_table_is_built_once_per_arithmetic_and_group(name: str) -> None:
    with arithmetic(name), mock.patch.dict(dh._FIXED_BASE, clear=True):
        assert dh._FIXED_BASE == {}
        dh.generate(2, counter_rng(b"t"))
        (key,) = dh._FIXED_BASE
        table = dh._FIXED_BASE[key]
        assert key == (name, 2, dh.GROUPS[2].prime)
        dh.generate(2, counter_rng(b"u"))
        assert dh._FIXED_BASE[key] is table
        assert table.max_bits >= dh.GROUPS[2].exponent_bits
        assert len(table.rows) == -(-dh.GROUPS[2].exponent_bits // dh._WINDOW_BITS)
        assert all(len(row) == 2**dh._WINDOW_BITS for row in table.rows)
        assert int(table.rows[3][5]) == pow(2, 5 * 2 ** (3 * dh._WINDOW_BITS), dh.GROUPS[2].prime)


# --- values known without exponentiation ----------------------------------------------


# Full-length exponents with Python's pow take seconds in MODP 6144 and 8192.
SLOW_KNOWN_VALUES = {("python", 17), ("python", 18)}
KNOWN_VALUE_CASES = [
    pytest.param(
        name, number, marks=[pytest.mark.slow] if (name, number) in SLOW_KNOWN_VALUES else []
    )
    for name in [p.values[0] for p in ARITHMETICS]
    for number in MODP
]


@pytest.mark.parametrize(("name", "number"), KNOWN_VALUE_CASES)
def test_known_values(name: str, number: int) -> None:
    group = dh.GROUPS[number]
    p, q, size = group.prime, group.order, group.public_length

    def public(x: int) -> int:
        return int.from_bytes(dh.keypair_from_private(number, x).public, "big")

    def secret(x: int, peer: int) -> int:
        pair = dh.keypair_from_private(number, x)
        return int.from_bytes(dh.shared_secret(pair, peer.to_bytes(size, "big")), "big")

    with arithmetic(name):
        for x in (2, 100, group.exponent_bits - 1):  # the table, no reduction: 2^x < p
            assert public(x) == 1 << x
        assert public(group.bits - 1) == 1 << (group.bits - 1)
        assert public(group.bits) == 2**group.bits - p  # p < 2^bits < 2p
        assert public(q) == 1  # 2 is a square: its order is q (RFC 3526 §8, safe primes)
        assert public(q + 1) == 2
        assert public(p - 2) == (p + 1) // 2  # Fermat: 2^(p-2) = 2^-1
        assert secret(group.exponent_bits - 1, 2) == 1 << (group.exponent_bits - 1)
        assert secret(3, p - 2) == p - 8  # (-2)^3
        assert secret(q, p - 2) == p - 1  # (-2)^q = -(2^q), q odd
        assert secret(2, 2 ** (group.bits // 2)) == 2**group.bits - p


# --- OpenSSL, while cryptography still has finite-field DH ------------------------------


@pytest.mark.parametrize("number", MODP)
def test_agrees_with_openssl(number: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cryptography 50 deprecates FFDH
        try:
            from cryptography.hazmat.primitives.asymmetric import dh as ffdh

            parameters = ffdh.DHParameterNumbers(dh.GROUPS[number].prime, 2)
        except (ImportError, AttributeError):  # pragma: no cover - removed upstream
            pytest.skip("cryptography no longer has finite-field Diffie-Hellman")
        a = dh.generate(number, counter_rng(b"openssl a"))
        b = dh.generate(number, counter_rng(b"openssl b"))
        y = int.from_bytes(a.public, "big")
        key = ffdh.DHPrivateNumbers(a.private, ffdh.DHPublicNumbers(y, parameters)).private_key()
        generator = ffdh.DHPublicNumbers(2, parameters).public_key()
        peer = ffdh.DHPublicNumbers(int.from_bytes(b.public, "big"), parameters).public_key()
        assert key.exchange(generator) == a.public  # 2^x computed by OpenSSL
        assert key.exchange(peer) == dh.shared_secret(a, b.public)


# --- exponent sizes and determinism ----------------------------------------------------


@pytest.mark.parametrize("number", MODP)
def test_generate_draws_the_group_exponent_size(number: int) -> None:
    bits = dh.GROUPS[number].exponent_bits
    sizes = []

    def rng(n: int) -> bytes:
        sizes.append(n)
        return b"\xff" * n

    pair = dh.generate(number, rng)
    assert sizes == [(bits + 7) // 8]
    assert pair.private == 2**bits - 1
    assert dh.generate(number, counter_rng(b"s")) == dh.generate(number, counter_rng(b"s"))
    longer = dh.generate(number, counter_rng(b"s"), exponent_bits=bits + 100)
    assert longer.private.bit_length() > table_bits(number)  # beyond the table: powmod
    assert int.from_bytes(longer.public, "big") == pow(2, longer.private, dh.GROUPS[number].prime)


def test_defer_gmp_computes_the_same_values_with_pow_until_loaded(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The application's first negotiation runs before gmpy2 is imported: same bytes."""
    monkeypatch.setattr(dh, "_arithmetic", None)
    monkeypatch.setattr(dh, "_gmp_deferred", False)
    dh.defer_gmp()
    assert dh._arith(dh.GROUPS[14]).name == "python"  # up to 2048 bits: pow for now
    assert dh._arithmetic is None
    deferred = dh.generate(14, _counter_rng())
    assert dh._arith(dh.GROUPS[15]).name == dh.load_gmp()  # larger: GMP at once
    loaded = dh.generate(14, _counter_rng())
    assert deferred == loaded
    assert dh.shared_secret(deferred, loaded.public) == dh.shared_secret(loaded, deferred.public)


def _counter_rng() -> Callable[[int], bytes]:
    state = {"n": 0}

    def rng(size: int) -> bytes:
        state["n"] += 1
        return (state["n"].to_bytes(4, "big") * (size // 4 + 1))[:size]

    return rng
