"""Translated fields of the coordination area's meetings part (modeltranslation)."""
