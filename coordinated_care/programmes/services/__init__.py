from .access import (
    can_create_cohort,
    can_edit_portfolio,
    can_facilitate,
    can_manage_cohort,
    can_read_portfolio,
    is_administrator,
    is_facilitator,
    is_supervisor,
    leads_cohort,
    manageable_cohorts,
    readable_enrolment,
)
from .cohorts import create_cohort, enrol, move_workshop, record_accredited_training, schedule_workshops
from .enrolments import EnrolmentResult, enrol_learner
from .shipped import SHIPPED_PROGRAMME_SLUG, load_shipped_programme

__all__ = [
    "SHIPPED_PROGRAMME_SLUG",
    "EnrolmentResult",
    "can_create_cohort",
    "can_edit_portfolio",
    "can_facilitate",
    "can_manage_cohort",
    "can_read_portfolio",
    "create_cohort",
    "enrol",
    "enrol_learner",
    "is_administrator",
    "is_facilitator",
    "is_supervisor",
    "leads_cohort",
    "load_shipped_programme",
    "manageable_cohorts",
    "move_workshop",
    "readable_enrolment",
    "record_accredited_training",
    "schedule_workshops",
]
