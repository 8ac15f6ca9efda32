<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>CaptureOptionsDialog</name>
    <message>
        <source>Open Capture</source>
        <translation>Ouvrir une capture</translation>
    </message>
    <message>
        <source>Open a capture</source>
        <translation>Ouvrir une capture</translation>
    </message>
    <message>
        <source>a .pcap or .pcapng file</source>
        <translation>un fichier .pcap ou .pcapng</translation>
    </message>
    <message>
        <source>&amp;Capture</source>
        <translation>&amp;Capture</translation>
    </message>
    <message>
        <source>Keys to decrypt the encrypted messages (optional)</source>
        <translation>Clés pour déchiffrer les messages chiffrés (facultatif)</translation>
    </message>
    <message>
        <source>Wireshark IKEv1 decryption table</source>
        <translation>Table de déchiffrement IKEv1 de Wireshark</translation>
    </message>
    <message>
        <source>ikev1_decryption_table: icookie,key lines</source>
        <translation>ikev1_decryption_table : lignes icookie,clé</translation>
    </message>
    <message>
        <source>&amp;Wireshark table</source>
        <translation>Table &amp;Wireshark</translation>
    </message>
    <message>
        <source>strongSwan charon log</source>
        <translation>Journal charon de strongSwan</translation>
    </message>
    <message>
        <source>written at ike level 4</source>
        <translation>écrit au niveau ike 4</translation>
    </message>
    <message>
        <source>c&amp;haron log</source>
        <translation>Journal c&amp;haron</translation>
    </message>
    <message>
        <source>with the DH shared secret below</source>
        <translation>avec le secret DH partagé ci-dessous</translation>
    </message>
    <message>
        <source>&amp;Pre-shared key</source>
        <translation>Clé &amp;pré-partagée</translation>
    </message>
    <message>
        <source>g^xy in hex, as charon logs it</source>
        <translation>g^xy en hexadécimal, tel que charon le journalise</translation>
    </message>
    <message>
        <source>&amp;DH shared secret</source>
        <translation>Secret &amp;DH partagé</translation>
    </message>
    <message>
        <source>The gateways&apos; products</source>
        <translation>Les produits des passerelles</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>A refused offer is set against what this product supports</source>
        <translation>Une offre refusée est comparée à ce que ce produit prend en charge</translation>
    </message>
    <message>
        <source>&amp;Responder</source>
        <translation>&amp;Répondeur</translation>
    </message>
    <message>
        <source>&amp;Initiator</source>
        <translation>&amp;Initiateur</translation>
    </message>
    <message>
        <source>Choose a capture file.</source>
        <translation>Choisissez un fichier de capture.</translation>
    </message>
    <message>
        <source>The pre-shared key decrypts only with the DH shared secret: give both.</source>
        <translation>La clé pré-partagée ne déchiffre qu’avec le secret DH partagé : indiquez les deux.</translation>
    </message>
</context>
<context>
    <name>CapturePanel</name>
    <message>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>Trame</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Initiator state</source>
        <translation>État de l’initiateur</translation>
    </message>
    <message>
        <source>Responder state</source>
        <translation>État du répondeur</translation>
    </message>
    <message>
        <source>Payloads</source>
        <translation>Charges utiles</translation>
    </message>
    <message>
        <source>Initiator → responder</source>
        <translation>Initiateur → répondeur</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Fails at</source>
        <translation>Échoue à</translation>
    </message>
    <message>
        <source>established</source>
        <translation>établie</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échouée</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>incomplète</translation>
    </message>
    <message>
        <source>Negotiations</source>
        <translation>Négociations</translation>
    </message>
    <message>
        <source>Malformed packets</source>
        <translation>Paquets malformés</translation>
    </message>
    <message>
        <source>Responder&apos;s &amp;product</source>
        <translation>&amp;Produit du répondeur</translation>
    </message>
    <message>
        <source>Name the responder&apos;s product: a refused offer is set against what it supports, and the scenario gets it</source>
        <translation>Indiquez le produit du répondeur : une offre refusée est comparée à ce qu’il prend en charge, et le scénario le reprend</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>Open as &amp;Scenario</source>
        <translation>Ouvrir comme &amp;scénario</translation>
    </message>
    <message>
        <source>Make this negotiation a new scenario: change the gateways&apos; settings and see what fixes it</source>
        <translation>Faire de cette négociation un nouveau scénario : modifiez les réglages des passerelles et voyez ce qui la corrige</translation>
    </message>
    <message numerus="yes">
        <source>%n frame(s)</source>
        <translation>
            <numerusform>%n trame</numerusform>
            <numerusform>%n trames</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n IKE message(s)</source>
        <translation>
            <numerusform>%n message IKE</numerusform>
            <numerusform>%n messages IKE</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n IKEv1 negotiation(s)</source>
        <translation>
            <numerusform>%n négociation IKEv1</numerusform>
            <numerusform>%n négociations IKEv1</numerusform>
        </translation>
    </message>
    <message>
        <source>also on the IKE ports: {what}</source>
        <translation>aussi sur les ports IKE : {what}</translation>
    </message>
    <message>
        <source>keys given: {decrypted} of {encrypted} encrypted messages decrypted</source>
        <translation>clés fournies : {decrypted} messages chiffrés sur {encrypted} déchiffrés</translation>
    </message>
    <message>
        <source>no keys given: encrypted messages are shown with their size</source>
        <translation>aucune clé fournie : les messages chiffrés sont montrés avec leur taille</translation>
    </message>
    <message>
        <source>{count} more negotiations not kept</source>
        <translation>{count} négociations de plus non conservées</translation>
    </message>
    <message>
        <source>The capture could not be read to its end: {error}</source>
        <translation>La capture n’a pas pu être lue jusqu’au bout : {error}</translation>
    </message>
    <message>
        <source>frame {frame}: {reason}</source>
        <translation>trame {frame} : {reason}</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… et {count} de plus</translation>
    </message>
    <message>
        <source>Malformed packets ({count})</source>
        <translation>Paquets malformés ({count})</translation>
    </message>
    <message>
        <source>Malformed packets: none</source>
        <translation>Paquets malformés : aucun</translation>
    </message>
    <message>
        <source>{mode}, cookies {cookies}</source>
        <translation>{mode}, cookies {cookies}</translation>
    </message>
    <message>
        <source>Open a capture: File ▸ Open Capture…</source>
        <translation>Ouvrez une capture : Fichier ▸ Ouvrir une capture…</translation>
    </message>
    <message>
        <source>No IKEv1 negotiation in this capture (UDP ports 500 and 4500).</source>
        <translation>Aucune négociation IKEv1 dans cette capture (ports UDP 500 et 4500).</translation>
    </message>
    <message>
        <source>Select a negotiation.</source>
        <translation>Sélectionnez une négociation.</translation>
    </message>
    <message>
        <source>the capture starts after message 1: roles guessed</source>
        <translation>la capture commence après le message 1 : rôles déduits</translation>
    </message>
    <message>
        <source>Negotiation {number}</source>
        <translation>Négociation {number}</translation>
    </message>
    <message>
        <source>started {time} UTC (frame {frame})</source>
        <translation>début {time} UTC (trame {frame})</translation>
    </message>
    <message>
        <source>(again, {count})</source>
        <translation>(de nouveau, {count})</translation>
    </message>
    <message>
        <source>not readable with the keys given</source>
        <translation>illisible avec les clés fournies</translation>
    </message>
    <message>
        <source>{src} → {dst}, {size} bytes</source>
        <translation>{src} → {dst}, {size} octets</translation>
    </message>
    <message>
        <source>message ID {id}</source>
        <translation>Message ID {id}</translation>
    </message>
    <message>
        <source>decrypted with {key}</source>
        <translation>déchiffré avec {key}</translation>
    </message>
    <message>
        <source>not readable: {why}</source>
        <translation>illisible : {why}</translation>
    </message>
    <message>
        <source>malformed: {why}</source>
        <translation>malformé : {why}</translation>
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
        <source>Notify</source>
        <translation>Notify</translation>
    </message>
    <message>
        <source>{notify}, sent by the {sender}</source>
        <translation>{notify}, envoyé côté {sender}</translation>
    </message>
    <message>
        <source>Phase 1</source>
        <translation>Phase 1</translation>
    </message>
    <message>
        <source>Phase 2</source>
        <translation>Phase 2</translation>
    </message>
    <message>
        <source>Offered {number}</source>
        <translation>Proposé {number}</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Proposé</translation>
    </message>
    <message>
        <source>Chosen</source>
        <translation>Choisi</translation>
    </message>
    <message>
        <source>Decrypted with</source>
        <translation>Déchiffré avec</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Clés</translation>
    </message>
    <message>
        <source>none of those given decrypt these messages</source>
        <translation>aucune des clés fournies ne déchiffre ces messages</translation>
    </message>
    <message>
        <source>none given: encrypted messages are shown with their size</source>
        <translation>aucune fournie : les messages chiffrés sont montrés avec leur taille</translation>
    </message>
    <message>
        <source>Known</source>
        <translation>Certain</translation>
    </message>
    <message>
        <source>Likely</source>
        <translation>Probable</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflits</translation>
    </message>
    <message>
        <source>Fixes</source>
        <translation>Corrections</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
</context>
<context>
    <name>ChoiceCombo</name>
    <message>
        <source>not supported</source>
        <translation>non pris en charge</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>ikeviz: an unexpected error</source>
        <translation>ikeviz : une erreur inattendue</translation>
    </message>
    <message>
        <source>Something went wrong in ikeviz.</source>
        <translation>Quelque chose s’est mal passé dans ikeviz.</translation>
    </message>
    <message>
        <source>ikeviz is still running: you can go on, but if something looks wrong, save your work under a new name and start ikeviz again.</source>
        <translation>ikeviz fonctionne toujours : vous pouvez continuer, mais si quelque chose semble anormal, enregistrez votre travail sous un nouveau nom et redémarrez ikeviz.</translation>
    </message>
    <message>
        <source>To report the problem, copy the report below into the issue. It holds no pre-shared key and no private key.</source>
        <translation>Pour signaler le problème, copiez le rapport ci-dessous dans le ticket. Il ne contient ni clé pré-partagée ni clé privée.</translation>
    </message>
    <message>
        <source>&amp;Copy Report</source>
        <translation>&amp;Copier le rapport</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>The same unexpected error again ({count} times): {summary}</source>
        <translation>De nouveau la même erreur inattendue ({count} fois) : {summary}</translation>
    </message>
    <message>
        <source>You had no unsaved changes.</source>
        <translation>Vous n’aviez aucune modification non enregistrée.</translation>
    </message>
    <message>
        <source>Your unsaved changes could NOT be kept ({error}): save them now.</source>
        <translation>Vos modifications non enregistrées n’ont PAS pu être conservées ({error}) : enregistrez-les maintenant.</translation>
    </message>
    <message>
        <source>Your unsaved changes were kept in {path}.</source>
        <translation>Vos modifications non enregistrées ont été conservées dans {path}.</translation>
    </message>
</context>
<context>
    <name>DiagnosisPanel</name>
    <message>
        <source>What differs</source>
        <translation>Ce qui diffère</translation>
    </message>
    <message>
        <source>How to fix it</source>
        <translation>Comment corriger</translation>
    </message>
    <message>
        <source>What the products log</source>
        <translation>Ce que journalisent les produits</translation>
    </message>
    <message>
        <source>This scenario cannot run</source>
        <translation>Ce scénario ne peut pas s’exécuter</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>erreur inconnue</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message>
        <source>Known</source>
        <translation>Certain</translation>
    </message>
    <message>
        <source>Likely</source>
        <translation>Probable</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <source>Refused by</source>
        <translation>Refusé par</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Charge utile</translation>
    </message>
    <message>
        <source>Notify</source>
        <translation>Notify</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Phase 1</source>
        <translation>Phase 1</translation>
    </message>
    <message>
        <source>Phase 2</source>
        <translation>Phase 2</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>Négocié</translation>
    </message>
    <message>
        <source>left</source>
        <translation>gauche</translation>
    </message>
    <message>
        <source>right</source>
        <translation>droite</translation>
    </message>
</context>
<context>
    <name>DiagramCanvas</name>
    <message>
        <source>Nothing to show</source>
        <translation>Rien à afficher</translation>
    </message>
    <message>
        <source>This scenario cannot run:

{error}</source>
        <translation>Ce scénario ne peut pas s’exécuter :

{error}</translation>
    </message>
    <message>
        <source>Click to inspect</source>
        <translation>Cliquez pour inspecter</translation>
    </message>
</context>
<context>
    <name>DiagramView</name>
    <message>
        <source>Copy Diagram as Image</source>
        <translation>Copier le diagramme en image</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <source>Actual Size</source>
        <translation>Taille réelle</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <source>Each product&apos;s own</source>
        <translation>Ceux de chaque produit</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Sans titre</translation>
    </message>
    <message>
        <source>Fix: {fix}</source>
        <translation>Correction : {fix}</translation>
    </message>
    <message>
        <source>{left} and {right}: the pre-shared keys are empty: enter each gateway&apos;s key (Authentication, Pre-shared key)</source>
        <translation>{left} et {right} : les clés pré-partagées sont vides : saisissez la clé de chaque passerelle (Authentification, Clé pré-partagée)</translation>
    </message>
    <message>
        <source>{name}: the pre-shared key is empty: enter it in the gateway&apos;s settings (Authentication, Pre-shared key)</source>
        <translation>{name} : la clé pré-partagée est vide : saisissez-la dans les réglages de la passerelle (Authentification, Clé pré-partagée)</translation>
    </message>
    <message>
        <source>cannot draw the diagram: {error}</source>
        <translation>impossible de dessiner le diagramme : {error}</translation>
    </message>
</context>
<context>
    <name>GatewayEditor</name>
    <message>
        <source>Gateway</source>
        <translation>Passerelle</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Identity (phase 1)</source>
        <translation>Identité (phase 1)</translation>
    </message>
    <message>
        <source>Set {name}&apos;s identity type to {value}</source>
        <translation>Type d’identité de {name} : {value}</translation>
    </message>
    <message>
        <source>Sends</source>
        <translation>Envoie</translation>
    </message>
    <message>
        <source>Set {name}&apos;s expected peer identity type to {value}</source>
        <translation>Type d’identité attendu du pair de {name} : {value}</translation>
    </message>
    <message>
        <source>Expects</source>
        <translation>Attend</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Authentification</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>required: type the key</source>
        <translation>obligatoire : saisissez la clé</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Show or hide the pre-shared key</source>
        <translation>Afficher ou masquer la clé pré-partagée</translation>
    </message>
    <message>
        <source>Pre-shared key</source>
        <translation>Clé pré-partagée</translation>
    </message>
    <message>
        <source>Set {name}&apos;s private key</source>
        <translation>Clé privée de {name}</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>Clé privée</translation>
    </message>
    <message>
        <source>Set {name}&apos;s peer&apos;s public key</source>
        <translation>Clé publique du pair de {name}</translation>
    </message>
    <message>
        <source>Peer public key</source>
        <translation>Clé publique du pair</translation>
    </message>
    <message>
        <source>Set {name}&apos;s certificate</source>
        <translation>Certificat de {name}</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificat</translation>
    </message>
    <message>
        <source>Set {name}&apos;s trusted CA</source>
        <translation>AC de confiance de {name}</translation>
    </message>
    <message>
        <source>Trusted CA</source>
        <translation>AC de confiance</translation>
    </message>
    <message>
        <source>Phase 1 · ISAKMP SA</source>
        <translation>Phase 1 · SA ISAKMP</translation>
    </message>
    <message>
        <source>Aggressive Mode</source>
        <translation>Utiliser l’Aggressive Mode</translation>
    </message>
    <message>
        <source>Set {name}&apos;s Aggressive Mode {value}</source>
        <translation>Aggressive Mode de {name} : {value}</translation>
    </message>
    <message>
        <source>NAT traversal</source>
        <translation>Activer le NAT traversal</translation>
    </message>
    <message>
        <source>Set {name}&apos;s NAT traversal {value}</source>
        <translation>NAT traversal de {name} : {value}</translation>
    </message>
    <message>
        <source>Phase 2 · IPsec SA</source>
        <translation>Phase 2 · SA IPsec</translation>
    </message>
    <message>
        <source>the gateway itself</source>
        <translation>la passerelle elle-même</translation>
    </message>
    <message>
        <source>Local subnet</source>
        <translation>Sous-réseau local</translation>
    </message>
    <message>
        <source>the peer itself</source>
        <translation>le pair lui-même</translation>
    </message>
    <message>
        <source>Remote subnet</source>
        <translation>Sous-réseau distant</translation>
    </message>
    <message>
        <source>Behaviour (how the product decides)</source>
        <translation>Comportement (comment le produit décide)</translation>
    </message>
    <message>
        <source>The Vendor ID payloads the product sends in its first message (from its profile)</source>
        <translation>Les charges utiles Vendor ID que le produit envoie dans son premier message (d’après son profil)</translation>
    </message>
    <message>
        <source>Vendor IDs</source>
        <translation>Vendor ID</translation>
    </message>
    <message>
        <source>Use the profile&apos;s behaviour</source>
        <translation>Utiliser le comportement du profil</translation>
    </message>
    <message>
        <source>Forget the changes made here: behave as the profile says the product does</source>
        <translation>Oublier les changements faits ici : se comporter comme le profil dit que le produit le fait</translation>
    </message>
    <message>
        <source>unknown profile</source>
        <translation>profil inconnu</translation>
    </message>
    <message>
        <source>This profile is not installed: the gateway cannot run.</source>
        <translation>Ce profil n’est pas installé : la passerelle ne peut pas fonctionner.</translation>
    </message>
    <message numerus="yes">
        <source>%n assumption(s) where the documentation is silent (see the profile file).</source>
        <translation>
            <numerusform>%n hypothèse là où la documentation ne dit rien (voir le fichier du profil).</numerusform>
            <numerusform>%n hypothèses là où la documentation ne dit rien (voir le fichier du profil).</numerusform>
        </translation>
    </message>
    <message>
        <source>not supported by {product}</source>
        <translation>non pris en charge par {product}</translation>
    </message>
    <message>
        <source>required</source>
        <translation>obligatoire</translation>
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation>
            <numerusform>%n modifié</numerusform>
            <numerusform>%n modifiés</numerusform>
        </translation>
    </message>
    <message>
        <source>Changed here; {product}&apos;s default: {value}</source>
        <translation>Modifié ici ; valeur par défaut de {product} : {value}</translation>
    </message>
    <message>
        <source>{product}&apos;s default</source>
        <translation>Valeur par défaut de {product}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>A gateway needs a name</source>
        <translation>Une passerelle doit avoir un nom</translation>
    </message>
    <message>
        <source>Rename the left gateway to {name}</source>
        <translation>Renommer la passerelle de gauche en {name}</translation>
    </message>
    <message>
        <source>Rename the right gateway to {name}</source>
        <translation>Renommer la passerelle de droite en {name}</translation>
    </message>
    <message>
        <source>Change {name}&apos;s pre-shared key</source>
        <translation>Modifier la clé pré-partagée de {name}</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <source>Set {name}&apos;s address to {value}</source>
        <translation>Adresse de {name} : {value}</translation>
    </message>
    <message>
        <source>Set {name}&apos;s identity to {value}</source>
        <translation>Identité de {name} : {value}</translation>
    </message>
    <message>
        <source>Set {name}&apos;s expected peer identity to {value}</source>
        <translation>Identité attendue du pair de {name} : {value}</translation>
    </message>
    <message>
        <source>Set {name}&apos;s local subnet to {value}</source>
        <translation>Sous-réseau local de {name} : {value}</translation>
    </message>
    <message>
        <source>Set {name}&apos;s remote subnet to {value}</source>
        <translation>Sous-réseau distant de {name} : {value}</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(par défaut)</translation>
    </message>
    <message>
        <source>(allowed: {values})</source>
        <translation>(autorisé : {values})</translation>
    </message>
    <message>
        <source>Make {name} a {product}</source>
        <translation>Faire de {name} un {product}</translation>
    </message>
    <message>
        <source>(phase 1 proposals from its profile)</source>
        <translation>(propositions de phase 1 tirées de son profil)</translation>
    </message>
    <message>
        <source>(phase 2 proposals from its profile)</source>
        <translation>(propositions de phase 2 tirées de son profil)</translation>
    </message>
    <message>
        <source>(phase 1 and phase 2 proposals from its profile)</source>
        <translation>(propositions de phases 1 et 2 tirées de son profil)</translation>
    </message>
    <message>
        <source>Set {name}&apos;s authentication to {method}</source>
        <translation>Authentification de {name} : {method}</translation>
    </message>
    <message>
        <source>Set {name}&apos;s {setting} to {value}</source>
        <translation>{setting} de {name} : {value}</translation>
    </message>
    <message>
        <source>Give {name} its profile&apos;s behaviour back</source>
        <translation>Rendre à {name} le comportement de son profil</translation>
    </message>
    <message>
        <source>on</source>
        <translation>activé</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
</context>
<context>
    <name>HexView</name>
    <message>
        <source>Offset {address} ({hex_address}): {hex_value} = {value}</source>
        <translation>Position {address} ({hex_address}) : {hex_value} = {value}</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Reveal secrets</source>
        <translation>Révéler les secrets</translation>
    </message>
    <message>
        <source>Show the pre-shared key and the derived keys (SKEYID, SKEYID_d/a/e, Ka, g^xy, KEYMAT, ESP keys). Nonces, KE values, cookies and hashes are public and always shown.</source>
        <translation>Afficher la clé pré-partagée et les clés dérivées (SKEYID, SKEYID_d/a/e, Ka, g^xy, KEYMAT, clés ESP). Les nonces, valeurs KE, cookies et hachés sont publics et toujours affichés.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>ISAKMP bytes</source>
        <translation>Octets ISAKMP</translation>
    </message>
    <message>
        <source>Decrypted plaintext</source>
        <translation>Texte clair déchiffré</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>Passerelle</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Keys and hashes</source>
        <translation>Clés et hachés</translation>
    </message>
    <message>
        <source>States after</source>
        <translation>États après</translation>
    </message>
    <message>
        <source>Decrypted plaintext ({count} bytes)</source>
        <translation>Texte clair déchiffré ({count} octets)</translation>
    </message>
    <message>
        <source>ISAKMP bytes ({count})</source>
        <translation>Octets ISAKMP ({count})</translation>
    </message>
    <message>
        <source>Select a message in the diagram to inspect it.</source>
        <translation>Sélectionnez un message dans le diagramme pour l’inspecter.</translation>
    </message>
    <message>
        <source>Decrypted payloads</source>
        <translation>Charges utiles déchiffrées</translation>
    </message>
    <message>
        <source>{count} bytes that do not decode</source>
        <translation>{count} octets qui ne se décodent pas</translation>
    </message>
    <message>
        <source>{count} bytes: {names}</source>
        <translation>{count} octets : {names}</translation>
    </message>
    <message>
        <source>{count} bytes of padding</source>
        <translation>{count} octets de bourrage</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>Bourrage</translation>
    </message>
    <message>
        <source>{count} bytes: {hex}</source>
        <translation>{count} octets : {hex}</translation>
    </message>
    <message>
        <source>{count} bytes</source>
        <translation>{count} octets</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>chiffré</translation>
    </message>
    <message>
        <source>sent again ({count})</source>
        <translation>renvoyé ({count})</translation>
    </message>
    <message>
        <source>Keys and hashes ({count})</source>
        <translation>Clés et hachés ({count})</translation>
    </message>
    <message>
        <source>{sender} computed no keys or hashes for {message}.</source>
        <translation>{sender} n’a calculé ni clé ni haché pour {message}.</translation>
    </message>
    <message>
        <source>The keys come after the Diffie-Hellman exchange: SKEYID and its children once both nonces and KE values are known (MM3/MM4, RFC 2409 §5).</source>
        <translation>Les clés viennent après l’échange Diffie-Hellman : SKEYID et ses dérivées une fois les deux nonces et les valeurs KE connus (MM3/MM4, RFC 2409 §5).</translation>
    </message>
    <message>
        <source>computed by {sender} ({role}) at t = {time}</source>
        <translation>calculé par {sender} ({role}) à t = {time}</translation>
    </message>
    <message>
        <source>IPsec SA keys</source>
        <translation>Clés de la SA IPsec</translation>
    </message>
    <message>
        <source>KEYMAT split into the encryption key, then the integrity key</source>
        <translation>KEYMAT découpé en clé de chiffrement, puis clé d’intégrité</translation>
    </message>
    <message>
        <source>initiator → responder</source>
        <translation>initiateur → répondeur</translation>
    </message>
    <message>
        <source>responder → initiator</source>
        <translation>répondeur → initiateur</translation>
    </message>
    <message>
        <source>encryption key</source>
        <translation>clé de chiffrement</translation>
    </message>
    <message>
        <source>integrity key</source>
        <translation>clé d’intégrité</translation>
    </message>
    <message>
        <source>the pre-shared key: check “Reveal secrets”</source>
        <translation>la clé pré-partagée : cochez « Révéler les secrets »</translation>
    </message>
    <message>
        <source>(was {state})</source>
        <translation>(avant : {state})</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>(inchangé)</translation>
    </message>
    <message>
        <source>{product}: its logs use {naming} state names</source>
        <translation>{product} : ses journaux utilisent les noms d’états {naming}</translation>
    </message>
    <message>
        <source>the names {product} prints in its logs</source>
        <translation>les noms que {product} écrit dans ses journaux</translation>
    </message>
    <message>
        <source>initiator</source>
        <translation>initiateur</translation>
    </message>
    <message>
        <source>responder</source>
        <translation>répondeur</translation>
    </message>
</context>
<context>
    <name>LessonsBrowser</name>
    <message>
        <source>Lessons</source>
        <translation>Leçons</translation>
    </message>
    <message>
        <source>&amp;Difficulty:</source>
        <translation>&amp;Difficulté :</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <source>Show only the lessons of one difficulty</source>
        <translation>N’afficher que les leçons d’une difficulté</translation>
    </message>
    <message>
        <source>&amp;Sort by:</source>
        <translation>&amp;Trier par :</translation>
    </message>
    <message>
        <source>Difficulty</source>
        <translation>Difficulté</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>The order of the lessons in each folder (a click on a column heading sorts by that column)</source>
        <translation>L’ordre des leçons dans chaque dossier (un clic sur un en-tête de colonne trie par cette colonne)</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <source>&amp;Add Folder…</source>
        <translation>&amp;Ajouter un dossier…</translation>
    </message>
    <message>
        <source>List the lessons of a folder of yours too</source>
        <translation>Lister aussi les leçons d’un de vos dossiers</translation>
    </message>
    <message>
        <source>Re&amp;move Folder</source>
        <translation>&amp;Retirer le dossier</translation>
    </message>
    <message>
        <source>Stop listing the selected folder (its files stay where they are)</source>
        <translation>Ne plus lister le dossier sélectionné (ses fichiers restent où ils sont)</translation>
    </message>
    <message>
        <source>&amp;Reveal Explanation</source>
        <translation>Ré&amp;véler l’explication</translation>
    </message>
    <message>
        <source>Show the explanation and the expected outcome (hidden so that you can ask the class first)</source>
        <translation>Afficher l’explication et le résultat attendu (masqués pour pouvoir d’abord interroger la classe)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Open the lesson in the window as a new, untitled scenario (Enter, or a double click)</source>
        <translation>Ouvrir la leçon dans la fenêtre comme un nouveau scénario sans titre (Entrée, ou un double clic)</translation>
    </message>
    <message>
        <source>R&amp;un</source>
        <translation>&amp;Dérouler</translation>
    </message>
    <message>
        <source>Open the lesson and play the negotiation message by message</source>
        <translation>Ouvrir la leçon et dérouler la négociation message par message</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>Bundled lessons</source>
        <translation>Leçons fournies</translation>
    </message>
    <message>
        <source>{folder} (missing)</source>
        <translation>{folder} (introuvable)</translation>
    </message>
    <message>
        <source>Beginner</source>
        <translation>Débutant</translation>
    </message>
    <message>
        <source>Intermediate</source>
        <translation>Intermédiaire</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avancé</translation>
    </message>
    <message>
        <source>The tunnel comes up.</source>
        <translation>Le tunnel s’établit.</translation>
    </message>
    <message>
        <source>It fails {where}, with {notify}.</source>
        <translation>La négociation échoue {where}, avec {notify}.</translation>
    </message>
    <message>
        <source>It fails {where}.</source>
        <translation>La négociation échoue {where}.</translation>
    </message>
    <message>
        <source>It fails.</source>
        <translation>La négociation échoue.</translation>
    </message>
    <message>
        <source>The fix is on the left gateway ({name}).</source>
        <translation>La correction se fait sur la passerelle de gauche ({name}).</translation>
    </message>
    <message>
        <source>The fix is on the right gateway ({name}).</source>
        <translation>La correction se fait sur la passerelle de droite ({name}).</translation>
    </message>
    <message>
        <source>Cannot be read: {error}</source>
        <translation>Illisible : {error}</translation>
    </message>
    <message>
        <source>Your Lessons</source>
        <translation>Vos leçons</translation>
    </message>
    <message>
        <source>This folder does not exist</source>
        <translation>Ce dossier n’existe pas</translation>
    </message>
    <message>
        <source>{title} ({difficulty})</source>
        <translation>{title} ({difficulty})</translation>
    </message>
    <message>
        <source>{file}: cannot be read</source>
        <translation>{file} : illisible</translation>
    </message>
    <message>
        <source>No lessons in this folder</source>
        <translation>Aucune leçon dans ce dossier</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>{count} lessons</source>
        <translation>{count} leçons</translation>
    </message>
    <message>
        <source>{shown} of {count} lessons</source>
        <translation>{shown} leçons sur {count}</translation>
    </message>
    <message>
        <source>Hide &amp;Explanation</source>
        <translation>Masquer l’&amp;explication</translation>
    </message>
    <message>
        <source>Choose a lesson.</source>
        <translation>Choisissez une leçon.</translation>
    </message>
    <message>
        <source>This file cannot be read:</source>
        <translation>Ce fichier ne peut pas être lu :</translation>
    </message>
    <message>
        <source>Correct it in a text editor: the folder is read again each time the browser is opened.</source>
        <translation>Corrigez-le dans un éditeur de texte : le dossier est relu à chaque ouverture du navigateur.</translation>
    </message>
    <message>
        <source>Difficulty:</source>
        <translation>Difficulté :</translation>
    </message>
    <message>
        <source>Objective:</source>
        <translation>Objectif :</translation>
    </message>
    <message>
        <source>Explanation:</source>
        <translation>Explication :</translation>
    </message>
    <message>
        <source>Expected outcome:</source>
        <translation>Résultat attendu :</translation>
    </message>
    <message>
        <source>The explanation and the expected outcome are hidden: Reveal Explanation shows them.</source>
        <translation>L’explication et le résultat attendu sont masqués : Révéler l’explication les affiche.</translation>
    </message>
    <message>
        <source>This folder does not exist (any more): Remove Folder stops listing it.</source>
        <translation>Ce dossier n’existe pas (ou plus) : Retirer le dossier arrête de le lister.</translation>
    </message>
    <message>
        <source>{count} files cannot be read.</source>
        <translation>{count} fichiers ne peuvent pas être lus.</translation>
    </message>
    <message>
        <source>Scenarios without a [lesson] section, not listed: {files}</source>
        <translation>Scénarios sans section [lesson], non listés : {files}</translation>
    </message>
    <message>
        <source>Add a Folder of Lessons</source>
        <translation>Ajouter un dossier de leçons</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>HTML report (*.html)</source>
        <translation>Rapport HTML (*.html)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>Dessin SVG (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Left gateway</source>
        <translation>Passerelle de gauche</translation>
    </message>
    <message>
        <source>Right gateway</source>
        <translation>Passerelle de droite</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <source>Lesson and scenario</source>
        <translation>Leçon et scénario</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Autosave failed: {error}</source>
        <translation>Échec de l’enregistrement automatique : {error}</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>ikeviz scenarios (*.ikeviz.toml *.toml)</source>
        <translation>Scénarios ikeviz (*.ikeviz.toml *.toml)</translation>
    </message>
    <message>
        <source>Click a message in the diagram to inspect it.</source>
        <translation>Cliquez sur un message du diagramme pour l’inspecter.</translation>
    </message>
    <message>
        <source>Message inspector</source>
        <translation>Inspecteur de message</translation>
    </message>
    <message>
        <source>The message inspector could not be loaded.</source>
        <translation>L’inspecteur de message n’a pas pu être chargé.</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <source>The timeline appears here when this panel is shown.</source>
        <translation>La chronologie apparaît ici quand ce panneau est affiché.</translation>
    </message>
    <message>
        <source>The timeline could not be loaded.</source>
        <translation>La chronologie n’a pas pu être chargée.</translation>
    </message>
    <message>
        <source>{tip} ({keys})</source>
        <translation>{tip} ({keys})</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nouveau</translation>
    </message>
    <message>
        <source>Start a new scenario</source>
        <translation>Commencer un nouveau scénario</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <source>Open a scenario file</source>
        <translation>Ouvrir un fichier de scénario</translation>
    </message>
    <message>
        <source>Open &amp;Capture…</source>
        <translation>Ouvrir une &amp;capture…</translation>
    </message>
    <message>
        <source>Read the IKEv1 negotiations of a pcap or pcapng capture</source>
        <translation>Lire les négociations IKEv1 d’une capture pcap ou pcapng</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save the scenario</source>
        <translation>Enregistrer le scénario</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <source>Save the scenario under a new name</source>
        <translation>Enregistrer le scénario sous un nouveau nom</translation>
    </message>
    <message>
        <source>&amp;Export Figure…</source>
        <translation>E&amp;xporter la figure…</translation>
    </message>
    <message>
        <source>Export the whole diagram as PNG, SVG or PDF</source>
        <translation>Exporter tout le diagramme en PNG, SVG ou PDF</translation>
    </message>
    <message>
        <source>Export Figure up to the Current &amp;Step…</source>
        <translation>Exporter la figure jusqu’à l’é&amp;tape courante…</translation>
    </message>
    <message>
        <source>Export the diagram as far as it is revealed</source>
        <translation>Exporter le diagramme jusqu’où il est dévoilé</translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation>Exporter le ra&amp;pport…</translation>
    </message>
    <message>
        <source>Write a troubleshooting report: one HTML page, without the pre-shared keys</source>
        <translation>Écrire un rapport de dépannage : une page HTML, sans les clés pré-partagées</translation>
    </message>
    <message>
        <source>Write Secrets into Files</source>
        <translation>Écrire les secrets dans les fichiers</translation>
    </message>
    <message>
        <source>Save the pre-shared keys and private keys in the scenario file (it is then readable by you only)</source>
        <translation>Enregistrer les clés pré-partagées et les clés privées dans le fichier de scénario (il n’est alors lisible que par vous)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Close the window</source>
        <translation>Fermer la fenêtre</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Apply the First &amp;Fix</source>
        <translation>Appliquer la première &amp;correction</translation>
    </message>
    <message>
        <source>Apply the first fix the diagnosis suggests</source>
        <translation>Appliquer la première correction que propose le diagnostic</translation>
    </message>
    <message>
        <source>&amp;Copy Diagram as Image</source>
        <translation>Copier le diagramme en &amp;image</translation>
    </message>
    <message>
        <source>Copy the diagram to the clipboard</source>
        <translation>Copier le diagramme dans le presse-papiers</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>Language, theme, state names and other settings</source>
        <translation>Langue, thème, noms des états et autres réglages</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <source>Larger diagram</source>
        <translation>Diagramme plus grand</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <source>Smaller diagram</source>
        <translation>Diagramme plus petit</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>Taille ré&amp;elle</translation>
    </message>
    <message>
        <source>The diagram at 100 %</source>
        <translation>Le diagramme à 100 %</translation>
    </message>
    <message>
        <source>&amp;Fit to Width</source>
        <translation>Ajuster à la &amp;largeur</translation>
    </message>
    <message>
        <source>Size the diagram to the window&apos;s width</source>
        <translation>Dimensionner le diagramme à la largeur de la fenêtre</translation>
    </message>
    <message>
        <source>Reveal &amp;Secrets</source>
        <translation>Révéler les &amp;secrets</translation>
    </message>
    <message>
        <source>Show the pre-shared keys and derived keys in the diagram and the inspector</source>
        <translation>Afficher les clés pré-partagées et les clés dérivées dans le diagramme et l’inspecteur</translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation>Réinitialiser la &amp;disposition</translation>
    </message>
    <message>
        <source>Put every panel back where it started</source>
        <translation>Remettre chaque panneau à sa place d’origine</translation>
    </message>
    <message>
        <source>P&amp;resenter Mode</source>
        <translation>&amp;Mode présentateur</translation>
    </message>
    <message>
        <source>The diagram full screen, in large type, stepped with the keys of a presentation remote (Esc returns)</source>
        <translation>Le diagramme en plein écran, en gros caractères, piloté avec les touches d’une télécommande de présentation (Échap pour revenir)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Début</translation>
    </message>
    <message>
        <source>Back to the start, before the first message</source>
        <translation>Retour au début, avant le premier message</translation>
    </message>
    <message>
        <source>&amp;Previous Message</source>
        <translation>Message p&amp;récédent</translation>
    </message>
    <message>
        <source>One message back</source>
        <translation>Un message en arrière</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Lecture</translation>
    </message>
    <message>
        <source>Play the negotiation message by message</source>
        <translation>Dérouler la négociation message par message</translation>
    </message>
    <message>
        <source>&amp;Next Message</source>
        <translation>Message &amp;suivant</translation>
    </message>
    <message>
        <source>One message forward</source>
        <translation>Un message en avant</translation>
    </message>
    <message>
        <source>&amp;End</source>
        <translation>&amp;Fin</translation>
    </message>
    <message>
        <source>The whole negotiation</source>
        <translation>Toute la négociation</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>The keys of the window</source>
        <translation>Les touches de la fenêtre</translation>
    </message>
    <message>
        <source>&amp;About ikeviz</source>
        <translation>À &amp;propos d’ikeviz</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Ouvrir un fichier &amp;récent</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <source>State &amp;Names</source>
        <translation>&amp;Noms des états</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Thème</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Panneaux</translation>
    </message>
    <message>
        <source>&amp;Negotiation</source>
        <translation>&amp;Négociation</translation>
    </message>
    <message>
        <source>Play &amp;Speed</source>
        <translation>&amp;Vitesse de lecture</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>&amp;Leçons</translation>
    </message>
    <message>
        <source>&amp;Browse Lessons…</source>
        <translation>&amp;Parcourir les leçons…</translation>
    </message>
    <message>
        <source>Every lesson, bundled or your own: open or run one</source>
        <translation>Toutes les leçons, fournies ou les vôtres : en ouvrir ou en dérouler une</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Negotiation</source>
        <translation>Négociation</translation>
    </message>
    <message>
        <source>Message 10 / 10 · MM5 (retransmission 4)</source>
        <translation>Message 10 / 10 · MM5 (retransmission 4)</translation>
    </message>
    <message>
        <source>How fast Play goes through the messages</source>
        <translation>À quelle vitesse la lecture parcourt les messages</translation>
    </message>
    <message>
        <source>State names</source>
        <translation>Noms des états</translation>
    </message>
    <message>
        <source>Whose state names to show on the lifelines: the names each product prints in its logs</source>
        <translation>Les noms d’états à afficher sur les lignes de vie : ceux que chaque produit écrit dans ses journaux</translation>
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
        <source>Left gateway · {name} · {role}</source>
        <translation>Passerelle de gauche · {name} · {role}</translation>
    </message>
    <message>
        <source>Right gateway · {name} · {role}</source>
        <translation>Passerelle de droite · {name} · {role}</translation>
    </message>
    <message>
        <source>Cannot run: {error}</source>
        <translation>Exécution impossible : {error}</translation>
    </message>
    <message>
        <source>Not saveable as it is: {problem}</source>
        <translation>Impossible à enregistrer en l’état : {problem}</translation>
    </message>
    <message>
        <source>{verdict}  ·  computed in {ms} ms</source>
        <translation>{verdict}  ·  calculé en {ms} ms</translation>
    </message>
    <message>
        <source>Start · 0 / {sent}</source>
        <translation>Début · 0 / {sent}</translation>
    </message>
    <message>
        <source>After the failure · {sent} / {sent} · never sent</source>
        <translation>Après l’échec · {sent} / {sent} · jamais envoyés</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>délai dépassé</translation>
    </message>
    <message>
        <source>(again {count})</source>
        <translation>(de nouveau, {count})</translation>
    </message>
    <message>
        <source>Message {number} / {sent} · {what}</source>
        <translation>Message {number} / {sent} · {what}</translation>
    </message>
    <message>
        <source>The inspector could not show this message: {error}</source>
        <translation>L’inspecteur n’a pas pu afficher ce message : {error}</translation>
    </message>
    <message>
        <source>The timeline could not show this run: {error}</source>
        <translation>La chronologie n’a pas pu afficher cette exécution : {error}</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Applied: {fix} (Ctrl+Z to undo)</source>
        <translation>Appliqué : {fix} (Ctrl+Z pour annuler)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>“{name}” has changes that are not saved.

Save them before you {doing}?</source>
        <translation>« {name} » a des modifications non enregistrées.

Les enregistrer avant de {doing} ?</translation>
    </message>
    <message>
        <source>continue</source>
        <translation>continuer</translation>
    </message>
    <message>
        <source>start a new scenario</source>
        <translation>commencer un nouveau scénario</translation>
    </message>
    <message>
        <source>A new scenario: two gateways configured alike</source>
        <translation>Un nouveau scénario : deux passerelles configurées à l’identique</translation>
    </message>
    <message>
        <source>open another scenario</source>
        <translation>ouvrir un autre scénario</translation>
    </message>
    <message>
        <source>Open a scenario</source>
        <translation>Ouvrir un scénario</translation>
    </message>
    <message>
        <source>Cannot open the scenario</source>
        <translation>Impossible d’ouvrir le scénario</translation>
    </message>
    <message>
        <source>Opened {path}</source>
        <translation>{path} ouvert</translation>
    </message>
    <message>
        <source>open the lesson</source>
        <translation>ouvrir la leçon</translation>
    </message>
    <message>
        <source>Cannot open the lesson</source>
        <translation>Impossible d’ouvrir la leçon</translation>
    </message>
    <message>
        <source>Lesson: {title}</source>
        <translation>Leçon : {title}</translation>
    </message>
    <message>
        <source>Cannot save the scenario</source>
        <translation>Impossible d’enregistrer le scénario</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>{path} enregistré</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>Rien à exporter</translation>
    </message>
    <message>
        <source>This scenario cannot run.</source>
        <translation>Ce scénario ne peut pas s’exécuter.</translation>
    </message>
    <message>
        <source>Export the diagram</source>
        <translation>Exporter le diagramme</translation>
    </message>
    <message>
        <source>Cannot export the figure</source>
        <translation>Impossible d’exporter la figure</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>{path} exporté</translation>
    </message>
    <message>
        <source>Nothing to report</source>
        <translation>Rien à signaler</translation>
    </message>
    <message>
        <source>This scenario cannot run: {error}</source>
        <translation>Ce scénario ne peut pas s’exécuter : {error}</translation>
    </message>
    <message>
        <source>Export the troubleshooting report</source>
        <translation>Exporter le rapport de dépannage</translation>
    </message>
    <message>
        <source>Cannot export the report</source>
        <translation>Impossible d’exporter le rapport</translation>
    </message>
    <message>
        <source>Exported the report {path}</source>
        <translation>Rapport exporté : {path}</translation>
    </message>
    <message>
        <source>Open a capture</source>
        <translation>Ouvrir une capture</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>Lecture de {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Open Capture</source>
        <translation>Ouvrir une capture</translation>
    </message>
    <message>
        <source>{done} of {total} MB</source>
        <translation>{done} Mo sur {total}</translation>
    </message>
    <message>
        <source>{done} MB</source>
        <translation>{done} Mo</translation>
    </message>
    <message>
        <source>Reading {name}… {size}</source>
        <translation>Lecture de {name}… {size}</translation>
    </message>
    <message>
        <source>Stopping the capture reader…</source>
        <translation>Arrêt de la lecture de la capture…</translation>
    </message>
    <message>
        <source>Cancelled: {name} was not read to its end</source>
        <translation>Annulé : {name} n’a pas été lu jusqu’au bout</translation>
    </message>
    <message>
        <source>next / previous message (in a table, a tree or a text field: that field&apos;s own keys)</source>
        <translation>message suivant / précédent (dans un tableau, un arbre ou un champ de texte : les touches de ce champ)</translation>
    </message>
    <message>
        <source>Capture · {name}</source>
        <extracomment>The window a switch made (a top-level window needs a Python reference to live).</extracomment>
        <translation>Capture · {name}</translation>
    </message>
    <message>
        <source>Language: {language}</source>
        <translation>Langue : {language}</translation>
    </message>
    <message>
        <source>the capture being read was stopped: open it again</source>
        <translation>la lecture de la capture a été interrompue : ouvrez-la à nouveau</translation>
    </message>
    <message numerus="yes">
        <source>{name}: %n IKEv1 negotiation(s)</source>
        <translation>
            <numerusform>{name} : %n négociation IKEv1</numerusform>
            <numerusform>{name} : %n négociations IKEv1</numerusform>
        </translation>
    </message>
    <message>
        <source>The capture is damaged</source>
        <translation>La capture est endommagée</translation>
    </message>
    <message>
        <source>{error}

The negotiations read before the fault are shown.</source>
        <translation>{error}

Les négociations lues avant le défaut sont affichées.</translation>
    </message>
    <message>
        <source>Cannot open the capture</source>
        <translation>Impossible d’ouvrir la capture</translation>
    </message>
    <message>
        <source>Capture</source>
        <translation>Capture</translation>
    </message>
    <message>
        <source>open the negotiation as a scenario</source>
        <translation>ouvrir la négociation comme scénario</translation>
    </message>
    <message>
        <source>Cannot open the negotiation</source>
        <translation>Impossible d’ouvrir la négociation</translation>
    </message>
    <message>
        <source>Negotiation {number} of {name} as a scenario: change the gateways&apos; settings to see what fixes it</source>
        <translation>Négociation {number} de {name} en scénario : modifiez les réglages des passerelles pour voir ce qui la corrige</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>Aucun fichier récent</translation>
    </message>
    <message>
        <source>Clear the List</source>
        <translation>Vider la liste</translation>
    </message>
    <message>
        <source>{file}: no such file</source>
        <translation>{file} : fichier introuvable</translation>
    </message>
    <message>
        <source>an untitled scenario</source>
        <translation>un scénario sans titre</translation>
    </message>
    <message>
        <source>Recover unsaved changes?</source>
        <translation>Récupérer les modifications non enregistrées ?</translation>
    </message>
    <message>
        <source>ikeviz did not close normally. Unsaved changes to {name} were kept ({when}).

Recover them?</source>
        <translation>ikeviz ne s’est pas fermé normalement. Les modifications non enregistrées de {name} ont été conservées ({when}).

Les récupérer ?</translation>
    </message>
    <message>
        <source>Cannot recover</source>
        <translation>Récupération impossible</translation>
    </message>
    <message>
        <source>Recovered the unsaved changes</source>
        <translation>Modifications non enregistrées récupérées</translation>
    </message>
    <message>
        <source>close the window</source>
        <translation>fermer la fenêtre</translation>
    </message>
    <message>
        <source>Right / Left</source>
        <translation>Droite / Gauche</translation>
    </message>
    <message>
        <source>Home / End</source>
        <translation>Début / Fin</translation>
    </message>
    <message>
        <source>the start / the whole negotiation</source>
        <translation>le début / toute la négociation</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Espace</translation>
    </message>
    <message>
        <source>play / pause</source>
        <translation>lecture / pause</translation>
    </message>
    <message>
        <source>Click an arrow</source>
        <translation>Clic sur une flèche</translation>
    </message>
    <message>
        <source>inspect that message</source>
        <translation>inspecter ce message</translation>
    </message>
    <message>
        <source>Ctrl+wheel, Ctrl+= / Ctrl+-</source>
        <translation>Ctrl+molette, Ctrl+= / Ctrl+-</translation>
    </message>
    <message>
        <source>zoom in / out</source>
        <translation>zoom avant / arrière</translation>
    </message>
    <message>
        <source>actual size / fit to width</source>
        <translation>taille réelle / ajuster à la largeur</translation>
    </message>
    <message>
        <source>undo / redo any edit</source>
        <translation>annuler / rétablir toute modification</translation>
    </message>
    <message>
        <source>apply the first suggested fix</source>
        <translation>appliquer la première correction proposée</translation>
    </message>
    <message>
        <source>new, open, save</source>
        <translation>nouveau, ouvrir, enregistrer</translation>
    </message>
    <message>
        <source>open a capture (pcap, pcapng)</source>
        <translation>ouvrir une capture (pcap, pcapng)</translation>
    </message>
    <message>
        <source>export the figure (whole / up to the step)</source>
        <translation>exporter la figure (entière / jusqu’à l’étape)</translation>
    </message>
    <message>
        <source>export the troubleshooting report (HTML)</source>
        <translation>exporter le rapport de dépannage (HTML)</translation>
    </message>
    <message>
        <source>copy the diagram as an image</source>
        <translation>copier le diagramme en image</translation>
    </message>
    <message>
        <source>presenter mode (Esc returns)</source>
        <translation>mode présentateur (Échap pour revenir)</translation>
    </message>
    <message>
        <source>browse the lessons (Enter opens the selected one)</source>
        <translation>parcourir les leçons (Entrée ouvre celle sélectionnée)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>About ikeviz</source>
        <translation>À propos d’ikeviz</translation>
    </message>
    <message>
        <source>An IKEv1 (ISAKMP) negotiation between two IPsec gateways, message by message: where it fails, why, and what to change on which side.</source>
        <translation>Une négociation IKEv1 (ISAKMP) entre deux passerelles IPsec, message par message : où elle échoue, pourquoi, et quoi changer de quel côté.</translation>
    </message>
</context>
<context>
    <name>OptionalSpin</name>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
</context>
<context>
    <name>PemEdit</name>
    <message>
        <source>private key</source>
        <translation>clé privée</translation>
    </message>
    <message>
        <source>public key</source>
        <translation>clé publique</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>certificat</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>Charger…</translation>
    </message>
    <message>
        <source>Read the {what} from a PEM file</source>
        <translation>Lire depuis un fichier PEM : {what}</translation>
    </message>
    <message>
        <source>Load the {what}</source>
        <translation>Charger : {what}</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key *.pub)</source>
        <translation>Fichiers PEM (*.pem *.crt *.key *.pub)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>cannot read {path}: {error}</source>
        <translation>impossible de lire {path} : {error}</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Suivre le système</translation>
    </message>
    <message>
        <source>The language of the window, the diagnosis and the lessons</source>
        <translation>La langue de la fenêtre, du diagnostic et des leçons</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Thème</translation>
    </message>
    <message>
        <source>Whose state names to show on the lifelines: the names each product prints in its logs</source>
        <translation>Les noms d’états à afficher sur les lignes de vie : ceux que chaque produit écrit dans ses journaux</translation>
    </message>
    <message>
        <source>State &amp;names</source>
        <translation>&amp;Noms des états</translation>
    </message>
    <message>
        <source>Play &amp;speed</source>
        <translation>&amp;Vitesse de lecture</translation>
    </message>
    <message>
        <source>&amp;Fit the diagram to the window&apos;s width</source>
        <translation>&amp;Ajuster le diagramme à la largeur de la fenêtre</translation>
    </message>
    <message>
        <source>&amp;Write the secrets into scenario files</source>
        <translation>É&amp;crire les secrets dans les fichiers de scénario</translation>
    </message>
    <message>
        <source>Save the pre-shared keys and private keys in the scenario file (it is then readable by you only)</source>
        <translation>Enregistrer les clés pré-partagées et les clés privées dans le fichier de scénario (il n’est alors lisible que par vous)</translation>
    </message>
    <message>
        <source>OK shows the window again in this language; the scenario and its history stay.</source>
        <translation>OK affiche à nouveau la fenêtre dans cette langue ; le scénario et son historique sont conservés.</translation>
    </message>
</context>
<context>
    <name>PresenterModel</name>
    <message>
        <source>Will {message} succeed?</source>
        <translation>Le {message} va-t-il réussir ?</translation>
    </message>
    <message>
        <source>Next: {sender} → {receiver}</source>
        <translation>Ensuite : {sender} → {receiver}</translation>
    </message>
    <message>
        <source>If not, which message fails, and why?</source>
        <translation>Sinon, quel message échoue, et pourquoi ?</translation>
    </message>
    <message>
        <source>It arrives, but {receiver} cannot use it</source>
        <translation>Il arrive, mais {receiver} ne peut pas l’exploiter</translation>
    </message>
    <message>
        <source>{message} arrives at {receiver}</source>
        <translation>{message} arrive chez {receiver}</translation>
    </message>
    <message>
        <source>Whether {receiver} accepts it shows in its answer: the next message.</source>
        <translation>Si {receiver} l’accepte, cela se voit dans sa réponse : le message suivant.</translation>
    </message>
    <message>
        <source>Yes: {message} succeeds</source>
        <translation>Oui : le {message} réussit</translation>
    </message>
    <message>
        <source>Will Main Mode message {number} succeed?</source>
        <translation>Le message {number} du Main Mode va-t-il réussir ?</translation>
    </message>
    <message>
        <source>Will Quick Mode message {number} succeed?</source>
        <translation>Le message {number} du Quick Mode va-t-il réussir ?</translation>
    </message>
    <message>
        <source>Will Aggressive Mode message {number} succeed?</source>
        <translation>Le message {number} de l’Aggressive Mode va-t-il réussir ?</translation>
    </message>
    <message>
        <source>Will an Informational message succeed?</source>
        <translation>Le message Informational va-t-il réussir ?</translation>
    </message>
    <message>
        <source>Yes: Main Mode message {number} succeeds</source>
        <translation>Oui : le message {number} du Main Mode réussit</translation>
    </message>
    <message>
        <source>Yes: Quick Mode message {number} succeeds</source>
        <translation>Oui : le message {number} du Quick Mode réussit</translation>
    </message>
    <message>
        <source>Yes: Aggressive Mode message {number} succeeds</source>
        <translation>Oui : le message {number} de l’Aggressive Mode réussit</translation>
    </message>
    <message>
        <source>Yes: the Informational message succeeds</source>
        <translation>Oui : le message Informational réussit</translation>
    </message>
    <message>
        <source>{receiver} accepts what {sender} sent.</source>
        <translation>{receiver} accepte ce que {sender} a envoyé.</translation>
    </message>
    <message>
        <source>No: it fails {where}</source>
        <translation>Non : échec {where}</translation>
    </message>
    <message>
        <source>{field}: {left_name} {left}, {right_name} {right}</source>
        <translation>{field} : {left_name} {left}, {right_name} {right}</translation>
    </message>
    <message>
        <source>{side} answers {notify}</source>
        <translation>{side} répond {notify}</translation>
    </message>
</context>
<context>
    <name>PresenterWindow</name>
    <message>
        <source>Presenter mode - {name}</source>
        <translation>Mode présentateur - {name}</translation>
    </message>
    <message>
        <source>This scenario cannot run:

{error}</source>
        <translation>Ce scénario ne peut pas s’exécuter :

{error}</translation>
    </message>
    <message>
        <source>nothing to show</source>
        <translation>rien à afficher</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>After the failure: the messages that never came</source>
        <translation>Après l’échec : les messages jamais arrivés</translation>
    </message>
    <message>
        <source>{side} gives up waiting for the answer to {message}</source>
        <translation>{side} renonce à attendre la réponse à {message}</translation>
    </message>
    <message>
        <source>Informational {notify}</source>
        <translation>Informational {notify}</translation>
    </message>
    <message>
        <source>{message}, sent again ({count})</source>
        <translation>{message}, renvoyé ({count})</translation>
    </message>
    <message>
        <source>{done} · {what}</source>
        <translation>{done} · {what}</translation>
    </message>
    <message>
        <source>{done} / {total} · {what}</source>
        <translation>{done} / {total} · {what}</translation>
    </message>
    <message>
        <source>QUIZ</source>
        <translation>QUIZ</translation>
    </message>
    <message>
        <source>PgDn next · PgUp back · B black · Q quiz · I inspector · Esc exit</source>
        <translation>PgSuiv suivant · PgPréc retour · B noir · Q quiz · I inspecteur · Échap sortie</translation>
    </message>
</context>
<context>
    <name>ProposalTable</name>
    <message>
        <source>The proposal number, then the transform number within it (&quot;1.2&quot;: proposal 1, transform 2). The proposals are in order of preference; the transforms of a proposal are alternatives, also in order of preference, of which the responder chooses one (RFC 2408 §3.5, §3.6; RFC 2409 §5.5).</source>
        <translation>Le numéro de la proposition, puis celui de la transformation dans cette proposition (« 1.2 » : proposition 1, transformation 2). Les propositions sont classées par ordre de préférence ; les transformations d’une proposition sont des alternatives, elles aussi par ordre de préférence, parmi lesquelles le répondeur en choisit une (RFC 2408 §3.5, §3.6 ; RFC 2409 §5.5).</translation>
    </message>
    <message>
        <source>The order of preference: the first proposal is offered first</source>
        <translation>L’ordre de préférence : la première proposition est offerte en premier</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Move the selected proposal up (preferred sooner)</source>
        <translation>Monter la proposition sélectionnée (préférée plus tôt)</translation>
    </message>
    <message>
        <source>Move the selected proposal down</source>
        <translation>Descendre la proposition sélectionnée</translation>
    </message>
    <message>
        <source>Add transform</source>
        <translation>Ajouter une transformation</translation>
    </message>
    <message>
        <source>Add an alternative transform at the end of the selected proposal</source>
        <translation>Ajouter une transformation alternative à la fin de la proposition sélectionnée</translation>
    </message>
    <message>
        <source>Proposal:</source>
        <translation>Proposition :</translation>
    </message>
    <message>
        <source>Transform:</source>
        <translation>Transformation :</translation>
    </message>
    <message>
        <source>Remove transform</source>
        <translation>Supprimer la transformation</translation>
    </message>
    <message>
        <source>Move the selected transform up within its proposal (preferred sooner)</source>
        <translation>Monter la transformation sélectionnée dans sa proposition (préférée plus tôt)</translation>
    </message>
    <message>
        <source>Move the selected transform down within its proposal</source>
        <translation>Descendre la transformation sélectionnée dans sa proposition</translation>
    </message>
    <message>
        <source>Add a phase-1 proposal at the end</source>
        <translation>Ajouter une proposition de phase 1 à la fin</translation>
    </message>
    <message>
        <source>Copy the selected phase-1 proposal below it</source>
        <translation>Copier la proposition de phase 1 sélectionnée en dessous</translation>
    </message>
    <message>
        <source>Remove the selected phase-1 proposal</source>
        <translation>Supprimer la proposition de phase 1 sélectionnée</translation>
    </message>
    <message>
        <source>A gateway needs at least one phase-1 proposal</source>
        <translation>Une passerelle a besoin d’au moins une proposition de phase 1</translation>
    </message>
    <message>
        <source>Set {owner}&apos;s phase-1 proposal {number} {column} to {value}</source>
        <translation>{column} de la proposition de phase 1 n° {number} de {owner} : {value}</translation>
    </message>
    <message>
        <source>Add a phase-1 proposal to {owner}</source>
        <translation>Ajouter une proposition de phase 1 à {owner}</translation>
    </message>
    <message>
        <source>Duplicate {owner}&apos;s phase-1 proposal {number}</source>
        <translation>Dupliquer la proposition de phase 1 n° {number} de {owner}</translation>
    </message>
    <message>
        <source>Remove {owner}&apos;s phase-1 proposal {number}</source>
        <translation>Supprimer la proposition de phase 1 n° {number} de {owner}</translation>
    </message>
    <message>
        <source>Move {owner}&apos;s phase-1 proposal {number} up</source>
        <translation>Monter la proposition de phase 1 n° {number} de {owner}</translation>
    </message>
    <message>
        <source>Move {owner}&apos;s phase-1 proposal {number} down</source>
        <translation>Descendre la proposition de phase 1 n° {number} de {owner}</translation>
    </message>
    <message>
        <source>Add a phase-2 proposal at the end</source>
        <translation>Ajouter une proposition de phase 2 à la fin</translation>
    </message>
    <message>
        <source>Copy the selected phase-2 proposal (all its transforms) below it</source>
        <translation>Copier la proposition de phase 2 sélectionnée (avec toutes ses transformations) en dessous</translation>
    </message>
    <message>
        <source>Remove the selected phase-2 proposal with all its transforms</source>
        <translation>Supprimer la proposition de phase 2 sélectionnée avec toutes ses transformations</translation>
    </message>
    <message>
        <source>A gateway needs at least one phase-2 proposal</source>
        <translation>Une passerelle a besoin d’au moins une proposition de phase 2</translation>
    </message>
    <message>
        <source>Set {owner}&apos;s phase-2 proposal {number} {column} to {value}</source>
        <translation>{column} de la proposition de phase 2 n° {number} de {owner} : {value}</translation>
    </message>
    <message>
        <source>Set {owner}&apos;s phase-2 proposal {number} transform {transform} {column} to {value}</source>
        <translation>{column} de la transformation {transform} de la proposition de phase 2 n°&#xa0;{number} de {owner} : {value}</translation>
    </message>
    <message>
        <source>Add a phase-2 proposal to {owner}</source>
        <translation>Ajouter une proposition de phase 2 à {owner}</translation>
    </message>
    <message>
        <source>Duplicate {owner}&apos;s phase-2 proposal {number}</source>
        <translation>Dupliquer la proposition de phase 2 n° {number} de {owner}</translation>
    </message>
    <message>
        <source>Remove {owner}&apos;s phase-2 proposal {number}</source>
        <translation>Supprimer la proposition de phase 2 n° {number} de {owner}</translation>
    </message>
    <message>
        <source>Move {owner}&apos;s phase-2 proposal {number} up</source>
        <translation>Monter la proposition de phase 2 n° {number} de {owner}</translation>
    </message>
    <message>
        <source>Move {owner}&apos;s phase-2 proposal {number} down</source>
        <translation>Descendre la proposition de phase 2 n° {number} de {owner}</translation>
    </message>
    <message>
        <source>Add a transform to {owner}&apos;s phase-2 proposal {number}</source>
        <translation>Ajouter une transformation à la proposition de phase 2 n°&#xa0;{number} de {owner}</translation>
    </message>
    <message>
        <source>Remove transform {transform} of {owner}&apos;s phase-2 proposal {number}</source>
        <translation>Supprimer la transformation {transform} de la proposition de phase 2 n°&#xa0;{number} de {owner}</translation>
    </message>
    <message>
        <source>Move transform {transform} of {owner}&apos;s phase-2 proposal {number} up</source>
        <translation>Monter la transformation {transform} de la proposition de phase 2 n°&#xa0;{number} de {owner}</translation>
    </message>
    <message>
        <source>Move transform {transform} of {owner}&apos;s phase-2 proposal {number} down</source>
        <translation>Descendre la transformation {transform} de la proposition de phase 2 n°&#xa0;{number} de {owner}</translation>
    </message>
    <message>
        <source>Remove the selected transform from its proposal</source>
        <translation>Supprimer la transformation sélectionnée de sa proposition</translation>
    </message>
    <message>
        <source>A proposal needs at least one transform: to remove this one, remove the whole proposal instead (Remove in the Proposal row)</source>
        <translation>Une proposition a besoin d’au moins une transformation : pour supprimer celle-ci, supprimez plutôt toute la proposition (Retirer, sur la ligne Proposition)</translation>
    </message>
    <message>
        <source>Select one transform (a row) to remove or move it</source>
        <translation>Sélectionnez une transformation (une ligne) pour la supprimer ou la déplacer</translation>
    </message>
    <message>
        <source>not used with this cipher</source>
        <translation>non utilisé avec cet algorithme de chiffrement</translation>
    </message>
    <message>
        <source>{value}: not supported by {product}</source>
        <translation>{value} : non pris en charge par {product}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>For all {count} transforms of proposal {number}</source>
        <translation>Pour les {count} transformations de la proposition {number}</translation>
    </message>
    <message>
        <source>Proposal {number}, transform {transform} of {count}: the transforms of a proposal are alternatives, in order of preference; the responder chooses one</source>
        <translation>Proposition {number}, transformation {transform} sur {count} : les transformations d’une proposition sont des alternatives, par ordre de préférence ; le répondeur en choisit une</translation>
    </message>
    <message>
        <source>Proposal {number}, with one transform</source>
        <translation>Proposition {number}, avec une seule transformation</translation>
    </message>
    <message>
        <source>Show Volume Lifetimes (kilobytes)</source>
        <translation>Afficher les durées de vie en volume (kilo-octets)</translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <source>Beginner</source>
        <translation>Débutant</translation>
    </message>
    <message>
        <source>Intermediate</source>
        <translation>Intermédiaire</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avancé</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Leçon</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scénario</translation>
    </message>
    <message>
        <source>The scenario&apos;s title, shown above the diagram</source>
        <translation>Le titre du scénario, affiché au-dessus du diagramme</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Which gateway starts the negotiation (sends Main Mode message 1)</source>
        <translation>Quelle passerelle lance la négociation (envoie le message 1 du Main Mode)</translation>
    </message>
    <message>
        <source>Initiator</source>
        <translation>Initiateur</translation>
    </message>
    <message>
        <source>The seed of the nonces, cookies and DH secrets: the same seed gives the same bytes on every run</source>
        <translation>La graine des nonces, cookies et secrets DH : la même graine donne les mêmes octets à chaque exécution</translation>
    </message>
    <message>
        <source>Set the seed to {seed}</source>
        <translation>Graine : {seed}</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Graine</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>A NAT in front of the initiator</source>
        <translation>Un NAT devant l’initiateur</translation>
    </message>
    <message>
        <source>A home router that rewrites the initiator&apos;s address and port: NAT traversal (RFC 3947) moves IKE to UDP 4500</source>
        <translation>Un routeur domestique qui réécrit l’adresse et le port de l’initiateur : le NAT traversal (RFC 3947) fait passer IKE sur UDP 4500</translation>
    </message>
    <message>
        <source>The NAT&apos;s public address: what the responder sees</source>
        <translation>L’adresse publique du NAT : ce que voit le répondeur</translation>
    </message>
    <message>
        <source>Public address</source>
        <translation>Adresse publique</translation>
    </message>
    <message>
        <source>How long a datagram takes from one gateway to the other (virtual time)</source>
        <translation>Le temps que met un datagramme d’une passerelle à l’autre (temps virtuel)</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latence</translation>
    </message>
    <message>
        <source>Left: {name}</source>
        <translation>Gauche : {name}</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Gauche</translation>
    </message>
    <message>
        <source>Right: {name}</source>
        <translation>Droite : {name}</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Droite</translation>
    </message>
    <message>
        <source>Objective.</source>
        <translation>Objectif.</translation>
    </message>
    <message>
        <source>the tunnel comes up</source>
        <translation>le tunnel monte</translation>
    </message>
    <message>
        <source>it fails {where}</source>
        <translation>échec {where}</translation>
    </message>
    <message>
        <source>it fails</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>the run shows it</source>
        <translation>l’exécution le montre</translation>
    </message>
    <message>
        <source>the run now shows something else</source>
        <translation>l’exécution montre maintenant autre chose</translation>
    </message>
    <message>
        <source>Expected: {outcome}</source>
        <translation>Attendu : {outcome}</translation>
    </message>
    <message>
        <source>Lesson · {level}</source>
        <translation>Leçon · {level}</translation>
    </message>
    <message>
        <source>Set the title to {title}</source>
        <translation>Titre : {title}</translation>
    </message>
    <message>
        <source>Edit the description</source>
        <translation>Modifier la description</translation>
    </message>
    <message>
        <source>Make {name} the initiator</source>
        <translation>Faire de {name} l’initiateur</translation>
    </message>
    <message>
        <source>Put a NAT in front of the initiator</source>
        <translation>Mettre un NAT devant l’initiateur</translation>
    </message>
    <message>
        <source>Remove the NAT</source>
        <translation>Retirer le NAT</translation>
    </message>
    <message>
        <source>{text} is not an IPv4 address</source>
        <translation>{text} n’est pas une adresse IPv4</translation>
    </message>
    <message>
        <source>Set the NAT&apos;s public address to {address}</source>
        <translation>Adresse publique du NAT : {address}</translation>
    </message>
    <message>
        <source>Set the latency to {ms} ms</source>
        <translation>Latence : {ms} ms</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>No run.</source>
        <translation>Aucune exécution.</translation>
    </message>
    <message>
        <source>failed at {at}: {reason}</source>
        <translation>échec à {at} : {reason}</translation>
    </message>
    <message numerus="yes">
        <source>gave up on {label} after %n retransmission(s)</source>
        <translation>
            <numerusform>abandon de {label} après %n retransmission</numerusform>
            <numerusform>abandon de {label} après %n retransmissions</numerusform>
        </translation>
    </message>
    <message>
        <source>(again {count})</source>
        <translation>(de nouveau, {count})</translation>
    </message>
    <message>
        <source>{sender} → {receiver} at {time}</source>
        <translation>{sender} → {receiver} à {time}</translation>
    </message>
    <message>
        <source>never received</source>
        <translation>jamais reçu</translation>
    </message>
    <message>
        <source>the receiver could not use it</source>
        <translation>le destinataire n’a pas pu l’exploiter</translation>
    </message>
    <message>
        <source>again {count}</source>
        <translation>renvoi {count}</translation>
    </message>
    <message>
        <source>virtual time (long waits compressed)</source>
        <translation>temps virtuel (longues attentes compressées)</translation>
    </message>
    <message>
        <source>virtual time</source>
        <translation>temps virtuel</translation>
    </message>
    <message>
        <source>waited {time}</source>
        <translation>attente {time}</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} sent again</source>
        <translation>{count} renvoyés</translation>
    </message>
    <message>
        <source>established</source>
        <translation>établie</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échouée</translation>
    </message>
    <message>
        <source>phase 1</source>
        <translation>phase 1</translation>
    </message>
    <message>
        <source>phase 2</source>
        <translation>phase 2</translation>
    </message>
    <message>
        <source>sent again</source>
        <translation>renvoyé</translation>
    </message>
    <message>
        <source>unreadable / failed</source>
        <translation>illisible / échec</translation>
    </message>
    <message>
        <source>rekey margin (last {share})</source>
        <translation>marge de renouvellement (derniers {share})</translation>
    </message>
    <message>
        <source>IKE (phase-1)</source>
        <translation>IKE (phase 1)</translation>
    </message>
    <message>
        <source>IPsec (phase-2)</source>
        <translation>IPsec (phase 2)</translation>
    </message>
    <message>
        <source>The {what} SAs differ: {left} {left_time}, {right} {right_time}.</source>
        <translation>Les SA {what} diffèrent : {left} {left_time}, {right} {right_time}.</translation>
    </message>
    <message>
        <source>{what} lifetimes configured differently: {left} {left_time}, {right} {right_time} (the SA got {got}): each side&apos;s own timer decides when it rekeys.</source>
        <translation>Durées de vie {what} configurées différemment : {left} {left_time}, {right} {right_time} (la SA a obtenu {got}) : le minuteur propre à chaque côté décide quand il renouvelle les clés.</translation>
    </message>
    <message>
        <source>{what} lifetimes configured differently: {left} {left_time}, {right} {right_time}.</source>
        <translation>Durées de vie {what} configurées différemment : {left} {left_time}, {right} {right_time}.</translation>
    </message>
    <message>
        <source>IKE SA (phase 1) lifetime</source>
        <translation>Durée de vie de la SA IKE (phase 1)</translation>
    </message>
    <message>
        <source>IPsec SA (phase 2) lifetime</source>
        <translation>Durée de vie de la SA IPsec (phase 2)</translation>
    </message>
    <message>
        <source>rekey</source>
        <translation>renouvellement</translation>
    </message>
    <message>
        <source>configured {time}</source>
        <translation>configuré {time}</translation>
    </message>
    <message>
        <source>not established</source>
        <translation>non établie</translation>
    </message>
    <message>
        <source>hours after establishment</source>
        <translation>heures après l’établissement</translation>
    </message>
</context>
<context>
    <name>TrainerWindow</name>
    <message>
        <source>Presenter mode - the trainer&apos;s inspector</source>
        <translation>Mode présentateur - l’inspecteur du formateur</translation>
    </message>
    <message>
        <source>The class is asked: {question}</source>
        <translation>Question posée à la classe : {question}</translation>
    </message>
    <message>
        <source>Answer: {answer}</source>
        <translation>Réponse : {answer}</translation>
    </message>
    <message>
        <source>The screen is black (B or . brings it back).</source>
        <translation>L’écran est noir (B ou . le rallume).</translation>
    </message>
    <message>
        <source>Quiz on (Q turns it off)</source>
        <translation>Quiz activé (Q le désactive)</translation>
    </message>
    <message>
        <source>Quiz off (Q turns it on)</source>
        <translation>Quiz désactivé (Q l’active)</translation>
    </message>
</context>
<context>
    <name>_FileField</name>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
</context>
<context>
    <name>_FixRow</name>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>Nothing to apply on this side</source>
        <translation>Rien à appliquer de ce côté</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Gauche</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Droite</translation>
    </message>
    <message>
        <source>Apply this fix (undo with Ctrl+Z):
{fix}</source>
        <translation>Appliquer cette correction (annuler avec Ctrl+Z) :
{fix}</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Cannot open the scenario</source>
        <translation>Impossible d’ouvrir le scénario</translation>
    </message>
    <message>
        <source>{error}

Showing the default lesson instead.</source>
        <translation>{error}

La leçon par défaut est affichée à la place.</translation>
    </message>
</context>
<context>
    <name>capture_import</name>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Captures (*.pcap *.pcapng *.cap *.pcap.gz)</source>
        <translation>Captures (*.pcap *.pcapng *.cap *.pcap.gz)</translation>
    </message>
    <message>
        <source>Wireshark IKEv1 decryption table (ikev1_decryption_table *.txt *.csv)</source>
        <translation>Table de déchiffrement IKEv1 de Wireshark (ikev1_decryption_table *.txt *.csv)</translation>
    </message>
    <message>
        <source>charon logs (*.log *.txt)</source>
        <translation>Journaux charon (*.log *.txt)</translation>
    </message>
    <message>
        <source>the pre-shared key needs the Diffie-Hellman shared secret (g^xy, in hex, as charon logs it)</source>
        <translation>la clé pré-partagée a besoin du secret Diffie-Hellman partagé (g^xy, en hexadécimal, tel que charon le journalise)</translation>
    </message>
    <message>
        <source>Decrypting and diagnosing…</source>
        <translation>Déchiffrement et diagnostic…</translation>
    </message>
    <message>
        <source>Diagnosing…</source>
        <translation>Diagnostic…</translation>
    </message>
</context>
<context>
    <name>choices</name>
    <message>
        <source>none (no PFS)</source>
        <translation>aucun (pas de PFS)</translation>
    </message>
    <message>
        <source>{bits} bits</source>
        <translation>{bits} bits</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Pre-shared key</source>
        <translation>Clé pré-partagée</translation>
    </message>
    <message>
        <source>RSA keys (raw public keys)</source>
        <translation>Clés RSA (clés publiques brutes)</translation>
    </message>
    <message>
        <source>Certificates (X.509)</source>
        <translation>Certificats (X.509)</translation>
    </message>
    <message>
        <source>The product this gateway runs: what it supports (the only values offered below), its fixed settings, how it selects proposals and what it logs.</source>
        <translation>Le produit qui équipe cette passerelle : ce qu’il prend en charge (les seules valeurs proposées ci-dessous), ses réglages imposés, sa façon de choisir les propositions et ce qu’il journalise.</translation>
    </message>
    <message>
        <source>A name for this gateway, shown in the diagram and the diagnosis.</source>
        <translation>Un nom pour cette passerelle, affiché dans le diagramme et le diagnostic.</translation>
    </message>
    <message>
        <source>The gateway&apos;s public (WAN) IPv4 address: where IKE (UDP 500) is sent.</source>
        <translation>L’adresse IPv4 publique (WAN) de la passerelle : là où IKE (UDP 500) est envoyé.</translation>
    </message>
    <message>
        <source>The type of the identity this gateway sends in MM5/MM6 (ID payload, RFC 2407 §4.6.2.1).</source>
        <translation>Le type de l’identité que cette passerelle envoie en MM5/MM6 (charge utile ID, RFC 2407 §4.6.2.1).</translation>
    </message>
    <message>
        <source>The identity this gateway sends (IDii/IDir). Empty: its WAN address.</source>
        <translation>L’identité que cette passerelle envoie (IDii/IDir). Vide : son adresse WAN.</translation>
    </message>
    <message>
        <source>The type of identity this gateway expects from its peer (RFC 2407 §4.6.2.1).</source>
        <translation>Le type d’identité que cette passerelle attend de son pair (RFC 2407 §4.6.2.1).</translation>
    </message>
    <message>
        <source>The identity this gateway expects from its peer. Empty: the peer&apos;s WAN address.</source>
        <translation>L’identité que cette passerelle attend de son pair. Vide : l’adresse WAN du pair.</translation>
    </message>
    <message>
        <source>How the two gateways prove who they are in phase 1 (Authentication-Method, RFC 2409 §5: pre-shared key §5.4, signatures §5.1).</source>
        <translation>Comment les deux passerelles prouvent leur identité en phase 1 (Authentication-Method, RFC 2409 §5 : clé pré-partagée §5.4, signatures §5.1).</translation>
    </message>
    <message>
        <source>The pre-shared key (RFC 2409 §5.4): SKEYID = prf(pre-shared-key, Ni_b | Nr_b). Both sides must have the same one; a wrong key only shows at Main Mode message 5.</source>
        <translation>La clé pré-partagée (RFC 2409 §5.4) : SKEYID = prf(pre-shared-key, Ni_b | Nr_b). Les deux côtés doivent avoir la même ; une mauvaise clé ne se voit qu’au message 5 du Main Mode.</translation>
    </message>
    <message>
        <source>This gateway&apos;s RSA private key (PEM), for signatures (RFC 2409 §5.1).</source>
        <translation>La clé privée RSA de cette passerelle (PEM), pour les signatures (RFC 2409 §5.1).</translation>
    </message>
    <message>
        <source>The peer&apos;s RSA public key (PEM): raw keys, no certificate.</source>
        <translation>La clé publique RSA du pair (PEM) : clés brutes, sans certificat.</translation>
    </message>
    <message>
        <source>This gateway&apos;s X.509 certificate (PEM, optionally followed by intermediate CAs), sent in a CERT payload.</source>
        <translation>Le certificat X.509 de cette passerelle (PEM, éventuellement suivi des AC intermédiaires), envoyé dans une charge utile CERT.</translation>
    </message>
    <message>
        <source>The CA certificate(s) (PEM) this gateway trusts to check the peer&apos;s certificate.</source>
        <translation>Le ou les certificats d’AC (PEM) auxquels cette passerelle se fie pour vérifier le certificat du pair.</translation>
    </message>
    <message>
        <source>Phase-1 (ISAKMP SA) proposals, in order of preference: each is one Transform of the SA payload in Main Mode message 1 (RFC 2409 §5, Appendix A).</source>
        <translation>Propositions de phase 1 (SA ISAKMP), par ordre de préférence : chacune est une Transform de la charge utile SA du message 1 du Main Mode (RFC 2409 §5, annexe A).</translation>
    </message>
    <message>
        <source>Phase-2 (IPsec SA) proposals, in order of preference, sent in Quick Mode message 1 (RFC 2409 §5.5, attributes RFC 2407 §4.5).</source>
        <translation>Propositions de phase 2 (SA IPsec), par ordre de préférence, envoyées dans le message 1 du Quick Mode (RFC 2409 §5.5, attributs RFC 2407 §4.5).</translation>
    </message>
    <message>
        <source>Encryption-Algorithm (RFC 2409 Appendix A, attribute class 1).</source>
        <translation>Encryption-Algorithm (RFC 2409 annexe A, classe d’attribut 1).</translation>
    </message>
    <message>
        <source>Key-Length (RFC 2409 Appendix A, class 14): only for AES, whose key length varies (RFC 3602).</source>
        <translation>Key-Length (RFC 2409 annexe A, classe 14) : seulement pour AES, dont la longueur de clé varie (RFC 3602).</translation>
    </message>
    <message>
        <source>Hash-Algorithm (RFC 2409 Appendix A, class 2): the HMAC used as PRF for SKEYID and the HASH payloads.</source>
        <translation>Hash-Algorithm (RFC 2409 annexe A, classe 2) : le HMAC utilisé comme PRF pour SKEYID et les charges utiles HASH.</translation>
    </message>
    <message>
        <source>Group-Description (RFC 2409 Appendix A, class 4): the Diffie-Hellman group of Main Mode messages 3 and 4 (groups 1, 2: RFC 2409 §6; 5, 14-18: RFC 3526; 19-21: RFC 5903). Both sides must choose the same one.</source>
        <translation>Group-Description (RFC 2409 annexe A, classe 4) : le groupe Diffie-Hellman des messages 3 et 4 du Main Mode (groupes 1, 2 : RFC 2409 §6 ; 5, 14-18 : RFC 3526 ; 19-21 : RFC 5903). Les deux côtés doivent choisir le même.</translation>
    </message>
    <message>
        <source>Life-Type seconds and Life-Duration (RFC 2409 Appendix A, classes 11 and 12; RFC 2407 §4.5 for phase 2). &quot;none&quot;: no lifetime is proposed.</source>
        <translation>Durée de vie : Life-Type en secondes et Life-Duration (RFC 2409 annexe A, classes 11 et 12 ; RFC 2407 §4.5 pour la phase 2). « aucun » : aucune durée de vie n’est proposée.</translation>
    </message>
    <message>
        <source>Life-Type kilobytes (RFC 2409 Appendix A; RFC 2407 §4.5). &quot;none&quot;: no volume limit is proposed.</source>
        <translation>Life-Type en kilo-octets (RFC 2409 annexe A ; RFC 2407 §4.5). « aucun » : aucune limite de volume n’est proposée.</translation>
    </message>
    <message>
        <source>The IPsec protocol of the proposal (RFC 2407 §4.4.1): ESP encrypts, AH only authenticates.</source>
        <translation>Le protocole IPsec de la proposition (RFC 2407 §4.4.1) : ESP chiffre, AH ne fait qu’authentifier.</translation>
    </message>
    <message>
        <source>Encapsulation Mode (RFC 2407 §4.5): tunnel between gateways, transport between hosts.</source>
        <translation>Encapsulation Mode (RFC 2407 §4.5) : tunnel entre passerelles, transport entre hôtes.</translation>
    </message>
    <message>
        <source>The ESP transform ID (RFC 2407 §4.4.4): the cipher of the IPsec SA.</source>
        <translation>L’identifiant de transformation ESP (RFC 2407 §4.4.4) : l’algorithme de chiffrement de la SA IPsec.</translation>
    </message>
    <message>
        <source>Authentication Algorithm (RFC 2407 §4.5): the HMAC of the IPsec SA.</source>
        <translation>Authentication Algorithm (RFC 2407 §4.5) : le HMAC de la SA IPsec.</translation>
    </message>
    <message>
        <source>Group Description in Quick Mode (RFC 2409 §5.5): a fresh Diffie-Hellman exchange (KE) for the IPsec SA keys, i.e. Perfect Forward Secrecy. &quot;none&quot;: no PFS.</source>
        <translation>Group Description en Quick Mode (RFC 2409 §5.5) : un nouvel échange Diffie-Hellman (KE) pour les clés de la SA IPsec, c’est-à-dire la Perfect Forward Secrecy. « aucun » : pas de PFS.</translation>
    </message>
    <message>
        <source>The network behind this gateway (its Quick Mode client identity, IDci/IDcr, RFC 2409 §5.5).</source>
        <translation>Le réseau derrière cette passerelle (son identité client en Quick Mode, IDci/IDcr, RFC 2409 §5.5).</translation>
    </message>
    <message>
        <source>The network behind the peer; it must mirror the peer&apos;s local subnet.</source>
        <translation>Le réseau derrière le pair ; il doit être le miroir du sous-réseau local du pair.</translation>
    </message>
    <message>
        <source>NAT traversal (RFC 3947): detect a NAT (NAT-D payloads) and move to UDP 4500.</source>
        <translation>NAT traversal (RFC 3947) : détecter un NAT (charges utiles NAT-D) et passer sur UDP 4500.</translation>
    </message>
    <message>
        <source>Aggressive Mode (RFC 2409 §5.4): 3 messages instead of 6, but the identities travel unprotected.</source>
        <translation>Aggressive Mode (RFC 2409 §5.4) : 3 messages au lieu de 6, mais les identités circulent sans protection.</translation>
    </message>
    <message>
        <source>Preference</source>
        <translation>Préférence</translation>
    </message>
    <message>
        <source>As a responder, whose order decides among several acceptable offers: the initiator&apos;s (first acceptable offer, the RFC 2408 §4.2 reading) or its own.</source>
        <translation>En répondeur, l’ordre qui départage plusieurs offres acceptables : celui de l’initiateur (première offre acceptable, lecture de la RFC 2408 §4.2) ou le sien.</translation>
    </message>
    <message>
        <source>Phase-1 lifetime policy</source>
        <translation>Politique de durée de vie de phase 1</translation>
    </message>
    <message>
        <source>What this gateway does when the offered phase-1 lifetime differs from its own (RFC 2407 §4.5.4 leaves it open).</source>
        <translation>Ce que fait cette passerelle quand la durée de vie de phase 1 proposée diffère de la sienne (la RFC 2407 §4.5.4 laisse le choix).</translation>
    </message>
    <message>
        <source>Phase-2 lifetime policy</source>
        <translation>Politique de durée de vie de phase 2</translation>
    </message>
    <message>
        <source>What this gateway does when the offered phase-2 lifetime differs from its own; &quot;claim&quot; answers with RESPONDER-LIFETIME (RFC 2407 §4.6.3.1).</source>
        <translation>Ce que fait cette passerelle quand la durée de vie de phase 2 proposée diffère de la sienne ; « claim » répond par RESPONDER-LIFETIME (RFC 2407 §4.6.3.1).</translation>
    </message>
    <message>
        <source>PFS policy</source>
        <translation>Politique PFS</translation>
    </message>
    <message>
        <source>How a Quick Mode responder treats PFS (RFC 2409 §5.5): exactly the configured group, required, or optional.</source>
        <translation>Comment un répondeur Quick Mode traite la PFS (RFC 2409 §5.5) : exactement le groupe configuré, obligatoire ou facultative.</translation>
    </message>
    <message>
        <source>Identity check</source>
        <translation>Vérification d’identité</translation>
    </message>
    <message>
        <source>How strictly the peer&apos;s phase-1 identity is compared with the expected one.</source>
        <translation>Avec quelle rigueur l’identité de phase 1 du pair est comparée à celle attendue.</translation>
    </message>
    <message>
        <source>Check subnets</source>
        <translation>Vérifier les sous-réseaux</translation>
    </message>
    <message>
        <source>Refuse a Quick Mode whose subnets (IDci/IDcr) do not match the configured ones.</source>
        <translation>Refuser un Quick Mode dont les sous-réseaux (IDci/IDcr) ne correspondent pas à ceux configurés.</translation>
    </message>
    <message>
        <source>Narrow subnets</source>
        <translation>Restreindre les sous-réseaux</translation>
    </message>
    <message>
        <source>As a Quick Mode responder, accept subnets that overlap the configured ones and answer with the overlap in QM2, as strongSwan does; otherwise they must cover exactly the configured traffic.</source>
        <translation>En répondeur de Quick Mode, accepter des sous-réseaux qui recouvrent en partie ceux configurés et répondre dans QM2 avec leur partie commune, comme strongSwan ; sinon ils doivent couvrir exactement le trafic configuré.</translation>
    </message>
    <message>
        <source>Accept Aggressive Mode</source>
        <translation>Accepter l’Aggressive Mode</translation>
    </message>
    <message>
        <source>As a responder, accept an Aggressive Mode exchange (RFC 2409 §5.4).</source>
        <translation>En répondeur, accepter un échange en Aggressive Mode (RFC 2409 §5.4).</translation>
    </message>
    <message>
        <source>Send INITIAL-CONTACT</source>
        <translation>Envoyer INITIAL-CONTACT</translation>
    </message>
    <message>
        <source>Send the INITIAL-CONTACT notify in MM5 (RFC 2407 §4.6.3.3).</source>
        <translation>Envoyer le notify INITIAL-CONTACT en MM5 (RFC 2407 §4.6.3.3).</translation>
    </message>
    <message>
        <source>Retransmit after</source>
        <translation>Retransmettre après</translation>
    </message>
    <message>
        <source>Seconds before the first retransmission (RFC 2408 §5 leaves timers local).</source>
        <translation>Secondes avant la première retransmission (la RFC 2408 §5 laisse les minuteurs à chaque implémentation).</translation>
    </message>
    <message>
        <source>Backoff factor</source>
        <translation>Facteur d’attente</translation>
    </message>
    <message>
        <source>Each retransmission waits this many times longer than the one before.</source>
        <translation>Chaque retransmission attend ce nombre de fois plus longtemps que la précédente.</translation>
    </message>
    <message>
        <source>Retransmissions</source>
        <translation>Retransmissions</translation>
    </message>
    <message>
        <source>How many times a message is sent again before giving up.</source>
        <translation>Combien de fois un message est renvoyé avant d’abandonner.</translation>
    </message>
    <message>
        <source>Commit bit</source>
        <translation>Bit de commit</translation>
    </message>
    <message>
        <source>Set the commit bit in Quick Mode (RFC 2408 §3.1): the responder then ends with a CONNECTED notify.</source>
        <translation>Positionner le bit de commit en Quick Mode (RFC 2408 §3.1) : le répondeur termine alors par un notify CONNECTED.</translation>
    </message>
    <message>
        <source>Encrypt AM message 3</source>
        <translation>Chiffrer le message AM 3</translation>
    </message>
    <message>
        <source>Send Aggressive Mode message 3 encrypted (RFC 2409 §5.4 leaves it open; strongSwan does).</source>
        <translation>Envoyer le message 3 de l’Aggressive Mode chiffré (la RFC 2409 §5.4 laisse le choix ; strongSwan le fait).</translation>
    </message>
    <message>
        <source>{product} always identifies itself by its WAN address (ID_IPV4_ADDR) and expects the peer&apos;s WAN address: identities cannot be configured.</source>
        <translation>{product} s’identifie toujours par son adresse WAN (ID_IPV4_ADDR) et attend l’adresse WAN du pair : les identités ne sont pas configurables.</translation>
    </message>
    <message>
        <source>{product} negotiates Main Mode only (no Aggressive Mode).</source>
        <translation>{product} ne négocie qu’en Main Mode (pas d’Aggressive Mode).</translation>
    </message>
    <message>
        <source>{product} always uses PFS in Quick Mode.</source>
        <translation>{product} utilise toujours la PFS en Quick Mode.</translation>
    </message>
    <message>
        <source>{product} never uses PFS.</source>
        <translation>{product} n’utilise jamais la PFS.</translation>
    </message>
    <message>
        <source>{product} negotiates phase 2 with the same algorithms and DH group as phase 1 (always ESP, tunnel mode, PFS with the phase-1 group): phase 2 follows the phase-1 proposals.</source>
        <translation>{product} négocie la phase 2 avec les mêmes algorithmes et le même groupe DH que la phase 1 (toujours ESP, mode tunnel, PFS avec le groupe de phase 1) : la phase 2 suit les propositions de phase 1.</translation>
    </message>
    <message>
        <source>{product} uses tunnel mode only.</source>
        <translation>{product} n’utilise que le mode tunnel.</translation>
    </message>
    <message>
        <source>{product} uses ESP only (never AH).</source>
        <translation>{product} n’utilise que ESP (jamais AH).</translation>
    </message>
    <message>
        <source>{product} does not do NAT traversal (RFC 3947).</source>
        <translation>{product} ne fait pas de NAT traversal (RFC 3947).</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>the file system is read-only</source>
        <translation>le système de fichiers est en lecture seule</translation>
    </message>
    <message>
        <source>permission denied: you may not write to this file or in the folder {folder}</source>
        <translation>permission refusée : vous ne pouvez pas écrire dans ce fichier ni dans le dossier {folder}</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>permission refusée</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>le disque est plein</translation>
    </message>
    <message>
        <source>{folder} is not a folder</source>
        <translation>{folder} n’est pas un dossier</translation>
    </message>
    <message>
        <source>the folder {folder} does not exist</source>
        <translation>le dossier {folder} n’existe pas</translation>
    </message>
    <message>
        <source>the folder does not exist</source>
        <translation>le dossier n’existe pas</translation>
    </message>
    <message>
        <source>a folder has this name</source>
        <translation>un dossier porte ce nom</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>le nom est trop long</translation>
    </message>
    <message>
        <source>the disk could not be written (input/output error)</source>
        <translation>le disque n’a pas pu être écrit (erreur d’entrée/sortie)</translation>
    </message>
    <message>
        <source>{file} could not be written: {reason}.</source>
        <translation>{file} n’a pas pu être écrit : {reason}.</translation>
    </message>
    <message>
        <source>{file} could not be saved: {reason}.</source>
        <translation>{file} n’a pas pu être enregistré : {reason}.</translation>
    </message>
</context>
<context>
    <name>inspector</name>
    <message>
        <source>{count} bytes</source>
        <translation>{count} octets</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>(secret)</source>
        <translation>(secret)</translation>
    </message>
    <message>
        <source>the Initiator Cookie (CKY-I): 8 bytes the initiator chooses; with CKY-R it names the ISAKMP SA and goes into SKEYID_d/a/e.</source>
        <translation>le cookie de l’initiateur (CKY-I) : 8 octets choisis par l’initiateur ; avec CKY-R il désigne la SA ISAKMP et entre dans SKEYID_d/a/e.</translation>
    </message>
    <message>
        <source>the Responder Cookie (CKY-R): chosen by the responder; zero in the very first message.</source>
        <translation>le cookie du répondeur (CKY-R) : choisi par le répondeur ; nul dans le tout premier message.</translation>
    </message>
    <message>
        <source>the type of the first payload after the header</source>
        <translation>le type de la première charge utile après l’en-tête</translation>
    </message>
    <message>
        <source>major and minor version (4 bits each); IKEv1 is 1.0</source>
        <translation>version majeure et mineure (4 bits chacune) ; IKEv1 est la 1.0</translation>
    </message>
    <message>
        <source>the exchange type</source>
        <translation>le type d’échange</translation>
    </message>
    <message>
        <source>flags: bit 0 E (payloads encrypted), bit 1 C (commit), bit 2 A (authentication only)</source>
        <translation>drapeaux : bit 0 E (charges utiles chiffrées), bit 1 C (commit), bit 2 A (authentification seule)</translation>
    </message>
    <message>
        <source>the Message ID: 0 in phase 1; a random value naming each Quick Mode or Informational exchange (it goes into its HASH and its IV)</source>
        <translation>le Message ID : 0 en phase 1 ; une valeur aléatoire qui désigne chaque échange Quick Mode ou Informational (elle entre dans son HASH et son IV)</translation>
    </message>
    <message>
        <source>the length of the whole message, header included, in bytes</source>
        <translation>la longueur du message entier, en-tête compris, en octets</translation>
    </message>
    <message>
        <source>the payloads, encrypted in CBC mode with Ka and the current IV; see the decrypted payloads below</source>
        <translation>les charges utiles, chiffrées en mode CBC avec Ka et l’IV courant ; voir les charges utiles déchiffrées ci-dessous</translation>
    </message>
    <message>
        <source>the plaintext the sender encrypted: the payload chain and its padding (the hex view&apos;s second tab shows it)</source>
        <translation>le texte clair que l’émetteur a chiffré : la chaîne de charges utiles et son bourrage (le second onglet de la vue hexadécimale le montre)</translation>
    </message>
    <message>
        <source>padding up to the cipher&apos;s block size; its value is not checked</source>
        <translation>bourrage jusqu’à la taille de bloc de l’algorithme ; sa valeur n’est pas vérifiée</translation>
    </message>
    <message>
        <source>Security Association payload: the DOI, the situation and the proposals (the offer, or the one chosen)</source>
        <translation>charge utile Security Association : le DOI, la situation et les propositions (l’offre, ou celle choisie)</translation>
    </message>
    <message>
        <source>Proposal payload</source>
        <translation>charge utile Proposal</translation>
    </message>
    <message>
        <source>Transform payload</source>
        <translation>charge utile Transform</translation>
    </message>
    <message>
        <source>Key Exchange payload: the sender&apos;s Diffie-Hellman public value (g^xi or g^xr); public, it is sent in clear</source>
        <translation>charge utile Key Exchange : la valeur publique Diffie-Hellman de l’émetteur (g^xi ou g^xr) ; publique, elle est envoyée en clair</translation>
    </message>
    <message>
        <source>Identification payload: in phase 1 the sender&apos;s identity (IDii / IDir), in Quick Mode the traffic selectors (IDci / IDcr)</source>
        <translation>charge utile Identification : en phase 1 l’identité de l’émetteur (IDii / IDir), en Quick Mode les sélecteurs de trafic (IDci / IDcr)</translation>
    </message>
    <message>
        <source>Certificate payload</source>
        <translation>charge utile Certificate</translation>
    </message>
    <message>
        <source>Certificate Request payload</source>
        <translation>charge utile Certificate Request</translation>
    </message>
    <message>
        <source>Hash payload: HASH_I / HASH_R (RFC 2409 §5) or HASH(1), (2), (3) of Quick Mode (RFC 2409 §5.5); it proves the sender knows SKEYID</source>
        <translation>charge utile Hash : HASH_I / HASH_R (RFC 2409 §5) ou HASH(1), (2), (3) du Quick Mode (RFC 2409 §5.5) ; elle prouve que l’émetteur connaît SKEYID</translation>
    </message>
    <message>
        <source>Signature payload: SIG_I / SIG_R, a signature over HASH_I / HASH_R</source>
        <translation>charge utile Signature : SIG_I / SIG_R, une signature de HASH_I / HASH_R</translation>
    </message>
    <message>
        <source>Nonce payload: random data (Ni / Nr) that goes into SKEYID and KEYMAT; public</source>
        <translation>charge utile Nonce : des données aléatoires (Ni / Nr) qui entrent dans SKEYID et KEYMAT ; publique</translation>
    </message>
    <message>
        <source>Notification payload: an error or a status (RFC 2408 §3.14.1, RFC 2407 §4.6.3)</source>
        <translation>charge utile Notification : une erreur ou un état (RFC 2408 §3.14.1, RFC 2407 §4.6.3)</translation>
    </message>
    <message>
        <source>Delete payload: the SAs the sender removed</source>
        <translation>charge utile Delete : les SA que l’émetteur a supprimées</translation>
    </message>
    <message>
        <source>Vendor ID payload: announces a product or an extension (NAT-T, DPD, XAUTH, fragmentation)</source>
        <translation>charge utile Vendor ID : annonce un produit ou une extension (NAT-T, DPD, XAUTH, fragmentation)</translation>
    </message>
    <message>
        <source>NAT-D payload: hash of the cookies, an address and a port; the peers compare them to detect a NAT</source>
        <translation>charge utile NAT-D : haché des cookies, d’une adresse et d’un port ; les pairs les comparent pour détecter un NAT</translation>
    </message>
    <message>
        <source>NAT-OA payload: the original address before the NAT</source>
        <translation>charge utile NAT-OA : l’adresse d’origine avant le NAT</translation>
    </message>
    <message>
        <source>one fragment of a message too large for a datagram</source>
        <translation>un fragment d’un message trop grand pour un datagramme</translation>
    </message>
    <message>
        <source>Mode Config attributes</source>
        <translation>attributs Mode Config</translation>
    </message>
    <message>
        <source>Payload Length, the 4-byte generic payload header included</source>
        <translation>Payload Length, en-tête générique de 4 octets compris</translation>
    </message>
    <message>
        <source>the Domain of Interpretation (IPsec: 1)</source>
        <translation>le Domain of Interpretation (IPsec : 1)</translation>
    </message>
    <message>
        <source>the Situation; SIT_IDENTITY_ONLY (1) is the one used in practice</source>
        <translation>la Situation ; SIT_IDENTITY_ONLY (1) est celle utilisée en pratique</translation>
    </message>
    <message>
        <source>a Proposal: one protocol (ISAKMP, ESP, AH) and its alternative transforms</source>
        <translation>une Proposal : un protocole (ISAKMP, ESP, AH) et ses transformations possibles</translation>
    </message>
    <message>
        <source>the Proposal number; proposals with the same number are combined (AND), different numbers are alternatives (OR)</source>
        <translation>le numéro de Proposal ; les propositions de même numéro se combinent (ET), des numéros différents sont des alternatives (OU)</translation>
    </message>
    <message>
        <source>the Protocol ID: PROTO_ISAKMP (1) in phase 1, PROTO_IPSEC_ESP (3) or PROTO_IPSEC_AH (2) in Quick Mode</source>
        <translation>le Protocol ID : PROTO_ISAKMP (1) en phase 1, PROTO_IPSEC_ESP (3) ou PROTO_IPSEC_AH (2) en Quick Mode</translation>
    </message>
    <message>
        <source>the SPI size in bytes: 0 for ISAKMP in phase 1, 4 for ESP and AH</source>
        <translation>la taille du SPI en octets : 0 pour ISAKMP en phase 1, 4 pour ESP et AH</translation>
    </message>
    <message>
        <source>the number of transforms in the proposal</source>
        <translation>le nombre de transformations de la proposition</translation>
    </message>
    <message>
        <source>the SPI the proposal&apos;s sender chose for its inbound SA</source>
        <translation>le SPI que l’émetteur de la proposition a choisi pour sa SA entrante</translation>
    </message>
    <message>
        <source>a Transform: one set of algorithms, as SA attributes; the responder picks one</source>
        <translation>une Transform : un jeu d’algorithmes, en attributs de SA ; le répondeur en choisit une</translation>
    </message>
    <message>
        <source>the Transform number within the proposal</source>
        <translation>le numéro de la Transform dans la proposition</translation>
    </message>
    <message>
        <source>the Transform ID: KEY_IKE (1) in phase 1, the ESP cipher in Quick Mode</source>
        <translation>le Transform ID : KEY_IKE (1) en phase 1, l’algorithme ESP en Quick Mode</translation>
    </message>
    <message>
        <source>the Attribute Format bit: TV (basic: a 2-byte value follows the type) or TLV (a length and a variable value follow)</source>
        <translation>le bit Attribute Format : TV (basique : une valeur de 2 octets suit le type) ou TLV (une longueur et une valeur variable suivent)</translation>
    </message>
    <message>
        <source>the identification type (ID_IPV4_ADDR, ID_FQDN, ...); both sides must agree on it</source>
        <translation>le type d’identification (ID_IPV4_ADDR, ID_FQDN, ...) ; les deux côtés doivent s’accorder dessus</translation>
    </message>
    <message>
        <source>the protocol: in an ID payload the IP protocol (0 = any), in a notify or delete the protocol of the SA</source>
        <translation>le protocole : dans une charge utile ID le protocole IP (0 = tous), dans un notify ou un delete le protocole de la SA</translation>
    </message>
    <message>
        <source>the port (0 = any; 500 for phase 1 in some products)</source>
        <translation>le port (0 = tous ; 500 pour la phase 1 chez certains produits)</translation>
    </message>
    <message>
        <source>the SPI size in bytes (16 for an ISAKMP SA: the two cookies)</source>
        <translation>la taille du SPI en octets (16 pour une SA ISAKMP : les deux cookies)</translation>
    </message>
    <message>
        <source>the SPI of the SA concerned</source>
        <translation>le SPI de la SA concernée</translation>
    </message>
    <message>
        <source>the number of SPIs that follow</source>
        <translation>le nombre de SPI qui suivent</translation>
    </message>
    <message>
        <source>the Notify Message Type: errors are below 8192, status messages 16384 and above</source>
        <translation>le Notify Message Type : les erreurs sont sous 8192, les messages d’état à partir de 16384</translation>
    </message>
    <message>
        <source>the certificate encoding</source>
        <translation>l’encodage du certificat</translation>
    </message>
    <message>
        <source>the original address</source>
        <translation>l’adresse d’origine</translation>
    </message>
    <message>
        <source>the fragment ID</source>
        <translation>l’identifiant du fragment</translation>
    </message>
    <message>
        <source>flags; bit 0 marks the last fragment</source>
        <translation>drapeaux ; le bit 0 marque le dernier fragment</translation>
    </message>
    <message>
        <source>the attribute message type</source>
        <translation>le type de message d’attributs</translation>
    </message>
    <message>
        <source>the identifier</source>
        <translation>l’identifiant</translation>
    </message>
    <message>
        <source>an attribute</source>
        <translation>un attribut</translation>
    </message>
    <message>
        <source>the Diffie-Hellman public value g^x mod p (or the curve point); public</source>
        <translation>la valeur publique Diffie-Hellman g^x mod p (ou le point de la courbe) ; publique</translation>
    </message>
    <message>
        <source>the identity itself</source>
        <translation>l’identité elle-même</translation>
    </message>
    <message>
        <source>the hash: a prf output keyed with SKEYID_a (or SKEYID for HASH_I/R)</source>
        <translation>le haché : une sortie de prf avec la clé SKEYID_a (ou SKEYID pour HASH_I/R)</translation>
    </message>
    <message>
        <source>the signature</source>
        <translation>la signature</translation>
    </message>
    <message>
        <source>the nonce; public</source>
        <translation>le nonce ; public</translation>
    </message>
    <message>
        <source>the notification data</source>
        <translation>les données de notification</translation>
    </message>
    <message>
        <source>the vendor ID bytes, usually a hash of a product string</source>
        <translation>les octets du Vendor ID, en général le haché d’une chaîne de produit</translation>
    </message>
    <message>
        <source>HASH(CKY-I | CKY-R | IP | Port) of one end</source>
        <translation>HASH(CKY-I | CKY-R | IP | Port) d’une extrémité</translation>
    </message>
    <message>
        <source>the certificate</source>
        <translation>le certificat</translation>
    </message>
    <message>
        <source>the certificate authority, or empty for any</source>
        <translation>l’autorité de certification, ou vide pour toutes</translation>
    </message>
    <message>
        <source>the fragment&apos;s data</source>
        <translation>les données du fragment</translation>
    </message>
    <message>
        <source>the cipher that protects Main Mode 5-6 and Quick Mode</source>
        <translation>l’algorithme de chiffrement qui protège les messages 5-6 du Main Mode et le Quick Mode</translation>
    </message>
    <message>
        <source>the hash of the prf (HMAC) and of HASH_I / HASH_R</source>
        <translation>le hachage de la prf (HMAC) et de HASH_I / HASH_R</translation>
    </message>
    <message>
        <source>how the peers authenticate: pre-shared key, signatures, ...</source>
        <translation>comment les pairs s’authentifient : clé pré-partagée, signatures, ...</translation>
    </message>
    <message>
        <source>the Diffie-Hellman group of the KE payloads</source>
        <translation>le groupe Diffie-Hellman des charges utiles KE</translation>
    </message>
    <message>
        <source>the type of a private group (MODP, EC2N)</source>
        <translation>le type d’un groupe privé (MODP, EC2N)</translation>
    </message>
    <message>
        <source>the unit of the Life-Duration that follows: seconds or kilobytes</source>
        <translation>l’unité de la Life-Duration qui suit : secondes ou kilo-octets</translation>
    </message>
    <message>
        <source>the ISAKMP SA lifetime; a mismatch is handled differently by each product (RFC 2407 §4.5.4)</source>
        <translation>la durée de vie de la SA ISAKMP ; chaque produit traite différemment une discordance (RFC 2407 §4.5.4)</translation>
    </message>
    <message>
        <source>the pseudo-random function (rarely sent: HMAC of the hash is the default)</source>
        <translation>la fonction pseudo-aléatoire (rarement envoyée : le HMAC du hachage est la valeur par défaut)</translation>
    </message>
    <message>
        <source>the key length in bits of a variable-length cipher (AES)</source>
        <translation>la longueur de clé en bits d’un algorithme à clé variable (AES)</translation>
    </message>
    <message>
        <source>the unit of the SA-Life-Duration that follows: seconds or kilobytes</source>
        <translation>l’unité de la SA-Life-Duration qui suit : secondes ou kilo-octets</translation>
    </message>
    <message>
        <source>the IPsec SA lifetime; a responder may refuse, shorten or accept it (RESPONDER-LIFETIME)</source>
        <translation>la durée de vie de la SA IPsec ; un répondeur peut la refuser, la raccourcir ou l’accepter (RESPONDER-LIFETIME)</translation>
    </message>
    <message>
        <source>PFS: the Diffie-Hellman group of the Quick Mode KE payloads</source>
        <translation>PFS : le groupe Diffie-Hellman des charges utiles KE du Quick Mode</translation>
    </message>
    <message>
        <source>Tunnel or Transport (or their UDP-encapsulated NAT-T variants)</source>
        <translation>Tunnel ou Transport (ou leurs variantes NAT-T encapsulées dans UDP)</translation>
    </message>
    <message>
        <source>the ESP / AH integrity algorithm (HMAC-SHA, ...)</source>
        <translation>l’algorithme d’intégrité ESP / AH (HMAC-SHA, ...)</translation>
    </message>
    <message>
        <source>Here: {value}</source>
        <translation>Ici : {value}</translation>
    </message>
    <message>
        <source>Not valid here: {value}</source>
        <translation>Non valide ici : {value}</translation>
    </message>
    <message>
        <source>an ISAKMP message: the header, then a chain of payloads</source>
        <translation>un message ISAKMP : l’en-tête, puis une chaîne de charges utiles</translation>
    </message>
    <message>
        <source>a payload</source>
        <translation>une charge utile</translation>
    </message>
    <message>
        <source>In RFC 2409&apos;s notation: {label}</source>
        <translation>Dans la notation de la RFC 2409 : {label}</translation>
    </message>
    <message>
        <source>an SA attribute</source>
        <translation>un attribut de SA</translation>
    </message>
    <message>
        <source>the lifetime the responder will use</source>
        <translation>la durée de vie que le répondeur utilisera</translation>
    </message>
    <message>
        <source>the payload&apos;s data</source>
        <translation>les données de la charge utile</translation>
    </message>
    <message>
        <source>here {value}</source>
        <translation>ici {value}</translation>
    </message>
    <message>
        <source>sent in {message} as {payload}</source>
        <translation>envoyé dans {message} comme {payload}</translation>
    </message>
    <message>
        <source>matches the {payload} received in {message}</source>
        <translation>égal au {payload} reçu dans {message}</translation>
    </message>
    <message>
        <source>the IV {message} is encrypted with</source>
        <translation>l’IV avec lequel {message} est chiffré</translation>
    </message>
</context>
<context>
    <name>proposals</name>
    <message>
        <source>{bits} bits</source>
        <translation>{bits} bits</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>{kilobytes} KB</source>
        <translation>{kilobytes} Ko</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Chiffrement</translation>
    </message>
    <message>
        <source>encryption</source>
        <translation>chiffrement</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>key length</source>
        <translation>longueur de clé</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>Hachage</translation>
    </message>
    <message>
        <source>hash</source>
        <translation>hachage</translation>
    </message>
    <message>
        <source>DH group</source>
        <translation>Groupe DH</translation>
    </message>
    <message>
        <source>Lifetime</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>lifetime</source>
        <translation>durée de vie</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>lifetime in kilobytes</source>
        <translation>durée de vie en kilo-octets</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <source>protocol</source>
        <translation>protocole</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>mode</translation>
    </message>
    <message>
        <source>Integrity</source>
        <translation>Intégrité</translation>
    </message>
    <message>
        <source>integrity</source>
        <translation>intégrité</translation>
    </message>
    <message>
        <source>PFS group</source>
        <translation>Groupe PFS</translation>
    </message>
    <message>
        <source>not supported by {product}</source>
        <translation>non pris en charge par {product}</translation>
    </message>
</context>
<context>
    <name>themes</name>
    <message>
        <source>Follow the System</source>
        <translation>Suivre le système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
</context>
</TS>
