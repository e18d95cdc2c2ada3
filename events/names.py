"""The events area's records that filters and forms take by name (`portal.names`): events."""

from django.utils.translation import gettext_lazy as _

from portal import names


def register() -> None:
    from events.models import Event

    names.register(
        names.Named(
            "event",
            Event,
            lambda user=None: Event.objects.all(),
            names=("name",),
            unknown=_("No event is named “%(text)s”."),
        )
    )
