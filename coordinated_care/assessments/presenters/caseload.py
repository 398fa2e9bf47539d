"""The facilitator's caseload page: what waits for them, most urgent first, and their learners.

Order: first everything already waiting, oldest first (sign-off requests by the time they were
asked, reviews by the date they fell due, reviews held and waiting for the facilitator's
signature by when they were written, interprofessional records waiting for their comments and
critical reflections on a shortfall waiting for their agreement by when they were last saved);
then reviews due in the next two weeks, soonest first; then evidence new or changed since the
facilitator last looked, oldest look first. And what waits for a workplace supervisor, for their
home."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from coordinated_care.core import dates
from coordinated_care.core.dates import utc

from ..services.caseload import SOON, caseload, reviews_for_supervisor
from .record_signatures import supervisor_todo


@dataclass
class Waiting:
    kind: str  # "sign_off", "review_overdue", "review_to_sign", "review_due", "new_evidence"
    tag: str
    colour: str
    learner: str
    text: str
    href: str
    since: datetime.datetime  # for ordering
    when: str


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def portfolio_href(enrolment):
    return reverse("portfolios:overview", args=[enrolment.uuid])


def caseload_page(user, today=None):
    today = today or timezone.localdate()
    cases = caseload(user)
    waiting, upcoming, evidence = [], [], []
    for case in cases:
        enrolment = case.enrolment
        learner = enrolment.learner.display_name
        for request in case.requests:
            waiting.append(
                Waiting(
                    "sign_off",
                    "Sign-off requested",
                    "yellow",
                    learner,
                    f"{request.criterion.code} {request.criterion.title}",
                    reverse("assessments:request", args=[request.uuid]),
                    request.requested_at,
                    f"asked {utc(request.requested_at)}",
                )
            )
        for request in case.changed:
            waiting.append(
                Waiting(
                    "changed_since_sign_off",
                    "Changed since sign-off",
                    "red",
                    learner,
                    f"{request.criterion.code} {request.criterion.title}: changed since you signed: re-confirm",
                    reverse("assessments:changes", args=[request.uuid]),
                    request.closed_at or request.requested_at,
                    f"signed off {utc(request.closed_at or request.requested_at)}",
                )
            )
        for review in case.to_sign:
            waiting.append(
                Waiting(
                    "review_to_sign",
                    "Review to sign",
                    "blue",
                    learner,
                    f"{review.get_kind_display()} held on {dates.date(review.held_on)}",
                    reverse("assessments:review", args=[review.uuid]),
                    review.updated_at,
                    f"written {utc(review.updated_at)}",
                )
            )
        for entry in case.records:
            waiting.append(
                Waiting(
                    "record_to_comment",
                    "Record to comment on",
                    "blue",
                    learner,
                    f"Interprofessional record: {entry.title}",
                    reverse("assessments:record_comment", args=[enrolment.uuid, entry.uuid]),
                    entry.updated_at,
                    f"saved {utc(entry.updated_at)}",
                )
            )
        for reflection in case.reflections:
            criterion = reflection.criterion
            waiting.append(
                Waiting(
                    "reflection_to_agree",
                    "Reflection to agree",
                    "blue",
                    learner,
                    f"Critical reflection on the shortfall in {criterion.code} {criterion.title}",
                    reverse("assessments:reflection_sign", args=[enrolment.uuid, criterion.code]),
                    reflection.updated_at,
                    f"written {utc(reflection.updated_at)}",
                )
            )
        reviews_href = reverse("assessments:reviews", args=[enrolment.uuid])
        for due in case.due:
            label = due.kind.label if hasattr(due.kind, "label") else str(due.kind)
            href = reverse("assessments:review", args=[due.review.uuid]) if due.review else reviews_href
            if due.overdue(today):
                waiting.append(
                    Waiting(
                        "review_overdue",
                        "Review overdue",
                        "red",
                        learner,
                        label,
                        href,
                        _start_of(due.due_on),
                        f"due {dates.date(due.due_on)}",
                    )
                )
            elif due.due_on <= today + SOON:
                upcoming.append(
                    Waiting(
                        "review_due",
                        "Review due",
                        "grey",
                        learner,
                        label,
                        href,
                        _start_of(due.due_on),
                        f"due {dates.date(due.due_on)}",
                    )
                )
        if case.new_evidence:
            looked = case.last_looked
            evidence.append(
                Waiting(
                    "new_evidence",
                    "New evidence",
                    "blue",
                    learner,
                    f"{case.new_evidence} new or changed piece{'s' if case.new_evidence != 1 else ''} of evidence",
                    portfolio_href(enrolment),
                    looked or _start_of(datetime.date(2000, 1, 1)),
                    f"since you last looked, {utc(looked)}" if looked else "you have not looked yet",
                )
            )
    items = (
        sorted(waiting, key=lambda w: w.since)
        + sorted(upcoming, key=lambda w: w.since)
        + sorted(evidence, key=lambda w: w.since)
    )
    learners = [
        {
            "name": case.enrolment.learner.display_name,
            # Assessed today as a delegate (ADR 16): on behalf of their facilitator.
            "on_behalf_of": (
                case.enrolment.facilitator.display_name if case.enrolment.facilitator_id != user.pk else ""
            ),
            "delegations_href": reverse("delegations:index", args=[case.enrolment.uuid]),
            "cohort": case.enrolment.cohort.name,
            "practice": case.enrolment.practice.name,
            "href": portfolio_href(case.enrolment),
            "reviews_href": reverse("assessments:reviews", args=[case.enrolment.uuid]),
            "waiting": len(case.requests)
            + len(case.to_sign)
            + len(case.changed)
            + len(case.records)
            + len(case.reflections),
            "last_looked": utc(case.last_looked) if case.last_looked else "Not yet",
        }
        for case in cases
    ]
    return {"page_title": "Your caseload", "items": items, "learners": learners}


WAITING_KINDS = (
    "sign_off",
    "review_overdue",
    "review_to_sign",
    "changed_since_sign_off",
    "record_to_comment",
    "reflection_to_agree",
)


def caseload_summary(user):
    """For the facilitator's home page: how much waits, and the link to the caseload."""
    page = caseload_page(user)
    waiting = [i for i in page["items"] if i.kind in WAITING_KINDS]
    return {
        "waiting_count": len(waiting),
        "learner_count": len(page["learners"]),
        "href": reverse("assessments:caseload"),
    }


def supervisor_waiting(user):
    """For the workplace supervisor's home: everything waiting for their signature or comments,
    oldest first, each with the link to where it is done: the critical reflections to confirm and
    the reviews to comment on or sign as the additional signatory. Six queries at most."""
    items = supervisor_todo(user)
    for waiting in reviews_for_supervisor(user):
        review = waiting.review
        kind = review.get_kind_display()
        if waiting.action == "comments":
            what, href = f"Write your comments on the {kind.lower()}", "assessments:review_edit"
        else:
            held = f" held on {dates.date(review.held_on)}" if review.held_on else ""
            what, href = f"Sign the {kind.lower()}{held} as the additional signatory", "assessments:review_sign"
        items.append(
            {
                "learner": review.enrolment.learner.display_name,
                "what": what,
                "href": reverse(href, args=[review.uuid]),
                "since": review.updated_at,
            }
        )
    return sorted(items, key=lambda item: item["since"])
