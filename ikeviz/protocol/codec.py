"""The ISAKMP (IKEv1) wire codec: bytes to payload structures and back.

What it implements:

- the 28-byte ISAKMP header (RFC 2408 §3.1);
- the generic payload header and every payload IKEv1 uses (RFC 2408 §3.2-3.15,
  RFC 2407 §4.6 for the IPsec DOI, RFC 3947 §3.2/§5.2 for NAT-D and NAT-OA,
  the Mode-Config draft for the attribute payload, Cisco's IKE fragment);
- data attributes in both formats, TV and TLV (RFC 2408 §3.3).

Design (after aioquic's ``pull_*``/``push_*`` pairs): payloads are plain frozen
dataclasses; :func:`decode_message` and :func:`encode_message` convert. Lengths
and next-payload fields are *computed* on encode and *checked* on decode, so a
payload list is always consistent. Fields that the RFCs say must be zero
(RESERVED) are kept when they are not, so any message that decodes re-encodes
byte for byte.

The decoder is strict: any inconsistency raises :class:`DecodeError` with the
byte offset, the field path (e.g. ``SA.proposal[0].transform[2].attribute[3]
.length``) and what was expected. No other exception escapes it, whatever the
input.

Encryption is not the codec's business: an encrypted message (E flag) decodes
to its header plus the ciphertext; the engine decrypts it and hands the
plaintext to :func:`decode_payloads` with the header's first payload type.
"""

from __future__ import annotations

import functools
import ipaddress
import struct
from collections.abc import Callable, Sequence
from dataclasses import field
from typing import ClassVar, Final, ParamSpec, TypeAlias, TypeVar

from ikeviz.protocol._records import new_record, record
from ikeviz.protocol.errors import DecodeError, EncodeError

_T = TypeVar("_T")
_Params = ParamSpec("_Params")

# --- constants ---------------------------------------------------------------

HEADER_LENGTH: Final = 28  # RFC 2408 §3.1
GENERIC_HEADER_LENGTH: Final = 4  # RFC 2408 §3.2

FLAG_ENCRYPTION: Final = 0x01  # RFC 2408 §3.1, E(ncryption) bit
FLAG_COMMIT: Final = 0x02  # C(ommit) bit
FLAG_AUTHENTICATION_ONLY: Final = 0x04  # A(uthentication only) bit

ISAKMP_MAJOR_VERSION: Final = 1  # RFC 2408 §3.1: MjVer 1 for ISAKMP (IKEv1)

# Payload type numbers the codec itself needs (the full registry with names is
# ikeviz.protocol.registry.PayloadType; the codec keeps its own few constants
# so that it depends on nothing).
PT_NONE: Final = 0
PT_SA: Final = 1
PT_PROPOSAL: Final = 2
PT_TRANSFORM: Final = 3
PT_KE: Final = 4
PT_ID: Final = 5
PT_CERT: Final = 6
PT_CR: Final = 7
PT_HASH: Final = 8
PT_SIG: Final = 9
PT_NONCE: Final = 10
PT_NOTIFY: Final = 11
PT_DELETE: Final = 12
PT_VID: Final = 13
PT_MODE_CONFIG: Final = 14
PT_NAT_D: Final = 20
PT_NAT_OA: Final = 21
PT_NAT_D_DRAFT: Final = 130
PT_NAT_OA_DRAFT: Final = 131
PT_FRAGMENT: Final = 132

# Limits a hostile message cannot get around (each refused with a DecodeError that says
# "at most N"). IKEv1 nests only SA > P > T > attributes, so these bound the work and the
# memory of one decode to a small multiple of the input size.
MAX_PAYLOADS: Final = 256  # payloads in one chain (a message or a decrypted body)
MAX_PROPOSALS: Final = 64  # proposals in one SA payload
MAX_TRANSFORMS: Final = 256  # transforms in one proposal (its count field is 8 bits anyway)
MAX_ATTRIBUTE_VALUE: Final = 0xFFFF  # a TLV attribute's value: its length field is 16 bits
MAX_EMPTY_SPIS: Final = 16  # SPIs of size 0 in one Delete payload (they take no bytes)

DOI_IPSEC: Final = 1
SIT_SECRECY: Final = 0x02
SIT_INTEGRITY: Final = 0x04

# Notify types whose data the codec checks (RFC 2407 §4.6.3, RFC 3706 §5).
NOTIFY_RESPONDER_LIFETIME: Final = 24576
NOTIFY_R_U_THERE: Final = 36136
NOTIFY_R_U_THERE_ACK: Final = 36137

# ID types with a fixed-size address body (RFC 2407 §4.6.2.2 to §4.6.2.12).
ID_IPV4_ADDR: Final = 1
ID_FQDN: Final = 2
ID_USER_FQDN: Final = 3
ID_IPV4_ADDR_SUBNET: Final = 4
ID_IPV6_ADDR: Final = 5
ID_IPV6_ADDR_SUBNET: Final = 6
ID_IPV4_ADDR_RANGE: Final = 7
ID_IPV6_ADDR_RANGE: Final = 8
ID_DER_ASN1_DN: Final = 9
ID_DER_ASN1_GN: Final = 10
ID_KEY_ID: Final = 11

_ADDRESS_ID_SIZES: Final[dict[int, int]] = {
    ID_IPV4_ADDR: 4,
    ID_IPV4_ADDR_SUBNET: 8,
    ID_IPV4_ADDR_RANGE: 8,
    ID_IPV6_ADDR: 16,
    ID_IPV6_ADDR_SUBNET: 32,
    ID_IPV6_ADDR_RANGE: 32,
}

# Short names used in field paths and payload summaries; they follow the
# notation of RFC 2409 §5 ("HDR, SA, KE, Ni, IDii, HASH_I ...").
PAYLOAD_SHORT_NAMES: Final[dict[int, str]] = {
    PT_SA: "SA",
    PT_PROPOSAL: "P",
    PT_TRANSFORM: "T",
    PT_KE: "KE",
    PT_ID: "ID",
    PT_CERT: "CERT",
    PT_CR: "CR",
    PT_HASH: "HASH",
    PT_SIG: "SIG",
    PT_NONCE: "NONCE",
    PT_NOTIFY: "N",
    PT_DELETE: "D",
    PT_VID: "VID",
    PT_MODE_CONFIG: "ATTR",
    PT_NAT_D: "NAT-D",
    PT_NAT_OA: "NAT-OA",
    PT_NAT_D_DRAFT: "NAT-D",
    PT_NAT_OA_DRAFT: "NAT-OA",
    PT_FRAGMENT: "FRAG",
}


def payload_short_name(payload_type: int) -> str:
    """The RFC 2409 §5 notation of a payload type ("SA", "KE", ...); never raises."""
    return PAYLOAD_SHORT_NAMES.get(payload_type, f"PAYLOAD{payload_type}")


# --- data attributes (RFC 2408 §3.3) -----------------------------------------

_AF_BIT: Final = 0x8000  # Attribute Format: 1 = TV (basic), 0 = TLV (variable)


@record(frozen=True, slots=True)
class Attribute:
    """One SA attribute (RFC 2408 §3.3).

    A basic (TV) attribute has an ``int`` value of 16 bits; a variable (TLV)
    attribute has a ``bytes`` value, kept exactly as sent (leading zeros
    included), so that it re-encodes byte for byte.
    """

    type: int
    value: int | bytes

    @classmethod
    def basic(cls, attr_type: int, value: int) -> Attribute:
        """A TV attribute: the value fits in 16 bits."""
        return cls(attr_type, int(value))

    @classmethod
    def variable(cls, attr_type: int, value: bytes) -> Attribute:
        """A TLV attribute with the given value bytes."""
        return cls(attr_type, bytes(value))

    @classmethod
    def integer(cls, attr_type: int, value: int, *, size: int = 4) -> Attribute:
        """A TLV attribute holding ``value`` as a ``size``-byte big-endian integer.

        This is how real implementations send Life-Duration (RFC 2409 App. A:
        a variable attribute), e.g. 28800 as ``00 00 70 80``.
        """
        return cls(attr_type, value.to_bytes(size, "big"))

    @property
    def is_basic(self) -> bool:
        """True for the TV format (AF bit set)."""
        return isinstance(self.value, int)

    def as_int(self) -> int:
        """The value as an unsigned integer, whatever the format."""
        value = self.value
        if isinstance(value, int):
            return value
        return int.from_bytes(value, "big")


# Attribute(type, value) from a (type, value) pair, without a Python frame.
_new_attribute: Final = functools.partial(new_record, Attribute)


# --- payloads -----------------------------------------------------------------


@record(frozen=True, slots=True)
class Transform:
    """A Transform payload inside a Proposal (RFC 2408 §3.6)."""

    number: int
    transform_id: int
    attributes: tuple[Attribute, ...] = ()
    reserved2: int = field(default=0, kw_only=True)
    reserved: int = field(default=0, kw_only=True)

    def attribute(self, attr_type: int) -> Attribute | None:
        """The first attribute of the given class, or None."""
        for attr in self.attributes:
            if attr.type == attr_type:
                return attr
        return None


@record(frozen=True, slots=True)
class Proposal:
    """A Proposal payload inside an SA (RFC 2408 §3.5)."""

    number: int
    protocol_id: int
    spi: bytes = b""
    transforms: tuple[Transform, ...] = ()
    reserved: int = field(default=0, kw_only=True)


class _TypedPayload:
    """A payload whose type number is fixed by its class: ``TYPE``, read as ``payload_type``
    (NAT-D, NAT-OA and unknown payloads carry theirs as a field instead)."""

    __slots__ = ()
    TYPE: ClassVar[int]
    # A plain class attribute, equal to TYPE, rather than a property: the
    # encoder and the engine read it for every payload, and an attribute read
    # costs no call. It is not a dataclass field (no annotation in the
    # dataclass body), so fields, repr and equality are unchanged.
    payload_type: ClassVar[int]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.payload_type = cls.TYPE


@record(frozen=True, slots=True)
class SecurityAssociation(_TypedPayload):
    """SA payload (RFC 2408 §3.4; IPsec DOI situation, RFC 2407 §4.6.1)."""

    TYPE: ClassVar[int] = PT_SA
    doi: int
    situation: int
    proposals: tuple[Proposal, ...] = ()
    reserved: int = field(default=0, kw_only=True)


@record(frozen=True, slots=True)
class KeyExchange(_TypedPayload):
    """KE payload: the Diffie-Hellman public value (RFC 2408 §3.7)."""

    TYPE: ClassVar[int] = PT_KE
    data: bytes
    reserved: int = field(default=0, kw_only=True)


@record(frozen=True, slots=True)
class Identification(_TypedPayload):
    """ID payload of the IPsec DOI (RFC 2407 §4.6.2; RFC 2408 §3.8).

    ``data`` is the identification data as sent. For address types its size is
    checked on decode; :meth:`text` renders every type for people.
    """

    TYPE: ClassVar[int] = PT_ID
    id_type: int
    protocol_id: int = 0
    port: int = 0
    data: bytes = b""
    reserved: int = field(default=0, kw_only=True)

    def text(self) -> str:
        """The identity as people write it (``10.1.0.0/24``, ``vpn.example.com``...)."""
        return identification_text(self.id_type, self.data)


@record(frozen=True, slots=True)
class Certificate(_TypedPayload):
    """CERT payload (RFC 2408 §3.9)."""

    TYPE: ClassVar[int] = PT_CERT
    encoding: int
    data: bytes
    reserved: int = field(default=0, kw_only=True)


@record(frozen=True, slots=True)
class CertificateRequest(_TypedPayload):
    """CR payload (RFC 2408 §3.10): the certificate type and an authority."""

    TYPE: ClassVar[int] = PT_CR
    encoding: int
    authority: bytes = b""
    reserved: int = field(default=0, kw_only=True)


@record(frozen=True, slots=True)
class Hash(_TypedPayload):
    """HASH payload (RFC 2408 §3.11)."""

    TYPE: ClassVar[int] = PT_HASH
    data: bytes
    reserved: int = field(default=0, kw_only=True)


@record(frozen=True, slots=True)
class Signature(_TypedPayload):
    """SIG payload (RFC 2408 §3.12)."""

    TYPE: ClassVar[int] = PT_SIG
    data: bytes
    reserved: int = field(default=0, kw_only=True)


@record(frozen=True, slots=True)
class Nonce(_TypedPayload):
    """NONCE payload (RFC 2408 §3.13)."""

    TYPE: ClassVar[int] = PT_NONCE
    data: bytes
    reserved: int = field(default=0, kw_only=True)


@record(frozen=True, slots=True)
class Notification(_TypedPayload):
    """Notification payload (RFC 2408 §3.14).

    RESPONDER-LIFETIME carries an attribute list in its data (RFC 2407
    §4.6.3.1) and DPD's R-U-THERE/ACK a 4-byte sequence number (RFC 3706 §5);
    both are checked on decode and readable through the properties below.
    """

    TYPE: ClassVar[int] = PT_NOTIFY
    doi: int
    protocol_id: int
    notify_type: int
    spi: bytes = b""
    data: bytes = b""
    reserved: int = field(default=0, kw_only=True)

    @property
    def lifetime_attributes(self) -> tuple[Attribute, ...]:
        """The Life-Type/Life-Duration attributes of a RESPONDER-LIFETIME notify."""
        if self.notify_type != NOTIFY_RESPONDER_LIFETIME:
            return ()
        return _decode_attribute_list(self.data, 0, "N.data")

    @property
    def dpd_sequence(self) -> int | None:
        """The sequence number of R-U-THERE / R-U-THERE-ACK, else None."""
        if self.notify_type in (NOTIFY_R_U_THERE, NOTIFY_R_U_THERE_ACK) and len(self.data) == 4:
            return int.from_bytes(self.data, "big")
        return None


@record(frozen=True, slots=True)
class Delete(_TypedPayload):
    """Delete payload (RFC 2408 §3.15): SPIs of one protocol, all of one size."""

    TYPE: ClassVar[int] = PT_DELETE
    doi: int
    protocol_id: int
    spi_size: int
    spis: tuple[bytes, ...] = ()
    reserved: int = field(default=0, kw_only=True)


@record(frozen=True, slots=True)
class VendorId(_TypedPayload):
    """Vendor ID payload (RFC 2408 §3.16): opaque bytes, usually a hash."""

    TYPE: ClassVar[int] = PT_VID
    data: bytes
    reserved: int = field(default=0, kw_only=True)


@record(frozen=True, slots=True)
class ModeConfigAttributes(_TypedPayload):
    """Attribute payload of Mode-Config (draft-ietf-ipsec-isakmp-mode-cfg-05 §3.2)."""

    TYPE: ClassVar[int] = PT_MODE_CONFIG
    cfg_type: int
    identifier: int
    attributes: tuple[Attribute, ...] = ()
    reserved2: int = field(default=0, kw_only=True)
    reserved: int = field(default=0, kw_only=True)


@record(frozen=True, slots=True)
class NatDiscovery:
    """NAT-D payload (RFC 3947 §3.2): HASH(CKY-I | CKY-R | IP | Port).

    ``payload_type`` is 20 (RFC 3947) or 130 (the pre-RFC drafts).
    """

    data: bytes
    payload_type: int = PT_NAT_D
    reserved: int = field(default=0, kw_only=True)


@record(frozen=True, slots=True)
class NatOriginalAddress:
    """NAT-OA payload (RFC 3947 §5.2): ID type (IPv4/IPv6 address) and address.

    ``payload_type`` is 21 (RFC 3947) or 131 (the pre-RFC drafts).
    """

    id_type: int
    address: bytes
    payload_type: int = PT_NAT_OA
    reserved2: bytes = field(default=b"\x00\x00\x00", kw_only=True)
    reserved: int = field(default=0, kw_only=True)


@record(frozen=True, slots=True)
class Fragment(_TypedPayload):
    """IKE fragment (Cisco's IKEv1 fragmentation, payload type 132)."""

    TYPE: ClassVar[int] = PT_FRAGMENT
    fragment_id: int
    number: int
    flags: int
    data: bytes
    reserved: int = field(default=0, kw_only=True)


@record(frozen=True, slots=True)
class UnknownPayload:
    """A payload type the codec does not know: kept as raw bytes so it re-encodes."""

    payload_type: int
    data: bytes
    reserved: int = field(default=0, kw_only=True)


Payload: TypeAlias = (
    SecurityAssociation
    | KeyExchange
    | Identification
    | Certificate
    | CertificateRequest
    | Hash
    | Signature
    | Nonce
    | Notification
    | Delete
    | VendorId
    | ModeConfigAttributes
    | NatDiscovery
    | NatOriginalAddress
    | Fragment
    | UnknownPayload
)


# --- header and message -------------------------------------------------------


@record(frozen=True, slots=True)
class Header:
    """The ISAKMP header (RFC 2408 §3.1).

    ``next_payload`` and ``length`` are what the header says (after a decode);
    :func:`encode_message` recomputes both for a cleartext message, and the
    length for an encrypted one (whose first payload type only the sender
    knows, so it is taken from here).
    """

    icookie: bytes
    rcookie: bytes
    exchange_type: int
    flags: int = 0
    message_id: int = 0
    next_payload: int = PT_NONE
    major_version: int = ISAKMP_MAJOR_VERSION
    minor_version: int = 0
    length: int = 0

    @property
    def encrypted(self) -> bool:
        return bool(self.flags & FLAG_ENCRYPTION)

    @property
    def commit(self) -> bool:
        return bool(self.flags & FLAG_COMMIT)


@record(frozen=True, slots=True)
class Message:
    """An ISAKMP message: a header, then either payloads or a ciphertext.

    A cleartext message has ``payloads`` and ``ciphertext`` None. A message
    with the E flag has ``ciphertext`` (everything after the header) and no
    payloads; :func:`decode_payloads` reads the plaintext once decrypted.
    """

    header: Header
    payloads: tuple[Payload, ...] = ()
    ciphertext: bytes | None = None

    def first(self, payload_type: int) -> Payload | None:
        """The first payload of the given type, or None."""
        return first_payload(self.payloads, payload_type)


def first_payload(payloads: Sequence[Payload], payload_type: int) -> Payload | None:
    """The first payload of ``payload_type`` in ``payloads``, or None."""
    for payload in payloads:
        if payload.payload_type == payload_type:
            return payload
    return None


@record(frozen=True, slots=True)
class FieldSpan:
    """Where a decoded field lies: ``data[start:end]`` of the decoded buffer.

    The inspector highlights these bytes when the user selects the field.
    """

    path: str
    start: int
    end: int


# --- the reader ---------------------------------------------------------------


class _Reader:
    """A bounded cursor over a buffer that raises DecodeError on any overrun.

    ``base`` is added to every offset it reports, so that errors and spans of
    a decrypted body can be given relative to the whole message.
    """

    __slots__ = ("data", "pos", "end", "base", "spans")

    def __init__(
        self,
        data: bytes,
        pos: int = 0,
        end: int | None = None,
        base: int = 0,
        spans: list[FieldSpan] | None = None,
    ) -> None:
        self.data = data
        self.pos = pos
        self.end = len(data) if end is None else end
        self.base = base
        self.spans = spans

    @property
    def remaining(self) -> int:
        return self.end - self.pos

    def offset(self) -> int:
        return self.base + self.pos

    def _take(self, size: int, path: str, field: str, what: str) -> int:
        # Field paths are joined only when they are needed (an error, or spans
        # for the inspector), which keeps decoding fast.
        start = self.pos
        if size > self.end - start:
            raise DecodeError(
                self.offset(),
                f"{path}.{field}" if field else path,
                f"{size} bytes of {what}",
                f"{self.end - start} left",
            )
        self.pos = start + size
        if self.spans is not None:
            full = f"{path}.{field}" if field else path
            self.spans.append(FieldSpan(full, self.base + start, self.base + self.pos))
        return start

    def u8(self, path: str, field: str = "") -> int:
        start = self._take(1, path, field, "a 1-byte field")
        return self.data[start]

    def u16(self, path: str, field: str = "") -> int:
        start = self._take(2, path, field, "a 2-byte field")
        data = self.data
        return (data[start] << 8) | data[start + 1]

    def u32(self, path: str, field: str = "") -> int:
        start = self._take(4, path, field, "a 4-byte field")
        return int.from_bytes(self.data[start : start + 4], "big")

    def raw(self, size: int, path: str, field: str = "") -> bytes:
        start = self._take(size, path, field, "data")
        return self.data[start : start + size]

    def span(self, path: str, start: int, end: int) -> None:
        if self.spans is not None:
            self.spans.append(FieldSpan(path, self.base + start, self.base + end))


def _decode_attribute(reader: _Reader, path: str) -> Attribute:
    """One data attribute (RFC 2408 §3.3): AF bit, type, then value or length+value."""
    start = reader.pos
    type_field = reader.u16(path, "type")
    attr_type = type_field & ~_AF_BIT
    if type_field & _AF_BIT:
        value: int | bytes = reader.u16(path, "value")
    else:
        length = reader.u16(path, "length")
        if length > reader.remaining:
            raise DecodeError(
                reader.offset() - 2,
                f"{path}.length",
                f"a length of at most {reader.remaining} (the bytes left in the parent)",
                str(length),
            )
        value = reader.raw(length, path, "value")
    reader.span(path, start, reader.pos)
    return Attribute(attr_type, value)


def _decode_attributes(reader: _Reader, path: str) -> tuple[Attribute, ...]:
    if reader.spans is None:
        fast = _decode_attributes_fast(reader.data, reader.pos, reader.end)
        if fast is not None:
            reader.pos = reader.end
            return fast
    # The careful walk: records spans, and names the exact field of an error.
    attributes = []
    index = 0
    while reader.remaining > 0:
        attributes.append(_decode_attribute(reader, f"{path}.attribute[{index}]"))
        index += 1
    return tuple(attributes)


# Unpackers of n TV attributes (2n 16-bit words), n up to 16: the fast walk
# reads a list of TV attributes with one call.
_UNPACK_WORDS: Final = tuple(struct.Struct(f"!{2 * n}H").unpack_from for n in range(17))
_LOW_15_BITS: Final = (0x7FFF).__and__  # a TV attribute's type, without the AF bit


def _decode_attributes_fast(data: bytes, pos: int, end: int) -> tuple[Attribute, ...] | None:
    """The same walk as :func:`_decode_attributes` without paths or spans.

    Returns None at the first inconsistency, so that the careful walk can
    report it precisely; most attributes are TV, four bytes each.
    """
    if end - pos <= _MEMO_BLOCK_SIZE and data.__class__ is bytes:
        return _decode_attribute_block(data[pos:end])
    return _walk_attributes(data, pos, end)


# A peer sends the same few attribute lists again and again (those of its
# configured transforms), and decoding one costs far more than looking it up
# by its bytes: the decoded lists of the last few hundred short blocks (at
# most 16 TV attributes) are kept. The lists are tuples of immutable records,
# so sharing them is safe; a block is all the input its decoding depends on.
_MEMO_BLOCK_SIZE: Final = 64


@functools.lru_cache(maxsize=256)
def _decode_attribute_block(block: bytes) -> tuple[Attribute, ...] | None:
    return _walk_attributes(block, 0, len(block))


def _walk_attributes(data: bytes, pos: int, end: int) -> tuple[Attribute, ...] | None:
    # _decode_attributes_fast's walk, for any block.
    size = end - pos
    if 16 <= size <= 64 and not size & 3:
        # Usually every attribute is TV (RFC 2408 §3.3: AF bit set, 4 bytes):
        # read them all at once; a TLV one among them takes the loop below.
        # (For fewer than 4 attributes the loop costs less.)
        words = _UNPACK_WORDS[size >> 2](data, pos)
        types = words[::2]
        if min(types) & _AF_BIT:
            return tuple(map(_new_attribute, zip(map(_LOW_15_BITS, types), words[1::2],
                                                   strict=True)))
    attributes = []
    while pos < end:
        if end - pos < 4:
            return None
        type_field = (data[pos] << 8) | data[pos + 1]
        second = (data[pos + 2] << 8) | data[pos + 3]
        if type_field & _AF_BIT:
            attributes.append(Attribute(type_field & 0x7FFF, second))
            pos += 4
        else:
            if second > end - pos - 4:
                return None
            attributes.append(Attribute(type_field, data[pos + 4 : pos + 4 + second]))
            pos += 4 + second
    return tuple(attributes)


def _decode_attribute_list(data: bytes, base: int, path: str) -> tuple[Attribute, ...]:
    return _decode_attributes(_Reader(data, base=base), path)


def decode_attributes(data: bytes, *, path: str = "attributes") -> tuple[Attribute, ...]:
    """Decode a bare list of data attributes (e.g. RESPONDER-LIFETIME's data)."""
    try:
        return _decode_attribute_list(bytes(data), 0, path)
    except DecodeError:
        raise
    except Exception as exc:  # pragma: no cover - a bug, reported as a decode error
        raise DecodeError(0, path, "a valid attribute list", repr(exc)) from exc


def _generic_header(reader: _Reader, path: str) -> tuple[int, int, int, int]:
    """Read a generic payload header (RFC 2408 §3.2).

    Returns (start offset, next payload, reserved, end offset of the payload)
    and checks that the payload length fits the header and the parent.
    """
    start = reader.pos
    next_payload = reader.u8(path, "next_payload")
    reserved = reader.u8(path, "reserved")
    length = reader.u16(path, "length")
    if length < GENERIC_HEADER_LENGTH:
        raise DecodeError(
            reader.base + start + 2,
            f"{path}.length",
            f"a payload length of at least {GENERIC_HEADER_LENGTH}",
            str(length),
        )
    if start + length > reader.end:
        raise DecodeError(
            reader.base + start + 2,
            f"{path}.length",
            f"a payload length of at most {reader.end - start} (the bytes left in the parent)",
            str(length),
        )
    return start, next_payload, reserved, start + length


def _minimum(reader: _Reader, end: int, size: int, path: str, what: str) -> None:
    if end - reader.pos < size:
        raise DecodeError(
            reader.offset(),
            f"{path}.length",
            f"at least {size} bytes of {what} after the generic header",
            f"{end - reader.pos}",
        )


def _decode_transform(reader: _Reader, path: str) -> tuple[Transform, int]:
    """Transform payload (RFC 2408 §3.6). Returns it and its next-payload field."""
    start, next_payload, reserved, end = _generic_header(reader, path)
    sub = _Reader(reader.data, reader.pos, end, reader.base, reader.spans)
    _minimum(sub, end, 4, path, "transform number, ID and RESERVED2")
    number = sub.u8(path, "number")
    transform_id = sub.u8(path, "transform_id")
    reserved2 = sub.u16(path, "reserved2")
    attributes = _decode_attributes(sub, path)
    reader.pos = end
    reader.span(path, start, end)
    transform = Transform(number, transform_id, attributes, reserved2=reserved2, reserved=reserved)
    return transform, next_payload


def _decode_proposal(reader: _Reader, path: str) -> tuple[Proposal, int]:
    """Proposal payload (RFC 2408 §3.5). Returns it and its next-payload field."""
    start, next_payload, reserved, end = _generic_header(reader, path)
    sub = _Reader(reader.data, reader.pos, end, reader.base, reader.spans)
    _minimum(sub, end, 4, path, "proposal number, protocol, SPI size and transform count")
    number = sub.u8(path, "number")
    protocol_id = sub.u8(path, "protocol_id")
    spi_size = sub.u8(path, "spi_size")
    count_offset = sub.offset()
    count = sub.u8(path, "transform_count")
    spi = sub.raw(spi_size, path, "spi")
    transforms: list[Transform] = []
    # Walk the chain as the next-payload fields say, then compare with the
    # count: the error then names whichever of the two is inconsistent.
    more = sub.remaining > 0
    while more:
        t_path = f"{path}.transform[{len(transforms)}]"
        if len(transforms) == MAX_TRANSFORMS:
            raise DecodeError(
                sub.offset(),
                t_path,
                f"at most {MAX_TRANSFORMS} transforms in a proposal",
                f"transform {MAX_TRANSFORMS + 1}",
            )
        transform, t_next = _decode_transform(sub, t_path)
        transforms.append(transform)
        if t_next == PT_TRANSFORM:
            if sub.remaining == 0:
                raise DecodeError(
                    sub.offset(),
                    f"{path}.transform[{len(transforms)}]",
                    "another transform, as the previous one's next payload (3) says",
                    "the end of the proposal",
                )
            continue
        if t_next != PT_NONE:
            raise DecodeError(
                sub.offset(),
                f"{t_path}.next_payload",
                "3 (another transform) or 0 (the last one)",
                str(t_next),
            )
        more = False
    if len(transforms) != count:
        raise DecodeError(
            count_offset,
            f"{path}.transform_count",
            f"the number of transform payloads in the proposal ({len(transforms)})",
            str(count),
        )
    if sub.remaining:
        raise DecodeError(
            sub.offset(),
            f"{path}.length",
            "no bytes after the last transform of the proposal",
            f"{sub.remaining} extra bytes",
        )
    reader.pos = end
    reader.span(path, start, end)
    proposal = Proposal(number, protocol_id, spi, tuple(transforms), reserved=reserved)
    return proposal, next_payload


def _decode_sa(sub: _Reader, end: int, path: str, reserved: int) -> SecurityAssociation:
    """SA payload (RFC 2408 §3.4, RFC 2407 §4.6.1)."""
    _minimum(sub, end, 8, path, "DOI and situation")
    doi = sub.u32(path, "doi")
    situation = sub.u32(path, "situation")
    if doi == DOI_IPSEC and situation & (SIT_SECRECY | SIT_INTEGRITY):
        # RFC 2407 §4.6.1: these situations add labelled-domain fields that no
        # IKEv1 implementation in use sends; refusing is clearer than guessing.
        raise DecodeError(
            sub.offset() - 4,
            f"{path}.situation",
            "SIT_IDENTITY_ONLY (labelled SIT_SECRECY/SIT_INTEGRITY domains are not supported)",
            f"0x{situation:08x}",
        )
    proposals: list[Proposal] = []
    while True:
        p_path = f"{path}.proposal[{len(proposals)}]"
        if len(proposals) == MAX_PROPOSALS:
            raise DecodeError(
                sub.offset(),
                p_path,
                f"at most {MAX_PROPOSALS} proposals in an SA payload",
                f"proposal {MAX_PROPOSALS + 1}",
            )
        if sub.remaining == 0:
            raise DecodeError(
                sub.offset(),
                p_path,
                "a proposal payload (an SA holds at least one)"
                if not proposals
                else "another proposal, as the previous one's next payload (2) says",
                "the end of the SA payload",
            )
        proposal, p_next = _decode_proposal(sub, p_path)
        proposals.append(proposal)
        if p_next == PT_PROPOSAL:
            continue
        if p_next != PT_NONE:
            raise DecodeError(
                sub.offset(),
                f"{p_path}.next_payload",
                "2 (another proposal) or 0 (the last one)",
                str(p_next),
            )
        break
    if sub.remaining:
        raise DecodeError(
            sub.offset(),
            f"{path}.length",
            "no bytes after the last proposal of the SA",
            f"{sub.remaining} extra bytes",
        )
    return SecurityAssociation(doi, situation, tuple(proposals), reserved=reserved)


def _decode_identification(
    sub: _Reader, end: int, path: str, reserved: int
) -> Identification:
    """ID payload of the IPsec DOI (RFC 2407 §4.6.2)."""
    _minimum(sub, end, 4, path, "ID type, protocol and port")
    id_type = sub.u8(path, "id_type")
    protocol_id = sub.u8(path, "protocol_id")
    port = sub.u16(path, "port")
    size = _ADDRESS_ID_SIZES.get(id_type)
    if size is not None and sub.remaining != size:
        raise DecodeError(
            sub.offset(),
            f"{path}.data",
            f"{size} bytes of address data for ID type {id_type}",
            f"{sub.remaining} bytes",
        )
    data = sub.raw(sub.remaining, path, "data")
    return Identification(id_type, protocol_id, port, data, reserved=reserved)


def _decode_notification(sub: _Reader, end: int, path: str, reserved: int) -> Notification:
    """Notification payload (RFC 2408 §3.14)."""
    _minimum(sub, end, 8, path, "DOI, protocol, SPI size and notify type")
    doi = sub.u32(path, "doi")
    protocol_id = sub.u8(path, "protocol_id")
    spi_size = sub.u8(path, "spi_size")
    notify_type = sub.u16(path, "notify_type")
    spi = sub.raw(spi_size, path, "spi")
    data_offset = sub.offset()
    data = sub.raw(sub.remaining, path, "data")
    if notify_type == NOTIFY_RESPONDER_LIFETIME:
        # RFC 2407 §4.6.3.1: the data is a list of SA attributes; check it now.
        _decode_attribute_list(data, data_offset, f"{path}.data")
    elif notify_type in (NOTIFY_R_U_THERE, NOTIFY_R_U_THERE_ACK) and len(data) != 4:
        raise DecodeError(
            data_offset,
            f"{path}.data",
            "a 4-byte DPD sequence number (RFC 3706 §5)",
            f"{len(data)} bytes",
        )
    return Notification(doi, protocol_id, notify_type, spi, data, reserved=reserved)


def _decode_delete(sub: _Reader, end: int, path: str, reserved: int) -> Delete:
    """Delete payload (RFC 2408 §3.15)."""
    _minimum(sub, end, 8, path, "DOI, protocol, SPI size and SPI count")
    doi = sub.u32(path, "doi")
    protocol_id = sub.u8(path, "protocol_id")
    spi_size = sub.u8(path, "spi_size")
    count = sub.u16(path, "spi_count")
    if spi_size == 0 and count > MAX_EMPTY_SPIS:
        # Empty SPIs take no bytes: without this bound 12 bytes would make 65535 of them.
        raise DecodeError(
            sub.offset() - 2,
            f"{path}.spi_count",
            f"at most {MAX_EMPTY_SPIS} SPIs when the SPI size is 0",
            str(count),
        )
    if count * spi_size != sub.remaining:
        raise DecodeError(
            sub.offset() - 2,
            f"{path}.spi_count",
            f"{sub.remaining} bytes of SPIs = spi_count x spi_size ({spi_size})",
            f"{count} SPIs ({count * spi_size} bytes)",
        )
    spis = tuple(sub.raw(spi_size, path, f"spi[{i}]") for i in range(count))
    return Delete(doi, protocol_id, spi_size, spis, reserved=reserved)


def _decode_nat_oa(
    sub: _Reader, end: int, path: str, reserved: int, payload_type: int
) -> NatOriginalAddress:
    """NAT-OA payload (RFC 3947 §5.2): ID type, 3 reserved bytes, the address."""
    _minimum(sub, end, 4, path, "ID type and RESERVED")
    id_type = sub.u8(path, "id_type")
    reserved2 = sub.raw(3, path, "reserved2")
    size = {ID_IPV4_ADDR: 4, ID_IPV6_ADDR: 16}.get(id_type)
    if size is None:
        raise DecodeError(
            sub.offset() - 4,
            f"{path}.id_type",
            "1 (ID_IPV4_ADDR) or 5 (ID_IPV6_ADDR)",
            str(id_type),
        )
    if sub.remaining != size:
        raise DecodeError(
            sub.offset(), f"{path}.address", f"{size} bytes of address", f"{sub.remaining}"
        )
    address = sub.raw(size, path, "address")
    return NatOriginalAddress(
        id_type, address, payload_type, reserved2=reserved2, reserved=reserved
    )


def _decode_body(
    payload_type: int, sub: _Reader, end: int, path: str, reserved: int
) -> Payload:
    """Decode one payload's body, after its generic header, by type."""
    if payload_type == PT_SA:
        return _decode_sa(sub, end, path, reserved)
    if payload_type == PT_ID:
        return _decode_identification(sub, end, path, reserved)
    if payload_type == PT_NOTIFY:
        return _decode_notification(sub, end, path, reserved)
    if payload_type == PT_DELETE:
        return _decode_delete(sub, end, path, reserved)
    if payload_type in (PT_NAT_OA, PT_NAT_OA_DRAFT):
        return _decode_nat_oa(sub, end, path, reserved, payload_type)
    if payload_type in (PT_CERT, PT_CR):
        _minimum(sub, end, 1, path, "the certificate encoding")
        encoding = sub.u8(path, "encoding")
        rest = sub.raw(sub.remaining, path, "data")
        if payload_type == PT_CERT:
            return Certificate(encoding, rest, reserved=reserved)
        return CertificateRequest(encoding, rest, reserved=reserved)
    if payload_type == PT_MODE_CONFIG:
        _minimum(sub, end, 4, path, "type, RESERVED and identifier")
        cfg_type = sub.u8(path, "cfg_type")
        reserved2 = sub.u8(path, "reserved2")
        identifier = sub.u16(path, "identifier")
        attributes = _decode_attributes(sub, path)
        return ModeConfigAttributes(
            cfg_type, identifier, attributes, reserved2=reserved2, reserved=reserved
        )
    if payload_type == PT_FRAGMENT:
        _minimum(sub, end, 4, path, "fragment ID, number and flags")
        fragment_id = sub.u16(path, "fragment_id")
        number = sub.u8(path, "number")
        flags = sub.u8(path, "flags")
        data = sub.raw(sub.remaining, path, "data")
        return Fragment(fragment_id, number, flags, data, reserved=reserved)
    data = sub.raw(sub.remaining, path, "data")
    if payload_type == PT_KE:
        return KeyExchange(data, reserved=reserved)
    if payload_type == PT_HASH:
        return Hash(data, reserved=reserved)
    if payload_type == PT_SIG:
        return Signature(data, reserved=reserved)
    if payload_type == PT_NONCE:
        return Nonce(data, reserved=reserved)
    if payload_type == PT_VID:
        return VendorId(data, reserved=reserved)
    if payload_type in (PT_NAT_D, PT_NAT_D_DRAFT):
        return NatDiscovery(data, payload_type, reserved=reserved)
    return UnknownPayload(payload_type, data, reserved=reserved)


def _decode_chain(
    reader: _Reader, first_payload: int, *, allow_padding: bool, origin: str
) -> tuple[tuple[Payload, ...], bytes]:
    """Walk a payload chain (RFC 2408 §3.2) from ``first_payload`` to NONE.

    ``origin`` names the field that gave ``first_payload`` (the header's next
    payload), for error messages. Bytes after the chain are padding when
    ``allow_padding`` (a decrypted body, RFC 2409 App. B), else an error.
    """
    if reader.spans is None:
        # Valid input takes the fast walk; at any doubt, the careful walk below
        # names the field and offset (ikeviz.protocol._fastdecode).
        fast = _fastdecode.fast_chain(reader.data, reader.pos, reader.end, first_payload,
                                      allow_padding=allow_padding)
        if fast is not None:
            reader.pos = reader.end
            return fast
    payloads: list[Payload] = []
    counts: dict[str, int] = {}
    next_type = first_payload
    previous_field = origin
    while next_type != PT_NONE:
        if len(payloads) == MAX_PAYLOADS:
            raise DecodeError(
                reader.offset(),
                previous_field,
                f"at most {MAX_PAYLOADS} payloads in a message",
                f"payload {MAX_PAYLOADS + 1} (type {next_type})",
            )
        name = payload_short_name(next_type)
        seen = counts.get(name, 0)
        counts[name] = seen + 1
        path = name if seen == 0 else f"{name}[{seen}]"
        if next_type in (PT_PROPOSAL, PT_TRANSFORM):
            # RFC 2408 §3.5/§3.6: P and T payloads exist only inside an SA.
            raise DecodeError(
                reader.offset(),
                previous_field,
                "a top-level payload type (P and T payloads appear only inside an SA)",
                str(next_type),
            )
        if reader.remaining == 0:
            raise DecodeError(
                reader.offset(),
                path,
                f"a {name} payload, as {previous_field} ({next_type}) says",
                "the end of the message",
            )
        start, following, reserved, end = _generic_header(reader, path)
        sub = _Reader(reader.data, reader.pos, end, reader.base, reader.spans)
        payload = _decode_body(next_type, sub, end, path, reserved)
        if sub.remaining:  # pragma: no cover - every body decoder consumes its payload
            raise DecodeError(sub.offset(), f"{path}.length", "no extra bytes", str(sub.remaining))
        reader.pos = end
        reader.span(path, start, end)
        payloads.append(payload)
        previous_field = f"{path}.next_payload"
        next_type = following
    rest = reader.raw(reader.remaining, "padding") if reader.remaining else b""
    if rest and not allow_padding:
        raise DecodeError(
            reader.offset() - len(rest),
            previous_field,
            "the end of the message after a payload whose next payload is 0 (NONE)",
            f"{len(rest)} more bytes",
        )
    return tuple(payloads), rest


def _decode_header(reader: _Reader) -> Header:
    """The ISAKMP header (RFC 2408 §3.1)."""
    if reader.remaining < HEADER_LENGTH:
        raise DecodeError(
            reader.offset(),
            "header",
            f"a {HEADER_LENGTH}-byte ISAKMP header",
            f"{reader.remaining} bytes",
        )
    icookie = reader.raw(8, "header", "icookie")
    rcookie = reader.raw(8, "header", "rcookie")
    next_payload = reader.u8("header", "next_payload")
    version = reader.u8("header", "version")
    major, minor = version >> 4, version & 0x0F
    if major != ISAKMP_MAJOR_VERSION:
        found = f"{major}.{minor}" + (" (IKEv2, RFC 7296)" if major == 2 else "")
        raise DecodeError(
            reader.offset() - 1, "header.version", "major version 1 (ISAKMP/IKEv1)", found
        )
    exchange_type = reader.u8("header", "exchange_type")
    flags = reader.u8("header", "flags")
    message_id = reader.u32("header", "message_id")
    length = reader.u32("header", "length")
    return Header(
        icookie=icookie,
        rcookie=rcookie,
        exchange_type=exchange_type,
        flags=flags,
        message_id=message_id,
        next_payload=next_payload,
        major_version=major,
        minor_version=minor,
        length=length,
    )


def _guarded(function: Callable[[], _T]) -> _T:
    """Run a decoder so that nothing but DecodeError can escape (a safety net)."""
    try:
        return function()
    except DecodeError:
        raise
    except (RecursionError, MemoryError):
        raise
    except Exception as exc:  # pragma: no cover - a codec bug surfaces as a decode error
        raise DecodeError(0, "message", "a decodable message", f"internal error {exc!r}") from exc


def decode_header(data: bytes) -> Header:
    """Decode only the 28-byte ISAKMP header (RFC 2408 §3.1)."""
    return _guarded(lambda: _decode_header(_Reader(bytes(data))))


def decode_message(data: bytes, *, spans: list[FieldSpan] | None = None) -> Message:
    """Decode one ISAKMP message (RFC 2408 §3), strictly.

    The header's length must equal ``len(data)``. A message with the E flag
    decodes to its header and ciphertext. If ``spans`` is a list, the byte
    range of every field is appended to it (for the inspector's hex view).
    Raises :class:`DecodeError`, and nothing else, on any invalid input.
    """

    if spans is None and len(buf := bytes(data)) >= HEADER_LENGTH:
        # The fast way for valid input (written out here: one call less per
        # message). At any doubt the careful walk below runs, and raises the
        # precise DecodeError.
        size = len(buf)
        icookie, rcookie, next_payload, version, exchange_type, flags, message_id, length = (
            _unpack_header(buf)
        )
        if version >> 4 == ISAKMP_MAJOR_VERSION and length == size:
            header = new_record(Header, (icookie, rcookie, exchange_type, flags, message_id,
                                         next_payload, ISAKMP_MAJOR_VERSION, version & 0x0F,
                                         length))
            if flags & FLAG_ENCRYPTION:
                return new_record(Message, (header, (), buf[HEADER_LENGTH:]))
            try:
                fast = _fastdecode.fast_chain(buf, HEADER_LENGTH, size, next_payload,
                                              allow_padding=False)
            except Exception:  # pragma: no cover - the careful walk reports it
                fast = None
            if fast is not None:
                return new_record(Message, (header, fast[0], None))

    def run() -> Message:
        buf = bytes(data)
        reader = _Reader(buf, spans=spans)
        header = _decode_header(reader)
        if header.length != len(buf):
            raise DecodeError(
                24,
                "header.length",
                f"the length of the datagram ({len(buf)} bytes)",
                str(header.length),
            )
        if header.encrypted:
            ciphertext = reader.raw(reader.remaining, "encrypted")
            return Message(header, (), ciphertext)
        payloads, _ = _decode_chain(
            reader, header.next_payload, allow_padding=False, origin="header.next_payload"
        )
        return Message(header, payloads, None)

    return _guarded(run)


_unpack_header = struct.Struct("!8s8sBBBBII").unpack_from


def decode_payloads(
    body: bytes,
    first_payload: int,
    *,
    allow_padding: bool = True,
    base_offset: int = HEADER_LENGTH,
    spans: list[FieldSpan] | None = None,
) -> tuple[tuple[Payload, ...], bytes]:
    """Decode a payload chain, e.g. the plaintext of an encrypted message.

    ``first_payload`` is the type in the ISAKMP header. Returns the payloads
    and the padding after the last one (RFC 2409 App. B). Offsets in errors
    and spans count from ``base_offset`` (by default the end of the header,
    so they are offsets in the message).
    """
    if spans is None:
        buf = bytes(body)
        try:
            fast = _fastdecode.fast_chain(buf, 0, len(buf), first_payload,
                                          allow_padding=allow_padding)
        except Exception:  # pragma: no cover - the careful walk reports it
            fast = None
        if fast is not None:
            return fast
    return _guarded(
        lambda: _decode_chain(
            _Reader(bytes(body), base=base_offset, spans=spans),
            first_payload,
            allow_padding=allow_padding,
            origin="header.next_payload",
        )
    )


# --- encoding -----------------------------------------------------------------


def _check_range(value: int, bits: int, what: str) -> int:
    if not isinstance(value, int) or value < 0 or value >= 1 << bits:
        raise EncodeError(f"{what} must fit in {bits} bits, got {value!r}")
    return value


# bytes(x) is x itself when x is bytes already, but the call costs several times
# the test ``x.__class__ is bytes``: where a bytes field is encoded for every
# message, the encoders below test first (``x if x.__class__ is bytes else bytes(x)``).

# Precompiled packers: the encoder runs for every message the engine sends.
_pack_hh = struct.Struct("!HH").pack
_pack_bbh = struct.Struct("!BBH").pack
_pack_generic_bbh = struct.Struct("!BBHBBH").pack  # generic header, then 4 bytes of body
_pack_generic_ii = struct.Struct("!BBHII").pack  # generic header, then DOI and situation
_pack_generic_bbbb = struct.Struct("!BBHBBBB").pack  # generic header of a proposal
_pack_ii = struct.Struct("!II").pack  # SA: DOI and situation
_pack_header = struct.Struct("!8s8sBBBBII").pack  # the whole ISAKMP header


def _encode_attribute(attribute: Attribute) -> bytes:
    """One data attribute (RFC 2408 §3.3) in its own format (TV or TLV)."""
    attr_type = _check_range(attribute.type, 15, "attribute type")
    if isinstance(attribute.value, int):
        value = attribute.value
        return _pack_hh(attr_type | _AF_BIT, value)
    data = bytes(attribute.value)
    return _pack_hh(attr_type, len(data)) + data


# The encoding of recent attribute lists, by the identity of their tuple. A
# negotiation encodes the same few tuples again and again: those of the
# configured transforms (made once per configuration, see proposals.py) and
# those of the peer's transforms that it echoes (shared by
# _decode_attribute_block); a look-up costs a few percent of the encoding.
# An entry keeps its tuple, so that its id stays the tuple's, and serves only
# that very tuple: an equal one may not encode alike (1 == 1.0 == True). Only
# tuples of Attribute records of immutable values are kept (ints, and bytes
# for TLV values).
_ENCODED_ATTRIBUTES: Final[dict[int, tuple[Sequence[Attribute], bytes]]] = {}
_ENCODED_ATTRIBUTES_MAX: Final = 256


def _encode_attributes(attributes: Sequence[Attribute]) -> bytes:
    kept = _ENCODED_ATTRIBUTES.get(id(attributes))
    if kept is not None and kept[0] is attributes:
        return kept[1]
    encoded, immutable = _encode_attribute_list(attributes)
    if immutable and attributes.__class__ is tuple:
        if len(_ENCODED_ATTRIBUTES) >= _ENCODED_ATTRIBUTES_MAX:
            _ENCODED_ATTRIBUTES.clear()
        _ENCODED_ATTRIBUTES[id(attributes)] = (attributes, encoded)
    return encoded


def _encode_attribute_list(attributes: Sequence[Attribute]) -> tuple[bytes, bool]:
    """The attributes encoded, and whether all are Attribute records of immutable values."""
    immutable = True
    parts = []
    for attribute in attributes:
        if attribute.__class__ is not Attribute:
            immutable = False
        attr_type = attribute.type
        if not isinstance(attr_type, int) or attr_type < 0 or attr_type >= 0x8000:
            _check_range(attr_type, 15, "attribute type")  # raises
        value = attribute.value
        if isinstance(value, int):
            parts.append(_pack_hh(attr_type | _AF_BIT, value))
        else:
            if value.__class__ is not bytes:
                immutable = False
            data = bytes(value)
            parts.append(_pack_hh(attr_type, len(data)) + data)
    return b"".join(parts), immutable


def _encode_transform(transform: Transform, next_payload: int) -> bytes:
    attributes = _encode_attributes(transform.attributes)
    return _pack_generic_bbh(
        next_payload,
        transform.reserved,
        8 + len(attributes),
        transform.number,
        transform.transform_id,
        transform.reserved2,
    ) + attributes


def _encode_proposal(proposal: Proposal, next_payload: int) -> bytes:
    # Loops rather than list comprehensions here and in _encode_sa_body: in
    # Python 3.11 a comprehension is one more function call.
    transforms = proposal.transforms
    count = len(transforms)
    last = count - 1
    spi = proposal.spi
    if spi.__class__ is not bytes:
        spi = bytes(spi)
    parts = [spi]
    for i, transform in enumerate(transforms):
        parts.append(_encode_transform(transform, PT_TRANSFORM if i < last else PT_NONE))
    body = b"".join(parts)
    return _pack_generic_bbbb(
        next_payload,
        proposal.reserved,
        8 + len(body),
        proposal.number,
        proposal.protocol_id,
        len(spi),
        count,
    ) + body


def _encode_sa_body(payload: SecurityAssociation) -> bytes:
    proposals = payload.proposals
    last = len(proposals) - 1
    parts = [_pack_ii(payload.doi, payload.situation)]
    for i, proposal in enumerate(proposals):
        parts.append(_encode_proposal(proposal, PT_PROPOSAL if i < last else PT_NONE))
    return b"".join(parts)


def _encode_identification_body(payload: Identification) -> bytes:
    data = payload.data
    return _pack_bbh(payload.id_type, payload.protocol_id, payload.port) + (
        data if data.__class__ is bytes else bytes(data))


def _encode_notification_body(payload: Notification) -> bytes:
    return struct.pack(
        "!IBBH",
        payload.doi,
        payload.protocol_id,
        len(payload.spi),
        payload.notify_type,
    ) + bytes(payload.spi) + bytes(payload.data)


def _encode_delete_body(payload: Delete) -> bytes:
    for spi in payload.spis:
        if len(spi) != payload.spi_size:
            raise EncodeError(f"Delete SPI of {len(spi)} bytes, SPI size {payload.spi_size}")
    return struct.pack(
        "!IBBH",
        payload.doi,
        payload.protocol_id,
        payload.spi_size,
        len(payload.spis),
    ) + b"".join(payload.spis)


def _encode_certificate_body(payload: Certificate | CertificateRequest) -> bytes:
    data = payload.data if isinstance(payload, Certificate) else payload.authority
    return bytes([payload.encoding]) + bytes(data)


def _encode_mode_config_body(payload: ModeConfigAttributes) -> bytes:
    return _pack_bbh(
        payload.cfg_type,
        payload.reserved2,
        payload.identifier,
    ) + _encode_attributes(payload.attributes)


def _encode_nat_oa_body(payload: NatOriginalAddress) -> bytes:
    if len(payload.reserved2) != 3:
        raise EncodeError("NAT-OA RESERVED must be 3 bytes")
    return bytes([payload.id_type]) + bytes(payload.reserved2) + bytes(payload.address)


def _encode_fragment_body(payload: Fragment) -> bytes:
    return struct.pack(
        "!HBB",
        payload.fragment_id,
        payload.number,
        payload.flags,
    ) + bytes(payload.data)


def _encode_opaque_body(
    payload: KeyExchange | Hash | Signature | Nonce | VendorId | NatDiscovery | UnknownPayload,
) -> bytes:
    # KE, HASH, SIG, NONCE, VID, NAT-D and unknown payloads: opaque data.
    return bytes(payload.data)


# The body encoder of each payload class (a subclass is looked up along its MRO).
_BODY_ENCODERS: dict[type, Callable[[Payload], bytes]] = {
    SecurityAssociation: _encode_sa_body,  # type: ignore[dict-item]
    Identification: _encode_identification_body,  # type: ignore[dict-item]
    Notification: _encode_notification_body,  # type: ignore[dict-item]
    Delete: _encode_delete_body,  # type: ignore[dict-item]
    Certificate: _encode_certificate_body,  # type: ignore[dict-item]
    CertificateRequest: _encode_certificate_body,  # type: ignore[dict-item]
    ModeConfigAttributes: _encode_mode_config_body,  # type: ignore[dict-item]
    NatOriginalAddress: _encode_nat_oa_body,  # type: ignore[dict-item]
    Fragment: _encode_fragment_body,  # type: ignore[dict-item]
    KeyExchange: _encode_opaque_body,  # type: ignore[dict-item]
    Hash: _encode_opaque_body,  # type: ignore[dict-item]
    Signature: _encode_opaque_body,  # type: ignore[dict-item]
    Nonce: _encode_opaque_body,  # type: ignore[dict-item]
    VendorId: _encode_opaque_body,  # type: ignore[dict-item]
    NatDiscovery: _encode_opaque_body,  # type: ignore[dict-item]
    UnknownPayload: _encode_opaque_body,  # type: ignore[dict-item]
}


def _body_encoder(kind: type) -> Callable[[Payload], bytes]:
    for klass in kind.__mro__:
        encoder = _BODY_ENCODERS.get(klass)
        if encoder is not None:
            return encoder
    return _encode_opaque_body  # type: ignore[return-value]


# Payloads whose body is their ``data``, as is (see _encode_opaque_body): the chain
# encoder writes these without a call. A subclass is not listed, and takes the
# general way (_body_encoder), which ends at the same _encode_opaque_body.
_OPAQUE_PAYLOADS: Final[frozenset[type]] = frozenset(
    kind for kind, encoder in _BODY_ENCODERS.items() if encoder is _encode_opaque_body
)


def _encode_payloads(payloads: Sequence[Payload]) -> bytes:
    """A payload chain; each next-payload field is the type of the following one."""
    # parts.append(x) rather than an alias of the bound method: Python 3.11
    # specializes the former into a direct list append.
    parts: list[bytes] = []
    encoders = _BODY_ENCODERS
    opaque = _OPAQUE_PAYLOADS
    not_in_chain = _NOT_IN_CHAIN
    pack = _pack_bbh
    count = len(payloads)
    following = payloads[0].payload_type if count else PT_NONE
    index = 0  # of the payload after this one (a counter costs less than enumerate)
    for payload in payloads:
        if following in not_in_chain:
            raise EncodeError(f"payload type {following} cannot stand in a chain")
        index += 1
        following = payloads[index].payload_type if index < count else PT_NONE
        kind = type(payload)
        if kind in opaque:  # _encode_opaque_body, without the call
            data = payload.data  # type: ignore[union-attr]
            body = data if data.__class__ is bytes else bytes(data)
        else:
            body = (encoders.get(kind) or _body_encoder(kind))(payload)
        parts.append(pack(following, payload.reserved, 4 + len(body)))
        parts.append(body)
    return b"".join(parts)


_NOT_IN_CHAIN: Final = frozenset({PT_NONE, PT_PROPOSAL, PT_TRANSFORM})


def _encode_header(header: Header, *, next_payload: int, length: int) -> bytes:
    """The 28-byte ISAKMP header (RFC 2408 §3.1) with the given next payload and length."""
    icookie = header.icookie
    rcookie = header.rcookie
    if len(icookie) != 8 or len(rcookie) != 8:
        raise EncodeError("cookies must be 8 bytes each")
    major = header.major_version
    minor = header.minor_version
    if not (0 <= major < 16 and 0 <= minor < 16):
        raise EncodeError("the major and minor versions are 4-bit fields")
    return _pack_header(
        bytes(icookie),
        bytes(rcookie),
        next_payload,
        (major << 4) | minor,
        header.exchange_type,
        header.flags,
        header.message_id,
        length,
    )


# What struct raises for a value that does not fit its field; the public
# encoders turn it into EncodeError.
_FIELD_ERRORS: Final = (struct.error, OverflowError)


def _field_error(exc: Exception) -> EncodeError:
    return EncodeError(f"a field does not fit its wire size: {exc}")


def _encoder(function: Callable[_Params, bytes]) -> Callable[_Params, bytes]:
    """Turn struct's range errors into EncodeError (a field that does not fit)."""

    def wrapper(*args: _Params.args, **kwargs: _Params.kwargs) -> bytes:
        try:
            return function(*args, **kwargs)
        except _FIELD_ERRORS as exc:
            raise _field_error(exc) from exc

    wrapper.__doc__ = function.__doc__
    wrapper.__name__ = function.__name__.lstrip("_")
    return wrapper


encode_attribute = _encoder(_encode_attribute)
encode_attributes = _encoder(_encode_attributes)
encode_transform = _encoder(_encode_transform)
encode_proposal = _encoder(_encode_proposal)
encode_header = _encoder(_encode_header)

# The four encoders the engine calls for every message are written out with
# the same try/except as _encoder's wrapper, which saves a call each time.


def encode_payload_body(payload: Payload) -> bytes:
    """A payload's body: its bytes after the 4-byte generic header.

    RFC 2409 §5 hashes bodies (``SAi_b``, ``IDii_b``, ``Ni_b``): this is them.
    """
    try:
        kind = type(payload)
        return (_BODY_ENCODERS.get(kind) or _body_encoder(kind))(payload)
    except _FIELD_ERRORS as exc:
        raise _field_error(exc) from exc


def encode_payload(payload: Payload, next_payload: int) -> bytes:
    """One payload with its generic header (RFC 2408 §3.2)."""
    try:
        kind = type(payload)
        body = (_BODY_ENCODERS.get(kind) or _body_encoder(kind))(payload)
        return _pack_bbh(next_payload, payload.reserved, GENERIC_HEADER_LENGTH + len(body)) + body
    except _FIELD_ERRORS as exc:
        raise _field_error(exc) from exc


def encode_payloads(payloads: Sequence[Payload]) -> bytes:
    """A payload chain; each next-payload field is the type of the following one."""
    try:
        return _encode_payloads(payloads)
    except _FIELD_ERRORS as exc:
        raise _field_error(exc) from exc


def encode_message(message: Message) -> bytes:
    """A whole ISAKMP message, with the header's next payload and length computed.

    For a message with a ciphertext, the header's ``next_payload`` (the first
    payload inside the ciphertext) is kept as given.
    """
    try:
        if message.ciphertext is not None:
            body = bytes(message.ciphertext)
            next_payload = message.header.next_payload
        else:
            payloads = message.payloads
            body = _encode_payloads(payloads)
            next_payload = payloads[0].payload_type if payloads else PT_NONE
        return _encode_header(message.header, next_payload=next_payload,
                              length=HEADER_LENGTH + len(body)) + body
    except _FIELD_ERRORS as exc:
        raise _field_error(exc) from exc


# --- identities ---------------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def identification_text(id_type: int, data: bytes) -> str:
    """An identification as people write it (RFC 2407 §4.6.2.2-§4.6.2.12).

    Never raises: a body of the wrong size or an unknown type is shown in hex.
    """
    try:
        if id_type == ID_IPV4_ADDR and len(data) == 4:
            return str(ipaddress.IPv4Address(data))
        if id_type == ID_IPV6_ADDR and len(data) == 16:
            return str(ipaddress.IPv6Address(data))
        if id_type == ID_IPV4_ADDR_SUBNET and len(data) == 8:
            net = ipaddress.IPv4Address(data[:4])
            mask = ipaddress.IPv4Address(data[4:])
            return _subnet_text(str(net), int(mask), 32, str(mask))
        if id_type == ID_IPV6_ADDR_SUBNET and len(data) == 32:
            net6 = ipaddress.IPv6Address(data[:16])
            mask6 = ipaddress.IPv6Address(data[16:])
            return _subnet_text(str(net6), int(mask6), 128, str(mask6))
        if id_type == ID_IPV4_ADDR_RANGE and len(data) == 8:
            return f"{ipaddress.IPv4Address(data[:4])}-{ipaddress.IPv4Address(data[4:])}"
        if id_type == ID_IPV6_ADDR_RANGE and len(data) == 32:
            return f"{ipaddress.IPv6Address(data[:16])}-{ipaddress.IPv6Address(data[16:])}"
        if id_type in (ID_FQDN, ID_USER_FQDN, ID_KEY_ID):
            # RFC 2407 says ASCII for names, but products send what they are given
            # (UTF-8 from strongSwan): shown as text when it reads as such.
            text = data.decode("utf-8")
            if text.isprintable():
                return text
    except (UnicodeDecodeError, ValueError):
        pass
    return data.hex()


def _subnet_text(network: str, mask: int, bits: int, mask_text: str) -> str:
    # A contiguous mask is written as a prefix length (10.1.0.0/24), anything
    # else as network/mask, since RFC 2407 allows any mask.
    prefix = bin(mask).count("1")
    contiguous = mask == ((1 << bits) - 1) ^ ((1 << (bits - prefix)) - 1)
    return f"{network}/{prefix}" if contiguous else f"{network}/{mask_text}"


# At the end: the fast walk builds this module's payload classes.
from ikeviz.protocol import _fastdecode  # noqa: E402
