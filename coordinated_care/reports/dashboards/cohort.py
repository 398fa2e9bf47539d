"""The cohort dashboard: a programme lead's view of every learner of a cohort at once.

Each learner's criteria (signed off, evidence, development need, nothing) and required documents
are the portfolio's own progress facts (`portfolios.progress.progress_counts`, with the assessment
and feedback apps' providers), counted here for a page of learners only, so that a page costs the
same queries whatever the cohort's size. The downloads count the whole cohort (or what the filters
keep) the same way, once."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from coordinated_care.accounts.models import Organisation
from coordinated_care.portfolios.progress import SIGNED_OFF, progress_counts
from coordinated_care.programmes.models import Attendance, Workshop
from coordinated_care.programmes.presenters.cohorts import learners_pagination

from .pace import pace_of

LEARNERS_PER_PAGE = 50

# What a cell of the learners × criteria grid shows: (key, words, short form, NHS.UK tag colour).
CELL_STATES = {
    "signed_off": ("Signed off", "S", "green"),
    "development_need": ("Development need", "D", "orange"),
    "evidence": ("Evidence", "E", "blue"),
    "nothing": ("Nothing yet", "–", "grey"),
}
DOCUMENT_STATES = {"done": "Done", "in_progress": "In progress", "not_started": "Not started"}


def cell_state(outcome, evidence_count):
    """A criterion's cell from the portfolio's facts: a sign-off or a development need (the
    assessment app's outcome) first, then whether anything is linked to it as evidence. Awaiting
    sign-off, or signed off but changed since, shows as the evidence it has."""
    if outcome in SIGNED_OFF:
        return "signed_off"
    if outcome == "development_need":
        return "development_need"
    return "evidence" if evidence_count else "nothing"


@dataclass
class LearnerRow:
    enrolment: object
    criteria: list  # cell states, in the programme's order of criteria
    documents: list  # DocumentProgress, in the programme's order
    pace: object
    attended: int = 0
    portfolio_href: str = ""
    pcn: object = None

    @property
    def signed_off(self):
        return self.criteria.count("signed_off")

    @property
    def development_needs(self):
        return self.criteria.count("development_need")

    @property
    def with_evidence(self):
        return sum(1 for state in self.criteria if state != "nothing")

    @property
    def documents_done(self):
        return sum(1 for document in self.documents if document.done)


def pcn_of(practice):
    parent = practice.parent
    return parent if parent is not None and parent.kind == Organisation.Kind.PCN else None


def learner_rows(cohort, enrolments, today=None):
    """(the programme's criteria, a LearnerRow per enrolment) for enrolments loaded with their
    learner, practice and stored progress facts, in their order: the progress counts' queries."""
    today = today or timezone.localdate()
    enrolments = list(enrolments)
    for enrolment in enrolments:
        enrolment.cohort = cohort
    if not enrolments:
        return [], []
    counts = progress_counts(enrolments, today)
    rows = []
    for enrolment in enrolments:
        one = counts[enrolment.pk]
        states = [cell_state(one.outcomes.get(c.pk, ""), one.evidence.get(c.pk, 0)) for c in one.criteria]
        rows.append(
            LearnerRow(
                enrolment=enrolment,
                criteria=states,
                documents=one.documents,
                pace=pace_of(enrolment, len(states), states.count("signed_off"), today),
                attended=one.attended,
                portfolio_href=reverse("portfolios:overview", args=[enrolment.uuid]),
                pcn=pcn_of(enrolment.practice),
            )
        )
    return counts[enrolments[0].pk].criteria, rows


@dataclass
class Filters:
    """The PCN and practice chosen, from the cohort's own: anything else is ignored."""

    practices: list  # the cohort's learners' practices, by name
    pcns: list
    practice: object = None
    pcn: object = None
    query: dict = field(default_factory=dict)

    def apply(self, enrolments):
        if self.practice is not None:
            enrolments = enrolments.filter(practice=self.practice)
        if self.pcn is not None:
            enrolments = enrolments.filter(practice__parent=self.pcn)
        return enrolments

    def querystring(self, **more):
        from urllib.parse import urlencode

        return urlencode({**self.query, **more})


# For pages with no filters of their own: their pagination keeps nothing but the page.
NO_FILTERS = Filters(practices=[], pcns=[])


def filters_for(cohort, params):
    practices = list(
        Organisation.objects.filter(pk__in=cohort.enrolments.values("practice"))
        .select_related("parent")
        .order_by("name")
    )
    pcns = sorted({p.parent for p in practices if pcn_of(p) is not None}, key=lambda o: (o.name, o.pk))
    by_uuid = {str(o.uuid): o for o in practices + pcns}
    chosen = Filters(practices=practices, pcns=pcns)
    for name in ("pcn", "practice"):
        found = by_uuid.get(params.get(name) or "")
        if found is not None and (found.kind == Organisation.Kind.PCN) == (name == "pcn"):
            setattr(chosen, name, found)
            chosen.query[name] = str(found.uuid)
    return chosen


def cohort_enrolments(cohort, filters):
    learners = cohort.enrolments.select_related("learner", "practice__parent", "progress_facts").order_by(
        "status", "learner__full_name", "pk"
    )
    return filters.apply(learners)


def page_number(text):
    try:
        return max(int(text), 1)
    except (TypeError, ValueError):  # missing, junk, or too many digits to be a page
        return 1


def pagination(page, filters):
    """The NHS.UK pagination component's links, keeping the filters."""
    return learners_pagination(page, href=lambda number: "?" + filters.querystring(page=number) + "#learners")


def workshop_rows(cohort, today):
    """The cohort's workshops with how many were marked, and the link to each register: one query."""
    workshops = (
        Workshop.objects.filter(cohort=cohort)
        .annotate(
            marked=Count("attendances"),
            attended=Count("attendances", filter=Q(attendances__mark=Attendance.Mark.ATTENDED)),
        )
        .order_by("number")
    )
    return [
        {
            "workshop": workshop,
            "past": workshop.date < today,
            "attended": workshop.attended,
            "marked": workshop.marked,
            "href": reverse("attendance_register", kwargs={"cohort_uuid": cohort.uuid, "number": workshop.number}),
        }
        for workshop in workshops
    ]


def dashboard_page(cohort, params, today=None):
    """`cohort` with its programme loaded; `params` the request's GET."""
    today = today or timezone.localdate()
    filters = filters_for(cohort, params)
    page = Paginator(cohort_enrolments(cohort, filters), LEARNERS_PER_PAGE).get_page(page_number(params.get("page")))
    criteria, rows = learner_rows(cohort, page.object_list, today)
    downloads = "?" + filters.querystring() if filters.query else ""
    return {
        "page_title": f"Dashboard: {cohort.name}",
        "cohort": cohort,
        "filters": filters,
        "rows": rows,
        "criteria": criteria,
        "documents": rows[0].documents if rows else [],
        "learners": page,
        "pagination": pagination(page, filters) if page.has_other_pages() else None,
        "behind": [row for row in rows if row.pace.behind],
        "workshops": workshop_rows(cohort, today),
        "cell_states": CELL_STATES,
        "document_states": DOCUMENT_STATES,
        "cohort_href": reverse("programmes:cohort", kwargs={"uuid": cohort.uuid}),
        "csv_href": reverse("cohort_dashboard_download", kwargs={"cohort_uuid": cohort.uuid, "fmt": "csv"}) + downloads,
        "xlsx_href": reverse("cohort_dashboard_download", kwargs={"cohort_uuid": cohort.uuid, "fmt": "xlsx"})
        + downloads,
    }


# The downloads: every learner the filters keep, one row each.


def export_head(criteria, documents, workshops):
    return [
        "Learner",
        "Practice",
        "PCN",
        "Status",
        "Month of programme",
        "Criteria signed off",
        "Expected by now",
        "Behind the pace",
        "Criteria with evidence",
        "Development needs",
        "Required documents done",
        *[f"{c.code} {c.title}" for c in criteria],
        *[d.get_kind_display() for d in documents],
        *[f"WS{w.number}" for w in workshops],
    ]


def export_table(cohort, params, today=None):
    """(head, rows) for the CSV and XLSX downloads."""
    today = today or timezone.localdate()
    filters = filters_for(cohort, params)
    criteria, rows = learner_rows(cohort, cohort_enrolments(cohort, filters), today)
    workshops = list(Workshop.objects.filter(cohort=cohort).order_by("number"))
    marks = {}
    for enrolment_id, workshop_id, mark in Attendance.objects.filter(workshop__cohort=cohort).values_list(
        "enrolment", "workshop", "mark"
    ):
        marks[(enrolment_id, workshop_id)] = Attendance.Mark(mark).label
    documents = [d.document for d in rows[0].documents] if rows else []
    table = []
    for row in rows:
        enrolment = row.enrolment
        table.append(
            [
                enrolment.learner.display_name,
                enrolment.practice.name,
                row.pcn.name if row.pcn else "",
                enrolment.get_status_display(),
                row.pace.month,
                row.signed_off,
                row.pace.expected,
                "Yes" if row.pace.behind else "No",
                row.with_evidence,
                row.development_needs,
                row.documents_done,
                *[CELL_STATES[state][0] for state in row.criteria],
                *[DOCUMENT_STATES[d.state] for d in row.documents],
                *[marks.get((enrolment.pk, w.pk), "Not marked") for w in workshops],
            ]
        )
    return export_head(criteria, documents, workshops), table
