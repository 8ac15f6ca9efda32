"""Write the bundled lessons (resources/scenarios/*.toml) from their definitions here.

The files are the product; this script only keeps them consistent. Run it after
changing a lesson: python tools/make_lessons.py

Each lesson's texts are also given in French (``FRENCH`` below, written to the
file's ``[translations.fr]`` table): change both when a lesson changes.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ikeviz.protocol.config import ChildProposal, EspTransform, IkeProposal  # noqa: E402
from ikeviz.scenario.fileformat import dumps_scenario  # noqa: E402
from ikeviz.scenario.model import (  # noqa: E402
    AuthKind,
    Gateway,
    Lesson,
    Network,
    Scenario,
    ScenarioTexts,
    Side,
)

OXO_P1 = IkeProposal(encryption=5, key_length=None, hash=2, group=2, auth_method=1,
                     lifetime_seconds=28800)
OXO_P2 = ChildProposal(transforms=(EspTransform(3, None, 2),), pfs_group=2,
                       lifetime_seconds=3600)
SW_P1 = replace(OXO_P1)
SW_P2 = replace(OXO_P2)
PSK = "oxo-lab-2026"


def oxo(**kw: object) -> Gateway:
    base = Gateway(
        name="OXO Paris", profile="omnipcx-office", address="192.0.2.10", psk=PSK,
        phase1=(OXO_P1,), phase2=(OXO_P2,), local_subnet="10.10.0.0/24",
        remote_subnet="10.20.0.0/24", nat_traversal=False,
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def peer(profile: str = "strongswan-5.9", name: str = "Lyon gateway", **kw: object) -> Gateway:
    base = Gateway(
        name=name, profile=profile, address="198.51.100.20", psk=PSK,
        phase1=(SW_P1,), phase2=(SW_P2,), local_subnet="10.20.0.0/24",
        remote_subnet="10.10.0.0/24",
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def lesson(objective: str, explanation: str, outcome: str = "established", at: str = "",
           notify: str = "", fix: str = "", difficulty: str = "beginner") -> Lesson:
    return Lesson(objective=objective, explanation=explanation, difficulty=difficulty,
                  expected_outcome=outcome, expected_failure_at=at, expected_notify=notify,
                  expected_fix_side=fix)


LESSONS: dict[str, Scenario] = {}


def add(name: str, scenario: Scenario) -> None:
    LESSONS[name] = scenario


add("omnipcx-strongswan-ok", Scenario(
    title="OmniPCX Office to strongSwan: a working tunnel",
    description="The OmniPCX Office in Paris and a strongSwan gateway in Lyon, configured to "
                "match: the reference every other lesson starts from.",
    left=oxo(), right=peer(), seed=1,
    lesson=lesson(
        "Follow a complete IKEv1 negotiation: six Main Mode messages, three Quick Mode "
        "messages, and see which keys each step produces.",
        "Messages 1-2 agree on the phase-1 algorithms (SA), 3-4 exchange Diffie-Hellman "
        "values and nonces (KE, Ni/Nr), so both sides compute SKEYID and the keys without "
        "sending them. Messages 5-6 are encrypted and prove that each side knows the "
        "pre-shared key (HASH_I, HASH_R over everything exchanged). Quick Mode then "
        "negotiates the ESP SAs under that protection, with a fresh DH exchange because the "
        "OmniPCX Office always uses PFS."),
))
add("p1-encryption-mismatch", Scenario(
    title="Phase 1: the encryption algorithms differ",
    left=oxo(), right=peer(phase1=(replace(SW_P1, encryption=7, key_length=128),)),
    lesson=lesson(
        "Recognise a phase-1 proposal mismatch and read which attribute differs.",
        "The OmniPCX Office offers 3DES; the strongSwan gateway only accepts AES-128. The "
        "responder finds no acceptable transform and answers message 1 with an unencrypted "
        "NO-PROPOSAL-CHOSEN instead of message 2. The OmniPCX Office cannot do AES (an "
        "assumption of its profile), so the fix is on the strongSwan side: add 3des to its "
        "ike proposals.", "failed", "MM2", "NO-PROPOSAL-CHOSEN", "right"),
))
add("p1-hash-mismatch", Scenario(
    title="Phase 1: the hash algorithms differ",
    left=oxo(), right=peer(phase1=(replace(SW_P1, hash=1),)),
    lesson=lesson(
        "Another phase-1 mismatch: the hash (and prf).",
        "SHA-1 offered, MD5 configured: NO-PROPOSAL-CHOSEN in answer to message 1. strongSwan "
        "logs 'no proposal found' with the received and configured proposals; compare them "
        "attribute by attribute.", "failed", "MM2", "NO-PROPOSAL-CHOSEN"),
))
add("p1-dh-group-mismatch", Scenario(
    title="Phase 1: the Diffie-Hellman groups differ",
    left=oxo(), right=peer(phase1=(replace(SW_P1, group=14),)),
    lesson=lesson(
        "The most common phase-1 mismatch in the field: the DH group.",
        "The OmniPCX Office offers MODP-1024 (group 2); the peer requires MODP-2048 (group "
        "14). Set the peer's phase-1 group to 2, or (on a gateway that supports it) add "
        "group 14 to the OmniPCX Office proposal.", "failed", "MM2", "NO-PROPOSAL-CHOSEN",
        "right"),
))
add("p1-auth-method-mismatch", Scenario(
    title="Phase 1: pre-shared key against RSA signatures",
    left=oxo(), right=peer(phase1=(replace(SW_P1, auth_method=3),), auth=AuthKind.RSA),
    lesson=lesson(
        "See that the authentication method is part of the phase-1 proposal.",
        "The authentication method is an attribute of each phase-1 transform: a PSK offer "
        "does not match an RSA-signature policy, so the responder refuses message 1 "
        "with NO-PROPOSAL-CHOSEN, long before any key is checked.", "failed", "MM2",
        "NO-PROPOSAL-CHOSEN", difficulty="intermediate"),
))
add("wrong-psk", Scenario(
    title="A wrong pre-shared key",
    left=oxo(), right=peer(psk="oxo-lab-2025"),
    lesson=lesson(
        "Recognise a PSK mismatch, which the protocol hides.",
        "Nothing in messages 1-4 depends on the PSK, so they succeed. The PSK enters SKEYID, "
        "so each side derives a different encryption key: the responder decrypts message 5 "
        "to garbage and answers PAYLOAD-MALFORMED, encrypted with its own key, which the "
        "initiator cannot read. The initiator retransmits message 5 and gives up. No side "
        "ever says 'wrong key': an expert infers it.", "failed", "MM5", "PAYLOAD-MALFORMED",
        difficulty="intermediate"),
))
add("aggressive-vs-omnipcx", Scenario(
    title="Aggressive Mode against a Main-Mode-only OmniPCX Office",
    left=oxo(), right=peer(aggressive=True, behaviour=(("accept_aggressive", True),)),
    initiator=Side.RIGHT,
    lesson=lesson(
        "Know that the OmniPCX Office negotiates Main Mode only.",
        "The peer starts in Aggressive Mode (three messages, identities in the clear). The "
        "OmniPCX Office only does Main Mode (identity protection) and refuses it. Configure "
        "the peer for Main Mode (strongSwan: aggressive = no).", "failed", "AM2",
        "NO-PROPOSAL-CHOSEN", "right"),
))
add("identity-type-mismatch", Scenario(
    title="Phase 1 identities: FQDN against IP address",
    left=oxo(), right=peer(identity_type="fqdn", identity="vpn.lyon.example"),
    initiator=Side.RIGHT,
    lesson=lesson(
        "See the identities of messages 5 and 6, and why the OmniPCX Office insists on IP "
        "addresses.",
        "The OmniPCX Office's identities are always the two WAN IPv4 addresses. The peer "
        "identifies itself by an FQDN in message 5: the OmniPCX Office cannot match it to "
        "its configuration and refuses it after decrypting it. Set the peer's local id to "
        "its IP address.", "failed", "MM5", "AUTHENTICATION-FAILED", "right", "intermediate"),
))
add("p2-transform-mismatch", Scenario(
    title="Phase 2: the ESP transforms differ",
    left=oxo(), right=peer(phase2=(replace(SW_P2, transforms=(EspTransform(12, 128, 2),)),)),
    lesson=lesson(
        "Phase 1 up, phase 2 refused: read a Quick Mode NO-PROPOSAL-CHOSEN.",
        "Main Mode completes, so authentication is fine. In Quick Mode the OmniPCX Office "
        "offers ESP 3DES (the same algorithms as its phase 1), the peer only accepts "
        "AES-128. The refusal is an encrypted Informational, protected by HASH(1).",
        "failed", "QM2", "NO-PROPOSAL-CHOSEN", "right"),
))
add("pfs-off-at-peer", Scenario(
    title="PFS off at the peer",
    left=oxo(), right=peer(phase2=(replace(SW_P2, pfs_group=None),)), initiator=Side.RIGHT,
    lesson=lesson(
        "Know that the OmniPCX Office always requires PFS.",
        "The peer starts Quick Mode without a KE payload (no PFS). The OmniPCX Office "
        "requires PFS with its phase-1 group and refuses. Enable PFS on the peer with group "
        "2 (the same group as phase 1).", "failed", "QM2", "NO-PROPOSAL-CHOSEN", "right"),
))
add("pfs-groups-differ", Scenario(
    title="PFS groups that differ",
    left=oxo(), right=peer(phase2=(replace(SW_P2, pfs_group=5),)), initiator=Side.RIGHT,
    lesson=lesson(
        "The PFS group is part of the phase-2 proposal.",
        "The peer proposes PFS with group 5; the OmniPCX Office uses its phase-1 group (2) "
        "for PFS. Use the same group in both phases on the peer.", "failed", "QM2",
        "NO-PROPOSAL-CHOSEN", "right"),
))
add("subnet-mismatch", Scenario(
    title="Phase 2: the protected subnets do not mirror each other",
    left=oxo(), right=peer(remote_subnet="10.11.0.0/24"),
    lesson=lesson(
        "Read the proxy identities (IDci/IDcr) of Quick Mode.",
        "Each side's local subnet must be the other's remote subnet. The OmniPCX Office "
        "proposes 10.10.0.0/24 === 10.20.0.0/24; the peer expects 10.11.0.0/24 on the "
        "OmniPCX side and answers INVALID-ID-INFORMATION.", "failed", "QM2",
        "INVALID-ID-INFORMATION", difficulty="intermediate"),
))
add("lifetime-strict-responder", Scenario(
    title="Phase-1 lifetimes under a strict responder (Cisco IOS)",
    left=oxo(phase1=(replace(OXO_P1, lifetime_seconds=100000),)),
    right=peer("cisco-ios", "Lyon router", phase1=(replace(SW_P1, lifetime_seconds=86400),)),
    lesson=lesson(
        "Lifetimes are negotiated: some products refuse a longer one.",
        "The OmniPCX Office offers 100000 s; the Cisco ISAKMP policy has 86400 s. IOS only "
        "accepts a remote lifetime not longer than its own, so it refuses message 1. Lower "
        "the OmniPCX Office lifetime to 86400 s or less.", "failed", "MM2",
        "NO-PROPOSAL-CHOSEN", "left", "advanced"),
))
add("lifetime-lenient-responder", Scenario(
    title="Phase-1 lifetimes under a lenient responder (strongSwan)",
    left=oxo(phase1=(replace(OXO_P1, lifetime_seconds=86400),)),
    right=peer(phase1=(replace(SW_P1, lifetime_seconds=10800),)),
    lesson=lesson(
        "A lifetime mismatch that works, but is fragile.",
        "strongSwan never refuses a lifetime: as responder it takes the initiator's 86400 s. "
        "The tunnel comes up, but the two sides' own timers differ: expect rekeying at "
        "unexpected times. The diagnosis warns about it.", difficulty="advanced"),
))
add("nat-without-nat-t", Scenario(
    title="A NAT between the gateways, without NAT-T",
    left=oxo(), right=peer(nat_traversal=False),
    network=Network(nat=True, nat_public_address="203.0.113.10"),
    lesson=lesson(
        "See what a NAT does to an IKEv1 negotiation when NAT-T is not used.",
        "The OmniPCX Office sits behind a NAT and does not announce NAT-T (RFC 3947). "
        "Main Mode 1-4 pass the NAT, but in message 5 the OmniPCX identifies itself with "
        "its private WAN address while the peer sees the NAT's public one: the identity "
        "check fails. Even with identities fixed, ESP would not cross the NAT without "
        "UDP encapsulation. Put the OmniPCX Office on a public address (or use a gateway "
        "with NAT-T).", "failed", "MM5", "AUTHENTICATION-FAILED", difficulty="advanced"),
))
add("second-proposal-chosen", Scenario(
    title="The second of several proposals is chosen",
    left=peer(name="Paris strongSwan", address="192.0.2.10", local_subnet="10.10.0.0/24",
              remote_subnet="10.20.0.0/24",
              phase1=(IkeProposal(7, 256, 4, 14, 1, 28800), replace(SW_P1))),
    right=oxo(address="198.51.100.20", local_subnet="10.20.0.0/24",
              remote_subnet="10.10.0.0/24"),
    lesson=lesson(
        "See how a responder picks one transform among several.",
        "The initiator offers AES-256/SHA2-256/group 14 first, then 3DES/SHA-1/group 2. The "
        "OmniPCX Office cannot do the first and accepts the second, returning it unchanged "
        "(same transform number) in message 2.", difficulty="intermediate"),
))
add("3des-sha1-key-expansion", Scenario(
    title="3DES with SHA-1: the key is expanded",
    left=oxo(), right=peer(),
    seed=5,
    lesson=lesson(
        "See RFC 2409 Appendix B: when SKEYID_e is shorter than the cipher key.",
        "SHA-1 gives a 20-byte SKEYID_e but 3DES needs 24 bytes: Ka = K1 | K2 with "
        "K1 = prf(SKEYID_e, 0) and K2 = prf(SKEYID_e, K1), truncated to 24 bytes. Open the "
        "inspector on message 5 to see the derivation.", difficulty="advanced"),
))
add("omnipcx-cisco-ok", Scenario(
    title="OmniPCX Office to Cisco IOS: a working tunnel",
    left=oxo(),
    right=peer("cisco-ios", "Lyon router", phase1=(replace(SW_P1, lifetime_seconds=86400),)),
    lesson=lesson(
        "Tune a Cisco IOS router to the OmniPCX Office.",
        "crypto isakmp policy 10 with encryption 3des, hash sha, group 2, pre-share; "
        "a transform set esp-3des esp-sha-hmac with set pfs group2. The OmniPCX Office "
        "offers 28800 s, below the router's 86400 s, so IOS accepts it.",
        difficulty="intermediate"),
))


def fr(title: str, objective: str, explanation: str, description: str = "") -> ScenarioTexts:
    return ScenarioTexts(title=title, description=description, objective=objective,
                         explanation=explanation)


FRENCH: dict[str, ScenarioTexts] = {
    "omnipcx-strongswan-ok": fr(
        "OmniPCX Office vers strongSwan : un tunnel qui fonctionne",
        "Suivre une négociation IKEv1 complète : six messages de Main Mode, trois messages de "
        "Quick Mode, et voir quelles clés chaque étape produit.",
        "Les messages 1 et 2 accordent les algorithmes de la phase 1 (SA), les messages 3 et "
        "4 échangent les valeurs Diffie-Hellman et les nonces (KE, Ni/Nr) : chaque côté "
        "calcule SKEYID et les clés sans jamais les transmettre. Les messages 5 et 6 sont "
        "chiffrés et prouvent que chaque côté connaît la clé pré-partagée (HASH_I, HASH_R, "
        "calculés sur tout ce qui a été échangé). Le Quick Mode négocie ensuite les SA ESP "
        "sous cette protection, avec un nouvel échange DH car l'OmniPCX Office utilise "
        "toujours le PFS.",
        description="L'OmniPCX Office de Paris et une passerelle strongSwan à Lyon, "
                    "configurés pour s'accorder : la référence dont partent toutes les autres "
                    "leçons."),
    "p1-encryption-mismatch": fr(
        "Phase 1 : les algorithmes de chiffrement diffèrent",
        "Reconnaître un désaccord de proposition en phase 1 et lire quel attribut diffère.",
        "L'OmniPCX Office propose du 3DES ; la passerelle strongSwan n'accepte que l'AES-128. "
        "Le répondeur ne trouve aucune transformation acceptable et répond au message 1 par "
        "une notification NO-PROPOSAL-CHOSEN non chiffrée au lieu du message 2. L'OmniPCX "
        "Office ne sait pas faire d'AES (une hypothèse de son profil) : la correction se fait "
        "donc côté strongSwan, en ajoutant 3des à ses propositions ike."),
    "p1-hash-mismatch": fr(
        "Phase 1 : les algorithmes de hachage diffèrent",
        "Un autre désaccord de phase 1 : le hachage (et la prf).",
        "SHA-1 proposé, MD5 configuré : NO-PROPOSAL-CHOSEN en réponse au message 1. "
        "strongSwan journalise « no proposal found » avec les propositions reçues et "
        "configurées ; comparez-les attribut par attribut."),
    "p1-dh-group-mismatch": fr(
        "Phase 1 : les groupes Diffie-Hellman diffèrent",
        "Le désaccord de phase 1 le plus fréquent sur le terrain : le groupe DH.",
        "L'OmniPCX Office propose MODP-1024 (groupe 2) ; le pair exige MODP-2048 (groupe 14). "
        "Réglez le groupe de phase 1 du pair sur 2 ou, sur une passerelle qui le permet, "
        "ajoutez le groupe 14 à la proposition de l'OmniPCX Office."),
    "p1-auth-method-mismatch": fr(
        "Phase 1 : clé pré-partagée contre signatures RSA",
        "Voir que la méthode d'authentification fait partie de la proposition de phase 1.",
        "La méthode d'authentification est un attribut de chaque transformation de phase 1 : "
        "une offre en clé pré-partagée (PSK) ne correspond pas à une politique en signatures "
        "RSA, si bien que le répondeur refuse le message 1 par NO-PROPOSAL-CHOSEN, bien avant "
        "de vérifier la moindre clé."),
    "wrong-psk": fr(
        "Une clé pré-partagée erronée",
        "Reconnaître un désaccord de PSK, que le protocole masque.",
        "Rien dans les messages 1 à 4 ne dépend de la PSK : ils passent. La PSK entre dans "
        "SKEYID, donc chaque côté dérive une clé de chiffrement différente : le répondeur "
        "déchiffre le message 5 en données incohérentes et répond PAYLOAD-MALFORMED, chiffré "
        "avec sa propre clé, que l'initiateur ne peut pas lire. L'initiateur retransmet le "
        "message 5 puis abandonne. Aucun des deux côtés ne dit « mauvaise clé » : c'est à "
        "l'expert de le déduire."),
    "aggressive-vs-omnipcx": fr(
        "Aggressive Mode face à un OmniPCX Office limité au Main Mode",
        "Savoir que l'OmniPCX Office ne négocie qu'en Main Mode.",
        "Le pair démarre en Aggressive Mode (trois messages, identités en clair). L'OmniPCX "
        "Office ne pratique que le Main Mode (protection d'identité) et le refuse. Configurez "
        "le pair en Main Mode (strongSwan : aggressive = no)."),
    "identity-type-mismatch": fr(
        "Identités de phase 1 : FQDN contre adresse IP",
        "Voir les identités des messages 5 et 6, et pourquoi l'OmniPCX Office exige des "
        "adresses IP.",
        "Les identités de l'OmniPCX Office sont toujours les deux adresses IPv4 WAN. Le pair "
        "s'identifie par un FQDN dans le message 5 : l'OmniPCX Office ne peut pas le faire "
        "correspondre à sa configuration et le refuse après l'avoir déchiffré. Réglez "
        "l'identifiant local du pair sur son adresse IP."),
    "p2-transform-mismatch": fr(
        "Phase 2 : les transformations ESP diffèrent",
        "Phase 1 établie, phase 2 refusée : lire un NO-PROPOSAL-CHOSEN en Quick Mode.",
        "Le Main Mode aboutit : l'authentification est donc correcte. En Quick Mode, "
        "l'OmniPCX Office propose ESP 3DES (les mêmes algorithmes que sa phase 1), le pair "
        "n'accepte que l'AES-128. Le refus est un message Informational chiffré, protégé par "
        "HASH(1)."),
    "pfs-off-at-peer": fr(
        "PFS désactivé chez le pair",
        "Savoir que l'OmniPCX Office exige toujours le PFS.",
        "Le pair démarre le Quick Mode sans charge utile KE (pas de PFS). L'OmniPCX Office "
        "exige le PFS avec son groupe de phase 1 et refuse. Activez le PFS sur le pair avec "
        "le groupe 2 (le même groupe qu'en phase 1)."),
    "pfs-groups-differ": fr(
        "Des groupes PFS différents",
        "Le groupe PFS fait partie de la proposition de phase 2.",
        "Le pair propose le PFS avec le groupe 5 ; l'OmniPCX Office utilise son groupe de "
        "phase 1 (2) pour le PFS. Sur le pair, utilisez le même groupe dans les deux "
        "phases."),
    "subnet-mismatch": fr(
        "Phase 2 : les sous-réseaux protégés ne se correspondent pas",
        "Lire les identités de proxy (IDci/IDcr) du Quick Mode.",
        "Le sous-réseau local de chaque côté doit être le sous-réseau distant de l'autre. "
        "L'OmniPCX Office propose 10.10.0.0/24 === 10.20.0.0/24 ; le pair attend "
        "10.11.0.0/24 côté OmniPCX et répond INVALID-ID-INFORMATION."),
    "lifetime-strict-responder": fr(
        "Durées de vie de phase 1 face à un répondeur strict (Cisco IOS)",
        "Les durées de vie se négocient : certains produits refusent une durée plus longue.",
        "L'OmniPCX Office propose 100000 s ; la politique ISAKMP du Cisco indique 86400 s. "
        "IOS n'accepte une durée de vie distante que si elle ne dépasse pas la sienne : il "
        "refuse donc le message 1. Ramenez la durée de vie de l'OmniPCX Office à 86400 s ou "
        "moins."),
    "lifetime-lenient-responder": fr(
        "Durées de vie de phase 1 face à un répondeur conciliant (strongSwan)",
        "Un désaccord de durée de vie qui fonctionne, mais reste fragile.",
        "strongSwan ne refuse jamais une durée de vie : en tant que répondeur, il reprend les "
        "86400 s de l'initiateur. Le tunnel monte, mais les temporisateurs propres aux deux "
        "côtés diffèrent : attendez-vous à des renégociations à des moments inattendus. Le "
        "diagnostic le signale par un avertissement."),
    "nat-without-nat-t": fr(
        "Un NAT entre les passerelles, sans NAT-T",
        "Voir ce qu'un NAT fait à une négociation IKEv1 quand le NAT-T n'est pas utilisé.",
        "L'OmniPCX Office est derrière un NAT et n'annonce pas le NAT-T (RFC 3947). Les "
        "messages 1 à 4 du Main Mode traversent le NAT, mais dans le message 5 l'OmniPCX "
        "s'identifie avec son adresse WAN privée alors que le pair voit l'adresse publique du "
        "NAT : la vérification d'identité échoue. Même avec des identités corrigées, l'ESP ne "
        "traverserait pas le NAT sans encapsulation UDP. Placez l'OmniPCX Office sur une "
        "adresse publique (ou utilisez une passerelle qui gère le NAT-T)."),
    "second-proposal-chosen": fr(
        "La deuxième de plusieurs propositions est retenue",
        "Voir comment un répondeur choisit une transformation parmi plusieurs.",
        "L'initiateur propose d'abord AES-256/SHA2-256/groupe 14, puis 3DES/SHA-1/groupe 2. "
        "L'OmniPCX Office ne sait pas faire la première et accepte la seconde, qu'il renvoie "
        "inchangée (même numéro de transformation) dans le message 2."),
    "3des-sha1-key-expansion": fr(
        "3DES avec SHA-1 : la clé est étendue",
        "Voir l'annexe B de la RFC 2409 : quand SKEYID_e est plus court que la clé de "
        "chiffrement.",
        "SHA-1 donne un SKEYID_e de 20 octets, mais le 3DES a besoin de 24 octets : "
        "Ka = K1 | K2 avec K1 = prf(SKEYID_e, 0) et K2 = prf(SKEYID_e, K1), tronqué à "
        "24 octets. Ouvrez l'inspecteur sur le message 5 pour voir la dérivation."),
    "omnipcx-cisco-ok": fr(
        "OmniPCX Office vers Cisco IOS : un tunnel qui fonctionne",
        "Adapter un routeur Cisco IOS à l'OmniPCX Office.",
        "crypto isakmp policy 10 avec encryption 3des, hash sha, group 2, pre-share ; un "
        "transform set esp-3des esp-sha-hmac avec set pfs group2. L'OmniPCX Office propose "
        "28800 s, moins que les 86400 s du routeur : IOS l'accepte."),
}


def main() -> None:
    out = ROOT / "resources" / "scenarios"
    out.mkdir(parents=True, exist_ok=True)
    missing = sorted(set(LESSONS) ^ set(FRENCH))
    if missing:
        raise SystemExit(f"lessons without French texts (or French without a lesson): {missing}")
    for name, scenario in LESSONS.items():
        scenario = replace(scenario, translations=(("fr", FRENCH[name]),))
        (out / f"{name}.toml").write_text(dumps_scenario(scenario), encoding="utf-8")
    print(f"wrote {len(LESSONS)} lessons to {out}")


if __name__ == "__main__":
    main()
