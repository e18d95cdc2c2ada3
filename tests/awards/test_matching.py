"""Where could it apply: ranks and reasons of the matching, the project and edition pages, and the invitation of
matching projects' agencies (an `award.suggestion` alert through the alert mechanism, sent once)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from awards import matching, services
from awards.models import AwardEdition, AwardInvitation
from portal import alerts
from portal.models import AlertDelivery, Deadline, DeadlineKind, DeliveryState, Theme
from tests import factories

pytestmark = pytest.mark.clock  # suggested while the nomination is open, soonest first


def edition(programme="wsis-prizes", year=2030, **kwargs) -> AwardEdition:
    return factories.AwardEditionFactory(programme=factories.award_programme(programme), year=year, **kwargs)


def keys(suggestions) -> list[tuple]:
    return [(s.edition.programme.slug, s.category.code if s.category else None, s.score) for s in suggestions]


def reasons(suggestion) -> list[tuple[str, str]]:
    return [(r.kind, r.matched) for r in suggestion.reasons]


def test_ranked_by_points_then_deadline_with_reasons():
    wsis = edition("wsis-prizes", 2030)
    edition("unpsa", 2030, nomination_deadline=dt.date(2030, 1, 10), tz="America/New_York")
    project = factories.ProjectFactory(action_lines=["C7.1", "C4"], sdgs=[16])

    found = matching.where_project_could_apply(project)

    # Exact action lines (3) first, in the organiser's order; then the two UNPSA categories of SDG 16 (1).
    assert keys(found) == [
        ("wsis-prizes", "C4", 3),
        ("wsis-prizes", "C7-E-government", 3),
        ("unpsa", "2026-3", 1),
        ("unpsa", "2026-4", 1),
    ]
    assert reasons(found[1]) == [("action_line", "C7.1")]
    assert reasons(found[2]) == [("sdg", "16")]
    with translation.override("en"):
        assert str(found[1].reasons[0]) == "C7-E-government ICT Applications: E-government matches action line C7.1"
    assert (found[0].deadline.due_at, found[0].deadline.tz) == (wsis.nomination_deadline_at, "Europe/Zurich")


def test_same_points_sooner_deadline_first():
    later = edition("wsis-prizes", 2031)
    sooner = edition("wsis-prizes", 2030)
    project = factories.ProjectFactory(action_lines=["C4"])

    found = matching.where_project_could_apply(project)

    assert [s.edition.pk for s in found] == [sooner.pk, later.pk]


def test_main_line_and_sub_line_are_related_matches():
    edition("wsis-prizes", 2030)
    main = factories.ProjectFactory(action_lines=["C7"])
    found = matching.where_project_could_apply(main)
    # C7 is the main line of the eight C7 categories (C7.1…C7.8): each a related match worth 2.
    assert {code for _p, code, _s in keys(found)} == {
        "C7-E-government",
        "C7-E-business",
        "C7-E-learning",
        "C7-E-health",
        "C7-E-employment",
        "C7-E-environment",
        "C7-E-agriculture",
        "C7-E-science",
    }
    assert {s.score for s in found} == {2}
    assert reasons(found[0]) == [("related_line", "C7")]


def test_closed_and_past_editions_are_not_suggested_upcoming_ones_are():
    now = timezone.now()
    edition("wsis-prizes", 2020)  # closed long ago
    upcoming = edition("wsis-prizes", now.year + 1, nomination_deadline=None)  # deadline not announced yet
    edition("wsis-prizes", now.year - 1, nomination_deadline=None)  # last year's, never dated
    # Closed an hour ago: 23:59 yesterday in its own zone is past.
    closing = now.astimezone(dt.UTC) - dt.timedelta(hours=1)
    edition(
        "unpsa",
        now.year + 3,
        nomination_deadline=closing.date(),
        nomination_deadline_time=closing.time().replace(microsecond=0),
        tz="UTC",
    )
    project = factories.ProjectFactory(action_lines=["C4"], sdgs=[16])

    found = matching.where_project_could_apply(project)

    assert [(s.edition.pk, s.category.code) for s in found] == [(upcoming.pk, "C4")]
    assert found[0].deadline is None


def test_programme_themes_when_no_category_matches():
    unpsa = factories.award_programme("unpsa")
    theme = Theme.objects.get(slug="e-participation")
    unpsa.themes.add(theme)
    wanted = edition("unpsa", 2030)
    project = factories.ProjectFactory()
    project.themes.add(theme)

    found = matching.where_project_could_apply(project)

    assert [(s.edition.pk, s.category, s.score) for s in found] == [(wanted.pk, None, 1)]
    assert reasons(found[0]) == [("programme_theme", "e-participation")]


def test_no_match_no_suggestion():
    edition("wsis-prizes", 2030)
    assert matching.where_project_could_apply(factories.ProjectFactory()) == []


def test_projects_that_could_apply_published_only_best_first():
    wsis = edition("wsis-prizes", 2030)
    two_lines = factories.ProjectFactory(published=True, action_lines=["C4", "C7.1"])
    related = factories.ProjectFactory(published=True, action_lines=["C7"])
    factories.ProjectFactory(action_lines=["C4"])  # a draft
    factories.ProjectFactory(published=True, sdgs=[16])  # WSIS categories have no SDGs

    found = matching.projects_that_could_apply(wsis)

    assert [(m.project.pk, m.score) for m in found] == [(two_lines.pk, 3), (related.pk, 2)]
    assert [s.category.code for s in found[0].suggestions] == ["C4", "C7-E-government"]


def test_query_count_does_not_grow_with_projects(django_assert_max_num_queries):
    wsis = edition("wsis-prizes", 2030)
    for _ in range(3):
        factories.ProjectFactory(published=True, action_lines=["C4"], sdgs=[4])
    with django_assert_max_num_queries(12) as few:
        assert len(matching.projects_that_could_apply(wsis)) == 3
    for _ in range(27):
        factories.ProjectFactory(published=True, action_lines=["C4"], sdgs=[4])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(matching.projects_that_could_apply(wsis)) == 30


# --- Pages -------------------------------------------------------------------------------------------


def test_project_page_lists_where_it_could_apply_and_its_awards(client):
    wsis = edition("wsis-prizes", 2030)
    project = factories.ProjectFactory(published=True, action_lines=["C7.1"])
    past = edition("wsis-prizes", 2020)
    factories.award_category("C7-E-government")
    from awards.models import AwardResult

    AwardResult.objects.create(
        verified_at=timezone.now(),
        edition=past,
        category=factories.award_category("C7-E-government"),
        agency=project.agency,
        project=project,
        outcome="winner",
    )

    page = client.get(reverse("project_detail", args=[project.slug])).content.decode()

    assert 'id="where-it-could-apply"' in page
    assert f'data-edition="{wsis.pk}" data-category="C7-E-government" data-score="3"' in page
    assert 'data-reason="action_line"' in page
    assert reverse("awards:edition", args=[wsis.pk]) in page
    assert reverse("awards:edition", args=[past.pk]) not in page  # the result lists the year, the agency and project
    assert "2020" in page


def test_edition_page_lists_projects_that_could_apply_while_open(client):
    wsis = edition("wsis-prizes", 2030)
    closed = edition("wsis-prizes", 2020)
    project = factories.ProjectFactory(published=True, action_lines=["C4"])
    draft = factories.ProjectFactory(action_lines=["C4"])

    page = client.get(reverse("awards:edition", args=[wsis.pk])).content.decode()
    assert f'data-project="{project.slug}"' in page
    assert f'data-project="{draft.slug}"' not in page

    page = client.get(reverse("awards:edition", args=[closed.pk])).content.decode()
    assert 'id="projects-that-could-apply"' not in page


def test_agency_profile_lists_its_awards(client):
    from awards.models import AwardResult

    agency = factories.AgencyFactory()
    other = factories.AgencyFactory()
    past = edition("wsis-prizes", 2021)
    AwardResult.objects.create(
        verified_at=timezone.now(),
        edition=past,
        category=factories.award_category("C4"),
        agency=agency,
        outcome="winner",
    )
    AwardResult.objects.create(
        verified_at=timezone.now(),
        edition=past,
        category=factories.award_category("C5"),
        agency=other,
        outcome="nominee",
    )

    response = client.get(reverse("agency_detail", args=[agency.slug]))
    page = response.content.decode()
    assert f"{reverse('awards:results')}?agency={agency.slug}" in page
    assert list(response.context["sections"][0].context["results"]) == list(agency.award_results.all())


# --- Invitations --------------------------------------------------------------------------------------


@pytest.fixture
def invite_world():
    wsis = edition("wsis-prizes", timezone.now().year + 1, nomination_deadline=None)
    wsis.nomination_deadline = factories.in_days(60, wsis.tz)
    wsis.save()
    agency_a, agency_b, agency_c = factories.AgencyFactory(), factories.AgencyFactory(), factories.AgencyFactory()
    first = factories.ProjectFactory(agency=agency_a, published=True, action_lines=["C4"])
    second = factories.ProjectFactory(agency=agency_a, published=True, action_lines=["C7.1"])
    other = factories.ProjectFactory(agency=agency_b, published=True, action_lines=["C7"])
    factories.ProjectFactory(agency=agency_c, published=True)  # matches nothing
    factories.ProjectFactory(agency=agency_c, action_lines=["C4"])  # a draft: not invited
    contacts = {
        "a": factories.ContactFactory(agency=agency_a, language="fa", time_zone="Asia/Tehran"),
        "b": factories.ContactFactory(agency=agency_b, language="en", time_zone="Europe/Zurich"),
        "c": factories.ContactFactory(agency=agency_c, language="tr"),
    }
    return wsis, (agency_a, agency_b, agency_c), (first, second, other), contacts


def test_admin_action_invites_matching_agencies_and_the_alert_goes_once(
    invite_world,
    admin_client_wg,
    smtp_server,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.SEND_ALERTS = True
    wsis, (agency_a, agency_b, _c), (first, second, other), contacts = invite_world
    changelist = reverse("admin:awards_awardedition_changelist")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = admin_client_wg.post(
            changelist, {"action": "invite_matching", "_selected_action": [wsis.pk]}, follow=True
        )
    assert response.status_code == 200
    assert len(callbacks) == 1  # the alert tick, enqueued once the invitations are committed

    invitations = {i.agency_id: i for i in AwardInvitation.objects.prefetch_related("projects")}
    assert set(invitations) == {agency_a.pk, agency_b.pk}
    assert {p.pk for p in invitations[agency_a.pk].projects.all()} == {first.pk, second.pk}
    assert {p.pk for p in invitations[agency_b.pk].projects.all()} == {other.pk}
    notices = Deadline.objects.filter(kind=DeadlineKind.AWARD_SUGGESTION)
    assert notices.count() == 2
    notice_a = notices.get(object_id=invitations[agency_a.pk].pk)
    assert list(notice_a.agencies.values_list("pk", flat=True)) == [agency_a.pk]
    assert notice_a.due_at == wsis.nomination_deadline_at
    assert first.title_en in notice_a.title_en and second.title_en in notice_a.title_en

    # The planner sends a notice at once, whatever the lead times (the deadline is 60 days away: no window of
    # 30/7/1 has opened), to the invited agencies' contacts only.
    alerts.plan()
    assert alerts.send_due().sent == 2
    received = {m.rcpt_tos[0]: m.message for m in smtp_server.messages}
    assert set(received) == {contacts["a"].email, contacts["b"].email}
    assert received[contacts["a"].email]["Content-Language"] == "fa"
    body_a = received[contacts["a"].email].get_body(("plain",)).get_content()
    assert f"/fa/awards/editions/{wsis.pk}/" in body_a

    # Exactly once: planning again, inviting again, or moving the deadline sends nothing more.
    admin_client_wg.post(changelist, {"action": "invite_matching", "_selected_action": [wsis.pk]})
    alerts.plan()
    wsis.nomination_deadline += dt.timedelta(days=3)
    wsis.save()
    alerts.plan()
    assert alerts.send_due().sent == 0
    assert len(smtp_server.messages) == 2
    assert Deadline.objects.get(pk=notice_a.pk).due_at == AwardEdition.objects.get(pk=wsis.pk).nomination_deadline_at


def test_an_unsent_invitation_follows_the_deadline_and_is_withdrawn_with_it(invite_world, wg_admin):
    wsis, *_ = invite_world
    services.invite_matching_agencies(wsis, wg_admin)
    alerts.plan()
    pending = AlertDelivery.objects.filter(deadline__kind=DeadlineKind.AWARD_SUGGESTION, state=DeliveryState.PENDING)
    assert pending.count() == 2

    wsis.nomination_deadline = None
    wsis.save()
    alerts.plan()
    assert not pending.exists()
    assert not Deadline.objects.filter(kind=DeadlineKind.AWARD_SUGGESTION, withdrawn_at__isnull=True).exists()


def test_renaming_the_programme_retitles_the_invitations_and_a_deleted_one_is_withdrawn(invite_world, wg_admin):
    wsis, (agency_a, agency_b, _c), *_ = invite_world
    services.invite_matching_agencies(wsis, wg_admin)
    notices = Deadline.objects.filter(kind=DeadlineKind.AWARD_SUGGESTION)
    assert all(notice.title_en.startswith("WSIS Prizes ") for notice in notices)

    wsis.programme.name_en = "World Summit Prizes"
    wsis.programme.save()
    assert all(notice.title_en.startswith(f"World Summit Prizes {wsis.year}") for notice in notices.all())
    nomination = Deadline.objects.get(kind=DeadlineKind.AWARD_NOMINATION, object_id=wsis.pk)
    assert nomination.title_en.startswith(f"World Summit Prizes {wsis.year}")

    AwardInvitation.objects.get(agency=agency_b).delete()
    open_notices = notices.filter(withdrawn_at__isnull=True)
    assert [list(notice.agencies.all()) for notice in open_notices] == [[agency_a]]


def test_invitations_refused_for_closed_or_undated_editions(wg_admin, admin_client_wg):
    closed = edition("wsis-prizes", 2020)
    factories.ProjectFactory(published=True, action_lines=["C4"])
    with pytest.raises(Exception) as refused:
        services.invite_matching_agencies(closed, wg_admin)
    assert refused.value.code == "closed"
    undated = edition("wsis-prizes", 2040, nomination_deadline=None)
    with pytest.raises(Exception) as refused:
        services.invite_matching_agencies(undated, wg_admin)
    assert refused.value.code == "no_deadline"

    response = admin_client_wg.post(
        reverse("admin:awards_awardedition_changelist"),
        {"action": "invite_matching", "_selected_action": [closed.pk]},
        follow=True,
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not AwardInvitation.objects.exists()


def test_contacts_cannot_invite(client_a, invite_world):
    wsis, *_ = invite_world
    response = client_a.post(
        reverse("admin:awards_awardedition_changelist"), {"action": "invite_matching", "_selected_action": [wsis.pk]}
    )
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not AwardInvitation.objects.exists()
