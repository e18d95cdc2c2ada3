"""Tests of the funds area."""
