"""The answer to "where does it fail, why, and what do I change, on which side?".

:func:`diagnose` reads a finished :class:`ikeviz.simulation.ScenarioRun`: the
first failure (the message where it shows, who refused what), the two
conflicting values side by side, the fixes on either side (as data that
:func:`apply_fix` turns into a new scenario), what each product would log at
that point (from the profiles), and, for a tunnel that comes up, the warnings
an expert would give (weak algorithms, lifetimes that differ and who wins).

Where the protocol hides the cause (a wrong pre-shared key only shows as a
message 5 the responder cannot read), the diagnosis separates what is known
from what is only likely.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ikeviz.diagnosis.reasons import field_name, reason_text
from ikeviz.i18n import current_language, elide, translate
from ikeviz.protocol.config import (
    ChildProposal,
    EspTransform,
    Identity,
    IkeProposal,
    LifetimePolicy,
    Role,
)
from ikeviz.protocol.errors import IkevizProtocolError
from ikeviz.protocol.events import (
    Failure,
    GaveUp,
    MessageSent,
    Phase1Established,
    Phase2Established,
    ProposalChosen,
)
from ikeviz.protocol.proposals import parse_child_transform
from ikeviz.protocol.registry import NotifyType, describe
from ikeviz.scenario.model import AuthKind, Gateway, Scenario, Side
from ikeviz.scenario.names import (
    ENCRYPTION_LABELS,
    GROUP_NAMES,
    HASH_LABELS,
    ID_TYPE,
    esp_suite,
    ike_suite,
)
from ikeviz.scenario.profiles import Profile
from ikeviz.simulation import ScenarioRun, run_scenario

_LABEL = re.compile(r"(MM|QM|AM)(\d)")


def _phrase(label: str, mm: Callable[[], str], qm: Callable[[], str], am: Callable[[], str],
            info: Callable[[], str], other: Callable[[], str]) -> str:
    """The phrase for message ``label``: one whole template per kind of message, not a
    preposition plus the message's name, because each language puts its own preposition
    and article there ("au message 2 du Main Mode", "sur un message Informational").
    The templates come as callables so each is translated (and read by lupdate) where
    it is written."""
    match = _LABEL.fullmatch(label)
    if match:
        template = {"MM": mm, "QM": qm, "AM": am}[match.group(1)]()
        return template.format(number=match.group(2))
    if label.startswith("INFO"):
        return info()
    return other().format(message=label)


def message_name(label: str) -> str:
    """ "MM2" -> "Main Mode message 2"; "INFO" -> "an Informational message"."""
    return _phrase(
        label,
        lambda: translate("diagnosis", "Main Mode message {number}"),
        lambda: translate("diagnosis", "Quick Mode message {number}"),
        lambda: translate("diagnosis", "Aggressive Mode message {number}"),
        lambda: translate("diagnosis", "an Informational message"),
        lambda: "{message}")


def failed_at(label: str) -> str:
    """ "MM2" -> "Failed at Main Mode message 2"; "INFO" -> "Failed at an Informational
    message"."""
    return _phrase(
        label,
        lambda: translate("diagnosis", "Failed at Main Mode message {number}"),
        lambda: translate("diagnosis", "Failed at Quick Mode message {number}"),
        lambda: translate("diagnosis", "Failed at Aggressive Mode message {number}"),
        lambda: translate("diagnosis", "Failed at an Informational message"),
        lambda: translate("diagnosis", "Failed at {message}"))


def at_message(label: str) -> str:
    """ "MM2" -> "at Main Mode message 2" (for "it fails {where}"); "INFO" -> "at an
    Informational message"."""
    return _phrase(
        label,
        lambda: translate("diagnosis", "at Main Mode message {number}"),
        lambda: translate("diagnosis", "at Quick Mode message {number}"),
        lambda: translate("diagnosis", "at Aggressive Mode message {number}"),
        lambda: translate("diagnosis", "at an Informational message"),
        lambda: translate("diagnosis", "at {message}"))


def _and(items: list[str]) -> str:
    return translate("diagnosis", " and ").join(items)


def _reason_text(failure: Failure) -> str:
    """The engine's reason for ``failure`` (English, for logs), in the user's language."""
    return reason_text(failure.reason, failure.details)


def _next_label(label: str) -> str:
    """The message that should have answered ``label`` (where a refusal shows)."""
    match = _LABEL.fullmatch(label)
    if not match:
        return label
    return f"{match.group(1)}{int(match.group(2)) + 1}"


@dataclass(frozen=True)
class Conflict:
    """One attribute, with each side's value (by side, not by role)."""

    field: str
    left: str
    right: str


@dataclass(frozen=True)
class Fix:
    """A change to the scenario that removes the failure, on one side.

    ``action`` and ``params`` are data, so the GUI can show, apply and undo
    it; :func:`apply_fix` performs it.
    """

    side: Side
    description: str
    action: str
    params: tuple[tuple[str, Any], ...] = ()

    def param(self, name: str) -> Any:
        return dict(self.params)[name]


@dataclass(frozen=True)
class ProductLog:
    """What one gateway's product would log at the failure (or on success)."""

    side: Side
    product: str
    lines: tuple[str, ...]
    documented: bool = True


@dataclass(frozen=True)
class Diagnosis:
    established: bool
    verdict: str
    failure_label: str = ""  # where it shows, e.g. "MM2"
    failure_message: str = ""  # "Main Mode message 2"
    sender: Side | None = None  # who sent the refused message
    refuser: Side | None = None  # who refused it
    payload: str = ""
    attribute: str = ""
    reason: str = ""
    notify: str = ""
    conflicts: tuple[Conflict, ...] = ()
    fixes: tuple[Fix, ...] = ()
    known: tuple[str, ...] = ()
    likely: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    logs: tuple[ProductLog, ...] = ()
    phase1: str = ""  # what was agreed, for an established tunnel
    phase2: str = ""


# --- helpers -------------------------------------------------------------------


def _first_failure(run: ScenarioRun) -> Failure | None:
    for event in run.trace.events:
        if isinstance(event, Failure):
            return event
    return None


def _name(run: ScenarioRun, side: Side) -> str:
    return f"{run.scenario.gateway(side).name} ({_product(run, side)})"


def _fill(template: str, values: dict[str, str]) -> str:
    # str.format rules: {name} is a placeholder, {{ and }} are literal braces.
    def one(match: re.Match[str]) -> str:
        text = match.group(0)
        if text in ("{{", "}}"):
            return text[0]
        return values.get(match.group(1), text)

    return re.sub(r"\{\{|\}\}|\{(\w+)\}", one, template)


def _logs(run: ScenarioRun, keys: dict[Side, str], values: dict[str, str]) -> tuple[
        ProductLog, ...]:
    out = []
    for side in (Side.LEFT, Side.RIGHT):
        key = keys.get(side)
        if not key:
            continue
        gateway = run.scenario.gateway(side)
        profile = run.profiles.get(gateway.profile)
        if profile is None:
            continue
        lines = tuple(_fill(t, _side_values(run, side, values)) for t in profile.log_lines(key))
        out.append(ProductLog(side, profile.name, lines or (
            translate("diagnosis", "(what {product} logs here is not documented)").format(
                product=profile.product),), bool(lines)))
    return tuple(out)


def _side_values(run: ScenarioRun, side: Side, values: dict[str, str]) -> dict[str, str]:
    """What one side's product would print in its log lines: its own settings, and
    what it saw of the other side (the NAT's address, the identity and the
    selectors the peer sent, the selectors of the SA as established)."""
    me, peer = run.scenario.gateway(side), run.scenario.gateway(side.other)
    role = run.role_of(side)
    peer_config = run.configs.responder if role is Role.INITIATOR else run.configs.initiator
    initiator = run.gateway(Role.INITIATOR)
    established = next((e for e in run.trace.events
                        if isinstance(e, Phase2Established) and e.role is role), None)
    behind_nat = role is Role.RESPONDER and run.scenario.network.nat
    filled = {
        "local_address": me.address,
        # The initiator's address as the responder sees it: the NAT's, when there is one.
        "remote_address": (run.scenario.network.nat_public_address if behind_nat
                           else peer.address),
        "local_id": me.identity or me.address,
        "remote_id": me.peer_identity or peer.address,
        "received_id": peer_config.identity.value or peer_config.address,
        "local_ts": established.local_selector if established else me.local_subnet,
        "remote_ts": established.remote_selector if established else me.remote_subnet,
        # The initiator's IDci and IDcr of QM1, as the responder received them.
        "received_tsi": initiator.local_subnet,
        "received_tsr": initiator.remote_subnet,
        "proposals_configured": ", ".join(_gateway_ike_suites(run, side)),
        "proposals_received": ", ".join(_gateway_ike_suites(run, side.other)),
    }
    filled.update(values)
    return filled


def _gateway_ike_suites(run: ScenarioRun, side: Side) -> list[str]:
    role = run.role_of(side)
    config = run.configs.initiator if role is Role.INITIATOR else run.configs.responder
    return [ike_suite(p.encryption, p.key_length, p.hash, p.group) for p in config.ike_proposals]


def _gateway_esp_suites(run: ScenarioRun, side: Side) -> list[str]:
    """The phase-2 suites of a side: for the side that sent QM1, those it sent (one KE
    leaves out other groups; the OmniPCX Office repeats its phase 1), else its own."""
    role = run.role_of(side)
    qm = run.peer(role).qm
    if role is Role.INITIATOR and qm is not None and qm.offered is not None:
        offers = [parse_child_transform(p.protocol_id, t)
                  for p in qm.offered.proposals for t in p.transforms]
        return [esp_suite(o.transform_id, o.key_length, o.auth_algorithm, o.pfs_group)
                for o in offers]
    config = run.configs.initiator if role is Role.INITIATOR else run.configs.responder
    return [esp_suite(t.transform_id, t.key_length, t.auth_algorithm, p.pfs_group)
            for p in config.child_proposals for t in p.transforms]


def _supports(profile: Profile, field: str, value: Any) -> bool:
    s = profile.supported
    if field == "encryption":
        return value in s.encryption
    if field == "hash":
        return value in s.hash
    if field == "DH group" or field == "PFS group":
        return value is None or value in s.groups
    if field == "ESP transform":
        return value in s.esp_encryption
    if field == "ESP authentication":
        return value in s.esp_integrity
    return True


# --- phase 1 -------------------------------------------------------------------

_P1_FIELDS = {
    "encryption": "encryption",
    "hash": "hash",
    "DH group": "group",
    "authentication method": "auth_method",
    "key length": "key_length",
    "lifetime": "lifetime_seconds",
}


def _p1_value_text(field: str, proposal: IkeProposal) -> str:
    if field == "encryption":
        return ENCRYPTION_LABELS.get(proposal.encryption, str(proposal.encryption)) + (
            f"-{proposal.key_length}" if proposal.key_length else "")
    if field == "hash":
        return HASH_LABELS.get(proposal.hash, str(proposal.hash))
    if field == "DH group":
        return f"{proposal.group} ({GROUP_NAMES.get(proposal.group, '?').upper()})"
    if field == "authentication method":
        if proposal.auth_method == 1:
            return translate("diagnosis", "pre-shared key")
        if proposal.auth_method == 3:
            return translate("diagnosis", "RSA signatures")
        return str(proposal.auth_method)
    if field == "key length":
        return _bits(proposal.key_length)
    if field == "lifetime":
        return _seconds(proposal.lifetime_seconds)
    return "?"


def _bits(value: int | None) -> str:
    if not value:
        return translate("diagnosis", "none")
    return translate("diagnosis", "{bits} bits").format(bits=value)


def _seconds(value: int | None) -> str:
    if not value:
        return translate("diagnosis", "none")
    return translate("diagnosis", "{seconds} s").format(seconds=value)


def _pfs_text(group: int | None) -> str:
    if not group:
        return translate("diagnosis", "no PFS")
    return translate("diagnosis", "PFS group {group}").format(group=group)


def _phase_field(phase: int, field: str) -> str:
    if phase == 1:
        return translate("diagnosis", "phase-1 {field}").format(field=field_name(field))
    return translate("diagnosis", "phase-2 {field}").format(field=field_name(field))


def _phase1_failure(run: ScenarioRun, failure: Failure) -> Diagnosis:
    initiator = run.side_of(Role.INITIATOR)
    responder = initiator.other
    offers = run.configs.initiator.ike_proposals
    local = run.configs.responder.ike_proposals
    offer = offers[failure.offer_index] if 0 <= failure.offer_index < len(offers) else offers[0]
    mine = local[failure.local_index] if 0 <= failure.local_index < len(local) else local[0]
    fields = [d[0] for d in failure.details] or [failure.field]
    conflicts = []
    for field in fields:
        i_text, r_text = _p1_value_text(field, offer), _p1_value_text(field, mine)
        left, right = (i_text, r_text) if initiator is Side.LEFT else (r_text, i_text)
        conflicts.append(Conflict(_phase_field(1, field), left, right))
    fixes: list[Fix] = []
    if "authentication method" in fields:
        # The method follows from how each gateway authenticates (PSK or RSA
        # keys), not from a proposal alone: fix the gateway's authentication.
        for side, proposal in ((initiator, mine), (responder, offer)):
            kind = "psk" if proposal.auth_method == 1 else "rsa"
            text = (translate("diagnosis", "make {gateway} authenticate with a pre-shared key, "
                              "like {peer}") if kind == "psk" else
                    translate("diagnosis", "make {gateway} authenticate with RSA signatures, "
                              "like {peer}"))
            fixes.append(Fix(side, text.format(gateway=_name(run, side),
                                               peer=_name(run, side.other)),
                             "auth.set", (("kind", kind),)))
        fields = [f for f in fields if f != "authentication method"]
    if fields:
        # On the initiator: take the responder's values for the mismatching fields.
        changes = {_P1_FIELDS[f]: getattr(mine, _P1_FIELDS[f]) for f in fields if f in _P1_FIELDS}
        if "encryption" in fields:
            changes["key_length"] = mine.key_length
        i_profile = run.profile(Role.INITIATOR)
        if all(_supports(i_profile, f, getattr(mine, _P1_FIELDS.get(f, "group"), None))
               for f in fields if f in ("encryption", "hash", "DH group")):
            what = _and([translate("diagnosis", "phase-1 {field} to {value}").format(
                field=field_name(f), value=_p1_value_text(f, mine)) for f in fields])
            fixes.append(Fix(initiator, translate("diagnosis", "set {gateway}'s {changes}").format(
                gateway=_name(run, initiator), changes=what), "phase1.set",
                             (("index", max(failure.offer_index, 0)),
                              ("values", tuple(sorted(changes.items()))))))
        else:
            unsupported = [f for f in fields if f in ("encryption", "hash", "DH group") and not
                           _supports(i_profile, f, getattr(mine, _P1_FIELDS[f]))]
            fixes.append(Fix(initiator, translate(
                "diagnosis", "{product} does not support the {fields} the other side requires "
                "({values}): change the other side").format(
                    product=i_profile.product,
                    fields=", ".join(field_name(f) for f in unsupported),
                    values=", ".join(_p1_value_text(f, mine) for f in unsupported)), "none"))
        # On the responder: accept the initiator's proposal as offered.
        r_profile = run.profile(Role.RESPONDER)
        lifetime_only = fields == ["lifetime"]
        if lifetime_only:
            policy = run.configs.responder.behaviour.phase1_lifetime
            fixes.append(Fix(responder, translate(
                "diagnosis", "set {gateway}'s phase-1 lifetime to {seconds} s (its policy is "
                "{policy})").format(gateway=_name(run, responder),
                                    seconds=offer.lifetime_seconds, policy=policy.value),
                             "phase1.set", (("index", max(failure.local_index, 0)),
                                            ("values", (("lifetime_seconds",
                                                         offer.lifetime_seconds),)))))
        elif all(_supports(r_profile, f, getattr(offer, _P1_FIELDS.get(f, "group"), None))
                 for f in fields if f in ("encryption", "hash", "DH group")):
            what = ", ".join(f"{field_name(f)} {_p1_value_text(f, offer)}" for f in fields)
            fixes.append(Fix(responder, translate(
                "diagnosis", "add a phase-1 proposal with {values} to {gateway}").format(
                    values=what, gateway=_name(run, responder)), "phase1.add",
                             (("proposal", replace(offer)),)))
        else:
            unsupported = [f for f in fields if not _supports(
                r_profile, f, getattr(offer, _P1_FIELDS.get(f, "group"), None))]
            fixes.append(Fix(responder, translate(
                "diagnosis", "{product} does not support the offered {fields}: change the other "
                "side").format(product=r_profile.product,
                               fields=", ".join(field_name(f) for f in unsupported)), "none"))
    values = {"notify": "NO_PROPOSAL_CHOSEN",
              "proposals_received": ike_suite(offer.encryption, offer.key_length, offer.hash,
                                              offer.group)}
    show = _next_label(failure.at)
    return Diagnosis(
        established=False,
        verdict=translate("diagnosis", "{failure}: {responder} refused every phase-1 "
                          "proposal of {initiator} (NO-PROPOSAL-CHOSEN)").format(
            failure=failed_at(show), responder=_name(run, responder),
            initiator=_name(run, initiator)),
        failure_label=show,
        failure_message=message_name(show),
        sender=initiator,
        refuser=responder,
        payload="SA",
        attribute=", ".join(fields),
        reason=_reason_text(failure),
        notify="NO-PROPOSAL-CHOSEN",
        conflicts=tuple(conflicts),
        fixes=tuple(fixes),
        known=(translate("diagnosis", "{responder} answered message 1 with an unencrypted "
                         "Informational NO-PROPOSAL-CHOSEN").format(
            responder=_name(run, responder)),),
        logs=_logs(run, {responder: "phase1.no_proposal",
                         initiator: "phase1.received_no_proposal"}, values),
    )


# --- phase 2 ---------------------------------------------------------------------

_P2_TEXT: dict[str, Callable[[ChildProposal, EspTransform], str]] = {
    "ESP transform": lambda p, t: esp_suite(t.transform_id, t.key_length, None, None),
    "ESP key length": lambda p, t: _bits(t.key_length),
    "ESP authentication": lambda p, t: esp_suite(11, None, t.auth_algorithm, None)
    .replace("null-", "") if t.auth_algorithm is not None else translate("diagnosis", "none"),
    "PFS": lambda p, t: _pfs_text(p.pfs_group),
    "PFS group": lambda p, t: _pfs_text(p.pfs_group),
    "lifetime": lambda p, t: _seconds(p.lifetime_seconds),
    "encapsulation mode": lambda p, t: (
        translate("diagnosis", "tunnel") if p.encapsulation == 1 else
        translate("diagnosis", "transport") if p.encapsulation == 2 else str(p.encapsulation)),
    "protocol": lambda p, t: {3: "ESP", 2: "AH"}.get(p.protocol, str(p.protocol)),
}


def _unknown_text(proposal: ChildProposal, transform: EspTransform) -> str:
    return "?"


# Fields of a transform, not of the whole proposal: a proposal with several
# transforms (alternatives, RFC 2408 §4.2) shows each one's value.
_P2_TRANSFORM_FIELDS = frozenset({"ESP transform", "ESP key length", "ESP authentication"})


def _p2_value(field: str, proposal: ChildProposal) -> str:
    text = _P2_TEXT.get(field, _unknown_text)
    if field not in _P2_TRANSFORM_FIELDS:
        return text(proposal, proposal.transforms[0])
    values: list[str] = []
    for transform in proposal.transforms:
        value = text(proposal, transform)
        if value not in values:
            values.append(value)
    return ", ".join(values)


def _phase2_failure(run: ScenarioRun, failure: Failure) -> Diagnosis:
    initiator = run.side_of(Role.INITIATOR)
    responder = initiator.other
    offers = run.configs.initiator.child_proposals
    local = run.configs.responder.child_proposals
    offer = offers[failure.offer_index] if 0 <= failure.offer_index < len(offers) else offers[0]
    mine = local[failure.local_index] if 0 <= failure.local_index < len(local) else local[0]
    fields = [d[0] for d in failure.details] or [failure.field]
    conflicts = []
    for field in fields:
        i_text, r_text = _p2_value(field, offer), _p2_value(field, mine)
        left, right = (i_text, r_text) if initiator is Side.LEFT else (r_text, i_text)
        conflicts.append(Conflict(_phase_field(2, field), left, right))
    wanted = esp_suite(mine.transforms[0].transform_id, mine.transforms[0].key_length,
                       mine.transforms[0].auth_algorithm, mine.pfs_group)
    fixes = [
        Fix(initiator, (translate("diagnosis", "set {gateway}'s phase-2 proposal to {suite}, "
                                  "lifetime {seconds} s") if "lifetime" in fields else
                        translate("diagnosis", "set {gateway}'s phase-2 proposal to {suite}")
                        ).format(gateway=_name(run, initiator), suite=wanted,
                                 seconds=mine.lifetime_seconds),
            "phase2.replace", (("index", max(failure.offer_index, 0)), ("proposal", mine))),
    ]
    r_profile = run.profile(Role.RESPONDER)
    if r_profile.fixed.phase2_same_as_phase1:
        fixes.append(Fix(responder, translate(
            "diagnosis", "{product} negotiates phase 2 with its phase-1 algorithms and group: "
            "change its phase-1 proposal, or the other side").format(product=r_profile.product),
            "none"))
    elif "PFS" in fields and r_profile.fixed.pfs == "always":
        fixes.append(Fix(responder, translate(
            "diagnosis", "{product} always requires PFS: enable PFS on {gateway}").format(
                product=r_profile.product, gateway=_name(run, initiator)), "none"))
    else:
        offered = esp_suite(offer.transforms[0].transform_id, offer.transforms[0].key_length,
                            offer.transforms[0].auth_algorithm, offer.pfs_group)
        fixes.append(Fix(responder, translate(
            "diagnosis", "add the phase-2 proposal {suite} to {gateway}").format(
                suite=offered, gateway=_name(run, responder)), "phase2.add",
            (("proposal", offer),)))
    show = _next_label(failure.at)
    values = {"notify": "NO_PROPOSAL_CHOSEN",
              "proposals_received": ", ".join(_gateway_esp_suites(run, initiator)),
              "proposals_configured": ", ".join(_gateway_esp_suites(run, responder))}
    pfs = any(f.startswith("PFS") for f in fields)
    return Diagnosis(
        established=False,
        verdict=translate("diagnosis", "{failure}: phase 1 is up, but {responder} "
                          "refused every phase-2 proposal of {initiator} "
                          "(NO-PROPOSAL-CHOSEN)").format(
            failure=failed_at(show), responder=_name(run, responder),
            initiator=_name(run, initiator)),
        failure_label=show,
        failure_message=message_name(show),
        sender=initiator,
        refuser=responder,
        payload="SA" if not pfs else "SA / KE",
        attribute=", ".join(fields),
        reason=_reason_text(failure),
        notify="NO-PROPOSAL-CHOSEN",
        conflicts=tuple(conflicts),
        fixes=tuple(fixes),
        known=(translate("diagnosis", "the ISAKMP SA is established (both sides "
                         "authenticated)"),
               translate("diagnosis", "{responder} answered Quick Mode message 1 with an "
                         "encrypted Informational NO-PROPOSAL-CHOSEN").format(
                   responder=_name(run, responder))),
        logs=_logs(run, {responder: "phase2.pfs_mismatch" if pfs else "phase2.no_proposal",
                         initiator: "phase2.received_no_proposal"}, values),
    )


def _selector_failure(run: ScenarioRun, failure: Failure) -> Diagnosis:
    initiator = run.side_of(Role.INITIATOR)
    responder = initiator.other
    gi, gr = run.scenario.gateway(initiator), run.scenario.gateway(responder)
    conflicts = (
        Conflict(translate("diagnosis", "local subnet / remote subnet"),
                 f"{run.scenario.left.local_subnet} / {run.scenario.left.remote_subnet}",
                 f"{run.scenario.right.local_subnet} / {run.scenario.right.remote_subnet}"),
    )
    fixes = (
        Fix(initiator, translate("diagnosis", "set {gateway}'s local subnet to {local} and "
                                 "remote subnet to {remote}").format(
            gateway=_name(run, initiator), local=gr.remote_subnet, remote=gr.local_subnet),
            "selectors.set",
            (("local", gr.remote_subnet), ("remote", gr.local_subnet))),
        Fix(responder, translate("diagnosis", "set {gateway}'s local subnet to {local} and "
                                 "remote subnet to {remote}").format(
            gateway=_name(run, responder), local=gi.remote_subnet, remote=gi.local_subnet),
            "selectors.set",
            (("local", gi.remote_subnet), ("remote", gi.local_subnet))),
    )
    values = {"local_ts": gr.local_subnet, "remote_ts": gr.remote_subnet,
              "notify": "INVALID_ID_INFORMATION"}
    return Diagnosis(
        established=False,
        verdict=translate("diagnosis", "{failure}: the protected subnets (proxy "
                          "identities) do not mirror each other; {responder} answered "
                          "INVALID-ID-INFORMATION").format(
            failure=failed_at("QM2"), responder=_name(run, responder)),
        failure_label="QM2",
        failure_message=message_name("QM2"),
        sender=initiator,
        refuser=responder,
        payload="IDci / IDcr",
        attribute="traffic selectors",
        reason=_reason_text(failure),
        notify="INVALID-ID-INFORMATION",
        conflicts=conflicts,
        fixes=fixes,
        known=(translate("diagnosis", "the ISAKMP SA is established"),
               translate("diagnosis", "{initiator} proposed {proposed}, {responder} expects "
                         "{expected}").format(
                   initiator=_name(run, initiator), proposed=failure.remote,
                   responder=_name(run, responder), expected=failure.local)),
        logs=_logs(run, {responder: "phase2.ts_mismatch",
                         initiator: "phase2.received_no_proposal"}, values),
    )


def _psk_fixes(run: ScenarioRun) -> tuple[Fix, Fix]:
    """Either side takes the other's pre-shared key."""
    initiator = run.side_of(Role.INITIATOR)
    responder = initiator.other
    return (
        Fix(initiator, translate("diagnosis", "set {gateway}'s pre-shared key to the one "
                                 "{peer} uses").format(gateway=_name(run, initiator),
                                                       peer=_name(run, responder)),
            "psk.copy", (("from", responder.value),)),
        Fix(responder, translate("diagnosis", "set {gateway}'s pre-shared key to the one "
                                 "{peer} uses").format(gateway=_name(run, responder),
                                                       peer=_name(run, initiator)),
            "psk.copy", (("from", initiator.value),)),
    )


def _psk_conflict() -> Conflict:
    secret = translate("diagnosis", "(secret)")
    return Conflict(translate("diagnosis", "pre-shared key"), secret, secret)


def _aggressive_psk_failure(run: ScenarioRun, failure: Failure) -> Diagnosis:
    """Aggressive Mode with PSKs that differ: the first HASH checked does not match
    (RFC 2409 §5.4: SKEYID = prf(PSK, Ni_b | Nr_b), so the HASHes differ with the key)."""
    refuser = run.side_of(failure.role)
    sender = refuser.other
    return Diagnosis(
        established=False,
        verdict=translate("diagnosis", "{failure}: {refuser} computed another {hash}; the "
                          "pre-shared keys most likely differ").format(
            failure=failed_at(failure.at), refuser=_name(run, refuser), hash=failure.field),
        failure_label=failure.at,
        failure_message=message_name(failure.at),
        sender=sender,
        refuser=refuser,
        payload="HASH",
        attribute="pre-shared key",
        reason=_reason_text(failure),
        notify=describe(NotifyType, failure.notify) if failure.notify else "",
        conflicts=(_psk_conflict(),),
        fixes=_psk_fixes(run),
        known=(translate("diagnosis", "the proposals and the DH exchange agree: {refuser} "
                         "checked the {hash} that {sender} sent").format(
            refuser=_name(run, refuser), hash=failure.field, sender=_name(run, sender)),),
        logs=_logs(run, {refuser: "phase1.auth_failed"}, {}),
    )


def _psk_failure(run: ScenarioRun, failure: Failure) -> Diagnosis:
    initiator = run.side_of(Role.INITIATOR)
    responder = initiator.other
    tries = sum(1 for e in run.trace.events if isinstance(e, MessageSent)
                and e.role is Role.INITIATOR and e.label == "MM5")
    fixes = _psk_fixes(run)
    return Diagnosis(
        established=False,
        verdict=translate("diagnosis", "{failure}: {responder} could not decrypt it; "
                          "the pre-shared keys most likely differ").format(
            failure=failed_at("MM5"), responder=_name(run, responder)),
        failure_label="MM5",
        failure_message=message_name("MM5"),
        sender=initiator,
        refuser=responder,
        payload="HDR* (encrypted IDii, HASH_I)",
        attribute="pre-shared key",
        reason=_reason_text(failure),
        notify="PAYLOAD-MALFORMED",
        conflicts=(_psk_conflict(),),
        fixes=fixes,
        known=(
            translate("diagnosis", "messages 1 to 4 went through: the proposals and the DH "
                      "exchange agree"),
            translate("diagnosis", "{responder} decrypted message 5 to garbage and answered "
                      "PAYLOAD-MALFORMED, encrypted with its own key").format(
                responder=_name(run, responder)),
            translate("diagnosis", "{initiator} could not read that answer, sent message 5 "
                      "{tries} times and gave up").format(initiator=_name(run, initiator),
                                                          tries=tries),
        ),
        likely=(
            translate("diagnosis", "the two pre-shared keys differ: each side derived its own "
                      "SKEYID and Ka, so neither can read the other's encrypted messages (the "
                      "most common cause)"),
            translate("diagnosis", "less likely: the responder picked the key of another peer, "
                      "e.g. because the initiator's address is not the one configured (a NAT)"),
        ),
        logs=_logs(run, {responder: "phase1.psk_mismatch_responder",
                         initiator: "phase1.psk_mismatch_initiator"},
                   {"tries": str(tries), "notify": "PAYLOAD_MALFORMED"}),
    )


def _identity_words(identity: Identity | None, address: str) -> tuple[str, str]:
    """An engine identity as a scenario writes it: (type word, value); none is the address."""
    if identity is None:
        return "ipv4", address
    kind = next((word for word, number in ID_TYPE.items() if number == identity.id_type),
                "ipv4")
    return kind, identity.value or address


def _identity_failure(run: ScenarioRun, failure: Failure) -> Diagnosis:
    refuser = run.side_of(failure.role)
    sender = refuser.other
    show = failure.at
    left, right = (failure.remote, failure.local) if sender is Side.LEFT else (
        failure.local, failure.remote)
    sender_gw = run.scenario.gateway(sender)
    # Both identities as the engine configurations have them: a profile may fix them (the
    # OmniPCX Office sends and expects WAN addresses whatever its file says).
    refuser_config, sender_config = (
        (run.configs.initiator, run.configs.responder) if failure.role is Role.INITIATOR
        else (run.configs.responder, run.configs.initiator))
    expected_type, expected_value = _identity_words(refuser_config.peer_identity,
                                                    sender_gw.address)
    sent_type, sent_value = _identity_words(sender_config.identity, sender_gw.address)
    fixes = (
        Fix(sender, translate("diagnosis", "make {gateway} identify itself as {identity}").format(
            gateway=_name(run, sender), identity=failure.local),
            "identity.set", (("type", expected_type), ("value", expected_value))),
        Fix(refuser, translate("diagnosis", "make {gateway} expect the identity {identity} of "
                               "type {type}").format(
            gateway=_name(run, refuser), identity=sent_value, type=sent_type),
            "peer_identity.set", (("type", sent_type), ("value", sent_value))),
    )
    return Diagnosis(
        established=False,
        verdict=translate("diagnosis", "{failure}: {refuser} does not accept the "
                          "identity {sender} sent").format(
            failure=failed_at(show), refuser=_name(run, refuser), sender=_name(run, sender)),
        failure_label=show,
        failure_message=message_name(show),
        sender=sender,
        refuser=refuser,
        payload="ID",
        attribute="identification",
        reason=_reason_text(failure),
        notify=describe(NotifyType, failure.notify) if failure.notify else "",
        conflicts=(Conflict(translate("diagnosis", "phase-1 identity (sent / expected)"), left,
                            right),),
        fixes=fixes,
        known=(translate("diagnosis", "{gateway} sent {identity}").format(
                   gateway=_name(run, sender), identity=failure.remote),
               translate("diagnosis", "{gateway} expects {identity}").format(
                   gateway=_name(run, refuser), identity=failure.local)),
        logs=_logs(run, {refuser: "phase1.id_mismatch"}, {}),
    )


def _aggressive_failure(run: ScenarioRun, failure: Failure) -> Diagnosis:
    initiator = run.side_of(Role.INITIATOR)
    responder = initiator.other
    aggressive = translate("diagnosis", "Aggressive")
    main_only = translate("diagnosis", "Main Mode only")
    return Diagnosis(
        established=False,
        verdict=translate("diagnosis", "{failure}: {responder} negotiates Main Mode "
                          "only and refused the Aggressive Mode of {initiator}").format(
            failure=failed_at("AM2"), responder=_name(run, responder),
            initiator=_name(run, initiator)),
        failure_label="AM2",
        failure_message=message_name("AM2"),
        sender=initiator,
        refuser=responder,
        payload="HDR",
        attribute="exchange type",
        reason=_reason_text(failure),
        notify=describe(NotifyType, failure.notify),
        conflicts=(Conflict(translate("diagnosis", "phase-1 mode"),
                            *((aggressive, main_only) if initiator is Side.LEFT
                              else (main_only, aggressive))),),
        fixes=(Fix(initiator, translate("diagnosis", "make {gateway} use Main Mode (identity "
                                        "protection) instead of Aggressive Mode").format(
            gateway=_name(run, initiator)), "aggressive.off"),),
        known=(translate("diagnosis", "{responder} refused message 1 because of its exchange "
                         "type").format(responder=_name(run, responder)),),
        logs=_logs(run, {responder: "phase1.aggressive_refused"}, {}),
    )


def _timeout_failure(run: ScenarioRun, failure: Failure) -> Diagnosis:
    initiator = run.side_of(Role.INITIATOR)
    responder = initiator.other
    return Diagnosis(
        established=False,
        verdict=translate("diagnosis", "{failure}: {responder} never answered "
                          "it").format(failure=failed_at(failure.at),
                                       responder=_name(run, responder)),
        failure_label=failure.at,
        failure_message=message_name(failure.at),
        sender=initiator,
        refuser=None,
        reason=_reason_text(failure),
        known=(translate("diagnosis", "{initiator} sent {message} and its retransmissions; no "
                         "answer came back").format(initiator=_name(run, initiator),
                                                    message=message_name(failure.at)),),
        likely=(translate("diagnosis", "the message does not reach the peer (a NAT or firewall "
                          "on the path, a wrong peer address), or the peer drops it "
                          "silently"),),
        logs=_logs(run, {initiator: "timeout"}, {}),
    )


def _generic_failure(run: ScenarioRun, failure: Failure) -> Diagnosis:
    refuser = run.side_of(failure.role)
    show = _next_label(failure.at) if failure.role is Role.RESPONDER else failure.at
    return Diagnosis(
        established=False,
        verdict=translate("diagnosis", "{failure}: {reason}").format(
            failure=failed_at(show), reason=_reason_text(failure)),
        failure_label=show,
        failure_message=message_name(show),
        sender=refuser.other,
        refuser=refuser,
        payload=failure.payload,
        attribute=failure.field,
        reason=_reason_text(failure),
        notify=describe(NotifyType, failure.notify) if failure.notify else "",
        known=(_reason_text(failure),),
    )


# --- success ---------------------------------------------------------------------


def _warnings(run: ScenarioRun) -> tuple[str, ...]:
    out: list[str] = []
    groups = list(dict.fromkeys(p.pfs_group for p in run.configs.initiator.child_proposals))
    if len(groups) > 1 and not run.configs.initiator.behaviour.phase2_from_phase1:
        out.append(translate("diagnosis", "{gateway}'s phase-2 proposals have different PFS "
                             "groups: Quick Mode carries one KE, so only those with the first "
                             "one's ({group}) are offered").format(
            gateway=_name(run, run.side_of(Role.INITIATOR)),
            group=translate("diagnosis", "no PFS") if groups[0] is None else
            f"{groups[0]} ({GROUP_NAMES.get(groups[0], '?').upper()})"))
    chosen1 = run.peer(Role.RESPONDER).p1.chosen
    qm = run.peer(Role.RESPONDER).qm
    if chosen1 is not None:
        if chosen1.encryption == 1:
            out.append(translate("diagnosis", "phase 1 uses DES: 56-bit keys are broken; use "
                                 "AES (or 3DES)"))
        if chosen1.hash == 1:
            out.append(translate("diagnosis", "phase 1 uses MD5: weak; use SHA-1 or better, "
                                 "SHA2-256"))
        if chosen1.group in (1, 2):
            out.append(translate("diagnosis", "phase-1 DH group {group} ({name}) is weak; use 14 "
                                 "or more").format(group=chosen1.group,
                                                   name=GROUP_NAMES[chosen1.group].upper()))
    if qm is not None:
        if qm.chosen_transform == 2:
            out.append(translate("diagnosis", "phase 2 uses DES: broken; use AES"))
        if qm.chosen_auth == 1:
            out.append(translate("diagnosis", "phase 2 uses HMAC-MD5"))
        if qm.pfs_group is None:
            out.append(translate("diagnosis", "phase 2 has no PFS: a stolen phase-1 key opens "
                                 "every IPsec SA"))
        elif qm.pfs_group in (1, 2):
            out.append(translate("diagnosis", "the PFS group {group} is weak").format(
                group=qm.pfs_group))
        if chosen1 is not None and qm.pfs_group not in (None, chosen1.group):
            for side in (Side.LEFT, Side.RIGHT):
                profile = run.profiles[run.scenario.gateway(side).profile]
                if profile.fixed.phase2_same_as_phase1:
                    out.append(translate("diagnosis", "phase-1 group {group} and PFS group "
                                         "{pfs_group} differ: {product} expects the same group "
                                         "in both phases").format(
                        group=chosen1.group, pfs_group=qm.pfs_group, product=profile.product))
    if run.scenario.network.nat and not run.peer(Role.INITIATOR).p1.nat_detected:
        out.append(translate("diagnosis", "a NAT sits between the gateways but NAT-T (RFC 3947) "
                             "is not in use: IKE passes, but ESP (IP protocol 50) will not cross "
                             "the NAT; enable NAT-T on both sides"))
    # Lifetimes that differ, and who wins.
    for phase, attr in ((1, "ike_proposals"), (2, "child_proposals")):
        i_cfg, r_cfg = run.configs.initiator, run.configs.responder
        i_life = getattr(i_cfg, attr)[0].lifetime_seconds
        r_life = getattr(r_cfg, attr)[0].lifetime_seconds
        if i_life and r_life and i_life != r_life:
            chosen = [e for e in run.trace.events if isinstance(e, ProposalChosen)
                      and e.phase == phase and e.role is Role.RESPONDER]
            result = chosen[0].lifetime_seconds if chosen else None
            policy = (r_cfg.behaviour.phase1_lifetime if phase == 1
                      else r_cfg.behaviour.phase2_lifetime)
            init_side = run.side_of(Role.INITIATOR)
            text = translate("diagnosis", "phase-{phase} lifetimes differ: {initiator} offers "
                             "{offered} s, {responder} is configured with {configured} s; with "
                             "its policy ({policy}) the SA lives {result} s").format(
                phase=phase, initiator=_name(run, init_side), offered=i_life,
                responder=_name(run, init_side.other), configured=r_life, policy=policy.value,
                result=result)
            if policy is LifetimePolicy.ACCEPT or policy is LifetimePolicy.SMALLER:
                text += translate("diagnosis", "; the initiator keeps its own timer and may "
                                  "rekey at another time")
            out.append(text)
    return tuple(out)


def diagnose(run: ScenarioRun) -> Diagnosis:
    """The diagnosis of a finished run."""
    return _elided(_tried(run, _diagnose(run)))


def _tried(run: ScenarioRun, diagnosis: Diagnosis) -> Diagnosis:
    """The fixes, each tried: applied to the scenario and the negotiation run again.

    A fix can be right about the mismatch and still not be enough: a product
    may derive another setting from the one changed (the OmniPCX Office's phase
    2 from its phase 1), fix its identity, or need a key the file lacks. The
    engine is deterministic and a run takes milliseconds, so the answer is
    measured rather than guessed: a fix after which the negotiation still fails
    says where, and the fixes that work come first.
    """
    working: list[Fix] = []
    others: list[Fix] = []
    before = _first_failure(run)
    for fix in diagnosis.fixes:
        if fix.action == "none":
            others.append(fix)
            continue
        try:
            fixed = run_scenario(apply_fix(run.scenario, fix), run.profiles)
        except (ValueError, IkevizProtocolError) as exc:  # a change the engine refuses
            others.append(replace(fix, description=translate(
                "diagnosis", "{fix}. Not enough on its own; with this change: {outcome}").format(
                    fix=fix.description, outcome=str(exc))))
            continue
        if fixed.established:
            working.append(fix)
            continue
        after = _first_failure(fixed)
        if after is None or before is None:
            outcome = translate("diagnosis", "the negotiation then does not finish")
        elif (after.at, after.reason, after.role) == (before.at, before.reason, before.role):
            # The product does not use what the fix changes (a setting its profile
            # fixes or derives): no button for a change that changes nothing.
            others.append(Fix(fix.side, translate(
                "diagnosis", "{fix} would change nothing: {product} does not use this "
                "setting; change the other side").format(
                    fix=fix.description, product=_product(run, fix.side)), "none"))
            continue
        else:
            outcome = _diagnose(fixed).verdict
        others.append(replace(fix, description=translate(
            "diagnosis", "{fix}. Not enough on its own; with this change: {outcome}").format(
                fix=fix.description, outcome=outcome)))
    return replace(diagnosis, fixes=tuple(working + others))


def _product(run: ScenarioRun, side: Side) -> str:
    gateway = run.scenario.gateway(side)
    profile = run.profiles.get(gateway.profile)
    return profile.product if profile else gateway.profile


def _elided(diagnosis: Diagnosis) -> Diagnosis:
    """The texts with the gateways' names put in, elided in French ("d'OXO Paris"); the
    products' log lines stay as the products write them."""
    if current_language() != "fr":
        return diagnosis
    return replace(
        diagnosis,
        verdict=elide(diagnosis.verdict),
        failure_message=elide(diagnosis.failure_message),
        reason=elide(diagnosis.reason),
        conflicts=tuple(replace(c, field=elide(c.field)) for c in diagnosis.conflicts),
        fixes=tuple(replace(f, description=elide(f.description)) for f in diagnosis.fixes),
        known=tuple(elide(t) for t in diagnosis.known),
        likely=tuple(elide(t) for t in diagnosis.likely),
        warnings=tuple(elide(t) for t in diagnosis.warnings),
    )


def _diagnose(run: ScenarioRun) -> Diagnosis:
    failure = _first_failure(run)
    if failure is None and run.established:
        p1 = [e for e in run.trace.events if isinstance(e, Phase1Established)]
        p2 = [e for e in run.trace.events if isinstance(e, Phase2Established)]
        phase1 = f"{p1[0].encryption}, {p1[0].hash}, {p1[0].group}, {p1[0].auth}" if p1 else ""
        phase2 = p2[0].transform if p2 else ""
        return Diagnosis(
            established=True,
            verdict=translate("diagnosis", "Established: Main Mode and Quick Mode completed; the "
                              "IPsec tunnel is up"),
            warnings=_warnings(run),
            phase1=phase1,
            phase2=phase2,
            logs=_logs(run, {Side.LEFT: "phase2.established", Side.RIGHT: "phase2.established"},
                       {}),
        )
    if failure is None:
        return Diagnosis(established=False,
                         verdict=translate("diagnosis", "The negotiation did not complete"),
                         known=(translate("diagnosis", "neither side reported a failure"),))
    notify = failure.notify
    if failure.at == "AM1" and failure.field == "exchange type":
        return _aggressive_failure(run, failure)
    if failure.at in ("MM1", "AM1") and failure.role is Role.RESPONDER and notify == 14:
        return _phase1_failure(run, failure)
    if failure.at == "MM5" and notify == NotifyType.PAYLOAD_MALFORMED:
        return _psk_failure(run, failure)
    if failure.at in ("AM2", "AM3") and failure.field in ("HASH_R", "HASH_I") and (
            run.gateway(failure.role).auth is AuthKind.PSK):
        return _aggressive_psk_failure(run, failure)
    if failure.field == "identification":
        return _identity_failure(run, failure)
    if failure.at == "QM1" and failure.role is Role.RESPONDER:
        if notify == NotifyType.INVALID_ID_INFORMATION:
            return _selector_failure(run, failure)
        if notify == NotifyType.NO_PROPOSAL_CHOSEN:
            return _phase2_failure(run, failure)
    if any(isinstance(e, GaveUp) for e in run.trace.events) and failure.notify == 0:
        return _timeout_failure(run, failure)
    return _generic_failure(run, failure)


# --- fixes -------------------------------------------------------------------------


def apply_fix(scenario: Scenario, fix: Fix) -> Scenario:
    """The scenario with ``fix`` applied (a new object: the caller keeps the old one for undo)."""
    gateway = scenario.gateway(fix.side)
    params = dict(fix.params)
    new: Gateway
    if fix.action == "phase1.set":
        phase1 = list(gateway.phase1)
        index = min(params["index"], len(phase1) - 1)
        phase1[index] = replace(phase1[index], **dict(params["values"]))
        new = replace(gateway, phase1=tuple(phase1))
    elif fix.action == "phase1.add":
        new = replace(gateway, phase1=(*gateway.phase1, params["proposal"]))
    elif fix.action == "phase2.replace":
        phase2 = list(gateway.phase2)
        proposal: ChildProposal = params["proposal"]
        if phase2:
            phase2[min(params["index"], len(phase2) - 1)] = proposal
        else:
            phase2 = [proposal]
        new = replace(gateway, phase2=tuple(phase2))
    elif fix.action == "phase2.add":
        new = replace(gateway, phase2=(*gateway.phase2, params["proposal"]))
    elif fix.action == "auth.set":
        kind = AuthKind(params["kind"])
        method = 1 if kind is AuthKind.PSK else 3
        new = replace(gateway, auth=kind,
                      phase1=tuple(replace(p, auth_method=method) for p in gateway.phase1))
    elif fix.action == "psk.copy":
        source = scenario.gateway(Side(params["from"]))
        new = replace(gateway, psk=source.psk)
    elif fix.action == "selectors.set":
        new = replace(gateway, local_subnet=params["local"], remote_subnet=params["remote"])
    elif fix.action == "aggressive.off":
        new = replace(gateway, aggressive=False)
    elif fix.action == "identity.set":
        new = replace(gateway, identity_type=params["type"], identity=params["value"])
    elif fix.action == "peer_identity.set":
        new = replace(gateway, peer_identity_type=params["type"],
                      peer_identity=params["value"])
    else:
        return scenario
    return scenario.with_gateway(fix.side, new)


__all__ = [
    "Conflict",
    "Diagnosis",
    "EspTransform",
    "Fix",
    "ProductLog",
    "apply_fix",
    "at_message",
    "diagnose",
    "failed_at",
    "field_name",
    "message_name",
    "reason_text",
]
