"""The follow box's state on a guide's page (templates/guides/library/follow_box.html)."""

from django import template

from guides.library import follows

register = template.Library()


@register.simple_tag(takes_context=True)
def guide_follow_state(context, guide):
    """What the viewer follows of `guide` (`follows.follow_state`); None for anyone but an active contact."""
    request = context.get("request")
    return follows.follow_state(request.user, guide) if request is not None else None
