"""The awards area's deadlines: every edition keeps its dated steps in the deadline registry (topic awards).

- nominations open (`award.nomination_opens`): the day the call opens;
- nomination deadline (`award.nomination`): at its local time when known, else 23:59 that day in the edition's zone;
- voting (`award.voting`): the day the public vote closes (`voting_ends`), the date a contact must act by to
  rally votes; when only the start is known, the vote's first day;
- ceremony (`award.ceremony`): the day of the ceremony.

An invitation (`award.suggestion`) is a notice to the invited agency's contacts, due at the edition's nomination
deadline and moved with it; it names the agency's matching projects and links to the edition's page, which says
why they match.

A tentative edition registers tentative deadlines; renaming a programme retitles its editions' deadlines. The
page of each is the edition's page, without a language prefix (the reader's language is added where the link is
shown).
"""

from django.utils.translation import gettext

from awards.models import AwardEdition, AwardInvitation
from portal.deadlines import DeadlineSpec, in_every_language, sync, track, track_notice
from portal.models import DeadlineKind


def _steps(edition: AwardEdition) -> list[tuple[str, object]]:
    return [
        (DeadlineKind.AWARD_NOMINATION_OPENS, edition.nomination_opens),
        (DeadlineKind.AWARD_NOMINATION, edition.nomination_due),
        (DeadlineKind.AWARD_VOTING, edition.voting_ends or edition.voting_starts),
        (DeadlineKind.AWARD_CEREMONY, edition.ceremony_on),
    ]


def _title(kind: str, edition: AwardEdition) -> str:
    """The title in the active language, e.g. “WSIS Prizes 2026 — nomination deadline”."""
    params = {"edition": f"{edition.programme.name} {edition.year}"}
    if kind == DeadlineKind.AWARD_NOMINATION_OPENS:
        return gettext("%(edition)s — nominations open") % params
    if kind == DeadlineKind.AWARD_NOMINATION:
        return gettext("%(edition)s — nomination deadline") % params
    if kind == DeadlineKind.AWARD_VOTING:
        if edition.voting_ends:
            return gettext("%(edition)s — online voting closes") % params
        return gettext("%(edition)s — online voting opens") % params
    return gettext("%(edition)s — award ceremony") % params


def edition_url(edition: AwardEdition) -> str:
    return f"/awards/editions/{edition.pk}/"


def specs_for(edition: AwardEdition) -> list[DeadlineSpec]:
    specs = []
    for kind, due in _steps(edition):
        if due is None:
            continue
        specs.append(
            DeadlineSpec(
                kind=kind,
                due=due,
                tz=edition.tz,
                titles=in_every_language(lambda kind=kind: _title(kind, edition)),
                url=edition_url(edition),
                tentative=edition.tentative,
            )
        )
    return specs


def invitation_specs(invitation: AwardInvitation) -> list[DeadlineSpec]:
    """The invitation's notice: to the agency's contacts, by the edition's nomination deadline (none when the
    edition has no deadline: nothing to apply by)."""
    edition = invitation.edition
    due = edition.nomination_due
    if due is None:
        return []
    projects = list(invitation.projects.order_by("slug"))

    def title():
        return gettext("%(edition)s — your projects could apply: %(projects)s") % {
            "edition": f"{edition.programme.name} {edition.year}",
            "projects": ", ".join(f"“{project.title}”" for project in projects),
        }

    titles = in_every_language(title)
    return [
        DeadlineSpec(
            kind=DeadlineKind.AWARD_SUGGESTION,
            due=due,
            tz=edition.tz,
            titles=titles,
            url=edition_url(edition),
            tentative=edition.tentative,
            agencies=(invitation.agency_id,),
        )
    ]


def sync_invitation(invitation: AwardInvitation) -> None:
    sync(invitation, invitation_specs(invitation))


def connect() -> None:
    # The titles name the programme: renaming it retitles its editions' deadlines and their invitations'.
    track(AwardEdition, specs_for, follows=["programme"])
    track_notice(AwardInvitation, invitation_specs, follows=["edition", "edition__programme"])
