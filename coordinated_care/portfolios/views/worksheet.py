"""The key values of person-centred care worksheet: one per portfolio, filled in over time."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from coordinated_care.programmes.services import can_edit_portfolio

from .. import access, drafts, presenters, services
from ..forms import ValuesWorksheetForm
from ._common import CONFLICT, draft_context, note_saved, render_page


@require_http_methods(["GET", "POST"])
def values_worksheet(request, enrolment_uuid):
    enrolment = access.enrolment_for(request.user, enrolment_uuid, write=request.method == "POST")
    can_edit = can_edit_portfolio(request.user, enrolment)
    value_names = list(enrolment.cohort.programme.values.values_list("name", flat=True))
    worksheet = services.values_worksheet(enrolment)
    context = presenters.values_worksheet_page(enrolment, worksheet, value_names)
    context["can_edit"] = can_edit
    if not can_edit:
        return render_page(request, "portfolios/values_worksheet.jinja", context)
    key = drafts.worksheet_key(enrolment)
    if request.method == "POST":
        confirmed = services.confirmed_names(worksheet)
        form = ValuesWorksheetForm(value_names, request.POST, confirmed=confirmed)
        if form.is_valid():
            try:
                worksheet = services.save_values_worksheet(
                    enrolment,
                    answers=form.answers(),
                    user=request.user,
                    seen_version=form.cleaned_data["seen_version"],
                    draft_key=key,
                    declarations=form.declarations(),
                )
            except services.StaleEdit as stale:
                current = stale.entry if stale.entry.pk else None
                context["conflict"] = presenters.conflict(current, value_names) if current else None
                data = request.POST.copy()
                data["seen_version"] = str(current.version if current else 0)
                form = ValuesWorksheetForm(value_names, data, confirmed=confirmed)
                form.is_valid()
                form.add_error(None, CONFLICT)
            else:
                note_saved(request, key)
                messages.success(request, f"Values worksheet saved as version {worksheet.version}")
                return redirect("portfolios:values_worksheet", enrolment.uuid)
    else:
        form = ValuesWorksheetForm(value_names, initial=ValuesWorksheetForm.initial_from(value_names, worksheet))
    context.update(form=form, **draft_context(request, enrolment, key, form))
    return render_page(request, "portfolios/values_worksheet.jinja", context)
