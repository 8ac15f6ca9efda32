"""Engine features between two in-process peers: X.509 certificates, Aggressive Mode,
AH and transport mode, the commit bit (RFC 2409 §5.1, §5.4, §5.5; RFC 2408 §3.1)."""

from __future__ import annotations

import datetime
import ipaddress
from dataclasses import dataclass, replace

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from ikeviz.protocol import certificates, rsasig
from ikeviz.protocol.codec import (
    Certificate,
    CertificateRequest,
    Hash,
    Identification,
    Notification,
    SecurityAssociation,
    Signature,
)
from ikeviz.protocol.config import (
    Behaviour,
    ChildProposal,
    EspTransform,
    Identity,
    IkeProposal,
    PeerConfig,
    Role,
    TrafficSelector,
)
from ikeviz.protocol.events import (
    Failure,
    MessageReceived,
    MessageSent,
    NotifyReceived,
    NotifySent,
    Phase1Established,
    Phase2Established,
    StateChanged,
)
from ikeviz.protocol.peer import PeerError
from ikeviz.protocol.registry import (
    AhTransformId,
    AuthAlgorithm,
    AuthMethod,
    EncapsulationMode,
    ExchangeType,
    IdType,
    NotifyType,
    ProtocolId,
)
from ikeviz.protocol.states import TRANSITIONS, Input, State
from ikeviz.simulation import Nat, Simulation, run_pair

FAST = Behaviour(retransmit_timeout=1.0, retransmit_base=1.5, retransmit_tries=2)
NOW = 1_700_000_000  # 2023-11-14 22:13:20 UTC


def pair(**changes: object) -> tuple[PeerConfig, PeerConfig]:
    left = PeerConfig(
        name="left", address="192.0.2.1", peer_address="198.51.100.1", psk=b"classroom",
        local_selector=TrafficSelector("10.1.0.0/24"),
        remote_selector=TrafficSelector("10.2.0.0/24"), behaviour=FAST,
    )
    right = PeerConfig(
        name="right", address="198.51.100.1", peer_address="192.0.2.1", psk=b"classroom",
        local_selector=TrafficSelector("10.2.0.0/24"),
        remote_selector=TrafficSelector("10.1.0.0/24"), behaviour=FAST,
    )
    return replace(left, **changes), replace(right, **changes)  # type: ignore[arg-type]


def sent(sim: Simulation, role: Role | None = None) -> list[MessageSent]:
    return [e for e in sim.trace.events if isinstance(e, MessageSent)
            and (role is None or e.role is role)]


def failures(sim: Simulation, role: Role) -> list[Failure]:
    return [e for e in sim.trace.events if isinstance(e, Failure) and e.role is role]


# --- a small PKI, made with cryptography --------------------------------------------------


def _when(year: int) -> datetime.datetime:
    return datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)


def _name(cn: str, org: str = "ikeviz lab") -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CH"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ])


def _pem_key(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


@dataclass(frozen=True)
class Ca:
    cert: x509.Certificate
    key: rsa.RSAPrivateKey

    @property
    def pem(self) -> bytes:
        return _pem(self.cert)


@dataclass(frozen=True)
class EndEntity:
    cert: x509.Certificate
    key: rsa.RSAPrivateKey

    @property
    def pem(self) -> bytes:
        return _pem(self.cert)

    @property
    def key_pem(self) -> bytes:
        return _pem_key(self.key)


def make_ca(cn: str, org: str = "ikeviz lab", bits: int = 1024) -> Ca:
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    name = _name(cn, org)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(_when(2020)).not_valid_after(_when(2040))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                     key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=True, crl_sign=True,
                                     encipher_only=False, decipher_only=False), critical=True)
        .sign(key, hashes.SHA256())
    )
    return Ca(cert, key)


def make_end(
    ca: Ca,
    cn: str,
    *,
    sans: tuple[x509.GeneralName, ...] = (),
    valid: tuple[int, int] = (2023, 2033),
    serial: int = 2,
    bits: int = 1024,
) -> EndEntity:
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(cn)).issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(_when(valid[0])).not_valid_after(_when(valid[1]))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
    )
    if sans:
        builder = builder.add_extension(x509.SubjectAlternativeName(list(sans)), critical=False)
    return EndEntity(builder.sign(ca.key, hashes.SHA256()), key)


@dataclass(frozen=True)
class Pki:
    ca: Ca
    other_ca: Ca
    left: EndEntity
    right: EndEntity
    expired: EndEntity
    foreign: EndEntity  # "left", but issued by the other CA


@pytest.fixture(scope="module")
def pki() -> Pki:
    ca = make_ca("ikeviz lab CA")
    other = make_ca("another CA", org="elsewhere")
    return Pki(
        ca=ca,
        other_ca=other,
        left=make_end(ca, "left.gw", sans=(x509.DNSName("left.example"),
                                           x509.IPAddress(ipaddress.ip_address("192.0.2.1")))),
        right=make_end(ca, "right.gw", sans=(x509.DNSName("right.example"),), serial=3),
        expired=make_end(ca, "left.gw", valid=(2020, 2021), serial=4),
        foreign=make_end(other, "left.gw", serial=5),
    )


SIG_IKE = (IkeProposal(auth_method=AuthMethod.RSA_SIG),)


def cert_pair(pki: Pki, left: EndEntity | None = None,
              **changes: object) -> tuple[PeerConfig, PeerConfig]:
    """Both peers authenticate with certificates of the lab CA (IDs: their subjects)."""
    lcfg, rcfg = pair()
    mine = left or pki.left
    lcfg = replace(lcfg, psk=None, ike_proposals=SIG_IKE, certificate_pem=mine.pem,
                   private_key_pem=mine.key_pem, peer_ca_pem=pki.ca.pem, now_epoch=NOW)
    rcfg = replace(rcfg, psk=None, ike_proposals=SIG_IKE, certificate_pem=pki.right.pem,
                   private_key_pem=pki.right.key_pem, peer_ca_pem=pki.ca.pem, now_epoch=NOW)
    return replace(lcfg, **changes), replace(rcfg, **changes)  # type: ignore[arg-type]


# --- certificates -----------------------------------------------------------------------


def test_certificates_in_main_mode(pki: Pki) -> None:
    sim = run_pair(*cert_pair(pki))
    assert sim.trace.established, [e for e in sim.trace.events if isinstance(e, Failure)]
    by_label = {e.label: e for e in sent(sim)}
    # MM3/MM4: CR with the CA's subject DN, X.509 signature encoding (RFC 2408 §3.10)
    for label in ("MM3", "MM4"):
        crs = [p for p in by_label[label].payloads if isinstance(p, CertificateRequest)]
        assert [(c.encoding, c.authority) for c in crs] == [
            (4, pki.ca.cert.subject.public_bytes())]
    # MM5/MM6: ID (the subject DN), CERT (DER), SIG (RFC 2409 §5.1)
    for label, who in (("MM5", pki.left), ("MM6", pki.right)):
        payloads = by_label[label].payloads
        ident, cert, sig = payloads[0], payloads[1], payloads[2]
        assert isinstance(ident, Identification) and ident.id_type == IdType.DER_ASN1_DN
        assert ident.data == who.cert.subject.public_bytes()
        assert isinstance(cert, Certificate) and cert.encoding == 4
        assert cert.data == who.cert.public_bytes(serialization.Encoding.DER)
        assert isinstance(sig, Signature) and len(sig.data) == 128
        assert not any(isinstance(p, Hash) for p in payloads)
    # the signature is PKCS#1 type 1 over the bare HASH_I (no DigestInfo)
    hash_i = next(d.output for e in sim.trace.events if getattr(e, "step", "") == "HASH_I"
                  for d in e.derivations)  # type: ignore[attr-defined]
    sig_i = by_label["MM5"].payloads[2]
    assert isinstance(sig_i, Signature)
    assert rsasig.verify_with_key(pki.left.key.public_key(), hash_i, sig_i.data)
    p1 = {e.role: e for e in sim.trace.events if isinstance(e, Phase1Established)}
    assert p1[Role.RESPONDER].remote_identity == "C=CH, O=ikeviz lab, CN=left.gw"
    assert p1[Role.INITIATOR].remote_identity == "C=CH, O=ikeviz lab, CN=right.gw"
    assert p1[Role.INITIATOR].auth.startswith("RSA")
    assert sim.responder.p1.peer_certificate == "C=CH, O=ikeviz lab, CN=left.gw"
    assert sim.initiator.child_keys == sim.responder.child_keys


def _refused(sim: Simulation, notify: int, field: str, at: str = "MM5") -> Failure:
    assert sim.initiator.state is State.FAILED and not sim.trace.established
    failure = failures(sim, Role.RESPONDER)[0]
    assert failure.at == at and failure.notify == notify, failure
    assert failure.payload == "CERT" and failure.field == field, failure
    got = [e for e in sim.trace.events if isinstance(e, NotifyReceived)
           and e.role is Role.INITIATOR]
    assert got and got[0].notify_type == notify and got[0].encrypted
    return failure


def test_expired_certificate_is_invalid_certificate(pki: Pki) -> None:
    sim = run_pair(*cert_pair(pki, pki.expired))
    failure = _refused(sim, NotifyType.INVALID_CERTIFICATE, "validity")
    assert "expired" in failure.reason
    assert failure.remote == "2020-01-01 00:00:00 UTC .. 2021-01-01 00:00:00 UTC"
    assert failure.local == "2023-11-14 22:13:20 UTC"


def test_without_a_time_the_dates_are_not_checked(pki: Pki) -> None:
    left, right = cert_pair(pki, pki.expired)
    sim = run_pair(left, replace(right, now_epoch=None))
    assert sim.trace.established


def test_certificate_of_another_ca_is_invalid_certificate(pki: Pki) -> None:
    sim = run_pair(*cert_pair(pki, pki.foreign))
    failure = _refused(sim, NotifyType.INVALID_CERTIFICATE, "issuer")
    assert failure.remote == "C=CH, O=elsewhere, CN=another CA"
    assert failure.local == "C=CH, O=ikeviz lab, CN=ikeviz lab CA"
    # trusting both CAs makes it acceptable
    left, right = cert_pair(pki, pki.foreign)
    both = pki.ca.pem + pki.other_ca.pem
    sim = run_pair(replace(left, peer_ca_pem=both), replace(right, peer_ca_pem=both))
    assert sim.trace.established
    mm3 = [e for e in sent(sim) if e.label == "MM3"][0]
    assert len([p for p in mm3.payloads if isinstance(p, CertificateRequest)]) == 2


def test_identity_must_be_in_the_certificate(pki: Pki) -> None:
    left, right = cert_pair(pki)
    # an FQDN the certificate names in a subjectAltName: accepted
    sim = run_pair(replace(left, identity=Identity(IdType.FQDN, "left.example")), right)
    assert sim.trace.established
    # the IPv4 address in its subjectAltName: accepted
    sim = run_pair(replace(left, identity=Identity(IdType.IPV4_ADDR, "192.0.2.1")), right)
    assert sim.trace.established
    # an FQDN it does not name: AUTHENTICATION_FAILED
    sim = run_pair(replace(left, identity=Identity(IdType.FQDN, "mallory.example")), right)
    failure = failures(sim, Role.RESPONDER)[0]
    assert failure.notify == NotifyType.AUTHENTICATION_FAILED and failure.at == "MM5"
    assert failure.field == "identification" and failure.remote == "mallory.example"
    assert "left.example" in failure.local


def test_configured_dn_of_the_peer(pki: Pki) -> None:
    left, right = cert_pair(pki)
    good = Identity(IdType.DER_ASN1_DN, "C=CH, O=ikeviz lab, CN=right.gw")
    assert run_pair(replace(left, peer_identity=good), right).trace.established
    bad = Identity(IdType.DER_ASN1_DN, "C=CH, O=ikeviz lab, CN=other.gw")
    sim = run_pair(replace(left, peer_identity=bad), right)
    failure = failures(sim, Role.INITIATOR)[0]
    assert failure.at == "MM6" and failure.notify == NotifyType.INVALID_ID_INFORMATION
    assert failure.remote.endswith(" C=CH, O=ikeviz lab, CN=right.gw")
    assert failure.local.endswith(" C=CH, O=ikeviz lab, CN=other.gw")


def test_signature_by_another_key_is_invalid_signature(
    pki: Pki, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the initiator signs with a key that is not its certificate's (the local check off)
    monkeypatch.setattr(rsasig, "same_key", lambda *_: True)
    left, right = cert_pair(pki)
    sim = run_pair(replace(left, private_key_pem=pki.right.key_pem), right)
    failure = failures(sim, Role.RESPONDER)[0]
    assert failure.notify == NotifyType.INVALID_SIGNATURE and failure.at == "MM5"
    assert failure.payload == "SIG" and "CN=left.gw" in failure.local


def test_own_key_not_matching_own_certificate_is_a_local_error(pki: Pki) -> None:
    left, right = cert_pair(pki)
    sim = run_pair(replace(left, private_key_pem=pki.right.key_pem), right)
    failure = failures(sim, Role.INITIATOR)[0]
    assert failure.cause == "local" and failure.at == "MM5"


def test_missing_certificate_is_certificate_unavailable(pki: Pki) -> None:
    left, right = cert_pair(pki)
    pub = pki.left.key.public_key().public_bytes(serialization.Encoding.PEM,
                                                 serialization.PublicFormat.SubjectPublicKeyInfo)
    # the initiator uses a raw key (no certificate): a CA-only responder cannot check it
    sim = run_pair(replace(left, certificate_pem=None,
                           identity=Identity(IdType.IPV4_ADDR, "192.0.2.1")), right)
    failure = failures(sim, Role.RESPONDER)[0]
    assert failure.notify == NotifyType.CERTIFICATE_UNAVAILABLE
    # with the raw public key configured too, the responder accepts it
    sim = run_pair(replace(left, certificate_pem=None,
                           identity=Identity(IdType.IPV4_ADDR, "192.0.2.1")),
                   replace(right, peer_public_key_pem=pub))
    assert sim.trace.established


def test_raw_keys_accept_a_certificate_they_do_not_need(pki: Pki) -> None:
    left, right = cert_pair(pki)
    pub = pki.left.key.public_key().public_bytes(serialization.Encoding.PEM,
                                                 serialization.PublicFormat.SubjectPublicKeyInfo)
    # no CA configured: the certificate is ignored, the raw key verifies SIG_I
    sim = run_pair(left, replace(right, peer_ca_pem=None, peer_public_key_pem=pub))
    failure = failures(sim, Role.INITIATOR)
    # the initiator still checks the responder's certificate against its CA
    assert sim.trace.established, failure


def test_intermediate_ca_is_sent_and_followed(pki: Pki) -> None:
    sub_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    sub = Ca(
        x509.CertificateBuilder()
        .subject_name(_name("ikeviz sub CA")).issuer_name(pki.ca.cert.subject)
        .public_key(sub_key.public_key()).serial_number(9)
        .not_valid_before(_when(2020)).not_valid_after(_when(2035))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(pki.ca.key, hashes.SHA256()),
        sub_key,
    )
    leaf = make_end(sub, "leaf.gw", serial=10)
    left, right = cert_pair(pki, leaf)
    sim = run_pair(replace(left, certificate_pem=leaf.pem + sub.pem), right)
    assert sim.trace.established
    mm5 = [e for e in sent(sim) if e.label == "MM5"][0]
    assert len([p for p in mm5.payloads if isinstance(p, Certificate)]) == 2


def test_dn_text_and_der() -> None:
    der = certificates.dn_der("C=CH, O=ikeviz lab, CN=gw")
    assert der == _name("gw").public_bytes()
    assert certificates.dn_text(der) == "C=CH, O=ikeviz lab, CN=gw"
    assert certificates.same_dn(der, certificates.dn_der("c=ch,o=IKEVIZ  lab,cn=GW"))
    assert not certificates.same_dn(der, certificates.dn_der("C=CH, CN=gw, O=ikeviz lab"))
    assert certificates.dn_text(b"\x01\x02") == "0102"


# --- Aggressive Mode --------------------------------------------------------------------


def aggressive_pair(**changes: object) -> tuple[PeerConfig, PeerConfig]:
    left, right = pair(**changes)
    return (replace(left, behaviour=replace(left.behaviour, aggressive=True)),
            replace(right, behaviour=replace(right.behaviour, accept_aggressive=True)))


def test_aggressive_mode_with_psk_then_quick_mode() -> None:
    sim = run_pair(*aggressive_pair())
    assert sim.trace.established
    assert [e.label for e in sent(sim)] == ["AM1", "AM2", "AM3", "QM1", "QM2", "QM3"]
    am1, am2, am3 = sent(sim)[:3]
    assert [p.payload_type for p in am1.payloads][:4] == [1, 4, 10, 5]
    assert not am1.message.header.encrypted and not am2.message.header.encrypted
    am2_types = [p.payload_type for p in am2.payloads]
    assert am2_types[:5] == [1, 4, 10, 5, 8]  # SA KE Nr IDir HASH_R
    assert am2_types[-2:] == [20, 20]  # NAT-D (RFC 3947: AM2 and AM3)
    # AM3 is sent encrypted, as strongSwan does: HDR*, HASH_I, NAT-D, NAT-D
    assert am3.message.header.encrypted and am3.message.header.exchange_type == 4
    assert [p.payload_type for p in am3.payloads] == [8, 20, 20]
    i, r = sim.initiator, sim.responder
    assert i.p1.keys is not None and r.p1.keys is not None
    assert i.p1.keys.skeyid == r.p1.keys.skeyid
    assert i.child_keys == r.child_keys
    path = [(e.old, e.new) for e in sim.trace.events
            if isinstance(e, StateChanged) and e.role is Role.RESPONDER]
    assert path[:2] == [(State.WAIT_MM1, State.WAIT_AM3), (State.WAIT_AM3, State.WAIT_QM1)]
    assert State.WAIT_AM3.log_name("libreswan") == "STATE_AGGR_R1"
    assert State.WAIT_AM3.log_name("cisco") == "AG_INIT_EXCH"


def test_aggressive_mode_accepts_a_cleartext_am3() -> None:
    left, right = aggressive_pair()
    left = replace(left, behaviour=replace(left.behaviour, encrypt_aggressive_3=False))
    sim = run_pair(left, right)
    assert sim.trace.established
    am3 = [e for e in sent(sim) if e.label == "AM3"][0]
    assert not am3.message.header.encrypted
    # the IVs of Quick Mode then start from the phase-1 IV: both sides agree
    assert sim.initiator.child_keys == sim.responder.child_keys


def test_aggressive_mode_refused_by_a_main_mode_only_responder() -> None:
    left, right = aggressive_pair()
    sim = run_pair(left, replace(right, behaviour=FAST))
    assert sim.initiator.state is State.FAILED
    failure = failures(sim, Role.RESPONDER)[0]
    assert failure.at == "AM1" and failure.notify == NotifyType.NO_PROPOSAL_CHOSEN
    assert [e.label for e in sent(sim, Role.RESPONDER)] == ["INFO"]


def test_aggressive_mode_with_different_psks_fails_at_am2() -> None:
    left, right = aggressive_pair()
    sim = run_pair(left, replace(right, psk=b"other"))
    failure = failures(sim, Role.INITIATOR)[0]
    assert failure.at == "AM2" and failure.notify == NotifyType.AUTHENTICATION_FAILED
    assert failure.field == "HASH_R"


def test_aggressive_mode_identity_refused_in_am1() -> None:
    left, right = aggressive_pair()
    right = replace(right, peer_identity=Identity(IdType.FQDN, "someone.example"))
    sim = run_pair(left, right)
    failure = failures(sim, Role.RESPONDER)[0]
    assert failure.at == "AM1" and failure.notify == NotifyType.AUTHENTICATION_FAILED
    notify = [e for e in sim.trace.events if isinstance(e, NotifySent)][0]
    assert not notify.encrypted  # no keys yet


def test_aggressive_mode_phase1_mismatch_is_refused_at_am1() -> None:
    left, right = aggressive_pair()
    sim = run_pair(left, replace(right, ike_proposals=(IkeProposal(group=2),)))
    failure = failures(sim, Role.RESPONDER)[0]
    assert failure.at == "AM1" and failure.field == "DH group"


def test_aggressive_mode_with_certificates(pki: Pki) -> None:
    left, right = cert_pair(pki)
    left = replace(left, behaviour=replace(FAST, aggressive=True))
    right = replace(right, behaviour=replace(FAST, accept_aggressive=True))
    sim = run_pair(left, right)
    assert sim.trace.established
    am1, am2, am3 = sent(sim)[:3]
    assert any(isinstance(p, CertificateRequest) for p in am1.payloads)
    assert isinstance(am1.payloads[3], Identification) and am1.payloads[3].id_type == 9
    assert [type(p) for p in am2.payloads[3:6]] == [Identification, Certificate, Signature]
    assert [type(p) for p in am3.payloads[:2]] == [Certificate, Signature]
    # an expired initiator certificate is refused at AM3
    sim = run_pair(replace(left, certificate_pem=pki.expired.pem,
                           private_key_pem=pki.expired.key_pem), right)
    failure = failures(sim, Role.RESPONDER)[0]
    assert failure.at == "AM3" and failure.notify == NotifyType.INVALID_CERTIFICATE


def test_aggressive_mode_through_a_nat_floats_after_am3() -> None:
    left, right = aggressive_pair()
    right = replace(right, peer_address="203.0.113.7")
    sim = run_pair(left, right, nat=Nat("203.0.113.7"))
    assert sim.trace.established
    by_label = {e.label: e for e in sent(sim)}
    assert by_label["AM3"].datagram.destination.port == 500  # NAT-D in AM2 and AM3
    assert by_label["QM1"].datagram.destination.port == 4500  # RFC 3947 §4
    assert by_label["QM2"].datagram.source.port == 4500
    qm1 = by_label["QM1"].payloads[1]
    assert isinstance(qm1, SecurityAssociation)
    assert qm1.proposals[0].transforms[0].attribute(4).value == 3  # UDP-encapsulated tunnel


def test_aggressive_retransmitted_am1_gets_the_same_am2() -> None:
    left, right = aggressive_pair()
    sim = Simulation(left, right)
    sim.initiator.initiate(0.0)
    am1 = sim.initiator.datagrams_to_send()[0]
    for _ in range(2):
        sim.responder.receive_datagram(am1.data, am1.source, am1.destination, 0.01)
    first, again = sim.responder.datagrams_to_send()
    assert first.data == again.data
    assert sim.responder.state is State.WAIT_AM3


# --- AH, transport mode ----------------------------------------------------------------


def _child(proposal: ChildProposal) -> tuple[PeerConfig, PeerConfig]:
    left, right = pair()
    return (replace(left, child_proposals=(proposal,)),
            replace(right, child_proposals=(proposal,)))


@pytest.mark.parametrize("mode", [EncapsulationMode.TUNNEL, EncapsulationMode.TRANSPORT])
@pytest.mark.parametrize(
    ("transform", "auth", "key_length"),
    [
        (AhTransformId.AH_SHA, AuthAlgorithm.HMAC_SHA, 20),
        (AhTransformId.AH_MD5, AuthAlgorithm.HMAC_MD5, 16),
        (AhTransformId.AH_SHA2_256, AuthAlgorithm.HMAC_SHA2_256, 32),
    ],
)
def test_ah(mode: int, transform: int, auth: int, key_length: int) -> None:
    proposal = ChildProposal(protocol=ProtocolId.IPSEC_AH,
                             transforms=(EspTransform(transform, None, auth),),
                             encapsulation=mode)
    sim = run_pair(*_child(proposal))
    assert sim.trace.established
    qm1 = [e for e in sent(sim) if e.label == "QM1"][0]
    sa = qm1.payloads[1]
    assert isinstance(sa, SecurityAssociation)
    offer = sa.proposals[0]
    assert offer.protocol_id == 2 and offer.transforms[0].transform_id == transform
    assert offer.transforms[0].attribute(5).value == auth  # Authentication Algorithm
    assert offer.transforms[0].attribute(4).value == mode  # Encapsulation Mode
    keys = sim.initiator.child_keys
    assert keys is not None and keys == sim.responder.child_keys
    qm = sim.initiator.qm
    assert qm is not None and qm.g_qm_xy is not None
    for direction in (keys.initiator_to_responder, keys.responder_to_initiator):
        assert direction.encryption_key == b"" and len(direction.integrity_key) == key_length
        # KEYMAT's protocol byte is AH's (RFC 2409 §5.5): g(qm)^xy | 2 | SPI | Ni | Nr
        assert direction.seed[len(qm.g_qm_xy)] == ProtocolId.IPSEC_AH
    p2 = [e for e in sim.trace.events if isinstance(e, Phase2Established)][0]
    assert p2.protocol == 2 and p2.transform.startswith("AH_")
    assert p2.encapsulation == mode


def test_ah_without_authentication_attribute_uses_the_transform() -> None:
    proposal = ChildProposal(protocol=ProtocolId.IPSEC_AH,
                             transforms=(EspTransform(AhTransformId.AH_SHA, None, None),))
    sim = run_pair(*_child(proposal))
    assert sim.trace.established
    keys = sim.initiator.child_keys
    assert keys is not None and len(keys.initiator_to_responder.integrity_key) == 20


def test_ah_offered_to_an_esp_only_peer_is_refused() -> None:
    left, right = pair()
    ah = ChildProposal(protocol=ProtocolId.IPSEC_AH,
                       transforms=(EspTransform(AhTransformId.AH_SHA, None, 2),))
    sim = run_pair(replace(left, child_proposals=(ah,)), right)
    failure = failures(sim, Role.RESPONDER)[0]
    assert failure.notify == NotifyType.NO_PROPOSAL_CHOSEN and failure.at == "QM1"
    assert failure.field == "protocol"


def test_esp_transport_mode() -> None:
    proposal = ChildProposal(encapsulation=EncapsulationMode.TRANSPORT)
    sim = run_pair(*_child(proposal))
    assert sim.trace.established
    qm2 = [e for e in sent(sim) if e.label == "QM2"][0]
    sa = qm2.payloads[1]
    assert isinstance(sa, SecurityAssociation)
    assert sa.proposals[0].transforms[0].attribute(4).value == EncapsulationMode.TRANSPORT
    keys = sim.initiator.child_keys
    assert keys is not None and len(keys.initiator_to_responder.encryption_key) == 16


# --- the commit bit ---------------------------------------------------------------------


def _commit_run(initiator: bool, responder: bool) -> Simulation:
    left, right = pair()
    left = replace(left, behaviour=replace(FAST, commit_bit=initiator))
    right = replace(right, behaviour=replace(FAST, commit_bit=responder))
    return run_pair(left, right)


@pytest.mark.parametrize(("initiator", "responder"), [(True, False), (False, True)])
def test_commit_bit_adds_the_connected_message(initiator: bool, responder: bool) -> None:
    sim = _commit_run(initiator, responder)
    assert sim.trace.established
    qm = [e for e in sent(sim) if e.label.startswith("QM")]
    assert [e.label for e in qm] == ["QM1", "QM2", "QM3", "QM4"]
    assert bool(qm[0].message.header.flags & 2) is initiator
    assert qm[1].message.header.flags & 2  # the responder sets (or echoes) it
    qm4 = qm[3]
    assert qm4.role is Role.RESPONDER and qm4.message.header.encrypted
    # RFC 2408 §3.1: an Informational with the Quick Mode's message ID, N(CONNECTED)
    assert qm4.message.header.exchange_type == ExchangeType.INFORMATIONAL
    assert qm4.message.header.message_id == qm[0].message.header.message_id
    notify = qm4.payloads[1]
    assert isinstance(notify, Notification) and notify.notify_type == NotifyType.CONNECTED
    assert notify.protocol_id == ProtocolId.IPSEC_ESP
    assert sim.responder.qm is not None and notify.spi == sim.responder.qm.spi_r
    # the initiator waited for it: established only after QM4
    states = [(e.old, e.new) for e in sim.trace.events
              if isinstance(e, StateChanged) and e.role is Role.INITIATOR]
    assert (State.WAIT_QM2, State.WAIT_CONNECTED) in states
    assert (State.WAIT_CONNECTED, State.ESTABLISHED) in states
    events = sim.trace.events
    got_qm4 = next(k for k, e in enumerate(events) if isinstance(e, MessageReceived)
                   and e.label == "QM4")
    p2 = next(k for k, e in enumerate(events) if isinstance(e, Phase2Established)
              and e.role is Role.INITIATOR)
    assert p2 > got_qm4
    assert sim.initiator.child_keys == sim.responder.child_keys


def test_commit_bit_against_a_responder_that_ignores_it() -> None:
    """Only the initiator set the bit and QM2 comes back without it (strongSwan and
    Libreswan ignore it): RFC 2408 §3.1 makes the initiator, the entity that set it,
    send CONNECTED; it does not wait for one."""
    left, right = pair()
    sim = Simulation(replace(left, behaviour=replace(FAST, commit_bit=True)), right)
    responder = sim.responder
    original = responder._send

    def ignoring(label: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if label == "QM2":
            kwargs["flags"] = 0
            assert responder.qm is not None
            responder.qm.commit = False
        return original(label, *args, **kwargs)  # type: ignore[arg-type]

    responder._send = ignoring  # type: ignore[method-assign]
    trace = sim.run()
    assert trace.established
    mine = [e.label for e in sent(sim, Role.INITIATOR)]
    assert mine[-3:] == ["QM1", "QM3", "QM4"]
    qm4 = sent(sim, Role.INITIATOR)[-1]
    assert qm4.message.header.exchange_type == ExchangeType.INFORMATIONAL
    assert sim.initiator.qm is not None
    assert qm4.payloads[1].spi == sim.initiator.qm.spi_i  # type: ignore[union-attr]
    assert State.WAIT_CONNECTED not in [getattr(e, "new", None) for e in trace.events]
    got = [e for e in trace.events if isinstance(e, NotifyReceived) and e.role is Role.RESPONDER]
    assert got and got[0].notify_type == NotifyType.CONNECTED


def test_unusable_configured_dns() -> None:
    left, right = aggressive_pair()
    bad = Identity(IdType.DER_ASN1_DN, "not a DN")
    with pytest.raises(PeerError):
        Simulation(replace(left, identity=bad), right).run()
    left, right = pair()
    sim = run_pair(left, replace(right, peer_identity=bad))
    failure = failures(sim, Role.RESPONDER)[0]
    assert failure.cause == "local" and failure.at == "MM5"


def test_no_commit_bit_no_fourth_message() -> None:
    sim = _commit_run(False, False)
    assert [e.label for e in sent(sim) if e.label.startswith("QM")] == ["QM1", "QM2", "QM3"]


def test_lost_connected_message_is_recovered_by_retransmitting_qm3() -> None:
    left, right = pair()
    sim = Simulation(replace(left, behaviour=replace(FAST, commit_bit=True)), right)
    original = sim.responder._send
    dropped: list[str] = []

    def drop_first_qm4(label: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        message = original(label, *args, **kwargs)  # type: ignore[arg-type]
        if label == "QM4" and not dropped:
            dropped.append(label)
            sim.responder.datagrams_to_send()  # lost on the way
        return message

    sim.responder._send = drop_first_qm4  # type: ignore[method-assign]
    trace = sim.run()
    assert dropped and trace.established
    labels = [e.label for e in trace.events if isinstance(e, MessageSent)]
    assert labels.count("QM3") == 2  # retransmitted by the waiting initiator
    # the responder answered the repeated QM3 with the same QM4
    assert sum(1 for e in trace.events if isinstance(e, MessageReceived)
               and e.label == "QM4") == 1


def test_connected_as_a_fourth_quick_mode_message_is_accepted() -> None:
    """KAME racoon sends "HDR*, HASH(4), N(CONNECTED)" as exchange type Quick Mode."""
    left, right = pair()
    sim = Simulation(replace(left, behaviour=replace(FAST, commit_bit=True)), right)
    original = sim.responder._send

    def as_quick_mode(label: str, exchange: int, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if label == "QM4":
            exchange = ExchangeType.QUICK_MODE
        return original(label, exchange, *args, **kwargs)  # type: ignore[arg-type]

    sim.responder._send = as_quick_mode  # type: ignore[method-assign]
    trace = sim.run()
    assert trace.established
    qm4 = [e for e in trace.events if isinstance(e, MessageSent) and e.label == "QM4"][0]
    assert qm4.message.header.exchange_type == ExchangeType.QUICK_MODE


def test_state_table_has_the_new_states() -> None:
    assert TRANSITIONS[(State.WAIT_MM1, Input.AM1)] is State.WAIT_AM3
    assert TRANSITIONS[(State.WAIT_AM3, Input.AM3)] is State.WAIT_QM1
    assert TRANSITIONS[(State.WAIT_QM2, Input.QM2_COMMIT)] is State.WAIT_CONNECTED
    assert TRANSITIONS[(State.WAIT_CONNECTED, Input.CONNECTED)] is State.ESTABLISHED
    assert State.WAIT_CONNECTED.log_name("libreswan") == "WAIT_CONNECTED"
    assert State.WAIT_CONNECTED.log_name("strongswan") == "ESTABLISHED"


def test_dispatch_tables_leave_informational_and_aggressive_1_to_dispatch() -> None:
    """Peer._dispatch looks a message up in its role's table first, and takes the
    Informational exchanges (CONNECTED with the QM's message ID, RFC 2408 §3.1)
    and a responder's AM1 only when the table has no handler: the tables must
    have no entry for those, or they would be taken by the wrong handler."""
    from ikeviz.protocol import peer

    for table in (peer._INITIATOR_HANDLERS, peer._RESPONDER_HANDLERS):
        assert all(exchange != ExchangeType.INFORMATIONAL for _state, exchange in table)
    assert (State.WAIT_MM1, ExchangeType.AGGRESSIVE) not in peer._RESPONDER_HANDLERS
