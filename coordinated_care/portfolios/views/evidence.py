"""Evidence against criteria: which criteria an entry shows, and everything that shows a criterion."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from .. import access, drafts, presenters, providers, services
from ..forms import EvidenceForm
from ._common import draft_context, note_saved, render_page
from .linking import criterion_context


@require_http_methods(["GET"])
def criterion(request, enrolment_uuid, code):
    enrolment = access.enrolment_for(request.user, enrolment_uuid)
    context = criterion_context(request, enrolment, code)
    providers.looked_at(request.user, enrolment)
    return render_page(request, "portfolios/criterion.jinja", context)


@require_http_methods(["GET", "POST"])
def entry_evidence(request, enrolment_uuid, entry_uuid):
    enrolment = access.enrolment_for(request.user, enrolment_uuid, write=True)
    entry = access.entry_in(enrolment, entry_uuid)
    criteria, links = presenters.evidence_choices(enrolment, entry)
    key = drafts.evidence_key(enrolment, entry)
    if request.method == "POST":
        form = EvidenceForm(criteria, request.POST, confirmed=services.evidence_confirmed_names(links))
        if form.is_valid():
            links = services.set_evidence_links(
                entry, links=form.links(), user=request.user, declarations=form.link_declarations()
            )
            services.discard_draft(user=request.user, key=key)
            note_saved(request, key)
            count = links.count()
            messages.success(
                request, f"Evidence saved: this entry is linked to {count} {'criterion' if count == 1 else 'criteria'}"
            )
            return redirect("portfolios:entry", enrolment.uuid, entry.uuid)
    else:
        form = EvidenceForm(criteria, initial=EvidenceForm.initial_from(links))
    context = {
        "page_title": f"Link {entry.title} to criteria",
        "enrolment": enrolment,
        "entry": entry,
        "form": form,
        "entry_href": reverse("portfolios:entry", args=[enrolment.uuid, entry.uuid]),
        **draft_context(request, enrolment, key, form),
    }
    return render_page(request, "portfolios/evidence_form.jinja", context)
