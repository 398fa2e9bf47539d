"""The progress at a glance is kept in the cache for each state of the portfolio
(portfolios.presenters.glance): every change shows on the next page, and nobody reads a portfolio
through it that they could not read before."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from coordinated_care.assessments.tests.helpers import sign_off
from coordinated_care.portfolios import services
from coordinated_care.portfolios.models import Entry
from coordinated_care.portfolios.presenters.glance import progress_glance
from coordinated_care.programmes.models import Criterion, Enrolment, Programme

from .builders import action_content, add_case_study


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def overview(client, enrolment):
    response = client.get(reverse("portfolios:overview", args=[enrolment.uuid]))
    assert response.status_code == 200
    return response.content.decode()


def home(client):
    response = client.get(reverse("learner_home"))
    assert response.status_code == 200
    return response.content.decode()


def pc1(enrolment):
    return Criterion.objects.get(programme=enrolment.cohort.programme_id, code="PC1")


def loaded(enrolment):
    return Enrolment.objects.select_related("cohort__programme").get(pk=enrolment.pk)


def test_an_entry_linked_as_evidence_shows_at_once_on_a_cached_home(enrolment, learner, signed_in):
    client = signed_in(learner)
    home(client)
    assert "0 of 30" in home(client)  # counted, then read from the cache
    add_case_study(enrolment, learner, 1, criteria=[pc1(enrolment)])
    page = home(client)
    assert "1 of 30" in page and "1 evidence" in page


def test_a_sign_off_shows_at_once_on_a_cached_overview(enrolment, learner, facilitator, programme_lead, signed_in):
    lead = signed_in(programme_lead)
    overview(lead, enrolment)
    overview(lead, enrolment)  # cached
    sign_off(enrolment, learner, facilitator, "PC1")
    page = overview(lead, enrolment)
    assert "Signed off" in page
    # The completion panel reads the same counts: one criterion achieved.
    assert "Criteria achieved or with an accepted reflection" in page
    assert ">1 of 30<" in page.replace("\n", "").replace("  ", "")


def test_an_overdue_action_shows_and_goes_at_once_when_done(enrolment, learner, signed_in):
    client = signed_in(learner)
    home(client)
    assert "Overdue actions" not in home(client)
    action = services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.ACTION,
        user=learner,
        content=action_content(datetime.date.today() - datetime.timedelta(days=1), area="Transport to clinics"),
    )
    assert "Transport to clinics" in home(client)
    home(client)
    services.set_action_status(action, status=Entry.Status.DONE, user=learner, seen_version=action.version)
    assert "Overdue actions" not in home(client)


def test_a_moved_workshop_shows_at_once(enrolment, learner, signed_in):
    client = signed_in(learner)
    home(client)
    home(client)
    workshop = enrolment.cohort.workshops.filter(date__gte=datetime.date.today()).order_by("date").first()
    workshop.location = "Room 4, Riverside Centre"
    workshop.save()
    assert "Room 4, Riverside Centre" in home(client)


def test_a_cached_glance_is_read_in_fewer_queries(enrolment, learner, django_assert_max_num_queries):
    progress_glance(loaded(enrolment))  # counted and stored
    progress_glance(loaded(enrolment))  # rendered from what is stored, and kept
    one = loaded(enrolment)
    with django_assert_max_num_queries(2):  # the facts and the next workshop
        progress_glance(one)


def test_a_draft_programme_is_never_cached(enrolment, learner, django_assert_num_queries):
    # A draft's criteria and documents may still change without the facts knowing.
    progress_glance(loaded(enrolment))

    def as_draft():
        one = loaded(enrolment)
        one.cohort.programme.status = Programme.Status.DRAFT
        return one

    progress_glance(as_draft())
    again = as_draft()
    with django_assert_num_queries(4):  # the facts, the workshop, the criteria and the documents
        progress_glance(again)


def test_the_cached_glance_shows_the_reader_nothing_more(
    enrolment, other_enrolment, learner, other_learner, unassigned_facilitator, programme_lead, signed_in
):
    add_case_study(enrolment, learner, 1, criteria=[pc1(enrolment)])
    lead = signed_in(programme_lead)
    overview(lead, enrolment)
    overview(lead, enrolment)  # kept in the cache
    url = reverse("portfolios:overview", args=[enrolment.uuid])
    assert signed_in(other_learner).get(url).status_code == 404
    assert signed_in(unassigned_facilitator).get(url).status_code == 404
    assert home(signed_in(other_learner)).count("1 evidence") == 0
