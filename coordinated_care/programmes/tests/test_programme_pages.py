"""The programme pages: the programme as the PD sets it out, for everyone signed in."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import EVERYONE, PERSONAS, Access, check_access
from coordinated_care.frameworks.models import FrameworkItem
from coordinated_care.programmes.models import Programme
from coordinated_care.programmes.tests.factories import shipped_programme

pytestmark = pytest.mark.django_db

PAGE = "/programmes/care-coordination-primary-care/"
VIEWS = {"programmes": "/programmes/", "programme": PAGE}


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("view", VIEWS)
def test_everyone_signed_in_reads_programmes(view, persona, request):
    shipped_programme()
    check_access(request, persona, VIEWS[view], Access(readers=PERSONAS, get=PERSONAS))


def test_the_page_sets_the_programme_out_as_the_pd_does(signed_in, learner):
    programme = shipped_programme()
    html = signed_in(learner).get(PAGE).content.decode()
    assert "<h1>" in html and "Care Coordination (Primary Care)" in html
    assert "6 months" in html and "PCI-accredited, 2-day care coordination training" in html
    titles = ("Personalised Care", "Communication Skills", "Relationship Skills", "Continuous Learning")
    positions = [html.index(f">{title}</h3>") for title in titles]
    assert positions == sorted(positions)
    for criterion in programme.criteria.all():
        assert f'id="criterion-{criterion.code.lower()}"' in html
    assert "Frequent communication helps to build relationships through the familiarity" in html
    assert "this wording is ours" in html  # the mended digital signposting criterion says so
    for n in range(1, 13):
        assert re.search(rf">\s*WS{n}\s*<", html)
    assert "Developing your case studies and action plan progress" in html
    assert "At least 3" in html and "Case studies" in html
    for value in ("Individuality", "Rights", "Choice", "Privacy", "Independence", "Dignity", "Respect", "Partnership"):
        assert f"<li>{value}</li>" in html


def test_each_criterion_links_to_the_framework_competencies_it_maps_to(signed_in, learner):
    programme = shipped_programme()
    client = signed_in(learner)
    html = client.get(PAGE).content.decode()
    version = programme.framework_version
    for item in FrameworkItem.objects.filter(criteria__programme=programme).distinct():
        kind = "domain" if item.kind == "domain" else item.kind
        href = f"/framework/{version.framework.slug}/v{version.number}/{kind}/{item.code}/"
        assert f'href="{href}"' in html, item
    competency = FrameworkItem.objects.get(version=version, title="Interpersonal communication")
    page = f"/framework/{version.framework.slug}/v{version.number}/competency/{competency.code}/"
    assert client.get(page).status_code == 200


def test_drafts_are_for_administrators_only(signed_in, learner, administrator):
    programme = shipped_programme()
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.DRAFT)
    assert signed_in(learner).get(PAGE).status_code == 404
    assert "Care Coordination" not in signed_in(learner).get("/programmes/").content.decode()
    page = signed_in(administrator).get(PAGE)
    assert page.status_code == 200 and "(draft)" in page.content.decode()


def test_an_unknown_programme_is_not_found(signed_in, learner):
    assert signed_in(learner).get("/programmes/no-such-programme/").status_code == 404


def test_the_page_costs_a_fixed_number_of_queries(signed_in, learner):
    shipped_programme()
    client = signed_in(learner)
    with CaptureQueriesContext(connection) as captured:
        client.get(PAGE)
    assert len(captured) <= 12
