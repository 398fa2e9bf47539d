"""The page where a learner's facilitator or programme lead delegates assessing them (ADR 16)."""

from django.urls import reverse
from django.utils import timezone

from coordinated_care.core import dates

from ..services import delegations as service


def delegation_row(delegation, user, today):
    if delegation.withdrawn_at is not None:
        status, colour = "Withdrawn", "grey"
    elif delegation.ends_on < today:
        status, colour = "Ended", "grey"
    elif delegation.starts_on > today:
        status, colour = "Starts later", "blue"
    else:
        status, colour = "Current", "green"
    can_withdraw = status in ("Current", "Starts later") and service.may_withdraw(user, delegation)
    return {
        "delegate": delegation.delegate.display_name,
        "on_behalf_of": delegation.facilitator.display_name,
        "period": f"{dates.date(delegation.starts_on)} to {dates.date(delegation.ends_on)}",
        "reason": delegation.reason,
        "made_by": delegation.created_by.display_name,
        "status": status,
        "colour": colour,
        "withdrawn_on": dates.datetime(delegation.withdrawn_at),
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
