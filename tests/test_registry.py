"""The IKEv1 registries and the Vendor ID table against the RFC / IANA numbers."""

from __future__ import annotations

import hashlib
import re
from enum import IntEnum
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ikeviz.protocol import registry as reg
from ikeviz.protocol import vendor_ids
from ikeviz.protocol.registry import (
    DOI,
    PHASE1_ATTRIBUTE_VALUES,
    PHASE1_VARIABLE_ATTRIBUTES,
    PHASE2_ATTRIBUTE_VALUES,
    PHASE2_VARIABLE_ATTRIBUTES,
    RANGES,
    TRANSFORM_ID_TABLES,
    AhTransformId,
    AuthAlgorithm,
    AuthMethod,
    CertEncoding,
    EncapsulationMode,
    EncryptionAlgorithm,
    EspTransformId,
    ExchangeType,
    ExtendedSequenceNumbers,
    GroupDescription,
    GroupType,
    HashAlgorithm,
    IdType,
    IpcompTransformId,
    KeyExchangeTransformId,
    LifeType,
    NotifyType,
    PayloadType,
    Phase1Attribute,
    Phase2Attribute,
    Phase2LifeType,
    Prf,
    ProtocolId,
    RegistryTable,
    Situation,
    describe,
    describe_attribute,
    max_value,
    range_kind,
    rfc_name,
)
from ikeviz.protocol.vendor_ids import (
    KNOWN_VENDOR_IDS,
    identify_vendor_id,
    vendor_id_for,
)

ALL_TABLES: list[RegistryTable] = list(reg.FIELD_BITS)

# --- numbers of each table against the RFCs ------------------------------------------

NUMBERS: list[tuple[int, int]] = [
    # (member, number the RFC / IANA gives)
    (ExchangeType.NONE, 0),
    (ExchangeType.IDENTITY_PROTECTION, 2),  # RFC 2408 §3.1
    (ExchangeType.AGGRESSIVE, 4),
    (ExchangeType.INFORMATIONAL, 5),
    (ExchangeType.TRANSACTION, 6),  # Mode-Config draft
    (ExchangeType.QUICK_MODE, 32),  # RFC 2409 App. A
    (ExchangeType.NEW_GROUP_MODE, 33),
    (PayloadType.SA, 1),  # RFC 2408 §3.1
    (PayloadType.VENDOR_ID, 13),
    (PayloadType.MODE_CONFIG, 14),
    (PayloadType.SAK, 15),  # RFC 3547
    (PayloadType.POP, 19),
    (PayloadType.NAT_D, 20),  # RFC 3947
    (PayloadType.NAT_OA, 21),
    (PayloadType.NAT_D_DRAFT, 130),
    (PayloadType.NAT_OA_DRAFT, 131),
    (PayloadType.FRAGMENT, 132),
    (NotifyType.INVALID_PAYLOAD_TYPE, 1),  # RFC 2408 §3.14.1
    (NotifyType.NO_PROPOSAL_CHOSEN, 14),
    (NotifyType.PAYLOAD_MALFORMED, 16),
    (NotifyType.INVALID_ID_INFORMATION, 18),
    (NotifyType.INVALID_HASH_INFORMATION, 23),
    (NotifyType.AUTHENTICATION_FAILED, 24),
    (NotifyType.UNEQUAL_PAYLOAD_LENGTHS, 30),
    (NotifyType.CONNECTED, 16384),
    (NotifyType.RESPONDER_LIFETIME, 24576),  # RFC 2407 §4.6.3
    (NotifyType.REPLAY_STATUS, 24577),
    (NotifyType.INITIAL_CONTACT, 24578),
    (NotifyType.R_U_THERE, 36136),  # RFC 3706
    (NotifyType.R_U_THERE_ACK, 36137),
    (DOI.ISAKMP, 0),
    (DOI.IPSEC, 1),
    (DOI.GDOI, 2),
    (Situation.IDENTITY_ONLY, 0x01),  # RFC 2407 §4.2
    (Situation.SECRECY, 0x02),
    (Situation.INTEGRITY, 0x04),
    (ProtocolId.ISAKMP, 1),  # RFC 2407 §4.4.1
    (ProtocolId.IPSEC_AH, 2),
    (ProtocolId.IPSEC_ESP, 3),
    (ProtocolId.IPCOMP, 4),
    (ProtocolId.GIGABEAM_RADIO, 5),  # RFC 4705
    (IdType.IPV4_ADDR, 1),  # RFC 2407 §4.6.2.1
    (IdType.IPV4_ADDR_SUBNET, 4),
    (IdType.DER_ASN1_DN, 9),
    (IdType.KEY_ID, 11),
    (Phase1Attribute.ENCRYPTION_ALGORITHM, 1),  # RFC 2409 App. A
    (Phase1Attribute.GROUP_DESCRIPTION, 4),
    (Phase1Attribute.LIFE_TYPE, 11),
    (Phase1Attribute.LIFE_DURATION, 12),
    (Phase1Attribute.PRF, 13),
    (Phase1Attribute.KEY_LENGTH, 14),
    (Phase1Attribute.GROUP_ORDER, 16),
    (EncryptionAlgorithm.DES_CBC, 1),
    (EncryptionAlgorithm.TRIPLE_DES_CBC, 5),
    (EncryptionAlgorithm.AES_CBC, 7),
    (EncryptionAlgorithm.CAMELLIA_CBC, 8),
    (EncryptionAlgorithm.AES_CTR, 13),
    (HashAlgorithm.MD5, 1),
    (HashAlgorithm.SHA, 2),
    (HashAlgorithm.TIGER, 3),
    (HashAlgorithm.SHA2_256, 4),
    (HashAlgorithm.SHA2_512, 6),
    (AuthMethod.PSK, 1),
    (AuthMethod.RSA_SIG, 3),
    (AuthMethod.RSA_ENC_REV, 5),
    (AuthMethod.ECDSA_P256, 9),  # RFC 4754
    (AuthMethod.ECDSA_P521, 11),
    (AuthMethod.HYBRID_INIT_RSA, 64221),
    (AuthMethod.HYBRID_RESP_DSS, 64224),
    (AuthMethod.XAUTH_INIT_PSK, 65001),
    (AuthMethod.XAUTH_RESP_RSA_REV_ENC, 65010),
    (GroupDescription.MODP_768, 1),
    (GroupDescription.MODP_1024, 2),
    (GroupDescription.MODP_1536, 5),  # RFC 3526
    (GroupDescription.MODP_2048, 14),
    (GroupDescription.MODP_8192, 18),
    (GroupDescription.ECP_256, 19),  # RFC 5903
    (GroupDescription.ECP_521, 21),
    (GroupDescription.MODP_2048_S256, 24),  # RFC 5114
    (GroupDescription.BRAINPOOL_P512R1, 30),  # RFC 6932
    (GroupDescription.CURVE448, 32),
    (GroupType.MODP, 1),
    (GroupType.ECP, 2),
    (GroupType.EC2N, 3),
    (LifeType.SECONDS, 1),
    (LifeType.KILOBYTES, 2),
    (Phase2Attribute.SA_LIFE_TYPE, 1),  # RFC 2407 §4.5
    (Phase2Attribute.SA_LIFE_DURATION, 2),
    (Phase2Attribute.GROUP_DESCRIPTION, 3),
    (Phase2Attribute.ENCAPSULATION_MODE, 4),
    (Phase2Attribute.AUTHENTICATION_ALGORITHM, 5),
    (Phase2Attribute.KEY_LENGTH, 6),
    (Phase2Attribute.COMPRESS_PRIVATE_ALGORITHM, 9),
    (Phase2Attribute.ECN_TUNNEL, 10),  # RFC 3168
    (Phase2Attribute.EXTENDED_SEQUENCE_NUMBER, 11),  # RFC 4304
    (Phase2LifeType.SECONDS, 1),
    (Phase2LifeType.KILOBYTES, 2),
    (EncapsulationMode.TUNNEL, 1),
    (EncapsulationMode.TRANSPORT, 2),
    (EncapsulationMode.UDP_ENCAPSULATED_TUNNEL, 3),  # RFC 3947 §5.1
    (EncapsulationMode.UDP_ENCAPSULATED_TRANSPORT, 4),
    (EncapsulationMode.UDP_ENCAPSULATED_TUNNEL_DRAFT, 61443),
    (EncapsulationMode.UDP_ENCAPSULATED_TRANSPORT_DRAFT, 61444),
    (AuthAlgorithm.HMAC_MD5, 1),
    (AuthAlgorithm.HMAC_SHA, 2),
    (AuthAlgorithm.KPDK, 4),
    (AuthAlgorithm.HMAC_SHA2_256, 5),
    (AuthAlgorithm.AES_XCBC_MAC, 9),
    (AuthAlgorithm.AES_256_GMAC, 13),
    (ExtendedSequenceNumbers.SEQUENCE_32_BIT, 0),
    (ExtendedSequenceNumbers.SEQUENCE_64_BIT, 1),
    (EspTransformId.ESP_DES, 2),  # RFC 2407 §4.4.4
    (EspTransformId.ESP_3DES, 3),
    (EspTransformId.ESP_NULL, 11),
    (EspTransformId.ESP_AES, 12),  # RFC 3602
    (EspTransformId.ESP_AES_CTR, 13),
    (EspTransformId.ESP_AES_GCM_16, 20),
    (EspTransformId.ESP_CAMELLIA, 22),
    (AhTransformId.AH_MD5, 2),  # RFC 2407 §4.4.3
    (AhTransformId.AH_SHA, 3),
    (AhTransformId.AH_DES, 4),
    (AhTransformId.AH_SHA2_256, 5),
    (AhTransformId.AH_RIPEMD, 8),
    (AhTransformId.AH_AES_XCBC_MAC, 9),
    (AhTransformId.AH_AES_256_GMAC, 13),
    (IpcompTransformId.IPCOMP_OUI, 1),  # RFC 2407 §4.4.5
    (IpcompTransformId.IPCOMP_DEFLATE, 2),
    (IpcompTransformId.IPCOMP_LZS, 3),
    (IpcompTransformId.IPCOMP_LZJH, 4),
    (KeyExchangeTransformId.KEY_IKE, 1),  # RFC 2407 §4.4.2
    (CertEncoding.NONE, 0),  # RFC 2408 §3.9
    (CertEncoding.PKCS7_WRAPPED_X509, 1),
    (CertEncoding.X509_SIGNATURE, 4),
    (CertEncoding.CRL, 7),
    (CertEncoding.X509_ATTRIBUTE, 10),
    (Prf.PRF_3DES_CBC_MAC, 1),
]


@pytest.mark.parametrize(("member", "number"), NUMBERS)
def test_member_numbers(member: int, number: int) -> None:
    assert int(member) == number


def test_member_names_are_upper_case_identifiers() -> None:
    for table in ALL_TABLES:
        for member in table:
            assert member.name is not None
            assert member.name.isidentifier()
            assert member.name == member.name.upper(), (table, member.name)


def test_every_table_has_names_ranges_and_a_width() -> None:
    for table in ALL_TABLES:
        assert table in RANGES
        assert max_value(table) >= max(int(m) for m in table)
        for block in RANGES[table]:
            assert 0 <= block.first <= block.last <= max_value(table)


def test_named_members_have_a_name() -> None:
    for table in ALL_TABLES:
        for member in table:
            if table is Prf and member is Prf.RESERVED:
                continue  # a placeholder: describe() says "reserved (0)"
            assert rfc_name(table, int(member)), (table, member)


# --- RFC names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "value", "name"),
    [
        (EncryptionAlgorithm, 5, "3DES-CBC"),
        (EncryptionAlgorithm, 7, "AES-CBC"),
        (HashAlgorithm, 2, "SHA"),
        (NotifyType, 14, "NO-PROPOSAL-CHOSEN"),
        (NotifyType, 24578, "INITIAL-CONTACT"),
        (NotifyType, 36136, "R-U-THERE"),
        (EspTransformId, 12, "ESP_AES"),
        (EspTransformId, 3, "ESP_3DES"),
        (GroupDescription, 2, "Alternate 1024-bit MODP group"),
        (GroupDescription, 14, "2048-bit MODP group"),
        (GroupDescription, 19, "256-bit random ECP group"),
        (AuthMethod, 1, "Pre-shared key"),
        (AuthMethod, 65001, "XAUTHInitPreShared"),
        (ExchangeType, 2, "Identity Protection (Main Mode)"),
        (ExchangeType, 32, "Quick Mode"),
        (IdType, 1, "ID_IPV4_ADDR"),
        (ProtocolId, 3, "PROTO_IPSEC_ESP"),
        (AuthAlgorithm, 2, "HMAC-SHA"),
        (EncapsulationMode, 1, "Tunnel"),
        (Situation, 1, "SIT_IDENTITY_ONLY"),
        (CertEncoding, 4, "X.509 Certificate - Signature"),
        (Phase1Attribute, 12, "Life Duration"),
        (Phase2Attribute, 1, "SA Life Type"),
    ],
)
def test_rfc_name(table: RegistryTable, value: int, name: str) -> None:
    assert rfc_name(table, value) == name


def test_rfc_name_unknown_is_none() -> None:
    assert rfc_name(EncryptionAlgorithm, 200) is None
    assert rfc_name(NotifyType, -1) is None
    assert rfc_name(int, 1) is None  # type: ignore[arg-type]


# --- ranges ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "value", "text"),
    [
        (EncryptionAlgorithm, 5, "3DES-CBC (5)"),
        (NotifyType, 14, "NO-PROPOSAL-CHOSEN (14)"),
        (EncryptionAlgorithm, 0, "reserved (0)"),
        (EncryptionAlgorithm, 200, "unassigned (200)"),
        (EncryptionAlgorithm, 65002, "private use (65002)"),
        (HashAlgorithm, 65535, "private use (65535)"),
        (LifeType, 65001, "private use (65001)"),
        (Prf, 0, "reserved (0)"),
        (Prf, 65001, "private use (65001)"),
        (PayloadType, 128, "private use (128)"),
        (PayloadType, 255, "private use (255)"),
        (PayloadType, 50, "unassigned (50)"),
        (ExchangeType, 7, "ISAKMP future use (7)"),
        (ExchangeType, 31, "ISAKMP future use (31)"),
        (ExchangeType, 34, "DOI-specific (34)"),
        (ExchangeType, 239, "DOI-specific (239)"),
        (ExchangeType, 240, "private use (240)"),
        (NotifyType, 31, "reserved (31)"),
        (NotifyType, 8191, "reserved (8191)"),
        (NotifyType, 8193, "private use (8193)"),
        (NotifyType, 16385, "reserved (16385)"),
        (NotifyType, 24579, "DOI-specific (24579)"),
        (NotifyType, 32767, "DOI-specific (32767)"),
        (NotifyType, 40000, "private use (40000)"),
        (NotifyType, 40960, "reserved (40960)"),
        (Phase1Attribute, 17, "unassigned (17)"),
        (Phase1Attribute, 16384, "private use (16384)"),
        (Phase2Attribute, 16, "unassigned (16)"),
        (Phase2Attribute, 32001, "private use (32001)"),
        (GroupDescription, 33, "unassigned (33)"),
        (GroupDescription, 32768, "private use (32768)"),
        (AuthAlgorithm, 61440, "private use (61440)"),
        (EncapsulationMode, 61441, "private use (61441)"),
        (ProtocolId, 249, "private use (249)"),
        (IdType, 255, "private use (255)"),
        (EspTransformId, 17, "unassigned (17)"),
        (EspTransformId, 250, "private use (250)"),
        (AhTransformId, 1, "reserved (1)"),
        (IpcompTransformId, 48, "private use (48)"),
        (IpcompTransformId, 100, "reserved (100)"),
        (CertEncoding, 11, "reserved (11)"),
        (DOI, 3, "unassigned (3)"),
        (Situation, 3, "SIT_IDENTITY_ONLY | SIT_SECRECY (3)"),
        (Situation, 0, "none (0)"),
    ],
)
def test_describe(table: RegistryTable, value: int, text: str) -> None:
    assert describe(table, value) == text


def test_range_kind() -> None:
    assert range_kind(EncryptionAlgorithm, 65001) == "private use"
    assert range_kind(ExchangeType, 100) == "DOI-specific"
    assert range_kind(EncryptionAlgorithm, 5) is None


def test_situation_reserved_and_private_bits() -> None:
    text = describe(Situation, 0x80000009)
    assert text.startswith("SIT_IDENTITY_ONLY | reserved bits 0x00000008")
    assert "private use bits 0x80000000" in text


@pytest.mark.parametrize(
    ("table", "value"),
    [
        (ExchangeType, 256),
        (ExchangeType, -1),
        (NotifyType, 65536),
        (Phase1Attribute, 32768),
        (DOI, 1 << 32),
        (EncryptionAlgorithm, 10**40),
    ],
)
def test_describe_out_of_field_is_invalid(table: RegistryTable, value: int) -> None:
    assert describe(table, value).startswith("invalid value")


def test_describe_wrong_types_are_invalid() -> None:
    assert describe(EncryptionAlgorithm, "5").startswith("invalid value")  # type: ignore[arg-type]
    assert describe(EncryptionAlgorithm, 5.0).startswith("invalid value")  # type: ignore[arg-type]
    assert describe(EncryptionAlgorithm, None).startswith("invalid value")  # type: ignore[arg-type]
    assert describe(EncryptionAlgorithm, True).startswith("invalid value")
    assert describe(int, 5).startswith("invalid value")  # type: ignore[arg-type]


@given(st.sampled_from(ALL_TABLES), st.integers(min_value=-(2**70), max_value=2**70))
def test_describe_never_raises(table: RegistryTable, value: int) -> None:
    text = describe(table, value)
    assert isinstance(text, str)
    assert text.endswith(")") or text.startswith("invalid value")


@given(
    st.sampled_from(ALL_TABLES),
    st.one_of(st.none(), st.text(), st.floats(), st.binary(), st.lists(st.integers())),
)
def test_describe_never_raises_on_non_integers(table: RegistryTable, value: object) -> None:
    assert describe(table, value).startswith("invalid value")  # type: ignore[arg-type]


@given(st.sampled_from(ALL_TABLES), st.integers(min_value=0, max_value=2**32 - 1))
def test_describe_in_field_is_never_invalid(table: RegistryTable, value: int) -> None:
    if value <= max_value(table):
        assert not describe(table, value).startswith("invalid")


# --- attributes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phase", "attr", "value", "text"),
    [
        (1, 1, 5, "Encryption-Algorithm = 3DES-CBC (5)"),
        (1, 1, 7, "Encryption-Algorithm = AES-CBC (7)"),
        (1, 2, 1, "Hash-Algorithm = MD5 (1)"),
        (1, 3, 1, "Authentication-Method = Pre-shared key (1)"),
        (1, 4, 2, "Group-Description = Alternate 1024-bit MODP group (2)"),
        (1, 11, 1, "Life-Type = seconds (1)"),
        (1, 12, 28800, "Life-Duration = 28800"),
        (1, 12, b"\x00\x00\x70\x80", "Life-Duration = 28800"),  # RFC 2409 TLV
        (1, 14, 128, "Key-Length = 128"),
        (1, 1, 65002, "Encryption-Algorithm = private use (65002)"),
        (2, 1, 1, "SA-Life-Type = seconds (1)"),
        (2, 2, 3600, "SA-Life-Duration = 3600"),
        (2, 2, b"\x00\x01\x51\x80", "SA-Life-Duration = 86400"),  # RFC 2407 §4.5.2
        (2, 3, 14, "Group-Description = 2048-bit MODP group (14)"),
        (2, 4, 1, "Encapsulation-Mode = Tunnel (1)"),
        (2, 4, 61443, "Encapsulation-Mode = UDP-Encapsulated-Tunnel (draft) (61443)"),
        (2, 5, 2, "Authentication-Algorithm = HMAC-SHA (2)"),
        (2, 6, 128, "Key-Length = 128"),
        (2, 11, 1, "Extended-Sequence-Number = 64-bit Sequence Number (1)"),
    ],
)
def test_describe_attribute(phase: int, attr: int, value: int | bytes, text: str) -> None:
    assert describe_attribute(phase, attr, value) == text


def test_describe_attribute_unknown_and_odd_input() -> None:
    assert describe_attribute(1, 16385, 7) == "Attribute private use (16385) = 7"
    assert describe_attribute(3, 1, 1).startswith("invalid phase")
    assert describe_attribute(1, 6, b"\x01\x02") == "Group-Prime = 0x0102"
    assert "200 bytes" in describe_attribute(1, 6, b"\xff" * 200)
    assert describe_attribute(1, 1, b"") == "Encryption-Algorithm = (empty)"
    assert (
        describe_attribute(1, 1, 70000)
        == "Encryption-Algorithm = invalid value 70000 (outside 0..65535)"
    )


@given(
    st.one_of(st.integers(-3, 5), st.none(), st.text(max_size=3)),
    st.one_of(st.integers(min_value=-(2**20), max_value=2**20), st.none()),
    st.one_of(st.integers(min_value=-(2**80), max_value=2**80), st.binary(max_size=40), st.none()),
)
def test_describe_attribute_never_raises(phase: object, attr: object, value: object) -> None:
    assert isinstance(describe_attribute(phase, attr, value), str)  # type: ignore[arg-type]


def test_attribute_metadata() -> None:
    assert PHASE1_ATTRIBUTE_VALUES[Phase1Attribute.ENCRYPTION_ALGORITHM] is EncryptionAlgorithm
    assert PHASE1_ATTRIBUTE_VALUES[Phase1Attribute.GROUP_DESCRIPTION] is GroupDescription
    assert PHASE1_ATTRIBUTE_VALUES[Phase1Attribute.PRF] is Prf
    assert PHASE2_ATTRIBUTE_VALUES[Phase2Attribute.GROUP_DESCRIPTION] is GroupDescription
    assert PHASE2_ATTRIBUTE_VALUES[Phase2Attribute.SA_LIFE_TYPE] is Phase2LifeType
    assert PHASE2_ATTRIBUTE_VALUES[Phase2Attribute.EXTENDED_SEQUENCE_NUMBER] is (
        ExtendedSequenceNumbers
    )
    # RFC 2409 App. A: 6-10, 12 and 16 are V; RFC 2407 §4.5: 2 and 9 are V.
    assert {int(a) for a in PHASE1_VARIABLE_ATTRIBUTES} == {6, 7, 8, 9, 10, 12, 16}
    assert {int(a) for a in PHASE2_VARIABLE_ATTRIBUTES} == {2, 9}


def test_transform_id_tables() -> None:
    assert TRANSFORM_ID_TABLES[ProtocolId.ISAKMP] is KeyExchangeTransformId
    assert TRANSFORM_ID_TABLES[ProtocolId.IPSEC_AH] is AhTransformId
    assert TRANSFORM_ID_TABLES[ProtocolId.IPSEC_ESP] is EspTransformId
    assert TRANSFORM_ID_TABLES[ProtocolId.IPCOMP] is IpcompTransformId
    table: type[IntEnum] = TRANSFORM_ID_TABLES[ProtocolId.IPSEC_ESP]
    assert describe(table, 12) == "ESP_AES (12)"


def test_protocol_core_imports_no_io() -> None:
    forbidden = ("os", "time", "random", "secrets", "socket", "asyncio", "numpy", "PySide6")
    for module in (reg, vendor_ids):
        source = Path(module.__file__ or "").read_text()
        for name in forbidden:
            assert not re.search(rf"^\s*(import|from)\s+{name}\b", source, re.M), (module, name)


# --- Vendor IDs ---------------------------------------------------------------------------------

# The VIDs strongSwan 5.9.8 sent in the shared captures, named as Wireshark names them.
CAPTURE_VIDS: list[tuple[str, str]] = [
    ("09002689dfd6b712", "XAUTH"),
    ("afcad71368a1f1c96b8696fc77570100", "RFC 3706 DPD (Dead Peer Detection)"),
    ("4a131c81070358455c5728f20e95452f", "RFC 3947 Negotiation of NAT-Traversal in the IKE"),
    ("90cb80913ebb696e086381b5ec427b1f", "draft-ietf-ipsec-nat-t-ike-02\\n"),
]


@pytest.mark.parametrize(("hex_value", "name"), CAPTURE_VIDS)
def test_capture_vids(hex_value: str, name: str) -> None:
    assert identify_vendor_id(bytes.fromhex(hex_value)) == name


def _dissect_files() -> list[Path]:
    here = Path(__file__).parent / "data" / "captures"
    files = sorted(here.glob("*/dissect.txt"))
    if not files:
        files = sorted(Path("/work/shared/captures").glob("*/dissect.txt"))
    return files


def test_capture_vids_match_wireshark_dissection() -> None:
    files = _dissect_files()
    if not files:
        pytest.skip("no dissect.txt captures available")
    pairs: set[tuple[str, str]] = set()
    for path in files:
        lines = path.read_text().splitlines()
        for first, second in zip(lines, lines[1:], strict=False):
            hex_match = re.fullmatch(r"\s*Vendor ID: ([0-9a-f]+)", first)
            name_match = re.fullmatch(r"\s*Vendor ID: (.+)", second)
            if hex_match and name_match:
                pairs.add((hex_match.group(1), name_match.group(1)))
    assert pairs, "no Vendor ID lines found"
    for hex_value, name in pairs:
        assert identify_vendor_id(bytes.fromhex(hex_value)) == name


def test_rfc3947_is_md5_of_its_name() -> None:
    value = hashlib.md5(b"RFC 3947").digest()
    assert value.hex() == "4a131c81070358455c5728f20e95452f"
    assert vendor_id_for("RFC 3947 Negotiation of NAT-Traversal in the IKE") == value


@pytest.mark.parametrize(
    ("hex_value", "name"),
    [
        (
            "1e2b516905991c7d7c96fcbfb587e46100000002",
            "MS NT5 ISAKMPOAKLEY version 2 (Windows 2000)",
        ),
        (
            "1e2b516905991c7d7c96fcbfb587e46100000005",
            "MS NT5 ISAKMPOAKLEY version 5 (Windows Vista)",
        ),
        (
            "1e2b516905991c7d7c96fcbfb587e46100000008",
            "MS NT5 ISAKMPOAKLEY version 8 (Windows Server 2008 R2)",
        ),
        ("1e2b516905991c7d7c96fcbfb587e46100000063", "MS NT5 ISAKMPOAKLEY version 99"),
        ("1e2b516905991c7d7c96fcbfb587e461", "MS NT5 ISAKMPOAKLEY"),
    ],
)
def test_microsoft_prefix_with_version(hex_value: str, name: str) -> None:
    assert identify_vendor_id(bytes.fromhex(hex_value)) == name


@pytest.mark.parametrize(
    ("hex_value", "name"),
    [
        ("afcad71368a1f1c96b8696fc77570200", "RFC 3706 DPD (Dead Peer Detection) version 2.0"),
        ("12f5f28c457168a9702d9fe274cc0100", "CISCO-UNITY"),
        ("12f5f28c457168a9702d9fe274cc0200", "CISCO-UNITY version 2.0"),
        ("4048b7d56ebce88525e7de7f00d6c2d3", "FRAGMENTATION"),
        ("4048b7d56ebce88525e7de7f00d6c2d380000000", "FRAGMENTATION 80000000"),
        ("4048b7d56ebce88525e7de7f00d6c2d3c0000000", "FRAGMENTATION c0000000"),
        ("4048b7d56ebce88525e7de7f00d6c2d340000000", "FRAGMENTATION 40000000"),
        ("882fe56d6fd20dbc2251613b2ebe5beb", "strongSwan"),
        ("09002689dfd6b71280a224dec33b81e5", "draft-beaulieu-ike-xauth-02.txt"),
        ("7003cbc1097dbe9c2600ba6983bc8b35", "KAME/racoon"),
        ("4df37928e9fc4fd1b3262170d515c662", "draft-ietf-ipsec-nat-t-ike"),
        ("7d9419a65310ca6f2c179d9215529d56", "draft-ietf-ipsec-nat-t-ike-03"),
        ("cd60464335df21f87cfdb2fc68b6a448", "draft-ietf-ipsec-nat-t-ike-02"),
        ("26244d38eddb61b3172a36e3d0cfb819", "Microsoft Vid-Initial-Contact"),
        ("1f07f70eaa6514d3b0fa96542a500306", "Cisco VPN 3000 Concentrator version 3.0.6"),
        ("4f45486b7d44784d42676b5d", "Linux FreeS/WAN 2.00"),  # ike-scan value
        ("4f4548724b6e5e68557c604f", "Openswan 2.2.0"),  # ike-scan value
        ("424e455300000009", "Nortel Contivity (version 9)"),
        (
            "f4ed19e0c114eb516faaac0ee37daf2807b4381f000000010000138d000000000000000000000000",
            "Check Point (Firewall-1, NG with Application Intelligence R55)",
        ),
        (
            "47bbe7c993f1fc13b4e6d0db565c68e5010201010201010310382e302e3020284275696c6420313029000000",
            "SafeNet SoftRemote 8.0.0 (Build 10)",
        ),
        ("434953434f2d44454c4554452d524541534f4e", "CISCO-DELETE-REASON"),
        ("299ee8289f40a8973bc78687e2e7226b532c3b76", "Netscreen-1"),
    ],
)
def test_known_vendor_ids(hex_value: str, name: str) -> None:
    assert identify_vendor_id(bytes.fromhex(hex_value)) == name


def test_libreswan_prefix() -> None:
    assert identify_vendor_id(b"OE-Libreswan-4.12") == "Libreswan 4.12"
    assert identify_vendor_id(b"OENabcdefghi") == "Libreswan 3.0 - 3.5"
    assert identify_vendor_id(b"OSWxyzxyzxyz") == "Openswan (Xelerance)"


def test_non_vid_is_none() -> None:
    assert identify_vendor_id(b"") is None
    assert identify_vendor_id(bytes.fromhex("deadbeefdeadbeefdeadbeefdeadbeef")) is None
    assert identify_vendor_id(b"\x00" * 16) is None
    # a truncated known VID is not that VID
    assert identify_vendor_id(bytes.fromhex("4a131c81070358455c5728f20e9545")) is None
    assert identify_vendor_id("not bytes") is None  # type: ignore[arg-type]


@given(st.binary(max_size=80))
def test_identify_never_raises(data: bytes) -> None:
    result = identify_vendor_id(data)
    assert result is None or isinstance(result, str)


def test_table_is_consistent() -> None:
    names = [vid.name for vid in KNOWN_VENDOR_IDS]
    assert len(names) == len(set(names))
    exact = [vid.value for vid in KNOWN_VENDOR_IDS if vid.match == "exact"]
    assert len(exact) == len(set(exact))
    for vid in KNOWN_VENDOR_IDS:
        assert vid.value
        assert vid.source
        assert vendor_id_for(vid.name) == vid.value
        assert identify_vendor_id(vid.value) is not None


def test_vendor_id_for() -> None:
    assert vendor_id_for("XAUTH") == bytes.fromhex("09002689dfd6b712")
    assert vendor_id_for("RFC 3706 DPD (Dead Peer Detection)") == bytes.fromhex(
        "afcad71368a1f1c96b8696fc77570100"
    )
    assert vendor_id_for("CISCO-UNITY") == bytes.fromhex("12f5f28c457168a9702d9fe274cc0100")
    assert vendor_id_for("strongSwan") == hashlib.md5(b"strongSwan").digest()
    with pytest.raises(KeyError):
        vendor_id_for("no such vendor")
