"""Messages in the RFC 2409 notation: "HDR*, IDii, HASH_I, N(INITIAL-CONTACT)"."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from enum import Enum
from typing import Any

from ikeviz.protocol.codec import (
    Delete,
    Hash,
    Identification,
    KeyExchange,
    Nonce,
    Notification,
    Payload,
    Signature,
    payload_short_name,
)
from ikeviz.protocol.config import Role
from ikeviz.protocol.events import MessageReceived, MessageSent
from ikeviz.protocol.registry import NotifyType, ProtocolId, describe

_QM_HASH = {"QM1": "HASH(1)", "QM2": "HASH(2)", "QM3": "HASH(3)"}


def payload_label(payload: Payload, label: str, role: Role) -> str:
    """One payload as RFC 2409 §5 writes it, for the message ``label`` sent by ``role``."""
    initiator = role is Role.INITIATOR
    if isinstance(payload, Nonce):
        return "Ni" if initiator else "Nr"
    if isinstance(payload, Identification):
        if label.startswith("QM"):
            return "ID"
        return "IDii" if initiator else "IDir"
    if isinstance(payload, Hash):
        if label in _QM_HASH:
            return _QM_HASH[label]
        if label.startswith("INFO"):
            return "HASH(1)"
        return "HASH_I" if initiator else "HASH_R"
    if isinstance(payload, Signature):
        return "SIG_I" if initiator else "SIG_R"
    if isinstance(payload, KeyExchange):
        return "KE"
    if isinstance(payload, Notification):
        name = describe(NotifyType, payload.notify_type).rsplit(" (", 1)[0]
        return f"N({name})"
    if isinstance(payload, Delete):
        proto = describe(ProtocolId, payload.protocol_id).rsplit(" (", 1)[0]
        return f"D({proto})"
    return payload_short_name(payload.payload_type)


def message_summary(event: MessageSent | MessageReceived) -> str:
    """ "HDR, SA, VID, VID" or "HDR*, IDii, HASH_I" for a sent or received message."""
    header = "HDR*" if event.message.header.encrypted else "HDR"
    sender = event.role if isinstance(event, MessageSent) else event.role.other
    parts = [payload_label(p, event.label, sender) for p in event.payloads]
    # Collapse runs of the same label ("VID, VID, VID" -> "VID x3").
    out: list[str] = []
    for part in parts:
        if out and out[-1].split(" x")[0] == part:
            base, _, count = out[-1].partition(" x")
            out[-1] = f"{base} x{int(count or 1) + 1}"
        else:
            out.append(part)
    return ", ".join([header, *out])


#: Derivation inputs that are secrets the user configured: never printed unless asked.
SECRET_INPUTS = frozenset({"pre-shared-key"})


def to_jsonable(value: Any, *, show_secrets: bool = False) -> Any:
    """Events and their fields as JSON-ready values (bytes as hex).

    A derivation input named in :data:`SECRET_INPUTS` (the pre-shared key) is
    replaced by ``"(secret)"`` unless ``show_secrets``.
    """
    # Records first: the engine's are tuples too (ikeviz.protocol._records).
    if is_dataclass(value) and not isinstance(value, type):
        out = {"type": type(value).__name__}
        for f in fields(value):
            out[f.name] = to_jsonable(getattr(value, f.name), show_secrets=show_secrets)
        return out
    if (not show_secrets and isinstance(value, tuple) and len(value) == 2
            and value[0] in SECRET_INPUTS and isinstance(value[1], bytes)):
        return [value[0], "(secret)"]
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Enum):
        return value.name if not isinstance(value.value, (int, str)) else value.value
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v, show_secrets=show_secrets) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v, show_secrets=show_secrets) for k, v in value.items()}
    return value
