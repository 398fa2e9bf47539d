"""Seeded portfolios for the dashboards' tests: the learner (at Test Practice, under its PCN and
ICB) with PC1 signed off, PC2 a development need and PC3 with evidence only; the other learner
(at Another Practice, another PCN and ICB) with nothing yet."""

import datetime

import pytest
from django.utils import timezone

from coordinated_care.assessments.tests.helpers import evidence, sign_off
from coordinated_care.programmes.models import Cohort, Enrolment


@pytest.fixture
def progressed(enrolment, other_enrolment, learner, facilitator):
    sign_off(enrolment, learner, facilitator, "PC1")
    sign_off(enrolment, learner, facilitator, "PC2", outcome="development_need")
    evidence(enrolment, learner, "PC3")
    return enrolment


def started_months_ago(enrolment, months):
    """Move the enrolment's cohort start and its enrolment `months` (of 31 days) into the past."""
    then = timezone.localdate() - datetime.timedelta(days=31 * months)
    Cohort.objects.filter(pk=enrolment.cohort_id).update(start_date=then)
    Enrolment.objects.filter(cohort_id=enrolment.cohort_id).update(
        created_at=timezone.now() - datetime.timedelta(days=31 * months)
    )
    enrolment.refresh_from_db()
    enrolment.cohort.refresh_from_db()
    return then
