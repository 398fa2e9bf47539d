"""Demo data for the responsibilities and reasonable adjustments (issue 12): the second demo
learner and their facilitator have acknowledged their responsibilities, and the learner has a
reasonable adjustment their facilitator agreed. The first demo learner and facilitator have not
acknowledged theirs yet, so that signing in as them shows what a new person is asked. Synthetic
(and through the confidentiality guard); safe to run again."""

from django.db import transaction
from django.utils import timezone

from coordinated_care.accounts.models import Acknowledgement
from coordinated_care.programmes.models import ReasonableAdjustment

ADJUSTMENT = "Workshop handouts sent two days before each workshop, and a quiet room for the one-to-one reviews."


@transaction.atomic
def seed_adjustments(enrolment):
    Acknowledgement.objects.get_or_create(
        user=enrolment.learner, responsibilities=Acknowledgement.Responsibilities.CARE_COORDINATOR
    )
    Acknowledgement.objects.get_or_create(
        user=enrolment.facilitator, responsibilities=Acknowledgement.Responsibilities.FACILITATOR
    )
    if not ReasonableAdjustment.objects.filter(enrolment=enrolment).exists():
        ReasonableAdjustment.objects.create(
            enrolment=enrolment,
            adjustment=ADJUSTMENT,
            recorded_by=enrolment.learner,
            agreed_by=enrolment.facilitator,
            agreed_on=timezone.localdate(),
        )
