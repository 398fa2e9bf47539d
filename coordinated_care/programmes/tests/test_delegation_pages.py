"""The delegation pages (ADR 16): who is answered what, delegating and withdrawing through them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import EVERYONE, PORTFOLIO_READERS, Access, check_access
from coordinated_care.programmes.models import Delegation

from .delegations import colleague_of, delegate_to

DELEGATORS = {"facilitator", "programme_lead"}


def _form(colleague, starts_on, days=14, reason="Annual leave"):
    ends_on = starts_on + datetime.timedelta(days=days - 1)
    return {
        "delegate": colleague.pk,
        "starts_on_day": starts_on.day,
        "starts_on_month": starts_on.month,
        "starts_on_year": starts_on.year,
        "ends_on_day": ends_on.day,
        "ends_on_month": ends_on.month,
        "ends_on_year": ends_on.year,
        "reason": reason,
    }


@pytest.mark.parametrize("persona", EVERYONE)
def test_only_the_facilitator_and_the_lead_delegate(enrolment, persona, request):
    """Another practice's facilitator, the employer and the administrator are told the portfolio does
    not exist; the learner and supervisor, who read it, are refused; anonymous signs in."""
    colleague = colleague_of(enrolment)
    check_access(
        request,
        persona,
        reverse("delegations:index", args=[enrolment.uuid]),
        Access(PORTFOLIO_READERS, get=DELEGATORS, post=DELEGATORS),
        data=_form(colleague, timezone.localdate()),
        state=lambda: list(Delegation.objects.values_list("pk", flat=True)),
    )


@pytest.mark.parametrize("persona", EVERYONE)
def test_only_the_facilitator_and_the_lead_withdraw(enrolment, persona, request):
    delegation = delegate_to(enrolment, colleague_of(enrolment))
    check_access(
        request,
        persona,
        reverse("delegations:withdraw", args=[delegation.uuid]),
        Access(PORTFOLIO_READERS, get=DELEGATORS, post=DELEGATORS),
        state=lambda: list(Delegation.objects.values_list("withdrawn_at", flat=True)),
    )


def test_the_delegate_cannot_open_the_pages(enrolment, signed_in):
    colleague = colleague_of(enrolment)
    delegation = delegate_to(enrolment, colleague)
    client = signed_in(colleague)
    assert client.get(reverse("delegations:index", args=[enrolment.uuid])).status_code == 403
    assert client.post(reverse("delegations:withdraw", args=[delegation.uuid])).status_code == 403


def test_delegating_through_the_page(enrolment, facilitator, signed_in):
    colleague = colleague_of(enrolment)
    client = signed_in(facilitator)
    url = reverse("delegations:index", args=[enrolment.uuid])
    page = client.get(url).content.decode()
    assert "Colleague Facilitator" in page and "has not been delegated" in page
    answer = client.post(url, _form(colleague, timezone.localdate()), follow=True)
    html = answer.content.decode()
    assert "is delegated to Colleague Facilitator" in html
    assert "Colleague Facilitator, on behalf of Assigned Facilitator" in html and "Current" in html
    assert Delegation.objects.get().delegate == colleague


def test_the_page_says_what_is_wrong(enrolment, facilitator, signed_in):
    colleague = colleague_of(enrolment)
    client = signed_in(facilitator)
    url = reverse("delegations:index", args=[enrolment.uuid])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    html = client.post(url, _form(colleague, yesterday)).content.decode()
    assert "The first day must be today or in the future" in html
    assert not Delegation.objects.exists()


def test_withdrawing_through_the_page(enrolment, facilitator, signed_in):
    delegation = delegate_to(enrolment, colleague_of(enrolment))
    client = signed_in(facilitator)
    url = reverse("delegations:withdraw", args=[delegation.uuid])
    assert "Withdraw the delegation to Colleague Facilitator" in client.get(url).content.decode()
    html = client.post(url, follow=True).content.decode()
    assert "is withdrawn" in html and "Withdrawn" in html
    delegation.refresh_from_db()
    assert delegation.withdrawn_by == facilitator


def test_ending_a_delegation_early_is_on_the_portfolios_history_like_its_start(
    enrolment, facilitator, programme_lead, learner, signed_in
):
    """Made by the facilitator, withdrawn by the cohort's lead before its last day: both events are
    filed under the enrolment, with who did each, and the portfolio's readers read them."""
    from coordinated_care.audit.models import AuditEvent

    colleague = colleague_of(enrolment)
    signed_in(facilitator).post(
        reverse("delegations:index", args=[enrolment.uuid]), _form(colleague, timezone.localdate())
    )
    delegation = Delegation.objects.get()
    signed_in(programme_lead).post(reverse("delegations:withdraw", args=[delegation.uuid]))
    made, ended = AuditEvent.objects.filter(content_type__model="delegation").order_by("pk")
    assert (made.action, made.actor_id, made.enrolment_id) == ("create", facilitator.pk, enrolment.pk)
    assert made.after["reason"] == "Annual leave" and made.after["ends_on"] == delegation.ends_on.isoformat()
    assert (ended.action, ended.actor_id, ended.enrolment_id) == ("change", programme_lead.pk, enrolment.pk)
    assert ended.note == {"withdrawn": True} and ended.after["withdrawn_by"] == programme_lead.pk
    history = signed_in(learner).get(f"/history/portfolio/{enrolment.uuid}/").content.decode()
    assert "Created by Assigned Facilitator" in history and "Changed by Test Programme Lead" in history
    listed = signed_in(facilitator).get(reverse("delegations:index", args=[enrolment.uuid])).content.decode()
    assert "Withdrawn by Test Programme Lead" in listed


def test_a_delegation_past_its_last_day_is_listed_as_ended(enrolment, facilitator, signed_in):
    """Nothing is written when the last day passes: the delegations page and the facilitator's
    caseload say it has ended, and the caseload stops listing it two weeks later."""
    delegation = delegate_to(enrolment, colleague_of(enrolment), days=14)
    today = timezone.localdate()
    client = signed_in(facilitator)
    listed = client.get(reverse("delegations:index", args=[enrolment.uuid])).content.decode()
    assert "Current" in listed and "unless withdrawn" in listed
    Delegation.objects.filter(pk=delegation.pk).update(
        starts_on=today - datetime.timedelta(days=15), ends_on=today - datetime.timedelta(days=2)
    )
    listed = client.get(reverse("delegations:index", args=[enrolment.uuid])).content.decode()
    assert "Ended on its last day" in listed and "Withdraw the delegation" not in listed
    caseload = client.get("/assessments/caseload/").content.decode()
    assert "The delegation has ended: its last day has passed" in caseload
    Delegation.objects.filter(pk=delegation.pk).update(
        starts_on=today - datetime.timedelta(days=30), ends_on=today - datetime.timedelta(days=15)
    )
    assert "Delegated while you are away" not in client.get("/assessments/caseload/").content.decode()
