"""What the caseload shows of delegation (ADR 16): to a facilitator, who assesses their learners
for them (and, for two weeks, whose delegation ended on its last day) and what was signed on their
behalf; to a delegate, whose learners they assess. Two queries, whatever the caseload holds."""

import datetime

from django.urls import reverse
from django.utils import timezone

from coordinated_care.core import dates
from coordinated_care.programmes.models import Delegation

from ..models import Signature

# What was signed on a facilitator's behalf stays on their caseload this long.
SHOWN_FOR = datetime.timedelta(days=60)
# A delegation that ended on its last day stays on the facilitator's caseload this long, said to
# have ended (no event or job marks the day: its recorded last day is its end, ADR 16).
ENDED_SHOWN_FOR = datetime.timedelta(days=14)


def _what(signature):
    if signature.assessment_id:
        criterion = signature.assessment.criterion
        return f"{criterion.code} {criterion.title}", reverse(
            "assessments:request", args=[signature.assessment.request.uuid]
        )
    if signature.review_id:
        return signature.review.get_kind_display(), reverse("assessments:review", args=[signature.review.uuid])
    return signature.get_meaning_display(), reverse("portfolios:overview", args=[signature.enrolment.uuid])


def delegation_panel(user, today=None):
    today = today or timezone.localdate()
    delegations = (
        Delegation.objects.filter(facilitator=user, withdrawn_at__isnull=True, ends_on__gte=today - ENDED_SHOWN_FOR)
        .select_related("delegate", "enrolment__learner")
        .order_by("starts_on", "pk")
    )
    signatures = (
        Signature.objects.filter(on_behalf_of=user, signed_at__gte=timezone.now() - SHOWN_FOR)
        .select_related("enrolment__learner", "assessment__criterion", "assessment__request", "review", "withdrawal")
        .order_by("-signed_at")
    )
    signed = []
    for signature in signatures:
        what, href = _what(signature)
        signed.append(
            {
                "learner": signature.enrolment.learner.display_name,
                "what": what,
                "href": href,
                "meaning": signature.get_meaning_display(),
                "signer": signature.signer_name,
                "when": dates.utc(signature.signed_at),
                "withdrawn": hasattr(signature, "withdrawal"),
            }
        )
    return {
        "delegated_away": [
            {
                "learner": d.enrolment.learner.display_name,
                "delegate": d.delegate.display_name,
                "period": f"{dates.date(d.starts_on)} to {dates.date(d.ends_on)}",
                "current": d.starts_on <= today,
                "ended": d.ends_on < today,
                "href": reverse("delegations:index", args=[d.enrolment.uuid]),
            }
            for d in delegations
        ],
        "signed_on_behalf": signed,
    }
