"""An award edition's page shows its application guide (a published guide of kind application guide linked to the
edition, else to its programme) and warns when the guide's current version was published before the edition's
call opened; a draft guide is not shown."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from guides.library.models import GuideVersion
from guides.library.sections import application_guide
from portal.models import ReviewState
from tests import factories

pytestmark = pytest.mark.django_db

ZURICH = ZoneInfo("Europe/Zurich")


@pytest.fixture
def edition():
    return factories.AwardEditionFactory(
        nomination_opens=dt.date(2031, 1, 10), nomination_deadline=dt.date(2031, 3, 15)
    )


def application_guide_of(edition, published_at, **kwargs):
    guide = factories.GuideFactory(kind="application_guide", award_edition=edition, **kwargs)
    GuideVersion.objects.filter(guide=guide).update(published_at=published_at)
    return guide


def page(client, edition):
    return client.get(reverse("awards:edition", args=[edition.pk]))


def test_the_edition_shows_its_application_guide_without_warning_when_newer_than_the_call(client, edition):
    # Published at 00:30 in Geneva on the day the call opened (23:30 UTC the day before): not older.
    at = dt.datetime(2031, 1, 10, 0, 30, tzinfo=ZURICH)
    guide = application_guide_of(edition, at, slug="wsis-2031-guide")
    response = page(client, edition)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-guide="wsis-2031-guide"' in html
    assert f'href="/tr/guides/{guide.slug}/"' in html
    assert "data-guide-older-than-call" not in html


def test_a_guide_older_than_the_call_is_flagged(client, edition):
    # 23:30 in Geneva the evening before the call opened (the same UTC date as the call's day would not be).
    application_guide_of(edition, dt.datetime(2031, 1, 9, 23, 30, tzinfo=ZURICH), slug="old-guide")
    html = page(client, edition).content.decode()
    assert 'data-guide="old-guide"' in html and "data-guide-older-than-call" in html


def test_a_draft_guide_is_not_shown_and_the_programmes_guide_stands_in(client, edition):
    application_guide_of(edition, dt.datetime(2031, 2, 1, tzinfo=ZURICH), slug="draft", review_state=ReviewState.DRAFT)
    html = page(client, edition).content.decode()
    assert 'data-guide="draft"' not in html and "edition-guide" not in html
    programme_guide = factories.GuideFactory(
        kind="application_guide", award_programme=edition.programme, slug="programme-guide"
    )
    assert application_guide(edition) == programme_guide
    # A guide of another kind, or of another edition, is not the application guide.
    factories.GuideFactory(kind="checklist", award_edition=edition, slug="checklist")
    other = factories.AwardEditionFactory(programme=edition.programme)
    factories.GuideFactory(kind="application_guide", award_edition=other, award_programme=edition.programme)
    assert application_guide(edition) == programme_guide
    # The edition's own guide comes before the programme's.
    own = application_guide_of(edition, dt.datetime(2031, 2, 1, tzinfo=ZURICH), slug="own")
    assert application_guide(edition) == own
    assert 'data-guide="own"' in page(client, edition).content.decode()


def test_without_an_opening_date_there_is_no_warning(client):
    edition = factories.AwardEditionFactory(nomination_opens=None)
    application_guide_of(edition, dt.datetime(2000, 1, 1, tzinfo=ZURICH), slug="undated-call")
    html = page(client, edition).content.decode()
    assert 'data-guide="undated-call"' in html and "data-guide-older-than-call" not in html
