"""Hashes, the IKEv1 prf, CBC ciphers and ESP key lengths, by their IANA numbers.

What it implements:

- the phase-1 hash algorithms (RFC 2409 App. A "Hash Algorithm" class, RFC 4868
  for SHA2) as plain hashes and as the prf: IKEv1 defines no PRF of its own, so
  the prf is HMAC (RFC 2104) with the negotiated hash (RFC 2409 §5);
- the phase-1 CBC ciphers DES, 3DES and AES (RFC 2409 App. A "Encryption
  Algorithm" class, App. B; RFC 3602 for AES) with raw CBC and the padding of
  RFC 2409 App. B in the three flavours met in the field (see :class:`Padding`);
- the DES weak and semi-weak keys that RFC 2409 App. B tells us to refuse;
- key lengths of the ESP transforms and ESP authentication algorithms (RFC 2407
  §4.4.4 and §4.5) that the KEYMAT of Quick Mode is split into.

Algorithms are identified by the numbers that appear in the SA attributes, so
that the engine can hand over attribute values unchanged. Everything here is a
pure function of its arguments.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Final, Protocol

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import BlockCipherAlgorithm, Cipher, modes
from cryptography.hazmat.primitives.ciphers.algorithms import AES

from ikeviz.protocol.errors import IkevizProtocolError

__all__ = [
    "CipherError",
    "UnsupportedAlgorithmError",
    "WeakKeyError",
    "HashSpec",
    "CipherSpec",
    "EspCipherSpec",
    "EspIntegritySpec",
    "Padding",
    "HASH_MD5",
    "HASH_SHA1",
    "HASH_SHA2_256",
    "HASH_SHA2_384",
    "HASH_SHA2_512",
    "ENCR_DES_CBC",
    "ENCR_3DES_CBC",
    "ENCR_AES_CBC",
    "HASHES",
    "CIPHERS",
    "ESP_TRANSFORMS",
    "ESP_INTEGRITY",
    "hash_spec",
    "hash_function",
    "hash_digest",
    "digest_size",
    "prf",
    "keyed_prf",
    "cipher_spec",
    "cipher_key_length",
    "block_size",
    "cbc_encrypt",
    "cbc_decrypt",
    "CbcCipher",
    "pad",
    "padded_length",
    "DES_WEAK_KEYS",
    "is_weak_des_key",
    "check_des_key",
    "esp_transform",
    "esp_encryption_key_length",
    "esp_integrity",
    "esp_integrity_key_length",
]


# --- errors ------------------------------------------------------------------


class CipherError(IkevizProtocolError, ValueError):
    """A cryptographic operation that cannot be done with the values given."""


class UnsupportedAlgorithmError(CipherError):
    """An algorithm number this module does not implement."""

    def __init__(self, kind: str, number: int) -> None:
        self.kind = kind
        self.number = number
        super().__init__(f"unsupported {kind} {number}")


class WeakKeyError(CipherError):
    """A DES key (or 3DES part) that is weak or semi-weak (RFC 2409 App. B)."""


# --- hashes and the prf ------------------------------------------------------

HASH_MD5: Final = 1
HASH_SHA1: Final = 2
HASH_SHA2_256: Final = 4
HASH_SHA2_384: Final = 5
HASH_SHA2_512: Final = 6


@dataclass(frozen=True)
class HashSpec:
    """One phase-1 hash algorithm: IKE number, display name, sizes in bytes."""

    number: int
    name: str
    digest_size: int
    block_size: int
    hashlib_name: str
    rfc: str


HASHES: Final[dict[int, HashSpec]] = {
    HASH_MD5: HashSpec(HASH_MD5, "MD5", 16, 64, "md5", "RFC 2409 App. A, RFC 1321"),
    HASH_SHA1: HashSpec(HASH_SHA1, "SHA1", 20, 64, "sha1", "RFC 2409 App. A, FIPS 180"),
    HASH_SHA2_256: HashSpec(HASH_SHA2_256, "SHA2-256", 32, 64, "sha256", "RFC 4868 §2"),
    HASH_SHA2_384: HashSpec(HASH_SHA2_384, "SHA2-384", 48, 128, "sha384", "RFC 4868 §2"),
    HASH_SHA2_512: HashSpec(HASH_SHA2_512, "SHA2-512", 64, 128, "sha512", "RFC 4868 §2"),
}


def hash_spec(alg: int) -> HashSpec:
    """The :class:`HashSpec` of IKE hash algorithm ``alg`` (RFC 2409 App. A, class 2)."""
    try:
        return HASHES[alg]
    except KeyError:
        raise UnsupportedAlgorithmError("hash algorithm", alg) from None


def hash_digest(alg: int, data: bytes) -> bytes:
    """The plain hash of ``data`` with IKE hash ``alg``, as used for IVs (RFC 2409 App. B)."""
    entry = _HASH_IMPLEMENTATIONS.get(alg)
    if entry is None:
        raise UnsupportedAlgorithmError("hash algorithm", alg)
    _, openssl, builtin, builtin_max = entry
    return (builtin if len(data) <= builtin_max else openssl)(data).digest()


def hash_function(alg: int) -> Callable[[bytes], bytes]:
    """The plain hash of IKE hash ``alg`` as a function of the data (RFC 2409 App. A/B)."""
    name = hash_spec(alg).hashlib_name

    def digest(data: bytes) -> bytes:
        """The plain hash of ``data`` (RFC 2409 App. B)."""
        return hashlib.new(name, data).digest()

    return digest


def digest_size(alg: int) -> int:
    """Output size in bytes of IKE hash ``alg`` and of its prf (RFC 2409 §5)."""
    return hash_spec(alg).digest_size


def prf(alg: int, key: bytes, data: bytes) -> bytes:
    """``prf(key, data)``: HMAC (RFC 2104) with IKE hash ``alg`` (RFC 2409 §5).

    RFC 2409 App. A defines no PRF values, so the prf is always the HMAC
    version of the negotiated hash.
    """
    try:
        block, openssl, builtin, builtin_max = _HASH_IMPLEMENTATIONS[alg]
    except KeyError:
        raise UnsupportedAlgorithmError("hash algorithm", alg) from None
    # RFC 2104 written out: H(K ^ opad | H(K ^ ipad | data)), each hash by the
    # implementation that costs least for its input (see _HASH_IMPLEMENTATIONS);
    # the outer input, a block and a digest, is always a short one.
    if len(key) > block:
        key = (builtin if len(key) <= builtin_max else openssl)(key).digest()
    key = key.ljust(block, b"\x00")
    inner_input = key.translate(_TRANS_36) + data
    inner = (builtin if len(inner_input) <= builtin_max else openssl)(inner_input).digest()
    return builtin(key.translate(_TRANS_5C) + inner).digest()


def keyed_prf(alg: int, key: bytes) -> Callable[[bytes], bytes]:
    """``prf(key, .)``: :func:`prf` with one key, for several inputs (RFC 2104; RFC 2409 §5).

    The two padded key blocks are hashed once, here, and each input starts
    from copies of those two states (as ``hmac.HMAC.copy`` does): for the
    KEYMAT blocks of both directions under SKEYID_d, and SKEYID_d/a/e under
    SKEYID. The inner hash is OpenSSL's, which costs least for those inputs of
    several blocks with SHA-1 and SHA-2 (see _HASH_IMPLEMENTATIONS); the outer
    one, a block and a digest, is always short.
    """
    try:
        block, openssl, builtin, _ = _HASH_IMPLEMENTATIONS[alg]
    except KeyError:
        raise UnsupportedAlgorithmError("hash algorithm", alg) from None
    if len(key) > block:
        key = openssl(key).digest()
    key = key.ljust(block, b"\x00")
    inner_start = openssl(key.translate(_TRANS_36))
    outer_start = builtin(key.translate(_TRANS_5C))

    def keyed(data: bytes) -> bytes:
        """``prf(key, data)`` (RFC 2409 §5)."""
        inner = inner_start.copy()
        inner.update(data)
        outer = outer_start.copy()
        outer.update(inner.digest())
        return outer.digest()

    return keyed


_TRANS_5C: Final = bytes((x ^ 0x5C) for x in range(256))
_TRANS_36: Final = bytes((x ^ 0x36) for x in range(256))


class _HashObject(Protocol):
    def update(self, data: bytes, /) -> None: ...

    def digest(self) -> bytes: ...

    def copy(self) -> _HashObject: ...


_HashConstructor = Callable[[bytes], _HashObject]


def _builtin_constructors() -> dict[str, _HashConstructor]:
    """CPython's own hash implementations by hashlib name, those this build has."""
    found: dict[str, _HashConstructor] = {}
    for module_name, names in (
        ("_md5", ("md5",)),
        ("_sha1", ("sha1",)),
        ("_sha256", ("sha256",)),
        ("_sha512", ("sha384", "sha512")),
    ):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for name in names:
            found[name] = getattr(module, name)
    return found


# hashlib's constructors are OpenSSL's: each call sets up an EVP context, a
# fixed cost of about as much as hashing three or four blocks, after which a
# block costs about half of what CPython's own implementation takes. CPython's
# own (_sha1 and friends) set up almost for free, so they cost fewer CPU
# instructions for inputs of a few blocks: the NAT-D and Quick Mode IV hashes,
# the outer hash of every prf and the inner one of a short prf input. Inputs
# up to ``builtin_max`` bytes (counted under valgrind for each hash) go to
# CPython's, longer ones to OpenSSL's; without CPython's, OpenSSL's does all.
# Both compute the same standard hash.
_BUILTIN_MAX_BYTES: Final[dict[int, int]] = {
    HASH_MD5: 1399,  # 22 blocks of 64 bytes, with the 9 bytes of padding
    HASH_SHA1: 247,  # 4 blocks
    HASH_SHA2_256: 119,  # 2 blocks
    HASH_SHA2_384: 239,  # 2 blocks of 128 bytes, with 17 bytes of padding
    HASH_SHA2_512: 239,
}


def _hash_implementations() -> dict[int, tuple[int, _HashConstructor, _HashConstructor, int]]:
    builtins = _builtin_constructors()
    table: dict[int, tuple[int, _HashConstructor, _HashConstructor, int]] = {}
    for number, spec in HASHES.items():
        openssl: _HashConstructor = getattr(hashlib, spec.hashlib_name)
        builtin = builtins.get(spec.hashlib_name, openssl)
        table[number] = (spec.block_size, openssl, builtin, _BUILTIN_MAX_BYTES[number])
    return table


#: By IKE hash number: (block size, OpenSSL's constructor, CPython's (or
#: OpenSSL's if this build has none), the longest input given to CPython's).
_HASH_IMPLEMENTATIONS: Final = _hash_implementations()


# --- phase-1 CBC ciphers -----------------------------------------------------

ENCR_DES_CBC: Final = 1
ENCR_3DES_CBC: Final = 5
ENCR_AES_CBC: Final = 7


@dataclass(frozen=True)
class CipherSpec:
    """One phase-1 CBC cipher: IKE number, name, block size and key sizes in bytes.

    ``key_lengths`` are the allowed key sizes; ``default_key_length`` is used
    when no Key Length attribute was negotiated (fixed-key ciphers). A
    variable-length cipher (AES) requires the Key Length attribute (RFC 2409
    App. A, class 14; RFC 3602 §5).
    """

    number: int
    name: str
    block_size: int
    key_lengths: tuple[int, ...]
    default_key_length: int | None
    rfc: str

    @property
    def variable_key_length(self) -> bool:
        """True when the Key Length attribute must be negotiated (AES; RFC 2409 App. A)."""
        return self.default_key_length is None


CIPHERS: Final[dict[int, CipherSpec]] = {
    ENCR_DES_CBC: CipherSpec(ENCR_DES_CBC, "DES-CBC", 8, (8,), 8, "RFC 2409 App. B, RFC 2405"),
    ENCR_3DES_CBC: CipherSpec(ENCR_3DES_CBC, "3DES-CBC", 8, (24,), 24, "RFC 2409 App. B, RFC 2451"),
    ENCR_AES_CBC: CipherSpec(ENCR_AES_CBC, "AES-CBC", 16, (16, 24, 32), None, "RFC 3602"),
}


def cipher_spec(alg: int) -> CipherSpec:
    """The :class:`CipherSpec` of IKE encryption algorithm ``alg`` (RFC 2409 App. A, class 1)."""
    try:
        return CIPHERS[alg]
    except KeyError:
        raise UnsupportedAlgorithmError("encryption algorithm", alg) from None


# The lookups below use ``CIPHERS.get(alg) or cipher_spec(alg)`` (a spec is
# always true): the table directly, and cipher_spec only to raise for an
# unknown number. One call less for each of the engine's many look-ups.


def block_size(alg: int) -> int:
    """CBC block size in bytes of IKE encryption algorithm ``alg`` (RFC 2409 App. B)."""
    return (CIPHERS.get(alg) or cipher_spec(alg)).block_size


def cipher_key_length(alg: int, key_bits: int | None = None) -> int:
    """Key size in bytes for ``alg``, given the Key Length attribute in bits if any.

    RFC 2409 App. A (class 14): the Key Length attribute is required for
    variable-length ciphers and MUST NOT be sent for fixed-length ones; a
    fixed-length cipher given its own size is accepted.
    """
    spec = CIPHERS.get(alg) or cipher_spec(alg)
    if key_bits is None:
        if spec.default_key_length is None:
            raise CipherError(f"{spec.name} needs a Key Length attribute")
        return spec.default_key_length
    if key_bits % 8 or key_bits // 8 not in spec.key_lengths:
        sizes = ", ".join(str(8 * n) for n in spec.key_lengths)
        raise CipherError(f"{spec.name} key length {key_bits} bits (allowed: {sizes})")
    return key_bits // 8


# DES weak and semi-weak keys (FIPS 74 §3.6), as RFC 2409 App. B and
# RFC 2405 §3 require them refused. Parity bits are ignored in the comparison.
#: The 4 weak and 12 semi-weak DES keys (semi-weak ones in pairs), with parity bits set.
DES_WEAK_KEYS: Final = tuple(
    bytes.fromhex(h)
    for h in (
        # weak
        "0101010101010101",
        "fefefefefefefefe",
        "e0e0e0e0f1f1f1f1",
        "1f1f1f1f0e0e0e0e",
        # semi-weak (pairs)
        "01fe01fe01fe01fe",
        "fe01fe01fe01fe01",
        "1fe01fe00ef10ef1",
        "e01fe01ff10ef10e",
        "01e001e001f101f1",
        "e001e001f101f101",
        "1ffe1ffe0efe0efe",
        "fe1ffe1ffe0efe0e",
        "011f011f010e010e",
        "1f011f010e010e01",
        "e0fee0fef1fef1fe",
        "fee0fee0fef1fef1",
    )
)
_PARITY_MASK: Final = bytes([0xFE] * 8)


def _without_parity(key: bytes) -> bytes:
    return bytes(a & b for a, b in zip(key, _PARITY_MASK, strict=True))


_DES_WEAK_NO_PARITY: Final = frozenset(_without_parity(k) for k in DES_WEAK_KEYS)


def is_weak_des_key(key: bytes) -> bool:
    """True if the 8-byte ``key`` is a DES weak or semi-weak key (RFC 2409 App. B).

    The low bit of each byte (the DES parity bit) does not take part in the
    comparison, since DES ignores it.
    """
    if len(key) != 8:
        raise CipherError(f"a DES key has 8 bytes, not {len(key)}")
    return _without_parity(key) in _DES_WEAK_NO_PARITY


def check_des_key(key: bytes) -> None:
    """Raise :class:`WeakKeyError` for a weak or semi-weak DES key (RFC 2409 App. B).

    A 24-byte key is checked as three DES keys (3DES, RFC 2451 §2.3 / RFC 2409
    App. B).
    """
    if len(key) not in (8, 24):
        raise CipherError(f"a DES/3DES key has 8 or 24 bytes, not {len(key)}")
    for offset in range(0, len(key), 8):
        if is_weak_des_key(key[offset : offset + 8]):
            raise WeakKeyError(f"weak or semi-weak DES key {key[offset : offset + 8].hex()}")


def _algorithm(alg: int, key: bytes) -> BlockCipherAlgorithm:
    spec = CIPHERS.get(alg) or cipher_spec(alg)
    if len(key) not in spec.key_lengths:
        raise CipherError(f"{spec.name} key of {len(key)} bytes (allowed: {spec.key_lengths})")
    if alg == ENCR_AES_CBC:
        return AES(key)
    if alg == ENCR_DES_CBC:
        # Single DES is 3DES with K1 = K2 = K3 (EDE collapses to one DES):
        # cryptography only warns for the short 8-byte form.
        return TripleDES(key * 3)
    return TripleDES(key)


def _check_cbc_input(alg: int, iv: bytes, data: bytes, what: str) -> None:
    size = block_size(alg)
    if len(iv) != size:
        raise CipherError(f"IV of {len(iv)} bytes, the block size is {size}")
    if len(data) % size:
        raise CipherError(f"{what} of {len(data)} bytes is not a multiple of {size}")


def cbc_encrypt(alg: int, key: bytes, iv: bytes, plaintext: bytes) -> bytes:
    """Raw CBC encryption, no padding added (RFC 2409 App. B; RFC 2451, RFC 3602).

    ``plaintext`` must already be a multiple of the block size: use :func:`pad`.
    """
    _check_cbc_input(alg, iv, plaintext, "plaintext")
    encryptor = Cipher(_algorithm(alg, key), modes.CBC(iv)).encryptor()
    return encryptor.update(plaintext) + encryptor.finalize()


def cbc_decrypt(alg: int, key: bytes, iv: bytes, ciphertext: bytes) -> bytes:
    """Raw CBC decryption; the padding stays in the result (RFC 2409 App. B).

    IKEv1 has no padding length field: the payload chain's lengths tell where
    the payloads end, and whatever follows is padding.
    """
    _check_cbc_input(alg, iv, ciphertext, "ciphertext")
    decryptor = Cipher(_algorithm(alg, key), modes.CBC(iv)).decryptor()
    return decryptor.update(ciphertext) + decryptor.finalize()


#: CBC with a zero IV, by block size in bytes: the mode CbcCipher makes its
#: contexts with (its encryption context starts from the zero block). A mode
#: object holds only its IV, so one serves every key.
_ZERO_IV_CBC: Final = {8: modes.CBC(bytes(8)), 16: modes.CBC(bytes(16))}


class CbcCipher:
    """Raw CBC with one key for many messages (RFC 2409 App. B; RFC 2451, RFC 3602).

    The same results as :func:`cbc_encrypt` and :func:`cbc_decrypt`, for the
    messages of one ISAKMP SA, with one CBC context per direction made (on
    first use) for this key and kept: making a context costs more than
    encrypting a whole message. A CBC context chains from the last block it
    produced (encryption) or took in (decryption), not from the IV a message
    needs, so each message starts with a correction:

    - encryption: the context computes E(P1 ^ last); feeding P1 ^ IV ^ last
      gives E(P1 ^ IV), and the blocks after it chain as CBC does;
    - decryption: the IV is fed first, as one more ciphertext block: its
      output is dropped, and the context then chains from the IV, giving
      D(C1) ^ IV, D(C2) ^ C1 and so on (one block more to decrypt costs less
      than correcting the first block through integers).

    The key is checked as in :func:`cbc_encrypt`; the IV and data sizes at each call.
    """

    __slots__ = (
        "alg", "key", "block_size", "_cipher", "_encrypt_update", "_decrypt_update",
        "_encrypt_last",
    )

    def __init__(self, alg: int, key: bytes) -> None:
        # One Cipher object (zero IV) makes both contexts: each Cipher() call
        # validates the key and mode again.
        algorithm = _algorithm(alg, key)  # checks alg and the key first
        size = CIPHERS[alg].block_size
        self._cipher = Cipher(algorithm, _ZERO_IV_CBC[size])
        self.alg = alg
        self.key = key
        self.block_size = size
        self._encrypt_update: Callable[[bytes], bytes] | None = None
        self._decrypt_update: Callable[[bytes], bytes] | None = None
        # The block the encryption context chains from: its IV (zero) until it has run.
        self._encrypt_last = 0

    def _check(self, iv: bytes, data: bytes, what: str) -> None:
        size = self.block_size
        if len(iv) != size:
            raise CipherError(f"IV of {len(iv)} bytes, the block size is {size}")
        if len(data) % size:
            raise CipherError(f"{what} of {len(data)} bytes is not a multiple of {size}")

    # encrypt and decrypt run for every encrypted message: each tests the sizes
    # itself and calls _check, which raises the error, only when one is wrong.

    def encrypt(self, iv: bytes, plaintext: bytes) -> bytes:
        """Raw CBC encryption of whole blocks with this key, no padding added."""
        size = self.block_size
        if len(iv) != size or len(plaintext) % size:
            self._check(iv, plaintext, "plaintext")
        if not plaintext:
            return b""
        update = self._encrypt_update
        if update is None:
            update = self._cipher.encryptor().update
            self._encrypt_update = update
        # Big-endian, the default byte order of from_bytes and to_bytes since
        # Python 3.11: without the argument, each call parses one less.
        from_bytes = int.from_bytes
        first = (
            from_bytes(plaintext[:size]) ^ from_bytes(iv) ^ self._encrypt_last
        ).to_bytes(size)
        ciphertext = update(first + plaintext[size:])
        self._encrypt_last = from_bytes(ciphertext[-size:])
        return ciphertext

    def decrypt(self, iv: bytes, ciphertext: bytes) -> bytes:
        """Raw CBC decryption of whole blocks with this key; the padding stays."""
        size = self.block_size
        if len(iv) != size or len(ciphertext) % size:
            self._check(iv, ciphertext, "ciphertext")
        if not ciphertext:
            return b""
        update = self._decrypt_update
        if update is None:
            update = self._cipher.decryptor().update
            self._decrypt_update = update
        return update(iv + ciphertext)[size:]  # the IV's block dropped: see the class


class Padding(Enum):
    """How an encrypted ISAKMP message body is padded to the block size.

    RFC 2409 App. B says to pad "up to the nearest block size using bytes
    containing 0x00"; RFC 2409 §5.3 (revised public key encryption) instead has
    the last pad byte carry the number of pad bytes. Receivers ignore the
    padding, so each flavour interoperates.
    """

    #: strongSwan (seen in every capture of ``tests/data/captures``): zero
    #: bytes, always at least one: a whole block when the data is already
    #: aligned (272 bytes of 3DES plaintext get 8 bytes of padding).
    STRONGSWAN = "strongswan"
    #: The literal App. B reading, as libreswan does: 0 to block-1 zero bytes.
    ZEROS_MINIMAL = "zeros-minimal"
    #: RFC 2409 §5.3: 1 to block bytes, zeros except the last, which holds the
    #: number of pad bytes including itself.
    COUNT_LAST_BYTE = "count-last-byte"


# The members pad and padded_length compare with, read once: reading a member off
# the Enum class goes through EnumType's __getattr__ (hundreds of CPU instructions),
# and pad runs for every encrypted message.
_ZEROS_MINIMAL: Final = Padding.ZEROS_MINIMAL
_COUNT_LAST_BYTE: Final = Padding.COUNT_LAST_BYTE


def padded_length(length: int, block: int, style: Padding = Padding.STRONGSWAN) -> int:
    """Length of ``length`` bytes after padding to ``block`` in ``style`` (RFC 2409 App. B)."""
    if block <= 0:
        raise ValueError("block size must be positive")
    if style is _ZEROS_MINIMAL:
        return -(-length // block) * block
    return (length // block + 1) * block


def pad(data: bytes, block: int, style: Padding = Padding.STRONGSWAN) -> bytes:
    """``data`` padded to a multiple of ``block`` bytes (RFC 2409 App. B, §5.3).

    The default is strongSwan's choice, see :class:`Padding`.
    """
    # The pad byte count of padded_length(len(data), block, style) - len(data),
    # computed here (pad runs for every encrypted message); tests/test_crypto.py
    # checks the two agree.
    if block <= 0:
        raise ValueError("block size must be positive")
    if style is _ZEROS_MINIMAL:
        return data + bytes(-len(data) % block)
    count = block - len(data) % block
    if style is _COUNT_LAST_BYTE:
        return data + bytes(count - 1) + bytes([count])
    return data + bytes(count)


# --- ESP (phase 2) key lengths ----------------------------------------------


@dataclass(frozen=True)
class EspCipherSpec:
    """An ESP transform (RFC 2407 §4.4.4) and the KEYMAT bytes it takes.

    ``key_lengths`` are the allowed cipher key sizes in bytes (empty for NULL);
    ``salt_length`` bytes of KEYMAT follow the key for counter and AEAD modes
    (RFC 4106 §8.1, RFC 4309 §7.1, RFC 3686 §5.1).
    """

    transform_id: int
    name: str
    key_lengths: tuple[int, ...]
    default_key_length: int | None
    salt_length: int
    rfc: str


ESP_TRANSFORMS: Final[dict[int, EspCipherSpec]] = {
    2: EspCipherSpec(2, "ESP_DES", (8,), 8, 0, "RFC 2407 §4.4.4, RFC 2405"),
    3: EspCipherSpec(3, "ESP_3DES", (24,), 24, 0, "RFC 2407 §4.4.4, RFC 2451"),
    11: EspCipherSpec(11, "ESP_NULL", (0,), 0, 0, "RFC 2407 §4.4.4, RFC 2410"),
    12: EspCipherSpec(12, "ESP_AES-CBC", (16, 24, 32), None, 0, "RFC 3602 §5"),
    13: EspCipherSpec(13, "ESP_AES-CTR", (16, 24, 32), None, 4, "RFC 3686 §5.1"),
    14: EspCipherSpec(14, "ESP_AES-CCM-8", (16, 24, 32), None, 3, "RFC 4309 §7.1"),
    15: EspCipherSpec(15, "ESP_AES-CCM-12", (16, 24, 32), None, 3, "RFC 4309 §7.1"),
    16: EspCipherSpec(16, "ESP_AES-CCM-16", (16, 24, 32), None, 3, "RFC 4309 §7.1"),
    18: EspCipherSpec(18, "ESP_AES-GCM-8", (16, 24, 32), None, 4, "RFC 4106 §8.1"),
    19: EspCipherSpec(19, "ESP_AES-GCM-12", (16, 24, 32), None, 4, "RFC 4106 §8.1"),
    20: EspCipherSpec(20, "ESP_AES-GCM-16", (16, 24, 32), None, 4, "RFC 4106 §8.1"),
}


@dataclass(frozen=True)
class EspIntegritySpec:
    """An ESP authentication algorithm (RFC 2407 §4.5, class 5) and its key size in bytes."""

    number: int
    name: str
    key_length: int
    icv_length: int
    rfc: str


ESP_INTEGRITY: Final[dict[int, EspIntegritySpec]] = {
    1: EspIntegritySpec(1, "HMAC-MD5-96", 16, 12, "RFC 2403"),
    2: EspIntegritySpec(2, "HMAC-SHA1-96", 20, 12, "RFC 2404"),
    5: EspIntegritySpec(5, "HMAC-SHA2-256-128", 32, 16, "RFC 4868 §2.1"),
    6: EspIntegritySpec(6, "HMAC-SHA2-384-192", 48, 24, "RFC 4868 §2.1"),
    7: EspIntegritySpec(7, "HMAC-SHA2-512-256", 64, 32, "RFC 4868 §2.1"),
    9: EspIntegritySpec(9, "AES-XCBC-MAC-96", 16, 12, "RFC 3566"),
}


def esp_transform(transform_id: int) -> EspCipherSpec:
    """The :class:`EspCipherSpec` of ESP transform ``transform_id`` (RFC 2407 §4.4.4)."""
    try:
        return ESP_TRANSFORMS[transform_id]
    except KeyError:
        raise UnsupportedAlgorithmError("ESP transform", transform_id) from None


def esp_encryption_key_length(transform_id: int, key_bits: int | None = None) -> int:
    """KEYMAT bytes the ESP cipher takes: key plus salt (RFC 2407 §4.5; RFC 4106 §8.1).

    ``key_bits`` is the phase-2 Key Length attribute (RFC 2407 §4.5, class 6),
    required for AES and refused at another size for fixed-key ciphers.
    """
    spec = ESP_TRANSFORMS.get(transform_id) or esp_transform(transform_id)  # raises if unknown
    if key_bits is None:
        if spec.default_key_length is None:
            raise CipherError(f"{spec.name} needs a Key Length attribute")
        key = spec.default_key_length
    elif key_bits % 8 or key_bits // 8 not in spec.key_lengths:
        raise CipherError(f"{spec.name} key length {key_bits} bits")
    else:
        key = key_bits // 8
    return key + spec.salt_length


def esp_integrity(auth_alg: int) -> EspIntegritySpec:
    """The :class:`EspIntegritySpec` of ESP auth algorithm ``auth_alg`` (RFC 2407 §4.5)."""
    try:
        return ESP_INTEGRITY[auth_alg]
    except KeyError:
        raise UnsupportedAlgorithmError("ESP authentication algorithm", auth_alg) from None


def esp_integrity_key_length(auth_alg: int | None) -> int:
    """KEYMAT bytes the ESP integrity algorithm takes; 0 without one (RFC 2407 §4.5)."""
    if auth_alg is None:
        return 0
    return (ESP_INTEGRITY.get(auth_alg) or esp_integrity(auth_alg)).key_length  # raises if unknown
