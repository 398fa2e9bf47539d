from io import StringIO

import pytest
from django.core.management import call_command

from coordinated_care.assessments.models import Assessment, Review, Signature, SignOffRequest
from coordinated_care.assessments.presenters.caseload import caseload_page, caseload_summary
from coordinated_care.assessments.services.caseload import caseload
from coordinated_care.assessments.services.reviews import review_signing
from coordinated_care.assessments.services.status import criterion_outcomes
from coordinated_care.feedback import presenters as feedback_presenters
from coordinated_care.feedback.models import FeedbackRequest, FeedbackResponse
from coordinated_care.nonprod import demo_assessments
from coordinated_care.portfolios.models import Entry
from coordinated_care.programmes.models import Criterion, Enrolment


def seed():
    call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def demo_enrolment(db):
    seed()
    return Enrolment.objects.select_related("learner", "facilitator", "cohort__programme").get(
        learner__email="learner@demo.test"
    )


def outcomes(enrolment):
    codes = dict(Criterion.objects.filter(programme=enrolment.cohort.programme).values_list("pk", "code"))
    return {codes[pk]: status for pk, status in criterion_outcomes(enrolment).items()}


def test_the_facilitators_caseload_has_the_waiting_request(demo_enrolment):
    facilitator = demo_enrolment.facilitator
    (case,) = caseload(facilitator)
    assert case.enrolment == demo_enrolment
    assert [r.criterion.code for r in case.requests] == ["CS7"]
    assert case.to_sign == []  # the initial discussion is signed by both
    page = caseload_page(facilitator)
    assert [i.text.split()[0] for i in page["items"] if i.kind == "sign_off"] == ["CS7"]
    assert caseload_summary(facilitator)["waiting_count"] >= 1


def test_pc1_is_achieved_and_pc3_has_an_agreed_action(demo_enrolment):
    states = outcomes(demo_enrolment)
    assert states["PC1"] == "achieved"
    assert states["PC3"] == "development_need"
    assert states["CS7"] == "awaiting"
    achieved = Assessment.objects.get(enrolment=demo_enrolment, criterion__code="PC1")
    assert achieved.assessed_by.email == "facilitator@demo.test"
    assert achieved.signed_evidence.count() == 1  # the case study linked to PC1
    assert achieved.exceeds_expectations and achieved.exceeding_comment == demo_assessments.EXCEEDING
    need = Assessment.objects.get(enrolment=demo_enrolment, criterion__code="PC3")
    assert need.agreed_actions.count() == 1
    # The two decisions' signatures, beside the facilitator's agreement of the CL2 reflection.
    assert Signature.objects.filter(enrolment=demo_enrolment, assessment__isnull=False).count() == 2


def test_the_initial_discussion_is_signed_by_both(demo_enrolment):
    review = Review.objects.get(enrolment=demo_enrolment, kind=Review.Kind.INITIAL)
    assert review.held_on is not None
    signing = review_signing(review)
    assert signing.complete
    assert {s.signature.signer.email for s in signing.signed.values()} == {
        "learner@demo.test",
        "facilitator@demo.test",
    }


def test_the_feedback_summary_counts_the_responses(demo_enrolment):
    summary = feedback_presenters.summary(demo_enrolment)
    assert summary.total == len(demo_assessments.PATIENT_FEEDBACK) == 4
    assert (summary.patients, summary.carers) == (3, 1)
    assert all(q.answered == 4 for q in summary.questions)
    assert len({c.score for q in summary.questions for c in q.counts if c.count}) >= 3  # varied answers
    staff = FeedbackResponse.objects.get(enrolment=demo_enrolment, audience=FeedbackRequest.Audience.STAFF)
    assert staff.their_role == "Practice nurse"
    assert not FeedbackRequest.objects.filter(enrolment=demo_enrolment, state=FeedbackRequest.State.OPEN).exists()


def test_seeding_twice_adds_nothing(demo_enrolment):
    def counts():
        return (
            Review.objects.count(),
            Signature.objects.count(),
            SignOffRequest.objects.count(),
            Assessment.objects.count(),
            Entry.objects.count(),
            FeedbackRequest.objects.count(),
            FeedbackResponse.objects.count(),
        )

    before = counts()
    seed()
    demo_assessments.seed_assessments(demo_enrolment)
    assert counts() == before


def test_the_second_demo_learner_has_no_assessments(demo_enrolment):
    other = Enrolment.objects.get(learner__email="learner2@demo.test")
    assert not SignOffRequest.objects.filter(enrolment=other).exists()
    assert not FeedbackResponse.objects.filter(enrolment=other).exists()


def demo_texts():
    yield from demo_assessments.INITIAL_DISCUSSION.values()
    yield demo_assessments.ACHIEVED[1]
    yield demo_assessments.DEVELOPMENT_NEED[1]
    yield from demo_assessments.DEVELOPMENT_NEED[2].values()
    yield demo_assessments.WAITING_NOTE
    for row in demo_assessments.PATIENT_FEEDBACK:
        yield from row[-2:]
    yield from demo_assessments.STAFF_FEEDBACK.values()


def test_the_demo_writing_passes_the_confidentiality_guard(db):
    from coordinated_care.confidentiality.service import scan

    interruptions = [
        (text, finding) for text in demo_texts() for finding in scan(text) if finding.action in ("block", "confirm")
    ]
    assert interruptions == []


def test_the_stored_free_text_passes_the_confidentiality_guard(demo_enrolment):
    from coordinated_care.confidentiality.service import scan

    review = Review.objects.get(enrolment=demo_enrolment, kind=Review.Kind.INITIAL)
    texts = [*review.content.values()]
    for assessment in Assessment.objects.filter(enrolment=demo_enrolment):
        texts.append(assessment.comments)
    texts += [r.note for r in SignOffRequest.objects.filter(enrolment=demo_enrolment)]
    for response in FeedbackResponse.objects.filter(enrolment=demo_enrolment):
        texts += [response.did_well, response.do_differently, response.their_role, response.input]
    for entry in Entry.objects.filter(enrolment=demo_enrolment, kind=Entry.Kind.ACTION):
        texts += [entry.title, *(v for v in entry.content.values() if isinstance(v, str))]
    interruptions = [
        (text, finding)
        for text in texts
        if isinstance(text, str)
        for finding in scan(text)
        if finding.action in ("block", "confirm")
    ]
    assert interruptions == []


def test_the_patient_feedback_summary_is_signed_by_the_facilitator_and_the_learner(demo_enrolment):
    """Signed over the summary the page shows now, so both signatures stand."""
    from coordinated_care.assessments.services import feedback_summaries
    from coordinated_care.reports.feedback_summary.summaries import summary_data

    current = feedback_summaries.summary_hash(summary_data(demo_enrolment))
    found = feedback_summaries.summary_signatures(demo_enrolment, current)
    signers = {capacity: signed.signature.signer.email for capacity, signed in found.items()}
    assert signers == {"facilitator": "facilitator@demo.test", "coordinator": "learner@demo.test"}
    assert all(signed.standing for signed in found.values())
    assert {signed.signature.feedback_summary.responses for signed in found.values()} == {4}
