"""The personal data programmes hold of a person (ADR 15): their enrolments as a learner and their
reasonable adjustments, the portfolios they support and the cohorts they lead."""

from django.db.models import Q

from coordinated_care.accounts.providers import PersonalData, Section, register

from .models import Cohort, Enrolment, ReasonableAdjustment


def export(user):
    as_learner = Enrolment.objects.filter(learner=user).select_related("cohort__programme", "practice")
    supporting = Enrolment.objects.filter(Q(facilitator=user) | Q(supervisor=user)).select_related("cohort")
    led = Cohort.objects.filter(leads=user).select_related("programme")
    adjustments = ReasonableAdjustment.objects.filter(enrolment__learner=user).select_related("enrolment", "agreed_by")
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
        Section(
            "Cohorts you lead",
            [{"programme": c.programme.title, "cohort": c.name, "starts": c.start_date} for c in led.order_by("id")],
        ),
    ]


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
