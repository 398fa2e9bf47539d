"""A response linked as evidence to criteria, as any entry can be."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coordinated_care.feedback import services
from coordinated_care.feedback.models import ResponseEvidenceLink

from .conftest import make_response


def test_the_learner_links_a_response_to_a_criterion(signed_in, learner, enrolment):
    response = make_response(enrolment)
    criterion = enrolment.cohort.programme.criteria.first()
    url = reverse("feedback:response", args=[enrolment.uuid, response.uuid])
    client = signed_in(learner)
    assert (
        client.post(url, {"criterion": criterion.pk, "how_it_shows": "A patient says I listened."}).status_code == 302
    )
    link = ResponseEvidenceLink.objects.get()
    assert (link.response, link.criterion, link.how_it_shows) == (response, criterion, "A patient says I listened.")
    page = client.get(url).content.decode()
    assert criterion.code in page and "A patient says I listened." in page
    assert services.evidence_counts([enrolment.pk]) == {(enrolment.pk, criterion.pk): 1}


def test_evidence_needs_a_reason_and_a_criterion_of_the_programme(signed_in, learner, enrolment):
    response = make_response(enrolment)
    criterion = enrolment.cohort.programme.criteria.first()
    with pytest.raises(ValidationError):
        services.link_evidence(response, criterion=criterion, how_it_shows="  ", user=learner)
    page = signed_in(learner).post(
        reverse("feedback:response", args=[enrolment.uuid, response.uuid]), {"criterion": criterion.pk}
    )
    assert "Say how this feedback shows the criterion" in page.content.decode()
    assert ResponseEvidenceLink.objects.count() == 0


def test_a_criterion_of_another_programme_is_refused(enrolment, learner):
    from coordinated_care.programmes.models import Criterion

    response = make_response(enrolment)
    foreign = Criterion(programme_id=enrolment.cohort.programme_id + 1000, code="X")
    with pytest.raises(ValidationError):
        services.link_evidence(response, criterion=foreign, how_it_shows="No.", user=learner)


def test_progress_pages_can_count_responses_in_one_query(enrolment, other_enrolment, django_assert_num_queries):
    make_response(enrolment)
    make_response(enrolment, audience="staff")
    make_response(other_enrolment)
    with django_assert_num_queries(1):
        counts = services.response_counts([enrolment.pk, other_enrolment.pk])
    assert counts == {enrolment.pk: 2, other_enrolment.pk: 1}
