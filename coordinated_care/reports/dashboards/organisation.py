"""The organisation dashboard: progress and development needs across the learners of an
organisation and everything under it (ICB → PCN → practice), for its employers and commissioners.

Counts only: how many criteria are signed off, how many are development needs and where they
cluster, who is behind the pace. Nothing a learner wrote is read here, so nothing of it can show.
The counts are the portfolio's own (`portfolios.progress.progress_counts`), for every learner in
scope at once, in a fixed number of queries."""

from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from coordinated_care.accounts.models import Organisation
from coordinated_care.portfolios.progress import SIGNED_OFF, progress_counts
from coordinated_care.programmes.models import Criterion, Enrolment

from .charts import bar_chart
from .cohort import NO_FILTERS, page_number, pagination
from .pace import pace_of

STAFF_PER_PAGE = 50
CLUSTERS_SHOWN = 10
LEVELS = (
    (Organisation.Kind.ICB, "By integrated care board (ICB)"),
    (Organisation.Kind.PCN, "By primary care network (PCN)"),
    (Organisation.Kind.PRACTICE, "By practice"),
)


def enrolments_under(organisation):
    """Enrolments at practices in `organisation` or under it (withdrawn ones left out)."""
    below = Q(practice=organisation) | Q(practice__parent=organisation) | Q(practice__parent__parent=organisation)
    return (
        Enrolment.objects.filter(below)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("learner", "cohort__programme", "practice__parent__parent", "progress_facts")
        .order_by("learner__full_name", "pk")
    )


def units_of(practice):
    """The practice and the PCN and ICB above it, where there are."""
    units = [practice]
    node = practice.parent
    while node is not None:
        units.append(node)
        node = node.parent
    return units


@dataclass
class StaffRow:
    enrolment: object
    criteria_total: int
    signed_off: int
    development_needs: int
    documents_done: int
    documents_total: int
    pace: object
    needs: list = field(default_factory=list)  # criterion ids with a development need


@dataclass
class Unit:
    organisation: object
    learners: int = 0
    in_progress: int = 0
    completed: int = 0
    criteria: int = 0
    signed_off: int = 0
    development_needs: int = 0
    with_needs: int = 0
    behind: int = 0

    @property
    def signed_off_percent(self):
        return round(100 * self.signed_off / self.criteria) if self.criteria else 0

    def add(self, row):
        self.learners += 1
        self.in_progress += row.enrolment.status == Enrolment.Status.ACTIVE
        self.completed += row.enrolment.status == Enrolment.Status.COMPLETED
        self.criteria += row.criteria_total
        self.signed_off += row.signed_off
        self.development_needs += row.development_needs
        self.with_needs += bool(row.development_needs)
        self.behind += row.pace.behind


def staff_rows(enrolments, today):
    enrolments = list(enrolments)
    counts = progress_counts(enrolments, today)
    rows = []
    for enrolment in enrolments:
        one = counts[enrolment.pk]
        signed = sum(1 for c in one.criteria if one.outcomes.get(c.pk) in SIGNED_OFF)
        needs = [c.pk for c in one.criteria if one.outcomes.get(c.pk) == "development_need"]
        rows.append(
            StaffRow(
                enrolment=enrolment,
                criteria_total=len(one.criteria),
                signed_off=signed,
                development_needs=len(needs),
                documents_done=sum(1 for d in one.documents if d.done),
                documents_total=len(one.documents),
                pace=pace_of(enrolment, len(one.criteria), signed, today),
                needs=needs,
            )
        )
    return rows


def aggregate(rows):
    """{kind: [Unit, ...]} by ICB, PCN and practice, each by name."""
    units = {}
    for row in rows:
        for organisation in units_of(row.enrolment.practice):
            units.setdefault(organisation.pk, Unit(organisation)).add(row)
    by_kind = {kind: [] for kind, _ in LEVELS}
    for unit in sorted(units.values(), key=lambda u: (u.organisation.name, u.organisation.pk)):
        if unit.organisation.kind in by_kind:
            by_kind[unit.organisation.kind].append(unit)
    return by_kind


def clusters(rows):
    """Where development needs cluster: (criteria, competencies), each a list of (object,
    learners with a development need on it), most first; two queries."""
    per_criterion = Counter(criterion_id for row in rows for criterion_id in row.needs)
    if not per_criterion:
        return [], []
    criteria = Criterion.objects.filter(pk__in=per_criterion).select_related("group").in_bulk()
    mapping = Criterion.competencies.through.objects.filter(criterion_id__in=per_criterion).select_related(
        "frameworkitem"
    )
    items, competencies_of = {}, {}
    for link in mapping:
        items[link.frameworkitem_id] = link.frameworkitem
        competencies_of.setdefault(link.criterion_id, set()).add(link.frameworkitem_id)
    # A learner counts once for a competency, however many of its criteria are development needs.
    per_competency = Counter(
        item_id
        for row in rows
        for item_id in set().union(*(competencies_of.get(criterion_id, set()) for criterion_id in row.needs))
    )

    def ranked(counter, objects):
        return [
            (objects[key], n)
            for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], getattr(objects[kv[0]], "code", "")))
        ]

    return ranked(per_criterion, criteria), ranked(per_competency, items)


def organisation_facts(organisation, today=None):
    today = today or timezone.localdate()
    rows = staff_rows(enrolments_under(organisation), today)
    by_kind = aggregate(rows)
    by_criterion, by_competency = clusters(rows)
    return rows, by_kind, by_criterion, by_competency


def _unit_label(organisation):
    return organisation.name


def organisation_page(organisation, params, today=None):
    today = today or timezone.localdate()
    rows, by_kind, by_criterion, by_competency = organisation_facts(organisation, today)
    levels = [
        {
            "kind": kind,
            "heading": heading,
            "units": by_kind[kind],
            "chart": bar_chart(
                f"chart-{kind}",
                f"Criteria signed off, {heading[0].lower()}{heading[1:]}",
                [
                    (_unit_label(u.organisation), u.signed_off_percent, f"{u.signed_off_percent}%")
                    for u in by_kind[kind]
                ],
                maximum=100,
                description="The share of their learners' criteria signed off so far, for each organisation.",
            ),
        }
        for kind, heading in LEVELS
        if by_kind[kind]
    ]
    shown = by_competency[:CLUSTERS_SHOWN]
    competency_chart = bar_chart(
        "chart-competencies",
        "Learners with a development need, by competency",
        [(f"{item.code} {item.title}", n, str(n)) for item, n in shown],
        description="For each competency of the framework, how many learners have a development need "
        "recorded on a criterion mapped to it; the most first.",
    )
    page = Paginator(rows, STAFF_PER_PAGE).get_page(page_number(params.get("page")))
    here = {"organisation_uuid": organisation.uuid}
    return {
        "page_title": f"Progress across {organisation.name}",
        "organisation": organisation,
        "totals": by_kind_total(rows),
        "levels": levels,
        "by_criterion": by_criterion,
        "by_competency": by_competency,
        "competency_chart": competency_chart if shown else None,
        "staff": page,
        "pagination": pagination(page, NO_FILTERS) if page.has_other_pages() else None,
        "csv_href": reverse("organisation_dashboard_download", kwargs={**here, "fmt": "csv"}),
        "xlsx_href": reverse("organisation_dashboard_download", kwargs={**here, "fmt": "xlsx"}),
    }


def by_kind_total(rows):
    total = Unit(None)
    for row in rows:
        total.add(row)
    return total


UNIT_HEAD = [
    "Level",
    "Organisation",
    "Learners",
    "In progress",
    "Completed",
    "Criteria signed off",
    "Criteria (all learners)",
    "Signed off (%)",
    "Development needs",
    "Learners with a development need",
    "Behind the pace",
]
STAFF_HEAD = [
    "Learner",
    "Practice",
    "Cohort",
    "Status",
    "Month of programme",
    "Criteria signed off",
    "Criteria",
    "Expected by now",
    "Behind the pace",
    "Development needs",
    "Required documents done",
]
CLUSTER_HEAD = ["Competency", "Title", "Learners with a development need"]


def unit_table(by_kind):
    labels = dict(LEVELS)
    return [
        [
            labels[kind][3:],
            u.organisation.name,
            u.learners,
            u.in_progress,
            u.completed,
            u.signed_off,
            u.criteria,
            u.signed_off_percent,
            u.development_needs,
            u.with_needs,
            u.behind,
        ]
        for kind, _ in LEVELS
        for u in by_kind[kind]
    ]


def staff_table(rows):
    return [
        [
            r.enrolment.learner.display_name,
            r.enrolment.practice.name,
            r.enrolment.cohort.name,
            r.enrolment.get_status_display(),
            r.pace.month,
            r.signed_off,
            r.criteria_total,
            r.pace.expected,
            "Yes" if r.pace.behind else "No",
            r.development_needs,
            r.documents_done,
        ]
        for r in rows
    ]


def cluster_table(by_competency):
    return [[item.code, item.title, n] for item, n in by_competency]
