"""Hypothesis strategies that generate valid ISAKMP payloads and messages."""

from __future__ import annotations

from hypothesis import strategies as st

from ikeviz.protocol.codec import (
    Attribute,
    Certificate,
    CertificateRequest,
    Delete,
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
)

u8 = st.integers(0, 0xFF)
u16 = st.integers(0, 0xFFFF)
u32 = st.integers(0, 0xFFFFFFFF)
small_bytes = st.binary(max_size=40)

attributes = st.one_of(
    st.builds(Attribute, st.integers(0, 0x7FFF), u16),
    st.builds(Attribute, st.integers(0, 0x7FFF), small_bytes),
)
attribute_lists = st.lists(attributes, max_size=6).map(tuple)

transforms = st.builds(
    Transform, u8, u8, attribute_lists, reserved2=u16, reserved=u8
)
proposals = st.builds(
    Proposal,
    u8,
    u8,
    st.binary(max_size=16),
    st.lists(transforms, min_size=0, max_size=4).map(tuple),
    reserved=u8,
)
security_associations = st.builds(
    SecurityAssociation,
    u32,
    u32.filter(lambda s: not s & 0x06),
    st.lists(proposals, min_size=1, max_size=3).map(tuple),
    reserved=u8,
)
# Any DOI but IPsec may carry any situation; keep the IPsec rule simple by
# filtering the labelled bits for every DOI.

address_ids = st.one_of(
    st.tuples(st.sampled_from([1]), st.binary(min_size=4, max_size=4)),
    st.tuples(st.sampled_from([4, 7]), st.binary(min_size=8, max_size=8)),
    st.tuples(st.sampled_from([5]), st.binary(min_size=16, max_size=16)),
    st.tuples(st.sampled_from([6, 8]), st.binary(min_size=32, max_size=32)),
    st.tuples(st.sampled_from([0, 2, 3, 9, 10, 11, 12, 200]), small_bytes),
)
identifications = address_ids.flatmap(
    lambda pair: st.builds(
        Identification, st.just(pair[0]), u8, u16, st.just(pair[1]), reserved=u8
    )
)


def _notification(notify_type: int, data: bytes, **kw: object) -> Notification:
    return Notification(notify_type=notify_type, data=data, **kw)  # type: ignore[arg-type]


notifications = st.one_of(
    st.builds(
        Notification,
        u32,
        u8,
        u16.filter(lambda t: t not in (24576, 36136, 36137)),
        st.binary(max_size=16),
        small_bytes,
        reserved=u8,
    ),
    st.builds(
        Notification,
        u32,
        u8,
        st.just(24576),
        st.binary(max_size=16),
        attribute_lists.map(lambda attrs: b"".join(_encode_attr(a) for a in attrs)),
        reserved=u8,
    ),
    st.builds(
        Notification,
        u32,
        u8,
        st.sampled_from([36136, 36137]),
        st.binary(min_size=16, max_size=16),
        st.binary(min_size=4, max_size=4),
        reserved=u8,
    ),
)


def _encode_attr(attribute: Attribute) -> bytes:
    from ikeviz.protocol.codec import encode_attribute

    return encode_attribute(attribute)


deletes = st.integers(0, 16).flatmap(
    lambda size: st.builds(
        Delete,
        u32,
        u8,
        st.just(size),
        st.lists(st.binary(min_size=size, max_size=size), max_size=4).map(tuple),
        reserved=u8,
    )
)

nat_oas = st.one_of(
    st.builds(
        NatOriginalAddress,
        st.just(1),
        st.binary(min_size=4, max_size=4),
        st.sampled_from([21, 131]),
        reserved2=st.binary(min_size=3, max_size=3),
        reserved=u8,
    ),
    st.builds(
        NatOriginalAddress,
        st.just(5),
        st.binary(min_size=16, max_size=16),
        st.sampled_from([21, 131]),
        reserved=u8,
    ),
)

# Types the codec decodes itself; an UnknownPayload must use another number.
KNOWN_TYPES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20, 21, 130, 131, 132}

payloads: st.SearchStrategy[Payload] = st.one_of(
    security_associations,
    st.builds(KeyExchange, small_bytes, reserved=u8),
    identifications,
    st.builds(Certificate, u8, small_bytes, reserved=u8),
    st.builds(CertificateRequest, u8, small_bytes, reserved=u8),
    st.builds(Hash, small_bytes, reserved=u8),
    st.builds(Signature, small_bytes, reserved=u8),
    st.builds(Nonce, small_bytes, reserved=u8),
    notifications,
    deletes,
    st.builds(VendorId, small_bytes, reserved=u8),
    st.builds(ModeConfigAttributes, u8, u16, attribute_lists, reserved2=u8, reserved=u8),
    st.builds(NatDiscovery, small_bytes, st.sampled_from([20, 130]), reserved=u8),
    nat_oas,
    st.builds(Fragment, u16, u8, u8, small_bytes, reserved=u8),
    st.builds(
        UnknownPayload,
        st.integers(1, 255).filter(lambda t: t not in KNOWN_TYPES),
        small_bytes,
        reserved=u8,
    ),
)

headers = st.builds(
    Header,
    st.binary(min_size=8, max_size=8),
    st.binary(min_size=8, max_size=8),
    exchange_type=u8,
    flags=u8.map(lambda f: f & ~0x01),
    message_id=u32,
    minor_version=st.integers(0, 15),
)

messages = st.builds(Message, headers, st.lists(payloads, max_size=6).map(tuple))
