"""Reads used in more than one place: who may do what, and querysets scoped to a user."""

import datetime as dt
import re

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from portal.models import (
    ActionLine,
    Agency,
    AlertDelivery,
    Audience,
    Contact,
    Deadline,
    PartnershipState,
    Project,
    ProjectPartner,
    PromoMaterial,
    ReviewState,
    Subscription,
)

ADMIN_GROUP = "Working group admins"


def active_contact(user) -> Contact | None:
    """The user's contact record if it is confirmed, approved and active; otherwise None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    contact = getattr(user, "_portal_contact", None)
    if contact is None:
        contact = Contact.objects.select_related("agency").filter(user=user).first()
        user._portal_contact = contact or False
    if not contact or not contact.is_active or not contact.is_confirmed or not contact.is_approved:
        return None
    return contact


def is_working_group_admin(user) -> bool:
    """Working-group admins are active staff users (superusers, or members of the admin group)."""
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_portal_wg_admin", None)
    if cached is None:
        cached = user._portal_wg_admin = user.groups.filter(name=ADMIN_GROUP).exists()
    return cached


def can_change(user, record) -> bool:
    """A working-group admin with the model's change permission may change any record;
    an active agency contact may change only records of its own agency."""
    if not getattr(user, "is_authenticated", False):
        return False
    opts = record._meta
    if is_working_group_admin(user) and user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return True
    contact = active_contact(user)
    return contact is not None and getattr(record, "agency_id", None) == contact.agency_id


def can_add(user, model) -> bool:
    """Active agency contacts add `model` records (projects, applications, grant reports…) for their own agency;
    working-group admins with the model's add permission for any agency."""
    opts = model._meta
    return active_contact(user) is not None or (
        is_working_group_admin(user) and user.has_perm(f"{opts.app_label}.add_{opts.model_name}")
    )


def can_create_project(user) -> bool:
    return can_add(user, Project)


def _project_list_queryset(qs: QuerySet) -> QuerySet:
    return qs.select_related("agency").prefetch_related(
        Prefetch("action_lines", queryset=ActionLine.objects.order_by("position")),
        "sdgs",
    )


def published_projects() -> QuerySet:
    """Projects anyone may see."""
    return _project_list_queryset(Project.objects.filter(review_state=ReviewState.PUBLISHED))


def published_project_ids(condition: Q | None = None) -> QuerySet:
    """Ids of the published projects (meeting `condition` on the same project): the only projects a public filter,
    count or figure may join through, so a draft's SDGs, action lines or themes never count. The state and the
    condition are in one `filter()`, so a many-to-many condition holds for the published project itself."""
    condition = Q(review_state=ReviewState.PUBLISHED) & (condition or Q())
    return Project.objects.filter(condition).order_by().values("pk")


def projects_visible_to(user) -> QuerySet:
    """Published projects, plus every project of the user's own agency (or all, for admins)."""
    qs = Project.objects.all()
    if is_working_group_admin(user):
        return _project_list_queryset(qs)
    contact = active_contact(user)
    if contact is None:
        return published_projects()
    return _project_list_queryset(qs.filter(Q(review_state=ReviewState.PUBLISHED) | Q(agency_id=contact.agency_id)))


def projects_editable_by(user) -> QuerySet:
    """The projects `can_change` allows this user to change, as a queryset."""
    if is_working_group_admin(user) and user.has_perm("portal.change_project"):
        return Project.objects.all()
    contact = active_contact(user)
    if contact is None:
        return Project.objects.none()
    return Project.objects.filter(agency_id=contact.agency_id)


def project_ids_of_agency(agency) -> QuerySet:
    """Ids of the projects an agency runs or is a partner in: both through the indexes on agency_id
    (a UNION), not an OR over a join with the partners and a DISTINCT over every column."""
    owned = Project.objects.filter(agency=agency).order_by().values("pk")
    partnered = accepted_partnerships().filter(agency=agency).values("project_id")
    return owned.union(partnered)


# --- Partner agencies -------------------------------------------------------------------------------
# A partner agency named on a project is listed, and may report with the project, once it accepted (one of its
# contacts, or a working-group admin): every public read and every right goes through these.


def accepted_partnerships() -> QuerySet:
    return ProjectPartner.objects.filter(state=PartnershipState.ACCEPTED)


def accepted_partners_prefetch() -> Prefetch:
    """Load the accepted partnerships of listed projects with their agencies, in one query: `accepted_partners`
    reads them."""
    return Prefetch(
        "partnerships",
        queryset=accepted_partnerships().select_related("agency").order_by("agency__slug"),
        to_attr="accepted_partnerships",
    )


def accepted_partners(project: Project) -> list[Agency]:
    """The partner agencies of the project that accepted, by slug (prefetched by `accepted_partners_prefetch`)."""
    rows = getattr(project, "accepted_partnerships", None)
    if rows is None:
        rows = accepted_partnerships().filter(project=project).select_related("agency").order_by("agency__slug")
    return [row.agency for row in rows]


def pending_partnerships(project: Project) -> QuerySet:
    """The partnerships of the project that wait for the partner's answer or were declined (shown to those who
    may change the project)."""
    return (
        project.partnerships.exclude(state=PartnershipState.ACCEPTED).select_related("agency").order_by("agency__slug")
    )


def partnerships_decidable_by(user) -> QuerySet:
    """The partnerships the user may accept or decline: its own agency's (a contact's), every one (a working-group
    admin with the right to change projects); none for anyone else."""
    qs = ProjectPartner.objects.select_related("project__agency", "agency")
    if is_working_group_admin(user) and user.has_perm("portal.change_project"):
        return qs
    contact = active_contact(user)
    if contact is None:
        return qs.none()
    return qs.filter(agency_id=contact.agency_id)


def proposals_to(agency: Agency) -> QuerySet:
    """The partnerships proposed to the agency that wait for its answer, the oldest first."""
    return (
        ProjectPartner.objects.filter(agency=agency, state=PartnershipState.PROPOSED)
        .select_related("project__agency")
        .order_by("proposed_at", "pk")
    )


def materials_visible_to(user, project: Project) -> QuerySet:
    """The project's promotional materials the user sees: every one (with its review state) for those who may
    change the project, the published ones for anyone else."""
    qs = PromoMaterial.objects.filter(project=project).order_by("kind", "title", "pk")
    if can_change(user, project):
        return qs
    return qs.filter(review_state=ReviewState.PUBLISHED)


def agency_contacts(agency_id: int) -> QuerySet:
    """The agency's active contacts with a confirmed and approved account: those who hear of its business."""
    return Contact.objects.filter(
        agency_id=agency_id, is_active=True, confirmed_at__isnull=False, approved_at__isnull=False
    ).order_by("pk")


def report_project_choices(user, agency=None) -> QuerySet:
    """The projects a record an agency reports (an award application, a grant, an event participation) may name:
    those the user sees, narrowed to the ones `agency` runs or is a partner in when the agency is known (a
    contact's own). Whose project it may be is the model's rule (`Project.involves`)."""
    qs = projects_visible_to(user).select_related(None).prefetch_related(None)
    if agency is not None:
        qs = qs.filter(pk__in=project_ids_of_agency(agency))
    return qs.order_by("title", "pk")


def agency_projects(agency: Agency) -> QuerySet:
    """Published projects the agency runs or is a partner in."""
    return published_projects().filter(pk__in=project_ids_of_agency(agency))


def agencies_with_counts() -> QuerySet:
    """Agencies with `published_count`: a correlated subquery, so only the agencies shown are counted, not
    every project of every agency grouped before the page is cut (and `count()` leaves it out)."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    published = (
        Project.objects.filter(agency=OuterRef("pk"), review_state=ReviewState.PUBLISHED)
        .order_by()
        .values("agency")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Agency.objects.select_related("parent").annotate(
        published_count=Coalesce(Subquery(published, output_field=IntegerField()), 0)
    )


def working_group_admin_emails() -> list[str]:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    users = users.filter(Q(is_superuser=True) | Q(groups__name=ADMIN_GROUP)).distinct()
    return sorted(users.values_list("email", flat=True))


def pending_registrations() -> QuerySet:
    """Contacts registered through the portal whose address nobody has confirmed yet: an account that has never
    been active, waiting for the owner of the mailbox to choose its password. A new registration of the address
    replaces it; a password reset confirms it."""
    return Contact.objects.filter(
        confirmed_at__isnull=True, approved_at__isnull=True, user__isnull=False, user__is_active=False
    )


def contacts_awaiting_approval() -> QuerySet:
    return Contact.objects.filter(confirmed_at__isnull=False, approved_at__isnull=True, is_active=True)


# --- Deadlines ------------------------------------------------------------------------------------

# A calendar feed keeps a deadline this many days after it passed: it does not vanish from the
# subscribers' calendars the moment it is due, and they can still look back at what was due lately.
FEED_DAYS_PAST = 30


def _addressed_to(agency_id) -> Q:
    """Deadlines addressed to the agency (a subquery, so a deadline naming several agencies is one row)."""
    named = Deadline.agencies.through.objects.filter(agency_id=agency_id).values("deadline_id")
    return Q(audience=Audience.AGENCIES, pk__in=named)


def deadlines_visible_to(user=None) -> QuerySet:
    """Deadlines for everyone subscribed to a topic are public; one addressed to agencies is seen by the
    active contacts of the agencies it names; working-group admins see every deadline."""
    qs = Deadline.objects.all()
    if is_working_group_admin(user):
        return qs
    contact = active_contact(user)
    if contact is None:
        return qs.filter(audience=Audience.SUBSCRIBERS)
    return qs.filter(Q(audience=Audience.SUBSCRIBERS) | _addressed_to(contact.agency_id))


def upcoming_deadlines(user=None, now: dt.datetime | None = None) -> QuerySet:
    """Open deadlines not yet due that `user` may see (`deadlines_visible_to`), soonest first."""
    now = now or timezone.now()
    return deadlines_visible_to(user).filter(withdrawn_at__isnull=True, due_at__gte=now).order_by("due_at", "pk")


def viewer_time_zone(user) -> str:
    """The zone a page shows times in besides a deadline's own: the active contact's, else the portal's."""
    contact = active_contact(user)
    return contact.time_zone if contact else settings.TIME_ZONE


def _in_feed_window(deadlines: QuerySet, now: dt.datetime | None) -> QuerySet:
    """What a calendar feed carries of `deadlines`: the open ones due in the last `FEED_DAYS_PAST` days or
    later, and the withdrawn ones not yet due (sent as cancelled, so calendar clients remove them)."""
    now = now or timezone.now()
    return deadlines.filter(
        Q(withdrawn_at__isnull=True, due_at__gte=now - dt.timedelta(days=FEED_DAYS_PAST))
        | Q(withdrawn_at__isnull=False, due_at__gte=now)
    ).order_by("due_at", "pk")


def public_feed_deadlines(now: dt.datetime | None = None) -> QuerySet:
    """The public calendar feed: what anyone may see (`deadlines_visible_to`), in the feed's window."""
    return _in_feed_window(deadlines_visible_to(None), now)


def subscription_feed_deadlines(subscription, now: dt.datetime | None = None) -> QuerySet:
    """A contact's private calendar feed: the public deadlines of the subscription's topics and every deadline
    addressed to the contact's agency (whatever its topic, as the alerts do), in the feed's window."""
    mine = Q(audience=Audience.SUBSCRIBERS, topic__in=subscription.topics) | _addressed_to(
        subscription.contact.agency_id
    )
    return _in_feed_window(Deadline.objects.filter(mine), now)


# --- Alerts ---------------------------------------------------------------------------------------


def subscription_of(contact: Contact) -> Subscription | None:
    """The contact's alert subscription, with its contact and lead times loaded."""
    return (
        Subscription.objects.select_related("contact__agency").prefetch_related("leads").filter(contact=contact).first()
    )


def calendar_url(subscription: Subscription) -> str | None:
    """The absolute address of the contact's private calendar feed (None once revoked without a new one)."""
    if not subscription.calendar_token:
        return None
    return settings.SITE_URL + reverse("deadlines_private_ics", kwargs={"token": subscription.calendar_token})


def recent_deliveries(contact: Contact, limit: int = 10) -> QuerySet:
    """The contact's latest alerts, newest first, with their deadlines."""
    return (
        AlertDelivery.objects.filter(contact=contact).select_related("deadline").order_by("-planned_at", "-pk")[:limit]
    )


CALENDAR_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def subscription_for_calendar_token(token: str) -> Subscription | None:
    """The subscription whose private calendar address has this token, if its contact is still an active,
    confirmed, approved contact (a paused subscription keeps its feed); otherwise None."""
    if not CALENDAR_TOKEN.fullmatch(token):
        return None  # not a token we issue (secrets.token_urlsafe); PostgreSQL cannot even compare a NUL
    subscription = Subscription.objects.select_related("contact__agency").filter(calendar_token=token).first()
    if subscription is None:
        return None
    contact = subscription.contact
    if not (contact.is_active and contact.is_confirmed and contact.is_approved):
        return None
    return subscription
