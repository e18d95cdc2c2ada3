"""The funds back-office: open to working-group admins only; grants saved and published, and eligible agencies
invited, through funds.services."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib import admin, messages
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from funds.models import CallState, FundInvitation, Grant
from portal.models import Deadline, ReviewState
from tests import factories

FUNDS_MODELS = [model for model in admin.site._registry if model._meta.app_label == "funds"]


def shown(response) -> list[int]:
    """The levels of the messages the admin shows (never their translated text)."""
    return [m.level for m in response.context["messages"]]


@pytest.mark.pure
def test_every_funds_model_has_an_admin():
    assert {m._meta.model_name for m in FUNDS_MODELS} == {
        "funder",
        "fundingprogramme",
        "fundingcall",
        "grant",
        "fundinvitation",
    }


@pytest.mark.parametrize("model", FUNDS_MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_add_and_change_pages_open_for_a_working_group_admin(admin_client_wg, model):
    agency = factories.AgencyFactory()
    fund_call = factories.FundingCallFactory()
    examples = {
        "funder": lambda: fund_call.programme.funder,
        "fundingprogramme": lambda: fund_call.programme,
        "fundingcall": lambda: fund_call,
        "grant": lambda: factories.GrantFactory(agency=agency, programme=fund_call.programme),
        "fundinvitation": lambda: FundInvitation.objects.create(call=fund_call, agency=agency),
    }
    base = f"/admin/funds/{model._meta.model_name}/"
    example = examples[model._meta.model_name]()
    # Invitations are made by the calls' action, never added by hand: their add page is refused.
    add_status = 403 if model is FundInvitation else 200
    for path, status in ((base, 200), (f"{base}add/", add_status), (f"{base}{example.pk}/change/", 200)):
        assert admin_client_wg.get(path).status_code == status, path


@pytest.mark.parametrize("model", FUNDS_MODELS, ids=lambda m: m._meta.model_name)
def test_a_contact_is_sent_to_the_login(client_a, model):
    response = client_a.get(f"/admin/funds/{model._meta.model_name}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_outside_the_working_group_is_refused_even_with_model_permissions(client):
    staff = factories.UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="funds"))
    client.force_login(staff)
    assert client.get("/admin/funds/grant/").status_code == 403
    assert client.get("/admin/funds/fundingcall/add/").status_code == 403
    assert b"/admin/funds/" not in client.get("/admin/").content


def test_the_grants_list_filters_by_state(admin_client_wg, agency_a):
    wanted = factories.GrantFactory(agency=agency_a, review_state=ReviewState.SUBMITTED)
    factories.GrantFactory(agency=agency_a, funder=wanted.funder, published=True)
    response = admin_client_wg.get("/admin/funds/grant/", {"review_state__exact": "submitted"})
    assert list(response.context["cl"].result_list) == [wanted]


def test_the_grants_list_runs_a_constant_number_of_queries(admin_client_wg, django_assert_max_num_queries):
    donor = factories.FunderFactory()
    for _ in range(3):
        project = factories.ProjectFactory()
        factories.GrantFactory(agency=project.agency, funder=donor, project=project, review_state=ReviewState.SUBMITTED)
    admin_client_wg.get("/admin/funds/grant/")  # warm the session and content types
    with django_assert_max_num_queries(20) as few:
        admin_client_wg.get("/admin/funds/grant/")
    for _ in range(27):
        project = factories.ProjectFactory()
        factories.GrantFactory(agency=project.agency, funder=donor, project=project, review_state=ReviewState.SUBMITTED)
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client_wg.get("/admin/funds/grant/")


def test_the_publish_action_publishes_the_selected_grants(admin_client_wg, agency_a, agency_b):
    submitted = factories.GrantFactory(agency=agency_a, review_state=ReviewState.SUBMITTED)
    draft = factories.GrantFactory(agency=agency_b, funder=submitted.funder)
    published = factories.GrantFactory(agency=agency_b, funder=submitted.funder, published=True)
    untouched = factories.GrantFactory(agency=agency_a, funder=submitted.funder, review_state=ReviewState.SUBMITTED)
    response = admin_client_wg.post(
        "/admin/funds/grant/",
        {"action": "publish", "_selected_action": [submitted.pk, draft.pk, published.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert shown(response) == [messages.SUCCESS, messages.INFO]  # two published, one already was
    states = dict(Grant.objects.values_list("pk", "review_state"))
    assert [states[g.pk] for g in (submitted, draft, published, untouched)] == [
        "published",
        "published",
        "published",
        "submitted",
    ]


@pytest.mark.clock
def test_the_invite_action_invites_the_eligible_agencies_only(
    admin_client_wg, wg_admin, django_capture_on_commit_callbacks
):
    ministries_in_turkey = factories.FundingProgrammeFactory(
        eligible_agency_kinds=["ministry"], eligible_countries=["TR"]
    )
    open_call = factories.FundingCallFactory(programme=ministries_in_turkey)
    eligible = factories.AgencyFactory(slug="tr-ministry", kind="ministry", country="TR")
    factories.AgencyFactory(slug="az-ministry", kind="ministry", country="AZ")
    factories.AgencyFactory(slug="tr-university", kind="university", country="TR")
    with django_capture_on_commit_callbacks(execute=False):
        response = admin_client_wg.post(
            "/admin/funds/fundingcall/",
            {"action": "invite_eligible", "_selected_action": [open_call.pk]},
            follow=True,
        )
    assert shown(response) == [messages.SUCCESS]
    [invitation] = FundInvitation.objects.all()
    assert (invitation.call, invitation.agency, invitation.invited_by) == (open_call, eligible, wg_admin)
    [notice] = Deadline.objects.filter(kind="fund.suggestion")
    assert (notice.due_at, list(notice.agencies.all())) == (open_call.deadline_at, [eligible])


@pytest.mark.clock
def test_the_invite_action_refuses_a_closed_call(admin_client_wg):
    factories.AgencyFactory(kind="ministry", country="TR")
    closed = factories.FundingCallFactory(days=-2)
    cancelled = factories.FundingCallFactory(programme=closed.programme, state=CallState.CANCELLED)
    response = admin_client_wg.post(
        "/admin/funds/fundingcall/",
        {"action": "invite_eligible", "_selected_action": [closed.pk, cancelled.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert shown(response) == [messages.ERROR, messages.ERROR]
    assert not FundInvitation.objects.exists()


def test_an_invitation_is_read_only_but_can_be_deleted(admin_client_wg, agency_a):
    invitation = FundInvitation.objects.create(call=factories.FundingCallFactory(), agency=agency_a)
    page = f"/admin/funds/fundinvitation/{invitation.pk}/"
    assert admin_client_wg.post(f"{page}change/", {"agency": agency_a.pk}).status_code == 403
    assert admin_client_wg.post(f"{page}delete/", {"post": "yes"}).status_code == 302
    assert not FundInvitation.objects.exists()


def grant_form(donor, agency, **changes) -> dict:
    data = {
        "funder": donor.pk,
        "programme": "",
        "agency": agency.pk,
        "project": "",
        "amount": "3700000",
        "currency": "USD",
        "signed_on": "2013-04-18",
        "duration_months": "24",
        "source_url": "",
        **{f"purpose_{lang}": "" for lang in ("tr", "en", "ru", "ky", "fa", "az")},
    }
    return {**data, **changes}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount": "1000.125"}, "amount"),  # USD has two decimals
        ({"amount": "1000.5", "currency": "JPY"}, "amount"),  # the yen has none
        ({"amount": "-5"}, "amount"),
        ({"currency": "XYZ"}, "currency"),
    ],
)
def test_a_grant_with_bad_money_is_refused_in_the_admin(admin_client_wg, agency_a, changes, field):
    response = admin_client_wg.post(
        "/admin/funds/grant/add/", grant_form(factories.FunderFactory(), agency_a, **changes)
    )
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Grant.objects.exists()


def test_a_grant_saved_in_the_admin_goes_through_the_service(admin_client_wg, wg_admin, agency_a):
    response = admin_client_wg.post(
        "/admin/funds/grant/add/", grant_form(factories.FunderFactory(), agency_a, purpose_en="Centre")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    [saved] = Grant.objects.all()
    # The review is decided by the actions (publish, send back), not typed in the form: a new grant is a draft.
    assert (saved.amount, saved.currency, saved.review_state, saved.reported_by) == (
        Decimal("3700000"),
        "USD",
        "draft",
        wg_admin,
    )


# --- Import and Export buttons (the shared mechanism of `import_inventory grants`) -------------------------

GRANTS = "/admin/funds/grant/"
GRANTS_HEADER = (
    "funder,programme,recipient_agency,recipient_country,project,amount,currency,signed_on,duration_months,"
    "purpose,source_url\n"
)


def upload_grants(client, text: str):
    data = {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("grants.csv", text.encode())}
    return client.post(f"{GRANTS}import/", data)


def test_a_grants_file_is_previewed_then_imported_on_confirmation(admin_client_wg):
    factories.FunderFactory(slug="koica")
    mincom = factories.AgencyFactory(slug="mincom-az", acronym="MCIT", country="AZ")
    row = "koica,,MCIT,AZ,,3700000,USD,2013-04-18,24,e-Government education centre,\n"
    preview = upload_grants(admin_client_wg, GRANTS_HEADER + row)
    assert preview.status_code == 200
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert [r.import_type for r in result.rows] == ["new"]
    assert not Grant.objects.exists()  # the preview wrote nothing
    initial = preview.context["confirm_form"].initial
    done = admin_client_wg.post(f"{GRANTS}process_import/", {k: v for k, v in initial.items() if v is not None})
    assert (done.status_code, done["Location"]) == (302, GRANTS)
    [imported] = Grant.objects.all()
    assert (imported.agency, imported.amount, imported.signed_on, imported.imported) == (
        mincom,
        Decimal("3700000"),
        dt.date(2013, 4, 18),
        True,
    )


def test_a_grants_file_with_bad_money_is_refused_whole(admin_client_wg):
    factories.FunderFactory(slug="koica")
    factories.AgencyFactory(acronym="MCIT", country="AZ")
    rows = "koica,,MCIT,AZ,,3700000,USD,2013-04-18,24,,\nkoica,,MCIT,AZ,,10.125,USD,2014-01-02,,,\n"
    preview = upload_grants(admin_client_wg, GRANTS_HEADER + rows)
    assert preview.context["result"].has_validation_errors()
    assert [r.number for r in preview.context["result"].invalid_rows] == [3]
    assert not Grant.objects.exists()


def test_the_grants_export_is_the_filtered_published_list(admin_client_wg, agency_a, agency_b):
    donor = factories.FunderFactory(slug="koica")
    wanted = factories.GrantFactory(agency=agency_a, funder=donor, published=True, signed_on=dt.date(2013, 4, 18))
    factories.GrantFactory(agency=agency_b, funder=donor, published=True, currency="EUR")
    factories.GrantFactory(agency=agency_a, funder=donor)  # a draft, not in the inventory: never exported
    response = admin_client_wg.post(f"{GRANTS}export/?currency__exact=USD", {"format": "0", "resource": "0"})
    assert response.status_code == 200
    [header, *rows] = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == GRANTS_HEADER.strip().split(",")
    assert [(row[0], row[2], row[5], row[6], row[7]) for row in rows] == [
        ("koica", wanted.agency.name_en, "1000.00", "USD", "2013-04-18")
    ]


def test_staff_outside_the_working_group_cannot_import_grants(client):
    staff = factories.UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="funds"))
    client.force_login(staff)
    assert client.get(f"{GRANTS}import/").status_code == 403
    assert client.get(f"{GRANTS}export/").status_code == 403
