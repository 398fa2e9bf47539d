"""The expected pace of sign-off: how many of a programme's criteria a learner should have signed
off by each month of the programme (docs/dashboards.md, "The pace rule").

A learner's programme starts on the later of their cohort's start and the day they were enrolled,
so a learner enrolled today has nothing expected of them yet, whenever their cohort began. The
first month is for the overview and the first domain workshops: nothing is expected by its end.
After it, sign-off is expected to build up evenly, all criteria by the end of the programme:

    expected after k whole months = C × (k − 1) ÷ (D − 1), rounded down, 0 for k ≤ 1, C for k ≥ D

for a programme of D months and C criteria. A learner in progress is behind the pace when fewer
of their criteria are signed off (achieved, or a critical reflection on the shortfall accepted)
than expected by now. Completed and withdrawn learners are never behind."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from coordinated_care.programmes.models import Enrolment

GRACE_MONTHS = 1


def learner_start(enrolment):
    """The day the learner's programme began: their cohort's start, or their enrolment if later."""
    enrolled_on = timezone.localdate(enrolment.created_at) if enrolment.created_at else enrolment.cohort.start_date
    return max(enrolment.cohort.start_date, enrolled_on)


def whole_months(start, today):
    """Calendar months completed from `start` to `today` (0 before the first month is out)."""
    if today < start:
        return 0
    months = (today.year - start.year) * 12 + today.month - start.month
    if today.day < start.day:
        months -= 1
    return max(months, 0)


def expected_signed_off(criteria_total, months_done, duration_months):
    """How many criteria should be signed off after `months_done` whole months."""
    if months_done <= GRACE_MONTHS:
        return 0
    if months_done >= duration_months or duration_months <= GRACE_MONTHS:
        return criteria_total
    return criteria_total * (months_done - GRACE_MONTHS) // (duration_months - GRACE_MONTHS)


def month_end(start, month):
    """The last day of month `month` (1-based) of a programme that began on `start`."""
    index = start.month - 1 + month
    year, month_number = start.year + index // 12, index % 12 + 1
    day = min(start.day, 28)
    return datetime.date(year, month_number, day) - datetime.timedelta(days=1)


@dataclass(frozen=True)
class Pace:
    month: int  # the month of the programme the learner is in, 1 to D (D once it is over)
    duration: int
    signed_off: int
    expected: int
    active: bool

    @property
    def behind(self):
        return self.active and self.signed_off < self.expected

    @property
    def shortfall(self):
        return max(self.expected - self.signed_off, 0) if self.active else 0


def pace_of(enrolment, criteria_total, signed_off, today=None):
    """Where one learner stands against the pace; the enrolment needs its cohort and programme."""
    today = today or timezone.localdate()
    duration = enrolment.cohort.programme.duration_months
    done = whole_months(learner_start(enrolment), today)
    return Pace(
        month=min(done + 1, duration),
        duration=duration,
        signed_off=signed_off,
        expected=expected_signed_off(criteria_total, done, duration),
        active=enrolment.status == Enrolment.Status.ACTIVE,
    )
