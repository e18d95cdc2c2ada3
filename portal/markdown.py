"""Markdown written by users, rendered to HTML and sanitised: no script, no event handler, no javascript: link.

Rendered once, when the record is saved: a model lists its Markdown fields in `markdown_fields` and keeps the
rendered HTML of each (per language when the field is translated) in `<field>_html`, which pages show as it is.
CommonMark with tables by cmark-gfm (the reference C implementation, through cmarkgfm), whose time grows linearly
with the text (Python-Markdown's does not, for runs of `[`): 100 KB of adversarial input in tens of milliseconds
(`make bench-markdown`). `manage.py render_markdown` renders every stored text again when these rules change.
"""

from __future__ import annotations

import cmarkgfm
import nh3
from django.conf import settings
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}


# Raw HTML typed in the text is never passed through (cmark's safe mode leaves a comment, which nh3 strips), nor
# are javascript: or data: links; GitHub's table extension only.
_EXTENSIONS = ("table",)


def render_markdown(text: str) -> str:
    """HTML for `text` (Markdown), safe to put in a page as it is."""
    html = cmarkgfm.markdown_to_html_with_extensions(text or "", options=0, extensions=_EXTENSIONS)
    return mark_safe(  # noqa: S308 - nh3 has just removed everything outside the allow-list
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer nofollow",
            strip_comments=True,
        ).strip()
    )


def html_field(name: str) -> str:
    """The field that keeps the rendered HTML of the Markdown field `name` (`description` → `description_html`)."""
    return f"{name}_html"


def _stored_pairs(model) -> list[tuple[str, str]]:
    """(source field, HTML field) of every Markdown field of `model`, one pair per language when translated."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    pairs = []
    for name in getattr(model, "markdown_fields", ()):
        if name in translated:
            for code in settings.MODELTRANSLATION_LANGUAGES:
                pairs.append((f"{name}_{code}", f"{html_field(name)}_{code}"))
        else:
            pairs.append((name, html_field(name)))
    return pairs


def render_fields(instance, update_fields=None):
    """Render the instance's Markdown fields into their HTML fields (only those `update_fields` names, when it is
    given); returns `update_fields` completed with their HTML fields (None stays None: every field is saved)."""
    extra = []
    for source, target in _stored_pairs(type(instance)):
        if update_fields is not None and source not in update_fields:
            continue  # e.g. a change of review state: the text is not saved, nothing to render
        setattr(instance, target, render_markdown(getattr(instance, source) or ""))
        extra.append(target)
    if update_fields is None:
        return None
    return [*update_fields, *extra]


class RenderedMarkdown:
    """A model mixin: the fields named in `markdown_fields` are rendered into `<field>_html` on every save."""

    markdown_fields: tuple[str, ...] = ()

    def save(self, *args, update_fields=None, **kwargs):
        update_fields = render_fields(self, update_fields)
        return super().save(*args, update_fields=update_fields, **kwargs)


def render_all(models_list=None) -> int:
    """Render the stored HTML of every record of the models with Markdown fields again (after a change of these
    rules); returns the number of records whose HTML changed. Writes only the HTML fields."""
    from django.apps import apps
    from django.db import transaction

    models_list = models_list or [m for m in apps.get_models() if getattr(m, "markdown_fields", ())]
    changed = 0
    for model in models_list:
        pairs = _stored_pairs(model)
        fields = [name for pair in pairs for name in pair]
        with transaction.atomic():
            for values in model._base_manager.values("pk", *fields).iterator(chunk_size=500):
                updates = {}
                for source, target in pairs:
                    html = render_markdown(values[source] or "")
                    if html != (values[target] or ""):
                        updates[target] = html
                if updates:
                    model._base_manager.filter(pk=values["pk"]).update(**updates)
                    changed += 1
    return changed
