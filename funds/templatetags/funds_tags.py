"""Showing money on the funds pages: an amount in its own currency, never converted."""

from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import gettext

from portal.currencies import DECIMALS

register = template.Library()


def format_amount(amount: Decimal, currency: str) -> str:
    """`amount` with its currency's decimals (none for KRW, two for USD), grouped in the active language."""
    places = DECIMALS.get(currency, 2)
    return formats.number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.simple_tag
def money(amount, currency: str) -> str:
    """“3,700,000.00 USD”: the amount and its ISO 4217 code ("—" when there is no amount)."""
    if amount is None or amount == "":
        return "—"
    return f"{format_amount(Decimal(amount), currency)} {currency}".strip()


def compact_amount(amount: Decimal) -> str:
    """A short form for a chart's label: 3.7 M, 250 k (the table beside the chart has the exact amount)."""
    for size, text in (
        (10**9, gettext("%(amount)s bn")),
        (10**6, gettext("%(amount)s M")),
        (10**3, gettext("%(amount)s k")),
    ):
        if abs(amount) >= size:
            short = formats.number_format(round(Decimal(amount) / size, 1), decimal_pos=1, use_l10n=True)
            return text % {"amount": short.removesuffix(formats.get_format("DECIMAL_SEPARATOR") + "0")}
    return formats.number_format(round(Decimal(amount)), use_l10n=True)


@register.simple_tag
def amount_range(programme) -> str:
    """A programme's typical amount: “50,000.00 – 500,000.00 EUR”, “up to …”, “from …”, or "—"."""
    low, high, currency = programme.amount_min, programme.amount_max, programme.currency
    if low is not None and high is not None:
        return gettext("%(low)s – %(high)s %(currency)s") % {
            "low": format_amount(low, currency),
            "high": format_amount(high, currency),
            "currency": currency,
        }
    if high is not None:
        return gettext("up to %(amount)s") % {"amount": money(high, currency)}
    if low is not None:
        return gettext("from %(amount)s") % {"amount": money(low, currency)}
    return "—"


@register.filter
def agency_kind_labels(codes) -> list[str]:
    """The names of agency kinds given by their codes (a programme's eligible kinds)."""
    from portal.models import Agency

    labels = dict(Agency.Kind.choices)
    return [str(labels[code]) for code in codes if code in labels]
