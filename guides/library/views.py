"""Pages of the library: the library itself (guides/views.py's index uses `library_context`), a guide's page in the
reader's language, its old versions at their own addresses, the difference between two versions, its files, and the
form a contact proposes or changes a guide with. What a user sees is `selectors.visible_guides`; who may change a
guide `selectors.may_edit`; every write goes through `services`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guides.library import selectors, services
from guides.library.forms import CompareForm, GuideForm, LibraryFilterForm
from guides.library.models import Audience, Guide, GuideKind, Subtopic
from portal import reviews
from portal import selectors as portal_selectors
from portal.reviews import revisions


def _visible(request, slug) -> Guide:
    return get_object_or_404(selectors.visible_guides(request.user), slug=slug)


def library_context(request) -> dict:
    """The library: the guides the user sees, filtered, grouped by sub-topic; the published guides' counts by
    sub-topic and kind under the same filters (drafts never counted)."""
    form = LibraryFilterForm(request.GET or None)
    guides = selectors.visible_guides(request.user)
    if form.is_bound and not form.is_valid():
        shown, counted = guides.none(), guides.none()
    else:
        shown = form.filter(guides) if form.is_bound else guides
        counted = form.filter(selectors.published_guides()) if form.is_bound else selectors.published_guides()
    rows = list(shown.order_by("title", "pk"))
    wanted = form.cleaned_data.get("subtopic") if form.is_bound and form.is_valid() else ""
    groups = []
    for code, label in Subtopic.choices:
        if wanted and code != wanted:
            continue
        members = [guide for guide in rows if code in guide.subtopics]
        if members:
            groups.append({"code": code, "label": label, "guides": members})
    counts = selectors.counts(counted)
    return {
        "form": form,
        "groups": groups,
        "total": len(rows),
        "counts": counts,
        "subtopic_counts": [(code, label, counts["subtopic"][code]) for code, label in Subtopic.choices],
        "kind_counts": [(code, label, counts["kind"][code]) for code, label in GuideKind.choices],
        "may_propose": portal_selectors.active_contact(request.user) is not None,
        "now": timezone.now(),
    }


def _served(request, guide: Guide) -> list[tuple[str, str, str]]:
    """What the guide serves, as (label, name, address) the reader may follow."""
    from django.urls import reverse

    served = []
    if guide.award_programme_id:
        programme = guide.award_programme
        served.append((_("Award programme"), str(programme), reverse("awards:programme", args=[programme.slug])))
    if guide.award_edition_id:
        served.append(
            (_("Award edition"), str(guide.award_edition), reverse("awards:edition", args=[guide.award_edition_id]))
        )
    if guide.fund_programme_id:
        programme = guide.fund_programme
        served.append((_("Funding programme"), str(programme), reverse("funds:programme", args=[programme.slug])))
    if guide.fund_call_id:
        served.append((_("Funding call"), str(guide.fund_call), reverse("funds:call", args=[guide.fund_call_id])))
    if guide.event_id:
        served.append((_("Event"), str(guide.event), reverse("events:detail", args=[guide.event.slug])))
    if guide.circular_id:
        from coordination.circulars.selectors import visible_circulars

        if visible_circulars(request.user).filter(pk=guide.circular_id).exists():
            served.append(
                (_("Circular letter"), str(guide.circular), reverse("coordination:circular", args=[guide.circular_id]))
            )
    return served


def _reading(guide_or_version, lang: str) -> dict:
    """The title, summary and body of a guide or a version in `lang` (falling back), with its table of contents."""
    title, title_lang = selectors.in_language(guide_or_version, "title", lang)
    summary, _summary_lang = selectors.in_language(guide_or_version, "summary", lang)
    body_html, body_lang = selectors.in_language(guide_or_version, "body_html", lang)
    body, toc = selectors.table_of_contents(body_html)
    return {
        "title": title,
        "title_lang": title_lang,
        "summary": summary,
        "body": body,
        "body_lang": body_lang,
        "toc": toc,
        "fallback": body_html != "" and body_lang != lang,
    }


def _guide_context(request, guide: Guide) -> dict:
    lang = translation.get_language()
    may_edit = selectors.may_edit(request.user, guide)
    is_admin = portal_selectors.is_working_group_admin(request.user)
    return {
        "guide": guide,
        "versions": list(selectors.visible_versions(request.user, guide)),
        "attachments": selectors.visible_attachments(request.user, guide),
        "served": _served(request, guide),
        "subtopic_labels": [(code, label) for code, label in Subtopic.choices if code in guide.subtopics],
        "audience_labels": [label for code, label in Audience.choices if code in guide.audience],
        "language_names": [(code, name) for code, name in _languages() if code in guide.languages],
        "may_edit": may_edit,
        "is_admin": is_admin,
        "out_of_date": selectors.is_out_of_date(guide, timezone.now()),
        "review_due_at": selectors.review_due_at(guide),
        "revision_status": revisions.status_of(guide) if may_edit and guide.is_published and not is_admin else None,
        **_reading(guide, lang),
    }


def _languages():
    from django.conf import settings

    return settings.LANGUAGES


@require_safe
def guide_detail(request, slug):
    """A guide in the reader's language (else English, Turkish…), with its table of contents, what it serves, its
    files and its versions; flagged when its review-by date has passed."""
    guide = _visible(request, slug)
    return render(request, "guides/library/guide_detail.html", _guide_context(request, guide))


@require_safe
def version_detail(request, slug, number):
    """A version of a guide as it was published, at its own address; an old one says so and links the current."""
    guide = _visible(request, slug)
    version = get_object_or_404(selectors.visible_versions(request.user, guide), number=number)
    lang = translation.get_language()
    return render(
        request,
        "guides/library/version_detail.html",
        {
            "guide": guide,
            "version": version,
            "is_current": version.number == guide.version and guide.is_published,
            "versions": list(selectors.visible_versions(request.user, guide)),
            **_reading(version, lang),
        },
    )


@require_safe
def compare(request, slug):
    """The difference between two versions of a guide in one language, inline or side by side."""
    guide = _visible(request, slug)
    versions = {v.number: v for v in selectors.visible_versions(request.user, guide)}
    numbers = sorted(versions)
    form = CompareForm(request.GET or None, numbers=numbers)
    if not form.is_bound and len(numbers) >= 2:
        form = CompareForm(
            {"from": numbers[-2], "to": numbers[-1], "language": translation.get_language(), "view": "inline"},
            numbers=numbers,
        )
    difference = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        difference = selectors.difference(versions[data["from"]], versions[data["to"]], data["language"])
    return render(
        request,
        "guides/library/compare.html",
        {
            "guide": guide,
            "form": form,
            "difference": difference,
            "view": form.cleaned_data.get("view", "inline") if difference else "inline",
            "old": versions.get(form.cleaned_data.get("from")) if difference else None,
            "new": versions.get(form.cleaned_data.get("to")) if difference else None,
            "enough": len(numbers) >= 2,
        },
        status=400 if form.is_bound and form.errors and request.GET else 200,
    )


@require_safe
def attachment(request, slug, pk):
    """A guide's file, downloaded as an attachment, to those who see the guide (a draft's files: its agency and the
    working group)."""
    found = selectors.visible_attachment(request.user, slug, pk)
    if found is None:
        raise Http404
    try:
        handle = found.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=found.file.name.rsplit("/", 1)[-1])


def _form_page(request, guide: Guide | None):
    is_admin = portal_selectors.is_working_group_admin(request.user)
    contact = portal_selectors.active_contact(request.user)
    record = guide or Guide()
    status = revisions.status_of(record) if record.pk and record.is_published and not is_admin else None
    shown = record
    if status is not None and status.waiting is not None:
        shown, _m2m = revisions.proposed_version(record, status.waiting)
    data = request.POST if request.method == "POST" else None
    form = GuideForm(
        data,
        request.FILES if data is not None else None,
        instance=shown,
        user=request.user,
        agency=None if is_admin or contact is None else contact.agency,
    )
    if data is not None and form.is_valid():
        try:
            saved = services.save_guide(request.user, record, form.service_data(), attachments=form.attachment_items())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            if reviews.waiting_change(saved) is not None:
                messages.success(request, _("Your changes are waiting for review by the working group."))
            elif saved.is_published:
                messages.success(request, _("The guide is saved."))
            else:
                messages.success(request, _("The guide is saved as a draft: submit it for review when it is ready."))
            return redirect("guides:guide", slug=saved.slug)
    return render(
        request,
        "guides/library/guide_form.html",
        {"form": form, "guide": guide, "is_admin": is_admin, "revision_status": status},
    )


@login_required
def propose(request):
    """A contact proposes a guide for its own agency (a draft, seen only by the agency and the working group)."""
    if not portal_selectors.can_add(request.user, Guide):
        raise PermissionDenied
    return _form_page(request, None)


@login_required
def edit(request, slug):
    """A contact changes its agency's guide: a draft directly; a published one as changes waiting for review."""
    guide = _visible(request, slug)
    if not selectors.may_edit(request.user, guide):
        raise PermissionDenied
    return _form_page(request, guide)


@login_required
@require_POST
def submit(request, slug):
    """Send a draft guide (or one sent back) to the working group for review."""
    guide = _visible(request, slug)
    if not selectors.may_edit(request.user, guide):
        raise PermissionDenied
    try:
        services.submit_guide(request.user, guide)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The guide is submitted to the working group for review."))
    return redirect("guides:guide", slug=guide.slug)
