from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()


@register.simple_tag(takes_context=True)
def review_counts(context):
    """What waits for review, per kind, for a working-group admin (nothing for anyone else)."""
    from portal.reviews.selectors import waiting_counts
    from portal.selectors import is_working_group_admin

    request = context.get("request")
    if request is None or not is_working_group_admin(request.user):
        return []
    return waiting_counts()
