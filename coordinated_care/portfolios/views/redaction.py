"""Removing a patient identifier from a saved entry: the learner, or an administrator (ADR 12)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from coordinated_care.programmes.models import Enrolment
from coordinated_care.programmes.services import is_administrator

from .. import access, redaction
from ..forms.redaction import RedactionForm
from ._common import render_page


def _enrolment(user, enrolment_uuid):
    # Administrators do not read portfolios (programmes.services.access), but may redact one: they
    # reach it by its address alone. Everyone else must be able to read it (404 otherwise).
    if is_administrator(user):
        enrolment = Enrolment.objects.select_related("learner", "cohort__programme").filter(uuid=enrolment_uuid).first()
        if enrolment is not None:
            return enrolment
    enrolment = access.enrolment_for(user, enrolment_uuid)
    if not redaction.can_redact(user, enrolment):
        raise PermissionDenied("Only the learner or an administrator can remove text from a portfolio.")
    return enrolment


@require_http_methods(["GET", "POST"])
def redact_entry(request, enrolment_uuid, entry_uuid):
    enrolment = _enrolment(request.user, enrolment_uuid)
    entry = access.entry_in(enrolment, entry_uuid)
    form = RedactionForm(request.POST or None, entry=entry)
    if request.method == "POST" and form.is_valid():
        try:
            done = redaction.redact(
                entry,
                text=form.cleaned_data["text"],
                reason=form.reason_label(),
                field=form.cleaned_data["field"],
                user=request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            versions = f"{done.versions} version{'s' if done.versions != 1 else ''}"
            messages.success(request, f"Identifier removed from this entry, {versions} and its history")
            return redirect("portfolios:entry", enrolment.uuid, entry.uuid)
    context = {
        "page_title": f"Remove a patient identifier from {entry.title}",
        "enrolment": enrolment,
        "entry": entry,
        "entry_href": reverse("portfolios:entry", args=[enrolment.uuid, entry.uuid]),
        "form": form,
    }
    return render_page(request, "portfolios/redact.jinja", context)
