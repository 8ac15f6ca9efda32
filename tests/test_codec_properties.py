"""Property tests of the codec (hypothesis): round trips and hostile input.

The example counts add up to more than 10,000 per run, as the foundation issue
asks; the HYPOTHESIS_PROFILE environment variable can raise them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikeviz.protocol.codec import (
    FLAG_ENCRYPTION,
    Message,
    decode_message,
    decode_payloads,
    encode_message,
)
from ikeviz.protocol.errors import DecodeError

from .isakmp_strategies import messages, payloads
from .real_messages import real_ike_messages

REAL = real_ike_messages()
FAST = [HealthCheck.too_slow, HealthCheck.data_too_large]


@settings(max_examples=3000, suppress_health_check=FAST, deadline=None)
@given(messages)
def test_encode_then_decode_gives_the_same_message(message: Message) -> None:
    data = encode_message(message)
    decoded = decode_message(data)
    assert decoded.payloads == message.payloads
    assert decoded.header.exchange_type == message.header.exchange_type
    assert decoded.header.length == len(data)
    assert encode_message(decoded) == data


@settings(max_examples=1500, suppress_health_check=FAST, deadline=None)
@given(st.lists(payloads, min_size=1, max_size=5), st.binary(max_size=15))
def test_decrypted_body_round_trip(payload_list: list, padding: bytes) -> None:  # type: ignore[type-arg]
    message = Message(
        __import__("ikeviz.protocol.codec", fromlist=["Header"]).Header(
            b"\x01" * 8, b"\x02" * 8, exchange_type=32
        ),
        tuple(payload_list),
    )
    body = encode_message(message)[28:]
    decoded, rest = decode_payloads(body + padding, payload_list[0].payload_type)
    assert list(decoded) == payload_list
    assert rest == padding


def _mutate(data: bytes, draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["flip", "set", "truncate", "insert", "delete", "splice"]))
    if not data:
        return draw(st.binary(max_size=64))
    position = draw(st.integers(0, len(data) - 1))
    if kind == "flip":
        bit = draw(st.integers(0, 7))
        return data[:position] + bytes([data[position] ^ (1 << bit)]) + data[position + 1 :]
    if kind == "set":
        value = draw(st.sampled_from([0, 1, 2, 3, 0x7F, 0x80, 0xFF]))
        return data[:position] + bytes([value]) + data[position + 1 :]
    if kind == "truncate":
        return data[:position]
    if kind == "insert":
        return data[:position] + draw(st.binary(min_size=1, max_size=8)) + data[position:]
    if kind == "delete":
        count = draw(st.integers(1, 8))
        return data[:position] + data[position + count :]
    other = draw(st.sampled_from(REAL))
    cut = draw(st.integers(0, len(other)))
    return data[:position] + other[cut:]


@st.composite
def mutated_real_messages(draw: st.DrawFn) -> bytes:
    data = draw(st.sampled_from(REAL))
    for _ in range(draw(st.integers(1, 4))):
        data = _mutate(data, draw)
    if draw(st.booleans()) and len(data) >= 28:
        # Keep the header length right half of the time so the decoder goes deep.
        data = data[:24] + len(data).to_bytes(4, "big") + data[28:]
    return data


def _decode_or_codec_error(data: bytes) -> None:
    try:
        message = decode_message(data)
    except DecodeError as exc:
        assert exc.offset >= 0 and exc.path and exc.expected
        return
    assert encode_message(message) == data


@pytest.mark.skipif(not REAL, reason="no real captures in tests/data/captures")
@settings(max_examples=4000, suppress_health_check=FAST, deadline=None)
@given(mutated_real_messages())
def test_mutated_real_messages_raise_only_decode_error(data: bytes) -> None:
    _decode_or_codec_error(data)


@settings(max_examples=1500, suppress_health_check=FAST, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_raise_only_decode_error(data: bytes) -> None:
    _decode_or_codec_error(data)


@settings(max_examples=1000, suppress_health_check=FAST, deadline=None)
@given(st.binary(max_size=200), st.integers(0, 255))
def test_random_bodies_raise_only_decode_error(body: bytes, first: int) -> None:
    try:
        decode_payloads(body, first)
    except DecodeError:
        pass


def test_real_messages_are_many_and_include_encrypted_ones() -> None:
    assert len(REAL) >= 40
    assert any(m[19] & FLAG_ENCRYPTION for m in REAL)


DATA = Path(__file__).parent / "data"
