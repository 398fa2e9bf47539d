"""The portfolio PDF shows an achieved sign-off's acknowledgement that the care coordinator is
exceeding expectations, beside the decision and in the final review (issue 12, item 6), and says
when a sign-off was re-confirmed after a change."""

from django.utils import timezone

from conftest import PASSWORD
from coordinated_care.assessments.models import Review
from coordinated_care.assessments.services import reconfirming
from coordinated_care.assessments.services.sign_offs import request_subject
from coordinated_care.assessments.tests.helpers import ask, changed_sign_off, decide, written_review
from coordinated_care.programmes.models import Enrolment

from ...document import gather, pdf


def _html(enrolment):
    enrolment = Enrolment.objects.select_related(
        "learner", "facilitator", "supervisor", "practice", "cohort__programme"
    ).get(pk=enrolment.pk)
    document = gather.portfolio_document(enrolment)
    return document, pdf.render_html(document, code="AAAA-BBBB-CCCC", generated_at=timezone.now())


def test_exceeding_expectations_is_in_the_criteria_and_the_final_review(enrolment, learner, facilitator):
    decide(ask(enrolment, learner), facilitator, exceeds_expectations=True, exceeding_comment="Leads the huddle.")
    decide(ask(enrolment, learner, "PC2"), facilitator)
    written_review(enrolment, learner, facilitator, Review.Kind.FINAL)
    document, html = _html(enrolment)
    assert [c["code"] for c in document["exceeding"]] == ["PC1"]
    assert "Exceeding expectations." in html
    final = html.split('id="final-review"', 1)[1]
    assert "Exceeding expectations" in final and "Leads the huddle." in final


def test_a_re_confirmed_sign_off_says_so(enrolment, learner, facilitator):
    earlier = changed_sign_off(enrolment, learner, facilitator)
    reconfirming.reconfirm_sign_off(
        earlier.request, user=facilitator, password=PASSWORD, seen_subject_hash=request_subject(earlier.request).hash
    )
    _, html = _html(enrolment)
    assert "Re-confirmed by the facilitator after a change" in html
