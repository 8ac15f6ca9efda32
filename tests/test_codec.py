"""The ISAKMP codec on hand-built messages, known sizes and every error path."""

from __future__ import annotations

import struct

import pytest

from ikeviz.protocol.codec import (
    FLAG_ENCRYPTION,
    PT_NONCE,
    Attribute,
    Certificate,
    CertificateRequest,
    DecodeError,
    Delete,
    FieldSpan,
    Fragment,
    Hash,
    Header,
    Identification,
    KeyExchange,
    Message,
    ModeConfigAttributes,
    NatDiscovery,
    NatOriginalAddress,
    Nonce,
    Notification,
    Payload,
    Proposal,
    SecurityAssociation,
    Signature,
    Transform,
    UnknownPayload,
    VendorId,
    decode_attributes,
    decode_header,
    decode_message,
    decode_payloads,
    encode_message,
    encode_payload_body,
    encode_payloads,
    identification_text,
)
from ikeviz.protocol.errors import EncodeError

ICOOKIE = bytes.fromhex("c2609428b13384f3")
RCOOKIE = bytes.fromhex("140a19753a35504e")


def ike_transform(number: int, enc: int, hash_: int, group: int, auth: int = 1) -> Transform:
    return Transform(
        number,
        1,  # KEY_IKE
        (
            Attribute.basic(1, enc),
            Attribute.basic(2, hash_),
            Attribute.basic(3, auth),
            Attribute.basic(4, group),
            Attribute.basic(11, 1),
            Attribute.integer(12, 28800),
        ),
    )


def test_ike_scan_default_main_mode_message_is_336_bytes() -> None:
    # ike-scan's default offer: 8 transforms x 6 attributes (3DES/DES x SHA1/MD5
    # x group 2/1, PSK, 28800 s as a 4-byte TLV) = 336 bytes of UDP data.
    transforms = []
    number = 1
    for enc in (5, 1):
        for hash_ in (2, 1):
            for group in (2, 1):
                transforms.append(ike_transform(number, enc, hash_, group))
                number += 1
    sa = SecurityAssociation(1, 1, (Proposal(1, 1, b"", tuple(transforms)),))
    message = Message(Header(ICOOKIE, bytes(8), exchange_type=2), (sa,))
    data = encode_message(message)
    assert len(data) == 336
    assert struct.unpack("!I", data[24:28])[0] == 336
    decoded = decode_message(data)
    assert decoded.payloads == (sa,)
    assert decoded.header.length == 336
    assert decoded.header.next_payload == 1


def every_payload() -> tuple[Payload, ...]:
    return (
        SecurityAssociation(
            1,
            1,
            (
                Proposal(
                    1,
                    3,
                    bytes.fromhex("c1a2b3d4"),
                    (
                        Transform(1, 12, (Attribute.basic(6, 256), Attribute.basic(5, 2))),
                        Transform(2, 3, (Attribute.basic(1, 1), Attribute.integer(2, 3600))),
                    ),
                ),
                Proposal(2, 2, bytes.fromhex("c1a2b3d5"), (Transform(1, 3, ()),)),
            ),
        ),
        KeyExchange(bytes(range(128))),
        Identification(1, 17, 500, bytes([10, 99, 0, 1])),
        Identification(4, 0, 0, bytes([10, 1, 0, 0, 255, 255, 255, 0])),
        Identification(2, 0, 0, b"vpn.example.com"),
        Certificate(4, b"\x30\x82\x01\x00certificate"),
        CertificateRequest(4, b""),
        Hash(bytes(20)),
        Signature(bytes(range(64))),
        Nonce(bytes(range(32))),
        Notification(1, 1, 24578, ICOOKIE + RCOOKIE, b""),
        Notification(1, 3, 24576, b"\x01\x02\x03\x04", bytes.fromhex("800100010002000400000e10")),
        Notification(1, 1, 36136, ICOOKIE + RCOOKIE, b"\x00\x00\x00\x07"),
        Delete(1, 3, 4, (b"\x01\x02\x03\x04", b"\x05\x06\x07\x08")),
        Delete(1, 1, 16, (ICOOKIE + RCOOKIE,)),
        VendorId(bytes.fromhex("4a131c81070358455c5728f20e95452f")),
        ModeConfigAttributes(1, 7, (Attribute.variable(1, b""), Attribute.basic(16520, 1))),
        NatDiscovery(bytes(20)),
        NatDiscovery(bytes(16), 130),
        NatOriginalAddress(1, bytes([192, 168, 1, 2])),
        NatOriginalAddress(5, bytes(16), 131),
        Fragment(1, 1, 1, b"fragment data"),
        UnknownPayload(200, b"anything", reserved=3),
    )


def test_every_payload_type_round_trips() -> None:
    payloads = every_payload()
    message = Message(Header(ICOOKIE, RCOOKIE, exchange_type=32, message_id=0x1234), payloads)
    data = encode_message(message)
    decoded = decode_message(data)
    assert decoded.payloads == payloads
    assert encode_message(decoded) == data


def test_responder_lifetime_and_dpd_data_are_readable() -> None:
    data = bytes.fromhex("800100010002000400000e10")
    lifetime = Notification(1, 3, 24576, b"\x01\x02\x03\x04", data)
    assert lifetime.lifetime_attributes == (Attribute(1, 1), Attribute(2, b"\x00\x00\x0e\x10"))
    assert lifetime.lifetime_attributes[1].as_int() == 3600
    dpd = Notification(1, 1, 36137, bytes(16), b"\x00\x00\x01\x00")
    assert dpd.dpd_sequence == 256


def test_nonreserved_fields_and_flags_are_kept() -> None:
    # RESERVED bytes that are not zero, minor version 1 and undefined flag bits
    # all survive a decode/encode, so any decodable message re-encodes exactly.
    transform = Transform(1, 1, (Attribute(1, 5),), reserved2=0xABCD, reserved=9)
    sa = SecurityAssociation(1, 1, (Proposal(1, 1, b"", (transform,), reserved=7),), reserved=1)
    header = Header(ICOOKIE, RCOOKIE, exchange_type=2, flags=0xF0, minor_version=1)
    data = encode_message(Message(header, (sa,)))
    assert encode_message(decode_message(data)) == data
    assert decode_message(data).header.minor_version == 1


def test_encrypted_message_keeps_ciphertext_and_first_payload_type() -> None:
    header = Header(ICOOKIE, RCOOKIE, exchange_type=2, flags=FLAG_ENCRYPTION, next_payload=5)
    data = encode_message(Message(header, (), bytes(range(48))))
    decoded = decode_message(data)
    assert decoded.ciphertext == bytes(range(48))
    assert decoded.header.next_payload == 5
    assert decoded.header.encrypted
    assert encode_message(decoded) == data


def test_decrypted_body_with_padding() -> None:
    body = encode_payloads((Identification(1, 17, 500, bytes([10, 0, 0, 1])), Hash(bytes(16))))
    padded = body + bytes(7) + b"\x07"
    payloads, padding = decode_payloads(padded, 5)
    assert [p.payload_type for p in payloads] == [5, 8]
    assert padding == bytes(7) + b"\x07"
    with pytest.raises(DecodeError) as info:
        decode_payloads(padded, 5, allow_padding=False)
    assert info.value.path == "HASH.next_payload"


def test_identification_text() -> None:
    assert identification_text(1, bytes([10, 99, 0, 1])) == "10.99.0.1"
    assert identification_text(4, bytes([10, 1, 0, 0, 255, 255, 255, 0])) == "10.1.0.0/24"
    assert identification_text(4, bytes([10, 1, 0, 0, 255, 0, 255, 0])) == "10.1.0.0/255.0.255.0"
    assert identification_text(7, bytes([10, 0, 0, 1, 10, 0, 0, 9])) == "10.0.0.1-10.0.0.9"
    assert identification_text(5, bytes(15) + b"\x01") == "::1"
    assert identification_text(6, bytes(16) + b"\xff" * 8 + bytes(8)) == "::/64"
    assert identification_text(3, b"user@example.com") == "user@example.com"
    assert identification_text(9, b"\x30\x00") == "3000"
    assert identification_text(1, b"\x01") == "01"  # wrong size: hex, no exception


def test_payload_body_is_what_rfc2409_hashes() -> None:
    # SAi_b and IDii_b are the payload bodies without the generic header.
    ident = Identification(1, 17, 500, bytes([10, 99, 0, 1]))
    assert encode_payload_body(ident) == bytes([1, 17, 1, 244, 10, 99, 0, 1])


def test_field_spans_point_at_the_bytes() -> None:
    transform = Transform(1, 1, (Attribute.basic(1, 7), Attribute.basic(14, 128)))
    sa = SecurityAssociation(1, 1, (Proposal(1, 1, b"", (transform,)),))
    data = encode_message(Message(Header(ICOOKIE, bytes(8), exchange_type=2), (sa,)))
    spans: list[FieldSpan] = []
    decode_message(data, spans=spans)
    by_path = {s.path: s for s in spans}
    attr = by_path["SA.proposal[0].transform[0].attribute[1]"]
    assert data[attr.start : attr.end] == bytes.fromhex("800e0080")
    assert by_path["header.length"] == FieldSpan("header.length", 24, 28)
    assert by_path["SA"].start == 28 and by_path["SA"].end == len(data)
    assert data[by_path["SA.doi"].start : by_path["SA.doi"].end] == b"\x00\x00\x00\x01"


def base_message() -> bytes:
    transform = Transform(1, 1, (Attribute.basic(1, 7), Attribute.integer(12, 28800)))
    sa = SecurityAssociation(1, 1, (Proposal(1, 1, b"", (transform,)),))
    return encode_message(
        Message(Header(ICOOKIE, bytes(8), exchange_type=2), (sa, VendorId(b"\x01" * 16)))
    )


def patched(data: bytes, offset: int, new: bytes) -> bytes:
    return data[:offset] + new + data[offset + len(new) :]


def with_length(data: bytes) -> bytes:
    return data[:24] + struct.pack("!I", len(data)) + data[28:]


# Layout of base_message(): header 0-27; SA 28 (generic header 28-31, DOI 32,
# situation 36); proposal 40 (header 40-43, number 44, protocol 45, SPI size
# 46, count 47); transform 48 (header 48-51, number 52, id 53, reserved 54);
# attribute[0] 56-59; attribute[1] 60-67 (type 60, length 62, value 64);
# VID 68-87.
ERROR_CASES = [
    ("short header", lambda d: d[:20], "header", 0),
    ("IKEv2 version", lambda d: patched(d, 17, b"\x20"), "header.version", 17),
    ("length not the datagram's", lambda d: patched(d, 24, b"\x00\x00\x00\x10"),
     "header.length", 24),
    ("trailing byte", lambda d: with_length(d + b"\x00"), "VID.next_payload", 88),
    ("chain ends early", lambda d: patched(d, 68, b"\x0a"), "NONCE", 88),
    ("payload length under 4", lambda d: patched(d, 70, b"\x00\x02"), "VID.length", 70),
    ("payload overruns message", lambda d: patched(d, 70, b"\x00\x40"), "VID.length", 70),
    ("proposal payload at top level", lambda d: patched(d, 28, b"\x02"),
     "SA.next_payload", 68),
    ("proposal count too high", lambda d: patched(d, 47, b"\x02"),
     "SA.proposal[0].transform_count", 47),
    ("transform chain ends early", lambda d: patched(d, 48, b"\x03"),
     "SA.proposal[0].transform[1]", 68),
    ("proposal count too low", lambda d: patched(d, 47, b"\x00"),
     "SA.proposal[0].transform_count", 47),
    ("transform next payload wrong", lambda d: patched(d, 48, b"\x05"),
     "SA.proposal[0].transform[0].next_payload", 68),
    ("attribute overruns transform", lambda d: patched(d, 62, b"\x00\x09"),
     "SA.proposal[0].transform[0].attribute[1].length", 62),
    ("transform overruns proposal", lambda d: patched(d, 50, b"\x00\x30"),
     "SA.proposal[0].transform[0].length", 50),
    ("SA without proposal", lambda d: with_length(patched(d, 30, b"\x00\x0c")[:40] + d[68:]),
     "SA.proposal[0]", 40),
    ("labelled situation", lambda d: patched(d, 36, b"\x00\x00\x00\x03"),
     "SA.situation", 36),
    ("proposal next payload wrong", lambda d: patched(d, 40, b"\x01"),
     "SA.proposal[0].next_payload", 68),
]


@pytest.mark.parametrize(("name", "mutate", "path", "offset"), ERROR_CASES,
                         ids=[c[0] for c in ERROR_CASES])
def test_decode_errors_name_the_field_and_offset(
    name: str, mutate: object, path: str, offset: int
) -> None:
    data = base_message()
    assert len(data) == 88
    bad = mutate(data)  # type: ignore[operator]
    with pytest.raises(DecodeError) as info:
        decode_message(bad)
    assert info.value.path == path, str(info.value)
    assert info.value.offset == offset, str(info.value)
    assert "expected" in str(info.value)


def body_error(payload_type: int, body: bytes) -> DecodeError:
    chain = struct.pack("!BBH", 0, 0, 4 + len(body)) + body
    with pytest.raises(DecodeError) as info:
        decode_payloads(chain, payload_type, allow_padding=False)
    return info.value


def test_payload_specific_errors() -> None:
    assert body_error(5, bytes([1, 0, 0, 0, 10, 0, 0])).path == "ID.data"  # IPv4 of 3 bytes
    assert body_error(11, bytes(7)).path == "N.length"
    dpd = struct.pack("!IBBH", 1, 1, 0, 36136) + b"\x00\x01"
    assert body_error(11, dpd).path == "N.data"
    lifetime = struct.pack("!IBBH", 1, 3, 0, 24576) + b"\x00\x02\x00\x09\x00"
    assert body_error(11, lifetime).path == "N.data.attribute[0].length"
    delete = struct.pack("!IBBH", 1, 3, 4, 2) + bytes(4)
    assert body_error(12, delete).path == "D.spi_count"
    assert body_error(21, bytes([1, 0, 0, 0, 1, 2])).path == "NAT-OA.address"
    assert body_error(21, bytes([2, 0, 0, 0, 1, 2, 3, 4])).path == "NAT-OA.id_type"
    assert body_error(6, b"").path == "CERT.length"
    assert body_error(1, bytes(8)).path == "SA.proposal[0]"


def test_notify_spi_overrun() -> None:
    err = body_error(11, struct.pack("!IBBH", 1, 1, 16, 14) + bytes(4))
    assert err.path == "N.spi"
    assert err.offset == 28 + 4 + 8


def test_header_decode_and_attribute_list() -> None:
    header = decode_header(base_message())
    assert header.icookie == ICOOKIE and header.exchange_type == 2
    attrs = decode_attributes(bytes.fromhex("800b0001000c000400007080"))
    assert attrs == (Attribute(11, 1), Attribute(12, b"\x00\x00\x70\x80"))
    assert attrs[1].as_int() == 28800


def test_encode_rejects_out_of_range_values() -> None:
    with pytest.raises(EncodeError):
        encode_payloads((Nonce(b"x" * 70000),))
    with pytest.raises(EncodeError):
        too_big = Transform(1, 1, (Attribute(1, 70000),))
        encode_payloads((SecurityAssociation(1, 1, (Proposal(1, 1, b"", (too_big,)),)),))
    with pytest.raises(EncodeError):
        encode_message(Message(Header(b"short", RCOOKIE, exchange_type=2), (Nonce(b"n"),)))
    with pytest.raises(EncodeError):
        encode_payloads((Delete(1, 3, 4, (b"12",)),))


def test_nonce_type_constant() -> None:
    assert Nonce(b"").payload_type == PT_NONCE == 10
