"""How search text is folded before it is indexed or matched, the same way on both sides: Persian and Arabic letters
and digits made one, the Turkish dotted and dotless i made one, and for the languages indexed with the `simple`
dictionary (Persian, Kyrgyz, Azerbaijani) diacritics dropped and Cyrillic written in Latin letters, so a Kyrgyz or
Azerbaijani query finds the text in either alphabet."""

import functools
import re
import unicodedata

# Arabic yeh and kaf and their variants → the Persian letters; teh marbuta → heh; alef forms → alef.
_PERSIAN = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "\u200c": " ",  # zero-width non-joiner: the halves of a compound are two words on both sides
        "\u200d": "",
        "\u0640": "",  # tatweel
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    }
)
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")  # harakat, never written consistently
# Both Turkish i's are one letter to the search (a visitor types "istanbul" or "ISTANBUL" for "İstanbul").
_DOTTED = str.maketrans({"İ": "i", "I": "i", "ı": "i"})
# Kyrgyz, Azerbaijani and Russian Cyrillic in plain Latin letters (one common spelling of each, not a standard).
_LATIN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j", "җ": "j",
        "з": "z", "и": "i", "й": "y", "ј": "y", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ng",
        "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ү": "u", "ұ": "u", "ф": "f",
        "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ҹ": "c", "ш": "sh", "щ": "shch", "ъ": "", "ы": "i",
        "ь": "", "э": "e", "ә": "e", "ю": "yu", "я": "ya",
    }
)  # fmt: skip
# Azerbaijani and Turkish letters a diacritic-stripping fold does not reach.
_PLAIN = str.maketrans({"ə": "e", "ı": "i", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l"})
SIMPLE_LANGUAGES = frozenset({"fa", "ky", "az"})
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def fold(text: str, language: str = "") -> str:
    """Text as the index and the query both see it in `language` (any language when empty: the strongest fold)."""
    if not text:
        return ""
    return _fold(text, not language or language in SIMPLE_LANGUAGES)


@functools.lru_cache(maxsize=4096)  # a record's fallback texts repeat across its six languages
def _fold(text: str, simple: bool) -> str:
    text = _CONTROLS.sub("", text)
    text = unicodedata.normalize("NFC", text).translate(_PERSIAN)
    text = _ARABIC_MARKS.sub("", text)
    text = text.translate(_DOTTED).lower()
    if simple:
        text = strip_accents(text.translate(_LATIN).translate(_PLAIN))
    return _SPACES.sub(" ", text).strip()


_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(text)
