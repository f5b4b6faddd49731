"""The evidence of a match as text, in the user's language (ADR 0015).

The scorer keeps reasons as codes with the compared values; they are turned
into words only here, when shown."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from openopvang.dedup.scoring import Reason


def reason_text(reason: Reason) -> str:
    a, b = reason.a, reason.b
    texts = {
        "birth_date_same": lambda: _("same birth date"),
        "birth_date_swapped": lambda: _("day and month of birth swapped"),
        "names_swapped": lambda: _("given and family names swapped"),
        "family_same": lambda: _("family name %(a)s = %(b)s") % {"a": a, "b": b},
        "family_variant": lambda: _("family name %(a)s ~ %(b)s") % {"a": a, "b": b},
        "family_form": lambda: _("family name %(a)s ~ %(b)s") % {"a": a, "b": b},
        "family_typo": lambda: _("family name %(a)s ~ %(b)s (one letter apart)") % {"a": a, "b": b},
        "family_other": lambda: _("another family name"),
        "given_same": lambda: _("given name %(a)s = %(b)s") % {"a": a, "b": b},
        "given_variant": lambda: _("given name %(a)s ~ %(b)s") % {"a": a, "b": b},
        "given_form": lambda: _("given name %(a)s = %(b)s (Russian form)") % {"a": a, "b": b},
        "given_typo": lambda: _("given name %(a)s ~ %(b)s (one letter apart)") % {"a": a, "b": b},
        "given_other": lambda: _("another given name"),
        "given_extra": lambda: _("a second given name on one record"),
        "sex_other": lambda: _("other sex"),
        "nationality_other": lambda: _("other nationality"),
        "household_same": lambda: _("same household"),
    }
    make = texts.get(reason.code)
    return make() if make else reason.code


def reasons_text(reasons: Iterable[Reason]) -> str:
    return ", ".join(reason_text(reason) for reason in reasons)
