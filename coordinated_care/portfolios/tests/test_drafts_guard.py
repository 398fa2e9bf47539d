"""Server drafts keep no patient identifiers, and are forgotten after PORTFOLIO_DRAFT_DAYS."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from coordinated_care.portfolios import drafts
from coordinated_care.portfolios.kinds import CASE_STUDY as CASE_STUDY_KIND
from coordinated_care.portfolios.models import Draft


def _post(client, enrolment, data):
    return client.post(reverse("portfolios:draft", args=[enrolment.uuid]), data, HTTP_ACCEPT="application/json")


def test_a_clean_draft_is_kept(enrolment, learner, signed_in):
    learner_client = signed_in(learner)
    key = drafts.new_entry_key(enrolment, CASE_STUDY_KIND)
    response = _post(learner_client, enrolment, {"key": key, "overview": "I discussed the plan with the team."})
    assert response.status_code == 200 and response.json()["saved_at"]
    assert Draft.objects.get(user=learner, key=key).data == {"overview": "I discussed the plan with the team."}


def test_a_draft_with_an_nhs_number_is_not_kept_and_the_earlier_copy_is_forgotten(enrolment, learner, signed_in):
    learner_client = signed_in(learner)
    key = drafts.new_entry_key(enrolment, CASE_STUDY_KIND)
    drafts.keep(enrolment, user=learner, key=key, data={"overview": "Half a thought"})
    response = _post(
        learner_client, enrolment, {"key": key, "title": "A visit", "overview": "His NHS number is 943 476 5919."}
    )
    # 422: what the script reports as "Not saved on the server: remove the identifier first".
    assert response.status_code == 422
    assert response.json() == {
        "error": "Not saved on the server: remove the identifier first.",
        "kept": False,
        "reason": "identifier",
    }
    assert not Draft.objects.filter(user=learner, key=key).exists()
    # The number is not echoed back either.
    assert "943" not in response.content.decode()


def test_without_the_script_the_refusal_is_plain_text(enrolment, learner, signed_in):
    learner_client = signed_in(learner)
    key = drafts.worksheet_key(enrolment)
    response = learner_client.post(
        reverse("portfolios:draft", args=[enrolment.uuid]), {"key": key, "value_1_what": "Ring 07700 900123"}
    )
    assert response.status_code == 422
    assert "remove the identifier first" in response.content.decode()
    assert not Draft.objects.exists()


@pytest.mark.parametrize(
    "writing",
    ["Her postcode is SW1A 1AA.", "Write to j.smith@example.com about it."],
)
def test_other_identifiers_are_not_kept(enrolment, learner, writing):
    key = drafts.worksheet_key(enrolment)
    with pytest.raises(drafts.IdentifierInDraft):
        drafts.keep(enrolment, user=learner, key=key, data={"value_1_what": writing})
    assert not Draft.objects.exists()


def test_a_colleagues_name_alone_is_kept(enrolment, learner):
    # Names are confirmed at saving, not blocked: the draft is kept.
    key = drafts.worksheet_key(enrolment)
    drafts.keep(enrolment, user=learner, key=key, data={"value_1_what": "I talked it through with Dr Okafor."})
    assert Draft.objects.filter(user=learner, key=key).exists()


def _draft_aged(learner, key, days):
    draft = Draft.objects.create(user=learner, key=key, data={"notes": "x"})
    Draft.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - datetime.timedelta(days=days))
    return draft


def test_purge_removes_only_old_drafts(enrolment, learner, settings):
    settings.PORTFOLIO_DRAFT_DAYS = 30
    old = _draft_aged(learner, drafts.worksheet_key(enrolment), 31)
    recent = _draft_aged(learner, drafts.new_entry_key(enrolment, CASE_STUDY_KIND), 29)
    out = io.StringIO()
    call_command("purge_drafts", stdout=out)
    assert list(Draft.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Draft.objects.filter(pk=old.pk).exists()
    assert "Deleted 1 draft older than 30 days." in out.getvalue()


def test_purge_follows_the_setting_and_defaults_to_thirty_days(enrolment, learner, settings):
    _draft_aged(learner, drafts.worksheet_key(enrolment), 10)
    _draft_aged(learner, drafts.new_entry_key(enrolment, CASE_STUDY_KIND), 40)
    assert settings.PORTFOLIO_DRAFT_DAYS == 30  # base settings, with nothing in the environment
    assert drafts.draft_days() == 30
    call_command("purge_drafts", stdout=io.StringIO())
    assert Draft.objects.count() == 1
    settings.PORTFOLIO_DRAFT_DAYS = 7
    call_command("purge_drafts", stdout=io.StringIO())
    assert not Draft.objects.exists()
