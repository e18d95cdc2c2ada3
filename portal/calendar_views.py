"""The calendar of every upcoming deadline: page, public and private iCalendar feeds; /healthz."""

import hashlib
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from portal import health, ics, selectors
from portal.filters import DeadlineFilter
from portal.models import Topic

PAGE_SIZE = 20
# Calendar clients poll; a feed may be kept this long by them and by caches in between.
FEED_MAX_AGE = 15 * 60


def by_month(deadlines) -> list[tuple]:
    """(first day of the month, deadlines) in order; the month of a deadline's date in its own zone, as the
    month filter counts it."""
    months: dict = {}
    for deadline in deadlines:
        month = deadline.due_at.astimezone(ZoneInfo(deadline.tz)).date().replace(day=1)
        months.setdefault(month, []).append(deadline)
    return list(months.items())


def _feed_url(topic: str | None) -> str:
    query = {"topic": topic} if topic else {}
    query["lang"] = translation.get_language()
    return reverse("deadlines_ics") + "?" + urlencode(query)


def deadline_list(request):
    visible = selectors.upcoming_deadlines(request.user)
    filterset = DeadlineFilter(request.GET, queryset=visible)
    valid = filterset.is_valid()
    page = Paginator(filterset.qs if valid else visible.none(), PAGE_SIZE).get_page(request.GET.get("page"))
    topic = filterset.form.cleaned_data.get("topic") if valid else None
    return render(
        request,
        "portal/deadline_list.html",
        {
            "filter": filterset,
            "page": page,
            "months": by_month(page.object_list),
            "viewer_tz": selectors.viewer_time_zone(request.user),
            "is_contact": selectors.active_contact(request.user) is not None,
            "topic": topic,
            "feed_url": _feed_url(topic),
            "feed_days_past": selectors.FEED_DAYS_PAST,
        },
    )


def _calendar(body: bytes, language: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    response["Content-Language"] = language
    return response


@require_safe
def public_ics(request):
    """`?topic=` one topic; `?lang=` (else Accept-Language) the language of titles and texts."""
    filterset = DeadlineFilter({"topic": request.GET.get("topic", "")}, queryset=selectors.public_feed_deadlines())
    if not filterset.is_valid():
        errors = "\n".join(f"{field}: {' '.join(messages)}" for field, messages in filterset.errors.items())
        return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
    topic = filterset.form.cleaned_data.get("topic")
    name = _("Deadlines · %(portal)s") % {"portal": _("International Promotion Portal")}
    if topic:
        name = f"{name} · {Topic(topic).label}"
    language = translation.get_language()
    body = ics.build(filterset.qs, name=name, uid=f"deadlines-{topic or 'all'}-{language}@{ics.host()}")
    response = _calendar(body, language)
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response


@require_safe
def private_ics(request, token):
    """A contact's own feed, by the secret token in its address (a bearer address: no login, as calendar
    clients have none). Nothing personal in it: the deadlines only, in the contact's language unless
    `?lang=` asks for another."""
    subscription = selectors.subscription_for_calendar_token(token)
    if subscription is None:
        raise Http404
    codes = {code for code, _name in settings.LANGUAGES}
    language = request.GET.get("lang") if request.GET.get("lang") in codes else subscription.contact.language
    with translation.override(language):
        name = _("My deadlines · %(portal)s") % {"portal": _("International Promotion Portal")}
        # The calendar's own UID: stable for this address, revealing neither the token nor the contact.
        digest = hashlib.sha256(token.encode()).hexdigest()[:16]
        body = ics.build(
            selectors.subscription_feed_deadlines(subscription), name=name, uid=f"deadlines-{digest}@{ics.host()}"
        )
    response = _calendar(body, language)
    patch_cache_control(response, private=True, max_age=FEED_MAX_AGE)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
@never_cache
def healthz(request):
    """JSON for monitors: 200 when healthy, 503 when not (see `portal.health`)."""
    report = health.check()
    return JsonResponse(report.as_dict(), status=200 if report.healthy else 503)
