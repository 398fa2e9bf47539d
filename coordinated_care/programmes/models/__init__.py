from .attendance import Attendance
from .cohorts import AccreditedTraining, Cohort, Enrolment, Workshop
from .programmes import (
    Criterion,
    CriterionGroup,
    PersonCentredValue,
    Programme,
    RequiredDocument,
    WorkshopPlanItem,
)

__all__ = [
    "AccreditedTraining",
    "Attendance",
    "Cohort",
    "Criterion",
    "CriterionGroup",
    "Enrolment",
    "PersonCentredValue",
    "Programme",
    "RequiredDocument",
    "Workshop",
    "WorkshopPlanItem",
]
