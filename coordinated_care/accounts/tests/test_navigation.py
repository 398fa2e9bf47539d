"""The header's links follow the person's roles; the facilitator's home summarises their caseload."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordinated_care.accounts.tests.factories import give_second_factor

ALL_LINKS = {"Home", "Your portfolio", "Caseload", "Cohorts", "Framework"}

EXPECTED = {
    "learner": ("/learner/", {"Home", "Your portfolio", "Framework"}),
    "facilitator": ("/facilitator/", {"Home", "Caseload", "Framework"}),
    "supervisor": ("/supervisor/", {"Home", "Framework"}),
    "programme_lead": ("/programme-lead/", {"Home", "Cohorts", "Framework"}),
    "employer": ("/employer/", {"Home", "Framework"}),
    "administrator": ("/administrator/", {"Home", "Cohorts", "Framework"}),
}


def header_links(html):
    header = html[html.index("<header") : html.index("</header>")]
    link = r'class="nhsuk-header__navigation-link"[^>]*>\s*(?:<strong[^>]*>)?([^<]+?)\s*<'
    return {text.strip() for text in re.findall(link, header)}


@pytest.mark.parametrize("persona", EXPECTED)
def test_the_header_links_follow_the_role(persona, request, signed_in):
    path, links = EXPECTED[persona]
    html = signed_in(request.getfixturevalue(persona)).get(path).content.decode()
    assert header_links(html) & ALL_LINKS == links


def test_the_header_links_lead_where_they_say(learner, facilitator, programme_lead, signed_in):
    assert f'href="{reverse("learner_home")}"' in signed_in(learner).get("/learner/").content.decode()
    assert f'href="{reverse("assessments:caseload")}"' in signed_in(facilitator).get("/facilitator/").content.decode()
    lead_home = signed_in(programme_lead).get("/programme-lead/").content.decode()
    assert f'href="{reverse("programmes:cohorts")}"' in lead_home


def test_someone_with_two_roles_gets_both_links(learner, practice, signed_in):
    from coordinated_care.accounts.models import Role
    from coordinated_care.accounts.services import grant_role

    grant_role(learner, Role.FACILITATOR, practice)
    give_second_factor(learner)  # a facilitator signs in with two factors
    html = signed_in(learner).get("/learner/").content.decode()
    assert {"Your portfolio", "Caseload"} <= header_links(html)


def test_signed_out_visitors_get_no_navigation(client, db):
    html = client.get(reverse("account_login")).content.decode()
    assert not header_links(html) & ALL_LINKS


def test_the_roles_are_read_once_a_request(learner, practice, signed_in):
    from coordinated_care.accounts.models import Role
    from coordinated_care.accounts.services import grant_role

    grant_role(learner, Role.FACILITATOR, practice)
    give_second_factor(learner)  # a facilitator signs in with two factors
    client = signed_in(learner)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/learner/").status_code == 200
    role_reads = [q for q in captured.captured_queries if 'SELECT "accounts_roleassignment"."role"' in q["sql"]]
    assert len(role_reads) == 1


def test_the_facilitator_home_summarises_the_caseload(enrolment, facilitator, signed_in):
    html = signed_in(facilitator).get("/facilitator/").content.decode()
    assert re.search(r"(Nothing is|\d+ things?) waiting for you", html)
    assert "across 1 learner." in html
    assert f'<a href="{reverse("assessments:caseload")}">Your caseload</a>' in html


def test_other_homes_have_no_caseload_summary(enrolment, learner, signed_in):
    assert "Your caseload" not in signed_in(learner).get("/learner/").content.decode()
