"""The personal data programmes hold of a person (ADR 15): their enrolments as a learner and their
reasonable adjustments, the portfolios they support, the delegations of assessing a learner they
gave or received (ADR 16) and the cohorts they lead."""

from django.db.models import Q

from coordinated_care.accounts.providers import PersonalData, Section, register

from .models import Cohort, Delegation, Enrolment, ReasonableAdjustment


def export(user):
    as_learner = Enrolment.objects.filter(learner=user).select_related("cohort__programme", "practice")
    supporting = Enrolment.objects.filter(Q(facilitator=user) | Q(supervisor=user)).select_related("cohort")
    led = Cohort.objects.filter(leads=user).select_related("programme")
    adjustments = ReasonableAdjustment.objects.filter(enrolment__learner=user).select_related("enrolment", "agreed_by")
    # Given (as the facilitator named, or whoever made it) or received (as the delegate): one query.
    delegated = Delegation.objects.filter(Q(facilitator=user) | Q(created_by=user) | Q(delegate=user)).select_related(
        "enrolment"
    )
    return [
        Section(
            "Your enrolments",
            [
                {
                    "programme": e.cohort.programme.title,
                    "cohort": e.cohort.name,
                    "practice": e.practice.name,
                    "status": e.get_status_display(),
                    "enrolled": e.created_at,
                    "reference": e.uuid,
                }
                for e in as_learner.order_by("created_at", "id")
            ],
        ),
        # Their own only: those recorded for the learners someone supports are not that person's data.
        Section(
            "Your reasonable adjustments",
            [
                {
                    "adjustment": a.adjustment,
                    "recorded": a.recorded_at,
                    "agreed by": a.agreed_by.display_name if a.agreed_by_id else "",
                    "agreed on": a.agreed_on or "",
                    "enrolment": a.enrolment.uuid,
                }
                for a in adjustments.order_by("recorded_at", "id")
            ],
        ),
        # The other person's name is theirs: the reference is enough to ask about a portfolio.
        Section(
            "Portfolios you support",
            [
                {
                    "cohort": e.cohort.name,
                    "as": "facilitator" if e.facilitator_id == user.pk else "supervisor",
                    "status": e.get_status_display(),
                    "reference": e.uuid,
                }
                for e in supporting.order_by("created_at", "id")
            ],
        ),
        # The delegation's reason is the giver's words, read by the delegate too; the other person's
        # name is theirs, as above.
        Section(
            "Delegations of assessing a learner you gave or received",
            [
                {
                    "as": _delegation_part(d, user),
                    "first day": d.starts_on,
                    "last day": d.ends_on,
                    "reason": d.reason,
                    "made": d.created_at,
                    "withdrawn": d.withdrawn_at or "",
                    "withdrawn by you": d.withdrawn_by_id == user.pk,
                    "reference": d.enrolment.uuid,
                }
                for d in delegated.order_by("created_at", "id")
            ],
        ),
        Section(
            "Cohorts you lead",
            [{"programme": c.programme.title, "cohort": c.name, "starts": c.start_date} for c in led.order_by("id")],
        ),
    ]


def _delegation_part(delegation, user):
    if delegation.delegate_id == user.pk:
        return "received, as the delegate"
    if delegation.facilitator_id == user.pk:
        return "given, as the learner's facilitator"
    return "made, for the learner's facilitator"


def erase(user, pseudonym):
    """Enrolments are kept for the retention period (docs/retention.md), pointing at the
    pseudonymised account; one in progress is withdrawn, since its learner can no longer sign in.
    The person stops leading cohorts. Their reasonable adjustments, which say something of their
    health, are deleted."""
    withdrawn = 0
    for enrolment in Enrolment.objects.select_for_update().filter(learner=user, status=Enrolment.Status.ACTIVE):
        enrolment.status = Enrolment.Status.WITHDRAWN
        enrolment.save(update_fields=["status"])
        withdrawn += 1
    adjustments, _ = ReasonableAdjustment.objects.filter(enrolment__learner=user).delete()
    led = list(user.led_cohorts.all())
    user.led_cohorts.clear()
    return {
        "enrolments withdrawn": withdrawn,
        "reasonable adjustments deleted": adjustments,
        "cohorts no longer led": len(led),
    }


def register_all():
    register(PersonalData(key="programmes", export=export, erase=erase))
