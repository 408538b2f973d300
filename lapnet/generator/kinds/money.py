"""Kinds that promise money: lottery prizes, advance-fee inheritances, investment platforms, work from
home as a money mule, and penny-stock pumps. Texts follow the shape of real campaigns of each kind
without copying any one message."""

from __future__ import annotations

import random

from lapnet.generator.kinds.base import (
    DOMAIN,
    EMAIL,
    IBAN,
    PHONE,
    WALLET,
    CampaignKind,
    amount,
    letter,
    texts,
)


def _lottery_extra(rng: random.Random) -> dict[str, str]:
    return {
        "ref": f"{rng.choice(('EMP', 'INT', 'GLP', 'WPA'))}/{rng.randint(1000, 9999)}/{rng.randint(10, 99)}/LT",
        "ticket": f"{rng.randint(10, 99)}-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
        "amount": amount(rng, 500_000, 1_500_000, 10_000),
    }


LOTTERY = CampaignKind(
    key="lottery",
    title="International lottery prize",
    countries=("JM", "NG", "GH", "ZA", "GB", "ES"),
    letters={
        "en": letter(
            "[[Winning Notification|Award Notification|Congratulations: Final Notice|Your Prize Claim]]: Ref {ref}",
            "[[Dear Beneficiary|Dear Winner|Dear {name}|Attention: {name}]],\n\nWe are [[pleased|happy|delighted]] "
            "to inform you that your e-mail address was selected in the {brand} International Promotion held on "
            "{date}. Your address, attached to ticket number {ticket}, drew the lucky numbers and has been awarded "
            "the sum of {amount} EUR [[in cash|as a lump sum|tax free]], credited to file {ref}.\n\nTo begin the "
            "processing of your prize, contact our claims agent, [[Mr.|Barr.|Dr.]] {agent}, by e-mail at {dropbox} "
            "[[or by telephone on {phone}|or call {phone}|(telephone {phone})]], quoting your reference number. "
            "[[You can also complete the claims form online at {url}|The claims form is online at {url}|"
            "Fill the verification form: {url}]]\n\n[[For security reasons, keep this award confidential until "
            "your claim has been processed and the money remitted to your account.|Keep this notification "
            "strictly confidential to avoid double claiming.]]\n\n[[Congratulations once again.|Congratulations!|"
            "Best regards,]]\n\n{signer}\n[[Promotions Coordinator|Claims Director|Head of Payments]], {brand}",
            ("{brand} Board", "{brand} Promotions", "Claims Department"),
        ),
        "es": letter(
            "[[Notificación de premio|Aviso de ganador|Notificación final]]: Ref {ref}",
            "[[Estimado beneficiario|Estimado/a {name}|Estimado ganador]]:\n\nNos complace informarle que su "
            "dirección de correo electrónico fue seleccionada en el sorteo internacional {brand} celebrado el "
            "{date}. Su dirección, asociada al boleto número {ticket}, ha resultado ganadora de la suma de {amount} "
            "EUR, registrada en el expediente {ref}.\n\nPara iniciar el cobro de su premio, póngase en contacto "
            "con nuestro agente de reclamaciones, el Sr. {agent}, por correo electrónico en {dropbox} o por "
            "teléfono al {phone}, indicando su número de referencia. [[También puede completar el formulario de "
            "reclamación en {url}|Formulario de cobro: {url}]]\n\nPor razones de seguridad, mantenga este premio en "
            "secreto hasta que su reclamación haya sido procesada.\n\n[[Felicidades de nuevo.|¡Enhorabuena!]]\n\n"
            "{signer}\nCoordinación de promociones, {brand}",
            ("{brand}", "Departamento de Premios"),
        ),
        "pt": letter(
            "[[Notificação de prêmio|Aviso de premiação]]: Ref {ref}",
            "[[Prezado beneficiário|Prezado(a) {name}|Caro vencedor]],\n\nTemos o prazer de informar que o seu "
            "endereço de e-mail foi selecionado na promoção internacional {brand}, realizada em {date}. O seu "
            "endereço, associado ao bilhete número {ticket}, foi premiado com a quantia de {amount} EUR, registrada "
            "no processo {ref}.\n\nPara iniciar o pagamento do seu prêmio, entre em contato com o nosso agente, Sr. "
            "{agent}, pelo e-mail {dropbox} ou pelo telefone {phone}, informando o seu número de referência. "
            "Também pode preencher o formulário em {url}\n\nPor motivos de segurança, mantenha este prêmio em "
            "sigilo até que o pedido seja processado.\n\n[[Parabéns mais uma vez.|Parabéns!]]\n\n{signer}\n{brand}",
            ("{brand}", "Departamento de Prêmios"),
        ),
    },
    sms={
        "en": texts(
            "[[Congratulations!|CONGRATS!|Dear customer,]] You have won {amount} GBP in the {brand} [[customer draw|"
            "prize draw]]. Claim your prize within 24h: {url}",
        ),
    },
    uses=frozenset({DOMAIN, EMAIL, PHONE}),
    brand_words=(
        (
            "Euro",
            "Global",
            "International",
            "Royal",
            "Grand",
            "Golden",
            "Mega",
            "Continental",
            "Lucky",
            "Premier",
        ),
        ("Jackpot", "Millions", "Lotto", "Sweepstake", "Prize Draw", "Fortune", "Lottery", "Award"),
    ),
    domain_words=(
        "promo",
        "claims",
        "award",
        "prize",
        "lotto",
        "winner",
        "jackpot",
        "payout",
        "intl",
        "board",
    ),
    url_paths=("/claim/{token}", "/form.php?ref={token}", "/winners/{token}", "/verify/{token}"),
    sender_locals=("notification", "claims", "info", "awards"),
    phone_countries=("GB", "JM", "US", "CA", "FR"),
    dropbox_words=("claims", "desk", "agent", "payout", "award"),
    reply_to_dropbox=True,
    mailers=("Microsoft Outlook 16.0", "PHPMailer 6.8.0", None),
    per_message=_lottery_extra,
)


def _advance_fee_extra(rng: random.Random) -> dict[str, str]:
    return {
        "late": rng.choice(
            ("Robert Sinclair", "Andreas Keller", "Michel Laurent", "George Whitfield", "Paolo Conti")
        ),
        "amount": rng.choice(("10,500,000", "8,750,000", "12,300,000", "6,400,000", "15,200,000")),
    }


ADVANCE_FEE = CampaignKind(
    key="advance-fee",
    title="Next-of-kin inheritance (advance fee)",
    countries=("NG", "GH", "CI", "SN", "ZA", "MY"),
    letters={
        "en": letter(
            "[[CONFIDENTIAL|URGENT|STRICTLY PRIVATE]]: [[Business proposal|Inheritance claim|Next of kin]] "
            "from {agent}",
            "[[Dear Friend|Dear {name}|Good day]],\n\nI am Barrister {agent} of {brand}, the personal attorney to "
            "the late Mr. {late}, a foreign contractor who died with his family in a road accident. Before his "
            "death he deposited the sum of US$ {amount} with a security company here, and the bank has issued me "
            "a final notice to present his next of kin or the fund will be confiscated.\n\n[[Since you have the "
            "same last name as my late client|Having searched for a trustworthy foreign partner]], I am contacting "
            "you to stand as the next of kin so that the proceeds of this account can be paid to you. We will "
            "share the money [[60% for me and 40% for you|50/50]]. All the legal documents to back up your claim "
            "will be provided by me. This transaction is 100% risk free.\n\n[[Please reply urgently to my private "
            "e-mail {dropbox}|Reply only to my private address {dropbox}]] with your full name, telephone number "
            "and address, or call my chambers on {phone}.\n\n[[Yours faithfully|Best regards|Sincerely]],\n"
            "Barrister {agent}, Esq.",
            ("Barrister {agent}", "{agent}", "{brand}"),
        ),
        "fr": letter(
            "[[CONFIDENTIEL|URGENT]] : proposition d'affaires de Maître {agent}",
            "[[Cher ami|Bonjour {name}|Cher(e) {name}]],\n\nJe suis Maître {agent} du cabinet {brand}, avocat "
            "personnel de feu M. {late}, un entrepreneur étranger décédé avec sa famille dans un accident de la "
            "route. Avant sa mort, il a déposé la somme de {amount} dollars américains auprès d'une société de "
            "sécurité, et la banque m'a adressé un dernier avis pour présenter un héritier, faute de quoi les "
            "fonds seront confisqués.\n\nJe vous contacte afin que vous vous présentiez comme héritier et que les "
            "fonds de ce compte vous soient versés. Nous partagerons la somme : [[60 % pour moi et 40 % pour vous|"
            "moitié-moitié]]. Cette transaction est sans aucun risque.\n\nMerci de répondre d'urgence à mon adresse "
            "privée {dropbox} en indiquant votre nom complet, votre numéro de téléphone et votre adresse, ou "
            "d'appeler mon cabinet au {phone}.\n\n[[Veuillez agréer mes salutations distinguées|Cordialement]],\n"
            "Maître {agent}",
            ("Maître {agent}", "{brand}"),
        ),
    },
    uses=frozenset({EMAIL, PHONE}),
    brand_words=(
        ("Okafor", "Mensah", "Adeyemi", "Diallo", "Kamara", "Boateng", "Nwosu", "Traoré", "Owusu", "Eze"),
        ("Legal Chambers", "& Associates", "Attorneys", "Law Firm", "Solicitors", "Legal Practice"),
    ),
    domain_words=("legal", "chambers", "attorneys", "law", "intl", "associates", "barrister", "esq"),
    sender="freemail",
    phone_countries=("GB", "US", "FR"),
    dropbox_words=("barr", "chambers", "attorney", "private", "esq", "legal"),
    reply_to_dropbox=True,
    mailers=("Roundcube Webmail/1.6.5", "Microsoft Outlook 16.0", None),
    per_message=_advance_fee_extra,
)

INVESTMENT = CampaignKind(
    key="investment",
    title="AI crypto trading platform",
    countries=("UA", "BG", "RO", "RU", "CY", "IL"),
    letters={
        "en": letter(
            "[[The investment platform everyone is talking about|Earn 2,400 EUR per day from home|"
            "{first}, your account is waiting]]",
            "[[Hello {first}|Hi {first}|Dear investor]],\n\nThousands of ordinary people are already earning with "
            "{brand}, the automated trading platform that uses artificial intelligence to buy and sell Bitcoin at "
            "the right moment. Our members earn an average of [[2,400|1,900|3,100]] EUR per day with a starting "
            "deposit of only 250 EUR.\n\nPlaces in your country are limited. Register today and a personal "
            "account manager will call you to activate your account: {url}\n\nYou can also fund your account "
            "directly by sending USDT or ETH to our deposit address {wallet} and calling your account manager on "
            "{phone}.\n\n[[This offer expires at midnight.|Only 12 places left.]]\n\nThe {brand} team",
            ("{brand}", "{brand} Team"),
            link_text="Start now",
        ),
        "de": letter(
            "[[Die Investment-Plattform, über die alle sprechen|2.400 EUR am Tag von zu Hause]]",
            "[[Hallo {first}|Guten Tag {name}]],\n\ntausende ganz normale Menschen verdienen bereits mit {brand}, "
            "der automatischen Handelsplattform, die mit künstlicher Intelligenz Bitcoin zum richtigen Zeitpunkt "
            "kauft und verkauft. Unsere Mitglieder verdienen durchschnittlich [[2.400|1.900]] EUR pro Tag mit einer "
            "Ersteinzahlung von nur 250 EUR.\n\nDie Plätze in Ihrem Land sind begrenzt. Registrieren Sie sich noch "
            "heute, und Ihr persönlicher Kontobetreuer ruft Sie an: {url}\n\nSie können Ihr Konto auch direkt "
            "aufladen, indem Sie USDT oder ETH an unsere Einzahlungsadresse {wallet} senden und Ihren "
            "Kontobetreuer unter {phone} anrufen.\n\nDieses Angebot endet um Mitternacht.\n\nIhr {brand}-Team",
            ("{brand}",),
            link_text="Jetzt starten",
        ),
        "nl": letter(
            "[[Het beleggingsplatform waar iedereen het over heeft|2.400 EUR per dag vanuit huis]]",
            "[[Hallo {first}|Beste {name}]],\n\nDuizenden gewone mensen verdienen al geld met {brand}, het "
            "automatische handelsplatform dat met kunstmatige intelligentie Bitcoin op het juiste moment koopt en "
            "verkoopt. Onze leden verdienen gemiddeld 2.400 EUR per dag met een eerste storting van slechts 250 "
            "EUR.\n\nHet aantal plaatsen in uw land is beperkt. Schrijf u vandaag nog in: {url}\n\nU kunt uw account "
            "ook direct opwaarderen door USDT of ETH naar ons stortingsadres {wallet} te sturen en uw "
            "accountmanager te bellen op {phone}.\n\nDeze aanbieding verloopt om middernacht.\n\nHet {brand}-team",
            ("{brand}",),
            link_text="Nu beginnen",
        ),
    },
    sms={
        "en": texts(
            "{first}, [[your {brand} account shows a profit of 2,310 EUR|your trading bonus is ready]]. "
            "Withdraw now: {url}",
        ),
    },
    uses=frozenset({DOMAIN, PHONE, WALLET}),
    brand_words=(
        ("Quantum", "Neo", "Apex", "Crypto", "Bit", "Smart", "Alpha", "Nova", "Vertex", "Stellar"),
        ("Yield", "Trader", "Profit", "Capital", "Invest", "Edge", "Markets", "AI"),
    ),
    domain_words=("trade", "yield", "invest", "profit", "ai", "crypto", "capital", "platform", "pro", "app"),
    url_paths=("/{lang}/start?aff={token}", "/register?ref={token}", "/{lang}/join/{token}"),
    tlds=("com", "net", "io", "app", "pro", "online"),
    sms_senders=("TRADE", "INVEST", "Profit"),
    sender_locals=("news", "team", "support", "welcome"),
    sender_words=("news", "mail", "invest", "updates", "crypto", "trader"),
    phone_countries=("GB", "AU", "FR", "CA"),
    wallet="eth",
    mailers=("PHPMailer 6.8.0", "Sendinblue", None),
)

MONEY_MULE = CampaignKind(
    key="money-mule",
    title="Work-from-home 'financial assistant' (money mules)",
    countries=("RO", "BG", "UA", "TR", "LT"),
    letters={
        "es": letter(
            "[[Trabajo desde casa|Oferta de empleo]]: asistente financiero ([[2.500-4.000|2.000-3.500]] EUR/mes)",
            "[[Hola|Hola {first}|Estimado/a {name}]],\n\nSomos {brand}, una empresa internacional de logística "
            "con sede en Vilna, y buscamos asistentes financieros en España para trabajar desde casa, de 2 a 3 "
            "horas al día. No se necesita experiencia.\n\nSu tarea consistirá en recibir en su cuenta bancaria los "
            "pagos de nuestros clientes y transferirlos a nuestros socios, quedándose con una comisión del 10 % de "
            "cada operación.\n\nPara empezar, envíe su nombre completo, su número de teléfono y una copia de su DNI "
            "a {dropbox}. Los primeros pagos de prueba se harán desde nuestra cuenta {iban}.\n\n[[Un saludo|"
            "Atentamente]],\nDepartamento de Recursos Humanos, {brand}",
            ("{brand} HR", "Recursos Humanos"),
        ),
        "it": letter(
            "[[Lavoro da casa|Offerta di lavoro]]: assistente finanziario (2.500-4.000 EUR al mese)",
            "[[Buongiorno|Gentile {name}]],\n\nsiamo {brand}, un'azienda internazionale di logistica con sede a "
            "Vilnius, e cerchiamo assistenti finanziari in Italia per lavorare da casa, 2 o 3 ore al giorno. Non è "
            "richiesta esperienza.\n\nIl suo compito sarà ricevere sul suo conto bancario i pagamenti dei nostri "
            "clienti e trasferirli ai nostri partner, trattenendo una commissione del 10 % su ogni operazione.\n\n"
            "Per iniziare, invii il suo nome completo, il suo numero di telefono e una copia del documento "
            "d'identità a {dropbox}. I primi pagamenti di prova partiranno dal nostro conto {iban}.\n\n"
            "[[Cordiali saluti|Distinti saluti]],\nUfficio Risorse Umane, {brand}",
            ("{brand} HR", "Risorse Umane"),
        ),
        "en": letter(
            "[[Work from home|Job offer]]: financial assistant (2,500-4,000 EUR per month)",
            "[[Hello|Hello {first}|Dear {name}]],\n\nWe are {brand}, an international logistics company based in "
            "Vilnius, and we are looking for financial assistants to work from home, 2 to 3 hours a day. No "
            "experience needed.\n\nYou will receive our clients' payments on your bank account and transfer them "
            "to our partners, keeping a 10% commission on each transaction.\n\nTo start, send your full name, "
            "phone number and a copy of your ID to {dropbox}. The first test payments will come from our account "
            "{iban}.\n\n[[Kind regards|Best regards]],\nHuman Resources, {brand}",
            ("{brand} HR", "Human Resources"),
        ),
    },
    uses=frozenset({EMAIL, IBAN}),
    brand_words=(
        ("Baltic", "Nordic", "Euro", "Trans", "Amber", "Vilnius", "Hansa", "Danube", "Carpathian", "Alpine"),
        ("Freight Solutions", "Logistics", "Cargo Group", "Shipping", "Transit", "Forwarding"),
    ),
    domain_words=("freight", "logistics", "cargo", "careers", "jobs", "solutions", "group", "transit"),
    sender_locals=("jobs", "hr", "careers", "recruiting"),
    dropbox_words=("hr", "jobs", "recruit", "careers", "staff"),
    reply_to_dropbox=True,
    iban_countries=("LT", "DE", "GB", "NL", "ES", "PL", "RO", "BG"),
)


STOCK = CampaignKind(
    key="stock",
    title="Penny-stock pump",
    countries=("CN", "IN", "VN", "RU", "US"),
    letters={
        "en": letter(
            "[[{ticker}: the {sector} play before the announcement|This stock could run 500% next week|"
            "URGENT: {ticker} about to explode]]",
            "[[URGENT INVESTOR ALERT|HOT PICK|BREAKOUT ALERT]]: {company} (OTC: {ticker})\n\nCurrent price: "
            "0.{cents} USD. 5-day target: [[2.40|1.85|3.10]] USD.\n\n{ticker} has just signed a letter of intent "
            "for a {sector} concession in Nevada that analysts value at more than 80 million dollars. The news "
            "goes public next week and the trading volume is already exploding. Our last three picks gained 412%, "
            "278% and 655% in a few days.\n\nGet in before the big announcement. Read the full report: {url}\n\n"
            "{brand} is not investment advice; we were compensated for this profile by a third party.",
            ("{brand}", "{brand} Alerts"),
        ),
    },
    uses=frozenset({DOMAIN}),
    brand_words=(
        ("OTC", "Penny", "Micro Cap", "Small Cap", "Wall Street", "Breakout", "Rocket", "Momentum"),
        ("Alerts", "Insider", "Picks", "Report", "Digest", "Watch"),
    ),
    domain_words=("otc", "breakout", "alerts", "stock", "picks", "pennystock", "insider", "report"),
    url_paths=("/report?id={token}", "/pick/{token}", "/{token}.html"),
    sender_locals=("alerts", "newsletter", "picks"),
    traits=lambda rng: {
        "ticker": "".join(rng.choices("ABCDEFGHJKLMNPRSTVWXZ", k=4)),
        "company": f"{rng.choice(('Greenhill', 'Silver Peak', 'Blue Ridge', 'Red Rock', 'Northstar'))} "
        f"{rng.choice(('Lithium', 'Mining', 'Resources', 'Energy'))} {rng.choice(('Corp.', 'Inc.', 'Exploration'))}",
        "sector": rng.choice(("lithium", "gold", "uranium", "rare-earth")),
    },
    per_message=lambda rng: {"cents": str(rng.randint(11, 44))},
)

KINDS = (LOTTERY, ADVANCE_FEE, INVESTMENT, MONEY_MULE, STOCK)
