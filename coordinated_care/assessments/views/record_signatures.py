"""The facilitator's comments on an interprofessional record, and the critical reflection on a
shortfall: written by the learner, agreed by the facilitator, confirmed by the supervisor."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from coordinated_care.portfolios.models import Entry

from ..forms.record_signatures import RecordCommentForm, ReflectionForm, SignReflectionForm
from ..presenters import record_signatures as presenters
from ..services import access, record_look
from ..services import record_signatures as services
from .lookups import criterion_for


def _record_for(enrolment, entry_uuid):
    entry = Entry.objects.filter(enrolment=enrolment, uuid=entry_uuid, kind__in=list(services.RECORD_KINDS)).first()
    if entry is None:
        raise Http404("No such record.")
    return entry


@require_http_methods(["GET", "POST"])
def record_comment(request, enrolment_uuid, entry_uuid):
    enrolment = access.readable_enrolment(request.user, enrolment_uuid)
    entry = _record_for(enrolment, entry_uuid)
    if not services.can_comment_on_record(request.user, entry):
        raise PermissionDenied
    form = RecordCommentForm(request.POST or None, initial={"version": entry.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_on_record(
                entry,
                user=request.user,
                password=form.cleaned_data["password"],
                seen_version=form.cleaned_data["version"],
                comments=form.cleaned_data["comments"],
            )
        except services.RecordMoved as moved:
            messages.warning(request, moved.messages[0])
            return redirect("assessments:record_comment", enrolment.uuid, entry.uuid)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "You have signed your comments on the record.")
            return redirect("portfolios:entry", enrolment.uuid, entry.uuid)
    record_look(request.user, enrolment)
    context = presenters.record_comment_page(enrolment, entry)
    return render(request, "assessments/record_comment.jinja", {**context, "form": form})


@require_http_methods(["GET"])
def reflection(request, enrolment_uuid, code):
    enrolment = access.readable_enrolment(request.user, enrolment_uuid)
    criterion = criterion_for(enrolment, code)
    found = services.reflection_for(enrolment, criterion)
    if found is None:
        if services.can_write_reflection(request.user, enrolment):
            return redirect("assessments:reflection_write", enrolment.uuid, criterion.code)
        raise Http404("No reflection on this criterion.")
    record_look(request.user, enrolment)
    context = presenters.reflection_page(enrolment, criterion, found, request.user)
    return render(request, "assessments/reflection.jinja", context)


@require_http_methods(["GET", "POST"])
def reflection_write(request, enrolment_uuid, code):
    enrolment = access.readable_enrolment(request.user, enrolment_uuid)
    criterion = criterion_for(enrolment, code)
    if not services.can_write_reflection(request.user, enrolment):
        raise PermissionDenied
    found = services.reflection_for(enrolment, criterion)
    if found is not None and services.reflection_state(found).agreement is not None:
        messages.warning(
            request,
            "Your facilitator has agreed this reflection. It cannot change unless they withdraw their signature.",
        )
        return redirect("assessments:reflection", enrolment.uuid, criterion.code)
    initial = {"reflection": found.reflection, "version": found.version} if found else {}
    form = ReflectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_reflection(
                enrolment=enrolment,
                criterion=criterion,
                user=request.user,
                reflection=form.cleaned_data["reflection"],
                seen_version=form.cleaned_data.get("version"),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Reflection saved. Your facilitator can now agree it.")
            return redirect("assessments:reflection", enrolment.uuid, criterion.code)
    context = {
        "page_title": "Write your critical reflection on the shortfall",
        "enrolment": enrolment,
        "learner": enrolment.learner,
        "criterion": criterion,
        "form": form,
        "back_href": reverse("portfolios:criterion", args=[enrolment.uuid, criterion.code]),
    }
    return render(request, "assessments/reflection_write.jinja", context)


@require_http_methods(["GET", "POST"])
def reflection_sign(request, enrolment_uuid, code):
    enrolment = access.readable_enrolment(request.user, enrolment_uuid)
    criterion = criterion_for(enrolment, code)
    found = services.reflection_for(enrolment, criterion)
    if found is None:
        raise Http404("No reflection on this criterion.")
    if services.can_agree_reflection(request.user, found):
        sign = services.agree_reflection
    elif services.can_confirm_reflection(request.user, found):
        sign = services.confirm_reflection
    else:
        raise PermissionDenied
    form = SignReflectionForm(request.POST or None, initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        try:
            sign(
                found,
                user=request.user,
                password=form.cleaned_data["password"],
                seen_version=form.cleaned_data["version"],
            )
        except services.RecordMoved as moved:
            messages.warning(request, moved.messages[0])
            return redirect("assessments:reflection", enrolment.uuid, criterion.code)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            done = "agreed" if sign is services.agree_reflection else "confirmed"
            messages.success(request, f"You have {done} the critical reflection on {criterion.code}.")
            return redirect("assessments:reflection", enrolment.uuid, criterion.code)
    context = presenters.reflection_page(enrolment, criterion, found, request.user)
    return render(request, "assessments/reflection_sign.jinja", {**context, "form": form})
