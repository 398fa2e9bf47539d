"""Training needs pages: a team's heatmap and ranked needs (managers of the organisation), one
person's needs and agreed objectives (their managers and line manager), and the self-evaluation
(only the person themself). Anyone else is told the page does not exist."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from . import presenters_needs, services, spreadsheets
from .forms_needs import HolderForm, ObjectivesForm, SelfEvaluationForm


def needs(request):
    services.require_manager(request.user)
    return render(
        request, "roles/needs.jinja", presenters_needs.needs_page(request.user, request.GET.get("organisation"))
    )


def needs_export(request, fmt):
    services.require_manager(request.user)
    context = presenters_needs.needs_page(request.user, request.GET.get("organisation"))
    rows = presenters_needs.export_rows(context["teams"])
    name = f"training-needs-{context['chosen'].pk if context['chosen'] else 'none'}.{fmt}"
    if fmt == "csv":
        return spreadsheets.csv_response(presenters_needs.EXPORT_HEAD, rows, name)
    return spreadsheets.xlsx_response("Training needs", presenters_needs.EXPORT_HEAD, rows, name)


def person(request, uuid):
    holder = services.managed_holder(request.user, uuid)
    context = presenters_needs.person_page(holder)
    evaluation = context["person"].evaluation if context["person"] else None
    form = ObjectivesForm(request.POST or None, initial={"objectives": evaluation.objectives if evaluation else ""})
    if request.method == "POST":
        if evaluation is None:
            raise Http404("Nothing to agree yet.")
        if form.is_valid():
            try:
                services.agree_objectives(evaluation, manager=request.user, objectives=form.cleaned_data["objectives"])
            except ValidationError as error:
                form.add_error("objectives", error.messages[0])
            else:
                messages.success(request, "Objectives agreed.")
                return redirect("roles:person", holder.uuid)
    return render(request, "roles/person.jinja", {**context, "form": form})


def my_roles(request):
    held = services.roles_held(request.user)
    if not held:
        raise Http404("You hold no role with a profile.")
    return render(request, "roles/mine.jinja", {"page_title": "Your roles", "held": held})


def self_evaluation(request, uuid):
    holder = services.own_holder(request.user, uuid)
    version = services.current_version(holder.profile)
    if version is None:
        raise Http404("This role profile is not published yet.")
    evaluation = services.evaluation_of(holder, version)
    picks = services.ordered_picks(version)
    form = SelfEvaluationForm(request.POST or None, picks=picks, initial=SelfEvaluationForm.initial_from(evaluation))
    if request.method == "POST" and form.is_valid():
        services.save_self_evaluation(holder, form.ratings())
        messages.success(request, "Your self-evaluation is saved. Your line manager can now read it.")
        return redirect("roles:self_evaluation", holder.uuid)
    context = {
        "page_title": f"Rate yourself as {version.title}",
        "holder": holder,
        "version": version,
        "evaluation": evaluation,
        "form": form,
        "levels": services.level_descriptors(),
    }
    return render(request, "roles/self_evaluation.jinja", context)


def programme_from_profile(request):
    """A programme lead starts a programme template from any organisation's published profile."""
    from .forms_needs import ProgrammeForm
    from .services import programmes

    if not programmes.may_build_programmes(request.user):
        raise Http404
    versions = services.shared_versions([])
    form = ProgrammeForm(request.POST or None, versions=versions)
    if request.method == "POST" and form.is_valid():
        version = next(v for v in versions if str(v.pk) == form.cleaned_data["profile"])
        programme = programmes.programme_from_profile(version, title=form.cleaned_data["title"].strip())
        messages.success(
            request,
            f"{programme.title} is a draft programme with {programme.criteria.count()} criteria, one for each pick. "
            "An administrator adds its documents and workshop plan, then publishes it.",
        )
        return redirect("roles:programme_from_profile")
    context = {"page_title": "A programme from a role profile", "form": form, "versions": versions}
    return render(request, "roles/programme.jinja", context)


def holders(request, slug):
    """The people in a profile's role; a manager adds someone, becoming their line manager."""
    found = services.managed_profile(request.user, slug)
    organisations = services.managed_organisations(request.user).order_by("name")
    form = HolderForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            holder = services.add_holder(
                found,
                email=form.cleaned_data["email"],
                organisation=form.cleaned_data["organisation"],
                line_manager=request.user,
            )
        except ValidationError as error:
            form.add_error("email", error.messages[0])
        else:
            messages.success(
                request, f"{holder.user.display_name} is in the role; they rate themselves from 'Your roles'."
            )
            return redirect("roles:holders", found.slug)
    context = {
        "page_title": f"People in the role: {services.document_version(found).title}",
        "profile": found,
        "holders": services.holders_of(found),
        "form": form,
    }
    return render(request, "roles/holders.jinja", context)
