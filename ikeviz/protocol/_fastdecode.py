"""A fast walk of an ISAKMP payload chain, for the common case of valid input.

:mod:`ikeviz.protocol.codec` decodes with a careful reader that names every
field it reads (for error messages and the inspector's byte spans). That
costs time on every message the engine handles, although almost all of them
are valid. :func:`fast_chain` makes the same checks (RFC 2408 §3.2-§3.15, the
codec's limits) without naming anything, and returns None at the first doubt:
the codec then runs the careful walk, which raises the precise DecodeError.
So the fast walk may refuse more than the careful one, never less, and when
both accept they build the same payloads (tests/test_codec_properties.py
checks this on generated and mutated messages).

Fixed-size fields are read with precompiled :mod:`struct` unpackers (one call
for a whole header instead of an index and a shift per byte), and each body
decoder is found in a table by payload type.

The payloads, their transforms and attributes are made with
:func:`~ikeviz.protocol._records.new_record` from the values of every field in
order (RESERVED included, which the class call would take by keyword): a
tenth of the cost of calling the class, for a few dozen records per message.
"""

from __future__ import annotations

import functools
import struct
from collections.abc import Callable
from typing import Final

from ikeviz.protocol import codec as _c
from ikeviz.protocol._records import new_record

_ADDRESS_SIZES: Final = {1: 4, 4: 8, 7: 8, 5: 16, 6: 32, 8: 32}
_NAT_OA_SIZES: Final = {1: 4, 5: 16}
_MAX_PAYLOADS: Final[int] = getattr(_c, "MAX_PAYLOADS", 256)
_MAX_PROPOSALS: Final[int] = getattr(_c, "MAX_PROPOSALS", 64)
_MAX_TRANSFORMS: Final[int] = getattr(_c, "MAX_TRANSFORMS", 256)
_MAX_EMPTY_SPIS: Final[int] = getattr(_c, "MAX_EMPTY_SPIS", 16)

# Generic payload header (RFC 2408 §3.2): next payload, RESERVED, length; also the
# first 4 bytes of an ID body (type, protocol, port) and of a Mode-Config one.
_unpack_bbh: Final = struct.Struct("!BBH").unpack_from
# A Proposal (RFC 2408 §3.5): the generic header, number, protocol, SPI size, transform count.
_unpack_proposal: Final = struct.Struct("!BBHBBBB").unpack_from
# A Transform (RFC 2408 §3.6): the generic header, number, transform ID, RESERVED2.
_unpack_transform: Final = struct.Struct("!BBHBBH").unpack_from
# DOI and situation (SA), or DOI, protocol, SPI size, type/count (Notify, Delete).
_unpack_ii: Final = struct.Struct("!II").unpack_from
_unpack_ibbh: Final = struct.Struct("!IBBH").unpack_from

_attributes: Final = _c._decode_attributes_fast

_Decoder = Callable[[int, bytes, int, int, int], "_c.Payload | None"]


# A peer sends the same phase-1 SA payload in every negotiation (its configured
# offers, or its choice among ours), and decoding one costs far more than
# looking it up by its bytes: as for attribute lists (codec._decode_attribute_block),
# the decoded SAs of the last few dozen short bodies are kept. Only SAs whose
# first proposal has no SPI are kept (phase 1, RFC 2409 §5); a Quick Mode SA
# carries a fresh SPI, and would never be met again. The SA is a tuple of
# immutable records, so sharing it is safe; its body and RESERVED are all the
# input its decoding depends on.
_MEMO_SA_SIZE: Final = 256
_SPI_SIZE_OFFSET: Final = 14  # DOI, situation, then the first proposal's header and fields


def _sa(
    ptype: int, data: bytes, pos: int, end: int, reserved: int
) -> _c.SecurityAssociation | None:
    """SA payload (RFC 2408 §3.4), its Proposals and their Transforms (§3.5, §3.6)."""
    if (_SPI_SIZE_OFFSET < end - pos <= _MEMO_SA_SIZE and not data[pos + _SPI_SIZE_OFFSET]
            and data.__class__ is bytes):
        return _phase1_sa(data[pos:end], reserved)
    return _walk_sa(data, pos, end, reserved)


@functools.lru_cache(maxsize=64)
def _phase1_sa(body: bytes, reserved: int) -> _c.SecurityAssociation | None:
    return _walk_sa(body, 0, len(body), reserved)


def _walk_sa(data: bytes, pos: int, end: int, reserved: int) -> _c.SecurityAssociation | None:
    # _sa's walk, for any body.
    if end - pos < 8:
        return None
    doi, situation = _unpack_ii(data, pos)
    if doi == _c.DOI_IPSEC and situation & (_c.SIT_SECRECY | _c.SIT_INTEGRITY):
        return None
    pos += 8
    proposals: list[_c.Proposal] = []
    while True:
        if end - pos < 8:
            return None
        p_next, p_reserved, p_length, number, protocol_id, spi_size, count = (
            _unpack_proposal(data, pos))
        p_end = pos + p_length
        if p_end > end or p_length < 8:
            return None
        cursor = pos + 8
        if spi_size > p_end - cursor:
            return None
        spi = data[cursor : cursor + spi_size]
        cursor += spi_size
        if 0 < p_end - cursor <= _MEMO_TRANSFORMS_SIZE and data.__class__ is bytes:
            transforms = _kept_transforms(data[cursor:p_end])
        else:
            transforms = _walk_transforms(data, cursor, p_end)
        # The transform count is 8 bits, so the limit on transforms is checked
        # here, once, rather than for each one.
        if transforms is None or len(transforms) != count or count > _MAX_TRANSFORMS:
            return None
        proposals.append(new_record(_c.Proposal, (number, protocol_id, spi, transforms,
                                                  p_reserved)))
        pos = p_end
        if p_next == _c.PT_PROPOSAL:
            if len(proposals) == _MAX_PROPOSALS:
                return None
            continue
        if p_next != _c.PT_NONE or pos != end:
            return None
        return new_record(_c.SecurityAssociation, (doi, situation, tuple(proposals), reserved))


# The transforms of a Quick Mode proposal, after its fresh SPI, are the same
# bytes in every negotiation (the configured offers, or the choice among them):
# kept by their bytes as the phase-1 SAs above.
_MEMO_TRANSFORMS_SIZE: Final = 256


@functools.lru_cache(maxsize=64)
def _kept_transforms(block: bytes) -> tuple[_c.Transform, ...] | None:
    return _walk_transforms(block, 0, len(block))


def _walk_transforms(data: bytes, cursor: int, p_end: int) -> tuple[_c.Transform, ...] | None:
    """The Transforms (RFC 2408 §3.6) that fill a proposal from ``cursor`` to ``p_end``."""
    transforms: list[_c.Transform] = []
    # An empty proposal has no transform; otherwise the next-payload fields say
    # how many follow (3: another one, 0: the last one).
    t_next = _c.PT_TRANSFORM if cursor < p_end else _c.PT_NONE
    while t_next == _c.PT_TRANSFORM:
        if p_end - cursor < 8:  # also: a "3" on the proposal's last transform
            return None
        t_next, t_reserved, t_length, t_number, transform_id, reserved2 = (
            _unpack_transform(data, cursor))
        t_end = cursor + t_length
        if t_end > p_end or t_length < 8:
            return None
        attributes = _attributes(data, cursor + 8, t_end)
        if attributes is None:
            return None
        transforms.append(new_record(_c.Transform, (t_number, transform_id, attributes,
                                                    reserved2, t_reserved)))
        cursor = t_end
    if t_next != _c.PT_NONE or cursor != p_end:
        return None
    return tuple(transforms)


def _identification(
    ptype: int, data: bytes, pos: int, end: int, reserved: int
) -> _c.Identification | None:
    """ID payload of the IPsec DOI (RFC 2407 §4.6.2)."""
    size = end - pos
    if size < 4:
        return None
    id_type, protocol_id, port = _unpack_bbh(data, pos)
    expected = _ADDRESS_SIZES.get(id_type)
    if expected is not None and size - 4 != expected:
        return None
    return new_record(_c.Identification, (id_type, protocol_id, port, data[pos + 4 : end],
                                          reserved))


def _notification(
    ptype: int, data: bytes, pos: int, end: int, reserved: int
) -> _c.Notification | None:
    """Notification payload (RFC 2408 §3.14; RFC 2407 §4.6.3.1, RFC 3706 §5 for its data)."""
    size = end - pos
    if size < 8:
        return None
    doi, protocol_id, spi_size, notify_type = _unpack_ibbh(data, pos)
    if spi_size > size - 8:
        return None
    notify_data = data[pos + 8 + spi_size : end]
    if notify_type == _c.NOTIFY_RESPONDER_LIFETIME:
        if _attributes(notify_data, 0, len(notify_data)) is None:
            return None
    elif notify_type in (_c.NOTIFY_R_U_THERE, _c.NOTIFY_R_U_THERE_ACK) and (
            len(notify_data) != 4):
        return None
    return _c.Notification(doi, protocol_id, notify_type, data[pos + 8 : pos + 8 + spi_size],
                           notify_data, reserved=reserved)


def _delete(ptype: int, data: bytes, pos: int, end: int, reserved: int) -> _c.Delete | None:
    """Delete payload (RFC 2408 §3.15)."""
    size = end - pos
    if size < 8:
        return None
    doi, protocol_id, spi_size, count = _unpack_ibbh(data, pos)
    if count * spi_size != size - 8 or (spi_size == 0 and count > _MAX_EMPTY_SPIS):
        return None
    first = pos + 8
    spis = tuple(data[first + i * spi_size : first + (i + 1) * spi_size] for i in range(count))
    return _c.Delete(doi, protocol_id, spi_size, spis, reserved=reserved)


def _nat_oa(
    ptype: int, data: bytes, pos: int, end: int, reserved: int
) -> _c.NatOriginalAddress | None:
    """NAT-OA payload (RFC 3947 §5.2)."""
    size = end - pos
    if size < 4 or _NAT_OA_SIZES.get(data[pos]) != size - 4:
        return None
    return _c.NatOriginalAddress(data[pos], data[pos + 4 : end], ptype,
                                 reserved2=data[pos + 1 : pos + 4], reserved=reserved)


def _nat_d(ptype: int, data: bytes, pos: int, end: int, reserved: int) -> _c.NatDiscovery:
    """NAT-D payload (RFC 3947 §3.2): an opaque hash, and its type (20 or 130)."""
    return new_record(_c.NatDiscovery, (data[pos:end], ptype, reserved))


def _certificate(ptype: int, data: bytes, pos: int, end: int, reserved: int) -> _c.Payload | None:
    """CERT and CR payloads (RFC 2408 §3.9, §3.10): an encoding, then data."""
    if end - pos < 1:
        return None
    if ptype == _c.PT_CERT:
        return _c.Certificate(data[pos], data[pos + 1 : end], reserved=reserved)
    return _c.CertificateRequest(data[pos], data[pos + 1 : end], reserved=reserved)


def _mode_config(
    ptype: int, data: bytes, pos: int, end: int, reserved: int
) -> _c.ModeConfigAttributes | None:
    """Attribute payload of Mode-Config (draft-ietf-ipsec-isakmp-mode-cfg-05 §3.2)."""
    if end - pos < 4:
        return None
    attributes = _attributes(data, pos + 4, end)
    if attributes is None:
        return None
    cfg_type, reserved2, identifier = _unpack_bbh(data, pos)
    return _c.ModeConfigAttributes(cfg_type, identifier, attributes, reserved2=reserved2,
                                   reserved=reserved)


def _fragment(ptype: int, data: bytes, pos: int, end: int, reserved: int) -> _c.Fragment | None:
    """IKE fragment (Cisco, payload type 132): ID, number, flags, then data."""
    if end - pos < 4:
        return None
    return _c.Fragment((data[pos] << 8) | data[pos + 1], data[pos + 2], data[pos + 3],
                       data[pos + 4 : end], reserved=reserved)


def _unknown(ptype: int, data: bytes, pos: int, end: int, reserved: int) -> _c.Payload | None:
    """Any other type: raw bytes; but P and T payloads exist only inside an SA (RFC 2408 §3.5)."""
    if ptype in _CHAIN_ONLY:
        return None
    return _c.UnknownPayload(ptype, data[pos:end], reserved=reserved)


#: The payloads whose whole body is one opaque byte string, by type: no check can fail.
_Opaque = _c.KeyExchange | _c.Hash | _c.Signature | _c.Nonce | _c.VendorId
_OPAQUE: Final[dict[int, type[_Opaque]]] = {
    _c.PT_KE: _c.KeyExchange,
    _c.PT_HASH: _c.Hash,
    _c.PT_SIG: _c.Signature,
    _c.PT_NONCE: _c.Nonce,
    _c.PT_VID: _c.VendorId,
}
#: The decoder of every other payload body, by type (any type not here: _unknown).
_DECODERS: Final[dict[int, _Decoder]] = {
    _c.PT_SA: _sa,
    _c.PT_ID: _identification,
    _c.PT_NOTIFY: _notification,
    _c.PT_DELETE: _delete,
    _c.PT_NAT_OA: _nat_oa,
    _c.PT_NAT_OA_DRAFT: _nat_oa,
    _c.PT_NAT_D: _nat_d,
    _c.PT_NAT_D_DRAFT: _nat_d,
    _c.PT_CERT: _certificate,
    _c.PT_CR: _certificate,
    _c.PT_MODE_CONFIG: _mode_config,
    _c.PT_FRAGMENT: _fragment,
}
_CHAIN_ONLY: Final = frozenset({_c.PT_PROPOSAL, _c.PT_TRANSFORM})
assert _c.PT_NONE == 0


def fast_chain(
    data: bytes, pos: int, end: int, first_payload: int, *, allow_padding: bool
) -> tuple[tuple[_c.Payload, ...], bytes] | None:
    """The payload chain from ``pos`` to ``end`` (RFC 2408 §3.2), or None at any doubt."""
    payloads: list[_c.Payload] = []
    append = payloads.append
    opaque = _OPAQUE
    decoders = _DECODERS
    unpack = _unpack_bbh
    next_type = first_payload
    # Each payload takes at least 4 bytes, so the walk is bounded by the input;
    # the limit on the number of payloads is checked once, at the end.
    # A generic header cut by ``end`` needs no test of its own: its length
    # field, whatever the bytes after ``end`` say, fails the test below (a
    # payload of at least 4 bytes cannot end by ``end``), and one cut by the
    # end of ``data`` makes the unpacker raise.
    try:
        while next_type:  # PT_NONE is 0
            following, reserved, length = unpack(data, pos)
            p_end = pos + length
            if length < 4 or p_end > end:
                return None
            kind = opaque.get(next_type)
            if kind is not None:
                # Each of these payloads has the fields (data, reserved).
                append(new_record(kind, (data[pos + 4 : p_end], reserved)))
            else:
                payload = decoders.get(next_type, _unknown)(next_type, data, pos + 4, p_end,
                                                            reserved)
                if payload is None:
                    return None
                append(payload)
            pos = p_end
            next_type = following
    except struct.error:  # a generic header cut by the end of the data
        return None
    if (pos != end and not allow_padding) or len(payloads) > _MAX_PAYLOADS:
        return None
    return tuple(payloads), data[pos:end]
