"""Identifier checks with well-kept libraries, never hand-written checksums."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn


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


def normalise_iban(value: str) -> str:
    return (value or "").replace(" ", "").upper()


def validate_iban(value: str) -> None:
    try:
        IBAN(value)
    except SchwiftyException as error:
        raise ValidationError(
            _("%(value)s is not a valid IBAN: %(reason)s"),
            code="invalid_iban",
            params={"value": value, "reason": str(error)},
        ) from error
