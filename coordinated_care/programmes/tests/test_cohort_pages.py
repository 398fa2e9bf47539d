"""The pages a programme lead runs cohorts from: who may use them, what they show, what they
change, and what they cost in queries."""

import datetime
import html as html_module
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import EVERYONE, Access, check_access
from coordinated_care.accounts.models import Role, RoleAssignment, User
from coordinated_care.programmes.models import Cohort, Enrolment
from coordinated_care.programmes.tests.factories import EnrolmentFactory, shipped_programme

pytestmark = pytest.mark.django_db

# Who runs the cohort: its leads and the administrators. Everyone else is told it does not exist.
RUNNERS = frozenset({"programme_lead", "administrator"})
# A form posted empty is shown again with its errors, and changes nothing.
FORM = {"post_status": 200, "changes": False}
VIEWS = {
    "cohort list": (lambda cohort: "/cohorts/", Access(RUNNERS, get=RUNNERS)),
    # Administrators set cohorts up in the Django admin.
    "set up a cohort": (
        lambda cohort: "/cohorts/new/",
        Access(RUNNERS, get={"programme_lead"}, post={"programme_lead"}, **FORM),
    ),
    "cohort": (lambda cohort: f"/cohorts/{cohort.uuid}/", Access(RUNNERS, get=RUNNERS)),
    "change a workshop": (
        lambda cohort: f"/cohorts/{cohort.uuid}/workshops/3/",
        Access(RUNNERS, get=RUNNERS, post=RUNNERS, **FORM),
    ),
    "enrol a learner": (
        lambda cohort: f"/cohorts/{cohort.uuid}/enrol/",
        Access(RUNNERS, get=RUNNERS, post=RUNNERS, **FORM),
    ),
}


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("view", VIEWS)
def test_only_the_cohorts_leads_and_administrators_see_or_change_it(view, persona, enrolment, request):
    path, access = VIEWS[view]
    check_access(
        request,
        persona,
        path(enrolment.cohort),
        access,
        state=lambda: (Cohort.objects.count(), Enrolment.objects.count()),
    )


def test_a_lead_of_another_cohort_is_told_it_does_not_exist(cohort, signed_in):
    from coordinated_care.accounts.models import Organisation
    from coordinated_care.accounts.tests.factories import OrganisationFactory, RoleAssignmentFactory

    other_lead = RoleAssignmentFactory(
        role=Role.PROGRAMME_LEAD, organisation=OrganisationFactory(kind=Organisation.Kind.TRAINING_PROVIDER)
    ).user
    client = signed_in(other_lead)
    for path, _ in VIEWS.values():
        if str(cohort.uuid) in path(cohort):
            assert client.get(path(cohort)).status_code == 404
    assert str(cohort.uuid) not in client.get("/cohorts/").content.decode()


def test_a_missing_cohort_is_not_found(signed_in, programme_lead):
    assert signed_in(programme_lead).get("/cohorts/00000000-0000-0000-0000-000000000000/").status_code == 404


def date_fields(name, date):
    return {f"{name}_day": str(date.day), f"{name}_month": str(date.month), f"{name}_year": str(date.year)}


def test_a_lead_sets_up_a_cohort_and_its_workshops_are_dated(signed_in, programme_lead, training_provider):
    programme = shipped_programme()
    client = signed_in(programme_lead)
    response = client.post(
        "/cohorts/new/",
        {
            "programme": programme.pk,
            "name": "Spring cohort",
            **date_fields("start_date", datetime.date(2027, 3, 1)),
            "training_provider": training_provider.pk,
        },
    )
    cohort = Cohort.objects.get(name="Spring cohort")
    assert response.status_code == 302 and response["Location"] == f"/cohorts/{cohort.uuid}/"
    assert list(cohort.leads.all()) == [programme_lead]
    assert cohort.workshops.count() == 12
    page = client.get(response["Location"]).content.decode()
    assert "Spring cohort is set up, with its 12 workshops dated from the plan." in page
    assert "1 March 2027" in page and "15 March 2027" in page


def errors_of(response):
    html = response.content.decode()
    pattern = (
        r'class="nhsuk-error-message"[^>]*>\s*'
        r'<span class="nhsuk-u-visually-hidden">Error:\s*</span>([^<]+)</span>'
    )
    return [html_module.unescape(" ".join(message.split())) for message in re.findall(pattern, html)]


def test_setting_up_a_cohort_says_plainly_what_is_missing(signed_in, programme_lead):
    shipped_programme()
    response = signed_in(programme_lead).post("/cohorts/new/", {})
    assert response.status_code == 200
    assert errors_of(response) == [
        "Choose the programme the cohort runs",
        "Enter the cohort's name",
        "Enter the start date",
        "Choose the training provider that runs the cohort",
    ]
    html = response.content.decode()
    assert 'href="#id_start_date_day"' in html and 'id="id_start_date_day"' in html
    assert 'href="#id_programme"' in html and 'id="id_programme"' in html


@pytest.mark.parametrize(
    "day, month, year, error",
    [
        ("1", "", "2027", "Start date must include a month"),
        ("", "", "2027", "Start date must include a day and a month"),
        ("31", "2", "2027", "Start date must be a real date"),
        ("1", "March", "2027", "Start date must be a real date"),
        ("1", "3", "27", "Year must include 4 numbers"),
    ],
)
def test_a_start_date_must_be_a_whole_real_date(signed_in, programme_lead, training_provider, day, month, year, error):
    response = signed_in(programme_lead).post(
        "/cohorts/new/",
        {
            "programme": shipped_programme().pk,
            "name": "Spring cohort",
            "start_date_day": day,
            "start_date_month": month,
            "start_date_year": year,
            "training_provider": training_provider.pk,
        },
    )
    assert errors_of(response) == [error]
    assert f'value="{year}"' in response.content.decode()  # what was typed is kept


def test_a_lead_can_only_choose_their_own_training_provider(signed_in, programme_lead):
    from coordinated_care.accounts.models import Organisation
    from coordinated_care.accounts.tests.factories import OrganisationFactory

    elsewhere = OrganisationFactory(kind=Organisation.Kind.TRAINING_PROVIDER, name="Someone Else's Hub")
    client = signed_in(programme_lead)
    assert "Someone Else&#39;s Hub" not in client.get("/cohorts/new/").content.decode()
    response = client.post(
        "/cohorts/new/",
        {
            "programme": shipped_programme().pk,
            "name": "X",
            **date_fields("start_date", datetime.date(2027, 3, 1)),
            "training_provider": elsewhere.pk,
        },
    )
    assert errors_of(response) == ["Choose one of your training providers"]
    assert not Cohort.objects.filter(name="X").exists()


def test_a_lead_moves_a_workshop(signed_in, programme_lead, cohort):
    client = signed_in(programme_lead)
    path = f"/cohorts/{cohort.uuid}/workshops/3/"
    form = client.get(path).content.decode()
    ws3 = cohort.workshops.get(number=3)
    assert f'value="{ws3.date.day}"' in form
    response = client.post(path, {**date_fields("date", datetime.date(2030, 5, 6)), "location": "Valley Hub, room 1"})
    assert response.status_code == 302
    ws3.refresh_from_db()
    assert (ws3.date, ws3.location) == (datetime.date(2030, 5, 6), "Valley Hub, room 1")
    page = client.get(response["Location"]).content.decode()
    assert "WS3 is now on 6 May 2030." in page and "Valley Hub, room 1" in page


def test_moving_a_workshop_needs_a_real_date(signed_in, programme_lead, cohort):
    response = signed_in(programme_lead).post(f"/cohorts/{cohort.uuid}/workshops/3/", {"location": "Online"})
    assert errors_of(response) == ["Enter the date"]
    assert signed_in(programme_lead).get(f"/cohorts/{cohort.uuid}/workshops/13/").status_code == 404


def enrolment_form(practice, facilitator, **overrides):
    return {
        "learner_email": "new.learner@example.test",
        "learner_full_name": "New Learner",
        "practice": practice.pk,
        "facilitator": facilitator.pk,
        "supervisor": "",
        "additional_signatory_name": "",
        "additional_signatory_email": "",
        **overrides,
    }


def test_a_lead_enrols_a_new_learner_making_their_account(
    signed_in, programme_lead, cohort, practice, facilitator, supervisor
):
    client = signed_in(programme_lead)
    response = client.post(
        f"/cohorts/{cohort.uuid}/enrol/",
        enrolment_form(
            practice,
            facilitator,
            supervisor=supervisor.pk,
            additional_signatory_name="Dr Extra",
            additional_signatory_email="extra@example.test",
        ),
    )
    assert response.status_code == 302
    learner = User.objects.get(email="new.learner@example.test")
    enrolment = Enrolment.objects.get(cohort=cohort, learner=learner)
    assert (enrolment.practice, enrolment.facilitator, enrolment.supervisor) == (practice, facilitator, supervisor)
    assert enrolment.additional_signatory_name == "Dr Extra"
    assert RoleAssignment.objects.filter(user=learner, role=Role.LEARNER, organisation=practice).exists()
    page = client.get(response["Location"]).content.decode()
    assert "New Learner is enrolled on" in page and "An account was made for new.learner@example.test" in page
    assert f'href="/portfolio/{enrolment.uuid}/"' in page


def test_enrolling_says_plainly_what_is_wrong(
    signed_in, programme_lead, cohort, practice, facilitator, supervisor, enrolment
):
    client = signed_in(programme_lead)
    path = f"/cohorts/{cohort.uuid}/enrol/"
    assert errors_of(client.post(path, {})) == [
        "Enter the learner's e-mail address",
        "Choose the learner's practice",
        "Choose the learner's practice-based facilitator",
    ]
    assert errors_of(client.post(path, enrolment_form(practice, facilitator, learner_full_name=""))) == [
        "Enter the learner's full name: there is no account for this e-mail address yet."
    ]
    assert errors_of(client.post(path, enrolment_form(practice, supervisor))) == ["Choose a facilitator from the list"]
    assert errors_of(
        client.post(path, enrolment_form(practice, facilitator, learner_email=enrolment.learner.email))
    ) == ["Test Learner is already enrolled on this cohort."]
    assert errors_of(client.post(path, enrolment_form(practice, facilitator, learner_email="not-an-address"))) == [
        "Enter an e-mail address in the correct format, like name@example.com"
    ]
    assert errors_of(
        client.post(path, enrolment_form(practice, facilitator, additional_signatory_email="x@example.test"))
    ) == ["Enter the additional signatory's name"]
    assert not User.objects.filter(email="new.learner@example.test").exists()


def test_the_cohort_page_shows_each_learner_with_their_people_and_progress(signed_in, programme_lead, enrolment):
    page = signed_in(programme_lead).get(f"/cohorts/{enrolment.cohort.uuid}/").content.decode()
    for text in (
        "Test Learner",
        "Test Practice",
        "Assigned Facilitator",
        "Test Supervisor",
        "Evidence for 0 of 30 criteria",
        "Documents missing: 7",
        "Overdue actions: 0",
    ):
        assert text in page
    # The factory's cohort started five weeks ago: one criterion should have evidence by now.
    assert "Falling behind" in page and "evidence for 0 of 30 criteria, 1 expected by now" in page
    assert f'href="/portfolio/{enrolment.uuid}/"' in page
    for number in range(1, 13):
        assert f"/cohorts/{enrolment.cohort.uuid}/workshops/{number}/" in page


def test_administrators_run_cohorts_but_do_not_open_portfolios(signed_in, administrator, enrolment):
    page = signed_in(administrator).get(f"/cohorts/{enrolment.cohort.uuid}/").content.decode()
    assert "Test Learner" in page
    assert f"/portfolio/{enrolment.uuid}/" not in page


def queries(client, path):
    """The queries of `path` once the progress of its learners is stored: the first request after
    a change counts the changed portfolios again (portfolios.facts, ADR 22), in the same queries
    however many changed."""
    with CaptureQueriesContext(connection) as counting:
        assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    assert len(counting) <= len(captured) + 20
    return len(captured)


def test_the_cohort_page_and_list_cost_a_fixed_number_of_queries(signed_in, programme_lead, enrolment):
    cohort = enrolment.cohort
    client = signed_in(programme_lead)
    one = (queries(client, f"/cohorts/{cohort.uuid}/"), queries(client, "/cohorts/"))
    for _ in range(9):
        EnrolmentFactory(cohort=cohort)
    ten = (queries(client, f"/cohorts/{cohort.uuid}/"), queries(client, "/cohorts/"))
    assert one == ten
    # The learners' stored progress: three of them on the list; two on the cohort page, whose page of
    # learners is read with their facts (select_related, was 13).
    assert ten[0] <= 12 and ten[1] <= 24


# The cohort page shows its learners a page at a time; two to a page here, so that a few learners
# make several pages.
@pytest.fixture
def two_a_page(monkeypatch):
    from coordinated_care.programmes.presenters import cohorts

    monkeypatch.setattr(cohorts, "LEARNERS_PER_PAGE", 2)


def enrol_learners(cohort, count):
    """Learner 1 to Learner `count`, which is also the order the page lists them in."""
    enrolments = []
    for n in range(1, count + 1):
        enrolment = EnrolmentFactory(cohort=cohort)
        enrolment.learner.full_name = f"Learner {n}"
        enrolment.learner.save(update_fields=["full_name"])
        enrolments.append(enrolment)
    return enrolments


def learners_shown(html):
    return re.findall(r'<a href="/portfolio/[^"]+/">([^<]+)</a>', html)


def pages_linked(html):
    """The pagination's numbered links as (number, href, current), and its ellipses as '…'."""
    nav = re.search(r'<nav class="nhsuk-pagination[^"]*"[^>]*aria-label="Pages of learners".*?</nav>', html, re.S)
    assert nav, "no pagination"
    items = re.findall(
        r'<li class="nhsuk-pagination__item[^"]*">\s*(?:<a class="nhsuk-pagination__link" href="([^"]+)"'
        r' aria-label="Page (\d+)"( aria-current="page")?|(&ctdot;))',
        nav.group(0),
    )
    links = [
        "…" if ellipsis else (int(number), html_module.unescape(href), bool(current))
        for href, number, current, ellipsis in items
    ]
    previous = re.search(r'href="([^"]+)" class="nhsuk-pagination__previous"', nav.group(0))
    following = re.search(r'href="([^"]+)" class="nhsuk-pagination__next"', nav.group(0))
    return (
        previous and html_module.unescape(previous.group(1)),
        links,
        following and html_module.unescape(following.group(1)),
    )


def cohort_page(client, cohort, query=""):
    response = client.get(f"/cohorts/{cohort.uuid}/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_the_first_page_of_learners_links_to_the_others(two_a_page, signed_in, programme_lead, cohort):
    enrol_learners(cohort, 9)
    html = cohort_page(signed_in(programme_lead), cohort)
    assert learners_shown(html) == ["Learner 1", "Learner 2"]
    assert "Showing 1 to 2 of 9 learners" in html
    assert pages_linked(html) == (
        None,
        [(1, "?page=1#learners", True), (2, "?page=2#learners", False), "…", (5, "?page=5#learners", False)],
        "?page=2#learners",
    )
    # The summary counts the whole cohort; the falling-behind list is of the learners shown.
    assert re.search(r"Learners\s*</dt>\s*<dd[^>]*>\s*9\s*</dd>", html)
    assert "Of learners 1 to 2, on this page:" in html
    assert "Learner 1: evidence for 0 of 30 criteria" in html and "Learner 3:" not in html


def test_a_middle_page_of_learners(two_a_page, signed_in, programme_lead, cohort):
    enrol_learners(cohort, 9)
    html = cohort_page(signed_in(programme_lead), cohort, "?page=3")
    assert learners_shown(html) == ["Learner 5", "Learner 6"]
    assert "Showing 5 to 6 of 9 learners" in html
    previous, links, following = pages_linked(html)
    assert (previous, following) == ("?page=2#learners", "?page=4#learners")
    assert [link[0] if link != "…" else link for link in links] == [1, 2, 3, 4, 5]
    assert [link[0] for link in links if link[2]] == [3]


def test_the_last_page_of_learners(two_a_page, signed_in, programme_lead, cohort):
    enrol_learners(cohort, 9)
    html = cohort_page(signed_in(programme_lead), cohort, "?page=5")
    assert learners_shown(html) == ["Learner 9"]
    assert "Showing 9 to 9 of 9 learners" in html
    previous, links, following = pages_linked(html)
    assert (previous, following) == ("?page=4#learners", None)
    assert links == [(1, "?page=1#learners", False), "…", (4, "?page=4#learners", False), (5, "?page=5#learners", True)]


@pytest.mark.parametrize(
    "query, shown",
    [
        ("?page=", ["Learner 1", "Learner 2"]),
        ("?page=abc", ["Learner 1", "Learner 2"]),
        ("?page=0", ["Learner 1", "Learner 2"]),
        ("?page=-3", ["Learner 1", "Learner 2"]),
        ("?page=1.5", ["Learner 1", "Learner 2"]),
        ("?page=" + "9" * 5000, ["Learner 1", "Learner 2"]),
        ("?page=%00", ["Learner 1", "Learner 2"]),
        ("?page=2&page=x", ["Learner 1", "Learner 2"]),  # the last of a repeated parameter
        ("?page=4", ["Learner 5"]),  # past the end: the last page
        ("?page=99999", ["Learner 5"]),
    ],
)
def test_a_page_number_that_is_not_a_page_shows_the_first_or_last(
    two_a_page, signed_in, programme_lead, cohort, query, shown
):
    enrol_learners(cohort, 5)
    assert learners_shown(cohort_page(signed_in(programme_lead), cohort, query)) == shown


def test_a_cohort_smaller_than_a_page_shows_no_pagination(signed_in, programme_lead, cohort):
    enrol_learners(cohort, 3)
    html = cohort_page(signed_in(programme_lead), cohort)
    assert learners_shown(html) == ["Learner 1", "Learner 2", "Learner 3"]
    assert "nhsuk-pagination" not in html and "Showing" not in html and "on this page" not in html


def test_only_the_learners_on_the_page_have_their_progress_counted(
    two_a_page, signed_in, programme_lead, cohort, monkeypatch
):
    from coordinated_care.programmes import providers

    enrolments = enrol_learners(cohort, 5)
    counted = []
    counter = providers._progress_counters[0]

    def counting(many, today):
        counted.append(sorted(enrolment.pk for enrolment in many))
        return counter(many, today)

    monkeypatch.setattr(providers, "_progress_counters", [counting])
    cohort_page(signed_in(programme_lead), cohort, "?page=2")
    assert counted == [sorted([enrolments[2].pk, enrolments[3].pk])]


def test_every_page_of_learners_costs_the_same_queries_whatever_the_cohorts_size(
    two_a_page, signed_in, programme_lead, cohort
):
    client = signed_in(programme_lead)
    enrol_learners(cohort, 3)  # two pages, the second of one learner
    small = {query: queries(client, f"/cohorts/{cohort.uuid}/{query}") for query in ("", "?page=2", "?page=x")}
    enrol_learners(cohort, 8)  # eleven learners, six pages
    large = {
        query: queries(client, f"/cohorts/{cohort.uuid}/{query}")
        for query in ("", "?page=3", "?page=6", "?page=x", "?page=60")
    }
    assert len(set(small.values()) | set(large.values())) == 1, (small, large)


def test_the_learners_table_escapes_what_people_typed(signed_in, programme_lead, administrator, cohort):
    (enrolment,) = enrol_learners(cohort, 1)
    enrolment.learner.full_name = "<b>Bold</b> & O'Brien"
    enrolment.learner.save(update_fields=["full_name"])
    for person in (programme_lead, administrator):
        html = cohort_page(signed_in(person), cohort)
        assert "&lt;b&gt;Bold&lt;/b&gt; &amp; O&#39;Brien" in html and "<b>Bold</b>" not in html
