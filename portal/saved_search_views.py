"""Pages of the saved searches: "save this search" (from the search page or a list's filters), edit and delete one
(its owner only: another contact gets a 404), and the one-click unsubscribe of a search's mails. The rules are
`portal.saved_searches`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from portal.models import Contact, Frequency, SavedSearch
from portal.saved_searches import queries, selectors, services
from portal.saved_searches.forms import SavedSearchEditForm, SavedSearchForm
from portal.search import registry
from portal.selectors import active_contact


def _contact(user) -> Contact:
    contact = active_contact(user)
    if contact is None:
        raise Http404(_("Only agency contacts save searches."))
    return contact


def _own(user, pk) -> SavedSearch:
    return get_object_or_404(selectors.saved_searches_of(_contact(user)), pk=pk)


def _my_searches():
    return redirect(reverse("accounts:alerts") + "#searches")


def _default_name(parts: dict) -> str:
    if parts["text"]:
        return parts["text"][:120]
    if parts["kind"]:
        return str(dict(registry.kinds()).get(parts["kind"], parts["kind"]))[:120]
    return ""


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def saved_search_new(request):
    contact = _contact(request.user)
    # The query rides in the address (from the search page) and in the form's hidden fields (when posted).
    posted = request.method == "POST" and any(key in request.POST for key in queries.PARAMS)
    parts = queries.from_params(request.POST if posted else request.GET)
    form = SavedSearchForm(
        request.POST if request.method == "POST" else None,
        initial={"name": _default_name(parts), "frequency": Frequency.DAILY},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_search(contact, **form.cleaned_data, **parts)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Your search is saved: we will mail you its new matches."))
            return _my_searches()
    context = {
        "form": form,
        "words": queries.in_words(parts),
        "query_errors": queries.validation_errors(parts),
        "query_params": queries.as_params(parts),
        "count": selectors.saved_searches_of(contact).count(),
    }
    return render(request, "portal/saved_searches/new.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def saved_search_edit(request, pk):
    search = _own(request.user, pk)
    initial = {"name": search.name, "frequency": search.frequency, "active": search.active}
    form = SavedSearchEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_search(search, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Your saved search is changed."))
            return _my_searches()
    context = {
        "form": form,
        "search": search,
        "words": queries.in_words(queries.parts_of(search)),
        "search_url": queries.search_url(search, request.LANGUAGE_CODE),
    }
    return render(request, "portal/saved_searches/edit.html", context)


@login_required
@require_POST
def saved_search_delete(request, pk):
    search = _own(request.user, pk)
    services.delete_search(search)
    messages.success(request, _("Your saved search is deleted."))
    return _my_searches()


# RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` without a session or a CSRF
# token. The signed token in the address is the authority; a GET only asks for confirmation.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def saved_search_unsubscribe(request, token):
    search = services.search_for_unsubscribe_token(token)
    if search is None:
        raise Http404(_("This unsubscribe link is not valid."))
    done = request.method == "POST"
    if done:
        search = services.unsubscribe(search)
    return render(
        request,
        "portal/saved_searches/unsubscribe.html",
        {"search": search, "done": done, "words": queries.in_words(queries.parts_of(search))},
    )
