"""Pages of the guides area: the library (the guides by sub-topic and kind, with filters and counts) as its index."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from guides.library.views import library_context


@require_safe
def index(request):
    """The library: guides by sub-topic and kind, filtered; the counts never count drafts; links to the reports."""
    context = library_context(request)
    return render(request, "guides/index.html", context, status=400 if context["form"].errors else 200)
