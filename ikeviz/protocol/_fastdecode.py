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
"""

from __future__ import annotations

from typing import Final

from ikeviz.protocol import codec as _c

_ADDRESS_SIZES: Final = {1: 4, 4: 8, 7: 8, 5: 16, 6: 32, 8: 32}
_NAT_OA_SIZES: Final = {1: 4, 5: 16}
_MAX_PAYLOADS: Final[int] = getattr(_c, "MAX_PAYLOADS", 256)
_MAX_PROPOSALS: Final[int] = getattr(_c, "MAX_PROPOSALS", 64)
_MAX_TRANSFORMS: Final[int] = getattr(_c, "MAX_TRANSFORMS", 256)
_MAX_EMPTY_SPIS: Final[int] = getattr(_c, "MAX_EMPTY_SPIS", 16)


def _attributes(data: bytes, pos: int, end: int) -> tuple[_c.Attribute, ...] | None:
    return _c._decode_attributes_fast(data, pos, end)


def _proposals(data: bytes, pos: int, end: int) -> tuple[_c.Proposal, ...] | None:
    """The proposals of an SA body (RFC 2408 §3.5, §3.6), or None."""
    proposals: list[_c.Proposal] = []
    while True:
        if end - pos < 8 or len(proposals) == _MAX_PROPOSALS:
            return None
        p_next, p_reserved = data[pos], data[pos + 1]
        p_end = pos + ((data[pos + 2] << 8) | data[pos + 3])
        if p_end > end or p_end - pos < 8:
            return None
        number, protocol_id, spi_size, count = data[pos + 4 : pos + 8]
        cursor = pos + 8
        if spi_size > p_end - cursor:
            return None
        spi = data[cursor : cursor + spi_size]
        cursor += spi_size
        transforms: list[_c.Transform] = []
        more = cursor < p_end
        while more:
            if p_end - cursor < 8 or len(transforms) == _MAX_TRANSFORMS:
                return None
            t_next, t_reserved = data[cursor], data[cursor + 1]
            t_end = cursor + ((data[cursor + 2] << 8) | data[cursor + 3])
            if t_end > p_end or t_end - cursor < 8:
                return None
            attributes = _attributes(data, cursor + 8, t_end)
            if attributes is None:
                return None
            transforms.append(_c.Transform(
                data[cursor + 4], data[cursor + 5], attributes,
                reserved2=(data[cursor + 6] << 8) | data[cursor + 7], reserved=t_reserved,
            ))
            cursor = t_end
            if t_next == _c.PT_TRANSFORM:
                if cursor == p_end:
                    return None
            elif t_next == _c.PT_NONE:
                more = False
            else:
                return None
        if len(transforms) != count or cursor != p_end:
            return None
        proposals.append(_c.Proposal(number, protocol_id, spi, tuple(transforms),
                                     reserved=p_reserved))
        pos = p_end
        if p_next == _c.PT_PROPOSAL:
            continue
        if p_next != _c.PT_NONE or pos != end:
            return None
        return tuple(proposals)


def _body(ptype: int, data: bytes, pos: int, end: int, reserved: int) -> _c.Payload | None:
    """One payload body by type, or None (the careful decoder will say why)."""
    size = end - pos
    if ptype == _c.PT_SA:
        if size < 8:
            return None
        doi = int.from_bytes(data[pos : pos + 4], "big")
        situation = int.from_bytes(data[pos + 4 : pos + 8], "big")
        if doi == _c.DOI_IPSEC and situation & (_c.SIT_SECRECY | _c.SIT_INTEGRITY):
            return None
        proposals = _proposals(data, pos + 8, end)
        if proposals is None:
            return None
        return _c.SecurityAssociation(doi, situation, proposals, reserved=reserved)
    if ptype == _c.PT_ID:
        if size < 4:
            return None
        id_type = data[pos]
        expected = _ADDRESS_SIZES.get(id_type)
        if expected is not None and size - 4 != expected:
            return None
        return _c.Identification(id_type, data[pos + 1], (data[pos + 2] << 8) | data[pos + 3],
                                 data[pos + 4 : end], reserved=reserved)
    if ptype == _c.PT_NOTIFY:
        if size < 8:
            return None
        spi_size = data[pos + 5]
        notify_type = (data[pos + 6] << 8) | data[pos + 7]
        if spi_size > size - 8:
            return None
        notify_data = data[pos + 8 + spi_size : end]
        if notify_type == _c.NOTIFY_RESPONDER_LIFETIME:
            if _attributes(notify_data, 0, len(notify_data)) is None:
                return None
        elif notify_type in (_c.NOTIFY_R_U_THERE, _c.NOTIFY_R_U_THERE_ACK) and (
                len(notify_data) != 4):
            return None
        return _c.Notification(int.from_bytes(data[pos : pos + 4], "big"), data[pos + 4],
                               notify_type, data[pos + 8 : pos + 8 + spi_size], notify_data,
                               reserved=reserved)
    if ptype == _c.PT_DELETE:
        if size < 8:
            return None
        spi_size = data[pos + 5]
        count = (data[pos + 6] << 8) | data[pos + 7]
        if count * spi_size != size - 8 or (spi_size == 0 and count > _MAX_EMPTY_SPIS):
            return None
        first = pos + 8
        spis = tuple(data[first + i * spi_size : first + (i + 1) * spi_size]
                     for i in range(count))
        return _c.Delete(int.from_bytes(data[pos : pos + 4], "big"), data[pos + 4], spi_size,
                         spis, reserved=reserved)
    if ptype in (_c.PT_NAT_OA, _c.PT_NAT_OA_DRAFT):
        if size < 4 or _NAT_OA_SIZES.get(data[pos]) != size - 4:
            return None
        return _c.NatOriginalAddress(data[pos], data[pos + 4 : end], ptype,
                                     reserved2=data[pos + 1 : pos + 4], reserved=reserved)
    if ptype in (_c.PT_CERT, _c.PT_CR):
        if size < 1:
            return None
        if ptype == _c.PT_CERT:
            return _c.Certificate(data[pos], data[pos + 1 : end], reserved=reserved)
        return _c.CertificateRequest(data[pos], data[pos + 1 : end], reserved=reserved)
    if ptype == _c.PT_MODE_CONFIG:
        if size < 4:
            return None
        attributes = _attributes(data, pos + 4, end)
        if attributes is None:
            return None
        return _c.ModeConfigAttributes(data[pos], (data[pos + 2] << 8) | data[pos + 3],
                                       attributes, reserved2=data[pos + 1], reserved=reserved)
    if ptype == _c.PT_FRAGMENT:
        if size < 4:
            return None
        return _c.Fragment((data[pos] << 8) | data[pos + 1], data[pos + 2], data[pos + 3],
                           data[pos + 4 : end], reserved=reserved)
    body = data[pos:end]
    if ptype == _c.PT_KE:
        return _c.KeyExchange(body, reserved=reserved)
    if ptype == _c.PT_HASH:
        return _c.Hash(body, reserved=reserved)
    if ptype == _c.PT_SIG:
        return _c.Signature(body, reserved=reserved)
    if ptype == _c.PT_NONCE:
        return _c.Nonce(body, reserved=reserved)
    if ptype == _c.PT_VID:
        return _c.VendorId(body, reserved=reserved)
    if ptype in (_c.PT_NAT_D, _c.PT_NAT_D_DRAFT):
        return _c.NatDiscovery(body, ptype, reserved=reserved)
    return _c.UnknownPayload(ptype, body, reserved=reserved)


#: The payloads whose whole body is one opaque byte string, by type (as :func:`_body`).
_Opaque = _c.KeyExchange | _c.Hash | _c.Signature | _c.Nonce | _c.VendorId
_OPAQUE: Final[dict[int, type[_Opaque]]] = {
    _c.PT_KE: _c.KeyExchange,
    _c.PT_HASH: _c.Hash,
    _c.PT_SIG: _c.Signature,
    _c.PT_NONCE: _c.Nonce,
    _c.PT_VID: _c.VendorId,
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
    next_type = first_payload
    while next_type:  # PT_NONE is 0
        if (next_type in _CHAIN_ONLY or end - pos < 4
                or len(payloads) == _MAX_PAYLOADS):
            return None
        following, reserved = data[pos], data[pos + 1]
        p_end = pos + ((data[pos + 2] << 8) | data[pos + 3])
        if p_end - pos < 4 or p_end > end:
            return None
        kind = opaque.get(next_type)
        if kind is not None:  # a body of opaque bytes: no check can fail
            append(kind(data[pos + 4 : p_end], reserved=reserved))
        else:
            payload = _body(next_type, data, pos + 4, p_end, reserved)
            if payload is None:
                return None
            append(payload)
        pos = p_end
        next_type = following
    if pos != end and not allow_padding:
        return None
    return tuple(payloads), data[pos:end]
