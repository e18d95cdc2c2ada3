"""Translated fields of the coordination area's private sector part (modeltranslation)."""
