"""The search index: one entry per record the public may see, one document per entry and language, and the entry's
facet values. Written only by `portal.search.indexing`; read only by `portal.search.backends`."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """A record that search may show to anyone: what it is (`kind`, the registered source), where it stands for the
    facets, and when it first became findable (the saved searches' "new since")."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40, db_index=True)
    open_until = models.DateTimeField(null=True, blank=True)
    first_indexed_at = models.DateTimeField()
    indexed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_entry_one_per_record"),
        ]
        indexes = [models.Index(fields=["first_indexed_at"], name="search_entry_first_idx")]

    def __str__(self):
        return f"{self.kind} {self.object_id}"


class SearchDocument(models.Model):
    """An entry as read in one language: the texts shown (title, address, summary for the snippet) and the folded
    texts matched. `vector` (weighted: title, then names, then summary, then body) is filled on PostgreSQL only;
    the embedded SQLite demo matches `folded` instead."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(max_length=8)
    title = models.TextField()
    url = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    names = models.TextField(blank=True)  # folded: the record's names in every language and its acronyms
    folded = models.TextField(blank=True)  # folded: everything matched, for the fallback
    vector = SearchVectorField(null=True, blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["entry", "language"], name="search_document_one_per_language"),
        ]
        # The GIN indexes on `vector` and on `names` (pg_trgm) are PostgreSQL's only: migration 0024 adds them there.
        indexes = [models.Index(fields=["language", "entry"], name="search_document_lang_idx")]

    def __str__(self):
        return self.title


class SearchFacet(models.Model):
    """One facet value of an entry (its country, its agency's kind, an action line, an SDG, a year)."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("search facet")
        verbose_name_plural = _("search facets")
        constraints = [
            models.UniqueConstraint(fields=["entry", "facet", "value"], name="search_facet_once"),
        ]
        indexes = [models.Index(fields=["facet", "value", "entry"], name="search_facet_value_idx")]

    def __str__(self):
        return f"{self.facet}={self.value}"
