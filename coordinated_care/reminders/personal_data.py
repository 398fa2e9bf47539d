"""The personal data the reminders hold of a person (ADR 15, ADR 19): their choices of reminders
and the record of each reminder sent them (kind and period, never what it said); and how long the
record of what was sent is kept."""

import datetime

from coordinated_care.accounts.providers import PersonalData, Retention, Section, register, register_retention

from .models import ReminderChoice, SentReminder

# Long enough to show what was sent this year and to keep a monthly reminder from going twice.
SENT_KEPT = datetime.timedelta(days=365)


def export(user):
    choices = ReminderChoice.objects.filter(user=user).order_by("kind")
    sent = SentReminder.objects.filter(user=user).order_by("sent_at", "id")
    return [
        Section(
            "Reminders you chose",
            [{"reminder": c.get_kind_display(), "how often": c.get_frequency_display()} for c in choices],
        ),
        Section(
            "Reminders sent to you",
            [{"reminder": s.get_kind_display(), "period": s.period, "sent": s.sent_at} for s in sent],
        ),
    ]


def erase(user, pseudonym):
    """Only the person's own use of the service: all of it goes."""
    return {
        "reminder choices": ReminderChoice.objects.filter(user=user).delete()[0],
        "reminders sent": SentReminder.objects.filter(user=user).delete()[0],
    }


def old_sent_reminders(now):
    return SentReminder.objects.filter(sent_at__lt=now - SENT_KEPT).delete()[0]


def register_all():
    register(PersonalData(key="reminders", export=export, erase=erase))
    register_retention(Retention("Records of reminders sent", "deleted after 1 year", old_sent_reminders))
