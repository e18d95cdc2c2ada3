"""Tests of the events area."""
