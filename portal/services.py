"""Writes of the core: registration and approval of contacts, projects (through the review workflow)."""

import datetime as dt
import secrets
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from portal import materials, partnerships, reviews, selectors
from portal.mail import send_templated
from portal.models import AgencyDomain, Contact, MailKind, Project, RateLimitCounter
from portal.reviews import Refusals, ReviewedKind

CONFIRM_SALT = "portal.contact-confirm"
_TRANSLIT = str.maketrans({"ı": "i", "İ": "i", "ş": "s", "Ş": "s", "ğ": "g", "Ğ": "g", "ə": "e", "Ə": "e"})

# Besides the portal's own apps, the working group manages the beat's schedule in the back-office.
ADMIN_GROUP_THIRD_PARTY_APPS = ("django_celery_beat",)


def admin_group_apps() -> list[str]:
    """The labels of the apps whose models working-group admins manage: the core and every area (the apps that are
    folders of the project itself, whatever areas are installed), and the beat's schedule."""
    base = Path(settings.BASE_DIR).resolve()
    own = [config.label for config in apps.get_app_configs() if Path(config.path).resolve().parent == base]
    return [*own, *ADMIN_GROUP_THIRD_PARTY_APPS]


def ensure_admin_group() -> Group:
    """Create or refresh the working-group admins' group with every permission on the portal's models."""
    group, _created = Group.objects.get_or_create(name=selectors.ADMIN_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=admin_group_apps()))
    return group


def ensure_admin_group_signal(sender, **kwargs):
    ensure_admin_group()


def site_url(path: str) -> str:
    return settings.SITE_URL + path


# --- Contacts --------------------------------------------------------------------------------


def domain_is_verified(agency_id: int, email: str) -> bool:
    """A contact joins without approval when its e-mail domain is one of its agency's verified domains."""
    domain = email.rsplit("@", 1)[-1].strip().lower()
    return AgencyDomain.objects.filter(agency_id=agency_id, domain=domain).exists()


def _pending(email: str):
    """The contact registered with `email` that has not confirmed it yet (its account waits for the mailbox's
    owner to choose a password), or None."""
    return (
        selectors.pending_registrations()
        .select_for_update(of=("self",))
        .select_related("user")
        .filter(email__iexact=email)
        .first()
    )


def _fingerprint(contact: Contact) -> str:
    """What a confirmation link is bound to besides the contact and its address: the account's password hash (a
    new registration of the pending address gives it a new random unusable one, and confirming sets the
    password), so every older link stops working."""
    value = f"{contact.user_id}:{contact.user.password}"
    return salted_hmac(CONFIRM_SALT, value).hexdigest()[:20]


def confirmation_token(contact: Contact) -> str:
    return signing.dumps({"c": contact.pk, "e": contact.email, "f": _fingerprint(contact)}, salt=CONFIRM_SALT)


def _send_confirmation(contact: Contact) -> None:
    with translation.override(contact.language):
        url = site_url(reverse("accounts:confirm", kwargs={"token": confirmation_token(contact)}))
    send_templated(
        "confirm_email",
        {"contact": contact, "url": url, "hours": settings.CONFIRMATION_MAX_AGE // 3600},
        [contact.email],
        contact.language,
    )


def _send_already_registered(email: str, language: str) -> None:
    """The owner of an address that already has an account hears of the new registration by e-mail; the page
    says the same as for a new address."""
    with translation.override(language):
        login, reset = reverse("accounts:login"), reverse("accounts:password_reset")
    send_templated(
        MailKind.ALREADY_REGISTERED, {"login_url": site_url(login), "reset_url": site_url(reset)}, [email], language
    )


@transaction.atomic
def register_contact(*, name, email, agency, title, language, time_zone, phone="") -> Contact | None:
    """Register `email` as a contact of `agency` and mail the double opt-in link, whose page lets the owner of
    the mailbox choose the password: registering sets none, so nobody can pre-empt the owner.

    A new registration of an address still waiting for confirmation replaces the pending one (name, agency…) and
    invalidates its links. An address that already has an account (or a contact record without one) is left
    as it is, and its owner is told by e-mail; the caller answers the same either way. Returns the contact
    registered, or None when the address was taken."""
    email = email.strip().lower()
    user_model = get_user_model()
    contact = _pending(email)
    if contact is None:
        if (
            Contact.objects.filter(email__iexact=email).exists()
            or user_model.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists()
        ):
            _send_already_registered(email, language)
            return None
        user = user_model(username=email, email=email, is_active=False)
        contact = Contact(user=user)
    user = contact.user
    user.first_name = name[:150]
    user.is_active = False
    user.set_unusable_password()  # a new random value: the links sent before stop working
    user.save()
    contact.user = user
    contact.agency = agency
    contact.name = name
    contact.email = email
    contact.title = title
    contact.language = language
    contact.time_zone = time_zone
    contact.phone = phone
    contact.full_clean()
    contact.save()
    _send_confirmation(contact)
    return contact


def resend_confirmation(email: str) -> None:
    """Send a fresh link to an unconfirmed contact; say nothing about addresses we do not know."""
    contact = selectors.pending_registrations().filter(email__iexact=email.strip()).first()
    if contact:
        _send_confirmation(contact)


class ConfirmationError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "expired" or "invalid"


def _read_confirmation(token: str, *, lock: bool = False) -> Contact:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=settings.CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ConfirmationError("expired") from exc
    except signing.BadSignature as exc:
        raise ConfirmationError("invalid") from exc
    if not isinstance(data, dict):
        raise ConfirmationError("invalid")
    contacts = Contact.objects.select_for_update(of=("self",)) if lock else Contact.objects.all()
    contact = (
        contacts.select_related("user", "agency")
        .filter(pk=data.get("c"), email=data.get("e"), user__isnull=False)
        .first()
    )
    if contact is None:
        raise ConfirmationError("invalid")
    if contact.confirmed_at is None and not constant_time_compare(str(data.get("f", "")), _fingerprint(contact)):
        raise ConfirmationError("invalid")  # replaced by a newer registration of the address
    return contact


def check_confirmation(token: str) -> Contact:
    """The contact whose address `token` confirms: still pending (the link's page asks for a password), or
    already confirmed (the link was used; its page says so and changes nothing). Raises `ConfirmationError`."""
    return _read_confirmation(token)


@transaction.atomic
def confirm_contact(token: str, password: str) -> tuple[Contact, bool]:
    """Confirm the e-mail address behind `token` and give its account `password`, chosen by whoever opened the
    link (the owner of the mailbox). Returns the contact and whether this call confirmed it (False when the link
    was already used: nothing changes then)."""
    contact = _read_confirmation(token, lock=True)
    if contact.confirmed_at is not None:
        return contact, False
    contact.user.set_password(password)
    contact.user.save(update_fields=["password"])
    _confirm(contact)
    return contact, True


@transaction.atomic
def set_password_from_mailbox(user, password: str):
    """A password chosen through a link mailed to the account's address (a password reset). The mailbox is proven,
    so a contact still waiting for confirmation is confirmed by it."""
    user.set_password(password)
    user.save(update_fields=["password"])
    contact = selectors.pending_registrations().select_for_update().filter(user=user).first()
    if contact is not None:
        contact.user = user
        _confirm(contact)
    return user


def _confirm(contact: Contact) -> None:
    """The owner of the contact's mailbox has proven it: a verified domain activates the account at once;
    otherwise the working-group admins are told that a contact awaits approval."""
    contact.confirmed_at = timezone.now()
    contact.save(update_fields=["confirmed_at"])
    if domain_is_verified(contact.agency_id, contact.email):
        _activate(contact, by=None)
    else:
        admins = selectors.working_group_admin_emails()
        send_templated(
            "approval_needed",
            {"contact": contact, "url": site_url(reverse("admin:portal_contact_change", args=[contact.pk]))},
            admins,
            settings.LANGUAGE_CODE,
        )


def _activate(contact: Contact, by) -> None:
    contact.approved_at = timezone.now()
    contact.save(update_fields=["approved_at"])
    if contact.user_id:
        type(contact.user).objects.filter(pk=contact.user_id).update(is_active=True)


@transaction.atomic
def approve_contact(contact: Contact, by) -> bool:
    """Approve a confirmed contact and tell them by e-mail. Returns False if there was nothing to approve."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.confirmed_at is None or contact.approved_at is not None:
        return False
    _activate(contact, by)
    with translation.override(contact.language):
        url = site_url(reverse("accounts:login"))
    send_templated("contact_approved", {"contact": contact, "url": url}, [contact.email], contact.language)
    return True


# --- Projects --------------------------------------------------------------------------------


SLUG_LETTERS = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o, 1/l: read aloud or typed from paper
SLUG_TOKEN_LENGTH = 6


def unique_project_slug(title: str, exclude_pk=None) -> str:
    """The title as a slug with a random token after it (“e-government-gateway-k7qm2x”): every new project gets
    one, so a slug never tells whether another agency's draft, invisible to its author, has the same title (a
    “-2” would)."""
    base = slugify(title.translate(_TRANSLIT))[:80].strip("-") or "project"
    qs = Project.objects.exclude(pk=exclude_pk) if exclude_pk else Project.objects.all()
    while True:
        token = "".join(secrets.choice(SLUG_LETTERS) for _ in range(SLUG_TOKEN_LENGTH))
        slug = f"{base}-{token}"
        if not qs.filter(slug=slug).exists():
            return slug


PROJECTS = Refusals(
    may_not_report=gettext_lazy("Only agency contacts and working-group admins may add projects."),
    not_yours=gettext_lazy("You may change only your own agency's projects."),
    only_own_agency=gettext_lazy("You may change only your own agency's projects."),
    choose_agency=gettext_lazy("Choose the agency the project belongs to."),
    only_admins_publish=gettext_lazy("Only working-group admins moderate projects."),
)


def _apply_project(user, project: Project, fields: dict, m2m: dict, *, author=None) -> Project:
    """An accepted revision of a project, saved as any edit is (`save_project`): a partner agency it names is asked
    first, as proposed by the revision's author (accepting the change does not answer for the partner)."""
    for name, value in fields.items():
        setattr(project, name, value)
    return save_project(user, project, m2m=m2m, proposer=author)


# Projects in the review workflow: the mails link to the project's page (its edit and submit buttons).
# Publishing a project publishes the promotional materials added to it meanwhile (`portal.materials`).
PROJECT_REVIEW = ReviewedKind(
    Project,
    PROJECTS,
    edit_url=lambda project: project.get_absolute_url(),
    on_publish=lambda project: materials.publish_with_project(project),
    save=_apply_project,
)


@transaction.atomic
def save_project(user, project: Project, *, m2m: dict | None = None, proposer=None) -> Project:
    """Create or update `project` as `user` through the review workflow (`portal.reviews.save_reported`): contacts
    always write to their own agency, a contact's change to a submitted project makes it a draft again, and one
    to a published project waits for review as its pending revision. Partner agencies named in `m2m` are asked
    first (`portal.partnerships`), as proposed by `proposer` (an accepted revision's author) or else `user`."""
    if not project.slug:
        project.slug = unique_project_slug(project.title_en or project.title_tr or project.title or "")

    def set_m2m(saved: Project, field: str, values) -> None:
        if field == "partner_agencies":
            partnerships.propose_partners(proposer or user, saved, values)
        else:
            getattr(saved, field).set(values)

    return reviews.save_reported(user, project, m2m=m2m, set_m2m=set_m2m)


def submit_project(user, project: Project) -> Project:
    """A draft (or one sent back for changes) goes to the working group for review."""
    return reviews.submit_reported(user, project)


def publish_project(user, project: Project) -> bool:
    """Publish a project and tell its submitter. Returns False if it was already published."""
    return reviews.publish_reported(user, project)


def request_changes(user, project: Project, comment: str) -> Project:
    """Send a project back to its agency with the moderator's comment, by e-mail."""
    return reviews.request_changes(user, project, comment)


# --- Rate limits ---------------------------------------------------------------------------


def count_attempt_in_database(scope: str, key: str, window: int, now=None) -> int:
    """Count one attempt of `key` on `scope` in its fixed window of `window` seconds and return the window's count
    (used by `portal.ratelimit` while the cache is unreachable). Counters of windows that are over are removed."""
    now = now or timezone.now()
    start = dt.datetime.fromtimestamp(int(now.timestamp()) // window * window, tz=dt.UTC)
    with transaction.atomic():
        RateLimitCounter.objects.filter(expires_at__lte=now).delete()
        counter, created = RateLimitCounter.objects.select_for_update().get_or_create(
            scope=scope,
            key=key[:255],
            window_start=start,
            defaults={"count": 1, "expires_at": start + dt.timedelta(seconds=window)},
        )
        if not created:
            RateLimitCounter.objects.filter(pk=counter.pk).update(count=F("count") + 1)
            counter.refresh_from_db(fields=["count"])
    return counter.count
