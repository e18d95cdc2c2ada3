"""API `guides/english-websites`: every agency's published entry with its last check, filtered; read-only; query
counts that do not grow."""

from django.utils import timezone

from guides.websites.models import WebsiteCheck, WebsiteProposal
from portal.models import Agency, EnglishWebsiteState
from tests import factories

LIST = "/api/v1/guides/english-websites/"


def test_the_list_has_each_agencys_entry_and_last_check(client):
    agency = factories.AgencyFactory(
        slug="x-ministry",
        kind=Agency.Kind.MINISTRY,
        english_website_url="https://x.example/en",
        english_website_state=EnglishWebsiteState.OUTDATED,
    )
    older = timezone.now() - timezone.timedelta(days=7)
    WebsiteCheck.objects.create(agency=agency, url=agency.english_website_url, checked_at=older, outcome="broken")
    WebsiteCheck.objects.create(
        agency=agency, url=agency.english_website_url, checked_at=timezone.now(), status=200, outcome="ok"
    )
    factories.AgencyFactory(slug="y-none")
    WebsiteProposal.objects.create(agency=agency, url="https://draft.example/")  # never in the API
    data = client.get(LIST).json()
    by_slug = {row["agency"]: row for row in data["results"]}
    row = by_slug["x-ministry"]
    assert (row["url"], row["state"], row["last_outcome"], row["last_status"], row["kind"]) == (
        "https://x.example/en",
        "outdated",
        "ok",
        200,
        "ministry",
    )
    assert (by_slug["y-none"]["state"], by_slug["y-none"]["last_outcome"]) == ("none", None)
    assert "draft.example" not in str(data)
    assert client.get(f"{LIST}x-ministry/").json()["url"] == "https://x.example/en"


def test_filters(client):
    factories.AgencyFactory(slug="a", english_website_state=EnglishWebsiteState.CURRENT, country="TR")
    factories.AgencyFactory(slug="b", english_website_state=EnglishWebsiteState.NONE, country="AZ")
    checked = factories.AgencyFactory(slug="c", english_website_url="https://c.example/")
    WebsiteCheck.objects.create(agency=checked, url="https://c.example/", checked_at=timezone.now(), outcome="broken")

    def slugs(query):
        return {row["agency"] for row in client.get(LIST + query).json()["results"]}

    assert slugs("?state=current") == {"a"}
    assert slugs("?country=AZ") == {"b"}
    assert slugs("?outcome=broken") == {"c"}
    assert client.get(LIST + "?state=splendid").status_code == 400


def test_the_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    for n in range(30):
        agency = factories.AgencyFactory(english_website_url=f"https://a{n}.example/")
        WebsiteCheck.objects.create(
            agency=agency, url=agency.english_website_url, checked_at=timezone.now(), outcome="ok"
        )
    with django_assert_max_num_queries(4):
        assert client.get(LIST).status_code == 200
