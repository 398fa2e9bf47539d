"""The schedule pages: one learner's schedule, adapted by their facilitator or the cohort's leads
(services.schedule), and the workshops a cohort's leads add. Anyone who may not adapt a learner's
schedule is told it does not exist (404); a finished enrolment's schedule is read, not changed (403)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from coordinated_care.core import dates

from .forms import LearnerAddedWorkshopForm, LearnerWorkshopForm, WorkshopForm
from .models import Enrolment, Workshop
from .presenters.cohorts import cohort_href
from .presenters.schedule import learner_schedule_page
from .services import schedule
from .views import _managed_cohort


def _enrolment(request, enrolment_uuid, *, write=False):
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("learner", "cohort__programme", "facilitator"), uuid=enrolment_uuid
    )
    if not schedule.can_see_adaptations(request.user, enrolment):
        raise Http404
    if write and not schedule.can_adapt_schedule(request.user, enrolment):
        raise PermissionDenied("A finished enrolment's schedule is not changed.")
    return enrolment


def learner_schedule(request, enrolment_uuid):
    enrolment = _enrolment(request, enrolment_uuid)
    return render(request, "programmes/schedule/learner.jinja", learner_schedule_page(enrolment, request.user))


def learner_workshop(request, enrolment_uuid, number):
    enrolment = _enrolment(request, enrolment_uuid, write=True)
    workshop = get_object_or_404(Workshop, cohort_id=enrolment.cohort_id, number=number)
    change = enrolment.schedule_changes.filter(workshop=workshop).first()
    initial = {"kind": change.kind if change else LearnerWorkshopForm.AS_PLANNED}
    if change:
        initial.update(date=change.date, reason=change.reason)
    form = LearnerWorkshopForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["kind"] == LearnerWorkshopForm.AS_PLANNED:
                schedule.restore_workshop(enrolment=enrolment, workshop=workshop, user=request.user)
                message = f"WS{workshop.number} is on the cohort's date again for {enrolment.learner.display_name}."
            else:
                change = schedule.adapt_workshop(
                    enrolment=enrolment,
                    workshop=workshop,
                    user=request.user,
                    kind=data["kind"],
                    date=data["date"],
                    reason=data["reason"],
                )
                if change.kind == schedule.KINDS.MOVED:
                    message = (
                        f"WS{workshop.number} is now on {dates.date(change.date)} for {enrolment.learner.display_name}."
                    )
                else:
                    message = f"WS{workshop.number} is marked not applicable for {enrolment.learner.display_name}."
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, message)
            return redirect("programmes:learner_schedule", enrolment.uuid)
    context = {
        "page_title": f"WS{workshop.number} for {enrolment.learner.display_name}",
        "enrolment": enrolment,
        "workshop": workshop,
        "form": form,
    }
    return render(request, "programmes/schedule/workshop.jinja", context)


def learner_workshop_add(request, enrolment_uuid):
    enrolment = _enrolment(request, enrolment_uuid, write=True)
    form = LearnerAddedWorkshopForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            schedule.add_learner_workshop(
                enrolment=enrolment, user=request.user, theme=data["theme"], date=data["date"], reason=data["reason"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{data['theme']} is added to {enrolment.learner.display_name}'s schedule.")
            return redirect("programmes:learner_schedule", enrolment.uuid)
    context = {"page_title": "Add a workshop for this learner", "enrolment": enrolment, "form": form}
    return render(request, "programmes/schedule/add.jinja", context)


@require_http_methods(["GET", "POST"])
def learner_workshop_remove(request, enrolment_uuid, change_id):
    """The confirmation page, then the removal, of a workshop added for this learner alone."""
    enrolment = _enrolment(request, enrolment_uuid, write=True)
    change = schedule.added_workshop(enrolment, change_id)
    if change is None:
        raise Http404
    if request.method == "POST":
        schedule.remove_learner_workshop(enrolment=enrolment, change=change, user=request.user)
        messages.success(request, f"{change.theme} is removed from {enrolment.learner.display_name}'s schedule.")
        return redirect("programmes:learner_schedule", enrolment.uuid)
    context = {
        "page_title": f"Remove {change.theme} from {enrolment.learner.display_name}'s schedule",
        "enrolment": enrolment,
        "change": change,
        "date": dates.date(change.date),
    }
    return render(request, "programmes/schedule/remove.jinja", context)


def cohort_workshop_add(request, uuid):
    cohort = _managed_cohort(request, uuid)
    form = WorkshopForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            workshop = schedule.add_cohort_workshop(
                cohort=cohort, user=request.user, theme=data["theme"], date=data["date"], location=data["location"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, f"WS{workshop.number}: {workshop.theme} is added, on {dates.date(workshop.date)}."
            )
            return redirect(cohort_href(cohort) + "#workshops")
    context = {"page_title": f"Add a workshop to {cohort.name}", "cohort": cohort, "workshop": None, "form": form}
    return render(request, "programmes/cohorts/workshop.jinja", context)
