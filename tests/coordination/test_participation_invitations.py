"""Inviting an agency with no confirmed contact: one mail through the outbox to its general address with the
registration link, recorded, refused within seven days, for an agency that has a contact and for one without an
address; only working-group admins may invite."""

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from coordination.participation import services
from coordination.participation.models import AgencyInvitation
from portal.models import MailKind, OutboxMail
from tests import factories

URL = "/en/coordination/coverage/"


def invite_url(agency) -> str:
    return f"{URL}invite/{agency.slug}/"


@pytest.fixture
def admin():
    return factories.admin_user(email="wg@portal.example")


@pytest.fixture
def lonely():
    """A Turkish ministry with a general address and no confirmed contact (one that never confirmed)."""
    agency = factories.AgencyFactory(slug="lonely-ministry", country="TR", email="bilgi@lonely.gov.tr")
    factories.ContactFactory(agency=agency, confirmed_at=None, approved_at=None)
    return agency


def levels(response) -> list[str]:
    return [message.level_tag for message in get_messages(response.wsgi_request)]


def test_the_invitation_is_mailed_through_the_outbox_with_the_registration_link(client, admin, lonely, settings):
    client.force_login(admin)
    response = client.post(invite_url(lonely), {"back": "kind=ministry&page=1&evil=x"})
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?kind=ministry&page=1"
    assert levels(response) == ["success"]
    [mail] = OutboxMail.objects.all()
    assert (mail.kind, mail.recipient, mail.language) == (MailKind.AGENCY_INVITATION, "bilgi@lonely.gov.tr", "tr")
    link = f"{settings.SITE_URL}/tr/accounts/register/?agency=lonely-ministry"
    assert link in mail.text
    assert f'href="{link}"' in mail.html
    [invitation] = AgencyInvitation.objects.all()
    assert (invitation.agency, invitation.email, invitation.sent_by, invitation.language) == (
        lonely,
        "bilgi@lonely.gov.tr",
        admin,
        "tr",
    )
    page = client.get(URL).content.decode()
    row = page[page.index('data-agency="lonely-ministry"') :]
    assert 'data-invited="lonely-ministry"' in row[: row.index("</tr>")]


def test_an_agency_outside_turkiye_is_invited_in_english(admin):
    agency = factories.AgencyFactory(slug="az-ministry", country="AZ", email="info@az.example")
    invitation = services.invite_agency(agency, by=admin)
    [mail] = OutboxMail.objects.all()
    assert invitation.language == mail.language == "en"
    assert "/en/accounts/register/?agency=az-ministry" in mail.text


def test_the_registration_link_chooses_the_agency(client, lonely):
    response = client.get("/en/accounts/register/?agency=lonely-ministry")
    assert response.status_code == 200
    assert response.context["form"]["agency"].value() == lonely.name_en  # its name in the page's language
    assert client.get("/en/accounts/register/?agency=no-such-agency").context["form"]["agency"].value() is None


def test_a_second_invitation_within_seven_days_is_refused(client, admin, lonely):
    client.force_login(admin)
    assert client.post(invite_url(lonely)).status_code == 302
    response = client.post(invite_url(lonely))
    assert response.status_code == 302
    assert levels(response) == ["success", "error"]  # the first one's message was not shown yet
    assert OutboxMail.objects.count() == AgencyInvitation.objects.count() == 1
    with pytest.raises(services.InvitationRefused) as refused:
        services.invite_agency(lonely, by=admin)
    assert refused.value.code == "too_soon"


def test_an_agency_invited_more_than_seven_days_ago_may_be_invited_again(admin, lonely):
    factories.agency_invitation(lonely, days_ago=7.01)
    services.invite_agency(lonely, by=admin)
    assert AgencyInvitation.objects.filter(agency=lonely).count() == 2
    assert OutboxMail.objects.count() == 1
    newest = AgencyInvitation.objects.filter(agency=lonely).first()
    assert newest.sent_at > timezone.now() - timezone.timedelta(minutes=1)


def test_an_agency_with_a_confirmed_contact_is_not_invited(client, admin, lonely):
    factories.ContactFactory(agency=lonely)
    client.force_login(admin)
    response = client.post(invite_url(lonely))
    assert levels(response) == ["error"]
    assert not OutboxMail.objects.exists() and not AgencyInvitation.objects.exists()
    with pytest.raises(services.InvitationRefused) as refused:
        services.invite_agency(lonely, by=admin)
    assert refused.value.code == "has_contact"


def test_an_agency_without_an_address_is_not_invited(admin):
    agency = factories.AgencyFactory(email="")
    with pytest.raises(services.InvitationRefused) as refused:
        services.invite_agency(agency, by=admin)
    assert refused.value.code == "no_address"
    assert not OutboxMail.objects.exists() and not AgencyInvitation.objects.exists()


def test_contacts_and_visitors_cannot_invite(client, lonely):
    response = client.post(invite_url(lonely))
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/")
    contact = factories.ContactFactory(agency=factories.AgencyFactory())
    client.force_login(contact.user)
    assert client.post(invite_url(lonely)).status_code == 403
    assert client.get(invite_url(lonely)).status_code == 405
    assert not OutboxMail.objects.exists() and not AgencyInvitation.objects.exists()


def test_an_unknown_agency_is_not_found(client, admin):
    client.force_login(admin)
    assert client.post(f"{URL}invite/no-such-agency/").status_code == 404


def test_the_agency_admin_edits_the_general_address_and_lists_the_invitations(client, admin, lonely):
    client.force_login(admin)
    response = client.post(
        f"/admin/portal/agency/{lonely.pk}/change/",
        {
            "name_tr": lonely.name_tr,
            "name_en": lonely.name_en,
            "slug": lonely.slug,
            "kind": lonely.kind,
            "country": "TR",
            "english_website_state": lonely.english_website_state,
            "email": "genel@lonely.gov.tr",
            "domains-TOTAL_FORMS": "0",
            "domains-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].errors if response.context else response
    lonely.refresh_from_db()
    assert lonely.email == "genel@lonely.gov.tr"
    services.invite_agency(lonely, by=admin)
    listing = client.get("/admin/coordination/agencyinvitation/")
    assert listing.status_code == 200
    assert "genel@lonely.gov.tr" in listing.content.decode()
    assert client.get("/admin/coordination/agencyinvitation/add/").status_code == 403
