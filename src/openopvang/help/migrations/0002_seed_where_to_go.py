"""Seed "Where do I go with…": the organisations of ../shared/docs/DOMAIN.md §1
with only the contact details that document gives (no invented phone numbers
or hours), and their topics in Dutch and English; the topics for displaced
persons also in Ukrainian and Russian. The national editor maintains them
afterwards in the staff pages."""

from django.db import migrations

AGENCIES = [
    # code, name, e-mail, website, languages
    ("noo", "Nationale Opvang Organisatie (NOO)", "PostbusNOO@minjenv.nl", "", "nl"),
    ("vng-forum", "VNG Forum Oekraïne", "", "", "nl"),
    ("loop", "LOOP (Loket Ontheemden Oekraïne PSH)", "", "", "nl"),
    ("coa", "COA (Centraal Orgaan opvang asielzoekers)", "", "", ""),
    ("dtv", "DT&V (Dienst Terugkeer en Vertrek)", "", "", ""),
    ("iom", "IOM", "", "", ""),
    (
        "derdelanders",
        "Ministerie van Justitie en Veiligheid — mailbox derdelanders",
        "derdelanders.oekraine@minjenv.nl",
        "",
        "nl",
    ),
    ("vwn", "VluchtelingenWerk Nederland", "oekraine-contact@vluchtelingenwerk.nl", "", "nl"),
    ("refugeehelp", "RefugeeHelp (VluchtelingenWerk Nederland)", "", "https://refugeehelp.nl", "nl, en, uk, ru"),
]

# code, audience, agency, {language: (title, answer)}
TOPICS = [
    (
        "normbedrag-leefgeld",
        "professional",
        "noo",
        {
            "nl": (
                "Normbedrag, leefgeld en transitiekosten",
                "De NOO is het eerste aanspreekpunt voor vragen over het normbedrag, het leefgeld "
                "en de transitiekosten.",
            ),
            "en": (
                "Standard amount, living allowance and transition costs",
                "The NOO is the first point of contact for questions on the standard amount "
                "(normbedrag), the living allowance (leefgeld) and transition costs.",
            ),
        },
    ),
    (
        "voorschot",
        "professional",
        "noo",
        {
            "nl": (
                "Voorschot onder de BooO",
                "De NOO besluit over de voorschotten onder de BooO en betaalt ze uit.",
            ),
            "en": (
                "Advance under the BooO",
                "The NOO decides on the advances under the BooO and pays them.",
            ),
        },
    ),
    (
        "informatie-delen",
        "professional",
        "vng-forum",
        {
            "nl": (
                "Informatie en meertalig communicatiemateriaal delen",
                "Op het VNG Forum Oekraïne delen gemeenten informatie en meertalig "
                "communicatiemateriaal.",
            ),
            "en": (
                "Sharing information and multilingual material",
                "On the VNG Forum Oekraïne municipalities share information and multilingual "
                "communication material.",
            ),
        },
    ),
    (
        "psychosociale-hulp",
        "professional",
        "loop",
        {
            "nl": (
                "Psychosociale hulp en passende zorg",
                "LOOP helpt gemeenten en zorgverleners met vragen over psychosociale hulp en bij "
                "het vinden van passende zorg.",
            ),
            "en": (
                "Psychosocial help and suitable care",
                "LOOP helps municipalities and care providers with questions on psychosocial help "
                "and with finding suitable care.",
            ),
        },
    ),
    (
        "derdelanders",
        "professional",
        "derdelanders",
        {
            "nl": (
                "Derdelanders",
                "Vragen over derdelanders (niet-Oekraïners met een tijdelijke Oekraïense "
                "verblijfsvergunning) stelt u aan de mailbox van het ministerie.",
            ),
            "en": (
                "Third-country nationals",
                "Questions on third-country nationals (non-Ukrainians who held a temporary "
                "Ukrainian residence permit) go to the ministry's mailbox.",
            ),
        },
    ),
    (
        "asiel-coa",
        "professional",
        "coa",
        {
            "nl": (
                "Asielaanvraag en overdracht aan het COA",
                "Het COA vangt asielzoekers op en neemt derdelanders over die asiel aanvragen.",
            ),
            "en": (
                "Asylum application and transfer to COA",
                "COA receives asylum seekers and takes over third-country nationals who apply "
                "for asylum.",
            ),
        },
    ),
    (
        "terugkeer",
        "professional",
        "dtv",
        {
            "nl": (
                "Terugkeer en vertrek",
                "DT&V ondersteunt bij terugkeer en vertrek. Het VNG-advies: betrek politie en "
                "DT&V wanneer het recht op opvang onomstotelijk is geëindigd.",
            ),
            "en": (
                "Return and departure",
                "DT&V supports return and departure. The VNG advises to involve the police and "
                "DT&V when the right to reception has indisputably ended.",
            ),
        },
    ),
    (
        "ondersteuning-inkopen",
        "professional",
        "vwn",
        {
            "nl": (
                "Ondersteuning van VluchtelingenWerk inkopen",
                "Gemeenten kopen de diensten van VluchtelingenWerk zelf in en declareren ze onder "
                "de BooO. Contact voor gemeenten: de mailbox hieronder.",
            ),
            "en": (
                "Buying support services from VluchtelingenWerk",
                "Municipalities buy VluchtelingenWerk's services themselves and declare them "
                "under the BooO. Contact for municipalities: the mailbox below.",
            ),
        },
    ),
    (
        "informatie-in-uw-taal",
        "person",
        "refugeehelp",
        {
            "nl": (
                "Informatie in uw taal",
                "RefugeeHelp geeft informatie in het Nederlands, Engels, Oekraïens en Russisch.",
            ),
            "en": (
                "Information in your language",
                "RefugeeHelp gives information in Dutch, English, Ukrainian and Russian.",
            ),
            "uk": (
                "Інформація вашою мовою",
                "RefugeeHelp надає інформацію нідерландською, англійською, українською та "
                "російською мовами.",
            ),
            "ru": (
                "Информация на вашем языке",
                "RefugeeHelp предоставляет информацию на нидерландском, английском, украинском и "
                "русском языках.",
            ),
        },
    ),
    (
        "spreekuur",
        "person",
        "vwn",
        {
            "nl": (
                "Een vraag stellen op het online spreekuur",
                "VluchtelingenWerk houdt online spreekuren. U kunt hieronder een plaats boeken.",
            ),
            "en": (
                "Asking a question at the online consultation hour",
                "VluchtelingenWerk holds online consultation hours. You can book a place below.",
            ),
            "uk": (
                "Поставити запитання на онлайн-консультації",
                "VluchtelingenWerk проводить онлайн-консультації. Ви можете забронювати місце "
                "нижче.",
            ),
            "ru": (
                "Задать вопрос на онлайн-консультации",
                "VluchtelingenWerk проводит онлайн-консультации. Вы можете забронировать место "
                "ниже.",
            ),
        },
    ),
    (
        "asiel-aanvragen",
        "person",
        "coa",
        {
            "nl": (
                "Ik ben geen Oekraïner en vraag asiel aan",
                "Wie asiel aanvraagt, heeft recht op opvang door het COA. U blijft in de "
                "gemeentelijke opvang tot het COA een plaats heeft.",
            ),
            "en": (
                "I am not Ukrainian and apply for asylum",
                "Whoever applies for asylum has a right to reception by COA. You stay in the "
                "municipal reception until COA has a place.",
            ),
            "uk": (
                "Я не громадянин України і подаю заяву на притулок",
                "Той, хто подає заяву на притулок, має право на прийом у COA. Ви залишаєтеся в "
                "муніципальному прийомі, доки COA не матиме місця.",
            ),
            "ru": (
                "Я не гражданин Украины и подаю заявление на убежище",
                "Тот, кто подаёт заявление на убежище, имеет право на приём в COA. Вы остаётесь "
                "в муниципальном приёме, пока у COA не будет места.",
            ),
        },
    ),
    (
        "terugkeren",
        "person",
        "iom",
        {
            "nl": (
                "Terugkeren naar uw land",
                "IOM ondersteunt bij terugkeer en vertrek.",
            ),
            "en": (
                "Returning to your country",
                "IOM supports return and departure.",
            ),
            "uk": (
                "Повернення до вашої країни",
                "IOM підтримує під час повернення та виїзду.",
            ),
            "ru": (
                "Возвращение в вашу страну",
                "IOM оказывает поддержку при возвращении и выезде.",
            ),
        },
    ),
]


def seed(apps, schema_editor):
    Agency = apps.get_model("help", "Agency")
    Topic = apps.get_model("help", "Topic")
    TopicText = apps.get_model("help", "TopicText")
    agencies = {}
    for code, name, email, website, languages in AGENCIES:
        agencies[code], _created = Agency.objects.get_or_create(
            code=code,
            defaults={"name": name, "email": email, "website": website, "languages": languages},
        )
    for position, (code, audience, agency, texts) in enumerate(TOPICS, start=1):
        topic, created = Topic.objects.get_or_create(
            code=code,
            defaults={"audience": audience, "agency": agencies[agency], "position": position * 10},
        )
        if not created:
            continue
        for language, (title, answer) in texts.items():
            TopicText.objects.create(topic=topic, language=language, title=title, answer=answer)


class Migration(migrations.Migration):
    dependencies = [("help", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
