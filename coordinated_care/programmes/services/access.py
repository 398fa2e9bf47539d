"""Who may read or change a portfolio, and who may run a cohort: the one place these rules live,
asked by every app that shows or changes something of a portfolio.

The enrolment names the people around a learner, and each of them reads the portfolio only while
they hold the role they were named for. Roles are read when the request is made (`roles_of`, once
per request), so taking a role away takes the access with it:

- the learner reads their portfolio and, while the enrolment is in progress, writes it;
- the practice-based facilitator the enrolment names, while they hold the facilitator role, reads
  it and, while the enrolment is in progress, assesses it (never their own);
- the workplace supervisor it names, while they hold the supervisor role, reads it;
- the cohort's leads, while they hold the programme lead role, read it.

Anyone else is told that the portfolio does not exist (`readable_enrolment` answers 404), so that
guessing addresses reveals nothing."""

from django.http import Http404

from coordinated_care.accounts.models import Role
from coordinated_care.accounts.services import has_role
from coordinated_care.programmes.models import Cohort, Enrolment


def _active(enrolment):
    return enrolment.status == Enrolment.Status.ACTIVE


def is_facilitator(user, enrolment):
    """The facilitator the enrolment names, who is not its learner, while they hold the role."""
    return (
        user.is_authenticated
        and user.pk == enrolment.facilitator_id
        and user.pk != enrolment.learner_id
        and has_role(user, Role.FACILITATOR)
    )


def can_facilitate(user, enrolment):
    """What the facilitator writes (sign-off, reviews, feedback links, countersignatures) they
    write only while the enrolment is in progress."""
    return _active(enrolment) and is_facilitator(user, enrolment)


def is_supervisor(user, enrolment):
    """The workplace supervisor the enrolment names, while they hold the supervisor role."""
    return (
        user.is_authenticated
        and enrolment.supervisor_id is not None
        and user.pk == enrolment.supervisor_id
        and has_role(user, Role.SUPERVISOR)
    )


def leads_cohort(user, cohort):
    """One of the cohort's leads, while they hold the programme lead role."""
    return user.is_authenticated and has_role(user, Role.PROGRAMME_LEAD) and cohort.leads.filter(pk=user.pk).exists()


def can_read_portfolio(user, enrolment):
    if not user.is_authenticated:
        return False
    if user.pk == enrolment.learner_id:
        return True
    return is_facilitator(user, enrolment) or is_supervisor(user, enrolment) or leads_cohort(user, enrolment.cohort)


def can_edit_portfolio(user, enrolment):
    """Only the learner writes their portfolio, and only while the enrolment is in progress."""
    return user.is_authenticated and user.pk == enrolment.learner_id and _active(enrolment)


def readable_enrolment(user, enrolment_uuid):
    """The enrolment of the portfolio a URL names, with the people and programme every page shows,
    if `user` may read it; otherwise 404, whether or not it exists."""
    enrolment = (
        Enrolment.objects.select_related("learner", "facilitator", "supervisor", "practice", "cohort__programme")
        .filter(uuid=enrolment_uuid)
        .first()
    )
    if enrolment is None or not can_read_portfolio(user, enrolment):
        raise Http404("No such portfolio.")
    return enrolment


# Cohorts: only the cohort's leads, while they hold the programme lead role, and administrators
# may see or change a cohort. Programme leads create cohorts; administrators may also use the
# Django admin, where they name the leads.


def is_administrator(user):
    return user.is_authenticated and has_role(user, Role.ADMINISTRATOR)


def can_create_cohort(user):
    return user.is_authenticated and has_role(user, Role.PROGRAMME_LEAD)


def manageable_cohorts(user):
    if is_administrator(user):
        return Cohort.objects.all()
    if can_create_cohort(user):
        return Cohort.objects.filter(leads=user)
    return Cohort.objects.none()


def can_manage_cohort(user, cohort):
    return is_administrator(user) or leads_cohort(user, cohort)
