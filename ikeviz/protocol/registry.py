"""The IANA / RFC number registries of IKEv1 (ISAKMP, the IPsec DOI and IKE).

One enum per table, with phase 1 (IKE / Oakley attributes, RFC 2409 App. A)
and phase 2 (IPsec DOI attributes, RFC 2407 §4.5) kept apart, even where the
numbers coincide. For each table the module also keeps:

- the names as the RFCs / IANA write them (``rfc_name``), one dict per table;
- the value ranges the RFCs set aside: reserved, unassigned (future use),
  DOI-specific, private use (``RANGES``, ``range_kind``);
- the width of the wire field, so that :func:`describe` can tell an
  out-of-range number ("invalid value") from an unassigned one.

:func:`describe` turns any number into a line for the user interface and never
raises; :func:`describe_attribute` does the same for a transform attribute
(type and value) of phase 1 or phase 2.

Sources: RFC 2407, RFC 2408 and RFC 2409 (as stored in strongSwan's
``doc/ikev2``), the IANA "Internet Key Exchange (IKE) Attributes"
(ipsec-registry) and "ISAKMP Identifiers" (isakmp-registry) registries as
mirrored by libreswan ``include/ietf_constants.h`` and Wireshark
``epan/dissectors/packet-isakmp.c``, and the later RFCs each table names.
Values that are not in the IANA registries (vendor codes, draft codes) say so
in the docstring of their table.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum, IntFlag
from typing import Final, TypeAlias

__all__ = [
    "AH_TRANSFORM_ID_NAMES",
    "AUTH_ALGORITHM_NAMES",
    "AUTH_METHOD_NAMES",
    "AhTransformId",
    "AuthAlgorithm",
    "AuthMethod",
    "CERT_ENCODING_NAMES",
    "CertEncoding",
    "DOI",
    "DOI_NAMES",
    "ECN_TUNNEL_NAMES",
    "ENCAPSULATION_MODE_NAMES",
    "ENCRYPTION_ALGORITHM_NAMES",
    "ESP_TRANSFORM_ID_NAMES",
    "EXCHANGE_TYPE_NAMES",
    "EXTENDED_SEQUENCE_NUMBERS_NAMES",
    "EcnTunnel",
    "EncapsulationMode",
    "EncryptionAlgorithm",
    "EspTransformId",
    "ExchangeType",
    "ExtendedSequenceNumbers",
    "FIELD_BITS",
    "GROUP_DESCRIPTION_NAMES",
    "GROUP_TYPE_NAMES",
    "GroupDescription",
    "GroupType",
    "HASH_ALGORITHM_NAMES",
    "HashAlgorithm",
    "ID_TYPE_NAMES",
    "IPCOMP_TRANSFORM_ID_NAMES",
    "IdType",
    "IpcompTransformId",
    "KEY_EXCHANGE_TRANSFORM_ID_NAMES",
    "KeyExchangeTransformId",
    "LIFE_TYPE_NAMES",
    "LifeType",
    "NOTIFY_TYPE_NAMES",
    "NotifyType",
    "PAYLOAD_TYPE_NAMES",
    "PHASE1_ATTRIBUTE_LABELS",
    "PHASE1_ATTRIBUTE_NAMES",
    "PHASE1_ATTRIBUTE_VALUES",
    "PHASE1_VARIABLE_ATTRIBUTES",
    "PHASE2_ATTRIBUTE_LABELS",
    "PHASE2_ATTRIBUTE_NAMES",
    "PHASE2_ATTRIBUTE_VALUES",
    "PHASE2_LIFE_TYPE_NAMES",
    "PHASE2_VARIABLE_ATTRIBUTES",
    "PRF_NAMES",
    "PROTOCOL_ID_NAMES",
    "PayloadType",
    "Phase1Attribute",
    "Phase2Attribute",
    "Phase2LifeType",
    "Prf",
    "ProtocolId",
    "RANGES",
    "RegistryTable",
    "SITUATION_NAMES",
    "Situation",
    "TRANSFORM_ID_TABLES",
    "ValueRange",
    "describe",
    "describe_attribute",
    "max_value",
    "range_kind",
    "rfc_name",
]

#: A registry table: one of the enums of this module.
RegistryTable: TypeAlias = type[IntEnum] | type[IntFlag]

# Kinds of ranges (the words describe() prints).
RESERVED: Final = "reserved"
UNASSIGNED: Final = "unassigned"
DOI_SPECIFIC: Final = "DOI-specific"
PRIVATE_USE: Final = "private use"
ISAKMP_FUTURE_USE: Final = "ISAKMP future use"


@dataclass(frozen=True)
class ValueRange:
    """A block of numbers that a registry sets aside (both ends included).

    ``kind`` is one of "reserved", "unassigned", "DOI-specific", "private use"
    or "ISAKMP future use"; ``source`` says where the range is defined.
    """

    first: int
    last: int
    kind: str
    source: str

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int) and self.first <= value <= self.last


# =============================================================================
# ISAKMP (RFC 2408) tables
# =============================================================================


class ExchangeType(IntEnum):
    """ISAKMP exchange type, header octet 18.

    RFC 2408 §3.1 (0-5; 6-31 ISAKMP future use, 32-239 DOI-specific, 240-255
    private use); RFC 2409 App. A (Quick Mode 32, New Group Mode 33 in the
    IPsec DOI); 6 is the Transaction exchange of the Mode-Config draft
    (draft-ietf-ipsec-isakmp-mode-cfg-05), not in RFC 2409.
    """

    NONE = 0
    BASE = 1
    IDENTITY_PROTECTION = 2  # Main Mode
    AUTHENTICATION_ONLY = 3
    AGGRESSIVE = 4
    INFORMATIONAL = 5
    TRANSACTION = 6  # Mode-Config
    QUICK_MODE = 32
    NEW_GROUP_MODE = 33


EXCHANGE_TYPE_NAMES: Final[dict[int, str]] = {
    ExchangeType.NONE: "NONE",
    ExchangeType.BASE: "Base",
    ExchangeType.IDENTITY_PROTECTION: "Identity Protection (Main Mode)",
    ExchangeType.AUTHENTICATION_ONLY: "Authentication Only",
    ExchangeType.AGGRESSIVE: "Aggressive",
    ExchangeType.INFORMATIONAL: "Informational",
    ExchangeType.TRANSACTION: "Transaction (Mode-Config)",
    ExchangeType.QUICK_MODE: "Quick Mode",
    ExchangeType.NEW_GROUP_MODE: "New Group Mode",
}


class PayloadType(IntEnum):
    """ISAKMP next-payload / payload type numbers.

    RFC 2408 §3.1 (0-13); 14 the Mode-Config attribute payload
    (draft-ietf-ipsec-isakmp-mode-cfg); 15-19 GDOI (RFC 3547, RFC 6407;
    POP deprecated by RFC 6407); 20/21 NAT-D / NAT-OA (RFC 3947 §3.2, §5.2);
    22 GAP (RFC 6407); IANA isakmp-registry "Next Payload Types". In the
    private-use block 128-255: 130/131 NAT-D / NAT-OA of the NAT-T drafts
    (draft-ietf-ipsec-nat-t-ike-01 to -03) and 132 the Cisco/Microsoft IKE
    fragment (libreswan ``ISAKMP_NEXT_IKE_FRAGMENTATION``).
    """

    NONE = 0
    SA = 1
    PROPOSAL = 2
    TRANSFORM = 3
    KE = 4
    ID = 5
    CERT = 6
    CR = 7
    HASH = 8
    SIG = 9
    NONCE = 10
    NOTIFICATION = 11
    DELETE = 12
    VENDOR_ID = 13
    MODE_CONFIG = 14
    SAK = 15
    SAT = 16
    KD = 17
    SEQ = 18
    POP = 19
    NAT_D = 20
    NAT_OA = 21
    GAP = 22
    NAT_D_DRAFT = 130
    NAT_OA_DRAFT = 131
    FRAGMENT = 132


PAYLOAD_TYPE_NAMES: Final[dict[int, str]] = {
    PayloadType.NONE: "NONE",
    PayloadType.SA: "Security Association (SA)",
    PayloadType.PROPOSAL: "Proposal (P)",
    PayloadType.TRANSFORM: "Transform (T)",
    PayloadType.KE: "Key Exchange (KE)",
    PayloadType.ID: "Identification (ID)",
    PayloadType.CERT: "Certificate (CERT)",
    PayloadType.CR: "Certificate Request (CR)",
    PayloadType.HASH: "Hash (HASH)",
    PayloadType.SIG: "Signature (SIG)",
    PayloadType.NONCE: "Nonce (NONCE)",
    PayloadType.NOTIFICATION: "Notification (N)",
    PayloadType.DELETE: "Delete (D)",
    PayloadType.VENDOR_ID: "Vendor ID (VID)",
    PayloadType.MODE_CONFIG: "Attribute (Mode-Config)",
    PayloadType.SAK: "SA KEK (SAK)",
    PayloadType.SAT: "SA TEK (SAT)",
    PayloadType.KD: "Key Download (KD)",
    PayloadType.SEQ: "Sequence Number (SEQ)",
    PayloadType.POP: "Proof of Possession (POP)",
    PayloadType.NAT_D: "NAT Discovery (NAT-D)",
    PayloadType.NAT_OA: "NAT Original Address (NAT-OA)",
    PayloadType.GAP: "Group Associated Policy (GAP)",
    PayloadType.NAT_D_DRAFT: "NAT-D (draft-ietf-ipsec-nat-t-ike)",
    PayloadType.NAT_OA_DRAFT: "NAT-OA (draft-ietf-ipsec-nat-t-ike)",
    PayloadType.FRAGMENT: "IKE Fragment (Cisco/Microsoft)",
}


class NotifyType(IntEnum):
    """Notify message types (16 bits).

    Errors 1-30: RFC 2408 §3.14.1. Status 16384 CONNECTED: RFC 2408 §3.14.1.
    IPsec DOI status 24576-24578: RFC 2407 §4.6.3. DPD 36136/36137: RFC 3706
    §5. Ranges (RFC 2408 §3.14.1): 31-8191 reserved, 8192-16383 private use
    (errors; RFC 2407 §4.6.3 keeps 8192 RESERVED), 16385-24575 reserved,
    24576-32767 DOI-specific status, 32768-40959 private use (status),
    40960-65535 reserved.

    Vendor codes (not IANA; names after the source): 9101 Check Point
    Firewall-1 text message (ike-scan ``isakmp.c``, which prints it as
    "Firewall-1"); 30000-30002, 32768/32769 Cisco (libreswan
    ``ietf_constants.h``: ISAKMP_N_CISCO_HELLO / WWTEBR / SHUT_UP,
    ISAKMP_N_IOS_KEEP_ALIVE_REQ / ACK); 40001 NetScreen NHTB-INFORM
    (libreswan); 40501-40503 Cisco Unity (Wireshark: UNITY-LOAD-BALANCE,
    UNITY-UNKNOWN, UNITY-GROUP-HASH; libreswan calls 40503 PRESHARED_KEY_HASH).
    """

    INVALID_PAYLOAD_TYPE = 1
    DOI_NOT_SUPPORTED = 2
    SITUATION_NOT_SUPPORTED = 3
    INVALID_COOKIE = 4
    INVALID_MAJOR_VERSION = 5
    INVALID_MINOR_VERSION = 6
    INVALID_EXCHANGE_TYPE = 7
    INVALID_FLAGS = 8
    INVALID_MESSAGE_ID = 9
    INVALID_PROTOCOL_ID = 10
    INVALID_SPI = 11
    INVALID_TRANSFORM_ID = 12
    ATTRIBUTES_NOT_SUPPORTED = 13
    NO_PROPOSAL_CHOSEN = 14
    BAD_PROPOSAL_SYNTAX = 15
    PAYLOAD_MALFORMED = 16
    INVALID_KEY_INFORMATION = 17
    INVALID_ID_INFORMATION = 18
    INVALID_CERT_ENCODING = 19
    INVALID_CERTIFICATE = 20
    CERT_TYPE_UNSUPPORTED = 21
    INVALID_CERT_AUTHORITY = 22
    INVALID_HASH_INFORMATION = 23
    AUTHENTICATION_FAILED = 24
    INVALID_SIGNATURE = 25
    ADDRESS_NOTIFICATION = 26
    NOTIFY_SA_LIFETIME = 27
    CERTIFICATE_UNAVAILABLE = 28
    UNSUPPORTED_EXCHANGE_TYPE = 29
    UNEQUAL_PAYLOAD_LENGTHS = 30
    CHECKPOINT_FIREWALL1_MESSAGE = 9101
    CONNECTED = 16384
    RESPONDER_LIFETIME = 24576
    REPLAY_STATUS = 24577
    INITIAL_CONTACT = 24578
    CISCO_HELLO = 30000
    CISCO_WWTEBR = 30001
    CISCO_SHUT_UP = 30002
    CISCO_IOS_KEEP_ALIVE_REQ = 32768
    CISCO_IOS_KEEP_ALIVE_ACK = 32769
    R_U_THERE = 36136
    R_U_THERE_ACK = 36137
    NETSCREEN_NHTB_INFORM = 40001
    CISCO_UNITY_LOAD_BALANCE = 40501
    CISCO_UNITY_UNKNOWN = 40502
    CISCO_UNITY_GROUP_HASH = 40503


NOTIFY_TYPE_NAMES: Final[dict[int, str]] = {
    NotifyType.INVALID_PAYLOAD_TYPE: "INVALID-PAYLOAD-TYPE",
    NotifyType.DOI_NOT_SUPPORTED: "DOI-NOT-SUPPORTED",
    NotifyType.SITUATION_NOT_SUPPORTED: "SITUATION-NOT-SUPPORTED",
    NotifyType.INVALID_COOKIE: "INVALID-COOKIE",
    NotifyType.INVALID_MAJOR_VERSION: "INVALID-MAJOR-VERSION",
    NotifyType.INVALID_MINOR_VERSION: "INVALID-MINOR-VERSION",
    NotifyType.INVALID_EXCHANGE_TYPE: "INVALID-EXCHANGE-TYPE",
    NotifyType.INVALID_FLAGS: "INVALID-FLAGS",
    NotifyType.INVALID_MESSAGE_ID: "INVALID-MESSAGE-ID",
    NotifyType.INVALID_PROTOCOL_ID: "INVALID-PROTOCOL-ID",
    NotifyType.INVALID_SPI: "INVALID-SPI",
    NotifyType.INVALID_TRANSFORM_ID: "INVALID-TRANSFORM-ID",
    NotifyType.ATTRIBUTES_NOT_SUPPORTED: "ATTRIBUTES-NOT-SUPPORTED",
    NotifyType.NO_PROPOSAL_CHOSEN: "NO-PROPOSAL-CHOSEN",
    NotifyType.BAD_PROPOSAL_SYNTAX: "BAD-PROPOSAL-SYNTAX",
    NotifyType.PAYLOAD_MALFORMED: "PAYLOAD-MALFORMED",
    NotifyType.INVALID_KEY_INFORMATION: "INVALID-KEY-INFORMATION",
    NotifyType.INVALID_ID_INFORMATION: "INVALID-ID-INFORMATION",
    NotifyType.INVALID_CERT_ENCODING: "INVALID-CERT-ENCODING",
    NotifyType.INVALID_CERTIFICATE: "INVALID-CERTIFICATE",
    NotifyType.CERT_TYPE_UNSUPPORTED: "CERT-TYPE-UNSUPPORTED",
    NotifyType.INVALID_CERT_AUTHORITY: "INVALID-CERT-AUTHORITY",
    NotifyType.INVALID_HASH_INFORMATION: "INVALID-HASH-INFORMATION",
    NotifyType.AUTHENTICATION_FAILED: "AUTHENTICATION-FAILED",
    NotifyType.INVALID_SIGNATURE: "INVALID-SIGNATURE",
    NotifyType.ADDRESS_NOTIFICATION: "ADDRESS-NOTIFICATION",
    NotifyType.NOTIFY_SA_LIFETIME: "NOTIFY-SA-LIFETIME",
    NotifyType.CERTIFICATE_UNAVAILABLE: "CERTIFICATE-UNAVAILABLE",
    NotifyType.UNSUPPORTED_EXCHANGE_TYPE: "UNSUPPORTED-EXCHANGE-TYPE",
    NotifyType.UNEQUAL_PAYLOAD_LENGTHS: "UNEQUAL-PAYLOAD-LENGTHS",
    NotifyType.CHECKPOINT_FIREWALL1_MESSAGE: "Firewall-1 message (Check Point private)",
    NotifyType.CONNECTED: "CONNECTED",
    NotifyType.RESPONDER_LIFETIME: "RESPONDER-LIFETIME",
    NotifyType.REPLAY_STATUS: "REPLAY-STATUS",
    NotifyType.INITIAL_CONTACT: "INITIAL-CONTACT",
    NotifyType.CISCO_HELLO: "CISCO-HELLO (Cisco private)",
    NotifyType.CISCO_WWTEBR: "CISCO-WWTEBR (Cisco private)",
    NotifyType.CISCO_SHUT_UP: "CISCO-SHUT-UP (Cisco private)",
    NotifyType.CISCO_IOS_KEEP_ALIVE_REQ: "IOS-KEEP-ALIVE-REQ (Cisco private)",
    NotifyType.CISCO_IOS_KEEP_ALIVE_ACK: "IOS-KEEP-ALIVE-ACK (Cisco private)",
    NotifyType.R_U_THERE: "R-U-THERE",
    NotifyType.R_U_THERE_ACK: "R-U-THERE-ACK",
    NotifyType.NETSCREEN_NHTB_INFORM: "NHTB-INFORM (NetScreen private)",
    NotifyType.CISCO_UNITY_LOAD_BALANCE: "UNITY-LOAD-BALANCE (Cisco private)",
    NotifyType.CISCO_UNITY_UNKNOWN: "UNITY-UNKNOWN (Cisco private)",
    NotifyType.CISCO_UNITY_GROUP_HASH: "UNITY-GROUP-HASH (Cisco private)",
}


class DOI(IntEnum):
    """Domain of Interpretation, 32 bits (SA, Notification, Delete payloads).

    RFC 2408 §3.4 (0: generic ISAKMP, used in some Notify payloads),
    RFC 2407 §4.1 (1: IPsec DOI), RFC 3547 / RFC 6407 (2: GDOI); IANA
    isakmp-registry "Domain of Interpretation". Other values are unassigned.
    """

    ISAKMP = 0
    IPSEC = 1
    GDOI = 2


DOI_NAMES: Final[dict[int, str]] = {
    DOI.ISAKMP: "ISAKMP",
    DOI.IPSEC: "IPSEC",
    DOI.GDOI: "GDOI",
}


class CertEncoding(IntEnum):
    """Certificate encoding of the CERT and CR payloads, RFC 2408 §3.9.

    Values 11-255 are reserved (RFC 2408 §3.9; the IKEv1 table has no
    private-use block).
    """

    NONE = 0
    PKCS7_WRAPPED_X509 = 1
    PGP = 2
    DNS_SIGNED_KEY = 3
    X509_SIGNATURE = 4
    X509_KEY_EXCHANGE = 5
    KERBEROS_TOKENS = 6
    CRL = 7
    ARL = 8
    SPKI = 9
    X509_ATTRIBUTE = 10


CERT_ENCODING_NAMES: Final[dict[int, str]] = {
    CertEncoding.NONE: "NONE",
    CertEncoding.PKCS7_WRAPPED_X509: "PKCS #7 wrapped X.509 certificate",
    CertEncoding.PGP: "PGP Certificate",
    CertEncoding.DNS_SIGNED_KEY: "DNS Signed Key",
    CertEncoding.X509_SIGNATURE: "X.509 Certificate - Signature",
    CertEncoding.X509_KEY_EXCHANGE: "X.509 Certificate - Key Exchange",
    CertEncoding.KERBEROS_TOKENS: "Kerberos Tokens",
    CertEncoding.CRL: "Certificate Revocation List (CRL)",
    CertEncoding.ARL: "Authority Revocation List (ARL)",
    CertEncoding.SPKI: "SPKI Certificate",
    CertEncoding.X509_ATTRIBUTE: "X.509 Certificate - Attribute",
}


# =============================================================================
# IPsec DOI (RFC 2407) tables
# =============================================================================


class Situation(IntFlag):
    """IPsec DOI Situation bitmap (32 bits), RFC 2407 §4.2.

    RFC 2407 §6.1: the upper two bits (0x40000000, 0x80000000) are for private
    use; every other undefined bit is reserved.
    """

    IDENTITY_ONLY = 0x01
    SECRECY = 0x02
    INTEGRITY = 0x04


SITUATION_NAMES: Final[dict[int, str]] = {
    Situation.IDENTITY_ONLY: "SIT_IDENTITY_ONLY",
    Situation.SECRECY: "SIT_SECRECY",
    Situation.INTEGRITY: "SIT_INTEGRITY",
}

_SITUATION_PRIVATE_BITS: Final = 0xC0000000


class ProtocolId(IntEnum):
    """IPsec DOI security protocol identifier, RFC 2407 §4.4.1.

    5 GIGABEAM_RADIO: RFC 4705. 249-255 private use (RFC 2407 §6.2).
    """

    ISAKMP = 1
    IPSEC_AH = 2
    IPSEC_ESP = 3
    IPCOMP = 4
    GIGABEAM_RADIO = 5


PROTOCOL_ID_NAMES: Final[dict[int, str]] = {
    ProtocolId.ISAKMP: "PROTO_ISAKMP",
    ProtocolId.IPSEC_AH: "PROTO_IPSEC_AH",
    ProtocolId.IPSEC_ESP: "PROTO_IPSEC_ESP",
    ProtocolId.IPCOMP: "PROTO_IPCOMP",
    ProtocolId.GIGABEAM_RADIO: "GIGABEAM_RADIO",
}


class IdType(IntEnum):
    """IPsec DOI identification type, RFC 2407 §4.6.2.1.

    12 ID_LIST: RFC 3554 (IANA isakmp-registry "IPSEC Identification Type").
    249-255 private use (RFC 2407 §6.9).
    """

    IPV4_ADDR = 1
    FQDN = 2
    USER_FQDN = 3
    IPV4_ADDR_SUBNET = 4
    IPV6_ADDR = 5
    IPV6_ADDR_SUBNET = 6
    IPV4_ADDR_RANGE = 7
    IPV6_ADDR_RANGE = 8
    DER_ASN1_DN = 9
    DER_ASN1_GN = 10
    KEY_ID = 11
    LIST = 12


ID_TYPE_NAMES: Final[dict[int, str]] = {
    IdType.IPV4_ADDR: "ID_IPV4_ADDR",
    IdType.FQDN: "ID_FQDN",
    IdType.USER_FQDN: "ID_USER_FQDN",
    IdType.IPV4_ADDR_SUBNET: "ID_IPV4_ADDR_SUBNET",
    IdType.IPV6_ADDR: "ID_IPV6_ADDR",
    IdType.IPV6_ADDR_SUBNET: "ID_IPV6_ADDR_SUBNET",
    IdType.IPV4_ADDR_RANGE: "ID_IPV4_ADDR_RANGE",
    IdType.IPV6_ADDR_RANGE: "ID_IPV6_ADDR_RANGE",
    IdType.DER_ASN1_DN: "ID_DER_ASN1_DN",
    IdType.DER_ASN1_GN: "ID_DER_ASN1_GN",
    IdType.KEY_ID: "ID_KEY_ID",
    IdType.LIST: "ID_LIST",
}


class KeyExchangeTransformId(IntEnum):
    """IPsec DOI ISAKMP transform identifier (phase 1), RFC 2407 §4.4.2.

    249-255 private use (RFC 2407 §6.3).
    """

    KEY_IKE = 1


KEY_EXCHANGE_TRANSFORM_ID_NAMES: Final[dict[int, str]] = {
    KeyExchangeTransformId.KEY_IKE: "KEY_IKE",
}


class AhTransformId(IntEnum):
    """IPsec DOI AH transform identifier, RFC 2407 §4.4.3 (0-1 reserved).

    Later IANA isakmp-registry "IPSEC AH Transform Identifiers": 5-7 SHA-2
    (draft-ietf-ipsec-ciph-sha-256 / RFC 4868 era), 8 RIPEMD (RFC 2857),
    9 AES-XCBC-MAC (RFC 3566), 10 RSA (RFC 4359), 11-13 AES-GMAC (RFC 4543).
    249-255 private use (RFC 2407 §6.4).
    """

    AH_MD5 = 2
    AH_SHA = 3
    AH_DES = 4
    AH_SHA2_256 = 5
    AH_SHA2_384 = 6
    AH_SHA2_512 = 7
    AH_RIPEMD = 8
    AH_AES_XCBC_MAC = 9
    AH_RSA = 10
    AH_AES_128_GMAC = 11
    AH_AES_192_GMAC = 12
    AH_AES_256_GMAC = 13


AH_TRANSFORM_ID_NAMES: Final[dict[int, str]] = {
    AhTransformId.AH_MD5: "AH_MD5",
    AhTransformId.AH_SHA: "AH_SHA",
    AhTransformId.AH_DES: "AH_DES",
    AhTransformId.AH_SHA2_256: "AH_SHA2-256",
    AhTransformId.AH_SHA2_384: "AH_SHA2-384",
    AhTransformId.AH_SHA2_512: "AH_SHA2-512",
    AhTransformId.AH_RIPEMD: "AH_RIPEMD",
    AhTransformId.AH_AES_XCBC_MAC: "AH_AES-XCBC-MAC",
    AhTransformId.AH_RSA: "AH_RSA",
    AhTransformId.AH_AES_128_GMAC: "AH_AES-128-GMAC",
    AhTransformId.AH_AES_192_GMAC: "AH_AES-192-GMAC",
    AhTransformId.AH_AES_256_GMAC: "AH_AES-256-GMAC",
}


class EspTransformId(IntEnum):
    """IPsec DOI ESP transform identifier, RFC 2407 §4.4.4 (1-11).

    Later IANA isakmp-registry "IPSEC ESP Transform Identifiers": 12 AES-CBC
    (RFC 3602), 13 AES-CTR (RFC 3686), 14-16 AES-CCM (RFC 4309), 18-20 AES-GCM
    (RFC 4106), 21 SEED-CBC (RFC 4196), 22 Camellia (RFC 4312), 23
    NULL_AUTH_AES-GMAC (RFC 4543); 17 is unassigned. Above 20 the IKEv1
    numbers differ from IKEv2's. 249-255 private use (RFC 2407 §6.5).
    """

    ESP_DES_IV64 = 1
    ESP_DES = 2
    ESP_3DES = 3
    ESP_RC5 = 4
    ESP_IDEA = 5
    ESP_CAST = 6
    ESP_BLOWFISH = 7
    ESP_3IDEA = 8
    ESP_DES_IV32 = 9
    ESP_RC4 = 10
    ESP_NULL = 11
    ESP_AES = 12
    ESP_AES_CTR = 13
    ESP_AES_CCM_8 = 14
    ESP_AES_CCM_12 = 15
    ESP_AES_CCM_16 = 16
    ESP_AES_GCM_8 = 18
    ESP_AES_GCM_12 = 19
    ESP_AES_GCM_16 = 20
    ESP_SEED_CBC = 21
    ESP_CAMELLIA = 22
    ESP_NULL_AUTH_AES_GMAC = 23


ESP_TRANSFORM_ID_NAMES: Final[dict[int, str]] = {
    EspTransformId.ESP_DES_IV64: "ESP_DES_IV64",
    EspTransformId.ESP_DES: "ESP_DES",
    EspTransformId.ESP_3DES: "ESP_3DES",
    EspTransformId.ESP_RC5: "ESP_RC5",
    EspTransformId.ESP_IDEA: "ESP_IDEA",
    EspTransformId.ESP_CAST: "ESP_CAST",
    EspTransformId.ESP_BLOWFISH: "ESP_BLOWFISH",
    EspTransformId.ESP_3IDEA: "ESP_3IDEA",
    EspTransformId.ESP_DES_IV32: "ESP_DES_IV32",
    EspTransformId.ESP_RC4: "ESP_RC4",
    EspTransformId.ESP_NULL: "ESP_NULL",
    EspTransformId.ESP_AES: "ESP_AES",
    EspTransformId.ESP_AES_CTR: "ESP_AES-CTR",
    EspTransformId.ESP_AES_CCM_8: "ESP_AES-CCM_8",
    EspTransformId.ESP_AES_CCM_12: "ESP_AES-CCM_12",
    EspTransformId.ESP_AES_CCM_16: "ESP_AES-CCM_16",
    EspTransformId.ESP_AES_GCM_8: "ESP_AES-GCM_8",
    EspTransformId.ESP_AES_GCM_12: "ESP_AES-GCM_12",
    EspTransformId.ESP_AES_GCM_16: "ESP_AES-GCM_16",
    EspTransformId.ESP_SEED_CBC: "ESP_SEED_CBC",
    EspTransformId.ESP_CAMELLIA: "ESP_CAMELLIA",
    EspTransformId.ESP_NULL_AUTH_AES_GMAC: "ESP_NULL_AUTH_AES-GMAC",
}


class IpcompTransformId(IntEnum):
    """IPsec DOI IPCOMP transform identifier, RFC 2407 §4.4.5.

    4 LZJH: RFC 3051. RFC 2407 §6.6: 1-47 for RFC-approved algorithms, 48-63
    private use, 64-255 reserved for future expansion.
    """

    IPCOMP_OUI = 1
    IPCOMP_DEFLATE = 2
    IPCOMP_LZS = 3
    IPCOMP_LZJH = 4


IPCOMP_TRANSFORM_ID_NAMES: Final[dict[int, str]] = {
    IpcompTransformId.IPCOMP_OUI: "IPCOMP_OUI",
    IpcompTransformId.IPCOMP_DEFLATE: "IPCOMP_DEFLATE",
    IpcompTransformId.IPCOMP_LZS: "IPCOMP_LZS",
    IpcompTransformId.IPCOMP_LZJH: "IPCOMP_LZJH",
}

#: The transform-ID table of each protocol (RFC 2407 §4.4.2 to §4.4.5).
TRANSFORM_ID_TABLES: Final[dict[ProtocolId, type[IntEnum]]] = {
    ProtocolId.ISAKMP: KeyExchangeTransformId,
    ProtocolId.IPSEC_AH: AhTransformId,
    ProtocolId.IPSEC_ESP: EspTransformId,
    ProtocolId.IPCOMP: IpcompTransformId,
}


# =============================================================================
# Phase 1: IKE (Oakley) attributes, RFC 2409 Appendix A
# =============================================================================


class Phase1Attribute(IntEnum):
    """IKE (phase 1) attribute classes, RFC 2409 App. A (15-bit type).

    IANA ipsec-registry "Attribute Classes": 17-16383 unassigned, 16384-32767
    private use. (Wireshark also names 17 Block-Size and 20
    Asymmetric-Cryptographic-Algorithm-Type; not confirmed against IANA, so
    they are left out.)
    """

    ENCRYPTION_ALGORITHM = 1
    HASH_ALGORITHM = 2
    AUTHENTICATION_METHOD = 3
    GROUP_DESCRIPTION = 4
    GROUP_TYPE = 5
    GROUP_PRIME = 6
    GROUP_GENERATOR_ONE = 7
    GROUP_GENERATOR_TWO = 8
    GROUP_CURVE_A = 9
    GROUP_CURVE_B = 10
    LIFE_TYPE = 11
    LIFE_DURATION = 12
    PRF = 13
    KEY_LENGTH = 14
    FIELD_SIZE = 15
    GROUP_ORDER = 16


PHASE1_ATTRIBUTE_NAMES: Final[dict[int, str]] = {
    Phase1Attribute.ENCRYPTION_ALGORITHM: "Encryption Algorithm",
    Phase1Attribute.HASH_ALGORITHM: "Hash Algorithm",
    Phase1Attribute.AUTHENTICATION_METHOD: "Authentication Method",
    Phase1Attribute.GROUP_DESCRIPTION: "Group Description",
    Phase1Attribute.GROUP_TYPE: "Group Type",
    Phase1Attribute.GROUP_PRIME: "Group Prime/Irreducible Polynomial",
    Phase1Attribute.GROUP_GENERATOR_ONE: "Group Generator One",
    Phase1Attribute.GROUP_GENERATOR_TWO: "Group Generator Two",
    Phase1Attribute.GROUP_CURVE_A: "Group Curve A",
    Phase1Attribute.GROUP_CURVE_B: "Group Curve B",
    Phase1Attribute.LIFE_TYPE: "Life Type",
    Phase1Attribute.LIFE_DURATION: "Life Duration",
    Phase1Attribute.PRF: "PRF",
    Phase1Attribute.KEY_LENGTH: "Key Length",
    Phase1Attribute.FIELD_SIZE: "Field Size",
    Phase1Attribute.GROUP_ORDER: "Group Order",
}

#: Short labels for "label = value" lines (Wireshark's spelling).
PHASE1_ATTRIBUTE_LABELS: Final[dict[int, str]] = {
    Phase1Attribute.ENCRYPTION_ALGORITHM: "Encryption-Algorithm",
    Phase1Attribute.HASH_ALGORITHM: "Hash-Algorithm",
    Phase1Attribute.AUTHENTICATION_METHOD: "Authentication-Method",
    Phase1Attribute.GROUP_DESCRIPTION: "Group-Description",
    Phase1Attribute.GROUP_TYPE: "Group-Type",
    Phase1Attribute.GROUP_PRIME: "Group-Prime",
    Phase1Attribute.GROUP_GENERATOR_ONE: "Group-Generator-One",
    Phase1Attribute.GROUP_GENERATOR_TWO: "Group-Generator-Two",
    Phase1Attribute.GROUP_CURVE_A: "Group-Curve-A",
    Phase1Attribute.GROUP_CURVE_B: "Group-Curve-B",
    Phase1Attribute.LIFE_TYPE: "Life-Type",
    Phase1Attribute.LIFE_DURATION: "Life-Duration",
    Phase1Attribute.PRF: "PRF",
    Phase1Attribute.KEY_LENGTH: "Key-Length",
    Phase1Attribute.FIELD_SIZE: "Field-Size",
    Phase1Attribute.GROUP_ORDER: "Group-Order",
}


class EncryptionAlgorithm(IntEnum):
    """IKE (phase 1) Encryption Algorithm class values (attribute 1).

    RFC 2409 App. A (1-6), IANA ipsec-registry "Encryption Algorithm": 7
    AES-CBC (RFC 3602), 8 CAMELLIA-CBC (RFC 4312); 9-65000 unassigned,
    65001-65535 private use.

    Not in the IANA IKEv1 registry: 13-16, 18-20 and 24-27 are the IKEv2
    transform numbers that libreswan also accepts in IKEv1 (its
    ``ietf_constants.h`` says so: "NOT official IKEv1 entries").
    """

    DES_CBC = 1
    IDEA_CBC = 2
    BLOWFISH_CBC = 3
    RC5_R16_B64_CBC = 4
    TRIPLE_DES_CBC = 5
    CAST_CBC = 6
    AES_CBC = 7
    CAMELLIA_CBC = 8
    AES_CTR = 13
    AES_CCM_8 = 14
    AES_CCM_12 = 15
    AES_CCM_16 = 16
    AES_GCM_8 = 18
    AES_GCM_12 = 19
    AES_GCM_16 = 20
    CAMELLIA_CTR = 24
    CAMELLIA_CCM_8 = 25
    CAMELLIA_CCM_12 = 26
    CAMELLIA_CCM_16 = 27


ENCRYPTION_ALGORITHM_NAMES: Final[dict[int, str]] = {
    EncryptionAlgorithm.DES_CBC: "DES-CBC",
    EncryptionAlgorithm.IDEA_CBC: "IDEA-CBC",
    EncryptionAlgorithm.BLOWFISH_CBC: "Blowfish-CBC",
    EncryptionAlgorithm.RC5_R16_B64_CBC: "RC5-R16-B64-CBC",
    EncryptionAlgorithm.TRIPLE_DES_CBC: "3DES-CBC",
    EncryptionAlgorithm.CAST_CBC: "CAST-CBC",
    EncryptionAlgorithm.AES_CBC: "AES-CBC",
    EncryptionAlgorithm.CAMELLIA_CBC: "CAMELLIA-CBC",
    EncryptionAlgorithm.AES_CTR: "AES-CTR (non-IANA, IKEv2 number)",
    EncryptionAlgorithm.AES_CCM_8: "AES-CCM-8 (non-IANA, IKEv2 number)",
    EncryptionAlgorithm.AES_CCM_12: "AES-CCM-12 (non-IANA, IKEv2 number)",
    EncryptionAlgorithm.AES_CCM_16: "AES-CCM-16 (non-IANA, IKEv2 number)",
    EncryptionAlgorithm.AES_GCM_8: "AES-GCM-8 (non-IANA, IKEv2 number)",
    EncryptionAlgorithm.AES_GCM_12: "AES-GCM-12 (non-IANA, IKEv2 number)",
    EncryptionAlgorithm.AES_GCM_16: "AES-GCM-16 (non-IANA, IKEv2 number)",
    EncryptionAlgorithm.CAMELLIA_CTR: "CAMELLIA-CTR (non-IANA, IKEv2 number)",
    EncryptionAlgorithm.CAMELLIA_CCM_8: "CAMELLIA-CCM-8 (non-IANA, IKEv2 number)",
    EncryptionAlgorithm.CAMELLIA_CCM_12: "CAMELLIA-CCM-12 (non-IANA, IKEv2 number)",
    EncryptionAlgorithm.CAMELLIA_CCM_16: "CAMELLIA-CCM-16 (non-IANA, IKEv2 number)",
}


class HashAlgorithm(IntEnum):
    """IKE (phase 1) Hash Algorithm class values (attribute 2).

    RFC 2409 App. A (1-3); IANA ipsec-registry "Hash Algorithm" 4-6 (SHA-2,
    RFC 4868 / draft-ietf-ipsec-ike-sha2); 7-65000 unassigned, 65001-65535
    private use.
    """

    MD5 = 1
    SHA = 2
    TIGER = 3
    SHA2_256 = 4
    SHA2_384 = 5
    SHA2_512 = 6


HASH_ALGORITHM_NAMES: Final[dict[int, str]] = {
    HashAlgorithm.MD5: "MD5",
    HashAlgorithm.SHA: "SHA",
    HashAlgorithm.TIGER: "Tiger",
    HashAlgorithm.SHA2_256: "SHA2-256",
    HashAlgorithm.SHA2_384: "SHA2-384",
    HashAlgorithm.SHA2_512: "SHA2-512",
}


class AuthMethod(IntEnum):
    """IKE (phase 1) Authentication Method class values (attribute 3).

    RFC 2409 App. A (1-5); IANA ipsec-registry "IPSEC Authentication Methods":
    6-8 now "Reserved (was ...)" (El-Gamal from the IKE drafts, ECDSA), 9-11
    ECDSA (RFC 4754); 12-65000 unassigned, 65001-65535 private use.

    Draft codes, not IANA: Hybrid 64221-64224
    (draft-ietf-ipsec-isakmp-hybrid-auth-05; only these four are found in the
    sources, 64225-64230 could not be sourced), XAUTH 65001-65010
    (draft-beaulieu-ike-xauth-02 / draft-ietf-ipsec-isakmp-xauth-06). Note
    that Microsoft uses 65001-65004 for GSS-API / Kerberos methods as well.
    """

    PSK = 1
    DSS_SIG = 2
    RSA_SIG = 3
    RSA_ENC = 4
    RSA_ENC_REV = 5
    ELGAMAL_ENC = 6
    ELGAMAL_ENC_REV = 7
    ECDSA_SIG = 8
    ECDSA_P256 = 9
    ECDSA_P384 = 10
    ECDSA_P521 = 11
    HYBRID_INIT_RSA = 64221
    HYBRID_RESP_RSA = 64222
    HYBRID_INIT_DSS = 64223
    HYBRID_RESP_DSS = 64224
    XAUTH_INIT_PSK = 65001
    XAUTH_RESP_PSK = 65002
    XAUTH_INIT_DSS = 65003
    XAUTH_RESP_DSS = 65004
    XAUTH_INIT_RSA = 65005
    XAUTH_RESP_RSA = 65006
    XAUTH_INIT_RSA_ENC = 65007
    XAUTH_RESP_RSA_ENC = 65008
    XAUTH_INIT_RSA_REV_ENC = 65009
    XAUTH_RESP_RSA_REV_ENC = 65010


AUTH_METHOD_NAMES: Final[dict[int, str]] = {
    AuthMethod.PSK: "Pre-shared key",
    AuthMethod.DSS_SIG: "DSS signatures",
    AuthMethod.RSA_SIG: "RSA signatures",
    AuthMethod.RSA_ENC: "Encryption with RSA",
    AuthMethod.RSA_ENC_REV: "Revised encryption with RSA",
    AuthMethod.ELGAMAL_ENC: "Reserved (was Encryption with El-Gamal)",
    AuthMethod.ELGAMAL_ENC_REV: "Reserved (was Revised encryption with El-Gamal)",
    AuthMethod.ECDSA_SIG: "Reserved (was ECDSA signatures)",
    AuthMethod.ECDSA_P256: "ECDSA with SHA-256 on the P-256 curve",
    AuthMethod.ECDSA_P384: "ECDSA with SHA-384 on the P-384 curve",
    AuthMethod.ECDSA_P521: "ECDSA with SHA-512 on the P-521 curve",
    AuthMethod.HYBRID_INIT_RSA: "HybridInitRSA",
    AuthMethod.HYBRID_RESP_RSA: "HybridRespRSA",
    AuthMethod.HYBRID_INIT_DSS: "HybridInitDSS",
    AuthMethod.HYBRID_RESP_DSS: "HybridRespDSS",
    AuthMethod.XAUTH_INIT_PSK: "XAUTHInitPreShared",
    AuthMethod.XAUTH_RESP_PSK: "XAUTHRespPreShared",
    AuthMethod.XAUTH_INIT_DSS: "XAUTHInitDSS",
    AuthMethod.XAUTH_RESP_DSS: "XAUTHRespDSS",
    AuthMethod.XAUTH_INIT_RSA: "XAUTHInitRSA",
    AuthMethod.XAUTH_RESP_RSA: "XAUTHRespRSA",
    AuthMethod.XAUTH_INIT_RSA_ENC: "XAUTHInitRSAEncryption",
    AuthMethod.XAUTH_RESP_RSA_ENC: "XAUTHRespRSAEncryption",
    AuthMethod.XAUTH_INIT_RSA_REV_ENC: "XAUTHInitRSARevisedEncryption",
    AuthMethod.XAUTH_RESP_RSA_REV_ENC: "XAUTHRespRSARevisedEncryption",
}


class GroupDescription(IntEnum):
    """Group Description (phase-1 attribute 4, phase-2 attribute 3).

    IANA ipsec-registry "Group Description": 1-4 RFC 2409 §6 / App. A, 5 and
    14-18 RFC 3526, 6-13 EC2N groups (draft-ietf-ipsec-ike-ecc-groups), 19-21
    RFC 5903, 22-26 RFC 5114, 27-30 Brainpool (RFC 6932); 31-32767
    unassigned, 32768-65535 private use (RFC 2409 App. A).

    31 Curve25519 and 32 Curve448 are IKEv2 numbers (RFC 8031, IKEv2
    Transform Type 4); libreswan marks everything from 27 up as IKEv2-only.
    """

    MODP_768 = 1
    MODP_1024 = 2
    EC2N_155 = 3
    EC2N_185 = 4
    MODP_1536 = 5
    EC2N_163_A = 6
    EC2N_163_B = 7
    EC2N_283_A = 8
    EC2N_283_B = 9
    EC2N_409_A = 10
    EC2N_409_B = 11
    EC2N_571_A = 12
    EC2N_571_B = 13
    MODP_2048 = 14
    MODP_3072 = 15
    MODP_4096 = 16
    MODP_6144 = 17
    MODP_8192 = 18
    ECP_256 = 19
    ECP_384 = 20
    ECP_521 = 21
    MODP_1024_S160 = 22
    MODP_2048_S224 = 23
    MODP_2048_S256 = 24
    ECP_192 = 25
    ECP_224 = 26
    BRAINPOOL_P224R1 = 27
    BRAINPOOL_P256R1 = 28
    BRAINPOOL_P384R1 = 29
    BRAINPOOL_P512R1 = 30
    CURVE25519 = 31
    CURVE448 = 32


GROUP_DESCRIPTION_NAMES: Final[dict[int, str]] = {
    GroupDescription.MODP_768: "Default 768-bit MODP group",
    GroupDescription.MODP_1024: "Alternate 1024-bit MODP group",
    GroupDescription.EC2N_155: "EC2N group on GP[2^155]",
    GroupDescription.EC2N_185: "EC2N group on GP[2^185]",
    GroupDescription.MODP_1536: "1536-bit MODP group",
    GroupDescription.EC2N_163_A: "EC2N group over GF[2^163]",
    GroupDescription.EC2N_163_B: "EC2N group over GF[2^163]",
    GroupDescription.EC2N_283_A: "EC2N group over GF[2^283]",
    GroupDescription.EC2N_283_B: "EC2N group over GF[2^283]",
    GroupDescription.EC2N_409_A: "EC2N group over GF[2^409]",
    GroupDescription.EC2N_409_B: "EC2N group over GF[2^409]",
    GroupDescription.EC2N_571_A: "EC2N group over GF[2^571]",
    GroupDescription.EC2N_571_B: "EC2N group over GF[2^571]",
    GroupDescription.MODP_2048: "2048-bit MODP group",
    GroupDescription.MODP_3072: "3072-bit MODP group",
    GroupDescription.MODP_4096: "4096-bit MODP group",
    GroupDescription.MODP_6144: "6144-bit MODP group",
    GroupDescription.MODP_8192: "8192-bit MODP group",
    GroupDescription.ECP_256: "256-bit random ECP group",
    GroupDescription.ECP_384: "384-bit random ECP group",
    GroupDescription.ECP_521: "521-bit random ECP group",
    GroupDescription.MODP_1024_S160: "1024-bit MODP Group with 160-bit Prime Order Subgroup",
    GroupDescription.MODP_2048_S224: "2048-bit MODP Group with 224-bit Prime Order Subgroup",
    GroupDescription.MODP_2048_S256: "2048-bit MODP Group with 256-bit Prime Order Subgroup",
    GroupDescription.ECP_192: "192-bit Random ECP Group",
    GroupDescription.ECP_224: "224-bit Random ECP Group",
    GroupDescription.BRAINPOOL_P224R1: "224-bit Brainpool ECP group",
    GroupDescription.BRAINPOOL_P256R1: "256-bit Brainpool ECP group",
    GroupDescription.BRAINPOOL_P384R1: "384-bit Brainpool ECP group",
    GroupDescription.BRAINPOOL_P512R1: "512-bit Brainpool ECP group",
    GroupDescription.CURVE25519: "Curve25519 (IKEv2 number)",
    GroupDescription.CURVE448: "Curve448 (IKEv2 number)",
}


class GroupType(IntEnum):
    """IKE Group Type class values (attribute 5), RFC 2409 App. A.

    4-65000 unassigned, 65001-65535 private use.
    """

    MODP = 1
    ECP = 2
    EC2N = 3


GROUP_TYPE_NAMES: Final[dict[int, str]] = {
    GroupType.MODP: "MODP",
    GroupType.ECP: "ECP",
    GroupType.EC2N: "EC2N",
}


class LifeType(IntEnum):
    """IKE (phase 1) Life Type class values (attribute 11), RFC 2409 App. A.

    3-65000 unassigned, 65001-65535 private use.
    """

    SECONDS = 1
    KILOBYTES = 2


LIFE_TYPE_NAMES: Final[dict[int, str]] = {
    LifeType.SECONDS: "seconds",
    LifeType.KILOBYTES: "kilobytes",
}


class Prf(IntEnum):
    """IKE PRF class values (attribute 13), RFC 2409 App. A.

    RFC 2409 defines none ("there are currently no pseudo-random functions
    defined"; without the attribute the PRF is the HMAC of the negotiated
    hash); 1-65000 reserved to IANA, 65001-65535 private use.

    ``RESERVED`` (0) is the placeholder. ``PRF_3DES_CBC_MAC`` (1) comes from
    the Oakley/IPsec DOI drafts before draft 07 (kept in SSH's IPSEC Express
    toolkit under ``REMOVED_BY_DOI_DRAFT_07`` and in Symbian's IKE code as
    ``OAKLEY_PRF_3DES_CBC_MAC``); it is not in RFC 2409 nor IANA.
    """

    RESERVED = 0
    PRF_3DES_CBC_MAC = 1


PRF_NAMES: Final[dict[int, str]] = {
    Prf.PRF_3DES_CBC_MAC: "PRF_3DES_CBC_MAC (expired draft)",
}


# =============================================================================
# Phase 2: IPsec DOI SA attributes, RFC 2407 §4.5
# =============================================================================


class Phase2Attribute(IntEnum):
    """IPsec DOI (phase 2) SA attribute types, RFC 2407 §4.5 (1-9).

    Later IANA isakmp-registry "IPSEC Security Association Attributes": 10 ECN
    Tunnel (RFC 3168), 11 Extended (64-bit) Sequence Number (RFC 4304), 12
    Authentication Key Length and 13 Signature Encoding Algorithm (RFC 4359),
    14 Address Preservation and 15 SA Direction (RFC 6407); 16-32000
    unassigned, 32001-32767 private use (RFC 2407 §6.7).
    """

    SA_LIFE_TYPE = 1
    SA_LIFE_DURATION = 2
    GROUP_DESCRIPTION = 3
    ENCAPSULATION_MODE = 4
    AUTHENTICATION_ALGORITHM = 5
    KEY_LENGTH = 6
    KEY_ROUNDS = 7
    COMPRESS_DICTIONARY_SIZE = 8
    COMPRESS_PRIVATE_ALGORITHM = 9
    ECN_TUNNEL = 10
    EXTENDED_SEQUENCE_NUMBER = 11
    AUTHENTICATION_KEY_LENGTH = 12
    SIGNATURE_ENCODING_ALGORITHM = 13
    ADDRESS_PRESERVATION = 14
    SA_DIRECTION = 15


PHASE2_ATTRIBUTE_NAMES: Final[dict[int, str]] = {
    Phase2Attribute.SA_LIFE_TYPE: "SA Life Type",
    Phase2Attribute.SA_LIFE_DURATION: "SA Life Duration",
    Phase2Attribute.GROUP_DESCRIPTION: "Group Description",
    Phase2Attribute.ENCAPSULATION_MODE: "Encapsulation Mode",
    Phase2Attribute.AUTHENTICATION_ALGORITHM: "Authentication Algorithm",
    Phase2Attribute.KEY_LENGTH: "Key Length",
    Phase2Attribute.KEY_ROUNDS: "Key Rounds",
    Phase2Attribute.COMPRESS_DICTIONARY_SIZE: "Compress Dictionary Size",
    Phase2Attribute.COMPRESS_PRIVATE_ALGORITHM: "Compress Private Algorithm",
    Phase2Attribute.ECN_TUNNEL: "ECN Tunnel",
    Phase2Attribute.EXTENDED_SEQUENCE_NUMBER: "Extended (64-bit) Sequence Number",
    Phase2Attribute.AUTHENTICATION_KEY_LENGTH: "Authentication Key Length",
    Phase2Attribute.SIGNATURE_ENCODING_ALGORITHM: "Signature Encoding Algorithm",
    Phase2Attribute.ADDRESS_PRESERVATION: "Address Preservation",
    Phase2Attribute.SA_DIRECTION: "SA Direction",
}

#: Short labels for "label = value" lines (Wireshark's spelling).
PHASE2_ATTRIBUTE_LABELS: Final[dict[int, str]] = {
    Phase2Attribute.SA_LIFE_TYPE: "SA-Life-Type",
    Phase2Attribute.SA_LIFE_DURATION: "SA-Life-Duration",
    Phase2Attribute.GROUP_DESCRIPTION: "Group-Description",
    Phase2Attribute.ENCAPSULATION_MODE: "Encapsulation-Mode",
    Phase2Attribute.AUTHENTICATION_ALGORITHM: "Authentication-Algorithm",
    Phase2Attribute.KEY_LENGTH: "Key-Length",
    Phase2Attribute.KEY_ROUNDS: "Key-Rounds",
    Phase2Attribute.COMPRESS_DICTIONARY_SIZE: "Compress-Dictionary-Size",
    Phase2Attribute.COMPRESS_PRIVATE_ALGORITHM: "Compress-Private-Algorithm",
    Phase2Attribute.ECN_TUNNEL: "ECN-Tunnel",
    Phase2Attribute.EXTENDED_SEQUENCE_NUMBER: "Extended-Sequence-Number",
    Phase2Attribute.AUTHENTICATION_KEY_LENGTH: "Authentication-Key-Length",
    Phase2Attribute.SIGNATURE_ENCODING_ALGORITHM: "Signature-Encoding-Algorithm",
    Phase2Attribute.ADDRESS_PRESERVATION: "Address-Preservation",
    Phase2Attribute.SA_DIRECTION: "SA-Direction",
}


class Phase2LifeType(IntEnum):
    """IPsec DOI SA Life Type values (phase-2 attribute 1), RFC 2407 §4.5.

    3-61439 reserved to IANA, 61440-65535 private use. Without a lifetime the
    default is 28800 seconds.
    """

    SECONDS = 1
    KILOBYTES = 2


PHASE2_LIFE_TYPE_NAMES: Final[dict[int, str]] = {
    Phase2LifeType.SECONDS: "seconds",
    Phase2LifeType.KILOBYTES: "kilobytes",
}


class EncapsulationMode(IntEnum):
    """IPsec DOI Encapsulation Mode values (phase-2 attribute 4).

    RFC 2407 §4.5 (1-2; 3-61439 reserved to IANA, 61440-65535 private use);
    3/4 UDP encapsulation, RFC 3947 §5.1. In the private block: 61443/61444
    the NAT-T draft values (draft-ietf-ipsec-nat-t-ike, used by libreswan and
    strongSwan for the draft VIDs) and 61440 Check Point's UDP encapsulation
    (named by Wireshark).
    """

    TUNNEL = 1
    TRANSPORT = 2
    UDP_ENCAPSULATED_TUNNEL = 3
    UDP_ENCAPSULATED_TRANSPORT = 4
    CHECKPOINT_UDP_ENCAPSULATION = 61440
    UDP_ENCAPSULATED_TUNNEL_DRAFT = 61443
    UDP_ENCAPSULATED_TRANSPORT_DRAFT = 61444


ENCAPSULATION_MODE_NAMES: Final[dict[int, str]] = {
    EncapsulationMode.TUNNEL: "Tunnel",
    EncapsulationMode.TRANSPORT: "Transport",
    EncapsulationMode.UDP_ENCAPSULATED_TUNNEL: "UDP-Encapsulated-Tunnel",
    EncapsulationMode.UDP_ENCAPSULATED_TRANSPORT: "UDP-Encapsulated-Transport",
    EncapsulationMode.CHECKPOINT_UDP_ENCAPSULATION: "Check Point UDP encapsulation (private)",
    EncapsulationMode.UDP_ENCAPSULATED_TUNNEL_DRAFT: "UDP-Encapsulated-Tunnel (draft)",
    EncapsulationMode.UDP_ENCAPSULATED_TRANSPORT_DRAFT: "UDP-Encapsulated-Transport (draft)",
}


class AuthAlgorithm(IntEnum):
    """IPsec DOI Authentication Algorithm values (phase-2 attribute 5).

    RFC 2407 §4.5 (1-4); IANA isakmp-registry "Authentication Algorithm":
    5-7 HMAC-SHA2 (RFC 4868), 8 HMAC-RIPEMD (RFC 2857), 9 AES-XCBC-MAC
    (RFC 3566), 10 SIG-RSA (RFC 4359), 11-13 AES-GMAC (RFC 4543); 14-61439
    unassigned, 61440-65535 private use.
    """

    HMAC_MD5 = 1
    HMAC_SHA = 2
    DES_MAC = 3
    KPDK = 4
    HMAC_SHA2_256 = 5
    HMAC_SHA2_384 = 6
    HMAC_SHA2_512 = 7
    HMAC_RIPEMD = 8
    AES_XCBC_MAC = 9
    SIG_RSA = 10
    AES_128_GMAC = 11
    AES_192_GMAC = 12
    AES_256_GMAC = 13


AUTH_ALGORITHM_NAMES: Final[dict[int, str]] = {
    AuthAlgorithm.HMAC_MD5: "HMAC-MD5",
    AuthAlgorithm.HMAC_SHA: "HMAC-SHA",
    AuthAlgorithm.DES_MAC: "DES-MAC",
    AuthAlgorithm.KPDK: "KPDK",
    AuthAlgorithm.HMAC_SHA2_256: "HMAC-SHA2-256",
    AuthAlgorithm.HMAC_SHA2_384: "HMAC-SHA2-384",
    AuthAlgorithm.HMAC_SHA2_512: "HMAC-SHA2-512",
    AuthAlgorithm.HMAC_RIPEMD: "HMAC-RIPEMD",
    AuthAlgorithm.AES_XCBC_MAC: "AES-XCBC-MAC",
    AuthAlgorithm.SIG_RSA: "SIG-RSA",
    AuthAlgorithm.AES_128_GMAC: "AES-128-GMAC",
    AuthAlgorithm.AES_192_GMAC: "AES-192-GMAC",
    AuthAlgorithm.AES_256_GMAC: "AES-256-GMAC",
}


class EcnTunnel(IntEnum):
    """ECN Tunnel values (phase-2 attribute 10), RFC 3168 (ECN Tunnel SA attribute)."""

    ALLOWED = 1
    FORBIDDEN = 2


ECN_TUNNEL_NAMES: Final[dict[int, str]] = {
    EcnTunnel.ALLOWED: "Allowed",
    EcnTunnel.FORBIDDEN: "Forbidden",
}


class ExtendedSequenceNumbers(IntEnum):
    """Extended (64-bit) Sequence Number values (phase-2 attribute 11).

    RFC 4304 assigns 1 = 64-bit sequence numbers; 0 (the IANA "reserved"
    value) stands for the default 32-bit numbering, which is what a transform
    without the attribute gets.
    """

    SEQUENCE_32_BIT = 0
    SEQUENCE_64_BIT = 1


EXTENDED_SEQUENCE_NUMBERS_NAMES: Final[dict[int, str]] = {
    ExtendedSequenceNumbers.SEQUENCE_32_BIT: "32-bit Sequence Number",
    ExtendedSequenceNumbers.SEQUENCE_64_BIT: "64-bit Sequence Number",
}


# =============================================================================
# Attribute metadata
# =============================================================================

#: Phase-1 attribute classes whose values come from a table (RFC 2409 App. A).
PHASE1_ATTRIBUTE_VALUES: Final[dict[Phase1Attribute, type[IntEnum]]] = {
    Phase1Attribute.ENCRYPTION_ALGORITHM: EncryptionAlgorithm,
    Phase1Attribute.HASH_ALGORITHM: HashAlgorithm,
    Phase1Attribute.AUTHENTICATION_METHOD: AuthMethod,
    Phase1Attribute.GROUP_DESCRIPTION: GroupDescription,
    Phase1Attribute.GROUP_TYPE: GroupType,
    Phase1Attribute.LIFE_TYPE: LifeType,
    Phase1Attribute.PRF: Prf,
}

#: Phase-2 attribute types whose values come from a table (RFC 2407 §4.5).
PHASE2_ATTRIBUTE_VALUES: Final[dict[Phase2Attribute, type[IntEnum]]] = {
    Phase2Attribute.SA_LIFE_TYPE: Phase2LifeType,
    Phase2Attribute.GROUP_DESCRIPTION: GroupDescription,
    Phase2Attribute.ENCAPSULATION_MODE: EncapsulationMode,
    Phase2Attribute.AUTHENTICATION_ALGORITHM: AuthAlgorithm,
    Phase2Attribute.ECN_TUNNEL: EcnTunnel,
    Phase2Attribute.EXTENDED_SEQUENCE_NUMBER: ExtendedSequenceNumbers,
}

#: Variable-length (V) phase-1 attribute classes, RFC 2409 App. A; every
#: other class is Basic (B) and MUST NOT be sent as TLV. A V attribute MAY be
#: sent as TV when its value fits in two octets.
PHASE1_VARIABLE_ATTRIBUTES: Final[frozenset[Phase1Attribute]] = frozenset(
    {
        Phase1Attribute.GROUP_PRIME,
        Phase1Attribute.GROUP_GENERATOR_ONE,
        Phase1Attribute.GROUP_GENERATOR_TWO,
        Phase1Attribute.GROUP_CURVE_A,
        Phase1Attribute.GROUP_CURVE_B,
        Phase1Attribute.LIFE_DURATION,
        Phase1Attribute.GROUP_ORDER,
    }
)

#: Variable-length (V) phase-2 attribute types, RFC 2407 §4.5 (the later
#: attributes 10-15 are all Basic: RFC 3168, RFC 4304, RFC 4359, RFC 6407).
PHASE2_VARIABLE_ATTRIBUTES: Final[frozenset[Phase2Attribute]] = frozenset(
    {
        Phase2Attribute.SA_LIFE_DURATION,
        Phase2Attribute.COMPRESS_PRIVATE_ALGORITHM,
    }
)

# Attributes whose value is a number to print as such (durations, lengths).
_NUMERIC_ATTRIBUTES: Final[dict[int, frozenset[int]]] = {
    1: frozenset(
        {
            Phase1Attribute.LIFE_DURATION,
            Phase1Attribute.KEY_LENGTH,
            Phase1Attribute.FIELD_SIZE,
        }
    ),
    2: frozenset(
        {
            Phase2Attribute.SA_LIFE_DURATION,
            Phase2Attribute.KEY_LENGTH,
            Phase2Attribute.KEY_ROUNDS,
            Phase2Attribute.COMPRESS_DICTIONARY_SIZE,
            Phase2Attribute.AUTHENTICATION_KEY_LENGTH,
        }
    ),
}


# =============================================================================
# Ranges, field widths and name tables per registry
# =============================================================================

_R2408_31: Final = "RFC 2408 §3.1"
_R2408_314: Final = "RFC 2408 §3.14.1"
_R2409_A: Final = "RFC 2409 App. A"
_R2407_45: Final = "RFC 2407 §4.5"


def _r(first: int, last: int, kind: str, source: str) -> ValueRange:
    return ValueRange(first, last, kind, source)


def _byte_id_ranges(source: str) -> tuple[ValueRange, ...]:
    """The usual layout of an 8-bit IPsec DOI identifier: 0 reserved, 249-255 private."""
    return (_r(0, 0, RESERVED, source), _r(249, 255, PRIVATE_USE, source))


def _oakley_ranges() -> tuple[ValueRange, ...]:
    """Layout of most RFC 2409 App. A value tables: 0 reserved, 65001+ private."""
    return (_r(0, 0, RESERVED, _R2409_A), _r(65001, 65535, PRIVATE_USE, _R2409_A))


def _ipsec_attr_value_ranges() -> tuple[ValueRange, ...]:
    """Layout of the RFC 2407 §4.5 value tables: 0 reserved, 61440+ private."""
    return (_r(0, 0, RESERVED, _R2407_45), _r(61440, 65535, PRIVATE_USE, _R2407_45))


#: The reserved / unassigned / DOI-specific / private-use blocks of each table.
#: They are checked in order; a value with a name in the table is never looked
#: up here. Numbers in no block (and without a name) are "unassigned".
RANGES: Final[dict[RegistryTable, tuple[ValueRange, ...]]] = {
    ExchangeType: (
        _r(6, 31, ISAKMP_FUTURE_USE, _R2408_31),
        _r(32, 239, DOI_SPECIFIC, _R2408_31),
        _r(240, 255, PRIVATE_USE, _R2408_31),
    ),
    PayloadType: (
        _r(23, 127, UNASSIGNED, "IANA isakmp-registry (RFC 2408 §3.1: reserved)"),
        _r(128, 255, PRIVATE_USE, _R2408_31),
    ),
    NotifyType: (
        _r(0, 0, RESERVED, _R2408_314),
        _r(31, 8191, RESERVED, _R2408_314),
        _r(8192, 8192, RESERVED, "RFC 2407 §4.6.3"),
        _r(8193, 16383, PRIVATE_USE, _R2408_314),
        _r(16385, 24575, RESERVED, _R2408_314),
        _r(24576, 32767, DOI_SPECIFIC, _R2408_314),
        _r(32768, 40959, PRIVATE_USE, _R2408_314),
        _r(40960, 65535, RESERVED, _R2408_314),
    ),
    DOI: (_r(3, 0xFFFFFFFF, UNASSIGNED, "RFC 2408 §3.4, IANA isakmp-registry"),),
    CertEncoding: (_r(11, 255, RESERVED, "RFC 2408 §3.9"),),
    Situation: (),  # bitmap: see _describe_situation
    ProtocolId: _byte_id_ranges("RFC 2407 §4.4.1, §6.2"),
    IdType: _byte_id_ranges("RFC 2407 §4.6.2.1, §6.9"),
    KeyExchangeTransformId: _byte_id_ranges("RFC 2407 §4.4.2, §6.3"),
    AhTransformId: (
        _r(0, 1, RESERVED, "RFC 2407 §4.4.3"),
        _r(249, 255, PRIVATE_USE, "RFC 2407 §6.4"),
    ),
    EspTransformId: _byte_id_ranges("RFC 2407 §4.4.4, §6.5"),
    IpcompTransformId: (
        _r(0, 0, RESERVED, "RFC 2407 §4.4.5"),
        _r(5, 47, UNASSIGNED, "RFC 2407 §6.6 (for RFC-approved algorithms)"),
        _r(48, 63, PRIVATE_USE, "RFC 2407 §6.6"),
        _r(64, 255, RESERVED, "RFC 2407 §6.6 (future expansion)"),
    ),
    Phase1Attribute: (
        _r(0, 0, RESERVED, _R2409_A),
        _r(16384, 32767, PRIVATE_USE, _R2409_A),
    ),
    EncryptionAlgorithm: _oakley_ranges(),
    HashAlgorithm: _oakley_ranges(),
    AuthMethod: _oakley_ranges(),
    GroupDescription: (
        _r(0, 0, RESERVED, _R2409_A),
        _r(32768, 65535, PRIVATE_USE, _R2409_A),
    ),
    GroupType: _oakley_ranges(),
    LifeType: _oakley_ranges(),
    Prf: _oakley_ranges(),
    Phase2Attribute: (
        _r(0, 0, RESERVED, _R2407_45),
        _r(32001, 32767, PRIVATE_USE, "RFC 2407 §6.7"),
    ),
    Phase2LifeType: _ipsec_attr_value_ranges(),
    EncapsulationMode: _ipsec_attr_value_ranges(),
    AuthAlgorithm: _ipsec_attr_value_ranges(),
    EcnTunnel: (_r(0, 0, RESERVED, "RFC 3168"),),
    ExtendedSequenceNumbers: (),
}

#: Width in bits of the wire field each table numbers.
FIELD_BITS: Final[dict[RegistryTable, int]] = {
    ExchangeType: 8,
    PayloadType: 8,
    NotifyType: 16,
    DOI: 32,
    CertEncoding: 8,
    Situation: 32,
    ProtocolId: 8,
    IdType: 8,
    KeyExchangeTransformId: 8,
    AhTransformId: 8,
    EspTransformId: 8,
    IpcompTransformId: 8,
    Phase1Attribute: 15,  # RFC 2408 §3.3: AF bit + 15-bit type
    EncryptionAlgorithm: 16,
    HashAlgorithm: 16,
    AuthMethod: 16,
    GroupDescription: 16,
    GroupType: 16,
    LifeType: 16,
    Prf: 16,
    Phase2Attribute: 15,
    Phase2LifeType: 16,
    EncapsulationMode: 16,
    AuthAlgorithm: 16,
    EcnTunnel: 16,
    ExtendedSequenceNumbers: 16,
}

_NAMES: Final[dict[RegistryTable, Mapping[int, str]]] = {
    ExchangeType: EXCHANGE_TYPE_NAMES,
    PayloadType: PAYLOAD_TYPE_NAMES,
    NotifyType: NOTIFY_TYPE_NAMES,
    DOI: DOI_NAMES,
    CertEncoding: CERT_ENCODING_NAMES,
    Situation: SITUATION_NAMES,
    ProtocolId: PROTOCOL_ID_NAMES,
    IdType: ID_TYPE_NAMES,
    KeyExchangeTransformId: KEY_EXCHANGE_TRANSFORM_ID_NAMES,
    AhTransformId: AH_TRANSFORM_ID_NAMES,
    EspTransformId: ESP_TRANSFORM_ID_NAMES,
    IpcompTransformId: IPCOMP_TRANSFORM_ID_NAMES,
    Phase1Attribute: PHASE1_ATTRIBUTE_NAMES,
    EncryptionAlgorithm: ENCRYPTION_ALGORITHM_NAMES,
    HashAlgorithm: HASH_ALGORITHM_NAMES,
    AuthMethod: AUTH_METHOD_NAMES,
    GroupDescription: GROUP_DESCRIPTION_NAMES,
    GroupType: GROUP_TYPE_NAMES,
    LifeType: LIFE_TYPE_NAMES,
    Prf: PRF_NAMES,
    Phase2Attribute: PHASE2_ATTRIBUTE_NAMES,
    Phase2LifeType: PHASE2_LIFE_TYPE_NAMES,
    EncapsulationMode: ENCAPSULATION_MODE_NAMES,
    AuthAlgorithm: AUTH_ALGORITHM_NAMES,
    EcnTunnel: ECN_TUNNEL_NAMES,
    ExtendedSequenceNumbers: EXTENDED_SEQUENCE_NUMBERS_NAMES,
}


# =============================================================================
# Lookups
# =============================================================================


def _is_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def max_value(table: RegistryTable) -> int:
    """The largest number the wire field of ``table`` can hold.

    Raises ``KeyError`` for a class that is not a table of this module.
    """
    return (1 << FIELD_BITS[table]) - 1


def rfc_name(table: RegistryTable, value: int) -> str | None:
    """The name of ``value`` in ``table`` as the RFCs / IANA write it.

    ``None`` when the value has no name there (or is not a number, or the
    table is not one of this module's).
    """
    try:
        names = _NAMES.get(table)
        if names is None or not _is_number(value):
            return None
        return names.get(int(value))
    except Exception:  # noqa: BLE001 - a lookup must never fail
        return None


def range_kind(table: RegistryTable, value: int) -> str | None:
    """The kind of block ``value`` falls into in ``table``, if any.

    "reserved", "unassigned", "DOI-specific", "private use" or "ISAKMP future
    use"; ``None`` when the value is in no block (named values included: this
    does not look at names).
    """
    try:
        if not _is_number(value):
            return None
        for block in RANGES.get(table, ()):
            if value in block:
                return block.kind
        return None
    except Exception:  # noqa: BLE001
        return None


def _safe_repr(value: object) -> str:
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a hostile __repr__
        return f"<{type(value).__name__}>"
    return text if len(text) <= 60 else text[:57] + "..."


def _describe_situation(value: int) -> str:
    if value == 0:
        return f"none ({value})"
    parts = [name for bit, name in SITUATION_NAMES.items() if value & int(bit)]
    known = 0
    for bit in SITUATION_NAMES:
        known |= int(bit)  # plain ints: ~ on an IntFlag stays inside the flag
    private = value & _SITUATION_PRIVATE_BITS
    reserved = value & ~known & ~_SITUATION_PRIVATE_BITS
    if reserved:
        parts.append(f"reserved bits 0x{reserved:08x}")
    if private:
        parts.append(f"private use bits 0x{private:08x}")
    return f"{' | '.join(parts)} ({value})"


def _describe_uncached(table: RegistryTable, value: int) -> str:
    """One line for ``value`` of ``table``; never raises, whatever the input.

    - a named value: ``"<RFC name> (<value>)"``, e.g. ``"3DES-CBC (5)"``;
    - a value in a block: ``"private use (65002)"``, ``"reserved (0)"``,
      ``"DOI-specific (33)"``, ``"ISAKMP future use (7)"``;
    - any other value that fits the field: ``"unassigned (200)"``;
    - a number that does not fit the field, or something that is not a
      number: ``"invalid value ..."``.
    """
    try:
        if not _is_number(value):
            return f"invalid value {_safe_repr(value)} (not an integer)"
        number = int(value)
        bits = FIELD_BITS.get(table)
        if bits is None:
            return f"invalid value {number} (unknown table {_safe_repr(table)})"
        top = (1 << bits) - 1
        if number < 0 or number > top:
            return f"invalid value {number} (outside 0..{top})"
        if table is Situation:
            return _describe_situation(number)
        name = rfc_name(table, number)
        if name is not None:
            return f"{name} ({number})"
        kind = range_kind(table, number)
        if kind is not None:
            return f"{kind} ({number})"
        try:
            member = table(number)
        except ValueError:
            return f"{UNASSIGNED} ({number})"
        return f"{member.name} ({number})"
    except Exception:  # noqa: BLE001 - the user interface relies on this
        return f"invalid value {_safe_repr(value)}"


_ATTRIBUTE_TABLES: Final[
    dict[int, tuple[type[IntEnum], Mapping[int, str], Mapping[int, type[IntEnum]]]]
] = {
    1: (
        Phase1Attribute,
        PHASE1_ATTRIBUTE_LABELS,
        {int(k): v for k, v in PHASE1_ATTRIBUTE_VALUES.items()},
    ),
    2: (
        Phase2Attribute,
        PHASE2_ATTRIBUTE_LABELS,
        {int(k): v for k, v in PHASE2_ATTRIBUTE_VALUES.items()},
    ),
}


def _bytes_as_hex(data: bytes) -> str:
    if not data:
        return "(empty)"
    text = data.hex()
    if len(text) > 64:
        return f"0x{text[:64]}... ({len(data)} bytes)"
    return f"0x{text}"


def describe_attribute(phase: int, attr_type: int, value: int | bytes) -> str:
    """One line for a transform attribute of ``phase`` 1 or 2; never raises.

    ``value`` is the integer of a TV attribute or the value bytes of a TLV
    one. Examples: ``"Encryption-Algorithm = 3DES-CBC (5)"``,
    ``"Life-Duration = 28800"``, ``"Key-Length = 128"``.
    """
    try:
        tables = _ATTRIBUTE_TABLES.get(phase) if _is_number(phase) else None
        if tables is None:
            return f"invalid phase {_safe_repr(phase)} (attribute {_safe_repr(attr_type)})"
        type_table, labels, value_tables = tables
        if not _is_number(attr_type):
            return f"invalid attribute type {_safe_repr(attr_type)}"
        label = labels.get(attr_type)
        if label is None:
            label = f"Attribute {describe(type_table, attr_type)}"
        raw: object = value
        if isinstance(raw, bytearray | memoryview):
            raw = bytes(raw)
        if isinstance(raw, bytes):
            if attr_type in value_tables or attr_type in _NUMERIC_ATTRIBUTES[phase]:
                if not raw or len(raw) > 16:
                    return f"{label} = {_bytes_as_hex(raw)}"
                number = int.from_bytes(raw, "big")
            else:
                return f"{label} = {_bytes_as_hex(raw)}"
        elif isinstance(raw, int) and not isinstance(raw, bool):
            number = int(raw)
        else:
            return f"{label} = invalid value {_safe_repr(raw)}"
        value_table = value_tables.get(attr_type)
        if value_table is not None:
            return f"{label} = {describe(value_table, number)}"
        return f"{label} = {number}"
    except Exception:  # noqa: BLE001
        return f"invalid attribute {_safe_repr(attr_type)} = {_safe_repr(value)}"


@functools.lru_cache(maxsize=4096)
def _describe_cached(table: RegistryTable, value: int) -> str:
    return _describe_uncached(table, value)


def describe(table: RegistryTable, value: int) -> str:
    """One line for ``value`` of ``table``; never raises (see :func:`_describe_uncached`).

    Cached: the engine describes the same few values in every event it emits.
    """
    if type(value) is int:
        return _describe_cached(table, value)
    return _describe_uncached(table, value)
