"""Alerts of a deadline addressed to agencies: an agency no longer named (it answered a circular) hears no more of
it; the unsent alerts of its contacts are cancelled by the next planning run."""

import datetime as dt
from zoneinfo import ZoneInfo

from portal import alerts
from portal.deadlines import DeadlineSpec, sync
from portal.models import AlertDelivery, DeadlineKind, DeliveryState
from tests import factories

ZONE = "Europe/Istanbul"
TITLES = {"tr": "Genelgeye cevap", "en": "Reply to the circular"}


def test_an_agency_dropped_from_the_audience_loses_its_unsent_alerts_and_the_others_keep_theirs():
    source = factories.AgencyFactory()
    a, b = factories.ContactFactory(), factories.ContactFactory()
    due = factories.in_days(40, ZONE)
    spec = DeadlineSpec(DeadlineKind.CIRCULAR_REPLY, due, ZONE, TITLES, agencies=(a.agency_id, b.agency_id))
    [deadline] = sync(source, [spec])
    week_before = dt.datetime.combine(due - dt.timedelta(days=7), dt.time(9), tzinfo=ZoneInfo(ZONE))
    alerts.plan(week_before)
    assert set(AlertDelivery.objects.filter(state=DeliveryState.PENDING).values_list("contact_id", flat=True)) == {
        a.pk,
        b.pk,
    }

    sync(source, [DeadlineSpec(DeadlineKind.CIRCULAR_REPLY, due, ZONE, TITLES, agencies=(b.agency_id,))])
    result = alerts.plan(week_before + dt.timedelta(hours=1))

    states = dict(AlertDelivery.objects.filter(deadline=deadline).values_list("contact_id", "state"))
    assert states == {a.pk: DeliveryState.CANCELLED, b.pk: DeliveryState.PENDING}
    assert result.cancelled == 1
