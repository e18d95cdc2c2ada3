"""Saved searches: saving from the search's parameters, mailing each new match once per search, at once or in a
daily or weekly digest built in the contact's zone, one-click unsubscribe of one search, owners only, the limit."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django_celery_beat.models import PeriodicTask

from portal import tasks
from portal.alerts import outbox
from portal.alerts.subscriptions import unsubscribe as unsubscribe_from_alerts
from portal.models import (
    MAX_SAVED_SEARCHES,
    DeliveryState,
    Frequency,
    MailKind,
    OutboxMail,
    Project,
    ReviewState,
    SavedSearch,
    SavedSearchMatch,
)
from portal.saved_searches import mailing, selectors, services
from tests import factories

SITE = "https://portal.example"
BISHKEK = ZoneInfo("Asia/Bishkek")  # UTC+6 all year
# Sunday 10 May 2026; Monday is the 11th.
SUNDAY = dt.date(2026, 5, 10)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def url(name: str, kwargs: dict | None = None) -> str:
    """A page's address in English (the contacts of these tests read English)."""
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def bishkek(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BISHKEK)


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def publish(title: str, at: dt.datetime | None = None, **kwargs) -> Project:
    """A published project first findable at `at` (the index stamps its entry with the clock of the save)."""
    if at is None:
        return factories.ProjectFactory(published=True, title_tr=title, title_en=title, **kwargs)
    with time_machine.travel(at, tick=False):
        return factories.ProjectFactory(published=True, title_tr=title, title_en=title, **kwargs)


def reader(**kwargs):
    kwargs.setdefault("language", "en")
    kwargs.setdefault("time_zone", "Asia/Bishkek")
    return factories.ContactFactory(**kwargs)


def mails(search=None):
    rows = OutboxMail.objects.filter(kind=MailKind.SAVED_SEARCH).order_by("pk")
    return list(rows.filter(recipient=search.contact.email) if search else rows)


def mailed_ids(search) -> list[int]:
    return sorted(SavedSearchMatch.objects.filter(saved_search=search).values_list("object_id", flat=True))


# --- Saving from the search's parameters ------------------------------------------------------------------------


def test_saving_a_search_from_its_parameters(client, settings):
    contact = reader(email="saver@a.example")
    client.force_login(contact.user)
    path = url("accounts:saved_search_new")
    query = "?q=smart+irrigation&kind=project&country=TR&sdg=4&sdg=6&open=1&page=3&status=planned"
    page = client.get(path + query)
    assert page.status_code == 200
    text = page.content.decode()
    assert "“smart irrigation” in projects" in text
    assert "Country: Turkey" in text or "Country: Türkiye" in text
    assert 'value="smart irrigation"' in text  # the name proposed

    response = client.post(path + query, {"name": "Irrigation in Türkiye", "frequency": Frequency.WEEKLY})
    assert response.status_code == 302
    assert response["Location"].endswith(url("accounts:alerts") + "#searches")
    search = SavedSearch.objects.get()
    assert (search.contact, search.name, search.frequency, search.active) == (
        contact,
        "Irrigation in Türkiye",
        Frequency.WEEKLY,
        True,
    )
    assert (search.text, search.kind, search.facets, search.open_only) == (
        "smart irrigation",
        "project",
        {"country": ["TR"], "sdg": ["4", "6"]},
        True,
    )
    listing = client.get(url("accounts:alerts")).content.decode()
    assert "Irrigation in Türkiye" in listing
    assert url("accounts:saved_search_edit", kwargs={"pk": search.pk}) in listing


def test_an_empty_search_or_a_bad_frequency_is_a_field_error(client):
    contact = reader()
    client.force_login(contact.user)
    path = url("accounts:saved_search_new")
    response = client.post(path, {"name": "Everything", "frequency": Frequency.DAILY})
    assert response.status_code == 200
    assert "Search for something first" in response.content.decode()
    response = client.post(path + "?q=irrigation", {"name": "", "frequency": "hourly"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "frequency"}
    assert not SavedSearch.objects.exists()


def test_the_save_button_shows_only_to_a_confirmed_contact_and_carries_the_lists_filters(client, wg_admin):
    contact = reader()
    anonymous = client.get(url("project_list") + "?country=TR&sdg=4").content.decode()
    assert url("accounts:saved_search_new") not in anonymous
    client.force_login(wg_admin)
    assert url("accounts:saved_search_new") not in client.get(url("project_list")).content.decode()
    client.force_login(contact.user)
    page = client.get(url("project_list") + "?country=TR&sdg=4&status=planned&page=1").content.decode()
    assert url("accounts:saved_search_new") + "?kind=project&amp;country=TR&amp;sdg=4" in page


# --- A new match is mailed once per search ----------------------------------------------------------------------


def test_a_new_published_match_is_mailed_once_and_the_back_catalogue_never():
    old = publish("Irrigation registry of 2019")
    search = factories.SavedSearchFactory(contact=reader(email="r@a.example"), name="Irrigation")
    assert mailing.queue_new_matches().mails == 0  # the back catalogue is not news
    new = publish("Smart irrigation platform")
    publish("Land registry")  # does not match

    result = mailing.queue_new_matches()
    assert (result.mails, result.matches) == (1, 1)
    [mail] = mails(search)
    assert mail.subject == "1 new match for “Irrigation”"
    assert "Smart irrigation platform" in mail.text and "Irrigation registry of 2019" not in mail.text
    assert f"{SITE}/en/projects/{new.slug}/" in mail.text
    unsubscribe = SITE + url("accounts:saved_search_unsubscribe", kwargs={"token": services.unsubscribe_token(search)})
    assert mail.headers == {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert unsubscribe in mail.text and unsubscribe in mail.html
    assert mailed_ids(search) == [new.pk]
    assert SavedSearchMatch.objects.get().mail == mail
    search.refresh_from_db()
    assert search.last_sent_at is not None

    # Running again, saving the record again, taking it down and publishing it again: nothing is new.
    assert mailing.queue_new_matches().mails == 0
    new.summary_en = "Sensors in every field"
    new.save()
    new.review_state, new.published_at = ReviewState.DRAFT, None
    new.save()
    new.review_state, new.published_at = ReviewState.PUBLISHED, timezone.now()
    new.save()
    assert mailing.queue_new_matches().mails == 0
    assert len(mails()) == 1
    assert old.pk not in mailed_ids(search)


def test_each_saved_search_mails_its_own_matches_and_lists_at_most_ten():
    contact = reader()
    first = factories.SavedSearchFactory(contact=contact, name="Irrigation")
    second = factories.SavedSearchFactory(contact=contact, name="Irrigation again", text="irrigation")
    for n in range(12):
        publish(f"Irrigation project {n:02d}")
    assert mailing.queue_new_matches().mails == 2
    for search in (first, second):
        [mail] = [m for m in mails() if f"“{search.name}”" in m.subject]
        assert mail.subject == f"12 new matches for “{search.name}”"
        assert mail.text.count("Irrigation project") == 10
        assert "… and 2 more." in mail.text
        assert f"{SITE}/en/search/?q=irrigation&kind=project" in mail.text
        assert len(mailed_ids(search)) == 12


def test_drafts_and_another_agencys_unpublished_records_are_never_mailed():
    search = factories.SavedSearchFactory(contact=reader())
    factories.ProjectFactory(title_en="Irrigation draft", review_state=ReviewState.DRAFT)
    factories.ProjectFactory(title_en="Irrigation submitted", review_state=ReviewState.SUBMITTED)
    assert mailing.queue_new_matches().mails == 0
    assert not SavedSearchMatch.objects.exists()
    assert mails(search) == []


def test_the_mail_is_in_the_contacts_language():
    search = factories.SavedSearchFactory(contact=reader(language="ru"))
    factories.ProjectFactory(published=True, title_tr="Sulama", title_en="Irrigation", title_ru="Орошение")
    mailing.queue_new_matches()
    [mail] = mails(search)
    assert mail.language == "ru"
    assert "Орошение" in mail.text and f"{SITE}/ru/projects/" in mail.text


def test_a_paused_or_inactive_contact_gets_nothing():
    paused = factories.SavedSearchFactory(contact=reader())
    unsubscribe_from_alerts(paused.contact.subscription)
    gone = factories.SavedSearchFactory(contact=reader(is_active=False))
    publish("Irrigation platform")
    assert mailing.queue_new_matches().mails == 0
    assert mails(paused) == [] and mails(gone) == []


# --- Timing, in the contact's zone ------------------------------------------------------------------------------


def test_at_once_daily_and_weekly_slots_are_built_in_the_contacts_zone():
    contact = reader()  # digest hour 8, Asia/Bishkek
    saved_at = bishkek(SUNDAY, 9)
    at_once = factories.SavedSearchFactory(contact=contact, name="At once", created_at=saved_at)
    daily = factories.SavedSearchFactory(contact=contact, name="Daily", frequency=Frequency.DAILY, created_at=saved_at)
    weekly = factories.SavedSearchFactory(
        contact=contact, name="Weekly", frequency=Frequency.WEEKLY, created_at=saved_at
    )
    publish("Irrigation platform", at=bishkek(SUNDAY, 10))

    def run(now):
        """How many mails each search has sent after a run at `now`."""
        mailing.queue_new_matches(now)
        return {
            search.name: sum(f"“{search.name}”" in m.subject for m in mails()) for search in (at_once, daily, weekly)
        }

    # Sunday 10:05 in Bishkek: only the search mailed at once (Sunday's 08:00 was before it was saved).
    assert run(bishkek(SUNDAY, 10, 5)) == {"At once": 1, "Daily": 0, "Weekly": 0}
    # Monday 01:59 UTC is already Monday in Bishkek, but 07:59 there: not yet.
    assert run(bishkek(SUNDAY + days(1), 7, 59)) == {"At once": 1, "Daily": 0, "Weekly": 0}
    # Monday 08:00 in Bishkek (02:00 UTC, the server's date may still be Sunday elsewhere): both digests.
    assert run(bishkek(SUNDAY + days(1), 8)) == {"At once": 1, "Daily": 1, "Weekly": 1}
    assert run(bishkek(SUNDAY + days(1), 8, 5)) == {"At once": 1, "Daily": 1, "Weekly": 1}

    # A new match on Monday noon: at once now, the daily digest on Tuesday at 08:00, the weekly one next Monday.
    publish("Irrigation sensors", at=bishkek(SUNDAY + days(1), 12))
    assert run(bishkek(SUNDAY + days(1), 12, 5)) == {"At once": 2, "Daily": 1, "Weekly": 1}
    assert run(bishkek(SUNDAY + days(2), 7, 55)) == {"At once": 2, "Daily": 1, "Weekly": 1}
    assert run(bishkek(SUNDAY + days(2), 8, 1)) == {"At once": 2, "Daily": 2, "Weekly": 1}
    assert run(bishkek(SUNDAY + days(7), 23)) == {"At once": 2, "Daily": 2, "Weekly": 1}
    assert run(bishkek(SUNDAY + days(8), 7, 59)) == {"At once": 2, "Daily": 2, "Weekly": 1}
    assert run(bishkek(SUNDAY + days(8), 8)) == {"At once": 2, "Daily": 2, "Weekly": 2}
    # Each mail carried only what the search had not mailed.
    weekly_mails = [m for m in mails() if "“Weekly”" in m.subject]
    assert ["Irrigation platform" in m.text for m in weekly_mails] == [True, False]
    assert ["Irrigation sensors" in m.text for m in weekly_mails] == [False, True]


def test_a_missed_digest_slot_is_caught_up_once():
    contact = reader()
    search = factories.SavedSearchFactory(contact=contact, frequency=Frequency.DAILY, created_at=bishkek(SUNDAY, 9))
    publish("Irrigation platform", at=bishkek(SUNDAY, 10))
    # Nothing ran on Monday: the first run on Tuesday evening sends Monday's digest, and only one.
    assert selectors.is_due(search, bishkek(SUNDAY + days(2), 20))
    assert mailing.queue_new_matches(bishkek(SUNDAY + days(2), 20)).mails == 1
    assert mailing.queue_new_matches(bishkek(SUNDAY + days(2), 21)).mails == 0
    search.refresh_from_db()
    assert not selectors.is_due(search, bishkek(SUNDAY + days(3), 7, 59))
    assert selectors.is_due(search, bishkek(SUNDAY + days(3), 8))


def test_the_slots_of_a_zone_west_of_utc():
    contact = reader(time_zone="America/New_York")
    new_york = ZoneInfo("America/New_York")
    # Monday 11 May 2026 at 08:00 in New York is 12:00 UTC; Sunday 23:00 there is already Monday in UTC.
    sunday_night = dt.datetime(2026, 5, 10, 23, tzinfo=new_york)
    assert selectors.last_slot(Frequency.WEEKLY, 8, contact.time_zone, sunday_night) == dt.datetime(
        2026, 5, 4, 8, tzinfo=new_york
    )
    monday = dt.datetime(2026, 5, 11, 8, tzinfo=new_york)
    assert selectors.last_slot(Frequency.WEEKLY, 8, contact.time_zone, monday) == monday
    assert selectors.last_slot(Frequency.DAILY, 8, contact.time_zone, sunday_night) == dt.datetime(
        2026, 5, 10, 8, tzinfo=new_york
    )


# --- Unsubscribe: only that search ------------------------------------------------------------------------------


def test_one_click_unsubscribe_stops_only_that_search():
    contact = reader()
    stopped = factories.SavedSearchFactory(contact=contact, name="Stopped")
    kept = factories.SavedSearchFactory(contact=contact, name="Kept")
    path = url("accounts:saved_search_unsubscribe", kwargs={"token": services.unsubscribe_token(stopped)})
    anonymous = Client(enforce_csrf_checks=True)
    page = anonymous.get(path)
    assert page.status_code == 200 and '<form method="post">' in page.content.decode()
    stopped.refresh_from_db()
    assert stopped.active  # a GET only asks
    # RFC 8058: the mail client posts without a session or a CSRF token.
    response = anonymous.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    stopped.refresh_from_db()
    kept.refresh_from_db()
    assert (stopped.active, kept.active) == (False, True)

    publish("Irrigation platform")
    assert mailing.queue_new_matches().mails == 1
    assert [m.subject for m in mails()] == ["1 new match for “Kept”"]
    assert anonymous.get(path.replace("/unsubscribe/", "/unsubscribe/x")).status_code == 404


# --- Only the owner ---------------------------------------------------------------------------------------------


def test_another_contact_cannot_see_change_or_delete_a_search(client):
    owner, other = reader(), reader()
    search = factories.SavedSearchFactory(contact=owner, name="Mine")
    edit = url("accounts:saved_search_edit", kwargs={"pk": search.pk})
    delete = url("accounts:saved_search_delete", kwargs={"pk": search.pk})
    api = f"/api/v1/saved-searches/{search.pk}/"
    client.force_login(other.user)
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"name": "Stolen", "frequency": Frequency.DAILY}).status_code == 404
    assert client.post(delete).status_code == 404
    assert client.get(api).status_code == 404
    assert client.patch(api, {"name": "Stolen"}, content_type="application/json").status_code == 404
    assert client.delete(api).status_code == 404
    assert client.get("/api/v1/saved-searches/").json()["results"] == []
    search.refresh_from_db()
    assert search.name == "Mine"

    client.force_login(owner.user)
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"name": "Renamed", "frequency": Frequency.WEEKLY, "active": ""})
    assert response.status_code == 302
    search.refresh_from_db()
    assert (search.name, search.frequency, search.active) == ("Renamed", Frequency.WEEKLY, False)
    assert client.post(delete).status_code == 302
    assert not SavedSearch.objects.exists()


def test_the_api_for_the_contacts_own_searches(client):
    contact = reader()
    assert client.get("/api/v1/saved-searches/").status_code == 403
    assert client.post("/api/v1/saved-searches/", {}, content_type="application/json").status_code == 403
    client.force_login(contact.user)
    created = client.post(
        "/api/v1/saved-searches/?lang=en",
        {
            "name": "Irrigation",
            "text": "irrigation",
            "kind": "project",
            "facets": {"sdg": ["6"]},
            "frequency": "weekly",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["name"], body["frequency"], body["facets"], body["active"]) == (
        "Irrigation",
        "weekly",
        {"sdg": ["6"]},
        True,
    )
    assert body["description"].startswith("“irrigation” in projects · SDG: 6.")
    pk = body["id"]
    changed = client.patch(
        f"/api/v1/saved-searches/{pk}/", {"name": "Water", "frequency": "immediate"}, content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["name"] == "Water"
    assert [row["id"] for row in client.get("/api/v1/saved-searches/").json()["results"]] == [pk]

    bad = client.post(
        "/api/v1/saved-searches/",
        {"name": "Bad", "kind": "spaceship", "facets": {"colour": ["red"]}},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert set(bad.json()) == {"kind", "facets"}
    empty = client.post("/api/v1/saved-searches/", {"name": "Empty"}, content_type="application/json")
    assert empty.status_code == 400 and "text" in empty.json()
    assert client.delete(f"/api/v1/saved-searches/{pk}/").status_code == 204
    assert not SavedSearch.objects.exists()


def test_a_working_group_admin_without_a_contact_saves_nothing(client, wg_admin):
    client.force_login(wg_admin)
    assert client.get(url("accounts:saved_search_new") + "?q=irrigation").status_code == 404
    assert client.get("/api/v1/saved-searches/").json()["results"] == []
    response = client.post("/api/v1/saved-searches/", {"name": "X", "text": "x"}, content_type="application/json")
    assert response.status_code == 403


# --- The limit ------------------------------------------------------------------------------------------------


def test_at_most_twenty_saved_searches_per_contact(client):
    contact = reader()
    for n in range(MAX_SAVED_SEARCHES):
        services.save_search(contact, name=f"Search {n}", text=f"word{n}")
    with pytest.raises(ValidationError) as error:
        services.save_search(contact, name="One too many", text="irrigation")
    assert "__all__" in error.value.error_dict
    client.force_login(contact.user)
    page = client.post(
        url("accounts:saved_search_new") + "?q=irrigation", {"name": "One too many", "frequency": "daily"}
    )
    assert page.status_code == 200
    assert "You already have 20 saved searches" in page.content.decode()
    api = client.post("/api/v1/saved-searches/", {"name": "API", "text": "x"}, content_type="application/json")
    assert api.status_code == 400 and "20" in api.json()["non_field_errors"][0]
    assert SavedSearch.objects.filter(contact=contact).count() == MAX_SAVED_SEARCHES
    # Another contact's count is its own.
    services.save_search(reader(), name="Other", text="irrigation")


def test_my_alerts_lists_the_searches_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    contact = reader()
    client.force_login(contact.user)
    for n in range(3):
        factories.SavedSearchFactory(contact=contact, facets={"sdg": ["4"], "action_line": ["C7"]}, name=f"S{n}")
    client.get(url("accounts:alerts"))
    with django_assert_max_num_queries(12) as few:
        client.get(url("accounts:alerts"))
    for n in range(3, 15):
        factories.SavedSearchFactory(contact=contact, facets={"sdg": ["4"], "action_line": ["C7"]}, name=f"S{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url("accounts:alerts"))
    assert page.content.decode().count("SDG: 4.") == 15


# --- Real SMTP --------------------------------------------------------------------------------------------------


def test_the_mail_goes_out_through_a_real_smtp_server(smtp_server, django_capture_on_commit_callbacks):
    search = factories.SavedSearchFactory(contact=reader(email="saver@x.example", language="en"), name="Water")
    project = publish("Irrigation platform")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert mailing.queue_new_matches().mails == 1
    assert len(callbacks) == 1
    assert outbox.send_outbox().sent == 1
    [received] = smtp_server.messages
    message = received.message
    assert received.rcpt_tos == ["saver@x.example"]
    assert message["Subject"] == "1 new match for “Water”"
    assert message["Content-Language"] == "en"
    token = services.unsubscribe_token(search)
    assert message["List-Unsubscribe"] == f"<{SITE}/en/accounts/alerts/searches/unsubscribe/{token}/>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    body = message.get_body(("plain",)).get_content()
    assert "Irrigation platform" in body and f"/en/projects/{project.slug}/" in body
    assert set(OutboxMail.objects.values_list("state", flat=True)) == {DeliveryState.SENT}
    assert SavedSearchMatch.objects.get().content_type == ContentType.objects.get_for_model(Project)


# --- The beat and the embedded mode -----------------------------------------------------------------------------


def test_the_beat_runs_the_saved_searches_every_five_minutes_from_the_database_schedule():
    task = PeriodicTask.objects.select_related("interval").get(task="portal.tasks.saved_searches_tick")
    assert task.enabled
    assert (task.interval.every, task.interval.period) == (5, "minutes")
    assert task.last_run_at < timezone.now() - dt.timedelta(minutes=5)  # due as soon as the beat starts


def test_the_tick_and_send_alerts_mail_new_matches_once(django_capture_on_commit_callbacks):
    search = factories.SavedSearchFactory(contact=reader(email="tick@a.example"))
    publish("Irrigation platform")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.saved_searches_tick() == {"searches": 1, "mails": 1, "matches": 1}
    assert [m.to for m in mail.outbox] == [["tick@a.example"]]
    publish("Irrigation sensors")
    out = io.StringIO()
    call_command("send_alerts", stdout=out)
    assert "Queued 1 saved-search mails (1 new matches)." in out.getvalue()
    assert len(mail.outbox) == 2 and "Irrigation sensors" in mail.outbox[1].body
    assert mailed_ids(search) == sorted(Project.objects.values_list("pk", flat=True))


def test_the_api_lists_the_searches_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    contact = reader()
    client.force_login(contact.user)
    facets = {"sdg": ["4"], "action_line": ["C7"], "country": ["TR"]}
    factories.SavedSearchFactory(contact=contact, facets=facets)
    client.get("/api/v1/saved-searches/")
    with django_assert_max_num_queries(10) as few:
        client.get("/api/v1/saved-searches/")
    for _n in range(15):
        factories.SavedSearchFactory(contact=contact, facets=facets)
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = client.get("/api/v1/saved-searches/?lang=en").json()["results"]
    assert len(rows) == 16 and all("SDG: 4." in row["description"] for row in rows)


def test_changing_the_query_starts_the_search_afresh():
    search = factories.SavedSearchFactory(contact=reader(), text="land")
    publish("Irrigation platform")
    services.change_search(search, text="irrigation")
    assert mailing.queue_new_matches().mails == 0  # found before the change: back catalogue of the new query
    services.change_search(search, name="Water", frequency=Frequency.WEEKLY)  # not the query: no fresh start
    search.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.change_search(search, kind="spaceship", frequency="hourly", name=" ")
    assert set(error.value.error_dict) == {"kind", "frequency", "name"}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "x" * 121, "text": "irrigation"}, "name"),
        ({"name": " ", "text": "irrigation"}, "name"),
        ({"name": "N", "text": "a\x00b"}, "text"),
        ({"name": "N", "text": "x" * 201}, "text"),
        ({"name": "N", "facets": {"\x00": ["x"]}}, "facets"),
        ({"name": "N", "facets": {"sdg": ["4\x00"]}}, "facets"),
        ({"name": "N", "facets": {"sdg": "4"}}, "facets"),
        ({"name": "N", "facets": {"sdg": [str(n) for n in range(21)]}}, "facets"),
        ({"name": "N", "kind": "project\x00"}, "kind"),
        ({"name": "N", "text": "x", "frequency": "hourly"}, "frequency"),
        ({"name": "N", "text": "x", "open_only": "maybe"}, "open_only"),
    ],
)
def test_the_api_answers_bad_input_with_400_and_details(client, data, field):
    client.force_login(reader().user)
    response = client.post("/api/v1/saved-searches/", data, content_type="application/json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not SavedSearch.objects.exists()


def test_hostile_parameters_of_the_save_page_store_nothing_unsafe(client):
    contact = reader()
    client.force_login(contact.user)
    path = url("accounts:saved_search_new") + "?q=irri%00gation&sdg=4%00&kind=%00"
    assert client.get(path).status_code == 200
    response = client.post(path, {"name": "Hostile", "frequency": "daily"})
    assert response.status_code == 302
    search = SavedSearch.objects.get()
    assert (search.text, search.kind, search.facets) == ("irrigation", "", {"sdg": ["4"]})
