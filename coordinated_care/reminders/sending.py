"""Sending the reminders that are due (ADR 19): `send_reminders` runs this from cron or the
worker, and running it again in the same period sends nothing more.

For each person who may have a reminder, and each kind they have not turned off, the period is
the ISO week (every week) or the month (once a month) of `today`. A reminder is sent when nothing
was sent them of that kind in that period and there is something to say: the `SentReminder` row is
made and the e-mail queued (core.outbox, after the commit) in one transaction, so a second run, or
two at once (the row is unique), cannot send it twice."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from coordinated_care.core import dates, outbox
from coordinated_care.core.tasks import send_email
from coordinated_care.programmes.models import Cohort, Enrolment

from . import choices
from .contents import CONTENTS
from .models import Frequency, Kind, ReminderChoice, SentReminder

logger = logging.getLogger(__name__)

HOW_OFTEN = {Frequency.WEEKLY: "every week", Frequency.MONTHLY: "once a month"}


def period_of(frequency, today):
    if frequency == Frequency.MONTHLY:
        return f"{today.year}-{today.month:02d}"
    year, week, _ = today.isocalendar()
    return f"{year}-W{week:02d}"


def absolute(path):
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def candidates():
    """{kind: ids of the people who may have something to be reminded of}."""
    active = Enrolment.objects.filter(status=Enrolment.Status.ACTIVE)
    learners = set(active.values_list("learner", flat=True))
    return {
        Kind.FACILITATOR_DIGEST: set(active.values_list("facilitator", flat=True)),
        Kind.OVERDUE_ACTIONS: learners,
        Kind.WORKSHOP_SOON: learners,
        Kind.BEHIND_PACE: set(Cohort.leads.through.objects.values_list("user", flat=True)),
    }


def subject_of(kind, today):
    return {
        Kind.FACILITATOR_DIGEST: f"Your learners this week: digest of {dates.date(today)}",
        Kind.OVERDUE_ACTIONS: "Actions of your action plan past their date",
        Kind.WORKSHOP_SOON: "A workshop of your programme in the coming week",
        Kind.BEHIND_PACE: f"Learners behind the pace of sign-off: {dates.date(today)}",
    }[kind]


def link_of(kind):
    if kind == Kind.FACILITATOR_DIGEST:
        return "Your caseload", absolute(reverse("assessments:caseload"))
    return "Your home page", absolute("/")


def body_of(user, kind, frequency, lines):
    label, link = link_of(kind)
    change = absolute(reverse("reminders:by_link", args=[choices.link_token(user)]))
    return "\n".join(
        [
            f"Dear {user.display_name},",
            "",
            *lines,
            f"{label}: {link}",
            "",
            f"You get this e-mail {HOW_OFTEN[frequency]} when there is something to tell you. To change which "
            "reminders you get and how often, or to stop them, open this link (you do not need to sign in):",
            change,
            "",
        ]
    )


def send_reminders(today=None):
    """Send what is due today. Returns {kind: how many sent}."""
    today = today or timezone.localdate()
    wanted = candidates()
    ids = set().union(*wanted.values()) - {None}
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=ids, is_active=True)}
    chosen = {}
    for user_id, kind, frequency in ReminderChoice.objects.filter(user__in=users).values_list(
        "user", "kind", "frequency"
    ):
        chosen[(user_id, kind)] = frequency
    sent = {kind: 0 for kind in Kind}
    for kind in Kind:
        for user_id in sorted(wanted[kind] & set(users)):
            user = users[user_id]
            frequency = Frequency(chosen.get((user_id, kind), choices.DEFAULTS[kind]))
            if frequency == Frequency.NEVER or kind not in choices.kinds_for(user):
                continue
            period = period_of(frequency, today)
            if SentReminder.objects.filter(user=user, kind=kind, period=period).exists():
                continue
            lines = CONTENTS[kind](user, today)
            if lines and _send_once(user, kind, period, subject_of(kind, today), body_of(user, kind, frequency, lines)):
                sent[kind] += 1
    return sent


def _send_once(user, kind, period, subject, body):
    try:
        with transaction.atomic():
            SentReminder.objects.create(user=user, kind=kind, period=period)
            outbox.enqueue(send_email, to=[user.email], subject=subject, body=body)
    except IntegrityError:  # another run sent it meanwhile
        return False
    return True
