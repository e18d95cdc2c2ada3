"""Writes of the awards area."""

import dataclasses
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards import deadlines, matching
from awards import selectors as award_selectors
from awards.models import AwardApplication, AwardEdition, AwardInvitation, AwardResult
from portal import dispatch, reviews
from portal.languages import translated_fields
from portal.reviews import Refusals, ReviewedKind
from portal.tasks import alerts_tick


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


APPLICATIONS = Refusals(
    may_not_report=_("Only agency contacts and working-group admins may record applications."),
    not_yours=_("You may change only your own agency's applications."),
    only_own_agency=_("You may record applications only for your own agency."),
    choose_agency=_("Choose the agency that applies."),
    only_admins_publish=_("Only working-group admins review applications."),
)


def publish_result(application: AwardApplication) -> None:
    """A published application marked won has its line in the results inventory, with its distinction."""
    outcome = application.result_outcome
    if application.is_published and outcome is not None:
        record_result(application, outcome)


# Applications in the review workflow: the mails link to the application's form; publishing a won application
# puts its result in the inventory.
APPLICATION_REVIEW = ReviewedKind(
    AwardApplication,
    APPLICATIONS,
    edit_url=lambda application: reverse("awards:application_edit", args=[application.pk]),
    on_publish=publish_result,
    related=("edition__programme", "project"),
    save=lambda user, application, fields, m2m, author=None: save_application(user, application, fields),
)


@transaction.atomic
def save_application(user, application: AwardApplication, data: dict) -> AwardApplication:
    """Create or update `application` with `data` (model field → value) as `user`, through the review workflow
    (`portal.reviews.save_reported`): an agency contact records and updates its own agency's applications, a
    working-group admin any agency's. A won application's result enters the inventory once the working group has
    published the application (`publish_result`)."""
    application = reviews.save_reported(user, application, data)
    publish_result(application)
    return application


def submit_application(user, application: AwardApplication) -> AwardApplication:
    return reviews.submit_reported(user, application)


def publish_application(user, application: AwardApplication) -> bool:
    """Accept an application (working-group admins); a won one's result enters the inventory."""
    return reviews.publish_reported(user, application)


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


@dataclasses.dataclass
class Invited:
    agencies: int = 0  # agencies invited for the first time
    updated: int = 0  # agencies invited before, now with other projects
    unchanged: int = 0


@transaction.atomic
def invite_matching_agencies(edition: AwardEdition, user=None, now: dt.datetime | None = None) -> Invited:
    """Invite the agencies of the published projects that could apply to `edition` (awards.matching), one
    invitation per agency naming its matching projects. Each is a notice sent once to the agency's contacts
    through the alerts, soon after this transaction commits. Refused when nominations are closed or the
    deadline is not known."""
    deadline = award_selectors.nomination_deadline(edition)
    if deadline is None:
        raise ValidationError(
            _("%(edition)s has no nomination deadline yet: there is nothing to invite to."),
            code="no_deadline",
            params={"edition": edition},
        )
    if deadline.is_closed(now):
        raise ValidationError(_("Nominations for %(edition)s are closed."), code="closed", params={"edition": edition})
    by_agency: dict[int, set[int]] = {}
    for match in matching.projects_that_could_apply(edition):
        by_agency.setdefault(match.project.agency_id, set()).add(match.project.pk)
    result = Invited()
    existing = {i.agency_id: i for i in edition.invitations.prefetch_related("projects")}
    for agency_id, project_ids in sorted(by_agency.items()):
        invitation = existing.get(agency_id)
        if invitation is None:
            invitation = AwardInvitation.objects.create(edition=edition, agency_id=agency_id, invited_by=user)
            result.agencies += 1
        elif {p.pk for p in invitation.projects.all()} == project_ids:
            result.unchanged += 1
            continue
        else:
            invitation.invited_by = user
            invitation.save(update_fields=["invited_by", "updated_at"])
            result.updated += 1
        invitation.projects.set(project_ids)
        deadlines.sync_invitation(invitation)
    if result.agencies or result.updated:
        dispatch.after_commit(alerts_tick)
    return result
