"""Linking evidence from both sides (issue 13): the suggested criteria while the learner writes an
entry (an htmx partial), and one entry linked to one criterion from the entry's page or from the
criterion's page. The text sent for suggestions is scored and forgotten: never stored, logged or
put in an error report (ADR 18)."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from coordinated_care.core import ratelimit
from coordinated_care.programmes.services import can_edit_portfolio

from .. import access, presenters, providers, services
from ..forms import EntryForm
from ..forms.linking import EvidenceForCriterionForm, LinkToCriterionForm, link_form_id
from ..kinds import KINDS_BY_SLUG
from ..presenters import linking as linking_presenters
from ..suggestions import service as suggestions
from ._common import render_page
from .entries import entry_context


def _criterion(enrolment, code):
    criterion = next((c for c in linking_presenters.picker(enrolment).criteria if c.code == code), None)
    if criterion is None:
        raise Http404("No such criterion in this programme.")
    return criterion


@sensitive_post_parameters()
@require_POST
def suggestions_partial(request, enrolment_uuid, kind):
    """What the entry form's writing most likely shows, as the learner types (hx-post, debounced
    by hx-trigger). Only the learner who may write the portfolio asks; limited per person like the
    live confidentiality check."""
    enrolment = access.enrolment_for(request.user, enrolment_uuid, write=True)
    spec = KINDS_BY_SLUG[kind]
    try:
        ratelimit.hit("portfolios.suggestions", request.user.pk, (settings.CONFIDENTIALITY_CHECKS_PER_MINUTE, 60))
    except ratelimit.Limited:
        return HttpResponse("Too many suggestions asked for. Wait a minute and try again.", status=429)
    picker = linking_presenters.picker(enrolment)
    form = EntryForm(spec, request.POST, criteria=picker.criteria)  # read, never validated nor saved
    writing = form.writing()
    found = suggestions.suggest(enrolment.cohort.programme, writing, catalogue_=picker)
    html = render_to_string(
        "portfolios/_suggestions.jinja",
        {
            "suggestions": linking_presenters.suggestion_rows(found, form),
            "asked": bool(writing.strip()),
            "interactive": True,
        },
        request=request,
    )
    return HttpResponse(html)


@sensitive_post_parameters()
@require_POST
def link_entry_to_criterion(request, enrolment_uuid, entry_uuid, code):
    """From the entry's page: link the entry to a suggested criterion, saying how it shows it."""
    enrolment = access.enrolment_for(request.user, enrolment_uuid, write=True)
    entry = access.entry_in(enrolment, entry_uuid)
    criterion = _criterion(enrolment, code)
    form = LinkToCriterionForm(request.POST, auto_id=link_form_id(criterion.code))
    if form.is_valid():
        services.link_evidence(
            entry,
            criterion=criterion,
            how_it_shows=form.cleaned_data["how_it_shows"],
            user=request.user,
            declarations=form.declarations(),
        )
        messages.success(request, f"Linked to {criterion.code} {criterion.title}")
        return redirect("portfolios:entry", enrolment.uuid, entry.uuid)
    # Shown again on the entry's page, the form in error under its suggestion.
    context = entry_context(request, enrolment, entry)
    for row in context.get("suggestions", []):
        if row["criterion"].code == criterion.code:
            row["form"], row["open"] = form, True
    return render_page(request, "portfolios/entry.jinja", context)


@sensitive_post_parameters()
@require_POST
def add_criterion_evidence(request, enrolment_uuid, code):
    """From the criterion's page: pick an entry that shows the criterion and say how."""
    enrolment = access.enrolment_for(request.user, enrolment_uuid, write=True)
    criterion = _criterion(enrolment, code)
    form = EvidenceForCriterionForm(linking_presenters.entries_for_criterion(enrolment, criterion), request.POST)
    if form.is_valid():
        entry = access.entry_in(enrolment, form.cleaned_data["entry"])
        services.link_evidence(
            entry,
            criterion=criterion,
            how_it_shows=form.cleaned_data["how_it_shows"],
            user=request.user,
            declarations=form.declarations(),
        )
        messages.success(request, f"{entry.title} added as evidence for {criterion.code}")
        return redirect("portfolios:criterion", enrolment.uuid, criterion.code)
    context = criterion_context(request, enrolment, code, form=form)
    return render_page(request, "portfolios/criterion.jinja", context)


def criterion_context(request, enrolment, code, form=None):
    """The criterion's page, with the form that adds evidence for it when the reader may write."""
    context = presenters.criterion_page(enrolment, code)
    context.update(providers.panels("criterion", request.user, enrolment, context))
    if can_edit_portfolio(request.user, enrolment):
        criterion = context["criterion"]
        if form is None:
            form = EvidenceForCriterionForm(linking_presenters.entries_for_criterion(enrolment, criterion))
        context["add_evidence_form"] = form
        context["add_evidence_action"] = reverse("portfolios:add_criterion_evidence", args=[enrolment.uuid, code])
    return context
