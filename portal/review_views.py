"""The review queue of the working group: everything agencies submitted for review, whatever its kind, the oldest
first, with counts per kind; each record published or sent back with a comment from here (the same steps as the
admin's actions, `portal.reviews`), and how the admin hears of new submissions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import reviews, selectors
from portal.forms import RequestChangesForm, ReviewerSettingsForm
from portal.reviews import decisions, notices, revisions, verifications
from portal.reviews.diffs import describe
from portal.reviews.selectors import Revisions, source_keys, waiting, waiting_counts, waiting_page


def _reviewer(request) -> None:
    if not selectors.is_working_group_admin(request.user):
        raise PermissionDenied


def _back(request) -> str:
    """The queue as the admin left it (its kind and page), from the form's hidden fields."""
    url = reverse("review_queue")
    kind = request.POST.get("kind", "")
    page = request.POST.get("page", "")
    query = "&".join(
        part
        for part in (
            f"kind={kind}" if kind in source_keys() else "",
            f"page={page}" if page.isascii() and page.isdigit() else "",
        )
        if part
    )
    return f"{url}?{query}" if query else url


@login_required
def review_queue(request):
    _reviewer(request)
    kind_key = request.GET.get("kind", "")
    if kind_key not in source_keys():
        kind_key = ""
    page = waiting_page(request.GET.get("page"), kind_key=kind_key)
    prefs = notices.settings_of(request.user)
    return render(
        request, "portal/review_queue.html", _queue_context(page, kind_key, ReviewerSettingsForm(instance=prefs))
    )


def _queue_context(page, kind_key: str, settings_form) -> dict:
    return {
        "counts": waiting_counts(),
        "revisions": Revisions(),
        "revision_count": Revisions().count(),
        "kind_key": kind_key,
        "page": page,
        "comment_form": RequestChangesForm(),
        "settings_form": settings_form,
        "verifications": verifications.waiting_verification(),
    }


def _record(kind_key: str, pk: int):
    kind = reviews.kind_by_key(kind_key)
    if kind is None:
        raise Http404
    return get_object_or_404(waiting(kind).select_related(None), pk=pk)


@login_required
@require_POST
def review_publish(request, kind, pk):
    _reviewer(request)
    record = _record(kind, pk)
    try:
        reviews.publish_reported(request.user, record)
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("Published: %(record)s.") % {"record": record})
    return redirect(_back(request))


@login_required
@require_POST
def review_send_back(request, kind, pk):
    _reviewer(request)
    record = _record(kind, pk)
    form = RequestChangesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what should change: %(record)s was not sent back.") % {"record": record})
        return redirect(_back(request))
    try:
        reviews.request_changes(request.user, record, form.cleaned_data["comment"])
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("Sent back with your comment: %(record)s.") % {"record": record})
    return redirect(_back(request))


@login_required
@require_POST
def review_verify(request, kind, pk):
    """Verify a reported fact against its evidence (an award result): it becomes public."""
    _reviewer(request)
    source = verifications.source_by_key(kind)
    if source is None:
        raise Http404
    record = get_object_or_404(source.waiting(), pk=pk)
    try:
        source.verify(request.user, record)
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", None) or [str(exc)]))
    else:
        messages.success(request, _("Verified against the evidence: %(record)s.") % {"record": record})
    return redirect(f"{_back(request)}#verification")


@login_required
@require_POST
def review_settings(request):
    _reviewer(request)
    prefs = notices.settings_of(request.user)
    form = ReviewerSettingsForm(request.POST, instance=prefs)
    if form.is_valid():
        try:
            notices.save_settings(request.user, **form.service_data())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Your review notices are saved."))
            return redirect("review_queue")
    return render(request, "portal/review_queue.html", _queue_context(waiting_page(1), "", form))


# --- Changes to published records --------------------------------------------------------------------------------


def _revision(request, pk):
    """The revision if the user may see it (a working-group admin, or a contact of its agency); 404 otherwise."""
    return get_object_or_404(revisions.visible_to(request.user).select_related("agency", "author"), pk=pk)


@login_required
def review_revision(request, pk):
    """A change to a published record, field by field; working-group admins accept it or send it back from here,
    the record's own contacts see what waits."""
    revision = _revision(request, pk)
    [item] = describe([revision])
    return render(
        request,
        "portal/review_revision.html",
        {
            "item": item,
            "may_decide": revision.is_pending and reviews.may_decide(request.user, item.kind.model),
            "comment_form": RequestChangesForm(),
        },
    )


def _decision(request, pk):
    revision = _revision(request, pk)
    if not reviews.may_decide(request.user, revision.content_type.model_class()):
        raise PermissionDenied
    return revision


@login_required
@require_POST
def review_revision_accept(request, pk):
    revision = _decision(request, pk)
    try:
        record = decisions.accept_revision(request.user, revision)
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("review_revision", pk=revision.pk)
    messages.success(request, _("Changes accepted and published: %(record)s.") % {"record": record})
    return redirect(_back(request))


@login_required
@require_POST
def review_revision_send_back(request, pk):
    revision = _decision(request, pk)
    form = RequestChangesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what should change: the changes were not sent back."))
        return redirect("review_revision", pk=revision.pk)
    try:
        decisions.send_back_revision(request.user, revision, form.cleaned_data["comment"])
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("review_revision", pk=revision.pk)
    messages.success(request, _("Changes sent back with your comment: %(record)s.") % {"record": revision.record})
    return redirect(_back(request))
