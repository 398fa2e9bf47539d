"""The PCI-accredited two-day training the programme expects beforehand, recorded by the learner."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from coordinated_care.programmes.services import can_edit_portfolio

from .. import access, presenters, services
from ..forms import AccreditedTrainingForm
from ._common import render_page


@require_http_methods(["GET", "POST"])
def accredited_training(request, enrolment_uuid):
    enrolment = access.enrolment_for(request.user, enrolment_uuid, write=request.method == "POST")
    training = presenters.accredited_training(enrolment)
    can_edit = can_edit_portfolio(request.user, enrolment)
    form = None
    if request.method == "POST":
        form = AccreditedTrainingForm(request.POST, request.FILES)
        if form.is_valid():
            services.save_accredited_training(
                enrolment,
                completed_on=form.cleaned_data["completed_on"],
                provider=form.cleaned_data["provider"],
                certificate_upload=form.cleaned_data["certificate"] or None,
                user=request.user,
            )
            messages.success(request, "Accredited training saved")
            return redirect("portfolios:accredited_training", enrolment.uuid)
    elif can_edit:
        initial = {"completed_on": training.completed_on, "provider": training.provider} if training else {}
        form = AccreditedTrainingForm(initial=initial)
    context = presenters.accredited_training_page(enrolment, training)
    context.update(form=form, can_edit=can_edit)
    return render_page(request, "portfolios/accredited_training.jinja", context)
