"""The results inventory's Import and Export buttons in the back-office (django-import-export), on the shared
mechanism: the same file, matching, errors and all-or-nothing as `import_inventory`, the same rows as
`export_inventory`."""

import csv
import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from awards.models import AwardCategory, AwardEdition, AwardResult
from portal.models import Agency, Project
from tests import factories

BASE = "/admin/awards/awardresult/"
IMPORT, PROCESS, EXPORT = f"{BASE}import/", f"{BASE}process_import/", f"{BASE}export/"
HEADER = "programme,edition_year,category,agency,agency_country,project,outcome,evidence_url\n"
GOOD = (
    "WSIS Prizes,2024,C7 E-government,BTK,TR,e-Devlet Kapısı,winner,https://www.itu.int/wsis\n"
    "UNPSA,2025,,BTK,TR,,finalist,\n"
    "\n"
    "wsis-prizes,2024,C1,Kenya ICT Authority,KE,Ajira Digital,champion,\n"
)


@pytest.fixture
def btk():
    agency = factories.AgencyFactory(slug="btk", acronym="BTK", name_en="ICT Authority", country="TR")
    factories.ProjectFactory(
        agency=agency, slug="e-devlet", title_tr="e-Devlet Kapısı", title_en="e-Government Gateway"
    )
    return agency


def counts() -> dict[str, int]:
    """The rows of every table an import may write."""
    return {
        model.__name__: model.objects.count() for model in (AwardResult, AwardEdition, AwardCategory, Agency, Project)
    }


def upload(client, text: str, **flags):
    data = {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("results.csv", text.encode())}
    return client.post(IMPORT, {**data, **flags})


def confirm(client, preview):
    return client.post(PROCESS, {k: v for k, v in preview.context["confirm_form"].initial.items() if v is not None})


def test_a_good_file_is_previewed_then_imported_on_confirmation(admin_client_wg, btk):
    before = counts()
    preview = upload(admin_client_wg, HEADER + GOOD)
    assert preview.status_code == 200
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["new", "new", "new"]
    assert result.rows[1].diff == ["UNPSA", "2025", "", "BTK", "TR", "", "finalist", ""]
    assert counts() == before  # the preview wrote nothing
    html = preview.content.decode()
    assert f'action="{PROCESS}"' in html
    assert "Kenya ICT Authority" in html

    done = confirm(admin_client_wg, preview)
    assert done.status_code == 302 and done["Location"] == BASE
    assert AwardResult.objects.count() == 3
    assert set(AwardResult.objects.values_list("edition__programme__slug", "edition__year", "outcome")) == {
        ("wsis-prizes", 2024, "winner"),
        ("unpsa", 2025, "finalist"),
        ("wsis-prizes", 2024, "champion"),
    }
    assert AwardResult.objects.get(outcome="winner").project.slug == "e-devlet"
    assert Agency.objects.get(name_en="Kenya ICT Authority").imported

    # The same file again: every row unchanged, one outcome changed: an update.
    again = upload(admin_client_wg, HEADER + GOOD.replace("finalist", "winner"))
    assert [row.import_type for row in again.context["result"].rows] == ["skip", "update", "skip"]


def test_a_bad_file_shows_line_and_column_and_cannot_be_confirmed(admin_client_wg, btk):
    before = counts()
    bad = HEADER + GOOD + "Nobel Prize,2024,,BTK,TR,,winner,\nWSIS,soon,C1,BTK,TR,,gold,\n"
    preview = upload(admin_client_wg, bad)
    assert preview.status_code == 200
    result = preview.context["result"]
    assert result.has_validation_errors() and result.rows == []
    errors = {row.number: set(row.field_specific_errors) for row in result.invalid_rows}
    assert errors == {6: {"programme"}, 7: {"edition_year", "outcome"}}  # line 1 is the header; line 4 is blank
    assert result.invalid_rows[0].values[0] == "Nobel Prize"
    assert "confirm_form" not in preview.context
    html = preview.content.decode()
    assert f'action="{PROCESS}"' not in html
    assert "Nobel Prize" in html and "gold" in html
    assert counts() == before

    # Confirming the stored file anyway (a forged request) writes nothing either.
    stored = preview.context["form"].cleaned_data["import_file"].tmp_storage_name
    forged = admin_client_wg.post(
        PROCESS, {"import_file_name": stored, "original_file_name": "results.csv", "format": "0"}
    )
    assert forged.status_code == 302 and forged["Location"] == IMPORT
    assert counts() == before


def test_a_header_error_names_the_column(admin_client_wg, btk):
    preview = upload(admin_client_wg, HEADER.replace("outcome,", "result,") + GOOD.replace("winner,", "x,"))
    [row] = preview.context["result"].invalid_rows
    assert row.number == 1
    assert set(row.field_specific_errors) == {"outcome", "result"}
    assert "confirm_form" not in preview.context


def test_creating_categories_is_chosen_on_upload_and_kept_on_confirmation(admin_client_wg, btk):
    text = HEADER + "UNPSA,2027,Digital inclusion,BTK,TR,,winner,\n"
    refused = upload(admin_client_wg, text)
    assert {row.number for row in refused.context["result"].invalid_rows} == {2}
    preview = upload(admin_client_wg, text, flag_create_categories="on")
    assert [row.import_type for row in preview.context["result"].rows] == ["new"]
    assert confirm(admin_client_wg, preview).status_code == 302
    assert AwardResult.objects.get().category.title_en == "Digital inclusion"


def test_the_changelist_shows_the_buttons_to_a_working_group_admin(admin_client_wg):
    html = admin_client_wg.get(BASE).content.decode()
    assert f"href='{IMPORT}' class=\"import_link\"" in html
    assert f'href="{EXPORT}?" class="export_link"' in html
    page = admin_client_wg.get(IMPORT)
    assert page.status_code == 200
    assert "programme, edition_year, category" in page.content.decode()


def test_an_agency_contact_cannot_reach_import_or_export(client_a):
    for path in (IMPORT, PROCESS, EXPORT):
        response = client_a.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), path


def test_staff_outside_the_working_group_is_refused(client):
    staff = factories.UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="awards"))
    client.force_login(staff)
    assert client.get(IMPORT).status_code == 403
    assert client.get(EXPORT).status_code == 403
    assert upload(client, HEADER + GOOD).status_code == 403


def test_a_working_group_admin_without_the_add_permission_cannot_import(client):
    admin = factories.admin_user()
    admin.groups.get().permissions.remove(Permission.objects.get(codename="add_awardresult"))
    client.force_login(admin)
    assert client.get(IMPORT).status_code == 403
    html = client.get(BASE).content.decode()
    assert 'class="import_link"' not in html and 'class="export_link"' in html
    assert client.get(EXPORT).status_code == 200


def test_the_export_is_the_command_s_export(admin_client_wg, btk, tmp_path):
    upload_and_confirm = upload(
        admin_client_wg, HEADER + GOOD + 'wsis-prizes,2019,C4,"Agency, with a comma",FR,,winner,\n'
    )
    confirm(admin_client_wg, upload_and_confirm)
    target = tmp_path / "out.csv"
    call_command("export_inventory", "award-results", "--output", str(target))
    expected = target.read_bytes()

    response = admin_client_wg.post(EXPORT, {"resource": "0", "format": "0"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="award-results-')
    assert response.content == expected

    xlsx = admin_client_wg.post(EXPORT, {"resource": "0", "format": "1"})
    assert xlsx["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    rows = [["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    assert rows == list(csv.reader(io.StringIO(expected.decode())))

    # The changelist's filters apply, in the exporter's order.
    winners = admin_client_wg.post(f"{EXPORT}?outcome__exact=winner", {"resource": "0", "format": "0"})
    lines = list(csv.reader(io.StringIO(winners.content.decode())))
    assert [line[6] for line in lines[1:]] == ["winner", "winner"]
    assert lines[1:] == [line for line in csv.reader(io.StringIO(expected.decode())) if line[6] == "winner"]


def test_the_import_page_loads_only_local_assets(admin_client_wg):
    for path in (IMPORT, EXPORT):
        html = admin_client_wg.get(path).content.decode()
        sources = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
        assert sources and [s for s in sources if not s.startswith("/static/")] == []


def upload_bytes(client, data: bytes, name: str, file_format: str = "0"):
    return client.post(IMPORT, {"resource": "0", "format": file_format, "import_file": SimpleUploadedFile(name, data)})


def test_a_turkish_excel_csv_is_read_as_windows_1254_with_semicolons(admin_client_wg, btk):
    # Excel's "CSV" in a Turkish Windows: Windows-1254, semicolons, CRLF; the project is found by its Turkish title.
    text = (HEADER + GOOD).replace(",", ";").replace("\n", "\r\n")
    preview = upload_bytes(admin_client_wg, text.encode("cp1254"), "results.csv")
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors(), result.invalid_rows
    assert [row.import_type for row in result.rows] == ["new", "new", "new"]
    assert any("Windows-1254" in str(message) for message in preview.context["messages"])
    confirm(admin_client_wg, preview)
    assert AwardResult.objects.get(outcome="winner").project.slug == "e-devlet"


def test_an_xlsx_workbook_is_previewed_and_imported(admin_client_wg, btk):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.strip().split(","))
    for line in GOOD.splitlines():
        sheet.append([int(cell) if cell.isdigit() else cell or None for cell in line.split(",")] if line else [])
    out = io.BytesIO()
    workbook.save(out)
    preview = upload_bytes(admin_client_wg, out.getvalue(), "results.xlsx", file_format="1")
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors(), result.invalid_rows
    assert result.rows[1].diff == ["UNPSA", "2025", "", "BTK", "TR", "", "finalist", ""]  # 2025, not 2025.0
    confirm(admin_client_wg, preview)
    assert AwardResult.objects.count() == 3


def test_errors_that_repeat_are_shown_once_with_their_lines_and_a_nul_is_refused(admin_client_wg, btk):
    before = counts()
    bad = "".join(f"Nobel Prize,{year},,BTK,TR,,winner,\n" for year in (2021, 2022, 2023))  # lines 2–4: one error
    bad += "WSIS Prizes,2024,C1,BTK\x00,TR,,winner,\n"  # line 5: a NUL in the agency's name
    preview = upload_bytes(admin_client_wg, (HEADER + bad).encode(), "results.csv")
    result = preview.context["result"]
    rows = {row.number: row.field_specific_errors for row in result.invalid_rows}
    assert list(rows) == [5, 2]  # the distinct error first
    assert "U+0000 NULL" in rows[5]["agency"][0]
    [message] = rows[2]["programme"]
    assert "2–4" in message  # the three lines named in one message, in the page's language
    assert counts() == before
