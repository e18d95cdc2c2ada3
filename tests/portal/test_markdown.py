"""Markdown descriptions: rendered (CommonMark, cmark-gfm) and sanitised once, when the record is saved, into
the stored HTML the pages show; `render_markdown` renders them again; the adversarial inputs of the benchmark
render and are sanitised; every free text has a length limit, the same through a form, the API and an import."""

import importlib.util
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from funds.models import Grant
from portal import imports
from portal.markdown import render_markdown
from portal.models import Agency, Project
from portal.models.fields import LONG_TEXT, SHORT_TEXT
from tests import factories


def bench_inputs(size: int) -> dict[str, str]:
    """The benchmark's adversarial texts (bench/markdown_render.py), here not timed."""
    path = Path(__file__).resolve().parents[2] / "bench" / "markdown_render.py"
    spec = importlib.util.spec_from_file_location("bench_markdown", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.inputs(size)


# --- rendered once, at save ----------------------------------------------------------------------


def test_a_contact_s_description_is_stored_as_sanitised_html(client_a):
    response = client_a.post(
        "/en/projects/new/",
        {
            "title_en": "Open data portal",
            "description_en": "## Goals\n\n- one\n- [site](https://example.org)\n\n<script>alert(1)</script>",
            "description_fa": "**پرتال** داده‌های باز",
            "status": "ongoing",
        },
    )
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.description_html_en == (
        "<h2>Goals</h2>\n<ul>\n<li>one</li>\n"
        '<li><a href="https://example.org" rel="noopener noreferrer nofollow">site</a></li>\n</ul>'
    )  # HTML typed in the text is left out
    assert project.description_html_fa == "<p><strong>پرتال</strong> داده‌های باز</p>"
    assert project.description_html_ru in (None, "")  # nothing written in Russian: nothing rendered


def test_the_page_shows_the_stored_html_without_rendering_again(client):
    project = factories.ProjectFactory(published=True, description_en="**Stored** once")
    assert project.description_html_en == "<p><strong>Stored</strong> once</p>"
    Project.objects.filter(pk=project.pk).update(description_html_en="<p>Rendered at save</p>")
    html = client.get(f"/en/projects/{project.slug}/").content.decode()
    assert "<p>Rendered at save</p>" in html
    assert "<strong>Stored</strong>" not in html


def test_the_agency_page_shows_its_stored_html(client):
    agency = factories.AgencyFactory(description_en="A *ministry*", description_tr="Bir *bakanlık*")
    assert client.get(f"/en/agencies/{agency.slug}/").content.decode().count("<p>A <em>ministry</em></p>") == 1
    assert "<p>Bir <em>bakanlık</em></p>" in client.get(f"/tr/agencies/{agency.slug}/").content.decode()


def test_an_edit_through_the_api_renders_again(client_a, agency_a):
    project = factories.ProjectFactory(slug="mine", agency=agency_a, description_en="old")
    response = client_a.patch("/api/v1/projects/mine/", {"description_en": "*new*"}, content_type="application/json")
    assert response.status_code == 200, response.content
    project.refresh_from_db()
    assert project.description_html_en == "<p><em>new</em></p>"


def test_a_save_of_some_fields_renders_what_it_saves():
    project = factories.ProjectFactory(description_en="*one*")
    project.description_en = "*two*"
    project.save(update_fields=["description_en"])
    project.refresh_from_db()
    assert project.description_html_en == "<p><em>two</em></p>"
    Project.objects.filter(pk=project.pk).update(description_html_en="<p>kept</p>")
    project.refresh_from_db()
    project.status = "completed"
    project.save(update_fields=["status"])  # the text is not saved: its HTML is left alone
    project.refresh_from_db()
    assert project.description_html_en == "<p>kept</p>"


def test_the_command_renders_every_stored_text_again():
    project = factories.ProjectFactory(description_en="**a**", description_tr="_b_")
    agency = factories.AgencyFactory(description_en="c")
    untouched = factories.ProjectFactory(description_en="d")
    Project.objects.filter(pk=project.pk).update(description_html_en="stale", description_html_tr="stale")
    Agency.objects.filter(pk=agency.pk).update(description_html_en="")
    out = io.StringIO()
    call_command("render_markdown", stdout=out)
    assert out.getvalue().strip() == "2 record(s) with new HTML."
    project.refresh_from_db()
    agency.refresh_from_db()
    untouched.refresh_from_db()
    assert (project.description_html_en, project.description_html_tr) == (
        "<p><strong>a</strong></p>",
        "<p><em>b</em></p>",
    )
    assert agency.description_html_en == "<p>c</p>"
    assert untouched.description_html_en == "<p>d</p>"


@pytest.mark.pure
@pytest.mark.parametrize("name", list(bench_inputs(10)))
def test_the_benchmark_inputs_render_and_are_sanitised(name):
    text = bench_inputs(5_000)[name]
    html = render_markdown(text)
    assert isinstance(html, str) and html
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<a href='x'" not in lowered and "<b " not in lowered  # typed HTML is text, never markup
    assert "onerror" not in lowered


# --- length limits: forms, API, imports ----------------------------------------------------------


def test_the_project_form_refuses_a_too_long_description(client_a):
    response = client_a.post(
        "/en/projects/new/",
        {"title_en": "Long", "description_en": "x" * (LONG_TEXT + 1), "status": "ongoing"},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["description_en"]
    assert f"at most {LONG_TEXT}" in response.context["form"].errors["description_en"][0]
    assert not Project.objects.exists()
    # The limit itself is accepted.
    response = client_a.post(
        "/en/projects/new/", {"title_en": "Long", "description_en": "x" * LONG_TEXT, "status": "ongoing"}
    )
    assert response.status_code == 302


def test_the_api_refuses_a_too_long_description_naming_the_field(client_a):
    response = client_a.post(
        "/api/v1/projects/",
        {"title_en": "Long", "description_tr": "[" * (LONG_TEXT + 1)},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["description_tr"]
    assert not Project.objects.exists()


def test_an_import_refuses_a_too_long_text_naming_line_and_column():
    factories.FunderFactory(slug="koica", acronym="KOICA", name="Korea International Cooperation Agency")
    agency = factories.AgencyFactory(slug="mincom", acronym="MCHT", name_en="Ministry of Communications", country="AZ")
    header = (
        "funder,programme,recipient_agency,recipient_country,project,amount,currency,signed_on,duration_months,"
        "purpose,source_url\n"
    )
    good = f"KOICA,,{agency.acronym},AZ,,100,USD,2013-04-18,24,{'p' * SHORT_TEXT},\n"
    bad = f"KOICA,,{agency.acronym},AZ,,200,USD,2014-04-18,24,{'p' * (SHORT_TEXT + 1)},\n"
    long_name = f"KOICA,,{'A' * 300},KG,,300,USD,2015-04-18,24,,\n"
    report = imports.run_import("grants", io.StringIO(header + good + bad + long_name))
    assert not report.written
    assert [(error.line, error.column) for error in report.errors] == [(3, "purpose"), (4, "recipient_agency")]
    assert str(SHORT_TEXT) in report.errors[0].message
    assert not Grant.objects.exists()
    assert not Agency.objects.filter(country="KG").exists()
