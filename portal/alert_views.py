"""Pages of the alerts: "my alerts", one-click unsubscribe, the private calendar address."""

from django.http import Http404


def my_alerts(request):
    raise Http404


def renew_calendar(request):
    raise Http404


def unsubscribe(request, token):
    raise Http404
