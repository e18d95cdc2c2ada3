"""Pages of circular letters: the list (public ones and those the user may see), a circular's page with the
addressed agency's acknowledgement and answer, "circulars to my agency", and the attachments' downloads. What a user
may see is `selectors.visible_circulars`; who may answer `selectors.can_answer`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from coordination.circulars import dashboard, selectors, services
from coordination.circulars.forms import AnswerForm
from coordination.circulars.models import CircularRecipient
from portal import selectors as portal_selectors
from portal.moments import days_before, days_left_text, format_moment

PAGE_SIZE = 20


def _viewer(request) -> dict:
    return {
        "viewer_tz": portal_selectors.viewer_time_zone(request.user),
        "is_contact": portal_selectors.active_contact(request.user) is not None,
    }


def reply_due(circular, viewer_tz: str) -> dict | None:
    """The reply deadline as a page shows it: in the circular's zone, in the viewer's, and the days left."""
    due_at = circular.reply_due_at
    if due_at is None:
        return None
    now = timezone.now()
    return {
        "at": due_at,
        "own": format_moment(due_at, circular.tz),
        "viewer": format_moment(due_at, viewer_tz),
        "closed": due_at <= now,
        "days_left": days_left_text(days_before(due_at, circular.tz, now)),
    }


@require_safe
def circular_list(request):
    """Public circulars, and those addressed to or sent by the user's agency; a search on reference and subject."""
    qs = selectors.visible_circulars(request.user)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        qs = qs.filter(Q(reference__icontains=query) | Q(subject__icontains=query))
    page = Paginator(qs.order_by("-dated_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    viewer = _viewer(request)
    lines = [(circular, reply_due(circular, viewer["viewer_tz"])) for circular in page]
    return render(
        request, "coordination/circulars/circular_list.html", {"page": page, "lines": lines, "q": query, **viewer}
    )


@login_required
@require_safe
def circular_mine(request):
    """“Circulars to my agency”: what each asks, by when, and the agency's state. For an agency's contacts."""
    contact = portal_selectors.active_contact(request.user)
    if contact is None:
        raise PermissionDenied
    page = Paginator(selectors.circulars_to_agency(contact.agency), PAGE_SIZE).get_page(request.GET.get("page"))
    viewer = _viewer(request)
    lines = [(row, reply_due(row.circular, viewer["viewer_tz"])) for row in page]
    return render(
        request,
        "coordination/circulars/circular_mine.html",
        {"page": page, "lines": lines, "agency": contact.agency, **viewer},
    )


def _visible(request, pk):
    return get_object_or_404(selectors.visible_circulars(request.user), pk=pk)


def _detail(request, circular, form=None):
    viewer = _viewer(request)
    recipient = selectors.recipient_for(request.user, circular)
    may_answer = recipient is not None and selectors.can_answer(request.user, recipient)
    if may_answer and form is None:
        form = AnswerForm(recipient=recipient)
    return render(
        request,
        "coordination/circulars/circular_detail.html",
        {
            "circular": circular,
            "due": reply_due(circular, viewer["viewer_tz"]),
            "attachments": list(circular.attachments.all()),
            "recipient": recipient,
            "recipient_attachments": list(recipient.attachments.all()) if recipient else [],
            "recipient_applications": list(recipient.applications.select_related("edition__programme", "project"))
            if recipient
            else [],
            "may_answer": may_answer,
            "form": form if may_answer else None,
            "contact_details": selectors.can_see_contact_details(request.user),
            "may_watch": circular.is_sent and dashboard.can_watch(request.user, circular),
            **viewer,
        },
    )


@require_safe
def circular_detail(request, pk):
    return _detail(request, _visible(request, pk))


def _own_row(request, pk) -> CircularRecipient:
    """The user's agency's row on a circular the user sees (404 otherwise); 403 when it may not be answered."""
    circular = _visible(request, pk)
    recipient = selectors.recipient_for(request.user, circular)
    if recipient is None:
        if portal_selectors.is_working_group_admin(request.user):
            raise PermissionDenied  # admins record an agency's answer in the back-office
        raise Http404
    if not selectors.can_answer(request.user, recipient):
        raise PermissionDenied
    return recipient


@login_required
@require_POST
def circular_acknowledge(request, pk):
    recipient = _own_row(request, pk)
    services.acknowledge(recipient, request.user)
    messages.success(request, _("Your agency's receipt of the circular is noted."))
    return redirect("coordination:circular", pk=pk)


@login_required
@require_POST
def circular_answer(request, pk):
    recipient = _own_row(request, pk)
    form = AnswerForm(request.POST, request.FILES, recipient=recipient)
    if form.is_valid():
        try:
            services.answer(
                recipient,
                request.user,
                form.cleaned_data["answer"],
                nothing_to_report=form.cleaned_data["nothing_to_report"],
                applications=form.cleaned_data.get("applications") or (),
                attachments=form.attachments(),
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("Your agency's answer is recorded."))
            return redirect("coordination:circular", pk=pk)
    return _detail(request, recipient.circular, form=form)


def _file_response(file_field):
    try:
        handle = file_field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=file_field.name.rsplit("/", 1)[-1])


@require_safe
def circular_attachment(request, pk, attachment):
    """A circular's attachment, to those who may see the circular."""
    found = selectors.visible_attachment(request.user, attachment)
    if found is None or found.circular_id != pk:
        raise Http404
    return _file_response(found.file)


@require_safe
def circular_reply_attachment(request, pk, attachment):
    """An answer's attachment, to the answering agency's and the sender's contacts and admins."""
    found = selectors.visible_reply_attachment(request.user, attachment)
    if found is None or found.recipient.circular_id != pk:
        raise Http404
    return _file_response(found.file)
