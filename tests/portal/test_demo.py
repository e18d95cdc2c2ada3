"""The demo data: the seeds' agencies and projects, loaded idempotently."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command
from django.utils import timezone

from events.models import Event, EventParticipation
from funds.models import Funder, FundingCall, FundingProgramme, Grant
from portal.models import Agency, Contact, Deadline, Project


def snapshot():
    rows = []
    for model in (
        Agency,
        Contact,
        Project,
        get_user_model(),
        Funder,
        FundingProgramme,
        FundingCall,
        Grant,
        Event,
        EventParticipation,
        Deadline,
    ):
        data = serializers.serialize("python", model.objects.order_by("pk"))
        for row in data:
            row["fields"].pop("updated_at", None)
            row["fields"].pop("last_login", None)
        rows.append(data)
    return rows


def test_load_demo_twice_changes_nothing():
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first


def test_demo_holds_the_seeds_facts(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "admin@portal.example" in out
    # Seed 002: 22 ministries and presidencies on the distribution list, and its sender.
    turkish = Agency.objects.filter(country="TR").exclude(slug="btk").exclude(kind="company")
    assert turkish.count() == 22
    assert Agency.objects.get(slug="btk").kind == "regulator"
    assert Agency.objects.get(slug="msrt").country.code == "IR"
    assert Agency.objects.get(slug="mincom-az").country.code == "AZ"
    assert Agency.objects.get(slug="soros-kg").kind == "ngo"
    grant_project = Project.objects.get(slug="e-government-education-centre-azerbaijan")
    assert (grant_project.start_year, grant_project.end_year) == (2013, 2015)
    assert list(grant_project.partner_agencies.values_list("slug", flat=True)) == ["koica"]
    assert get_user_model().objects.get(username="admin@portal.example").is_superuser


@pytest.mark.parametrize(
    ("email", "tz"), [("reza.ahmadi@msrt.example", "Asia/Tehran"), ("aigul.osmonova@soros.example", "Asia/Bishkek")]
)
def test_demo_contacts_are_active_in_their_zone(email, tz):
    call_command("load_demo", stdout=io.StringIO())
    contact = Contact.objects.get(email=email)
    assert (contact.time_zone, contact.is_confirmed, contact.is_approved) == (tz, True, True)


def test_demo_holds_the_koica_grant_of_seed_004():
    call_command("load_demo", stdout=io.StringIO())
    koica = Funder.objects.get(slug="koica")
    assert (koica.acronym, koica.kind, koica.country.code, koica.name_en) == (
        "KOICA",
        "bilateral",
        "KR",
        "Korea International Cooperation Agency",
    )
    [grant] = Grant.objects.filter(funder=koica)
    assert (grant.amount, grant.currency, grant.signed_on, grant.duration_months) == (
        Decimal("3700000"),
        "USD",
        dt.date(2013, 4, 18),
        24,
    )
    assert (grant.agency.slug, grant.agency.country.code) == ("mincom-az", "AZ")
    assert grant.project.slug == "e-government-education-centre-azerbaijan"
    assert (grant.review_state, grant.source_url) == ("published", "https://www.azernews.az/business/62775.html")
    grant.full_clean()


@pytest.mark.clock
def test_demo_calls_are_tentative_and_ahead():
    call_command("load_demo", stdout=io.StringIO())
    calls = list(FundingCall.objects.all())
    assert calls
    assert {call.state for call in calls} == {"tentative"}
    assert all(call.deadline_at > timezone.now() for call in calls)
    assert all("demo" in call.title_en for call in calls)


def test_demo_holds_the_wsis_forum_2026_of_seed_002_with_lessons_learned():
    call_command("load_demo", stdout=io.StringIO())
    forum = Event.objects.get(slug="wsis-forum-2026")
    assert (forum.kind, forum.organiser, forum.country.code, forum.tz) == ("forum", "ITU", "CH", "Europe/Zurich")
    assert (forum.starts_on, forum.ends_on, forum.status, forum.city_en) == (
        dt.date(2026, 7, 6),
        dt.date(2026, 7, 10),
        "confirmed",
        "Geneva",
    )
    forum.full_clean()
    participations = list(forum.participations.all())
    assert len(participations) >= 2
    assert all(p.is_published and p.lessons_en and p.lessons_tr for p in participations)
    for participation in participations:
        participation.full_clean()


@pytest.mark.clock
def test_demo_events_of_seed_001_are_planned_ahead_and_marked():
    call_command("load_demo", stdout=io.StringIO())
    planned = list(Event.objects.exclude(slug="wsis-forum-2026"))
    assert {event.kind for event in planned} >= {"camp", "barcamp", "forum"}
    assert {event.status for event in planned} == {"planned"}
    assert all("demo" in event.name_en for event in planned)
    assert all(event.starts_at() > timezone.now() for event in planned)
    soros = [event for event in planned if event.country.code == "KG"]
    assert len(soros) == 3
    assert {event.tz for event in soros} == {"Asia/Bishkek"}
    # Their deadlines are in the registry, tentative, in the event's zone.
    rows = Deadline.objects.filter(content_type__app_label="events", object_id__in=[e.pk for e in planned])
    assert rows.filter(kind="event.registration").exists()
    assert {row.tentative for row in rows} == {True}
