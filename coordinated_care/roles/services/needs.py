"""Training needs, ranked: per person against their role profile, and per team (a practice, a PCN,
an ICB: everyone in a role at that organisation or below it).

The formula (docs/training-needs.md works examples by hand; tests/test_needs.py checks them):

    expected  = the pick's level: aware 1, practising 2, leading 3
    shown     = the higher of the level the person rated themselves (not yet 0, aware 1,
                practising 2, leading 3; 0 when not rated) and practising (2) when a criterion of
                their portfolio that maps to the pick's competency (or to the competency a picked
                component belongs to) is signed off as achieved
    gap       = expected - shown, or 0 when that is below 0
    weight    = 2 for an essential pick, 1 for a desirable one
    relevance = how relevant the person says it is to their work this year: a little 1, some 2,
                a lot 3 (2 when not rated)
    need      = gap × weight × relevance

A person's needs are their picks with a need above 0, largest first (ties in framework order). A
team's need for a pick is the sum of its people's; a team "falls short" on a pick when everyone in
it has a gap there, and a pick is "held by one person" when exactly one person in a team of two or
more shows the level expected."""

from dataclasses import dataclass, field

from django.db.models import Q

from coordinated_care.accounts.models import Organisation
from coordinated_care.assessments.services.progress import criterion_outcomes_of
from coordinated_care.programmes.models import Criterion, Enrolment

from ..models import Pick, Priority, RoleHolder, RoleProfileVersion, SelfEvaluation, Shown

LEVEL_VALUE = {"aware": 1, "practising": 2, "leading": 3}
PRIORITY_WEIGHT = {Priority.ESSENTIAL: 2, Priority.DESIRABLE: 1}
SIGNED_OFF_SHOWS = Shown.PRACTISING
UNRATED_RELEVANCE = 2
ACHIEVED = "achieved"


def need_score(*, level, shown, priority, relevance):
    """(gap, need) for one pick of one person, by the formula above."""
    gap = max(0, LEVEL_VALUE[level] - shown)
    return gap, gap * PRIORITY_WEIGHT[priority] * relevance


@dataclass
class Cell:
    pick: Pick
    rated: int | None
    relevance: int
    signed_off: bool
    shown: int
    gap: int
    need: int


@dataclass
class PersonNeeds:
    holder: RoleHolder
    evaluation: SelfEvaluation | None
    cells: list[Cell]

    @property
    def ranked(self):
        order = {cell.pick.pk: position for position, cell in enumerate(self.cells)}
        return sorted((c for c in self.cells if c.need), key=lambda c: (-c.need, order[c.pick.pk]))

    @property
    def total(self):
        return sum(cell.need for cell in self.cells)


@dataclass
class TeamRow:
    pick: Pick
    need: int
    short: int  # how many have a gap
    holders_at_level: int


@dataclass
class ProfileTeam:
    """Everyone in a team holding one role profile, against its current version."""

    version: RoleProfileVersion
    picks: list
    people: list[PersonNeeds] = field(default_factory=list)

    def rows(self):
        rows = []
        for position, pick in enumerate(self.picks):
            cells = [person.cells[position] for person in self.people]
            rows.append(
                TeamRow(
                    pick,
                    need=sum(c.need for c in cells),
                    short=sum(1 for c in cells if c.gap),
                    holders_at_level=sum(1 for c in cells if not c.gap),
                )
            )
        return rows

    @property
    def ranked(self):
        rows = self.rows()
        order = {row.pick.pk: position for position, row in enumerate(rows)}
        return sorted((r for r in rows if r.need), key=lambda r: (-r.need, order[r.pick.pk]))

    @property
    def whole_team_short(self):
        return [row.pick for row in self.rows() if self.people and row.short == len(self.people)]

    @property
    def held_by_one(self):
        return [row.pick for row in self.rows() if len(self.people) > 1 and row.holders_at_level == 1]


def organisations_under(organisation):
    """The organisation and every one below it (ICB → PCN → practice)."""
    return Organisation.objects.filter(Q(pk=organisation.pk) | Q(parent=organisation) | Q(parent__parent=organisation))


def holders_in(organisations):
    return RoleHolder.objects.filter(organisation__in=organisations)


def signed_off_lineages(user_ids):
    """{user id: {lineage of a framework item signed off as achieved in their portfolio}}: four
    queries whatever the number of people."""
    enrolments = dict(Enrolment.objects.filter(learner_id__in=user_ids).values_list("pk", "learner_id"))
    outcomes = criterion_outcomes_of(list(enrolments))
    achieved = [(enrolment, criterion) for (enrolment, criterion), status in outcomes.items() if status == ACHIEVED]
    mapping = {}
    links = Criterion.competencies.through.objects.filter(criterion_id__in={c for _, c in achieved})
    for criterion_id, lineage in links.values_list("criterion_id", "frameworkitem__lineage"):
        mapping.setdefault(criterion_id, set()).add(lineage)
    shown = {}
    for enrolment, criterion in achieved:
        shown.setdefault(enrolments[enrolment], set()).update(mapping.get(criterion, ()))
    return shown


def needs_of(holders):
    """[ProfileTeam] for these people, one per role profile, in a fixed number of queries."""
    holders = list(holders.select_related("user", "profile", "organisation", "line_manager"))
    if not holders:
        return []
    versions = {}
    published = RoleProfileVersion.objects.filter(
        profile_id__in={h.profile_id for h in holders}, status=RoleProfileVersion.Status.PUBLISHED
    ).select_related("profile__organisation")
    for version in published.order_by("number"):
        versions[version.profile_id] = version
    picks_by_version = {}
    all_picks = Pick.objects.filter(version__in=versions.values()).select_related(
        "item", "item__parent", "item__parent__parent"
    )
    for pick in all_picks:
        picks_by_version.setdefault(pick.version_id, []).append(pick)
    for picks in picks_by_version.values():
        picks.sort(key=_framework_order)
    evaluations = {
        (e.holder_id, e.version_id): e
        for e in SelfEvaluation.objects.filter(holder__in=holders, version__in=versions.values()).prefetch_related(
            "ratings"
        )
    }
    signed = signed_off_lineages({h.user_id for h in holders})
    teams = {}
    for holder in holders:
        version = versions.get(holder.profile_id)
        if version is None:
            continue
        team = teams.get(version.pk)
        if team is None:
            team = teams[version.pk] = ProfileTeam(version, picks_by_version.get(version.pk, []))
        evaluation = evaluations.get((holder.pk, version.pk))
        team.people.append(_person(holder, evaluation, team.picks, signed.get(holder.user_id, set())))
    return sorted(teams.values(), key=lambda team: team.version.title.lower())


def _person(holder, evaluation, picks, lineages):
    ratings = {r.pick_id: r for r in evaluation.ratings.all()} if evaluation else {}
    cells = []
    for pick in picks:
        rating = ratings.get(pick.pk)
        rated = rating.shown if rating else None
        relevance = rating.relevance if rating else UNRATED_RELEVANCE
        item = pick.item
        signed_off = item.lineage in lineages or (item.parent is not None and item.parent.lineage in lineages)
        shown = max(rated or 0, SIGNED_OFF_SHOWS if signed_off else 0)
        gap, need = need_score(level=pick.level, shown=shown, priority=pick.priority, relevance=relevance)
        cells.append(Cell(pick, rated, relevance, signed_off, shown, gap, need))
    return PersonNeeds(holder, evaluation, cells)


def _framework_order(pick):
    chain, item = [], pick.item
    while item is not None:
        chain.append(item.position)
        item = item.parent
    return list(reversed(chain))
