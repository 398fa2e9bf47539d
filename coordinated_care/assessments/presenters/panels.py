"""The assessment app's panels on the portfolio's own pages, registered in AssessmentsConfig.ready()
(portfolios.providers, ADR 10): completion on the overview, sign-off on a criterion's page."""

from .completion import completion_panel
from .sign_offs import criterion_panel


def overview_panel(user, enrolment, context):
    return completion_panel(enrolment)


def criterion_page_panel(user, enrolment, context):
    return {"assessment_panel": criterion_panel(enrolment, context["criterion"], user)}
