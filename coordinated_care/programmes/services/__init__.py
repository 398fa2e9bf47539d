from .access import can_edit_portfolio, can_read_portfolio, readable_enrolments
from .cohorts import create_cohort, enrol, move_workshop, record_accredited_training
from .shipped import SHIPPED_PROGRAMME_SLUG, load_shipped_programme

__all__ = [
    "SHIPPED_PROGRAMME_SLUG",
    "can_edit_portfolio",
    "can_read_portfolio",
    "create_cohort",
    "enrol",
    "load_shipped_programme",
    "move_workshop",
    "readable_enrolments",
    "record_accredited_training",
]
