"""The one money style and the one date style of the product (ADR 0016), as pure
functions without Django: pages (through the filters of
`core/templatetags/formatting.py`), PDFs, CSV and the texts of reasons and
explanations all call these.

- Money: ``€ 1.250,50`` in Dutch (``€ 1,250.50`` in English): the euro sign, a
  space, thousands grouped, always two decimals, half-up to cents; a negative
  amount is ``€ -1.250,50``. `amount()` is the same without the euro sign, for
  table columns whose header names the euro.
- Dates: ``2 december 2026`` (day, month name, year; no leading zero), a month
  ``december 2026``.
- Input: `parse_money()` reads what people type: ``1250,50``, ``1.250,50``,
  ``1250.50``, ``€ 1.250,50``. What can be read two ways (``1.250``, ``1,250``:
  one thousand two hundred and fifty, or one and a quarter?) is refused with a
  code, never guessed; the form field turns the code into a sentence.

Languages other than English (Dutch, Ukrainian, Russian) use the Dutch
separators: the amounts are Dutch amounts, paid by Dutch municipalities. The
month names are the reader's own (``2 грудня 2026`` on a Ukrainian public page)."""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")

# (thousands separator, decimal separator) per language; anything else is Dutch.
SEPARATORS = {"nl": (".", ","), "en": (",", ".")}

MONTHS = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

# Ukrainian and Russian (public pages only): a month after a day takes the
# genitive ("2 грудня 2026"), a month on its own the nominative ("грудень 2026").
MONTHS_GENITIVE = {
    "uk": (
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ),
    "ru": (
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ),
}
MONTHS["uk"] = (
    "січень",
    "лютий",
    "березень",
    "квітень",
    "травень",
    "червень",
    "липень",
    "серпень",
    "вересень",
    "жовтень",
    "листопад",
    "грудень",
)
MONTHS["ru"] = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
# Arabic (the month names of Modern Standard Arabic as used in Egypt and the Gulf,
# CLDR "ar"); the day and year stay in Western digits, as on Dutch documents.
MONTHS["ar"] = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)

# The spreadsheet number formats of the same styles (XLSX cells stay numbers
# and dates; Excel and LibreOffice show them with the reader's separators).
XLSX_MONEY_FORMAT = '"€" #,##0.00;"€" -#,##0.00'
XLSX_NUMBER_FORMAT = "#,##0"
XLSX_DATE_FORMAT = "d mmmm yyyy"
XLSX_DATETIME_FORMAT = "d mmmm yyyy hh:mm"
XLSX_MONTH_FORMAT = "mmmm yyyy"


def _language(language: str | None) -> str:
    code = (language or "nl").split("-")[0].lower()
    return code if code in SEPARATORS else "nl"


def _month_names(language: str | None, *, after_day: bool = False) -> tuple[str, ...]:
    code = (language or "nl").split("-")[0].lower()
    if after_day and code in MONTHS_GENITIVE:
        return MONTHS_GENITIVE[code]
    return MONTHS.get(code, MONTHS["nl"])


def to_cents(value) -> Decimal:
    """An amount (Decimal, int or its text '1250.5') as exact cents, half-up."""
    if isinstance(value, float | bool):
        raise TypeError("an amount is a Decimal, an int or a text, never a float")
    return Decimal(str(value).strip()).quantize(CENT, rounding=ROUND_HALF_UP)


def amount(value, language: str | None = "nl", *, grouped: bool = True) -> str:
    """``1.250,50``: two decimals, thousands grouped (``1250,50`` when not
    `grouped`: the value of an input box); '' for no value."""
    if value is None or value == "":
        return ""
    cents = to_cents(value)
    thousands, decimal = SEPARATORS[_language(language)]
    sign = "-" if cents < 0 else ""
    whole, _dot, fraction = f"{abs(cents):.2f}".partition(".")
    groups = []
    while grouped and len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    return sign + thousands.join([whole, *groups]) + decimal + fraction


def money(value, language: str | None = "nl") -> str:
    """``€ 1.250,50`` (``€ -1.250,50`` when negative); '' for no value."""
    text = amount(value, language)
    return f"€ {text}" if text else ""


def number(value, language: str | None = "nl") -> str:
    """A whole count with thousands grouped: ``12.345`` place-days."""
    if value is None or value == "":
        return ""
    thousands, _decimal = SEPARATORS[_language(language)]
    return f"{int(value):,}".replace(",", thousands)


def long_date(day: datetime.date | None, language: str | None = "nl") -> str:
    """``2 december 2026``; '' for no date. A datetime shows its date."""
    if day is None:
        return ""
    return f"{day_and_month(day, language)} {day.year}"


def day_and_month(day: datetime.date | None, language: str | None = "nl") -> str:
    """``2 december`` (a yearly date); '' for no date."""
    if day is None:
        return ""
    return f"{day.day} {_month_names(language, after_day=True)[day.month - 1]}"


def date_time(moment: datetime.datetime | None, language: str | None = "nl") -> str:
    """``2 december 2026 14:05`` (the moment as given: pass local time)."""
    if moment is None:
        return ""
    return f"{long_date(moment, language)} {moment:%H:%M}"


def month(day: datetime.date | None, language: str | None = "nl") -> str:
    """``december 2026``; '' for no month."""
    if day is None:
        return ""
    return f"{_month_names(language)[day.month - 1]} {day.year}"


def date_range(start, end, language: str | None = "nl", *, open_end: str = "…") -> str:
    """``1 maart 2026 – 31 maart 2026``; an open end as `open_end`."""
    return f"{long_date(start, language)} – {long_date(end, language) if end else open_end}"


# -- reading typed amounts ------------------------------------------------------------------


class MoneyInputError(ValueError):
    """A typed amount that cannot be read; `code` says why:

    - ``invalid``: not an amount at all ("twaalf", "12,3,4", "1.25.0")
    - ``ambiguous``: readable two ways ("1.250", "1,250")
    - ``decimals``: more than two decimals ("12,505" with grouping, "12,5050")
    """

    def __init__(self, code: str, text: str):
        super().__init__(f"{code}: {text!r}")
        self.code = code
        self.text = text


_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_CURRENCY = re.compile(r"^(€|eur\b)|(€|eur)$", re.IGNORECASE)
_DIGITS_AND_SEPARATORS = re.compile(r"^[0-9][0-9.,]*$")
_GROUPED = re.compile(r"^[0-9]{1,3}(?:[.,][0-9]{3})+$")


def _grouped(text: str, separator: str) -> str:
    """'1.250.000' grouped by `separator` → '1250000'; refused when the other
    separator appears or the groups are not of three."""
    other = "," if separator == "." else "."
    if other in text or (separator in text and not _GROUPED.match(text)):
        raise MoneyInputError("invalid", text)
    return text.replace(separator, "")


def parse_money(text: str) -> Decimal:
    """What a person typed, as an exact Decimal with two decimals.

    The last separator followed by one or two digits is the decimal comma (or
    point); the other separator groups thousands by three. A single separator
    followed by exactly three digits is ambiguous and refused."""
    raw = text
    text = _SPACES.sub("", text or "")
    text = _CURRENCY.sub("", text)
    sign = ""
    if text[:1] in "-−":
        sign, text = "-", text[1:]
    if not text or not _DIGITS_AND_SEPARATORS.match(text) or text[-1] in ".,":
        raise MoneyInputError("invalid", raw)
    positions = [i for i, char in enumerate(text) if char in ".,"]
    if not positions:
        whole, fraction = text, ""
    else:
        last = positions[-1]
        separator, after = text[last], text[last + 1 :]
        other = "," if separator == "." else "."
        single_kind = other not in text
        if single_kind and text.count(separator) > 1:
            # Only one kind, used several times: grouping ("1.250.000").
            whole, fraction = _grouped(text, separator), ""
        elif len(after) in (1, 2):
            whole, fraction = _grouped(text[:last], other), after
        elif len(after) == 3 and single_kind:
            raise MoneyInputError("ambiguous", raw)
        elif len(after) == 3:
            # "1,250.000" / "1.250,505": three decimals after a grouped part.
            raise MoneyInputError("decimals", raw)
        else:
            raise MoneyInputError("decimals" if after.isdigit() else "invalid", raw)
    try:
        value = Decimal(f"{sign}{whole}.{fraction or '0'}")
    except InvalidOperation:
        raise MoneyInputError("invalid", raw) from None
    return value.quantize(CENT)
