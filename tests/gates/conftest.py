"""The gates' world (tests/gates/routes.py `build_world`), built once per test module in each test process.

Building it costs a second or more, and more with every part module that adds records to it; the gates that only
read it (or roll back what they change) share one. `gate_world` builds it inside a transaction that stays open
while the module's tests run: each test then runs in a savepoint of its own (pytest-django's `db`, a TestCase),
rolled back after it, so no test sees what another changed, and the whole world is rolled back after the module's
last test. A test with `transaction=True` (a live server, a browser) cannot use it: its requests are answered on
other connections, which see only what is committed.
"""

import pytest
from django.db import transaction

from tests.gates import routes


@pytest.fixture(scope="module")
def gate_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = routes.build_world()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield world
    finally:
        # Only the fixture's own work is unblocked: the module's `pure` tests still get no database in between.
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
