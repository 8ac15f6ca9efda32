"""What a capture says about a negotiation: where it failed, why, and what to change.

:func:`diagnose_capture` reads one :class:`~ikeviz.capture.negotiations.Negotiation` (decrypted
or not) and answers like :func:`ikeviz.diagnosis.diagnose` does for a simulated run, but
only from what is visible on the wire: what is *known* (the messages, the notifies that
could be read, the proposals) is kept apart from what is *likely* (the cause the protocol
hides, e.g. a pre-shared key mismatch, which only shows as a message 5 the responder
cannot read). When the user names the responder's product (a profile), the refused offer
is set against what that product supports and proposes by default.

:func:`to_scenario` turns a negotiation into a :class:`~ikeviz.scenario.model.Scenario`
("Save as scenario"): the addresses, the offered and chosen proposals, the identities and
subnets once decrypted, and no pre-shared key (the file asks for it), so that the
technician can change the peer's settings and run it until it works.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from ikeviz.capture.negotiations import (
    CapturedMessage,
    Negotiation,
    QuickMode,
    notify_name,
)
from ikeviz.diagnosis.diagnose import failed_at, message_name
from ikeviz.diagnosis.reasons import field_name, value_words
from ikeviz.i18n import current_language, elide, translate
from ikeviz.protocol.codec import Certificate, CertificateRequest, Identification, Notification
from ikeviz.protocol.config import ChildProposal, EspTransform, IkeProposal
from ikeviz.protocol.proposals import ChildOffer, compare_child, compare_ike
from ikeviz.protocol.registry import ExchangeType, IdType, NotifyType, ProtocolId, describe
from ikeviz.scenario import names
from ikeviz.scenario.model import AuthKind, Gateway, Network, Scenario
from ikeviz.scenario.profiles import Profile, builtin_profiles

__all__ = [
    "CaptureConflict",
    "CaptureDiagnosis",
    "diagnose_capture",
    "esp_text",
    "ike_text",
    "to_scenario",
]


@dataclass(frozen=True)
class CaptureConflict:
    """One value the two sides disagree on: the initiator's, and the responder's (or what
    the responder's profile supports)."""

    field: str
    initiator: str
    responder: str


@dataclass(frozen=True)
class CaptureDiagnosis:
    """The verdict on one captured negotiation.

    ``outcome`` is "established", "failed" or "incomplete" (the capture ends while one side
    waits, without a sign of failure). ``failure_label`` is where the failure shows, as
    :class:`ikeviz.diagnosis.Diagnosis` names it: the message that should have come
    ("MM2" when message 1 is refused) or the one that could not be used ("MM5" for a
    pre-shared key mismatch). ``notify``/``notify_sender`` are the refusal's notify as read
    in the capture ("" when it could not be read).
    """

    established: bool
    outcome: str
    verdict: str
    failure_label: str = ""
    failure_message: str = ""
    notify: str = ""
    notify_sender: str = ""
    known: tuple[str, ...] = ()
    likely: tuple[str, ...] = ()
    conflicts: tuple[CaptureConflict, ...] = ()
    fixes: tuple[str, ...] = ()
    phase1: str = ""
    phase2: str = ""
    warnings: tuple[str, ...] = ()


# --- words -----------------------------------------------------------------------------------

_AUTH_WORDS = {1: "PSK", 3: "RSA signatures", 65001: "XAUTH PSK", 65002: "XAUTH PSK"}


def _auth_word(method: int) -> str:
    """ "PSK", "RSA signatures" (translated), "auth 9"."""
    if method == 3:
        return translate("capture", "RSA signatures")
    if method in _AUTH_WORDS:
        return _AUTH_WORDS[method]
    return translate("capture", "auth {method}").format(method=method)


def _seconds(value: int) -> str:
    return translate("capture", "{seconds} s").format(seconds=value)


def ike_text(proposal: IkeProposal) -> str:
    """ "aes128-sha1-modp2048 (PSK, 11400 s)"."""
    suite = names.ike_suite(proposal.encryption, proposal.key_length, proposal.hash,
                            proposal.group)
    extra = [_auth_word(proposal.auth_method)]
    if proposal.lifetime_seconds:
        extra.append(_seconds(proposal.lifetime_seconds))
    return f"{suite} ({', '.join(extra)})"


_MODES: dict[int, Callable[[], str]] = {
    1: lambda: translate("capture", "tunnel"),
    2: lambda: translate("capture", "transport"),
    3: lambda: translate("capture", "UDP tunnel"),
    4: lambda: translate("capture", "UDP transport"),
    61443: lambda: translate("capture", "UDP tunnel"),
    61444: lambda: translate("capture", "UDP transport"),
}


def esp_text(offer: ChildOffer) -> str:
    """ "aes128-sha1 (no PFS, tunnel, 3600 s)"."""
    protocol = "AH " if offer.protocol == ProtocolId.IPSEC_AH else ""
    suite = names.esp_suite(offer.transform_id, offer.key_length, offer.auth_algorithm, None)
    extra = [f"PFS {names.GROUP_NAMES.get(offer.pfs_group, str(offer.pfs_group))}"
             if offer.pfs_group is not None else translate("capture", "no PFS")]
    mode = _MODES.get(offer.encapsulation or 0)
    if mode:
        extra.append(mode())
    if offer.lifetime_seconds:
        extra.append(_seconds(offer.lifetime_seconds))
    return f"{protocol}{suite} ({', '.join(extra)})"


def _who(negotiation: Negotiation, initiator: bool) -> str:
    end = negotiation.initiator if initiator else negotiation.responder
    if initiator:
        return translate("capture", "the initiator ({address})").format(address=end.address)
    return translate("capture", "the responder ({address})").format(address=end.address)


def _side(initiator: bool) -> str:
    return translate("capture", "initiator") if initiator else translate("capture", "responder")


def _informational(encrypted: bool, notify: str) -> str:
    """ "an encrypted Informational NO-PROPOSAL-CHOSEN" (an unencrypted one)."""
    if encrypted:
        return translate("capture", "an encrypted Informational {notify}").format(notify=notify)
    return translate("capture", "an unencrypted Informational {notify}").format(notify=notify)


def _next_label(label: str) -> str:
    if len(label) == 3 and label[:2] in ("MM", "QM", "AM") and label[2].isdigit():
        return f"{label[:2]}{int(label[2]) + 1}"
    return label


def _ident_text(ident: Identification) -> str:
    if ident.id_type == IdType.DER_ASN1_DN:
        from ikeviz.protocol.certificates import dn_text  # cryptography.x509: only for DNs

        return dn_text(ident.data)
    return ident.text()


def _count(n: int, one: str, many: str) -> str:
    """``one`` or ``many`` (each a whole translated template with ``{count}``), for ``n``."""
    return (one if n == 1 else many).format(count=n)


def _times(n: int) -> str:
    return _count(n, translate("capture", "{count} time"), translate("capture", "{count} times"))


def _encrypted_infos(n: int) -> str:
    return _count(n, translate("capture", "{count} encrypted Informational message"),
                  translate("capture", "{count} encrypted Informational messages"))


# --- the diagnosis ---------------------------------------------------------------------------


def diagnose_capture(
    negotiation: Negotiation,
    *,
    responder_profile: Profile | None = None,
) -> CaptureDiagnosis:
    """Where and why a captured negotiation failed, or what it established (its texts in
    the current language: English without a translator, as on the command line)."""
    diagnosis = _diagnose_capture(negotiation, responder_profile)
    if current_language() != "fr":
        return diagnosis
    return replace(
        diagnosis, verdict=elide(diagnosis.verdict),
        known=tuple(elide(t) for t in diagnosis.known),
        likely=tuple(elide(t) for t in diagnosis.likely),
        fixes=tuple(elide(t) for t in diagnosis.fixes),
        warnings=tuple(elide(t) for t in diagnosis.warnings))


def _diagnose_capture(negotiation: Negotiation,
                      responder_profile: Profile | None) -> CaptureDiagnosis:
    refusal = _first_refusal(negotiation)
    if refusal is not None:
        message, notify, answered = refusal
        return _refused(negotiation, message, notify, answered, responder_profile)
    if negotiation.first("MM5") is not None and not _phase1_up(negotiation):
        return _psk_problem(negotiation, None)
    done = [q for q in negotiation.quick_modes if q.complete]
    if done:
        return _established(negotiation, done[0])
    return _unanswered(negotiation)


def _first_copies(negotiation: Negotiation) -> list[CapturedMessage]:
    return [m for m in negotiation.messages if not m.malformed and m.retransmission == 0]


def _answered(negotiation: Negotiation, message: CapturedMessage) -> CapturedMessage | None:
    """The other side's last message before ``message`` (what a notify answers)."""
    for m in reversed(negotiation.messages[:message.index]):
        if not m.malformed and m.retransmission == 0 and m.from_initiator != \
                message.from_initiator:
            return m
    return None


def _first_refusal(
    negotiation: Negotiation,
) -> tuple[CapturedMessage, Notification, CapturedMessage | None] | None:
    for m in _first_copies(negotiation):
        if m.readable and m.error_notifies:
            return m, m.error_notifies[0], _answered(negotiation, m)
    return None


def _phase1_up(negotiation: Negotiation) -> bool:
    # A Quick Mode is only sent under a finished phase 1: it proves phase 1 when
    # the capture lacks MM6 (a lost packet, tcpdump started late).
    return (negotiation.first("MM6") is not None or negotiation.first("AM3") is not None
            or any(m.exchange_type == ExchangeType.QUICK_MODE and not m.malformed
                   for m in negotiation.messages))


def _refused(
    negotiation: Negotiation,
    message: CapturedMessage,
    notify: Notification,
    answered: CapturedMessage | None,
    profile: Profile | None,
) -> CaptureDiagnosis:
    kind = notify.notify_type
    label = answered.label if answered is not None else ""
    if kind == NotifyType.NO_PROPOSAL_CHOSEN and label in ("MM1", "AM1"):
        return _phase1_refused(negotiation, message, profile)
    if label.startswith("QM") or (message.message_id and _phase1_up(negotiation)
                                  and negotiation.quick_modes):
        return _phase2_refused(negotiation, message, notify, profile)
    if label in ("MM5", "AM3") and not message.from_initiator and kind in (
            NotifyType.PAYLOAD_MALFORMED, NotifyType.INVALID_PAYLOAD_TYPE,
            NotifyType.INVALID_HASH_INFORMATION, NotifyType.AUTHENTICATION_FAILED,
            NotifyType.INVALID_ID_INFORMATION):
        sent = negotiation.first(label)
        same_keys = (message.decrypted and sent is not None and sent.decrypted
                     and sent.key_source == message.key_source)
        if same_keys or kind == NotifyType.INVALID_ID_INFORMATION:
            return _identity_refused(negotiation, message, notify, label, same_keys)
        return _psk_problem(negotiation, message)
    sender = "initiator" if message.from_initiator else "responder"
    name = notify_name(notify)
    # Where it fails, as `ikeviz check` says it: a responder's refusal at the answer it
    # did not send (MM1 refused: MM2), an initiator's at the answer it refused (MM6).
    if not label:
        show = message.label
    elif answered is not None and not answered.exchange_initiator:
        show = label
    else:
        show = _next_label(label)
    where = message_name(show) if label else message_name("INFO")
    what = f"{label}" if label else translate("capture", "the negotiation")
    known = [translate("capture", "{who} answered {what} with {informational} (frame "
                       "{frame})").format(who=_who(negotiation, message.from_initiator),
                                          what=what, frame=message.frame,
                                          informational=_informational(message.encrypted,
                                                                       name))]
    return CaptureDiagnosis(
        established=False,
        outcome="failed",
        verdict=translate("capture", "{failure}: the {sender} refused {what} with "
                          "{notify}").format(failure=failed_at(show if label else "INFO"),
                                             sender=_side(message.from_initiator), what=what,
                                             notify=name),
        failure_label=show,
        failure_message=where,
        notify=name,
        notify_sender=sender,
        known=tuple(known),
        likely=(_notify_hint(kind),) if _notify_hint(kind) else (),
    )


def _notify_hint(kind: int) -> str:
    hints: dict[int, Callable[[], str]] = {
        NotifyType.INVALID_ID_INFORMATION: lambda: translate(
            "capture", "the identity or the proxy identities (subnets) sent are not the ones "
            "the peer is configured for"),
        NotifyType.AUTHENTICATION_FAILED: lambda: translate(
            "capture", "the pre-shared key or the identity differs"),
        NotifyType.INVALID_HASH_INFORMATION: lambda: translate(
            "capture", "the pre-shared key differs, or a message was altered on the way"),
        NotifyType.INVALID_KEY_INFORMATION: lambda: translate(
            "capture", "the DH public value has the wrong size for the group (a DH group "
            "mismatch in Quick Mode with PFS)"),
        NotifyType.ATTRIBUTES_NOT_SUPPORTED: lambda: translate(
            "capture", "an attribute of the offer (e.g. a lifetime in kilobytes, a key length) "
            "is not supported by the peer"),
        NotifyType.INVALID_COOKIE: lambda: translate(
            "capture", "the peer lost the ISAKMP SA (it restarted, or the SA expired on its "
            "side)"),
    }
    hint = hints.get(kind)
    return hint() if hint is not None else ""


# --- phase 1 refused -------------------------------------------------------------------------


def _listing(values: Sequence[str]) -> str:
    return ", ".join(values)


def _enc_label(encryption: int, key_length: int | None = None) -> str:
    text = names.ENCRYPTION_LABELS.get(encryption, str(encryption))
    return f"{text}-{key_length}" if key_length else text


def _field(phase: int, field: str) -> str:
    """ "phase-1 encryption", in the user's language."""
    if phase == 1:
        return translate("capture", "phase-1 {field}").format(field=field_name(field))
    return translate("capture", "phase-2 {field}").format(field=field_name(field))


def _default_value(value: str, product: str) -> str:
    """ "3600 s (strongSwan default)"."""
    return translate("capture", "{value} ({product} default)").format(
        value=value_words(value), product=product)


def _profile_phase1(
    profile: Profile, offers: Sequence[IkeProposal]
) -> tuple[list[CaptureConflict], list[str], list[str]]:
    """The offer against a profile: unsupported values, else the defaults it differs from."""
    s = profile.supported
    product = profile.product
    conflicts: list[CaptureConflict] = []
    facts: list[str] = []
    fixes: list[str] = []
    all_unsupported = True
    for offer in offers:
        missing: list[str] = []
        if offer.encryption not in s.encryption:
            have = _listing([names.ENCRYPTION_LABELS.get(e, str(e)) for e in s.encryption])
            missing.append(translate("capture", "the {product} profile supports encryption "
                                     "{values}: the offered {value} is not among them").format(
                product=product, values=have, value=_enc_label(offer.encryption,
                                                               offer.key_length)))
            conflicts.append(CaptureConflict(_field(1, "encryption"), _enc_label(
                offer.encryption, offer.key_length), f"{have} ({product})"))
        elif offer.key_length is not None and offer.key_length not in s.aes_key_lengths:
            have = _listing([str(b) for b in s.aes_key_lengths]) or translate("capture", "none")
            missing.append(translate("capture", "the {product} profile supports AES key "
                                     "lengths {values}: the offered {bits} bits is not among "
                                     "them").format(product=product, values=have,
                                                    bits=offer.key_length))
            conflicts.append(CaptureConflict(_field(1, "key length"), translate(
                "capture", "{bits} bits").format(bits=offer.key_length), f"{have} ({product})"))
        if offer.hash not in s.hash:
            have = _listing([names.HASH_LABELS.get(h, str(h)) for h in s.hash])
            missing.append(translate("capture", "the {product} profile supports hashes "
                                     "{values}: the offered {value} is not among them").format(
                product=product, values=have,
                value=names.HASH_LABELS.get(offer.hash, str(offer.hash))))
            conflicts.append(CaptureConflict(
                _field(1, "hash"), names.HASH_LABELS.get(offer.hash, str(offer.hash)),
                f"{have} ({product})"))
        if offer.group not in s.groups:
            have = _listing([str(g) for g in s.groups])
            missing.append(translate("capture", "the {product} profile supports groups "
                                     "{values}: the offered group {group} is not among "
                                     "them").format(product=product, values=have,
                                                    group=offer.group))
            conflicts.append(CaptureConflict(_field(1, "DH group"), str(offer.group),
                                             f"{have} ({product})"))
        auth = {1: ("psk",), 3: ("rsa", "certificate")}.get(offer.auth_method, ())
        if auth and not set(auth) & set(s.auth):
            missing.append(translate("capture", "the {product} profile supports "
                                     "authentication {values}: the offered {value} is not "
                                     "among them").format(product=product,
                                                       values=_listing(s.auth),
                                                       value=_auth_word(offer.auth_method)))
        if missing:
            facts.extend(missing)
        else:
            all_unsupported = False
            closest = None
            for default in profile.phase1:
                mismatches, _ = compare_ike(offer, default, profile.behaviour)
                if closest is None or len(mismatches) < len(closest[1]):
                    closest = (default, mismatches)
            if closest is not None and closest[1]:
                default, mismatches = closest
                facts.append(translate("capture", "{product} supports every value of the offer "
                                       "{offer}; its default proposal {default} differs in "
                                       "{fields}").format(
                    product=product, offer=ike_text(offer), default=ike_text(default),
                    fields=_listing([field_name(m.field) for m in mismatches])))
                conflicts.extend(CaptureConflict(_field(1, m.field), value_words(m.offered),
                                                 _default_value(m.local, product))
                                 for m in mismatches)
            fixes.append(translate("capture", "on the responder: add the phase-1 proposal "
                                   "{proposal} (every value is one {product} supports)").format(
                proposal=ike_text(offer), product=product))
    if profile.phase1:
        default = profile.phase1[0]
        fixes.append((translate("capture", "on the initiator: offer a proposal {product} "
                                "supports, e.g. its default {proposal}") if all_unsupported else
                      translate("capture", "or on the initiator: offer a proposal {product} "
                                "supports, e.g. its default {proposal}")).format(
            product=product, proposal=ike_text(default)))
    return conflicts, facts, fixes


def _phase1_refused(
    negotiation: Negotiation, message: CapturedMessage, profile: Profile | None
) -> CaptureDiagnosis:
    offers = negotiation.offered
    first = negotiation.first("MM1") or negotiation.first("AM1")
    show = "AM2" if first is not None and first.label == "AM1" else "MM2"
    known = [
        translate("capture", "{who} answered message 1 with {informational} (frame {frame}): "
                  "it accepts none of the offered transforms ({count})").format(
            who=_who(negotiation, False), frame=message.frame, count=len(offers),
            informational=_informational(message.encrypted, "NO-PROPOSAL-CHOSEN")),
    ]
    known += [translate("capture", "offered transform {number}: {proposal}").format(
        number=i, proposal=ike_text(o)) for i, o in enumerate(offers, 1)]
    conflicts: list[CaptureConflict] = []
    likely: list[str] = []
    fixes: list[str] = []
    if profile is not None:
        conflicts, facts, fixes = _profile_phase1(profile, offers)
        known += facts
    else:
        likely.append(translate(
            "capture", "the responder has no phase-1 proposal with exactly these values: "
            "encryption (and key length), hash, DH group, authentication method, sometimes "
            "the lifetime; the DH group is the usual culprit"))
        fixes.append(translate(
            "capture", "make one of the initiator's phase-1 proposals equal to one of the "
            "responder's (name the responder's product with --responder-profile to see which "
            "value it lacks)"))
    return CaptureDiagnosis(
        established=False,
        outcome="failed",
        verdict=translate("capture", "{failure}: {responder} refused every phase-1 proposal of "
                          "{initiator} (NO-PROPOSAL-CHOSEN)").format(
            failure=failed_at(show), responder=_who(negotiation, False),
            initiator=_who(negotiation, True)),
        failure_label=show,
        failure_message=message_name(show),
        notify="NO-PROPOSAL-CHOSEN",
        notify_sender="responder" if not message.from_initiator else "initiator",
        known=tuple(known),
        likely=tuple(likely),
        conflicts=tuple(conflicts),
        fixes=tuple(fixes),
    )


# --- phase 2 refused -------------------------------------------------------------------------


def _quick_mode_of(negotiation: Negotiation, message: CapturedMessage) -> QuickMode | None:
    """The Quick Mode a refusal answers: the one with the last message before it."""
    best: QuickMode | None = None
    for qm in negotiation.quick_modes:
        if qm.messages and qm.messages[0] < message.index:
            best = qm
    return best


def _offers(qm: QuickMode) -> list[ChildOffer]:
    return [o for _proposal, offers in qm.offered for o in offers]


def _profile_phase2(
    profile: Profile, qm: QuickMode, chosen_p1: IkeProposal | None
) -> tuple[list[CaptureConflict], list[str], list[str]]:
    s, fixed, product = profile.supported, profile.fixed, profile.product
    conflicts: list[CaptureConflict] = []
    facts: list[str] = []
    fixes: list[str] = []
    for offer in _offers(qm):
        missing: list[str] = []
        esp = names.ESP_LABELS.get(offer.transform_id, str(offer.transform_id))
        if offer.transform_id not in s.esp_encryption:
            have = _listing([names.ESP_LABELS.get(e, str(e)) for e in s.esp_encryption])
            missing.append(translate("capture", "the {product} profile supports ESP "
                                     "encryption {values}: the offered {value} is not among "
                                     "them").format(product=product, values=have, value=esp))
            conflicts.append(CaptureConflict(_field(2, "encryption"), esp,
                                             f"{have} ({product})"))
        if offer.auth_algorithm not in s.esp_integrity:
            none = translate("capture", "none")
            have = _listing([names.INTEGRITY_LABELS.get(a, none) if a is not None else none
                             for a in s.esp_integrity])
            got = names.INTEGRITY_LABELS.get(offer.auth_algorithm or 0, none)
            missing.append(translate("capture", "the {product} profile supports ESP "
                                     "integrity {values}: the offered {value} is not among "
                                     "them").format(product=product, values=have, value=got))
            conflicts.append(CaptureConflict(translate("capture", "phase-2 integrity"), got,
                                             f"{have} ({product})"))
        if offer.pfs_group is not None and offer.pfs_group not in s.groups:
            have = _listing([str(g) for g in s.groups])
            missing.append(translate("capture", "the {product} profile supports groups "
                                     "{values}: the offered PFS group {group} is not among "
                                     "them").format(product=product, values=have,
                                                    group=offer.pfs_group))
            conflicts.append(CaptureConflict(field_name("PFS group"), str(offer.pfs_group),
                                             f"{have} ({product})"))
        if fixed.pfs == "always" and offer.pfs_group is None:
            missing.append(translate("capture", "{product} always uses PFS: the offer has "
                                     "none").format(product=product))
            conflicts.append(CaptureConflict("PFS", translate("capture", "no PFS"), translate(
                "capture", "always ({product})").format(product=product)))
        if fixed.pfs == "never" and offer.pfs_group is not None:
            missing.append(translate("capture", "{product} never uses PFS: the offer has group "
                                     "{group}").format(product=product, group=offer.pfs_group))
            conflicts.append(CaptureConflict("PFS", translate("capture", "group {group}").format(
                group=offer.pfs_group), translate("capture", "never ({product})").format(
                product=product)))
        if fixed.phase2_same_as_phase1 and chosen_p1 is not None:
            same_cipher = {1: 2, 5: 3, 7: 12}.get(chosen_p1.encryption) == offer.transform_id
            if not same_cipher or (offer.pfs_group not in (None, chosen_p1.group)):
                missing.append(translate("capture", "{product} negotiates phase 2 with its "
                                         "phase-1 algorithms and group ({phase1}): the offer "
                                         "{offer} differs").format(
                    product=product, phase1=ike_text(chosen_p1), offer=esp_text(offer)))
        if missing:
            facts.extend(missing)
            continue
        closest = None
        for default in profile.phase2:
            mismatches, _lifetime, _matched = compare_child(offer, default, profile.behaviour,
                                                            has_ke=qm.pfs)
            if closest is None or len(mismatches) < len(closest[1]):
                closest = (default, mismatches)
        if closest is not None and closest[1]:
            default, mismatches = closest
            facts.append(translate("capture", "{product} supports every value of the offer "
                                   "{offer}; its default phase-2 proposal differs in "
                                   "{fields}").format(
                product=product, offer=esp_text(offer),
                fields=_listing([field_name(m.field) for m in mismatches])))
            conflicts.extend(CaptureConflict(_field(2, m.field), value_words(m.offered),
                                             _default_value(m.local, product))
                             for m in mismatches)
    if profile.phase2:
        default = profile.phase2[0]
        t = default.transforms[0]
        fixes.append(translate("capture", "on the initiator: offer a phase-2 proposal {product} "
                               "supports, e.g. its default {proposal}").format(
            product=product, proposal=names.esp_suite(t.transform_id, t.key_length,
                                                      t.auth_algorithm, default.pfs_group)))
    return conflicts, facts, fixes


def _phase2_refused(
    negotiation: Negotiation,
    message: CapturedMessage,
    notify: Notification,
    profile: Profile | None,
) -> CaptureDiagnosis:
    kind = notify.notify_type
    name = notify_name(notify)
    qm = _quick_mode_of(negotiation, message)
    known = [translate("capture", "the ISAKMP SA is established (Main Mode completed, both "
                       "sides authenticated)")
             if _phase1_up(negotiation) else
             translate("capture", "phase 1 went on far enough for Quick Mode"),
             translate("capture", "{who} answered Quick Mode message 1 with {informational} "
                       "(frame {frame})").format(who=_who(negotiation, message.from_initiator),
                                                 frame=message.frame,
                                                 informational=_informational(
                                                     message.encrypted, name))]
    if name == "NO-PROPOSAL-CHOSEN" and notify.spi and not any(notify.spi):
        known.append(translate("capture", "the notify's SPI is {spi}, not the SPI offered in "
                               "QM1").format(spi=notify.spi.hex()))
    likely: list[str] = []
    conflicts: list[CaptureConflict] = []
    fixes: list[str] = []
    if qm is not None and qm.readable:
        known += [translate("capture", "offered: {proposal}").format(proposal=esp_text(o))
                  for o in _offers(qm)]
        if qm.ids_offered:
            known.append(translate("capture", "proxy identities offered: {identities}").format(
                identities=" === ".join(_ident_text(i) for i in qm.ids_offered)))
    else:
        known.append(translate("capture", "Quick Mode message 1 is encrypted: give keys "
                               "(--keys, --charon-log, or --psk with --dh-secret) to see what "
                               "was offered"))
    if kind == NotifyType.INVALID_ID_INFORMATION:
        verdict = translate("capture", "{failure}: the protected subnets (proxy identities) do "
                            "not match; {who} answered INVALID-ID-INFORMATION").format(
            failure=failed_at("QM2"), who=_who(negotiation, message.from_initiator))
        likely.append(translate("capture", "the responder's local and remote subnets are not "
                                "the mirror of the initiator's (or one side uses a host "
                                "address where the other has a subnet)"))
        if qm is not None and len(qm.ids_offered) >= 2:
            local, remote = (_ident_text(i) for i in qm.ids_offered[:2])
            conflicts.append(CaptureConflict(
                translate("capture", "local subnet / remote subnet"), f"{local} / {remote}",
                translate("capture", "(refused: not its remote / local subnets)")))
            fixes.append(translate("capture", "on the responder: set its local subnet to "
                                   "{remote} and its remote subnet to {local}").format(
                remote=remote, local=local))
            fixes.append(translate("capture", "or on the initiator: use the responder's "
                                   "subnets, mirrored"))
    elif kind == NotifyType.NO_PROPOSAL_CHOSEN:
        verdict = translate("capture", "{failure}: phase 1 is up, but {who} refused every "
                            "phase-2 proposal (NO-PROPOSAL-CHOSEN)").format(
            failure=failed_at("QM2"), who=_who(negotiation, message.from_initiator))
        if profile is not None and qm is not None and qm.readable:
            conflicts, facts, fixes = _profile_phase2(profile, qm, negotiation.chosen)
            known += facts
        else:
            likely.append(translate(
                "capture", "the responder has no phase-2 proposal with these values: ESP "
                "encryption (and key length), integrity, PFS group (or PFS on one side only), "
                "mode, sometimes the lifetime"))
            fixes.append(translate("capture", "make one of the initiator's phase-2 proposals "
                                   "equal to one of the responder's") if profile is not None
                         else translate("capture", "make one of the initiator's phase-2 "
                                        "proposals equal to one of the responder's "
                                        "(--responder-profile shows what its product "
                                        "supports)"))
    else:
        verdict = translate("capture", "{failure}: {who} refused Quick Mode with "
                            "{notify}").format(failure=failed_at("QM2"), notify=name,
                                               who=_who(negotiation, message.from_initiator))
        hint = _notify_hint(kind)
        if hint:
            likely.append(hint)
    return CaptureDiagnosis(
        established=False,
        outcome="failed",
        verdict=verdict,
        failure_label="QM2",
        failure_message=message_name("QM2"),
        notify=name,
        notify_sender="initiator" if message.from_initiator else "responder",
        known=tuple(known),
        likely=tuple(likely),
        conflicts=tuple(conflicts),
        fixes=tuple(fixes),
    )


# --- message 5 not accepted ------------------------------------------------------------------


def _psk_problem(
    negotiation: Negotiation, refusal: CapturedMessage | None
) -> CaptureDiagnosis:
    copies = [m for m in negotiation.messages if m.label == "MM5" and not m.malformed]
    mm5 = copies[0]
    answers = [m for m in negotiation.messages if m.index > mm5.index and not m.from_initiator
               and not m.malformed and m.retransmission == 0 and m.label == "INFO"]
    known = [translate("capture", "messages 1 to 4 went through: the proposals and the "
                       "Diffie-Hellman exchange agree")]
    if len(copies) > 1:
        known.append(translate("capture", "{who} sent message 5 {times}, from {start} s to "
                               "{end} s; message 6 never came").format(
            who=_who(negotiation, True), times=_times(len(copies)),
            start=f"{copies[0].time:.3f}", end=f"{copies[-1].time:.3f}"))
    else:
        known.append(translate("capture", "{who} sent message 5 {times}; message 6 never "
                               "came").format(who=_who(negotiation, True),
                                              times=_times(len(copies))))
    if answers:
        known.append(translate("capture", "{who} answered with {messages} instead").format(
            who=_who(negotiation, False), messages=_encrypted_infos(len(answers))))
    notify, sender = "", ""
    readable = [m for m in answers if m.decrypted and m.error_notifies]
    if refusal is not None and refusal not in readable:
        readable.insert(0, refusal)
    if readable:
        n = readable[0].error_notifies[0]
        notify, sender = notify_name(n), "responder"
        known.append(translate("capture", "decrypted with {keys}, the responder's answer is "
                               "N({notify}): it could not use message 5").format(
            keys=readable[0].key_source, notify=notify))
    if negotiation.keys_tried:
        if mm5.decrypted:
            check = mm5.hash_check
            if check is not None:
                known.append(translate("capture", "message 5 decrypts with {keys} and {hash} "
                                       "{status}").format(keys=mm5.key_source, hash=check.name,
                                                          status=check.status))
            else:
                known.append(translate("capture", "message 5 decrypts with {keys}").format(
                    keys=mm5.key_source))
        else:
            known.append(translate("capture", "message 5 does not decrypt with the key(s) "
                                   "given: {keys}").format(
                keys=_listing(negotiation.keys_tried)))
        unread = [m for m in answers if not m.decrypted]
        if unread:
            known.append(translate("capture", "the responder's answers do not decrypt with the "
                                   "key(s) given ({keys}): the responder encrypted them with "
                                   "other keys").format(keys=_listing(negotiation.keys_tried)))
    likely = (
        translate("capture", "the pre-shared keys differ: each side derived its own SKEYID and "
                  "Ka from its own PSK, so neither can read the other's encrypted messages (the "
                  "most common cause)"),
        translate("capture", "less likely, an identity problem: the responder took the PSK of "
                  "another peer, e.g. because the initiator's address or ID is not the one it "
                  "is configured for (a NAT)"),
    )
    address = negotiation.initiator.address
    fixes = (
        translate("capture", "set the same pre-shared key on both gateways"),
        translate("capture", "check that the responder's configuration for this peer names "
                  "the initiator's address {address} and ID {id}").format(
            address=address, id=_ident_text(negotiation.initiator_id))
        if negotiation.initiator_id is not None else
        translate("capture", "check that the responder's configuration for this peer names "
                  "the initiator's address {address}").format(address=address),
    )
    return CaptureDiagnosis(
        established=False,
        outcome="failed",
        verdict=translate("capture", "{failure}: {who} did not accept it; the pre-shared keys "
                          "most likely differ").format(failure=failed_at("MM5"),
                                                       who=_who(negotiation, False)),
        failure_label="MM5",
        failure_message=message_name("MM5"),
        notify=notify,
        notify_sender=sender,
        known=tuple(known),
        likely=likely,
        conflicts=(CaptureConflict(translate("capture", "pre-shared key"),
                                   translate("capture", "(secret)"),
                                   translate("capture", "(secret, most likely different)")),),
        fixes=fixes,
    )


def _identity_refused(
    negotiation: Negotiation,
    message: CapturedMessage,
    notify: Notification,
    label: str,
    same_keys: bool,
) -> CaptureDiagnosis:
    """The responder read message 5 (same keys on both sides) and refused the initiator."""
    name = notify_name(notify)
    responder = _who(negotiation, False)
    known = [translate("capture", "{who} answered {what} with {informational} (frame "
                       "{frame})").format(who=responder, what=label, frame=message.frame,
                                          informational=_informational(True, name))]
    if same_keys:
        known.append(translate("capture", "{label} and that answer decrypt with the same keys "
                               "({keys}): both sides derived the same SKEYID, so the "
                               "pre-shared keys agree").format(label=label,
                                                               keys=message.key_source))
    ident = negotiation.initiator_id
    if ident is not None:
        known.append(translate("capture", "the initiator sent the identity {type} "
                               "{identity}").format(type=describe(IdType, ident.id_type),
                                                    identity=_ident_text(ident)))
    sent = negotiation.first(label)
    if sent is not None and sent.hash_check is not None and sent.hash_check.verified:
        known.append(translate("capture", "{hash} is right for the keys both sides "
                               "have").format(hash=sent.hash_check.name))
    likely = [
        translate("capture", "the responder does not accept the initiator's identity: its type "
                  "or value is not the one the responder is configured to expect for this "
                  "peer"),
        translate("capture", "behind a NAT: the initiator sends its private address as its "
                  "identity"),
    ]
    fixes = []
    if ident is not None:
        fixes.append(translate("capture", "on the responder: expect the identity {type} "
                               "{identity} for this peer").format(
            type=describe(IdType, ident.id_type), identity=_ident_text(ident)))
    fixes.append(translate("capture", "or on the initiator: send the identity the responder "
                           "expects (type and value)"))
    return CaptureDiagnosis(
        established=False,
        outcome="failed",
        verdict=translate("capture", "{failure}: {who} refused it with {notify}; the keys agree, "
                          "so the initiator's identity is the likely cause").format(
            failure=failed_at(label), who=responder, notify=name) if same_keys else
        translate("capture", "{failure}: {who} refused the initiator's identity "
                  "({notify})").format(failure=failed_at(label), who=responder, notify=name),
        failure_label=label,
        failure_message=message_name(label),
        notify=name,
        notify_sender="responder",
        known=tuple(known),
        likely=tuple(likely),
        conflicts=(CaptureConflict(translate("capture", "phase-1 identity"),
                                   _ident_text(ident) if ident else "?",
                                   translate("capture", "(not the one it expects)")),),
        fixes=tuple(fixes),
    )


# --- established -----------------------------------------------------------------------------


def _established(negotiation: Negotiation, qm: QuickMode) -> CaptureDiagnosis:
    phase1 = ike_text(negotiation.chosen) if negotiation.chosen is not None else "?"
    if qm.chosen is not None:
        phase2 = esp_text(qm.chosen)
    elif negotiation.key_sources:
        phase2 = translate("capture", "not readable (the keys given read other messages: a "
                           "message of this Quick Mode is missing from the capture)")
    else:
        phase2 = translate("capture", "encrypted (give keys to see the algorithms)")
    mode = negotiation.mode or "Main Mode"
    known = [translate("capture", "{mode} completed: ISAKMP SA {proposal}").format(
                 mode=mode, proposal=phase1),
             translate("capture", "Quick Mode completed (QM1-QM3): IPsec SA {proposal}").format(
                 proposal=phase2)]
    if negotiation.initiator_id is not None and negotiation.responder_id is not None:
        known.append(translate("capture", "identities: {initiator} (initiator), {responder} "
                               "(responder)").format(
            initiator=_ident_text(negotiation.initiator_id),
            responder=_ident_text(negotiation.responder_id)))
    if qm.ids_offered:
        known.append(translate("capture", "subnets: {subnets}").format(
            subnets=" === ".join(_ident_text(i) for i in qm.ids_offered)))
    warnings: list[str] = []
    for m in negotiation.messages:
        if m.retransmission:
            continue
        if m.hash_check is not None and m.hash_check.verified is False:
            warnings.append(translate("capture", "{label} (frame {frame}): {hash} does not "
                                      "match: {detail}").format(
                label=m.label, frame=m.frame, hash=m.hash_check.name,
                detail=m.hash_check.detail))
        for d in m.deletes:
            who = _who(negotiation, m.from_initiator)
            when = f"{m.time:.3f}"
            warnings.append(
                translate("capture", "{who} deleted the ISAKMP SA at {time} s (frame "
                          "{frame})").format(who=who, time=when, frame=m.frame)
                if d.protocol_id == ProtocolId.ISAKMP else
                translate("capture", "{who} deleted the IPsec SA at {time} s (frame "
                          "{frame})").format(who=who, time=when, frame=m.frame))
    after = [m for m in negotiation.messages if m.index > qm.messages[-1] and m.encrypted
             and not m.decrypted and m.label == "INFO" and m.retransmission == 0]
    if after:
        warnings.append(translate("capture", "{messages} after Quick Mode (DELETEs or DPD, most "
                                  "likely)").format(messages=_encrypted_infos(len(after))))
    chosen = negotiation.chosen
    if chosen is not None and (chosen.encryption == 1 or chosen.hash == 1
                               or chosen.group in (1, 2)):
        warnings.append(translate("capture", "weak phase-1 algorithms ({suite}): prefer AES, "
                                  "SHA-2 and group 14 or more").format(
            suite=names.ike_suite(chosen.encryption, chosen.key_length, chosen.hash,
                                  chosen.group)))
    return CaptureDiagnosis(
        established=True,
        outcome="established",
        verdict=translate("capture", "Established: phase 1 {phase1}, phase 2 {phase2}").format(
            phase1=phase1, phase2=phase2),
        known=tuple(known),
        phase1=phase1,
        phase2=phase2,
        warnings=tuple(warnings),
    )


# --- nobody answers --------------------------------------------------------------------------

def _silence_hint(label: str) -> str:
    """Why nobody answers ``label``, most likely ("" when there is nothing to say)."""
    hints: dict[str, Callable[[], str]] = {
        "MM1": lambda: translate(
            "capture", "the responder is unreachable or does not answer on UDP 500 (wrong "
            "address, routing, a firewall, no IKE service), or it has no connection for the "
            "initiator's address and drops the offer silently"),
        "AM1": lambda: translate(
            "capture", "the responder is unreachable, does not accept Aggressive Mode, or has "
            "no connection for this identity and drops the offer silently"),
        "MM3": lambda: translate(
            "capture", "message 3 (large KE payload) was lost or fragmented on the way, or the "
            "responder could not use the KE payload"),
        "MM5": lambda: translate(
            "capture", "the responder could not decrypt message 5: the pre-shared keys most "
            "likely differ"),
        "QM1": lambda: translate(
            "capture", "the responder could not decrypt or verify Quick Mode message 1, or "
            "drops it (e.g. no matching policy)"),
    }
    hint = hints.get(label)
    return hint() if hint is not None else ""


def _unanswered(negotiation: Negotiation) -> CaptureDiagnosis:
    firsts = _first_copies(negotiation)
    if not firsts:
        return CaptureDiagnosis(False, "incomplete",
                                translate("capture", "No readable IKE message"))
    last = firsts[-1]
    copies = [m for m in negotiation.messages if m.retransmission_of == last.index]
    waiting = _who(negotiation, last.from_initiator)
    silent = _who(negotiation, not last.from_initiator)
    show = _next_label(last.label)
    where = message_name(show)
    if _phase1_up(negotiation) and not negotiation.quick_modes:
        return CaptureDiagnosis(
            False, "incomplete",
            translate("capture", "Phase 1 established; no Quick Mode in the capture"),
            known=(translate("capture", "{mode} completed: ISAKMP SA {proposal}").format(
                mode=negotiation.mode or "Main Mode",
                proposal=ike_text(negotiation.chosen) if negotiation.chosen else "?"),),
            phase1=ike_text(negotiation.chosen) if negotiation.chosen else "")
    numbered = [m for m in firsts if m.label[:2] in ("MM", "AM", "QM")]
    if numbered:
        step = numbered[-1]
        answers = [m for m in firsts if m.index > step.index and m.label == "INFO"
                   and m.from_initiator != step.from_initiator and not m.readable]
        if answers:
            return _encrypted_answer(negotiation, step, answers)
    if copies:
        span = copies[-1].time - last.time
        hint = _silence_hint(last.label)
        return CaptureDiagnosis(
            established=False,
            outcome="failed",
            verdict=translate("capture", "{failure}: {who} never answered {label}").format(
                failure=failed_at(show), who=silent, label=last.label),
            failure_label=show,
            failure_message=where,
            known=(translate("capture", "{who} sent {label} {times} over {seconds} s "
                             "(retransmissions with no reply)").format(
                who=waiting, label=last.label, times=_times(len(copies) + 1),
                seconds=f"{span:.1f}"),),
            likely=(hint,) if hint else (),
        )
    return CaptureDiagnosis(
        established=False,
        outcome="incomplete",
        verdict=translate("capture", "Incomplete: the capture ends while {who} waits for "
                          "{message}").format(who=waiting, message=where),
        failure_label=show,
        failure_message=where,
        known=(translate("capture", "the last message is {label} (frame {frame}, {time} s), "
                         "not retransmitted").format(label=last.label, frame=last.frame,
                                                     time=f"{last.time:.3f}"),),
    )


def _encrypted_answer(
    negotiation: Negotiation, step: CapturedMessage, answers: Sequence[CapturedMessage]
) -> CaptureDiagnosis:
    """The other side answered ``step`` with Informational messages nobody here can read."""
    show = _next_label(step.label)
    where = message_name(show)
    refuser = _who(negotiation, not step.from_initiator)
    known = [translate("capture", "{who} answered {label} with {messages} (frame {frame}) "
                       "instead of {expected}").format(
        who=refuser, label=step.label, messages=_encrypted_infos(len(answers)),
        frame=answers[0].frame, expected=show)]
    if negotiation.keys_tried:
        known.append(translate("capture", "they do not decrypt with the key(s) given: "
                               "{keys}").format(keys=_listing(negotiation.keys_tried)))
    else:
        known.append(translate("capture", "give keys (--keys, --charon-log, or --psk with "
                               "--dh-secret) to read the notify"))
    likely = []
    if step.label == "QM1":
        likely.append(translate(
            "capture", "a refusal of the Quick Mode offer: most often NO-PROPOSAL-CHOSEN (the "
            "phase-2 proposals differ: encryption, integrity, PFS group, lifetime) or "
            "INVALID-ID-INFORMATION (the subnets differ)"))
    else:
        likely.append(translate("capture", "a refusal of {label} (an error notify)").format(
            label=step.label))
    return CaptureDiagnosis(
        established=False,
        outcome="failed",
        verdict=translate("capture", "{failure}: {who} answered {label} with an encrypted "
                          "Informational message (most likely a refusal)").format(
            failure=failed_at(show), who=refuser, label=step.label),
        failure_label=show,
        failure_message=where,
        known=tuple(known),
        likely=tuple(likely),
    )


# --- save as scenario ------------------------------------------------------------------------

_ID_WORDS = {IdType.IPV4_ADDR: "ipv4", IdType.IPV6_ADDR: "ipv6", IdType.FQDN: "fqdn",
             IdType.USER_FQDN: "user-fqdn", IdType.KEY_ID: "key-id", IdType.DER_ASN1_DN: "dn"}
_UDP_MODES = {3: 1, 4: 2, 61443: 1, 61444: 2}


def _ike_ok(p: IkeProposal) -> bool:
    if p.encryption not in names.ENCRYPTION.values() or p.hash not in names.HASH.values():
        return False
    if p.group not in names.GROUPS or p.auth_method not in names.AUTH_METHOD.values():
        return False
    is_aes = p.encryption == names.ENCRYPTION["aes-cbc"]
    if is_aes != (p.key_length is not None) or (is_aes and p.key_length
                                                 not in names.AES_KEY_LENGTHS):
        return False
    return all(v is None or v >= 1 for v in (p.lifetime_seconds, p.lifetime_kilobytes))


def _child_proposals(offers: Sequence[ChildOffer]) -> tuple[ChildProposal, ...]:
    """Engine proposals from offered transforms: one per (protocol, mode, PFS, lifetimes)."""
    groups: dict[tuple[int, int, int | None, int | None, int | None], list[EspTransform]] = {}
    for o in offers:
        mode = _UDP_MODES.get(o.encapsulation or 1, o.encapsulation or 1)
        if o.protocol not in names.PROTOCOL.values() or mode not in names.MODE.values():
            continue
        if o.transform_id not in names.ESP_ENCRYPTION.values() or \
                o.auth_algorithm not in names.INTEGRITY.values():
            continue
        is_aes = o.transform_id == names.ESP_ENCRYPTION["aes-cbc"]
        if is_aes != (o.key_length is not None) or (is_aes and o.key_length
                                                    not in names.AES_KEY_LENGTHS):
            continue
        if o.transform_id == names.ESP_ENCRYPTION["null"] and o.auth_algorithm is None:
            continue
        if o.pfs_group is not None and o.pfs_group not in names.GROUPS:
            continue
        key = (o.protocol, mode, o.pfs_group, o.lifetime_seconds, o.lifetime_kilobytes)
        transform = EspTransform(o.transform_id, o.key_length, o.auth_algorithm)
        if transform not in groups.setdefault(key, []):
            groups[key].append(transform)
    return tuple(
        ChildProposal(protocol=protocol, transforms=tuple(transforms), encapsulation=mode,
                      pfs_group=pfs, lifetime_seconds=seconds, lifetime_kilobytes=kilobytes)
        for (protocol, mode, pfs, seconds, kilobytes), transforms in groups.items()
    )


def _identity(ident: Identification | None, address: str) -> tuple[str, str]:
    """(identity type word, value) for a scenario; ("ipv4", "") means "the address"."""
    if ident is None or ident.id_type not in _ID_WORDS:
        return ("ipv6" if ":" in address else "ipv4"), ""
    word = _ID_WORDS[IdType(ident.id_type)]
    value = _ident_text(ident)
    if word in ("ipv4", "ipv6") and value == address:
        return word, ""
    if word == "user-fqdn" and "@" not in value:
        return ("ipv6" if ":" in address else "ipv4"), ""
    if word in ("fqdn", "user-fqdn", "key-id") and (not value or any(c.isspace()
                                                                     for c in value)):
        return ("ipv6" if ":" in address else "ipv4"), ""
    return word, value


def _subnet(ident: Identification | None) -> str:
    if ident is None:
        return ""
    text = ident.text()
    try:
        if "-" in text:
            first, last = (ipaddress.ip_address(p) for p in text.split("-", 1))
            return text if first.version == last.version and int(first) <= int(last) else ""
        if "/" in text:
            ipaddress.ip_network(text, strict=True)
            return text
        ipaddress.ip_address(text)
        return text
    except ValueError:
        return ""


def to_scenario(
    negotiation: Negotiation,
    *,
    left_profile: str = "strongswan-5.9",
    right_profile: str = "strongswan-5.9",
    profiles: Mapping[str, Profile] | None = None,
    title: str = "",
    description: str = "",
) -> Scenario:
    """The negotiation as a scenario: left = the initiator, right = the responder.

    The initiator offers what it offered in the capture; the responder has the proposal it
    chose (or, when it refused, its profile's defaults, to be set to its real
    configuration). Identities and subnets come from the decrypted MM5/MM6 and QM1; the
    pre-shared key is None (the scenario asks for it). Raises ValueError for an unknown
    profile id.
    """
    table = profiles if profiles is not None else builtin_profiles()
    for pid in (left_profile, right_profile):
        if pid not in table:
            raise ValueError(f"unknown profile {pid!r} (one of: {', '.join(sorted(table))})")
    lp, rp = table[left_profile], table[right_profile]
    notes: list[str] = []
    left_p1 = tuple(p for p in negotiation.offered if _ike_ok(p))
    if len(left_p1) < len(negotiation.offered):
        notes.append("some offered phase-1 transforms use algorithms a scenario cannot hold; "
                     "they were left out")
    if not left_p1:
        left_p1 = lp.phase1
        notes.append(f"the initiator's phase-1 offer is not usable: {lp.product} defaults")
    if negotiation.chosen is not None and _ike_ok(negotiation.chosen):
        right_p1: tuple[IkeProposal, ...] = (negotiation.chosen,)
    else:
        right_p1 = rp.phase1
        notes.append(f"the responder's phase-1 proposals are not in the capture (it refused "
                     f"the offer): the responder has the {rp.product} defaults; set them to "
                     "its real configuration")
    qm = next((q for q in negotiation.quick_modes if q.readable), None)
    left_p2: tuple[ChildProposal, ...] = ()
    right_p2: tuple[ChildProposal, ...] = ()
    if qm is not None:
        left_p2 = _child_proposals(_offers(qm))
        if qm.chosen is not None:
            right_p2 = _child_proposals([qm.chosen])
    if not left_p2:
        left_p2 = lp.phase2
        notes.append(f"the initiator's phase-2 offer is not readable: {lp.product} defaults")
    if not right_p2:
        right_p2 = rp.phase2
        notes.append(f"the responder's phase-2 proposals are not in the capture: "
                     f"{rp.product} defaults")
    ini, res = negotiation.initiator.address, negotiation.responder.address
    ini_type, ini_id = _identity(negotiation.initiator_id, ini)
    res_type, res_id = _identity(negotiation.responder_id, res)
    local = remote = ""
    if qm is not None and len(qm.ids_offered) >= 2:
        local, remote = _subnet(qm.ids_offered[0]), _subnet(qm.ids_offered[1])
    else:
        notes.append("the subnets are not readable (Quick Mode is encrypted): set them")
    chosen = negotiation.chosen or (negotiation.offered[0] if negotiation.offered else None)
    auth = AuthKind.PSK
    if chosen is not None and chosen.auth_method not in (1, 65001, 65002):
        certs = any(isinstance(p, Certificate | CertificateRequest)
                    for m in negotiation.messages for p in m.payloads)
        auth = AuthKind.CERTIFICATE if certs else AuthKind.RSA
    aggressive = negotiation.mode == "Aggressive Mode"
    mm1 = negotiation.first("MM1") or negotiation.first("AM1")
    mm2 = negotiation.first("MM2") or negotiation.first("AM2")
    latency = Network().latency_ms
    if mm1 is not None and mm2 is not None and mm2.timestamp_ns > mm1.timestamp_ns:
        latency = min(max(round((mm2.timestamp_ns - mm1.timestamp_ns) / 2e6, 3), 0.1), 60_000.0)
    left = Gateway(
        name=f"initiator {ini}", profile=left_profile, address=ini,
        identity_type=ini_type, identity=ini_id, peer_identity_type=res_type,
        peer_identity=res_id, auth=auth, psk=None, phase1=left_p1, phase2=left_p2,
        local_subnet=local, remote_subnet=remote, aggressive=aggressive,
    )
    right = Gateway(
        name=f"responder {res}", profile=right_profile, address=res,
        identity_type=res_type, identity=res_id, peer_identity_type=ini_type,
        peer_identity=ini_id, auth=auth, psk=None, phase1=right_p1, phase2=right_p2,
        local_subnet=remote, remote_subnet=local, aggressive=aggressive,
    )
    verdict = diagnose_capture(negotiation, responder_profile=rp).verdict
    text = description or (f"Imported from a capture (negotiation {negotiation.number}, "
                           f"cookies {negotiation.cookies}). In the capture: {verdict}.")
    if notes:
        text += "\n" + "\n".join(f"- {n}" for n in notes)
    return Scenario(
        title=title or f"Capture: {ini} to {res}",
        left=left,
        right=right,
        network=Network(latency_ms=latency),
        description=text,
    )
