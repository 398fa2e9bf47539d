"""The page where a learner's facilitator or programme lead delegates assessing them (ADR 16)."""

from django.urls import reverse
from django.utils import timezone

from coordinated_care.core import dates

from ..services import delegations as service


def delegation_row(delegation, user, today):
    last_day = dates.date(delegation.ends_on)
    if delegation.withdrawn_at is not None:
        status, colour = "Withdrawn", "grey"
        # Ended early: recorded on the audit trail as its start was (services.delegations.withdraw).
        ended = f"Withdrawn by {delegation.withdrawn_by.display_name}, {dates.datetime(delegation.withdrawn_at)}"
    elif delegation.ends_on < today:
        # Lapsed by date: nothing is written when the last day passes; the list says so.
        status, colour = "Ended", "grey"
        ended = f"Ended on its last day, {last_day}: the delegate no longer has access"
    elif delegation.starts_on > today:
        status, colour = "Starts later", "blue"
        ended = f"Ends after {last_day}, unless withdrawn"
    else:
        status, colour = "Current", "green"
        ended = f"Ends after {last_day}, unless withdrawn"
    can_withdraw = status in ("Current", "Starts later") and service.may_withdraw(user, delegation)
    return {
        "delegate": delegation.delegate.display_name,
        "on_behalf_of": delegation.facilitator.display_name,
        "period": f"{dates.date(delegation.starts_on)} to {dates.date(delegation.ends_on)}",
        "reason": delegation.reason,
        "made_by": delegation.created_by.display_name,
        "status": status,
        "colour": colour,
        "ended": ended,
        "withdraw_href": reverse("delegations:withdraw", args=[delegation.uuid]) if can_withdraw else "",
    }


def delegations_page(enrolment, user, form, today=None):
    today = today or timezone.localdate()
    learner = enrolment.learner.display_name
    return {
        "page_title": f"Delegate assessing {learner}",
        "enrolment": enrolment,
        "learner": learner,
        "facilitator": enrolment.facilitator.display_name,
        "rows": [delegation_row(d, user, today) for d in service.delegations_of(enrolment)],
        "form": form,
        "has_colleagues": form.fields["delegate"].queryset.exists(),
        "portfolio_href": reverse("portfolios:overview", args=[enrolment.uuid]),
    }


def withdraw_page(delegation):
    enrolment = delegation.enrolment
    return {
        "page_title": f"Withdraw the delegation to {delegation.delegate.display_name}",
        "delegation": delegation,
        "row": {
            "delegate": delegation.delegate.display_name,
            "learner": enrolment.learner.display_name,
            "period": f"{dates.date(delegation.starts_on)} to {dates.date(delegation.ends_on)}",
        },
        "back_href": reverse("delegations:index", args=[enrolment.uuid]),
    }
