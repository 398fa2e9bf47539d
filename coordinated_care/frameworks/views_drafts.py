"""An administrator's framework drafts: start one, edit its items, compare it with the published
version, publish it. To anyone else these pages do not exist (404). The rules are in
services.versions and services.drafts; the pages in presenters_drafts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from . import presenters_drafts as p
from .forms import EditItemForm, NewItemForm
from .services import TreeError, VersionLocked, add_item, publish, remove_item, update_item
from .services.drafts import DraftExists, move_item, start_draft


def _to_draft(version):
    return redirect(p.draft_href(version))


@require_POST
def start(request, slug):
    framework = p.framework_for(request.user, slug)
    try:
        draft = start_draft(framework)
    except DraftExists as exists:
        messages.info(request, f"{framework.title} already has a draft: {exists.draft.label.lower()}.")
        return _to_draft(exists.draft)
    except ValueError as refused:
        messages.error(request, str(refused))
        return redirect("framework:framework", slug=slug)
    messages.success(
        request, f"{draft.label} is a draft copy of the published version. Nothing changes until you publish it."
    )
    return _to_draft(draft)


@require_http_methods(["GET"])
def draft(request, slug, number):
    version = p.draft_for(request.user, slug, number)
    return render(request, "frameworks/drafts/draft.jinja", p.draft_page(version))


def _saved(form, call):
    """Run the service; a refusal of the tree's rules goes on the form. True when it was saved."""
    try:
        call()
    except TreeError as refused:
        form.add_service_error(ValidationError(str(refused)))
        return False
    return True


@require_http_methods(["GET", "POST"])
def add(request, slug, number):
    version = p.draft_for(request.user, slug, number)
    parent_code = request.GET.get("parent", "")
    parent = p.item_of(version, parent_code) if parent_code else None
    form = NewItemForm(request.POST or None, parent_kind=parent.kind if parent else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(
            form,
            lambda: add_item(
                version,
                kind=data["kind"],
                code=data["code"],
                title=data["title"],
                description=data["description"],
                notes=data["notes"],
                parent=parent,
            ),
        ):
            messages.success(request, f"Added {data['code']} {data['title']}.")
            return _to_draft(version)
    return render(request, "frameworks/drafts/item_form.jinja", p.item_form_page(version, form, parent=parent))


@require_http_methods(["GET", "POST"])
def edit(request, slug, number, code):
    version = p.draft_for(request.user, slug, number)
    item = p.item_of(version, code)
    initial = {"code": item.code, "title": item.title, "description": item.description, "notes": item.notes}
    form = EditItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(
            form,
            lambda: update_item(
                item,
                code=data["code"],
                title=data["title"],
                description=data["description"],
                notes=data["notes"],
                reidentify=data["reidentify"],
            ),
        ):
            messages.success(request, f"Saved {data['code']} {data['title']}.")
            return _to_draft(version)
    return render(request, "frameworks/drafts/item_form.jinja", p.item_form_page(version, form, item=item))


@require_POST
def move(request, slug, number, code):
    version = p.draft_for(request.user, slug, number)
    item = p.item_of(version, code)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        move_item(item, direction)
    return redirect(p.draft_href(version) + f"#item-{item.pk}")


@require_http_methods(["GET", "POST"])
def remove(request, slug, number, code):
    version = p.draft_for(request.user, slug, number)
    item = p.item_of(version, code)
    if request.method == "POST":
        try:
            remove_item(item)
        except ProtectedError:
            error = "Something else (a role profile or a programme) already uses this item of the draft, so it stays."
            return render(request, "frameworks/drafts/remove.jinja", p.remove_page(version, item, error))
        messages.success(request, f"Removed {item.code} {item.title}.")
        return _to_draft(version)
    return render(request, "frameworks/drafts/remove.jinja", p.remove_page(version, item))


@require_http_methods(["GET"])
def compare(request, slug, number):
    version = p.draft_for(request.user, slug, number)
    return render(request, "frameworks/drafts/compare.jinja", p.compare_page(version))


@require_http_methods(["GET", "POST"])
def publish_draft(request, slug, number):
    version = p.draft_for(request.user, slug, number)
    if request.method == "POST":
        try:
            published = publish(version)
        except (VersionLocked, ValueError) as refused:
            return render(request, "frameworks/drafts/publish.jinja", p.publish_page(version, str(refused)))
        messages.success(request, f"{published.label} is published. It can no longer change.")
        return redirect("framework:version", slug=slug, number=published.number)
    return render(request, "frameworks/drafts/publish.jinja", p.publish_page(version))
