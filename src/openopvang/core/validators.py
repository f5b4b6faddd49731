"""Checks shared by every app: bank accounts (a person's IBAN, the debtor
account of a municipality, an NGO's account for invoices), with schwifty,
never a hand-written checksum; Dutch postcodes and KvK numbers."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException

# The platform's date range, for forms, models and serializers (docs/decisions/0018).
from openopvang.rules.validators import validate_platform_date  # noqa: F401


@deconstructible
class AmountBound:
    """The sanity bound of an amount in euros (docs/decisions/0018): above it
    no value makes sense for the field, so it is refused, not merely asked to
    be confirmed (that is `MoneyField.confirm_above`, far below). Not a
    MaxValueValidator on purpose: the API keeps this sentence too."""

    code = "amount_too_large"

    def __init__(self, maximum):
        self.maximum = Decimal(maximum)

    def __call__(self, value) -> None:
        from . import formatting

        if value is not None and value > self.maximum:
            raise ValidationError(
                _(
                    "An amount above %(bound)s is not plausible here. Check the amount: "
                    "perhaps a digit too many, or the cents without a comma."
                ),
                code=self.code,
                params={"bound": formatting.money(self.maximum, get_language())},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, AmountBound) and other.maximum == self.maximum

    def __hash__(self) -> int:
        return hash(self.maximum)


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


_POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Z]{2})$")


def normalise_postcode(value: str) -> str:
    """'3511ab' and '3511 AB' are the same postcode; it is kept as '3511 AB'."""
    compact = (value or "").strip().upper()
    match = _POSTCODE.match(compact)
    return f"{match.group(1)} {match.group(2)}" if match else compact


def validate_postcode(value: str) -> None:
    if not _POSTCODE.match((value or "").strip().upper()):
        raise ValidationError(
            _("%(value)s is not a Dutch postcode (four digits and two letters, such as 3511 AB)."),
            code="invalid_postcode",
            params={"value": value},
        )


def validate_kvk_number(value: str) -> None:
    if not re.fullmatch(r"[0-9]{8}", value or ""):
        raise ValidationError(
            _("A KvK number has 8 digits, such as 30214009."),
            code="invalid_kvk",
        )
