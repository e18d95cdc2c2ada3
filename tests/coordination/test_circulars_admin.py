"""The circulars' back-office: the send action's preview and confirmation, withdrawal, and the read-only recipient
rows; staff outside the working group see none of it."""

import pytest
from django.urls import reverse

from coordination.circulars.models import Circular, CircularRecipient, CircularState
from portal.models import MailKind, OutboxMail
from tests import factories

CHANGELIST = "admin:coordination_circular_changelist"


@pytest.fixture
def ministries():
    """22 agencies, each with a confirmed contact; the first with a second one."""
    agencies = [factories.AgencyFactory() for _ in range(22)]
    for agency in agencies:
        factories.ContactFactory(agency=agency)
    factories.ContactFactory(agency=agencies[0], language="ru")
    return agencies


def test_the_send_action_previews_the_addressees_then_sends_on_confirmation(admin_client_wg, wg_admin, ministries):
    dlist = factories.DistributionListFactory(agencies=ministries, name="Bakanlıklar ve Başkanlıklar")
    circular = factories.CircularFactory(distribution_list=dlist)
    changelist = reverse(CHANGELIST)

    preview = admin_client_wg.post(changelist, {"action": "send", "_selected_action": [circular.pk]})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert 'data-addressees="22"' in page and 'data-contacts="23"' in page
    circular.refresh_from_db()
    assert circular.state == CircularState.DRAFT and not OutboxMail.objects.exists()  # a preview sends nothing

    response = admin_client_wg.post(
        changelist, {"action": "send", "_selected_action": [circular.pk], "confirm": "yes"}, follow=True
    )
    assert response.status_code == 200
    circular.refresh_from_db()
    assert (circular.state, circular.sent_by) == (CircularState.SENT, wg_admin)
    assert CircularRecipient.objects.filter(circular=circular).count() == 22
    assert OutboxMail.objects.filter(kind=MailKind.CIRCULAR).count() == 23

    # Sending again is refused and changes nothing.
    admin_client_wg.post(changelist, {"action": "send", "_selected_action": [circular.pk], "confirm": "yes"})
    assert CircularRecipient.objects.count() == 22 and OutboxMail.objects.count() == 23


def test_a_circular_without_a_list_is_not_sendable(admin_client_wg):
    circular = factories.CircularFactory()
    preview = admin_client_wg.post(reverse(CHANGELIST), {"action": "send", "_selected_action": [circular.pk]})
    page = preview.content.decode()
    assert 'name="confirm"' in page and 'type="submit"' not in page.split('name="confirm"', 1)[1].split("</form>")[0]
    admin_client_wg.post(reverse(CHANGELIST), {"action": "send", "_selected_action": [circular.pk], "confirm": "yes"})
    assert Circular.objects.get(pk=circular.pk).state == CircularState.DRAFT


def test_the_withdraw_action(admin_client_wg, ministries):
    circular = factories.sent_circular(ministries[:2])
    admin_client_wg.post(reverse(CHANGELIST), {"action": "withdraw", "_selected_action": [circular.pk]})
    circular.refresh_from_db()
    assert circular.state == CircularState.WITHDRAWN and circular.withdrawn_at is not None


def test_admin_pages_render_and_recipients_are_read_only(admin_client_wg, ministries):
    circular = factories.sent_circular(ministries[:3])
    row = circular.recipients.first()
    for url in (
        reverse(CHANGELIST),
        reverse("admin:coordination_circular_change", args=[circular.pk]),
        reverse("admin:coordination_circular_add"),
        reverse("admin:coordination_distributionlist_changelist"),
        reverse("admin:coordination_distributionlist_add"),
        reverse("admin:coordination_circularrecipient_changelist") + "?state=pending&late__exact=0",
        reverse("admin:coordination_circularrecipient_change", args=[row.pk]),
    ):
        assert admin_client_wg.get(url).status_code == 200, url
    response = admin_client_wg.post(
        reverse("admin:coordination_circularrecipient_change", args=[row.pk]), {"state": "answered"}
    )
    assert response.status_code == 403
    row.refresh_from_db()
    assert row.state == "pending"


def test_staff_outside_the_working_group_see_nothing(client, ministries):
    staff = factories.UserFactory(is_staff=True)
    client.force_login(staff)
    circular = factories.sent_circular(ministries[:1])
    assert client.get(reverse(CHANGELIST)).status_code == 403
    client.post(reverse(CHANGELIST), {"action": "withdraw", "_selected_action": [circular.pk]})
    assert Circular.objects.get(pk=circular.pk).state == CircularState.SENT


def test_list_queries_do_not_grow(admin_client_wg, ministries, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        factories.sent_circular(ministries[:2])
    for url in (reverse(CHANGELIST), reverse("admin:coordination_circularrecipient_changelist")):
        with CaptureQueriesContext(connection) as ctx:
            assert admin_client_wg.get(url).status_code == 200
        small = len(ctx.captured_queries)
        for _ in range(10):
            factories.sent_circular(ministries[:2])
        with django_assert_max_num_queries(small):
            admin_client_wg.get(url)
