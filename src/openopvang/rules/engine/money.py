"""Money as :class:`~decimal.Decimal`, never float.

Rounding rule of the house: half-up to whole cents, **once per line**; totals are
sums of already rounded lines.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def to_decimal(value: object) -> Decimal:
    """Exact conversion from str, int or Decimal. Floats are refused: they are
    already inexact when they arrive here."""
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(f"money must be a string, int or Decimal, not {type(value).__name__}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int | str):
        try:
            result = Decimal(value.strip() if isinstance(value, str) else value)
        except InvalidOperation:
            raise ValueError(f"not an amount {value!r}") from None
    else:
        raise TypeError(f"money must be a string, int or Decimal, not {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"not an amount {value!r}")
    return result


def round_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt(value: Decimal) -> str:
    """'123.45': two decimals, no thousands separator (machine-readable)."""
    return str(round_cents(value))


def total(values) -> Decimal:
    return sum(values, ZERO)


def cents(value: object) -> Decimal:
    """A sum read back from a database as exact cents (SQLite sums decimals in
    floating point; None is zero). Not for amounts computed here: those are
    rounded with :func:`round_cents`."""
    return Decimal(str(value or 0)).quantize(CENT)
