"""Kept encodings of attribute lists, and kept decodings of SAs and transforms, equal fresh ones."""

from __future__ import annotations

import pytest

from ikeviz.protocol import codec
from ikeviz.protocol.codec import Attribute, EncodeError, encode_attributes


def _uncached(attributes: tuple[Attribute, ...]) -> bytes:
    return codec._encode_attribute_list(attributes)[0]


def test_kept_encoding_matches_the_encoding() -> None:
    attributes = (
        Attribute(1, 7),
        Attribute(14, 128),
        Attribute(12, b"\x00\x00\x70\x80"),
    )
    first = encode_attributes(attributes)
    assert first == _uncached(attributes)
    assert codec._ENCODED_ATTRIBUTES[id(attributes)] == (attributes, first)
    assert encode_attributes(attributes) == first  # served from the kept entry


def test_an_equal_tuple_is_encoded_itself() -> None:
    valid = (Attribute(1, 1), Attribute(2, 2))
    encode_attributes(valid)
    # Equal (1.0 == 1) but not encodable: never served the kept bytes.
    invalid = (Attribute(1, 1.0), Attribute(2, 2))  # type: ignore[arg-type]
    assert invalid == valid
    with pytest.raises(TypeError):
        encode_attributes(invalid)
    bad_type = (Attribute(1.0, 1), Attribute(2, 2))  # type: ignore[arg-type]
    with pytest.raises(EncodeError):
        encode_attributes(bad_type)


def test_mutable_values_and_lists_are_not_kept() -> None:
    value = bytearray(b"\x01\x02")
    attributes = (Attribute(12, value),)  # type: ignore[arg-type]
    assert encode_attributes(attributes) == b"\x00\x0c\x00\x02\x01\x02"
    assert id(attributes) not in codec._ENCODED_ATTRIBUTES
    value[0] = 9
    assert encode_attributes(attributes) == b"\x00\x0c\x00\x02\x09\x02"
    as_list = [Attribute(1, 7), Attribute(2, 2)]
    assert encode_attributes(as_list) == _uncached(tuple(as_list))
    assert id(as_list) not in codec._ENCODED_ATTRIBUTES


def test_the_kept_encodings_are_bounded() -> None:
    lists = [(Attribute(1, n), Attribute(2, n)) for n in range(codec._ENCODED_ATTRIBUTES_MAX + 5)]
    for attributes in lists:
        assert encode_attributes(attributes) == _uncached(attributes)
    assert len(codec._ENCODED_ATTRIBUTES) <= codec._ENCODED_ATTRIBUTES_MAX


def test_kept_phase1_sas_are_the_decoded_ones() -> None:
    from ikeviz.protocol import _fastdecode
    from ikeviz.protocol.codec import (
        Proposal,
        SecurityAssociation,
        Transform,
        decode_payloads,
        encode_payloads,
    )

    transform = Transform(1, 1, (Attribute(1, 7), Attribute(14, 128), Attribute(2, 2)))
    phase1 = SecurityAssociation(1, 1, (Proposal(1, 1, b"", (transform,)),), reserved=3)
    phase2 = SecurityAssociation(1, 1, (Proposal(1, 3, b"\x01\x02\x03\x04", (transform,)),))
    for sa in (phase1, phase2):
        wire = encode_payloads([sa])
        body = wire[4:]
        walked = _fastdecode._walk_sa(body, 0, len(body), sa.reserved)
        assert walked == sa
        assert decode_payloads(wire, 1)[0] == (sa,)
        again = decode_payloads(wire, 1)[0][0]
        assert again == sa
        # Only phase-1 SAs (no SPI) are kept and shared.
        assert (again is decode_payloads(wire, 1)[0][0]) is (sa is phase1)
    # A body that does not decode is refused, kept or not.
    truncated = encode_payloads([phase1])[4:-1]
    assert _fastdecode._sa(1, truncated, 0, len(truncated), 0) is None


def test_kept_transforms_are_the_walked_ones() -> None:
    from ikeviz.protocol import _fastdecode
    from ikeviz.protocol.codec import (
        Proposal,
        SecurityAssociation,
        Transform,
        decode_payloads,
        encode_payloads,
    )

    transforms = (Transform(1, 12, (Attribute(1, 1), Attribute(4, 1), Attribute(5, 2))),
                  Transform(2, 3, (Attribute(1, 1),), reserved2=5, reserved=1))
    for spi in (b"\x01\x02\x03\x04", b"\x05\x06\x07\x08"):
        sa = SecurityAssociation(1, 1, (Proposal(1, 3, spi, transforms),))
        wire = encode_payloads([sa])
        decoded = decode_payloads(wire, 1)[0][0]
        assert decoded == sa
        block = wire[4 + 8 + 8 + len(spi):]
        assert _fastdecode._kept_transforms(block) == transforms
        assert _fastdecode._walk_transforms(block, 0, len(block)) == transforms
    # A chain that ends early, or says "another" on its last transform: refused.
    assert _fastdecode._walk_transforms(block[:-4], 0, len(block) - 4) is None
    second = int.from_bytes(block[2:4])  # the first transform's length: where the last starts
    assert _fastdecode._kept_transforms(block[:second] + b"\x03" + block[second + 1:]) is None
    # A proposal with no transform (and a count of 0) still decodes.
    empty = SecurityAssociation(1, 1, (Proposal(1, 3, b"\x01\x02\x03\x04", ()),))
    assert decode_payloads(encode_payloads([empty]), 1)[0] == (empty,)
