"""Valid, deterministic identifiers for demo and synthetic persons. The checks
themselves come from python-stdnum and schwifty; nothing here re-implements a
checksum."""

from collections.abc import Iterator

from schwifty import IBAN
from stdnum.nl import bsn

DUTCH_BANK_CODES = ("INGB", "RABO", "ABNA", "SNSB", "ASNB", "TRIO", "BUNQ")


def bsn_sequence(first_prefix: int) -> Iterator[str]:
    """Valid BSNs in increasing order, starting at the 8-digit prefix
    `first_prefix`. The check digit is the one that makes stdnum's checksum
    zero (the last digit weighs -1); prefixes without such a digit (it would
    be 10) are skipped."""
    prefix = first_prefix
    while True:
        check_digit = bsn.checksum(f"{prefix:08d}0")
        if check_digit <= 9:
            yield f"{prefix:08d}{check_digit}"
        prefix += 1


def dutch_iban(number: int, bank_code: str) -> str:
    return str(IBAN.generate("NL", bank_code=bank_code, account_code=str(number)))
