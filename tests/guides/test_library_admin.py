"""The library's back-office: working-group admins only (a staff contact of another agency is refused); every page
loads; an edit of a published guide's text is a new version; "publish as new version" and "mark reviewed"; versions
read-only; a file with the wrong content is refused at its field; Markdown sanitised; changelist query counts."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guides.library.models import Guide, GuideVersion
from portal.models import ReviewState
from tests import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"
GUIDES = "/admin/guides/guide/"
VERSIONS = "/admin/guides/guideversion/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def form_data(response) -> dict:
    """The change form's fields as they are (main form and inlines' management forms), ready to post back."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif name == "file" or hasattr(value, "url"):
            continue
        else:
            data[name] = str(value)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, field in formset.management_form.fields.items():
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value() or field.initial or 0
        for i, sub in enumerate(formset.forms):
            for name in sub.fields:
                value = sub[name].value()
                if value not in (None, "") and not hasattr(value, "url"):
                    data[f"{formset.prefix}-{i}-{name}"] = str(value) if not isinstance(value, bool) else "on"
    return data


def test_admin_pages_load(admin_client_wg):
    guide = factories.GuideFactory()
    for path in (GUIDES, f"{GUIDES}add/", f"{GUIDES}{guide.pk}/change/", VERSIONS):
        assert admin_client_wg.get(path).status_code == 200, path
    version = guide.versions.get()
    assert admin_client_wg.get(f"{VERSIONS}{version.pk}/change/").status_code == 200
    assert admin_client_wg.get(f"{VERSIONS}add/").status_code == 403


def test_a_staff_contact_of_another_agency_is_refused(client, contact_b, agency_a):
    guide = factories.GuideFactory(agency=agency_a, title_en="A's guide")
    contact_b.user.is_staff = True
    contact_b.user.save()
    contact_b.user.user_permissions.add(*Permission.objects.filter(content_type__app_label="guides"))
    client.force_login(contact_b.user)
    assert client.get(f"{GUIDES}{guide.pk}/change/").status_code == 403
    response = client.post(f"{GUIDES}{guide.pk}/change/", {"title_en": "B's now"})
    assert response.status_code == 403
    assert Guide.objects.get(pk=guide.pk).title_en == "A's guide"


def test_an_admins_edit_of_the_text_is_a_new_version_with_markdown_sanitised(admin_client_wg):
    guide = factories.GuideFactory(body_en="Old.")
    data = form_data(admin_client_wg.get(f"{GUIDES}{guide.pk}/change/"))
    data.update({"body_en": "New <script>alert(1)</script>", "change_note_en": "Rewritten."})
    response = admin_client_wg.post(f"{GUIDES}{guide.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    guide.refresh_from_db()
    assert guide.version == 2 and "<script" not in guide.body_html_en
    assert guide.versions.get(number=2).change_note_en == "Rewritten."


def test_a_file_with_the_wrong_content_is_refused_at_its_field(admin_client_wg):
    guide = factories.GuideFactory()
    data = form_data(admin_client_wg.get(f"{GUIDES}{guide.pk}/change/"))
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-kind": "document",
            "attachments-0-title_en": "Fake",
            "attachments-0-title_tr": "Sahte",
            "attachments-0-file": SimpleUploadedFile("fake.pdf", b"<html>no</html>", content_type="application/pdf"),
        }
    )
    response = admin_client_wg.post(f"{GUIDES}{guide.pk}/change/", data)
    assert response.status_code == 200
    formset = next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "attachments")
    assert "file" in formset.forms[0].errors
    assert not guide.attachments.exists()
    data["attachments-0-file"] = SimpleUploadedFile("real.pdf", PDF, content_type="application/pdf")
    assert admin_client_wg.post(f"{GUIDES}{guide.pk}/change/", data).status_code == 302
    assert guide.attachments.count() == 1


def test_publish_as_new_version_and_mark_reviewed(admin_client_wg, agency_a):
    draft = factories.GuideFactory(agency=agency_a, review_state=ReviewState.SUBMITTED, version=0)
    action = {"action": "publish_new_version", "_selected_action": [draft.pk]}
    assert admin_client_wg.post(GUIDES, action).status_code == 302
    draft.refresh_from_db()
    assert draft.is_published and draft.version == 1 and draft.versions.count() == 1
    admin_client_wg.post(GUIDES, action)  # nothing changed: no new version
    assert draft.versions.count() == 1
    ask = admin_client_wg.post(GUIDES, {"action": "mark_reviewed", "_selected_action": [draft.pk]})
    assert ask.status_code == 200 and "form" in ask.context
    past = admin_client_wg.post(
        GUIDES, {"action": "mark_reviewed", "_selected_action": [draft.pk], "apply": "1", "review_by": "2001-01-01"}
    )
    assert past.status_code == 200 and "review_by" in past.context["form"].errors
    done = admin_client_wg.post(
        GUIDES, {"action": "mark_reviewed", "_selected_action": [draft.pk], "apply": "1", "review_by": "2999-01-01"}
    )
    assert done.status_code == 302
    draft.refresh_from_db()
    assert draft.review_by == dt.date(2999, 1, 1) and draft.last_reviewed_at is not None


def test_versions_are_read_only(admin_client_wg):
    version = factories.GuideFactory(title_en="Kept").versions.get()
    admin_client_wg.post(f"{VERSIONS}{version.pk}/change/", {"title_en": "Changed"})
    assert admin_client_wg.post(f"{VERSIONS}{version.pk}/delete/", {"post": "yes"}).status_code == 403
    assert GuideVersion.objects.get(pk=version.pk).title_en == "Kept"


def test_changelist_query_counts_do_not_grow(admin_client_wg, agency_a):
    def count(path):
        with CaptureQueriesContext(connection) as ctx:
            assert admin_client_wg.get(path).status_code == 200
        return len(ctx.captured_queries)

    factories.GuideFactory.create_batch(3, agency=agency_a)
    small = (count(GUIDES), count(VERSIONS))
    factories.GuideFactory.create_batch(30, agency=agency_a)
    large = (count(GUIDES), count(VERSIONS))
    assert all(after <= before for before, after in zip(small, large, strict=True)), (small, large)
