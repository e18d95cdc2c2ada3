"""Readers who follow the guides (the topic, a sub-topic or one guide) and the mail each gets on a new version."""


def new_version_published(version) -> None:
    """`version` was just published: queue one mail to each contact who follows its guide (in the same transaction)."""
