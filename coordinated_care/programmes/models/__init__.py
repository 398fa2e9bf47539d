from .adjustments import ReasonableAdjustment
from .attendance import Attendance
from .cohorts import AccreditedTraining, Cohort, Enrolment, Workshop
from .delegations import Delegation
from .programmes import (
    Criterion,
    CriterionGroup,
    PersonCentredValue,
    Programme,
    RequiredDocument,
    WorkshopPlanItem,
)
from .schedule import ScheduleChange

__all__ = [
    "AccreditedTraining",
    "Attendance",
    "Cohort",
    "Criterion",
    "CriterionGroup",
    "Delegation",
    "Enrolment",
    "PersonCentredValue",
    "Programme",
    "ReasonableAdjustment",
    "RequiredDocument",
    "ScheduleChange",
    "Workshop",
    "WorkshopPlanItem",
]
