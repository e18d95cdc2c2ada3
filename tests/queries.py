"""Counting the queries of a page or an API list, at a small and a large size of the data: the count must not grow."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

SMALL, LARGE = 3, 30  # records before and after the data grows


def count_queries(client, url: str) -> tuple[int, object]:
    """The number of queries a GET of `url` runs (it must answer 200), and the response."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response
