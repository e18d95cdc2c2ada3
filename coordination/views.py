"""Pages of the coordination area."""

from django.shortcuts import render


def index(request):
    """The landing page of the coordination area."""
    return render(request, "coordination/index.html")
