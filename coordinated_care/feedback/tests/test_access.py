"""Every feedback page, walked by every persona and by someone not signed in, through one helper.

Reading follows the portfolio (learner, facilitator, supervisor, cohort lead); asking for feedback
is the learner's and their facilitator's; typing in paper forms the learner's; countersigning the
facilitator's. Everyone else is refused, and a refused change changes nothing."""

import pytest
from django.urls import reverse

from conftest import PERSONAS
from coordinated_care.feedback.models import Countersignature, FeedbackRequest, FeedbackResponse, ResponseEvidenceLink

from .conftest import make_response

READERS = {"learner", "assessor", "supervisor", "programme_lead"}
REQUESTERS = {"learner", "assessor"}
LEARNER = {"learner"}
FACILITATOR = {"assessor"}


@pytest.fixture
def objects(enrolment, learner, issue):
    from coordinated_care.feedback import services

    online = make_response(enrolment)
    paper = services.transcribe(
        enrolment=enrolment,
        audience="patient",
        answers={"respondent": "carer", "needs": 4, "choice": 4, "talked": 4, "respect": 4, "feelings": 4},
        received_on=online.received_on,
        user=learner,
    )
    criterion = enrolment.cohort.programme.criteria.first()
    link = ResponseEvidenceLink.objects.create(response=online, criterion=criterion, how_it_shows="Shows listening.")
    return {
        "e": enrolment.uuid,
        "online": online,
        "paper": paper,
        "request": issue().request,
        "link": link,
        "criterion": criterion,
    }


# (name, method, url built from `objects`, who may, form data)
PAGES = [
    ("overview", "get", lambda o: reverse("feedback:overview", args=[o["e"]]), READERS, None),
    ("requests", "get", lambda o: reverse("feedback:requests", args=[o["e"]]), READERS, None),
    ("response", "get", lambda o: reverse("feedback:response", args=[o["e"], o["online"].uuid]), READERS, None),
    ("ask", "get", lambda o: reverse("feedback:ask", args=[o["e"]]), REQUESTERS, None),
    (
        "new patient request",
        "get",
        lambda o: reverse("feedback:new_request", args=[o["e"], "patient"]),
        REQUESTERS,
        None,
    ),
    ("new staff request", "get", lambda o: reverse("feedback:new_request", args=[o["e"], "staff"]), REQUESTERS, None),
    ("paper patient form", "get", lambda o: reverse("feedback:paper", args=[o["e"], "patient"]), LEARNER, None),
    ("paper key person form", "get", lambda o: reverse("feedback:paper", args=[o["e"], "key-person"]), LEARNER, None),
    (
        "countersign",
        "get",
        lambda o: reverse("feedback:countersign", args=[o["e"], o["paper"].uuid]),
        FACILITATOR,
        None,
    ),
]
CHANGES = [
    (
        "make cards",
        lambda o: reverse("feedback:new_request", args=[o["e"], "patient"]),
        REQUESTERS,
        lambda o: {"coordinator_name": "Test", "count": "2", "layout": "card", "valid_days": "30"},
        lambda o: FeedbackRequest.objects.count(),
    ),
    (
        "new link",
        lambda o: reverse("feedback:reissue", args=[o["e"], o["request"].uuid]),
        REQUESTERS,
        lambda o: {},
        lambda o: FeedbackRequest.objects.get(pk=o["request"].pk).token_hash,
    ),
    (
        "withdraw",
        lambda o: reverse("feedback:withdraw", args=[o["e"], o["request"].uuid]),
        REQUESTERS,
        lambda o: {},
        lambda o: FeedbackRequest.objects.get(pk=o["request"].pk).state,
    ),
    (
        "link evidence",
        lambda o: reverse("feedback:response", args=[o["e"], o["paper"].uuid]),
        LEARNER,
        lambda o: {"criterion": o["criterion"].pk, "how_it_shows": "A carer says so."},
        lambda o: ResponseEvidenceLink.objects.count(),
    ),
    (
        "unlink evidence",
        lambda o: reverse("feedback:unlink", args=[o["e"], o["online"].uuid, o["link"].pk]),
        LEARNER,
        lambda o: {},
        lambda o: ResponseEvidenceLink.objects.count(),
    ),
    (
        "type in a paper form",
        lambda o: reverse("feedback:paper", args=[o["e"], "key-person"]),
        LEARNER,
        lambda o: {"received_day": "1", "received_month": "3", "received_year": "2025", **_COLLEAGUE},
        lambda o: FeedbackResponse.objects.count(),
    ),
    (
        "countersign",
        lambda o: reverse("feedback:countersign", args=[o["e"], o["paper"].uuid]),
        FACILITATOR,
        lambda o: {"checked": "on", "password": "correct-horse-battery"},
        lambda o: Countersignature.objects.count(),
    ),
    (
        "remove a transcription",
        lambda o: reverse("feedback:remove", args=[o["e"], o["paper"].uuid]),
        LEARNER,
        lambda o: {},
        lambda o: FeedbackResponse.objects.count(),
    ),
]
_COLLEAGUE = {"their_role": "Social prescriber", "input": "Planned a group session together."}


def check(client, method, url, data, allowed):
    """The one rule for every view: allowed personas get through; others are refused; someone not
    signed in is sent to sign in."""
    response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
    if allowed is None:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
    elif allowed:
        assert response.status_code in (200, 302), (url, response.status_code)
    else:
        assert response.status_code in (403, 404), (url, response.status_code)
    return response


@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous"])
@pytest.mark.parametrize("page", PAGES, ids=[p[0] for p in PAGES])
def test_every_page_for_every_persona(page, persona, request, objects, signed_in, client, other_enrolment):
    _, method, url, who, data = page
    if persona == "anonymous":
        check(client, method, url(objects), data, None)
    else:
        response = check(signed_in(request.getfixturevalue(persona)), method, url(objects), data, persona in who)
        if persona in who:
            html = response.content.decode()
            assert "style=" not in html


@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous"])
@pytest.mark.parametrize("change", CHANGES, ids=[c[0] for c in CHANGES])
def test_every_change_for_every_persona(change, persona, request, objects, signed_in, client, other_enrolment):
    _, url, who, data, state = change
    before = state(objects)
    if persona == "anonymous":
        check(client, "post", url(objects), data(objects), None)
    else:
        allowed = persona in who
        check(signed_in(request.getfixturevalue(persona)), "post", url(objects), data(objects), allowed)
        if allowed:
            assert state(objects) != before, "an allowed change happens"
            return
    assert state(objects) == before, "a refused change changes nothing"


def test_another_learners_feedback_stays_theirs(signed_in, other_learner, enrolment, other_enrolment):
    mine = make_response(enrolment, did_well="Private to this portfolio.")
    client = signed_in(other_learner)
    assert client.get(reverse("feedback:overview", args=[enrolment.uuid])).status_code == 403
    assert client.get(reverse("feedback:response", args=[enrolment.uuid, mine.uuid])).status_code == 403
    # Nor through their own portfolio's address.
    assert client.get(reverse("feedback:response", args=[other_enrolment.uuid, mine.uuid])).status_code == 404
    own = client.get(reverse("feedback:overview", args=[other_enrolment.uuid])).content.decode()
    assert "Private to this portfolio." not in own
