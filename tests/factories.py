"""Factories for the core records, in one place."""

import datetime as dt
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.models import SDG, ActionLine, Agency, AgencyDomain, Contact, Project, ReviewState

PASSWORD = "correct-horse-battery-staple"


def today_in(zone: str) -> dt.date:
    """Today's date in `zone`, the zone of the record under test; never the portal's date (Istanbul, UTC+3) nor
    the UTC one: at 22:30 UTC it is already tomorrow in Istanbul and still today in Geneva."""
    return timezone.localdate(timezone=ZoneInfo(zone))


def in_days(n: int, zone: str) -> dt.date:
    """The date `n` days from today in `zone` (see `today_in`)."""
    return today_in(zone) + dt.timedelta(days=n)


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
        "agency": str(agency.pk),
        "title": "Daire Başkanı",
        "language": "tr",
        "time_zone": "Europe/Istanbul",
        "password1": PASSWORD,
        "password2": PASSWORD,
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


# --- Awards ---------------------------------------------------------------------------------------


def award_programme(slug="wsis-prizes"):
    """A programme of the reference data (awards migration 0002)."""
    from awards.models import AwardProgramme

    return AwardProgramme.objects.get(slug=slug)


def award_category(code, programme="wsis-prizes"):
    from awards.models import AwardCategory

    return AwardCategory.objects.get(programme__slug=programme, code=code)


class AwardEditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.AwardEdition"

    programme = factory.LazyFunction(award_programme)
    year = factory.Sequence(lambda n: 2030 + n)
    nomination_deadline = factory.LazyAttribute(lambda edition: dt.date(edition.year, 3, 15))
    tz = "Europe/Zurich"


def award_result(edition, agency, code, outcome="winner", project=None, programme="wsis-prizes"):
    """A line of the results inventory in the category `code` of `programme` (None: no category)."""
    from awards.models import AwardResult

    return AwardResult.objects.create(
        edition=edition,
        agency=agency,
        category=award_category(code, programme) if code else None,
        outcome=outcome,
        project=project,
        evidence_url=f"https://example.org/{agency.slug}/{code}",
    )


# --- Events ---------------------------------------------------------------------------------------


class EventFactory(factory.django.DjangoModelFactory):
    """A confirmed conference in Geneva (Europe/Zurich), four days from `starts_on`."""

    class Meta:
        model = "events.Event"

    slug = factory.Sequence(lambda n: f"event-{n}")
    name = factory.Sequence(lambda n: f"Etkinlik {n}")
    name_en = factory.Sequence(lambda n: f"Event {n}")
    kind = "conference"
    organiser = "ITU"
    city = "Cenevre"
    city_en = "Geneva"
    country = "CH"
    tz = "Europe/Zurich"
    starts_on = factory.LazyFunction(lambda: dt.date(2030, 7, 6))
    ends_on = factory.LazyAttribute(lambda event: event.starts_on + dt.timedelta(days=4))
    website = "https://event.example"


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.EventParticipation"

    event = factory.SubFactory(EventFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = "attendee"
