"""The one review workflow of the records agencies report (projects, award applications, grants received, event
participations…): a contact's record is its own agency's and stays a draft until submitted; the working group
publishes it or sends it back with a comment that reaches the contact by mail in their language; a contact's change
to a submitted record makes it a draft again, and one to a published record waits as a pending revision until the
working group accepts it. Working-group admins choose the agency and decide.

- `kinds`: each kind registered once, from its app's `AppConfig.ready()` (the core imports no area);
- `workflow`: the steps (save, submit, publish, send back), called by pages, API and admin alike;
- `selectors`: who sees which records, and the review queue;
- `notices`: how working-group admins hear of submissions (each, or a daily digest);
- `revisions`, `diffs`, `decisions`: changes to published records, what they change field by field, and the
  working group's decision on them.
"""

from portal.reviews.kinds import Refusals, ReviewedKind, kind_by_key, kind_of, kinds, register
from portal.reviews.selectors import published_or_own, reports_of
from portal.reviews.workflow import (
    kept_published,
    may_decide,
    publish_reported,
    request_changes,
    save_reported,
    submit_reported,
    waiting_change,
)

__all__ = [
    "Refusals",
    "ReviewedKind",
    "kept_published",
    "kind_by_key",
    "kind_of",
    "kinds",
    "may_decide",
    "publish_reported",
    "published_or_own",
    "register",
    "reports_of",
    "request_changes",
    "save_reported",
    "submit_reported",
    "waiting_change",
]
