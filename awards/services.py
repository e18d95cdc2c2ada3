"""Writes of the awards area."""

import dataclasses
import datetime as dt
import re
import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from awards import deadlines, matching
from awards import selectors as award_selectors
from awards.models import (
    FIRST_YEAR,
    LAST_YEAR,
    ApplicationState,
    AwardApplication,
    AwardEdition,
    AwardInvitation,
    AwardResult,
)
from portal import dispatch, reviews, selectors
from portal.languages import CODES
from portal.reviews import Refusals, ReviewedKind
from portal.reviews.verifications import VerifiedSource
from portal.tasks import alerts_tick


def shift_years(day: dt.date | dt.datetime | None, years: int) -> dt.date | dt.datetime | None:
    """The same month and day (and time, zone) `years` later; 29 February becomes 28 February when the year
    reached is not a leap year."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# A number of four digits in any script (Latin, Persian ۰–۹, Arabic-Indic ٠–٩), not part of a longer number, or
# two joined as a span (“2025–2026”, “2025/26” is left alone).
FOUR_DIGITS = r"(?<!\d)\d{4}(?!\d)"
YEARS = re.compile(rf"(?P<first>{FOUR_DIGITS})(?:(?P<joint>\s*[-‐–—/]\s*)(?P<last>{FOUR_DIGITS}))?")
# Solar Hijri years of a Gregorian year: the one that began at Nowruz (in March) and the one before it.
SOLAR_HIJRI_LANGUAGES = {"fa"}
SOLAR_HIJRI_OFFSETS = (621, 622)


def _in_digits_of(number: int, sample: str) -> str:
    """`number` written in the digits of `sample` (e.g. ۲۰۲۷ for ۲۰۲۶)."""
    zero = ord(sample[0]) - unicodedata.digit(sample[0])
    return "".join(chr(zero + int(digit)) for digit in str(number))


@dataclasses.dataclass(frozen=True)
class CarriedText:
    text: str
    names_a_year: bool  # the text names a year: a curator confirms it


def carry_text(text: str, year: int, years: int, language: str) -> CarriedText:
    """`text` of the edition of `year` for the edition `years` later: the edition's year (in whatever digits it
    is written, and in Persian its Solar Hijri years) becomes the new edition's, and a span of years that holds
    it (“2025–2026”) moves as a whole; any year named, replaced or not (e.g. a fixed “WSIS+20 2025”), leaves the
    text for a curator to confirm."""
    solar = language in SOLAR_HIJRI_LANGUAGES
    editions = {year, *({year - offset for offset in SOLAR_HIJRI_OFFSETS} if solar else ())}
    named = False

    def is_year(number: int) -> bool:
        if FIRST_YEAR <= number <= LAST_YEAR:
            return True
        return solar and FIRST_YEAR - SOLAR_HIJRI_OFFSETS[1] <= number <= LAST_YEAR - SOLAR_HIJRI_OFFSETS[0]

    def shift(digits: str) -> str:
        return _in_digits_of(int(digits) + years, digits)

    def replace(match: re.Match) -> str:
        nonlocal named
        first, joint, last = match["first"], match["joint"], match["last"]
        if last and is_year(int(first)) and is_year(int(last)) and editions & {int(first), int(last)}:
            named = True
            return shift(first) + joint + shift(last)
        kept = []
        for digits in [first, last] if last else [first]:
            named = named or is_year(int(digits))
            kept.append(shift(digits) if int(digits) in editions else digits)
        return joint.join(kept) if last else kept[0]

    carried = YEARS.sub(replace, text)
    return CarriedText(carried, named)


def _translated_columns(model) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each translated field of `model` with its columns and their languages: `ceremony_place` →
    [(`ceremony_place_tr`, `tr`), …]."""
    fields = translator.get_options_for_model(model).fields
    return [(name, [(f"{name}_{code}", code) for code in CODES]) for name in fields]


@transaction.atomic
def propose_next_edition(edition: AwardEdition) -> AwardEdition:
    """A tentative edition of the same programme one cycle after `edition` (a year, two for a biennial
    programme; an irregular one repeats its last gap): every date moved by that many years on the same month
    and day, the same deadline time, zone and texts (the ceremony place). A text that names a year is not taken
    as it stands: the edition's year in it becomes the new edition's, and the text waits in `texts_to_confirm`
    (with the previous edition's text) until a curator confirms it (`settle_texts_to_confirm`). Its page and
    guide are left for the organiser's announcement. Refused when the programme already has an edition that
    year."""
    years = award_selectors.edition_cycle(edition)
    year = edition.year + years
    if AwardEdition.objects.filter(programme_id=edition.programme_id, year=year).exists():
        raise ValidationError(
            _("%(programme)s already has an edition in %(year)d."),
            code="edition_exists",
            params={"programme": edition.programme, "year": year},
        )
    dates = {
        field.name: shift_years(getattr(edition, field.name), years)
        for field in AwardEdition._meta.concrete_fields
        if isinstance(field, models.DateField) and not (field.auto_now or field.auto_now_add)
    }
    texts, to_confirm = {}, {}
    for name, columns in _translated_columns(AwardEdition):
        # The field itself first (modeltranslation sets it in the active language), then every language's column.
        texts[name] = carry_text(getattr(edition, name), edition.year, years, get_language() or "").text
        for column, code in columns:
            previous = getattr(edition, column)
            if not previous:  # empty or not given in that language: as it is
                texts[column] = previous
                continue
            carried = carry_text(previous, edition.year, years, code)
            texts[column] = carried.text
            if carried.names_a_year:
                to_confirm[column] = previous
    proposed = AwardEdition(
        programme_id=edition.programme_id,
        year=year,
        tz=edition.tz,
        tentative=True,
        nomination_deadline_time=edition.nomination_deadline_time,
        texts_to_confirm=to_confirm,
        **dates,
        **texts,
    )
    proposed.full_clean()
    proposed.save()
    return proposed


@transaction.atomic
def settle_texts_to_confirm(edition: AwardEdition, *, edited=(), confirmed: bool = False) -> AwardEdition:
    """A curator has saved `edition`: the texts it confirmed (`confirmed`: all of them), those it edited
    (`edited`: the columns changed, e.g. `ceremony_place_en`) and, once the edition is no longer tentative (the
    organiser's announcement checked), every one, wait no longer for confirmation."""
    waiting = edition.texts_to_confirm or {}
    edited = set(edited)
    if confirmed or not edition.tentative:
        left = {}
    else:
        left = {column: text for column, text in waiting.items() if column not in edited}
    if left != waiting:
        edition.texts_to_confirm = left
        edition.save(update_fields=["texts_to_confirm", "updated_at"])
    return edition


APPLICATIONS = Refusals(
    may_not_report=_("Only agency contacts and working-group admins may record applications."),
    not_yours=_("You may change only your own agency's applications."),
    only_own_agency=_("You may record applications only for your own agency."),
    choose_agency=_("Choose the agency that applies."),
    only_admins_publish=_("Only working-group admins review applications."),
)


def publish_result(application: AwardApplication, verified_by=None) -> None:
    """A published application marked won has its line in the results inventory, with its distinction: private
    until a working-group admin verifies it against its evidence (at once when `verified_by`, the admin who
    entered the win). An application no longer won withdraws its line."""
    outcome = application.result_outcome
    if outcome is None:
        withdraw_result(application)
    elif application.is_published:
        record_result(application, outcome, verified_by)


# Applications in the review workflow: the mails link to the application's form; publishing a won application
# puts its result in the inventory.
APPLICATION_REVIEW = ReviewedKind(
    AwardApplication,
    APPLICATIONS,
    edit_url=lambda application: reverse("awards:application_edit", args=[application.pk]),
    on_publish=publish_result,
    related=("edition__programme", "project"),
    save=lambda user, application, fields, m2m, author=None: save_application(
        user, application, fields, claimant=author
    ),
)


@transaction.atomic
def save_application(user, application: AwardApplication, data: dict, *, claimant=None) -> AwardApplication:
    """Create or update `application` with `data` (model field → value) as `user`, through the review workflow
    (`portal.reviews.save_reported`): an agency contact records and updates its own agency's applications, a
    working-group admin any agency's. A won application's result enters the inventory once the working group has
    published the application (`publish_result`) and is public once verified: at once when a working-group admin
    marked the application won (`claimant`: who proposed the change, when an admin accepts a contact's revision;
    the contact's claim stays unverified). An application no longer won withdraws its result."""
    was_won = (
        application.pk is not None
        and AwardApplication.objects.filter(pk=application.pk, state=ApplicationState.WON).exists()
    )
    application = reviews.save_reported(user, application, data)
    if reviews.kept_published(application):
        return application  # a change to the published application, waiting for review: nothing changed yet
    entered_by_admin = selectors.is_working_group_admin(claimant or user) and not was_won
    publish_result(application, verified_by=user if entered_by_admin else None)
    return application


def submit_application(user, application: AwardApplication) -> AwardApplication:
    return reviews.submit_reported(user, application)


def publish_application(user, application: AwardApplication) -> bool:
    """Accept an application (working-group admins); a won one's result enters the inventory."""
    return reviews.publish_reported(user, application)


def record_result(application: AwardApplication, outcome: str, verified_by=None) -> AwardResult:
    """The inventory line of `application` with `outcome`: the one it reported before, or the same line already in
    the inventory, updated; or a new one. A line the working group entered and verified is the working group's and
    stays as it is. A new or changed line is unverified (private) unless `verified_by` verifies it now."""
    keys = {
        "edition_id": application.edition_id,
        "category_id": application.category_id,
        "agency_id": application.agency_id,
        "project_id": application.project_id,
    }
    # Not the model's ordering: its outer joins cannot be locked.
    result = AwardResult.objects.select_for_update().filter(application=application).order_by("pk").first()
    if result is None:
        result = AwardResult.objects.select_for_update().filter(**keys).order_by("pk").first()
        if result is not None and result.application_id is None and result.is_verified:
            return result
    if result is None:
        result = AwardResult(**keys)
    claim = {**keys, "outcome": outcome, "evidence_url": application.evidence_url}
    changed = result.pk is None or any(getattr(result, name) != value for name, value in claim.items())
    for name, value in claim.items():
        setattr(result, name, value)
    result.application = application
    if verified_by is not None:
        result.verified_at, result.verified_by = timezone.now(), verified_by
    elif changed:
        result.verified_at = result.verified_by = None
    result.full_clean()
    result.save()
    return result


def withdraw_result(application: AwardApplication) -> int:
    """The line `application` reported leaves the inventory, verified or not. Returns how many lines went."""
    deleted, _by_model = AwardResult.objects.filter(application=application).delete()
    return deleted


def may_verify_results(user) -> bool:
    """Working-group admins who may change results verify them."""
    return reviews.may_decide(user, AwardResult)


@transaction.atomic
def verify_result(user, result: AwardResult) -> bool:
    """A working-group admin has checked `result` against its evidence: it enters the public inventory. Refused
    without an evidence address; False when it already was verified."""
    if not may_verify_results(user):
        raise PermissionDenied(_("Only working-group admins verify award results."))
    result = AwardResult.objects.select_for_update().get(pk=result.pk)
    if result.is_verified:
        return False
    if not result.evidence_url:
        raise ValidationError(
            {"evidence_url": _("Add the evidence (the organiser's page that names the result) before verifying it.")},
            code="no_evidence",
        )
    result.verified_at, result.verified_by = timezone.now(), user
    result.save(update_fields=["verified_at", "verified_by", "updated_at"])
    return True


# Reported results in the review queue's verification section, each with its evidence link and a verify button.
RESULT_VERIFICATION = VerifiedSource(
    AwardResult,
    waiting=award_selectors.results_awaiting_verification,
    verify=verify_result,
    evidence_url=lambda result: result.evidence_url,
    agency=lambda result: result.agency,
)


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
