"""Two more letter types (registered like those in types.py): the invitation
for the transfer to COA and the departure-term notice, whose dates come from
the person's casework deadlines. Texts written for this project, not official
wording."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openopvang.core import formatting

from .types import Ask, Context, LetterType, Placeholder, _asked_date, register


def _deadline(context: Context, kind: str):
    """The person's open deadline of `kind` (casework), ValidationError without one."""
    from openopvang.casework.models import Deadline

    deadline = (
        Deadline.objects.filter(
            case__person=context.person,
            case__closed_on__isnull=True,
            kind=kind,
            closed_on__isnull=True,
            due_date__isnull=False,
        )
        .order_by("due_date")
        .first()
    )
    if deadline is None:
        raise ValidationError(
            _("%(person)s has no open %(kind)s deadline in casework.")
            % {"person": context.person, "kind": kind.replace("_", " ")}
        )
    return deadline


def _date(day: datetime.date, language: str) -> str:
    return formatting.long_date(day, language)


# -- invitation for the COA transfer --------------------------------------------------------


def _coa_values(context: Context) -> dict:
    deadline = _deadline(context, "coa_transfer")
    meeting = _asked_date(context, "meeting_on")
    return {
        "meeting_on": _date(meeting, context.language),
        "transfer_by": _date(deadline.due_date, context.language),
        "municipality_address": ", ".join(context.person.municipality.address_lines),
    }


COA_INVITATION = LetterType(
    code="coa_invitation",
    name=gettext_lazy("Invitation for the COA transfer"),
    description=gettext_lazy(
        "An appointment to prepare the transfer to COA, with the date the transfer is due "
        "(from casework)."
    ),
    placeholders=(
        Placeholder("meeting_on", gettext_lazy("the day of the appointment"), True, ltr=True),
        Placeholder(
            "transfer_by", gettext_lazy("the day the transfer is due (casework)"), True, ltr=True
        ),
        Placeholder("municipality_address", gettext_lazy("the municipality's address"), ltr=True),
    ),
    values=_coa_values,
    asks=(Ask("meeting_on", gettext_lazy("Appointment on")),),
    texts={
        "nl": (
            "Uitnodiging: uw overgang naar het COA",
            "Beste {{ name }},\n\n"
            "Uw verblijf gaat over van de gemeentelijke opvang naar een opvanglocatie van het "
            "Centraal Orgaan opvang asielzoekers (COA). Die overgang moet uiterlijk "
            "{{ transfer_by }} plaatsvinden.\n\n"
            "Wij nodigen u uit voor een gesprek op {{ meeting_on }} op "
            "{{ municipality_address }}. We bespreken dan wat er verandert, wat u meeneemt en "
            "hoe u reist. Neem uw identiteitsbewijs mee.\n\n"
            "Kunt u niet? Laat het ons dan zo snel mogelijk weten en noem het kenmerk "
            "{{ reference }}.\n\n"
            "Met vriendelijke groet,\n{{ municipality }}",
        ),
        "en": (
            "Invitation: your move to COA",
            "Dear {{ name }},\n\n"
            "Your stay moves from the municipality's reception to a location of the Central "
            "Agency for the Reception of Asylum Seekers (COA). The move has to take place by "
            "{{ transfer_by }} at the latest.\n\n"
            "We invite you to a meeting on {{ meeting_on }} at {{ municipality_address }}. We "
            "will talk about what changes, what to bring and how you travel. Please bring your "
            "identity document.\n\n"
            "Can you not come? Let us know as soon as possible and mention the reference "
            "{{ reference }}.\n\n"
            "Kind regards,\n{{ municipality }}",
        ),
        "uk": (
            "Запрошення: ваш перехід до COA",
            "Шановний(а) {{ name }},\n\n"
            "Ваше проживання переходить із муніципального прихистку до місця Центрального "
            "органу з прийому шукачів притулку (COA). Перехід має відбутися не пізніше "
            "{{ transfer_by }}.\n\n"
            "Запрошуємо вас на розмову {{ meeting_on }} за адресою {{ municipality_address }}. "
            "Ми обговоримо, що зміниться, що взяти з собою і як ви доберетеся. Візьміть "
            "документ, що посвідчує особу.\n\n"
            "Не можете прийти? Повідомте нас якомога швидше і вкажіть номер {{ reference }}.\n\n"
            "З повагою,\n{{ municipality }}",
        ),
        "ru": (
            "Приглашение: ваш переход в COA",
            "Уважаемый(ая) {{ name }},\n\n"
            "Ваше проживание переходит из муниципального размещения в место Центрального "
            "органа по приёму лиц, ищущих убежища (COA). Переход должен состояться не позднее "
            "{{ transfer_by }}.\n\n"
            "Приглашаем вас на беседу {{ meeting_on }} по адресу {{ municipality_address }}. Мы "
            "обсудим, что изменится, что взять с собой и как вы доберётесь. Возьмите документ, "
            "удостоверяющий личность.\n\n"
            "Не можете прийти? Сообщите нам как можно скорее и укажите номер {{ reference }}.\n\n"
            "С уважением,\n{{ municipality }}",
        ),
        "ar": (
            "دعوة: انتقالكم إلى COA",
            "عزيزي/عزيزتي {{ name }}،\n\n"
            "تنتقل إقامتكم من استقبال البلدية إلى مكان تابع للهيئة المركزية لاستقبال طالبي "
            "اللجوء (COA). يجب أن يتم هذا الانتقال في موعد أقصاه {{ transfer_by }}.\n\n"
            "ندعوكم إلى موعد في {{ meeting_on }} في العنوان {{ municipality_address }}. سنتحدث "
            "عما سيتغير وما تحضرونه معكم وكيف تسافرون. يرجى إحضار وثيقة الهوية.\n\n"
            "لا تستطيعون الحضور؟ أخبرونا في أقرب وقت واذكروا الرقم المرجعي {{ reference }}.\n\n"
            "مع أطيب التحيات،\n{{ municipality }}",
        ),
    },
)


# -- departure-term notice ------------------------------------------------------------------


def _departure_values(context: Context) -> dict:
    deadline = _deadline(context, "departure")
    return {
        "term_start": _date(deadline.start_date, context.language),
        "departure_by": _date(deadline.due_date, context.language),
    }


DEPARTURE_NOTICE = LetterType(
    code="departure_notice",
    name=gettext_lazy("Departure-term notice"),
    description=gettext_lazy(
        "The term within which the person must leave, with its dates from casework."
    ),
    placeholders=(
        Placeholder("term_start", gettext_lazy("the day the term runs from"), ltr=True),
        Placeholder(
            "departure_by", gettext_lazy("the last day of the departure term"), True, ltr=True
        ),
    ),
    values=_departure_values,
    texts={
        "nl": (
            "Uw vertrektermijn",
            "Beste {{ name }},\n\n"
            "U heeft geen recht meer op verblijf in Nederland. Daarom geldt voor u een "
            "vertrektermijn. Die termijn loopt vanaf {{ term_start }} en eindigt op "
            "{{ departure_by }}. Tot en met die dag kunt u in de opvang blijven; daarna stoppen "
            "de opvang en het leefgeld.\n\n"
            "Wilt u hulp bij uw vertrek of heeft u vragen over uw situatie? Neem contact met "
            "ons op of zoek juridisch advies. Noem het kenmerk {{ reference }}.\n\n"
            "Met vriendelijke groet,\n{{ municipality }}",
        ),
        "en": (
            "Your departure term",
            "Dear {{ name }},\n\n"
            "You no longer have a right to stay in the Netherlands. A departure term therefore "
            "applies to you. The term runs from {{ term_start }} and ends on {{ departure_by }}. "
            "Up to and including that day you can stay in reception; after it, reception and "
            "the living allowance stop.\n\n"
            "Would you like help with your departure or do you have questions about your "
            "situation? Contact us or seek legal advice. Mention the reference {{ reference }}.\n\n"
            "Kind regards,\n{{ municipality }}",
        ),
        "uk": (
            "Ваш термін для виїзду",
            "Шановний(а) {{ name }},\n\n"
            "Ви більше не маєте права на перебування в Нідерландах. Тому для вас діє термін "
            "для виїзду. Він починається {{ term_start }} і закінчується {{ departure_by }}. До "
            "цього дня включно ви можете залишатися в прихистку; після нього прихисток і кошти "
            "на проживання припиняються.\n\n"
            "Потрібна допомога з виїздом або маєте питання щодо вашої ситуації? Зверніться до "
            "нас або по юридичну консультацію. Вкажіть номер {{ reference }}.\n\n"
            "З повагою,\n{{ municipality }}",
        ),
        "ru": (
            "Ваш срок для выезда",
            "Уважаемый(ая) {{ name }},\n\n"
            "У вас больше нет права на пребывание в Нидерландах. Поэтому для вас действует "
            "срок для выезда. Он начинается {{ term_start }} и заканчивается {{ departure_by }}. "
            "До этого дня включительно вы можете оставаться в размещении; после него "
            "размещение и деньги на проживание прекращаются.\n\n"
            "Нужна помощь с выездом или есть вопросы о вашей ситуации? Обратитесь к нам или за "
            "юридической консультацией. Укажите номер {{ reference }}.\n\n"
            "С уважением,\n{{ municipality }}",
        ),
        "ar": (
            "مهلة المغادرة",
            "عزيزي/عزيزتي {{ name }}،\n\n"
            "لم يعد لكم حق الإقامة في هولندا. لذلك تسري عليكم مهلة للمغادرة. تبدأ المهلة في "
            "{{ term_start }} وتنتهي في {{ departure_by }}. يمكنكم البقاء في الاستقبال حتى ذلك "
            "اليوم ضمنا؛ بعده يتوقف الاستقبال ومصروف المعيشة.\n\n"
            "هل تريدون مساعدة في المغادرة أو لديكم أسئلة عن وضعكم؟ تواصلوا معنا أو اطلبوا "
            "استشارة قانونية. اذكروا الرقم المرجعي {{ reference }}.\n\n"
            "مع أطيب التحيات،\n{{ municipality }}",
        ),
    },
)


register(COA_INVITATION, order=40)
register(DEPARTURE_NOTICE, order=50)
