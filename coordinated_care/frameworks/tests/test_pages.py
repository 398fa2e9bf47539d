"""Every framework page: sign-in required, readable by every role, fixed query counts, valid
structure (one h1, no skipped heading levels, no inline styles or scripts)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordinated_care.frameworks import services

from .factories import build_framework

SLUG = "making-sense-of-coordinated-care"

PAGES = {
    "index": ("framework:index", {}),
    "framework": ("framework:framework", {"slug": SLUG}),
    "version": ("framework:version", {"slug": SLUG, "number": 1}),
    "domain": ("framework:domain", {"slug": SLUG, "number": 1, "code": "REL"}),
    "competency": ("framework:item", {"slug": SLUG, "number": 1, "kind": "competency", "code": "REL.2"}),
    "theme": ("framework:item", {"slug": SLUG, "number": 1, "kind": "theme", "code": "COM.T1"}),
    "component": ("framework:item", {"slug": SLUG, "number": 1, "kind": "component", "code": "REL.1.2"}),
    "search": ("framework:search", {}),
    "checklist": ("framework:checklist", {"slug": SLUG}),
}
REDIRECTING = {"index", "framework"}


def url_of(page):
    name, kwargs = PAGES[page]
    return reverse(name, kwargs=kwargs)


def assert_well_formed(html):
    body = html.split('id="maincontent"', 1)[-1]
    assert len(re.findall(r"<h1[\s>]", body)) == 1
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", body)]
    for previous, current in zip(levels, levels[1:], strict=False):
        assert current <= previous + 1, f"heading level jumps from h{previous} to h{current}"
    assert "style=" not in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or "nonce=" in tag, tag


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(page, client, shipped):
    response = client.get(url_of(page))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("persona", ["learner", "facilitator", "employer", "programme_lead", "administrator"])
@pytest.mark.parametrize("page", PAGES)
def test_every_signed_in_role_can_read(page, persona, request, signed_in, shipped):
    client = signed_in(request.getfixturevalue(persona))
    response = client.get(url_of(page), follow=page in REDIRECTING)
    assert response.status_code == 200
    assert_well_formed(response.content.decode())


def test_the_index_goes_straight_to_the_current_version(signed_in, learner, shipped):
    response = signed_in(learner).get(reverse("framework:index"))
    assert response.status_code == 302
    assert response["Location"] == f"/framework/{SLUG}/v1/"
    assert signed_in(learner).get(f"/framework/{SLUG}/")["Location"] == f"/framework/{SLUG}/v1/"


def test_the_index_lists_frameworks_when_there_are_several(signed_in, learner, shipped):
    other = build_framework()
    page = signed_in(learner).get(reverse("framework:index")).content.decode()
    assert f'href="/framework/{SLUG}/v1/"' in page
    assert f'href="/framework/{other.framework.slug}/v1/"' in page


def test_the_index_says_when_nothing_is_published(signed_in, learner):
    page = signed_in(learner).get(reverse("framework:index")).content.decode()
    assert "No framework has been published yet" in page


def test_the_version_page_shows_each_domain_with_its_description_and_competencies(signed_in, learner, shipped):
    page = signed_in(learner).get(url_of("version")).content.decode()
    domains = ("Communication", "Relationships", "People centred care", "Continuous learning")
    positions = [page.index(f">{title}<") for title in domains]
    assert positions == sorted(positions)
    assert "Experiences of people who access care and support are investigated" in page
    assert f'href="/framework/{SLUG}/v1/theme/COM.T1/"' in page
    assert f'href="/framework/{SLUG}/v1/competency/REL.6/"' in page
    assert f'href="/framework/{SLUG}/v1/domain/PCC/"' in page
    assert f'href="/framework/{SLUG}/checklist/"' in page


def test_the_domain_page(signed_in, employer, shipped):
    page = signed_in(employer).get(url_of("domain")).content.decode()
    assert "Relationships</h1>" in page
    assert "The relationship with the patient is the most important role" in page
    assert "Relationships underpin effective inter-boundary working" in page
    assert f'href="/framework/{SLUG}/v1/competency/REL.1/"' in page
    assert 'aria-label="Breadcrumb"' in page


def test_the_competency_page_shows_code_identifier_components_and_breadcrumbs(signed_in, facilitator, shipped):
    item = shipped.items.get(code="REL.1")
    url = reverse("framework:item", kwargs={"slug": SLUG, "number": 1, "kind": "competency", "code": "REL.1"})
    page = signed_in(facilitator).get(url).content.decode()
    assert "Establish accountability or negotiate responsibility</h1>" in page
    assert str(item.identifier) in page
    assert "REL.1" in page
    assert f'href="/framework/{SLUG}/v1/component/REL.1.1/"' in page
    assert "Clarify the responsibility of participants" in page
    breadcrumb = page.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert f'href="/framework/{SLUG}/v1/"' in breadcrumb
    assert f'href="/framework/{SLUG}/v1/domain/REL/"' in breadcrumb


def test_a_component_page_breadcrumbs_through_its_competency(signed_in, learner, shipped):
    page = signed_in(learner).get(url_of("component")).content.decode()
    breadcrumb = page.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert f'href="/framework/{SLUG}/v1/competency/REL.1/"' in breadcrumb


def test_the_mended_competency_shows_its_editorial_note(signed_in, learner, shipped):
    url = reverse("framework:item", kwargs={"slug": SLUG, "number": 1, "kind": "competency", "code": "REL.6"})
    page = signed_in(learner).get(url).content.decode()
    assert "Relationships underpin effective inter-boundary working" in page
    assert "Portfolio Document" in page


@pytest.mark.parametrize(
    "url",
    [
        f"/framework/{SLUG}/v9/",
        f"/framework/{SLUG}/v1/domain/REL.1/",
        f"/framework/{SLUG}/v1/domain/NOPE/",
        f"/framework/{SLUG}/v1/theme/REL.1/",
        f"/framework/{SLUG}/v1/competency/COM/",
        f"/framework/{SLUG}/v1/widget/COM.1/",
        "/framework/no-such-framework/",
        "/framework/no-such-framework/checklist/",
    ],
)
def test_unknown_pages_are_not_found(url, signed_in, learner, shipped):
    assert signed_in(learner).get(url).status_code == 404


def test_drafts_are_for_administrators_only(signed_in, learner, administrator, shipped):
    draft = services.new_version_from(shipped)
    url = reverse("framework:version", kwargs={"slug": SLUG, "number": draft.number})
    assert signed_in(learner).get(url).status_code == 404
    page = signed_in(administrator).get(url)
    assert page.status_code == 200
    assert "This version is a draft" in page.content.decode()


def test_a_retired_version_is_still_readable_and_points_to_the_current_one(signed_in, learner, shipped):
    second = services.new_version_from(shipped)
    services.publish(second)
    services.retire(shipped)
    page = signed_in(learner).get(url_of("competency")).content.decode()
    assert "This version is retired" in page
    assert f'href="/framework/{SLUG}/v2/"' in page


# Search


def search(client, query):
    return client.get(reverse("framework:search"), {"q": query}).content.decode()


def test_search_finds_transitions_and_links_to_the_items(signed_in, learner, shipped):
    page = search(signed_in(learner), "transitions")
    assert f'href="/framework/{SLUG}/v1/competency/REL.2/"' in page  # Facilitate transitions
    assert f'href="/framework/{SLUG}/v1/competency/PCC.1/"' in page  # "transitions in care"
    assert f'href="/framework/{SLUG}/v1/competency/REL.5/"' in page  # "care transitions"
    assert 'value="transitions"' in page


def test_search_ignores_case_and_matches_inside_words(signed_in, learner, shipped):
    page = search(signed_in(learner), "Age")
    assert "Medication management" in page  # management
    assert f'href="/framework/{SLUG}/v1/competency/PCC.1/"' in page
    assert "result" in page


def test_search_needs_every_word(signed_in, learner, shipped):
    page = search(signed_in(learner), "medication  REVIEW")
    assert "1 result for" in page
    assert "Medication management" in page


def test_search_says_clearly_when_nothing_matches(signed_in, learner, shipped):
    page = search(signed_in(learner), "zebra crossing")
    assert "No results for ‘zebra crossing’" in page
    assert 'value="zebra crossing"' in page


def test_search_echoes_the_query_safely(signed_in, learner, shipped):
    page = search(signed_in(learner), '<script>alert("x")</script>')
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_search_shows_the_form_only(query, signed_in, learner, shipped):
    page = search(signed_in(learner), query)
    assert "No results" not in page
    assert "Search the titles and descriptions" in page
    label = re.search(r"<label([^>]*)>\s*Search the framework\s*</label>", page)
    assert label and 'for="framework-search"' in label[1] and "nhsuk-u-visually-hidden" in label[1]
    assert 'id="framework-search"' in page


def test_search_reads_only_current_versions(signed_in, learner, shipped):
    draft = services.new_version_from(shipped)
    services.update_item(draft.items.get(code="REL.2"), title="Facilitate handovers zebra")
    assert "No results" in search(signed_in(learner), "zebra")


# Query counts: the same however many items a framework has.


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code in (200, 302)
    return len(queries)


PAGE_URLS = {
    "version": "/framework/{slug}/v1/",
    "domain": "/framework/{slug}/v1/domain/D1/",
    "competency": "/framework/{slug}/v1/competency/D1.1/",
    "component": "/framework/{slug}/v1/component/D1.1.1/",
    "framework": "/framework/{slug}/",
    "checklist": None,
}


@pytest.mark.parametrize("page", [name for name, url in PAGE_URLS.items() if url])
def test_pages_take_a_fixed_number_of_queries(page, signed_in, learner, django_assert_num_queries):
    client = signed_in(learner)
    small = build_framework(domains=1, competencies=1, components=1)
    large = build_framework(domains=6, competencies=12, components=5, themes=4)
    small_count = count_queries(client, PAGE_URLS[page].format(slug=small.framework.slug))
    large_count = count_queries(client, PAGE_URLS[page].format(slug=large.framework.slug))
    assert small_count == large_count
    # One more than the framework's own queries: the header reads the person's roles once.
    expected = {"version": 6, "domain": 5, "competency": 5, "component": 5, "framework": 3}[page]
    with django_assert_num_queries(expected):
        client.get(PAGE_URLS[page].format(slug=large.framework.slug))


def test_search_and_index_take_a_fixed_number_of_queries(signed_in, learner, django_assert_num_queries):
    client = signed_in(learner)
    # Two frameworks, so that the index lists them both times (with one it redirects to it).
    build_framework(domains=1, competencies=1)
    build_framework(domains=1, competencies=1)
    index_small = count_queries(client, "/framework/")
    search_small = count_queries(client, "/framework/search?q=competency")
    build_framework(domains=6, competencies=12, components=5, themes=4)
    assert count_queries(client, "/framework/") == index_small
    assert count_queries(client, "/framework/search?q=competency") == search_small
    with django_assert_num_queries(6):
        client.get("/framework/search?q=competency")


def test_the_checklist_page_takes_a_fixed_number_of_queries(signed_in, learner, shipped, django_assert_num_queries):
    client = signed_in(learner)
    with django_assert_num_queries(6):
        client.get(url_of("checklist"))
