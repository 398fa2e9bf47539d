"""Who may read or change a portfolio, and who may run a cohort: the one place these rules live,
asked by every app that shows or changes something of a portfolio.

The enrolment names the people around a learner, and each of them reads the portfolio only while
they hold the role they were named for. Roles are read when the request is made (`roles_of`, once
per request), so taking a role away takes the access with it:

- the learner reads their portfolio and, while the enrolment is in progress, writes it;
- the practice-based facilitator the enrolment names, while they hold the facilitator role, reads
  it and, while the enrolment is in progress, assesses it (never their own);
- a facilitator that facilitator (or a cohort lead) delegated the learner to (ADR 16), from the
  delegation's first day to its last unless it is withdrawn, while they hold the facilitator role,
  does what the named facilitator does (`facilitates_now`, `can_facilitate`), on their behalf;
- the workplace supervisor it names, while they hold the supervisor role, reads it;
- the cohort's leads, while they hold the programme lead role, read it.

Anyone else is told that the portfolio does not exist (`readable_enrolment` answers 404), so that
guessing addresses reveals nothing."""

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from coordinated_care.accounts.models import Role
from coordinated_care.accounts.services import has_role
from coordinated_care.programmes.models import Cohort, Delegation, Enrolment


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


def current_delegation(user, enrolment, today=None):
    """The delegation that lets `user` assess this learner today (both its days included, not
    withdrawn), or None. Asks the database only for someone who holds the facilitator role and is
    neither the named facilitator nor the learner, once per enrolment object and person."""
    if not user.is_authenticated or user.pk in (enrolment.facilitator_id, enrolment.learner_id):
        return None
    if not has_role(user, Role.FACILITATOR):
        return None
    today = today or timezone.localdate()
    cache = enrolment.__dict__.setdefault("_delegation_cache", {})
    key = (user.pk, today)
    if key not in cache:
        cache[key] = (
            Delegation.objects.select_related("facilitator")
            .filter(
                enrolment=enrolment,
                delegate=user,
                withdrawn_at__isnull=True,
                starts_on__lte=today,
                ends_on__gte=today,
            )
            .order_by("-starts_on", "-pk")
            .first()
        )
    return cache[key]


def is_delegate(user, enrolment, today=None):
    return current_delegation(user, enrolment, today) is not None


def facilitates_now(user, enrolment, today=None):
    """The facilitator the enrolment names, or a delegate of theirs today: who reads the portfolio
    as its facilitator and sees what its facilitators see."""
    return is_facilitator(user, enrolment) or is_delegate(user, enrolment, today)


def facilitated_enrolments(user, today=None):
    """The enrolments the person facilitates today: those naming them, and those delegated to them
    for today. One query when read."""
    today = today or timezone.localdate()
    delegated = Delegation.objects.filter(
        delegate=user, withdrawn_at__isnull=True, starts_on__lte=today, ends_on__gte=today
    ).values("enrolment")
    return Enrolment.objects.filter(Q(facilitator=user) | Q(pk__in=delegated))


def can_facilitate(user, enrolment):
    """What the facilitator writes (sign-off, reviews, feedback links, countersignatures) they, or
    their delegate today, write only while the enrolment is in progress."""
    return _active(enrolment) and facilitates_now(user, enrolment)


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
    return (
        is_facilitator(user, enrolment)
        or is_supervisor(user, enrolment)
        or leads_cohort(user, enrolment.cohort)
        or is_delegate(user, enrolment)
    )


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
