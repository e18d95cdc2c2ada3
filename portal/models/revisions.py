"""A contact's change to a published record, waiting for the working group: the published version stays public,
unchanged, until a working-group admin accepts the change (it is then applied through the kind's own service) or
sends it back with a comment. The steps are `portal.reviews.revisions`."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models.fields import SHORT_TEXT


class RevisionState(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    ACCEPTED = "accepted", _("accepted")
    SENT_BACK = "sent_back", _("sent back")


class Revision(models.Model):
    """The proposed values of the fields a contact changed in a published record (`data`: field name → value as
    JSON, foreign keys by their column, many-to-many fields as lists of primary keys). At most one pending revision
    a record: editing again updates it."""

    content_type = models.ForeignKey(ContentType, verbose_name=_("kind"), on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField(_("record"))
    record = GenericForeignKey("content_type", "object_id")
    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="revisions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data = models.JSONField(_("proposed values"), encoder=DjangoJSONEncoder, default=dict)
    state = models.CharField(_("state"), max_length=12, choices=RevisionState.choices, default=RevisionState.PENDING)
    comment = models.TextField(_("working group's comment"), max_length=SHORT_TEXT, blank=True)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("revision of a published record")
        verbose_name_plural = _("revisions of published records")
        ordering = ["updated_at", "pk"]
        indexes = [models.Index(fields=["state", "updated_at"], name="revision_state_updated_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(state="pending"),
                name="revision_one_pending_per_record",
            )
        ]

    def __str__(self):
        return str(_("Changes to %(record)s") % {"record": self.record})

    @property
    def is_pending(self) -> bool:
        return self.state == RevisionState.PENDING
