"""ISO 4217 currencies (the iso4217 package's table, shipped with it: no network) and the money rules: a known
code, an amount above zero with no more decimals than the currency has (none for KRW or JPY, two for USD)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from iso4217 import Currency

# Codes of funds and precious metals (XAU…), "no currency" (XXX) and test codes are not money a grant is paid in.
_NOT_MONEY = {"XXX", "XTS", "XAU", "XAG", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA"}


def _table() -> dict[str, int]:
    table = {}
    for currency in Currency:
        exponent = currency.exponent
        if currency.code not in _NOT_MONEY and isinstance(exponent, int):
            table[currency.code] = exponent
    return table


DECIMALS: dict[str, int] = _table()
CODES = tuple(sorted(DECIMALS))


def choices() -> list[tuple[str, str]]:
    return [(code, f"{code} — {Currency(code).currency_name}") for code in CODES]


def validate_currency(value: str) -> None:
    if value not in DECIMALS:
        raise ValidationError(
            _("“%(value)s” is not an ISO 4217 currency code (such as USD, EUR, KRW)."),
            code="currency",
            params={"value": value},
        )


def validate_amount(amount: Decimal, currency: str) -> None:
    """An amount above zero in `currency`'s smallest unit at most (a code not in the table is the currency's
    own error)."""
    if amount <= 0:
        raise ValidationError(_("The amount must be above zero."), code="amount_not_positive")
    places = DECIMALS.get(currency)
    if places is None:
        return
    exponent = amount.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        if places == 0:
            raise ValidationError(
                _("%(currency)s amounts are whole numbers."), code="amount_decimals", params={"currency": currency}
            )
        raise ValidationError(
            ngettext_lazy(
                "%(currency)s amounts have at most %(places)d decimal.",
                "%(currency)s amounts have at most %(places)d decimals.",
                "places",
            ),
            code="amount_decimals",
            params={"currency": currency, "places": places},
        )
