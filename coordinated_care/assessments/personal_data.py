"""The personal data assessment holds of a person (ADR 15): the sign-offs they asked for and the
decisions, reviews and signatures they made or that were made about them."""

import datetime

from django.db.models import Q

from coordinated_care.accounts.providers import PersonalData, Retention, Section, register, register_retention

from .models import (
    Assessment,
    FailedReauthentication,
    LastLooked,
    RecordComment,
    Review,
    ShortfallReflection,
    Signature,
    SignOffRequest,
)

# A wrong password while signing counts against the signer for minutes (services.signing); a day
# is long enough to look into a run of them.
FAILED_REAUTHENTICATION = datetime.timedelta(days=1)


def export(user):
    requests = SignOffRequest.objects.filter(Q(requested_by=user) | Q(enrolment__learner=user)).select_related(
        "criterion"
    )
    decisions = Assessment.objects.filter(Q(assessed_by=user) | Q(enrolment__learner=user)).select_related("criterion")
    reviews = Review.objects.filter(Q(enrolment__learner=user) | Q(created_by=user) | Q(updated_by=user))
    signatures = Signature.objects.filter(signer=user)
    comments = RecordComment.objects.filter(Q(written_by=user) | Q(enrolment__learner=user))
    shortfalls = ShortfallReflection.objects.filter(Q(written_by=user) | Q(enrolment__learner=user)).select_related(
        "criterion"
    )
    return [
        Section(
            "Sign-offs asked for",
            [
                {
                    "criterion": r.criterion.code,
                    "asked": r.requested_at,
                    "status": r.get_status_display(),
                    "note": r.note,
                    "reference": r.uuid,
                }
                for r in requests.order_by("requested_at", "id")
            ],
        ),
        Section(
            "Sign-off decisions",
            [
                {
                    "criterion": a.criterion.code,
                    "outcome": a.get_outcome_display(),
                    "comments and rationale": a.comments,
                    "achieved on": a.achieved_on,
                    "reflection": a.reflection,
                    "decided": a.created_at,
                    "made by you": a.assessed_by_id == user.pk,
                    "reference": a.uuid,
                }
                for a in decisions.order_by("created_at", "id")
            ],
        ),
        Section(
            "Reviews",
            [
                {"kind": r.get_kind_display(), "held on": r.held_on, "record": r.content, "reference": r.uuid}
                for r in reviews.order_by("created_at", "id")
            ],
        ),
        Section(
            "Facilitator comments on interprofessional records",
            [
                {
                    "record": c.title,
                    "version": c.version_number,
                    "comments": c.comments,
                    "written": c.created_at,
                    "made by you": c.written_by_id == user.pk,
                    "reference": c.uuid,
                }
                for c in comments.order_by("created_at", "id")
            ],
        ),
        Section(
            "Critical reflections on a shortfall",
            [
                {
                    "criterion": r.criterion.code,
                    "reflection": r.reflection,
                    "version": r.version,
                    "written": r.created_at,
                    "reference": r.uuid,
                }
                for r in shortfalls.order_by("created_at", "id")
            ],
        ),
        Section(
            "Your signatures",
            [
                {
                    "meaning": s.get_meaning_display(),
                    "capacity": s.get_capacity_display(),
                    "printed name": s.signer_name,
                    "role": s.signer_role,
                    "professional registration": s.professional_registration,
                    "signed": s.signed_at,
                    "reference": s.uuid,
                }
                for s in signatures.order_by("signed_at", "id")
            ],
        ),
    ]


def erase(user, pseudonym):
    """Decisions, reviews and signatures are signed records of an assessment: kept (UK GDPR article
    17(3)(b) and (e)), never altered (ADR 7), pointing at the pseudonymised account. What only served
    the person's own use of the service goes."""
    return {
        "caseload bookkeeping": LastLooked.objects.filter(user=user).delete()[0],
        "failed re-authentications": FailedReauthentication.objects.filter(user=user).delete()[0],
    }


def old_failed_reauthentications(now):
    return FailedReauthentication.objects.filter(at__lt=now - FAILED_REAUTHENTICATION).delete()[0]


def register_all():
    register(PersonalData(key="assessments", export=export, erase=erase))
    register_retention(
        Retention("Wrong passwords given while signing", "deleted after 1 day", old_failed_reauthentications)
    )
