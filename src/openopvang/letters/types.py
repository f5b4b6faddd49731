"""Letter types as code: what a letter is about, the placeholders it provides
and how it gets them from a person (`values`), and the standard texts a
municipality starts from (written for this project; not official wording).

A template's text uses placeholders as ``{{ name }}``. Every type provides the
COMMON placeholders; a type adds its own, and may ask the sender for a value
(`asks`, e.g. the date reception ends) when the letter is made. Values are
formatted here, in the letter's language (core.formatting), and kept in the
letter's data snapshot, so an old letter renders the same again.

Types are registered in LETTER_TYPES (openopvang.plugins.Registry): another
capability may add its own type from its AppConfig.ready."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openopvang.core import formatting
from openopvang.plugins import Registry

LANGUAGES = ("nl", "en", "uk", "ru", "ar")
RTL_LANGUAGES = frozenset({"ar"})


@dataclass(frozen=True)
class Placeholder:
    name: str
    label: object  # what it is, for the editor's list
    required: bool = False
    # Left-to-right data (dates, amounts, IBANs, references, postcodes): kept in
    # order inside a right-to-left letter with <bdi dir="ltr">.
    ltr: bool = False


@dataclass(frozen=True)
class Ask:
    """A value the sender gives when the letter is made (one for a whole batch)."""

    name: str
    label: object
    kind: str = "date"  # "date" or "month"


@dataclass
class Context:
    """What a type's `values` function reads: the person, who sends, the
    letter's date and language, and the values the sender gave."""

    user: object
    person: object
    day: datetime.date
    language: str
    asked: dict = field(default_factory=dict)


@dataclass(frozen=True)
class LetterType:
    code: str
    name: object
    description: object
    placeholders: tuple[Placeholder, ...]
    values: Callable[[Context], dict]
    texts: dict  # language → (subject, body): the standard text
    asks: tuple[Ask, ...] = ()
    # Values for a preview without a person, by language (else SAMPLE_VALUES).
    samples: Callable[[str], dict] | None = None

    @property
    def all_placeholders(self) -> tuple[Placeholder, ...]:
        return (*COMMON, *self.placeholders)

    def placeholder(self, name: str) -> Placeholder | None:
        return next((p for p in self.all_placeholders if p.name == name), None)


LETTER_TYPES: Registry[LetterType] = Registry("letter type")

COMMON = (
    Placeholder("name", gettext_lazy("the recipient's full name"), required=True),
    Placeholder("date", gettext_lazy("the date of the letter"), ltr=True),
    Placeholder("reference", gettext_lazy("the letter's reference number"), ltr=True),
    Placeholder("municipality", gettext_lazy("the municipality's name")),
)


def register(letter_type: LetterType, *, order: int = 100) -> LetterType:
    return LETTER_TYPES.add(letter_type.code, letter_type, order=order)


def all_types() -> list[LetterType]:
    return LETTER_TYPES.plugins()


def get_type(code: str) -> LetterType | None:
    return LETTER_TYPES.get(code) if code in LETTER_TYPES else None


def reference_of(person) -> str:
    return f"{person.municipality.code}-{person.pk:06d}"


def common_values(context: Context) -> dict:
    person = context.person
    return {
        "name": person.full_name,
        "date": formatting.long_date(context.day, context.language),
        "reference": reference_of(person),
        "municipality": person.municipality.sender_name,
    }


def _asked_date(context: Context, name: str) -> datetime.date:
    value = context.asked.get(name)
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    if not isinstance(value, datetime.date):
        raise ValidationError(_("Give the date asked for: %(name)s.") % {"name": name})
    return value


# -- welcome -------------------------------------------------------------------------------


def _welcome_values(context: Context) -> dict:
    municipality = context.person.municipality
    return {
        "municipality_address": ", ".join(municipality.address_lines),
        "municipality_phone": municipality.phone,
    }


WELCOME = LetterType(
    code="welcome",
    name=gettext_lazy("Welcome letter"),
    description=gettext_lazy("Welcome in the municipality: where to go with which question."),
    placeholders=(
        Placeholder("municipality_address", gettext_lazy("the municipality's address"), ltr=True),
        Placeholder("municipality_phone", gettext_lazy("the municipality's phone"), ltr=True),
    ),
    values=_welcome_values,
    texts={
        "nl": (
            "Welkom in {{ municipality }}",
            "Beste {{ name }},\n\n"
            "Welkom in onze gemeente. In deze brief leest u bij wie u terechtkunt met uw "
            "vragen.\n\n"
            "Vragen over uw opvangplek, uw kamer of de huisregels: stel ze aan de medewerkers "
            "van uw opvanglocatie of aan uw gastgezin.\n\n"
            "Vragen over leefgeld, uw bankrekening of een brief van ons: kom naar het "
            "gemeentehuis, {{ municipality_address }}, of bel {{ municipality_phone }}.\n\n"
            "Vragen over werk, school voor uw kinderen of de huisarts: uw contactpersoon bij de "
            "gemeente helpt u op weg.\n\n"
            "Noem bij elk contact uw kenmerk {{ reference }}.\n\n"
            "Met vriendelijke groet,\n{{ municipality }}",
        ),
        "en": (
            "Welcome to {{ municipality }}",
            "Dear {{ name }},\n\n"
            "Welcome to our municipality. This letter tells you where to go with your "
            "questions.\n\n"
            "Questions about your place, your room or the house rules: ask the staff of your "
            "reception location or your host family.\n\n"
            "Questions about living allowance, your bank account or a letter from us: come to "
            "the town hall, {{ municipality_address }}, or call {{ municipality_phone }}.\n\n"
            "Questions about work, school for your children or a family doctor: your contact "
            "person at the municipality will help you.\n\n"
            "Please mention your reference {{ reference }} whenever you contact us.\n\n"
            "Kind regards,\n{{ municipality }}",
        ),
        "uk": (
            "Ласкаво просимо до {{ municipality }}",
            "Шановний(а) {{ name }},\n\n"
            "Ласкаво просимо до нашої громади. У цьому листі написано, куди звертатися з "
            "вашими питаннями.\n\n"
            "Питання про ваше місце, кімнату чи правила проживання: зверніться до працівників "
            "вашого місця прихистку або до приймаючої родини.\n\n"
            "Питання про кошти на проживання, банківський рахунок чи наш лист: приходьте до "
            "ратуші, {{ municipality_address }}, або телефонуйте {{ municipality_phone }}.\n\n"
            "Питання про роботу, школу для дітей чи сімейного лікаря: ваша контактна особа в "
            "муніципалітеті допоможе вам.\n\n"
            "Під час кожного звернення називайте ваш номер {{ reference }}.\n\n"
            "З повагою,\n{{ municipality }}",
        ),
        "ru": (
            "Добро пожаловать в {{ municipality }}",
            "Уважаемый(ая) {{ name }},\n\n"
            "Добро пожаловать в наш муниципалитет. В этом письме указано, куда обращаться с "
            "вашими вопросами.\n\n"
            "Вопросы о вашем месте, комнате или правилах проживания: обратитесь к сотрудникам "
            "места размещения или к принимающей семье.\n\n"
            "Вопросы о деньгах на проживание, банковском счёте или нашем письме: приходите в "
            "ратушу, {{ municipality_address }}, или звоните {{ municipality_phone }}.\n\n"
            "Вопросы о работе, школе для детей или семейном враче: ваше контактное лицо в "
            "муниципалитете поможет вам.\n\n"
            "При каждом обращении называйте ваш номер {{ reference }}.\n\n"
            "С уважением,\n{{ municipality }}",
        ),
        "ar": (
            "مرحبا بكم في {{ municipality }}",
            "عزيزي/عزيزتي {{ name }}،\n\n"
            "مرحبا بكم في بلديتنا. تخبركم هذه الرسالة إلى أين تتوجهون بأسئلتكم.\n\n"
            "أسئلة عن مكان إقامتكم أو غرفتكم أو قواعد السكن: اسألوا موظفي مكان الاستقبال "
            "أو العائلة المضيفة.\n\n"
            "أسئلة عن مصروف المعيشة أو حسابكم البنكي أو رسالة منا: تعالوا إلى مبنى البلدية، "
            "{{ municipality_address }}، أو اتصلوا بالرقم {{ municipality_phone }}.\n\n"
            "أسئلة عن العمل أو مدرسة الأطفال أو طبيب العائلة: سيساعدكم الشخص المسؤول عنكم في "
            "البلدية.\n\n"
            "يرجى ذكر رقمكم المرجعي {{ reference }} عند كل اتصال.\n\n"
            "مع أطيب التحيات،\n{{ municipality }}",
        ),
    },
)


# -- end of reception (third-country nationals) ---------------------------------------------


def _end_values(context: Context) -> dict:
    ends = _asked_date(context, "reception_ends_on")
    return {"reception_ends_on": formatting.long_date(ends, context.language)}


END_OF_RECEPTION = LetterType(
    code="end_of_reception",
    name=gettext_lazy("End of reception and provisions"),
    description=gettext_lazy(
        "For third-country nationals: the reception and the provisions end on a date."
    ),
    placeholders=(
        Placeholder(
            "reception_ends_on",
            gettext_lazy("the last day of reception and provisions"),
            required=True,
            ltr=True,
        ),
    ),
    values=_end_values,
    asks=(Ask("reception_ends_on", gettext_lazy("Reception and provisions end on")),),
    texts={
        "nl": (
            "Uw opvang en voorzieningen stoppen",
            "Beste {{ name }},\n\n"
            "U heeft niet de Oekraïense nationaliteit. Daarom heeft u na {{ reception_ends_on }} "
            "geen recht meer op opvang en voorzieningen van de gemeente. Dat betekent dat uw "
            "opvangplek, uw leefgeld en de andere voorzieningen op die dag stoppen.\n\n"
            "Heeft u vragen over uw verblijf in Nederland? Neem dan op tijd contact op met de "
            "Immigratie- en Naturalisatiedienst of met een advocaat. Wij helpen u graag met "
            "het vinden van de juiste hulp.\n\n"
            "Kenmerk: {{ reference }}\n\n"
            "Met vriendelijke groet,\n{{ municipality }}",
        ),
        "en": (
            "Your reception and provisions end",
            "Dear {{ name }},\n\n"
            "You do not have Ukrainian nationality. For that reason you are no longer entitled "
            "to reception and provisions from the municipality after {{ reception_ends_on }}. "
            "This means that your place, your living allowance and the other provisions stop "
            "on that day.\n\n"
            "Do you have questions about your stay in the Netherlands? Contact the Immigration "
            "and Naturalisation Service or a lawyer in good time. We are happy to help you find "
            "the right support.\n\n"
            "Reference: {{ reference }}\n\n"
            "Kind regards,\n{{ municipality }}",
        ),
        "uk": (
            "Ваш прихисток і забезпечення припиняються",
            "Шановний(а) {{ name }},\n\n"
            "Ви не маєте українського громадянства. Тому після {{ reception_ends_on }} ви "
            "більше не маєте права на прихисток і забезпечення від муніципалітету. Це означає, "
            "що ваше місце, кошти на проживання та інше забезпечення припиняються цього дня.\n\n"
            "Маєте питання про ваше перебування в Нідерландах? Вчасно зверніться до Служби "
            "імміграції та натуралізації або до адвоката. Ми охоче допоможемо знайти потрібну "
            "допомогу.\n\n"
            "Номер: {{ reference }}\n\n"
            "З повагою,\n{{ municipality }}",
        ),
        "ru": (
            "Ваше размещение и обеспечение прекращаются",
            "Уважаемый(ая) {{ name }},\n\n"
            "У вас нет украинского гражданства. Поэтому после {{ reception_ends_on }} вы больше "
            "не имеете права на размещение и обеспечение от муниципалитета. Это значит, что "
            "ваше место, деньги на проживание и другое обеспечение прекращаются в этот день.\n\n"
            "Есть вопросы о вашем пребывании в Нидерландах? Своевременно обратитесь в Службу "
            "иммиграции и натурализации или к адвокату. Мы охотно поможем найти нужную "
            "помощь.\n\n"
            "Номер: {{ reference }}\n\n"
            "С уважением,\n{{ municipality }}",
        ),
        "ar": (
            "انتهاء الاستقبال والخدمات",
            "عزيزي/عزيزتي {{ name }}،\n\n"
            "أنتم لا تحملون الجنسية الأوكرانية. لذلك لن يحق لكم بعد {{ reception_ends_on }} "
            "الحصول على الاستقبال والخدمات من البلدية. هذا يعني أن مكان إقامتكم ومصروف "
            "المعيشة والخدمات الأخرى تتوقف في ذلك اليوم.\n\n"
            "هل لديكم أسئلة عن إقامتكم في هولندا؟ تواصلوا في الوقت المناسب مع دائرة الهجرة "
            "والتجنيس أو مع محام. يسعدنا مساعدتكم في إيجاد الدعم المناسب.\n\n"
            "الرقم المرجعي: {{ reference }}\n\n"
            "مع أطيب التحيات،\n{{ municipality }}",
        ),
    },
)


# -- leefgeld decision for a month ---------------------------------------------------------


def _leefgeld_values(context: Context) -> dict:
    """The month's amounts of the person's household, from the allowances
    engine as the person page shows them (allowances.selectors.person_allowances)."""
    from openopvang.allowances.selectors import person_allowances
    from openopvang.rules.engine.errors import RulesError

    month = _asked_date(context, "month").replace(day=1)
    try:
        amounts = person_allowances(context.user, context.person, month, months=1)
    except RulesError as error:
        raise ValidationError(
            _("The leefgeld of this month cannot be computed: %(error)s") % {"error": error}
        ) from error
    if amounts.get("hidden") or not amounts.get("months"):
        raise ValidationError(_("The leefgeld of this month cannot be computed."))
    view = amounts["months"][0]
    language = context.language
    return {
        "month": formatting.month(view.month, language),
        "household_name": amounts["household_name"],
        "leefgeld_total": formatting.money(view.leefgeld, language),
        "eigen_bijdrage": formatting.money(view.eigen_bijdrage, language),
        "persons_count": str(len(view.persons)),
        "iban": context.person.iban,
    }


LEEFGELD_DECISION = LetterType(
    code="leefgeld_decision",
    name=gettext_lazy("Leefgeld decision for a month"),
    description=gettext_lazy("The leefgeld and eigen bijdrage of the household for one month."),
    placeholders=(
        Placeholder("month", gettext_lazy("the month"), required=True, ltr=True),
        Placeholder("household_name", gettext_lazy("the household's name")),
        Placeholder(
            "leefgeld_total",
            gettext_lazy("the household's leefgeld for the month"),
            required=True,
            ltr=True,
        ),
        Placeholder("eigen_bijdrage", gettext_lazy("the eigen bijdrage for the month"), ltr=True),
        Placeholder("persons_count", gettext_lazy("the number of persons counted"), ltr=True),
        Placeholder("iban", gettext_lazy("the recipient's IBAN"), ltr=True),
    ),
    values=_leefgeld_values,
    asks=(Ask("month", gettext_lazy("Month"), kind="month"),),
    texts={
        "nl": (
            "Uw leefgeld over {{ month }}",
            "Beste {{ name }},\n\n"
            "Uw huishouden {{ household_name }} krijgt over {{ month }} in totaal "
            "{{ leefgeld_total }} leefgeld. Dit bedrag is berekend voor {{ persons_count }} "
            "personen, naar het aantal dagen dat u in die maand in de opvang verbleef.\n\n"
            "Heeft u inkomen uit werk? Dan betaalt u een eigen bijdrage van {{ eigen_bijdrage }} "
            "over deze maand.\n\n"
            "Wij maken het leefgeld over op rekening {{ iban }}.\n\n"
            "Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken bezwaar maken. "
            "Vermeld daarbij het kenmerk {{ reference }}.\n\n"
            "Met vriendelijke groet,\n{{ municipality }}",
        ),
        "en": (
            "Your living allowance for {{ month }}",
            "Dear {{ name }},\n\n"
            "Your household {{ household_name }} receives a total of {{ leefgeld_total }} "
            "living allowance for {{ month }}. This amount is computed for {{ persons_count }} "
            "persons, by the number of days you stayed in reception that month.\n\n"
            "Do you have income from work? Then you pay a personal contribution of "
            "{{ eigen_bijdrage }} for this month.\n\n"
            "We transfer the allowance to account {{ iban }}.\n\n"
            "Do you disagree with this decision? You can object within six weeks. Please "
            "mention the reference {{ reference }}.\n\n"
            "Kind regards,\n{{ municipality }}",
        ),
        "uk": (
            "Ваші кошти на проживання за {{ month }}",
            "Шановний(а) {{ name }},\n\n"
            "Ваше домогосподарство {{ household_name }} отримує за {{ month }} загалом "
            "{{ leefgeld_total }} коштів на проживання. Суму розраховано для {{ persons_count }} "
            "осіб за кількістю днів, які ви провели в прихистку цього місяця.\n\n"
            "Маєте дохід від роботи? Тоді ви сплачуєте власний внесок {{ eigen_bijdrage }} за "
            "цей місяць.\n\n"
            "Ми перераховуємо кошти на рахунок {{ iban }}.\n\n"
            "Не згодні з цим рішенням? Ви можете подати заперечення протягом шести тижнів. "
            "Зазначте номер {{ reference }}.\n\n"
            "З повагою,\n{{ municipality }}",
        ),
        "ru": (
            "Ваши деньги на проживание за {{ month }}",
            "Уважаемый(ая) {{ name }},\n\n"
            "Ваше домохозяйство {{ household_name }} получает за {{ month }} всего "
            "{{ leefgeld_total }} денег на проживание. Сумма рассчитана для {{ persons_count }} "
            "человек по числу дней, проведённых вами в размещении в этом месяце.\n\n"
            "Есть доход от работы? Тогда вы платите собственный взнос {{ eigen_bijdrage }} за "
            "этот месяц.\n\n"
            "Мы переводим деньги на счёт {{ iban }}.\n\n"
            "Не согласны с этим решением? Вы можете подать возражение в течение шести недель. "
            "Укажите номер {{ reference }}.\n\n"
            "С уважением,\n{{ municipality }}",
        ),
        "ar": (
            "مصروف المعيشة عن {{ month }}",
            "عزيزي/عزيزتي {{ name }}،\n\n"
            "تحصل أسرتكم {{ household_name }} عن {{ month }} على مصروف معيشة إجمالي قدره "
            "{{ leefgeld_total }}. حُسب هذا المبلغ لعدد {{ persons_count }} أشخاص حسب عدد "
            "الأيام التي أقمتم فيها في الاستقبال خلال ذلك الشهر.\n\n"
            "هل لديكم دخل من العمل؟ عندها تدفعون مساهمة شخصية قدرها {{ eigen_bijdrage }} عن "
            "هذا الشهر.\n\n"
            "نحوّل المصروف إلى الحساب {{ iban }}.\n\n"
            "هل لا توافقون على هذا القرار؟ يمكنكم تقديم اعتراض خلال ستة أسابيع. يرجى ذكر "
            "الرقم المرجعي {{ reference }}.\n\n"
            "مع أطيب التحيات،\n{{ municipality }}",
        ),
    },
)

register(WELCOME, order=10)
register(END_OF_RECEPTION, order=20)
register(LEEFGELD_DECISION, order=30)


# -- a sample, for previews of a template without a person -----------------------------------

SAMPLE_VALUES = {
    "name": "Olena Kovalenko",
    "reference": "GM0344-000123",
    "municipality": "Gemeente Voorbeeld",
    "municipality_address": "Stadsplateau 1, 3511 AB Utrecht",
    "municipality_phone": "14 030",
    "household_name": "Kovalenko",
    "persons_count": "3",
    "iban": "NL91 ABNA 0417 1643 00",
}
SAMPLE_ADDRESS = ["Olena Kovalenko", "Oudegracht 10", "3511 AB Utrecht"]


def sample_values(letter_type: LetterType, language: str, day: datetime.date) -> dict:
    values = {
        p.name: SAMPLE_VALUES.get(p.name, f"[{p.name}]") for p in letter_type.all_placeholders
    }
    values["date"] = formatting.long_date(day, language)
    if letter_type.placeholder("month"):
        values["month"] = formatting.month(day.replace(day=1), language)
    if letter_type.placeholder("reception_ends_on"):
        values["reception_ends_on"] = formatting.long_date(
            day + datetime.timedelta(days=28), language
        )
    for placeholder in letter_type.all_placeholders:  # other dates: four weeks on
        if placeholder.ltr and values[placeholder.name] == f"[{placeholder.name}]":
            values[placeholder.name] = formatting.long_date(
                day + datetime.timedelta(days=28), language
            )
    for name in ("leefgeld_total", "eigen_bijdrage"):
        if letter_type.placeholder(name):
            values[name] = formatting.money(
                "1250.50" if name == "leefgeld_total" else "0", language
            )
    if letter_type.samples is not None:
        values.update(letter_type.samples(language))
    return values
