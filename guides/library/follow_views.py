"""Pages of following the guides: "guides I follow" with its unfollow buttons, and the POST buttons that follow the
topic, a sub-topic or a guide (from the follow box on a guide's page) or stop one follow. Only an active contact
follows (`follows._follower`); the rules are `guides.library.follows`."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from guides.library import follows
from guides.library.follow_models import FollowScope
from guides.library.models import Subtopic
from portal.selectors import active_contact


class FollowForm(forms.Form):
    scope = forms.ChoiceField(label=gettext_lazy("follow"), choices=FollowScope.choices)
    subtopic = forms.ChoiceField(
        label=gettext_lazy("sub-topic"), choices=[("", "—"), *Subtopic.choices], required=False
    )
    guide = forms.ModelChoiceField(label=gettext_lazy("guide"), queryset=follows.followable_guides(), required=False)

    def clean(self):
        data = super().clean()
        scope = data.get("scope")
        if scope == FollowScope.SUBTOPIC and not data.get("subtopic"):
            self.add_error("subtopic", _("Choose one of the sub-topics."))
        if scope == FollowScope.GUIDE and not data.get("guide"):
            self.add_error("guide", _("Choose a published guide."))
        return data


def _back(request):
    """Back where the button was (a guide's page), or to the list of follows."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("guides:following")


def _page(request, form=None):
    contact = active_contact(request.user)
    rows = list(follows.follows_of(contact)) if contact else []
    context = {
        "contact": contact,
        "rows": rows,
        "form": form or FollowForm(initial={"scope": FollowScope.SUBTOPIC}),
        "topic_followed": any(row.scope == FollowScope.TOPIC for row in rows),
    }
    return render(request, "guides/library/following.html", context)


@login_required
@require_safe
def following(request):
    return _page(request)


@login_required
@require_POST
def follow(request):
    if active_contact(request.user) is None:
        raise PermissionDenied
    form = FollowForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            follows.follow(request.user, data["scope"], subtopic=data.get("subtopic") or "", guide=data.get("guide"))
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("You will get a mail when a guide you follow gets a new version."))
            return _back(request)
    return _page(request, form)  # the page again with the errors, nothing changed


@login_required
@require_POST
def unfollow(request, pk):
    if active_contact(request.user) is None:
        raise PermissionDenied
    if not follows.unfollow(request.user, pk):
        raise Http404
    messages.success(request, _("You no longer follow it."))
    return _back(request)
