from .cohorts import CohortForm, EnrolmentForm, WorkshopForm
from .dates import DateField
from .schedule import LearnerAddedWorkshopForm, LearnerWorkshopForm

__all__ = [
    "CohortForm",
    "DateField",
    "EnrolmentForm",
    "LearnerAddedWorkshopForm",
    "LearnerWorkshopForm",
    "WorkshopForm",
]
