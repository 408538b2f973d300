"""The phrase book: what each category of spam says, in English, French, Spanish, German, Portuguese,
Italian and Dutch. Data, not code: :mod:`lapnet.analysis.classify.compiler` compiles it once at import.

How to write a phrase (it is folded like the text it is matched against, so write it naturally, with
accents and capitals as you like; matching ignores case, accents and look-alike letters):

- words separated by spaces match words separated by any run of spaces, punctuation or line breaks;
- ``a|b|c`` is one of these words; ``word?`` is an optional word; ``verif*`` is a word starting so;
- ``(has been|was|is being)`` is one of these word sequences (a group may also be optional: ``(...)?``);
- a hyphen inside a word is optional (``sign-in`` matches "sign-in", "sign in", "signin");
- ``#num`` is a number, ``#money`` an amount of money ("US$10.5 million", "1 500 €", "£1000"),
  ``#any`` up to four words of any kind, ``#any8`` up to eight.

A phrase needs at least one required plain word (not optional, no ``*``, no ``-``, no ``#``): the rule
engine only tries a rule on a text that contains one of those words, which keeps 170 rules cheap. The
test suite checks that every phrase has one.

Weights: about how strongly one match alone points at the category, 0..1; a category's rule score is
the noisy-or of its rules' weights (``1 - Π(1 - w)``), each rule counted once. Accusing categories
(phishing, advance-fee fraud, extortion, malware) need a score of at least 0.75, so a single weak rule
never accuses anybody. Keep weights of phrases that legitimate mail also uses (bank notices, invoices,
newsletters) low: they may support, not decide.
"""

from __future__ import annotations

from dataclasses import dataclass

from lapnet.analysis.types import Category

PHISHING = Category.PHISHING
FEE = Category.ADVANCE_FEE_FRAUD
LOTTERY = Category.LOTTERY_OR_PRIZE
MALWARE = Category.MALWARE
PHARMA = Category.PHARMA
FINANCIAL = Category.FINANCIAL_OR_STOCK
EXTORTION = Category.EXTORTION
ADULT = Category.DATING_OR_ADULT
COMMERCIAL = Category.COMMERCIAL_UNSOLICITED

LANGUAGES = ("en", "fr", "es", "de", "pt", "it", "nl")


@dataclass(frozen=True, slots=True)
class PhraseRule:
    category: Category
    name: str
    weight: float
    phrases: dict[str, tuple[str, ...]]  # language code -> phrases


# fmt: off
PHRASE_RULES: tuple[PhraseRule, ...] = (
    # ---------------------------------------------------------------- phishing: credentials and accounts
    PhraseRule(PHISHING, "verify_account", 0.6, {
        "en": (
            "verify|confirm|validate|reactivate|re-activate|restore|unlock|unblock|reconfirm|re-confirm|revalidate|re-validate your|the account|identity|password|credentials|login|log-in|mailbox|billing|webmail",
            "update|verify|confirm|validate|review your #any2 account|billing|payment|banking|card information|info|details|records|data",
            "verify|confirm|validate|reactivate|restore|unlock your #any2 account|access|identity|ownership|information|details|records",
            "(could not|couldn't|were unable to|cannot|can't|failed to) verify|confirm|validate your #any2 information|account|identity|details|records",
            "reenter|re-enter|resubmit|re-submit your #any2 information|details|data",
            "account|identity verification required|needed|pending",
            "verify|confirm (it's|it is|that it's|that it is) really? you",
        ),
        "fr": (
            "vérifier|vérifiez|confirmer|confirmez|valider|validez|réactiver|réactivez|débloquer|débloquez|actualiser|actualisez votre|vos compte|identité|mot|informations|coordonnées|données|accès",
            "mettre|mettez à jour votre|vos compte|informations|coordonnées|données",
        ),
        "es": (
            "verifique|verificar|verifica|confirme|confirmar|confirma|valide|validar|reactive|reactivar|desbloquee|desbloquear|actualice|actualizar|actualiza su|tu|sus|tus cuenta|identidad|contraseña|información|datos|credenciales",
        ),
        "de": (
            "bestätigen|verifizieren|aktualisieren|entsperren|reaktivieren|überprüfen sie? ihr|ihre|dein|deine konto|identität|passwort|daten|zugangsdaten|kontodaten|zahlungsdaten",
            "ihr|ihre|dein|deine konto|identität|daten|zugangsdaten|kontodaten|zahlungsdaten #any zu? bestätigen|verifizieren|aktualisieren|überprüfen|entsperren",
            "verifizierung|bestätigung ihres|ihrer|deines|deiner kontos|identität|daten",
        ),
        "pt": (
            "verifique|verificar|confirme|confirmar|atualize|atualizar|valide|validar|reative|reativar|desbloqueie|desbloquear|regularize|regularizar sua|seu|seus|suas conta|identidade|senha|dados|cadastro|informações|acesso",
        ),
        "it": (
            "verifica|verificare|verifichi|conferma|confermare|confermi|aggiorna|aggiornare|aggiorni|convalida|riattiva|riattivare|sblocca|sbloccare il|la|i|le tuo|tua|tuoi|tue|suo|sua account|conto|identità|password|dati|credenziali",
        ),
        "nl": (
            "verifieer|verifiëren|bevestig|bevestigen|controleer|controleren|activeer|deblokkeer|update uw|je|jouw account|identiteit|wachtwoord|gegevens|rekening",
            "uw|je|jouw account|identiteit|gegevens|rekening #any te? verifiëren|bevestigen|controleren|activeren",
        ),
    }),
    PhraseRule(PHISHING, "account_suspended", 0.6, {
        "en": (
            "your|the account|access|mailbox|card (has been|have been|was|is|will be|is being|has|have) temporarily|permanently? suspended|locked|limited|restricted|disabled|blocked|deactivated|terminated|frozen|compromised|on-hold",
            "account|card suspension|limitation|restriction|deactivation|termination notice|alert|notification?",
            "we have|ve temporarily? suspended|limited|locked|restricted|disabled|blocked your account|access|card",
            "we|you have|ve placed|put a? hold|limit|restriction on your account|card",
            "limited|restricted access to your account",
            "access to #any8 account features? (will be|has been|is|are) limited|restricted|suspended|disabled",
            "account (could|may|might|will) be temporarily|permanently? suspended|closed|restricted|limited|locked|terminated|deactivated",
            "account|mailbox (is|has been|was|is being) temporarily|permanently? suspended|locked|restricted|deactivated|disabled|blocked|frozen",
        ),
        "fr": (
            "votre compte|accès|carte (a été|est|sera|a ete) temporairement? suspendu|suspendue|bloqué|bloquée|limité|limitée|désactivé|désactivée|restreint|fermé|verrouillé",
            "suspension|restriction|fermeture de votre compte|carte",
        ),
        "es": (
            "su|tu cuenta|acceso|tarjeta (ha sido|fue|será|está|ha quedado) temporalmente? suspendida|suspendido|bloqueada|bloqueado|limitada|limitado|desactivada|restringida|restringido|cerrada",
            "suspensión|bloqueo|cierre de su|tu cuenta|tarjeta",
        ),
        "de": (
            "ihr|dein konto|zugang|karte wurde|ist|wird vorübergehend? gesperrt|eingeschränkt|deaktiviert|blockiert|suspendiert|geschlossen",
            "sperrung|einschränkung|deaktivierung ihres|deines kontos|zugangs",
        ),
        "pt": (
            "sua|seu conta|acesso|cartão foi|está|será|esta temporariamente? suspensa|suspenso|bloqueada|bloqueado|limitada|limitado|desativada|desativado|restrita|encerrada",
            "conta|cartão|acesso bloqueada|bloqueado|suspensa|suspenso",
            "bloqueio|suspensão|encerramento da|de sua conta",
        ),
        "it": (
            "il tuo|vostro|suo account|conto|accesso (è stato|è stata|è|sarà) temporaneamente? sospeso|sospesa|bloccato|bloccata|limitato|limitata|disattivato|disattivata",
            "sospensione|blocco del tuo|suo account|conto",
        ),
        "nl": (
            "uw|je|jouw account|rekening|toegang|pas is|wordt|werd tijdelijk? geblokkeerd|opgeschort|beperkt|gedeactiveerd|afgesloten",
            "blokkering|opschorting van uw|je account|rekening",
        ),
    }),
    PhraseRule(PHISHING, "unusual_activity", 0.45, {
        "en": (
            "unusual|suspicious|unauthorized|unauthorised|irregular|unrecognized|fraudulent sign-in|login|log-in|logon|activity|activities|access|attempt|attempts|transaction|transactions|charge|charges|purchase",
            "we (detected|noticed|have detected|have noticed|ve detected|ve noticed) something unusual|suspicious",
            "someone|somebody (tried|attempted|has tried|has attempted) to sign|log|access|login",
            "new sign-in|login to|on your account",
        ),
        "fr": (
            "activité|connexion|tentative|transaction|accès (inhabituelle|inhabituel|suspecte|suspect|frauduleuse|non autorisée|non autorisé)",
            "tentative de connexion",
        ),
        "es": (
            "actividad|inicio|acceso|intento|transacción|cargo (inusual|sospechosa|sospechoso|no autorizado|no autorizada|fraudulenta)",
            "inicio de sesión inusual|sospechoso",
        ),
        "de": (
            "ungewöhnliche|verdächtige|unbefugte|unberechtigte|betrügerische aktivität|aktivitäten|anmeldung|anmeldeversuch|zugriff|zugriffe|transaktion|transaktionen",
            "ungewöhnlichen|verdächtigen|unbefugten|unberechtigten zugriff|anmeldeversuch",
        ),
        "pt": (
            "atividade|acesso|tentativa|transação|compra (incomum|suspeita|suspeito|não autorizado|não autorizada|fraudulenta)",
            "tentativa de acesso|login",
        ),
        "it": (
            "attività|accesso|tentativo|transazione (insolita|insolito|sospetta|sospetto|non autorizzato|non autorizzata|fraudolenta)",
            "tentativo di accesso",
        ),
        "nl": (
            "ongebruikelijke|verdachte|ongeautoriseerde|frauduleuze activiteit|activiteiten|aanmelding|inlogpoging|toegang|transactie|transacties",
            "onbevoegde toegang",
        ),
    }),
    PhraseRule(PHISHING, "credential_request", 0.7, {
        "en": (
            "confirm|verify|enter|provide|update|re-enter|submit your|the password|passcode|pin|ssn|cvv|cvv2|cvc",
            "social security number",
            "mother's|mothers maiden name",
            "card verification code|number|value",
            "enter your e-mail|username and password",
            "your password (will expire|expires|has expired|is expiring|expired)",
        ),
        "fr": (
            "saisir|saisissez|entrer|entrez|confirmer|confirmez|indiquer|indiquez votre mot de passe",
            "votre mot de passe (expire|va expirer|a expiré|expirera)",
            "saisir|saisissez|entrez|confirmez votre (code secret|code confidentiel|numéro de carte|code de sécurité)",
            "cryptogramme visuel",
        ),
        "es": (
            "ingrese|introduzca|confirme|ingresa|introduce|proporcione su|tu contraseña|clave|pin|cvv",
            "su contraseña (caducará|expirará|ha caducado|ha expirado)",
            "código de seguridad de su|tu tarjeta",
        ),
        "de": (
            "geben sie ihr|ihre passwort|kennwort|pin|tan|kartennummer",
            "ihr|dein passwort|kennwort (läuft ab|ist abgelaufen|wird ablaufen|läuft)",
            "passwort|kennwort #any bestätigen|eingeben",
        ),
        "pt": (
            "informe|digite|confirme|insira sua|seu (senha|pin|cvv|código de segurança)",
            "sua senha (expira|vai expirar|expirou)",
            "número do cartão",
        ),
        "it": (
            "inserisci|inserire|conferma|confermare|fornisci (la tua password|la sua password|il tuo pin|il suo pin|i dati della carta)",
            "la tua|sua password (scadrà|scade|è scaduta|sta per scadere)",
        ),
        "nl": (
            "voer uw|je wachtwoord|pincode|inloggegevens in",
            "uw|je wachtwoord (verloopt|is verlopen)",
        ),
    }),
    PhraseRule(PHISHING, "mailbox_quota", 0.6, {
        "en": (
            "your mailbox|inbox|email|e-mail has|is exceeded|reached|full|almost",
            "mailbox|email|e-mail|storage quota|limit|storage exceeded|reached|full",
            "incoming|pending messages|emails (have been|were|are being|are) suspended|held|blocked|delayed",
            "email|mailbox|e-mail account will be deleted|closed|deactivated|suspended|terminated",
        ),
        "fr": ("votre (boîte aux lettres|boîte mail|boîte de réception|messagerie) (est pleine|est saturée|a atteint sa limite|a atteint son quota)",),
        "es": ("su (buzón|correo|bandeja de entrada) (está lleno|está llena|ha superado|ha alcanzado)",),
        "de": ("ihr|dein postfach|e-mail-postfach (ist voll|ist fast voll|hat #any erreicht|hat #any überschritten)",),
        "pt": ("sua caixa de (correio|e-mail|entrada) (está cheia|atingiu|excedeu)",),
        "it": ("la tua|sua casella di posta (è piena|ha raggiunto|ha superato)",),
        "nl": ("uw|je mailbox|postvak (is vol|is bijna vol|heeft #any bereikt|heeft #any overschreden)",),
    }),
    PhraseRule(PHISHING, "login_link", 0.35, {
        "en": (
            "click|tap|follow|visit|use the? here|below|link|button #any to verify|confirm|login|log|sign|restore|unlock|reactivate|secure|update|validate|unblock|reset",
            "log|sign in|on now|here|below to verify|confirm|restore|avoid|secure|update|unlock",
            "failure to verify|confirm|update|comply|respond|validate will|may|could result|lead",
            "if you (do not|don't|fail to) verify|confirm|update|validate|respond #any your account|access",
            "otherwise your account|access will|may be",
        ),
        "fr": (
            "cliquez|cliquer|appuyez ici|sur #any pour vérifier|confirmer|réactiver|débloquer|valider|sécuriser|mettre",
            "(faute de quoi|sans quoi|à défaut) votre compte|accès",
        ),
        "es": (
            "haga|haz clic|click aquí|en #any para verificar|confirmar|reactivar|desbloquear|validar|actualizar",
            "de lo contrario su|tu cuenta|acceso",
        ),
        "de": (
            "klicken sie hier|auf #any um #any zu bestätigen|verifizieren|aktualisieren|entsperren|reaktivieren",
            "andernfalls|ansonsten wird|werden ihr|dein konto|zugang",
        ),
        "pt": (
            "clique|clica|acesse aqui|no #any para verificar|confirmar|atualizar|regularizar|desbloquear|validar|reativar",
            "(caso contrário|do contrário) sua|seu conta|acesso|cartão",
        ),
        "it": (
            "(clicca|clicchi|fai clic) qui|sul #any per verificare|confermare|aggiornare|sbloccare|riattivare",
            "altrimenti il tuo|suo account|conto",
        ),
        "nl": (
            "klik hier|op #any om #any te verifiëren|bevestigen|controleren|deblokkeren|activeren",
            "anders wordt uw|je account|rekening",
        ),
    }),
    PhraseRule(PHISHING, "parcel_fee", 0.6, {
        "en": (
            "your package|parcel|shipment|delivery|order (is|has been|was|are|is being|is on|has been put on|is currently) held|hold|suspended|pending|awaiting|undeliverable|returned|stopped",
            "delivery (failed|attempt failed|was unsuccessful|unsuccessful|could not be completed)",
            "we (could not|were unable to|couldn't|cannot) deliver your package|parcel|shipment",
            "customs|redelivery|import fee|fees|duty|tax|charge payment? required|pending|unpaid|outstanding",
            "pay|confirm the? customs|redelivery fee|fees|duty",
        ),
        "fr": (
            "votre colis|envoi (est|a été|est actuellement) (en attente|bloqué|retenu|suspendu|retourné)",
            "frais de douane|dédouanement|réexpédition|réacheminement",
            "nous n'avons pas pu livrer votre colis",
        ),
        "es": (
            "su|tu paquete|envío|pedido (está retenido|ha sido retenido|está pendiente|está detenido|está en espera)",
            "tasas|gastos|tarifa de aduana|importación",
            "no (pudimos|hemos podido) entregar su|tu paquete",
        ),
        "de": (
            "ihr|dein paket|sendung|lieferung konnte nicht zugestellt werden",
            "ihr|dein paket|sendung wird|wurde zurückgehalten|angehalten|festgehalten",
            "zollgebühr|zollgebühren|zustellgebühr|nachnahmegebühr",
        ),
        "pt": (
            "seu|sua pedido|objeto|encomenda|pacote está|esta|foi retido|retida|parado|parada|aguardando|taxado|bloqueado|bloqueada",
            "taxa|taxas de importação|alfândega|desembaraço",
            "retido|retida na alfândega|fiscalização",
        ),
        "it": (
            "il tuo|suo pacco|pacchetto|spedizione|ordine (è in attesa|è bloccato|è bloccata|è trattenuto|è sospeso|è in giacenza)",
            "spese|tassa|tasse di dogana|sdoganamento",
        ),
        "nl": (
            "uw|je pakket|zending kon niet worden bezorgd|geleverd",
            "uw|je pakket|zending is|wordt (tegengehouden|vastgehouden|in afwachting)",
            "douanekosten|invoerrechten|inklaringskosten",
        ),
    }),
    PhraseRule(PHISHING, "payment_problem", 0.45, {
        "en": (
            "your|the payment|card|transaction (was declined|has been declined|is declined|was rejected|has been rejected|has failed|failed|could not be processed|could not be authorized|could not be verified|was unsuccessful)",
            "update your payment|billing method|information|details|card",
            "billing|payment problem|issue|error|failure",
            "your subscription|membership (has expired|will expire|expires|expired|has been cancelled|has been suspended|is on hold|is expiring)",
            "subscription|membership|renewal payment failed|declined|unsuccessful",
        ),
        "fr": (
            "votre paiement|carte (a été|est|a) refusé|refusée|rejeté|échoué",
            "échec du paiement|prélèvement",
            "votre abonnement (a expiré|expire|est suspendu|va expirer)",
        ),
        "es": (
            "su|tu pago|tarjeta (fue rechazado|fue rechazada|ha sido rechazado|ha sido rechazada|ha fallado|no pudo ser procesado)",
            "su|tu suscripción (ha caducado|ha expirado|vence|fue cancelada|está por vencer)",
        ),
        "de": (
            "ihre|deine zahlung|karte wurde|ist abgelehnt|fehlgeschlagen",
            "ihr|dein abonnement|abo ist|wurde abgelaufen|gekündigt|ausgesetzt",
            "zahlung fehlgeschlagen",
        ),
        "pt": (
            "seu|o pagamento|cartão (foi recusado|foi recusada|falhou|não foi aprovado|não foi processado)",
            "sua assinatura (expirou|venceu|está suspensa|foi cancelada)",
            "(débitos|pendências|multas) (pendentes|em aberto)",
        ),
        "it": (
            "(il tuo pagamento|il suo pagamento|la tua carta|la sua carta) (è stato rifiutato|è stata rifiutata|non è andato a buon fine|non è riuscito)",
            "il tuo|suo abbonamento (è scaduto|è sospeso|scadrà|sta per scadere)",
        ),
        "nl": (
            "uw|je betaling|kaart is|werd mislukt|geweigerd|afgewezen",
            "uw|je abonnement is|wordt verlopen|opgeschort|beëindigd",
        ),
    }),
    PhraseRule(PHISHING, "wallet_seed", 0.5, {
        "en": (
            "seed|recovery|secret|mnemonic phrase",
            "seed words",
            "validate|synchronize|synchronise|sync|upgrade|migrate|verify|connect your wallet|wallets",
            "your wallet (has been|will be|is|was) suspended|blocked|deactivated|restricted|locked|disabled",
            "update|upgrade|verify|synchronize your ledger|trezor|metamask|trust|exodus|phantom wallet|device|app",
            "airdrop|airdrops claim|allocation|eligible|live|reward|rewards|tokens",
            "claim your #any2 tokens|airdrop|allocation",
        ),
        "fr": ("phrase de récupération|secrète", "synchroniser|valider|vérifier votre portefeuille"),
        "es": ("frase de recuperación|semilla|secreta", "sincronice|valide|verifique|actualice su billetera|cartera"),
        "de": ("wiederherstellungsphrase|seed-phrase", "ihre|ihr|deine wallet|geldbörse verifizieren|synchronisieren|aktualisieren"),
        "pt": ("frase de recuperação|semente|secreta", "sincronize|valide|verifique|atualize sua carteira"),
        "it": ("frase di recupero|segreta", "sincronizza|convalida|verifica il tuo portafoglio|wallet"),
        "nl": ("herstelzin|seedzin", "synchroniseer|valideer|verifieer je|uw wallet|portemonnee"),
    }),
    PhraseRule(PHISHING, "shared_document", 0.3, {
        "en": (
            "shared|sent a|an? document|file|folder|fax|invoice with you",
            "you have|ve received|got a|an? new? secure|encrypted|shared? (document|file|fax|voicemail|voice message)",
            "(review and sign|review the document|view document|open document|view shared document)",
            "docusign|sharepoint|onedrive|wetransfer",
            "login|log|sign in? to review|view|access|download|open your|the document|documents|file|files|invoice",
        ),
        "fr": ("a partagé un|des document|fichier|dossier avec vous", "consulter le document"),
        "es": ("ha compartido un documento|archivo (contigo|con usted)",),
        "de": ("hat ein|eine dokument|datei|ordner mit ihnen|dir geteilt",),
        "pt": ("compartilhou um documento|arquivo com você",),
        "it": ("ha condiviso un documento|file con te|lei",),
        "nl": ("heeft een document|bestand met u|je gedeeld",),
    }),
    PhraseRule(PHISHING, "security_notice", 0.25, {
        "en": (
            "security alert|notice|notification|warning|measure|measures|reasons|update|team|department|center|check",
            "for your protection|security|safety",
            "dear valued? (customer|member|client|user|account holder|accountholder|subscriber|sir or madam|sir/madam)",
            "protect your account",
        ),
        "fr": ("cher|chère client|cliente|membre|utilisateur", "alerte|avis|mesure|mesures de sécurité", "pour votre sécurité"),
        "es": ("estimado|estimada|querido cliente|usuario|miembro", "alerta|aviso|medida|medidas de seguridad", "por su|tu seguridad"),
        "de": ("(sehr geehrter|sehr geehrte|lieber|liebe) kunde|kundin|nutzer|mitglied", "sicherheitshinweis|sicherheitswarnung|sicherheitsmaßnahme|sicherheitsgründen", "zu ihrer|deiner sicherheit"),
        "pt": ("prezado|prezada|caro|cara cliente|usuário|associado", "alerta|aviso|medida de segurança", "para sua segurança|proteção"),
        "it": ("gentile|caro|cara cliente|utente|titolare", "avviso|misure di sicurezza", "per la tua|sua sicurezza"),
        "nl": ("beste|geachte klant|gebruiker|rekeninghouder", "veiligheidsmelding|beveiligingsmelding|veiligheidsredenen", "voor uw|je veiligheid"),
    }),
    PhraseRule(PHISHING, "brand_login", 0.3, {
        "en": (
            "paypal|ebay|apple|icloud|microsoft|outlook|office365|hotmail|netflix|amazon|chase|citibank|barclays|hsbc|lloyds|natwest|santander|wellsfargo|wells|metamask|coinbase|binance|docusign|dropbox|webmail|mcafee|norton|usps|dhl|fedex #any8 account|sign-in|login|log-in|verify|verification|confirm|suspended|locked|password",
        ),
        "fr": ("(caf|ameli|impots|laposte|colissimo|chronopost|crédit agricole|bnp|société générale|banque postale) #any8 compte|connexion|identifiant|vérifier|confirmer",),
        "es": ("(bbva|caixabank|bankia|sabadell|correos|agencia tributaria) #any8 cuenta|acceso|verificar|confirmar",),
        "de": ("(sparkasse|volksbank|postbank|deutsche bank|commerzbank|dhl|hermes) #any8 konto|anmeldung|zugang|bestätigen|verifizieren",),
        "pt": ("(bradesco|itaú|caixa|santander|nubank|correios|banco do brasil|receita federal) #any8 conta|acesso|verificar|confirmar|senha",),
        "it": ("(poste|postepay|intesa|unicredit|bper|inps|agenzia delle entrate) #any8 account|conto|accesso|verificare|confermare",),
        "nl": ("ing|rabobank|abn|sns|postnl|belastingdienst|digid|bunq #any8 account|rekening|inloggen|verifiëren|bevestigen",),
    }),
    PhraseRule(PHISHING, "account_review", 0.45, {
        "en": (
            "(during|as part of) our regular|regularly|routine|periodic|scheduled|recent #any3 maintenance|review|verification|update|screening|audit",
            "we (are undertaking|are carrying out|are performing|have performed|recently reviewed|have reviewed) #any4 review|reviewed|upgrade|maintenance|your",
            "(planned|scheduled) software|system|security upgrade|update|maintenance",
            "error|problem|issue|discrepancy|irregularity|irregularities in|with your #any2 billing|account|payment information|details|records",
            "fill in|out the required|requested|following information|form",
            "if you did not|didn't (authorise|authorize|make|request|initiate|recognize|recognise) this|the change|transaction|request|purchase|payment|login|sign-in|activity",
            "your password (has been|was) changed|reset",
        ),
        "fr": ("(lors de|dans le cadre de) notre (vérification|mise à jour|maintenance|contrôle) (régulière|périodique|de routine)", "si vous n'êtes pas à l'origine de cette (opération|connexion|modification|demande)"),
        "es": ("(durante|como parte de) nuestra (revisión|verificación|actualización) (regular|periódica|rutinaria)", "si usted no (realizó|autorizó|solicitó) este|esta (cambio|transacción|solicitud)"),
        "de": ("(im rahmen|während) unserer (regelmäßigen|routinemäßigen) (überprüfung|wartung|aktualisierung)", "(autorisierung|verifizierung|identifizierung|aktivierung|reaktivierung) (ihres|des) (kontos|bankkontos|kunden|zugangs)", "falls|wenn sie diese (änderung|transaktion|anmeldung) nicht (veranlasst|vorgenommen|autorisiert) haben"),
        "pt": ("(durante|como parte de) nossa (revisão|verificação|atualização) (regular|periódica|de rotina)", "se você não (reconhece|realizou|autorizou|solicitou) (esta|essa) (compra|transação|alteração|solicitação)"),
        "it": ("(durante|nell'ambito di) una nostra (verifica|revisione|manutenzione) (periodica|regolare|di routine)", "se non hai (effettuato|autorizzato|richiesto) (questa|questo) (operazione|modifica|accesso)"),
        "nl": ("(tijdens|als onderdeel van) onze (periodieke|regelmatige|routinematige) (controle|verificatie|update)", "als u dit niet (heeft|hebt) (gedaan|aangevraagd|geautoriseerd)"),
    }),
    PhraseRule(PHISHING, "fines_and_tolls", 0.5, {
        "en": (
            "unpaid|outstanding|overdue toll|tolls|fine|fines|ticket|penalty|penalties|invoice|balance",
            "toll|traffic|parking|speeding fine|fines|charges|violation|violations|notice",
            "e-zpass|ezpass|sunpass|fastrak",
        ),
        "fr": ("amende|amendes (impayée|impayées|majorée|en attente)", "péage|péages impayé|impayés|en attente", "avis de contravention"),
        "es": ("multa|multas (pendiente|pendientes|de tráfico|impagada)", "peaje|peajes pendiente|pendientes|impagado"),
        "de": ("bußgeld|bussgeld|bußgeldbescheid|strafzettel|mautgebühr|mautgebühren", "offene|ausstehende maut|gebühr|gebühren|forderung"),
        "pt": ("cnh|detran|multa|multas|infração|pedágio|ipva|licenciamento #any4 pendente|pendentes|suspensão|regularização|regularize|bloqueio|vencida|vencido", "(valores|dinheiro) (a receber|esquecido|esquecidos|disponível|disponíveis)", "regularize|regularizar sua|seu|seus cnh|situação|pendência|pendências|débitos|cpf"),
        "it": ("multa|multe (non pagata|non pagate|in sospeso)", "pedaggio|pedaggi (non pagato|non pagati|in sospeso)"),
        "nl": ("verkeersboete|verkeersboetes|tolheffing|cjib", "openstaande boete|boetes|betaling|tol"),
    }),
    PhraseRule(PHISHING, "points_expiring", 0.45, {
        "en": ("your #any2 points|miles|rewards (will expire|expire|are expiring|expiring)", "redeem your #any2 points|miles before"),
        "fr": ("vos points (expirent|vont expirer|expireront|arrivent à expiration)",),
        "es": ("sus|tus puntos (caducan|expiran|vencen|van a caducar|están por vencer)",),
        "de": ("ihre|deine punkte|prämienpunkte verfallen|laufen",),
        "pt": ("seus #any2 pontos (expiram|vão expirar|irão expirar|estão expirando|irá expirar|expirando)", "resgate seus pontos", "pontos (acumulados|disponíveis) para (resgate|conversão|troca)"),
        "it": ("i tuoi punti (scadono|stanno per scadere|scadranno)",),
        "nl": ("je|uw punten (vervallen|verlopen|gaan verlopen)",),
    }),
    PhraseRule(PHISHING, "security_software_renewal", 0.45, {
        "en": (
            "mcafee|norton|avast|avg|kaspersky|bitdefender|defender|antivirus #any8 subscription|protection|license|licence expired|expires|expiring|renew|renewal|payment",
            "your device|computer|pc|phone (is|may be|could be|might be) infected|exposed|vulnerable|at risk|unprotected",
            "#num viruses|threats detected|found",
        ),
        "fr": ("votre appareil|ordinateur (est|peut être) infecté|vulnérable|en danger|exposé", "votre protection|antivirus a expiré|expire"),
        "es": ("su|tu dispositivo|ordenador|equipo (está|puede estar) infectado|en riesgo|expuesto", "su|tu protección|antivirus ha caducado|expira"),
        "de": ("ihr|dein gerät|computer (ist|könnte) gefährdet|infiziert|ungeschützt", "ihr|dein schutz|virenschutz ist|läuft abgelaufen|ab"),
        "pt": ("seu dispositivo|computador (está|pode estar) infectado|em risco|vulnerável|desprotegido", "sua proteção expirou|expira"),
        "it": ("il tuo dispositivo|computer (è|potrebbe essere) infetto|a rischio|vulnerabile", "la tua protezione è scaduta|scade"),
        "nl": ("uw|je apparaat|computer is|kan geïnfecteerd|kwetsbaar|onbeschermd", "uw|je bescherming|antivirus is verlopen"),
    }),
    PhraseRule(PHISHING, "deadline", 0.25, {
        "en": (
            "within|in the next #num hours|hrs|business? days",
            "you have|only #num hours|hrs",
            "(immediate|urgent) action required|needed",
            "action required|needed",
            "(as soon as possible|immediately) to avoid",
        ),
        "fr": ("dans les #num heures|jours", "vous avez #num heures", "action requise|immédiate"),
        "es": ("en las próximas #num horas", "tiene|tienes #num horas", "acción requerida|inmediata"),
        "de": ("innerhalb von #num stunden|tagen", "(sie haben|du hast) #num stunden", "handlungsbedarf", "sofortiges handeln"),
        "pt": ("nas próximas #num horas", "você tem #num horas", "ação necessária|imediata"),
        "it": ("entro #num ore", "hai #num ore", "azione richiesta|immediata"),
        "nl": ("binnen #num uur|dagen", "(je hebt|u heeft) #num uur", "actie vereist"),
    }),
    # ---------------------------------------------------------------- advance-fee fraud (419)
    PhraseRule(FEE, "next_of_kin", 0.6, {
        "en": (
            "next of kin",
            "foreign partner|beneficiary|associate",
            "deceased client|customer|husband|father|depositor|investor",
            "died|killed #any in a|an? plane|air|car|auto|motor crash|accident",
            "without a|any will|heir|heirs|beneficiary",
            "died intestate",
        ),
        "fr": ("plus proche parent", "défunt|défunte client|cliente|mari|père", "décédé|décédée sans héritier|testament"),
        "es": ("pariente más cercano", "difunto|fallecido cliente|esposo|padre", "murió|falleció sin herederos|testamento"),
        "de": ("nächster|nächste angehöriger|angehörige|verwandter", "verstorbene|verstorbenen kunde|kunden|ehemann|vater", "ohne erben|testament verstorben"),
        "pt": ("parente mais próximo", "falecido|falecida cliente|marido|pai", "sem herdeiros|testamento"),
        "it": ("parente più prossimo|stretto", "defunto|defunta|deceduto cliente|marito|padre", "senza eredi|testamento"),
        "nl": ("naaste familielid|verwant|bloedverwant", "overleden klant|echtgenoot|vader", "zonder erfgenamen|testament"),
    }),
    PhraseRule(FEE, "millions", 0.3, {
        "en": (
            "#money million|millions|billion|mln",
            "#num million|millions|billion us? dollars|usd|euros|pounds|gbp",
        ),
        "fr": ("#money millions|milliards", "#num millions|milliards de dollars|d'euros|euros"),
        "es": ("#money millones|millón", "#num millones de dólares|euros"),
        "de": ("#money millionen|million|milliarden", "#num millionen us? dollar|euro"),
        "pt": ("#money milhões|milhão", "#num milhões de dólares|euros"),
        "it": ("#money milioni|milione|miliardi", "#num milioni di dollari|euro"),
        "nl": ("#money miljoen|miljard", "#num miljoen dollar|euro"),
    }),
    PhraseRule(FEE, "transfer_funds", 0.5, {
        "en": (
            "sum|amount|total|fund|funds|deposit of #money",
            "transfer|transferring|remit|move|receive this|the|these? sum|fund|funds|money|amount into|to|in your|a foreign? bank? account",
            "transfer of this|the? fund|funds|sum",
            "fund|funds release|remittance",
            "your bank account details|information|particulars",
            "(bank account|account) #any for the transfer|remittance|deposit",
        ),
        "fr": ("somme|montant de #money", "transfert|virement des|de fonds", "transférer|virer #any fonds|somme|argent", "vos coordonnées bancaires"),
        "es": ("suma|cantidad|monto de #money", "transferencia de los? fondos", "transferir #any fondos|suma|dinero", "sus datos bancarios"),
        "de": ("summe|betrag von #money", "überweisung|übertragung der|des gelder|geldes|summe|betrages", "überweisen|übertragen #any gelder|summe|geld", "ihre bankverbindung|bankdaten"),
        "pt": ("soma|quantia|montante de #money", "transferência dos fundos", "transferir #any fundos|quantia|dinheiro", "seus dados bancários"),
        "it": ("somma|importo di #money", "trasferimento dei|della fondi|somma|denaro", "trasferire #any fondi|somma|denaro", "i tuoi|suoi dati bancari"),
        "nl": ("som|bedrag van #money", "overdracht|overmaking van het? geld|bedrag|fondsen", "overmaken #any geld|bedrag|fondsen", "uw bankgegevens"),
    }),
    PhraseRule(FEE, "barrister", 0.35, {
        "en": ("barrister", "attorney at law", "legal practitioner", "solicitor #any8 estate|client|fund|inheritance"),
        "fr": ("avocat|notaire #any8 succession|héritage|défunt",),
        "es": ("abogado|notario #any8 herencia|difunto|fallecido",),
        "de": ("rechtsanwalt|anwalt|notar #any8 erbe|erbschaft|nachlass|verstorbenen",),
        "pt": ("advogado #any8 herança|falecido|espólio",),
        "it": ("avvocato|notaio #any8 eredità|defunto|patrimonio",),
        "nl": ("advocaat|notaris #any8 erfenis|nalatenschap|overleden",),
    }),
    PhraseRule(FEE, "beneficiary", 0.4, {
        "en": (
            "legitimate|rightful|sole|legal|named beneficiary|heir",
            "beneficiary of the|this|his|her|my fund|funds|estate|inheritance|will|deposit",
            "inheritance|estate fund|funds|claim",
            "unclaimed|abandoned|dormant fund|funds|inheritance|deposit|estate|account|consignment",
            "next beneficiary",
        ),
        "fr": ("bénéficiaire (légitime|légal|unique|des fonds)", "(fonds non réclamés|héritage non réclamé)", "compte dormant|inactif"),
        "es": ("beneficiario (legítimo|legal|único|de los fondos)", "fondos|herencia no reclamados|reclamada", "cuenta inactiva|durmiente"),
        "de": ("rechtmäßiger|rechtmäßige|einziger begünstigter|begünstigte|erbe", "nicht beanspruchte|beanspruchten gelder|erbschaft", "ruhendes|inaktives konto"),
        "pt": ("beneficiário (legítimo|legal|único|dos fundos)", "fundos|herança não reclamados|reclamada", "conta inativa|adormecida"),
        "it": ("beneficiario (legittimo|legale|unico|dei fondi)", "fondi|eredità non reclamati|reclamata", "conto dormiente|inattivo"),
        "nl": ("rechtmatige|enige begunstigde|erfgenaam", "niet opgeëiste|geclaimde gelden|erfenis", "slapende|inactieve rekening"),
    }),
    PhraseRule(FEE, "consignment_box", 0.7, {
        "en": (
            "consignment|trunk box|boxes",
            "diplomatic bag|pouch|courier|agent|delivery",
            "security|finance company|vault #any8 consignment|box|boxes",
            "atm (master card|mastercard|visa card|card)",
            "card|cards (worth|loaded with|valued at) #money",
            "anti-terrorism|anti-terrorist|drug|clearance|ownership|non-terrorist certificate",
            "release|delivery of your|the fund|funds|consignment",
            "fund release order|fee",
        ),
        "fr": ("colis|boîte diplomatique", "valise diplomatique", "certificat (anti-terroriste|antiterroriste|de dédouanement|de propriété)"),
        "es": ("valija|maleta|bolsa diplomática", "caja de consignación|consigna", "certificado (antiterrorista|de propiedad)"),
        "de": ("(diplomatengepäck|diplomatenkoffer|diplomatischer kurier|diplomatenpost)", "anti-terror-zertifikat|antiterrorzertifikat"),
        "pt": ("mala|bolsa diplomática", "caixa de consignação", "certificado (antiterrorismo|anti-terrorismo|de propriedade)"),
        "it": ("valigia|borsa diplomatica", "certificato (antiterrorismo|di proprietà)"),
        "nl": ("diplomatieke koffer|tas|koerier", "antiterrorisme certificaat"),
    }),
    PhraseRule(FEE, "confidential_proposal", 0.45, {
        "en": (
            "confidential|lucrative|private business? proposal|transaction|deal|relationship",
            "business proposal|proposition|transaction|deal for|to you",
            "strictly|highly|absolutely|utmost confidential|confidence|confidentiality",
            "mutual benefit",
            "i need|seek|solicit|request your assistance|help|cooperation|partnership #any to|in transfer|receive|claim|move|secure",
            "sharing ratio|percentage",
            "#num % of the total|fund|sum|money",
            "widow of the? late",
            "the late president|general|dr|mr|mrs|chief|head|king|minister",
            "(i am|i was) the? bank|branch|foreign|audit director|manager|officer|auditor|accountant",
            "risk-free transaction",
            "humanitarian|charity #any orphanage|orphanages|less privileged|motherless",
            "(diagnosed with|suffering from) #any cancer|terminal|esophageal|oesophageal",
            "mr|mrs|dr|barr|barrister #any from burkina|faso|ivory|abidjan|lagos|ghana|togo|benin|senegal|nigeria|cotonou|accra|dakar|ouagadougou",
        ),
        "fr": (
            "proposition d'affaires",
            "proposition commerciale confidentielle",
            "strictement|hautement|absolument confidentiel|confidentielle",
            "veuve (de feu|du défunt|du feu)",
            "feu le? président|général|docteur|monsieur",
            "orphelinat|orphelinats|démunis",
            "atteint|atteinte (d'un cancer|d'une maladie incurable)",
            "j'ai besoin de votre aide|assistance|collaboration pour",
        ),
        "es": (
            "propuesta de negocio|negocios",
            "propuesta comercial confidencial",
            "estrictamente|altamente|absolutamente confidencial",
            "viuda del difunto|fallecido",
            "el difunto presidente|general|doctor|señor",
            "orfanato|orfanatos|menos privilegiados",
            "necesito su ayuda|asistencia|colaboración para",
        ),
        "de": (
            "geschäftsvorschlag|geschäftsangebot",
            "streng|absolut|höchst vertraulich",
            "witwe des verstorbenen",
            "des verstorbenen präsidenten|generals|doktors",
            "waisenhaus|waisenhäuser|bedürftigen",
            "ich brauche|benötige ihre hilfe|unterstützung|zusammenarbeit",
        ),
        "pt": (
            "proposta de negócio|negócios",
            "proposta comercial confidencial",
            "estritamente|altamente|absolutamente confidencial",
            "viúva do falecido",
            "o falecido presidente|general|doutor|senhor",
            "orfanato|orfanatos|menos favorecidos",
            "preciso da sua ajuda|assistência|colaboração para",
        ),
        "it": (
            "proposta d'affari",
            "proposta di affari",
            "proposta commerciale riservata",
            "strettamente|altamente|assolutamente confidenziale|riservato|riservata",
            "vedova del defunto|compianto",
            "il defunto presidente|generale|dottore",
            "orfanotrofio|orfanotrofi|meno fortunati",
            "ho bisogno del tuo|suo aiuto|assistenza|collaborazione per",
        ),
        "nl": (
            "zakelijk|vertrouwelijk voorstel",
            "strikt|absoluut|hoogst vertrouwelijk",
            "weduwe van wijlen",
            "wijlen president|generaal|dokter",
            "weeshuis|weeshuizen|minderbedeelden",
            "ik heb uw hulp|assistentie|medewerking nodig",
        ),
    }),
    PhraseRule(FEE, "compensation_fund", 0.5, {
        "en": (
            "compensation|reimbursement fund|funds|package of? #money",
            "(scam|fraud|419) victims|victim compensation|fund|funds",
            "you have|ve been compensated|listed|selected|approved #any (to receive|among|as|for) #any compensation|payment|fund|funds",
            "(united nations|imf|world bank|ecowas|federal government|central bank) #any8 compensation|fund|funds|approved",
            "your fund|funds (has been|have been) approved|released|credited",
        ),
        "fr": ("fonds de compensation|d'indemnisation", "victimes (d'arnaque|de fraude|d'escroquerie)", "indemnisation de #money"),
        "es": ("fondo de compensación|indemnización", "víctimas de estafa|fraude", "compensación de #money"),
        "de": ("entschädigungsfonds|entschädigungszahlung", "opfer von betrug|betrügereien", "entschädigung (von|in höhe von) #money"),
        "pt": ("fundo de compensação|indenização", "vítimas de golpe|fraude", "compensação|indenização de #money"),
        "it": ("fondo di compensazione|risarcimento", "vittime di truffa|frode", "risarcimento di #money"),
        "nl": ("compensatiefonds|schadevergoeding", "slachtoffers van oplichting|fraude", "compensatie|schadevergoeding van #money"),
    }),
    # ---------------------------------------------------------------- lottery, prize, casino
    PhraseRule(LOTTERY, "you_won", 0.6, {
        "en": (
            "you|u (have|hav|ve|are|r) just? (won|been awarded|awarded|emerged)",
            "#money (prize|cash prize|bonus prize|caller prize|cash award|award|prize money)",
            "you won|win a|an|the? prize|cash|reward|award|guaranteed|gift|holiday|iphone|ipad|car|trip|voucher",
            "you won|win #money",
            "your|ur e-mail|mobile|phone|ticket|number|name|address (has won|have won|won|was awarded|has been awarded|has been selected|has emerged|was selected|was drawn|has been drawn|was chosen|has been chosen)",
            "congratulations #any you|your #any won|winner|winning|selected|chosen|awarded",
            "you are|re a|the|our lucky? winner|winners",
            "you have|ve been selected|chosen|picked (to receive|as the winner|as a winner|for a prize|for a reward)",
        ),
        "fr": ("vous avez|tu as gagné|remporté", "vous êtes|tu es le|l'|un|une heureux|heureuse? gagnant|gagnante", "votre adresse|e-mail|numéro a été sélectionné|sélectionnée|tiré|tirée"),
        "es": ("usted|tú ha|has|han ganado", "ha|has sido seleccionado|seleccionada|elegido|elegida|premiado|premiada", "es|eres el|la|nuestro afortunado|afortunada? ganador|ganadora"),
        "de": ("(sie haben|du hast) #any gewonnen", "(sie sind|du bist) der|ein|unser glückliche|glücklicher? gewinner|gewinnerin", "ihre|deine e-mail|nummer|adresse wurde #any ausgewählt|gezogen", "herzlichen glückwunsch #any gewinn|gewonnen|gewinner|ausgewählt"),
        "pt": ("você|voce (ganhou|foi premiado|foi premiada|foi sorteado|foi sorteada|foi selecionado|foi selecionada)", "é|e o|a nosso|nossa? ganhador|ganhadora|vencedor|vencedora", "parabéns #any ganhou|ganhador|prêmio|sorteado"),
        "it": ("hai|ha vinto", "sei|è stato|stata estratto|estratta|selezionato|selezionata", "sei|è il|la nostro? fortunato|fortunata? vincitore|vincitrice", "congratulazioni #any vinto|vincitore|premio"),
        "nl": ("(u heeft|je hebt|jij hebt) #any gewonnen", "(u bent|je bent) de|een gelukkige? winnaar", "gefeliciteerd #any gewonnen|winnaar|prijs"),
    }),
    PhraseRule(LOTTERY, "claim_prize", 0.55, {
        "en": (
            "claim|collect|redeem|receive your|the prize|reward|winnings|award|gift|bonus|cash|voucher|payout",
            "prize|award|winning|winnings claim|notification|payout|release",
            "to|2 claim|collect call|text|txt|reply|contact|visit",
            "claim is easy",
            "claim code|number",
            "unclaimed prize|reward|winnings|balance",
        ),
        "fr": ("réclamer|récupérer|réclamez|récupérez votre prix|gain|lot|cadeau|récompense|bonus", "pour réclamer|récupérer votre"),
        "es": ("reclamar|reclame|cobrar|cobre|recibir su|tu premio|recompensa|regalo|bono", "para reclamar|cobrar su|tu"),
        "de": ("fordern|holen sie|du ihren|deinen gewinn|preis|gutschein|bonus|belohnung", "gewinn|preis #any einlösen|anfordern|abholen", "um ihren|deinen gewinn|preis"),
        "pt": ("resgatar|resgate|receber|reivindicar seu|sua prêmio|recompensa|brinde|bônus", "para resgatar|receber seu|sua"),
        "it": ("riscuotere|riscuoti|ritirare|ritira|reclamare il tuo|suo premio|vincita|regalo|bonus|buono", "per riscuotere|ritirare il tuo|suo"),
        "nl": ("claim|claimen|ontvang|incasseer uw|je prijs|beloning|cadeau|bonus|waardebon", "om uw|je prijs|beloning te? claimen|ontvangen"),
    }),
    PhraseRule(LOTTERY, "lottery_words", 0.4, {
        "en": (
            "lottery|lotto|sweepstake|sweepstakes|jackpot|raffle|powerball|euromillions|euro-millions",
            "winning|lucky number|numbers|ticket|draw|email",
            "ticket|batch|serial number #any winning|lottery|lucky|prize",
            "prize draw|award",
            "free entry",
            "prize money|fund",
        ),
        "fr": ("(loterie|tombola|tirage au sort|gros lot|jeu concours|jeu-concours)",),
        "es": ("(lotería|sorteo|premio gordo|bonoloto)",),
        "de": ("lotterie|gewinnspiel|verlosung|lotto",),
        "pt": ("(loteria|sorteio|prêmio acumulado|mega-sena)",),
        "it": ("lotteria|estrazione|superenalotto|montepremi",),
        "nl": ("loterij|verloting|prijsvraag|staatsloterij",),
    }),
    PhraseRule(LOTTERY, "chance_to_win", 0.4, {
        "en": ("chance|opportunity to win", "enter|entry to win", "win|won over|up to? #money", "could|can win a|an #any2 prize|holiday|trip|shopping|voucher|cash", "win a|an|the? brand new|free #any2 iphone|ipad|car|holiday|trip|voucher|gift|prize|card"),
        "fr": ("chance|chances de gagner", "tentez de gagner", "participez pour gagner"),
        "es": ("oportunidad|oportunidades de ganar", "participa para ganar"),
        "de": ("chance auf ein|einen|eine #any3 gutschein|guthaben|gewinn|preis|reise|iphone", "gewinnen sie|gewinne ein|einen|eine", "gutschein|guthaben #any2 gewinnen"),
        "pt": ("chance de ganhar|concorrer", "concorra a|ao|aos"),
        "it": ("possibilità|occasione di vincere", "partecipa e vinci"),
        "nl": ("maak kans op", "kans om te winnen", "win een|een gratis"),
    }),
    PhraseRule(LOTTERY, "gift_reward", 0.35, {
        "en": (
            "free|exclusive #money? gift card|cards|voucher|reward",
            "#money gift card|voucher|reward|bonus",
            "your reward|gift|prize|bonus is waiting|pending|ready|reserved|unclaimed|awaits|expires",
            "you have|ve been chosen|selected|invited to receive|participate",
            "complete|take a? short|quick? survey #any receive|reward|win|get",
            "congratulations",
        ),
        "fr": ("carte|bon cadeau de #money", "votre cadeau|récompense|bonus (vous attend|est réservé|est réservée)", "félicitations"),
        "es": ("tarjeta (regalo|de regalo) de #money", "su|tu regalo|recompensa|premio|bono (le espera|te espera|está reservado)", "felicidades|enhorabuena"),
        "de": ("gutschein|geschenkkarte im wert von #money", "ihr|dein geschenk|bonus|gutschein (wartet|ist reserviert)", "herzlichen glückwunsch"),
        "pt": ("(vale presente|vale compras|cartão presente) de #money", "seu|sua presente|prêmio|recompensa|bônus (está esperando|está reservado|está reservada|está aguardando|aguarda)", "parabéns"),
        "it": ("buono|carta regalo di|da #money", "il tuo|suo premio|regalo|bonus (ti aspetta|è riservato)", "congratulazioni"),
        "nl": ("cadeaubon|cadeaukaart|waardebon van|t.w.v. #money", "uw|je cadeau|beloning|prijs (wacht|is gereserveerd)", "gefeliciteerd"),
    }),
    PhraseRule(LOTTERY, "casino_bonus", 0.45, {
        "en": ("free spins", "casino bonus|reward|account", "(welcome|deposit|no deposit) bonus", "#num free|bonus spins"),
        "fr": ("tours gratuits", "bonus de casino|bienvenue"),
        "es": ("giros|tiradas gratis|gratuitos", "bono de casino|bienvenida"),
        "de": ("freispiele", "casino-bonus|willkommensbonus", "ohne einzahlung"),
        "pt": ("rodadas|giros grátis", "bônus de cassino|boas-vindas"),
        "it": ("giri gratis|gratuiti", "bonus (casinò|di benvenuto)"),
        "nl": ("gratis spins", "casinobonus|welkomstbonus"),
    }),
    # ---------------------------------------------------------------- malware lures (attachments: rules.py)
    PhraseRule(MALWARE, "attached_invoice", 0.4, {
        "en": (
            "see|find|open|check|review|view|download the|your? attached|enclosed invoice|document|documents|file|statement|receipt|payment|order|remittance|contract|quotation|quote|scan|copy",
            "attached|enclosed (is|are|you will find|please find) the|your|our invoice|document|statement|receipt|payment|order|remittance|copy",
            "invoice|payment|remittance|order|statement|receipt|swift|proforma|documents|document (is|are) attached|enclosed",
            "open|download the (attachment|attached file|enclosed file|attached document)",
            "payment advice|slip|copy",
            "remittance advice",
        ),
        "fr": ("ci-joint|ci-jointe la|votre|notre facture|document|bon|relevé|commande", "veuillez trouver (ci-joint|ci-jointe|en pièce jointe)", "voir la? pièce jointe", "facture #any en pièce jointe"),
        "es": ("adjunto|adjunta la|su|nuestra factura|documento|orden|comprobante", "adjunto encontrará", "ver|abra|abrir el? archivo|documento adjunto", "factura #any adjunta"),
        "de": ("im anhang finden sie #any rechnung|dokument|zahlung|bestellung", "rechnung|zahlung|dokument|auftrag (im anhang|anbei)", "(siehe|öffnen sie) den? anhang|anlage", "anbei #any rechnung"),
        "pt": ("segue|seguem em? anexo #any fatura|nota|boleto|documento|comprovante|pedido", "(fatura|nota fiscal|boleto|comprovante) em anexo", "abra|abrir|veja|ver o arquivo|documento|anexo"),
        "it": ("in allegato #any fattura|documento|pagamento|ordine", "fattura|documento|ordine allegato|allegata", "vedi|apri|aprire l'? allegato"),
        "nl": ("in de bijlage #any factuur|document|betaling|bestelling", "factuur|document|betaling in bijlage", "zie|open de? bijlage"),
    }),
    PhraseRule(MALWARE, "enable_macros", 0.7, {
        "en": (
            "enable editing|content|macros|macro",
            "password (for|to open) the? attachment|archive|file|document|zip",
            "the attachment|archive|file|document|zip password is",
        ),
        "fr": ("activer (la modification|le contenu|les macros)", "mot de passe (de l'archive|du fichier|de la pièce jointe)"),
        "es": ("habilitar edición|contenido|macros", "contraseña del archivo|adjunto|zip"),
        "de": ("bearbeitung|inhalt|makros aktivieren", "passwort für|des anhangs|archivs|archiv|datei|zip"),
        "pt": ("habilitar edição|conteúdo|macros", "senha do arquivo|anexo|zip"),
        "it": ("abilita modifica|contenuto|macro", "password dell'? allegato|archivio|file|zip"),
        "nl": ("bewerken|inhoud|macro's|macros inschakelen", "wachtwoord voor|van de bijlage|het archief|bestand|zip"),
    }),
    # ---------------------------------------------------------------- pharma
    PhraseRule(PHARMA, "drug_names", 0.7, {
        "en": (
            "viagra|cialis|levitra|tadalafil|sildenafil|vardenafil|kamagra|xanax|valium|phentermine|tramadol|vicodin|oxycodone|oxycontin|hydrocodone|ambien|propecia|meridia|xenical|ultram|adipex|ativan|klonopin|modafinil|provigil|alprazolam|diazepam|lorazepam|zolpidem|finasteride|vlagra|v1agra|via-gra|cialls|c1alis|viiagra|viagraa",
        ),
    }),
    PhraseRule(PHARMA, "pharmacy", 0.5, {
        "en": (
            "online|canadian|internet|discount|mexican pharmacy|drugstore|pharmacies",
            "no|without a|any? prescription|prescriptions|rx required|needed?",
            "prescription|generic|brand drugs|meds|medications|medication|pills",
            "cheap|discount|buy|order meds|pills|medications|drugs online|now|today",
            "fda approved",
            "doctor consultation|consultations free|online",
        ),
        "fr": ("pharmacie en ligne", "sans ordonnance", "médicaments génériques|pas chers"),
        "es": ("farmacia en línea|online", "sin receta médica?", "medicamentos genéricos|baratos"),
        "de": ("online-apotheke|versandapotheke|internetapotheke", "ohne rezept", "generische|günstige medikamente"),
        "pt": ("farmácia online|on-line", "sem receita médica?", "medicamentos genéricos|baratos"),
        "it": ("farmacia online|on-line", "senza ricetta medica?", "farmaci generici|economici"),
        "nl": ("online apotheek", "zonder recept", "goedkope|generieke medicijnen"),
    }),
    PhraseRule(PHARMA, "enhancement", 0.5, {
        "en": (
            "penis|penile|male enlargement|enhancement|size",
            "erectile dysfunction",
            "increase|boost|improve your (sex drive|libido|stamina|penis size)",
            "last longer in bed",
            "harder|stronger|longer erections|erection",
            "weight loss pills|formula|supplement|product|miracle",
            "lose #num pounds|lbs|kilos|kg",
            "lose weight fast|now|without",
            "human growth hormone",
            "(hgh|diet pills|diet patch)",
        ),
        "fr": ("dysfonction érectile", "perdre #num kilos|kg", "pilules|comprimés minceur|amaigrissantes"),
        "es": ("disfunción eréctil", "perder #num kilos|kg", "pastillas para adelgazar"),
        "de": ("erektionsstörung|erektionsstörungen|potenzmittel|potenzprobleme", "#num kilo|kg abnehmen", "schlankheitspillen|abnehmpillen"),
        "pt": ("disfunção erétil", "perder #num quilos|kg", "pílulas|comprimidos para emagrecer"),
        "it": ("disfunzione erettile", "perdere #num chili|kg", "pillole dimagranti"),
        "nl": ("erectiestoornis|erectieproblemen", "#num kilo|kg afvallen", "afslankpillen"),
    }),
    # ---------------------------------------------------------------- financial, stock, loans, crypto
    PhraseRule(FINANCIAL, "stock_alert", 0.6, {
        "en": (
            "stock alert|pick|picks|profile|profiles",
            "strong|aggressive|speculative|immediate buy",
            "(otcbb|pink sheets|pinksheets|otc markets|otc bb|otcqb|otcqx)",
            "ticker|trading|stock symbol",
            "target price",
            "investor|investors alert",
            "hot|penny stock|stocks",
            "shares|stock|company (set|poised|expected|about|ready) to (explode|soar|skyrocket|take off|double|triple)",
            "small-cap|micro-cap stock|company",
        ),
        "fr": ("action|actions à fort potentiel", "alerte boursière", "conseil boursier"),
        "es": ("alerta bursátil", "acciones con alto potencial", "recomendación de compra"),
        "de": ("aktien tipp|empfehlung|alarm", "kursziel", "aktientipp|kaufempfehlung|kursexplosion"),
        "pt": ("alerta de ações", "ações com alto potencial", "dica de ações"),
        "it": ("allerta azioni|titolo", "azioni ad alto potenziale", "consiglio di acquisto"),
        "nl": ("aandelentip|aandelenalarm", "koersdoel", "koopadvies"),
    }),
    PhraseRule(FINANCIAL, "investment", 0.45, {
        "en": (
            "investment|business opportunity|opportunities",
            "guaranteed|high|huge|daily|weekly returns|return|profit|profits|income|roi",
            "double|triple your money|bitcoin|investment|crypto|btc|income",
            "bitcoin|crypto|cryptocurrency|btc trading|investment|profit|profits|robot|bot|platform|giveaway",
            "forex trading|signals|robot|account",
            "passive|residual income",
            "make|earn money|cash (fast|from home|online|while you sleep|at home|quickly)",
            "work|working from home",
            "earn|make up? to? #money per|a|every day|week|month|hour",
            "financial freedom|independence",
            "(mlm|network marketing|multi-level marketing)",
            "be your own boss",
            "extra|additional income",
        ),
        "fr": ("opportunité d'investissement", "revenu|revenus passif|passifs|complémentaires", "gagner|gagnez de l'argent", "travail|travailler à domicile", "liberté financière", "trading crypto|bitcoin|forex"),
        "es": ("oportunidad de inversión|negocio", "ingresos pasivos|extra", "gana|ganar dinero", "trabajar|trabaja desde casa", "libertad financiera", "trading de criptomonedas|bitcoin|forex"),
        "de": ("investitionsmöglichkeit|anlagemöglichkeit|anlagechance", "passives einkommen", "geld verdienen", "von zu hause arbeiten", "finanzielle freiheit", "krypto|bitcoin handel|trading|investment"),
        "pt": ("oportunidade de investimento|negócio", "renda passiva|extra", "ganhe|ganhar dinheiro", "trabalhe|trabalhar de casa", "liberdade financeira", "trading de cripto|criptomoedas|bitcoin|forex"),
        "it": ("opportunità di investimento|business", "reddito passivo|extra", "guadagna|guadagnare soldi|denaro", "lavorare|lavora da casa", "libertà finanziaria", "trading di criptovalute|bitcoin|forex"),
        "nl": ("investeringsmogelijkheid|beleggingskans", "passief inkomen", "geld verdienen", "(thuis werken|vanuit huis werken)", "financiële vrijheid", "crypto|bitcoin handel|trading"),
    }),
    PhraseRule(FINANCIAL, "loan_mortgage", 0.45, {
        "en": (
            "mortgage rate|rates|refinance|refinancing|approval|lender|lenders|quote|loan|payment",
            "refinance|refinancing your|now|today|with",
            "low|lowest|lower interest|mortgage rate|rates|payments",
            "loan|credit approved|approval|offer|offers|guaranteed",
            "bad|poor|no credit ok|history|accepted|welcome|check",
            "debt consolidation|relief|free|settlement|reduction",
            "personal|business|instant|fast|quick|payday|cash loan|loans",
            "pre-approved",
            "credit repair|card offer",
            "eliminate|reduce|cut your debt",
            "apply for a loan",
        ),
        "fr": ("prêt (personnel|rapide|entre particuliers|immobilier)", "offre de prêt|crédit", "rachat de crédit|crédits", "taux d'intérêt bas|avantageux"),
        "es": ("préstamo (personal|rápido|inmediato|entre particulares)", "oferta de préstamo|crédito", "crédito (rápido|sin aval)"),
        "de": ("kredit ohne schufa", "kreditangebot|sofortkredit|privatkredit|darlehensangebot", "günstige zinsen|kredit"),
        "pt": ("empréstimo pessoal|rápido|consignado|imediato", "oferta de empréstimo|crédito", "crédito pré-aprovado|fácil"),
        "it": ("prestito (personale|veloce|immediato|tra privati)", "offerta di prestito|finanziamento", "tasso agevolato"),
        "nl": ("lening aanbod|aanbieding|snel|direct", "persoonlijke lening", "voordelige lening|rente"),
    }),
    # ---------------------------------------------------------------- extortion (sextortion and kin)
    PhraseRule(EXTORTION, "recorded_you", 0.7, {
        "en": (
            "i|we have? recorded|filmed|captured you",
            "made|have|recorded a video|videos|recording of you",
            "while|when you were? watching|visiting|masturbating|pleasuring|jerking",
            "your webcam|camera was|has been? recorded|recording|activated|hacked",
        ),
        "fr": ("je vous|t'ai enregistré|enregistrée|filmé|filmée", "vidéo compromettante|intime"),
        "es": ("te|le he grabado|filmado", "video|vídeo comprometedor|íntimo"),
        "de": ("ich habe sie|dich aufgenommen|gefilmt", "kompromittierendes video"),
        "pt": ("eu te|o|a gravei|filmei", "vídeo comprometedor|íntimo"),
        "it": ("ti ho registrato|registrata|filmato|filmata", "video compromettente"),
        "nl": ("ik heb je|u opgenomen|gefilmd", "compromitterende video"),
    }),
    PhraseRule(EXTORTION, "device_hacked", 0.5, {
        "en": (
            "(hacked|infected|compromised|gained access to|got access to) your device|computer|phone|account|email|operating|devices|pc|camera|webcam",
            "i|we have|got|gained full? access to your device|computer|phone|webcam|camera|account|email|contacts|devices|system",
            "spyware|malware|trojan|rat on|in your device|computer|system",
        ),
        "fr": ("j'ai (piraté|eu accès à) votre|ton appareil|ordinateur|téléphone|compte",),
        "es": ("he hackeado|pirateado|infectado tu|su dispositivo|ordenador|computadora|cuenta", "tengo acceso a tu|su dispositivo|ordenador|cámara|cuenta"),
        "de": ("ich habe ihr|dein gerät|computer|konto gehackt|infiziert", "zugriff auf ihr|dein gerät|computer|konto|webcam"),
        "pt": ("hackeei|invadi|infectei o? seu dispositivo|computador|celular|conta", "tenho acesso ao seu|sua dispositivo|computador|câmera|conta"),
        "it": ("ho hackerato|infettato il tuo dispositivo|computer|account", "ho accesso al tuo dispositivo|computer|account|webcam"),
        "nl": ("ik heb je|uw apparaat|computer|account gehackt|geïnfecteerd", "toegang tot je|uw apparaat|computer|webcam|account"),
    }),
    PhraseRule(EXTORTION, "pay_bitcoin", 0.5, {
        "en": (
            "send|pay|transfer|deposit #money? in|worth|of|to|via|into? bitcoin|btc|crypto|bitcoins",
            "bitcoin|btc wallet|address|account",
            "pay|payment within|in #num hours",
            "#num hours to pay",
        ),
        "fr": ("adresse|portefeuille bitcoin|btc", "payer|envoyer #any en bitcoin|bitcoins", "payer dans les #num heures"),
        "es": ("dirección|billetera|cartera de? bitcoin|btc", "pagar|enviar #any en bitcoin|bitcoins", "pagar en #num horas"),
        "de": ("bitcoin-adresse|bitcoin-wallet|btc-adresse", "in bitcoin|bitcoins zahlen|überweisen|senden", "innerhalb von #num stunden zahlen|bezahlen"),
        "pt": ("endereço|carteira de? bitcoin|btc", "pagar|enviar #any em bitcoin|bitcoins", "pagar em #num horas"),
        "it": ("indirizzo|portafoglio bitcoin|btc", "pagare|inviare #any in bitcoin|bitcoins", "pagare entro #num ore"),
        "nl": ("bitcoin-adres|bitcoin-portemonnee|btc-adres", "betalen|overmaken #any in bitcoin|bitcoins", "binnen #num uur betalen"),
    }),
    PhraseRule(EXTORTION, "threat_release", 0.6, {
        "en": (
            "send|share|forward|release|publish|distribute|upload|leak the|this|that|your? video|recording|footage|photos|pictures|clip|evidence to all? your? contacts|friends|family|colleagues|relatives",
            "all? your contacts|friends|family|colleagues will receive|see|get",
            "(do not|don't|dont) (contact|inform|tell|report to|go to) the police|authorities",
            "if|once (i do not|i don't|we do not|we don't) receive the? payment|bitcoin|money|amount",
            "i|we will delete|destroy|erase the? video|evidence|recording|footage",
            "your reputation|life will be ruined|destroyed",
        ),
        "fr": ("envoyer|partager|diffuser|publier la? vidéo #any à tous? vos|tes contacts|amis|proches", "ne contactez pas la police", "je supprimerai|détruirai la vidéo"),
        "es": ("enviar|compartir|publicar|difundir el? video|vídeo #any a todos? tus|sus contactos|amigos|familiares", "no contactes|contacte a la policía", "borraré|eliminaré el? video|vídeo"),
        "de": ("video #any an alle? ihre|deine kontakte|freunde|familie|kollegen", "kontaktieren sie nicht die polizei", "ich werde das video löschen"),
        "pt": ("enviar|compartilhar|divulgar|publicar o? vídeo #any para todos? seus|os contatos|amigos|familiares", "não contate|procure a polícia", "vou apagar|excluir|destruir o vídeo"),
        "it": ("inviare|inviato|condividere|pubblicare il video #any a tutti? i tuoi|suoi contatti|amici|familiari", "non contattare la polizia", "cancellerò|distruggerò il video"),
        "nl": ("video #any naar al? je|uw contacten|vrienden|familie|collega's", "neem geen contact op met de politie", "ik zal de video verwijderen"),
    }),
    PhraseRule(EXTORTION, "knows_password", 0.4, {
        "en": ("(your|one of your) password|passwords is|was", "i know your password|passwords|secret"),
        "fr": ("votre mot de passe est", "je connais votre|ton mot de passe"),
        "es": ("tu|su contraseña es", "conozco tu|su contraseña"),
        "de": ("ihr|dein passwort lautet|ist", "ich kenne ihr|dein passwort"),
        "pt": ("sua senha é", "conheço|sei sua senha"),
        "it": ("la tua password è", "conosco la tua password"),
        "nl": ("je|uw wachtwoord is", "ik ken je|uw wachtwoord"),
    }),
    # ---------------------------------------------------------------- dating and adult
    PhraseRule(ADULT, "explicit", 0.55, {
        "en": (
            "xxx|porn|porno|hardcore|pornstar|pussy|horny|blowjob|milf|milfs|erotic",
            "adult site|sites|website|websites|content|videos|movies|entertainment|dvd|dvds|webcam|chat",
            "live cam|cams|sex|webcam|girls",
            "sex video|videos|chat|cam|cams|dating|tapes",
            "barely legal",
        ),
        "fr": ("porno|coquine|coquines|salope|chaudasse", "vidéos|films x|pour adultes"),
        "es": ("porno|cachonda|cachondas", "videos|películas para adultos"),
        "de": ("porno|geile|versaute|erotik", "erotikfilme|sexvideos|pornofilme"),
        "pt": ("pornô|gostosa|gostosas|safada", "vídeos|filmes adultos|eróticos"),
        "it": ("porno|arrapata|erotico", "video per adulti|hard"),
        "nl": ("porno|geile", "seksfilms|pornofilms"),
    }),
    PhraseRule(ADULT, "dating", 0.45, {
        "en": (
            "lonely|single|hot|local|naughty|sexy|horny|beautiful women|woman|girls|ladies|singles|milfs|wives|housewives in|near your? area|you|looking|want|waiting",
            "meet|find|date hot|local|sexy|beautiful|lonely|single|russian|asian singles|women|girls|ladies|wife",
            "looking|searching for a? man|men|partner|boyfriend|husband|soulmate",
            "dating site|service|app|profile|agency",
            "(hookup|hook-up|casual sex|casual encounter|casual encounters|casual dating)",
            "i saw|found|liked your profile",
            "(i am|i'm) a? lonely|single woman|girl|lady",
            "my photos|pictures|pics|photo are? attached|below",
            "ukrainian|russian|slavic|asian|latin|latina beautiful|single? women|beauties|brides|girls|ladies|wife",
            "mail order bride|brides",
            "secret admirer",
            "find|meet a date|partner|someone in your area",
            "sent|left you a private? message #any4 near|nearby|close",
        ),
        "fr": ("rencontre|rencontres coquine|coquines|sexe|discrète|adultes", "femmes|filles seules|célibataires|mariées|ukrainiennes|russes", "beautés ukrainiennes|russes|slaves", "site de rencontre|rencontres", "je cherche un homme|partenaire"),
        "es": ("mujeres|chicas solteras|solas|calientes|cerca", "citas (online|en línea|para adultos)", "sitio|página de citas", "busco un hombre|pareja"),
        "de": ("einsame|heiße|geile|reife frauen|mädchen|hausfrauen|singles", "sextreffen|sexkontakte|seitensprung|partnersuche", "ich suche einen mann|partner", "ukrainische|slawische|russische frau|frauen|schönheiten|schönheit", "hat dir eine nachricht geschickt", "wohnen|wohnst in der nähe"),
        "pt": ("mulheres|garotas solteiras|gostosas|casadas", "site de encontros|namoro|relacionamento", "procuro um homem|parceiro"),
        "it": ("donne|ragazze sole|single|calde|mature", "incontri piccanti|online|discreti|per adulti", "sito di incontri", "cerco un uomo|partner"),
        "nl": ("eenzame|geile|sexy vrouwen|meiden|huisvrouwen", "sexdate|sexdates|datingsite|slippertje", "ik zoek een man|partner"),
    }),
    # ---------------------------------------------------------------- unsolicited commercial (evidence only)
    PhraseRule(COMMERCIAL, "unsubscribe", 0.3, {
        "en": (
            "unsubscribe",
            "to be? removed|remove from our|this|the|any|future mailing? list|lists|mailings|database",
            "opt-out",
            "to stop receiving these|this|future|our emails|messages|mailings|email|offers",
            "reply|replying|respond with|send remove|unsubscribe|stop in the? subject",
            "click|go here to be? removed|remove|unsubscribe",
            "(you are|you're) receiving this email|message|mail because",
            "this email|message|mailing was sent to you because",
            "this is not spam|unsolicited",
            "(bill s 1618|bill s.1618|section 301)",
            "txt|text|reply|send stop to",
        ),
        "fr": ("(se désabonner|désabonnez-vous|désinscrire|désinscrivez-vous|désinscription|désabonnement)", "ne plus recevoir", "vous recevez (ce message|cet e-mail|ce mail|cette newsletter)"),
        "es": ("darse|darte de baja", "cancelar la? suscripción", "no desea|deseas recibir", "recibe|recibes este correo|mensaje porque"),
        "de": ("abbestellen|abmelden|austragen", "newsletter abbestellen|abmelden", "keine weiteren e-mails|nachrichten", "sie erhalten diese e-mail|nachricht"),
        "pt": ("descadastrar|descadastre|descadastre-se|descadastramento", "cancelar inscrição|assinatura", "não deseja mais receber", "você está recebendo este e-mail|mensagem"),
        "it": ("annulla l'? iscrizione", "cancellati|disiscriviti|disiscrizione", "non desideri più ricevere", "ricevi questa e-mail|comunicazione"),
        "nl": ("uitschrijven|afmelden|afmelding", "geen e-mails|berichten meer ontvangen", "u ontvangt deze e-mail|mail|nieuwsbrief"),
    }),
    PhraseRule(COMMERCIAL, "offer", 0.25, {
        "en": (
            "limited time offer|only",
            "special|exclusive|introductory|limited offer|promotion|deal|discount|price",
            "act|order|buy|call|shop|apply now",
            "save|get up to? #num % off",
            "free shipping|trial|quote|consultation|obligation|gift|sample|samples",
            "no obligation|cost|risk",
            "100 % free|guaranteed|satisfaction",
            "money back guarantee",
            "risk-free",
            "click here",
            "lowest price|prices|rates",
            "while supplies last",
            "(don't|do not) miss out|this",
            "order today|online",
            "toll-free",
        ),
        "fr": ("offre spéciale|exclusive|limitée", "livraison gratuite|offerte", "profitez (dès maintenant|de cette offre|de nos offres)", "jusqu'à #num %", "commandez|achetez (maintenant|dès aujourd'hui)", "cliquez ici"),
        "es": ("oferta especial|exclusiva|limitada", "envío gratis|gratuito", "aproveche|aprovecha ahora|ya", "hasta #num % de? descuento", "compre|compra|pida ahora", "haga clic aquí"),
        "de": ("(sonderangebot|exklusives angebot|angebot gilt nur)", "kostenloser versand|versandkostenfrei", "jetzt bestellen|kaufen|sichern", "bis zu #num % rabatt", "rabatt|gutscheincode", "klicken sie hier"),
        "pt": ("oferta especial|exclusiva|imperdível|limitada", "frete grátis", "aproveite agora|já", "até #num % de? desconto", "compre|peça agora|já", "clique aqui"),
        "it": ("offerta speciale|esclusiva|limitata", "spedizione gratuita|gratis", "approfitta subito|ora", "fino al? #num % di? sconto", "acquista|ordina ora|subito", "clicca qui"),
        "nl": ("speciale|exclusieve aanbieding", "gratis verzending|verzonden", "profiteer nu", "tot #num % korting", "bestel|koop nu|vandaag", "klik hier"),
    }),
    PhraseRule(COMMERCIAL, "premium_sms", 0.45, {
        "en": (
            "txt|text|send #any to #num",
            "call|ring #num now|today|to|for",
            "standard|std|normal txt|text|network? rate|rates|charges",
            "#money per|/ msg|min|minute|week|wk|txt|text|call",
            "t&c|t&cs|t&c's|tcs apply",
            "16+|18+ only",
            "po box",
        ),
    }),
)
# fmt: on
