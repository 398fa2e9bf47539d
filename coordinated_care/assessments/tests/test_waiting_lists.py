"""What waits for the workplace supervisor (reviews to comment on or sign as the additional
signatory, beside the critical reflections to confirm) and for the facilitator (interprofessional
records to comment on, critical reflections to agree), each linked to where it is done, in a fixed
number of queries; nobody else's list holds any of it (issue 12, item 10)."""

from django.urls import reverse

from coordinated_care.accounts.models import Role
from coordinated_care.accounts.tests.factories import RoleAssignmentFactory
from coordinated_care.programmes.services import enrol

from ..models import Review
from ..presenters import caseload_page, caseload_summary, supervisor_waiting
from ..services import invitations
from ..services import reviews as review_services
from ..services.caseload import caseload, reviews_for_supervisor
from .helpers import FINAL_CONTENT, sign, written_review
from .record_builders import agreed, commented, interprofessional_record, reflection


def _another_supervisor(practice):
    return RoleAssignmentFactory(role=Role.SUPERVISOR, organisation=practice).user


def _final_without_supervisor_comments(enrolment, learner, facilitator):
    review = review_services.create_review(enrolment=enrolment, kind=Review.Kind.FINAL, user=facilitator)
    content = {k: v for k, v in FINAL_CONTENT.items() if k != "supervisor_comments"}
    review = review_services.update_review(review, user=facilitator, seen_version=1, data=content)
    return review_services.update_review(review, user=learner, seen_version=review.version, data=content)


# The supervisor ------------------------------------------------------------------------------------


def test_a_held_review_waits_for_the_supervisors_signature_until_they_sign(
    enrolment, learner, facilitator, supervisor, practice
):
    review = written_review(enrolment, learner, facilitator, Review.Kind.INITIAL)
    assert [(w.review.pk, w.action) for w in reviews_for_supervisor(supervisor)] == [(review.pk, "sign")]
    assert reviews_for_supervisor(_another_supervisor(practice)) == []
    sign(review, supervisor)
    assert reviews_for_supervisor(supervisor) == []


def test_the_final_review_waits_for_the_supervisors_comments(enrolment, learner, facilitator, supervisor):
    review = _final_without_supervisor_comments(enrolment, learner, facilitator)
    assert [(w.review.pk, w.action) for w in reviews_for_supervisor(supervisor)] == [(review.pk, "comments")]
    review_services.update_review(
        review, user=supervisor, seen_version=review.version, data={"supervisor_comments": "Well evidenced."}
    )
    # Not held yet: nothing to sign until the date of the review is given.
    assert reviews_for_supervisor(supervisor) == []
    written = written_review(enrolment, learner, facilitator, Review.Kind.INITIAL)
    assert [w.review.pk for w in reviews_for_supervisor(supervisor)] == [written.pk]


def test_reviews_that_do_not_ask_for_the_supervisor_wait_for_nobody(enrolment, learner, facilitator, supervisor):
    written_review(enrolment, learner, facilitator, Review.Kind.PROGRESS)  # no additional signature box
    complete = written_review(enrolment, learner, facilitator, Review.Kind.FINAL)
    sign(complete, learner)
    sign(complete, facilitator)  # complete without the additional signature (if applicable)
    assert reviews_for_supervisor(supervisor) == []


def test_a_review_the_facilitator_invited_someone_else_to_sign_does_not_wait_for_the_supervisor(
    enrolment, learner, facilitator, supervisor
):
    review = written_review(enrolment, learner, facilitator, Review.Kind.INITIAL)
    invitations.invite(
        review, user=facilitator, name="A Mentor", email="mentor@example.org", url_for=lambda token: f"/s/{token}/"
    )
    assert reviews_for_supervisor(supervisor) == []
    # Invited at their own address, it still waits for them (they may sign with their account).
    invitations.invite(
        review, user=facilitator, name="Supervisor", email=supervisor.email, url_for=lambda token: f"/s/{token}/"
    )
    assert [w.review.pk for w in reviews_for_supervisor(supervisor)] == [review.pk]


def test_the_supervisors_list_holds_reflections_and_reviews_oldest_first_with_their_links(
    enrolment, learner, facilitator, supervisor, practice, django_assert_max_num_queries
):
    written = agreed(reflection(enrolment, learner), facilitator)
    initial = written_review(enrolment, learner, facilitator, Review.Kind.INITIAL)
    final = _final_without_supervisor_comments(enrolment, learner, facilitator)
    with django_assert_max_num_queries(6):
        items = supervisor_waiting(supervisor)
    assert [(i["what"], i["href"]) for i in items] == [
        (
            "Confirm the critical reflection on the shortfall in PC4 " + written.criterion.title,
            reverse("assessments:reflection", args=[enrolment.uuid, "PC4"]),
        ),
        (
            f"Sign the initial discussion held on {initial.held_on:%-d %B %Y} as the additional signatory",
            reverse("assessments:review_sign", args=[initial.uuid]),
        ),
        ("Write your comments on the final review", reverse("assessments:review_edit", args=[final.uuid])),
    ]
    assert {i["learner"] for i in items} == {learner.display_name}
    assert supervisor_waiting(_another_supervisor(practice)) == []


# The facilitator -----------------------------------------------------------------------------------


def test_records_and_reflections_wait_for_the_facilitator_until_done(
    enrolment, other_enrolment, learner, other_learner, facilitator, unassigned_facilitator
):
    entry = interprofessional_record(enrolment, learner)
    written = reflection(enrolment, learner)
    interprofessional_record(other_enrolment, other_learner)  # unassigned_facilitator's learner
    case = caseload(facilitator)[0]
    assert [e.pk for e in case.records] == [entry.pk]
    assert [r.pk for r in case.reflections] == [written.pk]
    page = caseload_page(facilitator)
    found = {(i.kind, i.href) for i in page["items"]}
    assert ("record_to_comment", reverse("assessments:record_comment", args=[enrolment.uuid, entry.uuid])) in found
    assert ("reflection_to_agree", reverse("assessments:reflection_sign", args=[enrolment.uuid, "PC4"])) in found
    assert page["learners"][0]["waiting"] == 2
    before = caseload_summary(facilitator)["waiting_count"]
    commented(entry, facilitator)
    agreed(written, facilitator)
    case = caseload(facilitator)[0]
    assert case.records == [] and case.reflections == []
    assert caseload_summary(facilitator)["waiting_count"] == before - 2
    assert all(case.enrolment != enrolment for case in caseload(unassigned_facilitator))
    assert [len(c.records) for c in caseload(unassigned_facilitator)] == [1]


def test_a_record_changed_since_the_facilitator_commented_waits_again(enrolment, learner, facilitator):
    from coordinated_care.portfolios import services as portfolio

    entry = interprofessional_record(enrolment, learner)
    commented(entry, facilitator)
    assert caseload(facilitator)[0].records == []
    portfolio.update_entry(entry, content={**entry.content, "reflections": "More."}, user=learner, seen_version=1)
    assert [e.pk for e in caseload(facilitator)[0].records] == [entry.pk]


def test_the_waiting_lists_take_a_fixed_number_of_queries(
    enrolment, learner, facilitator, supervisor, cohort, practice, django_assert_num_queries
):
    def more(n):
        for _ in range(n):
            someone = RoleAssignmentFactory(role=Role.LEARNER, organisation=practice).user
            theirs = enrol(
                cohort=cohort, learner=someone, practice=practice, facilitator=facilitator, supervisor=supervisor
            )
            interprofessional_record(theirs, someone)
            agreed(reflection(theirs, someone, "PC4"), facilitator)
            reflection(theirs, someone, "PC5")
            written_review(theirs, someone, facilitator, Review.Kind.INITIAL)

    more(1)
    # Worked out: the caseload's nine (the evidence new since the last looks counted on its own, so
    # that PostgreSQL does not JIT-compile the caseload's query), and the records' comments and the
    # reflections' signatures when there are any; then kept under the learners' facts versions.
    with django_assert_num_queries(11):
        caseload_page(facilitator)
    with django_assert_num_queries(1):
        caseload_page(facilitator)
    # The reflections and their signatures; the reviews, their programmes' domains, signatures, invitations.
    with django_assert_num_queries(6):
        supervisor_waiting(supervisor)
    more(4)
    with django_assert_num_queries(11):
        assert len(caseload_page(facilitator)["learners"]) == 6
    with django_assert_num_queries(6):
        assert len(supervisor_waiting(supervisor)) == 10
