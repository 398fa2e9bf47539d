"""Programme and cohort pages. Views check who may act, pick the presenter and the template, and
hand what a form collected to a service; they hold no rules of their own. Sign-in is enforced for
every page by LoginRequiredMiddleware. Cohorts are not found (404) by anyone who may not run them,
as a portfolio is not found by anyone who may not read it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from coordinated_care.core import dates

from . import presenters, services
from .forms import CohortForm, EnrolmentForm, WorkshopForm
from .models import Cohort, Workshop
from .services import schedule


def programme_index(request):
    return render(request, "programmes/index.jinja", presenters.index_page(request.user))


def programme(request, slug):
    return render(request, "programmes/programme.jinja", presenters.programme_page(slug, request.user))


def _runs_cohorts(user):
    if not (services.can_create_cohort(user) or services.is_administrator(user)):
        raise Http404


def cohort_list(request):
    _runs_cohorts(request.user)
    context = presenters.cohort_list_page(request.user, request.GET.get("page"))
    return render(request, "programmes/cohorts/list.jinja", context)


def cohort_create(request):
    _runs_cohorts(request.user)
    if not services.can_create_cohort(request.user):
        raise PermissionDenied  # administrators set cohorts up in the Django admin
    form = CohortForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ("programme", "name", "start_date", "training_provider")}
        cohort = services.create_cohort(**fields, leads=[request.user])
        workshops = cohort.workshops.count()
        messages.success(request, f"{cohort.name} is set up, with its {workshops} workshops dated from the plan.")
        return redirect(presenters.cohorts.cohort_href(cohort))
    return render(request, "programmes/cohorts/create.jinja", {"page_title": "Set up a cohort", "form": form})


def _managed_cohort(request, uuid):
    cohort = get_object_or_404(Cohort.objects.select_related("programme", "training_provider"), uuid=uuid)
    if not services.can_manage_cohort(request.user, cohort):
        raise Http404
    return cohort


def cohort(request, uuid):
    cohort = _managed_cohort(request, uuid)
    context = presenters.cohort_page(cohort, request.user, request.GET.get("page"))
    return render(request, "programmes/cohorts/cohort.jinja", context)


def workshop(request, uuid, number):
    cohort = _managed_cohort(request, uuid)
    workshop = get_object_or_404(Workshop, cohort=cohort, number=number)
    initial = {"theme": workshop.theme, "date": workshop.date, "location": workshop.location}
    form = WorkshopForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            schedule.change_cohort_workshop(
                workshop=workshop,
                user=request.user,
                theme=data["theme"] or workshop.theme,
                date=data["date"],
                location=data["location"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"WS{workshop.number} is now on {dates.date(workshop.date)}.")
            return redirect(presenters.cohorts.cohort_href(cohort))
    context = {"page_title": f"Change WS{workshop.number}", "cohort": cohort, "workshop": workshop, "form": form}
    return render(request, "programmes/cohorts/workshop.jinja", context)


def enrol(request, uuid):
    cohort = _managed_cohort(request, uuid)
    form = EnrolmentForm(request.POST if request.method == "POST" else None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.enrol_learner(
                cohort=cohort,
                email=data["learner_email"],
                full_name=data["learner_full_name"],
                practice=data["practice"],
                facilitator=data["facilitator"],
                supervisor=data["supervisor"],
                additional_signatory_name=data["additional_signatory_name"],
                additional_signatory_email=data["additional_signatory_email"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            learner = result.enrolment.learner
            message = f"{learner.display_name} is enrolled on {cohort.name}."
            if result.account_created:
                message += (
                    f" An account was made for {learner.email}: they set their password with "
                    "'Forgotten your password?' on the sign-in page."
                )
            messages.success(request, message)
            return redirect(presenters.cohorts.cohort_href(cohort))
    context = {"page_title": f"Enrol a learner on {cohort.name}", "cohort": cohort, "form": form}
    return render(request, "programmes/cohorts/enrol.jinja", context)
