"""Translated fields of the portals part (modeltranslation)."""
