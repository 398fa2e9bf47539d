"""Every feedback page, walked by every persona and by someone not signed in, through the one
harness of the root conftest.

Reading follows the portfolio (learner, facilitator, supervisor, cohort lead); asking for feedback
is the learner's and their facilitator's; typing in paper forms the learner's; countersigning the
facilitator's. Other readers are refused (403), everyone else is told the portfolio does not exist
(404), and a refused change changes nothing."""

import pytest
from django.urls import reverse

from conftest import EVERYONE, NOT_ALLOWED, PORTFOLIO_READERS, Access, check_access
from coordinated_care.feedback.models import Countersignature, FeedbackRequest, FeedbackResponse, ResponseEvidenceLink

from .conftest import make_response

READERS = PORTFOLIO_READERS
REQUESTERS = {"learner", "facilitator"}
LEARNER = {"learner"}
FACILITATOR = {"facilitator"}


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


_COLLEAGUE = {"their_role": "Social prescriber", "input": "Planned a group session together."}

# (name, url built from `objects`, who may do what, form data, what a POST changes)
URLS = [
    ("overview", lambda o: reverse("feedback:overview", args=[o["e"]]), Access(READERS, get=READERS), None, None),
    ("requests", lambda o: reverse("feedback:requests", args=[o["e"]]), Access(READERS, get=READERS), None, None),
    (
        "response",
        lambda o: reverse("feedback:response", args=[o["e"], o["online"].uuid]),
        Access(READERS, get=READERS),
        None,
        None,
    ),
    ("ask", lambda o: reverse("feedback:ask", args=[o["e"]]), Access(READERS, get=REQUESTERS), None, None),
    (
        "make cards",
        lambda o: reverse("feedback:new_request", args=[o["e"], "patient"]),
        Access(READERS, get=REQUESTERS, post=REQUESTERS, post_status=200),  # the cards are the page
        lambda o: {"learner_name": "Test", "count": "2", "layout": "card", "valid_days": "30"},
        lambda o: FeedbackRequest.objects.count(),
    ),
    (
        "new staff request",
        lambda o: reverse("feedback:new_request", args=[o["e"], "staff"]),
        Access(READERS, get=REQUESTERS),
        None,
        None,
    ),
    (
        "new link",
        lambda o: reverse("feedback:reissue", args=[o["e"], o["request"].uuid]),
        Access(READERS, get=NOT_ALLOWED, post=REQUESTERS, post_status=200),
        lambda o: {},
        lambda o: FeedbackRequest.objects.get(pk=o["request"].pk).token_hash,
    ),
    (
        "withdraw",
        lambda o: reverse("feedback:withdraw", args=[o["e"], o["request"].uuid]),
        Access(READERS, get=NOT_ALLOWED, post=REQUESTERS),
        lambda o: {},
        lambda o: FeedbackRequest.objects.get(pk=o["request"].pk).state,
    ),
    (
        "link evidence",
        lambda o: reverse("feedback:response", args=[o["e"], o["paper"].uuid]),
        Access(READERS, get=READERS, post=LEARNER),
        lambda o: {"criterion": o["criterion"].pk, "how_it_shows": "A carer says so."},
        lambda o: ResponseEvidenceLink.objects.count(),
    ),
    (
        "unlink evidence",
        lambda o: reverse("feedback:unlink", args=[o["e"], o["online"].uuid, o["link"].pk]),
        Access(READERS, get=NOT_ALLOWED, post=LEARNER),
        lambda o: {},
        lambda o: ResponseEvidenceLink.objects.count(),
    ),
    (
        "paper patient form",
        lambda o: reverse("feedback:paper", args=[o["e"], "patient"]),
        Access(READERS, get=LEARNER),
        None,
        None,
    ),
    (
        "type in a paper form",
        lambda o: reverse("feedback:paper", args=[o["e"], "key-person"]),
        Access(READERS, get=LEARNER, post=LEARNER),
        lambda o: {"received_day": "1", "received_month": "3", "received_year": "2025", **_COLLEAGUE},
        lambda o: FeedbackResponse.objects.count(),
    ),
    (
        "countersign",
        lambda o: reverse("feedback:countersign", args=[o["e"], o["paper"].uuid]),
        Access(READERS, get=FACILITATOR, post=FACILITATOR),
        lambda o: {"checked": "on", "password": "correct-horse-battery"},
        lambda o: Countersignature.objects.count(),
    ),
    (
        "remove a transcription",
        lambda o: reverse("feedback:remove", args=[o["e"], o["paper"].uuid]),
        Access(READERS, get=NOT_ALLOWED, post=LEARNER),
        lambda o: {},
        lambda o: FeedbackResponse.objects.count(),
    ),
]


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("page", URLS, ids=[u[0] for u in URLS])
def test_every_page_for_every_persona(page, persona, request, objects, other_enrolment):
    _, url, access, data, state = page
    check_access(
        request,
        persona,
        url(objects),
        access,
        data=data and (lambda: data(objects)),
        state=state and (lambda: state(objects)),
    )


def test_another_learners_feedback_stays_theirs(signed_in, other_learner, enrolment, other_enrolment):
    mine = make_response(enrolment, did_well="Private to this portfolio.")
    client = signed_in(other_learner)
    assert client.get(reverse("feedback:overview", args=[enrolment.uuid])).status_code == 404
    assert client.get(reverse("feedback:response", args=[enrolment.uuid, mine.uuid])).status_code == 404
    # Nor through their own portfolio's address.
    assert client.get(reverse("feedback:response", args=[other_enrolment.uuid, mine.uuid])).status_code == 404
    own = client.get(reverse("feedback:overview", args=[other_enrolment.uuid])).content.decode()
    assert "Private to this portfolio." not in own
