"""Reviews: each side writes its own parts, stale saves are refused, signatures close the review,
and the programme is complete when every criterion is done and the final review fully signed."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from conftest import PASSWORD
from coordinated_care.programmes.models import Criterion

from ..models import Capacity, Review, Signature
from ..services import completion, is_complete, signing
from ..services import reviews as services
from ..services.invitations import invite
from ..services.review_kinds import FINAL_CHECKLIST
from .helpers import FINAL_CONTENT, ask, decide, evidence, sign, written_review


def test_the_initial_discussion_is_written_by_both_and_signed_by_both(enrolment, learner, facilitator):
    review = written_review(enrolment, learner, facilitator)
    assert services.missing_to_sign(review) == []
    by_learner = sign(review, learner)
    facilitator = sign(review, facilitator)
    assert (by_learner.capacity, by_learner.meaning, by_learner.signer_role) == (
        "coordinator",
        "agreed",
        "Learner",
    )
    assert (facilitator.capacity, facilitator.meaning) == ("facilitator", "reviewed")
    assert services.review_signing(review).complete
    payload = json.loads(facilitator.payload)
    assert payload["subject"]["content"]["learning_plan"] == review.content["learning_plan"]


def test_one_initial_discussion_and_one_final_review(enrolment, facilitator, learner):
    services.create_review(enrolment=enrolment, kind=Review.Kind.INITIAL, user=facilitator)
    with pytest.raises(ValidationError):
        services.create_review(enrolment=enrolment, kind=Review.Kind.INITIAL, user=learner)
    services.create_review(enrolment=enrolment, kind=Review.Kind.PROGRESS, user=facilitator)
    services.create_review(enrolment=enrolment, kind=Review.Kind.PROGRESS, user=facilitator)
    assert Review.objects.filter(kind=Review.Kind.PROGRESS).count() == 2


@pytest.mark.parametrize(
    "persona",
    ["unassigned_facilitator", "revoked_facilitator", "programme_lead", "supervisor", "other_learner", "employer"],
)
def test_only_the_learner_and_facilitator_start_reviews(enrolment, persona, request):
    with pytest.raises(PermissionDenied):
        services.create_review(enrolment=enrolment, kind=Review.Kind.INITIAL, user=request.getfixturevalue(persona))


def test_each_side_writes_only_its_own_parts_of_the_final_review(enrolment, learner, facilitator):
    review = services.create_review(enrolment=enrolment, kind=Review.Kind.FINAL, user=facilitator)
    review = services.update_review(review, user=learner, seen_version=1, data=FINAL_CONTENT)
    assert review.content["self_assessment"] == FINAL_CONTENT["self_assessment"]
    assert "supervisor_comments" not in review.content and "checklist_1_ticked" not in review.content
    assert review.content["checklist_1_coordinator_initials"] == "TL"
    review = services.update_review(
        review, user=facilitator, seen_version=review.version, data={**FINAL_CONTENT, "self_assessment": "x"}
    )
    assert review.content["self_assessment"] == FINAL_CONTENT["self_assessment"]
    assert review.content["checklist_2_ticked"] is True and review.content["checklist_2_facilitator_initials"] == "AF"
    labels = [f.label for f in services.fields_for(review) if f.widget == "tick"]
    assert labels == list(FINAL_CHECKLIST)


def test_the_workplace_supervisor_writes_the_supervisor_comments(enrolment, learner, facilitator, supervisor):
    review = services.create_review(enrolment=enrolment, kind=Review.Kind.FINAL, user=facilitator)
    review = services.update_review(
        review, user=supervisor, seen_version=1, data={"supervisor_comments": "Good", "self_assessment": "x"}
    )
    assert review.content == {"supervisor_comments": "Good"}


def test_a_stale_save_is_refused_with_who_saved_it(enrolment, learner, facilitator):
    review = services.create_review(enrolment=enrolment, kind=Review.Kind.INITIAL, user=facilitator)
    services.update_review(review, user=facilitator, seen_version=1, data={"learning_needs": "From the facilitator"})
    with pytest.raises(services.StaleReview) as stale:
        services.update_review(review, user=learner, seen_version=1, data={"learning_needs": "From the learner"})
    assert "Assigned Facilitator saved this review" in str(stale.value)
    review.refresh_from_db()
    assert review.content["learning_needs"] == "From the facilitator" and review.version == 2


def test_a_signed_review_cannot_change_until_the_signatures_are_withdrawn(enrolment, learner, facilitator):
    review = written_review(enrolment, learner, facilitator)
    signature = sign(review, learner)
    review.refresh_from_db()
    with pytest.raises(services.ReviewSigned):
        services.update_review(review, user=facilitator, seen_version=review.version, data={"learning_needs": "New"})
    signing.withdraw_signature(signature, user=learner, reason="We will add more.", password=PASSWORD)
    services.update_review(review, user=facilitator, seen_version=review.version, data={"learning_needs": "New"})


def test_an_incomplete_review_cannot_be_signed(enrolment, facilitator, learner):
    review = services.create_review(enrolment=enrolment, kind=Review.Kind.FINAL, user=facilitator)
    with pytest.raises(ValidationError):
        sign(review, facilitator)
    assert not Signature.objects.exists()


def test_signing_a_version_not_seen_is_refused(enrolment, learner, facilitator):
    review = written_review(enrolment, learner, facilitator)
    stale_version = review.version
    services.update_review(review, user=learner, seen_version=review.version, data={"learning_plan": "Changed"})
    with pytest.raises(services.StaleReview):
        services.sign_review(review, user=facilitator, password=PASSWORD, seen_version=stale_version)


def test_each_box_is_signed_once(enrolment, learner, facilitator):
    review = written_review(enrolment, learner, facilitator)
    sign(review, learner)
    with pytest.raises(ValidationError):
        sign(review, learner)


@pytest.mark.parametrize(
    "persona",
    ["unassigned_facilitator", "revoked_facilitator", "programme_lead", "other_learner", "employer", "administrator"],
)
def test_outsiders_do_not_sign_reviews(enrolment, learner, facilitator, persona, request):
    review = written_review(enrolment, learner, facilitator)
    with pytest.raises(PermissionDenied):
        sign(review, request.getfixturevalue(persona))


def test_the_workplace_supervisor_signs_as_additional_signatory(enrolment, learner, facilitator, supervisor):
    review = written_review(enrolment, learner, facilitator, Review.Kind.FINAL)
    signature = sign(review, supervisor)
    assert signature.capacity == Capacity.ADDITIONAL and signature.meaning == "countersigned"
    # Having been used, the additional signature is now needed: nothing is complete without the others.
    state = services.review_signing(review)
    assert state.required == [Capacity.LEARNER, Capacity.FACILITATOR, Capacity.ADDITIONAL]
    assert not state.complete


def test_an_invitation_makes_the_additional_signature_required(enrolment, learner, facilitator):
    review = written_review(enrolment, learner, facilitator, Review.Kind.FINAL)
    sign(review, learner)
    sign(review, facilitator)
    assert services.review_signing(review).complete
    invite(review, user=facilitator, name="Sam Extra", email="sam@example.test", url_for=lambda token: token)
    assert not services.review_signing(review).complete


def test_a_tampered_review_shows_its_signatures_as_changed(enrolment, learner, facilitator):
    review = written_review(enrolment, learner, facilitator)
    sign(review, learner)
    sign(review, facilitator)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Review._meta.db_table} SET content = %s WHERE id = %s",
            [json.dumps({**review.content, "learning_plan": "Rewritten quietly"}), review.pk],
        )
    review.refresh_from_db()
    state = services.review_signing(review)
    assert not state.complete
    assert all("changed since it was signed" in c.problems[0] for c in state.signed.values())


def test_a_crash_while_signing_a_review_leaves_nothing(enrolment, learner, facilitator, monkeypatch):
    review = written_review(enrolment, learner, facilitator)

    def crash(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(services, "make_signature", crash)
    with pytest.raises(RuntimeError):
        sign(review, learner)
    assert not Signature.objects.exists()


def test_the_programme_is_complete_when_every_criterion_is_done_and_the_final_review_signed(
    enrolment, learner, facilitator
):
    codes = list(Criterion.objects.filter(programme=enrolment.cohort.programme).values_list("code", flat=True))
    for code in codes[:-1]:
        decide(
            ask(enrolment, learner, code, entries=[evidence(enrolment, learner, code, title=f"Evidence {code}")]),
            facilitator,
        )
    assert not is_complete(enrolment)
    decide(
        ask(enrolment, learner, codes[-1], entries=[], note="No chance in my role"), facilitator, "reflection_accepted"
    )
    state = completion(enrolment)
    assert state.criteria_done == state.criteria_total == len(codes)
    assert not state.final_review_signed and not is_complete(enrolment)
    review = written_review(enrolment, learner, facilitator, Review.Kind.FINAL)
    sign(review, learner)
    assert not is_complete(enrolment)
    sign(review, facilitator)
    assert is_complete(enrolment)
