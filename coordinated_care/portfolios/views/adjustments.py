"""The learner's reasonable adjustments: seen only by the learner, their facilitators (a delegate
too) and the cohort's leads (programmes.services.adjustments). Anyone else who reads the
portfolio, the workplace supervisor, is refused; anyone who does not is told it does not exist."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from coordinated_care.programmes.forms.adjustments import ReasonableAdjustmentForm
from coordinated_care.programmes.models import ReasonableAdjustment
from coordinated_care.programmes.services import adjustments as services

from .. import access
from ..presenters.front_sheet import adjustments_page
from ._common import render_page


def _enrolment(request, enrolment_uuid):
    enrolment = access.enrolment_for(request.user, enrolment_uuid)
    if not services.can_see_adjustments(request.user, enrolment):
        raise PermissionDenied(
            "Only the learner, their facilitators and the cohort's leads see reasonable adjustments."
        )
    return enrolment


def _adjustment(enrolment, adjustment_uuid):
    adjustment = ReasonableAdjustment.objects.filter(enrolment=enrolment, uuid=adjustment_uuid).first()
    if adjustment is None:
        raise Http404("No such reasonable adjustment in this portfolio.")
    adjustment.enrolment = enrolment
    return adjustment


@require_http_methods(["GET", "POST"])
def reasonable_adjustments(request, enrolment_uuid):
    enrolment = _enrolment(request, enrolment_uuid)
    context = adjustments_page(enrolment, request.user)
    form = None
    if request.method == "POST":
        if not context["can_record"]:
            raise PermissionDenied("Reasonable adjustments are recorded only while the enrolment is in progress.")
        form = ReasonableAdjustmentForm(request.POST)
        if form.is_valid():
            services.record_adjustment(enrolment, by=request.user, adjustment=form.cleaned_data["adjustment"])
            messages.success(request, "Reasonable adjustment recorded")
            return redirect("portfolios:reasonable_adjustments", enrolment.uuid)
    elif context["can_record"]:
        form = ReasonableAdjustmentForm()
    context["form"] = form
    return render_page(request, "portfolios/reasonable_adjustments.jinja", context)


@require_POST
def agree_reasonable_adjustment(request, enrolment_uuid, adjustment_uuid):
    enrolment = _enrolment(request, enrolment_uuid)
    adjustment = _adjustment(enrolment, adjustment_uuid)
    if not services.can_agree_adjustments(request.user, enrolment):
        raise PermissionDenied("Only the learner's facilitator or a lead of the cohort agrees an adjustment.")
    services.agree_adjustment(adjustment, by=request.user)
    messages.success(request, "Reasonable adjustment agreed")
    return redirect("portfolios:reasonable_adjustments", enrolment.uuid)


@require_POST
def remove_reasonable_adjustment(request, enrolment_uuid, adjustment_uuid):
    enrolment = _enrolment(request, enrolment_uuid)
    adjustment = _adjustment(enrolment, adjustment_uuid)
    if not services.can_record_adjustments(request.user, enrolment):
        raise PermissionDenied("Reasonable adjustments are changed only while the enrolment is in progress.")
    services.remove_adjustment(adjustment, by=request.user)
    messages.success(request, "Reasonable adjustment removed")
    return redirect("portfolios:reasonable_adjustments", enrolment.uuid)
