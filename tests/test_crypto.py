"""Diffie-Hellman groups (ikeviz.protocol.dh) and ciphers/hashes (ikeviz.protocol.ciphers).

Known answers come from public sources: the RFC 2409/3526 definitions of the
MODP primes (checked bit for bit against their pi formula), RFC 5903 §8 for
the ECP groups, RFC 2202/4231 for HMAC, RFC 3602 for AES-CBC, FIPS 81/SP 800-67
examples for DES/3DES, and FIPS 74 for the DES weak keys.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable

import pytest
from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers import Cipher, modes

from ikeviz.protocol import ciphers, dh
from ikeviz.protocol.errors import IkevizProtocolError


def h(text: str) -> bytes:
    return bytes.fromhex("".join(text.split()))


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


# --- MODP primes ---------------------------------------------------------------

MODP = [n for n, g in dh.GROUPS.items() if g.kind == "modp"]

# (bits, k) of p = 2^n - 2^(n-64) - 1 + 2^64 * (floor(2^(n-130) * pi) + k):
# RFC 2409 §6.1/§6.2 and RFC 3526 §2-§7.
PI_FORMULA = {
    1: (768, 149686),
    2: (1024, 129093),
    5: (1536, 741804),
    14: (2048, 124476),
    15: (3072, 1690314),
    16: (4096, 240904),
    17: (6144, 929484),
    18: (8192, 4743158),
}


def _arctan_inverse(x: int, one: int) -> int:
    total = term = one // x
    n, sign = 1, -1
    while term:
        term //= x * x
        total += sign * (term // (2 * n + 1))
        sign, n = -sign, n + 1
    return total


def floor_pi_times_power_of_two(bits: int) -> int:
    """floor(2^bits * pi), by Machin's formula with 64 guard bits."""
    one = 1 << (bits + 64)
    return (16 * _arctan_inverse(5, one) - 4 * _arctan_inverse(239, one)) >> 64


def miller_rabin(n: int, bases: tuple[int, ...]) -> bool:
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in bases:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


@pytest.mark.parametrize("number", MODP)
def test_modp_prime_size_and_all_ones_ends(number: int) -> None:
    group = dh.GROUPS[number]
    bits = PI_FORMULA[number][0]
    assert group.prime.bit_length() == bits
    assert group.name == f"MODP {bits}"
    assert group.public_length == group.secret_length == bits // 8
    assert group.prime >> (bits - 64) == 2**64 - 1
    assert group.prime & (2**64 - 1) == 2**64 - 1
    assert group.generator == 2
    assert group.order == (group.prime - 1) // 2


def test_pi_formula_pins_every_bit_of_every_prime() -> None:
    pi = floor_pi_times_power_of_two(8192 - 130)  # the largest; smaller ones are prefixes
    for number, (bits, k) in PI_FORMULA.items():
        pi_bits = pi >> (8192 - bits)  # floor(2^(bits-130) * pi)
        expected = 2**bits - 2 ** (bits - 64) - 1 + 2**64 * (pi_bits + k)
        assert dh.GROUPS[number].prime == expected, number


@pytest.mark.parametrize("number", [1, 2, 5, 14, 15, 16])
def test_modp_primes_are_safe_primes(number: int) -> None:
    p = dh.GROUPS[number].prime
    q = (p - 1) // 2
    assert miller_rabin(q, (2, 3))
    assert pow(2, q, p) == 1  # Euler: 2 is a square mod p, so g = 2 generates order q


@pytest.mark.slow
@pytest.mark.parametrize("number", [17, 18])
def test_large_modp_primes_are_safe_primes(number: int) -> None:
    p = dh.GROUPS[number].prime
    q = (p - 1) // 2
    assert miller_rabin(q, (3,))
    assert pow(2, q, p) == 1


def test_group_table() -> None:
    assert sorted(dh.GROUPS) == [1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21]
    expected = {
        19: ("ECP 256", 64, 32),
        20: ("ECP 384", 96, 48),
        21: ("ECP 521", 132, 66),
    }
    for number, (name, public, secret) in expected.items():
        group = dh.group(number)
        assert (group.name, group.kind, group.public_length, group.secret_length) == (
            name,
            "ecp",
            public,
            secret,
        )
    with pytest.raises(dh.DhError):
        dh.group(3)  # EC2N, obsolete, not implemented
    assert issubclass(dh.DhError, IkevizProtocolError)


def test_exponent_sizes_follow_openssl() -> None:
    # OpenSSL 3 crypto/ffc/ffc_dh.c dh_named_groups keylength (RFC 7919 App. A for
    # 2048-8192, 200 for MODP 1536); groups 1, 2: 2 x OpenSSL's strength estimate.
    openssl = {1: 144, 2: 160, 5: 200, 14: 225, 15: 275, 16: 325, 17: 375, 18: 400}
    assert dh.MODP_EXPONENT_BITS == openssl
    # Security strengths of the modulus sizes: SP 800-56B rev2 App. D as OpenSSL's
    # ossl_ifc_ffc_compute_security_bits gives them (72 and 96 by its formula).
    strength = {768: 72, 1024: 80, 1536: 96, 2048: 112, 3072: 128, 4096: 152, 6144: 176, 8192: 200}
    for number, bits in openssl.items():
        group = dh.GROUPS[number]
        assert group.exponent_bits == bits
        assert bits >= 2 * strength[group.bits]  # NIST SP 800-56A rev3 5.6.1.1.1
        assert bits < group.order.bit_length()


@pytest.mark.parametrize("number", [19, 20, 21])
def test_ecp_orders_are_the_curve_orders(number: int) -> None:
    group = dh.GROUPS[number]
    one = dh.keypair_from_private(number, 1)
    minus_one = dh.keypair_from_private(number, group.order - 1)
    size = group.secret_length
    # (n-1) * G = -G: same x, y' = p - y
    assert minus_one.public[:size] == one.public[:size]
    assert int.from_bytes(minus_one.public[size:], "big") == group.prime - int.from_bytes(
        one.public[size:], "big"
    )
    with pytest.raises(dh.DhError):
        dh.keypair_from_private(number, group.order)


# --- MODP key exchange -------------------------------------------------------------


@pytest.mark.parametrize("number", MODP)
def test_modp_exchange_agrees(number: int) -> None:
    group = dh.GROUPS[number]
    a = dh.generate(number, counter_rng(b"a"))
    b = dh.generate(number, counter_rng(b"b"))
    assert a.private.bit_length() <= group.exponent_bits
    assert len(a.public) == len(b.public) == group.public_length
    assert int.from_bytes(a.public, "big") == pow(2, a.private, group.prime)
    secret = dh.shared_secret(a, b.public)
    assert secret == dh.shared_secret(b, a.public)
    assert len(secret) == group.secret_length
    assert int.from_bytes(secret, "big") == pow(2, a.private * b.private, group.prime)


def test_modp_values_are_left_padded_to_the_prime_length() -> None:
    pair = dh.keypair_from_private(2, 2)
    assert pair.public == (4).to_bytes(128, "big")
    peer = (3).to_bytes(128, "big")
    assert dh.shared_secret(pair, peer) == (9).to_bytes(128, "big")


def test_generation_is_deterministic_in_rng() -> None:
    first = dh.generate(14, counter_rng(b"seed"))
    second = dh.generate(14, counter_rng(b"seed"))
    assert first == second
    assert dh.generate(19, counter_rng(b"seed")) == dh.generate(19, counter_rng(b"seed"))


def test_full_length_exponent_on_request() -> None:
    pair = dh.generate(1, counter_rng(b"x"), exponent_bits=768)
    assert 2 <= pair.private <= dh.GROUPS[1].prime - 2
    assert pair.private.bit_length() > 256
    with pytest.raises(dh.DhError):
        dh.generate(1, counter_rng(b"x"), exponent_bits=769)
    with pytest.raises(dh.DhError):
        dh.generate(19, counter_rng(b"x"), exponent_bits=256)


def test_rejection_sampling() -> None:
    draws = [bytes(20), bytes(19) + b"\x01", b"\x00" * 19 + b"\x05"]  # 0 and 1 are refused

    def rng(n: int) -> bytes:
        assert n == 20  # 160-bit exponents for MODP 1024
        return draws.pop(0)

    assert dh.generate(2, rng).private == 5
    order = dh.GROUPS[19].order
    ecp_draws = [
        (2**256 - 1).to_bytes(32, "big"),
        order.to_bytes(32, "big"),
        (7).to_bytes(32, "big"),
    ]
    assert dh.generate(19, lambda n: ecp_draws.pop(0)).private == 7


def test_short_rng_is_an_error() -> None:
    with pytest.raises(ValueError):
        dh.generate(14, lambda n: bytes(n - 1))


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (b"\x02" * 127, "short"),
        (b"\x02" * 129, "long"),
        ((0).to_bytes(128, "big"), "zero"),
        ((1).to_bytes(128, "big"), "one"),
        ((dh.GROUPS[2].prime - 1).to_bytes(128, "big"), "p-1"),
        (dh.GROUPS[2].prime.to_bytes(128, "big"), "p"),
        (b"\xff" * 128, "above p"),
    ],
)
def test_modp_peer_value_checks(value: bytes, reason: str) -> None:
    pair = dh.keypair_from_private(2, 12345)
    with pytest.raises(dh.DhError):
        dh.shared_secret(pair, value)
    with pytest.raises(dh.DhError):
        dh.check_public_value(2, value)


def test_public_value_errors() -> None:
    with pytest.raises(dh.DhError, match="MODP 1024 public value has 127 bytes, expected 128"):
        dh.check_public_value(2, bytes(127))
    with pytest.raises(dh.DhError, match="ECP 256 public value has 65 bytes, expected 64"):
        dh.check_public_value(19, bytes(65))
    with pytest.raises(dh.DhError, match="unsupported Diffie-Hellman group 3"):
        dh.check_public_value(3, bytes(128))
    dh.check_public_value(2, (2).to_bytes(128, "big"))


def test_modp_private_range() -> None:
    for bad in (0, 1, dh.GROUPS[2].prime - 1):
        with pytest.raises(dh.DhError):
            dh.keypair_from_private(2, bad)


# --- ECP (RFC 5903 §8) -----------------------------------------------------------------

RFC5903 = {
    19: dict(
        i="C88F01F5 10D9AC3F 70A292DA A2316DE5 44E9AAB8 AFE84049 C62A9C57 862D1433",
        gix="DAD0B653 94221CF9 B051E1FE CA5787D0 98DFE637 FC90B9EF 945D0C37 72581180",
        giy="5271A046 1CDB8252 D61F1C45 6FA3E59A B1F45B33 ACCF5F58 389E0577 B8990BB3",
        r="C6EF9C5D 78AE012A 011164AC B397CE20 88685D8F 06BF9BE0 B283AB46 476BEE53",
        grx="D12DFB52 89C8D4F8 1208B702 70398C34 2296970A 0BCCB74C 736FC755 4494BF63",
        gry="56FBF3CA 366CC23E 8157854C 13C58D6A AC23F046 ADA30F83 53E74F33 039872AB",
        girx="D6840F6B 42F6EDAF D13116E0 E1256520 2FEF8E9E CE7DCE03 812464D0 4B9442DE",
    ),
    20: dict(
        i="099F3C70 34D4A2C6 99884D73 A375A67F 7624EF7C 6B3C0F16 0647B674 14DCE655"
        "E35B5380 41E649EE 3FAEF896 783AB194",
        gix="667842D7 D180AC2C DE6F74F3 7551F557 55C7645C 20EF73E3 1634FE72 B4C55EE6"
        "DE3AC808 ACB4BDB4 C88732AE E95F41AA",
        giy="9482ED1F C0EEB9CA FC498462 5CCFC23F 65032149 E0E144AD A0241815 35A0F38E"
        "EB9FCFF3 C2C947DA E69B4C63 4573A81C",
        r="41CB0779 B4BDB85D 47846725 FBEC3C94 30FAB46C C8DC5060 855CC9BD A0AA2942"
        "E0308312 916B8ED2 960E4BD5 5A7448FC",
        grx="E558DBEF 53EECDE3 D3FCCFC1 AEA08A89 A987475D 12FD950D 83CFA417 32BC509D"
        "0D1AC43A 0336DEF9 6FDA41D0 774A3571",
        gry="DCFBEC7A ACF31964 72169E83 8430367F 66EEBE3C 6E70C416 DD5F0C68 759DD1FF"
        "F83FA401 42209DFF 5EAAD96D B9E6386C",
        girx="11187331 C279962D 93D60424 3FD592CB 9D0A926F 422E4718 7521287E 7156C5C4"
        "D6031355 69B9E9D0 9CF5D4A2 70F59746",
    ),
    21: dict(
        i="0037ADE9 319A89F4 DABDB3EF 411AACCC A5123C61 ACAB57B5 393DCE47 608172A0"
        "95AA85A3 0FE1C295 2C6771D9 37BA9777 F5957B26 39BAB072 462F68C2 7A57382D 4A52",
        gix="0015417E 84DBF28C 0AD3C278 713349DC 7DF153C8 97A1891B D98BAB43 57C9ECBE"
        "E1E3BF42 E00B8E38 0AEAE57C 2D107564 94188594 2AF5A7F4 601723C4 195D176C ED3E",
        giy="017CAE20 B6641D2E EB695786 D8C94614 6239D099 E18E1D5A 514C739D 7CB4A10A"
        "D8A78801 5AC405D7 799DC75E 7B7D5B6C F2261A6A 7F150743 8BF01BEB 6CA3926F 9582",
        r="0145BA99 A847AF43 793FDD0E 872E7CDF A16BE30F DC780F97 BCCC3F07 8380201E"
        "9C677D60 0B343757 A3BDBF2A 3163E4C2 F869CCA7 458AA4A4 EFFC311F 5CB15168 5EB9",
        grx="00D0B397 5AC4B799 F5BEA16D 5E13E9AF 971D5E9B 984C9F39 728B5E57 39735A21"
        "9B97C356 436ADC6E 95BB0352 F6BE64A6 C2912D4E F2D0433C ED2B6171 640012D9 460F",
        gry="015C6822 6383956E 3BD066E7 97B623C2 7CE0EAC2 F551A10C 2C724D98 52077B87"
        "220B6536 C5C408A1 D2AEBB8E 86D678AE 49CB5709 1F473229 6579AB44 FCD17F0F C56A",
        girx="01144C7D 79AE6956 BC8EDB8E 7C787C45 21CB086F A64407F9 7894E5E6 B2D79B04"
        "D1427E73 CA4BAA24 0A347868 59810C06 B3C715A3 A8CC3151 F2BEE417 996D19F3 DDEA",
    ),
}


@pytest.mark.parametrize("number", [19, 20, 21])
def test_rfc5903_vectors(number: int) -> None:
    v = RFC5903[number]
    initiator = dh.keypair_from_private(number, int.from_bytes(h(v["i"]), "big"))
    responder = dh.keypair_from_private(number, int.from_bytes(h(v["r"]), "big"))
    assert initiator.public == h(v["gix"]) + h(v["giy"])  # KE = x | y, no 0x04
    assert responder.public == h(v["grx"]) + h(v["gry"])
    assert dh.shared_secret(initiator, responder.public) == h(v["girx"])  # x only
    assert dh.shared_secret(responder, initiator.public) == h(v["girx"])


@pytest.mark.parametrize("number", [19, 20, 21])
def test_ecp_exchange_agrees(number: int) -> None:
    a = dh.generate(number, counter_rng(b"a"))
    b = dh.generate(number, counter_rng(b"b"))
    group = dh.GROUPS[number]
    assert len(a.public) == group.public_length
    assert 1 <= a.private < group.order
    assert dh.shared_secret(a, b.public) == dh.shared_secret(b, a.public)


def test_ecp_coordinates_and_secret_are_padded() -> None:
    # Find a point whose x coordinate starts with a zero byte (1 in 256).
    for d in itertools.count(2):
        pair = dh.keypair_from_private(19, d)
        if pair.public[0] == 0:
            break
    assert len(pair.public) == 64
    # With scalar 1 the shared secret is the peer's own x coordinate.
    one = dh.keypair_from_private(19, 1)
    secret = dh.shared_secret(one, pair.public)
    assert secret == pair.public[:32]
    assert len(secret) == 32 and secret[0] == 0


def test_ecp_peer_value_checks() -> None:
    pair = dh.generate(19, counter_rng(b"c"))
    peer = dh.generate(19, counter_rng(b"d")).public
    bad = [
        b"\x04" + peer,  # the SEC 1 form is not the IKE form (RFC 5903 §7)
        peer[:32],  # x only
        peer[:-1] + bytes([peer[-1] ^ 1]),  # off the curve
        bytes(64),  # the point at infinity has no x | y form
        b"\xaa" * 64,
    ]
    for value in bad:
        with pytest.raises(dh.DhError):
            dh.shared_secret(pair, value)
    with pytest.raises(dh.DhError):
        dh.shared_secret(pair, dh.generate(20, counter_rng(b"e")).public)


def test_keypair_repr_hides_the_private_value() -> None:
    pair = dh.keypair_from_private(19, 0x1234567)
    assert "1234567" not in repr(pair) and "19088743" not in repr(pair)


def test_ecp_uses_cryptography_curves() -> None:
    pair = dh.keypair_from_private(20, 99)
    key = ec.derive_private_key(99, ec.SECP384R1()).public_key().public_numbers()
    assert pair.public == key.x.to_bytes(48, "big") + key.y.to_bytes(48, "big")


# --- hashes and prf ----------------------------------------------------------------------


def test_hash_registry() -> None:
    sizes = {1: 16, 2: 20, 4: 32, 5: 48, 6: 64}
    for alg, size in sizes.items():
        assert ciphers.digest_size(alg) == size
        assert len(ciphers.hash_function(alg)(b"abc")) == size
        assert ciphers.hash_digest(alg, b"abc") == ciphers.hash_function(alg)(b"abc")
    assert ciphers.hash_digest(1, b"abc") == h("900150983cd24fb0d6963f7d28e17f72")
    assert ciphers.hash_digest(2, b"abc") == h("a9993e364706816aba3e25717850c26c9cd0d89d")
    with pytest.raises(ciphers.UnsupportedAlgorithmError):
        ciphers.hash_function(3)  # Tiger
    assert issubclass(ciphers.UnsupportedAlgorithmError, IkevizProtocolError)


@pytest.mark.parametrize(
    ("alg", "key", "data", "mac"),
    [
        # RFC 2202 test case 1 and 2
        (1, "0b" * 16, b"Hi There", "9294727a3638bb1c13f48ef8158bfc9d"),
        (1, b"Jefe".hex(), b"what do ya want for nothing?", "750c783e6ab0b503eaa86e310a5db738"),
        (2, "0b" * 20, b"Hi There", "b617318655057264e28bc0b6fb378c8ef146be00"),
        # RFC 4231 test case 1
        (
            4,
            "0b" * 20,
            b"Hi There",
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        ),
        (
            5,
            "0b" * 20,
            b"Hi There",
            "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
            "faea9ea9076ede7f4af152e8b2fa9cb6",
        ),
        (
            6,
            "0b" * 20,
            b"Hi There",
            "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
            "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
        ),
    ],
)
def test_prf_is_hmac(alg: int, key: str, data: bytes, mac: str) -> None:
    assert ciphers.prf(alg, h(key), data) == h(mac)


# --- CBC ciphers ------------------------------------------------------------------------------


def test_cipher_registry() -> None:
    assert ciphers.block_size(1) == ciphers.block_size(5) == 8
    assert ciphers.block_size(7) == 16
    assert ciphers.cipher_key_length(5) == 24
    assert ciphers.cipher_key_length(1) == 8
    assert ciphers.cipher_key_length(7, 256) == 32
    assert ciphers.cipher_key_length(5, 192) == 24
    for bad in [(7, None), (7, 64), (7, 129), (5, 128)]:
        with pytest.raises(ciphers.CipherError):
            ciphers.cipher_key_length(*bad)
    with pytest.raises(ciphers.UnsupportedAlgorithmError):
        ciphers.block_size(3)  # Blowfish
    with pytest.raises(ciphers.UnsupportedAlgorithmError, match="encryption algorithm 3"):
        ciphers.cipher_key_length(3, 128)
    for number, spec in ciphers.CIPHERS.items():  # the table read directly, as cipher_spec
        assert ciphers.block_size(number) == ciphers.cipher_spec(number).block_size
        assert ciphers.cipher_key_length(number, 8 * spec.key_lengths[-1]) == spec.key_lengths[-1]


def test_aes_cbc_rfc3602_case_1_and_2() -> None:
    key, iv = h("06a9214036b8a15b512e03d534120006"), h("3dafba429d9eb430b422da802c9fac41")
    ct = ciphers.cbc_encrypt(7, key, iv, b"Single block msg")
    assert ct == h("e353779c1079aeb82708942dbe77181a")
    assert ciphers.cbc_decrypt(7, key, iv, ct) == b"Single block msg"
    key, iv = h("c286696d887c9aa0611bbb3e2025a45a"), h("562e17996d093d28ddb3ba695a2e6f58")
    pt = bytes(range(32))
    ct = h("d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1")
    assert ciphers.cbc_encrypt(7, key, iv, pt) == ct
    assert ciphers.cbc_decrypt(7, key, iv, ct) == pt


def test_des_and_3des_known_answers() -> None:
    # The classic DES example: key 133457799BBCDFF1, 0123456789ABCDEF -> 85E813540F0AB405.
    des = ciphers.cbc_encrypt(1, h("133457799BBCDFF1"), bytes(8), h("0123456789ABCDEF"))
    assert des == h("85E813540F0AB405")
    # SP 800-67 example: "The qufck brown fox jump" (ECB; first CBC block with a zero IV).
    key = h("0123456789ABCDEF 23456789ABCDEF01 456789ABCDEF0123")
    first = ciphers.cbc_encrypt(5, key, bytes(8), b"The qufc")
    assert first == h("A826FD8CE53B855F")
    pt = b"The qufck brown fox jump"
    iv = h("F69F2445DF4F9B17")
    ct = ciphers.cbc_encrypt(5, key, iv, pt)
    assert ciphers.cbc_decrypt(5, key, iv, ct) == pt
    reference = Cipher(TripleDES(key), modes.CBC(iv)).encryptor()
    assert ct == reference.update(pt) + reference.finalize()


def test_single_des_raises_no_warning(recwarn: pytest.WarningsRecorder) -> None:
    ciphers.cbc_decrypt(1, h("133457799BBCDFF1"), bytes(8), bytes(16))
    assert not recwarn.list


def test_cbc_input_checks() -> None:
    key = bytes(16)
    with pytest.raises(ciphers.CipherError):
        ciphers.cbc_encrypt(7, key, bytes(16), bytes(15))
    with pytest.raises(ciphers.CipherError):
        ciphers.cbc_decrypt(7, key, bytes(8), bytes(16))
    with pytest.raises(ciphers.CipherError):
        ciphers.cbc_encrypt(7, bytes(20), bytes(16), bytes(16))
    with pytest.raises(ciphers.CipherError):
        ciphers.cbc_encrypt(5, bytes(16), bytes(8), bytes(8))


def _des_ecb(key: bytes, block: bytes) -> bytes:
    return ciphers.cbc_encrypt(1, key, bytes(8), block)


def test_des_weak_keys_are_involutions() -> None:
    x = b"ikevizIK"
    for key in ciphers.DES_WEAK_KEYS[:4]:
        assert ciphers.is_weak_des_key(key)
        assert _des_ecb(key, _des_ecb(key, x)) == x  # E_K(E_K(x)) = x
    semi = ciphers.DES_WEAK_KEYS[4:]
    assert len(semi) == 12
    for k1, k2 in zip(semi[0::2], semi[1::2], strict=True):
        assert ciphers.is_weak_des_key(k1) and ciphers.is_weak_des_key(k2)
        assert _des_ecb(k2, _des_ecb(k1, x)) == x  # E_K2(E_K1(x)) = x
    assert ciphers.is_weak_des_key(h("0000000000000000"))  # parity bits ignored
    assert not ciphers.is_weak_des_key(h("133457799BBCDFF1"))
    with pytest.raises(ciphers.WeakKeyError):
        ciphers.check_des_key(h("FEFEFEFEFEFEFEFE"))
    with pytest.raises(ciphers.WeakKeyError):
        ciphers.check_des_key(h("133457799BBCDFF1 0101010101010101 133457799BBCDFF1"))
    ciphers.check_des_key(h("133457799BBCDFF1"))


def test_padding_styles() -> None:
    assert ciphers.pad(bytes(60), 8) == bytes(64)  # strongSwan: 4 zeros
    assert ciphers.pad(b"\x01" * 272, 8) == b"\x01" * 272 + bytes(8)  # aligned: a whole block
    assert ciphers.pad(b"\x01" * 272, 8, ciphers.Padding.ZEROS_MINIMAL) == b"\x01" * 272
    assert ciphers.pad(b"\x01" * 36, 16, ciphers.Padding.ZEROS_MINIMAL) == b"\x01" * 36 + bytes(12)
    counted = ciphers.pad(b"\x01" * 36, 16, ciphers.Padding.COUNT_LAST_BYTE)
    assert counted == b"\x01" * 36 + bytes(11) + b"\x0c"
    assert ciphers.pad(bytes(16), 16, ciphers.Padding.COUNT_LAST_BYTE)[-1] == 16
    for style in ciphers.Padding:
        for n in range(40):
            assert len(ciphers.pad(bytes(n), 8, style)) == ciphers.padded_length(n, 8, style)
            assert ciphers.padded_length(n, 8, style) % 8 == 0


@pytest.mark.parametrize("style", list(ciphers.Padding))
@pytest.mark.parametrize("block", [1, 3, 8, 16])
def test_pad_counts_as_padded_length(style: ciphers.Padding, block: int) -> None:
    # pad computes its pad byte count itself; it is padded_length's, byte for byte.
    for n in range(5 * block + 2):
        data = bytes(range(1, n + 1)) if n < 256 else bytes(n)
        padded = ciphers.pad(data, block, style)
        count = ciphers.padded_length(n, block, style) - n
        assert padded[:n] == data and len(padded) == n + count
        if style is ciphers.Padding.COUNT_LAST_BYTE:
            assert padded[n:] == bytes(count - 1) + bytes([count])
        else:
            assert padded[n:] == bytes(count)
    for bad in (0, -8):
        with pytest.raises(ValueError, match="block size must be positive"):
            ciphers.pad(b"x", bad, style)
        with pytest.raises(ValueError, match="block size must be positive"):
            ciphers.padded_length(1, bad, style)


def test_esp_key_lengths() -> None:
    assert ciphers.esp_encryption_key_length(3) == 24
    assert ciphers.esp_encryption_key_length(2) == 8
    assert ciphers.esp_encryption_key_length(12, 128) == 16
    assert ciphers.esp_encryption_key_length(12, 256) == 32
    assert ciphers.esp_encryption_key_length(20, 256) == 36  # GCM: key + 4-byte salt
    assert ciphers.esp_encryption_key_length(16, 128) == 19  # CCM: key + 3-byte salt
    assert ciphers.esp_encryption_key_length(11) == 0  # NULL
    for bad in [(12, None), (12, 100), (3, 128)]:
        with pytest.raises(ciphers.CipherError):
            ciphers.esp_encryption_key_length(*bad)
    assert ciphers.esp_integrity_key_length(1) == 16
    assert ciphers.esp_integrity_key_length(2) == 20
    assert ciphers.esp_integrity_key_length(5) == 32
    assert ciphers.esp_integrity_key_length(6) == 48
    assert ciphers.esp_integrity_key_length(7) == 64
    assert ciphers.esp_integrity_key_length(None) == 0
    with pytest.raises(ciphers.UnsupportedAlgorithmError):
        ciphers.esp_integrity_key_length(4)
    with pytest.raises(ciphers.UnsupportedAlgorithmError, match="ESP transform 99"):
        ciphers.esp_encryption_key_length(99, 128)
