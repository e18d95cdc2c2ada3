from django import template
from django.http import QueryDict

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


@register.simple_tag(takes_context=True)
def revision_count(context):
    """How many changes to published records wait for review, for a working-group admin (None for anyone else)."""
    from portal.reviews.selectors import Revisions
    from portal.selectors import is_working_group_admin

    request = context.get("request")
    if request is None or not is_working_group_admin(request.user):
        return None
    return Revisions().count()


@register.simple_tag(takes_context=True)
def own_revisions(context):
    """The changes to its agency's published records that wait for review, for an agency contact (their
    records and changes field by field, `portal.reviews.diffs`); nothing for anyone else."""
    from portal.models import RevisionState
    from portal.reviews import revisions
    from portal.reviews.diffs import describe
    from portal.selectors import active_contact, is_working_group_admin

    request = context.get("request")
    if request is None or is_working_group_admin(request.user) or active_contact(request.user) is None:
        return []
    pending = revisions.visible_to(request.user).filter(state=RevisionState.PENDING).order_by("-updated_at", "-pk")
    return describe(list(pending.select_related("agency", "author")[:50]))


@register.simple_tag
def name_candidates(field):
    """The records a name field's text may mean (`portal.forms.NameField.candidates`), each with the address of the
    same list re-run with that one chosen (its slug in the field, the page back to the first)."""
    chosen = []
    data = getattr(field.form, "data", None)
    for _record, label, slug in getattr(field.field, "candidates", ()):
        if isinstance(data, QueryDict):
            query = data.copy()
        else:
            query = QueryDict(mutable=True)
            query.update(data or {})
        for key in (f"{field.html_name}_choice", f"{field.html_name}_name", "page"):
            query.pop(key, None)
        query[field.html_name] = slug
        chosen.append({"label": label, "slug": slug, "href": f"?{query.urlencode()}"})
    return chosen
