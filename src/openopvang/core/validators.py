"""Bank account checks shared by every app (a person's IBAN, the debtor
account of a municipality, an NGO's account for invoices), with schwifty,
never a hand-written checksum."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException


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


def validate_bic(value: str) -> None:
    try:
        BIC(value)
    except SchwiftyException as error:
        raise ValidationError(
            _("%(value)s is not a valid BIC (8 or 11 letters and digits, such as BNGHNL2G)."),
            code="invalid_bic",
            params={"value": value},
        ) from error
