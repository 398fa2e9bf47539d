"""Delegating assessing a learner (ADR 16). The portfolio is not found (404) by anyone who may not
read it; of those who may, only the learner's facilitator and the cohort's leads delegate (403
for the others). The rules live in services.delegations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from coordinated_care.core import dates

from . import services
from .forms.delegations import DelegationForm
from .models import Delegation
from .presenters import delegations as presenters
from .services import delegations as service


@require_http_methods(["GET", "POST"])
def delegations(request, enrolment_uuid):
    enrolment = services.readable_enrolment(request.user, enrolment_uuid)
    if not service.may_delegate(request.user, enrolment):
        raise PermissionDenied
    form = DelegationForm(
        request.POST if request.method == "POST" else None, delegates=service.possible_delegates(enrolment)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            delegation = service.delegate(
                enrolment=enrolment,
                user=request.user,
                delegate=data["delegate"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                reason=data["reason"],
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                f"Assessing {enrolment.learner.display_name} is delegated to {delegation.delegate.display_name} "
                f"from {dates.date(delegation.starts_on)} to {dates.date(delegation.ends_on)}.",
            )
            return redirect("delegations:index", enrolment_uuid=enrolment.uuid)
    return render(
        request, "programmes/delegations/index.jinja", presenters.delegations_page(enrolment, request.user, form)
    )


@require_http_methods(["GET", "POST"])
def withdraw(request, uuid):
    delegation = (
        Delegation.objects.select_related("enrolment__learner", "enrolment__cohort", "delegate")
        .filter(uuid=uuid)
        .first()
    )
    if delegation is None:
        raise Http404
    services.readable_enrolment(request.user, delegation.enrolment.uuid)
    if not service.may_withdraw(request.user, delegation):
        raise PermissionDenied
    if request.method == "POST":
        try:
            service.withdraw(delegation, user=request.user, base_url=request.build_absolute_uri("/"))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"The delegation to {delegation.delegate.display_name} is withdrawn.")
        return redirect("delegations:index", enrolment_uuid=delegation.enrolment.uuid)
    return render(request, "programmes/delegations/withdraw.jinja", presenters.withdraw_page(delegation))
