"""The codec's fast paths give exactly what its reference paths give.

- the bulk read of TV attributes in ``_decode_attributes_fast`` against the
  careful reader (which walks one attribute at a time);
- the payload walk of ``_fastdecode`` on SA payloads near the codec's limits
  (proposals, transforms, payloads), where it must refuse what the careful
  walk refuses;
- the chain encoder's inline opaque bodies against ``_encode_opaque_body``;
- the public encoders written out (encode_message, encode_payloads,
  encode_payload, encode_payload_body) against the pieces they stand for,
  including the EncodeError a field that does not fit gives;
- ``payload_type``, a class attribute of the typed payloads, against ``TYPE``.
"""

from __future__ import annotations

import dataclasses
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikeviz.protocol import codec
from ikeviz.protocol._fastdecode import fast_chain
from ikeviz.protocol.codec import (
    Attribute,
    DecodeError,
    EncodeError,
    Hash,
    Header,
    Identification,
    KeyExchange,
    Message,
    Nonce,
    Proposal,
    SecurityAssociation,
    Transform,
    VendorId,
    decode_payloads,
    encode_attribute,
    encode_message,
    encode_payload,
    encode_payload_body,
    encode_payloads,
)

from .isakmp_strategies import payloads

HEADER = Header(b"\x01" * 8, b"\x02" * 8, exchange_type=2)


def _careful_attributes(data: bytes) -> tuple[Attribute, ...] | None:
    reader = codec._Reader(data, spans=[])  # spans force the careful walk
    try:
        return codec._decode_attributes(reader, "attributes")
    except DecodeError:
        return None


def _wire(attribute: tuple[int, int | bytes]) -> bytes:
    attr_type, value = attribute
    if isinstance(value, int):
        return struct.pack("!HH", attr_type | 0x8000, value)
    return struct.pack("!HH", attr_type, len(value)) + value


tv = st.tuples(st.integers(0, 0x7FFF), st.integers(0, 0xFFFF))
tlv = st.tuples(st.integers(0, 0x7FFF), st.binary(max_size=8))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(tv, tv, tv, tlv), max_size=20), st.integers(0, 3))
def test_attribute_bulk_read_is_the_careful_walk(
    attrs: list[tuple[int, int | bytes]], cut: int
) -> None:
    data = b"".join(_wire(a) for a in attrs)
    for body in (data, data[: len(data) - cut]):
        fast = codec._decode_attributes_fast(body, 0, len(body))
        assert fast == _careful_attributes(body)
        if fast is not None:  # the same types as well (int, bytes)
            assert [type(a.value) for a in fast] == [
                type(a.value) for a in _careful_attributes(body) or ()]


@settings(max_examples=300, deadline=None)
@given(st.lists(tv, min_size=4, max_size=16), st.binary(min_size=1, max_size=6))
def test_attribute_bulk_read_inside_a_larger_buffer(
    attrs: list[tuple[int, int | bytes]], around: bytes
) -> None:
    data = b"".join(_wire(a) for a in attrs)
    buf = around + data + around
    fast = codec._decode_attributes_fast(buf, len(around), len(around) + len(data))
    assert fast == tuple(Attribute(t, v) for t, v in attrs)


def _careful_chain(body: bytes, first: int) -> object:
    reader = codec._Reader(body, spans=[])
    try:
        return codec._decode_chain(reader, first, allow_padding=False,
                                   origin="header.next_payload")
    except DecodeError:
        return None


def _sa_body(proposal_count: int, transform_count: int) -> bytes:
    transform = Transform(1, 1, (Attribute(1, 7),))
    proposal = Proposal(1, 1, b"", (transform,) * transform_count)
    sa = SecurityAssociation(1, 1, (proposal,) * proposal_count)
    return encode_payloads([sa])


@pytest.mark.parametrize(("proposal_count", "transform_count"),
                         [(1, 1), (64, 1), (65, 1), (1, 0), (1, 255), (2, 3)])
def test_fast_walk_and_careful_walk_agree_at_the_limits(
    proposal_count: int, transform_count: int
) -> None:
    body = _sa_body(proposal_count, transform_count)
    fast = fast_chain(body, 0, len(body), codec.PT_SA, allow_padding=False)
    slow = _careful_chain(body, codec.PT_SA)
    assert fast == slow
    assert (fast is None) == (proposal_count > codec.MAX_PROPOSALS)


def test_a_proposal_with_more_transforms_than_its_count_is_refused() -> None:
    body = bytearray(_sa_body(1, 3))
    body[4 + 8 + 7] = 2  # the proposal's transform count
    assert fast_chain(bytes(body), 0, len(body), codec.PT_SA, allow_padding=False) is None
    assert _careful_chain(bytes(body), codec.PT_SA) is None


@pytest.mark.parametrize("count", [codec.MAX_PAYLOADS, codec.MAX_PAYLOADS + 1])
def test_payload_limit_on_both_walks(count: int) -> None:
    body = encode_payloads([VendorId(b"v")] * count)
    fast = fast_chain(body, 0, len(body), codec.PT_VID, allow_padding=False)
    assert fast == _careful_chain(body, codec.PT_VID)
    assert (fast is None) == (count > codec.MAX_PAYLOADS)
    if count > codec.MAX_PAYLOADS:
        with pytest.raises(DecodeError, match=f"at most {codec.MAX_PAYLOADS} payloads"):
            decode_payloads(body, codec.PT_VID, allow_padding=False)


@pytest.mark.parametrize("ptype", [codec.PT_PROPOSAL, codec.PT_TRANSFORM])
def test_proposal_and_transform_are_refused_at_top_level(ptype: int) -> None:
    body = bytes([0, 0, 0, 8]) + bytes(4)
    assert fast_chain(body, 0, len(body), ptype, allow_padding=False) is None
    with pytest.raises(DecodeError, match="P and T payloads appear only inside an SA"):
        decode_payloads(body, ptype, allow_padding=False)


class _SubNonce(Nonce):
    __slots__ = ()


@pytest.mark.parametrize("payload", [
    KeyExchange(b"\x01" * 5), Hash(b"h", reserved=3), Nonce(bytearray(b"n")),
    VendorId(memoryview(b"vid")), codec.NatDiscovery(b"d", 130),
    codec.UnknownPayload(99, b"u"), _SubNonce(b"s"),
])
def test_inline_opaque_bodies_are_encode_opaque_body(payload: codec.Payload) -> None:
    body = codec._encode_opaque_body(payload)  # type: ignore[arg-type]
    assert encode_payload_body(payload) == body
    expected = struct.pack("!BBH", 0, payload.reserved, 4 + len(body)) + body
    assert encode_payloads([payload]) == expected
    assert encode_payload(payload, 0) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(payloads, min_size=1, max_size=5))
def test_written_out_encoders_agree_with_their_pieces(chain: list[codec.Payload]) -> None:
    joined = encode_payloads(chain)
    following = [p.payload_type for p in chain[1:]] + [0]
    assert joined == b"".join(encode_payload(p, n) for p, n in zip(chain, following, strict=True))
    for payload in chain:
        body = encode_payload_body(payload)
        assert encode_payload(payload, 0)[4:] == body
    message = encode_message(Message(HEADER, tuple(chain)))
    header = codec.encode_header(HEADER, next_payload=chain[0].payload_type,
                                 length=28 + len(joined))
    assert message == header + joined


@pytest.mark.parametrize("encode", [
    lambda p: encode_payload_body(p),
    lambda p: encode_payload(p, 0),
    lambda p: encode_payloads([p]),
    lambda p: encode_message(Message(HEADER, (p,))),
])
def test_written_out_encoders_raise_encode_error(encode: object) -> None:
    too_big = Identification(1, 256, 0, b"\x01\x02\x03\x04")  # protocol is one byte
    with pytest.raises(EncodeError, match="a field does not fit its wire size"):
        encode(too_big)  # type: ignore[operator]
    with pytest.raises(EncodeError, match="a field does not fit its wire size"):
        encode_payloads([Hash(b"x", reserved=256)])
    with pytest.raises(EncodeError, match="a field does not fit its wire size"):
        encode_message(Message(dataclasses.replace(HEADER, message_id=1 << 32)))
    with pytest.raises(EncodeError, match="a field does not fit its wire size"):
        encode_attribute(Attribute(1, 1 << 16))


def test_public_encoders_keep_their_names_and_documentation() -> None:
    for name in ("encode_attribute", "encode_attributes", "encode_transform",
                 "encode_proposal", "encode_payload_body", "encode_payload",
                 "encode_payloads", "encode_header", "encode_message"):
        function = getattr(codec, name)
        assert function.__name__ == name
        assert function.__doc__ == getattr(codec, f"_{name}", function).__doc__


def test_payload_type_is_type_on_every_typed_payload_class() -> None:
    typed = [k for k in vars(codec).values()
             if isinstance(k, type) and issubclass(k, codec._TypedPayload)
             and k is not codec._TypedPayload]
    assert len(typed) == 13
    for kind in typed:
        assert kind.payload_type == kind.TYPE
        assert "payload_type" not in {f.name for f in dataclasses.fields(kind)}
    assert Nonce(b"").payload_type == codec.PT_NONCE
    assert repr(Hash(b"x")) == "Hash(data=b'x', reserved=0)"
    assert Hash(b"x") == Hash(b"x") and Hash(b"x") != Nonce(b"x")
    # NAT-D, NAT-OA and unknown payloads keep theirs as a field.
    assert codec.NatDiscovery(b"", 130).payload_type == 130
    assert codec.UnknownPayload(77, b"").payload_type == 77
