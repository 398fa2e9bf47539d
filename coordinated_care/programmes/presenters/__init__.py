"""What each programme and cohort page shows, shaped for its template."""

from .cohorts import cohort_list_page, cohort_page, cohort_rows
from .homes import role_home_context
from .programmes import index_page, programme_page
from .progress import ProgressSummary, summarise

__all__ = [
    "ProgressSummary",
    "cohort_list_page",
    "cohort_page",
    "cohort_rows",
    "index_page",
    "programme_page",
    "role_home_context",
    "summarise",
]
