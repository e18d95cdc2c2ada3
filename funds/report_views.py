"""Pages where agency contacts report the grants their agency received: the list of their reports, the form and
the submission of a draft for review. Working-group admins see and change every agency's."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from funds import selectors, services
from funds.models import Grant, GrantState
from funds.report_forms import GrantReportForm, ReportFilterForm
from portal import selectors as portal_selectors

PAGE_SIZE = 20


@login_required
def report_list(request):
    """The grants the user reports (`selectors.grant_reports`), the latest changed first, by state."""
    reports = selectors.grant_reports(request.user)
    filter_form = ReportFilterForm(request.GET)
    if filter_form.is_valid():
        state = filter_form.cleaned_data["state"]
        qs = reports.filter(state=state) if state else reports
    else:
        qs = reports.none()
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    contact = portal_selectors.active_contact(request.user)
    return render(
        request,
        "funds/report_list.html",
        {
            "filter_form": filter_form,
            "page": page,
            "rows": [(grant, portal_selectors.can_change(request.user, grant)) for grant in page],
            "draft": GrantState.DRAFT,
            "is_admin": portal_selectors.is_working_group_admin(request.user),
            "agency": None if contact is None else contact.agency,
            "can_report": selectors.can_report_grants(request.user),
        },
    )


@login_required
def report_edit(request, pk=None):
    """Report a new grant (`pk` None) or change a reported one. A contact's is its own agency's and goes back to
    draft when changed after submission; a working-group admin chooses the agency. `services.save_grant` saves
    it: its refusals are the form's errors."""
    if pk is None:
        if not selectors.can_report_grants(request.user):
            raise PermissionDenied
        grant = Grant()
    else:
        grant = get_object_or_404(selectors.grant_reports(request.user), pk=pk)
        if not portal_selectors.can_change(request.user, grant):
            raise PermissionDenied
    was_draft = grant.pk is None or grant.state == GrantState.DRAFT
    shown = copy.copy(grant) if pk else None  # the heading names the grant as saved, not as typed
    contact = portal_selectors.active_contact(request.user)
    admin = portal_selectors.is_working_group_admin(request.user)
    agency = None if admin or contact is None else contact.agency
    data = request.POST if request.method == "POST" else None
    form = GrantReportForm(data, instance=grant, user=request.user, agency=agency)
    if data is not None and form.is_valid():
        try:
            saved = services.save_grant(request.user, form.instance, form.service_data())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            if not was_draft and saved.state == GrantState.DRAFT:
                messages.success(request, _("The grant is saved as a draft again: submit it for review once more."))
            else:
                messages.success(request, _("The grant is saved."))
            return redirect("funds:reports")
    return render(
        request,
        "funds/report_form.html",
        {"form": form, "grant": shown, "draft": GrantState.DRAFT, "is_admin": admin},
    )


@login_required
@require_POST
def report_submit(request, pk):
    """Send a draft to the working group for review (`services.submit_grant`)."""
    grant = get_object_or_404(selectors.grant_reports(request.user), pk=pk)
    try:
        services.submit_grant(request.user, grant)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The grant is submitted to the working group for review."))
    return redirect("funds:reports")
