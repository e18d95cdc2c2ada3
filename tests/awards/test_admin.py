"""The awards back-office: open to working-group admins only, with the next-edition action."""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission

from awards import services
from awards.models import AwardEdition, AwardResult
from tests import factories
from tests.factories import AwardEditionFactory, award_category, award_programme

AWARD_MODELS = [model for model in admin.site._registry if model._meta.app_label == "awards"]


@pytest.mark.pure
def test_every_awards_model_has_an_admin():
    assert {m._meta.model_name for m in AWARD_MODELS} == {
        "awardprogramme",
        "awardcategory",
        "awardedition",
        "awardresult",
        "awardapplication",
        "awardinvitation",
    }


@pytest.mark.parametrize("model", AWARD_MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_add_and_change_pages_open_for_a_working_group_admin(admin_client_wg, model):
    edition = AwardEditionFactory(year=2026)
    project = factories.ProjectFactory()
    examples = {
        "awardprogramme": award_programme(),
        "awardcategory": award_category("C7-E-government"),
        "awardedition": edition,
        "awardresult": AwardResult.objects.create(edition=edition, agency=project.agency, outcome="nominee"),
        "awardapplication": edition.applications.create(agency=project.agency, project=project),
        "awardinvitation": edition.invitations.create(agency=project.agency),
    }
    base = f"/admin/awards/{model._meta.model_name}/"
    example = examples[model._meta.model_name]
    # Invitations are made by the editions' action, never added by hand: their add page is refused.
    add_status = 403 if model._meta.model_name == "awardinvitation" else 200
    for path, status in ((base, 200), (f"{base}add/", add_status), (f"{base}{example.pk}/change/", 200)):
        assert admin_client_wg.get(path).status_code == status, path


@pytest.mark.parametrize("model", AWARD_MODELS, ids=lambda m: m._meta.model_name)
def test_a_contact_is_sent_to_the_login(client_a, model):
    response = client_a.get(f"/admin/awards/{model._meta.model_name}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_outside_the_working_group_is_refused_even_with_model_permissions(client):
    staff = factories.UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="awards"))
    client.force_login(staff)
    assert client.get("/admin/awards/awardedition/").status_code == 403
    assert client.get("/admin/awards/awardedition/add/").status_code == 403
    assert b"awardedition" not in client.get("/admin/").content


def test_the_programme_page_shows_its_categories_and_editions_inline(admin_client_wg):
    edition = AwardEditionFactory(year=2026)
    html = admin_client_wg.get(f"/admin/awards/awardprogramme/{edition.programme.pk}/change/").content.decode()
    assert 'value="C7-E-government"' in html
    assert 'value="2026"' in html
    assert 'name="name_tr"' in html


def test_the_results_list_filters_by_outcome_and_year(admin_client_wg):
    older, newer = AwardEditionFactory(year=2024), AwardEditionFactory(year=2025)
    agency = factories.AgencyFactory()
    wanted = AwardResult.objects.create(edition=newer, agency=agency, outcome="winner")
    AwardResult.objects.create(edition=older, agency=agency, outcome="winner")
    AwardResult.objects.create(edition=newer, agency=factories.AgencyFactory(), outcome="nominee")
    response = admin_client_wg.get("/admin/awards/awardresult/", {"outcome__exact": "winner", "edition__year": "2025"})
    assert list(response.context["cl"].result_list) == [wanted]


def test_the_results_list_runs_a_constant_number_of_queries(admin_client_wg, django_assert_max_num_queries):
    edition = AwardEditionFactory(year=2025)
    for _ in range(3):
        project = factories.ProjectFactory()
        AwardResult.objects.create(edition=edition, agency=project.agency, project=project, outcome="winner")
    admin_client_wg.get("/admin/awards/awardresult/")  # warm the session and content types
    with django_assert_max_num_queries(20) as few:
        admin_client_wg.get("/admin/awards/awardresult/")
    for _ in range(10):
        project = factories.ProjectFactory()
        AwardResult.objects.create(edition=edition, agency=project.agency, project=project, outcome="nominee")
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client_wg.get("/admin/awards/awardresult/")


def test_propose_next_edition_action(admin_client_wg):
    edition = AwardEditionFactory(year=2026, nomination_deadline=dt.date(2026, 3, 15))
    unpsa = AwardEditionFactory(programme=award_programme("unpsa"), year=2026)
    AwardEditionFactory(programme=unpsa.programme, year=2027)  # already there
    response = admin_client_wg.post(
        "/admin/awards/awardedition/",
        {"action": "propose_next", "_selected_action": [edition.pk, unpsa.pk]},
        follow=True,
    )
    shown = [str(m) for m in response.context["messages"]]
    assert "1 kesinleşmemiş dönem önerildi." in shown  # the admin speaks Turkish by default
    assert "Birleşmiş Milletler Kamu Hizmeti Ödülleri için 2027 yılında zaten bir dönem var." in shown
    proposed = AwardEdition.objects.get(programme=edition.programme, year=2027)
    assert (proposed.tentative, proposed.nomination_deadline) == (True, dt.date(2027, 3, 15))


def edition_form_data(response) -> dict:
    """The edition's change form as it stands, ready to post back."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else value.isoformat() if hasattr(value, "isoformat") else str(value)
    return data


def test_the_change_page_shows_the_texts_a_curator_confirms_and_confirming_clears_them(admin_client_wg):
    past = AwardEditionFactory(
        year=2026,
        ceremony_place_en="WSIS Forum 2026, Geneva",
        ceremony_place_tr="WSIS Forumu 2026, Cenevre",
        ceremony_place_fa="مجمع WSIS ۲۰۲۶، ژنو",
    )
    admin_client_wg.post(
        "/admin/awards/awardedition/", {"action": "propose_next", "_selected_action": [past.pk]}, follow=True
    )
    proposed = AwardEdition.objects.get(programme=past.programme, year=2027)
    page = f"/admin/awards/awardedition/{proposed.pk}/change/"
    response = admin_client_wg.get(page)
    html = response.content.decode()
    listed = html[html.index('<ul class="texts-to-confirm">') :]
    listed = listed[: listed.index("</ul>")]
    assert "“WSIS Forum 2027, Geneva”" in listed and "“WSIS Forum 2026, Geneva”" in listed
    assert "“مجمع WSIS ۲۰۲۷، ژنو”" in listed
    assert listed.count("<li") == 3
    assert 'name="confirm_texts"' in html
    assert AwardEdition.objects.get(pk=past.pk).texts_to_confirm == {}  # the announced edition has none
    waiting = admin_client_wg.get("/admin/awards/awardedition/?to_confirm=yes").context["cl"].result_list
    confirmed = admin_client_wg.get("/admin/awards/awardedition/?to_confirm=no").context["cl"].result_list
    assert ([e.pk for e in waiting], [e.pk for e in confirmed]) == ([proposed.pk], [past.pk])
    assert (
        "texts-to-confirm" not in admin_client_wg.get(f"/admin/awards/awardedition/{past.pk}/change/").content.decode()
    )

    # The curator corrects the English text by hand: only that one is settled.
    data = edition_form_data(response)
    data["ceremony_place_en"] = "WSIS+20 Forum 2027, Geneva"
    response = admin_client_wg.post(page, data, follow=True)
    assert response.status_code == 200
    proposed.refresh_from_db()
    assert set(proposed.texts_to_confirm) == {"ceremony_place_tr", "ceremony_place_fa"}
    assert proposed.ceremony_place_en == "WSIS+20 Forum 2027, Geneva"

    # Ticking the confirmation settles the rest; the dates stay tentative.
    data = edition_form_data(admin_client_wg.get(page))
    data["confirm_texts"] = "on"
    admin_client_wg.post(page, data, follow=True)
    proposed.refresh_from_db()
    assert (proposed.texts_to_confirm, proposed.tentative) == ({}, True)
    assert 'name="confirm_texts"' not in admin_client_wg.get(page).content.decode()


def test_the_public_page_of_a_proposed_edition_marks_its_ceremony_place_as_to_be_confirmed(client):
    past = AwardEditionFactory(year=2026, ceremony_place_en="WSIS Forum 2026, Geneva", ceremony_place_tr="")
    proposed = services.propose_next_edition(past)
    page = client.get(f"/en/awards/editions/{proposed.pk}/").content.decode()
    assert "WSIS Forum 2027, Geneva" in page
    assert 'data-to-confirm="ceremony_place"' in page
    assert 'data-to-confirm="ceremony_place"' not in client.get(f"/en/awards/editions/{past.pk}/").content.decode()


def test_an_application_marked_won_in_the_admin_records_its_result_once_published(admin_client_wg):
    edition = AwardEditionFactory(year=2026)
    project = factories.ProjectFactory(published=True)
    category = award_category("C4")
    application = edition.applications.create(agency=project.agency, project=project, category=category)
    changelist = "/admin/awards/awardapplication/"
    response = admin_client_wg.post(changelist, {"action": "publish", "_selected_action": [application.pk]})
    assert response.status_code == 302
    response = admin_client_wg.post(
        f"/admin/awards/awardapplication/{application.pk}/change/",
        {
            "agency": project.agency.pk,
            "project": project.pk,
            "edition": edition.pk,
            "category": category.pk,
            "state": "won",
            "outcome": "champion",
            "submitted_on": "",
            "decided_on": "2026-06-01",
            "notes": "",
        },
    )
    assert response.status_code == 302, response.content
    [line] = AwardResult.objects.all()
    assert (line.edition, line.category, line.agency, line.project, line.outcome) == (
        edition,
        category,
        project.agency,
        project,
        "champion",
    )
