"""Progress for many enrolments at once: the same answers as one portfolio's progress, in a fixed
number of queries, and the rule for who is falling behind."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordinated_care.assessments.tests.helpers import ask, decide, sign, sign_off, written_review
from coordinated_care.feedback.models import FeedbackRequest, FeedbackResponse, ResponseEvidenceLink
from coordinated_care.portfolios import services as portfolio_services
from coordinated_care.portfolios.models import Entry
from coordinated_care.portfolios.progress import portfolio_progress
from coordinated_care.programmes.models import Criterion, Enrolment, RequiredDocument
from coordinated_care.programmes.presenters.progress import GRACE_WEEKS, expected_with_evidence, summarise
from coordinated_care.programmes.tests.factories import CohortFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 1)


def add(enrolment, kind, content, title=None):
    return portfolio_services.create_entry(
        enrolment=enrolment, kind=kind, content=content, user=enrolment.learner, title=title
    )


def case_study(enrolment, n, criteria=()):
    content = {"title": f"Case {n}", "overview": "o", "coordination": "c", "outcomes": "r"}
    entry = add(enrolment, Entry.Kind.CASE_STUDY, content)
    for code in criteria:
        criterion = Criterion.objects.get(programme=enrolment.cohort.programme, code=code)
        portfolio_services.link_evidence(entry, criterion=criterion, how_it_shows="shows it", user=enrolment.learner)
    return entry


def action(enrolment, due_on):
    fields = {"area_of_focus": f"Due {due_on}", "actions": "a", "help": "h", "success_measure": "s", "due_on": due_on}
    return add(enrolment, Entry.Kind.ACTION, fields)


def worksheet(enrolment, complete):
    names = list(enrolment.cohort.programme.values.values_list("name", flat=True))
    answered = names if complete else names[:-1]
    content = {"values": {name: {"what": "w", "why": "y"} for name in answered}}
    return add(enrolment, Entry.Kind.VALUES_WORKSHEET, content, title="Values worksheet")


def loaded(enrolments):
    return list(Enrolment.objects.filter(pk__in=[e.pk for e in enrolments]).select_related("cohort__programme"))


def busy_portfolio(enrolment, n):
    """A portfolio with n case studies, evidence for up to n criteria, an overdue action and, from
    two case studies on, a criterion signed off and another waiting for sign-off."""
    for i in range(n):
        case_study(enrolment, i, criteria=["PC1", "CS5", "RS1", "CL1"][: i + 1])
    action(enrolment, TODAY - datetime.timedelta(days=3))
    action(enrolment, TODAY + datetime.timedelta(days=3))
    add(enrolment, Entry.Kind.STAFF_FEEDBACK, {"occurred_on": TODAY, "their_role": "Nurse", "input": "i"})
    worksheet(enrolment, complete=n % 2 == 0)
    if n >= 2:
        sign_off(enrolment, enrolment.learner, enrolment.facilitator, code="RS2")
        ask(enrolment, enrolment.learner, code="CL2")
    if n >= 1:
        initial = written_review(enrolment, enrolment.learner, enrolment.facilitator)
        if n >= 2:
            sign(initial, enrolment.learner)
            sign(initial, enrolment.facilitator)
        response = feedback_response(enrolment)
        link_response(response, "CL4")


def feedback_response(enrolment):
    return FeedbackResponse.objects.create(
        enrolment=enrolment,
        audience=FeedbackRequest.Audience.STAFF,
        received_on=TODAY,
        source=FeedbackResponse.Source.ONLINE,
        their_role="Practice nurse",
        input="Worked together on discharge calls.",
    )


def link_response(response, code):
    criterion = Criterion.objects.get(programme=response.enrolment.cohort.programme, code=code)
    return ResponseEvidenceLink.objects.create(response=response, criterion=criterion, how_it_shows="shows it")


def test_it_agrees_with_the_progress_of_each_portfolio():
    cohort = CohortFactory(start_date=TODAY - datetime.timedelta(weeks=10))
    enrolments = [EnrolmentFactory(cohort=cohort) for _ in range(4)]
    for n, enrolment in enumerate(enrolments):
        if n:
            busy_portfolio(enrolment, n)
    third = enrolments[3]
    decide(ask(third, third.learner, code="CS6"), third.facilitator, outcome="development_need")
    decide(ask(third, third.learner, code="CS7"), third.facilitator, outcome="reflection_accepted")
    summaries = summarise(loaded(enrolments), TODAY)
    for enrolment in enrolments:
        one = portfolio_progress(enrolment, today=TODAY)
        many = summaries[enrolment.pk]
        assert many.criteria_total == one.criteria_total == 30
        assert many.criteria_with_evidence == one.criteria_with_evidence
        assert many.criteria_signed_off == one.criteria_signed_off
        assert [d.kind for d in many.documents_missing] == [d.document.kind for d in one.documents_missing]
        assert many.overdue_actions == len(one.overdue_actions)
    assert summaries[enrolments[0].pk].criteria_with_evidence == 0
    # PC1, CS5, RS1, the four signed-off ones and CL4 from feedback
    assert summaries[enrolments[3].pk].criteria_with_evidence == 8
    missing = [[d.kind for d in summaries[e.pk].documents_missing] for e in enrolments]
    K = RequiredDocument.Kind
    assert K.INITIAL_DISCUSSION in missing[1] and K.INITIAL_DISCUSSION not in missing[2]
    assert K.FEEDBACK in missing[0] and K.FEEDBACK not in missing[1] and K.FINAL_REVIEW in missing[3]
    # The worksheet is part-filled on odd portfolios: in progress, not done; an initial discussion
    # written but not signed is in progress.
    states = {d.document.kind: d.state for d in portfolio_progress(enrolments[1], today=TODAY).documents}
    assert states[K.VALUES_WORKSHEET] == states[K.INITIAL_DISCUSSION] == "in_progress"
    assert states[K.FINAL_REVIEW] == "not_started"
    states = {d.document.kind: d.state for d in portfolio_progress(enrolments[2], today=TODAY).documents}
    assert states[K.VALUES_WORKSHEET] == states[K.INITIAL_DISCUSSION] == "done"
    assert [summaries[e.pk].criteria_signed_off for e in enrolments] == [0, 0, 1, 2]
    # Its own overdue action, and the one agreed with the development need (due a month from the
    # real today, which is before TODAY).
    assert summaries[enrolments[3].pk].overdue_actions == 2


def queries_for(enrolments):
    with CaptureQueriesContext(connection) as captured:
        summarise(enrolments, TODAY)
    return len(captured)


def test_it_costs_the_same_fixed_number_of_queries_for_one_or_ten_enrolments():
    cohort = CohortFactory(start_date=TODAY - datetime.timedelta(weeks=10))
    one = [EnrolmentFactory(cohort=cohort)]
    busy_portfolio(one[0], 2)
    ten = one + [EnrolmentFactory(cohort=cohort) for _ in range(9)]
    for n, enrolment in enumerate(ten[1:]):
        busy_portfolio(enrolment, n % 4)
    one, ten = loaded(one), loaded(ten)
    # Counting the changed portfolios (all of them here) costs the same however many there are ...
    assert queries_for(one) == queries_for(ten) <= 20
    # ... and reading what is stored: the facts, the programme's criteria and documents.
    assert queries_for(ten) == 3
    assert queries_for([]) == 0


class FakeCohort:
    def __init__(self, start_date, weeks=26):
        self.start_date = start_date
        self.end_date = start_date + datetime.timedelta(weeks=weeks)


@pytest.mark.parametrize(
    "weeks_gone, expected",
    [(0, 0), (GRACE_WEEKS, 0), (GRACE_WEEKS + 1, 1), (8, 5), (15, 15), (26, 30), (40, 30)],
)
def test_evidence_is_expected_to_build_up_evenly_after_the_first_four_weeks(weeks_gone, expected):
    cohort = FakeCohort(TODAY - datetime.timedelta(weeks=weeks_gone))
    assert expected_with_evidence(30, cohort, TODAY) == expected


def test_falling_behind_means_an_overdue_action_or_too_little_evidence_for_the_time_gone():
    cohort = CohortFactory(start_date=TODAY - datetime.timedelta(weeks=8))  # 5 of 30 criteria expected
    on_track, late_action, thin, withdrawn = (EnrolmentFactory(cohort=cohort) for _ in range(4))
    for enrolment in (on_track, late_action, withdrawn):
        case_study(enrolment, 1, criteria=["PC1", "PC2", "PC3", "CS1", "CS2"])
    action(late_action, TODAY - datetime.timedelta(days=1))
    action(on_track, TODAY + datetime.timedelta(days=1))
    case_study(thin, 1, criteria=["PC1", "PC2", "PC3", "CS1"])
    Enrolment.objects.filter(pk=withdrawn.pk).update(status=Enrolment.Status.WITHDRAWN)

    summaries = summarise(loaded([on_track, late_action, thin, withdrawn]), TODAY)
    assert summaries[on_track.pk].expected_with_evidence == 5
    assert not summaries[on_track.pk].falling_behind
    assert summaries[late_action.pk].reasons == ["1 action is overdue"]
    assert summaries[thin.pk].reasons == ["evidence for 4 of 30 criteria, 5 expected by now"]
    assert not summaries[withdrawn.pk].falling_behind
