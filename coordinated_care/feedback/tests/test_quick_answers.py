"""Issue 12, item 8: a colleague who answers quickly is told why the answers were not taken, in
plain words that do not blame them, keeps the answers, and is not refused again for sending them."""

import time

from django.urls import reverse
from django.utils import timezone

from coordinated_care.feedback.models import FeedbackRequest, FeedbackResponse

from .conftest import COLLEAGUE_ANSWERS, stamp_from


def _send(client, token, started):
    data = {**COLLEAGUE_ANSWERS, "started": started, "website": ""}
    return client.post(reverse("feedback:answer", args=[token]), data)


def test_answers_sent_very_quickly_are_kept_on_the_page_with_the_reason(client, issue, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 60
    link = issue(FeedbackRequest.Audience.STAFF)
    html = client.post(reverse("feedback:respond", args=[link.token]), {"consent": "yes"}).content.decode()
    page = _send(client, link.token, stamp_from(html)).content.decode()
    assert "Your feedback has not been sent yet" in page
    assert "a few seconds after it was opened" in page
    assert "Please check your answers" not in page
    assert COLLEAGUE_ANSWERS["input"] in page
    assert FeedbackResponse.objects.count() == 0


def test_sending_the_same_answers_again_once_the_moment_has_passed_is_taken(client, issue, settings, monkeypatch):
    settings.FEEDBACK_MIN_FILL_SECONDS = 5
    link = issue(FeedbackRequest.Audience.STAFF)
    opened_at = time.time()
    html = client.post(reverse("feedback:respond", args=[link.token]), {"consent": "yes"}).content.decode()
    # Sent three seconds after the form opened: too quick.
    monkeypatch.setattr(time, "time", lambda: opened_at + 3)
    first = _send(client, link.token, stamp_from(html))
    assert first.status_code == 200 and FeedbackResponse.objects.count() == 0
    # Sent again three seconds later: timed from when the form opened, not from the refusal.
    monkeypatch.setattr(time, "time", lambda: opened_at + 6)
    second = _send(client, link.token, stamp_from(first.content.decode()))
    assert second.status_code == 302
    saved = FeedbackResponse.objects.get()
    assert saved.received_at is not None and saved.received_on == timezone.localdate(saved.received_at)


def test_a_patients_answers_keep_the_day_only(client, issue):
    from .conftest import answer

    answer(client, issue().token)
    saved = FeedbackResponse.objects.get()
    assert (saved.audience, saved.received_at) == ("patient", None)
