"""Translated fields of the materials part (modeltranslation)."""
