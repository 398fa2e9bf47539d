"""Interprofessional records and critical reflections on a shortfall, for the tests."""

from conftest import PASSWORD
from coordinated_care.portfolios import services as portfolio
from coordinated_care.portfolios.models import Entry

from ..services import record_signatures as services
from .helpers import criterion

RECORD = {
    "occurred_on": "2026-11-02",
    "who_and_why": "The community matron, to plan joined-up visits",
    "reflections": "Sharing the plan early meant fewer repeated visits; I will keep a weekly call.",
}
REFLECTION = (
    "I had no transition to coordinate in practice. I reflected with my supervisor on why, and planned to shadow one."
)


def interprofessional_record(enrolment, learner, **content):
    return portfolio.create_entry(
        enrolment=enrolment, kind=Entry.Kind.INTERPROFESSIONAL_RECORD, content={**RECORD, **content}, user=learner
    )


def commented(entry, facilitator, comments="A useful relationship, well reflected on."):
    return services.comment_on_record(
        entry, user=facilitator, password=PASSWORD, seen_version=entry.version, comments=comments
    )


def reflection(enrolment, learner, code="PC4", text=REFLECTION):
    return services.save_reflection(
        enrolment=enrolment, criterion=criterion(enrolment, code), user=learner, reflection=text
    )


def agreed(reflection_, facilitator):
    services.agree_reflection(reflection_, user=facilitator, password=PASSWORD, seen_version=reflection_.version)
    return reflection_


def confirmed(reflection_, supervisor):
    services.confirm_reflection(reflection_, user=supervisor, password=PASSWORD, seen_version=reflection_.version)
    return reflection_
