"""The training needs formula (docs/training-needs.md), on examples worked by hand, and the team's
picture: the ranked needs, the pick where the whole team falls short and the one only one person
holds; a signed-off portfolio criterion counts as shown."""

import pytest
from django.core.exceptions import ValidationError

from coordinated_care.accounts.models import Organisation, Role
from coordinated_care.accounts.tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory
from coordinated_care.roles import services
from coordinated_care.roles.models import RoleHolder
from coordinated_care.roles.services import PickSpec, ProfileSpec, need_score

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "level, shown, priority, relevance, gap, need",
    [
        # leading (3) expected, rated aware (1): gap 2; essential ×2; relevance a lot ×3 → 12
        ("leading", 1, "essential", 3, 2, 12),
        # the same desirable: 2 × 1 × 3 → 6
        ("leading", 1, "desirable", 3, 2, 6),
        # practising (2) expected, not yet (0): gap 2, essential ×2, relevance a little ×1 → 4
        ("practising", 0, "essential", 1, 2, 4),
        # aware (1) expected, rated leading (3): no gap, whatever the weight → 0
        ("aware", 3, "essential", 3, 0, 0),
        # practising expected and shown: 0
        ("practising", 2, "desirable", 2, 0, 0),
        # leading expected, practising shown (e.g. a signed-off criterion), some relevance: 1 × 2 × 2 → 4
        ("leading", 2, "essential", 2, 1, 4),
    ],
)
def test_the_need_formula_on_hand_worked_examples(level, shown, priority, relevance, gap, need):
    assert need_score(level=level, shown=shown, priority=priority, relevance=relevance) == (gap, need)


@pytest.fixture
def team(shipped):
    """A practice team of three against one published profile of three picks."""
    practice = OrganisationFactory(name="Team Practice", kind=Organisation.Kind.PRACTICE)
    spec = ProfileSpec(
        "Navigator",
        (
            PickSpec("COM.1", "essential", "practising", ("interview",)),  # expected 2
            PickSpec("COM.5", "desirable", "leading", ()),  # expected 3
            PickSpec("PCC.K1", "essential", "leading", ()),  # expected 3
        ),
    )
    profile = services.create_profile(organisation=practice, framework_version=shipped, spec=spec)
    services.publish(services.draft_of(profile))
    picks = {p.item.code: p.pk for p in services.ordered_picks(services.current_version(profile))}
    people = []
    for name, ratings in (
        ("Ash", {"COM.1": (2, 3), "COM.5": (1, 3), "PCC.K1": (0, 1)}),
        ("Bo", {"COM.1": (1, 2), "COM.5": (3, 1), "PCC.K1": (1, 2)}),
        ("Cy", None),  # not rated yet
    ):
        holder = RoleHolder.objects.create(user=UserFactory(full_name=name), profile=profile, organisation=practice)
        if ratings:
            services.save_self_evaluation(holder, {picks[code]: value for code, value in ratings.items()})
        people.append(holder)
    return practice, profile, people


def test_a_person_and_a_team_are_ranked_by_the_formula(team):
    practice, profile, (ash, bo, cy) = team
    [picture] = services.needs_of(services.holders_in([practice]))
    by_name = {person.holder.user.full_name: person for person in picture.people}
    # Ash: COM.1 gap 0 → 0; COM.5 gap 2 × 1 × 3 = 6; PCC.K1 gap 3 × 2 × 1 = 6 (ties in framework order)
    assert [(c.pick.item.code, c.need) for c in by_name["Ash"].ranked] == [("COM.5", 6), ("PCC.K1", 6)]
    # Bo: COM.1 gap 1 × 2 × 2 = 4; COM.5 gap 0; PCC.K1 gap 2 × 2 × 2 = 8
    assert [(c.pick.item.code, c.need) for c in by_name["Bo"].ranked] == [("PCC.K1", 8), ("COM.1", 4)]
    # Cy, not rated (shown 0, relevance 2): COM.1 2×2×2 = 8; COM.5 3×1×2 = 6; PCC.K1 3×2×2 = 12
    assert [(c.pick.item.code, c.need) for c in by_name["Cy"].ranked] == [("PCC.K1", 12), ("COM.1", 8), ("COM.5", 6)]
    # The team: PCC.K1 6+8+12 = 26, COM.1 0+4+8 = 12, COM.5 6+0+6 = 12
    assert [(row.pick.item.code, row.need) for row in picture.ranked] == [("PCC.K1", 26), ("COM.1", 12), ("COM.5", 12)]
    assert [p.item.code for p in picture.whole_team_short] == ["PCC.K1"]
    assert sorted(p.item.code for p in picture.held_by_one) == ["COM.1", "COM.5"]


def test_a_signed_off_criterion_counts_as_practising_shown(shipped, enrolment, learner, facilitator):
    from coordinated_care.assessments.tests.helpers import evidence, sign_off

    spec = ProfileSpec("Coordinator", (PickSpec("PCC.K1", "essential", "leading", ()),))
    profile = services.create_profile(organisation=enrolment.practice, framework_version=shipped, spec=spec)
    services.publish(services.draft_of(profile))
    RoleHolder.objects.create(user=learner, profile=profile, organisation=enrolment.practice)
    [before] = services.needs_of(services.holders_in([enrolment.practice]))
    assert (before.people[0].cells[0].shown, before.people[0].cells[0].need) == (0, 12)  # gap 3 × 2 × 2
    evidence(enrolment, learner, code="PC1")
    sign_off(enrolment, learner, facilitator, code="PC1")  # PC1 maps to PCC.K1
    [after] = services.needs_of(services.holders_in([enrolment.practice]))
    cell = after.people[0].cells[0]
    assert (cell.signed_off, cell.shown, cell.gap, cell.need) == (True, 2, 1, 4)


def test_a_self_evaluation_must_rate_every_pick_and_clears_an_agreement(team, employer):
    practice, profile, (ash, bo, cy) = team
    picks = [p.pk for p in services.ordered_picks(services.current_version(profile))]
    with pytest.raises(ValidationError, match="Rate every"):
        services.save_self_evaluation(cy, {picks[0]: (1, 1)})
    evaluation = services.evaluation_of(ash, services.current_version(profile))
    services.agree_objectives(evaluation, manager=employer, objectives="Shadow the social prescriber.")
    evaluation.refresh_from_db()
    assert evaluation.agreed_by == employer
    services.save_self_evaluation(ash, {pk: (3, 1) for pk in picks})
    evaluation.refresh_from_db()
    assert evaluation.agreed_by is None and evaluation.objectives == "Shadow the social prescriber."


def test_no_one_agrees_their_own_objectives(team):
    practice, profile, (ash, bo, cy) = team
    evaluation = services.evaluation_of(ash, services.current_version(profile))
    with pytest.raises(ValidationError, match="line manager"):
        services.agree_objectives(evaluation, manager=ash.user, objectives="x")


def test_a_manager_reaches_only_people_in_organisations_they_manage(team, outside_employer):
    practice, profile, (ash, bo, cy) = team
    manager = RoleAssignmentFactory(role=Role.EMPLOYER, organisation=practice.parent).user
    assert services.managed_holder(manager, ash.uuid) == ash
    from django.http import Http404

    with pytest.raises(Http404):
        services.managed_holder(outside_employer, ash.uuid)
