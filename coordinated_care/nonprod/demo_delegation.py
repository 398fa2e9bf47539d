"""Demo data for delegation (ADR 16): the demo facilitator has delegated assessing the demo learner
to a facilitator of the other practice in the same primary care network, from today for two weeks,
with a synthetic reason (through the confidentiality guard). Signing in as that colleague shows the
learner on their caseload "on behalf of" the demo facilitator; the facilitator's caseload and the
learner's delegations page list it. Made through the service, so the audit trail and the e-mails
are as they would be. Safe to run again: while a delegation of the learner is current or to come,
nothing is made; once the last one has ended, running this again makes a new one from today."""

import datetime

from django.db import transaction
from django.utils import timezone

from coordinated_care.programmes.models import Delegation
from coordinated_care.programmes.services import delegations

DELEGATE = "facilitator2@demo.test"
DAYS = 14
REASON = (
    "Annual leave for two weeks. A facilitator from the other practice in the network covers reviews and sign-offs."
)


@transaction.atomic
def seed_delegation(enrolment, people, today=None):
    today = today or timezone.localdate()
    ongoing = Delegation.objects.filter(enrolment=enrolment, withdrawn_at__isnull=True, ends_on__gte=today).first()
    if ongoing is not None:
        return ongoing
    return delegations.delegate(
        enrolment=enrolment,
        user=enrolment.facilitator,
        delegate=people[DELEGATE],
        starts_on=today,
        ends_on=today + datetime.timedelta(days=DAYS - 1),
        reason=REASON,
        today=today,
    )
