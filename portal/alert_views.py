"""Pages of the alerts: "my alerts", one-click unsubscribe, the private calendar address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from portal import selectors
from portal.alerts.subscriptions import (
    ensure_subscription,
    renew_calendar_token,
    save_subscription,
    subscription_for_unsubscribe_token,
)
from portal.alerts.subscriptions import unsubscribe as unsubscribe_subscription
from portal.forms import AlertSubscriptionForm
from portal.models import Subscription
from portal.saved_searches import queries as saved_queries
from portal.saved_searches.selectors import saved_searches_of
from portal.saved_searches.services import unsubscribe_token


def own_subscription(user) -> Subscription:
    """The subscription of the user's active contact; 404 for anyone else (a working-group admin has none)."""
    contact = selectors.active_contact(user)
    if contact is None:
        raise Http404(_("Only agency contacts receive alerts."))
    return selectors.subscription_of(contact) or ensure_subscription(contact)


def _described(searches) -> list[tuple]:
    """Each saved search with its query in words (the reference names read once for all)."""
    searches = list(searches)
    names = saved_queries.reference_names() if searches else {}
    return [
        (search, saved_queries.in_words(saved_queries.parts_of(search), names), unsubscribe_token(search))
        for search in searches
    ]


@login_required
def my_alerts(request):
    subscription = own_subscription(request.user)
    form = AlertSubscriptionForm(request.POST if request.method == "POST" else None, subscription=subscription)
    if request.method == "POST" and form.is_valid():
        try:
            save_subscription(subscription, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Your alert settings are saved."))
            return redirect("accounts:alerts")
    return render(
        request,
        "accounts/alerts.html",
        {
            "form": form,
            "subscription": subscription,
            "contact": subscription.contact,
            "calendar_url": selectors.calendar_url(subscription),
            "deliveries": selectors.recent_deliveries(subscription.contact),
            "saved_searches": _described(saved_searches_of(subscription.contact)),
        },
    )


@login_required
@require_POST
def renew_calendar(request):
    subscription = own_subscription(request.user)
    renew_calendar_token(subscription)
    messages.success(request, _("Your calendar has a new address; the old one no longer works."))
    return redirect(reverse("accounts:alerts") + "#calendar")


# RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` without a session or a CSRF
# token. The signed token in the address is the authority; a GET only asks for confirmation.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    subscription = subscription_for_unsubscribe_token(token)
    if subscription is None:
        raise Http404(_("This unsubscribe link is not valid."))
    done = request.method == "POST"
    if done:
        subscription = unsubscribe_subscription(subscription)
    return render(request, "portal/unsubscribe.html", {"subscription": subscription, "done": done})
