"""The outbox: every mail other than the alerts (confirmations, approvals, moderation notices…) as one row,
written in the transaction of the change that causes it and sent by the worker."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models.alerts import DeliveryState


class MailKind(models.TextChoices):
    """What a mail is. The value names its templates (`mail/<kind>_subject.txt`, `.txt`, `.html`). A new kind is
    one line here and its three templates: the field below takes no choices, so adding one needs no migration."""

    CONFIRMATION = "confirm_email", _("address confirmation")
    APPROVAL_NEEDED = "approval_needed", _("contact awaiting approval")
    CONTACT_APPROVED = "contact_approved", _("contact approved")
    PASSWORD_RESET = "password_reset", _("password reset")
    ALREADY_REGISTERED = "already_registered", _("registration of an address that has an account")
    REVIEW_PUBLISHED = "review_published", _("reported record published")
    REVIEW_CHANGES_REQUESTED = "review_changes_requested", _("reported record sent back with a comment")
    REVIEW_SUBMITTED = "review_submitted", _("record submitted for review")
    REVIEW_DIGEST = "review_digest", _("daily digest of the records to review")
    PARTNERSHIP_PROPOSED = "partnership_proposed", _("partnership proposed to an agency")
    REVISION_ACCEPTED = "revision_accepted", _("change to a published record accepted")
    REVISION_SENT_BACK = "revision_sent_back", _("change to a published record sent back with a comment")
    CIRCULAR = "circular", _("circular letter to an agency")
    CIRCULAR_REMINDER = "circular_reminder", _("reminder of a circular letter not yet answered")
    AGENCY_INVITATION = "agency_invitation", _("invitation to an agency without a confirmed contact")
    GUIDE_VERSION = "guide_version", _("new version of a followed guide")
    SAVED_SEARCH = "saved_search", _("new matches of a saved search")


# Kinds whose text opens someone's account (a password reset link, a confirmation link, whose page chooses the
# password): the back-office never shows it.
SECRET_KINDS = frozenset({MailKind.PASSWORD_RESET, MailKind.CONFIRMATION})


class OutboxMail(models.Model):
    """One mail to one address, rendered in its recipient's language when it was queued. The sender claims, sends
    and marks it as it does the alerts (same states, retries, backoff and reaper); its Message-ID is fixed when it
    is queued, so every attempt carries the same one."""

    # Kept as rendered (its subject is cleaned by the builder of every mail): no cleaning at save (portal.text).
    rendered_texts = True

    kind = models.CharField(_("kind"), max_length=60)
    recipient = models.EmailField(_("recipient"), max_length=254)
    language = models.CharField(_("language"), max_length=10)
    subject = models.TextField(_("subject"))
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True, default="")
    # Headers beyond those every mail carries (Message-ID, Auto-Submitted, Content-Language).
    headers = models.JSONField(_("extra headers"), blank=True, default=dict)
    state = models.CharField(_("state"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("error"), blank=True, default="")
    # Not sent before this instant: the end of a retry's backoff.
    not_before = models.DateTimeField(_("not before"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True, default="")
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The sender's claim (pending rows past their wait) and the reaper (rows claimed too long ago).
            models.Index(
                fields=["state", "claimed_at"],
                name="outbox_mail_open",
                condition=models.Q(state__in=["pending", "sending"]),
            ),
        ]

    def __str__(self):
        return f"{self.kind_label} → {self.recipient}"

    @property
    def kind_label(self) -> str:
        """The kind's name in the active language (the code itself for a kind this release does not know)."""
        return str(MailKind(self.kind).label) if self.kind in MailKind.values else self.kind


__all__ = ["SECRET_KINDS", "MailKind", "OutboxMail"]
