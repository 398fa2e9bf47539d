"""The assessment app's panels on the portfolio's own pages, registered in AssessmentsConfig.ready()
(portfolios.providers, ADR 10): completion on the overview, sign-off on a criterion's page, the
facilitator's comments and signature under an interprofessional record on its entry page."""

from .completion import completion_panel
from .record_signatures import entry_panel, reflection_panel
from .sign_offs import criterion_panel


def overview_panel(user, enrolment, context):
    return completion_panel(enrolment, context.get("progress_glance"))


def criterion_page_panel(user, enrolment, context):
    return {"assessment_panel": criterion_panel(enrolment, context["criterion"], user)}


def entry_page_panel(user, enrolment, context):
    return entry_panel(user, enrolment, context)


def reflection_page_panel(user, enrolment, context):
    return {"reflection_panel": reflection_panel(user, enrolment, context["criterion"])}
