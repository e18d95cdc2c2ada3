"""Funds: which agencies may apply to which calls, with the reasons; money and currency rules; the call deadlines
in the registry; invitations of eligible agencies sent once through the alerts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from funds import selectors, services
from funds.models import CallState, FundInvitation, Grant
from portal import alerts
from portal.models import AlertDelivery, Deadline, DeadlineKind, DeliveryState, Theme
from tests import factories

pytestmark = pytest.mark.clock  # open and closed calls


def reasons(found) -> list[tuple[str, str]]:
    return [(r.kind, r.matched) for r in found.reasons]


# --- Eligibility ---------------------------------------------------------------------------------------


def test_kind_and_country_decide_with_reasons():
    ministries_in_az = factories.FundingCallFactory(
        programme=factories.FundingProgrammeFactory(
            eligible_agency_kinds=["ministry"], eligible_countries=["AZ", "KG"]
        ),
        days=40,
    )
    everyone = factories.FundingCallFactory(days=10)
    ministry = factories.AgencyFactory(kind="ministry", country="AZ")
    ngo = factories.AgencyFactory(kind="ngo", country="AZ")
    turkish = factories.AgencyFactory(kind="ministry", country="TR")

    found = selectors.calls_for_agency(ministry)
    # Soonest deadline first; each with the reasons.
    assert [e.call for e in found] == [everyone, ministries_in_az]
    assert reasons(found[0]) == [("any_kind", ""), ("any_country", "")]
    assert reasons(found[1]) == [("agency_kind", "ministry"), ("country", "AZ")]
    with translation.override("en"):
        assert str(found[1].reasons[0]) == "Open to agencies of its kind (ministry)"
        assert str(found[1].reasons[1]) == "Open to applicants from Azerbaijan"
    assert [e.call for e in selectors.calls_for_agency(ngo)] == [everyone]
    assert [e.call for e in selectors.calls_for_agency(turkish)] == [everyone]
    assert [a for a, _e in selectors.eligible_agencies(ministries_in_az)] == [ministry]


def test_a_themed_programme_needs_a_matching_published_project():
    themed = factories.FundingCallFactory(
        programme=factories.FundingProgrammeFactory(
            themes=Theme.objects.filter(slug="e-government"), action_lines=["C4"]
        )
    )
    with_project = factories.AgencyFactory()
    partner = factories.AgencyFactory()
    project = factories.ProjectFactory(agency=with_project, published=True, action_lines=["C4"])
    factories.partners(project, partner)
    project.themes.add(Theme.objects.get(slug="e-government"))
    draft_only = factories.AgencyFactory()
    factories.ProjectFactory(agency=draft_only, action_lines=["C4"])  # a draft does not count
    factories.AgencyFactory()  # no project at all

    eligible = selectors.eligible_agencies(themed)
    assert [a for a, _e in eligible] == sorted([with_project, partner], key=lambda a: a.slug)
    assert reasons(eligible[0][1])[-2:] == [
        ("theme", Theme.objects.get(slug="e-government").title),
        ("action_line", "C4"),
    ]
    assert selectors.calls_for_agency(draft_only) == []


def test_closed_and_cancelled_calls_are_not_offered():
    prog = factories.FundingProgrammeFactory()
    factories.FundingCallFactory(programme=prog, days=-1)
    factories.FundingCallFactory(programme=prog, state=CallState.CANCELLED)
    # An hour ago, at its local time in Seoul: passed.
    past = (timezone.now() - dt.timedelta(hours=1)).astimezone(dt.timezone(dt.timedelta(hours=9)))
    factories.FundingCallFactory(
        programme=prog, title="Closed an hour ago", deadline=past.date(), deadline_time=past.time(), tz="Asia/Seoul"
    )
    tentative = factories.FundingCallFactory(programme=prog, days=5, state=CallState.TENTATIVE)
    agency = factories.AgencyFactory()
    assert [e.call for e in selectors.calls_for_agency(agency)] == [tentative]


def test_eligible_agencies_query_count_is_flat(django_assert_max_num_queries):
    theme = Theme.objects.get(slug="e-government")
    themed = factories.FundingCallFactory(programme=factories.FundingProgrammeFactory(themes=[theme]))

    def add(n):
        for _ in range(n):
            factories.ProjectFactory(published=True).themes.add(theme)

    add(3)
    with django_assert_max_num_queries(16) as few:
        assert len(selectors.eligible_agencies(themed)) == 3
    add(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(selectors.eligible_agencies(themed)) == 30


# --- Money ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "field"),
    [
        (Decimal("-5"), "USD", "amount"),
        (Decimal("0"), "USD", "amount"),
        (Decimal("1.234"), "USD", "amount"),
        (Decimal("10.5"), "KRW", "amount"),
        (Decimal("100"), "ABC", "currency"),
        (Decimal("100"), "usd", "currency"),
    ],
)
def test_money_is_validated_with_its_currency(amount, currency, field):
    grant = Grant(funder=factories.FunderFactory(), agency=factories.AgencyFactory(), amount=amount, currency=currency)
    with pytest.raises(ValidationError) as refused:
        grant.full_clean()
    assert field in refused.value.message_dict
    assert not Grant.objects.exists()


def test_whole_amounts_and_cents_are_money():
    agency = factories.AgencyFactory()
    funder = factories.FunderFactory()
    Grant(funder=funder, agency=agency, amount=Decimal("3700000"), currency="USD").full_clean()
    Grant(funder=funder, agency=agency, amount=Decimal("1500000000"), currency="KRW").full_clean()
    Grant(funder=funder, agency=agency, amount=Decimal("12.50"), currency="EUR").full_clean()


# --- Deadlines and invitations -------------------------------------------------------------------------


def test_call_deadlines_are_registered_moved_and_withdrawn():
    opened = factories.FundingCallFactory(
        opens_on=factories.today_in("Asia/Seoul"), days=40, deadline_time=dt.time(18, 0), tz="Asia/Seoul"
    )
    rows = {d.kind: d for d in Deadline.objects.filter(object_id=opened.pk, topic="funds")}
    assert set(rows) == {DeadlineKind.FUND_CALL_OPENS, DeadlineKind.FUND_CALL}
    assert rows[DeadlineKind.FUND_CALL].due_at == opened.deadline_at
    assert rows[DeadlineKind.FUND_CALL].due_at.astimezone(dt.UTC).hour == 9  # 18:00 in Seoul
    opened.state = CallState.CANCELLED
    opened.save()
    assert not Deadline.objects.filter(object_id=opened.pk, topic="funds", withdrawn_at__isnull=True).exists()


def test_invitation_goes_once_to_the_eligible_agencies_contacts(wg_admin, mailoutbox, settings):
    settings.SEND_ALERTS = True
    offered = factories.FundingCallFactory(
        programme=factories.FundingProgrammeFactory(eligible_agency_kinds=["university"]), days=60
    )
    university = factories.AgencyFactory(kind="university")
    ministry = factories.AgencyFactory(kind="ministry")
    reader = factories.ContactFactory(agency=university, language="ky", time_zone="Asia/Bishkek")
    factories.ContactFactory(agency=ministry)

    invited = services.invite_eligible_agencies(offered, wg_admin)
    assert (invited.agencies, invited.unchanged) == (1, 0)
    assert list(FundInvitation.objects.values_list("agency_id", flat=True)) == [university.pk]
    notice = Deadline.objects.get(kind=DeadlineKind.FUND_SUGGESTION)
    assert list(notice.agencies.values_list("pk", flat=True)) == [university.pk]

    alerts.plan()
    assert alerts.send_due().sent == 1
    assert [m.to for m in mailoutbox] == [[reader.email]]
    assert mailoutbox[0].extra_headers["Content-Language"] == "ky"

    # Again: nobody new, nothing more sent; the call moved: still nothing more.
    assert services.invite_eligible_agencies(offered, wg_admin).unchanged == 1
    offered.deadline += dt.timedelta(days=2)
    offered.save()
    alerts.plan()
    assert alerts.send_due().sent == 0
    assert AlertDelivery.objects.filter(state=DeliveryState.SENT).count() == 1


def test_an_invitation_follows_its_call_and_programme_and_is_withdrawn_when_deleted(wg_admin):
    offered = factories.FundingCallFactory(
        programme=factories.FundingProgrammeFactory(eligible_agency_kinds=["university"]), days=60
    )
    university = factories.AgencyFactory(kind="university")
    services.invite_eligible_agencies(offered, wg_admin)
    notice = Deadline.objects.get(kind=DeadlineKind.FUND_SUGGESTION)

    offered.programme.name_en = "Campus Fund"
    offered.programme.save()
    notice.refresh_from_db()
    assert notice.title_en.startswith(f"Campus Fund: {offered.title_en}")
    offered.deadline += dt.timedelta(days=5)
    offered.save()
    notice.refresh_from_db()
    assert notice.due_at == Deadline.objects.get(kind=DeadlineKind.FUND_CALL, object_id=offered.pk).due_at
    assert notice.due_at == offered.deadline_at

    FundInvitation.objects.get(agency=university).delete()
    notice.refresh_from_db()
    assert notice.withdrawn_at is not None


def test_no_invitation_to_a_closed_or_cancelled_call(wg_admin):
    prog = factories.FundingProgrammeFactory()
    for made, code in (
        (factories.FundingCallFactory(programme=prog, days=-2), "closed"),
        (factories.FundingCallFactory(programme=prog, state=CallState.CANCELLED), "cancelled"),
    ):
        with pytest.raises(ValidationError) as refused:
            services.invite_eligible_agencies(made, wg_admin)
        assert refused.value.code == code
    assert not FundInvitation.objects.exists()
