from .cohorts import CohortForm, EnrolmentForm, WorkshopForm
from .dates import DateField
from .schedule import LearnerAddedWorkshopForm, LearnerWorkshopForm
from .versions import CriterionForm, NewCriterionForm, PlanWorkshopForm

__all__ = [
    "CohortForm",
    "CriterionForm",
    "DateField",
    "EnrolmentForm",
    "LearnerAddedWorkshopForm",
    "LearnerWorkshopForm",
    "NewCriterionForm",
    "PlanWorkshopForm",
    "WorkshopForm",
]
