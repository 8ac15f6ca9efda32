"""The words of scenario and profile files, and the RFC numbers they stand for.

Files use short lower-case names, close to what strongSwan and Cisco
configurations use, so that a technician can copy them from a peer's
configuration; each maps to the RFC 2409 / RFC 2407 number the engine uses.
"""

from __future__ import annotations

from typing import Final

from ikeviz.protocol.registry import (
    AuthAlgorithm,
    AuthMethod,
    EncapsulationMode,
    EncryptionAlgorithm,
    EspTransformId,
    HashAlgorithm,
    IdType,
    ProtocolId,
)

# Phase 1 (RFC 2409 App. A)
ENCRYPTION: Final[dict[str, int]] = {
    "des-cbc": EncryptionAlgorithm.DES_CBC,
    "3des-cbc": EncryptionAlgorithm.TRIPLE_DES_CBC,
    "aes-cbc": EncryptionAlgorithm.AES_CBC,
}
HASH: Final[dict[str, int]] = {
    "md5": HashAlgorithm.MD5,
    "sha1": HashAlgorithm.SHA,
    "sha2-256": HashAlgorithm.SHA2_256,
    "sha2-384": HashAlgorithm.SHA2_384,
    "sha2-512": HashAlgorithm.SHA2_512,
}
AUTH_METHOD: Final[dict[str, int]] = {
    "psk": AuthMethod.PSK,
    "rsa-sig": AuthMethod.RSA_SIG,
}
GROUPS: Final[tuple[int, ...]] = (1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21)
GROUP_NAMES: Final[dict[int, str]] = {
    1: "modp768", 2: "modp1024", 5: "modp1536", 14: "modp2048", 15: "modp3072",
    16: "modp4096", 17: "modp6144", 18: "modp8192", 19: "ecp256", 20: "ecp384", 21: "ecp521",
}
AES_KEY_LENGTHS: Final[tuple[int, ...]] = (128, 192, 256)

# Phase 2 (RFC 2407 §4.4.4, §4.5)
ESP_ENCRYPTION: Final[dict[str, int]] = {
    "des-cbc": EspTransformId.ESP_DES,
    "3des-cbc": EspTransformId.ESP_3DES,
    "aes-cbc": EspTransformId.ESP_AES,
    "null": EspTransformId.ESP_NULL,
}
INTEGRITY: Final[dict[str, int | None]] = {
    "hmac-md5": AuthAlgorithm.HMAC_MD5,
    "hmac-sha1": AuthAlgorithm.HMAC_SHA,
    "hmac-sha2-256": AuthAlgorithm.HMAC_SHA2_256,
    "hmac-sha2-384": AuthAlgorithm.HMAC_SHA2_384,
    "hmac-sha2-512": AuthAlgorithm.HMAC_SHA2_512,
    "none": None,
}
PROTOCOL: Final[dict[str, int]] = {"esp": ProtocolId.IPSEC_ESP, "ah": ProtocolId.IPSEC_AH}
MODE: Final[dict[str, int]] = {
    "tunnel": EncapsulationMode.TUNNEL,
    "transport": EncapsulationMode.TRANSPORT,
}
ID_TYPE: Final[dict[str, int]] = {
    "ipv4": IdType.IPV4_ADDR,
    "ipv6": IdType.IPV6_ADDR,
    "fqdn": IdType.FQDN,
    "user-fqdn": IdType.USER_FQDN,
    "key-id": IdType.KEY_ID,
    "dn": IdType.DER_ASN1_DN,
}

# Human labels (for the diagram, the GUI's combo boxes and the diagnosis).
ENCRYPTION_LABELS: Final[dict[int, str]] = {1: "DES", 5: "3DES", 7: "AES"}
HASH_LABELS: Final[dict[int, str]] = {1: "MD5", 2: "SHA-1", 4: "SHA2-256", 5: "SHA2-384",
                                      6: "SHA2-512"}
ESP_LABELS: Final[dict[int, str]] = {2: "DES", 3: "3DES", 12: "AES", 11: "NULL"}
INTEGRITY_LABELS: Final[dict[int, str]] = {1: "HMAC-MD5-96", 2: "HMAC-SHA1-96",
                                           5: "HMAC-SHA2-256-128", 6: "HMAC-SHA2-384-192",
                                           7: "HMAC-SHA2-512-256"}


def name_of(table: dict[str, int], value: int) -> str:
    """The file word for an RFC number (the reverse of the tables above)."""
    for word, number in table.items():
        if number == value:
            return word
    return str(value)


def integrity_name(value: int | None) -> str:
    for word, number in INTEGRITY.items():
        if number == value:
            return word
    return str(value)


def ike_suite(encryption: int, key_length: int | None, hash_alg: int, group: int) -> str:
    """A strongSwan-style suite name, e.g. "aes128-sha1-modp2048" (for logs and labels)."""
    enc = {1: "des", 5: "3des", 7: f"aes{key_length or 128}"}.get(encryption, str(encryption))
    hashes = {1: "md5", 2: "sha1", 4: "sha256", 5: "sha384", 6: "sha512"}
    return f"{enc}-{hashes.get(hash_alg, str(hash_alg))}-{GROUP_NAMES.get(group, str(group))}"


def esp_suite(transform: int, key_length: int | None, integrity: int | None,
              pfs_group: int | None) -> str:
    """A strongSwan-style ESP suite, e.g. "aes128-sha1-modp2048" (PFS group last)."""
    enc = {2: "des", 3: "3des", 12: f"aes{key_length or 128}", 11: "null"}.get(
        transform, str(transform))
    integ = {1: "md5", 2: "sha1", 5: "sha256", 6: "sha384", 7: "sha512", None: ""}.get(
        integrity, str(integrity))
    parts = [enc] + ([integ] if integ else [])
    if pfs_group is not None:
        parts.append(GROUP_NAMES.get(pfs_group, str(pfs_group)))
    return "-".join(parts)
