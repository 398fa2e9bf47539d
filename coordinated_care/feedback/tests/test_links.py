"""Links that cannot be abused: long random tokens kept only as hashes, used once, expiring,
and rate-limited per address and per link."""

import datetime

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from coordinated_care.core.tokens import hash_token
from coordinated_care.feedback import services
from coordinated_care.feedback.models import FeedbackRequest, FeedbackResponse

from .conftest import answer


def every_stored_value():
    """Every value of every row of every table, as text."""
    values = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - table names come from the models
            values.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(values)


def test_tokens_are_long_random_and_never_stored_in_clear(client, issue):
    links = [issue() for _ in range(3)]
    answer(client, links[0].token)
    stored = every_stored_value()
    for link in links:
        assert len(link.token) >= 43  # 256 bits in URL-safe base64; the floor is 128 bits
        assert link.token not in stored
        assert hash_token(link.token) in stored
    assert len({link.token for link in links}) == 3


def test_a_link_refuses_a_second_use(client, issue):
    link = issue()
    assert answer(client, link.token).status_code == 302
    again = client.get(reverse("feedback:respond", args=[link.token]))
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    resend = client.post(reverse("feedback:answer", args=[link.token]), {"respondent": "patient"})
    assert resend.status_code == 410
    assert FeedbackResponse.objects.count() == 1


def test_two_submissions_racing_on_one_link_cannot_both_succeed(issue):
    link = issue()
    stale_copy = FeedbackRequest.objects.get(pk=link.request.pk)
    services.submit_response(link.request, answers={"respondent": "patient"})
    with pytest.raises(services.LinkGone) as gone:
        services.submit_response(stale_copy, answers={"respondent": "carer"})
    assert gone.value.status == "used"
    assert FeedbackResponse.objects.count() == 1


def test_an_expired_link_says_so(client, issue):
    link = issue(valid_days=7)
    assert link.request.expires_on == timezone.localdate() + datetime.timedelta(days=7)
    consent_page = client.post(reverse("feedback:respond", args=[link.token]), {"consent": "yes"})
    FeedbackRequest.objects.update(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    page = client.get(reverse("feedback:respond", args=[link.token]))
    assert page.status_code == 410
    assert "has expired" in page.content.decode()
    # A form opened before the link expired is not taken after it.
    assert consent_page.status_code == 200
    late = client.post(reverse("feedback:answer", args=[link.token]), {"respondent": "patient"})
    assert late.status_code == 410
    assert FeedbackResponse.objects.count() == 0


def test_a_link_works_on_its_last_day(client, issue):
    link = issue()
    FeedbackRequest.objects.update(expires_on=timezone.localdate())
    assert answer(client, link.token).status_code == 302


def test_a_withdrawn_link_says_so(client, issue, learner):
    link = issue()
    services.withdraw(link.request, user=learner)
    page = client.get(reverse("feedback:respond", args=[link.token]))
    assert page.status_code == 410
    assert "withdrawn" in page.content.decode()


@pytest.mark.parametrize("token", ["x" * 43, "short", "not a token at all" * 4])
def test_an_unknown_link_is_not_found(client, db, token):
    page = client.get(reverse("feedback:respond", args=[token]))
    assert page.status_code == 404
    assert "This feedback link is not right" in page.content.decode()


def test_a_new_link_replaces_a_lost_one(client, issue, learner):
    link = issue()
    replacement = services.reissue(link.request, user=learner)
    assert client.get(reverse("feedback:respond", args=[link.token])).status_code == 404
    assert client.get(reverse("feedback:respond", args=[replacement.token])).status_code == 200


def test_the_public_pages_are_rate_limited_per_address(client, issue, settings):
    settings.FEEDBACK_RATE_LIMITS = {**settings.FEEDBACK_RATE_LIMITS, "address": (3, 600)}
    links = [issue() for _ in range(4)]
    for link in links[:3]:
        assert client.get(reverse("feedback:respond", args=[link.token])).status_code == 200
    limited = client.get(reverse("feedback:respond", args=[links[3].token]))
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0
    assert "Please wait a few minutes" in limited.content.decode()
    # Someone else, on another connection, is not held up.
    other = client.get(reverse("feedback:respond", args=[links[3].token]), REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 200


def test_guessing_links_is_rate_limited(client, db, settings):
    settings.FEEDBACK_RATE_LIMITS = {**settings.FEEDBACK_RATE_LIMITS, "address": (5, 600)}
    codes = [client.get(reverse("feedback:respond", args=[f"{n:043d}"])).status_code for n in range(7)]
    assert codes == [404] * 5 + [429] * 2


def test_one_link_is_rate_limited_from_every_address(client, issue, settings):
    settings.FEEDBACK_RATE_LIMITS = {**settings.FEEDBACK_RATE_LIMITS, "token": (4, 3600)}
    link = issue()
    url = reverse("feedback:respond", args=[link.token])
    codes = [client.get(url, REMOTE_ADDR=f"198.51.100.{n}").status_code for n in range(6)]
    assert codes == [200] * 4 + [429] * 2


def test_the_address_behind_a_trusted_proxy_is_the_one_counted(client, issue, settings):
    settings.FEEDBACK_RATE_LIMITS = {**settings.FEEDBACK_RATE_LIMITS, "address": (2, 600)}
    settings.TRUSTED_PROXY_COUNT = 1
    link = issue()
    url = reverse("feedback:respond", args=[link.token])
    first = {"HTTP_X_FORWARDED_FOR": "192.0.2.1"}
    second = {"HTTP_X_FORWARDED_FOR": "192.0.2.2"}
    assert [client.get(url, **first).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(url, **second).status_code == 200
