"""Translated fields of the coordination area's participation part (modeltranslation)."""
