"""The eigen bijdrage notice for a month (registered like the types in
types.py): the household income, the income threshold, the full eigen
bijdrage, what is charged and why. Every figure comes from the allowances
app (selectors.eigen_bijdrage_notice: the collection list of the person's
household alone), nothing is computed here. The reason is kept as codes and
written here in the letter's language, like the texts. Texts written for this
project, not official wording."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from openopvang.core import formatting

from .types import Ask, Context, LetterType, Placeholder, _asked_date, register

# The reason, one sentence per step that applies (allowances.selectors.NOTICE_REASONS).
REASONS = {
    "nl": {
        "in_full": "Het inkomen van uw huishouden is gelijk aan of hoger dan de drempel. "
        "Daarom betaalt u de volledige eigen bijdrage.",
        "no_threshold": "In deze maand gold nog geen inkomensdrempel. Daarom betaalt u de "
        "volledige eigen bijdrage.",
        "threshold": "Het inkomen van uw huishouden is lager dan de drempel. Daarom betaalt u "
        "minder, zodat u ten minste uw leefgeld plus 15% overhoudt.",
        "reduction": "De gemeente heeft uw eigen bijdrage voor deze maand verlaagd.",
        "floor": "U betaalt niet meer dan uw inkomen min het leefgeld dat u zonder inkomen "
        "zou krijgen.",
    },
    "en": {
        "in_full": "Your household's income is at or above the threshold. That is why you "
        "pay the full eigen bijdrage.",
        "no_threshold": "No income threshold applied in this month yet. That is why you pay "
        "the full eigen bijdrage.",
        "threshold": "Your household's income is below the threshold. That is why you pay "
        "less, so that you keep at least your living allowance plus 15%.",
        "reduction": "The municipality has lowered your eigen bijdrage for this month.",
        "floor": "You pay no more than your income minus the living allowance you would get "
        "without income.",
    },
    "uk": {
        "in_full": "Дохід вашого домогосподарства дорівнює порогу або вищий за нього. Тому ви "
        "сплачуєте повний власний внесок.",
        "no_threshold": "У цьому місяці поріг доходу ще не діяв. Тому ви сплачуєте повний "
        "власний внесок.",
        "threshold": "Дохід вашого домогосподарства нижчий за поріг. Тому ви сплачуєте менше, "
        "щоб у вас залишалися щонайменше кошти на проживання плюс 15%.",
        "reduction": "Муніципалітет зменшив ваш власний внесок за цей місяць.",
        "floor": "Ви сплачуєте не більше, ніж ваш дохід мінус кошти на проживання, які ви "
        "отримували б без доходу.",
    },
    "ru": {
        "in_full": "Доход вашего домохозяйства равен порогу или выше него. Поэтому вы платите "
        "полный собственный взнос.",
        "no_threshold": "В этом месяце порог дохода ещё не действовал. Поэтому вы платите "
        "полный собственный взнос.",
        "threshold": "Доход вашего домохозяйства ниже порога. Поэтому вы платите меньше, чтобы "
        "у вас оставались как минимум деньги на проживание плюс 15%.",
        "reduction": "Муниципалитет уменьшил ваш собственный взнос за этот месяц.",
        "floor": "Вы платите не больше, чем ваш доход минус деньги на проживание, которые вы "
        "получали бы без дохода.",
    },
    "ar": {
        "in_full": "دخل أسرتكم يساوي الحد أو يزيد عليه. لذلك تدفعون المساهمة الشخصية كاملة.",
        "no_threshold": "لم يكن حد الدخل مطبقا في هذا الشهر بعد. لذلك تدفعون المساهمة "
        "الشخصية كاملة.",
        "threshold": "دخل أسرتكم أقل من الحد. لذلك تدفعون أقل، بحيث يبقى لكم على الأقل "
        "مصروف المعيشة مضافا إليه 15%.",
        "reduction": "خفّضت البلدية مساهمتكم الشخصية عن هذا الشهر.",
        "floor": "لا تدفعون أكثر من دخلكم ناقص مصروف المعيشة الذي كنتم ستحصلون عليه بدون دخل.",
    },
}

# The threshold in a month without one.
NO_THRESHOLD = {
    "nl": "geen (niet van toepassing in deze maand)",
    "en": "none (not in force this month)",
    "uk": "немає (у цьому місяці не діяв)",
    "ru": "нет (в этом месяце не действовал)",
    "ar": "لا يوجد (غير مطبق في هذا الشهر)",
}


def reason_text(codes, language: str) -> str:
    texts = REASONS.get(language, REASONS["nl"])
    return " ".join(texts[code] for code in codes if code in texts)


def _notice_values(context: Context) -> dict:
    """The month's figures of the person's household, from allowances."""
    from openopvang.allowances.selectors import eigen_bijdrage_notice
    from openopvang.rules.engine.errors import RulesError

    month = _asked_date(context, "month").replace(day=1)
    try:
        notice = eigen_bijdrage_notice(context.user, context.person, month)
    except RulesError as error:
        raise ValidationError(
            _("The eigen bijdrage of this month cannot be computed: %(error)s") % {"error": error}
        ) from error
    if notice is None:
        raise ValidationError(_("The eigen bijdrage of this month cannot be computed."))
    if notice.reasons == ["none"]:
        raise ValidationError(
            _("%(person)s's household pays no eigen bijdrage in %(month)s.")
            % {"person": context.person, "month": formatting.month(month, get_language())}
        )
    language = context.language
    return {
        "month": formatting.month(notice.month, language),
        "household_name": notice.household_name,
        "household_income": formatting.money(notice.income, language),
        "threshold": (
            formatting.money(notice.threshold, language)
            if notice.threshold is not None
            else NO_THRESHOLD.get(language, NO_THRESHOLD["nl"])
        ),
        "eigen_bijdrage_gross": formatting.money(notice.gross, language),
        "eigen_bijdrage_charged": formatting.money(notice.charged, language),
        "reason": reason_text(notice.reasons, language),
    }


def _samples(language: str) -> dict:
    """Values for a preview without a person (the editor)."""
    return {
        "household_name": "Kovalenko",
        "household_income": formatting.money("1000.00", language),
        "threshold": formatting.money("1004.99", language),
        "eigen_bijdrage_gross": formatting.money("244.22", language),
        "eigen_bijdrage_charged": formatting.money("239.89", language),
        "reason": reason_text(["threshold"], language),
    }


EIGEN_BIJDRAGE_NOTICE = LetterType(
    code="eigen_bijdrage_notice",
    name=gettext_lazy("Eigen bijdrage notice for a month"),
    description=gettext_lazy(
        "The household's eigen bijdrage for one month: income, income threshold, the full "
        "amount, what is charged and why (from the allowances engine)."
    ),
    placeholders=(
        Placeholder("month", gettext_lazy("the month"), required=True, ltr=True),
        Placeholder("household_name", gettext_lazy("the household's name")),
        Placeholder(
            "household_income",
            gettext_lazy("the household's income in the month"),
            required=True,
            ltr=True,
        ),
        Placeholder(
            "threshold",
            gettext_lazy("the income from which the eigen bijdrage is charged in full"),
            required=True,
            ltr=True,
        ),
        Placeholder(
            "eigen_bijdrage_gross",
            gettext_lazy("the full eigen bijdrage of the month"),
            required=True,
            ltr=True,
        ),
        Placeholder(
            "eigen_bijdrage_charged",
            gettext_lazy("the eigen bijdrage charged for the month"),
            required=True,
            ltr=True,
        ),
        Placeholder("reason", gettext_lazy("why this amount is charged"), required=True),
    ),
    values=_notice_values,
    samples=_samples,
    asks=(Ask("month", gettext_lazy("Month"), kind="month"),),
    texts={
        "nl": (
            "Uw eigen bijdrage over {{ month }}",
            "Beste {{ name }},\n\n"
            "In deze brief leest u welke eigen bijdrage uw huishouden {{ household_name }} "
            "betaalt over {{ month }}.\n\n"
            "Inkomen van uw huishouden: {{ household_income }}\n"
            "Inkomensdrempel: {{ threshold }}\n"
            "Volledige eigen bijdrage: {{ eigen_bijdrage_gross }}\n"
            "U betaalt: {{ eigen_bijdrage_charged }}\n\n"
            "{{ reason }}\n\n"
            "Is uw inkomen gelijk aan of hoger dan de drempel? Dan betaalt u de volledige "
            "eigen bijdrage. Is het lager, dan betaalt u minder of niets.\n\n"
            "Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken bezwaar maken. "
            "Vermeld daarbij het kenmerk {{ reference }}.\n\n"
            "Met vriendelijke groet,\n{{ municipality }}",
        ),
        "en": (
            "Your eigen bijdrage for {{ month }}",
            "Dear {{ name }},\n\n"
            "This letter tells you which eigen bijdrage (personal contribution) your household "
            "{{ household_name }} pays for {{ month }}.\n\n"
            "Your household's income: {{ household_income }}\n"
            "Income threshold: {{ threshold }}\n"
            "Full eigen bijdrage: {{ eigen_bijdrage_gross }}\n"
            "You pay: {{ eigen_bijdrage_charged }}\n\n"
            "{{ reason }}\n\n"
            "Is your income at or above the threshold? Then you pay the full eigen bijdrage. "
            "If it is lower, you pay less or nothing.\n\n"
            "Do you disagree with this decision? You can object within six weeks. Please "
            "mention the reference {{ reference }}.\n\n"
            "Kind regards,\n{{ municipality }}",
        ),
        "uk": (
            "Ваш власний внесок за {{ month }}",
            "Шановний(а) {{ name }},\n\n"
            "У цьому листі написано, який власний внесок сплачує ваше домогосподарство "
            "{{ household_name }} за {{ month }}.\n\n"
            "Дохід вашого домогосподарства: {{ household_income }}\n"
            "Поріг доходу: {{ threshold }}\n"
            "Повний власний внесок: {{ eigen_bijdrage_gross }}\n"
            "Ви сплачуєте: {{ eigen_bijdrage_charged }}\n\n"
            "{{ reason }}\n\n"
            "Ваш дохід дорівнює порогу або вищий? Тоді ви сплачуєте повний власний внесок. "
            "Якщо він нижчий, ви сплачуєте менше або нічого.\n\n"
            "Не згодні з цим рішенням? Ви можете подати заперечення протягом шести тижнів. "
            "Зазначте номер {{ reference }}.\n\n"
            "З повагою,\n{{ municipality }}",
        ),
        "ru": (
            "Ваш собственный взнос за {{ month }}",
            "Уважаемый(ая) {{ name }},\n\n"
            "В этом письме указано, какой собственный взнос платит ваше домохозяйство "
            "{{ household_name }} за {{ month }}.\n\n"
            "Доход вашего домохозяйства: {{ household_income }}\n"
            "Порог дохода: {{ threshold }}\n"
            "Полный собственный взнос: {{ eigen_bijdrage_gross }}\n"
            "Вы платите: {{ eigen_bijdrage_charged }}\n\n"
            "{{ reason }}\n\n"
            "Ваш доход равен порогу или выше? Тогда вы платите полный собственный взнос. "
            "Если он ниже, вы платите меньше или ничего.\n\n"
            "Не согласны с этим решением? Вы можете подать возражение в течение шести недель. "
            "Укажите номер {{ reference }}.\n\n"
            "С уважением,\n{{ municipality }}",
        ),
        "ar": (
            "مساهمتكم الشخصية عن {{ month }}",
            "عزيزي/عزيزتي {{ name }}،\n\n"
            "تخبركم هذه الرسالة بالمساهمة الشخصية التي تدفعها أسرتكم {{ household_name }} عن "
            "{{ month }}.\n\n"
            "دخل أسرتكم: {{ household_income }}\n"
            "حد الدخل: {{ threshold }}\n"
            "المساهمة الشخصية كاملة: {{ eigen_bijdrage_gross }}\n"
            "المبلغ الذي تدفعونه: {{ eigen_bijdrage_charged }}\n\n"
            "{{ reason }}\n\n"
            "هل دخلكم يساوي الحد أو يزيد عليه؟ عندها تدفعون المساهمة الشخصية كاملة. إذا كان "
            "أقل، تدفعون أقل أو لا شيء.\n\n"
            "هل لا توافقون على هذا القرار؟ يمكنكم تقديم اعتراض خلال ستة أسابيع. يرجى ذكر "
            "الرقم المرجعي {{ reference }}.\n\n"
            "مع أطيب التحيات،\n{{ municipality }}",
        ),
    },
)

register(EIGEN_BIJDRAGE_NOTICE, order=35)
