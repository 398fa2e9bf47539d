"""Role profile pages. Views check who may act (services.access: 404 for anyone who does not
manage the profile), hand what a form collected to a service and pick the presenter and the
template; they hold no rules of their own. Sign-in is enforced by LoginRequiredMiddleware."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import presenters, services
from .documents import KINDS, build, render_docx, render_pdf, source_for
from .forms import CopyForm, CreateForm, ProfileForm
from .models import RoleProfileVersion, VersionLocked

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _owner_choices(user):
    return services.managed_organisations(user).order_by("name")


def profile_list(request):
    services.require_manager(request.user)
    return render(request, "roles/list.jinja", presenters.list_page(request.user))


def profile_create(request):
    services.require_manager(request.user)
    form = CreateForm(request.POST or None, organisations=_owner_choices(request.user))
    if request.method == "POST" and form.is_valid():
        spec = services.ProfileSpec(title=form.cleaned_data["title"].strip(), picks=())
        profile = services.create_profile(
            organisation=form.cleaned_data["organisation"],
            framework_version=form.cleaned_data["framework_version"],
            spec=spec,
            created_by=request.user,
        )
        messages.success(request, "Now pick the competencies the role needs.")
        return redirect("roles:edit", profile.slug)
    return render(request, "roles/create.jinja", {"page_title": "Create a role profile", "form": form})


def profile_copy(request):
    services.require_manager(request.user)
    starting, shared = presenters.copy_sources(request.user)
    choices = [(source["value"], source["title"]) for source in starting + shared]
    form = CopyForm(request.POST or None, organisations=_owner_choices(request.user), sources=choices)
    if request.method == "POST" and form.is_valid():
        source, organisation = form.cleaned_data["source"], form.cleaned_data["organisation"]
        kind, _, key = source.partition(":")
        if kind == "start":
            point = services.starting_point(key)
            profile = services.copy_starting_point(point, organisation=organisation, created_by=request.user)
        else:
            version = RoleProfileVersion.objects.select_related("profile__organisation").get(pk=key)
            profile = services.copy_profile(version, organisation=organisation, created_by=request.user)
        messages.success(request, "Copied. Adapt it to your role, then publish it.")
        return redirect("roles:edit", profile.slug)
    context = {"page_title": "Copy a role profile", "form": form, "starting": starting, "shared": shared}
    return render(request, "roles/copy.jinja", context)


def profile(request, slug):
    found = services.managed_profile(request.user, slug)
    return render(request, "roles/profile.jinja", presenters.profile_page(found))


def profile_edit(request, slug):
    found = services.managed_profile(request.user, slug)
    draft = services.draft_of(found)
    if draft is None:
        messages.info(request, "The published version cannot change: start a new version to edit it.")
        return redirect("roles:profile", found.slug)
    items = presenters.grid_items(draft.framework_version)
    initial = ProfileForm.initial_from(draft, services.ordered_picks(draft))
    form = ProfileForm(request.POST or None, items=items, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(draft, form.spec())
        except ValidationError as error:
            form.add_service_error(error)
        except VersionLocked:
            messages.info(request, "This version was published meanwhile, so your changes were not saved.")
            return redirect("roles:profile", found.slug)
        else:
            messages.success(request, f"Version {draft.number} saved as a draft.")
            return redirect("roles:profile", found.slug)
    context = {
        "page_title": f"Edit {draft.title}",
        "profile": found,
        "version": draft,
        "form": form,
        "sections": presenters.grid_sections(form),
        "levels": services.level_descriptors(),
    }
    return render(request, "roles/edit.jinja", context)


def profile_publish(request, slug):
    found = services.managed_profile(request.user, slug)
    draft = services.draft_of(found)
    if draft is None:
        raise Http404("Nothing to publish.")
    error = None
    if request.method == "POST":
        try:
            services.publish(draft)
        except ValidationError as problem:
            error = problem.messages[0]
        except VersionLocked:
            pass
        else:
            messages.success(request, f"Version {draft.number} is published. It will not change from now on.")
            return redirect("roles:profile", found.slug)
    context = {"page_title": f"Publish {draft.title}", "profile": found, "version": draft, "error": error}
    return render(request, "roles/publish.jinja", context)


@require_POST
def profile_new_version(request, slug):
    found = services.managed_profile(request.user, slug)
    try:
        version = services.new_version(found)
    except ValidationError as error:
        messages.info(request, error.messages[0])
        return redirect("roles:profile", found.slug)
    messages.success(request, f"Version {version.number} started as a copy of the published version.")
    return redirect("roles:edit", found.slug)


def _candidates(request):
    value = request.GET.get("candidates", "1")
    return int(value) if value.isdigit() else 1


def _document(request, slug, kind):
    if kind not in KINDS:
        raise Http404("No such document.")
    found = services.managed_profile(request.user, slug)
    version = services.document_version(found)
    return found, version, build(kind, source_for(version), candidates=_candidates(request))


def document(request, slug, kind):
    found, version, built = _document(request, slug, kind)
    candidates = len([s for s in built.sections if s.heading.startswith("Scoring sheet")])
    downloads = [
        {
            "text": f"Download as {label}",
            "href": f"{request.path}{fmt}/" + (f"?candidates={candidates}" if candidates > 1 else ""),
        }
        for fmt, label in (("docx", "Word"), ("pdf", "PDF"))
    ]
    context = {
        "page_title": built.title,
        "profile": found,
        "version": version,
        "document": built,
        "downloads": downloads,
    }
    return render(request, "roles/document.jinja", context)


def document_download(request, slug, kind, fmt):
    found, version, built = _document(request, slug, kind)
    data = render_docx(built) if fmt == "docx" else render_pdf(built)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{found.slug}-v{version.number}-{kind}.{fmt}"'
    return response
