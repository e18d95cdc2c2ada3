"""Tests of the core: accounts, agencies and projects, the deadline registry, alerts and mail, reviews, the API."""
