"""What the reminders hold of a person is in their download, goes with their erasure, and the
record of what was sent is deleted after a year (ADR 15, ADR 19)."""

import datetime

import pytest
from django.utils import timezone

from coordinated_care.accounts import privacy
from coordinated_care.reminders import choices
from coordinated_care.reminders.models import Frequency, Kind, ReminderChoice, SentReminder
from coordinated_care.reminders.personal_data import old_sent_reminders

pytestmark = pytest.mark.django_db


def test_the_download_holds_the_choices_and_what_was_sent(learner):
    choices.choose(learner, {Kind.OVERDUE_ACTIONS: Frequency.MONTHLY})
    SentReminder.objects.create(user=learner, kind=Kind.OVERDUE_ACTIONS, period="2026-12")
    sections = {s["title"]: s["rows"] for s in privacy.export(learner)["sections"]}
    assert sections["Reminders you chose"] == [{"reminder": "Actions past their date", "how often": "Once a month"}]
    assert sections["Reminders sent to you"][0]["period"] == "2026-12"


def test_erasure_removes_both(administrator, learner, other_learner):
    choices.stop_all(learner)
    choices.stop_all(other_learner)
    SentReminder.objects.create(user=learner, kind=Kind.WORKSHOP_SOON, period="2026-W49")
    privacy.erase(learner, by=administrator)
    assert not ReminderChoice.objects.filter(user=learner).exists()
    assert not SentReminder.objects.filter(user=learner).exists()
    assert ReminderChoice.objects.filter(user=other_learner).count() == len(Kind)


def test_records_of_what_was_sent_are_deleted_after_a_year(learner):
    now = timezone.now()
    old = SentReminder.objects.create(user=learner, kind=Kind.WORKSHOP_SOON, period="2025-W40")
    SentReminder.objects.filter(pk=old.pk).update(sent_at=now - datetime.timedelta(days=366))
    SentReminder.objects.create(user=learner, kind=Kind.WORKSHOP_SOON, period="2026-W49")
    assert old_sent_reminders(now) == 1
    assert list(SentReminder.objects.values_list("period", flat=True)) == ["2026-W49"]
