"""Building portfolios with evidence, requests, decisions and reviews for the tests."""

import datetime

from django.utils import timezone

from conftest import PASSWORD
from coordinated_care.portfolios import services as portfolio
from coordinated_care.portfolios.models import Entry
from coordinated_care.programmes.models import Criterion

from ..models import Review
from ..services import reviews as review_services
from ..services import sign_offs
from ..services.sign_offs import request_subject

CASE_STUDY = {
    "title": "Case study 1: leaving hospital",
    "overview": "An older person living alone needed support after a hospital stay.",
    "coordination": "I arranged a review with the community team and a befriending service.",
    "outcomes": "They felt supported at home; I learned to check transport needs earlier.",
}


def criterion(enrolment, code="PC1"):
    return Criterion.objects.get(programme=enrolment.cohort.programme, code=code)


def evidence(enrolment, learner, code="PC1", title="Case study 1: leaving hospital"):
    entry = portfolio.create_entry(
        enrolment=enrolment, kind=Entry.Kind.CASE_STUDY, content={**CASE_STUDY, "title": title}, user=learner
    )
    portfolio.link_evidence(
        entry, criterion=criterion(enrolment, code), how_it_shows="Three conversations.", user=learner
    )
    return entry


def ask(enrolment, learner, code="PC1", entries=None, note=""):
    if entries is None:
        entries = [evidence(enrolment, learner, code)]
    return sign_offs.request_sign_off(
        enrolment=enrolment,
        criterion=criterion(enrolment, code),
        user=learner,
        entries=[e.uuid for e in entries],
        note=note,
    )


def decide(request, facilitator, outcome="achieved", **extra):
    values = {
        "comments": "Clear, person-centred conversations, well reflected on.",
        "achieved_on": timezone.localdate() if outcome == "achieved" else None,
        **extra,
    }
    if outcome == "development_need" and "actions" not in extra:
        values["actions"] = [
            {
                "area_of_focus": "Digital signposting",
                "actions": "Shadow the digital champion for a session.",
                "help": "The practice's digital champion.",
                "success_measure": "Signposts two people to online services.",
                "due_on": timezone.localdate() + datetime.timedelta(days=30),
            }
        ]
    if outcome == "reflection_accepted":
        values.setdefault("reflection", "I had no chance to coordinate a transition; I reflected on why.")
        values.setdefault("agreed_with_supervisor", "Test Supervisor")
    return sign_offs.record_decision(
        request,
        user=facilitator,
        password=PASSWORD,
        seen_subject_hash=request_subject(request).hash,
        outcome=outcome,
        **values,
    )


def sign_off(enrolment, learner, facilitator, code="PC1", outcome="achieved"):
    return decide(ask(enrolment, learner, code), facilitator, outcome)


def changed_sign_off(enrolment, learner, facilitator, code="PC1", added=" I will check transport needs first."):
    """An achieved sign-off whose case study the learner then changed by adding a sentence."""
    entry = evidence(enrolment, learner, code)
    assessment = decide(ask(enrolment, learner, code, entries=[entry]), facilitator)
    entry.refresh_from_db()
    portfolio.update_entry(
        entry,
        content={**entry.content, "outcomes": entry.content["outcomes"] + added},
        user=learner,
        seen_version=entry.version,
    )
    return assessment


FINAL_CONTENT = {
    "self_assessment": "Over six months I have grown in confidence.",
    "supervisor_comments": "Consistently person-centred; evidence from three case studies.",
    **{f"checklist_{n}_ticked": True for n in (1, 2, 3)},
    **{f"checklist_{n}_facilitator_initials": "AF" for n in (1, 2, 3)},
    **{f"checklist_{n}_coordinator_initials": "TL" for n in (1, 2, 3)},
}
INITIAL_CONTENT = {
    "learning_needs": "Confidence with digital tools.",
    "learning_opportunities": "Shadowing the social prescriber.",
    "learning_plan": "Monthly reviews; three case studies by month four.",
}


def written_review(enrolment, learner, facilitator, kind=Review.Kind.INITIAL, held_on=None):
    review = review_services.create_review(enrolment=enrolment, kind=kind, user=facilitator)
    content = {Review.Kind.INITIAL: INITIAL_CONTENT, Review.Kind.FINAL: FINAL_CONTENT}.get(kind, {"notes": "On track."})
    held_on = held_on or timezone.localdate()
    review = review_services.update_review(
        review, user=facilitator, seen_version=review.version, data=content, held_on=held_on
    )
    # The learner writes their own parts of the final review.
    review = review_services.update_review(review, user=learner, seen_version=review.version, data=content)
    return review


def sign(review, user):
    review.refresh_from_db()
    return review_services.sign_review(review, user=user, password=PASSWORD, seen_version=review.version)
