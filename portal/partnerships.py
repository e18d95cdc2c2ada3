"""Writes of project partnerships: an agency named as a partner of a project is asked first. Its contacts hear of
the proposal by mail and accept or decline it on their agency's page; a working-group admin may decide for it (and
an admin's own naming of a partner is accepted at once). Until it accepts, the project is neither listed with the
agency nor may the agency report with it (`portal.selectors.accepted_partnerships`)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal import selectors
from portal.mail import send_templated
from portal.models import Agency, MailKind, PartnershipState, Project, ProjectPartner


def _tell_partner(partnership: ProjectPartner) -> None:
    """Each contact of the partner agency, in their language, with the address of their agency's page."""
    for contact in selectors.agency_contacts(partnership.agency_id):
        with translation.override(contact.language):
            url = settings.SITE_URL + reverse("accounts:my_agency")
        send_templated(
            MailKind.PARTNERSHIP_PROPOSED,
            {"contact": contact, "project": partnership.project, "owner": partnership.project.agency, "url": url},
            [contact.email],
            contact.language,
        )


@transaction.atomic
def propose_partners(user, project: Project, agencies) -> None:
    """Make `agencies` the project's partners as `user`, who may change the project (the caller checked it through
    the project's save). Agencies no longer named are removed; those named before keep their answer; a new one is
    proposed and its contacts told, or accepted at once when a working-group admin names it. `agencies` are
    agencies or their primary keys (an accepted revision stores keys)."""
    keys = {getattr(agency, "pk", agency) for agency in agencies}
    wanted = {agency.pk: agency for agency in Agency.objects.filter(pk__in=keys - {project.agency_id})}
    project.partnerships.exclude(agency_id__in=wanted).delete()
    known = set(project.partnerships.values_list("agency_id", flat=True))
    by_admin = selectors.is_working_group_admin(user)
    now = timezone.now()
    for agency_id, agency in wanted.items():
        if agency_id in known:
            continue
        partnership = ProjectPartner.objects.create(
            project=project,
            agency=agency,
            state=PartnershipState.ACCEPTED if by_admin else PartnershipState.PROPOSED,
            proposed_by=user,
            proposed_at=now,
            decided_by=user if by_admin else None,
            decided_at=now if by_admin else None,
        )
        if not by_admin:
            _tell_partner(partnership)


@transaction.atomic
def decide_partnership(user, partnership: ProjectPartner, *, accept: bool) -> ProjectPartner:
    """The partner agency's contact (or a working-group admin) accepts or declines a proposal. A declined
    partnership is neither listed nor proposed again unless the project's agency removes and names it anew; an
    admin may still accept it."""
    partnership = (
        selectors.partnerships_decidable_by(user).select_for_update(of=("self",)).filter(pk=partnership.pk).first()
    )
    if partnership is None:
        raise PermissionDenied(_("Only the partner agency's contacts and working-group admins answer a proposal."))
    admin = selectors.is_working_group_admin(user)
    if not partnership.is_proposed and not admin:
        raise ValidationError(_("This proposal was already answered."), code="answered")
    partnership.state = PartnershipState.ACCEPTED if accept else PartnershipState.DECLINED
    partnership.decided_by = user
    partnership.decided_at = timezone.now()
    partnership.save(update_fields=["state", "decided_by", "decided_at"])
    return partnership
