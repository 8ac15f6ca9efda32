"""The fast payload walk accepts nothing the careful decoder refuses, and agrees with it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikeviz.protocol import codec
from ikeviz.protocol._fastdecode import fast_chain
from ikeviz.protocol.codec import DecodeError, Header, Message, encode_message

from .isakmp_strategies import payloads
from .real_messages import real_ike_messages

REAL = real_ike_messages()
FAST = [HealthCheck.too_slow, HealthCheck.data_too_large]


def careful(body: bytes, first: int, allow_padding: bool) -> object:
    reader = codec._Reader(body, spans=[])  # spans force the careful walk
    try:
        return codec._decode_chain(reader, first, allow_padding=allow_padding,
                                   origin="header.next_payload")
    except DecodeError:
        return None


def check(body: bytes, first: int, allow_padding: bool) -> None:
    fast = fast_chain(body, 0, len(body), first, allow_padding=allow_padding)
    slow = careful(body, first, allow_padding)
    if fast is not None:
        assert slow == fast
    # The fast walk may refuse what the careful one accepts only for odd input;
    # valid generated chains must be taken on the fast path (see below).


@settings(max_examples=1500, suppress_health_check=FAST, deadline=None)
@given(st.lists(payloads, min_size=1, max_size=5), st.binary(max_size=12))
def test_generated_chains_take_the_fast_path(chain: list, padding: bytes) -> None:  # type: ignore[type-arg]
    data = encode_message(Message(Header(b"\x01" * 8, b"\x02" * 8, exchange_type=32),
                                  tuple(chain)))[28:]
    body = data + padding
    fast = fast_chain(body, 0, len(body), chain[0].payload_type, allow_padding=True)
    assert fast is not None
    assert list(fast[0]) == chain and fast[1] == padding
    check(body, chain[0].payload_type, True)


@settings(max_examples=2500, suppress_health_check=FAST, deadline=None)
@given(st.sampled_from(REAL or [bytes(28)]), st.data())
def test_mutated_real_bodies_agree(message: bytes, data: st.DataObject) -> None:
    body = bytearray(message[28:])
    for _ in range(data.draw(st.integers(0, 4))):
        if not body:
            break
        i = data.draw(st.integers(0, len(body) - 1))
        body[i] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()) and body:
        del body[data.draw(st.integers(0, len(body) - 1)):]
    first = data.draw(st.sampled_from([message[16], 1, 4, 5, 8, 10, 11, 12, 13, 20, 200]))
    check(bytes(body), first, data.draw(st.booleans()))


@settings(max_examples=1500, suppress_health_check=FAST, deadline=None)
@given(st.binary(max_size=160), st.integers(0, 255), st.booleans())
def test_random_bodies_agree(body: bytes, first: int, allow_padding: bool) -> None:
    check(body, first, allow_padding)


def test_reserved_fields_are_kept_whether_zero_or_not() -> None:
    # The fast walk passes RESERVED to the payload classes only when it is not
    # 0 (their default): both ways must give the careful walk's payloads.
    for reserved in (0, 1, 0xFF):
        attributes = (codec.Attribute(1, 7), codec.Attribute(14, b"\x00\x80"))
        transform = codec.Transform(1, 1, attributes, reserved2=reserved, reserved=reserved)
        proposal = codec.Proposal(1, 1, b"", (transform,), reserved=reserved)
        chain = [
            codec.SecurityAssociation(1, 1, (proposal,), reserved=reserved),
            codec.KeyExchange(b"\x05" * 16, reserved=reserved),
            codec.Nonce(b"\x06" * 16, reserved=reserved),
            codec.Identification(1, 17, 500, b"\x0a\x00\x00\x01", reserved=reserved),
            codec.NatDiscovery(b"\x07" * 20, codec.PT_NAT_D, reserved=reserved),
            codec.VendorId(b"\x08" * 16, reserved=reserved),
        ]
        body = codec.encode_payloads(chain)
        fast = fast_chain(body, 0, len(body), codec.PT_SA, allow_padding=False)
        assert fast is not None
        assert fast == careful(body, codec.PT_SA, False)
        assert list(fast[0]) == chain
