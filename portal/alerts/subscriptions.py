"""What each contact wants to hear of: its subscription, the one-click unsubscribe token, the calendar address."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Contact, Delivery, Subscription, SubscriptionLead, Topic
from portal.models.alerts import DEFAULT_LEAD_DAYS, MAX_LEAD_DAYS, new_calendar_token, validate_topics
from portal.models.contacts import validate_time_zone

UNSUBSCRIBE_SALT = "portal.alerts.unsubscribe"


def ensure_subscription(contact: Contact) -> Subscription:
    """Every confirmed contact has a subscription: all topics, the default lead times, each alert at once."""
    subscription, created = Subscription.objects.get_or_create(contact=contact, defaults={"topics": Topic.values})
    if created:
        SubscriptionLead.objects.bulk_create(
            [SubscriptionLead(subscription=subscription, days=days) for days in DEFAULT_LEAD_DAYS]
        )
    return subscription


def subscribe_confirmed_contact(sender, instance: Contact, raw=False, **kwargs) -> None:
    """post_save of Contact: a contact gets its subscription when its address is confirmed."""
    if not raw and instance.confirmed_at is not None and not Subscription.objects.filter(contact=instance).exists():
        ensure_subscription(instance)


def parse_lead_days(value) -> list[int]:
    """Lead times from a list or from text such as "30, 7, 1": whole days 0–90, at least one, no repeats."""
    items = value.replace(";", ",").replace(" ", ",").split(",") if isinstance(value, str) else list(value)
    days = set()
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        try:
            number = int(text)
        except ValueError:
            raise ValidationError(
                _("“%(value)s” is not a whole number of days."), code="lead_days", params={"value": text}
            ) from None
        if not 0 <= number <= MAX_LEAD_DAYS:
            raise ValidationError(
                _("Lead times are whole days from 0 to %(max)s; “%(value)s” is not."),
                code="lead_days",
                params={"value": text, "max": MAX_LEAD_DAYS},
            )
        days.add(number)
    if not days:
        raise ValidationError(_("Give at least one lead time."), code="lead_days")
    return sorted(days, reverse=True)


@transaction.atomic
def save_subscription(
    subscription: Subscription,
    *,
    topics=None,
    lead_days=None,
    delivery=None,
    digest_hour=None,
    paused=None,
    language=None,
    time_zone=None,
) -> Subscription:
    """Change a subscription (only the values given). Language and time zone are the contact's own."""
    subscription = Subscription.objects.select_for_update().select_related("contact").get(pk=subscription.pk)
    contact = subscription.contact
    errors = {}
    if topics is not None:
        try:
            validate_topics(topics)
            subscription.topics = list(topics)
        except ValidationError as exc:
            errors["topics"] = exc.messages
    days = None
    if lead_days is not None:
        try:
            days = parse_lead_days(lead_days)
        except ValidationError as exc:
            errors["lead_days"] = exc.messages
    if delivery is not None:
        if delivery not in Delivery.values:
            errors["delivery"] = [_("Choose each alert at once, a daily digest or a weekly digest.")]
        subscription.delivery = delivery
    if digest_hour is not None:
        if not isinstance(digest_hour, int) or not 0 <= digest_hour <= 23:
            errors["digest_hour"] = [_("The digest hour is a whole hour from 0 to 23.")]
        subscription.digest_hour = digest_hour
    if paused is not None and paused != subscription.is_paused:
        subscription.paused_at = timezone.now() if paused else None
    if language is not None:
        if language not in dict(settings.LANGUAGES):
            errors["language"] = [_("Choose one of the portal's languages.")]
        contact.language = language
    if time_zone is not None:
        try:
            validate_time_zone(time_zone)
            contact.time_zone = time_zone
        except ValidationError as exc:
            errors["time_zone"] = exc.messages
    if errors:
        raise ValidationError(errors)
    subscription.save()
    contact.save(update_fields=["language", "time_zone"])
    if days is not None:
        subscription.leads.exclude(days__in=days).delete()
        have = set(subscription.leads.values_list("days", flat=True))
        SubscriptionLead.objects.bulk_create(
            [SubscriptionLead(subscription=subscription, days=d) for d in days if d not in have]
        )
    return subscription


def unsubscribe_token(subscription: Subscription) -> str:
    """The signed token of the one-click unsubscribe address (no expiry: it is in every mail sent)."""
    return signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)


def subscription_for_unsubscribe_token(token: str) -> Subscription | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Subscription.objects.select_related("contact").filter(pk=pk).first()


@transaction.atomic
def unsubscribe(subscription: Subscription) -> Subscription:
    """One-click unsubscribe: pause every alert (the contact can resume on "my alerts")."""
    Subscription.objects.filter(pk=subscription.pk, paused_at__isnull=True).update(
        paused_at=timezone.now(), updated_at=timezone.now()
    )
    subscription.refresh_from_db()
    return subscription


@transaction.atomic
def renew_calendar_token(subscription: Subscription) -> Subscription:
    """Revoke the private calendar address and issue a new one."""
    subscription.calendar_token = new_calendar_token()
    subscription.save(update_fields=["calendar_token", "updated_at"])
    return subscription
