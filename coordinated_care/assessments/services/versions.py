"""Whether a cohort may move to another version of its programme (ADR 17). A decision on a
criterion is a signed, immutable record bound to the criterion it was given on; it cannot follow to
another version's criterion. So a cohort none of whose learners has asked for a sign-off moves; one
where sign-off has begun stays on its version. Registered in AssessmentsConfig.ready() with
programmes.providers.register_move_check."""

from ..models import Assessment, SignOffRequest


def sign_offs_keep_cohort(enrolment_ids):
    """The reason the cohort may not move, or None."""
    enrolment_ids = list(enrolment_ids)
    if SignOffRequest.objects.filter(enrolment_id__in=enrolment_ids).exists() or (
        Assessment.objects.filter(enrolment_id__in=enrolment_ids).exists()
    ):
        return (
            "Sign-off has begun for a learner of this cohort. Sign-offs are signed against the criteria "
            "of this version, so the cohort stays on it."
        )
    return None
