"""Demo data for the schedule per learner and programme versions (ADR 17): one workshop of the
demo learner's schedule moved for them, with the reason, and a second demo cohort, starting soon
with nobody enrolled yet, which the demo lead can move to a new version of the programme (the
first cohort's learners have sign-offs, which keep it on its version). Synthetic; safe to run again."""

import datetime

from django.db import transaction
from django.utils import timezone

from coordinated_care.programmes.models import Cohort, ScheduleChange
from coordinated_care.programmes.services import create_cohort, load_shipped_programme

SECOND_COHORT_NAME = "Demo Hill cohort"
MOVED_WORKSHOP = 6
MOVED_REASON = "Annual leave in the cohort's week: joins the repeat session a week later."


@transaction.atomic
def seed_schedule(enrolment, organisations, people, today=None):
    today = today or timezone.localdate()
    workshop = enrolment.cohort.workshops.filter(number=MOVED_WORKSHOP).first()
    if workshop is not None and not ScheduleChange.objects.filter(enrolment=enrolment, workshop=workshop).exists():
        ScheduleChange.objects.create(
            enrolment=enrolment,
            workshop=workshop,
            kind=ScheduleChange.Kind.MOVED,
            date=workshop.date + datetime.timedelta(weeks=1),
            reason=MOVED_REASON,
            changed_by=enrolment.facilitator,
        )
    lead = people["lead@demo.test"]
    cohort = Cohort.objects.filter(name=SECOND_COHORT_NAME, training_provider=organisations["hub"]).first()
    if cohort is None:
        cohort = create_cohort(
            programme=load_shipped_programme(),
            name=SECOND_COHORT_NAME,
            start_date=today + datetime.timedelta(weeks=3),
            training_provider=organisations["hub"],
            leads=[lead],
        )
    return cohort
