"""A role taken away takes its access on the very next request of the same session: the
facilitator and the programme lead read the portfolio, its feedback and its history (and the
facilitator makes feedback links); every role assignment of theirs is deleted; the next request to
each page is refused."""

import pytest
from django.test import Client
from django.urls import reverse

from coordinated_care.accounts.models import RoleAssignment

pytestmark = pytest.mark.django_db


def _pages(portfolio, feedback_request):
    e = portfolio.enrolment.uuid
    return {
        "portfolio": reverse("portfolios:overview", args=[e]),
        "entry": reverse("portfolios:entry", args=[e, portfolio.case_study.uuid]),
        "criterion": reverse("portfolios:criterion", args=[e, portfolio.criterion.code]),
        "attachment": reverse("portfolios:attachment", args=[e, portfolio.attachment.uuid]),
        "feedback": reverse("feedback:overview", args=[e]),
        "feedback links": reverse("feedback:requests", args=[e]),
        "portfolio history": reverse("audit:portfolio_history", args=[e]),
        "entry history": reverse("audit:history", args=["portfolios.entry", portfolio.case_study.pk]),
        "progress": reverse("progress_over_time", args=[e]),
        "reviews": reverse("assessments:reviews", args=[e]),
    }


@pytest.fixture
def feedback_request(portfolio, learner):
    from coordinated_care.feedback import services

    return services.create_requests(enrolment=portfolio.enrolment, audience="patient", user=learner)[0].request


def _signed_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_a_facilitator_whose_roles_are_deleted_is_refused_on_the_next_request(portfolio, feedback_request, facilitator):
    client = _signed_in(facilitator)
    pages = _pages(portfolio, feedback_request)
    new_link = reverse("feedback:new_request", args=[portfolio.enrolment.uuid, "patient"])
    reissue = reverse("feedback:reissue", args=[portfolio.enrolment.uuid, feedback_request.uuid])
    assert {name: client.get(url).status_code for name, url in pages.items()} == dict.fromkeys(pages, 200)
    assert client.get(new_link).status_code == 200

    RoleAssignment.objects.filter(user=facilitator).delete()

    assert {name: client.get(url).status_code for name, url in pages.items()} == dict.fromkeys(pages, 404)
    assert client.get(new_link).status_code == 404
    data = {"learner_name": "Test", "count": "1", "layout": "card", "valid_days": "30"}
    assert client.post(new_link, data).status_code == 404
    assert client.post(reissue, {}).status_code == 404


def test_a_programme_lead_whose_roles_are_deleted_is_refused_on_the_next_request(
    portfolio, feedback_request, programme_lead
):
    client = _signed_in(programme_lead)
    cohort = portfolio.enrolment.cohort
    pages = {
        **_pages(portfolio, feedback_request),
        "cohort": reverse("programmes:cohort", args=[cohort.uuid]),
        "cohort dashboard": reverse("cohort_dashboard", args=[cohort.uuid]),
        "enrol": reverse("programmes:enrol", args=[cohort.uuid]),
    }
    assert {name: client.get(url).status_code for name, url in pages.items()} == dict.fromkeys(pages, 200)

    RoleAssignment.objects.filter(user=programme_lead).delete()

    assert cohort.leads.filter(pk=programme_lead.pk).exists(), "the cohort still names them"
    assert {name: client.get(url).status_code for name, url in pages.items()} == dict.fromkeys(pages, 404)
