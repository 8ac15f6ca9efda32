<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>capture</name>
    <message>
        <source>RSA signatures</source>
        <translation>signatures RSA</translation>
    </message>
    <message>
        <source>auth {method}</source>
        <translation>authentification {method}</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>tunnel</source>
        <translation>tunnel</translation>
    </message>
    <message>
        <source>transport</source>
        <translation>transport</translation>
    </message>
    <message>
        <source>UDP tunnel</source>
        <translation>tunnel UDP</translation>
    </message>
    <message>
        <source>UDP transport</source>
        <translation>transport UDP</translation>
    </message>
    <message>
        <source>no PFS</source>
        <translation>sans PFS</translation>
    </message>
    <message>
        <source>the initiator ({address})</source>
        <translation>l&apos;initiateur ({address})</translation>
    </message>
    <message>
        <source>the responder ({address})</source>
        <translation>le répondeur ({address})</translation>
    </message>
    <message>
        <source>initiator</source>
        <translation>initiateur</translation>
    </message>
    <message>
        <source>responder</source>
        <translation>répondeur</translation>
    </message>
    <message>
        <source>an encrypted Informational {notify}</source>
        <translation>un message Informational {notify} chiffré</translation>
    </message>
    <message>
        <source>an unencrypted Informational {notify}</source>
        <translation>un message Informational {notify} non chiffré</translation>
    </message>
    <message>
        <source>{count} time</source>
        <translation>{count} fois</translation>
    </message>
    <message>
        <source>{count} times</source>
        <translation>{count} fois</translation>
    </message>
    <message>
        <source>{count} encrypted Informational message</source>
        <translation>{count} message Informational chiffré</translation>
    </message>
    <message>
        <source>{count} encrypted Informational messages</source>
        <translation>{count} messages Informational chiffrés</translation>
    </message>
    <message>
        <source>the negotiation</source>
        <translation>la négociation</translation>
    </message>
    <message>
        <source>{who} answered {what} with {informational} (frame {frame})</source>
        <translation>{who} a répondu à {what} par {informational} (trame {frame})</translation>
    </message>
    <message>
        <source>{failure}: the {sender} refused {what} with {notify}</source>
        <translation>{failure} : le {sender} a refusé {what} avec {notify}</translation>
    </message>
    <message>
        <source>the identity or the proxy identities (subnets) sent are not the ones the peer is configured for</source>
        <translation>l&apos;identité ou les identités de proxy (sous-réseaux) envoyées ne sont pas celles pour lesquelles le pair est configuré</translation>
    </message>
    <message>
        <source>the pre-shared key or the identity differs</source>
        <translation>la clé pré-partagée ou l&apos;identité diffère</translation>
    </message>
    <message>
        <source>the pre-shared key differs, or a message was altered on the way</source>
        <translation>la clé pré-partagée diffère, ou un message a été altéré en chemin</translation>
    </message>
    <message>
        <source>the DH public value has the wrong size for the group (a DH group mismatch in Quick Mode with PFS)</source>
        <translation>la valeur publique DH n&apos;a pas la bonne taille pour le groupe (groupes DH différents en Quick Mode avec PFS)</translation>
    </message>
    <message>
        <source>an attribute of the offer (e.g. a lifetime in kilobytes, a key length) is not supported by the peer</source>
        <translation>un attribut de l&apos;offre (par exemple une durée de vie en kilo-octets, une longueur de clé) n&apos;est pas pris en charge par le pair</translation>
    </message>
    <message>
        <source>the peer lost the ISAKMP SA (it restarted, or the SA expired on its side)</source>
        <translation>le pair a perdu la SA ISAKMP (il a redémarré, ou la SA a expiré de son côté)</translation>
    </message>
    <message>
        <source>phase-1 {field}</source>
        <translation>{field} de phase 1</translation>
    </message>
    <message>
        <source>phase-2 {field}</source>
        <translation>{field} de phase 2</translation>
    </message>
    <message>
        <source>{value} ({product} default)</source>
        <translation>{value} (valeur par défaut de {product})</translation>
    </message>
    <message>
        <source>the {product} profile supports encryption {values}: the offered {value} is not among them</source>
        <translation>le profil {product} prend en charge le chiffrement {values} : le {value} proposé n&apos;en fait pas partie</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>the {product} profile supports AES key lengths {values}: the offered {bits} bits is not among them</source>
        <translation>le profil {product} prend en charge les longueurs de clé AES {values} : les {bits} bits proposés n&apos;en font pas partie</translation>
    </message>
    <message>
        <source>{bits} bits</source>
        <translation>{bits} bits</translation>
    </message>
    <message>
        <source>the {product} profile supports hashes {values}: the offered {value} is not among them</source>
        <translation>le profil {product} prend en charge les hachages {values} : le {value} proposé n&apos;en fait pas partie</translation>
    </message>
    <message>
        <source>the {product} profile supports groups {values}: the offered group {group} is not among them</source>
        <translation>le profil {product} prend en charge les groupes {values} : le groupe {group} proposé n&apos;en fait pas partie</translation>
    </message>
    <message>
        <source>the {product} profile supports authentication {values}: the offered {value} is not among them</source>
        <translation>le profil {product} prend en charge l&apos;authentification {values} : la méthode {value} proposée n&apos;en fait pas partie</translation>
    </message>
    <message>
        <source>{product} supports every value of the offer {offer}; its default proposal {default} differs in {fields}</source>
        <translation>{product} prend en charge toutes les valeurs de la proposition {offer} ; sa proposition par défaut {default} en diffère par : {fields}</translation>
    </message>
    <message>
        <source>on the responder: add the phase-1 proposal {proposal} (every value is one {product} supports)</source>
        <translation>sur le répondeur : ajouter la proposition de phase 1 {proposal} ({product} en prend en charge toutes les valeurs)</translation>
    </message>
    <message>
        <source>on the initiator: offer a proposal {product} supports, e.g. its default {proposal}</source>
        <translation>sur l&apos;initiateur : proposer une combinaison que {product} prend en charge, par exemple sa proposition par défaut {proposal}</translation>
    </message>
    <message>
        <source>or on the initiator: offer a proposal {product} supports, e.g. its default {proposal}</source>
        <translation>ou sur l&apos;initiateur : proposer une combinaison que {product} prend en charge, par exemple sa proposition par défaut {proposal}</translation>
    </message>
    <message>
        <source>{who} answered message 1 with {informational} (frame {frame}): it accepts none of the offered transforms ({count})</source>
        <translation>{who} a répondu au message 1 par {informational} (trame {frame}) : il n&apos;accepte aucune des transformations proposées ({count})</translation>
    </message>
    <message>
        <source>offered transform {number}: {proposal}</source>
        <translation>transformation proposée {number} : {proposal}</translation>
    </message>
    <message>
        <source>the responder has no phase-1 proposal with exactly these values: encryption (and key length), hash, DH group, authentication method, sometimes the lifetime; the DH group is the usual culprit</source>
        <translation>le répondeur n&apos;a aucune proposition de phase 1 avec exactement ces valeurs : chiffrement (et longueur de clé), hachage, groupe DH, méthode d&apos;authentification, parfois la durée de vie ; le groupe DH est le coupable habituel</translation>
    </message>
    <message>
        <source>make one of the initiator&apos;s phase-1 proposals equal to one of the responder&apos;s (name the responder&apos;s product with --responder-profile to see which value it lacks)</source>
        <translation>rendre l&apos;une des propositions de phase 1 de l&apos;initiateur identique à l&apos;une de celles du répondeur (indiquez le produit du répondeur avec --responder-profile pour voir la valeur qui lui manque)</translation>
    </message>
    <message>
        <source>{failure}: {responder} refused every phase-1 proposal of {initiator} (NO-PROPOSAL-CHOSEN)</source>
        <translation>{failure} : {responder} a refusé toutes les propositions de phase 1 de {initiator} (NO-PROPOSAL-CHOSEN)</translation>
    </message>
    <message>
        <source>the {product} profile supports ESP encryption {values}: the offered {value} is not among them</source>
        <translation>le profil {product} prend en charge le chiffrement ESP {values} : le {value} proposé n&apos;en fait pas partie</translation>
    </message>
    <message>
        <source>the {product} profile supports ESP integrity {values}: the offered {value} is not among them</source>
        <translation>le profil {product} prend en charge l&apos;intégrité ESP {values} : le {value} proposé n&apos;en fait pas partie</translation>
    </message>
    <message>
        <source>phase-2 integrity</source>
        <translation>intégrité de phase 2</translation>
    </message>
    <message>
        <source>the {product} profile supports groups {values}: the offered PFS group {group} is not among them</source>
        <translation>le profil {product} prend en charge les groupes {values} : le groupe PFS {group} proposé n&apos;en fait pas partie</translation>
    </message>
    <message>
        <source>{product} always uses PFS: the offer has none</source>
        <translation>{product} utilise toujours le PFS : la proposition n&apos;en a pas</translation>
    </message>
    <message>
        <source>always ({product})</source>
        <translation>toujours ({product})</translation>
    </message>
    <message>
        <source>{product} never uses PFS: the offer has group {group}</source>
        <translation>{product} n&apos;utilise jamais le PFS : la proposition a le groupe {group}</translation>
    </message>
    <message>
        <source>group {group}</source>
        <translation>groupe {group}</translation>
    </message>
    <message>
        <source>never ({product})</source>
        <translation>jamais ({product})</translation>
    </message>
    <message>
        <source>{product} negotiates phase 2 with its phase-1 algorithms and group ({phase1}): the offer {offer} differs</source>
        <translation>{product} négocie la phase 2 avec les algorithmes et le groupe de sa phase 1 ({phase1}) : la proposition {offer} en diffère</translation>
    </message>
    <message>
        <source>{product} supports every value of the offer {offer}; its default phase-2 proposal differs in {fields}</source>
        <translation>{product} prend en charge toutes les valeurs de la proposition {offer} ; sa proposition de phase 2 par défaut en diffère par : {fields}</translation>
    </message>
    <message>
        <source>on the initiator: offer a phase-2 proposal {product} supports, e.g. its default {proposal}</source>
        <translation>sur l&apos;initiateur : proposer en phase 2 une combinaison que {product} prend en charge, par exemple sa proposition par défaut {proposal}</translation>
    </message>
    <message>
        <source>the ISAKMP SA is established (Main Mode completed, both sides authenticated)</source>
        <translation>la SA ISAKMP est établie (Main Mode terminé, les deux côtés sont authentifiés)</translation>
    </message>
    <message>
        <source>phase 1 went on far enough for Quick Mode</source>
        <translation>la phase 1 est allée assez loin pour le Quick Mode</translation>
    </message>
    <message>
        <source>{who} answered Quick Mode message 1 with {informational} (frame {frame})</source>
        <translation>{who} a répondu au message 1 du Quick Mode par {informational} (trame {frame})</translation>
    </message>
    <message>
        <source>the notify&apos;s SPI is {spi}, not the SPI offered in QM1</source>
        <translation>le SPI du notify est {spi}, pas le SPI proposé dans QM1</translation>
    </message>
    <message>
        <source>offered: {proposal}</source>
        <translation>proposé : {proposal}</translation>
    </message>
    <message>
        <source>proxy identities offered: {identities}</source>
        <translation>identités de proxy proposées : {identities}</translation>
    </message>
    <message>
        <source>Quick Mode message 1 is encrypted: give keys (--keys, --charon-log, or --psk with --dh-secret) to see what was offered</source>
        <translation>le message 1 du Quick Mode est chiffré : fournissez des clés (--keys, --charon-log, ou --psk avec --dh-secret) pour voir ce qui a été proposé</translation>
    </message>
    <message>
        <source>{failure}: the protected subnets (proxy identities) do not match; {who} answered INVALID-ID-INFORMATION</source>
        <translation>{failure} : les sous-réseaux protégés (identités de proxy) ne correspondent pas ; {who} a répondu INVALID-ID-INFORMATION</translation>
    </message>
    <message>
        <source>the responder&apos;s local and remote subnets are not the mirror of the initiator&apos;s (or one side uses a host address where the other has a subnet)</source>
        <translation>les sous-réseaux local et distant du répondeur ne sont pas le miroir de ceux de l&apos;initiateur (ou un côté utilise une adresse d&apos;hôte là où l&apos;autre a un sous-réseau)</translation>
    </message>
    <message>
        <source>local subnet / remote subnet</source>
        <translation>sous-réseau local / sous-réseau distant</translation>
    </message>
    <message>
        <source>(refused: not its remote / local subnets)</source>
        <translation>(refusé : ce ne sont pas ses sous-réseaux distant / local)</translation>
    </message>
    <message>
        <source>on the responder: set its local subnet to {remote} and its remote subnet to {local}</source>
        <translation>sur le répondeur : régler son sous-réseau local sur {remote} et son sous-réseau distant sur {local}</translation>
    </message>
    <message>
        <source>or on the initiator: use the responder&apos;s subnets, mirrored</source>
        <translation>ou sur l&apos;initiateur : utiliser les sous-réseaux du répondeur, inversés</translation>
    </message>
    <message>
        <source>{failure}: phase 1 is up, but {who} refused every phase-2 proposal (NO-PROPOSAL-CHOSEN)</source>
        <translation>{failure} : la phase 1 est établie, mais {who} a refusé toutes les propositions de phase 2 (NO-PROPOSAL-CHOSEN)</translation>
    </message>
    <message>
        <source>the responder has no phase-2 proposal with these values: ESP encryption (and key length), integrity, PFS group (or PFS on one side only), mode, sometimes the lifetime</source>
        <translation>le répondeur n&apos;a aucune proposition de phase 2 avec ces valeurs : chiffrement ESP (et longueur de clé), intégrité, groupe PFS (ou PFS d&apos;un seul côté), mode, parfois la durée de vie</translation>
    </message>
    <message>
        <source>make one of the initiator&apos;s phase-2 proposals equal to one of the responder&apos;s</source>
        <translation>rendre l&apos;une des propositions de phase 2 de l&apos;initiateur identique à l&apos;une de celles du répondeur</translation>
    </message>
    <message>
        <source>make one of the initiator&apos;s phase-2 proposals equal to one of the responder&apos;s (--responder-profile shows what its product supports)</source>
        <translation>rendre l&apos;une des propositions de phase 2 de l&apos;initiateur identique à l&apos;une de celles du répondeur (--responder-profile montre ce que son produit prend en charge)</translation>
    </message>
    <message>
        <source>{failure}: {who} refused Quick Mode with {notify}</source>
        <translation>{failure} : {who} a refusé le Quick Mode avec {notify}</translation>
    </message>
    <message>
        <source>messages 1 to 4 went through: the proposals and the Diffie-Hellman exchange agree</source>
        <translation>les messages 1 à 4 sont passés : les propositions et l&apos;échange Diffie-Hellman s&apos;accordent</translation>
    </message>
    <message>
        <source>{who} sent message 5 {times}, from {start} s to {end} s; message 6 never came</source>
        <translation>{who} a envoyé {times} le message 5, de {start} s à {end} s ; le message 6 n&apos;est jamais arrivé</translation>
    </message>
    <message>
        <source>{who} sent message 5 {times}; message 6 never came</source>
        <translation>{who} a envoyé {times} le message 5 ; le message 6 n&apos;est jamais arrivé</translation>
    </message>
    <message>
        <source>{who} answered with {messages} instead</source>
        <translation>{who} a répondu à la place par {messages}</translation>
    </message>
    <message>
        <source>decrypted with {keys}, the responder&apos;s answer is N({notify}): it could not use message 5</source>
        <translation>déchiffrée avec {keys}, la réponse du répondeur est N({notify}) : il n&apos;a pas pu utiliser le message 5</translation>
    </message>
    <message>
        <source>message 5 decrypts with {keys} and {hash} {status}</source>
        <translation>le message 5 se déchiffre avec {keys} et {hash} {status}</translation>
    </message>
    <message>
        <source>message 5 decrypts with {keys}</source>
        <translation>le message 5 se déchiffre avec {keys}</translation>
    </message>
    <message>
        <source>message 5 does not decrypt with the key(s) given: {keys}</source>
        <translation>le message 5 ne se déchiffre pas avec la ou les clés fournies : {keys}</translation>
    </message>
    <message>
        <source>the responder&apos;s answers do not decrypt with the key(s) given ({keys}): the responder encrypted them with other keys</source>
        <translation>les réponses du répondeur ne se déchiffrent pas avec la ou les clés fournies ({keys}) : le répondeur les a chiffrées avec d&apos;autres clés</translation>
    </message>
    <message>
        <source>the pre-shared keys differ: each side derived its own SKEYID and Ka from its own PSK, so neither can read the other&apos;s encrypted messages (the most common cause)</source>
        <translation>les clés pré-partagées diffèrent : chaque côté a dérivé ses propres SKEYID et Ka de sa propre PSK, si bien qu&apos;aucun ne peut lire les messages chiffrés de l&apos;autre (la cause la plus fréquente)</translation>
    </message>
    <message>
        <source>less likely, an identity problem: the responder took the PSK of another peer, e.g. because the initiator&apos;s address or ID is not the one it is configured for (a NAT)</source>
        <translation>moins probable, un problème d&apos;identité : le répondeur a pris la PSK d&apos;un autre pair, par exemple parce que l&apos;adresse ou l&apos;ID de l&apos;initiateur n&apos;est pas celui pour lequel il est configuré (un NAT)</translation>
    </message>
    <message>
        <source>set the same pre-shared key on both gateways</source>
        <translation>régler la même clé pré-partagée sur les deux passerelles</translation>
    </message>
    <message>
        <source>check that the responder&apos;s configuration for this peer names the initiator&apos;s address {address} and ID {id}</source>
        <translation>vérifier que la configuration du répondeur pour ce pair indique l&apos;adresse {address} et l&apos;ID {id} de l&apos;initiateur</translation>
    </message>
    <message>
        <source>check that the responder&apos;s configuration for this peer names the initiator&apos;s address {address}</source>
        <translation>vérifier que la configuration du répondeur pour ce pair indique l&apos;adresse {address} de l&apos;initiateur</translation>
    </message>
    <message>
        <source>{failure}: {who} did not accept it; the pre-shared keys most likely differ</source>
        <translation>{failure} : {who} ne l&apos;a pas accepté ; les clés pré-partagées diffèrent très probablement</translation>
    </message>
    <message>
        <source>pre-shared key</source>
        <translation>clé pré-partagée</translation>
    </message>
    <message>
        <source>(secret)</source>
        <translation>(secrète)</translation>
    </message>
    <message>
        <source>(secret, most likely different)</source>
        <translation>(secrète, très probablement différente)</translation>
    </message>
    <message>
        <source>{label} and that answer decrypt with the same keys ({keys}): both sides derived the same SKEYID, so the pre-shared keys agree</source>
        <translation>{label} et cette réponse se déchiffrent avec les mêmes clés ({keys}) : les deux côtés ont dérivé le même SKEYID, donc les clés pré-partagées concordent</translation>
    </message>
    <message>
        <source>the initiator sent the identity {type} {identity}</source>
        <translation>l&apos;initiateur a envoyé l&apos;identité {type} {identity}</translation>
    </message>
    <message>
        <source>{hash} is right for the keys both sides have</source>
        <translation>{hash} est correct pour les clés des deux côtés</translation>
    </message>
    <message>
        <source>the responder does not accept the initiator&apos;s identity: its type or value is not the one the responder is configured to expect for this peer</source>
        <translation>le répondeur n&apos;accepte pas l&apos;identité de l&apos;initiateur : son type ou sa valeur n&apos;est pas celui que le répondeur est configuré pour attendre de ce pair</translation>
    </message>
    <message>
        <source>behind a NAT: the initiator sends its private address as its identity</source>
        <translation>derrière un NAT : l&apos;initiateur envoie son adresse privée comme identité</translation>
    </message>
    <message>
        <source>on the responder: expect the identity {type} {identity} for this peer</source>
        <translation>sur le répondeur : attendre l&apos;identité {type} {identity} pour ce pair</translation>
    </message>
    <message>
        <source>or on the initiator: send the identity the responder expects (type and value)</source>
        <translation>ou sur l&apos;initiateur : envoyer l&apos;identité que le répondeur attend (type et valeur)</translation>
    </message>
    <message>
        <source>{failure}: {who} refused it with {notify}; the keys agree, so the initiator&apos;s identity is the likely cause</source>
        <translation>{failure} : {who} l&apos;a refusé avec {notify} ; les clés concordent, l&apos;identité de l&apos;initiateur est donc la cause probable</translation>
    </message>
    <message>
        <source>{failure}: {who} refused the initiator&apos;s identity ({notify})</source>
        <translation>{failure} : {who} a refusé l&apos;identité de l&apos;initiateur ({notify})</translation>
    </message>
    <message>
        <source>phase-1 identity</source>
        <translation>identité de phase 1</translation>
    </message>
    <message>
        <source>(not the one it expects)</source>
        <translation>(pas celle qu&apos;il attend)</translation>
    </message>
    <message>
        <source>not readable (the keys given read other messages: a message of this Quick Mode is missing from the capture)</source>
        <translation>illisible (les clés fournies lisent d’autres messages : un message de ce Quick Mode manque dans la capture)</translation>
    </message>
    <message>
        <source>encrypted (give keys to see the algorithms)</source>
        <translation>chiffrée (fournissez des clés pour voir les algorithmes)</translation>
    </message>
    <message>
        <source>{mode} completed: ISAKMP SA {proposal}</source>
        <translation>{mode} terminé : SA ISAKMP {proposal}</translation>
    </message>
    <message>
        <source>Quick Mode completed (QM1-QM3): IPsec SA {proposal}</source>
        <translation>Quick Mode terminé (QM1-QM3) : SA IPsec {proposal}</translation>
    </message>
    <message>
        <source>identities: {initiator} (initiator), {responder} (responder)</source>
        <translation>identités : {initiator} (initiateur), {responder} (répondeur)</translation>
    </message>
    <message>
        <source>subnets: {subnets}</source>
        <translation>sous-réseaux : {subnets}</translation>
    </message>
    <message>
        <source>{label} (frame {frame}): {hash} does not match: {detail}</source>
        <translation>{label} (trame {frame}) : {hash} ne correspond pas : {detail}</translation>
    </message>
    <message>
        <source>{who} deleted the ISAKMP SA at {time} s (frame {frame})</source>
        <translation>{who} a supprimé la SA ISAKMP à {time} s (trame {frame})</translation>
    </message>
    <message>
        <source>{who} deleted the IPsec SA at {time} s (frame {frame})</source>
        <translation>{who} a supprimé la SA IPsec à {time} s (trame {frame})</translation>
    </message>
    <message>
        <source>{messages} after Quick Mode (DELETEs or DPD, most likely)</source>
        <translation>{messages} après le Quick Mode (des DELETE ou du DPD, très probablement)</translation>
    </message>
    <message>
        <source>weak phase-1 algorithms ({suite}): prefer AES, SHA-2 and group 14 or more</source>
        <translation>algorithmes de phase 1 faibles ({suite}) : préférez AES, SHA-2 et le groupe 14 ou plus</translation>
    </message>
    <message>
        <source>Established: phase 1 {phase1}, phase 2 {phase2}</source>
        <translation>Établi : phase 1 {phase1}, phase 2 {phase2}</translation>
    </message>
    <message>
        <source>the responder is unreachable or does not answer on UDP 500 (wrong address, routing, a firewall, no IKE service), or it has no connection for the initiator&apos;s address and drops the offer silently</source>
        <translation>le répondeur est injoignable ou ne répond pas sur UDP 500 (mauvaise adresse, routage, pare-feu, pas de service IKE), ou il n&apos;a aucune connexion pour l&apos;adresse de l&apos;initiateur et ignore l&apos;offre sans rien dire</translation>
    </message>
    <message>
        <source>the responder is unreachable, does not accept Aggressive Mode, or has no connection for this identity and drops the offer silently</source>
        <translation>le répondeur est injoignable, n&apos;accepte pas l&apos;Aggressive Mode, ou n&apos;a aucune connexion pour cette identité et ignore l&apos;offre sans rien dire</translation>
    </message>
    <message>
        <source>message 3 (large KE payload) was lost or fragmented on the way, or the responder could not use the KE payload</source>
        <translation>le message 3 (grande charge utile KE) a été perdu ou fragmenté en chemin, ou le répondeur n&apos;a pas pu utiliser la charge utile KE</translation>
    </message>
    <message>
        <source>the responder could not decrypt message 5: the pre-shared keys most likely differ</source>
        <translation>le répondeur n&apos;a pas pu déchiffrer le message 5 : les clés pré-partagées diffèrent très probablement</translation>
    </message>
    <message>
        <source>the responder could not decrypt or verify Quick Mode message 1, or drops it (e.g. no matching policy)</source>
        <translation>le répondeur n&apos;a pas pu déchiffrer ou vérifier le message 1 du Quick Mode, ou il l&apos;ignore (par exemple aucune politique correspondante)</translation>
    </message>
    <message>
        <source>No readable IKE message</source>
        <translation>Aucun message IKE lisible</translation>
    </message>
    <message>
        <source>Phase 1 established; no Quick Mode in the capture</source>
        <translation>Phase 1 établie ; aucun Quick Mode dans la capture</translation>
    </message>
    <message>
        <source>{failure}: {who} never answered {label}</source>
        <translation>{failure} : {who} n&apos;a jamais répondu à {label}</translation>
    </message>
    <message>
        <source>{who} sent {label} {times} over {seconds} s (retransmissions with no reply)</source>
        <translation>{who} a envoyé {times} {label} en {seconds} s (retransmissions sans réponse)</translation>
    </message>
    <message>
        <source>Incomplete: the capture ends while {who} waits for {message}</source>
        <translation>Incomplet : la capture s&apos;arrête alors que {who} attend le {message}</translation>
    </message>
    <message>
        <source>the last message is {label} (frame {frame}, {time} s), not retransmitted</source>
        <translation>le dernier message est {label} (trame {frame}, {time} s), non retransmis</translation>
    </message>
    <message>
        <source>{who} answered {label} with {messages} (frame {frame}) instead of {expected}</source>
        <translation>{who} a répondu à {label} par {messages} (trame {frame}) au lieu de {expected}</translation>
    </message>
    <message>
        <source>they do not decrypt with the key(s) given: {keys}</source>
        <translation>ils ne se déchiffrent pas avec la ou les clés fournies : {keys}</translation>
    </message>
    <message>
        <source>give keys (--keys, --charon-log, or --psk with --dh-secret) to read the notify</source>
        <translation>fournissez des clés (--keys, --charon-log, ou --psk avec --dh-secret) pour lire le notify</translation>
    </message>
    <message>
        <source>a refusal of the Quick Mode offer: most often NO-PROPOSAL-CHOSEN (the phase-2 proposals differ: encryption, integrity, PFS group, lifetime) or INVALID-ID-INFORMATION (the subnets differ)</source>
        <translation>un refus de l&apos;offre Quick Mode : le plus souvent NO-PROPOSAL-CHOSEN (les propositions de phase 2 diffèrent : chiffrement, intégrité, groupe PFS, durée de vie) ou INVALID-ID-INFORMATION (les sous-réseaux diffèrent)</translation>
    </message>
    <message>
        <source>a refusal of {label} (an error notify)</source>
        <translation>un refus de {label} (un notify d&apos;erreur)</translation>
    </message>
    <message>
        <source>{failure}: {who} answered {label} with an encrypted Informational message (most likely a refusal)</source>
        <translation>{failure} : {who} a répondu à {label} par un message Informational chiffré (très probablement un refus)</translation>
    </message>
    <message>
        <source>{path}: no keys: the negotiations it logged stopped before any key was derived, or it was not written at ike level 4 (charondebug ike=4, or filelog ike = 4)</source>
        <translation>{path} : aucune clé : les négociations qu’il journalise se sont arrêtées avant qu’une clé soit dérivée, ou il n’a pas été écrit au niveau ike 4 (charondebug ike=4, ou filelog ike = 4)</translation>
    </message>
    <message>
        <source>the initiator&apos;s nonce</source>
        <translation>le nonce de l&apos;initiateur</translation>
    </message>
    <message>
        <source>the responder&apos;s nonce</source>
        <translation>le nonce du répondeur</translation>
    </message>
    <message>
        <source>the initiator&apos;s KE</source>
        <translation>le KE de l&apos;initiateur</translation>
    </message>
    <message>
        <source>the responder&apos;s KE</source>
        <translation>le KE du répondeur</translation>
    </message>
    <message>
        <source>{missing} not in the capture (messages 3 and 4)</source>
        <translation>absent(s) de la capture (messages 3 et 4) : {missing}</translation>
    </message>
    <message>
        <source>the responder&apos;s chosen proposal (message 2) is not in the capture</source>
        <translation>la proposition choisie par le répondeur (message 2) n&apos;est pas dans la capture</translation>
    </message>
    <message>
        <source>the responder&apos;s cookie is not in the capture</source>
        <translation>le cookie du répondeur n&apos;est pas dans la capture</translation>
    </message>
    <message>
        <source>the responder&apos;s chosen proposal (message 2) is not in the capture, so the cipher is unknown</source>
        <translation>la proposition choisie par le répondeur (message 2) n&apos;est pas dans la capture : l&apos;algorithme de chiffrement est donc inconnu</translation>
    </message>
    <message>
        <source>cannot decrypt {cipher}: {error}</source>
        <translation>impossible de déchiffrer {cipher} : {error}</translation>
    </message>
    <message>
        <source>no encryption key</source>
        <translation>aucune clé de chiffrement</translation>
    </message>
    <message>
        <source>the first IV is unknown: {error}</source>
        <translation>le premier IV est inconnu : {error}</translation>
    </message>
    <message>
        <source>{source}: {problem}</source>
        <translation>{source} : {problem}</translation>
    </message>
    <message>
        <source>no key given for initiator cookie {cookie}</source>
        <translation>aucune clé fournie pour le cookie d&apos;initiateur {cookie}</translation>
    </message>
    <message>
        <source>its IV is the last block of the message before it in this exchange, which is not in the capture (RFC 2409 App. B)</source>
        <translation>son IV est le dernier bloc du message qui le précède dans cet échange, absent de la capture (RFC 2409 annexe B)</translation>
    </message>
    <message>
        <source>no usable key: {notes}</source>
        <translation>aucune clé utilisable : {notes}</translation>
    </message>
    <message>
        <source>no key given</source>
        <translation>aucune clé fournie</translation>
    </message>
    <message>
        <source>does not decrypt with the key(s) given ({keys}): encrypted with other keys</source>
        <translation>ne se déchiffre pas avec la ou les clés fournies ({keys}) : chiffré avec d&apos;autres clés</translation>
    </message>
    <message>
        <source>the SA of message 1 or the ID payload is missing</source>
        <translation>la SA du message 1 ou la charge utile ID manque</translation>
    </message>
    <message>
        <source>the nonces of QM1/QM2 are not readable</source>
        <translation>les nonces de QM1/QM2 ne sont pas lisibles</translation>
    </message>
    <message>
        <source>matches, computed with {keys}</source>
        <translation>correct, calculé avec {keys}</translation>
    </message>
    <message>
        <source>the payload holds {got}, {keys} gives {expected}</source>
        <translation>la charge utile contient {got}, {keys} donne {expected}</translation>
    </message>
    <message>
        <source>not verifiable: {keys} gives only the encryption key Ka (a charon log, or the PSK and the DH secret, give SKEYID and SKEYID_a)</source>
        <translation>invérifiable : {keys} ne donne que la clé de chiffrement Ka (un journal charon, ou la PSK et le secret DH, donnent SKEYID et SKEYID_a)</translation>
    </message>
    <message>
        <source>not verifiable</source>
        <extracomment>At most this many negotiations are kept; later ones are counted in ``dropped_negotiations``. Negotiations not kept are counted once each up to this many (then once per message). At most this many messages (retransmissions included) are kept per negotiation. At most this many problems are listed; the others are counted in ``problems_dropped``.</extracomment>
        <translation>invérifiable</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>vérifié</translation>
    </message>
    <message>
        <source>MISMATCH</source>
        <translation>INCORRECT</translation>
    </message>
    <message>
        <source>UDP {source} -&gt; {destination}: neither IKE nor ESP: {reason}</source>
        <translation>UDP {source} -&gt; {destination} : ni IKE ni ESP : {reason}</translation>
    </message>
    <message>
        <source>malformed IKE message: {error}</source>
        <translation>message IKE mal formé : {error}</translation>
    </message>
    <message>
        <source>{label} transform {number}: {error}</source>
        <translation>{label}, transformation {number} : {error}</translation>
    </message>
    <message>
        <source>{label} holds {count} transform, not one (RFC 2409 §5)</source>
        <translation>{label} contient {count} transformation, et non une seule (RFC 2409 §5)</translation>
    </message>
    <message>
        <source>{label} holds {count} transforms, not one (RFC 2409 §5)</source>
        <translation>{label} contient {count} transformations, et non une seule (RFC 2409 §5)</translation>
    </message>
    <message>
        <source>{label} transform: {error}</source>
        <translation>{label}, transformation : {error}</translation>
    </message>
    <message>
        <source>QM1 proposal {proposal} transform {number}: {error}</source>
        <translation>QM1, proposition {proposal}, transformation {number} : {error}</translation>
    </message>
    <message>
        <source>QM2 transform: {error}</source>
        <translation>QM2, transformation : {error}</translation>
    </message>
    <message>
        <source>{header}, malformed ({size} bytes)</source>
        <translation>{header}, mal formé ({size} octets)</translation>
    </message>
    <message>
        <source>HDR*, encrypted ({size} bytes)</source>
        <translation>HDR*, chiffré ({size} octets)</translation>
    </message>
    <message>
        <source>{count} NAT-keepalive</source>
        <translation>{count} NAT-keepalive</translation>
    </message>
    <message>
        <source>{count} NAT-keepalives</source>
        <translation>{count} NAT-keepalives</translation>
    </message>
    <message>
        <source>{count} ESP in UDP packet</source>
        <translation>{count} paquet ESP dans UDP</translation>
    </message>
    <message>
        <source>{count} ESP in UDP packets</source>
        <translation>{count} paquets ESP dans UDP</translation>
    </message>
    <message>
        <source>{count} IKEv2 message</source>
        <translation>{count} message IKEv2</translation>
    </message>
    <message>
        <source>{count} IKEv2 messages</source>
        <translation>{count} messages IKEv2</translation>
    </message>
    <message>
        <source>{count} unknown datagram</source>
        <translation>{count} datagramme inconnu</translation>
    </message>
    <message>
        <source>{count} unknown datagrams</source>
        <translation>{count} datagrammes inconnus</translation>
    </message>
</context>
<context>
    <name>diagnosis</name>
    <message>
        <source>Main Mode message {number}</source>
        <translation>message {number} du Main Mode</translation>
    </message>
    <message>
        <source>Quick Mode message {number}</source>
        <translation>message {number} du Quick Mode</translation>
    </message>
    <message>
        <source>Aggressive Mode message {number}</source>
        <translation>message {number} de l&apos;Aggressive Mode</translation>
    </message>
    <message>
        <source>an Informational message</source>
        <translation>un message Informational</translation>
    </message>
    <message>
        <source>Failed at Main Mode message {number}</source>
        <translation>Échec au message {number} du Main Mode</translation>
    </message>
    <message>
        <source>Failed at Quick Mode message {number}</source>
        <translation>Échec au message {number} du Quick Mode</translation>
    </message>
    <message>
        <source>Failed at Aggressive Mode message {number}</source>
        <translation>Échec au message {number} de l&apos;Aggressive Mode</translation>
    </message>
    <message>
        <source>Failed at an Informational message</source>
        <translation>Échec sur un message Informational</translation>
    </message>
    <message>
        <source>Failed at {message}</source>
        <translation>Échec à {message}</translation>
    </message>
    <message>
        <source>at Main Mode message {number}</source>
        <translation>au message {number} du Main Mode</translation>
    </message>
    <message>
        <source>at Quick Mode message {number}</source>
        <translation>au message {number} du Quick Mode</translation>
    </message>
    <message>
        <source>at Aggressive Mode message {number}</source>
        <translation>au message {number} de l&apos;Aggressive Mode</translation>
    </message>
    <message>
        <source>at an Informational message</source>
        <translation>sur un message Informational</translation>
    </message>
    <message>
        <source>at {message}</source>
        <translation>à {message}</translation>
    </message>
    <message>
        <source>encryption</source>
        <translation>chiffrement</translation>
    </message>
    <message>
        <source>hash</source>
        <translation>hachage</translation>
    </message>
    <message>
        <source>DH group</source>
        <translation>groupe DH</translation>
    </message>
    <message>
        <source>authentication method</source>
        <translation>méthode d&apos;authentification</translation>
    </message>
    <message>
        <source>key length</source>
        <translation>longueur de clé</translation>
    </message>
    <message>
        <source>lifetime</source>
        <translation>durée de vie</translation>
    </message>
    <message>
        <source>ESP transform</source>
        <translation>transformation ESP</translation>
    </message>
    <message>
        <source>ESP key length</source>
        <translation>longueur de clé ESP</translation>
    </message>
    <message>
        <source>ESP authentication</source>
        <translation>authentification ESP</translation>
    </message>
    <message>
        <source>PFS</source>
        <translation>PFS</translation>
    </message>
    <message>
        <source>PFS group</source>
        <translation>groupe PFS</translation>
    </message>
    <message>
        <source>encapsulation mode</source>
        <translation>mode d&apos;encapsulation</translation>
    </message>
    <message>
        <source>protocol</source>
        <translation>protocole</translation>
    </message>
    <message>
        <source>traffic selectors</source>
        <translation>sélecteurs de trafic</translation>
    </message>
    <message>
        <source>identification</source>
        <translation>identification</translation>
    </message>
    <message>
        <source>exchange type</source>
        <translation>type d&apos;échange</translation>
    </message>
    <message>
        <source>pre-shared key</source>
        <translation>clé pré-partagée (PSK)</translation>
    </message>
    <message>
        <source> and </source>
        <translation> et </translation>
    </message>
    <message>
        <source>(what {product} logs here is not documented)</source>
        <translation>(ce que journalise {product} ici n&apos;est pas documenté)</translation>
    </message>
    <message>
        <source>RSA signatures</source>
        <translation>signatures RSA</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>{bits} bits</source>
        <translation>{bits} bits</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>no PFS</source>
        <translation>pas de PFS</translation>
    </message>
    <message>
        <source>PFS group {group}</source>
        <translation>groupe PFS {group}</translation>
    </message>
    <message>
        <source>phase-1 {field}</source>
        <translation>{field} de phase 1</translation>
    </message>
    <message>
        <source>phase-2 {field}</source>
        <translation>{field} de phase 2</translation>
    </message>
    <message>
        <source>make {gateway} authenticate with a pre-shared key, like {peer}</source>
        <translation>faire s&apos;authentifier {gateway} par clé pré-partagée (PSK), comme {peer}</translation>
    </message>
    <message>
        <source>make {gateway} authenticate with RSA signatures, like {peer}</source>
        <translation>faire s&apos;authentifier {gateway} par signatures RSA, comme {peer}</translation>
    </message>
    <message>
        <source>phase-1 {field} to {value}</source>
        <translation>{field} de phase 1 = {value}</translation>
    </message>
    <message>
        <source>set {gateway}&apos;s {changes}</source>
        <translation>sur {gateway}, régler : {changes}</translation>
    </message>
    <message>
        <source>{product} does not support the {fields} the other side requires ({values}): change the other side</source>
        <translation>{product} ne prend pas en charge ce que l&apos;autre côté exige ({fields} : {values}) : modifiez l&apos;autre côté</translation>
    </message>
    <message>
        <source>set {gateway}&apos;s phase-1 lifetime to {seconds} s (its policy is {policy})</source>
        <translation>sur {gateway}, régler la durée de vie de phase 1 à {seconds} s (sa politique est {policy})</translation>
    </message>
    <message>
        <source>add a phase-1 proposal with {values} to {gateway}</source>
        <translation>ajouter à {gateway} une proposition de phase 1 avec {values}</translation>
    </message>
    <message>
        <source>{product} does not support the offered {fields}: change the other side</source>
        <translation>{product} ne prend pas en charge ce qui est proposé ({fields}) : modifiez l&apos;autre côté</translation>
    </message>
    <message>
        <source>{failure}: {responder} refused every phase-1 proposal of {initiator} (NO-PROPOSAL-CHOSEN)</source>
        <translation>{failure} : {responder} a refusé toutes les propositions de phase 1 de {initiator} (NO-PROPOSAL-CHOSEN)</translation>
    </message>
    <message>
        <source>{failure}: phase 1 is up, but {responder} refused every phase-2 proposal of {initiator} (NO-PROPOSAL-CHOSEN)</source>
        <translation>{failure} : la phase 1 est établie, mais {responder} a refusé toutes les propositions de phase 2 de {initiator} (NO-PROPOSAL-CHOSEN)</translation>
    </message>
    <message>
        <source>{failure}: the protected subnets (proxy identities) do not mirror each other; {responder} answered INVALID-ID-INFORMATION</source>
        <translation>{failure} : les sous-réseaux protégés (identités de proxy) ne sont pas le miroir l&apos;un de l&apos;autre ; {responder} a répondu INVALID-ID-INFORMATION</translation>
    </message>
    <message>
        <source>{failure}: {responder} could not decrypt it; the pre-shared keys most likely differ</source>
        <translation>{failure} : {responder} n&apos;a pas pu le déchiffrer ; les clés pré-partagées diffèrent très probablement</translation>
    </message>
    <message>
        <source>{failure}: {refuser} does not accept the identity {sender} sent</source>
        <translation>{failure} : {refuser} n&apos;accepte pas l&apos;identité envoyée par {sender}</translation>
    </message>
    <message>
        <source>{failure}: {responder} negotiates Main Mode only and refused the Aggressive Mode of {initiator}</source>
        <translation>{failure} : {responder} ne négocie qu&apos;en Main Mode et a refusé l&apos;Aggressive Mode de {initiator}</translation>
    </message>
    <message>
        <source>{failure}: {responder} never answered it</source>
        <translation>{failure} : {responder} n&apos;y a jamais répondu</translation>
    </message>
    <message>
        <source>{failure}: {reason}</source>
        <translation>{failure} : {reason}</translation>
    </message>
    <message>
        <source>{responder} answered message 1 with an unencrypted Informational NO-PROPOSAL-CHOSEN</source>
        <translation>{responder} a répondu au message 1 par un message Informational NO-PROPOSAL-CHOSEN non chiffré</translation>
    </message>
    <message>
        <source>tunnel</source>
        <translation>tunnel</translation>
    </message>
    <message>
        <source>transport</source>
        <translation>transport</translation>
    </message>
    <message>
        <source>set {gateway}&apos;s phase-2 proposal to {suite}, lifetime {seconds} s</source>
        <translation>sur {gateway}, régler la proposition de phase 2 sur {suite}, durée de vie {seconds} s</translation>
    </message>
    <message>
        <source>set {gateway}&apos;s phase-2 proposal to {suite}</source>
        <translation>sur {gateway}, régler la proposition de phase 2 sur {suite}</translation>
    </message>
    <message>
        <source>{product} negotiates phase 2 with its phase-1 algorithms and group: change its phase-1 proposal, or the other side</source>
        <translation>{product} négocie la phase 2 avec les algorithmes et le groupe de sa phase 1 : modifiez sa proposition de phase 1, ou l&apos;autre côté</translation>
    </message>
    <message>
        <source>{product} always requires PFS: enable PFS on {gateway}</source>
        <translation>{product} exige toujours le PFS : activez le PFS sur {gateway}</translation>
    </message>
    <message>
        <source>add the phase-2 proposal {suite} to {gateway}</source>
        <translation>ajouter la proposition de phase 2 {suite} à {gateway}</translation>
    </message>
    <message>
        <source>the ISAKMP SA is established (both sides authenticated)</source>
        <translation>la SA ISAKMP est établie (les deux côtés sont authentifiés)</translation>
    </message>
    <message>
        <source>{responder} answered Quick Mode message 1 with an encrypted Informational NO-PROPOSAL-CHOSEN</source>
        <translation>{responder} a répondu au message 1 du Quick Mode par un message Informational NO-PROPOSAL-CHOSEN chiffré</translation>
    </message>
    <message>
        <source>local subnet / remote subnet</source>
        <translation>sous-réseau local / sous-réseau distant</translation>
    </message>
    <message>
        <source>set {gateway}&apos;s local subnet to {local} and remote subnet to {remote}</source>
        <translation>sur {gateway}, régler le sous-réseau local sur {local} et le sous-réseau distant sur {remote}</translation>
    </message>
    <message>
        <source>the ISAKMP SA is established</source>
        <translation>la SA ISAKMP est établie</translation>
    </message>
    <message>
        <source>{initiator} proposed {proposed}, {responder} expects {expected}</source>
        <translation>{initiator} a proposé {proposed}, {responder} attend {expected}</translation>
    </message>
    <message>
        <source>set {gateway}&apos;s pre-shared key to the one {peer} uses</source>
        <translation>sur {gateway}, régler la clé pré-partagée sur celle qu&apos;utilise {peer}</translation>
    </message>
    <message>
        <source>(secret)</source>
        <translation>(secrète)</translation>
    </message>
    <message>
        <source>{failure}: {refuser} computed another {hash}; the pre-shared keys most likely differ</source>
        <translation>{failure} : {refuser} a calculé un autre {hash} ; les clés pré-partagées diffèrent très probablement</translation>
    </message>
    <message>
        <source>the proposals and the DH exchange agree: {refuser} checked the {hash} that {sender} sent</source>
        <translation>les propositions et l’échange DH concordent : {refuser} a vérifié le {hash} envoyé par {sender}</translation>
    </message>
    <message>
        <source>messages 1 to 4 went through: the proposals and the DH exchange agree</source>
        <translation>les messages 1 à 4 sont passés : les propositions et l&apos;échange DH s&apos;accordent</translation>
    </message>
    <message>
        <source>{responder} decrypted message 5 to garbage and answered PAYLOAD-MALFORMED, encrypted with its own key</source>
        <translation>{responder} a déchiffré le message 5 en données incohérentes et a répondu PAYLOAD-MALFORMED, chiffré avec sa propre clé</translation>
    </message>
    <message>
        <source>{initiator} could not read that answer, sent message 5 {tries} times and gave up</source>
        <translation>{initiator} n&apos;a pas pu lire cette réponse, a envoyé {tries} fois le message 5 puis a abandonné</translation>
    </message>
    <message>
        <source>the two pre-shared keys differ: each side derived its own SKEYID and Ka, so neither can read the other&apos;s encrypted messages (the most common cause)</source>
        <translation>les deux clés pré-partagées diffèrent : chaque côté a dérivé ses propres SKEYID et Ka, si bien qu&apos;aucun ne peut lire les messages chiffrés de l&apos;autre (la cause la plus fréquente)</translation>
    </message>
    <message>
        <source>less likely: the responder picked the key of another peer, e.g. because the initiator&apos;s address is not the one configured (a NAT)</source>
        <translation>moins probable : le répondeur a pris la clé d&apos;un autre pair, par exemple parce que l&apos;adresse de l&apos;initiateur n&apos;est pas celle configurée (un NAT)</translation>
    </message>
    <message>
        <source>make {gateway} identify itself as {identity}</source>
        <translation>faire s&apos;identifier {gateway} comme {identity}</translation>
    </message>
    <message>
        <source>make {gateway} expect the identity {identity} of type {type}</source>
        <translation>faire attendre à {gateway} l&apos;identité {identity} de type {type}</translation>
    </message>
    <message>
        <source>phase-1 identity (sent / expected)</source>
        <translation>identité de phase 1 (envoyée / attendue)</translation>
    </message>
    <message>
        <source>{gateway} sent {identity}</source>
        <translation>{gateway} a envoyé {identity}</translation>
    </message>
    <message>
        <source>{gateway} expects {identity}</source>
        <translation>{gateway} attend {identity}</translation>
    </message>
    <message>
        <source>Aggressive</source>
        <translation>Aggressive Mode</translation>
    </message>
    <message>
        <source>Main Mode only</source>
        <translation>Main Mode uniquement</translation>
    </message>
    <message>
        <source>phase-1 mode</source>
        <translation>mode de phase 1</translation>
    </message>
    <message>
        <source>make {gateway} use Main Mode (identity protection) instead of Aggressive Mode</source>
        <translation>faire utiliser à {gateway} le Main Mode (protection d&apos;identité) au lieu de l&apos;Aggressive Mode</translation>
    </message>
    <message>
        <source>{responder} refused message 1 because of its exchange type</source>
        <translation>{responder} a refusé le message 1 à cause de son type d&apos;échange</translation>
    </message>
    <message>
        <source>{initiator} sent {message} and its retransmissions; no answer came back</source>
        <translation>{initiator} a envoyé le {message} et ses retransmissions ; aucune réponse n&apos;est revenue</translation>
    </message>
    <message>
        <source>the message does not reach the peer (a NAT or firewall on the path, a wrong peer address), or the peer drops it silently</source>
        <translation>le message n&apos;atteint pas le pair (un NAT ou un pare-feu sur le chemin, une mauvaise adresse du pair), ou le pair l&apos;ignore sans rien dire</translation>
    </message>
    <message>
        <source>{gateway}&apos;s phase-2 proposals have different PFS groups: Quick Mode carries one KE, so only those with the first one&apos;s ({group}) are offered</source>
        <translation>les propositions de phase 2 de {gateway} ont des groupes PFS différents : le Quick Mode ne porte qu’un KE, seules celles du groupe de la première ({group}) sont donc proposées</translation>
    </message>
    <message>
        <source>phase 1 uses DES: 56-bit keys are broken; use AES (or 3DES)</source>
        <translation>la phase 1 utilise le DES : les clés de 56 bits sont cassées ; utilisez l&apos;AES (ou le 3DES)</translation>
    </message>
    <message>
        <source>phase 1 uses MD5: weak; use SHA-1 or better, SHA2-256</source>
        <translation>la phase 1 utilise le MD5 : faible ; utilisez le SHA-1 ou mieux, le SHA2-256</translation>
    </message>
    <message>
        <source>phase-1 DH group {group} ({name}) is weak; use 14 or more</source>
        <translation>le groupe DH {group} ({name}) de phase 1 est faible ; utilisez 14 ou plus</translation>
    </message>
    <message>
        <source>phase 2 uses DES: broken; use AES</source>
        <translation>la phase 2 utilise le DES : cassé ; utilisez l&apos;AES</translation>
    </message>
    <message>
        <source>phase 2 uses HMAC-MD5</source>
        <translation>la phase 2 utilise HMAC-MD5</translation>
    </message>
    <message>
        <source>phase 2 has no PFS: a stolen phase-1 key opens every IPsec SA</source>
        <translation>la phase 2 n&apos;a pas de PFS : une clé de phase 1 dérobée ouvre toutes les SA IPsec</translation>
    </message>
    <message>
        <source>the PFS group {group} is weak</source>
        <translation>le groupe PFS {group} est faible</translation>
    </message>
    <message>
        <source>phase-1 group {group} and PFS group {pfs_group} differ: {product} expects the same group in both phases</source>
        <translation>le groupe de phase 1 ({group}) et le groupe PFS ({pfs_group}) diffèrent : {product} attend le même groupe dans les deux phases</translation>
    </message>
    <message>
        <source>a NAT sits between the gateways but NAT-T (RFC 3947) is not in use: IKE passes, but ESP (IP protocol 50) will not cross the NAT; enable NAT-T on both sides</source>
        <translation>un NAT se trouve entre les passerelles mais le NAT-T (RFC 3947) n&apos;est pas utilisé : IKE passe, mais l&apos;ESP (protocole IP 50) ne traversera pas le NAT ; activez le NAT-T des deux côtés</translation>
    </message>
    <message>
        <source>phase-{phase} lifetimes differ: {initiator} offers {offered} s, {responder} is configured with {configured} s; with its policy ({policy}) the SA lives {result} s</source>
        <translation>les durées de vie de phase {phase} diffèrent : {initiator} propose {offered} s, {responder} est configuré avec {configured} s ; avec sa politique ({policy}), la SA vit {result} s</translation>
    </message>
    <message>
        <source>; the initiator keeps its own timer and may rekey at another time</source>
        <translation> ; l&apos;initiateur garde son propre temporisateur et peut renégocier à un autre moment</translation>
    </message>
    <message>
        <source>{fix}. Not enough on its own; with this change: {outcome}</source>
        <translation>{fix}. Insuffisant à lui seul ; avec ce changement : {outcome}</translation>
    </message>
    <message>
        <source>the negotiation then does not finish</source>
        <translation>la négociation ne se termine alors pas</translation>
    </message>
    <message>
        <source>{fix} would change nothing: {product} does not use this setting; change the other side</source>
        <translation>{fix} ne changerait rien : {product} n’utilise pas ce réglage ; modifier l’autre côté</translation>
    </message>
    <message>
        <source>Established: Main Mode and Quick Mode completed; the IPsec tunnel is up</source>
        <translation>Établi : Main Mode et Quick Mode terminés ; le tunnel IPsec est monté</translation>
    </message>
    <message>
        <source>The negotiation did not complete</source>
        <translation>La négociation n&apos;a pas abouti</translation>
    </message>
    <message>
        <source>neither side reported a failure</source>
        <translation>aucun des deux côtés n&apos;a signalé d&apos;échec</translation>
    </message>
</context>
<context>
    <name>diagram</name>
    <message>
        <source>Timeout</source>
        <translation>Expiration</translation>
    </message>
    <message>
        <source>{gateway} gave up waiting for an answer to {label} after {attempts} retransmissions</source>
        <translation>{gateway} a cessé d&apos;attendre une réponse à {label} après {attempts} retransmissions</translation>
    </message>
    <message>
        <source>Refused: {notify}</source>
        <translation>Refusé : {notify}</translation>
    </message>
    <message>
        <source>Phase 1 (Aggressive Mode)</source>
        <translation>Phase 1 (Aggressive Mode)</translation>
    </message>
    <message>
        <source>Phase 1 (Main Mode)</source>
        <translation>Phase 1 (Main Mode)</translation>
    </message>
    <message>
        <source>Phase 2 (Quick Mode)</source>
        <translation>Phase 2 (Quick Mode)</translation>
    </message>
    <message>
        <source>timeout waiting for the answer to {label}</source>
        <translation>délai dépassé en attendant la réponse à {label}</translation>
    </message>
    <message>
        <source> (retransmission {number})</source>
        <translation> (retransmission {number})</translation>
    </message>
    <message>
        <source>initiator</source>
        <translation>initiateur</translation>
    </message>
    <message>
        <source>responder</source>
        <translation>répondeur</translation>
    </message>
    <message>
        <source>retransmission {number}</source>
        <translation>retransmission {number}</translation>
    </message>
    <message>
        <source>failure</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>Established</source>
        <translation>Établi</translation>
    </message>
    <message>
        <source>Not completed</source>
        <translation>Inachevé</translation>
    </message>
    <message>
        <source>expected next: never sent</source>
        <translation>attendu ensuite : jamais envoyé</translation>
    </message>
    <message>
        <source>could not use it</source>
        <translation>inexploitable</translation>
    </message>
    <message>
        <source>cannot decrypt</source>
        <translation>indéchiffrable</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refusé</translation>
    </message>
    <message>
        <source>gave up on {label}</source>
        <translation>abandon sur {label}</translation>
    </message>
</context>
<context>
    <name>reason</name>
    <message>
        <source>{field} {offered} offered, {configured} configured</source>
        <translation>{field} : proposé {offered}, configuré {configured}</translation>
    </message>
    <message>
        <source>no acceptable phase-1 proposal: {mismatches}</source>
        <translation>aucune proposition de phase 1 acceptable : {mismatches}</translation>
    </message>
    <message>
        <source>no acceptable phase-2 proposal: {mismatches}</source>
        <translation>aucune proposition de phase 2 acceptable : {mismatches}</translation>
    </message>
    <message>
        <source> (must be equal)</source>
        <translation> (égalité exigée)</translation>
    </message>
    <message>
        <source> (required)</source>
        <translation> (exigé)</translation>
    </message>
    <message>
        <source>no PFS</source>
        <translation>sans PFS</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>a KE payload</source>
        <translation>une charge utile KE</translation>
    </message>
    <message>
        <source>a supported group</source>
        <translation>un groupe pris en charge</translation>
    </message>
    <message>
        <source>Group-Description without a KE payload</source>
        <translation>Group-Description sans charge utile KE</translation>
    </message>
    <message>
        <source>at most {seconds} s</source>
        <translation>au plus {seconds} s</translation>
    </message>
    <message>
        <source>{bits} bits</source>
        <translation>{bits} bits</translation>
    </message>
    <message>
        <source>no acceptable phase-1 proposal: nothing offered</source>
        <translation>aucune proposition de phase 1 acceptable : rien n&apos;a été proposé</translation>
    </message>
    <message>
        <source>no acceptable phase-2 proposal: nothing offered</source>
        <translation>aucune proposition de phase 2 acceptable : rien n&apos;a été proposé</translation>
    </message>
    <message>
        <source>the responder&apos;s choice is not acceptable: {inner}</source>
        <translation>le choix du répondeur n&apos;est pas acceptable : {inner}</translation>
    </message>
    <message>
        <source>the reply must hold exactly one proposal with one transform</source>
        <translation>la réponse doit contenir exactement une proposition avec une seule transformation</translation>
    </message>
    <message>
        <source>the chosen transform is not one that was offered</source>
        <translation>la transformation choisie ne fait pas partie de celles proposées</translation>
    </message>
    <message>
        <source>phase 1 needs exactly one proposal of protocol ISAKMP (RFC 2409 §5)</source>
        <translation>la phase 1 exige exactement une proposition de protocole ISAKMP (RFC 2409 §5)</translation>
    </message>
    <message>
        <source>Life-Duration without a Life-Type before it</source>
        <translation>Life-Duration sans Life-Type avant lui</translation>
    </message>
    <message>
        <source>SA-Life-Duration without an SA-Life-Type before it</source>
        <translation>SA-Life-Duration sans SA-Life-Type avant lui</translation>
    </message>
    <message>
        <source>attribute {attribute} appears twice</source>
        <translation>l&apos;attribut {attribute} apparaît deux fois</translation>
    </message>
    <message>
        <source>transform {number} lacks {attributes}</source>
        <translation>il manque à la transformation {number} : {attributes}</translation>
    </message>
    <message>
        <source>Aggressive Mode is not accepted: this gateway negotiates Main Mode only</source>
        <translation>l&apos;Aggressive Mode n&apos;est pas accepté : cette passerelle ne négocie qu&apos;en Main Mode</translation>
    </message>
    <message>
        <source>the responder chose another DH group than the one of our KE (Aggressive Mode cannot negotiate it, RFC 2409 §5.4)</source>
        <translation>le répondeur a choisi un autre groupe DH que celui de notre KE (l&apos;Aggressive Mode ne peut pas le négocier, RFC 2409 §5.4)</translation>
    </message>
    <message>
        <source>the first payload of {label} must be the SA (RFC 2409 §5)</source>
        <translation>la première charge utile de {label} doit être la SA (RFC 2409 §5)</translation>
    </message>
    <message>
        <source>{label} must be encrypted (RFC 2409 §5)</source>
        <translation>{label} doit être chiffré (RFC 2409 §5)</translation>
    </message>
    <message>
        <source>{label} must be encrypted</source>
        <translation>{label} doit être chiffré</translation>
    </message>
    <message>
        <source>{label} must not be encrypted (RFC 2409 §5.4)</source>
        <translation>{label} ne doit pas être chiffré (RFC 2409 §5.4)</translation>
    </message>
    <message>
        <source>{label} has no CERT payload and no public key of the peer is configured</source>
        <translation>{label} n&apos;a pas de charge utile CERT et aucune clé publique du pair n&apos;est configurée</translation>
    </message>
    <message>
        <source>{label} has no {payload} payload (RFC 2409 §5.4)</source>
        <translation>{label} n&apos;a pas de charge utile {payload} (RFC 2409 §5.4)</translation>
    </message>
    <message>
        <source>{label} has no {payload} payload</source>
        <translation>{label} n&apos;a pas de charge utile {payload}</translation>
    </message>
    <message>
        <source>{label} lacks its SA or nonce</source>
        <translation>il manque à {label} sa SA ou son nonce</translation>
    </message>
    <message>
        <source>{label} lacks its KE and NONCE payloads</source>
        <translation>il manque à {label} ses charges utiles KE et NONCE</translation>
    </message>
    <message>
        <source>{label} lacks its {payload} payload</source>
        <translation>il manque à {label} sa charge utile {payload}</translation>
    </message>
    <message>
        <source>{label} must start with a HASH payload (RFC 2409 §5.5)</source>
        <translation>{label} doit commencer par une charge utile HASH (RFC 2409 §5.5)</translation>
    </message>
    <message>
        <source>nonce of {size} bytes (RFC 2409 §5: 8 to 256)</source>
        <translation>nonce de {size} octets (RFC 2409 §5 : de 8 à 256)</translation>
    </message>
    <message>
        <source>unusable KE payload: {inner}</source>
        <translation>charge utile KE inutilisable : {inner}</translation>
    </message>
    <message>
        <source>{label} could not be decrypted</source>
        <translation>{label} n&apos;a pas pu être déchiffré</translation>
    </message>
    <message>
        <source>the HASH of the CONNECTED message does not match</source>
        <translation>le HASH du message CONNECTED ne correspond pas</translation>
    </message>
    <message>
        <source>calculated {name} does not match the HASH payload</source>
        <translation>le {name} calculé ne correspond pas à la charge utile HASH</translation>
    </message>
    <message>
        <source>the peer&apos;s identity {payload} does not match the configured remote identity</source>
        <translation>l&apos;identité {payload} du pair ne correspond pas à l&apos;identité distante configurée</translation>
    </message>
    <message>
        <source>the responder&apos;s proxy identities {selectors} are not within those offered</source>
        <translation>les identités de proxy {selectors} du répondeur ne sont pas comprises dans celles proposées</translation>
    </message>
    <message>
        <source>RSA signature authentication needs a private key</source>
        <translation>l&apos;authentification par signature RSA exige une clé privée</translation>
    </message>
    <message>
        <source>the private key is not the one of the own certificate</source>
        <translation>la clé privée n&apos;est pas celle du certificat local</translation>
    </message>
    <message>
        <source>cannot sign: {inner}</source>
        <translation>signature impossible : {inner}</translation>
    </message>
    <message>
        <source>SIG_{which} does not verify with the public key of the certificate {subject}</source>
        <translation>SIG_{which} ne se vérifie pas avec la clé publique du certificat {subject}</translation>
    </message>
    <message>
        <source>SIG_{which} does not verify with the configured peer public key (unreadable)</source>
        <translation>SIG_{which} ne se vérifie pas avec la clé publique du pair configurée (illisible)</translation>
    </message>
    <message>
        <source>SIG_{which} cannot be verified: no public key of the peer is configured</source>
        <translation>SIG_{which} ne peut pas être vérifiée : aucune clé publique du pair n&apos;est configurée</translation>
    </message>
    <message>
        <source>SIG_{which} does not verify with the peer&apos;s public key</source>
        <translation>SIG_{which} ne se vérifie pas avec la clé publique du pair</translation>
    </message>
    <message>
        <source>own certificate unusable: {inner}</source>
        <translation>certificat local inutilisable : {inner}</translation>
    </message>
    <message>
        <source>the peer&apos;s certificate encoding is not supported: {encodings}</source>
        <translation>l&apos;encodage du certificat du pair n&apos;est pas pris en charge : {encodings}</translation>
    </message>
    <message>
        <source>cannot read the certificate: {error}</source>
        <translation>impossible de lire le certificat : {error}</translation>
    </message>
    <message>
        <source>no certificate in the data</source>
        <translation>aucun certificat dans les données</translation>
    </message>
    <message>
        <source>the CERT payload is not a DER X.509 certificate: {error}</source>
        <translation>la charge utile CERT n&apos;est pas un certificat X.509 DER : {error}</translation>
    </message>
    <message>
        <source>not a DN attribute: {attribute}</source>
        <translation>pas un attribut de DN : {attribute}</translation>
    </message>
    <message>
        <source>bad DN attribute {attribute}: {error}</source>
        <translation>attribut de DN incorrect {attribute} : {error}</translation>
    </message>
    <message>
        <source>the peer&apos;s certificate {name} is expired: valid from {start} to {end}, now {now}</source>
        <translation>le certificat du pair {name} a expiré : valide du {start} au {end}, nous sommes le {now}</translation>
    </message>
    <message>
        <source>the peer&apos;s certificate {name} is not yet valid: valid from {start} to {end}, now {now}</source>
        <translation>le certificat du pair {name} n&apos;est pas encore valide : valide du {start} au {end}, nous sommes le {now}</translation>
    </message>
    <message>
        <source>the trusted CA certificate {name} is expired: valid from {start} to {end}, now {now}</source>
        <translation>le certificat de l&apos;AC de confiance {name} a expiré : valide du {start} au {end}, nous sommes le {now}</translation>
    </message>
    <message>
        <source>the trusted CA certificate {name} is not yet valid: valid from {start} to {end}, now {now}</source>
        <translation>le certificat de l&apos;AC de confiance {name} n&apos;est pas encore valide : valide du {start} au {end}, nous sommes le {now}</translation>
    </message>
    <message>
        <source>the intermediate CA certificate {name} is expired: valid from {start} to {end}, now {now}</source>
        <translation>le certificat de l&apos;AC intermédiaire {name} a expiré : valide du {start} au {end}, nous sommes le {now}</translation>
    </message>
    <message>
        <source>the intermediate CA certificate {name} is not yet valid: valid from {start} to {end}, now {now}</source>
        <translation>le certificat de l&apos;AC intermédiaire {name} n&apos;est pas encore valide : valide du {start} au {end}, nous sommes le {now}</translation>
    </message>
    <message>
        <source>the signature of {subject} does not verify with the key of {issuer}</source>
        <translation>la signature de {subject} ne se vérifie pas avec la clé de {issuer}</translation>
    </message>
    <message>
        <source>no certificate</source>
        <translation>aucun certificat</translation>
    </message>
    <message>
        <source>the peer&apos;s certificate {name} was issued by {issuer}, which is not a trusted CA (trusted: {trusted})</source>
        <translation>le certificat du pair {name} a été émis par {issuer}, qui n&apos;est pas une AC de confiance (AC de confiance : {trusted})</translation>
    </message>
    <message>
        <source>certificate path too long</source>
        <translation>chaîne de certificats trop longue</translation>
    </message>
    <message>
        <source>the peer&apos;s certificate holds a {kind}, RSA signatures need RSA</source>
        <translation>le certificat du pair contient une clé {kind}, les signatures RSA exigent une clé RSA</translation>
    </message>
    <message>
        <source>the peer&apos;s ID {claimed} is not in its certificate {name} (the certificate has no such subjectAltName)</source>
        <translation>l&apos;ID du pair {claimed} ne figure pas dans son certificat {name} (le certificat n&apos;a pas de subjectAltName de ce type)</translation>
    </message>
    <message>
        <source>the peer&apos;s ID {claimed} is not in its certificate {name} (the certificate names {names})</source>
        <translation>l&apos;ID du pair {claimed} ne figure pas dans son certificat {name} (le certificat indique {names})</translation>
    </message>
    <message>
        <source>a {digest}-byte hash does not fit a {size}-byte key</source>
        <translation>une empreinte de {digest} octets ne tient pas dans une clé de {size} octets</translation>
    </message>
    <message>
        <source>cannot read the private key: {error}</source>
        <translation>impossible de lire la clé privée : {error}</translation>
    </message>
    <message>
        <source>the private key is not an RSA key</source>
        <translation>la clé privée n&apos;est pas une clé RSA</translation>
    </message>
    <message>
        <source>cannot read the public key: {error}</source>
        <translation>impossible de lire la clé publique : {error}</translation>
    </message>
    <message>
        <source>the public key is not an RSA key</source>
        <translation>la clé publique n&apos;est pas une clé RSA</translation>
    </message>
    <message>
        <source>unsupported Diffie-Hellman group {group}</source>
        <translation>groupe Diffie-Hellman {group} non pris en charge</translation>
    </message>
    <message>
        <source>{group} public value is not a point on the curve</source>
        <translation>la valeur publique {group} n&apos;est pas un point de la courbe</translation>
    </message>
    <message>
        <source>{group} public value out of [2, p-2]</source>
        <translation>la valeur publique {group} est hors de [2, p-2]</translation>
    </message>
    <message>
        <source>{group} public value has {size} bytes instead of {expected}</source>
        <translation>la valeur publique {group} a {size} octets au lieu de {expected}</translation>
    </message>
    <message>
        <source>unknown initiator cookie (another negotiation)</source>
        <translation>cookie d&apos;initiateur inconnu (une autre négociation)</translation>
    </message>
    <message>
        <source>{exchange} message unexpected in state {state}</source>
        <translation>message {exchange} inattendu dans l&apos;état {state}</translation>
    </message>
    <message>
        <source>Quick Mode message with another message ID</source>
        <translation>message de Quick Mode avec un autre identifiant de message</translation>
    </message>
    <message>
        <source>a message of the Quick Mode exchange without CONNECTED</source>
        <translation>un message de l&apos;échange Quick Mode sans CONNECTED</translation>
    </message>
    <message>
        <source>an encrypted Informational message that does not decrypt</source>
        <translation>un message Informational chiffré qui ne se déchiffre pas</translation>
    </message>
    <message>
        <source>Informational HASH(1) does not match</source>
        <translation>le HASH(1) du message Informational ne correspond pas</translation>
    </message>
    <message>
        <source>the two pre-shared keys differ (each side derived its own Ka)</source>
        <translation>les deux clés pré-partagées diffèrent (chaque côté a dérivé sa propre clé Ka)</translation>
    </message>
    <message>
        <source>the two pre-shared keys differ</source>
        <translation>les deux clés pré-partagées diffèrent</translation>
    </message>
    <message>
        <source>the peer encrypted it with keys other than ours: most likely the pre-shared keys differ</source>
        <translation>le pair l&apos;a chiffré avec d&apos;autres clés que les nôtres : les clés pré-partagées diffèrent très probablement</translation>
    </message>
    <message>
        <source>{label} could not be decrypted: the pre-shared keys most likely differ</source>
        <translation>{label} n&apos;a pas pu être déchiffré : les clés pré-partagées diffèrent très probablement</translation>
    </message>
    <message>
        <source>{label} does not decrypt to valid payloads</source>
        <translation>{label} ne se déchiffre pas en charges utiles valides</translation>
    </message>
    <message>
        <source>configured remote identity unusable: {inner}</source>
        <translation>identité distante configurée inutilisable : {inner}</translation>
    </message>
    <message>
        <source>own identity unusable: {inner}</source>
        <translation>identité locale inutilisable : {inner}</translation>
    </message>
    <message>
        <source>no matching IPsec SA configuration for the proxy identities {selectors}</source>
        <translation>aucune configuration de SA IPsec ne correspond aux identités de proxy {selectors}</translation>
    </message>
    <message>
        <source>the peer refused {label} with {notify}</source>
        <translation>le pair a refusé {label} par {notify}</translation>
    </message>
    <message>
        <source>{hash} does not match: integrity check failed</source>
        <translation>{hash} ne correspond pas : échec du contrôle d&apos;intégrité</translation>
    </message>
    <message>
        <source>PFS was offered but QM2 has no KE payload</source>
        <translation>le PFS a été proposé mais QM2 n&apos;a pas de charge utile KE</translation>
    </message>
    <message>
        <source>no usable answer to {label} after {attempts} retransmissions: giving up</source>
        <translation>aucune réponse exploitable à {label} après {attempts} retransmissions : abandon</translation>
    </message>
    <message>
        <source>PFS without KE</source>
        <translation>PFS sans KE</translation>
    </message>
</context>
</TS>
