"""What the logs and the error pages give away: a run of requests carrying e-mail addresses,
tokens and names leaves none of them in the JSON log output; an unhandled error shows a reference,
logged with the exception, and no trace."""

import io
import json
import logging
import re

import pytest
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.test import Client
from django.urls import include, path, reverse

from coordinated_care.core.logging import JsonFormatter

pytestmark = pytest.mark.django_db

EMAIL = "jo.bloggs-private@example.test"
NEW_STARTER = "new.starter-private@example.test"
TOKEN = "Zq3privateTOKENneverLogged7Yp0a1b2c3d4e5f6g7h8"
NAME = "Marigold Featherstonehaugh"


@login_not_required
def _broken(request):
    raise RuntimeError("a failure deep inside")


# The site's URLs, one view that fails, and the service's own error handler.
urlpatterns = [
    path("test-errors/500/", _broken),
    path("test-errors/500/<str:token>/", _broken),
    path("", include(settings.ROOT_URLCONF)),
]
handler500 = "coordinated_care.core.views.server_error"


@pytest.fixture
def json_log(caplog):
    """The log output as production writes it: the configured console handler (with its filters),
    writing JSON into a buffer instead of standard error."""
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "name", "") == "console")
    stream, formatter = io.StringIO(), handler.formatter
    previous = handler.setStream(stream)
    handler.setFormatter(JsonFormatter())
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.INFO, logger="coordinated_care.requests")
    yield stream
    handler.setStream(previous)
    handler.setFormatter(formatter)


@pytest.mark.urls(__name__)
def test_no_log_line_carries_an_address_a_token_or_a_name(
    json_log, enrolment, learner, programme_lead, facilitator, signed_in
):
    visitor = Client(raise_request_exception=False)
    visitor.post(reverse("account_login"), {"login": EMAIL, "password": "not-the-password"})
    visitor.post(reverse("account_reset_password"), {"email": EMAIL})
    visitor.get(reverse("feedback:respond", args=[TOKEN]) + f"?email={EMAIL}")
    visitor.get(reverse("assessments:invitation", args=[TOKEN]))
    visitor.get(f"/no-such-page/{TOKEN}/?email={EMAIL}")
    visitor.get(f"/test-errors/500/{TOKEN}/?name={NAME.replace(' ', '+')}&email={EMAIL}")
    enrolled = signed_in(programme_lead).post(
        reverse("programmes:enrol", args=[enrolment.cohort.uuid]),
        {
            "learner_email": NEW_STARTER,
            "learner_full_name": NAME,
            "practice": enrolment.practice_id,
            "facilitator": facilitator.pk,
        },
    )
    assert enrolled.status_code == 302, "the new starter was enrolled (and an e-mail queued for them)"
    learner_client = Client()
    learner_client.force_login(learner, backend="django.contrib.auth.backends.ModelBackend")
    saved = learner_client.post(
        reverse("portfolios:new_entry", args=[enrolment.uuid, "case-studies"]),
        {"title": "Working with the community team", "overview": "x", "coordination": "y", "outcomes": "z"},
    )
    assert saved.status_code == 302
    learner_client.get(reverse("portfolios:overview", args=[enrolment.uuid]) + f"?q={NAME.replace(' ', '+')}")
    lines = json_log.getvalue().splitlines()
    assert any(json.loads(line)["logger"] == "coordinated_care.requests" for line in lines), "the run was logged"
    assert any("server error" in line for line in lines)
    for secret in (EMAIL, NEW_STARTER, TOKEN, NAME, str(enrolment.uuid), learner.email):
        leaked = [line for line in lines if secret in line]
        assert not leaked, (secret, leaked)


@pytest.mark.urls(__name__)
def test_an_error_page_shows_a_reference_logged_with_the_exception_and_no_trace(json_log, caplog):
    response = Client(raise_request_exception=False).get("/test-errors/500/")
    assert response.status_code == 500
    html = response.content.decode()
    reference = re.search(r"quote this reference: <strong>([0-9A-F]{8})</strong>", html).group(1)
    assert "RuntimeError" not in html and "Traceback" not in html and "deep inside" not in html
    logged = [r for r in caplog.records if getattr(r, "reference", None) == reference]
    assert len(logged) == 1 and logged[0].exc_info[0] is RuntimeError
    line = next(json.loads(line) for line in json_log.getvalue().splitlines() if reference in line)
    assert line["reference"] == reference and "a failure deep inside" in line["exception"]
    assert line["route"] == "/test-errors/500/"


@pytest.mark.urls(__name__)
def test_each_error_has_its_own_reference():
    client = Client(raise_request_exception=False)
    pages = [client.get("/test-errors/500/").content.decode() for _ in range(2)]
    references = {re.search(r"<strong>([0-9A-F]{8})</strong>", page).group(1) for page in pages}
    assert len(references) == 2
