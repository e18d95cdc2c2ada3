"""Writes of the awards area."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from awards.models import AwardEdition
from portal.languages import translated_fields


def next_year(day: dt.date | None) -> dt.date | None:
    """The same month and day a year later; 29 February becomes 28 February."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


@transaction.atomic
def propose_next_edition(edition: AwardEdition) -> AwardEdition:
    """A tentative edition of the same programme the year after `edition`: every date on the same month and
    day, the same deadline time, zone and ceremony place. Its page and guide are left for the organiser's
    announcement. Refused when the programme already has an edition that year."""
    year = edition.year + 1
    if AwardEdition.objects.filter(programme_id=edition.programme_id, year=year).exists():
        raise ValidationError(
            _("%(programme)s already has an edition in %(year)d."),
            code="edition_exists",
            params={"programme": edition.programme, "year": year},
        )
    proposed = AwardEdition(
        programme_id=edition.programme_id,
        year=year,
        tz=edition.tz,
        tentative=True,
        nomination_deadline_time=edition.nomination_deadline_time,
        **{name: next_year(getattr(edition, name)) for name in AwardEdition.DATE_ORDER},
        **{name: getattr(edition, name) for name in ["ceremony_place", *translated_fields("ceremony_place")]},
    )
    proposed.full_clean()
    proposed.save()
    return proposed
