"""Writes of the awards area."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from awards.models import ApplicationState, AwardApplication, AwardEdition, AwardResult, Outcome
from portal import selectors
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


# Application states that put the agency in the results inventory, with the outcome they record.
RESULT_OF_STATE = {ApplicationState.WON: Outcome.WINNER}


@transaction.atomic
def save_application(user, application: AwardApplication, data: dict) -> AwardApplication:
    """Create or update `application` with `data` (model field → value) as `user`.

    The one rule of `portal.selectors.can_change` applies to the application as it was and as it becomes: an
    agency contact records and updates its own agency's applications (a new one is its agency's unless said
    otherwise), a working-group admin any agency's. An application marked won puts its result in the inventory:
    the matching AwardResult (same edition, category, agency and project) is created or set to winner."""
    contact = selectors.active_contact(user)
    if application.pk is None:
        if contact is None and not (
            selectors.is_working_group_admin(user) and user.has_perm("awards.add_awardapplication")
        ):
            raise PermissionDenied(_("Only agency contacts and working-group admins may record applications."))
    elif not selectors.can_change(user, AwardApplication.objects.get(pk=application.pk)):
        raise PermissionDenied(_("You may change only your own agency's applications."))
    for field, value in data.items():
        setattr(application, field, value)
    if not application.agency_id and contact is not None:
        application.agency = contact.agency
    if not application.agency_id:
        raise ValidationError({"agency": _("Choose the agency that applies.")})
    if not selectors.can_change(user, application):
        raise PermissionDenied(_("You may record applications only for your own agency."))
    application.full_clean()
    application.save()
    outcome = RESULT_OF_STATE.get(application.state)
    if outcome is not None:
        record_result(application, outcome)
    return application


def record_result(application: AwardApplication, outcome: str) -> AwardResult:
    """The inventory line of `application` with `outcome`: the existing one updated, or a new one."""
    result = (
        AwardResult.objects.select_for_update()
        .filter(
            edition_id=application.edition_id,
            category_id=application.category_id,
            agency_id=application.agency_id,
            project_id=application.project_id,
        )
        .order_by("pk")  # not the model's ordering: its outer joins cannot be locked
        .first()
    )
    if result is None:
        result = AwardResult(
            edition_id=application.edition_id,
            category_id=application.category_id,
            agency_id=application.agency_id,
            project_id=application.project_id,
        )
    result.outcome = outcome
    result.full_clean()
    result.save()
    return result
