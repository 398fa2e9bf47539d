"""send_reminders: each reminder once per person, kind and period; nothing to those who opted out;
nothing written in a portfolio in any e-mail (issue 13, item 5; ADR 19)."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from coordinated_care.accounts.models import Role
from coordinated_care.programmes.models import Cohort
from coordinated_care.reminders import choices
from coordinated_care.reminders.models import Frequency, Kind, SentReminder
from coordinated_care.reminders.sending import period_of, send_reminders

from .conftest import SECRET_NOTE, SECRET_TEXT, SECRET_TITLE

pytestmark = pytest.mark.django_db


def sent_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def run(today, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return send_reminders(today)


def test_run_twice_each_reminder_goes_once(
    busy, today, learner, facilitator, programme_lead, django_capture_on_commit_callbacks
):
    first = run(today, django_capture_on_commit_callbacks)
    assert first == {kind: 1 for kind in Kind}
    assert len(sent_to(facilitator)) == 1 and len(sent_to(programme_lead)) == 1 and len(sent_to(learner)) == 2
    assert run(today, django_capture_on_commit_callbacks) == {kind: 0 for kind in Kind}
    # Later in the same week: still nothing again.
    assert run(today + datetime.timedelta(days=4), django_capture_on_commit_callbacks) == {kind: 0 for kind in Kind}
    assert len(mail.outbox) == 4
    assert SentReminder.objects.count() == 4
    # The next week, what is still true is sent again.
    assert run(today + datetime.timedelta(days=7), django_capture_on_commit_callbacks)[Kind.OVERDUE_ACTIONS] == 1


def test_the_command_sends_once_when_run_twice(busy, today, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--today", today.isoformat(), stdout=open("/dev/null", "w"))
        call_command("send_reminders", "--today", today.isoformat(), stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 4


def test_no_portfolio_text_in_any_email(busy, today, django_capture_on_commit_callbacks):
    run(today, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 4
    for message in mail.outbox:
        for secret in (SECRET_TITLE, SECRET_TEXT, SECRET_NOTE, "Quillwort", "Zebrafinch", "Marmalade"):
            assert secret not in message.subject and secret not in message.body, (message.subject, secret)
        assert "/reminders/link/" in message.body


def test_what_each_reminder_says(busy, today, learner, facilitator, programme_lead, django_capture_on_commit_callbacks):
    run(today, django_capture_on_commit_callbacks)
    [digest] = sent_to(facilitator)
    criterion = busy.cohort.programme.criteria.order_by("pk").first()
    assert "Waiting for you" in digest.body and f"{criterion.code} {criterion.title}" in digest.body
    assert "Test Learner: 1 sign-off request" in digest.body
    assert "Quiet for 3 weeks or more" in digest.body and "nothing added or changed since" in digest.body
    assert "Your caseload: /assessments/" in digest.body
    [overdue] = [m for m in sent_to(learner) if "action plan" in m.subject]
    [workshop] = [m for m in sent_to(learner) if "workshop" in m.subject]
    assert "1 action of your action plan is past the date you gave it, the earliest 21 November 2026" in overdue.body
    first = busy.cohort.workshops.order_by("number").first()
    assert f"WS{first.number}: {first.theme}, 4 December 2026" in workshop.body
    [lead] = sent_to(programme_lead)
    assert busy.cohort.name in lead.body and "Test Learner: 0 of" in lead.body


def test_a_person_who_opted_out_gets_none(busy, today, learner, facilitator, django_capture_on_commit_callbacks):
    choices.stop_all(learner)
    choices.choose(facilitator, {Kind.FACILITATOR_DIGEST: Frequency.NEVER})
    sent = run(today, django_capture_on_commit_callbacks)
    assert sent_to(learner) == [] and sent_to(facilitator) == []
    assert sent[Kind.BEHIND_PACE] == 1
    assert not SentReminder.objects.filter(user__in=[learner, facilitator]).exists()


def test_one_kind_turned_off_leaves_the_others(busy, today, learner, django_capture_on_commit_callbacks):
    choices.choose(learner, {Kind.WORKSHOP_SOON: Frequency.NEVER})
    run(today, django_capture_on_commit_callbacks)
    [only] = sent_to(learner)
    assert "action plan" in only.subject


def test_once_a_month_is_once_a_calendar_month(busy, today, learner, django_capture_on_commit_callbacks):
    choices.choose(learner, {Kind.OVERDUE_ACTIONS: Frequency.MONTHLY, Kind.WORKSHOP_SOON: Frequency.NEVER})
    assert run(today, django_capture_on_commit_callbacks)[Kind.OVERDUE_ACTIONS] == 1
    assert run(today + datetime.timedelta(days=14), django_capture_on_commit_callbacks)[Kind.OVERDUE_ACTIONS] == 0
    assert run(datetime.date(2027, 1, 4), django_capture_on_commit_callbacks)[Kind.OVERDUE_ACTIONS] == 1
    assert "once a month" in sent_to(learner)[0].body


def test_nothing_is_sent_when_there_is_nothing_to_say(enrolment, today, django_capture_on_commit_callbacks):
    # Begun today: no actions, no workshop this week, not quiet yet, no review due, nothing expected.
    Cohort.objects.filter(pk=enrolment.cohort_id).update(start_date=today)
    enrolment.cohort.workshops.update(date=today + datetime.timedelta(days=60))
    assert run(today, django_capture_on_commit_callbacks) == {kind: 0 for kind in Kind}
    assert mail.outbox == [] and not SentReminder.objects.exists()


def test_a_facilitator_whose_role_was_taken_away_gets_no_digest(
    busy, today, facilitator, django_capture_on_commit_callbacks
):
    facilitator.role_assignments.filter(role=Role.FACILITATOR).delete()
    run(today, django_capture_on_commit_callbacks)
    assert sent_to(facilitator) == []


def test_periods():
    assert period_of(Frequency.WEEKLY, datetime.date(2026, 12, 1)) == "2026-W49"
    assert period_of(Frequency.WEEKLY, datetime.date(2027, 1, 1)) == "2026-W53"
    assert period_of(Frequency.MONTHLY, datetime.date(2026, 12, 31)) == "2026-12"
