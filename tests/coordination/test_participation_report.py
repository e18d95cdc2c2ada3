"""The working group's coverage report: its counts match the data, reply deadlines are compared in each circular's
own zone, the filters narrow it, only working-group admins see it, and a page costs the same number of queries
whatever the number of agencies."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from awards.models import AwardEdition
from coordination.circulars.models import CircularState, RecipientState
from coordination.participation import selectors
from portal.models import Agency, EnglishWebsiteState, ProjectListing, ReviewState
from tests import factories
from tests.factories import in_days
from tests.queries import LARGE, SMALL, count_queries

URL = "/en/coordination/coverage/"


@pytest.fixture
def admin_client(client):
    client.force_login(factories.admin_user(email="wg@portal.example"))
    return client


@pytest.fixture
def covered():
    """Agency X with one confirmed contact among others that do not count, circulars answered every way, projects in
    several states with listings, award applications this year and other years; agency Y with nothing at all."""
    x = factories.AgencyFactory(
        slug="x-ministry", kind=Agency.Kind.MINISTRY, country="TR", english_website_state=EnglishWebsiteState.CURRENT
    )
    y = factories.AgencyFactory(slug="y-university", kind=Agency.Kind.UNIVERSITY, country="AZ", email="info@y.example")
    factories.ContactFactory(agency=x)  # confirmed, approved, active: the one that counts
    factories.ContactFactory(agency=x, confirmed_at=None, approved_at=None)  # never confirmed
    factories.ContactFactory(agency=x, is_active=False)  # left
    factories.ContactFactory(agency=x, approved_at=None)  # confirmed, not yet approved
    factories.ContactFactory(agency=y, is_active=False)

    sender = factories.AgencyFactory(slug="btk")
    answered = RecipientState.ANSWERED

    def circular(days, tz, state, *, late=False, circular_state=CircularState.SENT, time=None):
        due = None if days is None else in_days(days, tz)
        letter = factories.coverage_circular(
            reply_due_on=due, reply_due_time=time, tz=tz, sender=sender, state=circular_state
        )
        factories.circular_recipient(letter, x, state, late=late)
        return letter

    circular(-1, "Europe/Istanbul", answered)  # on time
    circular(-3, "America/New_York", RecipientState.NOTHING_TO_REPORT)  # on time too
    circular(-1, "Asia/Tehran", answered, late=True)  # late
    circular(-1, "America/New_York", RecipientState.PENDING)  # not answered
    circular(-2, "Asia/Tokyo", RecipientState.ACKNOWLEDGED)  # not answered
    circular(2, "Asia/Tokyo", RecipientState.ACKNOWLEDGED)  # waiting
    circular(1, "Pacific/Kiritimati", RecipientState.PENDING)  # waiting
    circular(None, "Europe/Istanbul", RecipientState.PENDING)  # waiting: no deadline
    circular(-1, "Europe/Istanbul", RecipientState.PENDING, circular_state=CircularState.DRAFT)  # not sent
    circular(-1, "Europe/Istanbul", RecipientState.PENDING, circular_state=CircularState.WITHDRAWN)  # withdrawn

    published = factories.ProjectFactory(agency=x, published=True)
    factories.ProjectFactory(agency=x, published=True)
    draft = factories.ProjectFactory(agency=x)
    factories.ProjectFactory(agency=x, review_state=ReviewState.SUBMITTED)
    ProjectListing.objects.create(project=published, portal="wsis_stocktaking", url="https://wsis.example/1")
    ProjectListing.objects.create(project=published, portal="joinup", url="https://joinup.example/1")
    ProjectListing.objects.create(project=draft, portal="oecd_opsi", url="https://oecd.example/1")

    this_year = factories.AwardEditionFactory(year=selectors.this_year())
    last_year = factories.AwardEditionFactory(year=selectors.this_year() - 1)

    def application(edition, code, state):
        category = factories.award_category(code) if code else None
        factories.AwardApplicationFactory(
            agency=x, project=published, edition=edition, category=category, review_state=state
        )

    application(this_year, "C4", ReviewState.SUBMITTED)
    application(this_year, "C7-E-government", ReviewState.PUBLISHED)
    application(this_year, None, ReviewState.DRAFT)  # not reported yet
    application(last_year, "C4", ReviewState.PUBLISHED)  # another year
    return {"x": x, "y": y, "sender": sender}


def figures(agency):
    return {
        "contacts": agency.contact_count,
        "on_time": agency.on_time,
        "late": agency.late,
        "not_answered": agency.not_answered,
        "waiting": agency.waiting,
        "projects": agency.published_count,
        "applications": agency.applications,
        "listings": agency.listings,
    }


def test_the_counts_match_the_data(covered):
    by_slug = {agency.slug: agency for agency in selectors.coverage()}
    assert figures(by_slug["x-ministry"]) == {
        "contacts": 1,
        "on_time": 2,
        "late": 1,
        "not_answered": 2,
        "waiting": 3,
        "projects": 2,
        "applications": 2,
        "listings": 2,
    }
    assert figures(by_slug["y-university"]) == dict.fromkeys(figures(by_slug["y-university"]), 0)
    assert by_slug["x-ministry"].english_website_state == EnglishWebsiteState.CURRENT


def test_the_page_shows_the_counts(admin_client, covered):
    response = admin_client.get(URL)
    assert response.status_code == 200
    [x] = [agency for agency in response.context["page"] if agency.slug == "x-ministry"]
    assert (x.contact_count, x.on_time, x.late, x.not_answered, x.waiting) == (1, 2, 1, 2, 3)
    body = response.content.decode()
    row = body[body.index('data-agency="x-ministry"') :]
    row = row[: row.index("</tr>")]
    assert '<td data-count="not_answered">2</td>' in row
    assert '<td data-count="waiting">3</td>' in row
    assert '<td data-state="current">' in row


@pytest.mark.parametrize(
    ("tz", "due_on", "due_time", "passed"),
    [
        # At 21:30 UTC on 15 March it is already 16 March in Tokyo and still the 15th in New York.
        ("Asia/Tokyo", dt.date(2026, 3, 15), None, True),  # 23:59 Tokyo = 14:59 UTC
        ("Asia/Tokyo", dt.date(2026, 3, 16), None, False),
        ("America/New_York", dt.date(2026, 3, 15), None, False),  # 23:59 New York = 03:59 UTC on the 16th
        ("America/New_York", dt.date(2026, 3, 15), dt.time(17, 0), True),  # 21:00 UTC
        ("America/New_York", dt.date(2026, 3, 15), dt.time(17, 31), False),  # 21:31 UTC
        ("Europe/Istanbul", dt.date(2026, 3, 16), dt.time(0, 15), True),  # 21:15 UTC on the 15th
        ("Europe/Istanbul", dt.date(2026, 3, 16), dt.time(0, 45), False),
    ],
)
def test_a_reply_deadline_passes_in_the_circulars_own_zone(tz, due_on, due_time, passed):
    now = dt.datetime(2026, 3, 15, 21, 30, tzinfo=ZoneInfo("UTC"))
    agency = factories.AgencyFactory()
    letter = factories.coverage_circular(reply_due_on=due_on, reply_due_time=due_time, tz=tz)
    factories.circular_recipient(letter, agency)
    # Another zone in use does not change the answer.
    factories.circular_recipient(
        factories.coverage_circular(reply_due_on=due_on, tz="Asia/Kabul"), factories.AgencyFactory()
    )
    [row] = selectors.coverage(now=now).filter(pk=agency.pk)
    assert (row.not_answered, row.waiting) == ((1, 0) if passed else (0, 1))
    assert (letter.reply_due_at <= now) is passed  # the model's own rule agrees


def test_filters_by_kind_country_and_missing_contact(admin_client, covered):
    factories.AgencyFactory(slug="z-ministry-az", kind=Agency.Kind.MINISTRY, country="AZ")

    def shown(query):
        response = admin_client.get(URL + query)
        assert response.status_code == 200
        return [agency.slug for agency in response.context["page"]]

    assert shown("?kind=ministry") == ["btk", "x-ministry", "z-ministry-az"]
    assert shown("?kind=ministry&country=AZ") == ["z-ministry-az"]
    assert shown("?country=AZ") == ["y-university", "z-ministry-az"]
    assert shown("?without_contact=on&kind=ministry") == ["btk", "z-ministry-az"]
    assert shown("?without_contact=on&country=TR&kind=university") == []
    assert shown("?kind=no-such-kind") == []


def test_the_figures_per_kind_follow_the_filters(admin_client, covered):
    response = admin_client.get(URL + "?country=TR")
    rows = {row.kind: (row.agencies, row.with_contact, row.without_contact) for row in response.context["figures"]}
    assert rows == {"ministry": (2, 1, 1)}  # x-ministry (a confirmed contact) and btk (none)
    assert len(response.context["chart"].bars) == 2
    body = response.content.decode()
    assert 'data-kind="ministry" data-agencies="2" data-with="1"' in body


def test_an_agency_without_an_address_links_to_its_admin_page(admin_client, covered):
    body = admin_client.get(URL + "?kind=ministry").content.decode()
    row = body[body.index('data-agency="btk"') :]
    row = row[: row.index("</tr>")]
    assert f'href="/admin/portal/agency/{covered["sender"].pk}/change/"' in row
    assert "coverage/invite/" not in row
    row = body[body.index('data-agency="x-ministry"') :]
    assert "coverage/invite/" not in row[: row.index("</tr>")]  # it has a confirmed contact


@pytest.mark.parametrize("path", [URL, URL + "coverage.csv", URL + "coverage.xlsx"])
def test_only_working_group_admins_see_the_report(client, covered, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    contact = factories.ContactFactory(agency=covered["x"])
    client.force_login(contact.user)
    assert client.get(path).status_code == 403
    staff = factories.UserFactory(is_staff=True)  # staff outside the working group
    client.force_login(staff)
    assert client.get(path).status_code == 403


def _agencies(n: int) -> None:
    """`n` agencies of every kind of figure: contacts, circulars, projects, listings, applications, invitations."""
    edition = AwardEdition.objects.filter(year=selectors.this_year()).first() or factories.AwardEditionFactory(
        year=selectors.this_year()
    )
    for i in range(n):
        agency = factories.AgencyFactory(email=f"info{i}@agency.example" if i % 2 else "")
        if i % 3:
            factories.ContactFactory(agency=agency)
        letter = factories.coverage_circular(reply_due_on=in_days(-1, "Asia/Tokyo"), tz="Asia/Tokyo")
        factories.circular_recipient(letter, agency, RecipientState.ANSWERED if i % 2 else RecipientState.PENDING)
        project = factories.ProjectFactory(agency=agency, published=True)
        ProjectListing.objects.create(project=project, portal="joinup", url=f"https://joinup.example/{i}")
        factories.AwardApplicationFactory(agency=agency, project=project, edition=edition)
        if i % 2:
            factories.agency_invitation(agency, days_ago=10)


def test_a_page_of_the_report_takes_the_same_number_of_queries_whatever_the_number_of_agencies(admin_client):
    _agencies(SMALL)
    small, response = count_queries(admin_client, URL)
    assert len(response.context["page"]) >= SMALL
    _agencies(LARGE - SMALL)
    large, response = count_queries(admin_client, URL)
    assert len(response.context["page"]) >= LARGE
    assert small == large


def test_the_downloads_take_the_same_number_of_queries_whatever_the_number_of_agencies(admin_client):
    path = URL + "coverage.csv"
    _agencies(SMALL)
    small, _response = count_queries(admin_client, path)
    _agencies(LARGE - SMALL)
    large, _response = count_queries(admin_client, path)
    assert small == large


def test_the_coordination_page_links_the_report_for_admins_only(client, admin_client):
    assert 'data-link="coverage"' in admin_client.get("/en/coordination/").content.decode()
    admin_client.logout()
    assert 'data-link="coverage"' not in client.get("/en/coordination/").content.decode()
