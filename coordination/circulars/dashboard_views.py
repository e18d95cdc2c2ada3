"""A circular's dashboard for the sender agency and the working group: who answered (on time, late, nothing to
report), who acknowledged, who is still pending or overdue, a chart beside the table, the CSV and XLSX of the
recipients and their answers, and the button that reminds those who have not answered. Who may watch a circular is
`dashboard.can_watch`; a circular the user does not see at all is a 404, one the user sees but may not watch a 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from coordination.circulars import dashboard, exports, reminders, selectors
from coordination.circulars.views import reply_due
from portal import charts
from portal.selectors import viewer_time_zone


def _watched(request, pk):
    circular = get_object_or_404(selectors.visible_circulars(request.user), pk=pk)
    if not dashboard.can_watch(request.user, circular):
        raise PermissionDenied
    return circular


def bucket_labels() -> dict[str, str]:
    """The dashboard's name of each bucket, in the active language."""
    return {
        dashboard.ANSWERED_ON_TIME: _("Answered on time"),
        dashboard.ANSWERED_LATE: _("Answered late"),
        dashboard.NOTHING_TO_REPORT: _("Nothing to report"),
        dashboard.ACKNOWLEDGED: _("Acknowledged, not answered"),
        dashboard.PENDING: _("Pending"),
    }


@login_required
@require_safe
def circular_dashboard(request, pk):
    """The dashboard; `?format=csv` or `?format=xlsx` downloads the same rows."""
    circular = _watched(request, pk)
    now = timezone.now()
    lines = dashboard.lines(circular, now)
    kind = request.GET.get("format")
    if kind in exports.CONTENT_TYPES:
        response = HttpResponse(exports.export(circular, lines, kind), content_type=exports.CONTENT_TYPES[kind])
        response["Content-Disposition"] = f'attachment; filename="{exports.filename(circular, kind)}"'
        return response
    counts = dashboard.counts(lines)
    labels = bucket_labels()
    return render(
        request,
        "coordination/circulars/dashboard.html",
        {
            "circular": circular,
            "rows": [(line, labels[line.bucket]) for line in lines],
            "counts": counts,
            "buckets": [(name, labels[name], value) for name, value in counts.by_bucket()],
            "chart": charts.row_chart([(labels[name], value) for name, value in counts.by_bucket()]),
            "due": reply_due(circular, viewer_time_zone(request.user)),
            "may_remind": circular.is_sent,
        },
    )


@login_required
@require_POST
def circular_remind(request, pk):
    """Remind now the addressed agencies that have not answered (each at most once a day), then back to the
    dashboard, which says how many were reminded."""
    circular = _watched(request, pk)
    try:
        reminded = reminders.remind_unanswered(circular, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if reminded:
            messages.success(
                request,
                ngettext(
                    "%(count)d agency that has not answered was reminded.",
                    "%(count)d agencies that have not answered were reminded.",
                    reminded,
                )
                % {"count": reminded},
            )
        else:
            messages.info(
                request,
                _(
                    "No agency was reminded: every agency has answered, was reminded in the last 24 hours or has no "
                    "contact to write to."
                ),
            )
    return redirect("coordination:circular_dashboard", pk=pk)
