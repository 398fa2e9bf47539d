"""Fixtures for the feedback tests: links issued through the services, and a way to walk the
public form as a person would (consent first, then the answers)."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from coordinated_care.core import ratelimit
from coordinated_care.feedback import services
from coordinated_care.feedback.models import FeedbackRequest, FeedbackResponse

PATIENT_ANSWERS = {
    "respondent": "patient",
    "needs": "5",
    "choice": "4",
    "talked": "5",
    "respect": "5",
    "feelings": "3",
    "did_well": "Listened carefully and rang back when promised.",
    "do_differently": "Explain the next steps in writing.",
}
COLLEAGUE_ANSWERS = {
    "their_role": "Practice nurse",
    "input": "Joined the weekly huddle and followed up the actions agreed.",
    "given_name": "",
}


@pytest.fixture(autouse=True)
def _quick_forms_and_fresh_limits(settings, monkeypatch):
    # A person takes seconds to fill in the form; a test takes none. Tests of the minimum time set it.
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    # The limits' windows stand still, so a count never starts again halfway through a test.
    monkeypatch.setattr(ratelimit, "_now", lambda: 1_800_000_000.0)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def issue(enrolment, learner):
    """issue(audience="patient", user=learner) → IssuedLink, with its token."""

    def make(audience=FeedbackRequest.Audience.PATIENT, user=None, **kwargs):
        return services.create_requests(enrolment=enrolment, audience=audience, user=user or learner, **kwargs)[0]

    return make


def stamp_from(html):
    match = re.search(r'name="started" value="([^"]+)"', html)
    assert match, "the answers form carries a signed start time"
    return match.group(1)


def answer(client, token, answers=None, *, consent=True, extra=None, **client_kwargs):
    """Open the link, consent, and send `answers` (or the defaults for the link's audience)."""
    page = client.post(reverse("feedback:respond", args=[token]), {"consent": "yes"}, **client_kwargs)
    assert page.status_code == 200, page.status_code
    html = page.content.decode()
    if answers is None:
        answers = PATIENT_ANSWERS if 'name="needs"' in html else COLLEAGUE_ANSWERS
    data = {**answers, "started": stamp_from(html), "website": "", **(extra or {})}
    return client.post(reverse("feedback:answer", args=[token]), data, **client_kwargs)


def make_response(enrolment, audience=FeedbackRequest.Audience.PATIENT, **fields):
    import datetime

    defaults = {"received_on": datetime.date(2027, 3, 3), "source": FeedbackResponse.Source.ONLINE}
    if audience == FeedbackRequest.Audience.PATIENT:
        defaults.update(respondent="patient", needs=5, choice=4, talked=5, respect=5, feelings=3)
    else:
        defaults.update(their_role="Practice nurse", input="Worked together on discharge calls.")
    defaults.update(fields)
    return FeedbackResponse.objects.create(enrolment=enrolment, audience=audience, **defaults)


def assert_well_formed(html):
    """One h1, no skipped heading levels, no inline styles, scripts only from files or with the nonce."""
    body = html.split('id="maincontent"', 1)[-1]
    assert len(re.findall(r"<h1[\s>]", body)) == 1
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", body)]
    for previous, current in zip(levels, levels[1:], strict=False):
        assert current <= previous + 1, f"heading level jumps from h{previous} to h{current}"
    assert "style=" not in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or "nonce=" in tag, tag
