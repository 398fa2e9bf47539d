"""The cohort's workshops with the learner's attendance and notes, one set of notes a workshop."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from coordinated_care.core import dates
from coordinated_care.programmes.services import can_edit_portfolio
from coordinated_care.programmes.services.schedule import can_see_adaptations

from .. import access, drafts, presenters, services
from ..forms import EntryForm
from ..kinds import KINDS
from ..models import Entry
from ._common import CONFLICT, draft_context, note_saved, render_page

SPEC = KINDS[Entry.Kind.WORKSHOP_NOTE]


@require_http_methods(["GET"])
def workshops(request, enrolment_uuid):
    enrolment = access.enrolment_for(request.user, enrolment_uuid)
    context = presenters.workshops_page(enrolment, can_edit=can_edit_portfolio(request.user, enrolment))
    # The learner's facilitator and the cohort's leads adapt this learner's schedule (ADR 17).
    if can_see_adaptations(request.user, enrolment):
        context["adapt_href"] = reverse("programmes:learner_schedule", args=[enrolment.uuid])
    return render_page(request, "portfolios/workshops.jinja", context)


@require_http_methods(["GET", "POST"])
def workshop_note(request, enrolment_uuid, number):
    enrolment = access.enrolment_for(request.user, enrolment_uuid, write=True)
    workshop = presenters.workshop_for(enrolment, number)
    note = presenters.workshop_note(enrolment, workshop)
    key = drafts.workshop_key(enrolment, workshop)
    conflict = None
    if request.method == "POST":
        confirmed = services.confirmed_names(note)
        form = EntryForm(SPEC, request.POST, editing=True, confirmed=confirmed)
        if form.is_valid():
            try:
                note = services.save_workshop_note(
                    enrolment,
                    workshop,
                    content=form.content(),
                    user=request.user,
                    seen_version=form.cleaned_data["seen_version"],
                    draft_key=key,
                    declarations=form.declarations(),
                )
            except services.StaleEdit as stale:
                conflict = presenters.conflict(stale.entry) if stale.entry.pk else None
                data = request.POST.copy()
                data["seen_version"] = str(stale.entry.version if stale.entry.pk else 0)
                form = EntryForm(SPEC, data, editing=True, confirmed=confirmed)
                form.is_valid()
                form.add_error(None, CONFLICT)
            else:
                note_saved(request, key)
                messages.success(request, f"Your attendance and notes for WS{workshop.number} are saved")
                return redirect("portfolios:section", enrolment.uuid, SPEC.slug)
    else:
        initial = EntryForm.initial_from(note) if note else {"seen_version": 0}
        form = EntryForm(SPEC, initial=initial, editing=True)
    context = {
        "page_title": f"WS{workshop.number}: {workshop.theme}",
        "enrolment": enrolment,
        "spec": SPEC,
        "form": form,
        "workshop": workshop,
        "workshop_date": dates.date(workshop.date),
        "entry": note,
        "conflict": conflict,
        **draft_context(request, enrolment, key, form),
    }
    return render_page(request, "portfolios/entry_form.jinja", context)
