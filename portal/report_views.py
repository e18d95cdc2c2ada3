"""The pages where agency contacts report their agency's records (grants received, event participations, award
applications…) — the list of their reports, the form, the submission for review — one set for every kind: an area
describes its kind in a `ReportPages` and routes the three views to it. Working-group admins see and change every
agency's. Saving and submitting go through the kind's service (the review workflow, `portal.reviews`)."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable

import django_filters
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from portal import reviews, selectors
from portal.models import ReviewState
from portal.reviews import revisions

PAGE_SIZE = 20


@dataclasses.dataclass(frozen=True)
class ReportTexts:
    """The kind's words on its pages (lazy translations)."""

    title: str  # the list, for working-group admins: "Reported grants"
    own_title: str  # the list, for a contact: "My agency's grants"
    admin_lead: str
    own_lead: str  # with %(agency)s
    about: str  # what happens to a report
    add: str  # the button: "Report a grant"
    add_title: str  # the form of a new one
    edit_title: str
    form_about: str  # above the form
    count: Callable[[int], str]  # "3 grants"
    none: str  # no report matches the filters
    saved: str
    saved_as_draft: str  # a submitted or published one changed by a contact
    submitted: str
    filter_label: str  # the filter form's accessible name


class ReviewStateFilter(django_filters.FilterSet):
    """The reports' filter: a review state (`?state=`)."""

    state = django_filters.ChoiceFilter(
        label=_("State"), field_name="review_state", choices=ReviewState.choices, empty_label=_("Any state")
    )


@dataclasses.dataclass(frozen=True)
class ReportPages:
    """A kind's report pages. `namespace` is the area's URL namespace, the four routes named by `routes`;
    `reports(user)` the records the user reports (`portal.reviews.reports_of`), in the list's order;
    `save(user, record, data)` and `submit(user, record)` the kind's services. `row_template` renders the table's
    head (`head` true) or one row (`record`, `may_change`, `is_admin`, `agency`). Hooks: `initial(request, form)`
    preselects values of a new record from the query; `narrow(filterset)` adjusts the filter form and returns
    extra context (a `notice_template` to show above the filters); `saved_url(record)` where the form leads after
    saving."""

    model: type
    form_class: type
    namespace: str
    reports: Callable[[object], QuerySet]
    save: Callable
    submit: Callable
    texts: ReportTexts
    row_template: str
    filterset_class: type = ReviewStateFilter
    routes: tuple[str, str, str, str] = ("reports", "report_create", "report_edit", "report_submit")
    links: tuple[tuple[str, str], ...] = ()  # (label, URL name) of the pages a list links to
    initial: Callable | None = None
    narrow: Callable | None = None
    saved_url: Callable | None = None

    def url_name(self, which: int) -> str:
        return f"{self.namespace}:{self.routes[which]}"

    def can_report(self, user) -> bool:
        return selectors.can_add(user, self.model)


def _agency_of(user):
    """The contact's own agency, or None for a working-group admin (who chooses it) and anyone else."""
    contact = selectors.active_contact(user)
    return None if selectors.is_working_group_admin(user) or contact is None else contact.agency


@login_required
def report_list(request, pages: ReportPages):
    """The records the user reports, filtered (a malformed filter shows its error and no record)."""
    reports = pages.reports(request.user)
    filterset = pages.filterset_class(request.GET, queryset=reports)
    extra = pages.narrow(filterset) if pages.narrow else {}
    qs = filterset.qs if filterset.is_valid() else reports.none()
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    contact = selectors.active_contact(request.user)
    is_admin = selectors.is_working_group_admin(request.user)
    agency = None if contact is None else contact.agency
    own_lead = pages.texts.own_lead % {"agency": agency.name} if agency else ""
    lead = pages.texts.admin_lead if is_admin else own_lead
    return render(
        request,
        "reports/report_list.html",
        {
            "pages": pages,
            "texts": pages.texts,
            "lead": lead,
            "count": pages.texts.count(page.paginator.count),
            "filter": filterset,
            "page": page,
            "rows": [(record, selectors.can_change(request.user, record)) for record in page],
            "is_admin": is_admin,
            "agency": agency,
            "can_report": pages.can_report(request.user),
            "list_url": reverse(pages.url_name(0)),
            "create_url": reverse(pages.url_name(1)),
            "links": [(label, reverse(name)) for label, name in pages.links],
            "edit_name": pages.url_name(2),
            "submit_name": pages.url_name(3),
            **extra,
        },
    )


@login_required
def report_edit(request, pages: ReportPages, pk=None):
    """Report a new record (`pk` None) or change a reported one. A contact's is its own agency's and goes back to
    draft when changed after submission; a working-group admin chooses the agency. The kind's service saves it:
    its refusals are the form's errors."""
    if pk is None:
        if not pages.can_report(request.user):
            raise PermissionDenied
        record = pages.model()
    else:
        record = get_object_or_404(pages.reports(request.user), pk=pk)
        if not selectors.can_change(request.user, record):
            raise PermissionDenied
    was_reviewed = record.pk is not None and record.review_state in (ReviewState.SUBMITTED, ReviewState.PUBLISHED)
    shown = copy.copy(record) if pk else None  # the heading names the record as saved, not as typed
    # A published record: the form shows its pending changes, if any (saving again updates them).
    is_admin = selectors.is_working_group_admin(request.user)
    status = revisions.status_of(record) if record.pk and record.is_published and not is_admin else None
    if status is not None and status.waiting is not None:
        record, _m2m = revisions.proposed_version(record, status.waiting)
    data = request.POST if request.method == "POST" else None
    form = pages.form_class(data, instance=record, user=request.user, agency=_agency_of(request.user))
    if data is None and pk is None and pages.initial:
        form.initial.update(pages.initial(request, form))
    if data is not None and form.is_valid():
        try:
            saved = pages.save(request.user, form.instance, form.service_data())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            if reviews.waiting_change(saved) is not None:
                messages.success(request, _("Your changes are waiting for review by the working group."))
            elif was_reviewed and saved.is_draft:
                messages.success(request, pages.texts.saved_as_draft)
            else:
                messages.success(request, pages.texts.saved)
            return redirect(pages.saved_url(saved) if pages.saved_url else reverse(pages.url_name(0)))
    return render(
        request,
        "reports/report_form.html",
        {
            "pages": pages,
            "texts": pages.texts,
            "form": form,
            "record": shown,
            "revision_status": status,
            "is_admin": is_admin,
            "list_url": reverse(pages.url_name(0)),
        },
    )


@login_required
@require_POST
def report_submit(request, pages: ReportPages, pk):
    """Send a draft (or a record sent back for changes) to the working group for review."""
    record = get_object_or_404(pages.reports(request.user), pk=pk)
    try:
        pages.submit(request.user, record)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, pages.texts.submitted)
    return redirect(pages.url_name(0))


def report_routes(pages: ReportPages, prefix: str) -> list:
    """The four routes of a kind's report pages under `prefix` (e.g. "reports/"), named by `pages.routes`."""
    names = pages.routes
    return [
        path(prefix, report_list, {"pages": pages}, name=names[0]),
        path(f"{prefix}new/", report_edit, {"pages": pages}, name=names[1]),
        path(f"{prefix}<int:pk>/edit/", report_edit, {"pages": pages}, name=names[2]),
        path(f"{prefix}<int:pk>/submit/", report_submit, {"pages": pages}, name=names[3]),
    ]
