"""Who may read or change a portfolio. The enrolment names everyone who may: the learner, their
practice-based facilitator and workplace supervisor, and the cohort's programme leads."""

from django.db.models import Q

from coordinated_care.programmes.models import Enrolment


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
    return (
        user.is_authenticated
        and user.pk == enrolment.learner_id
        and enrolment.status == Enrolment.Status.ACTIVE
    )
