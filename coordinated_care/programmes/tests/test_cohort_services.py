"""The rules of running a cohort, tested on the services directly."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from coordinated_care.accounts.models import Organisation, Role, RoleAssignment, User
from coordinated_care.accounts.services import grant_role
from coordinated_care.accounts.tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory
from coordinated_care.programmes import services
from coordinated_care.programmes.models import Enrolment
from coordinated_care.programmes.services import scope
from coordinated_care.programmes.tests.factories import shipped_programme

pytestmark = pytest.mark.django_db


def test_a_new_cohort_has_its_workshops_dated_from_the_plan(training_provider, programme_lead):
    programme = shipped_programme()
    start = datetime.date(2027, 3, 1)
    cohort = services.create_cohort(
        programme=programme,
        name="Spring",
        start_date=start,
        training_provider=training_provider,
        leads=[programme_lead],
    )
    workshops = list(cohort.workshops.order_by("number"))
    assert [(w.number, w.theme) for w in workshops] == [(p.number, p.theme) for p in programme.workshop_plan.all()]
    assert workshops[0].date == start
    assert workshops[1].date == start + datetime.timedelta(weeks=2)
    assert workshops[-1].date == start + datetime.timedelta(weeks=24)
    assert list(cohort.leads.all()) == [programme_lead]
    assert cohort.end_date == datetime.date(2027, 9, 1)


def test_scheduling_again_keeps_moved_workshops(cohort):
    workshop = cohort.workshops.get(number=3)
    services.move_workshop(workshop, date=datetime.date(2030, 1, 2), location="Hub, room 2")
    assert services.schedule_workshops(cohort) == []
    workshop.refresh_from_db()
    assert (workshop.date, workshop.location) == (datetime.date(2030, 1, 2), "Hub, room 2")
    assert cohort.workshops.count() == 12


def test_moving_a_workshop_can_keep_its_location(cohort):
    workshop = cohort.workshops.get(number=1)
    services.move_workshop(workshop, date=datetime.date(2030, 1, 2), location="Online")
    services.move_workshop(workshop, date=datetime.date(2030, 1, 9))
    workshop.refresh_from_db()
    assert (workshop.date, workshop.location) == (datetime.date(2030, 1, 9), "Online")


def enrol_kwargs(cohort, practice, facilitator, **overrides):
    return {"cohort": cohort, "practice": practice, "facilitator": facilitator, **overrides}


def test_enrolling_a_new_person_makes_their_account_with_the_learner_role(cohort, practice, facilitator, supervisor):
    result = services.enrol_learner(
        **enrol_kwargs(cohort, practice, facilitator),
        email=" New.Person@Example.TEST ",
        full_name=" New Person ",
        supervisor=supervisor,
        additional_signatory_name="Dr A Signatory",
        additional_signatory_email="Signatory@Example.test",
    )
    assert result.account_created
    learner = result.enrolment.learner
    assert (learner.email, learner.full_name) == ("new.person@example.test", "New Person")
    assert not learner.has_usable_password()
    assert RoleAssignment.objects.filter(user=learner, role=Role.LEARNER, organisation=practice).exists()
    enrolment = result.enrolment
    assert (enrolment.facilitator, enrolment.supervisor, enrolment.practice) == (facilitator, supervisor, practice)
    assert (enrolment.additional_signatory_name, enrolment.additional_signatory_email) == (
        "Dr A Signatory",
        "signatory@example.test",
    )


def test_enrolling_an_existing_person_finds_them_by_email_and_gives_them_the_role(cohort, practice, facilitator):
    person = UserFactory(email="already@example.test", full_name="Already Here")
    result = services.enrol_learner(**enrol_kwargs(cohort, practice, facilitator), email="ALREADY@example.test")
    assert not result.account_created
    assert result.enrolment.learner == person
    assert person.full_name == "Already Here"
    assert RoleAssignment.objects.filter(user=person, role=Role.LEARNER, organisation=practice).count() == 1


def test_a_new_account_needs_a_full_name(cohort, practice, facilitator):
    with pytest.raises(ValidationError) as refused:
        services.enrol_learner(
            **enrol_kwargs(cohort, practice, facilitator), email="nobody@example.test", full_name=" "
        )
    assert refused.value.code == "full_name_required"
    assert not User.objects.filter(email="nobody@example.test").exists()


def test_nobody_is_enrolled_twice_on_a_cohort(enrolment, practice, facilitator):
    with pytest.raises(ValidationError) as refused:
        services.enrol_learner(**enrol_kwargs(enrolment.cohort, practice, facilitator), email=enrolment.learner.email)
    assert refused.value.code == "already_enrolled"
    assert Enrolment.objects.count() == 1


def test_the_facilitator_must_be_a_practice_based_facilitator_and_nothing_is_kept_if_not(cohort, practice, supervisor):
    with pytest.raises(ValidationError) as refused:
        services.enrol_learner(
            **enrol_kwargs(cohort, practice, supervisor), email="someone@example.test", full_name="Some One"
        )
    assert refused.value.code == "not_facilitator"
    # All or nothing: the account made on the way is gone again.
    assert not User.objects.filter(email="someone@example.test").exists()


def test_a_learner_cannot_assess_themselves(cohort, practice, facilitator):
    with pytest.raises(ValidationError) as refused:
        services.enrol_learner(**enrol_kwargs(cohort, practice, facilitator), email=facilitator.email)
    assert refused.value.code == "self_assessment"
    assert not RoleAssignment.objects.filter(user=facilitator, role=Role.LEARNER).exists()


def test_only_the_cohorts_leads_and_administrators_manage_it(cohort, request):
    from conftest import PERSONAS

    allowed = {"programme_lead", "administrator"}
    for persona in PERSONAS:
        user = request.getfixturevalue(persona)
        assert services.can_manage_cohort(user, cohort) is (persona in allowed), persona
        assert (cohort in services.manageable_cohorts(user)) is (persona in allowed), persona


def test_a_lead_who_loses_the_role_loses_the_cohort(cohort, programme_lead, training_provider):
    from coordinated_care.accounts.services import revoke_role

    revoke_role(programme_lead, Role.PROGRAMME_LEAD, training_provider)
    programme_lead.refresh_from_db()
    assert not services.can_manage_cohort(programme_lead, cohort)
    assert not services.manageable_cohorts(programme_lead).exists()


def test_a_programme_lead_of_another_cohort_does_not_manage_this_one(cohort):
    other_lead = RoleAssignmentFactory(
        role=Role.PROGRAMME_LEAD, organisation=OrganisationFactory(kind=Organisation.Kind.TRAINING_PROVIDER)
    ).user
    assert services.can_create_cohort(other_lead)
    assert not services.can_manage_cohort(other_lead, cohort)


def test_choices_come_from_the_area_the_training_provider_serves(programme_lead):
    icb = Organisation.objects.create(name="North ICB", kind=Organisation.Kind.ICB)
    pcn = Organisation.objects.create(name="North PCN", kind=Organisation.Kind.PCN, parent=icb)
    hub = Organisation.objects.create(name="North Hub", kind=Organisation.Kind.TRAINING_PROVIDER, parent=icb)
    near = Organisation.objects.create(name="Near Surgery", kind=Organisation.Kind.PRACTICE, parent=pcn)
    direct = Organisation.objects.create(name="Direct Surgery", kind=Organisation.Kind.PRACTICE, parent=icb)
    far = OrganisationFactory(name="Far Surgery")
    near_facilitator = RoleAssignmentFactory(role=Role.FACILITATOR, organisation=near).user
    grant_role(near_facilitator, Role.FACILITATOR, direct)  # two roles, listed once
    far_facilitator = RoleAssignmentFactory(role=Role.FACILITATOR, organisation=far).user
    near_supervisor = RoleAssignmentFactory(role=Role.SUPERVISOR, organisation=near).user
    cohort = services.create_cohort(
        programme=shipped_programme(), name="North", start_date=datetime.date(2027, 1, 4), training_provider=hub
    )
    assert list(scope.practices_for(cohort)) == [direct, near]
    assert list(scope.facilitators_for(cohort)) == [near_facilitator]
    assert list(scope.supervisors_for(cohort)) == [near_supervisor]
    assert far_facilitator not in scope.facilitators_for(cohort)


def test_a_lead_sets_up_cohorts_only_at_their_own_training_providers(programme_lead, training_provider, practice):
    grant_role(programme_lead, Role.PROGRAMME_LEAD, practice)  # not a training provider
    assert list(scope.training_providers_for(programme_lead)) == [training_provider]


def test_a_new_cohorts_workshops_are_in_the_audit_trail(cohort):
    from coordinated_care.audit.models import AuditEvent

    recorded = AuditEvent.objects.filter(content_type__model="workshop", action="create").count()
    assert recorded == cohort.workshops.count() == 12
