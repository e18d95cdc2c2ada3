"""Factories of the core: agencies, people and their accounts, projects."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.models import SDG, ActionLine, Agency, AgencyDomain, Contact, Project, ReviewState

PASSWORD = "correct-horse-battery-staple"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    slug = factory.Sequence(lambda n: f"agency-{n}")
    name = factory.Sequence(lambda n: f"Ajans {n}")
    name_tr = factory.SelfAttribute("name")
    name_en = factory.Sequence(lambda n: f"Agency {n}")
    kind = Agency.Kind.MINISTRY
    country = "TR"


class AgencyDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyDomain

    agency = factory.SubFactory(AgencyFactory)
    domain = factory.Sequence(lambda n: f"agency{n}.gov.tr")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@agency.example")
    username = factory.SelfAttribute("email")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)
    is_active = True

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ContactFactory(factory.django.DjangoModelFactory):
    """An active agency contact with a confirmed, approved account."""

    class Meta:
        model = Contact

    agency = factory.SubFactory(AgencyFactory)
    user = factory.SubFactory(UserFactory, email=factory.SelfAttribute("..email"))
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@agency.example")
    language = "tr"
    time_zone = "Europe/Istanbul"
    confirmed_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    approved_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))


def admin_user(**kwargs):
    """A working-group admin: staff, in the admin group with its model permissions."""
    from portal.services import ensure_admin_group

    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(ensure_admin_group())
    return user


def registration_data(agency, /, **overrides) -> dict:
    """What a person fills in the registration form to become a contact of `agency` (`overrides` may change any
    field, the agency too)."""
    data = {
        "name": "Xavier Yılmaz",
        "email": "x@a.gov.tr",
        "agency": agency.slug,
        "title": "Daire Başkanı",
        "language": "tr",
        "time_zone": "Europe/Istanbul",
    }
    data.update(overrides)
    return data


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    agency = factory.SubFactory(AgencyFactory)
    slug = factory.Sequence(lambda n: f"project-{n}")
    title = factory.Sequence(lambda n: f"Proje {n}")
    title_tr = factory.SelfAttribute("title")
    title_en = factory.Sequence(lambda n: f"Project {n}")
    summary_en = "A public ICT project."
    start_year = 2020
    status = "ongoing"
    review_state = ReviewState.DRAFT

    class Params:
        published = factory.Trait(review_state=ReviewState.PUBLISHED, published_at=factory.LazyFunction(timezone.now))

    @factory.post_generation
    def action_lines(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.action_lines.set(ActionLine.objects.filter(code__in=extracted))

    @factory.post_generation
    def sdgs(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.sdgs.set(SDG.objects.filter(number__in=extracted))


def partners(project, *agencies, state="accepted", by=None):
    """Name `agencies` partners of `project`, in `state` (accepted: as if they had said yes)."""
    from portal.models import ProjectPartner

    return [
        ProjectPartner.objects.create(project=project, agency=agency, state=state, proposed_by=by)
        for agency in agencies
    ]
