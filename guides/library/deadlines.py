"""How guides feed the deadline registry: a `guide.review` deadline at each guide's review-by date."""


def connect() -> None:
    """Keep the guides' review deadlines in sync with the guides (signals); called when the part is ready."""
