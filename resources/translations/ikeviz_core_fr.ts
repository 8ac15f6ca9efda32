<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
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
        <translation>(ce que {product} journalise ici n&apos;est pas documenté)</translation>
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
        <source>Failed at {message}: {responder} refused every phase-1 proposal of {initiator} (NO-PROPOSAL-CHOSEN)</source>
        <translation>Échec au {message} : {responder} a refusé toutes les propositions de phase 1 de {initiator} (NO-PROPOSAL-CHOSEN)</translation>
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
        <source>Failed at {message}: phase 1 is up, but {responder} refused every phase-2 proposal of {initiator} (NO-PROPOSAL-CHOSEN)</source>
        <translation>Échec au {message} : la phase 1 est établie, mais {responder} a refusé toutes les propositions de phase 2 de {initiator} (NO-PROPOSAL-CHOSEN)</translation>
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
        <source>Failed at {message}: the protected subnets (proxy identities) do not mirror each other; {responder} answered INVALID-ID-INFORMATION</source>
        <translation>Échec au {message} : les sous-réseaux protégés (identités de proxy) ne se correspondent pas ; {responder} a répondu INVALID-ID-INFORMATION</translation>
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
        <source>Failed at {message}: {responder} could not decrypt it; the pre-shared keys most likely differ</source>
        <translation>Échec au {message} : {responder} n&apos;a pas pu le déchiffrer ; les clés pré-partagées diffèrent très probablement</translation>
    </message>
    <message>
        <source>(secret)</source>
        <translation>(secrète)</translation>
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
        <translation>{initiator} n&apos;a pas pu lire cette réponse, a envoyé le message 5 {tries} fois puis a abandonné</translation>
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
        <source>Failed at {message}: {refuser} does not accept the identity {sender} sent</source>
        <translation>Échec au {message} : {refuser} n&apos;accepte pas l&apos;identité envoyée par {sender}</translation>
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
        <source>Failed at {message}: {responder} negotiates Main Mode only and refused the Aggressive Mode of {initiator}</source>
        <translation>Échec au {message} : {responder} ne négocie qu&apos;en Main Mode et a refusé l&apos;Aggressive Mode de {initiator}</translation>
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
        <source>Failed at {message}: {responder} never answered it</source>
        <translation>Échec au {message} : {responder} n&apos;y a jamais répondu</translation>
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
        <source>Failed at {message}: {reason}</source>
        <translation>Échec au {message} : {reason}</translation>
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
        <source>Failed at {message}</source>
        <translation>Échec au {message}</translation>
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
        <translation>{field} : {offered} proposé, {configured} configuré</translation>
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
        <translation> (doit être égal)</translation>
    </message>
    <message>
        <source> (required)</source>
        <translation> (exigé)</translation>
    </message>
    <message>
        <source>no PFS</source>
        <translation>pas de PFS</translation>
    </message>
    <message>
        <source>at most {seconds} s</source>
        <translation>au plus {seconds} s</translation>
    </message>
    <message>
        <source>Aggressive Mode is not accepted: this gateway negotiates Main Mode only</source>
        <translation>l&apos;Aggressive Mode n&apos;est pas accepté : cette passerelle ne négocie qu&apos;en Main Mode</translation>
    </message>
    <message>
        <source>the peer&apos;s identity {payload} does not match the configured remote identity</source>
        <translation>l&apos;identité {payload} du pair ne correspond pas à l&apos;identité distante configurée</translation>
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
