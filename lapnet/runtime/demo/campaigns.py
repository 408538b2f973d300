"""The demo's spam campaigns: what the network's members receive, in the languages they receive it.

Each campaign draws its shared identifiers once (a drop box, a phone number, a wallet, an IBAN, a
landing domain) and then writes many messages with them, varying the wording, the language, the
reference numbers and the tracking tokens. Members in different countries receive messages of the
same campaign, so correlation ("who else saw this?") has something to find, across languages and
across channels (the parcel campaign arrives by e-mail and by SMS).

Domains are invented for the demo; drop boxes at public mail services have invented local parts.
Texts follow the shape of real campaigns of each kind (lottery, advance fee, phishing, extortion,
investment fraud, pharma, malware invoices, money-mule recruitment, stock pumps, unsolicited
commercial mail) without copying any one message.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from lapnet.runtime.demo.identifiers import (
    bitcoin_bech32,
    bitcoin_p2pkh,
    ethereum_address,
    fictional_phone,
    grouped,
    iban,
    token,
)


@dataclass(frozen=True)
class Draft:
    """One message before it is addressed and routed: what the sender wrote."""

    language: str
    from_name: str
    from_address: str  # "{recipient}" means the recipient's own address, as extortion mail forges it
    subject: str
    text: str
    html: str | None = None
    reply_to: str | None = None
    attachment: tuple[str, str, bytes] | None = None  # file name, MIME type, bytes
    mailer: str | None = None
    list_unsubscribe: str | None = None


@dataclass(frozen=True)
class Sms:
    language: str
    sender: str
    text: str


@dataclass(frozen=True)
class Campaign:
    key: str
    title: str
    sender_countries: tuple[str, ...]  # where the sending machines are
    reporters: tuple[str, ...]  # member slugs that receive and report it
    messages: int
    draft: Callable[[random.Random, int], Draft]
    indicators: dict[str, str] = field(default_factory=dict)  # the shared ones, shown as "things to try"


def _pick(rng: random.Random, *choices: str) -> str:
    return rng.choice(choices)


def _amount(rng: random.Random, low: int, high: int, step: int = 50) -> str:
    return f"{rng.randrange(low, high, step):,}"


def _html(paragraphs: list[str], link_text: str, url: str) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif">\n'
        f'{body}\n<p><a href="{url}" style="background:#0b5cad;color:#fff;padding:10px 18px;'
        f'text-decoration:none">{link_text}</a></p>\n</body></html>'
    )


# --- lottery / prize ------------------------------------------------------------------------------

LOTTERY = {
    "en": (
        "Winning Notification: Ref {ref}",
        "Dear Beneficiary,\n\nWe are pleased to inform you that your e-mail address was selected in the {program} "
        "International Promotion held on {draw}. Your address, attached to ticket number {ticket}, drew the lucky "
        "numbers and has been awarded the sum of {amount} EUR in cash, credited to file {ref}.\n\nTo begin the "
        "processing of your prize, contact our claims agent, Mr. {agent}, by e-mail at {dropbox} or by telephone "
        "on {phone}, quoting your reference number. You can also complete the claims form online at {url}\n\n"
        "For security reasons, keep this award confidential until your claim has been processed and the money "
        "remitted to your account. This is part of our security protocol to avoid double claiming.\n\n"
        "Congratulations once again.\n\nMrs. {signer}\nPromotions Coordinator",
    ),
    "es": (
        "Notificación de premio: Ref {ref}",
        "Estimado beneficiario:\n\nNos complace informarle que su dirección de correo electrónico fue seleccionada "
        "en el sorteo internacional {program} celebrado el {draw}. Su dirección, asociada al boleto número "
        "{ticket}, ha resultado ganadora de la suma de {amount} EUR, registrada en el expediente {ref}.\n\nPara "
        "iniciar el cobro de su premio, póngase en contacto con nuestro agente de reclamaciones, el Sr. {agent}, "
        "por correo electrónico en {dropbox} o por teléfono al {phone}, indicando su número de referencia. "
        "También puede completar el formulario de reclamación en {url}\n\nPor razones de seguridad, mantenga "
        "este premio en secreto hasta que su reclamación haya sido procesada y el dinero transferido a su "
        "cuenta.\n\nFelicidades de nuevo.\n\nSra. {signer}\nCoordinadora de promociones",
    ),
    "pt": (
        "Notificação de prêmio: Ref {ref}",
        "Prezado beneficiário,\n\nTemos o prazer de informar que o seu endereço de e-mail foi selecionado na "
        "promoção internacional {program}, realizada em {draw}. O seu endereço, associado ao bilhete número "
        "{ticket}, foi premiado com a quantia de {amount} EUR, registrada no processo {ref}.\n\nPara iniciar o "
        "pagamento do seu prêmio, entre em contato com o nosso agente, Sr. {agent}, pelo e-mail {dropbox} ou "
        "pelo telefone {phone}, informando o seu número de referência. Também pode preencher o formulário em "
        "{url}\n\nPor motivos de segurança, mantenha este prêmio em sigilo até que o pedido seja processado e o "
        "dinheiro transferido para a sua conta.\n\nParabéns mais uma vez.\n\nSra. {signer}\nCoordenadora de "
        "promoções",
    ),
}


def lottery(rng: random.Random) -> Campaign:
    phone = fictional_phone(rng, "JM")
    dropbox = f"claims.desk.{token(rng, 4)}@outlook.com"
    domain = "euro-promo-claims.com"

    def draft(rng: random.Random, n: int) -> Draft:
        language = ("en", "en", "es", "pt")[n % 4]
        subject, text = LOTTERY[language]
        ref = f"EMP/{rng.randint(1000, 9999)}/{rng.randint(10, 99)}/LT"
        values = {
            "ref": ref,
            "program": _pick(rng, "EuroMillions", "Euro Jackpot", "Mega Millions"),
            "draw": f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/2026",
            "ticket": f"{rng.randint(10, 99)}-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
            "amount": _amount(rng, 500_000, 1_500_000, 10_000),
            "agent": _pick(rng, "Peter Walsh", "Richard Moore", "Henry Collins"),
            "signer": _pick(rng, "Margaret Lewis", "Susan Clarke"),
            "dropbox": dropbox,
            "phone": phone,
            "url": f"https://{domain}/claim/{token(rng, 8)}",
        }
        return Draft(
            language=language,
            from_name="Euro Promotions Board",
            from_address=f"notification@{_pick(rng, 'euro-lotto-board.com', 'int-promo-award.net')}",
            reply_to=dropbox,
            subject=subject.format(**values),
            text=text.format(**values),
            mailer=_pick(rng, "Microsoft Outlook 16.0", "PHPMailer 6.8.0"),
        )

    return Campaign(
        "lottery",
        "International lottery prize",
        ("JM", "NG", "GH", "ZA"),
        ("ftc", "competition-bureau", "ico", "senacon", "consumers-spam-watch", "nordpost-mail", "efcc"),
        12,
        draft,
        {"phone": phone, "email": dropbox, "domain": domain},
    )


# --- bank phishing (French) ---------------------------------------------------------------------

BANK_PHISHING = (
    "Madame, Monsieur,",
    "Suite à une tentative de connexion inhabituelle depuis un nouvel appareil, l'accès à votre espace client a "
    "été temporairement suspendu le {date}. Afin de protéger vos comptes, nous vous demandons de confirmer "
    "votre identité dans un délai de 48 heures.",
    "Pour réactiver votre accès, il vous suffit de vous connecter au lien sécurisé ci-dessous et de vérifier vos "
    "informations personnelles ainsi que votre carte bancaire.",
    "Sans action de votre part, votre carte sera bloquée et des frais de réactivation pourront vous être facturés. "
    "Nous vous remercions de votre confiance.",
    "Le service Sécurité Clients",
)


def bank_phishing(rng: random.Random) -> Campaign:
    domain = "espace-client-securise-verif.com"

    def draft(rng: random.Random, n: int) -> Draft:
        url = f"https://{domain}/fr/authentification?session={token(rng, 16)}"
        date = f"{rng.randint(1, 28):02d}/{rng.randint(9, 11):02d}/2026"
        paragraphs = [p.format(date=date) for p in BANK_PHISHING]
        text = "\n\n".join([*paragraphs[:3], url, *paragraphs[3:]])
        return Draft(
            language="fr",
            from_name=_pick(rng, "Service Client", "Sécurité Bancaire", "Votre Conseiller"),
            from_address=f"{_pick(rng, 'alerte', 'securite', 'no-reply')}@secu-clientele-infos.fr",
            subject=_pick(
                rng,
                "Action requise : votre accès en ligne a été suspendu",
                "Important : vérification de votre identité requise",
                "Votre carte bancaire sera bloquée sous 48 heures",
            ),
            text=text,
            html=_html(paragraphs, "Accéder à mon espace sécurisé", url),
            mailer="Microsoft Outlook 16.0",
        )

    return Campaign(
        "bank-phishing",
        "Bank account suspension (French)",
        ("BR", "US", "RU", "MA"),
        ("dgccrf", "cnil", "hexanet", "fps-economy", "competition-bureau"),
        10,
        draft,
        {"domain": domain},
    )


# --- sextortion ------------------------------------------------------------------------------------

SEXTORTION = {
    "en": (
        "Your account has been hacked - payment required",
        "Hello!\n\nI am a hacker who has access to your operating system. I also have full access to your "
        "account.\n\nI've been watching you for a few months now. The fact is that you were infected with "
        "malware through an adult site that you visited. While you were watching videos, your browser started "
        "working as a remote desktop with a keylogger, which gave me access to your screen and webcam.\n\nI made "
        "a double-screen video. The first part shows the video you were watching, and the second part shows the "
        "recording of your webcam.\n\nTo stop this, transfer {amount} USD in Bitcoin to my wallet: {wallet}\n\n"
        "After payment I will delete the video and you will never hear from me again. You have 48 hours. I "
        "receive a notification when you open this letter. If you go to the police or tell anyone, the video "
        "will be sent to all your contacts immediately.",
    ),
    "de": (
        "Ihr Konto wurde gehackt - Zahlung erforderlich",
        "Hallo!\n\nIch bin ein Hacker und habe Zugriff auf Ihr Betriebssystem und alle Ihre Konten.\n\nSeit "
        "einigen Monaten beobachte ich Sie. Ihr Computer wurde beim Besuch einer Erwachsenen-Webseite mit "
        "Schadsoftware infiziert. Während Sie Videos angesehen haben, hat Ihr Browser meine Software gestartet, "
        "die mir Zugriff auf Ihren Bildschirm und Ihre Webcam gegeben hat.\n\nIch habe ein Video aufgenommen: "
        "Auf der einen Hälfte sieht man, was Sie angeschaut haben, auf der anderen Hälfte Sie selbst über die "
        "Webcam.\n\nÜberweisen Sie {amount} USD in Bitcoin an meine Wallet: {wallet}\n\nNach der Zahlung lösche "
        "ich das Video und Sie hören nie wieder von mir. Sie haben 48 Stunden Zeit. Wenn Sie zur Polizei gehen, "
        "wird das Video sofort an alle Ihre Kontakte geschickt.",
    ),
    "es": (
        "Su cuenta ha sido hackeada - pago requerido",
        "¡Hola!\n\nSoy un hacker y tengo acceso a su sistema operativo y a todas sus cuentas.\n\nLe he estado "
        "observando durante varios meses. Su ordenador fue infectado con un programa malicioso cuando visitó un "
        "sitio para adultos. Mientras veía vídeos, su navegador activó mi programa, que me dio acceso a su "
        "pantalla y a su cámara web.\n\nHe grabado un vídeo: en una mitad se ve lo que usted estaba mirando y en "
        "la otra, usted mismo a través de la cámara.\n\nTransfiera {amount} USD en Bitcoin a mi monedero: "
        "{wallet}\n\nDespués del pago borraré el vídeo y nunca más sabrá de mí. Tiene 48 horas. Si acude a la "
        "policía, el vídeo se enviará de inmediato a todos sus contactos.",
    ),
    "it": (
        "Il tuo account è stato violato - pagamento richiesto",
        "Ciao!\n\nSono un hacker e ho accesso al tuo sistema operativo e a tutti i tuoi account.\n\nTi osservo da "
        "diversi mesi. Il tuo computer è stato infettato da un programma malevolo mentre visitavi un sito per "
        "adulti. Mentre guardavi i video, il tuo browser ha avviato il mio programma, che mi ha dato accesso al "
        "tuo schermo e alla tua webcam.\n\nHo registrato un video: in una metà si vede cosa stavi guardando, "
        "nell'altra si vedi tu attraverso la webcam.\n\nTrasferisci {amount} USD in Bitcoin al mio portafoglio: "
        "{wallet}\n\nDopo il pagamento cancellerò il video e non sentirai mai più parlare di me. Hai 48 ore. Se "
        "ti rivolgi alla polizia, il video sarà inviato subito a tutti i tuoi contatti.",
    ),
}


def sextortion(rng: random.Random) -> Campaign:
    wallets = (bitcoin_bech32(rng), bitcoin_p2pkh(rng))

    def draft(rng: random.Random, n: int) -> Draft:
        language = ("en", "de", "es", "it", "en", "de")[n % 6]
        subject, text = SEXTORTION[language]
        values = {"amount": _amount(rng, 1200, 2600, 50), "wallet": wallets[n % 5 == 4]}
        return Draft(
            language=language,
            from_name="",
            from_address="{recipient}",
            subject=subject,
            text=text.format(**values),
            mailer=None,
        )

    return Campaign(
        "sextortion",
        "Webcam extortion demanding Bitcoin",
        ("VN", "IN", "BR", "ID", "PH", "TH", "BD", "PK", "EG"),
        (
            "ico",
            "dpc-ie",
            "bka",
            "politie-thtc",
            "garante",
            "aepd",
            "nordpost-mail",
            "anti-abuse-collective",
            "city-of-london-police",
        ),
        14,
        draft,
        {"crypto_wallet": wallets[0]},
    )


# --- advance-fee fraud ---------------------------------------------------------------------------

ADVANCE_FEE = {
    "en": (
        "CONFIDENTIAL: Business proposal from Barrister {agent}",
        "Dear Friend,\n\nI am Barrister {agent}, the personal attorney to the late Mr. {late}, a foreign contractor "
        "who died with his family in a road accident. Before his death he deposited the sum of US$ {amount} with a "
        "security company here, and the bank has issued me a final notice to present his next of kin or the fund "
        "will be confiscated.\n\nSince you have the same last name as my late client, I am contacting you to stand "
        "as the next of kin so that the proceeds of this account can be paid to you. We will share the money 60% "
        "for me and 40% for you. All the legal documents to back up your claim will be provided by me. This "
        "transaction is 100% risk free.\n\nPlease reply urgently to my private e-mail {dropbox} with your full "
        "name, telephone number and address, or call my chambers on {phone}.\n\nYours faithfully,\nBarrister "
        "{agent}, Esq.",
    ),
    "fr": (
        "CONFIDENTIEL : proposition d'affaires de Maître {agent}",
        "Cher ami,\n\nJe suis Maître {agent}, avocat personnel de feu M. {late}, un entrepreneur étranger décédé "
        "avec sa famille dans un accident de la route. Avant sa mort, il a déposé la somme de {amount} dollars "
        "américains auprès d'une société de sécurité, et la banque m'a adressé un dernier avis pour présenter un "
        "héritier, faute de quoi les fonds seront confisqués.\n\nComme vous portez le même nom de famille que mon "
        "défunt client, je vous contacte afin que vous vous présentiez comme héritier et que les fonds de ce "
        "compte vous soient versés. Nous partagerons la somme : 60 % pour moi et 40 % pour vous. Je fournirai "
        "tous les documents juridiques nécessaires. Cette transaction est sans aucun risque.\n\nMerci de répondre "
        "d'urgence à mon adresse privée {dropbox} en indiquant votre nom complet, votre numéro de téléphone et "
        "votre adresse, ou d'appeler mon cabinet au {phone}.\n\nVeuillez agréer mes salutations distinguées,\n"
        "Maître {agent}",
    ),
}


def advance_fee(rng: random.Random) -> Campaign:
    dropbox = f"barr.okafor.chambers{rng.randint(10, 99)}@gmail.com"
    phone = fictional_phone(rng, "GB")

    def draft(rng: random.Random, n: int) -> Draft:
        language = ("en", "en", "fr")[n % 3]
        subject, text = ADVANCE_FEE[language]
        values = {
            "agent": "James Okafor",
            "late": _pick(rng, "Robert Sinclair", "Andreas Keller", "Michel Laurent"),
            "amount": _pick(rng, "10,500,000", "8,750,000", "12,300,000"),
            "dropbox": dropbox,
            "phone": phone,
        }
        return Draft(
            language=language,
            from_name="Barrister James Okafor",
            from_address=f"info@{_pick(rng, 'okafor-legal-chambers.com', 'jo-attorneys-intl.net')}",
            reply_to=dropbox,
            subject=subject.format(**values),
            text=text.format(**values),
            mailer=_pick(rng, "Roundcube Webmail/1.6.5", "Microsoft Outlook 16.0"),
        )

    return Campaign(
        "advance-fee",
        "Next-of-kin inheritance (advance fee)",
        ("NG", "GH", "CI", "SN", "ZA", "MY"),
        ("efcc", "ftc", "ico", "fps-economy", "dgccrf", "albion-bank", "dia-nz"),
        9,
        draft,
        {"email": dropbox, "phone": phone},
    )


# --- investment fraud ------------------------------------------------------------------------------

INVESTMENT = {
    "en": (
        "The investment platform everyone is talking about: 2,400 EUR per day",
        "Hello {first},\n\nThousands of ordinary people are already earning with Quantum Yield, the automated "
        "trading platform that uses artificial intelligence to buy and sell Bitcoin at the right moment. Our "
        "members earn an average of 2,400 EUR per day with a starting deposit of only 250 EUR.\n\nPlaces in your "
        "country are limited. Register today and a personal account manager will call you to activate your "
        "account: {url}\n\nYou can also fund your account directly by sending USDT or ETH to our deposit address "
        "{wallet} and calling your account manager on {phone}.\n\nThis offer expires at midnight.\n\nThe Quantum "
        "Yield team",
    ),
    "de": (
        "Die Investment-Plattform, über die alle sprechen: 2.400 EUR pro Tag",
        "Hallo {first},\n\ntausende ganz normale Menschen verdienen bereits mit Quantum Yield, der automatischen "
        "Handelsplattform, die mit künstlicher Intelligenz Bitcoin zum richtigen Zeitpunkt kauft und verkauft. "
        "Unsere Mitglieder verdienen durchschnittlich 2.400 EUR pro Tag mit einer Ersteinzahlung von nur 250 EUR."
        "\n\nDie Plätze in Ihrem Land sind begrenzt. Registrieren Sie sich noch heute, und Ihr persönlicher "
        "Kontobetreuer ruft Sie an, um Ihr Konto freizuschalten: {url}\n\nSie können Ihr Konto auch direkt "
        "aufladen, indem Sie USDT oder ETH an unsere Einzahlungsadresse {wallet} senden und Ihren Kontobetreuer "
        "unter {phone} anrufen.\n\nDieses Angebot endet um Mitternacht.\n\nIhr Quantum-Yield-Team",
    ),
    "nl": (
        "Het beleggingsplatform waar iedereen het over heeft: 2.400 EUR per dag",
        "Hallo {first},\n\nDuizenden gewone mensen verdienen al geld met Quantum Yield, het automatische "
        "handelsplatform dat met kunstmatige intelligentie Bitcoin op het juiste moment koopt en verkoopt. Onze "
        "leden verdienen gemiddeld 2.400 EUR per dag met een eerste storting van slechts 250 EUR.\n\nHet aantal "
        "plaatsen in uw land is beperkt. Schrijf u vandaag nog in en een persoonlijke accountmanager belt u om uw "
        "account te activeren: {url}\n\nU kunt uw account ook direct opwaarderen door USDT of ETH naar ons "
        "stortingsadres {wallet} te sturen en uw accountmanager te bellen op {phone}.\n\nDeze aanbieding verloopt "
        "om middernacht.\n\nHet Quantum Yield-team",
    ),
}


def investment(rng: random.Random) -> Campaign:
    wallet = ethereum_address(rng)
    phone = fictional_phone(rng, "GB")
    domain = "quantum-yield-trader.com"

    def draft(rng: random.Random, n: int) -> Draft:
        language = ("en", "de", "nl")[n % 3]
        subject, text = INVESTMENT[language]
        url = f"https://{domain}/{language}/start?aff={token(rng, 6)}"
        first = _pick(rng, "Alex", "Chris", "Sam", "Kim", "Robin")
        body = text.format(first=first, url=url, wallet=wallet, phone=phone)
        return Draft(
            language=language,
            from_name="Quantum Yield",
            from_address=f"news@{_pick(rng, 'qy-invest-news.com', 'quantum-yield-mail.net')}",
            subject=subject,
            text=body,
            html=_html(
                body.split("\n\n"),
                {"en": "Start now", "de": "Jetzt starten", "nl": "Nu beginnen"}[language],
                url,
            ),
            mailer="PHPMailer 6.8.0",
        )

    return Campaign(
        "investment",
        "AI crypto trading platform",
        ("UA", "BG", "RO", "RU"),
        ("bnetza", "acm", "ap-nl", "ico", "albion-bank", "acma", "crtc"),
        10,
        draft,
        {"crypto_wallet": wallet, "domain": domain},
    )


# --- pharma --------------------------------------------------------------------------------------

PHARMA = {
    "en": (
        "Save up to 80% on your prescriptions - discreet worldwide delivery",
        "Men's health, weight loss, pain relief and sleeping pills without a prescription.\n\nViagra from 0.89 USD "
        "per pill, Cialis from 1.20 USD, Tramadol, Xanax and Phentermine available.\n\nDiscreet packaging and "
        "express worldwide delivery in 5-7 days. No prescription required, no doctor visit needed. Secure payment "
        "by Visa, Mastercard and Bitcoin.\n\nOrder now at our online pharmacy: {url}\n\nBonus: 4 free pills with "
        "every order over 150 USD.\n\nTo unsubscribe, reply with REMOVE in the subject line.",
    ),
    "fr": (
        "Jusqu'à -80 % sur vos médicaments, livraison discrète",
        "Santé masculine, minceur, douleurs et sommeil sans ordonnance.\n\nViagra à partir de 0,89 EUR le "
        "comprimé, Cialis à partir de 1,20 EUR, Tramadol et Xanax disponibles.\n\nEmballage discret et livraison "
        "express dans le monde entier en 5 à 7 jours. Aucune ordonnance nécessaire, aucune consultation médicale. "
        "Paiement sécurisé par carte bancaire et Bitcoin.\n\nCommandez maintenant sur notre pharmacie en ligne : "
        "{url}\n\nBonus : 4 comprimés offerts pour toute commande de plus de 150 EUR.",
    ),
}


def pharma(rng: random.Random) -> Campaign:
    domain = "rx-discount-pharmacy24.com"

    def draft(rng: random.Random, n: int) -> Draft:
        language = ("en", "en", "fr")[n % 3]
        subject, text = PHARMA[language]
        return Draft(
            language=language,
            from_name=_pick(rng, "Canadian Health Care", "Pharmacy Express", "Dr. Mark Stevens"),
            from_address=f"{token(rng, 6)}@{_pick(rng, 'mail-rx-offers.ru', 'health-deals-online.top')}",
            subject=subject,
            text=text.format(url=f"https://{domain}/?cid={token(rng, 8)}"),
        )

    return Campaign(
        "pharma",
        "Online pharmacy without prescription",
        ("RU", "CN", "UA", "IN"),
        ("nordpost-mail", "hexanet", "anti-abuse-collective", "ftc", "ap-nl"),
        8,
        draft,
        {"domain": domain},
    )


# --- malware invoice ---------------------------------------------------------------------------------

MALWARE = {
    "de": (
        "Rechnung Nr. {ref} - Zahlungserinnerung",
        "Sehr geehrte Damen und Herren,\n\nleider konnten wir bis heute keinen Zahlungseingang für unsere "
        "Rechnung Nr. {ref} vom {date} über {amount} EUR feststellen.\n\nDie vollständige Rechnung sowie die "
        "Zahlungsübersicht finden Sie im Anhang dieser E-Mail. Bitte öffnen Sie die Datei und begleichen Sie den "
        "offenen Betrag innerhalb von drei Werktagen, um weitere Mahngebühren und die Übergabe an unser "
        "Inkassobüro zu vermeiden.\n\nSollten Sie die Zahlung bereits veranlasst haben, betrachten Sie dieses "
        "Schreiben bitte als gegenstandslos.\n\nMit freundlichen Grüßen\nBuchhaltung",
        "Rechnung_{ref}.zip",
    ),
    "it": (
        "Fattura n. {ref} - sollecito di pagamento",
        "Gentile cliente,\n\na oggi non risulta ancora il pagamento della fattura n. {ref} del {date} per un "
        "importo di {amount} EUR.\n\nIn allegato trova la fattura completa e il riepilogo dei pagamenti. La "
        "preghiamo di aprire il file e di saldare l'importo entro tre giorni lavorativi, per evitare ulteriori "
        "spese di sollecito e l'affidamento della pratica alla nostra agenzia di recupero crediti.\n\nSe ha già "
        "effettuato il pagamento, la preghiamo di non considerare questa comunicazione.\n\nCordiali saluti\n"
        "Ufficio amministrazione",
        "Fattura_{ref}.zip",
    ),
}


def invoice_attachment() -> bytes:
    """A ZIP holding a script named like a PDF, as malware invoices do; this one only prints a line."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("Rechnung_Zahlungsuebersicht.pdf.js", date_time=(2026, 10, 1, 9, 30, 0))
        archive.writestr(
            info, "// lapnet demo: a harmless stand-in for a malicious script\nWScript.Echo('demo');\n"
        )
    return buffer.getvalue()


def malware_invoice(rng: random.Random) -> Campaign:
    attachment = invoice_attachment()

    def draft(rng: random.Random, n: int) -> Draft:
        language = ("de", "de", "it")[n % 3]
        subject, text, filename = MALWARE[language]
        values = {
            "ref": f"{rng.randint(2026000, 2026999)}",
            "date": f"{rng.randint(1, 28):02d}.{rng.randint(8, 10):02d}.2026",
            "amount": f"{rng.randint(180, 2400)},{rng.randint(10, 99)}",
        }
        return Draft(
            language=language,
            from_name=_pick(rng, "Buchhaltung", "Ufficio amministrazione", "Accounting"),
            from_address=f"buchhaltung@{_pick(rng, 'mueller-logistik-service.de', 'rossi-forniture-srl.it')}",
            subject=subject.format(**values),
            text=text.format(**values),
            attachment=(filename.format(**values), "application/zip", attachment),
            mailer="Microsoft Outlook 16.0",
        )

    return Campaign(
        "malware-invoice",
        "Overdue invoice with a script in a ZIP",
        ("BR", "IN", "VN", "TR", "CO", "AR"),
        ("bka", "bnetza", "nordpost-mail", "garante", "anti-abuse-collective", "politie-thtc"),
        9,
        draft,
    )


# --- money-mule recruitment -----------------------------------------------------------------------

MULE = {
    "es": (
        "Trabajo desde casa: asistente financiero (2.500-4.000 EUR/mes)",
        "Hola,\n\nSomos una empresa internacional de logística con sede en Vilna y buscamos asistentes financieros "
        "en España para trabajar desde casa, de 2 a 3 horas al día. No se necesita experiencia.\n\nSu tarea "
        "consistirá en recibir en su cuenta bancaria los pagos de nuestros clientes y transferirlos a nuestros "
        "socios, quedándose con una comisión del 10 % de cada operación. Ingresos de 2.500 a 4.000 euros al mes."
        "\n\nPara empezar, envíe su nombre completo, su número de teléfono y una copia de su DNI a {dropbox}. Los "
        "primeros pagos de prueba se harán desde nuestra cuenta {iban}.\n\nUn saludo,\nDepartamento de Recursos "
        "Humanos",
    ),
    "it": (
        "Lavoro da casa: assistente finanziario (2.500-4.000 EUR al mese)",
        "Buongiorno,\n\nsiamo un'azienda internazionale di logistica con sede a Vilnius e cerchiamo assistenti "
        "finanziari in Italia per lavorare da casa, 2 o 3 ore al giorno. Non è richiesta esperienza.\n\nIl suo "
        "compito sarà ricevere sul suo conto bancario i pagamenti dei nostri clienti e trasferirli ai nostri "
        "partner, trattenendo una commissione del 10 % su ogni operazione. Guadagni da 2.500 a 4.000 euro al "
        "mese.\n\nPer iniziare, invii il suo nome completo, il suo numero di telefono e una copia del documento "
        "d'identità a {dropbox}. I primi pagamenti di prova partiranno dal nostro conto {iban}.\n\nCordiali "
        "saluti,\nUfficio Risorse Umane",
    ),
}


def money_mule(rng: random.Random) -> Campaign:
    account = iban(rng, "LT")
    dropbox = f"hr.baltic-logistics.{token(rng, 3)}@proton.me"

    def draft(rng: random.Random, n: int) -> Draft:
        language = ("es", "it")[n % 2]
        subject, text = MULE[language]
        return Draft(
            language=language,
            from_name="Baltic Freight Solutions HR",
            from_address=f"jobs@{_pick(rng, 'baltic-freight-solutions.eu', 'bfs-careers.com')}",
            reply_to=dropbox,
            subject=subject,
            text=text.format(dropbox=dropbox, iban=grouped(account)),
        )

    return Campaign(
        "money-mule",
        "Work-from-home 'financial assistant' (money mules)",
        ("RO", "BG", "UA", "TR"),
        ("aepd", "consumers-spam-watch", "garante", "rrt", "city-of-london-police"),
        6,
        draft,
        {"iban": account, "email": dropbox},
    )


# --- parcel delivery phishing (e-mail; the same campaign also arrives by SMS) ------------------------------

PARCEL_DOMAIN = "paket-zustellung-status.com"
PARCEL = {
    "de": (
        "Ihre Sendung {ref} konnte nicht zugestellt werden",
        "Guten Tag,\n\nIhre Sendung mit der Sendungsnummer {ref} konnte heute nicht zugestellt werden, da die "
        "Zollgebühr von 1,99 EUR nicht bezahlt wurde.\n\nBitte bestätigen Sie Ihre Lieferadresse und bezahlen Sie "
        "die ausstehende Gebühr innerhalb von 24 Stunden über den folgenden Link, sonst wird die Sendung an den "
        "Absender zurückgeschickt:\n{url}\n\nVielen Dank für Ihr Verständnis.\nIhr Paketdienst",
    ),
    "nl": (
        "Uw pakket {ref} kon niet worden bezorgd",
        "Beste klant,\n\nUw pakket met zendingsnummer {ref} kon vandaag niet worden bezorgd omdat de invoerkosten "
        "van 1,99 EUR nog niet zijn betaald.\n\nBevestig uw bezorgadres en betaal de openstaande kosten binnen 24 "
        "uur via de onderstaande link, anders wordt het pakket teruggestuurd naar de afzender:\n{url}\n\nBedankt "
        "voor uw begrip.\nUw pakketdienst",
    ),
    "en": (
        "Your parcel {ref} could not be delivered",
        "Dear customer,\n\nYour parcel with tracking number {ref} could not be delivered today because the customs "
        "fee of 1.99 GBP has not been paid.\n\nPlease confirm your delivery address and pay the outstanding fee "
        "within 24 hours using the link below, otherwise the parcel will be returned to the sender:\n{url}\n\n"
        "Thank you for your understanding.\nYour delivery service",
    ),
}


def parcel(rng: random.Random) -> Campaign:
    def draft(rng: random.Random, n: int) -> Draft:
        language = ("de", "nl", "en")[n % 3]
        subject, text = PARCEL[language]
        values = {
            "ref": f"{_pick(rng, 'JJD', 'CZ', 'RR')}{rng.randint(100000000, 999999999)}",
            "url": f"https://{PARCEL_DOMAIN}/{language}/{token(rng, 7)}",
        }
        return Draft(
            language=language,
            from_name={"de": "Paketdienst", "nl": "Pakketdienst", "en": "Delivery Service"}[language],
            from_address=f"noreply@{token(rng, 5)}.{_pick(rng, 'shop', 'top', 'xyz')}",
            subject=subject.format(**values),
            text=text.format(**values),
        )

    return Campaign(
        "parcel",
        "Undelivered parcel, customs fee",
        ("CN", "VN", "RU"),
        ("bnetza", "acm", "fps-economy", "ico", "hexanet"),
        7,
        draft,
        {"domain": PARCEL_DOMAIN},
    )


# --- unsolicited commercial e-mail (no consent) --------------------------------------------------------

COMMERCIAL = {
    "fr": (
        "Soldes privées : jusqu'à -70 % sur toute la collection",
        "Bonjour,\n\nNos soldes privées commencent aujourd'hui ! Profitez de jusqu'à -70 % sur les robes, "
        "chaussures, sacs et accessoires de la nouvelle collection, avec la livraison offerte dès 49 euros "
        "d'achat.\n\nCes offres sont réservées à nos clients privilégiés et ne durent que 72 heures. Les quantités "
        "sont limitées.\n\nDécouvrez la sélection : {url}\n\nVous recevez ce message car vous êtes inscrit à notre "
        "lettre d'information. Pour vous désinscrire, cliquez ici : {unsubscribe}",
    ),
    "pt": (
        "Liquidação exclusiva: até 70% de desconto em toda a coleção",
        "Olá,\n\nA nossa liquidação exclusiva começa hoje! Aproveite até 70% de desconto em vestidos, sapatos, "
        "bolsas e acessórios da nova coleção, com frete grátis em compras acima de 199 reais.\n\nEstas ofertas "
        "são reservadas aos nossos clientes especiais e duram apenas 72 horas. Os estoques são limitados.\n\n"
        "Confira a seleção: {url}\n\nVocê recebe esta mensagem porque está inscrito na nossa newsletter. Para "
        "cancelar a inscrição, clique aqui: {unsubscribe}",
    ),
}


def commercial(rng: random.Random) -> Campaign:
    domain = "mode-outlet-privee.com"

    def draft(rng: random.Random, n: int) -> Draft:
        language = ("fr", "fr", "pt")[n % 3]
        subject, text = COMMERCIAL[language]
        subscriber = token(rng, 12)
        url = f"https://{domain}/{language}/soldes?utm_source=newsletter&s={subscriber}"
        unsubscribe = f"https://{domain}/unsubscribe?s={subscriber}"
        body = text.format(url=url, unsubscribe=unsubscribe)
        return Draft(
            language=language,
            from_name="Mode Outlet Privée",
            from_address=f"newsletter@{domain}",
            subject=subject,
            text=body,
            html=_html(
                body.split("\n\n")[:3], "Voir les offres" if language == "fr" else "Ver as ofertas", url
            ),
            mailer="Sendy 6.1",
            list_unsubscribe=unsubscribe,
        )

    return Campaign(
        "commercial",
        "Fashion outlet newsletter sent without consent",
        ("US",),
        ("cnil", "dgccrf", "senacon", "consumers-spam-watch", "fps-economy"),
        7,
        draft,
        {"domain": domain},
    )


# --- mailbox quota phishing with a fake support line -----------------------------------------------

QUOTA = (
    "Dear user,\n\nYour mailbox has exceeded the storage limit of 50 GB set by your administrator. You may not be "
    "able to send or receive new messages until you re-validate your mailbox.\n\nTo re-validate your account "
    "and increase your storage free of charge, click the link below and sign in with your current e-mail "
    "password:\n{url}\n\nIf you do not re-validate within 24 hours, your account will be suspended and your "
    "messages deleted. If you need help, call the 24/7 support line on {phone}.\n\nThank you,\nMail Administrator"
)


def mailbox_quota(rng: random.Random) -> Campaign:
    phone = fictional_phone(rng, "CA")
    domain = "mailbox-quota-upgrade.net"

    def draft(rng: random.Random, n: int) -> Draft:
        url = f"https://{domain}/owa/revalidate.php?u={token(rng, 10)}"
        return Draft(
            language="en",
            from_name=_pick(rng, "Mail Administrator", "IT Helpdesk", "Postmaster"),
            from_address=f"admin@{_pick(rng, 'mail-helpdesk-notice.com', 'it-support-alerts.net')}",
            subject=_pick(
                rng, "Mailbox storage full: re-validate now", "Final notice: your mailbox will be suspended"
            ),
            text=QUOTA.format(url=url, phone=phone),
        )

    return Campaign(
        "mailbox-quota",
        "Mailbox storage full (credential phishing)",
        ("US", "IN", "PK", "PH"),
        ("crtc", "competition-bureau", "fcc", "acma", "dia-nz", "southern-cross-mobile"),
        8,
        draft,
        {"phone": phone, "domain": domain},
    )


# --- stock pump and dump ------------------------------------------------------------------------------

STOCK = (
    "URGENT INVESTOR ALERT: Greenhill Lithium Exploration (OTC: GHLX)\n\nCurrent price: 0.{cents} USD. 5-day "
    "target: 2.40 USD.\n\nGHLX has just signed a letter of intent for a lithium concession in Nevada that analysts "
    "value at more than 80 million dollars. The news goes public next week and the trading volume is already "
    "exploding. Our last three picks gained 412%, 278% and 655% in a few days.\n\nGet in before the big "
    "announcement. Read the full report: {url}\n\nThis newsletter is not investment advice; we were compensated "
    "for this profile by a third party."
)


def stock(rng: random.Random) -> Campaign:
    domain = "otc-breakout-alerts.com"

    def draft(rng: random.Random, n: int) -> Draft:
        return Draft(
            language="en",
            from_name="OTC Breakout Alerts",
            from_address=f"alerts@{domain}",
            subject=_pick(
                rng, "GHLX: the lithium play before the announcement", "This stock could run 500% next week"
            ),
            text=STOCK.format(cents=rng.randint(31, 44), url=f"https://{domain}/report?id={token(rng, 6)}"),
        )

    return Campaign(
        "stock",
        "Penny-stock pump (GHLX)",
        ("CN", "IN", "VN", "RU"),
        ("ftc", "fcc", "crtc", "acma", "city-of-london-police"),
        5,
        draft,
        {"domain": domain},
    )


CAMPAIGNS: tuple[Callable[[random.Random], Campaign], ...] = (
    lottery,
    bank_phishing,
    sextortion,
    advance_fee,
    investment,
    pharma,
    malware_invoice,
    money_mule,
    parcel,
    commercial,
    mailbox_quota,
    stock,
)


# --- SMS reports (7726-style: the text and the sender, forwarded by the recipient) -------------------------

SMS_REPORTERS: dict[str, tuple[str, ...]] = {
    # reporter slug -> the languages its subscribers receive
    "southern-cross-mobile": ("en",),
    "acma": ("en",),
    "ofcom": ("en",),
    "hanbit-mobile": ("ko",),
    "kisa": ("ko",),
    "bnetza": ("de",),
    "acm": ("nl",),
    "hexanet": ("fr",),
    "rrt": ("lt",),
}

SMS_TEXTS: dict[str, tuple[str, ...]] = {
    "en": (
        "Your parcel is on hold due to an unpaid customs fee of 1.99 GBP. Pay now to arrange delivery: {parcel}",
        "ALERT: a payment of 749.00 GBP to a new payee was requested from your account. If this was not you, call "
        "our fraud team on {phone} immediately.",
        "Hi Mum, I dropped my phone in the toilet, this is my new number. Can you message me on WhatsApp? "
        "https://wa.me/{whatsapp}",
        "Congratulations! You have won 2,500 GBP in our customer draw. Claim your prize within 24h: {lottery}",
    ),
    "de": (
        "Ihr Paket wartet auf die Zahlung der Zollgebühr von 1,99 EUR. Jetzt bezahlen und Zustellung planen: "
        "{parcel}",
        "Ihre Bankkarte wurde gesperrt. Bitte bestätigen Sie Ihre Daten innerhalb von 24 Stunden, um sie "
        "wieder freizuschalten: {bank}",
    ),
    "nl": (
        "Uw pakket staat klaar maar de invoerkosten van 1,99 EUR zijn nog niet betaald. Betaal hier: {parcel}",
        "Hoi mam, mijn telefoon is kapot, dit is mijn nieuwe nummer. Stuur je me even een appje? "
        "https://wa.me/{whatsapp}",
    ),
    "fr": (
        "Votre colis est en attente : des frais de douane de 1,99 EUR restent à régler. Payez ici pour recevoir "
        "votre colis : {parcel}",
        "Votre carte bancaire a été suspendue suite à une activité inhabituelle. Réactivez-la sur {bank}",
    ),
    "ko": (
        "[국제발신] 고객님의 택배가 주소 불일치로 보관 중입니다. 주소를 확인해 주세요: {parcel}",
        "[국제발신] 고객님 명의로 해외 결제 980,000원이 승인되었습니다. 본인이 아닐 경우 고객센터로 연락 바랍니다 {phone}",
    ),
    "lt": (
        "Jūsų siunta laukia muitinės mokesčio (1,99 EUR) apmokėjimo. Apmokėkite čia, kad siunta būtų pristatyta: "
        "{parcel}",
    ),
}

SMS_SENDERS = ("PAKET-INFO", "DELIVERY", "InfoSMS")


def sms_reports(rng: random.Random, shared: dict[str, str]) -> tuple[dict[str, list[Sms]], dict[str, str]]:
    """Per reporting member, the SMS it forwards (several languages; the parcel, lottery and bank
    campaigns are shared with e-mail), and the identifiers the SMS campaigns share."""
    whatsapp = fictional_phone(rng, "GB").replace(" ", "").lstrip("+")
    phone = fictional_phone(rng, "US")
    values = {
        "phone": phone,
        "whatsapp": whatsapp,
        "lottery": f"https://{shared['lottery_domain']}/sms/{token(rng, 5)}",
        "bank": f"https://{shared['bank_domain']}/carte/{token(rng, 6)}",
    }
    reports: dict[str, list[Sms]] = {}
    for reporter, languages in SMS_REPORTERS.items():
        messages = []
        for language in languages:
            for text in SMS_TEXTS[language]:
                for _ in range(rng.randint(1, 2)):
                    filled = text.format(
                        parcel=f"https://{PARCEL_DOMAIN}/{language}/{token(rng, 5)}", **values
                    )
                    sender = rng.choice(
                        (
                            fictional_phone(rng, "US"),
                            fictional_phone(rng, "AU"),
                            fictional_phone(rng, "CA"),
                            *SMS_SENDERS,
                        )
                    )
                    messages.append(Sms(language, sender, filled))
        reports[reporter] = messages
    return reports, {"phone": phone, "whatsapp": "+" + whatsapp}
