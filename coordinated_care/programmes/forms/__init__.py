from .cohorts import CohortForm, EnrolmentForm, WorkshopForm
from .dates import DateField

__all__ = ["CohortForm", "DateField", "EnrolmentForm", "WorkshopForm"]
