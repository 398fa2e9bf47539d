"""The outbox (ADR 14): with the queue's broker down a save still succeeds, its e-mail waits in
the database, and `drain_outbox` hands it on once the broker answers."""

import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from coordinated_care.core import outbox
from coordinated_care.core.models import OutboxJob
from coordinated_care.core.tasks import send_email


def closed_port():
    """A port on the loopback address that nothing listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def broker_down():
    """The RQ backend, as production configures it, pointed at a Redis that is not there."""
    return override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
        RQ_QUEUES={"default": {"URL": f"redis://127.0.0.1:{closed_port()}/0", "DEFAULT_TIMEOUT": 60}},
    )


@pytest.fixture
def down():
    with broker_down():
        yield


EMAIL = {"to": ["pbf@example.test"], "subject": "Sign-off requested", "body": "A learner asked."}


@pytest.mark.django_db
def test_a_job_goes_to_the_queue_after_commit_when_the_broker_answers(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            outbox.enqueue(send_email, **EMAIL)
            assert mail.outbox == []  # nothing before the commit
    assert [m.subject for m in mail.outbox] == ["Sign-off requested"]
    assert not OutboxJob.objects.exists()


@pytest.mark.django_db
def test_a_rolled_back_change_queues_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            outbox.enqueue(send_email, **EMAIL)
            raise RuntimeError
    assert mail.outbox == [] and not OutboxJob.objects.exists()


@pytest.mark.django_db
def test_with_the_broker_down_the_job_waits_and_is_drained_later(down, django_capture_on_commit_callbacks):
    # Without the outbox the enqueue itself fails: this is what a request would have raised.
    with pytest.raises(outbox.BROKER_ERRORS):
        send_email.enqueue(**EMAIL)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        outbox.enqueue(send_email, **EMAIL)
    job = OutboxJob.objects.get()
    assert (job.task, job.arguments, job.attempts) == ("coordinated_care.core.tasks.send_email", EMAIL, 1)
    assert job.last_error == "ConnectionError"

    # Still down: the job stays, its attempts counted.
    assert outbox.drain() == (0, 1)
    assert OutboxJob.objects.get().attempts == 2


@pytest.mark.django_db
def test_drain_outbox_sends_what_waited_once_the_queue_answers(down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.enqueue(send_email, **EMAIL)
        outbox.enqueue(send_email, **{**EMAIL, "subject": "Second"})
    assert OutboxJob.objects.count() == 2
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}):
        call_command("drain_outbox")
    assert [m.subject for m in mail.outbox] == ["Sign-off requested", "Second"]  # oldest first
    assert not OutboxJob.objects.exists()


class Broken:
    module_path = "a.task.with.a.bug"

    def enqueue(self, **kwargs):
        raise ValueError("a bug, not an outage")


@pytest.mark.django_db
def test_other_errors_are_not_hidden_in_the_outbox():
    with pytest.raises(ValueError):
        outbox.send_or_keep(Broken(), {})
    assert not OutboxJob.objects.exists()


@pytest.mark.django_db
def test_a_learners_save_succeeds_with_the_queue_down_and_its_email_follows(
    signed_in, learner, enrolment, down, django_capture_on_commit_callbacks
):
    """Asking a colleague for feedback by e-mail, with Redis refusing connections: the request is
    saved and its page shown; the e-mail waits in the outbox and goes once the queue answers."""
    from django.urls import reverse

    from coordinated_care.feedback.models import FeedbackRequest

    data = {"learner_name": "Test", "layout": "card", "valid_days": "30", "email": "nurse@practice.example"}
    with django_capture_on_commit_callbacks(execute=True):
        page = signed_in(learner).post(reverse("feedback:new_request", args=[enrolment.uuid, "staff"]), data)
    assert page.status_code == 200
    assert "We are e-mailing the link to nurse@practice.example" in page.content.decode()
    assert FeedbackRequest.objects.get().emailed
    job = OutboxJob.objects.get()
    assert job.arguments["to"] == ["nurse@practice.example"]
    assert mail.outbox == []

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}):
        call_command("drain_outbox")
    [message] = mail.outbox
    assert message.to == ["nurse@practice.example"]
    assert not OutboxJob.objects.exists()
