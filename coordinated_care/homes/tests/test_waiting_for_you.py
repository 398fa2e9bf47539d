"""'Waiting for you' on the supervisor's and the facilitator's homes: each item that waits for
their signature or comments, linked to where it is done; another supervisor, another learner and
an unassigned facilitator see none of it (issue 12, item 10)."""

from django.test import Client
from django.urls import reverse

from coordinated_care.accounts.models import Role
from coordinated_care.accounts.tests.factories import RoleAssignmentFactory
from coordinated_care.assessments.models import Review
from coordinated_care.assessments.tests.helpers import written_review
from coordinated_care.assessments.tests.record_builders import agreed, interprofessional_record, reflection


def _page(user, name):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def test_the_supervisors_home_lists_the_reviews_and_reflections_waiting_for_them(
    enrolment, learner, facilitator, supervisor, practice
):
    written = agreed(reflection(enrolment, learner), facilitator)
    review = written_review(enrolment, learner, facilitator, Review.Kind.INITIAL)
    page = _page(supervisor, "supervisor_home")
    assert "Sign the initial discussion held on" in page
    assert reverse("assessments:review_sign", args=[review.uuid]) in page
    assert reverse("assessments:reflection", args=[enrolment.uuid, written.criterion.code]) in page
    another = RoleAssignmentFactory(role=Role.SUPERVISOR, organisation=practice).user
    page = _page(another, "supervisor_home")
    assert "Nothing waits for your signature." in page
    assert str(review.uuid) not in page and str(enrolment.uuid) not in page


def test_the_facilitators_home_counts_records_and_reflections_and_the_caseload_links_them(
    enrolment, learner, other_learner, facilitator, unassigned_facilitator
):
    entry = interprofessional_record(enrolment, learner)
    written = reflection(enrolment, learner)
    # With the initial discussion, overdue since two weeks after the cohort began five weeks ago.
    assert "3 things waiting for you" in _page(facilitator, "facilitator_home")
    caseload = _page(facilitator, "assessments:caseload")
    assert "Interprofessional record: " in caseload
    assert reverse("assessments:record_comment", args=[enrolment.uuid, entry.uuid]) in caseload
    assert f"Critical reflection on the shortfall in PC4 {written.criterion.title}" in caseload
    assert reverse("assessments:reflection_sign", args=[enrolment.uuid, "PC4"]) in caseload
    # An unassigned facilitator has none of it; a learner has no facilitator's home or caseload.
    assert "Nothing is waiting for you" in _page(unassigned_facilitator, "facilitator_home")
    assert str(entry.uuid) not in _page(unassigned_facilitator, "assessments:caseload")
    client = Client()
    client.force_login(other_learner, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("facilitator_home")).status_code == 403
    assert client.get(reverse("assessments:caseload")).status_code == 404
