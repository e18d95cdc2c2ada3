"""`--clock=HH:MM`: run the selected tests with the wall clock moved to that hour (UTC) of today's UTC date
(or of another date: `--clock=2026-12-31T22:30`, the last evening of a year).

A test must pass at any hour: "today" is not the same date in Istanbul, Geneva and New York. `make test` runs
the tests marked `clock` (what they check depends on the hour: "open", "days left", "upcoming", "today") once
more at 22:30 UTC (already tomorrow east of UTC+1:30) and once at 02:30 UTC (still yesterday west of UTC-2:30):

    pytest -m clock --clock=22:30 --clock=02:30

Each hour given runs every selected test once, as `test_name[clock=22:30]`. The clock runs on from there
(`tick=True`) through the test's fixtures, the test and its teardown. Python's clock only: `time.monotonic()`
goes on as it is (so every poll's deadline holds), and so does anything outside this process: a Celery worker,
a browser, PostgreSQL's own `now()` (the portal hands Python's instant to its SQL). Tests marked `browser`,
`fuzz` or `realstack` run in such processes and are skipped under `--clock`.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

OTHER_PROCESSES = ("browser", "fuzz", "realstack")
HOUR = "_clock_hour"  # the parameter each test gets under --clock


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        action="append",
        default=[],
        metavar="[YYYY-MM-DDT]HH:MM",
        help="run every selected test with the clock moved to HH:MM UTC of today's UTC date (e.g. 22:30) or of "
        "the date given (e.g. 2026-12-31T22:30); repeat for several instants",
    )


def pytest_configure(config):
    for value in config.getoption("clock"):
        try:
            destination(value)
        except ValueError:
            raise pytest.UsageError(f"--clock wants [YYYY-MM-DDT]HH:MM (UTC), e.g. 22:30; got {value!r}") from None


def pytest_report_header(config):
    if hours := config.getoption("clock"):
        return f"clock: each test runs from {', '.join(hours)} UTC (time-machine, ticking)"
    return None


def pytest_generate_tests(metafunc):
    if hours := metafunc.config.getoption("clock"):
        metafunc.fixturenames.append(HOUR)
        metafunc.parametrize(HOUR, hours, ids=[f"clock={hour}" for hour in hours])


def pytest_collection_modifyitems(config, items):
    if not config.getoption("clock"):
        return
    for item in items:
        for name in OTHER_PROCESSES:
            if item.get_closest_marker(name):
                item.add_marker(pytest.mark.skip(reason=f"{name}: other processes keep the real clock"))
                break


def destination(value: str) -> dt.datetime:
    """The UTC instant `value` names: HH:MM of today's UTC date, or YYYY-MM-DDTHH:MM."""
    if not re.fullmatch(r"(\d{4}-\d\d-\d\dT)?\d\d:\d\d", value):
        raise ValueError(value)
    if "T" in value:
        return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
    return dt.datetime.combine(dt.datetime.now(dt.UTC).date(), dt.time.fromisoformat(value), tzinfo=dt.UTC)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    callspec = getattr(item, "callspec", None)
    if callspec is None or HOUR not in callspec.params:
        return (yield)
    with time_machine.travel(destination(callspec.params[HOUR]), tick=True):
        return (yield)
