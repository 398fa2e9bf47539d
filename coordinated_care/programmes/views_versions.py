"""Programme versions in the service (ADR 17): programme leads and administrators start a new
version of a programme, change the draft's criteria and workshop plan, and publish it; whoever runs
a cohort sees what a later version changes and moves the cohort onto it. Anyone else is told these
pages do not exist (404); a published version is never changed (the draft pages find only drafts)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from .forms import CriterionForm, NewCriterionForm, PlanWorkshopForm
from .models import Programme
from .presenters import versions as presenters
from .presenters.cohorts import cohort_href
from .services import versions
from .views import _managed_cohort


def _editor(request):
    if not versions.can_edit_programmes(request.user):
        raise Http404


def _programme(request, slug):
    _editor(request)
    return get_object_or_404(Programme.objects.select_related("framework_version__framework"), slug=slug)


def _draft(request, slug):
    draft = versions.draft_of(_programme(request, slug))
    if draft is None:
        raise Http404("This programme has no draft version.")
    return draft


@require_http_methods(["GET", "POST"])
def programme_versions(request, slug):
    programme = _programme(request, slug)
    if request.method == "POST":
        draft = versions.new_draft(programme, request.user)
        messages.success(request, f"Version {draft.version} is a draft: change it, then publish it.")
        return redirect(presenters.draft_href(draft))
    return render(request, "programmes/versions/index.jinja", presenters.versions_page(programme))


@require_http_methods(["GET", "POST"])
def draft(request, slug):
    draft = _draft(request, slug)
    if request.method == "POST":
        try:
            versions.publish(draft, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"Version {draft.version} is published. Cohorts stay on their version until you move them.",
            )
            return redirect(presenters.versions_href(draft))
    return render(request, "programmes/versions/draft.jinja", presenters.draft_page(draft))


def _form_page(request, draft, form, title, *, removable=False):
    context = {"page_title": title, "draft": draft, "form": form, "removable": removable}
    return render(request, "programmes/versions/form.jinja", context)


@require_http_methods(["GET", "POST"])
def draft_criterion(request, slug, code):
    draft = _draft(request, slug)
    criterion = get_object_or_404(draft.criteria, code=code)
    if request.method == "POST" and "remove" in request.POST:
        versions.remove_criterion(criterion, request.user)
        messages.success(request, f"{criterion.code} is taken out of version {draft.version}.")
        return redirect(presenters.draft_href(draft))
    initial = {"title": criterion.title, "wording": criterion.wording}
    form = CriterionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            versions.change_criterion(
                criterion, request.user, title=form.cleaned_data["title"], wording=form.cleaned_data["wording"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{criterion.code} is changed in version {draft.version}.")
            return redirect(presenters.draft_href(draft))
    return _form_page(request, draft, form, f"Change {criterion.code}: {criterion.title}", removable=True)


@require_http_methods(["GET", "POST"])
def draft_criterion_add(request, slug):
    draft = _draft(request, slug)
    form = NewCriterionForm(request.POST if request.method == "POST" else None, draft=draft)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            criterion = versions.add_criterion(
                draft,
                request.user,
                group=data["group"],
                code=data["code"],
                title=data["title"],
                wording=data["wording"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"{criterion.code} is added to version {draft.version}.")
            return redirect(presenters.draft_href(draft))
    return _form_page(request, draft, form, "Add a criterion")


@require_http_methods(["GET", "POST"])
def draft_workshop(request, slug, number):
    draft = _draft(request, slug)
    item = get_object_or_404(draft.workshop_plan, number=number)
    if request.method == "POST" and "remove" in request.POST:
        versions.remove_plan_item(item, request.user)
        messages.success(request, f"WS{item.number} is taken out of version {draft.version}'s plan.")
        return redirect(presenters.draft_href(draft))
    initial = {"theme": item.theme, "weeks_after_start": item.weeks_after_start}
    form = PlanWorkshopForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            versions.change_plan_item(
                item, request.user, theme=data["theme"], weeks_after_start=data["weeks_after_start"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"WS{item.number} is changed in version {draft.version}.")
            return redirect(presenters.draft_href(draft))
    return _form_page(request, draft, form, f"Change WS{item.number}: {item.theme}", removable=True)


@require_http_methods(["GET", "POST"])
def draft_workshop_add(request, slug):
    draft = _draft(request, slug)
    form = PlanWorkshopForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = versions.add_plan_item(
                draft, request.user, theme=data["theme"], weeks_after_start=data["weeks_after_start"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"WS{item.number} is added to version {draft.version}'s plan.")
            return redirect(presenters.draft_href(draft))
    return _form_page(request, draft, form, "Add a workshop to the plan")


@require_http_methods(["GET", "POST"])
def cohort_version(request, uuid):
    """What moving the cohort to the latest later version changes, then the move on confirming."""
    cohort = _managed_cohort(request, uuid)
    target = versions.later_versions(cohort).order_by("-version").first()
    if target is None:
        messages.info(request, f"{cohort.name} is on the latest version of {cohort.programme.title}.")
        return redirect(cohort_href(cohort))
    context = presenters.cohort_version_page(cohort, target)
    if request.method == "POST":
        try:
            versions.move_cohort(cohort, target, request.user)
        except ValidationError as error:
            context["reasons"] = error.messages
        else:
            messages.success(request, f"{cohort.name} is now on version {target.version} of {target.title}.")
            return redirect(cohort_href(cohort))
    return render(request, "programmes/versions/cohort.jinja", context)
