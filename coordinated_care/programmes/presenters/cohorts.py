"""The pages a programme lead runs cohorts from. Every page costs a fixed number of queries,
however many cohorts, enrolments and portfolio entries there are."""

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone

from coordinated_care.programmes.models import Enrolment, Workshop
from coordinated_care.programmes.services import can_create_cohort, manageable_cohorts, versions

from .links import uuid_link
from .progress import summarise, weeks_elapsed

COHORTS_PER_PAGE = 50
LEARNERS_PER_PAGE = 50


def cohort_href(cohort):
    return reverse("programmes:cohort", kwargs={"uuid": cohort.uuid})


def cohort_rows(cohorts, today=None):
    """A row per cohort: learners in progress, how many are falling behind, the next workshop."""
    today = today or timezone.localdate()
    cohorts = list(cohorts)
    by_id = {cohort.pk: cohort for cohort in cohorts}
    enrolments = list(Enrolment.objects.filter(cohort_id__in=by_id).only("pk", "cohort_id", "status"))
    for enrolment in enrolments:
        enrolment.cohort = by_id[enrolment.cohort_id]
    summaries = summarise(enrolments, today)
    next_workshops = {}
    for workshop in Workshop.objects.filter(cohort_id__in=by_id, date__gte=today).order_by("date", "number"):
        next_workshops.setdefault(workshop.cohort_id, workshop)
    rows = []
    for cohort in cohorts:
        mine = [e for e in enrolments if e.cohort_id == cohort.pk]
        rows.append(
            {
                "cohort": cohort,
                "href": cohort_href(cohort),
                "learners": sum(1 for e in mine if e.status == Enrolment.Status.ACTIVE),
                "enrolments": len(mine),
                "falling_behind": sum(1 for e in mine if summaries[e.pk].falling_behind),
                "next_workshop": next_workshops.get(cohort.pk),
            }
        )
    return rows


def cohort_list_page(user, page_number=None, today=None):
    cohorts = manageable_cohorts(user).select_related("programme", "training_provider").order_by("-start_date", "name")
    page = Paginator(cohorts, COHORTS_PER_PAGE).get_page(page_number)
    return {
        "page_title": "Your cohorts",
        "rows": cohort_rows(page.object_list, today),
        "page": page,
        "can_create": can_create_cohort(user),
    }


def _page_number(text):
    try:
        return int(text)
    except (TypeError, ValueError):  # missing, junk, or too many digits to be a page
        return 1


def learners_pagination(page, href="?page={}#learners".format):
    """The NHS.UK pagination component's numbered links for a page of a cohort's learners: the
    first and last pages, and those either side of this one, with an ellipsis between. `href` makes
    a page's link from its number (a dashboard's keeps its filters)."""
    items = [
        {"ellipsis": True}
        if number == Paginator.ELLIPSIS
        else {"number": number, "href": href(number), "current": number == page.number}
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    return {
        "ariaLabel": "Pages of learners",
        "previous": {"href": href(page.previous_page_number())} if page.has_previous() else {},
        "next": {"href": href(page.next_page_number())} if page.has_next() else {},
        "items": items,
    }


def cohort_page(cohort, user, page_number=None, today=None):
    """`cohort` with its programme and training provider loaded; a page of its learners
    (LEARNERS_PER_PAGE, `page_number` as given in ?page=: anything that is not a page number, or
    is below 1, gives the first page, and a number past the end the last), whose progress alone is
    counted:
    the queries are the same whatever the cohort's size and the page."""
    today = today or timezone.localdate()
    learners = cohort.enrolments.select_related(
        "learner", "practice", "facilitator", "supervisor", "progress_facts"
    ).order_by("status", "learner__full_name", "pk")
    page = Paginator(learners, LEARNERS_PER_PAGE).get_page(max(_page_number(page_number), 1))
    enrolments = list(page.object_list)
    for enrolment in enrolments:
        enrolment.cohort = cohort
    summaries = summarise(enrolments, today)
    # Leads read their learners' portfolios; administrators run cohorts but do not read portfolios.
    reads_portfolios = cohort.leads.filter(pk=user.pk).exists()
    portfolio, schedule, delegations = (
        uuid_link(name) for name in ("portfolios:overview", "programmes:learner_schedule", "delegations:index")
    )
    rows = [
        {
            "enrolment": enrolment,
            "progress": summaries[enrolment.pk],
            "portfolio_href": portfolio(enrolment.uuid) if reads_portfolios else None,
            "schedule_href": schedule(enrolment.uuid),
            "delegations_href": delegations(enrolment.uuid),
        }
        for enrolment in enrolments
    ]
    return {
        "page_title": cohort.name,
        "cohort": cohort,
        "weeks_elapsed": weeks_elapsed(cohort, today) if today >= cohort.start_date else None,
        "workshops": [
            {
                "workshop": workshop,
                "href": reverse("programmes:workshop", kwargs={"uuid": cohort.uuid, "number": workshop.number}),
                "past": workshop.date < today,
            }
            for workshop in cohort.workshops.order_by("number")
        ],
        "rows": rows,
        "learners": page,
        "pagination": learners_pagination(page) if page.has_other_pages() else None,
        "falling_behind": [row for row in rows if row["progress"].falling_behind],
        "enrol_href": reverse("programmes:enrol", kwargs={"uuid": cohort.uuid}),
        "add_workshop_href": reverse("programmes:cohort_workshop_add", kwargs={"uuid": cohort.uuid}),
        # One query: a later published version of the programme the cohort could move to (ADR 17).
        "later_version": versions.later_versions(cohort).order_by("-version").first(),
        "move_href": reverse("programmes:cohort_version", kwargs={"uuid": cohort.uuid}),
        "programme_href": reverse("programmes:programme", kwargs={"slug": cohort.programme.slug}),
    }
