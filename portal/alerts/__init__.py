"""The alert machinery, by step, and the sending of every mail of the portal:

    subscriptions  what each contact wants to hear of; unsubscribe and calendar tokens
    planning       windows and the planning scan (AlertDelivery rows); the reaper
    rendering      mails in the recipient's language; the one builder of every mail's headers and parts
    smtp           a batch's connection; raw MIME on SMTP
    queue          the state machine every queue of mail shares: claim, send, mark, retry, give up
    sending        the alerts, each at once or in a daily digest
    outbox         every other mail (confirmations, approvals, moderation notices…)

Product code imports from these modules. The names below are the ones callers used when this was one module
(`from portal import alerts; alerts.plan(now)`); they stay for them.
"""

from portal.alerts.outbox import send_outbox
from portal.alerts.planning import (
    PlanResult,
    cancel_stale,
    cancel_superseded,
    plan,
    plan_deadline,
    plan_notice,
    reap,
    upcoming_for_planning,
    window_opens,
)
from portal.alerts.queue import SendResult, backoff, classify
from portal.alerts.rendering import ACTIONS, digest_message_id, message_id, render_alert, render_digest
from portal.alerts.sending import backlog, due_deliveries, send_again, send_due
from portal.alerts.subscriptions import (
    UNSUBSCRIBE_SALT,
    ensure_subscription,
    parse_lead_days,
    renew_calendar_token,
    save_subscription,
    subscribe_confirmed_contact,
    subscription_for_unsubscribe_token,
    unsubscribe,
    unsubscribe_token,
)
from portal.links import page_url
from portal.moments import days_before, days_left_text, format_moment, zone_label

__all__ = [
    "ACTIONS",
    "UNSUBSCRIBE_SALT",
    "PlanResult",
    "SendResult",
    "backlog",
    "backoff",
    "cancel_stale",
    "cancel_superseded",
    "classify",
    "days_before",
    "days_left_text",
    "digest_message_id",
    "due_deliveries",
    "ensure_subscription",
    "format_moment",
    "message_id",
    "page_url",
    "parse_lead_days",
    "plan",
    "plan_deadline",
    "plan_notice",
    "reap",
    "render_alert",
    "render_digest",
    "renew_calendar_token",
    "save_subscription",
    "send_again",
    "send_due",
    "send_outbox",
    "subscribe_confirmed_contact",
    "subscription_for_unsubscribe_token",
    "unsubscribe",
    "unsubscribe_token",
    "upcoming_for_planning",
    "window_opens",
    "zone_label",
]
