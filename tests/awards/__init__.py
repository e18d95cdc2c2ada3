"""Tests of the awards area."""
