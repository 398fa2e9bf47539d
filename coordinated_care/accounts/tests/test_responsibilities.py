"""The responsibilities the Portfolio Document gives the care coordinator and the facilitator:
shown where they apply, each acknowledged once by each person, with the date kept."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from coordinated_care.accounts import responsibilities
from coordinated_care.accounts.models import Acknowledgement

pytestmark = pytest.mark.django_db

Responsibilities = Acknowledgement.Responsibilities
FIRST_DUTY = "Restricted Access to Confidential Information"
DELEGATION = "When the designated practice-based learning facilitator is not available"


def _url(slug):
    return reverse("accounts:responsibilities", args=[slug])


def test_the_words_are_the_portfolio_documents():
    seed = open("/work/shared/seeds/portfolio-document-care-coordination-primary-care.txt").read()
    for heading, paragraph in responsibilities.CARE_COORDINATOR:
        assert heading in seed
        if heading != "Prohibition on Identifying Patients or Service Users":  # the PD's "Personal Development"
            assert paragraph in seed
    for paragraph in responsibilities.FACILITATOR:
        assert paragraph in seed


def test_each_person_acknowledges_once_and_the_first_date_is_kept(learner):
    first = responsibilities.acknowledge(learner, Responsibilities.CARE_COORDINATOR)
    again = responsibilities.acknowledge(learner, Responsibilities.CARE_COORDINATOR)
    assert first == again
    assert Acknowledgement.objects.filter(user=learner).count() == 1
    assert responsibilities.acknowledged_at(learner, Responsibilities.CARE_COORDINATOR) == first


@pytest.mark.parametrize(
    "persona, which",
    [
        ("facilitator", Responsibilities.CARE_COORDINATOR),
        ("learner", Responsibilities.FACILITATOR),
        ("revoked_facilitator", Responsibilities.FACILITATOR),
        ("employer", Responsibilities.CARE_COORDINATOR),
    ],
)
def test_only_whoever_holds_the_role_acknowledges_its_responsibilities(persona, which, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionError):
        responsibilities.acknowledge(user, which)
    assert not Acknowledgement.objects.exists()


def test_the_learners_home_asks_until_they_acknowledge(enrolment, learner, signed_in):
    client = signed_in(learner)
    home = client.get(reverse("learner_home")).content.decode()
    assert FIRST_DUTY in home
    assert "I have read these responsibilities and will keep to them" in home
    response = client.post(_url("care-coordinator"))
    assert response.status_code == 302 and response["Location"] == reverse("learner_home")
    home = client.get(reverse("learner_home")).content.decode()
    assert "I have read these responsibilities" not in home
    assert f"acknowledged on {timezone.localdate():%-d %B %Y}" in home


def test_the_learners_home_names_their_learning_facilitator(enrolment, learner, programme_lead, signed_in):
    home = signed_in(learner).get(reverse("learner_home")).content.decode()
    assert f"Your learning facilitator is {programme_lead.display_name}." in home


def test_the_facilitators_home_asks_until_they_acknowledge(enrolment, facilitator, signed_in):
    client = signed_in(facilitator)
    assert DELEGATION in client.get(reverse("facilitator_home")).content.decode()
    assert "I have read these responsibilities" in client.get(reverse("facilitator_home")).content.decode()
    assert client.post(_url("facilitator"))["Location"] == reverse("facilitator_home")
    home = client.get(reverse("facilitator_home")).content.decode()
    assert "I have read these responsibilities" not in home
    assert "You acknowledged these responsibilities on" in home


def test_every_portfolio_forms_confidentiality_notice_repeats_the_coordinators_duties(enrolment, learner, signed_in):
    page = signed_in(learner).get(reverse("portfolios:new_entry", args=[enrolment.uuid, "reflections"]))
    assert FIRST_DUTY in page.content.decode()


@pytest.mark.parametrize("persona", ["facilitator", "supervisor", "employer", "administrator"])
def test_the_coordinators_page_does_not_exist_for_anyone_else(persona, request, signed_in):
    client = signed_in(request.getfixturevalue(persona))
    assert client.get(_url("care-coordinator")).status_code == 404
    assert client.post(_url("care-coordinator")).status_code == 404
    assert not Acknowledgement.objects.exists()


def test_an_unknown_set_does_not_exist(learner, signed_in):
    assert signed_in(learner).get(_url("supervisor")).status_code == 404


def test_the_anonymous_visitor_is_sent_to_sign_in(client):
    assert client.get(_url("care-coordinator"))["Location"].startswith(reverse("account_login"))


def test_the_portfolio_pdf_says_when_each_was_acknowledged(enrolment, learner):
    from coordinated_care.reports.document.gather import portfolio_document
    from coordinated_care.reports.document.services import export_now

    responsibilities.acknowledge(learner, Responsibilities.CARE_COORDINATOR)
    acknowledged = portfolio_document(enrolment)["acknowledged"]
    when = f"{timezone.localdate():%-d %B %Y}"
    assert acknowledged["care_coordinator"] == f"Acknowledged by {learner.display_name} on {when}."
    assert acknowledged["facilitator"] == "Not acknowledged yet."
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(export_now(enrolment)[1])).pages
    )
    assert f"Acknowledged by {learner.display_name} on {when}." in text


def test_the_caseload_links_to_the_facilitators_responsibilities(enrolment, facilitator, signed_in):
    page = signed_in(facilitator).get(reverse("assessments:caseload")).content.decode()
    assert _url("facilitator") in page
    assert DELEGATION in signed_in(facilitator).get(_url("facilitator")).content.decode()
