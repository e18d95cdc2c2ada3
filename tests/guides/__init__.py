"""Tests of the guides area."""
