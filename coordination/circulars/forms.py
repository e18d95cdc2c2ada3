"""Forms of the circulars' pages: an addressed agency's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models.fields import LONG_TEXT
from portal.uploads import validate_upload


class AnswerForm(forms.Form):
    """What an addressed agency answers: text, a file, the applications it made to the circular's award edition, or
    that it has nothing to report. The rules of an answer are the service's (`services.answer`)."""

    answer = forms.CharField(
        label=_("Your agency's answer"),
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        required=False,
        max_length=LONG_TEXT,
    )
    nothing_to_report = forms.BooleanField(label=_("Nothing to report"), required=False)
    applications = forms.ModelMultipleChoiceField(
        label=_("Your agency's applications to this award edition"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The applications stay in the awards area: the answer only links them."),
    )
    attachment_title = forms.CharField(label=_("Title of the attached file"), max_length=200, required=False)
    attachment = forms.FileField(
        label=_("Attach a file"),
        required=False,
        validators=[validate_upload],
        help_text=_("A PDF or an image."),
    )

    def __init__(self, *args, recipient, **kwargs):
        super().__init__(*args, **kwargs)
        from awards.models import AwardApplication

        edition_id = recipient.circular.award_edition_id
        if edition_id is None:
            del self.fields["applications"]
        else:
            self.fields["applications"].queryset = (
                AwardApplication.objects.filter(agency_id=recipient.agency_id, edition_id=edition_id)
                .select_related("edition__programme", "project")
                .order_by("pk")
            )
        if recipient.has_answered:
            self.fields["answer"].initial = recipient.answer

    def attachments(self) -> list:
        file = self.cleaned_data.get("attachment")
        return [(self.cleaned_data.get("attachment_title", ""), file)] if file else []
