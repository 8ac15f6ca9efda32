"""A decoded message as a tree of named fields, as Wireshark shows it.

Each node has a name, a display value with the RFC name and number
("Exchange type: Identity Protection (Main Mode) (2)"), the machine value for
JSON, the codec field path and the byte range it covers, so that the command
line prints it and the inspector's hex view highlights the selected field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ikeviz.protocol import registry
from ikeviz.protocol.codec import (
    FLAG_AUTHENTICATION_ONLY,
    FLAG_COMMIT,
    FLAG_ENCRYPTION,
    HEADER_LENGTH,
    Attribute,
    Certificate,
    CertificateRequest,
    Delete,
    FieldSpan,
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
    decode_message,
    identification_text,
)
from ikeviz.protocol.errors import DecodeError
from ikeviz.protocol.vendor_ids import identify_vendor_id


@dataclass
class Node:
    """One field (or group of fields) of a message."""

    name: str
    display: str = ""
    value: Any = None
    path: str = ""
    start: int | None = None
    end: int | None = None
    children: list[Node] = field(default_factory=list)
    error: bool = False

    @property
    def label(self) -> str:
        return f"{self.name}: {self.display}" if self.display else self.name

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (bytes as hex strings)."""
        out: dict[str, Any] = {"name": self.name}
        if self.display:
            out["display"] = self.display
        if self.value is not None:
            out["value"] = self.value.hex() if isinstance(self.value, bytes) else self.value
        if self.path:
            out["path"] = self.path
        if self.start is not None and self.end is not None:
            out["offset"] = self.start
            out["length"] = self.end - self.start
        if self.error:
            out["error"] = True
        if self.children:
            out["children"] = [c.to_json() for c in self.children]
        return out

    def walk(self) -> Iterable[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, path: str) -> Node | None:
        """The node with the given codec field path, or None."""
        for node in self.walk():
            if node.path == path:
                return node
        return None


@dataclass(frozen=True)
class InspectedMessage:
    """The tree of one datagram, with the message when it decoded."""

    tree: Node
    message: Message | None
    error: DecodeError | None


class _Builder:
    def __init__(self, spans: Sequence[FieldSpan]) -> None:
        self.spans = {s.path: s for s in spans}

    def node(self, name: str, display: str, value: Any, path: str) -> Node:
        span = self.spans.get(path)
        return Node(
            name,
            display,
            value,
            path,
            span.start if span else None,
            span.end if span else None,
        )

    def group(self, name: str, display: str, path: str, children: list[Node]) -> Node:
        node = self.node(name, display, None, path)
        node.children = children
        return node


def _hex(data: bytes, limit: int = 0) -> str:
    text = data.hex()
    if limit and len(data) > limit:
        return data[:limit].hex() + f"... ({len(data)} bytes)"
    return text


def _flags_text(flags: int) -> str:
    names = [
        name
        for bit, name in (
            (FLAG_ENCRYPTION, "Encryption"),
            (FLAG_COMMIT, "Commit"),
            (FLAG_AUTHENTICATION_ONLY, "Authentication only"),
        )
        if flags & bit
    ]
    return f"0x{flags:02x}" + (f" ({', '.join(names)})" if names else "")


def header_nodes(b: _Builder, header: Header) -> list[Node]:
    """The ISAKMP header fields (RFC 2408 §3.1)."""
    return [
        b.node("Initiator cookie", header.icookie.hex(), header.icookie, "header.icookie"),
        b.node("Responder cookie", header.rcookie.hex(), header.rcookie, "header.rcookie"),
        b.node(
            "Next payload",
            registry.describe(registry.PayloadType, header.next_payload),
            header.next_payload,
            "header.next_payload",
        ),
        b.node(
            "Version",
            f"{header.major_version}.{header.minor_version}",
            f"{header.major_version}.{header.minor_version}",
            "header.version",
        ),
        b.node(
            "Exchange type",
            registry.describe(registry.ExchangeType, header.exchange_type),
            header.exchange_type,
            "header.exchange_type",
        ),
        b.node("Flags", _flags_text(header.flags), header.flags, "header.flags"),
        b.node(
            "Message ID", f"0x{header.message_id:08x}", header.message_id, "header.message_id"
        ),
        b.node("Length", str(header.length), header.length, "header.length"),
    ]


def _attribute_node(b: _Builder, attribute: Attribute, phase: int, path: str) -> Node:
    text = registry.describe_attribute(phase, attribute.type, attribute.value)
    value: Any = attribute.value if isinstance(attribute.value, int) else attribute.as_int()
    node = b.node("Attribute", text, value, path)
    node.children = [
        b.node(
            "Format",
            "TV (basic)" if attribute.is_basic else f"TLV (variable, {len(attribute.value)} bytes)"
            if isinstance(attribute.value, bytes)
            else "TV (basic)",
            "TV" if attribute.is_basic else "TLV",
            f"{path}.type",
        )
    ]
    return node


def _transform_node(b: _Builder, transform: Transform, protocol_id: int, path: str) -> Node:
    phase = 1 if protocol_id == registry.ProtocolId.ISAKMP else 2
    # IntEnum keys hash like their ints, so the plain protocol number finds them.
    table = registry.TRANSFORM_ID_TABLES.get(protocol_id)  # type: ignore[call-overload]
    transform_text = (
        registry.describe(table, transform.transform_id) if table else str(transform.transform_id)
    )
    children = [
        b.node("Transform number", str(transform.number), transform.number, f"{path}.number"),
        b.node("Transform ID", transform_text, transform.transform_id, f"{path}.transform_id"),
    ]
    for i, attribute in enumerate(transform.attributes):
        children.append(_attribute_node(b, attribute, phase, f"{path}.attribute[{i}]"))
    return b.group("Transform", f"# {transform.number} {transform_text}", path, children)


def _proposal_node(b: _Builder, proposal: Proposal, path: str) -> Node:
    protocol = registry.describe(registry.ProtocolId, proposal.protocol_id)
    children = [
        b.node("Proposal number", str(proposal.number), proposal.number, f"{path}.number"),
        b.node("Protocol ID", protocol, proposal.protocol_id, f"{path}.protocol_id"),
        b.node("SPI size", str(len(proposal.spi)), len(proposal.spi), f"{path}.spi_size"),
        b.node(
            "Transforms",
            str(len(proposal.transforms)),
            len(proposal.transforms),
            f"{path}.transform_count",
        ),
    ]
    if proposal.spi:
        children.append(b.node("SPI", proposal.spi.hex(), proposal.spi, f"{path}.spi"))
    for i, transform in enumerate(proposal.transforms):
        children.append(
            _transform_node(b, transform, proposal.protocol_id, f"{path}.transform[{i}]")
        )
    return b.group("Proposal", f"# {proposal.number} {protocol}", path, children)


def _situation_text(situation: int) -> str:
    return registry.describe(registry.Situation, situation)


def payload_node(b: _Builder, payload: Payload, path: str) -> Node:
    """One payload's subtree (RFC 2408 §3.4-§3.16 and extensions)."""
    ptype = payload.payload_type
    title = registry.describe(registry.PayloadType, ptype)
    children: list[Node] = [
        b.node("Payload length", "", None, f"{path}.length"),
    ]
    span = b.spans.get(path)
    if span is not None:
        length = span.end - span.start
        children[0] = b.node("Payload length", str(length), length, f"{path}.length")
    summary = ""
    if isinstance(payload, SecurityAssociation):
        children += [
            b.node("Domain of interpretation", registry.describe(registry.DOI, payload.doi),
                   payload.doi, f"{path}.doi"),
            b.node("Situation", _situation_text(payload.situation), payload.situation,
                   f"{path}.situation"),
        ]
        children += [
            _proposal_node(b, p, f"{path}.proposal[{i}]") for i, p in enumerate(payload.proposals)
        ]
        summary = f"{len(payload.proposals)} proposal(s)"
    elif isinstance(payload, Identification):
        id_type = registry.describe(registry.IdType, payload.id_type)
        text = identification_text(payload.id_type, payload.data)
        children += [
            b.node("ID type", id_type, payload.id_type, f"{path}.id_type"),
            b.node("Protocol ID", str(payload.protocol_id), payload.protocol_id,
                   f"{path}.protocol_id"),
            b.node("Port", str(payload.port), payload.port, f"{path}.port"),
            b.node("Identification data", text, text, f"{path}.data"),
        ]
        summary = text
    elif isinstance(payload, Notification):
        notify = registry.describe(registry.NotifyType, payload.notify_type)
        children += [
            b.node("Domain of interpretation", registry.describe(registry.DOI, payload.doi),
                   payload.doi, f"{path}.doi"),
            b.node("Protocol ID", registry.describe(registry.ProtocolId, payload.protocol_id),
                   payload.protocol_id, f"{path}.protocol_id"),
            b.node("SPI size", str(len(payload.spi)), len(payload.spi), f"{path}.spi_size"),
            b.node("Notify message type", notify, payload.notify_type, f"{path}.notify_type"),
        ]
        if payload.spi:
            children.append(b.node("SPI", payload.spi.hex(), payload.spi, f"{path}.spi"))
        if payload.lifetime_attributes:
            data_node = b.node("Notification data", "", payload.data, f"{path}.data")
            data_node.children = [
                _attribute_node(b, a, 2, f"{path}.data.attribute[{i}]")
                for i, a in enumerate(payload.lifetime_attributes)
            ]
            children.append(data_node)
        elif payload.dpd_sequence is not None:
            children.append(b.node("Sequence number", str(payload.dpd_sequence),
                                   payload.dpd_sequence, f"{path}.data"))
        elif payload.data:
            children.append(b.node("Notification data", _hex(payload.data, 64), payload.data,
                                   f"{path}.data"))
        summary = notify
    elif isinstance(payload, Delete):
        children += [
            b.node("Domain of interpretation", registry.describe(registry.DOI, payload.doi),
                   payload.doi, f"{path}.doi"),
            b.node("Protocol ID", registry.describe(registry.ProtocolId, payload.protocol_id),
                   payload.protocol_id, f"{path}.protocol_id"),
            b.node("SPI size", str(payload.spi_size), payload.spi_size, f"{path}.spi_size"),
            b.node("Number of SPIs", str(len(payload.spis)), len(payload.spis),
                   f"{path}.spi_count"),
        ]
        children += [
            b.node("SPI", spi.hex(), spi, f"{path}.spi[{i}]") for i, spi in enumerate(payload.spis)
        ]
        summary = registry.describe(registry.ProtocolId, payload.protocol_id)
    elif isinstance(payload, VendorId):
        name = identify_vendor_id(payload.data)
        children.append(b.node("Vendor ID", payload.data.hex(), payload.data, f"{path}.data"))
        if name:
            children.append(b.node("Vendor", name, name, f"{path}.data"))
        summary = name or payload.data.hex()
    elif isinstance(payload, (Certificate, CertificateRequest)):
        data = payload.data if isinstance(payload, Certificate) else payload.authority
        encoding = registry.describe(registry.CertEncoding, payload.encoding)
        children += [
            b.node("Encoding", encoding, payload.encoding, f"{path}.encoding"),
            b.node("Data", _hex(data, 32), data, f"{path}.data"),
        ]
        summary = encoding
    elif isinstance(payload, NatOriginalAddress):
        address = identification_text(payload.id_type, payload.address)
        children += [
            b.node("ID type", registry.describe(registry.IdType, payload.id_type),
                   payload.id_type, f"{path}.id_type"),
            b.node("Original address", address, address, f"{path}.address"),
        ]
        summary = address
    elif isinstance(payload, ModeConfigAttributes):
        children += [
            b.node("Type", str(payload.cfg_type), payload.cfg_type, f"{path}.cfg_type"),
            b.node("Identifier", str(payload.identifier), payload.identifier,
                   f"{path}.identifier"),
        ]
        for i, attribute in enumerate(payload.attributes):
            value: Any = attribute.value if isinstance(attribute.value, int) else (
                attribute.value.hex()
            )
            children.append(b.node("Attribute", f"type {attribute.type} = {value}", value,
                                   f"{path}.attribute[{i}]"))
    elif isinstance(payload, Fragment):
        children += [
            b.node("Fragment ID", str(payload.fragment_id), payload.fragment_id,
                   f"{path}.fragment_id"),
            b.node("Fragment number", str(payload.number), payload.number, f"{path}.number"),
            b.node("Flags", f"0x{payload.flags:02x}", payload.flags, f"{path}.flags"),
            b.node("Data", _hex(payload.data, 32), payload.data, f"{path}.data"),
        ]
    elif isinstance(payload, (KeyExchange, Hash, Signature, Nonce, NatDiscovery, UnknownPayload)):
        label = {
            KeyExchange: "Key exchange data",
            Hash: "Hash data",
            Signature: "Signature data",
            Nonce: "Nonce data",
            NatDiscovery: "HASH of the address and port",
            UnknownPayload: "Data",
        }[type(payload)]
        children.append(b.node(label, _hex(payload.data), payload.data, f"{path}.data"))
        summary = f"{len(payload.data)} bytes"
    node = b.group("Payload", f"{title}" + (f": {summary}" if summary else ""), path, children)
    node.value = ptype
    return node


def _payload_paths(payloads: Sequence[Payload]) -> list[str]:
    # The same naming as the codec's field paths: "VID", "VID[1]", ...
    from ikeviz.protocol.codec import payload_short_name

    counts: dict[str, int] = {}
    paths = []
    for payload in payloads:
        name = payload_short_name(payload.payload_type)
        seen = counts.get(name, 0)
        counts[name] = seen + 1
        paths.append(name if seen == 0 else f"{name}[{seen}]")
    return paths


def payload_nodes(payloads: Sequence[Payload], spans: Sequence[FieldSpan]) -> list[Node]:
    """Subtrees for a payload chain (e.g. the plaintext of an encrypted message)."""
    b = _Builder(spans)
    return [payload_node(b, p, path) for p, path in zip(payloads, _payload_paths(payloads),
                                                        strict=True)]


def inspect_message(data: bytes) -> InspectedMessage:
    """Decode ``data`` and build its tree. Never raises: errors become error nodes."""
    spans: list[FieldSpan] = []
    try:
        message = decode_message(data, spans=spans)
    except DecodeError as exc:
        root = Node("ISAKMP", f"{len(data)} bytes, not a valid ISAKMP message", None, "", 0,
                    len(data))
        root.children.append(
            Node("Malformed", str(exc), None, exc.path, exc.offset, exc.offset + 1, error=True)
        )
        return InspectedMessage(root, None, exc)
    b = _Builder(spans)
    header = message.header
    root = Node(
        "ISAKMP",
        registry.describe(registry.ExchangeType, header.exchange_type),
        header.exchange_type,
        "",
        0,
        len(data),
    )
    root.children = header_nodes(b, header)
    if message.ciphertext is not None:
        root.children.append(
            Node(
                "Encrypted payloads",
                f"{len(message.ciphertext)} bytes",
                message.ciphertext,
                "encrypted",
                HEADER_LENGTH,
                len(data),
            )
        )
    else:
        root.children += payload_nodes(message.payloads, spans)
    return InspectedMessage(root, message, None)


def render_text(node: Node, indent: int = 0, *, width: int = 0) -> list[str]:
    """The tree as indented text lines, like tshark's ``-V`` output."""
    lines = ["    " * indent + node.label]
    for child in node.children:
        lines += render_text(child, indent + 1, width=width)
    return lines
