"""Every message of the real strongSwan captures decodes and re-encodes byte for byte."""

from __future__ import annotations

import pytest

from ikeviz.protocol.codec import decode_message, encode_message, payload_short_name

from .real_messages import capture_cases, real_messages

# The payload sequence of each cleartext message, as the captures' README and
# tshark list them ("*" marks an encrypted message).
EXPECTED = {
    "A-p1-3des-md5-modp1024": [
        "SA VID VID VID VID", "SA VID VID VID", "KE NONCE NAT-D NAT-D",
        "KE NONCE NAT-D NAT-D", "*", "*", "*", "*", "*", "*", "*",
    ],
    "E-p1-mismatch-dhgroup": ["SA VID VID VID VID", "N"],
    "I-psk-mismatch": [
        "SA VID VID VID VID", "SA VID VID VID", "KE NONCE NAT-D NAT-D",
        "KE NONCE NAT-D NAT-D", "*", "*", "*", "*", "*", "*",
    ],
}


@pytest.mark.parametrize("case", capture_cases())
def test_real_messages_round_trip(case: str) -> None:
    messages = real_messages(case)
    assert messages
    for real in messages:
        decoded = decode_message(real.ike)
        assert encode_message(decoded) == real.ike, f"{case} frame {real.frame}"
        if decoded.header.encrypted:
            assert decoded.ciphertext and len(decoded.ciphertext) % 8 == 0


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_real_payload_sequences(case: str) -> None:
    seen = []
    for real in real_messages(case):
        decoded = decode_message(real.ike)
        if decoded.header.encrypted:
            seen.append("*")
        else:
            seen.append(" ".join(payload_short_name(p.payload_type) for p in decoded.payloads))
    assert seen == EXPECTED[case]
