"""What the review pages show: the review's parts in the PD's order (the final review's checklist as
a table with a tick and both sides' initials), its signature boxes, and its invitations."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from coordinated_care.core.dates import utc

from ..models import Capacity, Invitation, Review, Signature
from ..services import access
from ..services.caseload import reviews_due
from ..services.review_kinds import FINAL_CHECKLIST, INTRO
from ..services.reviews import fields_for, missing_to_sign, signing_state
from ..services.status import criterion_states
from .signatures import signature_line


@dataclass
class SignatureBox:
    capacity: str
    label: str
    expected: str  # who is to sign
    line: object = None  # SignatureLine, or None while unsigned


@dataclass
class ReviewView:
    review: Review
    title: str
    intro: str
    answers: list  # (label, text, group) of the written parts
    checklist: list  # (text, ticked, facilitator initials, learner initials)
    boxes: list
    withdrawn: list
    complete: bool
    missing: list = field(default_factory=list)


def _expected(capacity, enrolment, invitations):
    if capacity == Capacity.LEARNER:
        return enrolment.learner.display_name
    if capacity == Capacity.FACILITATOR:
        return enrolment.facilitator.display_name
    open_invitation = next((i for i in invitations if i.state() == "open"), None)
    if open_invitation:
        return f"{open_invitation.name} (invited by e-mail)"
    return enrolment.supervisor.display_name if enrolment.supervisor_id else "The additional signatory"


def review_view(review, user, signatures, invitations):
    enrolment = review.enrolment
    signing = signing_state(review, signatures, invitations)
    fields = fields_for(review)
    answers = [(f.label, review.content.get(f.name, ""), f.group) for f in fields if f.widget == "textarea"]
    checklist = (
        [
            (
                text,
                bool(review.content.get(f"checklist_{n}_ticked")),
                review.content.get(f"checklist_{n}_facilitator_initials", ""),
                review.content.get(f"checklist_{n}_coordinator_initials", ""),
            )
            for n, text in enumerate(FINAL_CHECKLIST, start=1)
        ]
        if review.kind == Review.Kind.FINAL
        else []
    )
    capacities = list(signing.required)
    if Capacity.ADDITIONAL not in capacities and review.kind != Review.Kind.PROGRESS:
        capacities.append(Capacity.ADDITIONAL)  # shown as optional
    boxes = []
    for capacity in capacities:
        check = signing.signed.get(capacity)
        boxes.append(
            SignatureBox(
                capacity=capacity.value,
                label=capacity.label + ("" if capacity in signing.required else " (if applicable)"),
                expected=_expected(capacity, enrolment, invitations),
                line=signature_line(check.signature, user=user, problems=check.problems) if check else None,
            )
        )
    return ReviewView(
        review=review,
        title=review.get_kind_display(),
        intro=INTRO[review.kind],
        answers=answers,
        checklist=checklist,
        boxes=boxes,
        withdrawn=[signature_line(s, user=user) for s in signing.withdrawn],
        complete=signing.complete,
        missing=missing_to_sign(review),
    )


def load_signing(review):
    signatures = list(
        Signature.objects.filter(review=review).select_related("withdrawal", "invitation").order_by("signed_at")
    )
    invitations = list(Invitation.objects.filter(review=review).order_by("-created_at"))
    return signatures, invitations


def review_page(review, user):
    signatures, invitations = load_signing(review)
    view = review_view(review, user, signatures, invitations)
    capacity = access.review_capacity(user, review.enrolment)
    signed_by_me = capacity is not None and any(b.capacity == capacity and b.line is not None for b in view.boxes)
    facilitator = access.facilitates_now(user, review.enrolment)
    active = [s for s in signatures if not hasattr(s, "withdrawal")]
    return {
        "page_title": f"{view.title} for {review.enrolment.learner.display_name}",
        "view": view,
        "enrolment": review.enrolment,
        "learner": review.enrolment.learner,
        "held_on": review.held_on,
        "can_edit": capacity is not None and not active,
        "can_sign": capacity is not None and not signed_by_me and not view.missing,
        "capacity_label": Capacity(capacity).label if capacity else "",
        "can_invite": facilitator
        and review.kind != Review.Kind.PROGRESS
        and not any(b.capacity == Capacity.ADDITIONAL and b.line for b in view.boxes),
        "invitations": [
            {
                "invitation": i,
                "state": i.state(),
                "created_at_utc": utc(i.created_at),
                "expires_at_utc": utc(i.expires_at),
                "can_cancel": facilitator and i.state() == "open",
            }
            for i in invitations
        ],
        "updated_by": review.updated_by,
        "updated_at": timezone.localtime(review.updated_at),
        "exceeding": exceeding_expectations(review.enrolment) if review.kind == Review.Kind.FINAL else [],
    }


def exceeding_expectations(enrolment):
    """For the final review: the criteria signed off, as they stand, with the care coordinator
    acknowledged as exceeding expectations, in criterion order. One query."""
    found = []
    for state in criterion_states(enrolment).values():
        assessment = state.assessment
        if state.status == "achieved" and assessment.exceeds_expectations:
            criterion = state.request.criterion
            found.append(
                (
                    (criterion.group_id, criterion.position),
                    criterion.code,
                    criterion.title,
                    assessment.exceeding_comment,
                )
            )
    return [{"code": code, "title": title, "comment": comment} for _, code, title, comment in sorted(found)]


def reviews_page(enrolment, user):
    reviews = list(
        Review.objects.filter(enrolment=enrolment).select_related("updated_by").order_by("held_on", "created_at")
    )
    signatures = list(Signature.objects.filter(review__in=reviews).select_related("withdrawal"))
    invitations = list(Invitation.objects.filter(review__in=reviews))
    signings = {}
    rows = []
    for review in reviews:
        review.enrolment = enrolment
        signings[review.pk] = signing_state(
            review,
            [s for s in signatures if s.review_id == review.pk],
            [i for i in invitations if i.review_id == review.pk],
        )
        href = reverse("assessments:review", args=[review.uuid])
        rows.append({"review": review, "signing": signings[review.pk], "href": href})
    kinds_held = {r.kind for r in reviews}
    can_start = access.can_edit_portfolio(user, enrolment) or access.can_assess(user, enrolment)
    return {
        "page_title": f"Reviews for {enrolment.learner.display_name}",
        "enrolment": enrolment,
        "learner": enrolment.learner,
        "rows": rows,
        "due": reviews_due(enrolment, reviews, signings),
        "today": timezone.localdate(),
        "can_start": [
            {"kind": kind.value, "label": kind.label}
            for kind in Review.Kind
            if can_start and (kind == Review.Kind.PROGRESS or kind not in kinds_held)
        ],
    }
