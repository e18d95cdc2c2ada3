"""Writes of the private sector part: contributions and problems reported by a company's contacts and published by
the working group, through the review workflow every reported record follows (portal/reviews/)."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coordination.private_sector import selectors
from coordination.private_sector.models import Contribution, Problem
from portal import reviews
from portal import selectors as portal_selectors
from portal.reviews import Refusals, ReviewedKind

CONTRIBUTIONS = Refusals(
    may_not_report=_("Only the contacts of a company and working-group admins may report contributions."),
    not_yours=_("You may change only your own company's contributions."),
    only_own_agency=_("You may report contributions only for your own company."),
    choose_agency=_("Choose the company that contributed."),
    only_admins_publish=_("Only working-group admins publish contributions."),
)
PROBLEMS = Refusals(
    may_not_report=_("Only the contacts of a company and working-group admins may report problems."),
    not_yours=_("You may change only your own company's problems."),
    only_own_agency=_("You may report problems only for your own company."),
    choose_agency=_("Choose the company that met the problem."),
    only_admins_publish=_("Only working-group admins publish problems."),
)
CONTRIBUTION_REVIEW = ReviewedKind(
    Contribution,
    CONTRIBUTIONS,
    edit_url=lambda contribution: reverse("coordination:contribution_edit", args=[contribution.pk]),
)
PROBLEM_REVIEW = ReviewedKind(
    Problem,
    PROBLEMS,
    edit_url=lambda problem: reverse("coordination:problem_edit", args=[problem.pk]),
)


def _check_reporter(user, model, refusals) -> None:
    if not selectors.may_report(user, model):
        raise PermissionDenied(refusals.may_not_report)


def save_contribution(user, contribution: Contribution, data: dict) -> Contribution:
    """Create or update a contribution (`portal.reviews.save_reported`); only a company's contacts and the working
    group report them."""
    _check_reporter(user, Contribution, CONTRIBUTIONS)
    return reviews.save_reported(user, contribution, data)


def submit_contribution(user, contribution: Contribution) -> Contribution:
    return reviews.submit_reported(user, contribution)


def publish_contribution(user, contribution: Contribution) -> bool:
    return reviews.publish_reported(user, contribution)


def save_problem(user, problem: Problem, data: dict) -> Problem:
    """Create or update a problem (`portal.reviews.save_reported`). Its status is the working group's: a
    contact's is ignored, a new one is open."""
    _check_reporter(user, Problem, PROBLEMS)
    data = dict(data)
    concerned = data.pop("agencies_concerned", None)
    if not portal_selectors.is_working_group_admin(user):
        data.pop("status", None)
    m2m = None if concerned is None else {"agencies_concerned": list(concerned)}
    return reviews.save_reported(user, problem, data, m2m=m2m)


def submit_problem(user, problem: Problem) -> Problem:
    return reviews.submit_reported(user, problem)


def publish_problem(user, problem: Problem) -> bool:
    return reviews.publish_reported(user, problem)
