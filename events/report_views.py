"""Pages where agency contacts report their agency's participations in events: the list of their reports, the
form and the submission of a draft for review. Working-group admins see and change every agency's."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import selectors, services
from events.models import EventParticipation, ParticipationState
from events.report_forms import ParticipationReportForm, ReportFilterForm
from portal import selectors as portal_selectors

PAGE_SIZE = 20


@login_required
def report_list(request):
    """The participations the user reports (`selectors.participation_reports`), the latest changed first, by
    state."""
    reports = selectors.participation_reports(request.user)
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
        "events/report_list.html",
        {
            "filter_form": filter_form,
            "page": page,
            "rows": [
                (participation, portal_selectors.can_change(request.user, participation)) for participation in page
            ],
            "draft": ParticipationState.DRAFT,
            "is_admin": portal_selectors.is_working_group_admin(request.user),
            "agency": None if contact is None else contact.agency,
            "can_report": selectors.can_report_participations(request.user),
        },
    )


@login_required
def report_edit(request, pk=None):
    """Report a new participation (`pk` None; `?event=<slug>` chooses its event) or change a reported one. A
    contact's is its own agency's and goes back to draft when changed after submission; a working-group admin
    chooses the agency. `services.save_participation` saves it: its refusals are the form's errors."""
    initial = {}
    if pk is None:
        if not selectors.can_report_participations(request.user):
            raise PermissionDenied
        participation = EventParticipation()
        if slug := request.GET.get("event"):
            event = selectors.participation_events().filter(slug=slug).first()
            if event is not None:
                initial["event"] = event.pk
    else:
        participation = get_object_or_404(selectors.participation_reports(request.user), pk=pk)
        if not portal_selectors.can_change(request.user, participation):
            raise PermissionDenied
    was_draft = participation.pk is None or participation.state == ParticipationState.DRAFT
    shown = copy.copy(participation) if pk else None  # the heading names the participation as saved, not as typed
    contact = portal_selectors.active_contact(request.user)
    admin = portal_selectors.is_working_group_admin(request.user)
    agency = None if admin or contact is None else contact.agency
    data = request.POST if request.method == "POST" else None
    form = ParticipationReportForm(data, instance=participation, initial=initial, user=request.user, agency=agency)
    if data is not None and form.is_valid():
        try:
            saved = services.save_participation(request.user, form.instance, form.service_data())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            if not was_draft and saved.state == ParticipationState.DRAFT:
                messages.success(
                    request, _("The participation is saved as a draft again: submit it for review once more.")
                )
            else:
                messages.success(request, _("The participation is saved."))
            return redirect("events:participations")
    return render(
        request,
        "events/report_form.html",
        {"form": form, "participation": shown, "draft": ParticipationState.DRAFT, "is_admin": admin},
    )


@login_required
@require_POST
def report_submit(request, pk):
    """Send a draft to the working group for review (`services.submit_participation`)."""
    participation = get_object_or_404(selectors.participation_reports(request.user), pk=pk)
    try:
        services.submit_participation(request.user, participation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The participation is submitted to the working group for review."))
    return redirect("events:participations")
