"""Writes of the participation part: inviting an agency with no confirmed contact to register on the portal."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from coordination.participation import selectors
from coordination.participation.models import AgencyInvitation
from portal.mail import send_templated
from portal.models import Agency, MailKind
from portal.services import site_url


class InvitationRefused(Exception):
    """Why an invitation was not sent: `code` is one of REASONS, for pages and tests (never compare the text)."""

    REASONS = {
        "no_address": _("This agency has no known general e-mail address: add one in the back-office first."),
        "has_contact": _("This agency already has a confirmed contact: it needs no invitation."),
        "too_soon": _("This agency was invited less than seven days ago: wait before inviting it again."),
    }

    def __init__(self, code: str):
        self.code = code
        super().__init__(self.REASONS[code])

    @property
    def message(self) -> str:
        return str(self.REASONS[self.code])


def registration_url(agency: Agency, language: str) -> str:
    """The registration page in `language`, with the agency chosen in its form."""
    with translation.override(language):
        path = reverse("accounts:register")
    return site_url(f"{path}?{urlencode({'agency': agency.slug})}")


@transaction.atomic
def invite_agency(agency: Agency, by) -> AgencyInvitation:
    """Mail the agency's general address an invitation to register, with the registration link, and record it;
    refused (`InvitationRefused`) without an address, when the agency has a confirmed contact, or when it was
    invited less than seven days ago."""
    # The agency's row is locked: two admins clicking at once send one invitation, not two.
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    if not agency.email:
        raise InvitationRefused("no_address")
    if selectors.confirmed_contacts(agency.pk).exists():
        raise InvitationRefused("has_contact")
    now = timezone.now()
    if selectors.invited_recently(agency, now):
        raise InvitationRefused("too_soon")
    language = selectors.invitation_language(agency)
    invitation = AgencyInvitation.objects.create(
        agency=agency, email=agency.email, language=language, sent_by=by, sent_at=now
    )
    send_templated(
        MailKind.AGENCY_INVITATION,
        {"agency": agency, "url": registration_url(agency, language)},
        [agency.email],
        language,
    )
    return invitation
