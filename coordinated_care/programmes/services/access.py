"""Who may read or change a portfolio, and who may run a cohort. The enrolment names everyone who
may read a portfolio: the learner, their practice-based facilitator and workplace supervisor, and
the cohort's programme leads."""

from django.db.models import Q

from coordinated_care.accounts.models import Role
from coordinated_care.accounts.services import has_role
from coordinated_care.programmes.models import Cohort, Enrolment


def readable_enrolments(user):
    if not user.is_authenticated:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(
        Q(learner=user) | Q(facilitator=user) | Q(supervisor=user) | Q(cohort__leads=user)
    ).distinct()


def can_read_portfolio(user, enrolment):
    if not user.is_authenticated:
        return False
    if user.pk in (enrolment.learner_id, enrolment.facilitator_id, enrolment.supervisor_id):
        return True
    return enrolment.cohort.leads.filter(pk=user.pk).exists()


def can_edit_portfolio(user, enrolment):
    """Only the learner writes their portfolio, and only while the enrolment is in progress."""
    return user.is_authenticated and user.pk == enrolment.learner_id and enrolment.status == Enrolment.Status.ACTIVE


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
    if is_administrator(user):
        return True
    return can_create_cohort(user) and cohort.leads.filter(pk=user.pk).exists()
