"""The subscriber's side of the alerts ("my alerts", the private calendar address, one-click unsubscribe, the
subscription API) and their back-office (subscriptions, deliveries, deadlines, planning runs)."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal import alerts, api
from portal.deadlines import DeadlineSpec, sync
from portal.forms import AlertSubscriptionForm
from portal.models import AlertDelivery, Contact, DeadlineKind, DeliveryState, PlanningRun, Subscription
from tests import factories

ALERTS = "/tr/accounts/alerts/"
CALENDAR = "/tr/accounts/alerts/calendar/"
API = "/api/v1/alerts/subscription/"

VALID_FORM = {
    "topics": ["awards", "funds"],
    "lead_days": "14, 3, 0",
    "delivery": "digest",
    "digest_hour": "7",
    "time_zone": "Asia/Bishkek",
    "language": "ky",
}
VALID_API = {
    "topics": ["events"],
    "lead_days": [45, 10],
    "delivery": "digest",
    "digest_hour": 18,
    "paused": True,
    "language": "fa",
    "time_zone": "Asia/Tehran",
}


def settings_of(contact: Contact) -> dict:
    """Everything a change of alert settings could touch, read fresh from the database."""
    subscription = Subscription.objects.select_related("contact").get(contact=contact)
    return {
        "topics": subscription.topics,
        "lead_days": subscription.lead_days,
        "delivery": subscription.delivery,
        "digest_hour": subscription.digest_hour,
        "paused_at": subscription.paused_at,
        "calendar_token": subscription.calendar_token,
        "language": subscription.contact.language,
        "time_zone": subscription.contact.time_zone,
    }


def add_deadline(days_ahead: int = 5, title: str = "WSIS Prizes", kind=DeadlineKind.AWARD_NOMINATION):
    """A deadline of its own source (an agency stands in for an award), `days_ahead` days from today in Geneva."""
    due = factories.in_days(days_ahead, "Europe/Zurich")
    [deadline] = sync(factories.AgencyFactory(), [DeadlineSpec(kind, due, "Europe/Zurich", {"en": title})])
    return deadline


def add_delivery(contact, deadline=None, state=DeliveryState.SENT, **extra) -> AlertDelivery:
    deadline = deadline or add_deadline()
    now = timezone.now()
    return AlertDelivery.objects.create(
        contact=contact,
        deadline=deadline,
        lead_days=extra.pop("lead_days", 7),
        due_at=deadline.due_at,
        state=state,
        planned_at=extra.pop("planned_at", now),
        sent_at=now if state == DeliveryState.SENT else None,
        **extra,
    )


def field_errors(response) -> dict:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


# --- "my alerts" --------------------------------------------------------------------------------


def test_every_confirmed_contact_starts_with_the_default_subscription(contact_a):
    assert settings_of(contact_a) | {"calendar_token": None} == {
        "topics": ["awards", "funds", "events", "guides", "coordination"],
        "lead_days": [30, 7, 1],
        "delivery": "immediate",
        "digest_hour": 8,
        "paused_at": None,
        "calendar_token": None,
        "language": "tr",
        "time_zone": "Europe/Istanbul",
    }


def test_anonymous_users_are_sent_to_the_login_and_the_admin_has_no_alerts(client, admin_client_wg):
    response = Client().get(ALERTS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert admin_client_wg.get(ALERTS).status_code == 404


def test_the_page_shows_the_current_settings_and_the_private_calendar_address(client_a, contact_a):
    subscription = contact_a.subscription
    response = client_a.get("/en/accounts/alerts/")
    assert response.status_code == 200
    form = response.context["form"]
    assert form["lead_days"].value() == "30, 7, 1"
    html = response.content.decode()
    assert 'value="30, 7, 1"' in html
    assert 'value="Europe/Istanbul" selected' in html
    url = f"{settings.SITE_URL}/deadlines/{subscription.calendar_token}.ics"
    assert response.context["calendar_url"] == url
    assert f'value="{url}"' in html
    # The checkbox and radio groups are fieldsets with a legend.
    assert re.search(r"<fieldset[^>]*><legend>Topics", html)
    assert re.search(r"<fieldset[^>]*><legend>Delivery <span", html)
    assert html.count("<fieldset") == 2


def test_saving_the_form_changes_the_subscription_and_the_contact(client_a, contact_a):
    response = client_a.post(ALERTS, {**VALID_FORM, "paused": "on"})
    assert response.status_code == 302
    assert response["Location"] == ALERTS
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]
    after = settings_of(contact_a)
    assert after["paused_at"] is not None
    assert {k: after[k] for k in ("topics", "lead_days", "delivery", "digest_hour", "language", "time_zone")} == {
        "topics": ["awards", "funds"],
        "lead_days": [14, 3, 0],
        "delivery": "digest",
        "digest_hour": 7,
        "language": "ky",
        "time_zone": "Asia/Bishkek",
    }
    # Saved again without "paused": the alerts resume.
    assert client_a.post(ALERTS, VALID_FORM).status_code == 302
    assert settings_of(contact_a)["paused_at"] is None


def test_an_empty_post_is_refused_with_errors(client_a, contact_a):
    before = settings_of(contact_a)
    response = client_a.post(ALERTS, {})
    assert response.status_code == 200
    assert set(field_errors(response)) == {"lead_days", "delivery", "digest_hour", "time_zone", "language"}
    assert settings_of(contact_a) == before


def test_no_topic_at_all_is_allowed(client_a, contact_a):
    """Deadlines addressed to the contact's agency still reach it; the topics are only the public ones."""
    data = {k: v for k, v in VALID_FORM.items() if k != "topics"}
    assert client_a.post(ALERTS, data).status_code == 302
    assert settings_of(contact_a)["topics"] == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("lead_days", "abc"),
        ("lead_days", "91"),
        ("lead_days", "30, -1"),
        ("lead_days", "7.5"),
        ("lead_days", ""),
        ("lead_days", " , ,"),
        ("time_zone", "Mars/Olympus"),
        ("time_zone", ""),
        ("digest_hour", "24"),
        ("delivery", "hourly"),
        ("delivery", ""),
        ("topics", ["awards", "sports"]),
        ("language", "xx"),
    ],
)
def test_bad_input_is_shown_at_its_field_and_nothing_changes(client_a, contact_a, field, value):
    before = settings_of(contact_a)
    response = client_a.post(ALERTS, {**VALID_FORM, field: value})
    assert response.status_code == 200
    errors = field_errors(response)
    assert list(errors) == [field]
    html = response.content.decode()
    assert 'class="error-summary"' in html
    # The error is linked to its field: the summary points at it, the field names its error.
    bound = response.context["form"][field]
    assert f'href="#{bound.id_for_label or bound.auto_id}"' in html
    assert f'id="{bound.auto_id}_error"' in html
    assert f"{bound.auto_id}_error" in bound.aria_describedby
    assert settings_of(contact_a) == before


@pytest.mark.parametrize(
    ("value", "message"),
    [("abc", "“abc” is not a whole number of days."), ("91", "Lead times are whole days from 0 to 90; “91” is not.")],
)
def test_lead_time_errors_say_what_is_wrong(client_a, value, message):
    response = client_a.post("/en/accounts/alerts/", {**VALID_FORM, "lead_days": value})
    assert field_errors(response) == {"lead_days": [message]}


def test_errors_of_the_service_are_shown_at_their_fields(contact_a):
    form = AlertSubscriptionForm({}, subscription=contact_a.subscription)
    form.is_valid()
    form.add_service_errors(ValidationError({"time_zone": ["Not here."], "unknown": ["Elsewhere."]}))
    assert "Not here." in form.errors["time_zone"]
    assert form.non_field_errors() == ["Elsewhere."]


def test_a_zone_outside_the_list_stays_selected(client_a, contact_a):
    Contact.objects.filter(pk=contact_a.pk).update(time_zone="UTC")
    response = client_a.get(ALERTS)
    assert '<option value="UTC" selected>UTC</option>' in response.content.decode()
    assert client_a.post(ALERTS, {**VALID_FORM, "time_zone": "UTC"}).status_code == 302
    assert settings_of(contact_a)["time_zone"] == "UTC"


def test_each_contact_only_ever_touches_its_own_subscription(client, contact_a, contact_b):
    """There is no id in the address: whatever is posted, the page and the API change the user's own settings."""
    b_before = settings_of(contact_b)
    client.force_login(contact_a.user)
    other = {"contact": contact_b.pk, "subscription": contact_b.subscription.pk, "id": contact_b.subscription.pk}
    assert client.post(ALERTS, {**VALID_FORM, **other}).status_code == 302
    assert client.patch(API, {"lead_days": [60], **other}, content_type="application/json").status_code == 200
    assert client.post(CALENDAR, other).status_code == 302
    assert settings_of(contact_b) == b_before
    assert settings_of(contact_a)["lead_days"] == [60]
    # What A reads is A's own.
    page = client.get(ALERTS)
    assert page.context["subscription"].pk == contact_a.subscription.pk
    assert contact_b.subscription.calendar_token not in page.content.decode()
    assert client.get(API).json()["lead_days"] == [60]


def test_the_latest_alerts_are_listed_with_a_constant_number_of_queries(client_a, contact_a, contact_b):
    add_delivery(contact_a, add_deadline(title="Early prize"), planned_at=timezone.now() - dt.timedelta(days=2))
    add_delivery(contact_b, add_deadline(title="Somebody else's prize"))
    client_a.get(ALERTS)  # warm the per-process caches
    with CaptureQueriesContext(connection) as small:
        response = client_a.get(ALERTS)
    assert [d.deadline.title for d in response.context["deliveries"]] == ["Early prize"]
    for n in range(12):
        add_delivery(contact_a, add_deadline(title=f"Prize {n}"), state=DeliveryState.PENDING)
    with CaptureQueriesContext(connection) as large:
        response = client_a.get(ALERTS)
    deliveries = list(response.context["deliveries"])
    assert len(deliveries) == 10
    assert "Early prize" not in [d.deadline.title for d in deliveries]  # the newest ten only
    assert len(large.captured_queries) == len(small.captured_queries)
    html = response.content.decode()
    assert "Prize 11" in html
    assert "Somebody else" not in html


# --- the private calendar address ---------------------------------------------------------------


def test_renewing_the_calendar_address_revokes_the_old_one(client_a, contact_a):
    old = settings_of(contact_a)["calendar_token"]
    response = client_a.post(CALENDAR)
    assert response.status_code == 302
    assert response["Location"] == ALERTS + "#calendar"
    new = settings_of(contact_a)["calendar_token"]
    assert new and new != old
    assert not Subscription.objects.filter(calendar_token=old).exists()
    assert new in client_a.get(ALERTS).content.decode()


def test_the_calendar_address_is_renewed_by_post_only(client_a, contact_a, admin_client_wg):
    before = settings_of(contact_a)
    assert client_a.get(CALENDAR).status_code == 405
    assert Client().post(CALENDAR).status_code == 302  # to the login
    assert admin_client_wg.post(CALENDAR).status_code == 404
    assert settings_of(contact_a) == before


def test_without_a_calendar_address_the_page_offers_to_create_one(client_a, contact_a):
    Subscription.objects.filter(contact=contact_a).update(calendar_token=None)
    response = client_a.get(ALERTS)
    assert response.context["calendar_url"] is None
    assert client_a.post(CALENDAR).status_code == 302
    assert settings_of(contact_a)["calendar_token"]


# --- one-click unsubscribe ----------------------------------------------------------------------


def unsubscribe_path(contact, lang="tr") -> str:
    return f"/{lang}/alerts/unsubscribe/{alerts.unsubscribe_token(contact.subscription)}/"


def test_the_unsubscribe_page_asks_first_and_changes_nothing(contact_a):
    before = settings_of(contact_a)
    response = Client().get(unsubscribe_path(contact_a))
    assert response.status_code == 200
    assert response.context["done"] is False
    html = response.content.decode()
    assert re.search(r'<form method="post">\s*<button type="submit">', html)
    assert contact_a.email not in html and contact_a.name not in html
    assert settings_of(contact_a) == before


def test_one_click_unsubscribe_works_without_login_or_csrf_token(contact_a, contact_b):
    """RFC 8058: the mail client posts `List-Unsubscribe=One-Click` with no session and no CSRF token."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        unsubscribe_path(contact_a, "en"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert response.context["done"] is True
    assert "You will receive no more deadline alerts." in response.content.decode()
    assert 'href="/en/accounts/alerts/"' in response.content.decode()
    paused_at = settings_of(contact_a)["paused_at"]
    assert paused_at is not None
    assert settings_of(contact_b)["paused_at"] is None
    # Posting again keeps the first pause.
    assert client.post(unsubscribe_path(contact_a)).status_code == 200
    assert settings_of(contact_a)["paused_at"] == paused_at


def test_the_link_in_an_alert_mail_unsubscribes(contact_a, settings):
    settings.SITE_URL = "https://portal.example"
    deadline = add_deadline(days_ahead=5)
    now = timezone.now()
    assert alerts.plan(now).planned == 1
    message = alerts.render_alert(
        AlertDelivery.objects.select_related("deadline", "contact").get(deadline=deadline), now
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    address = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert address.startswith("https://portal.example/tr/alerts/unsubscribe/")
    response = Client(enforce_csrf_checks=True).post(urlsplit(address).path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert settings_of(contact_a)["paused_at"] is not None
    # Paused: nothing more is planned for the contact.
    add_deadline(days_ahead=3, kind=DeadlineKind.EVENT_REGISTRATION)
    assert alerts.plan(now).planned == 0


@pytest.mark.parametrize(
    "token",
    ["not-a-token", "1:abc:def", signing.dumps(1), signing.dumps(1, salt="portal.confirm")],
    ids=["garbage", "unsigned", "no-salt", "other-salt"],
)
def test_a_bad_unsubscribe_token_is_404(contact_a, token):
    before = settings_of(contact_a)
    client = Client(enforce_csrf_checks=True)
    assert client.get(f"/tr/alerts/unsubscribe/{token}/").status_code == 404
    assert client.post(f"/tr/alerts/unsubscribe/{token}/").status_code == 404
    assert settings_of(contact_a) == before


def test_the_token_of_a_deleted_subscription_is_404(contact_a):
    path = unsubscribe_path(contact_a)
    Subscription.objects.filter(contact=contact_a).delete()
    assert Client().post(path).status_code == 404


# --- API ----------------------------------------------------------------------------------------


def test_api_reads_the_users_own_subscription(client_a, contact_a):
    response = client_a.get(API)
    assert response.status_code == 200
    assert response.json() == {
        "topics": ["awards", "funds", "events", "guides", "coordination"],
        "lead_days": [30, 7, 1],
        "delivery": "immediate",
        "digest_hour": 8,
        "paused": False,
        "language": "tr",
        "time_zone": "Europe/Istanbul",
        "calendar_url": f"{settings.SITE_URL}/deadlines/{contact_a.subscription.calendar_token}.ics",
    }


def test_api_refuses_anonymous_users_and_has_nothing_for_the_admin(admin_client_wg):
    anonymous = Client()
    for method in ("get", "put", "patch"):
        response = getattr(anonymous, method)(API, VALID_API, content_type="application/json")
        assert response.status_code == 403, method
    assert admin_client_wg.get(API).status_code == 404
    assert admin_client_wg.patch(API, {"paused": True}, content_type="application/json").status_code == 404


def test_api_patch_changes_only_what_is_given(client_a, contact_a):
    before = settings_of(contact_a)
    response = client_a.patch(API, {"lead_days": [10, 10, 2]}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["lead_days"] == [10, 2]
    assert settings_of(contact_a) == {**before, "lead_days": [10, 2]}


def test_api_put_replaces_every_setting(client_a, contact_a):
    response = client_a.put(
        API, {**VALID_API, "calendar_url": "https://evil.example/"}, content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["calendar_url"].endswith(f"/deadlines/{contact_a.subscription.calendar_token}.ics")  # read-only
    assert {k: v for k, v in body.items() if k != "calendar_url"} == VALID_API
    after = settings_of(contact_a)
    assert after["paused_at"] is not None
    assert (after["language"], after["time_zone"], after["topics"], after["lead_days"]) == (
        "fa",
        "Asia/Tehran",
        ["events"],
        [45, 10],
    )


@pytest.mark.parametrize(
    ("method", "data", "field"),
    [
        ("patch", {"lead_days": [91]}, "lead_days"),
        ("patch", {"lead_days": ["abc"]}, "lead_days"),
        ("patch", {"lead_days": []}, "lead_days"),
        ("patch", {"lead_days": "30, 7"}, "lead_days"),
        ("patch", {"time_zone": "Mars/Olympus"}, "time_zone"),
        ("patch", {"time_zone": "Europe/Zurich\x00"}, "time_zone"),
        ("patch", {"digest_hour": 24}, "digest_hour"),
        ("patch", {"delivery": "hourly"}, "delivery"),
        ("patch", {"topics": ["sports"]}, "topics"),
        ("patch", {"language": "xx"}, "language"),
        ("patch", {"paused": "maybe"}, "paused"),
        ("put", {k: v for k, v in VALID_API.items() if k != "topics"}, "topics"),
    ],
)
def test_api_bad_input_is_400_with_details_and_nothing_changes(client_a, contact_a, method, data, field):
    before = settings_of(contact_a)
    response = getattr(client_a, method)(API, data, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == [field]
    details = response.json()[field]
    assert details and all(isinstance(message, str) for message in details)  # the documented shape of a 400
    assert settings_of(contact_a) == before


def test_api_names_the_wrong_item_of_a_list(client_a):
    response = client_a.patch(API + "?lang=en", {"lead_days": [30, 91]}, content_type="application/json")
    assert response.json() == {"lead_days": ["Item 2: Ensure this value is less than or equal to 90."]}


def test_api_maps_the_services_errors_to_400(client_a, contact_a, monkeypatch):
    """What only the service `save_subscription` refuses still comes back as a 400 with the field."""
    before = settings_of(contact_a)

    def refuse(subscription, **values):
        raise ValidationError({"lead_days": ["Refused by the service."]})

    monkeypatch.setattr(api, "save_subscription", refuse)  # the service as the API calls it
    response = client_a.patch(API, {"lead_days": [5]}, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"lead_days": ["Refused by the service."]}
    assert settings_of(contact_a) == before


def test_api_subscription_is_in_the_schema():
    schema = Client().get("/api/v1/schema/", {"format": "json"}).json()
    item = schema["paths"]["/api/v1/alerts/subscription/"]
    assert sorted(item) == ["get", "patch", "put"]
    assert sorted(item["get"]["responses"]) == ["200", "403", "404"]
    assert sorted(item["patch"]["responses"]) == ["200", "400", "403", "404"]
    properties = schema["components"]["schemas"]["Subscription"]["properties"]
    assert properties["calendar_url"]["readOnly"] is True
    assert properties["lead_days"]["items"] == {"type": "integer", "minimum": 0, "maximum": 90}
    assert "calendar_url" not in schema["components"]["schemas"]["PatchedSubscriptionRequest"]["properties"]


# --- back-office ----------------------------------------------------------------------------------

ADMIN_LISTS = {
    "subscription": "/admin/portal/subscription/",
    "alertdelivery": "/admin/portal/alertdelivery/",
    "deadline": "/admin/portal/deadline/",
    "planningrun": "/admin/portal/planningrun/",
}


def add_admin_rows(count: int) -> None:
    """`count` contacts, each with a subscription and a failed alert of its own deadline."""
    for n in range(count):
        contact = factories.ContactFactory()
        add_delivery(contact, add_deadline(title=f"Prize {n}"), state=DeliveryState.FAILED, last_error="550 no")


@pytest.mark.parametrize("name", list(ADMIN_LISTS))
def test_admin_changelists_need_a_constant_number_of_queries(admin_client_wg, name):
    PlanningRun.objects.create(pk=1, finished_at=timezone.now())
    add_admin_rows(2)
    url = ADMIN_LISTS[name]
    admin_client_wg.get(url)
    with CaptureQueriesContext(connection) as small:
        response = admin_client_wg.get(url)
    assert response.status_code == 200
    shown_small = len(response.context["cl"].result_list)
    add_admin_rows(8)
    with CaptureQueriesContext(connection) as large:
        response = admin_client_wg.get(url)
    assert len(large.captured_queries) == len(small.captured_queries), name
    if name != "planningrun":
        assert len(response.context["cl"].result_list) > shown_small


def test_admin_subscription_list_shows_topics_and_lead_times(admin_client_wg, contact_a):
    alerts.save_subscription(contact_a.subscription, topics=["funds", "awards"], lead_days="10, 2", paused=True)
    response = admin_client_wg.get(ADMIN_LISTS["subscription"], {"q": "alice@a.example", "paused": "yes"})
    [row] = response.context["cl"].result_list
    assert row.contact == contact_a
    html = response.content.decode()
    assert "10, 2" in html
    assert admin_client_wg.get(ADMIN_LISTS["subscription"], {"paused": "no"}).context["cl"].result_list.count() == 0


def test_admin_edits_a_subscription_through_the_service(admin_client_wg, contact_a):
    url = f"/admin/portal/subscription/{contact_a.subscription.pk}/change/"
    page = admin_client_wg.get(url).content.decode()
    assert 'type="checkbox" name="topics"' in page
    assert 'name="lead_days" value="30, 7, 1"' in page
    data = {"topics": ["guides"], "lead_days": "60; 5", "delivery": "digest", "digest_hour": "6", "paused": "on"}
    assert admin_client_wg.post(url, data).status_code == 302
    after = settings_of(contact_a)
    assert (after["topics"], after["lead_days"], after["delivery"], after["digest_hour"]) == (
        ["guides"],
        [60, 5],
        "digest",
        6,
    )
    assert after["paused_at"] is not None
    before = after
    response = admin_client_wg.post(url, {**data, "lead_days": "abc"})
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["lead_days"]
    assert settings_of(contact_a) == before


def test_admin_sends_failed_alerts_again(admin_client_wg, contact_a):
    failed = [
        add_delivery(contact_a, state=DeliveryState.FAILED, attempts=3, last_error="550 mailbox unknown")
        for _ in range(2)
    ]
    sent = add_delivery(contact_a, state=DeliveryState.SENT)
    response = admin_client_wg.post(
        ADMIN_LISTS["alertdelivery"],
        {"action": "send_again", "_selected_action": [d.pk for d in [*failed, sent]]},
        follow=True,
    )
    assert response.status_code == 200
    # One message for the alerts put back, one for those left alone; each names its count (the wording is
    # translated, so only the numbers are compared).
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert sorted(re.findall(r"\d+", t) for t in texts) == [["1"], ["2"]], texts
    for row in failed:
        row.refresh_from_db()
        assert (row.state, row.attempts, row.last_error) == (DeliveryState.PENDING, 0, "")
    sent.refresh_from_db()
    assert sent.state == DeliveryState.SENT


def test_admin_deliveries_are_read_only_and_filtered_by_state(admin_client_wg, contact_a):
    failed = add_delivery(contact_a, state=DeliveryState.FAILED, last_error="550 " + "x" * 200)
    add_delivery(contact_a, state=DeliveryState.SENT)
    response = admin_client_wg.get(ADMIN_LISTS["alertdelivery"], {"state__exact": "failed"})
    assert list(response.context["cl"].result_list) == [failed]
    assert "x" * 100 not in response.content.decode()  # the error is shortened in the list
    assert "delete_selected" not in dict(response.context["action_form"].fields["action"].choices)
    change = admin_client_wg.get(f"/admin/portal/alertdelivery/{failed.pk}/change/")
    assert change.status_code == 200
    assert change.context["has_change_permission"] is False
    assert admin_client_wg.get("/admin/portal/alertdelivery/add/").status_code == 403
    before = AlertDelivery.objects.filter(pk=failed.pk).values().get()
    admin_client_wg.post(f"/admin/portal/alertdelivery/{failed.pk}/change/", {"state": "sent", "lead_days": 1})
    assert AlertDelivery.objects.filter(pk=failed.pk).values().get() == before


def test_admin_finds_deadlines_by_their_translated_title(admin_client_wg):
    wanted = add_deadline(title="Interoperability award")
    add_deadline(title="Something else", kind=DeadlineKind.FUND_CALL)
    response = admin_client_wg.get(ADMIN_LISTS["deadline"], {"q": "interoperability"})
    assert list(response.context["cl"].result_list) == [wanted]
    assert admin_client_wg.get("/admin/portal/deadline/add/").status_code == 403
    assert admin_client_wg.get(f"/admin/portal/deadline/{wanted.pk}/delete/").status_code == 403


@pytest.mark.parametrize("name", list(ADMIN_LISTS))
def test_contacts_and_other_staff_cannot_reach_the_alert_admin(client, contact_a, name):
    url = ADMIN_LISTS[name]
    client.force_login(contact_a.user)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    # Staff outside the working group, even with the model permissions, are refused.
    from django.contrib.auth.models import Permission

    staff = factories.UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="portal"))
    client.force_login(staff)
    assert client.get(url).status_code == 403
