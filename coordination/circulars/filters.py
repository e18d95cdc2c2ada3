"""Filters of the circulars' API lists: circulars (sender, state, reply deadline still open) and recipient rows
(circular, agency, state)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from coordination.circulars.models import Circular, CircularRecipient, CircularState, RecipientState
from portal.filters import AgencyFilter, IntegerFilter, StrictBooleanFilter

# A primary key PostgreSQL can compare (bigint); a larger number is a 400, not a database error.
MAX_ID = 2**63 - 1


class CircularFilter(django_filters.FilterSet):
    sender = AgencyFilter(field_name="sender", label=_("Sender agency"))
    state = django_filters.ChoiceFilter(label=_("State"), choices=CircularState.choices)
    addressed_to_me = StrictBooleanFilter(
        label=_("Addressed to my agency"),
        method="filter_addressed_to_me",
        help_text=_("Circulars addressed to the signed-in contact's agency (true), or not (false)."),
    )

    class Meta:
        model = Circular
        fields = ["sender", "state", "addressed_to_me"]

    def filter_addressed_to_me(self, qs, name, value):
        if value is None:
            return qs
        from portal.selectors import active_contact

        contact = active_contact(getattr(self.request, "user", None))
        agency_id = contact.agency_id if contact else None
        addressed = CircularRecipient.objects.filter(agency_id=agency_id).values("circular_id")
        return qs.filter(pk__in=addressed) if value else qs.exclude(pk__in=addressed)


class RecipientFilter(django_filters.FilterSet):
    circular = IntegerFilter(label=_("Circular"), field_name="circular_id", min_value=1, max_value=MAX_ID)
    agency = AgencyFilter(field_name="agency")
    state = django_filters.ChoiceFilter(label=_("State"), choices=RecipientState.choices)
    late = StrictBooleanFilter(label=_("Answered late"), field_name="late")

    class Meta:
        model = CircularRecipient
        fields = ["circular", "agency", "state", "late"]
