"""The calendar of every upcoming deadline: page, public and private iCalendar feeds; /healthz."""

from django.http import Http404


def deadline_list(request):
    raise Http404


def public_ics(request):
    raise Http404


def private_ics(request, token):
    raise Http404


def healthz(request):
    raise Http404
