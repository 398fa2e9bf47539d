"""Asking for sign-off, deciding it, cancelling a request, re-confirming a sign-off changed since
signed and withdrawing a signature. Views check who may act through the services, call a service
for any change and ask a presenter for the page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import presenters
from ..forms import DecisionForm, ReconfirmForm, SignDecisionForm, SignOffRequestForm, WithdrawForm
from ..presenters.changes import changes_page
from ..services import access, reconfirming, record_look, signing
from ..services import sign_offs as services
from .lookups import criterion_for, request_for, signature_for


def ask(request, enrolment_uuid, code):
    enrolment = access.readable_enrolment(request.user, enrolment_uuid)
    criterion = criterion_for(enrolment, code)
    if not access.can_request_sign_off(request.user, enrolment):
        raise PermissionDenied
    context = presenters.ask_page(enrolment, criterion)
    form = SignOffRequestForm(request.POST or None, links=context["links"])
    if request.method == "POST" and form.is_valid():
        try:
            sign_off_request = services.request_sign_off(
                enrolment=enrolment,
                criterion=criterion,
                user=request.user,
                entries=form.cleaned_data["evidence"],
                note=form.cleaned_data["note"],
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            facilitator = enrolment.facilitator.display_name
            messages.success(request, f"You have asked {facilitator} to sign off {criterion.code}.")
            return redirect("assessments:request", sign_off_request.uuid)
    return render(request, "assessments/ask.jinja", {**context, "form": form})


# What the confirm step carries back unchanged: everything the decision form posted.
NOT_CARRIED = frozenset({"csrfmiddlewaretoken", "password", "step"})


def request_detail(request, request_uuid):
    """The request and, for its facilitator, the decision in one pass: the decision is checked
    first, then shown back to sign with the password, asked for only then (and again alone if it
    was wrong). "Change your decision" goes back to the form with everything as typed."""
    sign_off_request = request_for(request.user, request_uuid)
    enrolment = sign_off_request.enrolment
    record_look(request.user, enrolment)
    context = presenters.request_page(sign_off_request, request.user)
    form = None
    if context["can_decide"]:
        supervisor = enrolment.supervisor.display_name if enrolment.supervisor_id else ""
        form = DecisionForm(
            request.POST or None,
            initial={"subject_hash": context["subject_hash"]},
            supervisor_name=supervisor,
            today=timezone.localdate(),
        )
    if request.method != "POST":
        return render(request, "assessments/request.jinja", {**context, "form": form})
    if form is None:
        raise PermissionDenied
    step = request.POST.get("step", "")
    if step == "change" or not form.is_valid():
        return render(request, "assessments/request.jinja", {**context, "form": form})
    data = form.cleaned_data
    decision = {
        "outcome": data["outcome"],
        "comments": data["comments"],
        "achieved_on": data["achieved_on"],
        "reflection": data["reflection"],
        "agreed_with_supervisor": data["agreed_with_supervisor"],
        "actions": form.actions(),
        "exceeds_expectations": data["exceeds_expectations"],
        "exceeding_comment": data["exceeding_comment"],
    }
    try:
        services.check_decision(sign_off_request, user=request.user, **decision)
    except ValidationError as error:
        form.add_service_error(error)
        return render(request, "assessments/request.jinja", {**context, "form": form})
    sign_form = SignDecisionForm(request.POST if step == "sign" else None)
    if step == "sign" and sign_form.is_valid():
        try:
            services.record_decision(
                sign_off_request,
                user=request.user,
                password=sign_form.cleaned_data["password"],
                seen_subject_hash=data["subject_hash"],
                base_url=request.build_absolute_uri("/"),
                **decision,
            )
        except services.EvidenceMoved as error:
            messages.warning(request, error.messages[0])
            return redirect("assessments:request", sign_off_request.uuid)
        except ValidationError as error:
            sign_form.add_service_error(error)
        else:
            messages.success(request, f"You have signed your decision on {sign_off_request.criterion.code}.")
            return redirect("assessments:request", sign_off_request.uuid)
    carried = [
        (name, value) for name in request.POST if name not in NOT_CARRIED for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "assessments/request_sign.jinja",
        {
            **context,
            "page_title": f"Check and sign your decision on {sign_off_request.criterion.code}",
            "form": sign_form,
            "carried": carried,
            "preview": presenters.decision_preview(decision),
        },
    )


def changes(request, request_uuid):
    """What changed in a sign-off's evidence since it was signed, word by word, and for the
    facilitator who signed it, re-confirming it in one step (the password)."""
    sign_off_request = request_for(request.user, request_uuid)
    record_look(request.user, sign_off_request.enrolment)
    context = changes_page(sign_off_request, request.user)
    form = None
    if context["can_reconfirm"]:
        form = ReconfirmForm(request.POST or None, initial={"subject_hash": context["subject_hash"]})
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                reconfirming.reconfirm_sign_off(
                    sign_off_request,
                    user=request.user,
                    password=form.cleaned_data["password"],
                    seen_subject_hash=form.cleaned_data["subject_hash"],
                )
            except services.EvidenceMoved as error:
                messages.warning(request, error.messages[0])
                return redirect("assessments:changes", sign_off_request.uuid)
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, f"You have re-confirmed your sign-off of {sign_off_request.criterion.code}.")
                return redirect(
                    "portfolios:criterion", sign_off_request.enrolment.uuid, sign_off_request.criterion.code
                )
    return render(request, "assessments/changes.jinja", {**context, "form": form})


@require_POST
def cancel(request, request_uuid):
    sign_off_request = request_for(request.user, request_uuid)
    try:
        services.cancel_request(sign_off_request, user=request.user)
    except ValidationError as error:
        messages.warning(request, error.messages[0])
    else:
        messages.success(request, f"You have cancelled your request for sign-off of {sign_off_request.criterion.code}.")
    return redirect("assessments:request", sign_off_request.uuid)


def _signed_thing_href(signature):
    if signature.assessment_id:
        return reverse("assessments:request", args=[signature.assessment.request.uuid])
    if signature.record_comment_id:
        comment = signature.record_comment
        return reverse("portfolios:entry", args=[signature.enrolment.uuid, comment.entry_uuid])
    if signature.shortfall_reflection_id:
        reflection = signature.shortfall_reflection
        return reverse("assessments:reflection", args=[signature.enrolment.uuid, reflection.criterion.code])
    return reverse("assessments:review", args=[signature.review.uuid])


def withdraw(request, signature_uuid):
    signature = signature_for(request.user, signature_uuid)
    if signature.signer_id != request.user.pk or hasattr(signature, "withdrawal"):
        raise PermissionDenied
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signing.withdraw_signature(
                signature, user=request.user, reason=form.cleaned_data["reason"], password=form.cleaned_data["password"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "You have withdrawn your signature.")
            return redirect(_signed_thing_href(signature))
    return render(
        request,
        "assessments/withdraw.jinja",
        {
            "page_title": "Withdraw your signature",
            "form": form,
            "line": presenters.signature_line(signature),
            "back_href": _signed_thing_href(signature),
        },
    )
