"""The demo data: the seeds' agencies and projects, loaded idempotently."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command

from portal.models import Agency, Contact, Project


def snapshot():
    rows = []
    for model in (Agency, Contact, Project, get_user_model()):
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
    turkish = Agency.objects.filter(country="TR").exclude(slug="btk")
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
