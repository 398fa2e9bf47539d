"""The assessment and feedback apps, reached from the portfolio pages."""

import pytest
from django.urls import reverse

from coordinated_care.assessments.models import LastLooked


@pytest.fixture
def criterion_url(portfolio):
    return reverse("portfolios:criterion", args=[portfolio.enrolment.uuid, portfolio.criterion.code])


def test_the_criterion_page_shows_the_sign_off_panel_and_the_learner_may_ask(
    portfolio, criterion_url, learner, signed_in
):
    html = signed_in(learner).get(criterion_url).content.decode()
    assert '<h2 id="sign-off-heading" class="nhsuk-heading-m">Sign-off</h2>' in html
    assert "Ask for sign-off" in html
    assert reverse("assessments:ask", args=[portfolio.enrolment.uuid, portfolio.criterion.code]) in html


@pytest.mark.parametrize("persona", ["facilitator", "supervisor", "programme_lead"])
def test_others_see_the_panel_but_may_not_ask(persona, request, portfolio, criterion_url, signed_in):
    response = signed_in(request.getfixturevalue(persona)).get(criterion_url)
    if response.status_code == 403:
        pytest.skip(f"a {persona} does not read the criterion page")
    html = response.content.decode()
    assert 'id="sign-off-heading"' in html
    assert "Ask for sign-off" not in html
    assert reverse("assessments:ask", args=[portfolio.enrolment.uuid, portfolio.criterion.code]) not in html


def test_the_overview_links_to_the_reviews_feedback_and_completion(portfolio, learner, facilitator, signed_in):
    enrolment = portfolio.enrolment
    for reader in (learner, facilitator):
        html = signed_in(reader).get(reverse("portfolios:overview", args=[enrolment.uuid])).content.decode()
        assert f'href="{reverse("assessments:reviews", args=[enrolment.uuid])}">Reviews</a>' in html
        assert f'href="{reverse("feedback:overview", args=[enrolment.uuid])}">Feedback</a>' in html
        assert "Criteria achieved or with an accepted reflection" in html


def test_reading_the_portfolio_records_the_facilitators_look_only(
    portfolio, learner, facilitator, programme_lead, signed_in
):
    enrolment = portfolio.enrolment
    pages = [
        reverse("portfolios:overview", args=[enrolment.uuid]),
        reverse("portfolios:entry", args=[enrolment.uuid, portfolio.case_study.uuid]),
        reverse("portfolios:criterion", args=[enrolment.uuid, portfolio.criterion.code]),
    ]
    for reader in (learner, programme_lead):
        client = signed_in(reader)
        for url in pages:
            assert client.get(url).status_code == 200
    assert not LastLooked.objects.exists()
    looked = []
    client = signed_in(facilitator)
    for url in pages:
        assert client.get(url).status_code == 200
        looked.append(LastLooked.objects.get(user=facilitator, enrolment=enrolment).looked_at)
    assert looked == sorted(looked)


def test_the_learner_home_links_to_reviews_and_feedback(enrolment, learner, signed_in):
    html = signed_in(learner).get("/learner/").content.decode()
    assert "Open your portfolio" in html
    assert reverse("assessments:reviews", args=[enrolment.uuid]) in html
    assert reverse("feedback:overview", args=[enrolment.uuid]) in html
