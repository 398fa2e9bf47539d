"""What a programme lead may choose from when they set up a cohort or enrol a learner.

A cohort draws its learners from the area its training provider serves: the practices, and the
people holding a role at an organisation, in the same integrated care board (ICB). A training
provider that stands on its own serves everyone."""

from django.db.models import Q

from coordinated_care.accounts.models import Organisation, Role, User
from coordinated_care.programmes.models import Programme


def icb_of(organisation):
    node = organisation
    while node is not None and node.kind != Organisation.Kind.ICB:
        node = node.parent
    return node


def organisations_served_by(training_provider):
    icb = icb_of(training_provider)
    if icb is None:
        return Organisation.objects.all()
    return Organisation.objects.filter(Q(pk=icb.pk) | Q(parent=icb) | Q(parent__parent=icb))


def practices_for(cohort):
    return organisations_served_by(cohort.training_provider).filter(kind=Organisation.Kind.PRACTICE).order_by("name")


def people_for(cohort, role):
    """Active people holding `role` at an organisation the cohort's training provider serves."""
    organisations = organisations_served_by(cohort.training_provider)
    holders = User.objects.filter(
        is_active=True, role_assignments__role=role, role_assignments__organisation__in=organisations
    )
    # Filtered by id rather than made distinct: the list is ordered by name, and a person may
    # hold the role at several organisations.
    return User.objects.filter(pk__in=holders.values("pk")).order_by("full_name", "email")


def facilitators_for(cohort):
    return people_for(cohort, Role.FACILITATOR)


def supervisors_for(cohort):
    return people_for(cohort, Role.SUPERVISOR)


def training_providers_for(user):
    """The training providers at which this person is a programme lead."""
    return Organisation.objects.filter(
        kind=Organisation.Kind.TRAINING_PROVIDER,
        pk__in=user.role_assignments.filter(role=Role.PROGRAMME_LEAD).values("organisation"),
    ).order_by("name")


def programmes_to_run():
    return Programme.objects.filter(status=Programme.Status.PUBLISHED).order_by("title")
