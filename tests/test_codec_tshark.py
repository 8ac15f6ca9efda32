"""The codec against Wireshark's dissector, field by field, on the real captures.

For every cleartext message: the header, then the SA (DOI, situation, every
proposal and transform and attribute), KE, nonce, Vendor ID, NAT-D and
notification payloads are compared with what tshark shows for the same
packet, and so is where each payload starts and how long it is.
"""

from __future__ import annotations

import pytest

from ikeviz.protocol.codec import (
    FieldSpan,
    KeyExchange,
    NatDiscovery,
    Nonce,
    Notification,
    Payload,
    SecurityAssociation,
    VendorId,
    decode_message,
)

from .real_messages import CAPTURES, capture_cases, real_messages
from .tshark import NO_TSHARK, TSHARK, PdmlPayload, dissect

pytestmark = [pytest.mark.tshark, pytest.mark.skipif(TSHARK is None, reason=NO_TSHARK)]


def _hex(value: str) -> str:
    return value.replace(":", "").lower()


def _int(value: str) -> int:
    return int(value, 0)


def compare_sa(ours: SecurityAssociation, theirs: PdmlPayload) -> int:
    assert _int(theirs.fields["isakmp.sa.doi"][0]) == ours.doi
    assert int(_hex(theirs.fields["isakmp.sa.situation"][0]), 16) == ours.situation
    assert len(theirs.children) == len(ours.proposals)
    checked = 2
    for proposal, p_pdml in zip(ours.proposals, theirs.children, strict=True):
        assert p_pdml.type == 2
        assert _int(p_pdml.fields["isakmp.prop.number"][0]) == proposal.number
        assert _int(p_pdml.fields["isakmp.prop.protoid"][0]) == proposal.protocol_id
        assert _int(p_pdml.fields["isakmp.spisize"][0]) == len(proposal.spi)
        assert _int(p_pdml.fields["isakmp.prop.transforms"][0]) == len(proposal.transforms)
        if proposal.spi:
            assert _hex(p_pdml.fields["isakmp.spi"][0]) == proposal.spi.hex()
        assert len(p_pdml.children) == len(proposal.transforms)
        for transform, t_pdml in zip(proposal.transforms, p_pdml.children, strict=True):
            assert _int(t_pdml.fields["isakmp.trans.number"][0]) == transform.number
            assert _int(t_pdml.fields["isakmp.trans.id"][0]) == transform.transform_id
            ours_attrs = [
                (a.type, f"{a.value:04x}" if isinstance(a.value, int) else a.value.hex())
                for a in transform.attributes
            ]
            theirs_attrs = [(t, _hex(v)) for t, v in t_pdml.attributes]
            assert ours_attrs == theirs_attrs
            checked += 2 + 2 * len(ours_attrs)
        checked += 4
    return checked


def compare_payload(ours: Payload, theirs: PdmlPayload) -> int:
    """Compare one payload; returns the number of fields compared."""
    assert theirs.type == ours.payload_type
    if isinstance(ours, SecurityAssociation):
        return compare_sa(ours, theirs)
    if isinstance(ours, KeyExchange):
        assert _hex(theirs.fields["isakmp.key_exchange.data"][0]) == ours.data.hex()
        return 1
    if isinstance(ours, Nonce):
        assert _hex(theirs.fields["isakmp.nonce"][0]) == ours.data.hex()
        return 1
    if isinstance(ours, VendorId):
        assert _hex(theirs.fields["isakmp.vid_bytes"][0]) == ours.data.hex()
        return 1
    if isinstance(ours, NatDiscovery):
        assert _hex(theirs.fields["isakmp.ike.nat_hash"][0]) == ours.data.hex()
        return 1
    if isinstance(ours, Notification):
        assert _int(theirs.fields["isakmp.notify.doi"][0]) == ours.doi
        assert _int(theirs.fields["isakmp.notify.protoid"][0]) == ours.protocol_id
        assert _int(theirs.fields["isakmp.spisize"][0]) == len(ours.spi)
        assert _int(theirs.fields["isakmp.notify.msgtype"][0]) == ours.notify_type
        if ours.spi:
            assert _hex(theirs.fields["isakmp.spi"][0]) == ours.spi.hex()
        return 5
    raise AssertionError(f"payload type {ours.payload_type} not compared")


@pytest.mark.parametrize("case", capture_cases())
def test_cleartext_messages_equal_tshark(case: str) -> None:
    dissected = {d.frame: d for d in dissect(CAPTURES / case / "capture.pcap")}
    compared = 0
    for real in real_messages(case):
        theirs = dissected[real.frame]
        assert not theirs.malformed
        spans: list[FieldSpan] = []
        ours = decode_message(real.ike, spans=spans)
        h = ours.header
        assert _hex(theirs.header["isakmp.ispi"]) == h.icookie.hex()
        assert _hex(theirs.header["isakmp.rspi"]) == h.rcookie.hex()
        assert _int(theirs.header["isakmp.nextpayload"]) == h.next_payload
        assert _int(theirs.header["isakmp.exchangetype"]) == h.exchange_type
        assert _int(theirs.header["isakmp.flags"]) == h.flags
        assert _int(theirs.header["isakmp.messageid"]) == h.message_id
        assert _int(theirs.header["isakmp.length"]) == h.length
        compared += 7
        if h.encrypted:
            assert int(theirs.header["isakmp.enc.data"]) == len(ours.ciphertext or b"")
            continue
        assert len(theirs.payloads) == len(ours.payloads)
        # Where each top-level payload starts and ends, as in the hex view.
        top_spans = [s for s in spans if "." not in s.path]
        for payload, pdml, span in zip(ours.payloads, theirs.payloads, top_spans, strict=True):
            compared += compare_payload(payload, pdml)
            assert pdml.pos - theirs.pos == span.start
            assert pdml.size == span.end - span.start
    assert compared > 20
