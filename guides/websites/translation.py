"""Translated fields of the websites part (modeltranslation)."""
