"""When the programme is complete: every criterion achieved or with an accepted reflection on the
shortfall, still standing (nothing changed since sign-off), and the final review fully signed."""

from dataclasses import dataclass

from coordinated_care.programmes.models import Criterion

from .reviews import final_review_signed
from .status import DONE, criterion_outcomes


@dataclass(frozen=True)
class Completion:
    criteria_total: int
    criteria_done: int
    final_review_signed: bool

    @property
    def criteria_complete(self):
        return self.criteria_done == self.criteria_total

    @property
    def complete(self):
        return self.criteria_complete and self.final_review_signed


def completion(enrolment):
    criteria = list(Criterion.objects.filter(programme_id=enrolment.cohort.programme_id).values_list("pk", flat=True))
    outcomes = criterion_outcomes(enrolment)
    done = sum(1 for pk in criteria if outcomes.get(pk) in DONE)
    return Completion(
        criteria_total=len(criteria), criteria_done=done, final_review_signed=final_review_signed(enrolment)
    )


def is_complete(enrolment):
    return completion(enrolment).complete
