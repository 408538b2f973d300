"""Kinds that steal credentials or card details: bank account suspension, undelivered parcels, full
mailboxes, and the SMS-only "hi mum" and payment-alert scams."""

from __future__ import annotations

from lapnet.generator.kinds.base import DOMAIN, PHONE, CampaignKind, letter, texts

BANK_PHISHING = CampaignKind(
    key="bank-phishing",
    title="Bank account suspension",
    countries=("BR", "US", "RU", "MA", "NL", "FR"),
    letters={
        "fr": letter(
            "[[Action requise : votre accès en ligne a été suspendu|Important : vérification de votre identité "
            "requise|Votre carte bancaire sera bloquée sous 48 heures]]",
            "[[Madame, Monsieur,|Bonjour {name},|Cher client,]]\n\nSuite à une tentative de connexion inhabituelle "
            "depuis un nouvel appareil, l'accès à votre espace client {brand} a été temporairement suspendu le "
            "{date}. Afin de protéger vos comptes, nous vous demandons de confirmer votre identité dans un délai de "
            "[[48|24|72]] heures.\n\nPour réactiver votre accès, il vous suffit de vous connecter au lien sécurisé "
            "ci-dessous et de vérifier vos informations personnelles ainsi que votre carte bancaire.\n\n{url}\n\n"
            "Sans action de votre part, votre carte sera bloquée et des frais de réactivation pourront vous être "
            "facturés.\n\n[[Le service Sécurité Clients|L'équipe {brand}|Votre conseiller]]",
            ("Service Client {brand}", "Sécurité Bancaire", "{brand}"),
            link_text="Accéder à mon espace sécurisé",
        ),
        "de": letter(
            "[[Ihr Online-Banking wurde gesperrt|Wichtig: Bestätigung Ihrer Identität erforderlich]]",
            "[[Sehr geehrte Kundin, sehr geehrter Kunde,|Guten Tag {name},]]\n\nnach einem ungewöhnlichen "
            "Anmeldeversuch von einem neuen Gerät wurde Ihr Zugang zu {brand} am {date} vorübergehend gesperrt. "
            "Bitte bestätigen Sie Ihre Identität innerhalb von [[48|24]] Stunden.\n\nMelden Sie sich dazu über den "
            "folgenden sicheren Link an und überprüfen Sie Ihre persönlichen Daten und Ihre Karte:\n\n{url}\n\n"
            "Ohne Ihre Bestätigung wird Ihre Karte gesperrt.\n\n[[Ihr Sicherheitsteam|Ihr {brand}-Kundenservice]]",
            ("{brand} Sicherheit", "Kundenservice"),
            link_text="Jetzt bestätigen",
        ),
        "en": letter(
            "[[Action required: your online access has been suspended|Your card will be blocked in 48 hours|"
            "Unusual sign-in activity]]",
            "[[Dear customer,|Dear {name},|Hello {first},]]\n\nFollowing an unusual sign-in attempt from a new "
            "device, access to your {brand} online banking was temporarily suspended on {date}. To protect your "
            "accounts, please confirm your identity within [[48|24]] hours.\n\nSign in through the secure link "
            "below and verify your personal details and your card:\n\n{url}\n\nIf you do not, your card will be "
            "blocked and a reactivation fee may apply.\n\n[[Customer Security|The {brand} team]]",
            ("{brand} Security", "Customer Service"),
            link_text="Verify my account",
        ),
    },
    sms={
        "de": texts(
            "[[Ihre Bankkarte wurde gesperrt|{brand}: Ihr Konto wurde eingeschränkt]]. Bitte bestätigen Sie Ihre "
            "Daten innerhalb von 24 Stunden: {url}",
        ),
        "fr": texts(
            "[[Votre carte bancaire a été suspendue suite à une activité inhabituelle|{brand} : accès suspendu]]. "
            "Réactivez-la sur {url}",
        ),
        "en": texts(
            "{brand}: [[your card has been suspended|a new payee was added to your account]]. Verify: {url}"
        ),
    },
    uses=frozenset({DOMAIN}),
    brand_words=(
        ("Crédit", "Banque", "Union", "Atlantic", "Central", "Royal", "Citizens", "Commerz", "Volks", "Nova"),
        ("Bank", "Banque", "Finance", "Savings", "Credit", "Direct"),
    ),
    domain_words=(
        "espace",
        "client",
        "securise",
        "verif",
        "secure",
        "login",
        "account",
        "online",
        "banking",
        "auth",
    ),
    url_paths=("/{lang}/authentification?session={token}", "/login/{token}", "/secure/verify.php?id={token}"),
    sms_senders=("BANK-INFO", "SECURITE", "Kundendienst"),
    sender="throwaway",
    sender_locals=("alerte", "securite", "no-reply", "service"),
    mailers=("Microsoft Outlook 16.0", None),
)

PARCEL = CampaignKind(
    key="parcel",
    title="Undelivered parcel, customs fee",
    countries=("CN", "VN", "RU", "ID"),
    letters={
        "de": letter(
            "[[Ihre Sendung {ref} konnte nicht zugestellt werden|Zustellversuch fehlgeschlagen: {ref}]]",
            "[[Guten Tag|Hallo {first}|Sehr geehrte/r {name}]],\n\nIhre Sendung mit der Sendungsnummer {ref} "
            "konnte heute nicht zugestellt werden, da die Zollgebühr von [[1,99|2,49|1,49]] EUR nicht bezahlt "
            "wurde.\n\nBitte bestätigen Sie Ihre Lieferadresse und bezahlen Sie die ausstehende Gebühr innerhalb "
            "von 24 Stunden über den folgenden Link, sonst wird die Sendung an den Absender zurückgeschickt:\n"
            "{url}\n\n[[Vielen Dank für Ihr Verständnis.|Mit freundlichen Grüßen]]\n{brand}",
            ("{brand}", "Paketdienst"),
        ),
        "nl": letter(
            "[[Uw pakket {ref} kon niet worden bezorgd|Bezorgpoging mislukt: {ref}]]",
            "[[Beste klant|Beste {name}]],\n\nUw pakket met zendingsnummer {ref} kon vandaag niet worden bezorgd "
            "omdat de invoerkosten van [[1,99|2,49]] EUR nog niet zijn betaald.\n\nBevestig uw bezorgadres en "
            "betaal de openstaande kosten binnen 24 uur via de onderstaande link, anders wordt het pakket "
            "teruggestuurd naar de afzender:\n{url}\n\nBedankt voor uw begrip.\n{brand}",
            ("{brand}", "Pakketdienst"),
        ),
        "en": letter(
            "[[Your parcel {ref} could not be delivered|Delivery attempt failed: {ref}|Action needed for parcel "
            "{ref}]]",
            "[[Dear customer|Dear {name}|Hello {first}]],\n\nYour parcel with tracking number {ref} could not be "
            "delivered today because the customs fee of [[1.99|2.99|1.49]] GBP has not been paid.\n\nPlease "
            "confirm your delivery address and pay the outstanding fee within 24 hours using the link below, "
            "otherwise the parcel will be returned to the sender:\n{url}\n\n[[Thank you for your understanding.|"
            "Kind regards,]]\n{brand}",
            ("{brand}", "Delivery Service"),
        ),
        "fr": letter(
            "[[Votre colis {ref} n'a pas pu être livré|Échec de livraison : {ref}]]",
            "[[Bonjour|Bonjour {name}]],\n\nVotre colis numéro {ref} n'a pas pu être livré aujourd'hui car des frais "
            "de douane de 1,99 EUR restent à régler.\n\nMerci de confirmer votre adresse et de régler ces frais "
            "sous 24 heures via le lien ci-dessous, faute de quoi le colis sera retourné à l'expéditeur :\n{url}\n\n"
            "Cordialement,\n{brand}",
            ("{brand}", "Service Livraison"),
        ),
    },
    sms={
        "en": texts(
            "[[Your parcel is on hold due to an unpaid customs fee of 1.99 GBP|{brand}: we missed you today]]. "
            "[[Pay now to arrange delivery|Reschedule here]]: {url}",
        ),
        "de": texts(
            "[[Ihr Paket wartet auf die Zahlung der Zollgebühr von 1,99 EUR|{brand}: Zustellung fehlgeschlagen]]. "
            "Jetzt bezahlen und Zustellung planen: {url}",
        ),
        "nl": texts(
            "Uw pakket staat klaar maar de invoerkosten van 1,99 EUR zijn nog niet betaald. Betaal hier: {url}"
        ),
        "fr": texts(
            "Votre colis est en attente : des frais de douane de 1,99 EUR restent à régler. Payez ici pour "
            "recevoir votre colis : {url}",
        ),
        "ko": texts("[국제발신] 고객님의 택배가 주소 불일치로 보관 중입니다. 주소를 확인해 주세요: {url}"),
        "lt": texts(
            "Jūsų siunta laukia muitinės mokesčio (1,99 EUR) apmokėjimo. Apmokėkite čia, kad siunta būtų "
            "pristatyta: {url}",
        ),
    },
    uses=frozenset({DOMAIN}),
    brand_words=(
        ("Express", "Swift", "Euro", "Global", "Rapid", "Prime", "Post", "Metro", "Parcel", "Cargo"),
        ("Delivery", "Post", "Parcel", "Logistics", "Courier", "Shipping"),
    ),
    domain_words=(
        "paket",
        "parcel",
        "delivery",
        "zustellung",
        "status",
        "track",
        "colis",
        "post",
        "redelivery",
    ),
    url_paths=("/{lang}/{token}", "/track?id={token}", "/p/{token}"),
    tlds=("com", "top", "xyz", "shop", "info", "online", "cc"),
    sms_senders=("PAKET-INFO", "DELIVERY", "InfoSMS", "POST"),
    sender="throwaway",
    sender_locals=("noreply", "info", "tracking", "delivery"),
    per_message=lambda rng: {
        "ref": f"{rng.choice(('JJD', 'CZ', 'RR', 'LX'))}{rng.randint(100000000, 999999999)}"
    },
)

MAILBOX_QUOTA = CampaignKind(
    key="mailbox-quota",
    title="Mailbox storage full (credential phishing)",
    countries=("US", "IN", "PK", "PH", "NG"),
    letters={
        "en": letter(
            "[[Mailbox storage full: re-validate now|Final notice: your mailbox will be suspended|"
            "{first}, your mailbox is over quota]]",
            "[[Dear user|Dear {name}|Hello {first}]],\n\nYour mailbox has exceeded the storage limit of "
            "[[50|100|20]] GB set by your administrator. You may not be able to send or receive new messages until "
            "you re-validate your mailbox.\n\nTo re-validate your account and increase your storage free of "
            "charge, click the link below and sign in with your current e-mail password:\n{url}\n\nIf you do not "
            "re-validate within 24 hours, your account will be suspended and your messages deleted. If you need "
            "help, call the 24/7 support line on {phone}.\n\n[[Thank you,|Regards,]]\n{brand}",
            ("Mail Administrator", "IT Helpdesk", "Postmaster", "{brand}"),
        ),
    },
    uses=frozenset({DOMAIN, PHONE}),
    brand_words=(
        ("Mail", "Webmail", "IT", "Email", "Account", "Cloud"),
        ("Administrator", "Helpdesk", "Support Desk", "Service Team", "Admin"),
    ),
    domain_words=(
        "mailbox",
        "quota",
        "upgrade",
        "webmail",
        "helpdesk",
        "owa",
        "storage",
        "validate",
        "portal",
    ),
    url_paths=("/owa/revalidate.php?u={token}", "/webmail/{token}", "/quota/upgrade?id={token}"),
    sender_locals=("admin", "helpdesk", "postmaster", "it-support"),
    phone_countries=("CA", "US", "GB", "AU"),
)

FAMILY = CampaignKind(
    key="family-impersonation",
    title="'Hi Mum' impersonation by SMS",
    countries=("GB", "NL", "AU"),
    letters={},
    sms={
        "en": texts(
            "[[Hi Mum|Hi Mom|Hi Dad|Hey Mum]], I [[dropped my phone in the toilet|broke my phone]], this is my "
            "new number. [[Can you message me on WhatsApp?|Text me on WhatsApp please]] https://wa.me/{phone_digits}",
        ),
        "nl": texts(
            "[[Hoi mam|Hoi pap|Hallo mama]], mijn telefoon is kapot, dit is mijn nieuwe nummer. Stuur je me even "
            "een appje? https://wa.me/{phone_digits}",
        ),
    },
    uses=frozenset({PHONE}),
    brand_words=(("Family",), ("Impersonation",)),
    domain_words=("wa",),
    sms_senders=(),
    phone_countries=("GB", "AU", "FR"),
)

PAYMENT_ALERT = CampaignKind(
    key="payment-alert",
    title="Fake payment alert with a call-back number (SMS)",
    countries=("US", "KR", "GB"),
    letters={},
    sms={
        "en": texts(
            "[[ALERT|{brand} ALERT|Fraud notice]]: a payment of [[749.00|1,249.00|389.99]] GBP to a new payee was "
            "requested from your account. If this was not you, call our fraud team on {phone} [[immediately|now]].",
        ),
        "ko": texts(
            "[국제발신] 고객님 명의로 해외 결제 [[980,000|1,250,000|760,000]]원이 승인되었습니다. 본인이 아닐 경우 "
            "고객센터로 연락 바랍니다 {phone}",
        ),
    },
    uses=frozenset({PHONE}),
    brand_words=(("Card", "Bank", "Pay"), ("Security", "Services", "Alerts")),
    domain_words=("pay",),
    sms_senders=("AlertSMS", "SECURE", "CardInfo"),
    phone_countries=("US", "GB", "CA", "AU"),
)


KINDS = (BANK_PHISHING, PARCEL, MAILBOX_QUOTA, FAMILY, PAYMENT_ALERT)
