"""Kinds that extort, sell or infect: webcam extortion for Bitcoin, pharmacies without prescription,
overdue invoices carrying a script, and commercial mail sent without consent."""

from __future__ import annotations

import random

from lapnet.generator.kinds.base import DOMAIN, WALLET, CampaignKind, amount, letter

SEXTORTION = CampaignKind(
    key="sextortion",
    title="Webcam extortion demanding Bitcoin",
    countries=("VN", "IN", "BR", "ID", "PH", "TH", "BD", "PK", "EG"),
    letters={
        "en": letter(
            "[[Your account has been hacked - payment required|I know your password|Security alert: "
            "{recipient_local}|Payment is required]]",
            "[[Hello!|Hi, {first}.|Hello {name}.]]\n\nI am a hacker who has access to your operating system. I "
            "also have full access to your account.\n\nI've been watching you for [[a few months|several weeks]] "
            "now. The fact is that you were infected with malware through an adult site that you visited. While "
            "you were watching videos, your browser started working as a remote desktop with a keylogger, which "
            "gave me access to your screen and webcam.\n\nI made a double-screen video. The first part shows the "
            "video you were watching, and the second part shows the recording of your webcam.\n\nTo stop this, "
            "transfer {amount} USD in Bitcoin to my wallet: {wallet}\n\nAfter payment I will delete the video and "
            "you will never hear from me again. You have [[48|72]] hours. I receive a notification when you open "
            "this letter. If you go to the police or tell anyone, the video will be sent to all your contacts.",
            ("",),
        ),
        "de": letter(
            "[[Ihr Konto wurde gehackt - Zahlung erforderlich|Ich kenne Ihr Passwort]]",
            "[[Hallo!|Hallo {first}.]]\n\nIch bin ein Hacker und habe Zugriff auf Ihr Betriebssystem und alle Ihre "
            "Konten.\n\nSeit einigen Monaten beobachte ich Sie. Ihr Computer wurde beim Besuch einer "
            "Erwachsenen-Webseite mit Schadsoftware infiziert. Während Sie Videos angesehen haben, hat Ihr Browser "
            "meine Software gestartet, die mir Zugriff auf Ihren Bildschirm und Ihre Webcam gegeben hat.\n\nIch "
            "habe ein Video aufgenommen.\n\nÜberweisen Sie {amount} USD in Bitcoin an meine Wallet: {wallet}\n\n"
            "Nach der Zahlung lösche ich das Video und Sie hören nie wieder von mir. Sie haben 48 Stunden Zeit. "
            "Wenn Sie zur Polizei gehen, wird das Video sofort an alle Ihre Kontakte geschickt.",
            ("",),
        ),
        "es": letter(
            "[[Su cuenta ha sido hackeada - pago requerido|Conozco su contraseña]]",
            "[[¡Hola!|Hola, {first}.]]\n\nSoy un hacker y tengo acceso a su sistema operativo y a todas sus "
            "cuentas.\n\nLe he estado observando durante varios meses. Su ordenador fue infectado con un programa "
            "malicioso cuando visitó un sitio para adultos. Mientras veía vídeos, su navegador activó mi programa, "
            "que me dio acceso a su pantalla y a su cámara web.\n\nHe grabado un vídeo.\n\nTransfiera {amount} USD "
            "en Bitcoin a mi monedero: {wallet}\n\nDespués del pago borraré el vídeo y nunca más sabrá de mí. "
            "Tiene 48 horas. Si acude a la policía, el vídeo se enviará de inmediato a todos sus contactos.",
            ("",),
        ),
        "it": letter(
            "[[Il tuo account è stato violato - pagamento richiesto|Conosco la tua password]]",
            "[[Ciao!|Ciao {first}.]]\n\nSono un hacker e ho accesso al tuo sistema operativo e a tutti i tuoi "
            "account.\n\nTi osservo da diversi mesi. Il tuo computer è stato infettato da un programma malevolo "
            "mentre visitavi un sito per adulti. Mentre guardavi i video, il tuo browser ha avviato il mio "
            "programma, che mi ha dato accesso al tuo schermo e alla tua webcam.\n\nHo registrato un video.\n\n"
            "Trasferisci {amount} USD in Bitcoin al mio portafoglio: {wallet}\n\nDopo il pagamento cancellerò il "
            "video e non sentirai mai più parlare di me. Hai 48 ore. Se ti rivolgi alla polizia, il video sarà "
            "inviato subito a tutti i tuoi contatti.",
            ("",),
        ),
    },
    uses=frozenset({WALLET}),
    brand_words=(("Webcam",), ("Extortion",)),
    domain_words=("unused",),
    sender="recipient",
    per_message=lambda rng: {"amount": amount(rng, 900, 2600, 50)},
)

PHARMA = CampaignKind(
    key="pharma",
    title="Online pharmacy without prescription",
    countries=("RU", "CN", "UA", "IN"),
    letters={
        "en": letter(
            "[[Save up to 80% on your prescriptions|Discreet worldwide delivery - no prescription|"
            "{first}, your order discount is inside]]",
            "[[Men's health, weight loss, pain relief and sleeping pills without a prescription.|Cheap meds "
            "online, no doctor visit needed.]]\n\nViagra from [[0.89|0.79|0.99]] USD per pill, Cialis from 1.20 USD, "
            "Tramadol, Xanax and Phentermine available.\n\nDiscreet packaging and express worldwide delivery in "
            "5-7 days. No prescription required. Secure payment by Visa, Mastercard and Bitcoin.\n\n[[Order now at "
            "{brand}|Visit {brand}]]: {url}\n\nBonus: 4 free pills with every order over 150 USD.\n\nTo "
            "unsubscribe, reply with REMOVE in the subject line.",
            ("Canadian Health Care", "Pharmacy Express", "Dr. {agent}", "{brand}"),
        ),
        "fr": letter(
            "[[Jusqu'à -80 % sur vos médicaments, livraison discrète|Médicaments sans ordonnance]]",
            "Santé masculine, minceur, douleurs et sommeil sans ordonnance.\n\nViagra à partir de 0,89 EUR le "
            "comprimé, Cialis à partir de 1,20 EUR, Tramadol et Xanax disponibles.\n\nEmballage discret et "
            "livraison express dans le monde entier en 5 à 7 jours. Aucune ordonnance nécessaire.\n\nCommandez "
            "maintenant sur {brand} : {url}\n\nBonus : 4 comprimés offerts pour toute commande de plus de 150 EUR.",
            ("Pharmacie Express", "{brand}"),
        ),
        "de": letter(
            "[[Bis zu 80 % sparen - diskreter Versand|Medikamente ohne Rezept]]",
            "Potenzmittel, Schlankheitsmittel und Schmerzmittel ohne Rezept.\n\nViagra ab 0,89 EUR pro Tablette, "
            "Cialis ab 1,20 EUR.\n\nDiskrete Verpackung und Expressversand weltweit in 5-7 Tagen. Kein Rezept "
            "nötig.\n\nJetzt bestellen bei {brand}: {url}",
            ("Online Apotheke", "{brand}"),
        ),
    },
    uses=frozenset({DOMAIN}),
    brand_words=(
        ("Rx", "Canadian", "Global", "Discount", "Express", "Secure", "Family", "Best"),
        ("Pharmacy", "Meds", "Drugstore", "Health Shop", "Pills", "Apotheke"),
    ),
    domain_words=("rx", "discount", "pharmacy", "meds", "pills", "health", "24", "online", "shop", "generic"),
    url_paths=("/?cid={token}", "/shop/{token}", "/catalog?ref={token}"),
    tlds=("com", "ru", "top", "net", "su", "biz"),
    sender="throwaway",
    sender_locals=("offers", "deals", "sale", "rx"),
)


def invoice_attachment(name: str = "Rechnung_Zahlungsuebersicht.pdf.js") -> bytes:
    """A ZIP holding a script named like a PDF, as malware invoices do; this one only prints a line."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(name, date_time=(2026, 10, 1, 9, 30, 0))
        archive.writestr(
            info, "// lapnet generator: a harmless stand-in for a malicious script\nWScript.Echo('demo');\n"
        )
    return buffer.getvalue()


def _invoice_extra(rng: random.Random) -> dict[str, str]:
    return {
        "ref": str(rng.randint(2026000, 2026999)),
        "amount": f"{rng.randint(180, 2400)},{rng.randint(10, 99)}",
    }


MALWARE_INVOICE = CampaignKind(
    key="malware-invoice",
    title="Overdue invoice with a script in a ZIP",
    countries=("BR", "IN", "VN", "TR", "CO", "AR"),
    letters={
        "de": letter(
            "[[Rechnung Nr. {ref} - Zahlungserinnerung|Mahnung: Rechnung {ref}|Offene Rechnung {ref}]]",
            "[[Sehr geehrte Damen und Herren|Sehr geehrte/r {name}|Guten Tag]],\n\nleider konnten wir bis heute "
            "keinen Zahlungseingang für unsere Rechnung Nr. {ref} vom {date} über {amount} EUR feststellen.\n\nDie "
            "vollständige Rechnung finden Sie im Anhang dieser E-Mail und zum Download unter {url}\n\nBitte "
            "begleichen Sie den offenen Betrag innerhalb von drei Werktagen, um weitere Mahngebühren zu "
            "vermeiden.\n\nMit freundlichen Grüßen\nBuchhaltung, {brand}",
            ("Buchhaltung", "{brand}"),
            attachment_name="Rechnung_{ref}.zip",
        ),
        "it": letter(
            "[[Fattura n. {ref} - sollecito di pagamento|Fattura scaduta {ref}]]",
            "[[Gentile cliente|Gentile {name}]],\n\na oggi non risulta ancora il pagamento della fattura n. {ref} "
            "del {date} per un importo di {amount} EUR.\n\nIn allegato trova la fattura completa, scaricabile anche "
            "da {url}\n\nLa preghiamo di saldare l'importo entro tre giorni lavorativi.\n\nCordiali saluti\n"
            "Ufficio amministrazione, {brand}",
            ("Ufficio amministrazione", "{brand}"),
            attachment_name="Fattura_{ref}.zip",
        ),
        "en": letter(
            "[[Invoice {ref} - payment reminder|Overdue invoice {ref}]]",
            "[[Dear Sir or Madam|Dear {name}|Hello]],\n\nwe have not yet received payment of our invoice no. {ref} "
            "dated {date} for {amount} EUR.\n\nThe full invoice is attached and can also be downloaded from {url}\n\n"
            "Please settle the amount within three working days.\n\nKind regards\nAccounts, {brand}",
            ("Accounts", "{brand}"),
            attachment_name="Invoice_{ref}.zip",
        ),
    },
    uses=frozenset({DOMAIN}),
    brand_words=(
        ("Müller", "Rossi", "Schneider", "Bianchi", "Weber", "Ferrari", "Hoffmann", "Conti"),
        ("Logistik GmbH", "Forniture Srl", "Service GmbH", "Trading Ltd", "Handel KG", "Servizi Spa"),
    ),
    domain_words=("invoice", "rechnung", "fattura", "docs", "download", "billing", "files", "cloud"),
    url_paths=("/download/{token}", "/docs/{token}.php", "/invoice?id={token}"),
    sender_locals=("buchhaltung", "amministrazione", "accounts", "billing"),
    sender_words=("logistik", "service", "forniture", "handel", "trading", "srl", "gmbh"),
    mailers=("Microsoft Outlook 16.0", None),
    per_message=_invoice_extra,
)

COMMERCIAL = CampaignKind(
    key="commercial",
    title="Shop newsletter sent without consent",
    countries=("US", "DE", "FR", "NL"),
    letters={
        "fr": letter(
            "[[Soldes privées : jusqu'à -70 % sur toute la collection|Dernier jour : -70 %]]",
            "[[Bonjour|Bonjour {first}]],\n\nNos soldes privées commencent aujourd'hui ! Profitez de jusqu'à "
            "[[-70 %|-60 %|-50 %]] sur les robes, chaussures, sacs et accessoires de la nouvelle collection "
            "{brand}, avec la livraison offerte dès 49 euros d'achat.\n\nCes offres ne durent que 72 heures.\n\n"
            "Découvrez la sélection : {url}\n\nPour vous désinscrire, cliquez ici : {unsubscribe}",
            ("{brand}",),
            link_text="Voir les offres",
        ),
        "pt": letter(
            "[[Liquidação exclusiva: até 70% de desconto|Último dia: 70% off]]",
            "[[Olá|Olá {first}]],\n\nA nossa liquidação exclusiva começa hoje! Aproveite até 70% de desconto em "
            "vestidos, sapatos e acessórios da nova coleção {brand}, com frete grátis em compras acima de 199 "
            "reais.\n\nConfira a seleção: {url}\n\nPara cancelar a inscrição, clique aqui: {unsubscribe}",
            ("{brand}",),
            link_text="Ver as ofertas",
        ),
        "en": letter(
            "[[Private sale: up to 70% off the whole collection|Last day: 70% off everything]]",
            "[[Hello|Hi {first}]],\n\nOur private sale starts today! Get up to [[70%|60%]] off dresses, shoes, bags "
            "and accessories from the new {brand} collection, with free delivery over 49 EUR.\n\nThese offers last "
            "72 hours only.\n\nShop the selection: {url}\n\nTo unsubscribe, click here: {unsubscribe}",
            ("{brand}",),
            link_text="Shop now",
        ),
    },
    uses=frozenset({DOMAIN}),
    brand_words=(
        ("Mode", "Urban", "Chic", "Style", "Outlet", "Trend", "Luxe", "Boutique"),
        ("Outlet Privée", "Store", "Fashion", "Collection", "Club", "Maison"),
    ),
    domain_words=("mode", "outlet", "privee", "fashion", "store", "shop", "style", "sale", "boutique"),
    url_paths=("/{lang}/soldes?utm_source=newsletter&s={token}", "/sale?s={token}", "/{lang}/new?u={token}"),
    tlds=("com", "fr", "shop", "store", "de", "nl"),
    sender_locals=("newsletter", "news", "offers"),
    unsubscribe=True,
    mailers=("Sendy 6.1", "Mailchimp Mailer", None),
)

KINDS = (SEXTORTION, PHARMA, MALWARE_INVOICE, COMMERCIAL)
