"""RSA signatures as IKEv1 makes them: PKCS#1 type-1 padding over the bare hash.

RFC 2409 §5.1: SIG_I/SIG_R are the RSA private-key operation over HASH_I /
HASH_R padded with PKCS#1 v1.5 block type 1, *without* the DigestInfo that
RFC 8017's EMSA-PKCS1-v1_5 adds (strongSwan calls it SIGN_RSA_EMSA_PKCS1_NULL).
cryptography's ``sign`` always adds a DigestInfo, so the padding is built here
and the key's numbers do the arithmetic.
"""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from ikeviz.protocol.errors import IkevizProtocolError


class RsaSignatureError(IkevizProtocolError, ValueError):
    """A key that is not RSA or cannot be read, or a hash too long for the key."""


def _pad_type1(digest: bytes, size: int) -> int:
    """EB = 00 || 01 || FF..FF || 00 || D (RFC 2313 §8.1, at least 8 bytes of FF)."""
    if len(digest) > size - 11:
        raise RsaSignatureError(f"a {len(digest)}-byte hash does not fit a {size}-byte key")
    block = b"\x00\x01" + b"\xff" * (size - 3 - len(digest)) + b"\x00" + digest
    return int.from_bytes(block, "big")


def load_private_key(pem: bytes) -> rsa.RSAPrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise RsaSignatureError(f"cannot read the private key: {exc}") from exc
    if not isinstance(key, rsa.RSAPrivateKey):
        raise RsaSignatureError("the private key is not an RSA key")
    return key


def load_public_key(pem: bytes) -> rsa.RSAPublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError) as exc:
        raise RsaSignatureError(f"cannot read the public key: {exc}") from exc
    if not isinstance(key, rsa.RSAPublicKey):
        raise RsaSignatureError("the public key is not an RSA key")
    return key


def sign(private_pem: bytes, digest: bytes) -> bytes:
    """SIG_x = RSA private operation on the type-1 padded HASH_x (RFC 2409 §5.1)."""
    return sign_with_key(load_private_key(private_pem), digest)


def sign_with_key(key: rsa.RSAPrivateKey, digest: bytes) -> bytes:
    """:func:`sign` with a loaded key (RFC 2409 §5.1)."""
    numbers = key.private_numbers()
    size = (key.key_size + 7) // 8
    message = _pad_type1(digest, size)
    signature = pow(message, numbers.d, numbers.public_numbers.n)
    return signature.to_bytes(size, "big")


def verify(public_pem: bytes, digest: bytes, signature: bytes) -> bool:
    """True if ``signature`` is SIG_x of ``digest`` under the public key (RFC 2409 §5.1)."""
    return verify_with_key(load_public_key(public_pem), digest, signature)


def verify_with_key(key: rsa.RSAPublicKey, digest: bytes, signature: bytes) -> bool:
    """:func:`verify` with a loaded key, e.g. a certificate's (RFC 2409 §5.1)."""
    numbers = key.public_numbers()
    size = (key.key_size + 7) // 8
    if len(signature) != size:
        return False
    value = int.from_bytes(signature, "big")
    if value >= numbers.n:
        return False
    recovered = pow(value, numbers.e, numbers.n)
    try:
        return recovered == _pad_type1(digest, size)
    except RsaSignatureError:
        return False


def same_key(private_pem: bytes, public_key: rsa.RSAPublicKey) -> bool:
    """True if the private key is the one of ``public_key`` (e.g. a certificate's)."""
    return load_private_key(private_pem).public_key().public_numbers() == (
        public_key.public_numbers()
    )
