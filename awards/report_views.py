"""The report pages of an agency's award applications (the generic report pages of `portal.report_views`): the
list, by edition, latest first (`?edition=<pk>`: one edition's, as its page links to it), the form, the submission
for review. A won application's result enters the inventory once the working group publishes the application, and is
public once verified against its evidence."""

import re

from django import forms
from django.core.validators import slug_re
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from awards import selectors, services
from awards.filters import ApplicationFilter
from awards.forms import ApplicationForm
from awards.models import AwardApplication, AwardEdition
from portal.report_views import ReportPages, ReportTexts

NUMBER = re.compile(r"[0-9]{1,9}")


def preselected(request, form) -> dict:
    """`?edition=<pk>` and `?project=<slug>` of a link to the form (from an edition or a project page), when they
    are among the form's choices."""
    initial = {}
    edition = request.GET.get("edition", "")
    if NUMBER.fullmatch(edition):
        initial["edition"] = int(edition)
    slug = request.GET.get("project", "")
    if slug_re.fullmatch(slug):
        project = form.fields["project"].queryset.filter(slug=slug).values_list("pk", flat=True).first()
        if project is not None:
            initial["project"] = project
    return initial


def one_edition(filterset) -> dict:
    """The edition is chosen on its page, not typed in: carried along with the other filters, named in the
    heading."""
    filterset.form.fields["edition"].widget = forms.HiddenInput()
    edition_id = filterset.form.cleaned_data.get("edition") if filterset.is_valid() else None
    edition = AwardEdition.objects.select_related("programme").filter(pk=edition_id).first() if edition_id else None
    return {
        "edition": edition,
        "create_query": f"?edition={edition.pk}" if edition else "",
        "notice_template": "awards/application_edition_notice.html" if edition else "",
    }


def edition_list(application: AwardApplication) -> str:
    return f"{reverse('awards:applications')}?edition={application.edition_id}"


APPLICATION_PAGES = ReportPages(
    model=AwardApplication,
    form_class=ApplicationForm,
    namespace="awards",
    reports=selectors.application_list,
    save=services.save_application,
    submit=services.submit_application,
    row_template="awards/application_row.html",
    filterset_class=ApplicationFilter,
    routes=("applications", "application_create", "application_edit", "application_submit"),
    initial=preselected,
    narrow=one_edition,
    saved_url=edition_list,
    links=((_("All award programmes"), "awards:index"),),
    texts=ReportTexts(
        title=_("Award applications"),
        own_title=_("My agency's applications"),
        admin_lead=_("Every agency's applications to award editions, latest edition first."),
        own_lead=_("The applications of %(agency)s to award editions, latest edition first."),
        about=_(
            "An application is seen only by your agency and the working group. Submit it for review: a won "
            "application's result is in the awards inventory once the working group has accepted the application and "
            "checked the result against its evidence. Changing an application after its submission makes it a draft "
            "again."
        ),
        add=_("Record an application"),
        add_title=_("Record an application"),
        edit_title=_("Edit the application"),
        form_about=_(
            "Choose a category of the edition's programme. An application cannot be won while the edition's "
            "nominations are open. A won application's result is public once the working group has checked it against "
            "the evidence you give."
        ),
        count=lambda n: ngettext("%(n)s application", "%(n)s applications", n) % {"n": n},
        none=_("No application matches these filters."),
        saved=_("The application is saved."),
        saved_as_draft=_("The application is saved as a draft again: submit it for review once more."),
        submitted=_("The application is submitted to the working group for review."),
        filter_label=_("Filter award applications"),
    ),
)
