"""VluchtelingenWerk Nederland's catalogue of services municipalities can buy
(DOMAIN.md §6, from VWN's 2024 letter "Verandering dienstverlening voor
Oekraïense ontheemden"). No prices: they are agreed per contract (offer)."""

from django.db import migrations

# code, kind, target group, unit, capacity per group, duration,
# {language: (title, description, public text)}
SERVICES = [
    ("owm", "trajectory", "adults", "per_participant", None, "",
     {"nl": ("Oriënteren, Wegwijs, Meedoen (OWM)",
             "Traject waarin ontheemden hun weg leren vinden in de gemeente en in Nederland: "
             "oriëntatie op voorzieningen, regels en mogelijkheden om mee te doen.",
             "Wilt u weten hoe dingen in Nederland en in uw gemeente werken? In dit traject "
             "leert u de weg te vinden en mee te doen."),
      "en": ("Orienting, Finding your way, Taking part (OWM)",
             "A trajectory in which displaced persons learn to find their way in the "
             "municipality and in the Netherlands: facilities, rules and ways to take part.",
             "Would you like to know how things work in the Netherlands and in your "
             "municipality? In this programme you learn to find your way and take part."),
      "uk": ("Орієнтація, навігація, участь (OWM)", "",
             "Хочете дізнатися, як усе влаштовано в Нідерландах і у вашій громаді? У цій "
             "програмі ви навчитеся орієнтуватися та брати участь у житті громади.")}),
    ("maatschappelijke-begeleiding", "trajectory", "adults", "per_hour", None, "",
     {"nl": ("Maatschappelijke begeleiding",
             "Persoonlijke begeleiding door een maatschappelijk begeleider bij vragen over "
             "wonen, geldzaken, zorg, school en werk.",
             "Een begeleider helpt u persoonlijk met vragen over wonen, geld, zorg, school en werk."),
      "en": ("Social guidance",
             "Personal guidance by a social counsellor with questions about housing, money, "
             "care, school and work.",
             "A counsellor helps you in person with questions about housing, money, care, "
             "school and work."),
      "uk": ("Соціальний супровід", "",
             "Консультант особисто допоможе вам із питаннями щодо житла, грошей, медичної "
             "допомоги, школи та роботи.")}),
    ("mindfit", "training", "adults", "per_participant", None, "",
     {"nl": ("MindFit",
             "Psychosociaal programma voor volwassenen, gegeven door getrainde ervaringsdeskundigen "
             "(peer education): omgaan met stress en veerkracht versterken.",
             "Bijeenkomsten voor volwassenen over omgaan met stress en sterker in je vel zitten, "
             "geleid door mensen die zelf ook ontheemd zijn."),
      "en": ("MindFit",
             "Psychosocial peer-education programme for adults, given by trained peers: coping "
             "with stress and strengthening resilience.",
             "Group meetings for adults about coping with stress and feeling stronger, led by "
             "people who were displaced themselves."),
      "uk": ("MindFit", "",
             "Групові зустрічі для дорослих про те, як справлятися зі стресом і почуватися "
             "сильнішими. Їх проводять люди, які самі пережили вимушене переселення.")}),
    ("mindpower", "training", "children", "per_participant", None, "",
     {"nl": ("MindPower",
             "Psychosociaal programma voor kinderen: spelenderwijs leren omgaan met spanning en "
             "emoties.",
             "Bijeenkomsten voor kinderen waarin ze spelenderwijs leren omgaan met spanning en "
             "gevoelens."),
      "en": ("MindPower",
             "Psychosocial programme for children: learning through play to deal with stress "
             "and emotions.",
             "Meetings for children in which they learn through play to deal with stress and "
             "feelings."),
      "uk": ("MindPower", "",
             "Зустрічі для дітей, де вони в ігровій формі вчаться справлятися з напругою та "
             "емоціями.")}),
    ("ouderschapsondersteuning", "training", "parents", "per_participant", 15,
     "5 groepsbijeenkomsten, 12–15 ouders",
     {"nl": ("Ouderschapsondersteuning",
             "Vijf groepsbijeenkomsten voor 12 tot 15 ouders over opvoeden in een nieuw land.",
             "Vijf groepsbijeenkomsten voor ouders over opvoeden in Nederland."),
      "en": ("Parenting support",
             "Five group meetings for 12 to 15 parents about raising children in a new country.",
             "Five group meetings for parents about raising children in the Netherlands."),
      "uk": ("Підтримка батьків", "",
             "П'ять групових зустрічей для батьків про виховання дітей у Нідерландах.")}),
    ("kinderactiviteiten", "activity", "children", "per_session", None, "",
     {"nl": ("Activiteiten voor kinderen",
             "Activiteiten voor kinderen om te spelen, elkaar te ontmoeten en te ontspannen.",
             "Activiteiten voor kinderen: samen spelen, nieuwe vrienden maken en ontspannen."),
      "en": ("Activities for children",
             "Activities for children to play, meet each other and relax.",
             "Activities for children: playing together, making new friends and relaxing."),
      "uk": ("Заходи для дітей", "",
             "Заходи для дітей: спільні ігри, нові друзі та відпочинок.")}),
    ("arbeidsparticipatie", "activity", "adults", "per_participant", None, "",
     {"nl": ("Arbeidsparticipatie",
             "Ondersteuning bij het vinden van werk of vrijwilligerswerk dat past bij opleiding "
             "en ervaring.",
             "Hulp bij het vinden van werk of vrijwilligerswerk dat bij u past."),
      "en": ("Labour participation",
             "Support in finding paid or voluntary work that fits education and experience.",
             "Help with finding paid or voluntary work that suits you."),
      "uk": ("Працевлаштування", "",
             "Допомога в пошуку роботи або волонтерства, що вам підходить.")}),
    ("taallessen", "training", "adults", "per_session", None, "",
     {"nl": ("Taallessen",
             "Lessen Nederlands voor volwassenen, in groepen.",
             "Lessen Nederlands in een groep."),
      "en": ("Language lessons",
             "Dutch lessons for adults, in groups.",
             "Dutch lessons in a group."),
      "uk": ("Уроки мови", "", "Уроки нідерландської мови в групі.")}),
    ("fysiek-spreekuur", "consultation_hours", "adults", "per_hour", None, "",
     {"nl": ("Fysiek spreekuur",
             "Spreekuur in de gemeente waar ontheemden zonder afspraak terechtkunnen met vragen. "
             "Sinds oktober 2024 alleen als maatwerk; online spreekuren blijven bestaan.",
             "Kom met uw vragen naar het spreekuur in uw gemeente, zonder afspraak."),
      "en": ("Physical consultation hours",
             "Consultation hours in the municipality where displaced persons can walk in with "
             "questions. Since October 2024 only as tailored work; online consultation hours "
             "remain.",
             "Bring your questions to the consultation hours in your municipality, no "
             "appointment needed."),
      "uk": ("Консультації на місці", "",
             "Приходьте зі своїми запитаннями на консультацію у вашій громаді, без "
             "попереднього запису.")}),
]


def seed(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    Service = apps.get_model("support", "Service")
    ServiceText = apps.get_model("support", "ServiceText")
    vwn, _created = Organisation.objects.get_or_create(
        code="VWN", defaults={"name": "VluchtelingenWerk Nederland", "kind": "ngo"},
    )
    for code, kind, target, unit, capacity, duration, texts in SERVICES:
        service, _created = Service.objects.update_or_create(
            provider=vwn, code=code,
            defaults={"kind": kind, "target_group": target, "unit": unit,
                      "capacity_per_group": capacity, "duration": duration},
        )
        for language, (title, description, public_text) in texts.items():
            ServiceText.objects.update_or_create(
                service=service, language=language,
                defaults={"title": title, "description": description,
                          "public_text": public_text},
            )


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial"), ("accounts", "0002_load_municipalities")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
