"""Diffie-Hellman groups of IKEv1: MODP (RFC 2409 §6, RFC 3526) and ECP (RFC 5903).

What it implements:

- the MODP groups 1, 2 (RFC 2409 §6.1, §6.2) and 5, 14-18 (RFC 3526), all with
  generator 2 (cryptography's finite-field DH API is deprecated and not used);
- the ECP groups 19, 20, 21 (RFC 5903 §3) with cryptography's ECDH;
- the KE payload encoding: a MODP public value left-padded with zeros to the
  length of the prime (RFC 2409 §5, RFC 2408 §3.7); an ECP public value as
  ``x | y``, each coordinate zero-padded to the field size, with no 0x04 point
  prefix (RFC 5903 §7);
- the shared secret ``g^xy``: for MODP left-padded to the prime length, for ECP
  the x coordinate alone, padded to the field size (RFC 5903 §7, §9);
- checks of the peer's public value: its length, for MODP the range
  [2, p-2], for ECP that the point is on the curve.

MODP arithmetic: modular exponentiation runs on GMP through gmpy2 when gmpy2
imports, and on Python's ``int`` and ``pow`` when it does not; both give the
same bytes (:func:`modp_backend` says which one is in use). ``g^x`` uses a
fixed-base table per group, built on first use and kept in this module: the
generator is 2 in every MODP group, so the powers ``2^(d * 2^(5j)) mod p`` for
each 5-bit digit ``d`` of the exponent and each position ``j`` are computed
once, and ``g^x`` is then one modular multiplication per non-zero digit, no
squaring. ``peer^x`` (the shared secret) is a plain modular exponentiation.
None of it is constant-time: ikeviz shows negotiations, it does not guard keys.

Randomness is injected: :func:`generate` takes ``rng``, a callable that returns
the requested number of random bytes. Private MODP exponents are shorter than
the prime, as real implementations make them (see :attr:`DhGroup.exponent_bits`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final, Literal

from cryptography.hazmat.primitives.asymmetric import ec

from ikeviz.protocol._records import record
from ikeviz.protocol.errors import IkevizProtocolError

__all__ = [
    "DhError",
    "DhGroup",
    "DhKeyPair",
    "GROUPS",
    "MODP_EXPONENT_BITS",
    "Rng",
    "group",
    "generate",
    "keypair_from_private",
    "shared_secret",
    "check_public_value",
    "modp_backend",
]

#: A source of random bytes: ``rng(n)`` returns exactly ``n`` bytes.
Rng = Callable[[int], bytes]


class DhError(IkevizProtocolError, ValueError):
    """A Diffie-Hellman value that cannot be used (unknown group, bad peer value)."""


def _hex(text: str) -> int:
    return int("".join(text.split()), 16)


# RFC 2409 §6.1, group 1.
_MODP_768_PRIME: Final = _hex(
    "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74"
    "020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437"
    "4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A63A3620 FFFFFFFF FFFFFFFF"
)

# RFC 2409 §6.2, group 2.
_MODP_1024_PRIME: Final = _hex(
    "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74"
    "020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437"
    "4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED"
    "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE65381 FFFFFFFF FFFFFFFF"
)

# RFC 3526 §2, group 5.
_MODP_1536_PRIME: Final = _hex(
    "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74"
    "020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437"
    "4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED"
    "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05"
    "98DA4836 1C55D39A 69163FA8 FD24CF5F 83655D23 DCA3AD96 1C62F356 208552BB"
    "9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA237327 FFFFFFFF FFFFFFFF"
)

# RFC 3526 §3, group 14.
_MODP_2048_PRIME: Final = _hex(
    "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74"
    "020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437"
    "4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED"
    "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05"
    "98DA4836 1C55D39A 69163FA8 FD24CF5F 83655D23 DCA3AD96 1C62F356 208552BB"
    "9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B"
    "E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9 DE2BCBF6 95581718"
    "3995497C EA956AE5 15D22618 98FA0510 15728E5A 8AACAA68 FFFFFFFF FFFFFFFF"
)

# RFC 3526 §4, group 15.
_MODP_3072_PRIME: Final = _hex(
    "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74"
    "020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437"
    "4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED"
    "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05"
    "98DA4836 1C55D39A 69163FA8 FD24CF5F 83655D23 DCA3AD96 1C62F356 208552BB"
    "9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B"
    "E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9 DE2BCBF6 95581718"
    "3995497C EA956AE5 15D22618 98FA0510 15728E5A 8AAAC42D AD33170D 04507A33"
    "A85521AB DF1CBA64 ECFB8504 58DBEF0A 8AEA7157 5D060C7D B3970F85 A6E1E4C7"
    "ABF5AE8C DB0933D7 1E8C94E0 4A25619D CEE3D226 1AD2EE6B F12FFA06 D98A0864"
    "D8760273 3EC86A64 521F2B18 177B200C BBE11757 7A615D6C 770988C0 BAD946E2"
    "08E24FA0 74E5AB31 43DB5BFC E0FD108E 4B82D120 A93AD2CA FFFFFFFF FFFFFFFF"
)

# RFC 3526 §5, group 16.
_MODP_4096_PRIME: Final = _hex(
    "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74"
    "020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437"
    "4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED"
    "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05"
    "98DA4836 1C55D39A 69163FA8 FD24CF5F 83655D23 DCA3AD96 1C62F356 208552BB"
    "9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B"
    "E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9 DE2BCBF6 95581718"
    "3995497C EA956AE5 15D22618 98FA0510 15728E5A 8AAAC42D AD33170D 04507A33"
    "A85521AB DF1CBA64 ECFB8504 58DBEF0A 8AEA7157 5D060C7D B3970F85 A6E1E4C7"
    "ABF5AE8C DB0933D7 1E8C94E0 4A25619D CEE3D226 1AD2EE6B F12FFA06 D98A0864"
    "D8760273 3EC86A64 521F2B18 177B200C BBE11757 7A615D6C 770988C0 BAD946E2"
    "08E24FA0 74E5AB31 43DB5BFC E0FD108E 4B82D120 A9210801 1A723C12 A787E6D7"
    "88719A10 BDBA5B26 99C32718 6AF4E23C 1A946834 B6150BDA 2583E9CA 2AD44CE8"
    "DBBBC2DB 04DE8EF9 2E8EFC14 1FBECAA6 287C5947 4E6BC05D 99B2964F A090C3A2"
    "233BA186 515BE7ED 1F612970 CEE2D7AF B81BDD76 2170481C D0069127 D5B05AA9"
    "93B4EA98 8D8FDDC1 86FFB7DC 90A6C08F 4DF435C9 34063199 FFFFFFFF FFFFFFFF"
)

# RFC 3526 §6, group 17.
_MODP_6144_PRIME: Final = _hex(
    "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74"
    "020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437"
    "4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED"
    "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05"
    "98DA4836 1C55D39A 69163FA8 FD24CF5F 83655D23 DCA3AD96 1C62F356 208552BB"
    "9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B"
    "E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9 DE2BCBF6 95581718"
    "3995497C EA956AE5 15D22618 98FA0510 15728E5A 8AAAC42D AD33170D 04507A33"
    "A85521AB DF1CBA64 ECFB8504 58DBEF0A 8AEA7157 5D060C7D B3970F85 A6E1E4C7"
    "ABF5AE8C DB0933D7 1E8C94E0 4A25619D CEE3D226 1AD2EE6B F12FFA06 D98A0864"
    "D8760273 3EC86A64 521F2B18 177B200C BBE11757 7A615D6C 770988C0 BAD946E2"
    "08E24FA0 74E5AB31 43DB5BFC E0FD108E 4B82D120 A9210801 1A723C12 A787E6D7"
    "88719A10 BDBA5B26 99C32718 6AF4E23C 1A946834 B6150BDA 2583E9CA 2AD44CE8"
    "DBBBC2DB 04DE8EF9 2E8EFC14 1FBECAA6 287C5947 4E6BC05D 99B2964F A090C3A2"
    "233BA186 515BE7ED 1F612970 CEE2D7AF B81BDD76 2170481C D0069127 D5B05AA9"
    "93B4EA98 8D8FDDC1 86FFB7DC 90A6C08F 4DF435C9 34028492 36C3FAB4 D27C7026"
    "C1D4DCB2 602646DE C9751E76 3DBA37BD F8FF9406 AD9E530E E5DB382F 413001AE"
    "B06A53ED 9027D831 179727B0 865A8918 DA3EDBEB CF9B14ED 44CE6CBA CED4BB1B"
    "DB7F1447 E6CC254B 33205151 2BD7AF42 6FB8F401 378CD2BF 5983CA01 C64B92EC"
    "F032EA15 D1721D03 F482D7CE 6E74FEF6 D55E702F 46980C82 B5A84031 900B1C9E"
    "59E7C97F BEC7E8F3 23A97A7E 36CC88BE 0F1D45B7 FF585AC5 4BD407B2 2B4154AA"
    "CC8F6D7E BF48E1D8 14CC5ED2 0F8037E0 A79715EE F29BE328 06A1D58B B7C5DA76"
    "F550AA3D 8A1FBFF0 EB19CCB1 A313D55C DA56C9EC 2EF29632 387FE8D7 6E3C0468"
    "043E8F66 3F4860EE 12BF2D5B 0B7474D6 E694F91E 6DCC4024 FFFFFFFF FFFFFFFF"
)

# RFC 3526 §7, group 18.
_MODP_8192_PRIME: Final = _hex(
    "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 29024E08 8A67CC74"
    "020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437"
    "4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED"
    "EE386BFB 5A899FA5 AE9F2411 7C4B1FE6 49286651 ECE45B3D C2007CB8 A163BF05"
    "98DA4836 1C55D39A 69163FA8 FD24CF5F 83655D23 DCA3AD96 1C62F356 208552BB"
    "9ED52907 7096966D 670C354E 4ABC9804 F1746C08 CA18217C 32905E46 2E36CE3B"
    "E39E772C 180E8603 9B2783A2 EC07A28F B5C55DF0 6F4C52C9 DE2BCBF6 95581718"
    "3995497C EA956AE5 15D22618 98FA0510 15728E5A 8AAAC42D AD33170D 04507A33"
    "A85521AB DF1CBA64 ECFB8504 58DBEF0A 8AEA7157 5D060C7D B3970F85 A6E1E4C7"
    "ABF5AE8C DB0933D7 1E8C94E0 4A25619D CEE3D226 1AD2EE6B F12FFA06 D98A0864"
    "D8760273 3EC86A64 521F2B18 177B200C BBE11757 7A615D6C 770988C0 BAD946E2"
    "08E24FA0 74E5AB31 43DB5BFC E0FD108E 4B82D120 A9210801 1A723C12 A787E6D7"
    "88719A10 BDBA5B26 99C32718 6AF4E23C 1A946834 B6150BDA 2583E9CA 2AD44CE8"
    "DBBBC2DB 04DE8EF9 2E8EFC14 1FBECAA6 287C5947 4E6BC05D 99B2964F A090C3A2"
    "233BA186 515BE7ED 1F612970 CEE2D7AF B81BDD76 2170481C D0069127 D5B05AA9"
    "93B4EA98 8D8FDDC1 86FFB7DC 90A6C08F 4DF435C9 34028492 36C3FAB4 D27C7026"
    "C1D4DCB2 602646DE C9751E76 3DBA37BD F8FF9406 AD9E530E E5DB382F 413001AE"
    "B06A53ED 9027D831 179727B0 865A8918 DA3EDBEB CF9B14ED 44CE6CBA CED4BB1B"
    "DB7F1447 E6CC254B 33205151 2BD7AF42 6FB8F401 378CD2BF 5983CA01 C64B92EC"
    "F032EA15 D1721D03 F482D7CE 6E74FEF6 D55E702F 46980C82 B5A84031 900B1C9E"
    "59E7C97F BEC7E8F3 23A97A7E 36CC88BE 0F1D45B7 FF585AC5 4BD407B2 2B4154AA"
    "CC8F6D7E BF48E1D8 14CC5ED2 0F8037E0 A79715EE F29BE328 06A1D58B B7C5DA76"
    "F550AA3D 8A1FBFF0 EB19CCB1 A313D55C DA56C9EC 2EF29632 387FE8D7 6E3C0468"
    "043E8F66 3F4860EE 12BF2D5B 0B7474D6 E694F91E 6DBE1159 74A3926F 12FEE5E4"
    "38777CB6 A932DF8C D8BEC4D0 73B931BA 3BC832B6 8D9DD300 741FA7BF 8AFC47ED"
    "2576F693 6BA42466 3AAB639C 5AE4F568 3423B474 2BF1C978 238F16CB E39D652D"
    "E3FDB8BE FC848AD9 22222E04 A4037C07 13EB57A8 1A23F0C7 3473FC64 6CEA306B"
    "4BCBC886 2F8385DD FA9D4B7F A2C087E8 79683303 ED5BDD3A 062B3CF5 B3A278A6"
    "6D2A13F8 3F44F82D DF310EE0 74AB6A36 4597E899 A0255DC1 64F31CC5 0846851D"
    "F9AB4819 5DED7EA1 B1D510BD 7EE74D73 FAF36BC3 1ECFA268 359046F4 EB879F92"
    "4009438B 481C6CD7 889A002E D5EE382B C9190DA6 FC026E47 9558E447 5677E9AA"
    "9E3050E2 765694DF C81F56E8 80B96E71 60C980DD 98EDD3DF FFFFFFFF FFFFFFFF"
)
# Orders n of the NIST curves (RFC 5903 §3.1-3.3, FIPS 186-4 D.1.2).
_P256_ORDER: Final = _hex("FFFFFFFF 00000000 FFFFFFFF FFFFFFFF BCE6FAAD A7179E84 F3B9CAC2 FC632551")
_P384_ORDER: Final = _hex(
    "FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF C7634D81 F4372DDF"
    "581A0DB2 48B0A77A ECEC196A CCC52973"
)
_P521_ORDER: Final = _hex(
    "01FF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFA"
    "51868783 BF2F966B 7FCC0148 F709A5D0 3BB5C9B8 899C47AE BB6FB71E 91386409"
)
# Field primes of the curves (RFC 5903 §3.1-3.3).
_P256_FIELD: Final = 2**256 - 2**224 + 2**192 + 2**96 - 1
_P384_FIELD: Final = 2**384 - 2**128 - 2**96 + 2**32 - 1
_P521_FIELD: Final = 2**521 - 1


@dataclass(frozen=True)
class DhGroup:
    """One Diffie-Hellman group as negotiated by the Group Description attribute.

    - ``number``: the IANA group number (RFC 2409 App. A class 4, RFC 3526, RFC 5903);
    - ``name``: e.g. ``"MODP 2048"`` or ``"ECP 256"``;
    - ``kind``: ``"modp"`` or ``"ecp"``;
    - ``public_length``: bytes of the KE payload body (prime length for MODP,
      twice the field size for ECP);
    - ``secret_length``: bytes of the shared secret ``g^xy``;
    - ``prime``: the MODP prime p, or the prime of the curve's field;
    - ``generator``: 2 for MODP, 0 for ECP (the base point is the curve's);
    - ``order``: the order of the group generated: (p-1)/2 for the safe-prime
      MODP groups (2 is a quadratic residue there), n for the curves;
    - ``exponent_bits``: size of a private MODP exponent (see
      :data:`MODP_EXPONENT_BITS`: OpenSSL 3's private key lengths, at least
      twice the group's security strength); for ECP the bits of n;
    - ``rfc``: where the group is defined.
    """

    number: int
    name: str
    kind: Literal["modp", "ecp"]
    public_length: int
    secret_length: int
    prime: int
    generator: int
    order: int
    exponent_bits: int
    rfc: str

    @property
    def bits(self) -> int:
        """Size in bits: the prime's (MODP, RFC 3526) or the field's (ECP, RFC 5903 §3)."""
        return self.prime.bit_length()


def _modp(number: int, prime: int, exponent_bits: int, rfc: str) -> DhGroup:
    size = (prime.bit_length() + 7) // 8
    return DhGroup(
        number=number,
        name=f"MODP {prime.bit_length()}",
        kind="modp",
        public_length=size,
        secret_length=size,
        prime=prime,
        generator=2,
        order=(prime - 1) // 2,
        exponent_bits=exponent_bits,
        rfc=rfc,
    )


def _ecp(number: int, field_prime: int, order: int, rfc: str) -> DhGroup:
    size = (field_prime.bit_length() + 7) // 8
    return DhGroup(
        number=number,
        name=f"ECP {field_prime.bit_length()}",
        kind="ecp",
        public_length=2 * size,
        secret_length=size,
        prime=field_prime,
        generator=0,
        order=order,
        exponent_bits=order.bit_length(),
        rfc=rfc,
    )


#: Bits of a private MODP exponent, by group number: what OpenSSL 3 draws for
#: these groups, so the sizes a real implementation uses.
#:
#: - MODP 1536 to 8192 (groups 5, 14-18): OpenSSL 3's private key lengths of its
#:   named groups (``dh_named_groups`` in crypto/ffc/ffc_dh.c: "taken from RFC7919
#:   with the values for MODP primes given the same lengths as the equivalent
#:   FFDHE. The MODP 1536 value is approximated."), i.e. the "secret key of at
#:   least 225 / 275 / 325 / 375 / 400 bits" of RFC 7919 Appendix A.1-A.5, and 200
#:   for MODP 1536. Each is at least twice the security strength that NIST SP
#:   800-56A rev3 / SP 800-56B rev2 Appendix D give the modulus (112, 128, 152,
#:   176, 200 bits for 2048 to 8192; OpenSSL's ``ossl_ffc_generate_private_key``
#:   requires 2 * strength <= length) and at least the short exponent of RFC
#:   3526 §8's lower strength estimate (2 * 110 = 220 bits for 2048).
#: - MODP 768 and 1024 (groups 1, 2), which OpenSSL does not name: twice the
#:   strength that the same SP 800-56B formula gives them, as OpenSSL computes it
#:   (``ossl_ifc_ffc_compute_security_bits``: 72 and 80 bits), so 144 and 160
#:   (160 is also the subgroup size of RFC 5114's 1024-bit group).
#:
#: strongSwan's optimised sizes (``exp_len``: 256, 384 or 512 bits) are longer;
#: :func:`generate` takes ``exponent_bits`` to draw any other size.
MODP_EXPONENT_BITS: Final[dict[int, int]] = {
    1: 144,
    2: 160,
    5: 200,
    14: 225,
    15: 275,
    16: 325,
    17: 375,
    18: 400,
}

#: Every group this module implements, by IANA number.
GROUPS: Final[dict[int, DhGroup]] = {
    1: _modp(1, _MODP_768_PRIME, MODP_EXPONENT_BITS[1], "RFC 2409 §6.1"),
    2: _modp(2, _MODP_1024_PRIME, MODP_EXPONENT_BITS[2], "RFC 2409 §6.2"),
    5: _modp(5, _MODP_1536_PRIME, MODP_EXPONENT_BITS[5], "RFC 3526 §2"),
    14: _modp(14, _MODP_2048_PRIME, MODP_EXPONENT_BITS[14], "RFC 3526 §3"),
    15: _modp(15, _MODP_3072_PRIME, MODP_EXPONENT_BITS[15], "RFC 3526 §4"),
    16: _modp(16, _MODP_4096_PRIME, MODP_EXPONENT_BITS[16], "RFC 3526 §5"),
    17: _modp(17, _MODP_6144_PRIME, MODP_EXPONENT_BITS[17], "RFC 3526 §6"),
    18: _modp(18, _MODP_8192_PRIME, MODP_EXPONENT_BITS[18], "RFC 3526 §7"),
    19: _ecp(19, _P256_FIELD, _P256_ORDER, "RFC 5903 §3.1"),
    20: _ecp(20, _P384_FIELD, _P384_ORDER, "RFC 5903 §3.2"),
    21: _ecp(21, _P521_FIELD, _P521_ORDER, "RFC 5903 §3.3"),
}

_CURVES: Final[dict[int, Callable[[], ec.EllipticCurve]]] = {
    19: ec.SECP256R1,
    20: ec.SECP384R1,
    21: ec.SECP521R1,
}


# --- MODP arithmetic: GMP through gmpy2, or Python's int -----------------------------


@dataclass(frozen=True)
class _Arithmetic:
    """Where MODP numbers live: ``native`` turns an ``int`` into the backend's
    integer (a ``gmpy2.mpz``, which behaves as an ``int``, or the ``int`` itself),
    ``powmod`` is its modular exponentiation."""

    name: Literal["gmpy2", "python"]
    native: Callable[[int], int]
    powmod: Callable[[int, int, int], int]


def _python_powmod(base: int, exponent: int, modulus: int) -> int:
    return pow(base, exponent, modulus)


_PYTHON_ARITHMETIC: Final = _Arithmetic("python", int, _python_powmod)


def _gmpy2_arithmetic() -> _Arithmetic | None:
    """GMP's arithmetic if gmpy2 imports, else None (then Python's ``pow`` is used)."""
    try:
        import gmpy2
    except ImportError:
        return None
    return _Arithmetic("gmpy2", gmpy2.mpz, gmpy2.powmod)


#: The arithmetic in use, chosen on first use (importing gmpy2 costs tens of
#: milliseconds); tests set it to :data:`_PYTHON_ARITHMETIC` to check the fallback.
_arithmetic: _Arithmetic | None = None

#: With :func:`defer_gmp`, groups up to this size use Python's ``pow`` until
#: :func:`load_gmp` runs (a few milliseconds each, less than importing gmpy2).
_DEFER_MAX_BITS: Final = 2048
_gmp_deferred = False


def load_gmp() -> Literal["gmpy2", "python"]:
    """Choose the arithmetic now: GMP if gmpy2 imports, else Python's ``pow``."""
    global _arithmetic
    if _arithmetic is None:
        _arithmetic = _gmpy2_arithmetic() or _PYTHON_ARITHMETIC
    return _arithmetic.name


def defer_gmp() -> None:
    """Compute groups of up to 2048 bits with Python's ``pow`` until :func:`load_gmp`.

    For an application's first negotiation: the values are the same (exact integer
    arithmetic either way), only the time differs, and importing gmpy2 can wait
    until the window is on screen. Larger groups load GMP at once.
    """
    global _gmp_deferred
    _gmp_deferred = True


def _arith(dh_group: DhGroup) -> _Arithmetic:
    if _arithmetic is None:
        if _gmp_deferred and dh_group.prime.bit_length() <= _DEFER_MAX_BITS:
            return _PYTHON_ARITHMETIC
        load_gmp()
    assert _arithmetic is not None
    return _arithmetic


def modp_backend() -> Literal["gmpy2", "python"]:
    """Which arithmetic computes MODP values: ``"gmpy2"`` (GMP) or ``"python"`` (``pow``)."""
    return _arithmetic.name if _arithmetic is not None else load_gmp()


#: Digit size of the fixed-base tables: 5 bits, so 2^5 - 1 = 31 powers per position.
_WINDOW_BITS: Final = 5


@dataclass(frozen=True)
class _FixedBase:
    """``rows[j][d] = g^(d * 2^(w*j)) mod p`` for every digit d of w = :data:`_WINDOW_BITS`
    bits, enough rows for the group's :attr:`DhGroup.exponent_bits`; ``prime`` is p.
    All values are in the backend's integer type."""

    prime: int
    rows: tuple[tuple[int, ...], ...]

    @property
    def max_bits(self) -> int:
        return len(self.rows) * _WINDOW_BITS


#: Caches of values derived from the public group parameters only, filled on first
#: use (no state of any exchange): primes in the backend's integer type by (backend,
#: prime), fixed-base tables by (backend, generator, prime).
_NATIVE_PRIMES: dict[tuple[str, int], int] = {}
_FIXED_BASE: dict[tuple[str, int, int], _FixedBase] = {}


def _native_prime(arith: _Arithmetic, prime: int) -> int:
    key = (arith.name, prime)
    native = _NATIVE_PRIMES.get(key)
    if native is None:
        native = _NATIVE_PRIMES[key] = arith.native(prime)
    return native


def _build_fixed_base(arith: _Arithmetic, generator: int, prime: int, bits: int) -> _FixedBase:
    native_prime = _native_prime(arith, prime)
    base = arith.native(generator)  # g^(2^(w*j)) for the row being built
    one = arith.native(1)
    rows = []
    for _ in range(-(-bits // _WINDOW_BITS)):
        row = [one, base]
        for _ in range(2, 1 << _WINDOW_BITS):
            row.append(row[-1] * base % native_prime)
        rows.append(tuple(row))
        base = row[-1] * base % native_prime  # base^(2^w)
    return _FixedBase(native_prime, tuple(rows))


def _fixed_base(arith: _Arithmetic, dh_group: DhGroup) -> _FixedBase:
    key = (arith.name, dh_group.generator, dh_group.prime)
    table = _FIXED_BASE.get(key)
    if table is None:
        table = _build_fixed_base(arith, dh_group.generator, dh_group.prime, dh_group.exponent_bits)
        _FIXED_BASE[key] = table
    return table


def _modp_generator_power(dh_group: DhGroup, exponent: int) -> int:
    """``g^exponent mod p``, by the group's fixed-base table when the exponent fits it
    (at most :attr:`DhGroup.exponent_bits` bits rounded up to a digit), else by powmod."""
    arith = _arith(dh_group)
    table = _fixed_base(arith, dh_group)
    if exponent.bit_length() > table.max_bits:
        return int(arith.powmod(arith.native(dh_group.generator), exponent, table.prime))
    prime, rows = table.prime, table.rows
    mask = (1 << _WINDOW_BITS) - 1
    result = arith.native(1)
    position = 0
    while exponent:
        digit = exponent & mask
        if digit:
            result = result * rows[position][digit] % prime
        exponent >>= _WINDOW_BITS
        position += 1
    return int(result)


def _modp_power(dh_group: DhGroup, base: int, exponent: int) -> int:
    """``base^exponent mod p`` with the arithmetic in use."""
    arith = _arith(dh_group)
    return int(arith.powmod(arith.native(base), exponent, _native_prime(arith, dh_group.prime)))


def group(number: int) -> DhGroup:
    """The :class:`DhGroup` with IANA number ``number`` (RFC 2409 §6, RFC 3526, RFC 5903 §3)."""
    try:
        return GROUPS[number]
    except KeyError:
        raise DhError(f"unsupported Diffie-Hellman group {number}") from None


@record(frozen=True)
class DhKeyPair:
    """A private value and the public value it gives, as sent in the KE payload.

    ``private`` is the MODP exponent x or the ECP scalar d; ``public`` is the
    KE payload body (RFC 2409 §5; RFC 5903 §7). The private value is left out
    of ``repr``.
    """

    group: DhGroup
    private: int = field(repr=False)
    public: bytes


def _random_below_bits(rng: Rng, bits: int) -> int:
    size = (bits + 7) // 8
    data = rng(size)
    if len(data) != size:
        raise ValueError(f"rng returned {len(data)} bytes instead of {size}")
    return int.from_bytes(data, "big") & ((1 << bits) - 1)


def _random_in_range(rng: Rng, low: int, high: int, bits: int) -> int:
    """An integer in [low, high] from ``bits``-bit draws of ``rng``, by rejection."""
    for _ in range(1000):
        value = _random_below_bits(rng, bits)
        if low <= value <= high:
            return value
    raise ValueError("rng keeps returning values out of range")


def _ecp_public(dh_group: DhGroup, key: ec.EllipticCurvePrivateKey) -> bytes:
    numbers = key.public_key().public_numbers()
    size = dh_group.secret_length
    return numbers.x.to_bytes(size, "big") + numbers.y.to_bytes(size, "big")


def keypair_from_private(group_number: int, private: int) -> DhKeyPair:
    """The key pair of a known private value (RFC 2409 §5; RFC 5903 §7).

    For MODP the exponent must be in [2, p-2]; for ECP the scalar in [1, n-1].
    The public value is encoded exactly as the KE payload carries it.
    """
    dh_group = group(group_number)
    if dh_group.kind == "modp":
        if not 2 <= private <= dh_group.prime - 2:
            raise DhError(f"{dh_group.name} private exponent out of [2, p-2]")
        public = _modp_generator_power(dh_group, private)
        return DhKeyPair(dh_group, private, public.to_bytes(dh_group.public_length, "big"))
    if not 1 <= private < dh_group.order:
        raise DhError(f"{dh_group.name} private scalar out of [1, n-1]")
    key = ec.derive_private_key(private, _CURVES[group_number]())
    return DhKeyPair(dh_group, private, _ecp_public(dh_group, key))


def generate(group_number: int, rng: Rng, *, exponent_bits: int | None = None) -> DhKeyPair:
    """A fresh key pair from the injected ``rng`` (RFC 2409 §5; RFC 3526 §8; RFC 5903 §7).

    MODP: the exponent has :attr:`DhGroup.exponent_bits` random bits (OpenSSL 3's
    sizes, :data:`MODP_EXPONENT_BITS`) unless ``exponent_bits`` says otherwise
    (strongSwan's ``exp_len`` would be 256, 384 or 512; its
    ``dh_exponent_ansi_x9_42 = yes`` the prime's bit length); values below 2 are
    drawn again.
    ECP: the scalar is drawn by rejection sampling into [1, n-1], so the same
    ``rng`` bytes always give the same key.
    """
    dh_group = group(group_number)
    if dh_group.kind == "modp":
        bits = dh_group.exponent_bits if exponent_bits is None else exponent_bits
        if not 2 <= bits <= dh_group.prime.bit_length():
            raise DhError(f"exponent of {bits} bits for {dh_group.name}")
        private = _random_in_range(rng, 2, dh_group.prime - 2, bits)
    else:
        if exponent_bits is not None:
            raise DhError("exponent_bits applies to MODP groups only")
        private = _random_in_range(rng, 1, dh_group.order - 1, dh_group.order.bit_length())
    return keypair_from_private(group_number, private)


def _wrong_length(dh_group: DhGroup, value: bytes) -> DhError:
    return DhError(
        f"{dh_group.name} public value has {len(value)} bytes, "
        f"expected {dh_group.public_length}"
    )


def _ecp_peer_key(dh_group: DhGroup, value: bytes) -> ec.EllipticCurvePublicKey:
    try:
        return ec.EllipticCurvePublicKey.from_encoded_point(
            _CURVES[dh_group.number](), b"\x04" + value
        )
    except ValueError:
        raise DhError(f"{dh_group.name} public value is not a point on the curve") from None


#: For each MODP group, 2 and p - 2 encoded as KE payload bodies (big-endian, the
#: prime's length). For values of that length, comparing the bytes compares the
#: numbers: check_public_value tests the range without turning the peer's value
#: (hundreds of bytes) into an int.
_MODP_BOUNDS: Final[dict[int, tuple[bytes, bytes]]] = {
    number: (
        (2).to_bytes(dh_group.public_length, "big"),
        (dh_group.prime - 2).to_bytes(dh_group.public_length, "big"),
    )
    for number, dh_group in GROUPS.items()
    if dh_group.kind == "modp"
}


def check_public_value(group_number: int, value: bytes) -> None:
    """Raise :class:`DhError` unless ``value`` is a usable KE payload body.

    RFC 2409 §5 / RFC 2408 §3.7 (MODP: exactly the prime's length, and
    2 <= y <= p-2 so that neither 1 nor p-1 forces the secret); RFC 5903 §7
    (ECP: x | y of exactly twice the field size, a point on the curve).
    """
    # Runs for each KE payload received and again in shared_secret, so the group
    # table and the length are read here directly (group() only raises for an
    # unknown number; a DhGroup is always true).
    dh_group = GROUPS.get(group_number) or group(group_number)
    if len(value) != dh_group.public_length:
        raise _wrong_length(dh_group, value)
    modp_bounds = _MODP_BOUNDS.get(group_number)  # None for an ECP group
    if modp_bounds is not None:
        low, high = modp_bounds
        if not low <= value <= high:
            raise DhError(f"{dh_group.name} public value out of [2, p-2]")
    else:
        _ecp_peer_key(dh_group, value)


def shared_secret(keypair: DhKeyPair, peer_public: bytes) -> bytes:
    """``g^xy`` from our key pair and the peer's KE payload body (RFC 2409 §5; RFC 5903 §7).

    MODP: ``peer^x mod p``, left-padded with zeros to the prime length.
    ECP: the x coordinate of ``d * peer``, padded to the field size.
    Raises :class:`DhError` for a peer value of the wrong length, a MODP value
    outside [2, p-2] or an ECP value that is not on the curve.
    """
    dh_group = keypair.group
    check_public_value(dh_group.number, peer_public)
    if dh_group.kind == "modp":
        secret = _modp_power(dh_group, int.from_bytes(peer_public, "big"), keypair.private)
        return secret.to_bytes(dh_group.secret_length, "big")
    peer = _ecp_peer_key(dh_group, peer_public)
    key = ec.derive_private_key(keypair.private, _CURVES[dh_group.number]())
    secret_x = key.exchange(ec.ECDH(), peer)
    return secret_x.rjust(dh_group.secret_length, b"\x00")
