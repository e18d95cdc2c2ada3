"""[real] The outbox on the real stack: a web request saves a change while the Redis broker is down; the page
answers as usual, and once Redis is back the beat's tick has a Celery worker send the mail to the SMTP server
(each its own process, as in tests/portal/test_alerts_real.py)."""

import email
import email.policy

import pytest
from django.test import Client

from config.celery import app as celery_app
from portal.models import Contact, DeliveryState, OutboxMail
from tests import factories
from tests.realstack import tick_every_second

pytest_plugins = ["tests.realstack"]  # the fixtures real_stack, redis_server, smtp_sink

pytestmark = [pytest.mark.realstack, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def web_process_broker(redis_server):
    """This process's Celery as a web process of the full stack has it: not eager, on the test's Redis."""
    conf = celery_app.conf
    saved = conf.task_always_eager, conf.broker_url
    conf.task_always_eager, conf.broker_url = False, redis_server.url
    yield
    conf.task_always_eager, conf.broker_url = saved


def test_a_change_saved_while_the_broker_is_down_answers_and_its_mail_goes_out_once_it_is_back(
    real_stack, web_process_broker
):
    sink = real_stack.sink
    real_stack.redis.stop()
    agency = factories.AgencyFactory()

    response = Client().post(
        "/ru/accounts/register/", factories.registration_data(agency, email="aibek@mail.example", language="ru")
    )
    assert (response.status_code, response["Location"]) == (302, "/ru/accounts/register/done/")
    contact = Contact.objects.get(email="aibek@mail.example")
    [row] = OutboxMail.objects.all()
    assert (row.kind, row.recipient, row.language, row.state, row.attempts) == (
        "confirm_email",
        contact.email,
        "ru",
        DeliveryState.PENDING,
        0,
    )

    real_stack.redis.start()
    tick_every_second()
    real_stack.start_beat()
    real_stack.start_worker()
    real_stack.wait_for(lambda: sink.count() >= 1, timeout=60, what="the confirmation at the SMTP sink")
    real_stack.wait_for(
        lambda: OutboxMail.objects.filter(state=DeliveryState.SENT).exists(), timeout=30, what="the sent mark"
    )
    ticks = real_stack.succeeded("portal.tasks.alerts_tick")
    real_stack.wait_for(
        lambda: real_stack.succeeded("portal.tasks.alerts_tick") >= ticks + 2,
        timeout=60,
        what="two more ticks of the beat",
    )
    [received] = sink.messages()
    assert received["message_id"] == row.message_id
    assert received["rcpt_tos"] == [contact.email]
    mail = email.message_from_bytes(received["raw"], policy=email.policy.default)
    assert mail["Content-Language"] == "ru"
    assert str(mail["Subject"]) == row.subject
    assert "/ru/accounts/confirm/" in mail.get_body(("plain",)).get_content()
    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == (DeliveryState.SENT, 1, "")
    assert sink.count() == 1
