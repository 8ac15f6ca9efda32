"""What the editors offer: values a profile supports, their RFC names, and tooltips.

Each value is shown with its RFC name and number ("AES-CBC (7)", "2048-bit
MODP group (14)") from :func:`ikeviz.protocol.registry.describe`; a short form
("MODP-2048 (14)") is shown in a closed combo box where space is short. The
tooltips say what a field is and where the RFC defines it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ikeviz.protocol.registry import (
    AuthAlgorithm,
    EncapsulationMode,
    EncryptionAlgorithm,
    EspTransformId,
    GroupDescription,
    HashAlgorithm,
    IdType,
    ProtocolId,
    describe,
)
from ikeviz.scenario import names
from ikeviz.scenario.profiles import Profile

translate = QCoreApplication.translate


def _tr(text: str) -> str:
    return translate("choices", text)


class _Translated(dict[str, Any]):
    """A table of texts (or tuples of texts) in English, read in the current language."""

    def __getitem__(self, key: str) -> Any:
        return _translated(super().__getitem__(key))

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        return self[key] if key in self else default

    def items(self) -> Any:  # type: ignore[override]
        return [(k, self[k]) for k in self.keys()]

    def values(self) -> Any:  # type: ignore[override]
        return [self[k] for k in self.keys()]


def _translated(value: Any) -> Any:
    if isinstance(value, str):
        return _tr(value)
    if isinstance(value, tuple):
        return tuple(_translated(v) for v in value)
    return value


@dataclass(frozen=True)
class Choice:
    """One value of a combo box: what it shows, its short form, the value, whether offered."""

    label: str
    short: str
    value: object
    supported: bool = True


def _short_group(group: int) -> str:
    name = names.GROUP_NAMES.get(group, str(group))
    kind = "MODP" if name.startswith("modp") else "ECP"
    return f"{kind}-{name[len(kind):]} ({group})"


def group_label(group: int | None) -> str:
    if group is None:
        return translate("choices", "none (no PFS)")
    return describe(GroupDescription, group)


def encryption_choices(profile: Profile) -> list[Choice]:
    return [Choice(describe(EncryptionAlgorithm, v), describe(EncryptionAlgorithm, v), v)
            for v in profile.supported.encryption]


def key_length_choices(profile: Profile) -> list[Choice]:
    return [Choice(translate("choices", "{bits} bits").format(bits=bits), str(bits), bits)
            for bits in profile.supported.aes_key_lengths]


def hash_choices(profile: Profile) -> list[Choice]:
    return [Choice(describe(HashAlgorithm, v), describe(HashAlgorithm, v), v)
            for v in profile.supported.hash]


def group_choices(profile: Profile, *, pfs: bool = False) -> list[Choice]:
    out = []
    if pfs and profile.fixed.pfs != "always":
        out.append(Choice(translate("choices", "none (no PFS)"), translate("choices", "none"),
                          None))
    if not (pfs and profile.fixed.pfs == "never"):
        out += [Choice(group_label(g), _short_group(g), g) for g in profile.supported.groups]
    return out


def esp_encryption_choices(profile: Profile) -> list[Choice]:
    return [Choice(describe(EspTransformId, v), describe(EspTransformId, v), v)
            for v in profile.supported.esp_encryption]


def integrity_label(value: int | None) -> str:
    return translate("choices", "none") if value is None else describe(AuthAlgorithm, value)


def integrity_choices(profile: Profile) -> list[Choice]:
    return [Choice(integrity_label(v), integrity_label(v), v)
            for v in profile.supported.esp_integrity]


def protocol_choices(profile: Profile) -> list[Choice]:
    allowed = ((int(ProtocolId.IPSEC_ESP),) if profile.fixed.esp_only
               else profile.supported.protocols)
    return [Choice(describe(ProtocolId, v), describe(ProtocolId, v).replace("PROTO_IPSEC_", ""),
                   v) for v in allowed]


def mode_choices(profile: Profile) -> list[Choice]:
    allowed = ((int(EncapsulationMode.TUNNEL),) if profile.fixed.tunnel_only
               else profile.supported.modes)
    return [Choice(describe(EncapsulationMode, v), describe(EncapsulationMode, v), v)
            for v in allowed]


ID_TYPE_LABELS = {word: describe(IdType, number) for word, number in names.ID_TYPE.items()}


def id_type_choices(profile: Profile, current: str) -> list[Choice]:
    out = [Choice(ID_TYPE_LABELS.get(t, t), t, t) for t in profile.supported.id_types]
    if current not in profile.supported.id_types:
        out.append(Choice(ID_TYPE_LABELS.get(current, current), current, current, False))
    return out


AUTH_LABELS: dict[str, str] = _Translated({
    "psk": QT_TRANSLATE_NOOP(
        "choices", "Pre-shared key"),
    "rsa": QT_TRANSLATE_NOOP(
        "choices", "RSA keys (raw public keys)"),
    "certificate": QT_TRANSLATE_NOOP(
        "choices", "Certificates (X.509)"),
})

# --- tooltips ------------------------------------------------------------------------

TIPS: dict[str, str] = _Translated({
    "profile": QT_TRANSLATE_NOOP(
        "choices", "The product this gateway runs: what it supports (the only values offered "
        "below), its fixed settings, how it selects proposals and what it logs."),
    "name": QT_TRANSLATE_NOOP(
        "choices", "A name for this gateway, shown in the diagram and the diagnosis."),
    "address": QT_TRANSLATE_NOOP(
        "choices", "The gateway's public (WAN) IPv4 address: where IKE (UDP 500) is sent."),
    "identity_type": QT_TRANSLATE_NOOP(
        "choices", "The type of the identity this gateway sends in MM5/MM6 (ID payload, RFC "
        "2407 §4.6.2.1)."),
    "identity": QT_TRANSLATE_NOOP(
        "choices", "The identity this gateway sends (IDii/IDir). Empty: its WAN address."),
    "peer_identity_type": QT_TRANSLATE_NOOP(
        "choices", "The type of identity this gateway expects from its peer (RFC 2407 "
        "§4.6.2.1)."),
    "peer_identity": QT_TRANSLATE_NOOP(
        "choices", "The identity this gateway expects from its peer. Empty: the peer's WAN "
        "address."),
    "auth": QT_TRANSLATE_NOOP(
        "choices", "How the two gateways prove who they are in phase 1 (Authentication-Method, "
        "RFC 2409 §5: pre-shared key §5.4, signatures §5.1)."),
    "psk": QT_TRANSLATE_NOOP(
        "choices", "The pre-shared key (RFC 2409 §5.4): SKEYID = prf(pre-shared-key, Ni_b | "
        "Nr_b). Both sides must have the same one; a wrong key only shows at Main Mode message "
        "5."),
    "private_key": QT_TRANSLATE_NOOP(
        "choices", "This gateway's RSA private key (PEM), for signatures (RFC 2409 §5.1)."),
    "peer_public_key": QT_TRANSLATE_NOOP(
        "choices", "The peer's RSA public key (PEM): raw keys, no certificate."),
    "certificate": QT_TRANSLATE_NOOP(
        "choices", "This gateway's X.509 certificate (PEM, optionally followed by intermediate "
        "CAs), sent in a CERT payload."),
    "ca": QT_TRANSLATE_NOOP(
        "choices", "The CA certificate(s) (PEM) this gateway trusts to check the peer's "
        "certificate."),
    "phase1": QT_TRANSLATE_NOOP(
        "choices", "Phase-1 (ISAKMP SA) proposals, in order of preference: each is one "
        "Transform of the SA payload in Main Mode message 1 (RFC 2409 §5, Appendix A)."),
    "phase2": QT_TRANSLATE_NOOP(
        "choices", "Phase-2 (IPsec SA) proposals, in order of preference, sent in Quick Mode "
        "message 1 (RFC 2409 §5.5, attributes RFC 2407 §4.5)."),
    "encryption": QT_TRANSLATE_NOOP(
        "choices", "Encryption-Algorithm (RFC 2409 Appendix A, attribute class 1)."),
    "key_length": QT_TRANSLATE_NOOP(
        "choices", "Key-Length (RFC 2409 Appendix A, class 14): only for AES, whose key length "
        "varies (RFC 3602)."),
    "hash": QT_TRANSLATE_NOOP(
        "choices", "Hash-Algorithm (RFC 2409 Appendix A, class 2): the HMAC used as PRF for "
        "SKEYID and the HASH payloads."),
    "group": QT_TRANSLATE_NOOP(
        "choices", "Group-Description (RFC 2409 Appendix A, class 4): the Diffie-Hellman group "
        "of Main Mode messages 3 and 4 (groups 1, 2: RFC 2409 §6; 5, 14-18: RFC 3526; 19-21: "
        "RFC 5903). Both sides must choose the same one."),
    "lifetime": QT_TRANSLATE_NOOP(
        "choices", "Life-Type seconds and Life-Duration (RFC 2409 Appendix A, classes 11 and "
        "12; RFC 2407 §4.5 for phase 2). \"none\": no lifetime is proposed."),
    "lifetime_kilobytes": QT_TRANSLATE_NOOP(
        "choices", "Life-Type kilobytes (RFC 2409 Appendix A; RFC 2407 §4.5). \"none\": no "
        "volume limit is proposed."),
    "protocol": QT_TRANSLATE_NOOP(
        "choices", "The IPsec protocol of the proposal (RFC 2407 §4.4.1): ESP encrypts, AH "
        "only authenticates."),
    "mode": QT_TRANSLATE_NOOP(
        "choices", "Encapsulation Mode (RFC 2407 §4.5): tunnel between gateways, transport "
        "between hosts."),
    "esp_encryption": QT_TRANSLATE_NOOP(
        "choices", "The ESP transform ID (RFC 2407 §4.4.4): the cipher of the IPsec SA."),
    "integrity": QT_TRANSLATE_NOOP(
        "choices", "Authentication Algorithm (RFC 2407 §4.5): the HMAC of the IPsec SA."),
    "pfs_group": QT_TRANSLATE_NOOP(
        "choices", "Group Description in Quick Mode (RFC 2409 §5.5): a fresh Diffie-Hellman "
        "exchange (KE) for the IPsec SA keys, i.e. Perfect Forward Secrecy. \"none\": no PFS."),
    "local_subnet": QT_TRANSLATE_NOOP(
        "choices", "The network behind this gateway (its Quick Mode client identity, "
        "IDci/IDcr, RFC 2409 §5.5)."),
    "remote_subnet": QT_TRANSLATE_NOOP(
        "choices", "The network behind the peer; it must mirror the peer's local subnet."),
    "nat_traversal": QT_TRANSLATE_NOOP(
        "choices", "NAT traversal (RFC 3947): detect a NAT (NAT-D payloads) and move to UDP "
        "4500."),
    "aggressive": QT_TRANSLATE_NOOP(
        "choices", "Aggressive Mode (RFC 2409 §5.4): 3 messages instead of 6, but the "
        "identities travel unprotected."),
})

BEHAVIOUR_TIPS: dict[str, tuple[str, str]] = _Translated({
    "preference": (QT_TRANSLATE_NOOP(
         "choices", "Preference"), QT_TRANSLATE_NOOP(
         "choices", "As a responder, whose order decides among several acceptable offers: the "
         "initiator's (first acceptable offer, the RFC 2408 §4.2 reading) or its own.")),
    "phase1_lifetime": (QT_TRANSLATE_NOOP(
         "choices", "Phase-1 lifetime policy"), QT_TRANSLATE_NOOP(
         "choices", "What this gateway does when the offered phase-1 lifetime differs from its "
         "own (RFC 2407 §4.5.4 leaves it open).")),
    "phase2_lifetime": (QT_TRANSLATE_NOOP(
         "choices", "Phase-2 lifetime policy"), QT_TRANSLATE_NOOP(
         "choices", "What this gateway does when the offered phase-2 lifetime differs from its "
         "own; \"claim\" answers with RESPONDER-LIFETIME (RFC 2407 §4.6.3.1).")),
    "pfs": (QT_TRANSLATE_NOOP(
         "choices", "PFS policy"), QT_TRANSLATE_NOOP(
         "choices", "How a Quick Mode responder treats PFS (RFC 2409 §5.5): exactly the "
         "configured group, required, or optional.")),
    "identity_check": (QT_TRANSLATE_NOOP(
         "choices", "Identity check"), QT_TRANSLATE_NOOP(
         "choices", "How strictly the peer's phase-1 identity is compared with the expected "
         "one.")),
    "check_traffic_selectors": (QT_TRANSLATE_NOOP(
         "choices", "Check subnets"), QT_TRANSLATE_NOOP(
         "choices", "Refuse a Quick Mode whose subnets (IDci/IDcr) do not match the configured "
         "ones.")),
    "narrow_traffic_selectors": (QT_TRANSLATE_NOOP(
         "choices", "Narrow subnets"), QT_TRANSLATE_NOOP(
         "choices", "As a Quick Mode responder, accept subnets that overlap the configured ones "
         "and answer with the overlap in QM2, as strongSwan does; otherwise they must cover "
         "exactly the configured traffic.")),
    "accept_aggressive": (QT_TRANSLATE_NOOP(
         "choices", "Accept Aggressive Mode"), QT_TRANSLATE_NOOP(
         "choices", "As a responder, accept an Aggressive Mode exchange (RFC 2409 §5.4).")),
    "send_initial_contact": (QT_TRANSLATE_NOOP(
         "choices", "Send INITIAL-CONTACT"), QT_TRANSLATE_NOOP(
         "choices", "Send the INITIAL-CONTACT notify in MM5 (RFC 2407 §4.6.3.3).")),
    "retransmit_timeout": (QT_TRANSLATE_NOOP(
         "choices", "Retransmit after"), QT_TRANSLATE_NOOP(
         "choices", "Seconds before the first retransmission (RFC 2408 §5 leaves timers "
         "local).")),
    "retransmit_base": (QT_TRANSLATE_NOOP(
         "choices", "Backoff factor"), QT_TRANSLATE_NOOP(
         "choices", "Each retransmission waits this many times longer than the one before.")),
    "retransmit_tries": (QT_TRANSLATE_NOOP(
         "choices", "Retransmissions"), QT_TRANSLATE_NOOP(
         "choices", "How many times a message is sent again before giving up.")),
    "commit_bit": (QT_TRANSLATE_NOOP(
         "choices", "Commit bit"), QT_TRANSLATE_NOOP(
         "choices", "Set the commit bit in Quick Mode (RFC 2408 §3.1): the responder then ends "
         "with a CONNECTED notify.")),
    "encrypt_aggressive_3": (QT_TRANSLATE_NOOP(
         "choices", "Encrypt AM message 3"), QT_TRANSLATE_NOOP(
         "choices", "Send Aggressive Mode message 3 encrypted (RFC 2409 §5.4 leaves it open; "
         "strongSwan does).")),
})

# Behaviour fields the editor does not offer: shown elsewhere (aggressive, NAT-T are
# gateway settings) or lists (Vendor IDs, shown read-only).
# Set elsewhere: the gateway's own check boxes, or its profile's fixed settings.
HIDDEN_BEHAVIOUR = frozenset({"aggressive", "nat_traversal", "send_vendor_ids",
                              "phase2_from_phase1"})


def fixed_reasons(profile: Profile) -> dict[str, str]:
    """Which settings the product fixes, and the sentence that says why (for tooltips)."""
    product = profile.product
    fixed = profile.fixed
    out: dict[str, str] = {}

    def why(text: str) -> str:
        return text.format(product=product)

    if fixed.identity == "wan-address":
        identity = why(translate(
            "choices", "{product} always identifies itself by its WAN address (ID_IPV4_ADDR) "
            "and expects the peer's WAN address: identities cannot be configured."))
        for key in ("identity_type", "identity", "peer_identity_type", "peer_identity"):
            out[key] = identity
    if fixed.main_mode_only:
        out["aggressive"] = why(translate(
            "choices", "{product} negotiates Main Mode only (no Aggressive Mode)."))
        out["accept_aggressive"] = out["aggressive"]
        out["encrypt_aggressive_3"] = out["aggressive"]
    if fixed.pfs == "always":
        out["pfs"] = why(translate("choices", "{product} always uses PFS in Quick Mode."))
    if fixed.pfs == "never":
        out["pfs"] = why(translate("choices", "{product} never uses PFS."))
    if fixed.phase2_same_as_phase1:
        out["phase2"] = why(translate(
            "choices", "{product} negotiates phase 2 with the same algorithms and DH group as "
            "phase 1 (always ESP, tunnel mode, PFS with the phase-1 group): phase 2 follows "
            "the phase-1 proposals."))
    if fixed.tunnel_only:
        out["mode"] = why(translate("choices", "{product} uses tunnel mode only."))
    if fixed.esp_only:
        out["protocol"] = why(translate("choices", "{product} uses ESP only (never AH)."))
    if not profile.behaviour.nat_traversal:
        out["nat_traversal"] = why(translate(
            "choices", "{product} does not do NAT traversal (RFC 3947)."))
    return out
