"""Pages of the guides area."""

from django.shortcuts import render


def index(request):
    """The landing page of the guides area."""
    return render(request, "guides/index.html")
