"""The one cleaning of short texts people type (names, titles, mail subjects): the Unicode controls that change the
direction of the text around them are removed, so that what a Persian and a Latin reader see is what was typed.

Removed: the embeddings and overrides U+202A–U+202E (LRE, RLE, PDF, LRO, RLO) and the isolates U+2066–U+2069
(LRI, RLI, FSI, PDI). A right-to-left override turns “exe.txt” into what looks like “txt.exe”, and an unclosed one
spills into the rest of a page or subject line. Kept: the marks U+200E and U+200F (LRM, RLM), which Persian text
uses next to Latin words and digits and which cannot reverse anything, and the joiners U+200C/U+200D of Persian
words. Applied where a text enters: the model's save (every form, the API, the admin, imports, the demo: every
text field of the portal's records, names and titles first), the cells of an import, and the builder of every
mail's subject.
"""

from __future__ import annotations

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_REMOVE = dict.fromkeys(map(ord, BIDI_CONTROLS))


def strip_bidi_controls(text):
    """`text` without the direction controls (anything that is not a str is returned as it is)."""
    if isinstance(text, str) and not BIDI_CONTROLS.isdisjoint(text):
        return text.translate(_REMOVE)
    return text


def clean_texts(sender, instance, **kwargs):
    """pre_save: strip the direction controls from every text (names, titles, summaries, descriptions…) of a record
    of the portal; connected for each model of the portal's apps but those that set `rendered_texts`."""
    from django.db import models

    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField) and not field.choices:
            value = getattr(instance, field.attname)
            cleaned = strip_bidi_controls(value)
            if cleaned is not value:
                setattr(instance, field.attname, cleaned)


# The C0 controls (but tab, line feed and carriage return), DEL and the C1 controls: never part of a name or title;
# a NUL or an escape in an imported cell is a damaged file, refused by name rather than stored.
C0_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY", "ACKNOWLEDGE",
    "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN",
    "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL",
    "END OF MEDIUM", "SUBSTITUTE", "ESCAPE", "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE",
)  # fmt: skip
CONTROLS = frozenset(chr(code) for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]) - set("\t\n\r")


def find_control(text: str) -> str:
    """The first control character of `text` named ("U+0000 NULL"), or "" when there is none."""
    if CONTROLS.isdisjoint(text):
        return ""
    char = next(char for char in text if char in CONTROLS)
    code = ord(char)
    name = C0_NAMES[code] if code < 0x20 else "DELETE" if code == 0x7F else "CONTROL"
    return f"U+{code:04X} {name}"
