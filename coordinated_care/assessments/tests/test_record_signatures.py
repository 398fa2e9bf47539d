"""Signatures on the interprofessional record (the facilitator's comments) and on the learner's
critical reflection on a shortfall (agreed by the facilitator, confirmed by the supervisor): the
same electronic signature as sign-offs (ADR 7), flagged when what was signed changes."""

import json
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from coordinated_care.audit.models import AuditEvent
from coordinated_care.portfolios import services as portfolio

from ..models import Capacity, ImmutableRecord, Meaning, RecordComment, Signature
from ..presenters import record_signatures as presenters
from ..services import record_signatures as services
from ..services.signing import ReauthenticationFailed, check_integrity
from .helpers import criterion
from .record_builders import agreed, commented, confirmed, interprofessional_record, reflection

# The facilitator's comments on an interprofessional record ----------------------------------------


def test_the_facilitator_signs_their_comments_bound_to_the_records_version(enrolment, learner, facilitator):
    entry = interprofessional_record(enrolment, learner)
    comment = commented(entry, facilitator, comments="Good use of the matron's knowledge.")
    signature = comment.signature
    assert signature.meaning == Meaning.RECORD_COMMENTED and signature.capacity == Capacity.FACILITATOR
    assert signature.signer == facilitator and signature.signer_name == facilitator.display_name
    assert check_integrity(signature).intact
    payload = json.loads(signature.payload)
    assert payload["subject"]["entry"] == str(entry.uuid) and payload["subject"]["version"] == 1
    assert payload["subject"]["content_hash"] == entry.versions.get().content_hash
    assert payload["statement"] == {"comments": "Good use of the matron's knowledge."}
    signed = services.record_comments([entry])[str(entry.uuid)]
    assert [c.standing for c in signed] == [True]
    assert not services.waits_for_comments(signed)
    assert AuditEvent.objects.filter(content_type__model="recordcomment", object_id=str(comment.pk)).exists()


def test_a_change_to_the_record_after_signing_flags_the_signature(enrolment, learner, facilitator):
    entry = interprofessional_record(enrolment, learner)
    commented(entry, facilitator)
    entry = portfolio.update_entry(
        entry, content={**entry.content, "reflections": "Rewritten after signing."}, user=learner, seen_version=1
    )
    signed = services.record_comments([entry])[str(entry.uuid)]
    assert signed[0].problems == ["The record has changed since it was signed."]
    assert services.waits_for_comments(signed)
    # The facilitator comments on the new version: that signature stands, the old one stays flagged.
    commented(entry, facilitator, comments="Read again.")
    signed = services.record_comments([entry])[str(entry.uuid)]
    assert [c.standing for c in signed] == [False, True]


def test_comments_are_never_edited(enrolment, learner, facilitator):
    comment = commented(interprofessional_record(enrolment, learner), facilitator)
    comment.comments = "Changed"
    with pytest.raises(ImmutableRecord):
        comment.save()


def test_only_the_assigned_facilitator_comments_with_their_password(
    enrolment, learner, facilitator, unassigned_facilitator, supervisor
):
    entry = interprofessional_record(enrolment, learner)
    for outsider in (learner, unassigned_facilitator, supervisor):
        with pytest.raises(PermissionDenied):
            services.comment_on_record(entry, user=outsider, password=PASSWORD, seen_version=1, comments="Hi")
    with pytest.raises(ReauthenticationFailed):
        services.comment_on_record(entry, user=facilitator, password="wrong", seen_version=1, comments="Hi")
    assert not RecordComment.objects.exists()


def test_a_record_read_at_an_older_version_is_not_signed(enrolment, learner, facilitator):
    entry = interprofessional_record(enrolment, learner)
    portfolio.update_entry(entry, content={**entry.content, "reflections": "Newer."}, user=learner, seen_version=1)
    with pytest.raises(services.RecordMoved):
        services.comment_on_record(entry, user=facilitator, password=PASSWORD, seen_version=1, comments="Hi")
    assert not Signature.objects.exists()


def test_only_interprofessional_records_take_comments(enrolment, learner, facilitator):
    from .helpers import evidence

    case_study = evidence(enrolment, learner)
    with pytest.raises(PermissionDenied):
        services.comment_on_record(case_study, user=facilitator, password=PASSWORD, seen_version=1, comments="Hi")


def test_verify_signatures_checks_record_signatures(enrolment, learner, facilitator):
    commented(interprofessional_record(enrolment, learner), facilitator)
    agreed(reflection(enrolment, learner), facilitator)
    out = StringIO()
    call_command("verify_signatures", stdout=out)
    assert "All 2 signatures verified." in out.getvalue()
    # A record signature rewritten in the database is caught like any other.
    comment_signature = RecordComment.objects.get().signature
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Signature._meta.db_table} SET signer_name = %s WHERE id = %s",
            ["Someone Else", comment_signature.pk],
        )
    with pytest.raises(CommandError):
        call_command("verify_signatures", stdout=StringIO())


def test_the_entry_page_shows_the_comments_and_a_way_for_the_facilitator_to_sign(enrolment, learner, facilitator):
    entry = interprofessional_record(enrolment, learner)
    url = reverse("portfolios:entry", args=[enrolment.uuid, entry.uuid])
    as_facilitator, as_learner = Client(), Client()
    as_facilitator.force_login(facilitator)
    as_learner.force_login(learner)
    comment_url = reverse("assessments:record_comment", args=[enrolment.uuid, entry.uuid])
    assert comment_url in as_facilitator.get(url).content.decode()
    page = as_learner.get(url).content.decode()
    assert "has not commented on and signed this record yet" in page and comment_url not in page

    response = as_facilitator.post(
        comment_url, {"comments": "A relationship worth keeping.", "password": PASSWORD, "version": entry.version}
    )
    assert response.status_code == 302 and response["Location"] == url
    page = as_learner.get(url).content.decode()
    assert "A relationship worth keeping." in page and "Facilitator&#39;s comments" in page and "UTC" in page


def test_a_wrong_password_signs_nothing_and_says_so(enrolment, learner, facilitator):
    entry = interprofessional_record(enrolment, learner)
    client = Client()
    client.force_login(facilitator)
    url = reverse("assessments:record_comment", args=[enrolment.uuid, entry.uuid])
    response = client.post(url, {"comments": "Fine.", "password": "nope", "version": 1})
    assert response.status_code == 200 and "The password is not right" in response.content.decode()
    assert not RecordComment.objects.exists()


def test_other_entry_pages_cost_no_query_more(enrolment, learner, django_assert_max_num_queries):
    from .helpers import evidence

    entry = evidence(enrolment, learner)
    context = {"entry": entry}
    with django_assert_max_num_queries(0):
        assert presenters.entry_panel(learner, enrolment, context) == {}


# The critical reflection on a shortfall -------------------------------------------------------------


def test_learner_writes_facilitator_agrees_supervisor_confirms(enrolment, learner, facilitator, supervisor):
    written = reflection(enrolment, learner)
    assert services.reflection_state(services.reflection_for(enrolment, written.criterion)).status == "written"
    # The supervisor cannot confirm before the facilitator agrees.
    with pytest.raises(ValidationError):
        confirmed(written, supervisor)
    agreed(written, facilitator)
    assert [r.pk for r in services.waiting_for_supervisor(supervisor)] == [written.pk]
    confirmed(written, supervisor)
    state = services.reflection_state(services.reflection_for(enrolment, written.criterion))
    assert state.status == "confirmed"
    assert state.agreement.meaning == Meaning.REFLECTION_AGREED and state.agreement.signer == facilitator
    assert state.confirmation.meaning == Meaning.REFLECTION_CONFIRMED
    assert state.confirmation.capacity == Capacity.SUPERVISOR and state.confirmation.signer == supervisor
    assert json.loads(state.confirmation.payload)["subject"]["reflection"] == written.reflection
    assert services.waiting_for_supervisor(supervisor) == []
    assert services.confirmed_reflection(enrolment, written.criterion) is not None


def test_an_agreed_reflection_closes_to_editing(enrolment, learner, facilitator):
    written = agreed(reflection(enrolment, learner), facilitator)
    with pytest.raises(ValidationError):
        services.save_reflection(enrolment=enrolment, criterion=written.criterion, user=learner, reflection="Other")


def test_a_reflection_changed_after_signing_does_not_stand(enrolment, learner, facilitator, supervisor):
    written = agreed(reflection(enrolment, learner), facilitator)
    # A rewrite behind the service's back (the service refuses one): the signature no longer stands.
    type(written).objects.filter(pk=written.pk).update(reflection="Rewritten", version=2)
    state = services.reflection_state(services.reflection_for(enrolment, written.criterion))
    assert state.status == "written"
    assert "The reflection has changed since it was signed." in state.problems[state.agreement.pk]


def test_who_may_write_agree_and_confirm(
    enrolment, learner, other_learner, facilitator, unassigned_facilitator, supervisor
):
    pc4 = criterion(enrolment, "PC4")
    for outsider in (other_learner, facilitator, supervisor):
        with pytest.raises(PermissionDenied):
            services.save_reflection(enrolment=enrolment, criterion=pc4, user=outsider, reflection="Mine")
    written = reflection(enrolment, learner)
    for outsider in (learner, unassigned_facilitator, supervisor):
        with pytest.raises(PermissionDenied):
            services.agree_reflection(written, user=outsider, password=PASSWORD, seen_version=1)
    agreed(written, facilitator)
    for outsider in (learner, facilitator, unassigned_facilitator):
        with pytest.raises(PermissionDenied):
            services.confirm_reflection(written, user=outsider, password=PASSWORD, seen_version=1)


def test_the_supervisor_home_lists_what_waits_for_them(
    enrolment, learner, facilitator, supervisor, django_assert_max_num_queries
):
    written = agreed(reflection(enrolment, learner), facilitator)
    client = Client()
    client.force_login(supervisor)
    page = client.get(reverse("supervisor_home")).content.decode()
    href = reverse("assessments:reflection", args=[enrolment.uuid, written.criterion.code])
    assert "Confirm the critical reflection on the shortfall in PC4" in page and href in page
    with django_assert_max_num_queries(2):
        assert len(presenters.supervisor_todo(supervisor)) == 1
    confirmed(written, supervisor)
    assert "Nothing waits for your signature." in client.get(reverse("supervisor_home")).content.decode()


def test_the_criterion_page_offers_the_learner_a_reflection(enrolment, learner, facilitator, django_assert_num_queries):
    # One query on the criterion page while there is no reflection, for anyone.
    pc4 = criterion(enrolment, "PC4")
    for reader in (learner, facilitator):
        with django_assert_num_queries(1):
            presenters.reflection_panel(reader, enrolment, pc4)
    client = Client()
    client.force_login(learner)
    page = client.get(reverse("portfolios:criterion", args=[enrolment.uuid, "PC4"])).content.decode()
    assert reverse("assessments:reflection_write", args=[enrolment.uuid, "PC4"]) in page


# The portfolio PDF -----------------------------------------------------------------------------------


def test_the_pdf_shows_the_comments_under_the_record_and_the_reflections_signatures(
    enrolment, learner, facilitator, supervisor
):
    from coordinated_care.reports.document import gather

    entry = interprofessional_record(enrolment, learner)
    commented(entry, facilitator, comments="A relationship worth keeping.")
    confirmed(agreed(reflection(enrolment, learner), facilitator), supervisor)
    document = gather.portfolio_document(enrolment)
    (row,) = document["interprofessional"]
    (comment,) = row["comments"]
    assert comment["comments"] == "A relationship worth keeping."
    assert comment["signature"]["name"] == facilitator.display_name and comment["signature"]["problems"] == []
    (item,) = document["shortfall_reflections"]
    assert item["code"] == "PC4" and item["status"] == "confirmed"
    assert [s["capacity"] for s in item["signatures"]] == ["Practice-based facilitator", "Workplace supervisor"]


def test_a_sign_off_accepting_the_reflection_takes_the_learners_own(enrolment, learner, facilitator, supervisor):
    from .helpers import ask, decide

    written = confirmed(agreed(reflection(enrolment, learner), facilitator), supervisor)
    request = ask(enrolment, learner, "PC4", entries=[], note="I could not show this in practice.")
    assessment = decide(request, facilitator, outcome="reflection_accepted", reflection="", agreed_with_supervisor="")
    assert assessment.reflection == written.reflection
    assert assessment.agreed_with_supervisor == supervisor.display_name
    assert json.loads(assessment.signature.payload)["statement"]["reflection"] == written.reflection


def test_without_a_confirmed_reflection_the_facilitator_must_still_record_one(enrolment, learner, facilitator):
    from .helpers import ask, decide

    agreed(reflection(enrolment, learner), facilitator)  # not confirmed by the supervisor
    request = ask(enrolment, learner, "PC4", entries=[], note="I could not show this in practice.")
    with pytest.raises(ValidationError):
        decide(request, facilitator, outcome="reflection_accepted", reflection="", agreed_with_supervisor="")


def test_withdrawing_the_agreement_reopens_the_reflection_and_leaves_the_signature_marked(
    enrolment, learner, facilitator
):
    from ..services.signing import withdraw_signature

    written = agreed(reflection(enrolment, learner), facilitator)
    state = services.reflection_state(services.reflection_for(enrolment, written.criterion))
    withdraw_signature(state.agreement, user=facilitator, reason="Agreed too early.", password=PASSWORD)
    state = services.reflection_state(services.reflection_for(enrolment, written.criterion))
    assert state.status == "written" and state.agreement is None
    rewritten = services.save_reflection(
        enrolment=enrolment, criterion=written.criterion, user=learner, reflection="A fuller reflection."
    )
    assert rewritten.version == 2
    client = Client()
    client.force_login(facilitator)
    page = client.get(reverse("assessments:reflection", args=[enrolment.uuid, written.criterion.code]))
    assert "Withdrawn" in page.content.decode() and "Agree the reflection" in page.content.decode()


def test_the_learners_and_facilitators_download_hold_what_they_wrote(enrolment, learner, facilitator):
    from ..personal_data import export

    commented(interprofessional_record(enrolment, learner), facilitator, comments="Worth keeping.")
    reflection(enrolment, learner)
    for person in (learner, facilitator):
        sections = {s.title: s.rows for s in export(person)}
        assert sections["Facilitator comments on interprofessional records"][0]["comments"] == "Worth keeping."
    sections = {s.title: s.rows for s in export(learner)}
    assert sections["Critical reflections on a shortfall"][0]["criterion"] == "PC4"
