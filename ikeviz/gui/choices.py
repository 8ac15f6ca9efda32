"""What the editors offer: values a profile supports, their RFC names, and tooltips.

Each value is shown with its RFC name and number ("AES-CBC (7)", "2048-bit
MODP group (14)") from :func:`ikeviz.protocol.registry.describe`; a short form
("MODP-2048 (14)") is shown in a closed combo box where space is short. The
tooltips say what a field is and where the RFC defines it.
"""

from __future__ import annotations

from dataclasses import dataclass

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
        return "none (no PFS)"
    return describe(GroupDescription, group)


def encryption_choices(profile: Profile) -> list[Choice]:
    return [Choice(describe(EncryptionAlgorithm, v), describe(EncryptionAlgorithm, v), v)
            for v in profile.supported.encryption]


def key_length_choices(profile: Profile) -> list[Choice]:
    return [Choice(f"{bits} bits", str(bits), bits) for bits in profile.supported.aes_key_lengths]


def hash_choices(profile: Profile) -> list[Choice]:
    return [Choice(describe(HashAlgorithm, v), describe(HashAlgorithm, v), v)
            for v in profile.supported.hash]


def group_choices(profile: Profile, *, pfs: bool = False) -> list[Choice]:
    out = []
    if pfs and profile.fixed.pfs != "always":
        out.append(Choice("none (no PFS)", "none", None))
    if not (pfs and profile.fixed.pfs == "never"):
        out += [Choice(group_label(g), _short_group(g), g) for g in profile.supported.groups]
    return out


def esp_encryption_choices(profile: Profile) -> list[Choice]:
    return [Choice(describe(EspTransformId, v), describe(EspTransformId, v), v)
            for v in profile.supported.esp_encryption]


def integrity_label(value: int | None) -> str:
    return "none" if value is None else describe(AuthAlgorithm, value)


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


AUTH_LABELS = {
    "psk": "Pre-shared key",
    "rsa": "RSA keys (raw public keys)",
    "certificate": "Certificates (X.509)",
}

# --- tooltips ------------------------------------------------------------------------

TIPS: dict[str, str] = {
    "profile": "The product this gateway runs: what it supports (the only values offered "
               "below), its fixed settings, how it selects proposals and what it logs.",
    "name": "A name for this gateway, shown in the diagram and the diagnosis.",
    "address": "The gateway's public (WAN) IPv4 address: where IKE (UDP 500) is sent.",
    "identity_type": "The type of the identity this gateway sends in MM5/MM6 (ID payload, "
                     "RFC 2407 §4.6.2.1).",
    "identity": "The identity this gateway sends (IDii/IDir). Empty: its WAN address.",
    "peer_identity_type": "The type of identity this gateway expects from its peer "
                          "(RFC 2407 §4.6.2.1).",
    "peer_identity": "The identity this gateway expects from its peer. Empty: the peer's "
                     "WAN address.",
    "auth": "How the two gateways prove who they are in phase 1 (Authentication-Method, "
            "RFC 2409 §5: pre-shared key §5.4, signatures §5.1).",
    "psk": "The pre-shared key (RFC 2409 §5.4): SKEYID = prf(pre-shared-key, Ni_b | Nr_b). "
           "Both sides must have the same one; a wrong key only shows at Main Mode message 5.",
    "private_key": "This gateway's RSA private key (PEM), for signatures (RFC 2409 §5.1).",
    "peer_public_key": "The peer's RSA public key (PEM): raw keys, no certificate.",
    "certificate": "This gateway's X.509 certificate (PEM, optionally followed by "
                   "intermediate CAs), sent in a CERT payload.",
    "ca": "The CA certificate(s) (PEM) this gateway trusts to check the peer's certificate.",
    "phase1": "Phase-1 (ISAKMP SA) proposals, in order of preference: each is one Transform "
              "of the SA payload in Main Mode message 1 (RFC 2409 §5, Appendix A).",
    "phase2": "Phase-2 (IPsec SA) proposals, in order of preference, sent in Quick Mode "
              "message 1 (RFC 2409 §5.5, attributes RFC 2407 §4.5).",
    "encryption": "Encryption-Algorithm (RFC 2409 Appendix A, attribute class 1).",
    "key_length": "Key-Length (RFC 2409 Appendix A, class 14): only for AES, whose key "
                  "length varies (RFC 3602).",
    "hash": "Hash-Algorithm (RFC 2409 Appendix A, class 2): the HMAC used as PRF for "
            "SKEYID and the HASH payloads.",
    "group": "Group-Description (RFC 2409 Appendix A, class 4): the Diffie-Hellman group "
             "of Main Mode messages 3 and 4 (groups 1, 2: RFC 2409 §6; 5, 14-18: RFC 3526; "
             "19-21: RFC 5903). Both sides must choose the same one.",
    "lifetime": "Life-Type seconds and Life-Duration (RFC 2409 Appendix A, classes 11 and "
                "12; RFC 2407 §4.5 for phase 2). \"none\": no lifetime is proposed.",
    "lifetime_kilobytes": "Life-Type kilobytes (RFC 2409 Appendix A; RFC 2407 §4.5). "
                          "\"none\": no volume limit is proposed.",
    "protocol": "The IPsec protocol of the proposal (RFC 2407 §4.4.1): ESP encrypts, AH "
                "only authenticates.",
    "mode": "Encapsulation Mode (RFC 2407 §4.5): tunnel between gateways, transport "
            "between hosts.",
    "esp_encryption": "The ESP transform ID (RFC 2407 §4.4.4): the cipher of the IPsec SA.",
    "integrity": "Authentication Algorithm (RFC 2407 §4.5): the HMAC of the IPsec SA.",
    "pfs_group": "Group Description in Quick Mode (RFC 2409 §5.5): a fresh Diffie-Hellman "
                 "exchange (KE) for the IPsec SA keys, i.e. Perfect Forward Secrecy. "
                 "\"none\": no PFS.",
    "local_subnet": "The network behind this gateway (its Quick Mode client identity, "
                    "IDci/IDcr, RFC 2409 §5.5).",
    "remote_subnet": "The network behind the peer; it must mirror the peer's local subnet.",
    "nat_traversal": "NAT traversal (RFC 3947): detect a NAT (NAT-D payloads) and move to "
                     "UDP 4500.",
    "aggressive": "Aggressive Mode (RFC 2409 §5.4): 3 messages instead of 6, but the "
                  "identities travel unprotected.",
}

BEHAVIOUR_TIPS: dict[str, tuple[str, str]] = {
    "preference": ("Preference", "As a responder, whose order decides among several "
                   "acceptable offers: the initiator's (first acceptable offer, the RFC 2408 "
                   "§4.2 reading) or its own."),
    "phase1_lifetime": ("Phase-1 lifetime policy", "What this gateway does when the offered "
                        "phase-1 lifetime differs from its own (RFC 2407 §4.5.4 leaves it "
                        "open)."),
    "phase2_lifetime": ("Phase-2 lifetime policy", "What this gateway does when the offered "
                        "phase-2 lifetime differs from its own; \"claim\" answers with "
                        "RESPONDER-LIFETIME (RFC 2407 §4.6.3.1)."),
    "pfs": ("PFS policy", "How a Quick Mode responder treats PFS (RFC 2409 §5.5): exactly the "
            "configured group, required, or optional."),
    "identity_check": ("Identity check", "How strictly the peer's phase-1 identity is "
                       "compared with the expected one."),
    "check_traffic_selectors": ("Check subnets", "Refuse a Quick Mode whose subnets (IDci/"
                                "IDcr) do not match the configured ones."),
    "accept_aggressive": ("Accept Aggressive Mode", "As a responder, accept an Aggressive "
                          "Mode exchange (RFC 2409 §5.4)."),
    "send_initial_contact": ("Send INITIAL-CONTACT", "Send the INITIAL-CONTACT notify in "
                             "MM5 (RFC 2407 §4.6.3.3)."),
    "retransmit_timeout": ("Retransmit after", "Seconds before the first retransmission "
                           "(RFC 2408 §5 leaves timers local)."),
    "retransmit_base": ("Backoff factor", "Each retransmission waits this many times longer "
                        "than the one before."),
    "retransmit_tries": ("Retransmissions", "How many times a message is sent again before "
                         "giving up."),
    "commit_bit": ("Commit bit", "Set the commit bit in Quick Mode (RFC 2408 §3.1): the "
                   "responder then ends with a CONNECTED notify."),
    "encrypt_aggressive_3": ("Encrypt AM message 3", "Send Aggressive Mode message 3 "
                             "encrypted (RFC 2409 §5.4 leaves it open; strongSwan does)."),
}

# Behaviour fields the editor does not offer: shown elsewhere (aggressive, NAT-T are
# gateway settings) or lists (Vendor IDs, shown read-only).
HIDDEN_BEHAVIOUR = frozenset({"aggressive", "nat_traversal", "send_vendor_ids"})


def fixed_reasons(profile: Profile) -> dict[str, str]:
    """Which settings the product fixes, and the sentence that says why (for tooltips)."""
    product = profile.product
    fixed = profile.fixed
    out: dict[str, str] = {}
    if fixed.identity == "wan-address":
        why = (f"{product} always identifies itself by its WAN address (ID_IPV4_ADDR) and "
               "expects the peer's WAN address: identities cannot be configured.")
        for key in ("identity_type", "identity", "peer_identity_type", "peer_identity"):
            out[key] = why
    if fixed.main_mode_only:
        out["aggressive"] = f"{product} negotiates Main Mode only (no Aggressive Mode)."
        out["accept_aggressive"] = out["aggressive"]
        out["encrypt_aggressive_3"] = out["aggressive"]
    if fixed.pfs == "always":
        out["pfs"] = f"{product} always uses PFS in Quick Mode."
    if fixed.pfs == "never":
        out["pfs"] = f"{product} never uses PFS."
    if fixed.phase2_same_as_phase1:
        out["phase2"] = (f"{product} negotiates phase 2 with the same algorithms and DH "
                         "group as phase 1 (always ESP, tunnel mode, PFS with the phase-1 "
                         "group): phase 2 follows the phase-1 proposals.")
    if fixed.tunnel_only:
        out["mode"] = f"{product} uses tunnel mode only."
    if fixed.esp_only:
        out["protocol"] = f"{product} uses ESP only (never AH)."
    if not profile.behaviour.nat_traversal:
        out["nat_traversal"] = f"{product} does not do NAT traversal (RFC 3947)."
    return out
