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
