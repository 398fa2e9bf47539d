"""The supervisor's home lists the feedback their learners asked of them (issue 12, item 10), each
linked to the signed-in answering page, in a fixed number of queries; nobody else's home shows it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordinated_care.accounts.models import Role
from coordinated_care.accounts.tests.factories import RoleAssignmentFactory
from coordinated_care.feedback import services


def _ask(enrolment, learner, audience="staff"):
    return services.create_requests(enrolment=enrolment, audience=audience, user=learner, to_supervisor=True)[0].request


def _home(signed_in, user):
    response = signed_in(user).get(reverse("supervisor_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_home_lists_each_open_request_with_a_give_feedback_link(signed_in, enrolment, learner, supervisor):
    asked = _ask(enrolment, learner)
    page = _home(signed_in, supervisor)
    assert "Test Learner asked for your feedback on" in page
    assert f'<a href="{reverse("feedback:asked", args=[asked.uuid])}">Give feedback</a>' in page
    services.submit_response(asked, answers={"their_role": "Practice manager", "input": "Ran the huddle."})
    page = _home(signed_in, supervisor)
    assert "asked for your feedback" not in page and str(asked.uuid) not in page


def test_another_supervisors_home_does_not_list_it(signed_in, enrolment, learner, practice):
    asked = _ask(enrolment, learner)
    another = RoleAssignmentFactory(role=Role.SUPERVISOR, organisation=practice).user
    page = _home(signed_in, another)
    assert "Nothing waits for your signature." in page and str(asked.uuid) not in page


def test_the_home_costs_the_same_queries_however_many_requests_wait(signed_in, enrolment, learner, supervisor):
    client = signed_in(supervisor)
    _ask(enrolment, learner)
    client.get(reverse("supervisor_home"))  # warm: sessions, content types
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("supervisor_home"))
    for audience in ("staff", "key_person", "staff"):
        _ask(enrolment, learner, audience)
    client.get(reverse("supervisor_home"))  # warm again: the learners' progress is worked out anew once
    with CaptureQueriesContext(connection) as four:
        page = client.get(reverse("supervisor_home")).content.decode()
    assert page.count("Give feedback</a>") == 4
    # The requests addressed to them: one query, however many (feedback.services.asked_of).
    assert len(four) == len(one), "\n".join(q["sql"][:150] for q in four.captured_queries)
