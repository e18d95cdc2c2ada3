"""The funds area's deadlines: every call keeps its opening (`fund.call_opens`) and its deadline (`fund.call`) in
the deadline registry (topic funds): at its local time when known, else 23:59 that day in the call's zone. A
tentative call registers tentative deadlines; a cancelled one withdraws them. An invitation (`fund.suggestion`) is
a notice to the invited agency's contacts, due at the call's deadline and moved or withdrawn with it. The page of each is the call's page,
without a language prefix."""

from django.utils.translation import gettext

from funds.models import CallState, FundingCall, FundInvitation
from portal.deadlines import DeadlineSpec, in_every_language, sync, track, track_notice
from portal.models import DeadlineKind


def call_url(call: FundingCall) -> str:
    return f"/funds/calls/{call.pk}/"


def _title(kind: str, call: FundingCall) -> str:
    params = {"call": call.title, "programme": call.programme.name}
    if kind == DeadlineKind.FUND_CALL_OPENS:
        return gettext("%(programme)s: %(call)s — call opens") % params
    return gettext("%(programme)s: %(call)s — call deadline") % params


def specs_for(call: FundingCall) -> list[DeadlineSpec]:
    if call.state == CallState.CANCELLED:
        return []
    specs = []
    for kind, due in ((DeadlineKind.FUND_CALL_OPENS, call.opens_on), (DeadlineKind.FUND_CALL, call.deadline_due)):
        if due is None:
            continue
        specs.append(
            DeadlineSpec(
                kind=kind,
                due=due,
                tz=call.tz,
                titles=in_every_language(lambda kind=kind: _title(kind, call)),
                url=call_url(call),
                tentative=call.state == CallState.TENTATIVE,
            )
        )
    return specs


def invitation_specs(invitation: FundInvitation) -> list[DeadlineSpec]:
    call = invitation.call
    if call.state == CallState.CANCELLED:
        return []
    titles = in_every_language(
        lambda: (
            gettext("%(programme)s: %(call)s — your agency could apply")
            % {"call": call.title, "programme": call.programme.name}
        )
    )
    return [
        DeadlineSpec(
            kind=DeadlineKind.FUND_SUGGESTION,
            due=call.deadline_due,
            tz=call.tz,
            titles=titles,
            url=call_url(call),
            tentative=call.state == CallState.TENTATIVE,
            agencies=(invitation.agency_id,),
        )
    ]


def sync_invitation(invitation: FundInvitation) -> None:
    sync(invitation, invitation_specs(invitation))


def connect() -> None:
    # The titles name the programme: renaming it retitles its calls' deadlines and their invitations'.
    track(FundingCall, specs_for, follows=["programme"])
    track_notice(FundInvitation, invitation_specs, follows=["call", "call__programme"])
