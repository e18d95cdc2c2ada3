"""Forms of the core pages: registration, login, projects."""

import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model, Q
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from portal import selectors, services
from portal.alerts.subscriptions import parse_lead_days
from portal.languages import translated_fields
from portal.mail import send_templated
from portal.models import (
    Agency,
    Delivery,
    MailKind,
    Project,
    PromoMaterial,
    ReviewerSettings,
    Subscription,
    Topic,
)
from portal.models.contacts import validate_time_zone
from portal.models.fields import SHORT_TEXT

TIME_ZONE_CHOICES = [
    (tz, tz) for tz in sorted(zoneinfo.available_timezones()) if "/" in tz and not tz.startswith("Etc/")
]


class NameField(forms.CharField):
    """A record of `kind` (`portal.names`) typed by its name in any language, its acronym or its slug, among those
    `user` may see. When the text names none, or several, the error lists the candidates; they stay on the field
    (`candidates`) for the page to offer as links (a list's filters) or radio buttons (a form sent by POST,
    `choose_by="radio"`)."""

    default_error_messages = {
        "did_you_mean": _("Did you mean: %(names)s?"),
        "several": _("“%(text)s” fits more than one: did you mean %(names)s?"),
    }

    def __init__(self, kind: str, *, user=None, choose_by: str = "link", **kwargs):
        from portal.widgets import NameInput

        self.kind = kind
        self.user = user
        self.choose_by = choose_by
        self.candidates = []
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("widget", NameInput(kind))
        super().__init__(**kwargs)

    def clean(self, value):
        """The text checked as text (length, required), then resolved to its record."""
        from portal import names

        text = super().clean(value)
        self.candidates = []
        if text in self.empty_values:
            return None
        found = names.resolve(self.kind, text, self.user)
        if found.record is not None:
            return found.record
        named = names.get(self.kind)
        self.candidates = [(record, named.label_of(record), getattr(record, named.slug)) for record in found.candidates]
        listed = ", ".join(f"{label} ({slug})" for _record, label, slug in self.candidates)
        unknown = named.unknown % {"text": text}
        # The message is a parameter, so a "%" the user typed is never read as a format (django-filter formats
        # every message with its parameters).
        if not self.candidates:
            raise ValidationError("%(message)s", code="unknown", params={"message": unknown})
        if not found.near:
            message = self.error_messages["several"] % {"text": text, "names": listed}
        else:
            message = f"{unknown} {self.error_messages['did_you_mean'] % {'names': listed}}"
        raise ValidationError("%(message)s", code="did_you_mean", params={"message": message})

    def prepare_value(self, value):
        from portal import names

        if isinstance(value, Model):
            return names.get(self.kind).label_of(value)
        return value


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), help_text=_("Your work address at the agency."))
    # A name typed (with suggestions when JavaScript runs), not a <select> of every agency: there are thousands.
    agency = NameField(
        "agency",
        label=_("Agency"),
        choose_by="radio",
        help_text=_("Its name in any language, or its acronym."),
    )
    title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    language = forms.ChoiceField(label=_("Language for e-mails"), choices=settings.LANGUAGES)
    time_zone = forms.CharField(
        label=_("Time zone"),
        initial="Europe/Istanbul",
        validators=[validate_time_zone],
        widget=forms.Select(choices=TIME_ZONE_CHOICES),
    )

    def clean_email(self):
        # An address already registered is not refused here: the page answers the same whatever the address
        # (`services.register_contact` tells an existing account's owner by e-mail).
        return self.cleaned_data["email"].strip().lower()


class MailboxPasswordForm(SetPasswordForm):
    """The password chosen through a link mailed to the account's address: on the registration's confirmation
    page and the password reset's. Whoever proves the mailbox chooses it; a pending registration is confirmed."""

    def save(self, commit=True):
        return services.set_password_from_mailbox(self.user, self.cleaned_data["new_password1"])


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))


class EmailLoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    error_messages = {
        "invalid_login": _("The e-mail address or the password is wrong."),
        "inactive": _("This account is not active yet."),
    }


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's password reset, its mail queued in the outbox like every other (in the page's language)."""

    def get_users(self, email):
        """Active accounts with a password, and accounts still waiting for their mailbox's confirmation: choosing
        a password through the mailed link confirms them (`MailboxPasswordForm`)."""
        pending = selectors.pending_registrations().values("user")
        users = get_user_model()._default_manager.filter(email__iexact=email.strip())
        for user in users.filter(Q(is_active=True) | Q(pk__in=pending)):
            if user.is_active is False or user.has_usable_password():
                yield user

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        # The link from the site's own address, never from the Host the request came with.
        path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
        context = {**context, "url": services.site_url(path)}
        send_templated(MailKind.PASSWORD_RESET, context, [to_email], translation.get_language())


class ProjectForm(forms.ModelForm):
    """Title, summary and description in every language; at least Turkish or English.

    A project belongs to `agency`, the contact's own; only a new project without one (a working-group
    admin's, who has no agency of its own) asks which agency it belongs to."""

    class Meta:
        model = Project
        fields = [
            *translated_fields("title", "summary", "description"),
            "agency",
            "partner_agencies",
            "action_lines",
            "sdgs",
            "themes",
            "start_year",
            "end_year",
            "status",
            "website",
            "english_page_url",
        ]
        widgets = {
            "action_lines": forms.CheckboxSelectMultiple,
            "sdgs": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            **{f"summary_{code}": forms.Textarea(attrs={"rows": 3}) for code, _n in settings.LANGUAGES},
            **{f"description_{code}": forms.Textarea(attrs={"rows": 6}) for code, _n in settings.LANGUAGES},
        }

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        labels = {"title": _("Title"), "summary": _("Summary"), "description": _("Description")}
        for code in names:
            for f, label in labels.items():
                self.fields[f"{f}_{code}"].label = f"{label} ({names[code]})"
                self.fields[f"{f}_{code}"].required = False
        if agency is not None or self.instance.pk is not None:
            del self.fields["agency"]
        own = agency.pk if agency else None
        self.fields["partner_agencies"].queryset = Agency.objects.exclude(pk=own).order_by("slug")
        self.fields["partner_agencies"].required = False
        self.fields["partner_agencies"].help_text = _(
            "A partner agency is asked first: the project is listed with it once one of its contacts accepts."
        )

    def language_groups(self):
        """The translated fields grouped per language, for one fieldset each."""
        return [
            (code, name, [self[f"{f}_{code}"] for f in ("title", "summary", "description")])
            for code, name in settings.LANGUAGES
        ]

    def other_fields(self):
        return [self[name] for name in self.fields if name.split("_")[-1] not in dict(settings.LANGUAGES)]

    def m2m_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in ("partner_agencies", "action_lines", "sdgs", "themes")}


class PromoMaterialForm(forms.ModelForm):
    class Meta:
        model = PromoMaterial
        fields = ["kind", "title", "file", "url"]

    def clean(self):
        data = super().clean()
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Give either a file or a link, not both."), code="file_or_link")
        return data


class RequestChangesForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change"), max_length=SHORT_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )


# --- Alerts ---------------------------------------------------------------------------------------

DIGEST_HOUR_CHOICES = [(hour, f"{hour:02d}:00") for hour in range(24)]


class LeadDaysField(forms.CharField):
    """Lead times typed as “30, 7, 1”, cleaned to a list of days by `alerts.parse_lead_days` (the one rule)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Lead times"))
        kwargs.setdefault(
            "help_text",
            _(
                "How many days before a deadline you hear of it, separated by commas, e.g. “30, 7, 1”: "
                "whole days from 0 to 90, where 0 is the day of the deadline itself."
            ),
        )
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("error_messages", {"required": _("Give at least one lead time.")})
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(days) for days in value)
        return value

    def clean(self, value):
        return parse_lead_days(super().clean(value))


class ServiceForm:
    """A form whose data a service saves (and checks again): `service_data()` is what the form changes, and
    `add_service_errors(exc)` shows the service's refusal at the field it names when the form has it, else on the
    form."""

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}

    def add_service_errors(self, exc: forms.ValidationError) -> None:
        errors = exc.error_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.error_list}
        for field, field_errors in errors.items():
            self.add_error(field if field in self.fields else None, field_errors)


class AlertSubscriptionForm(ServiceForm, forms.Form):
    """The settings of “my alerts”. Saved through `alerts.save_subscription`, which checks them again:
    its errors are shown at their fields (`add_service_errors`)."""

    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("You hear of the deadlines of these topics. Deadlines addressed to your agency reach you anyway."),
    )
    lead_days = LeadDaysField()
    delivery = forms.ChoiceField(label=_("Delivery"), choices=Delivery.choices, widget=forms.RadioSelect)
    digest_hour = forms.TypedChoiceField(
        label=_("Hour of the daily digest"),
        choices=DIGEST_HOUR_CHOICES,
        coerce=int,
        help_text=_("In your time zone. Used only with the daily or weekly digest (weekly: on Mondays)."),
    )
    time_zone = forms.CharField(
        label=_("Your time zone"),
        validators=[validate_time_zone],
        widget=forms.Select(choices=TIME_ZONE_CHOICES),
        help_text=_("Alerts show each deadline in its own time zone and in yours."),
    )
    language = forms.ChoiceField(label=_("Language of your e-mails"), choices=settings.LANGUAGES)
    paused = forms.BooleanField(
        label=_("Pause all alerts"),
        required=False,
        help_text=_("While your alerts are paused you receive none; your settings are kept."),
    )

    def __init__(self, *args, subscription: Subscription, **kwargs):
        contact = subscription.contact
        kwargs["initial"] = {
            "topics": subscription.topics,
            "lead_days": subscription.lead_days,
            "delivery": subscription.delivery,
            "digest_hour": subscription.digest_hour,
            "time_zone": contact.time_zone,
            "language": contact.language,
            "paused": subscription.is_paused,
            **kwargs.get("initial", {}),
        }
        super().__init__(*args, **kwargs)
        # A zone the list leaves out (such as “UTC”) stays selected rather than silently replaced.
        zones = self.fields["time_zone"].widget.choices
        if contact.time_zone not in dict(zones):
            self.fields["time_zone"].widget.choices = [(contact.time_zone, contact.time_zone), *zones]


class SubscriptionAdminForm(forms.ModelForm):
    """A subscription in the back-office: topics as checkboxes, lead times as text (“30, 7, 1”)."""

    lead_days = LeadDaysField()
    paused = forms.BooleanField(label=_("Paused"), required=False)

    class Meta:
        model = Subscription
        fields = ["topics", "lead_days", "delivery", "digest_hour", "paused"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial.setdefault("lead_days", self.instance.lead_days)
            self.initial.setdefault("paused", self.instance.is_paused)

    def service_values(self) -> dict:
        """The cleaned values as `alerts.save_subscription` takes them."""
        names = ("topics", "lead_days", "delivery", "digest_hour", "paused")
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}


class ReportForm(ServiceForm, forms.ModelForm):
    """The form of a reported record. A contact's record is its own agency's (`agency` given: no field); a
    working-group admin chooses the agency. The project is one the agency runs or is a partner in (the model's
    rule, `Project.involves`); the translated texts named in `translated` are asked in Turkish and in English,
    which every other language falls back to. The service's refusals are shown at their fields."""

    translated: tuple[str, ...] = ()
    text_languages = ("tr", "en")
    project_help = _("A project of the agency or one it is a partner in.")

    def __init__(self, *args, user, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "agency" in self.fields:
            if agency is not None:
                del self.fields["agency"]
                if self.instance.pk is None:
                    self.instance.agency = agency  # so the model's clean checks the project against it
            else:
                self.fields["agency"].queryset = Agency.objects.order_by("slug")
        if "project" in self.fields:
            self.fields["project"].queryset = selectors.report_project_choices(user, agency)
            self.fields["project"].help_text = self.project_help
        names = dict(settings.LANGUAGES)
        for name in self.translated:
            model_field = self._meta.model._meta.get_field(name)
            for code in self.text_languages:
                field = self.fields[f"{name}_{code}"]
                field.label = f"{capfirst(model_field.verbose_name)} ({names[code]})"
                field.help_text = model_field.help_text
                field.required = False

    @classmethod
    def text_widgets(cls, *names, rows: int = 4) -> dict:
        """Textareas for the translated fields, each marked with its language."""
        return {
            f"{name}_{code}": forms.Textarea(attrs={"rows": rows, "lang": code})
            for name in names
            for code in cls.text_languages
        }


class ReviewerSettingsForm(ServiceForm, forms.ModelForm):
    """How a working-group admin hears of new submissions; saved through `reviews.notices.save_settings`."""

    class Meta:
        model = ReviewerSettings
        fields = ["notice", "digest_hour", "time_zone", "language"]
        widgets = {
            "notice": forms.RadioSelect,
            "digest_hour": forms.Select(choices=DIGEST_HOUR_CHOICES),
            "time_zone": forms.Select(choices=TIME_ZONE_CHOICES),
        }
        labels = {
            "notice": _("Tell me of new submissions by"),
            "language": _("Language of these e-mails"),
            "time_zone": _("Your time zone"),
            "digest_hour": _("Hour of the daily digest"),
        }
