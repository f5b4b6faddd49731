"""Identifier checks with well-kept libraries, never hand-written checksums."""

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn

# The account checks are shared with the organisation settings (core, below accounts).
from openopvang.core.validators import normalise_iban, validate_iban  # noqa: F401


def normalise_bsn(value: str) -> str:
    # stdnum pads to nine digits, which would turn "no BSN" into "000000000".
    return bsn.compact(value) if (value or "").strip() else ""


def validate_bsn(value: str) -> None:
    try:
        bsn.validate(value)
    except StdnumError as error:
        raise ValidationError(
            _("%(value)s is not a valid BSN (it must be 9 digits and pass the 11-check)."),
            code="invalid_bsn",
            params={"value": value},
        ) from error


def validate_country_code(value: str) -> None:
    """An ISO 3166-1 alpha-2 country code (either case; Person.clean stores upper case)."""
    code = (value or "").strip()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code.upper()) is None:
        raise ValidationError(
            _("%(value)s is not an ISO 3166 country code. Use two letters such as UA, NG, SY."),
            code="invalid_country",
            params={"value": value},
        )


def normalise_languages(value):
    """Lower case, stripped, duplicates removed, order kept; anything that is
    not a list of strings is left for validate_language_codes to refuse."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        return value
    return list(dict.fromkeys(code.strip().lower() for code in value if code.strip()))


def validate_language_codes(value) -> None:
    """A list of ISO 639-1 (two-letter) language codes, each checked."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(
            _("Give the languages as a list of two-letter codes such as uk, ru, en."),
            code="invalid_languages",
        )
    unknown = [
        code
        for code in value
        if len(code.strip()) != 2 or pycountry.languages.get(alpha_2=code.strip().lower()) is None
    ]
    if unknown:
        raise ValidationError(
            _("Unknown language code(s): %(codes)s. Use two-letter codes such as uk, ru, en."),
            code="invalid_language",
            params={"codes": ", ".join(unknown)},
        )
