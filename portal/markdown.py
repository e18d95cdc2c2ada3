"""Markdown written by users, rendered to HTML and sanitised: no script, no event handler, no javascript: link."""

import markdown as md
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> str:
    """HTML for `text` (Markdown), safe to put in a page as it is."""
    html = md.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html")
    return mark_safe(  # noqa: S308 - nh3 has just removed everything outside the allow-list
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer nofollow",
            strip_comments=True,
        )
    )
