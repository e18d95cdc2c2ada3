"""Registration with double opt-in, approval, login, password reset, lockout and "my agency"."""

import re
import sys
import time
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import Client
from django.views.debug import get_exception_reporter_filter, technical_500_response

from portal import services
from portal.models import Contact, MailKind, OutboxMail, ReviewState
from tests import factories
from tests.factories import registration_data

REGISTER_URL = "/tr/accounts/register/"
LOGIN_URL = "/tr/accounts/login/"
PASSWORD = factories.PASSWORD
CONFIRM_LINK = re.compile(re.escape(settings.SITE_URL) + r"(/[a-z]{2}/accounts/confirm/[^/\s]+/)")


def confirm_path(message) -> str:
    """The path of the single confirmation link in the text part of `message`."""
    links = CONFIRM_LINK.findall(message.body)
    assert len(links) == 1
    return links[0]


def html_part(message) -> str:
    assert len(message.alternatives) == 1
    content, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    return content


def register(client, capture, data):
    with capture(execute=True):
        return client.post(REGISTER_URL, data)


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def login(client, email, password):
    return client.post(LOGIN_URL, {"username": email, "password": password})


def confirm(client, capture, link, password=PASSWORD):
    """Open the confirmation link: its page asks for the password, which confirms the address."""
    response = client.get(link)
    assert response.status_code == 200
    assert "new_password1" in response.context["form"].fields
    with capture(execute=True):
        return client.post(link, {"new_password1": password, "new_password2": password})


def reset_path(message) -> str:
    """The path of the single password reset link in the text part of `message`, from the site's address."""
    links = re.findall(
        re.escape(settings.SITE_URL) + r"(/[a-z]{2}/accounts/password-reset/[^/\s]+/[^/\s]+/)", message.body
    )
    assert len(links) == 1
    return links[0]


def set_password(client, path, password):
    response = client.get(path)
    assert response.status_code == 302  # Django moves the token out of the address
    response = client.post(response["Location"], {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/password-reset/done/")
    return response


def pending_contact(**kwargs):
    """A registered contact who has not yet opened the confirmation link."""
    kwargs.setdefault("user__is_active", False)
    return factories.ContactFactory(confirmed_at=None, approved_at=None, **kwargs)


# --- (a) verified domain: confirmation activates at once -----------------------------------


def test_registration_with_verified_domain_activates_on_confirmation(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    agency = factories.AgencyFactory()
    factories.AgencyDomainFactory(agency=agency, domain="a.gov.tr")

    response = register(client, django_capture_on_commit_callbacks, registration_data(agency))

    assert response.status_code == 302
    assert response["Location"] == "/tr/accounts/register/done/"
    contact = Contact.objects.get()
    assert (contact.email, contact.agency, contact.language, contact.time_zone) == (
        "x@a.gov.tr",
        agency,
        "tr",
        "Europe/Istanbul",
    )
    assert contact.confirmed_at is None
    assert contact.approved_at is None
    assert contact.user.is_active is False
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["x@a.gov.tr"]
    link = confirm_path(mailoutbox[0])
    assert link.startswith("/tr/accounts/confirm/")

    # Before confirming: no login.
    response = login(client, "x@a.gov.tr", PASSWORD)
    assert response.status_code == 200
    assert is_logged_in(client) is False

    # Opening the link changes nothing yet: its page asks for the password.
    response = client.get(link)
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.confirmed_at is None

    response = confirm(client, django_capture_on_commit_callbacks, link)
    assert response.status_code == 200
    assert response.context["first_time"] is True
    contact.refresh_from_db()
    contact.user.refresh_from_db()
    assert contact.confirmed_at is not None
    assert contact.approved_at is not None
    assert contact.user.is_active is True
    assert len(mailoutbox) == 1  # no approval needed, nobody else is told

    response = login(client, "X@A.gov.tr", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/tr/accounts/my-agency/"
    assert client.session["_auth_user_id"] == str(contact.user.pk)


def test_registration_stores_email_lowercase(client, django_capture_on_commit_callbacks, mailoutbox):
    agency = factories.AgencyFactory()
    response = register(client, django_capture_on_commit_callbacks, registration_data(agency, email="X.Y@B.Example"))
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.email == "x.y@b.example"
    assert contact.user.username == "x.y@b.example"
    assert mailoutbox[0].to == ["x.y@b.example"]


def test_confirmation_mail_in_the_contacts_language(client, django_capture_on_commit_callbacks, mailoutbox):
    agency = factories.AgencyFactory()
    register(client, django_capture_on_commit_callbacks, registration_data(agency, language="fa"))
    assert len(mailoutbox) == 1
    assert '<html lang="fa" dir="rtl">' in html_part(mailoutbox[0])
    assert confirm_path(mailoutbox[0]).startswith("/fa/accounts/confirm/")


# --- (b) other domain: a working-group admin approves --------------------------------------


def test_registration_needing_approval(client, django_capture_on_commit_callbacks, mailoutbox, wg_admin):
    agency = factories.AgencyFactory()
    factories.AgencyDomainFactory(agency=agency, domain="a.gov.tr")
    data = registration_data(agency, email="farid@mail.example", language="fa", time_zone="Asia/Tehran")

    register(client, django_capture_on_commit_callbacks, data)
    assert len(mailoutbox) == 1
    link = confirm_path(mailoutbox[0])

    response = confirm(client, django_capture_on_commit_callbacks, link)
    assert response.status_code == 200
    contact = Contact.objects.get()
    assert contact.confirmed_at is not None
    assert contact.approved_at is None
    assert contact.awaiting_approval is True
    assert contact.user.is_active is False
    assert len(mailoutbox) == 2
    admin_mail = mailoutbox[1]
    assert admin_mail.to == ["wg.admin@portal.example"]
    assert f"/admin/portal/contact/{contact.pk}/change/" in admin_mail.body
    assert '<html lang="tr" dir="ltr">' in html_part(admin_mail)

    response = login(client, "farid@mail.example", PASSWORD)
    assert response.status_code == 200
    assert is_logged_in(client) is False

    admin = Client()
    admin.force_login(wg_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post("/admin/portal/contact/", {"action": "approve", "_selected_action": [contact.pk]})
    assert response.status_code == 302
    contact.refresh_from_db()
    contact.user.refresh_from_db()
    assert contact.approved_at is not None
    assert contact.user.is_active is True
    assert len(mailoutbox) == 3
    approved_mail = mailoutbox[2]
    assert approved_mail.to == ["farid@mail.example"]
    assert '<html lang="fa" dir="rtl">' in html_part(approved_mail)
    assert f"{settings.SITE_URL}/fa/accounts/login/" in approved_mail.body

    response = login(client, "farid@mail.example", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(contact.user.pk)


def test_approving_twice_sends_one_mail(client, django_capture_on_commit_callbacks, mailoutbox, wg_admin):
    contact = factories.ContactFactory(approved_at=None, user__is_active=False, language="tr")
    client.force_login(wg_admin)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/admin/portal/contact/", {"action": "approve", "_selected_action": [contact.pk]})
        assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert '<html lang="tr" dir="ltr">' in html_part(mailoutbox[0])


def test_approving_unconfirmed_contact_does_nothing(client, django_capture_on_commit_callbacks, mailoutbox, wg_admin):
    contact = pending_contact()
    client.force_login(wg_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/portal/contact/", {"action": "approve", "_selected_action": [contact.pk]})
    contact.refresh_from_db()
    contact.user.refresh_from_db()
    assert contact.approved_at is None
    assert contact.user.is_active is False
    assert mailoutbox == []


def test_contact_cannot_use_the_approve_action(client_a, django_capture_on_commit_callbacks, mailoutbox):
    other = factories.ContactFactory(approved_at=None, user__is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post("/admin/portal/contact/", {"action": "approve", "_selected_action": [other.pk]})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    other.refresh_from_db()
    assert other.approved_at is None
    assert mailoutbox == []


# --- (c) the double opt-in link: expiry, reuse, forgery ------------------------------------


def test_expired_confirmation_link(client, settings, django_capture_on_commit_callbacks, mailoutbox, wg_admin):
    settings.CONFIRMATION_MAX_AGE = 3600
    contact = pending_contact()
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 2 * 3600):
        token = services.confirmation_token(contact)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/tr/accounts/confirm/{token}/")

    assert response.status_code == 400
    assert response.context["reason"] == "expired"
    contact.refresh_from_db()
    contact.user.refresh_from_db()
    assert contact.confirmed_at is None
    assert contact.user.is_active is False
    assert mailoutbox == []


def test_confirmation_link_within_its_age_works(client, settings, django_capture_on_commit_callbacks):
    settings.CONFIRMATION_MAX_AGE = 3600
    contact = pending_contact()
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 1800):
        token = services.confirmation_token(contact)
    response = confirm(client, django_capture_on_commit_callbacks, f"/tr/accounts/confirm/{token}/")
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.confirmed_at is not None


def test_confirmation_link_used_twice(client, django_capture_on_commit_callbacks, mailoutbox, wg_admin):
    contact = pending_contact()
    link = f"/tr/accounts/confirm/{services.confirmation_token(contact)}/"

    first = confirm(client, django_capture_on_commit_callbacks, link)
    assert first.status_code == 200
    assert first.context["first_time"] is True
    contact.refresh_from_db()
    confirmed_at = contact.confirmed_at
    assert confirmed_at is not None
    assert len(mailoutbox) == 1  # the admins are told once

    # Used again, the link says the address is confirmed and changes nothing, the password least of all.
    second = client.get(link)
    assert second.status_code == 200
    assert second.context["first_time"] is False
    assert "form" not in second.context
    with django_capture_on_commit_callbacks(execute=True):
        third = client.post(
            link, {"new_password1": "another-long-phrase-77", "new_password2": "another-long-phrase-77"}
        )
    assert third.status_code == 200
    assert third.context["first_time"] is False
    contact.refresh_from_db()
    contact.user.refresh_from_db()
    assert contact.confirmed_at == confirmed_at
    assert contact.approved_at is None
    assert contact.user.check_password(PASSWORD) is True
    assert contact.user.check_password("another-long-phrase-77") is False
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("token", ["not-a-token", "eyJjIjoxfQ:1uAAAA:forgedsignature"])
def test_invalid_confirmation_link(client, django_capture_on_commit_callbacks, mailoutbox, token):
    contact = pending_contact()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/tr/accounts/confirm/{token}/")
    assert response.status_code == 400
    assert response.context["reason"] == "invalid"
    contact.refresh_from_db()
    assert contact.confirmed_at is None
    assert mailoutbox == []


def test_confirmation_link_for_a_changed_address_is_invalid(client, django_capture_on_commit_callbacks):
    contact = pending_contact(email="old@mail.example")
    token = services.confirmation_token(contact)
    Contact.objects.filter(pk=contact.pk).update(email="new@mail.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/tr/accounts/confirm/{token}/")
    assert response.status_code == 400
    assert response.context["reason"] == "invalid"
    contact.refresh_from_db()
    assert contact.confirmed_at is None


# --- (d) bad input: a field error and nothing saved ---------------------------------------


def _counts():
    return Contact.objects.count(), get_user_model().objects.count()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"agency": "999999"}, "agency"),
        ({"agency": "not-a-number"}, "agency"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"email": "not-an-address"}, "email"),
        ({"language": "xx"}, "language"),
    ],
    ids=[
        "unknown-agency",
        "agency-not-a-pk",
        "bad-time-zone",
        "bad-email",
        "unknown-language",
    ],
)
def test_registration_with_bad_input_saves_nothing(
    client, django_capture_on_commit_callbacks, mailoutbox, contact_a, overrides, field
):
    before = _counts()
    response = register(client, django_capture_on_commit_callbacks, registration_data(contact_a.agency, **overrides))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert _counts() == before
    assert mailoutbox == []


@pytest.mark.parametrize("email", ["ALICE@A.example", "staff@a.gov.tr"], ids=["contact", "user-without-contact"])
def test_registration_of_a_taken_address_answers_as_any_other_and_tells_the_owner(
    client, django_capture_on_commit_callbacks, mailoutbox, contact_a, email
):
    """The page says nothing about the address: the owner of the existing account is told by e-mail instead."""
    factories.UserFactory(email="staff@a.gov.tr", username="Staff@A.gov.tr")
    before = _counts()
    response = register(client, django_capture_on_commit_callbacks, registration_data(contact_a.agency, email=email))
    assert response.status_code == 302
    assert response["Location"] == "/tr/accounts/register/done/"
    fresh = register(
        client, django_capture_on_commit_callbacks, registration_data(contact_a.agency, email="new@x.example")
    )
    assert fresh["Location"] == response["Location"]
    assert _counts() == (before[0] + 1, before[1] + 1)  # only the new address
    contact_a.user.refresh_from_db()
    assert contact_a.user.check_password(PASSWORD) is True
    assert [m.to for m in mailoutbox] == [[email.lower()], ["new@x.example"]]
    notice = mailoutbox[0]
    assert f"{settings.SITE_URL}/tr/accounts/password-reset/" in notice.body
    assert "/accounts/confirm/" not in notice.body


# --- (e) resending the link ----------------------------------------------------------------


def _resend(client, capture, email):
    with capture(execute=True):
        response = client.post("/tr/accounts/confirm/resend/", {"email": email}, follow=True)
    assert response.redirect_chain == [("/tr/accounts/confirm/resend/", 302)]
    return [(m.level, m.message) for m in get_messages(response.wsgi_request)]


def test_resend_says_the_same_for_known_and_unknown_addresses(client, django_capture_on_commit_callbacks, mailoutbox):
    contact = pending_contact(email="waiting@mail.example", language="ky")

    unknown = _resend(client, django_capture_on_commit_callbacks, "nobody@mail.example")
    assert mailoutbox == []
    known = _resend(client, django_capture_on_commit_callbacks, "Waiting@Mail.example")

    assert len(unknown) == 1
    assert known == unknown
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["waiting@mail.example"]
    assert '<html lang="ky" dir="ltr">' in html_part(mailoutbox[0])

    response = confirm(client, django_capture_on_commit_callbacks, confirm_path(mailoutbox[0]))
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.confirmed_at is not None


def test_resend_to_a_confirmed_contact_sends_nothing(client, django_capture_on_commit_callbacks, mailoutbox, contact_a):
    _resend(client, django_capture_on_commit_callbacks, contact_a.email)
    assert mailoutbox == []


# --- (f) password reset --------------------------------------------------------------------


def test_password_reset(client, django_capture_on_commit_callbacks, mailoutbox, contact_a):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/tr/accounts/password-reset/", {"email": "ALICE@a.example"})
    assert response.status_code == 302
    assert response["Location"] == "/tr/accounts/password-reset/sent/"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["alice@a.example"]
    links = re.findall(
        re.escape(settings.SITE_URL) + r"(/tr/accounts/password-reset/[^/\s]+/[^/\s]+/)", mailoutbox[0].body
    )
    assert len(links) == 1
    assert '<html lang="tr" dir="ltr">' in html_part(mailoutbox[0])
    assert mailoutbox[0].body.rstrip().endswith(settings.SITE_URL)

    response = client.get(links[0])
    assert response.status_code == 302
    set_password_url = response["Location"]
    assert set_password_url.endswith("/set-password/")
    new_password = "a-brand-new-secret-phrase"
    response = client.post(set_password_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    assert response["Location"] == "/tr/accounts/password-reset/done/"

    contact_a.user.refresh_from_db()
    assert contact_a.user.check_password(new_password) is True
    assert contact_a.user.check_password(PASSWORD) is False

    # The link works only once.
    response = client.get(links[0])
    assert response.status_code == 200
    assert response.context["validlink"] is False


def test_password_reset_mail_in_the_pages_language(client, django_capture_on_commit_callbacks, mailoutbox, contact_a):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fa/accounts/password-reset/", {"email": contact_a.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert '<html lang="fa" dir="rtl">' in html_part(mailoutbox[0])
    assert f"{settings.SITE_URL}/fa/accounts/password-reset/" in mailoutbox[0].body


def test_password_reset_for_unknown_address_sends_nothing(client, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/tr/accounts/password-reset/", {"email": "nobody@mail.example"})
    assert response.status_code == 302
    assert response["Location"] == "/tr/accounts/password-reset/sent/"
    assert mailoutbox == []


def test_password_reset_of_a_pending_registration_confirms_it(client, django_capture_on_commit_callbacks, mailoutbox):
    agency = factories.AgencyFactory()
    factories.AgencyDomainFactory(agency=agency, domain="a.gov.tr")
    register(client, django_capture_on_commit_callbacks, registration_data(agency))
    contact = Contact.objects.get()
    confirmation = confirm_path(mailoutbox[0])

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/tr/accounts/password-reset/", {"email": "X@a.gov.tr"})
    assert [m.to for m in mailoutbox] == [["x@a.gov.tr"], ["x@a.gov.tr"]]
    new_password = "my-own-mailbox-my-own-phrase"
    set_password(client, reset_path(mailoutbox[1]), new_password)

    contact.refresh_from_db()
    contact.user.refresh_from_db()
    assert contact.confirmed_at is not None
    assert contact.approved_at is not None  # verified domain: active at once, as through the confirmation page
    assert contact.user.is_active is True
    assert login(client, "x@a.gov.tr", new_password).status_code == 302
    # The confirmation link of the registration now only says the address is confirmed.
    client.logout()
    response = client.get(confirmation)
    assert response.status_code == 200
    assert response.context["first_time"] is False


def test_password_reset_of_a_pending_registration_needing_approval_tells_the_admins(
    client, django_capture_on_commit_callbacks, mailoutbox, wg_admin
):
    agency = factories.AgencyFactory()
    register(client, django_capture_on_commit_callbacks, registration_data(agency, email="farid@mail.example"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/tr/accounts/password-reset/", {"email": "farid@mail.example"})
    assert len(mailoutbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        set_password(client, reset_path(mailoutbox[1]), "my-own-mailbox-my-own-phrase")
    contact = Contact.objects.get()
    assert contact.awaiting_approval is True
    assert contact.user.is_active is False
    assert [m.to for m in mailoutbox[2:]] == [["wg.admin@portal.example"]]


def test_password_reset_sends_nothing_to_a_deactivated_account(
    client, django_capture_on_commit_callbacks, mailoutbox, contact_a
):
    get_user_model().objects.filter(pk=contact_a.user_id).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/tr/accounts/password-reset/", {"email": contact_a.email})
    assert response["Location"] == "/tr/accounts/password-reset/sent/"
    assert mailoutbox == []


def test_password_reset_link_is_built_from_site_url_not_the_requests_host(
    client, settings, django_capture_on_commit_callbacks, mailoutbox, contact_a
):
    settings.ALLOWED_HOSTS = ["evil.example", "testserver"]  # a proxy that passes any Host along
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/password-reset/", {"email": contact_a.email}, HTTP_HOST="evil.example")
    assert response.status_code == 302
    message = mailoutbox[0]
    assert "evil.example" not in message.body
    assert "evil.example" not in html_part(message)
    links = re.findall(r"https?://\S+/accounts/password-reset/\S+", message.body)
    assert len(links) == 1
    assert links[0].startswith(f"{settings.SITE_URL}/en/accounts/password-reset/")


def test_confirmation_link_is_built_from_site_url_not_the_requests_host(
    client, settings, django_capture_on_commit_callbacks, mailoutbox, agency_a
):
    settings.ALLOWED_HOSTS = ["evil.example", "testserver"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REGISTER_URL, registration_data(agency_a), HTTP_HOST="evil.example")
    assert len(mailoutbox) == 1
    assert "evil.example" not in mailoutbox[0].body
    assert confirm_path(mailoutbox[0]).startswith("/tr/accounts/confirm/")


# --- (i) nobody takes a registration over before the owner of the mailbox -------------------

STRANGER_PASSWORD = "strangers-own-secret-phrase"
OWNER_PASSWORD = "owners-own-secret-phrase-2026"


def test_a_stranger_cannot_preempt_the_registration_of_someone_elses_address(
    django_capture_on_commit_callbacks, mailoutbox
):
    """The finding replayed: a stranger registers a verified-domain address with a password of theirs; the real
    person registers again, asks for the link again and for a password reset, then confirms. The stranger's
    password opens nothing, and the account is the owner's."""
    ministry = factories.AgencyFactory()
    factories.AgencyDomainFactory(agency=ministry, domain="ministry.gov.tr")
    stranger, owner = Client(), Client()
    email = "person@ministry.gov.tr"

    data = registration_data(ministry, email=email, name="Not The Person")
    data.update(password1=STRANGER_PASSWORD, password2=STRANGER_PASSWORD)  # sent along; the page takes none
    assert register(stranger, django_capture_on_commit_callbacks, data).status_code == 302
    assert login(stranger, email, STRANGER_PASSWORD).status_code == 200
    assert is_logged_in(stranger) is False

    # The real person registers again: not refused, and the pending registration becomes theirs.
    response = register(
        owner, django_capture_on_commit_callbacks, registration_data(ministry, email=email, name="The Person")
    )
    assert response["Location"] == "/tr/accounts/register/done/"
    assert Contact.objects.get().name == "The Person"
    _resend(owner, django_capture_on_commit_callbacks, email)
    with django_capture_on_commit_callbacks(execute=True):
        owner.post("/tr/accounts/password-reset/", {"email": email})
    assert [m.to for m in mailoutbox] == [[email]] * 4  # all to the mailbox, none to the stranger

    # The link of the stranger's registration no longer works.
    first = owner.get(confirm_path(mailoutbox[0]))
    assert first.status_code == 400
    assert first.context["reason"] == "invalid"

    response = confirm(owner, django_capture_on_commit_callbacks, confirm_path(mailoutbox[2]), OWNER_PASSWORD)
    assert response.status_code == 200
    assert response.context["first_time"] is True
    contact = Contact.objects.get()
    assert (contact.name, contact.user.is_active, contact.approved_at is not None) == ("The Person", True, True)

    assert login(stranger, email, STRANGER_PASSWORD).status_code == 200
    assert is_logged_in(stranger) is False
    assert login(owner, email, OWNER_PASSWORD).status_code == 302
    assert owner.session["_auth_user_id"] == str(contact.user.pk)
    # The reset link mailed before the confirmation no longer sets a password.
    response = owner.get(reset_path(mailoutbox[3]))
    assert response.status_code == 200
    assert response.context["validlink"] is False


def test_a_second_registration_of_a_pending_address_replaces_it_and_voids_the_first_link(
    client, django_capture_on_commit_callbacks, mailoutbox, agency_a, agency_b
):
    register(client, django_capture_on_commit_callbacks, registration_data(agency_a, name="First", language="ru"))
    first = confirm_path(mailoutbox[0])
    assert client.get(first).status_code == 200

    register(client, django_capture_on_commit_callbacks, registration_data(agency_b, name="Second", title=""))
    assert Contact.objects.count() == 1
    assert get_user_model().objects.count() == 1
    contact = Contact.objects.get()
    assert (contact.name, contact.agency, contact.title, contact.language) == ("Second", agency_b, "", "tr")
    assert len(mailoutbox) == 2
    second = confirm_path(mailoutbox[1])
    assert second != first

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(first, {"new_password1": STRANGER_PASSWORD, "new_password2": STRANGER_PASSWORD})
    assert response.status_code == 400
    assert response.context["reason"] == "invalid"
    contact.refresh_from_db()
    assert contact.confirmed_at is None

    assert confirm(client, django_capture_on_commit_callbacks, second).context["first_time"] is True
    contact.refresh_from_db()
    assert contact.confirmed_at is not None
    assert contact.user.check_password(PASSWORD) is True


def test_registering_the_address_of_an_account_that_was_ever_active_changes_nothing(
    client, django_capture_on_commit_callbacks, mailoutbox, agency_b
):
    """Only a registration that never became an account is replaced: a contact the working group linked to an
    active account without a confirmation date keeps its account, its agency and its password."""
    contact = factories.ContactFactory(email="kept@a.example", confirmed_at=None, approved_at=None)
    register(client, django_capture_on_commit_callbacks, registration_data(agency_b, email="kept@a.example"))
    contact.refresh_from_db()
    contact.user.refresh_from_db()
    assert contact.agency != agency_b
    assert contact.user.is_active is True
    assert contact.user.check_password(PASSWORD) is True
    assert list(OutboxMail.objects.values_list("kind", "recipient")) == [
        (MailKind.ALREADY_REGISTERED, "kept@a.example")
    ]


def test_confirmation_page_refuses_a_weak_or_mistyped_password(client, django_capture_on_commit_callbacks, mailoutbox):
    contact = pending_contact(email="farid@mail.example", name="Farid")
    link = f"/tr/accounts/confirm/{services.confirmation_token(contact)}/"
    for password1, password2 in (
        ("12345678", "12345678"),
        ("farid@mail.example", "farid@mail.example"),
        (PASSWORD, PASSWORD + "x"),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(link, {"new_password1": password1, "new_password2": password2})
        assert response.status_code == 200
        assert response.context["form"].errors
    contact.refresh_from_db()
    assert contact.confirmed_at is None
    assert mailoutbox == []


# --- (j) passwords never reach the error reports ------------------------------------------


def _debug_error_page(request) -> str:
    """The page DEBUG shows for an error raised while handling `request` (its POST parameters included)."""
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        return technical_500_response(request, *sys.exc_info()).content.decode()


def _hidden_parameters(request) -> dict:
    return get_exception_reporter_filter(request).get_post_parameters(request)


def test_confirmation_page_hides_the_password_from_error_reports(client, settings):
    contact = pending_contact()
    secret = "never-in-a-report-4471"
    response = client.post(
        f"/tr/accounts/confirm/{services.confirmation_token(contact)}/",
        {"new_password1": secret, "new_password2": secret + "x"},
    )
    assert response.status_code == 200
    hidden = _hidden_parameters(response.wsgi_request)
    assert hidden["new_password1"] == hidden["new_password2"] == "********************"
    settings.DEBUG = True
    page = _debug_error_page(response.wsgi_request)
    assert "new_password1" in page
    assert secret not in page


def test_registration_page_hides_what_it_is_sent_from_error_reports(client, agency_a, settings):
    data = registration_data(agency_a, password1="never-in-a-report-5120", password2="never-in-a-report-5120")
    response = client.post(REGISTER_URL, {**data, "agency": "not-a-number"})
    assert response.status_code == 200
    assert _hidden_parameters(response.wsgi_request)["password1"] == "********************"
    settings.DEBUG = True
    page = _debug_error_page(response.wsgi_request)
    assert "password1" in page
    assert "never-in-a-report-5120" not in page
    assert data["email"] not in page


def test_login_hides_the_password_from_error_reports(client, contact_a):
    response = login(client, contact_a.email, "a-wrong-password-3391")
    assert _hidden_parameters(response.wsgi_request)["password"] == "********************"
    assert _hidden_parameters(response.wsgi_request)["username"] == "********************"


def test_password_reset_page_hides_the_new_password_from_error_reports(
    client, django_capture_on_commit_callbacks, mailoutbox, contact_a
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/tr/accounts/password-reset/", {"email": contact_a.email})
    response = client.get(reset_path(mailoutbox[0]))
    response = client.post(response["Location"], {"new_password1": "short", "new_password2": "short"})
    assert response.status_code == 200
    assert _hidden_parameters(response.wsgi_request)["new_password1"] == "********************"


# --- (g) lockout after repeated failures ---------------------------------------------------


def test_lockout_after_five_failed_logins(client, settings, contact_a):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        response = login(client, contact_a.email, "wrong-password")
        assert response.status_code == 200
    fifth = login(client, contact_a.email, "wrong-password")
    assert fifth.status_code == 429

    response = login(client, contact_a.email, PASSWORD)
    assert response.status_code == 429
    assert is_logged_in(client) is False


def test_four_failures_do_not_lock_out(client, contact_a):
    for _ in range(4):
        login(client, contact_a.email, "wrong-password")
    response = login(client, contact_a.email, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(contact_a.user.pk)


# --- (h) my agency -------------------------------------------------------------------------


def test_my_agency_lists_own_projects_including_drafts(client_a, contact_a, contact_b):
    draft = factories.ProjectFactory(agency=contact_a.agency, slug="a-draft")
    published = factories.ProjectFactory(agency=contact_a.agency, slug="a-published", published=True)
    submitted = factories.ProjectFactory(
        agency=contact_a.agency, slug="a-submitted", review_state=ReviewState.SUBMITTED
    )
    factories.ProjectFactory(agency=contact_b.agency, slug="b-published", published=True)
    factories.ProjectFactory(agency=contact_b.agency, slug="b-draft")

    response = client_a.get("/tr/accounts/my-agency/")

    assert response.status_code == 200
    assert response.context["contact"] == contact_a
    assert response.context["agency"] == contact_a.agency
    assert list(response.context["projects"]) == [draft, published, submitted]
    assert list(response.context["colleagues"]) == [contact_a]
    html = response.content.decode()
    assert f'href="/tr/projects/{draft.slug}/"' in html
    assert 'href="/tr/projects/b-published/"' not in html


def test_my_agency_for_an_unapproved_contact(client, agency_a):
    contact = factories.ContactFactory(agency=agency_a, approved_at=None)
    factories.ProjectFactory(agency=agency_a, slug="a-draft")
    client.force_login(contact.user)

    response = client.get("/tr/accounts/my-agency/")

    assert response.status_code == 200
    assert response.context["contact"] is None
    assert response.context["pending"] == contact
    assert "projects" not in response.context
    html = response.content.decode()
    assert agency_a.name in html
    assert 'href="/tr/projects/a-draft/"' not in html


def test_my_agency_needs_login(client):
    response = client.get("/tr/accounts/my-agency/")
    assert response.status_code == 302
    assert response["Location"] == "/tr/accounts/login/?next=/tr/accounts/my-agency/"
