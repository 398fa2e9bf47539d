"""UK GDPR (ADR 15): a person downloads everything held about them, an administrator erases a
person (removing what may be removed, pseudonymising signed records, the audit trail still whole)
and the retention schedule is applied."""

import datetime
import json

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import EVERYONE, PERSONAS, Access, check_access
from coordinated_care.accounts import privacy, providers
from coordinated_care.accounts.models import RoleAssignment, User
from coordinated_care.assessments.models import Assessment, LastLooked, Signature
from coordinated_care.assessments.tests.helpers import sign_off
from coordinated_care.core.models import OutboxJob
from coordinated_care.portfolios.models import Draft, Entry
from coordinated_care.programmes.models import Enrolment

pytestmark = pytest.mark.django_db


def verify_audit():
    """`verify_audit` as a deployment runs it: exit 0 and the chain reported whole."""
    from io import StringIO

    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


@pytest.fixture
def signed_portfolio(enrolment, learner, facilitator):
    assessment = sign_off(enrolment, learner, facilitator)
    Draft.objects.create(user=learner, key="new-entry", data={"title": "Half written"})
    LastLooked.objects.create(user=facilitator, enrolment=enrolment)
    return assessment


def test_every_app_that_holds_personal_data_registers_a_provider():
    keys = [p.key for p in providers.providers()]
    assert keys == ["accounts", "programmes", "portfolios", "feedback", "assessments", "roles", "reminders"]


def test_the_download_holds_what_every_app_has_of_the_learner(signed_portfolio, learner):
    document = privacy.export(learner)
    sections = {s["title"]: s["rows"] for s in document["sections"]}
    assert sections["Your account"][0]["e-mail address"] == learner.email
    assert [r["role"] for r in sections["Your roles"]] == ["Learner"]
    assert sections["Your enrolments"][0]["status"] == "In progress"
    [entry] = sections["Your portfolio entries"]
    assert entry["answers"]["overview"].startswith("An older person living alone")
    assert sections["Evidence you linked to criteria"][0]["criterion"] == "PC1"
    assert sections["Unsaved drafts"][0]["text"] == {"title": "Half written"}
    assert [r["outcome"] for r in sections["Sign-off decisions"]] == ["Achieved"]
    assert sections["Sign-off decisions"][0]["made by you"] is False
    json.dumps(document)  # plain JSON throughout


def test_the_download_of_a_facilitator_holds_their_decisions_and_signatures(signed_portfolio, facilitator):
    sections = {s["title"]: s["rows"] for s in privacy.export(facilitator)["sections"]}
    assert sections["Sign-off decisions"][0]["made by you"] is True
    assert sections["Your signatures"][0]["printed name"] == facilitator.display_name
    assert sections["Portfolios you support"][0]["as"] == "facilitator"
    # Another person's portfolio is theirs: the facilitator's download has none of its entries.
    assert sections["Your portfolio entries"] == []


def test_the_download_costs_the_same_queries_however_much_there_is(enrolment, learner, facilitator):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            privacy.export(learner)
        return len(captured)

    sign_off(enrolment, learner, facilitator)
    few = queries()
    sign_off(enrolment, learner, facilitator, code="PC2")
    Draft.objects.create(user=learner, key="another", data={})
    assert queries() == few


def test_a_person_downloads_their_data_as_json_and_pdf(signed_in, signed_portfolio, learner):
    client = signed_in(learner)
    page = client.get(reverse("accounts:your_data"))
    assert page.status_code == 200
    assert "Download your data as a PDF" in page.content.decode()

    as_json = client.get(reverse("accounts:download_your_data", args=["json"]))
    assert as_json["Content-Type"] == "application/json"
    assert as_json["Content-Disposition"].startswith('attachment; filename="your-data-')
    assert json.loads(as_json.content)["person"] == learner.display_name

    as_pdf = client.get(reverse("accounts:download_your_data", args=["pdf"]))
    assert as_pdf["Content-Type"] == "application/pdf"
    assert as_pdf.content.startswith(b"%PDF")
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(BytesIO(as_pdf.content)).pages)
    assert learner.email in text and "Your portfolio entries" in text

    assert client.get(reverse("accounts:download_your_data", args=["xml"])).status_code == 404


@pytest.mark.parametrize("persona", EVERYONE)
def test_everyone_signed_in_downloads_their_own_data_and_only_that(request, persona):
    access = Access(readers=[*PERSONAS], get=PERSONAS, post="not allowed")
    check_access(request, persona, reverse("accounts:your_data"), access)
    response = check_access(
        request, persona, reverse("accounts:download_your_data", args=["json"]), Access(readers=PERSONAS, get=PERSONAS)
    )
    if response is not None and response.status_code == 200:
        assert json.loads(response.content)["sections"][0]["rows"][0]["e-mail address"] == (
            request.getfixturevalue(persona).email
        )


@pytest.mark.parametrize("persona", EVERYONE)
def test_only_an_administrator_may_erase(request, persona, other_learner):
    check_access(
        request,
        persona,
        reverse("accounts:erase"),
        Access(readers=["administrator"], get=["administrator"], post=["administrator"]),
        data={"email": other_learner.email, "confirm": "on"},
        state=lambda: User.objects.get(pk=other_learner.pk).email,
    )


def test_erasure_removes_what_may_go_and_pseudonymises_signed_records(
    signed_in, administrator, signed_portfolio, learner, enrolment, facilitator
):
    events_before = verify_audit()
    assert "whole" in events_before.lower() or "ok" in events_before.lower()
    signatures = list(Signature.objects.values_list("pk", "payload_hash"))
    learner_client = Client()
    learner_client.force_login(learner)

    page = signed_in(administrator).post(reverse("accounts:erase"), {"email": learner.email, "confirm": "on"})
    assert page.status_code == 302
    erased = User.objects.get(pk=learner.pk)
    assert erased.full_name.startswith("Erased person ")
    assert erased.email.endswith("@erased.invalid") and learner.email not in erased.email
    assert not erased.is_active and not erased.has_usable_password()
    assert not RoleAssignment.objects.filter(user=erased).exists()
    assert not Draft.objects.filter(user=erased).exists()
    # Their session ended: the next request is sent to sign in.
    assert learner_client.get(reverse("home")).status_code == 302
    # Kept, pointing at the pseudonym: the portfolio, the decision and the signatures, unaltered.
    assert Entry.objects.filter(enrolment=enrolment).exists()
    assert Assessment.objects.get().enrolment.learner_id == erased.pk
    assert list(Signature.objects.values_list("pk", "payload_hash")) == signatures
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.WITHDRAWN
    # The facilitator's own bookkeeping is theirs, not the learner's.
    assert LastLooked.objects.filter(user=facilitator).exists()
    # The trail is never altered: it verifies, with the withdrawal recorded at its end.
    verify_audit()
    call_command("verify_signatures")
    # Their download now names only the pseudonym.
    text = json.dumps(privacy.export(erased))
    assert learner.email not in text and learner.full_name not in text


def test_erasure_is_refused_twice_and_for_oneself(administrator, learner):
    privacy.erase(learner, by=administrator)
    with pytest.raises(privacy.ErasureRefused, match="already been erased"):
        privacy.erase(User.objects.get(pk=learner.pk), by=administrator)
    with pytest.raises(privacy.ErasureRefused, match="your own account"):
        privacy.erase(administrator, by=administrator)


def test_the_erasure_page_explains_a_wrong_address_and_a_missing_confirmation(signed_in, administrator):
    page = signed_in(administrator).post(reverse("accounts:erase"), {"email": "nobody@example.test"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "No account has this e-mail address" in html
    assert "Confirm that the law lets us erase this person&#39;s data" in html


def test_the_retention_schedule_removes_what_is_past_its_time(learner, administrator, practice):
    now = timezone.now()
    old, fresh = (Draft.objects.create(user=learner, key=key, data={}) for key in ("old", "fresh"))
    Draft.objects.filter(pk=old.pk).update(updated_at=now - datetime.timedelta(days=31))
    OutboxJob.objects.create(
        task="t", arguments={"to": ["a@example.test"]}, created_at=now - datetime.timedelta(days=31)
    )
    OutboxJob.objects.create(task="t", arguments={"to": ["b@example.test"]})
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=now - datetime.timedelta(days=1))
    idle = User.objects.create_user("left.long.ago@example.test", full_name="Idle Person")
    User.objects.filter(pk=idle.pk).update(last_login=now - datetime.timedelta(days=6 * 365 + 1))
    recent = User.objects.create_user("left.lately@example.test", full_name="Recent Person")
    User.objects.filter(pk=recent.pk).update(last_login=now - datetime.timedelta(days=30))

    results = {rule.record: count for rule, count in privacy.apply_retention()}
    assert results["Drafts of portfolio entries"] == 1
    assert results["E-mails the queue never took (outbox)"] == 1
    assert results["Expired sessions"] == 1
    assert results["Accounts with no role"] == 1
    assert list(Draft.objects.values_list("key", flat=True)) == ["fresh"]
    assert OutboxJob.objects.get().arguments == {"to": ["b@example.test"]}
    assert privacy.is_erased(User.objects.get(pk=idle.pk))
    # A learner with a role, and an account used lately, are kept.
    assert not privacy.is_erased(User.objects.get(pk=recent.pk))
    assert not privacy.is_erased(User.objects.get(pk=learner.pk))
    # A second run finds nothing more.
    assert sum(count for _, count in privacy.apply_retention()) == 0
    verify_audit()


def test_apply_retention_prints_each_rule(capsys):
    call_command("apply_retention")
    out = capsys.readouterr().out
    assert "Drafts of portfolio entries (deleted PORTFOLIO_DRAFT_DAYS (30) days after last saved): 0" in out


def test_the_sessions_a_person_signed_in_to_are_in_their_download_erased_with_them_and_not_kept(
    learner, other_learner, administrator
):
    """SignedInSession rows (the provider's session id, kept for its back-channel sign-out) are the
    person's data like any other: in the download, gone at erasure, and deleted once the session
    cannot be alive any more."""
    from coordinated_care.accounts.models import SignedInSession

    now = timezone.now()
    SignedInSession.objects.create(user=learner, session_key="a" * 32, provider_id="cis2", provider_sid="sid-1")
    old = SignedInSession.objects.create(user=other_learner, session_key="b" * 32)
    SignedInSession.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(hours=13))
    kept = SignedInSession.objects.create(user=other_learner, session_key="c" * 32)

    [section] = [s for s in privacy.export(learner)["sections"] if s["title"] == "When you signed in"]
    assert [row["through"] for row in section["rows"]] == ["cis2"]

    results = {rule.record: count for rule, count in privacy.apply_retention()}
    assert results["Sessions signed in to (for the provider's sign-out)"] == 1
    assert list(SignedInSession.objects.filter(user=other_learner)) == [kept]

    privacy.erase(learner, by=administrator)
    assert not SignedInSession.objects.filter(user=learner).exists()
