"""Account pages: registration with double opt-in, login by e-mail, "my agency"."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from portal import partnerships, selectors, services
from portal.forms import (
    EmailLoginForm,
    MailboxPasswordForm,
    OutboxPasswordResetForm,
    RegistrationForm,
    ResendConfirmationForm,
)
from portal.models import Agency, Contact
from portal.ratelimit import rate_limited


@sensitive_post_parameters()  # personal data, and whatever a client sends as a password
@rate_limited("register")
def register(request):
    """The registration form; `?agency=<slug>` (the link of an agency's invitation) chooses the agency in it."""
    initial = {"language": request.LANGUAGE_CODE}
    if request.method == "GET" and request.GET.get("agency"):
        initial["agency"] = Agency.objects.filter(slug=request.GET["agency"]).first()
    form = RegistrationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.register_contact(
            name=data["name"],
            email=data["email"],
            agency=data["agency"],
            title=data["title"],
            language=data["language"],
            time_zone=data["time_zone"],
        )
        return redirect("accounts:register_done")
    return render(request, "accounts/register.html", {"form": form})


def register_done(request):
    return render(request, "accounts/register_done.html")


@sensitive_post_parameters()
def confirm(request, token):
    """The link of the registration mail: its page lets the owner of the mailbox choose the account's password,
    which confirms the address (a GET changes nothing)."""
    try:
        contact = services.check_confirmation(token)
    except services.ConfirmationError as exc:
        return render(request, "accounts/confirm_failed.html", {"reason": exc.reason}, status=400)
    if contact.is_confirmed:
        return render(request, "accounts/confirmed.html", {"contact": contact, "first_time": False})
    form = MailboxPasswordForm(contact.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact, first_time = services.confirm_contact(token, form.cleaned_data["new_password1"])
        except services.ConfirmationError as exc:
            return render(request, "accounts/confirm_failed.html", {"reason": exc.reason}, status=400)
        return render(request, "accounts/confirmed.html", {"contact": contact, "first_time": first_time})
    return render(request, "accounts/confirm.html", {"contact": contact, "form": form})


@rate_limited("resend_confirmation")
def resend(request):
    form = ResendConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.resend_confirmation(form.cleaned_data["email"])
        messages.info(request, _("If that address is waiting for confirmation, a new link is on its way."))
        return redirect("accounts:resend")
    return render(request, "accounts/resend.html", {"form": form})


class LoginView(auth_views.LoginView):
    form_class = EmailLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    @method_decorator(rate_limited("login"))
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


@login_required
def my_agency(request):
    contact = selectors.active_contact(request.user)
    if contact is None:
        pending = Contact.objects.filter(user=request.user).select_related("agency").first()
        return render(request, "accounts/my_agency.html", {"contact": None, "pending": pending})
    projects = (
        selectors.projects_editable_by(request.user)
        .filter(agency=contact.agency)
        .select_related("agency")
        .order_by("slug")
    )
    colleagues = Contact.objects.filter(agency=contact.agency, is_active=True).order_by("name")
    return render(
        request,
        "accounts/my_agency.html",
        {
            "contact": contact,
            "agency": contact.agency,
            "projects": projects,
            "colleagues": colleagues,
            "proposals": selectors.proposals_to(contact.agency),
        },
    )


@login_required
@require_POST
def partnership_decide(request, pk, accept):
    """A contact of the partner agency (or a working-group admin) accepts or declines a proposal; another
    agency's proposal is not found."""
    partnership = get_object_or_404(selectors.partnerships_decidable_by(request.user), pk=pk)
    try:
        partnerships.decide_partnership(request.user, partnership, accept=accept)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if accept:
            messages.success(
                request,
                _("Your agency is now listed as a partner of “%(project)s”.") % {"project": partnership.project},
            )
        else:
            messages.success(
                request, _("You declined to be a partner of “%(project)s”.") % {"project": partnership.project}
            )
    return redirect("accounts:my_agency")


password_reset = rate_limited("password_reset")(
    auth_views.PasswordResetView.as_view(
        form_class=OutboxPasswordResetForm,  # its mail: templates/mail/password_reset*, through the outbox
        template_name="accounts/password_reset.html",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
# Django's view (its POST parameters already hidden from error reports); choosing the password through the mailed
# link also confirms a registration still waiting for it.
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    form_class=MailboxPasswordForm,
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
logout = auth_views.LogoutView.as_view()
