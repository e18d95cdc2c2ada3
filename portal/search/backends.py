"""The two ways a query is matched: PostgreSQL (full-text search on the weighted vectors, trigram similarity on the
names) and the embedded SQLite demo's fallback (every folded word contained in the folded text). Each answers the
same four questions; another engine (OpenSearch) would answer them too."""

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Greatest

from portal.search.indexing import SIMPLE, config
from portal.search.text import fold, words

# How close a misspelt name must come (pg_trgm word similarity): "BTKK" finds "BTK", "Cenevr" finds "Cenevre".
NAME_SIMILARITY = 0.5
SUGGESTION_SIMILARITY = 0.35


def trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    x, y = trigrams(a), trigrams(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def _correct(text: str, names: list[str]) -> str:
    """Each word of `text` replaced by the closest word of `names`, when it is not one of them already."""
    vocabulary = {word for name in names for word in words(fold(name)) if len(word) > 1}
    corrected = []
    for word in words(fold(text)):
        if word in vocabulary or not vocabulary:
            corrected.append(word)
            continue
        best = max(vocabulary, key=lambda candidate: (similarity(word, candidate), -abs(len(candidate) - len(word))))
        corrected.append(best if similarity(word, best) >= SUGGESTION_SIMILARITY else word)
    suggestion = " ".join(corrected)
    return "" if suggestion == " ".join(words(fold(text))) else suggestion


def _new_connection(sender, connection, **kwargs):
    connection.portal_word_similarity = None  # a new session starts with pg_trgm's default


connection_created.connect(_new_connection, dispatch_uid="search:new-connection")


def word_similarity_threshold(value: float) -> None:
    """The threshold of pg_trgm's `%>` (which the trigram indexes answer) for this connection, set when it changes:
    search, suggestions and the name resolver each ask for their own."""
    if getattr(connection, "portal_word_similarity", None) == value:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [str(value)])
    connection.portal_word_similarity = value


class Postgres:
    def _tsquery(self, query):
        return SearchQuery(fold(query.text, query.language), config=config(query.language), search_type="websearch") | (
            SearchQuery(fold(query.text), config=SIMPLE, search_type="websearch")
        )

    def match(self, documents, query, fuzzy=False):
        """Full-text matches (names in every language are in the vector too); `fuzzy` adds the names that come
        close (a misspelt name or acronym), asked only when the words alone find nothing: the trigram pass reads
        every candidate's names and costs far more."""
        if not query.text:
            return documents.annotate(rank=Value(0.0, output_field=FloatField()))
        tsquery = self._tsquery(query)
        if not fuzzy:
            return documents.filter(vector=tsquery).annotate(rank=SearchRank(F("vector"), tsquery))
        folded = fold(query.text)
        word_similarity_threshold(NAME_SIMILARITY)
        return documents.filter(Q(vector=tsquery) | Q(names__trigram_word_similar=folded)).annotate(
            rank=SearchRank(F("vector"), tsquery) + TrigramWordSimilarity(folded, "names") / 2
        )

    def terms(self, query) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT array(SELECT lexeme FROM unnest(to_tsvector(%s::regconfig, %s)))",
                [config(query.language), fold(query.text, query.language)],
            )
            stems = cursor.fetchone()[0] or []
        return sorted({*stems, *words(fold(query.text))}, key=len, reverse=True)

    def names(self, documents, text):
        folded = fold(text)
        word_similarity_threshold(0.3)
        return (
            documents.filter(Q(names__trigram_word_similar=folded) | Q(names__contains=folded))
            .annotate(closeness=TrigramWordSimilarity(folded, "names"))
            .order_by("-closeness", "title")
        )

    def did_you_mean(self, query) -> str:
        from portal.models import SearchDocument

        folded = fold(query.text)
        word_similarity_threshold(SUGGESTION_SIMILARITY)
        closest = (
            SearchDocument.objects.filter(language=query.language, names__trigram_word_similar=folded)
            .annotate(closeness=TrigramWordSimilarity(folded, "names"))
            .order_by("-closeness")
            .values_list("names", flat=True)[:3]
        )
        return _correct(query.text, list(closest))


class Simple:
    """The embedded demo's fallback: every folded query word must occur in the folded text; a title match ranks
    above a name match above the rest."""

    def match(self, documents, query, fuzzy=False):
        if not query.text:
            return documents.annotate(rank=Value(0.0, output_field=FloatField()))
        folded = words(fold(query.text))
        condition = Q()
        for word in folded:
            condition &= Q(folded__contains=word)
        phrase = " ".join(folded)
        return documents.filter(condition | Q(names__contains=phrase)).annotate(
            rank=Greatest(
                Case(When(title__icontains=query.text, then=Value(1.0)), default=Value(0.0)),
                Case(When(names__contains=phrase, then=Value(0.6)), default=Value(0.1)),
                output_field=FloatField(),
            )
        )

    def terms(self, query) -> list[str]:
        return sorted(set(words(fold(query.text))), key=len, reverse=True)

    def names(self, documents, text):
        folded = fold(text)
        return documents.filter(names__contains=folded).order_by(
            Case(When(title__istartswith=text, then=Value(0)), default=Value(1)), "title"
        )

    def did_you_mean(self, query) -> str:
        return ""


def current():
    return Postgres() if connection.vendor == "postgresql" else Simple()
