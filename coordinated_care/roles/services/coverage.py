"""Curriculum coverage: which competencies and components of the framework a programme or a course
covers, and how (a programme's criterion mapped to it, a workshop of its plan on that criterion's
group, a course's session), which none covers, and how that compares with a role profile.
Items are matched across framework versions by lineage (frameworks/README.md)."""

from dataclasses import dataclass, field

from django.db import transaction
from django.http import Http404

from coordinated_care.accounts.models import Organisation, Role
from coordinated_care.accounts.services import has_role
from coordinated_care.frameworks.services import Tree
from coordinated_care.programmes.models import Criterion, Programme, WorkshopPlanItem

from ..models import Course, Session
from .access import is_administrator
from .profiles import ordered_picks
from .specs import PICKABLE


def may_map_curricula(user):
    return user.is_authenticated and (has_role(user, Role.PROGRAMME_LEAD) or is_administrator(user))


def providers_of(user):
    """The training providers whose courses this person describes."""
    if is_administrator(user):
        return Organisation.objects.filter(kind=Organisation.Kind.TRAINING_PROVIDER)
    return Organisation.objects.filter(
        kind=Organisation.Kind.TRAINING_PROVIDER,
        role_assignments__user=user,
        role_assignments__role=Role.PROGRAMME_LEAD,
    ).distinct()


def managed_course(user, course_uuid):
    if not may_map_curricula(user):
        raise Http404
    course = (
        Course.objects.select_related("training_provider", "framework_version__framework")
        .filter(uuid=course_uuid, training_provider__in=providers_of(user))
        .first()
    )
    if course is None:
        raise Http404("No such course.")
    return course


@transaction.atomic
def create_course(*, training_provider, framework_version, title):
    return Course.objects.create(training_provider=training_provider, framework_version=framework_version, title=title)


@transaction.atomic
def add_session(course, *, title, learning_outcomes, items):
    Course.objects.select_for_update().get(pk=course.pk)
    position = (course.sessions.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    session = Session.objects.create(course=course, position=position, title=title, learning_outcomes=learning_outcomes)
    strays = [item for item in items if item.version_id != course.framework_version_id]
    if strays:
        raise ValueError("A session maps only to items of its course's framework version.")
    session.items.set(items)
    return session


@dataclass
class CoverageRow:
    item: object
    how: list = field(default_factory=list)  # e.g. "Criterion PC1", "Workshop WS3", "Session 2: ..."
    picked: object = None  # the profile's pick of this item, when comparing

    @property
    def covered(self):
        return bool(self.how)


@dataclass
class Coverage:
    title: str
    rows: list

    @property
    def uncovered(self):
        return [row for row in self.rows if not row.covered]

    @property
    def picked_but_uncovered(self):
        return [row for row in self.rows if row.picked and not row.covered]


def _rows(framework_version, ways):
    """ways: {lineage: [how]}; the version's competencies and components in framework order."""
    tree = Tree.of(framework_version)
    return [CoverageRow(item, list(ways.get(item.lineage, []))) for item in tree.walk() if item.kind in PICKABLE]


def programme_coverage(programme):
    ways = {}
    criteria = (
        Criterion.objects.filter(programme=programme)
        .prefetch_related("competencies")
        .order_by("group__position", "position")
    )
    by_group = {}
    for criterion in criteria:
        for item in criterion.competencies.all():
            ways.setdefault(item.lineage, []).append(f"Criterion {criterion.code}")
            by_group.setdefault(criterion.group_id, set()).add(item.lineage)
    for workshop in WorkshopPlanItem.objects.filter(programme=programme).order_by("number"):
        for lineage in sorted(by_group.get(workshop.criterion_group_id, ()), key=str):
            ways.setdefault(lineage, []).append(f"Workshop WS{workshop.number}")
    return Coverage(programme.title, _rows(programme.framework_version, ways))


def course_coverage(course):
    ways = {}
    for session in course.sessions.prefetch_related("items").order_by("position"):
        for item in session.items.all():
            ways.setdefault(item.lineage, []).append(f"Session {session.position}: {session.title}")
    return Coverage(course.title, _rows(course.framework_version, ways))


def compare(coverage, profile_version):
    """Mark each row with the profile's pick of it, matched by lineage."""
    picks = {pick.item.lineage: pick for pick in ordered_picks(profile_version)}
    for row in coverage.rows:
        row.picked = picks.get(row.item.lineage)
    return coverage


def programmes_to_map():
    return Programme.objects.filter(status=Programme.Status.PUBLISHED).order_by("title")
