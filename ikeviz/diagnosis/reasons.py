"""The protocol engine's reasons, in the user's language.

``ikeviz/protocol`` writes its reasons in English (they go to logs and tests, and
the protocol layer knows nothing of translations). Each sentence it can produce
(``Failure.reason``, ``MessageUnreadable.reason`` and ``.likely``, and the problems
of the certificates, keys and proposals they embed) has a pattern here and a
whole translated template; what a pattern captures is put back as it is (labels,
notify and algorithm names, certificate names), or translated in its turn when it
is itself a sentence of the engine (``inner``). A reason no pattern knows stays as
the engine wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ikeviz.i18n import translate

Template = Callable[[], str]


def field_name(field: str) -> str:
    """An attribute's name as the protocol engine gives it ("DH group"), in the user's language."""
    names = {
        "encryption": lambda: translate("diagnosis", "encryption"),
        "hash": lambda: translate("diagnosis", "hash"),
        "DH group": lambda: translate("diagnosis", "DH group"),
        "authentication method": lambda: translate("diagnosis", "authentication method"),
        "key length": lambda: translate("diagnosis", "key length"),
        "lifetime": lambda: translate("diagnosis", "lifetime"),
        "ESP transform": lambda: translate("diagnosis", "ESP transform"),
        "ESP key length": lambda: translate("diagnosis", "ESP key length"),
        "ESP authentication": lambda: translate("diagnosis", "ESP authentication"),
        "PFS": lambda: translate("diagnosis", "PFS"),
        "PFS group": lambda: translate("diagnosis", "PFS group"),
        "encapsulation mode": lambda: translate("diagnosis", "encapsulation mode"),
        "protocol": lambda: translate("diagnosis", "protocol"),
        "traffic selectors": lambda: translate("diagnosis", "traffic selectors"),
        "identification": lambda: translate("diagnosis", "identification"),
        "exchange type": lambda: translate("diagnosis", "exchange type"),
        "pre-shared key": lambda: translate("diagnosis", "pre-shared key"),
    }
    name = names.get(field)
    return name() if name is not None else field


def value_words(value: str) -> str:
    """The English words of a compared value ("no PFS", "(required)"), translated."""
    words = (
        (" (must be equal)", lambda: translate("reason", " (must be equal)")),
        (" (required)", lambda: translate("reason", " (required)")),
    )
    for english, translated in words:
        if value.endswith(english):
            return value_words(value[:-len(english)]) + translated()
    fixed = {
        "no PFS": lambda: translate("reason", "no PFS"),
        "none": lambda: translate("reason", "none"),
        "a KE payload": lambda: translate("reason", "a KE payload"),
        "a supported group": lambda: translate("reason", "a supported group"),
        "Group-Description without a KE payload": lambda: translate(
            "reason", "Group-Description without a KE payload"),
    }
    if value in fixed:
        return fixed[value]()
    match = re.fullmatch(r"at most (\d+) s", value)
    if match:
        return translate("reason", "at most {seconds} s").format(seconds=match.group(1))
    match = re.fullmatch(r"(\d+) bits", value)
    if match:
        return translate("reason", "{bits} bits").format(bits=match.group(1))
    return value


def _mismatches(text: str, details: Sequence[tuple[str, str, str]]) -> str | None:
    """The "{field} {offered} offered, {configured} configured" list, if ``details`` is it."""
    english = ", ".join(f"{f} {o} offered, {c} configured" for f, o, c in details)
    if not details or english != text:
        return None
    return ", ".join(
        translate("reason", "{field} {offered} offered, {configured} configured").format(
            field=field_name(f), offered=value_words(o), configured=value_words(c))
        for f, o, c in details)


def reason_text(reason: str, details: Sequence[tuple[str, str, str]] = ()) -> str:
    """``reason`` (an engine's English sentence) in the user's language.

    ``details`` are a proposal refusal's (field, offered, configured) triples.
    """
    match = re.fullmatch(r"no acceptable phase-([12]) proposal: (.*)", reason, re.DOTALL)
    if match:
        parts = _mismatches(match.group(2), details)
        if parts is not None:
            template = (translate("reason", "no acceptable phase-1 proposal: {mismatches}")
                        if match.group(1) == "1" else
                        translate("reason", "no acceptable phase-2 proposal: {mismatches}"))
            return template.format(mismatches=parts)
    for pattern, template in _REASONS:
        found = pattern.fullmatch(reason)
        if found:
            values = {key: (reason_text(value) if key.startswith("inner") else value)
                      for key, value in found.groupdict().items()}
            return template().format(**values)
    return reason


class _Pattern:
    """A regular expression compiled when first used: some 80 of them, and the
    application's start (which never needs one in English) should not pay for it."""

    __slots__ = ("pattern", "_compiled")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, re.DOTALL)
        return self._compiled.fullmatch(text)


def _r(pattern: str) -> _Pattern:
    return _Pattern(pattern)


# The engine's sentences (ikeviz/protocol: peer.py, proposals.py, certificates.py,
# dh.py, rsasig.py), most specific first.
_REASONS: tuple[tuple[_Pattern, Template], ...] = (
    # proposals (peer.py _phase1_refusal / _phase2_refusal, proposals.py)
    (_r(r"no acceptable phase-1 proposal: nothing offered"),
     lambda: translate("reason", "no acceptable phase-1 proposal: nothing offered")),
    (_r(r"no acceptable phase-2 proposal: nothing offered"),
     lambda: translate("reason", "no acceptable phase-2 proposal: nothing offered")),
    (_r(r"the responder's choice is not acceptable: (?P<inner>.+)"),
     lambda: translate("reason", "the responder's choice is not acceptable: {inner}")),
    (_r(r"the reply must hold exactly one proposal with one transform"),
     lambda: translate("reason", "the reply must hold exactly one proposal with one "
                       "transform")),
    (_r(r"the chosen transform is not one that was offered"),
     lambda: translate("reason", "the chosen transform is not one that was offered")),
    (_r(r"phase 1 needs exactly one proposal of protocol ISAKMP \(RFC 2409 §5\)"),
     lambda: translate("reason", "phase 1 needs exactly one proposal of protocol ISAKMP "
                       "(RFC 2409 §5)")),
    (_r(r"Life-Duration without a Life-Type before it"),
     lambda: translate("reason", "Life-Duration without a Life-Type before it")),
    (_r(r"SA-Life-Duration without an SA-Life-Type before it"),
     lambda: translate("reason", "SA-Life-Duration without an SA-Life-Type before it")),
    (_r(r"attribute (?P<attribute>.+) appears twice"),
     lambda: translate("reason", "attribute {attribute} appears twice")),
    (_r(r"transform (?P<number>\d+) lacks (?P<attributes>.+)"),
     lambda: translate("reason", "transform {number} lacks {attributes}")),
    (_r(r"Aggressive Mode is not accepted: this gateway negotiates Main Mode only"),
     lambda: translate("reason", "Aggressive Mode is not accepted: this gateway negotiates "
                       "Main Mode only")),
    (_r(r"the responder chose another DH group than the one of our KE \(Aggressive Mode "
        r"cannot negotiate it, RFC 2409 §5\.4\)"),
     lambda: translate("reason", "the responder chose another DH group than the one of our KE "
                       "(Aggressive Mode cannot negotiate it, RFC 2409 §5.4)")),
    # message structure
    (_r(r"the first payload of (?P<label>\w+) must be the SA \(RFC 2409 §5\)"),
     lambda: translate("reason", "the first payload of {label} must be the SA (RFC 2409 §5)")),
    (_r(r"(?P<label>\w+) must be encrypted \(RFC 2409 §5\)"),
     lambda: translate("reason", "{label} must be encrypted (RFC 2409 §5)")),
    (_r(r"(?P<label>\w+) must be encrypted"),
     lambda: translate("reason", "{label} must be encrypted")),
    (_r(r"(?P<label>\w+) must not be encrypted \(RFC 2409 §5\.4\)"),
     lambda: translate("reason", "{label} must not be encrypted (RFC 2409 §5.4)")),
    (_r(r"(?P<label>\w+) has no CERT payload and no public key of the peer is configured"),
     lambda: translate("reason", "{label} has no CERT payload and no public key of the peer "
                       "is configured")),
    (_r(r"(?P<label>\w+) has no (?P<payload>\w+) payload \(RFC 2409 §5\.4\)"),
     lambda: translate("reason", "{label} has no {payload} payload (RFC 2409 §5.4)")),
    (_r(r"(?P<label>\w+) has no (?P<payload>\w+) payload"),
     lambda: translate("reason", "{label} has no {payload} payload")),
    (_r(r"(?P<label>\w+) lacks its SA or nonce"),
     lambda: translate("reason", "{label} lacks its SA or nonce")),
    (_r(r"(?P<label>\w+) lacks its KE and NONCE payload"),
     lambda: translate("reason", "{label} lacks its KE and NONCE payloads")),
    (_r(r"(?P<label>\w+) lacks its (?P<payload>\w+) payload"),
     lambda: translate("reason", "{label} lacks its {payload} payload")),
    (_r(r"(?P<label>\w+) must start with a HASH payload \(RFC 2409 §5\.5\)"),
     lambda: translate("reason", "{label} must start with a HASH payload (RFC 2409 §5.5)")),
    (_r(r"nonce of (?P<size>\d+) bytes \(RFC 2409 §5: 8 to 256\)"),
     lambda: translate("reason", "nonce of {size} bytes (RFC 2409 §5: 8 to 256)")),
    (_r(r"unusable KE payload: (?P<inner>.+)"),
     lambda: translate("reason", "unusable KE payload: {inner}")),
    # decryption and integrity
    (_r(r"(?P<label>\w+) could not be decrypted: the pre-shared keys most likely differ"),
     lambda: translate("reason", "{label} could not be decrypted: the pre-shared keys most "
                       "likely differ")),
    (_r(r"(?P<label>\w+) could not be decrypted"),
     lambda: translate("reason", "{label} could not be decrypted")),
    (_r(r"(?P<label>\w+) does not decrypt to valid payloads"),
     lambda: translate("reason", "{label} does not decrypt to valid payloads")),
    (_r(r"(?P<hash>HASH\(\d\)) does not match: integrity check failed"),
     lambda: translate("reason", "{hash} does not match: integrity check failed")),
    (_r(r"the HASH of the CONNECTED message does not match"),
     lambda: translate("reason", "the HASH of the CONNECTED message does not match")),
    (_r(r"calculated (?P<name>HASH_[IR]) does not match the HASH payload"),
     lambda: translate("reason", "calculated {name} does not match the HASH payload")),
    (_r(r"PFS was offered but QM2 has no KE payload"),
     lambda: translate("reason", "PFS was offered but QM2 has no KE payload")),
    (_r(r"PFS without KE"),
     lambda: translate("reason", "PFS without KE")),
    # identities and selectors
    (_r(r"the peer's identity (?P<payload>\S+) does not match the configured remote "
        r"identity"),
     lambda: translate("reason", "the peer's identity {payload} does not match the configured "
                       "remote identity")),
    (_r(r"configured remote identity unusable: (?P<inner>.+)"),
     lambda: translate("reason", "configured remote identity unusable: {inner}")),
    (_r(r"own identity unusable: (?P<inner>.+)"),
     lambda: translate("reason", "own identity unusable: {inner}")),
    (_r(r"no matching IPsec SA configuration for the proxy identities (?P<selectors>.+)"),
     lambda: translate("reason", "no matching IPsec SA configuration for the proxy identities "
                       "{selectors}")),
    (_r(r"the responder's proxy identities (?P<selectors>.+) are not within those offered"),
     lambda: translate("reason", "the responder's proxy identities {selectors} are not within "
                       "those offered")),
    # notifies and time-outs
    (_r(r"the peer refused (?P<label>\w+) with (?P<notify>.+)"),
     lambda: translate("reason", "the peer refused {label} with {notify}")),
    (_r(r"no usable answer to (?P<label>\w+) after (?P<attempts>\d+) retransmissions: "
        r"giving up"),
     lambda: translate("reason", "no usable answer to {label} after {attempts} "
                       "retransmissions: giving up")),
    # RSA signatures and certificates
    (_r(r"RSA signature authentication needs a private key"),
     lambda: translate("reason", "RSA signature authentication needs a private key")),
    (_r(r"the private key is not the one of the own certificate"),
     lambda: translate("reason", "the private key is not the one of the own certificate")),
    (_r(r"cannot sign: (?P<inner>.+)"),
     lambda: translate("reason", "cannot sign: {inner}")),
    (_r(r"SIG_(?P<which>[IR]) does not verify with the public key of the certificate "
        r"(?P<subject>.+)"),
     lambda: translate("reason", "SIG_{which} does not verify with the public key of the "
                       "certificate {subject}")),
    (_r(r"SIG_(?P<which>[IR]) does not verify with the configured peer public key "
        r"\(unreadable\)"),
     lambda: translate("reason", "SIG_{which} does not verify with the configured peer public "
                       "key (unreadable)")),
    (_r(r"SIG_(?P<which>[IR]) does not verify with the peer's public key \(none configured\)"),
     lambda: translate("reason", "SIG_{which} cannot be verified: no public key of the peer "
                       "is configured")),
    (_r(r"SIG_(?P<which>[IR]) does not verify with the peer's public key"),
     lambda: translate("reason", "SIG_{which} does not verify with the peer's public key")),
    (_r(r"own certificate unusable: (?P<inner>.+)"),
     lambda: translate("reason", "own certificate unusable: {inner}")),
    (_r(r"the peer's certificate encoding is not supported: (?P<encodings>.+)"),
     lambda: translate("reason", "the peer's certificate encoding is not supported: "
                       "{encodings}")),
    (_r(r"cannot read the certificate: (?P<error>.+)"),
     lambda: translate("reason", "cannot read the certificate: {error}")),
    (_r(r"no certificate in the data"),
     lambda: translate("reason", "no certificate in the data")),
    (_r(r"the CERT payload is not a DER X\.509 certificate: (?P<error>.+)"),
     lambda: translate("reason", "the CERT payload is not a DER X.509 certificate: {error}")),
    (_r(r"not a DN attribute: (?P<attribute>.+)"),
     lambda: translate("reason", "not a DN attribute: {attribute}")),
    (_r(r"bad DN attribute (?P<attribute>'.*'|\".*\"): (?P<error>.+)"),
     lambda: translate("reason", "bad DN attribute {attribute}: {error}")),
    (_r(r"the peer's certificate (?P<name>.+) is expired: valid (?P<start>.+) to (?P<end>.+), "
        r"now (?P<now>.+)"),
     lambda: translate("reason", "the peer's certificate {name} is expired: valid from {start} "
                       "to {end}, now {now}")),
    (_r(r"the peer's certificate (?P<name>.+) is not yet valid: valid (?P<start>.+) to "
        r"(?P<end>.+), now (?P<now>.+)"),
     lambda: translate("reason", "the peer's certificate {name} is not yet valid: valid from "
                       "{start} to {end}, now {now}")),
    (_r(r"the trusted CA certificate (?P<name>.+) is expired: valid (?P<start>.+) to "
        r"(?P<end>.+), now (?P<now>.+)"),
     lambda: translate("reason", "the trusted CA certificate {name} is expired: valid from "
                       "{start} to {end}, now {now}")),
    (_r(r"the trusted CA certificate (?P<name>.+) is not yet valid: valid (?P<start>.+) to "
        r"(?P<end>.+), now (?P<now>.+)"),
     lambda: translate("reason", "the trusted CA certificate {name} is not yet valid: valid "
                       "from {start} to {end}, now {now}")),
    (_r(r"the intermediate CA certificate (?P<name>.+) is expired: valid (?P<start>.+) to "
        r"(?P<end>.+), now (?P<now>.+)"),
     lambda: translate("reason", "the intermediate CA certificate {name} is expired: valid "
                       "from {start} to {end}, now {now}")),
    (_r(r"the intermediate CA certificate (?P<name>.+) is not yet valid: valid (?P<start>.+) "
        r"to (?P<end>.+), now (?P<now>.+)"),
     lambda: translate("reason", "the intermediate CA certificate {name} is not yet valid: "
                       "valid from {start} to {end}, now {now}")),
    (_r(r"the signature of (?P<subject>.+) does not verify with the key of (?P<issuer>.+)"),
     lambda: translate("reason", "the signature of {subject} does not verify with the key of "
                       "{issuer}")),
    (_r(r"no certificate"),
     lambda: translate("reason", "no certificate")),
    (_r(r"the peer's certificate (?P<name>.+) was issued by (?P<issuer>.+), which is not a "
        r"trusted CA \(trusted: (?P<trusted>.+)\)"),
     lambda: translate("reason", "the peer's certificate {name} was issued by {issuer}, which "
                       "is not a trusted CA (trusted: {trusted})")),
    (_r(r"certificate path too long"),
     lambda: translate("reason", "certificate path too long")),
    (_r(r"the peer's certificate holds a (?P<kind>\w+), RSA signatures need RSA"),
     lambda: translate("reason", "the peer's certificate holds a {kind}, RSA signatures need "
                       "RSA")),
    (_r(r"the peer's ID (?P<claimed>.+) is not in its certificate (?P<name>.+) \(it names no "
        r"such subjectAltName\)"),
     lambda: translate("reason", "the peer's ID {claimed} is not in its certificate {name} "
                       "(the certificate has no such subjectAltName)")),
    (_r(r"the peer's ID (?P<claimed>.+) is not in its certificate (?P<name>.+) \(it names "
        r"(?P<names>.+)\)"),
     lambda: translate("reason", "the peer's ID {claimed} is not in its certificate {name} "
                       "(the certificate names {names})")),
    # inner problems: keys (rsasig.py) and Diffie-Hellman values (dh.py)
    (_r(r"a (?P<digest>\d+)-byte hash does not fit a (?P<size>\d+)-byte key"),
     lambda: translate("reason", "a {digest}-byte hash does not fit a {size}-byte key")),
    (_r(r"cannot read the private key: (?P<error>.+)"),
     lambda: translate("reason", "cannot read the private key: {error}")),
    (_r(r"the private key is not an RSA key"),
     lambda: translate("reason", "the private key is not an RSA key")),
    (_r(r"cannot read the public key: (?P<error>.+)"),
     lambda: translate("reason", "cannot read the public key: {error}")),
    (_r(r"the public key is not an RSA key"),
     lambda: translate("reason", "the public key is not an RSA key")),
    (_r(r"unsupported Diffie-Hellman group (?P<group>\d+)"),
     lambda: translate("reason", "unsupported Diffie-Hellman group {group}")),
    (_r(r"(?P<group>\S+) public value is not a point on the curve"),
     lambda: translate("reason", "{group} public value is not a point on the curve")),
    (_r(r"(?P<group>\S+) public value out of \[2, p-2\]"),
     lambda: translate("reason", "{group} public value out of [2, p-2]")),
    (_r(r"(?P<group>\S+) public value has (?P<size>\d+) bytes, expected (?P<expected>\d+)"),
     lambda: translate("reason", "{group} public value has {size} bytes instead of "
                       "{expected}")),
    # messages a peer could not use (MessageUnreadable: the "x" of the diagram)
    (_r(r"unknown initiator cookie \(another negotiation\)"),
     lambda: translate("reason", "unknown initiator cookie (another negotiation)")),
    (_r(r"(?P<exchange>.+) message unexpected in state (?P<state>\w+)"),
     lambda: translate("reason", "{exchange} message unexpected in state {state}")),
    (_r(r"Quick Mode message with another message ID"),
     lambda: translate("reason", "Quick Mode message with another message ID")),
    (_r(r"a message of the Quick Mode exchange without CONNECTED"),
     lambda: translate("reason", "a message of the Quick Mode exchange without CONNECTED")),
    (_r(r"an encrypted Informational message that does not decrypt"),
     lambda: translate("reason", "an encrypted Informational message that does not decrypt")),
    (_r(r"Informational HASH\(1\) does not match"),
     lambda: translate("reason", "Informational HASH(1) does not match")),
    (_r(r"the two pre-shared keys differ \(each side derived its own Ka\)"),
     lambda: translate("reason", "the two pre-shared keys differ (each side derived its own "
                       "Ka)")),
    (_r(r"the two pre-shared keys differ"),
     lambda: translate("reason", "the two pre-shared keys differ")),
    (_r(r"the peer encrypted it with keys other than ours: most likely the pre-shared keys "
        r"differ"),
     lambda: translate("reason", "the peer encrypted it with keys other than ours: most likely "
                       "the pre-shared keys differ")),
)

#: The engine's sentences this module knows, for the tests (English, as the engine writes them).
PATTERNS = tuple(pattern for pattern, _template in _REASONS)


__all__ = ["PATTERNS", "field_name", "reason_text", "value_words"]
