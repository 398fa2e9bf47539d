"""The facilitator's caseload: everything waiting, most urgent first, in a fixed number of queries;
"last looked"; and the e-mails that tell the facilitator something is waiting."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coordinated_care.accounts.models import Role
from coordinated_care.accounts.tests.factories import RoleAssignmentFactory
from coordinated_care.portfolios import services as portfolio
from coordinated_care.programmes.services import enrol

from ..models import LastLooked, Review, SignOffRequest
from ..presenters import caseload_page, caseload_summary
from ..services import record_look
from ..services.caseload import caseload
from .helpers import ask, criterion, decide, evidence, written_review


def test_asking_for_sign_off_emails_the_facilitator(
    enrolment, learner, facilitator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = ask(enrolment, learner)
    message = mail.outbox[-1]
    assert message.to == [facilitator.email]
    assert "Sign-off requested: PC1 for Test Learner" == message.subject
    assert f"/assessments/requests/{request.uuid}/" in message.body
    assert "leaving hospital" not in message.body  # the evidence itself never goes by e-mail


def test_new_evidence_on_a_waiting_criterion_emails_the_facilitator(
    enrolment, learner, facilitator, django_capture_on_commit_callbacks
):
    ask(enrolment, learner)
    other = evidence(enrolment, learner, "PC2")  # not waiting: no e-mail
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        portfolio.link_evidence(other, criterion=criterion(enrolment, "PC1"), how_it_shows="Also this.", user=learner)
    assert len(mail.outbox) == sent + 1
    assert mail.outbox[-1].to == [facilitator.email]
    assert mail.outbox[-1].subject == "New evidence for PC1 from Test Learner"
    with django_capture_on_commit_callbacks(execute=True):
        portfolio.link_evidence(
            other, criterion=criterion(enrolment, "PC1"), how_it_shows="Changed words.", user=learner
        )
    assert len(mail.outbox) == sent + 1  # an edited link is not new evidence


def test_nothing_is_emailed_when_the_change_rolls_back(enrolment, learner, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                ask(enrolment, learner)
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == [] and not SignOffRequest.objects.exists()


def test_the_caseload_lists_what_waits_most_urgent_first(enrolment, other_enrolment, learner, facilitator):
    first = ask(enrolment, learner, "PC1")
    second = ask(enrolment, learner, "PC2")
    SignOffRequest.objects.filter(pk=first.pk).update(requested_at=timezone.now() - datetime.timedelta(days=3))
    page = caseload_page(facilitator, today=timezone.localdate())
    kinds = [(item.kind, item.text.split(" ")[0]) for item in page["items"]]
    # The initial discussion fell due two weeks after a start five weeks ago: the oldest thing waiting.
    assert kinds[0] == ("review_overdue", "Initial")
    assert kinds[1:3] == [("sign_off", "PC1"), ("sign_off", "PC2")]
    assert [learner["name"] for learner in page["learners"]] == ["Test Learner"]  # not other_enrolment's learner
    assert second.uuid
    assert caseload_summary(facilitator)["waiting_count"] == 3


def test_held_reviews_wait_for_the_facilitators_signature(enrolment, learner, facilitator):
    written_review(enrolment, learner, facilitator, Review.Kind.INITIAL)
    case = caseload(facilitator)[0]
    assert [r.kind for r in case.to_sign] == ["initial"]
    assert [d.kind for d in case.due] == ["progress", "final"]


def test_evidence_since_the_facilitator_last_looked(enrolment, learner, facilitator, unassigned_facilitator):
    evidence(enrolment, learner)
    assert caseload(facilitator)[0].new_evidence == 1
    record_look(facilitator, enrolment)
    record_look(unassigned_facilitator, enrolment)  # does nothing for someone not assigned
    assert LastLooked.objects.get().user == facilitator
    assert caseload(facilitator)[0].new_evidence == 0
    entry = evidence(enrolment, learner, "PC2", title="Second")
    portfolio.update_entry(entry, content={**entry.content, "outcomes": "x"}, user=learner, seen_version=1)
    assert caseload(facilitator)[0].new_evidence == 1


def test_a_facilitator_whose_role_was_taken_away_has_no_caseload_and_no_looks(
    enrolment, learner, revoked_facilitator, signed_in
):
    request = ask(enrolment, learner)
    client = signed_in(revoked_facilitator)
    assert client.get("/assessments/caseload/").status_code == 404
    assert client.get(f"/assessments/requests/{request.uuid}/").status_code == 404
    record_look(revoked_facilitator, enrolment)
    assert not LastLooked.objects.exists()


def test_opening_the_request_counts_as_looking(enrolment, learner, facilitator, signed_in):
    request = ask(enrolment, learner)
    signed_in(facilitator).get(f"/assessments/requests/{request.uuid}/")
    assert LastLooked.objects.filter(user=facilitator, enrolment=enrolment).exists()


def _more_learners(facilitator, cohort, practice, n):
    for _ in range(n):
        learner = RoleAssignmentFactory(role=Role.LEARNER, organisation=practice).user
        enrolment = enrol(cohort=cohort, learner=learner, practice=practice, facilitator=facilitator)
        ask(enrolment, learner, "PC1")
        ask(enrolment, learner, "PC2")
        written_review(enrolment, learner, facilitator, Review.Kind.INITIAL)
        record_look(facilitator, enrolment)
        evidence(enrolment, learner, "PC3")


@pytest.mark.parametrize("view", ["presenter", "page"])
def test_the_caseload_takes_a_fixed_number_of_queries(
    view, enrolment, learner, facilitator, cohort, practice, signed_in
):
    client = signed_in(facilitator)

    def count():
        with CaptureQueriesContext(connection) as captured:
            if view == "presenter":
                caseload_page(facilitator)
            else:
                assert client.get("/assessments/caseload/").status_code == 200
        return len(captured)

    _more_learners(facilitator, cohort, practice, 1)
    few, few_kept = count(), count()
    _more_learners(facilitator, cohort, practice, 4)
    many, many_kept = count(), count()
    assert len(caseload(facilitator)) == 6
    assert (many, many_kept) == (few, few_kept)
    if view == "presenter":
        # Worked out: the caseload, the evidence new since the last looks (counted on its own, was in
        # the caseload's query, which PostgreSQL then JIT-compiled for a quarter of a second), the
        # sign-offs changed since signed among its requests; and two for what else waits for the
        # facilitator's signature: the interprofessional records, the critical reflections. Then kept
        # under the learners' progress facts versions: the caseload's one query alone until one of
        # them changes (was 8 on every request).
        assert (few, few_kept) == (9, 1)


def test_what_waits_is_kept_until_a_learners_portfolio_changes(enrolment, learner, facilitator):
    """The caseload is kept in the cache under the learners' progress facts versions: anything that
    changes what waits (a request, a decision, a review, evidence, a last look) shows at once."""

    def waiting():
        [case] = caseload(facilitator)
        return (
            [r.criterion.code for r in case.requests],
            [r.kind for r in case.to_sign],
            [r.criterion.code for r in case.changed],
            case.new_evidence,
        )

    assert waiting() == ([], [], [], 0)
    request = ask(enrolment, learner, "PC1")
    assert waiting() == (["PC1"], [], [], 1)
    with CaptureQueriesContext(connection) as kept:
        assert waiting() == (["PC1"], [], [], 1)
    assert len(kept) == 1
    decide(request, facilitator)
    assert waiting() == ([], [], [], 1)
    written_review(enrolment, learner, facilitator, Review.Kind.INITIAL)
    assert waiting() == ([], ["initial"], [], 1)
    record_look(facilitator, enrolment)
    assert waiting() == ([], ["initial"], [], 0)
    entry = SignOffRequest.objects.get(pk=request.pk).evidence.get()
    portfolio.update_entry(
        entry, content={**entry.content, "outcomes": "Changed."}, user=learner, seen_version=entry.version
    )
    assert waiting() == ([], ["initial"], ["PC1"], 1)


def test_the_kept_caseload_shows_the_learners_names_as_they_are_now(enrolment, learner, facilitator):
    ask(enrolment, learner, "PC1")
    caseload_page(facilitator)
    learner.full_name = "Renamed Learner"
    learner.save()
    page = caseload_page(facilitator)
    assert {item.learner for item in page["items"]} == {learner.display_name}
    assert [row["name"] for row in page["learners"]] == [learner.display_name]


def test_one_facilitators_kept_caseload_is_never_anothers(enrolment, learner, facilitator, unassigned_facilitator):
    ask(enrolment, learner, "PC1")
    assert len(caseload(facilitator)) == 1
    assert caseload(unassigned_facilitator) == []


def test_evidence_linked_from_the_entry_page_emails_the_facilitator_too(
    enrolment, learner, facilitator, django_capture_on_commit_callbacks
):
    ask(enrolment, learner)
    other = evidence(enrolment, learner, "PC2")
    with django_capture_on_commit_callbacks(execute=True):
        portfolio.set_evidence_links(
            other, links={criterion(enrolment, "PC1"): "Also this.", criterion(enrolment, "PC2"): "x"}, user=learner
        )
    assert mail.outbox[-1].subject == "New evidence for PC1 from Test Learner"
