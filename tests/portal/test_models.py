"""Invariants of the core models, checked on PostgreSQL: constraints, validators, reference data."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import override

from portal.models import SDG, ActionLine, AgencyDomain, Contact, Project, PromoMaterial, ReviewState
from tests import factories

# --- Contact ---------------------------------------------------------------------------------


def test_contact_email_is_stored_lowercase():
    contact = factories.ContactFactory(email="  Alice.Smith@Example.GOV.tr ")
    contact.refresh_from_db()
    assert contact.email == "alice.smith@example.gov.tr"
    assert contact.email_domain == "example.gov.tr"


def test_contact_email_unique_ignoring_case_through_save():
    agency = factories.AgencyFactory()
    factories.ContactFactory(agency=agency, email="alice@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.create(agency=agency, name="Other Alice", email="ALICE@example.org")
    assert Contact.objects.filter(email__iexact="alice@example.org").count() == 1


def test_contact_email_unique_ignoring_case_in_the_database():
    """bulk_create skips save(): the case-insensitive constraint itself must refuse the row."""
    agency = factories.AgencyFactory()
    factories.ContactFactory(agency=agency, email="alice@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.bulk_create([Contact(agency=agency, name="Shouting Alice", email="ALICE@EXAMPLE.ORG")])
    assert Contact.objects.count() == 1


def test_contact_full_clean_reports_duplicate_email():
    agency = factories.AgencyFactory()
    factories.ContactFactory(agency=agency, email="alice@example.org")
    duplicate = Contact(agency=agency, name="Alice again", email="Alice@Example.org")
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert list(excinfo.value.error_dict) == [NON_FIELD_ERRORS]


def test_contact_time_zone_validator_rejects_unknown_zone():
    agency = factories.AgencyFactory()
    contact = Contact(agency=agency, name="Someone", email="someone@example.org", time_zone="Mars/Olympus")
    with pytest.raises(ValidationError) as excinfo:
        contact.full_clean()
    assert list(excinfo.value.error_dict) == ["time_zone"]
    assert [e.code for e in excinfo.value.error_dict["time_zone"]] == ["time_zone"]


def test_contact_time_zone_validator_accepts_real_zone():
    agency = factories.AgencyFactory()
    contact = Contact(agency=agency, name="Someone", email="someone@example.org", time_zone="Asia/Tehran")
    contact.full_clean()  # no error


def test_contact_state_properties():
    contact = factories.ContactFactory(approved_at=None)
    assert contact.is_confirmed is True
    assert contact.is_approved is False
    assert contact.awaiting_approval is True
    unconfirmed = factories.ContactFactory(confirmed_at=None, approved_at=None)
    assert unconfirmed.awaiting_approval is False


# --- AgencyDomain ----------------------------------------------------------------------------


def test_agency_domain_is_stored_lowercase():
    domain = factories.AgencyDomainFactory(domain=" BTK.Gov.TR ")
    domain.refresh_from_db()
    assert domain.domain == "btk.gov.tr"


def test_agency_domain_unique_ignoring_case_through_save():
    factories.AgencyDomainFactory(domain="btk.gov.tr")
    other_agency = factories.AgencyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AgencyDomain.objects.create(agency=other_agency, domain="BTK.gov.tr")
    assert AgencyDomain.objects.count() == 1


def test_agency_domain_unique_ignoring_case_in_the_database():
    first = factories.AgencyDomainFactory(domain="btk.gov.tr")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgencyDomain.objects.bulk_create([AgencyDomain(agency=first.agency, domain="BTK.GOV.TR")])
    assert AgencyDomain.objects.count() == 1


@pytest.mark.parametrize("value", ["@btk.gov.tr", "http://x", "btk", "user@btk.gov.tr", "btk..gov.tr", "-btk.gov.tr"])
def test_agency_domain_validator_rejects(value):
    domain = AgencyDomain(agency=factories.AgencyFactory(), domain=value)
    with pytest.raises(ValidationError) as excinfo:
        domain.full_clean()
    assert list(excinfo.value.error_dict) == ["domain"]


@pytest.mark.parametrize("value", ["btk.gov.tr", "e-devlet.gov.tr", "mail.tic.kg", "BTK.Gov.TR"])
def test_agency_domain_validator_accepts(value):
    domain = AgencyDomain(agency=factories.AgencyFactory(), domain=value)
    domain.full_clean()
    domain.save()
    assert AgencyDomain.objects.get(pk=domain.pk).domain == value.lower()


# --- Project ---------------------------------------------------------------------------------


def test_project_end_year_before_start_year_refused_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ProjectFactory(start_year=2022, end_year=2021)
    assert Project.objects.count() == 0


def test_project_end_year_before_start_year_refused_by_full_clean():
    project = factories.ProjectFactory.build(agency=factories.AgencyFactory(), start_year=2022, end_year=2021)
    with pytest.raises(ValidationError) as excinfo:
        project.full_clean()
    assert list(excinfo.value.error_dict) == [NON_FIELD_ERRORS]
    constraint = next(c for c in Project._meta.constraints if c.name == "project_years_in_order")
    assert excinfo.value.messages == [constraint.get_violation_error_message()]


def test_project_same_start_and_end_year_allowed():
    project = factories.ProjectFactory(start_year=2022, end_year=2022)
    project.full_clean()
    assert project.years == "2022"


def test_project_start_year_out_of_range_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ProjectFactory(start_year=1900)


def test_published_project_without_published_at_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ProjectFactory(review_state=ReviewState.PUBLISHED, published_at=None)
    assert Project.objects.count() == 0


def test_published_project_with_published_at_accepted():
    project = factories.ProjectFactory(review_state=ReviewState.PUBLISHED, published_at=timezone.now())
    assert project.is_published is True


def test_project_clean_requires_turkish_or_english_title():
    project = Project(agency=factories.AgencyFactory(), slug="only-russian", title_ru="Только по-русски")
    with pytest.raises(ValidationError) as excinfo:
        project.clean()
    assert list(excinfo.value.error_dict) == ["title_tr"]


@pytest.mark.parametrize("field", ["title_tr", "title_en"])
def test_project_clean_accepts_turkish_or_english_title(field):
    project = Project(agency=factories.AgencyFactory(), slug="one-title", **{field: "E-Devlet"})
    project.clean()  # no error


# --- PromoMaterial ---------------------------------------------------------------------------


def test_promo_material_with_file_or_link_accepted():
    project = factories.ProjectFactory()
    PromoMaterial.objects.create(
        project=project, agency=project.agency, kind="poster", title="Poster", file="promo/2025/poster.pdf"
    )
    PromoMaterial.objects.create(
        project=project, agency=project.agency, kind="film", title="Film", url="https://video.example/film"
    )
    assert PromoMaterial.objects.filter(project=project).count() == 2


@pytest.mark.parametrize(
    "values",
    [{"file": "", "url": ""}, {"file": "promo/2025/poster.pdf", "url": "https://video.example/film"}],
    ids=["neither", "both"],
)
def test_promo_material_needs_exactly_one_of_file_or_link(values):
    project = factories.ProjectFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PromoMaterial.objects.create(project=project, agency=project.agency, kind="poster", title="Poster", **values)
    assert PromoMaterial.objects.count() == 0


# --- Reference data --------------------------------------------------------------------------


def test_action_lines_shipped_by_migration():
    assert ActionLine.objects.count() == 19
    top = list(ActionLine.objects.filter(parent__isnull=True).values_list("code", flat=True))
    assert top == [f"C{n}" for n in range(1, 12)]


def test_action_line_c7_has_its_eight_sub_lines_in_order():
    c7 = ActionLine.objects.get(code="C7")
    assert list(c7.children.order_by("position").values_list("code", flat=True)) == [f"C7.{n}" for n in range(1, 9)]
    assert ActionLine.objects.get(code="C7.1").title_en == "ICT applications: E-government"
    assert ActionLine.objects.get(code="C7.1").title_tr == "BİT uygulamaları: E-devlet"


def test_action_lines_have_turkish_and_english_titles():
    missing = ActionLine.objects.filter(title_tr__in=["", None]) | ActionLine.objects.filter(title_en__in=["", None])
    assert list(missing) == []
    assert ActionLine.objects.exclude(title_tr=F("title_en")).count() == 19


def test_sdgs_shipped_by_migration():
    assert list(SDG.objects.values_list("number", flat=True)) == list(range(1, 18))
    assert SDG.objects.filter(title_tr__in=["", None]).count() == 0
    assert SDG.objects.filter(title_en__in=["", None]).count() == 0
    assert SDG.objects.get(number=17).title_en == "Partnerships for the goals"
    assert SDG.objects.get(number=17).title_tr == "Amaçlar için ortaklıklar"


def test_sdg_number_out_of_range_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        SDG.objects.create(number=18, title="Not a goal")


# --- Translated fields -----------------------------------------------------------------------


def test_fallback_to_turkish_title_when_only_turkish_given():
    project = factories.ProjectFactory(title="E-Devlet Kapısı", title_tr="E-Devlet Kapısı", title_en="")
    project = Project.objects.get(pk=project.pk)
    assert project.title_en == ""
    with override("fa"):
        assert project.title == "E-Devlet Kapısı"


def test_fallback_prefers_english_over_turkish():
    project = factories.ProjectFactory(
        title="E-Devlet Kapısı", title_tr="E-Devlet Kapısı", title_en="e-Government Gateway"
    )
    project = Project.objects.get(pk=project.pk)
    with override("fa"):
        assert project.title == "e-Government Gateway"
    with override("tr"):
        assert project.title == "E-Devlet Kapısı"


def test_own_language_title_wins_over_fallback():
    project = factories.ProjectFactory(title_en="e-Government Gateway", title_fa="درگاه دولت الکترونیک")
    project = Project.objects.get(pk=project.pk)
    with override("fa"):
        assert project.title == "درگاه دولت الکترونیک"
    with override("ru"):
        assert project.title == "e-Government Gateway"
