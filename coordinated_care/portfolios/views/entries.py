"""A section's entries, one entry, writing and changing it, its versions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from coordinated_care.programmes.services import can_edit_portfolio

from .. import access, drafts, presenters, providers, redaction, services
from ..forms import AttachmentForm, EntryForm
from ..forms.linking import LinkToCriterionForm, link_form_id
from ..kinds import KINDS, KINDS_BY_SLUG
from ..models import Entry
from ..presenters import linking as linking_presenters
from ..suggestions import service as suggestions
from ._common import CONFLICT, draft_context, note_saved, render_page
from .workshops import workshops


@require_http_methods(["GET"])
def section(request, enrolment_uuid, kind):
    spec = KINDS_BY_SLUG[kind]
    if spec.kind == Entry.Kind.WORKSHOP_NOTE:
        return workshops(request, enrolment_uuid)
    enrolment = access.enrolment_for(request.user, enrolment_uuid)
    context = presenters.section_page(
        enrolment, spec, can_edit=can_edit_portfolio(request.user, enrolment), today=timezone.localdate()
    )
    # The feedback app adds what staff and key people sent by link to the ongoing-feedback sections.
    context.update(providers.panels("section", request.user, enrolment, context))
    return render_page(request, "portfolios/section.jinja", context)


def _form_page(request, enrolment, spec, form, key, **extra):
    context = {
        "page_title": extra.pop("page_title"),
        "enrolment": enrolment,
        "spec": spec,
        "form": form,
        **draft_context(request, enrolment, key, form),
        **extra,
    }
    return render_page(request, "portfolios/entry_form.jinja", context)


@require_http_methods(["GET", "POST"])
def new_entry(request, enrolment_uuid, kind):
    enrolment = access.enrolment_for(request.user, enrolment_uuid, write=True)
    spec = KINDS_BY_SLUG[kind]
    if spec.kind == Entry.Kind.WORKSHOP_NOTE:
        return redirect("portfolios:section", enrolment.uuid, spec.slug)  # notes are kept per workshop
    key = drafts.new_entry_key(enrolment, spec)
    # The criteria it shows are linked in the same POST, from suggestions or the picker (issue 13).
    picker = linking_presenters.picker(enrolment)
    suggested = []
    if request.method == "POST" and "suggest" in request.POST:
        # Without JavaScript: the suggestions for what is written so far, nothing saved.
        form = EntryForm(spec, criteria=picker.criteria)
        form.restore(request.POST.dict())
        found = suggestions.suggest(enrolment.cohort.programme, form.writing(), catalogue_=picker)
        suggested = linking_presenters.suggestion_rows(found, form)
    elif request.method == "POST":
        form = EntryForm(spec, request.POST, request.FILES, criteria=picker.criteria)
        if form.is_valid():
            links = form.links()
            entry = services.add_entry(
                enrolment=enrolment,
                kind=spec.kind,
                content=form.content(),
                user=request.user,
                upload=form.upload(),
                draft_key=key,
                declarations=form.declarations(),
                links=links,
                link_declarations=form.link_declarations(),
            )
            note_saved(request, key)
            messages.success(request, _saved_message(spec, len(links)))
            return redirect("portfolios:entry", enrolment.uuid, entry.uuid)
    else:
        form = EntryForm(spec, criteria=picker.criteria)
    return _form_page(
        request,
        enrolment,
        spec,
        form,
        key,
        page_title=spec.add_label,
        summaries=picker.summaries,
        suggestions=suggested,
        suggestions_asked="suggest" in request.POST,
        suggestions_href=reverse("portfolios:suggestions", args=[enrolment.uuid, spec.slug]),
    )


def _saved_message(spec, linked):
    if not linked:
        return f"{spec.label} saved"
    return f"{spec.label} saved and linked to {linked} {'criterion' if linked == 1 else 'criteria'}"


@require_http_methods(["GET"])
def entry(request, enrolment_uuid, entry_uuid):
    enrolment = access.enrolment_for(request.user, enrolment_uuid)
    entry = access.entry_in(enrolment, entry_uuid)
    context = entry_context(request, enrolment, entry)
    providers.looked_at(request.user, enrolment)
    return render_page(request, "portfolios/entry.jinja", context)


def entry_context(request, enrolment, entry):
    """The entry's page; for the learner, with the criteria its writing most likely shows."""
    can_edit = can_edit_portfolio(request.user, enrolment)
    context = presenters.entry_page(enrolment, entry, can_edit=can_edit, today=timezone.localdate())
    if can_edit and context["accepts_files"]:
        context["upload_form"] = AttachmentForm(label=f"Upload a {context['attachment_label'].lower()}")
    if can_edit:
        linked = [link["criterion"].code for link in context["links"]]
        context["suggestions"] = linking_presenters.entry_suggestions(enrolment, entry, linked)
        for row in context["suggestions"]:
            row["form"] = LinkToCriterionForm(auto_id=link_form_id(row["criterion"].code))
    if redaction.can_redact(request.user, enrolment):
        context["redact_href"] = reverse("portfolios:redact_entry", args=[enrolment.uuid, entry.uuid])
    context.update(providers.panels("entry", request.user, enrolment, context))
    return context


@require_http_methods(["GET", "POST"])
def edit_entry(request, enrolment_uuid, entry_uuid):
    enrolment = access.enrolment_for(request.user, enrolment_uuid, write=True)
    entry = access.entry_in(enrolment, entry_uuid)
    if entry.kind not in KINDS or entry.kind == Entry.Kind.WORKSHOP_NOTE:
        return redirect(presenters.edit_url(enrolment, entry))
    spec = KINDS[entry.kind]
    key = drafts.entry_key(enrolment, entry)
    conflict = None
    if request.method == "POST":
        confirmed = services.confirmed_names(entry)
        form = EntryForm(spec, request.POST, request.FILES, editing=True, confirmed=confirmed)
        if form.is_valid():
            try:
                entry = services.change_entry(
                    entry,
                    content=form.content(),
                    user=request.user,
                    seen_version=form.cleaned_data["seen_version"],
                    upload=form.upload(),
                    draft_key=key,
                    declarations=form.declarations(),
                )
            except services.StaleEdit as stale:
                conflict = presenters.conflict(stale.entry)
                # Saving again now means replacing the version just shown, knowingly.
                data = request.POST.copy()
                data["seen_version"] = str(stale.entry.version)
                form = EntryForm(spec, data, editing=True, confirmed=confirmed)
                form.is_valid()
                form.add_error(None, CONFLICT)
            else:
                note_saved(request, key)
                messages.success(request, f"{spec.label} saved as version {entry.version}")
                return redirect("portfolios:entry", enrolment.uuid, entry.uuid)
    else:
        form = EntryForm(spec, initial=EntryForm.initial_from(entry), editing=True)
    return _form_page(
        request, enrolment, spec, form, key, page_title=f"Change {entry.title}", entry=entry, conflict=conflict
    )


@require_POST
def entry_status(request, enrolment_uuid, entry_uuid):
    enrolment = access.enrolment_for(request.user, enrolment_uuid, write=True)
    entry = access.entry_in(enrolment, entry_uuid)
    status = request.POST.get("status")
    if not entry.is_action or status not in Entry.Status.values:
        raise Http404("Only actions are marked as done.")
    try:
        seen_version = int(request.POST.get("seen_version", ""))
        entry = services.set_action_status(entry, status=status, user=request.user, seen_version=seen_version)
    except (ValueError, services.StaleEdit):
        messages.error(request, "This action was changed after you opened it. Check it, then try again.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Action marked as done" if status == Entry.Status.DONE else "Action reopened")
    return redirect("portfolios:entry", enrolment.uuid, entry.uuid)


@require_http_methods(["GET"])
def entry_versions(request, enrolment_uuid, entry_uuid):
    enrolment = access.enrolment_for(request.user, enrolment_uuid)
    entry = access.entry_in(enrolment, entry_uuid)
    return render_page(request, "portfolios/versions.jinja", presenters.versions_page(enrolment, entry))


@require_http_methods(["GET"])
def entry_version(request, enrolment_uuid, entry_uuid, number):
    enrolment = access.enrolment_for(request.user, enrolment_uuid)
    entry = access.entry_in(enrolment, entry_uuid)
    return render_page(request, "portfolios/version.jinja", presenters.version_page(enrolment, entry, number))
