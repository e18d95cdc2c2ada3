import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.contrib.contenttypes.models import ContentType

from portal import alerts
from portal.deadlines import DeadlineSpec, sync
from portal.models import AlertDelivery, DeadlineKind, DeliveryState
from tests import factories


@pytest.fixture
def source(agency_a):
    return agency_a  # any saved row can own deadlines


def test_plan_and_send(source, contact_a, settings):
    settings.SITE_URL = "https://portal.example"
    now = dt.datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Europe/Zurich"))
    [deadline] = sync(source, [DeadlineSpec(DeadlineKind.AWARD_NOMINATION, dt.date(2026, 3, 15), "Europe/Zurich", {"tr": "WSIS Ödülleri", "en": "WSIS Prizes"}, url="/awards/")])
    result = alerts.plan(now)
    assert result.planned == 1
    row = AlertDelivery.objects.get()
    assert row.lead_days == 7
    assert alerts.plan(now).planned == 0
    sent = alerts.send_due(now)
    assert sent.sent == 1, sent
    assert len(mail.outbox) == 1
    m = mail.outbox[0]
    print(m.subject)
    print(m.body)
    print(m.extra_headers)
    assert AlertDelivery.objects.get().state == DeliveryState.SENT
    assert alerts.send_due(now).sent == 0
