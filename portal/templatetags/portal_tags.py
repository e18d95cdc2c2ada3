from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render user-written Markdown as sanitised HTML."""
    from portal.markdown import render_markdown

    return render_markdown(text)
