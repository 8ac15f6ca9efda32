"""X.509 certificates for RSA-signature authentication (RFC 2409 §5.1, RFC 2408 §3.9-§3.10).

What a peer authenticating with certificates needs, and nothing that does I/O:

- reading its own certificate (and intermediates) and the trusted CA
  certificates from PEM, and a peer's certificate from a CERT payload (DER,
  encoding 4 "X.509 Certificate - Signature", RFC 2408 §3.9);
- the subject DN as the ID_DER_ASN1_DN identity (RFC 2407 §4.6.2.9) and as the
  Certificate Authority of a CR payload (RFC 2408 §3.10), and the DN as people
  read it, in strongSwan's order (``C=CH, O=Lab, CN=gw``);
- verifying a peer's certificate: the path up to a trusted CA, each link
  checked with the issuer's key (cryptography's ``verify_directly_issued_by``),
  the validity periods against a time the caller passes (the engine reads no
  clock), and the binding of the phase-1 ID to the certificate (RFC 4945
  §3.1: the subject DN, or a subjectAltName for FQDN, USER_FQDN and address
  IDs).

Every refusal is a :class:`CertificateProblem` that names the notify a peer
sends for it (INVALID_CERTIFICATE, INVALID_CERT_ENCODING,
AUTHENTICATION_FAILED...) and the field, the local and the remote value, so
that the Failure event can say precisely what was wrong.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from ikeviz.protocol.errors import IkevizProtocolError
from ikeviz.protocol.registry import IdType, NotifyType

__all__ = [
    "CertificateProblem",
    "PeerCertificate",
    "load_certificates",
    "load_der_certificate",
    "certificate_der",
    "subject_der",
    "dn_text",
    "dn_der",
    "same_dn",
    "verify_peer_certificate",
    "check_identity",
]

MAX_PATH_LENGTH: Final = 8

# Short names as strongSwan prints them (libstrongswan asn1/oid.txt), in order of use.
_SHORT_NAMES: Final[dict[str, str]] = {
    "2.5.4.6": "C",
    "2.5.4.8": "ST",
    "2.5.4.7": "L",
    "2.5.4.10": "O",
    "2.5.4.11": "OU",
    "2.5.4.3": "CN",
    "1.2.840.113549.1.9.1": "E",
    "2.5.4.5": "serialNumber",
    "2.5.4.4": "SN",
    "2.5.4.42": "G",
    "2.5.4.43": "I",
    "2.5.4.12": "T",
    "2.5.4.41": "N",
    "2.5.4.9": "street",
    "2.5.4.17": "postalCode",
    "0.9.2342.19200300.100.1.25": "DC",
    "0.9.2342.19200300.100.1.1": "UID",
}
_ALIASES: Final[dict[str, str]] = {
    "emailaddress": "1.2.840.113549.1.9.1",
    "email": "1.2.840.113549.1.9.1",
    "s": "2.5.4.8",
    "surname": "2.5.4.4",
    "givenname": "2.5.4.42",
    "title": "2.5.4.12",
    "serialnumber": "2.5.4.5",
}


class CertificateProblem(IkevizProtocolError, ValueError):
    """A certificate (or a DN) that cannot be used, and the notify that says so."""

    def __init__(
        self,
        reason: str,
        notify: int,
        *,
        field: str = "",
        local: str = "",
        remote: str = "",
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.notify = notify
        self.field = field
        self.local = local
        self.remote = remote


# --- loading ---------------------------------------------------------------------


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """Every certificate of a PEM bundle (or the one of a DER blob), in file order."""
    try:
        if b"-----BEGIN" in data:
            certificates = x509.load_pem_x509_certificates(data)
        else:
            certificates = [x509.load_der_x509_certificate(data)]
    except ValueError as exc:
        raise CertificateProblem(f"cannot read the certificate: {exc}",
                                 NotifyType.INVALID_CERT_ENCODING) from exc
    if not certificates:
        raise CertificateProblem("no certificate in the data", NotifyType.INVALID_CERT_ENCODING)
    return certificates


def load_der_certificate(der: bytes) -> x509.Certificate:
    """The certificate of a CERT payload (encoding 4: DER, RFC 2408 §3.9)."""
    try:
        return x509.load_der_x509_certificate(der)
    except ValueError as exc:
        raise CertificateProblem(
            f"the CERT payload is not a DER X.509 certificate: {exc}",
            NotifyType.INVALID_CERT_ENCODING, field="certificate data",
            remote=f"{len(der)} bytes",
        ) from exc


def certificate_der(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


def subject_der(certificate: x509.Certificate) -> bytes:
    """The subject Name, DER: the ID_DER_ASN1_DN data and a CR authority (RFC 2408 §3.10)."""
    return certificate.subject.public_bytes()


# --- distinguished names ---------------------------------------------------------


def _tlv(data: bytes, pos: int) -> tuple[int, bytes, int]:
    """One DER TLV at ``pos``: (tag, value, position after it)."""
    if pos + 2 > len(data):
        raise ValueError("truncated DER")
    tag = data[pos]
    length = data[pos + 1]
    pos += 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4 or pos + count > len(data):
            raise ValueError("bad DER length")
        length = int.from_bytes(data[pos:pos + count], "big")
        pos += count
    if pos + length > len(data):
        raise ValueError("truncated DER value")
    return tag, data[pos:pos + length], pos + length


def _oid_text(value: bytes) -> str:
    if not value:
        raise ValueError("empty OID")
    parts = [value[0] // 40, value[0] % 40] if value[0] < 80 else [2, value[0] - 80]
    number = 0
    for byte in value[1:]:
        number = (number << 7) | (byte & 0x7F)
        if not byte & 0x80:
            parts.append(number)
            number = 0
    return ".".join(str(p) for p in parts)


def _string_value(tag: int, value: bytes) -> str:
    if tag in (0x0C, 0x13, 0x16, 0x12, 0x1A):  # UTF8, Printable, IA5, Numeric, Visible
        return value.decode("utf-8")
    if tag == 0x14:  # T61String: in practice Latin-1
        return value.decode("latin-1")
    if tag == 0x1E:
        return value.decode("utf-16-be")
    if tag == 0x1C:
        return value.decode("utf-32-be")
    return "#" + value.hex()


def dn_attributes(der: bytes) -> tuple[tuple[str, str], ...]:
    """(OID, value) of every attribute of a DER Name, in ASN.1 order (X.501).

    Raises ValueError if ``der`` is not a Name.
    """
    tag, body, end = _tlv(der, 0)
    if tag != 0x30 or end != len(der):
        raise ValueError("not a DER Name (SEQUENCE)")
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(body):
        tag, rdn, pos = _tlv(body, pos)
        if tag != 0x31:
            raise ValueError("a Name holds SETs of attributes")
        inner = 0
        while inner < len(rdn):
            tag, attribute, inner = _tlv(rdn, inner)
            if tag != 0x30:
                raise ValueError("an attribute is a SEQUENCE")
            oid_tag, oid, after = _tlv(attribute, 0)
            value_tag, value, _ = _tlv(attribute, after)
            if oid_tag != 0x06:
                raise ValueError("an attribute starts with its OID")
            out.append((_oid_text(oid), _string_value(value_tag, value)))
    return tuple(out)


def dn_text(der: bytes) -> str:
    """A DER Name as strongSwan prints it (``C=CH, O=Lab, CN=gw``); hex if it is none."""
    try:
        attributes = dn_attributes(der)
    except (ValueError, UnicodeDecodeError):
        return der.hex()
    return ", ".join(f"{_SHORT_NAMES.get(oid, oid)}={value}" for oid, value in attributes)


_DOTTED_OID: Final = re.compile(r"[0-2](?:\.(?:0|[1-9]\d*))+")


def dn_der(text: str) -> bytes:
    """The DER Name for a DN written in strongSwan's order (``C=CH, O=Lab, CN=gw``).

    Attributes are separated by commas (``\\,`` inside a value); each is
    ``KEY=value`` with a short name (C, ST, L, O, OU, CN, E, DC...) or a dotted OID.
    """
    by_name = {name.casefold(): oid for oid, name in _SHORT_NAMES.items()} | _ALIASES
    parts: list[str] = []
    current = ""
    escaped = False
    for char in text:
        if escaped:
            current += char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ",":
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    rdns = []
    for part in parts:
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep:
            raise CertificateProblem(f"not a DN attribute: {part.strip()!r}",
                                     NotifyType.INVALID_ID_INFORMATION)
        key = key.strip()
        dotted = by_name.get(key.casefold(), key)
        if not _DOTTED_OID.fullmatch(dotted):
            known = ", ".join(sorted(set(_SHORT_NAMES.values())))
            raise CertificateProblem(f"unknown DN attribute {key!r} in {part.strip()!r} "
                                     f"(one of {known}, or a dotted OID)",
                                     NotifyType.INVALID_ID_INFORMATION)
        try:
            oid = x509.ObjectIdentifier(dotted)
            attribute = x509.NameAttribute(oid, value.strip())
        except ValueError as exc:
            raise CertificateProblem(f"bad DN attribute {part.strip()!r}: {exc}",
                                     NotifyType.INVALID_ID_INFORMATION) from exc
        rdns.append(x509.RelativeDistinguishedName([attribute]))
    return x509.Name(rdns).public_bytes()


def _normal(der: bytes) -> tuple[tuple[str, str], ...] | None:
    try:
        return tuple((oid, " ".join(value.split()).casefold()) for oid, value in
                     dn_attributes(der))
    except (ValueError, UnicodeDecodeError):
        return None


def same_dn(a: bytes, b: bytes) -> bool:
    """Whether two DER Names are the same DN: same attributes in the same order,
    values compared without case and extra spaces (RFC 5280 §7.1, simplified)."""
    if a == b:
        return True
    first, second = _normal(a), _normal(b)
    return first is not None and first == second


# --- verification ----------------------------------------------------------------


@dataclass(frozen=True)
class PeerCertificate:
    """A peer certificate that verified: its key and how it chains to a trusted CA."""

    certificate: x509.Certificate
    public_key: rsa.RSAPublicKey
    subject: str
    issuer: str
    path: tuple[str, ...]  # subjects from the end entity to the trusted CA


def _when(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _check_dates(certificate: x509.Certificate, now_epoch: float | None, what: str) -> None:
    if now_epoch is None:
        return
    before = certificate.not_valid_before_utc.timestamp()
    after = certificate.not_valid_after_utc.timestamp()
    if before <= now_epoch <= after:
        return
    state = "expired" if now_epoch > after else "not yet valid"
    raise CertificateProblem(
        f"{what} {dn_text(subject_der(certificate))} is {state}: valid "
        f"{_when(before)} to {_when(after)}, now {_when(now_epoch)}",
        NotifyType.INVALID_CERTIFICATE,
        field="validity",
        local=_when(now_epoch),
        remote=f"{_when(before)} .. {_when(after)}",
    )


def _issued_by(certificate: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Whether ``issuer`` signed ``certificate`` (raises for a wrong signature)."""
    if not same_dn(certificate.issuer.public_bytes(), subject_der(issuer)):
        return False
    try:
        certificate.verify_directly_issued_by(issuer)
    except InvalidSignature as exc:
        raise CertificateProblem(
            f"the signature of {dn_text(subject_der(certificate))} does not verify with the "
            f"key of {dn_text(subject_der(issuer))}",
            NotifyType.INVALID_CERTIFICATE,
            field="certificate signature",
            local=dn_text(subject_der(issuer)),
            remote=dn_text(certificate.issuer.public_bytes()),
        ) from exc
    except (ValueError, TypeError):
        return False
    return True


def _is_ca(certificate: x509.Certificate) -> bool:
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    except x509.ExtensionNotFound:
        return False
    return constraints.value.ca


def verify_peer_certificate(
    ders: Sequence[bytes], trusted_pem: bytes, now_epoch: float | None
) -> PeerCertificate:
    """Check a peer's CERT payloads against the trusted CAs (RFC 2409 §5.1; RFC 5280 §6).

    ``ders[0]`` is the end-entity certificate, the others may be intermediate
    CAs. The path must end at a certificate of ``trusted_pem``; each link is
    verified with its issuer's key; with ``now_epoch``, every certificate of
    the path must be valid then. The end entity's key must be RSA.
    """
    if not ders:
        raise CertificateProblem("no certificate", NotifyType.CERTIFICATE_UNAVAILABLE)
    anchors = load_certificates(trusted_pem)
    end = load_der_certificate(ders[0])
    intermediates = [load_der_certificate(d) for d in ders[1:]]
    _check_dates(end, now_epoch, "the peer's certificate")
    path = [dn_text(subject_der(end))]
    current = end
    for _ in range(MAX_PATH_LENGTH):
        if any(certificate_der(current) == certificate_der(a) for a in anchors):
            break  # the peer sent a trusted CA certificate itself
        anchor = next((a for a in anchors if _issued_by(current, a)), None)
        if anchor is not None:
            _check_dates(anchor, now_epoch, "the trusted CA certificate")
            path.append(dn_text(subject_der(anchor)))
            break
        issuer = next((c for c in intermediates if _is_ca(c) and _issued_by(current, c)), None)
        if issuer is None:
            trusted = "; ".join(dn_text(subject_der(a)) for a in anchors)
            raise CertificateProblem(
                f"the peer's certificate {path[0]} was issued by "
                f"{dn_text(current.issuer.public_bytes())}, which is not a trusted CA "
                f"(trusted: {trusted})",
                NotifyType.INVALID_CERTIFICATE,
                field="issuer",
                local=trusted,
                remote=dn_text(current.issuer.public_bytes()),
            )
        _check_dates(issuer, now_epoch, "the intermediate CA certificate")
        path.append(dn_text(subject_der(issuer)))
        current = issuer
    else:
        raise CertificateProblem("certificate path too long", NotifyType.INVALID_CERTIFICATE,
                                 field="issuer")
    key = end.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise CertificateProblem(
            f"the peer's certificate holds a {type(key).__name__}, RSA signatures need RSA",
            NotifyType.INVALID_CERTIFICATE, field="public key", local="RSA",
            remote=type(key).__name__,
        )
    return PeerCertificate(end, key, path[0], dn_text(end.issuer.public_bytes()), tuple(path))


def _alt_names(certificate: x509.Certificate) -> x509.SubjectAlternativeName | None:
    try:
        return certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return None


def check_identity(certificate: x509.Certificate, id_type: int, data: bytes) -> None:
    """The phase-1 ID must be the certificate's (RFC 4945 §3.1).

    ID_DER_ASN1_DN: the subject DN; ID_FQDN: a dNSName, ID_USER_FQDN: an
    rfc822Name, ID_IPV4_ADDR/ID_IPV6_ADDR: an iPAddress subjectAltName.
    """
    subject = subject_der(certificate)
    alt = _alt_names(certificate)
    shown = dn_text(subject)
    if id_type == IdType.DER_ASN1_DN:
        if same_dn(data, subject):
            return
        claimed = dn_text(data)
        names = [shown]
    elif id_type in (IdType.FQDN, IdType.USER_FQDN):
        claimed = data.decode("ascii", "replace")
        if alt is None:
            names = []
        elif id_type == IdType.FQDN:
            names = list(alt.get_values_for_type(x509.DNSName))
        else:
            names = list(alt.get_values_for_type(x509.RFC822Name))
        if any(n.casefold() == claimed.casefold() for n in names):
            return
    elif id_type in (IdType.IPV4_ADDR, IdType.IPV6_ADDR):
        try:
            address = ipaddress.ip_address(data)
        except ValueError:
            address = None
        claimed = str(address) if address is not None else data.hex()
        addresses = alt.get_values_for_type(x509.IPAddress) if alt else []
        names = [str(a) for a in addresses]
        if address is not None and address in addresses:
            return
    else:
        claimed = data.hex()
        names = [shown]
    raise CertificateProblem(
        f"the peer's ID {claimed} is not in its certificate {shown} "
        f"(it names {', '.join(names) or 'no such subjectAltName'})",
        NotifyType.AUTHENTICATION_FAILED,
        field="identification",
        local=", ".join(names) or shown,
        remote=claimed,
    )

