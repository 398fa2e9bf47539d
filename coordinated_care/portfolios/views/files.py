"""Uploaded files: served only to those who may read the portfolio, added and removed by the learner."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from .. import access, presenters, uploads
from ..forms import AttachmentForm
from ._common import render_page


@require_http_methods(["GET"])
def attachment(request, enrolment_uuid, attachment_uuid):
    enrolment = access.enrolment_for(request.user, enrolment_uuid)
    attachment = access.attachment_in(enrolment, attachment_uuid)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    # Always a download, never shown inline: a file is never run as a page of this site.
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
def entry_attachments(request, enrolment_uuid, entry_uuid):
    enrolment = access.enrolment_for(request.user, enrolment_uuid, write=True)
    entry = access.entry_in(enrolment, entry_uuid)
    context = presenters.entry_page(enrolment, entry, can_edit=True, today=timezone.localdate())
    if not context["accepts_files"]:
        raise Http404("This kind of entry does not take files.")
    form = AttachmentForm(request.POST, request.FILES, label=f"Upload a {context['attachment_label'].lower()}")
    if form.is_valid():
        uploads.store_upload(enrolment, form.cleaned_data["file"], request.user, entry=entry)
        messages.success(request, "File uploaded")
        return redirect("portfolios:entry", enrolment.uuid, entry.uuid)
    context["upload_form"] = form
    return render_page(request, "portfolios/entry.jinja", context)


@require_POST
def remove_attachment(request, enrolment_uuid, attachment_uuid):
    enrolment = access.enrolment_for(request.user, enrolment_uuid, write=True)
    attachment = access.attachment_in(enrolment, attachment_uuid)
    entry = attachment.entry
    if uploads.remove_attachment(attachment, user=request.user):
        messages.success(request, f"{attachment.original_name} removed")
    else:
        messages.success(
            request, f"{attachment.original_name} removed from this entry. It was signed off, so the record keeps it"
        )
    if entry is not None:
        return redirect("portfolios:entry", enrolment.uuid, entry.uuid)
    return redirect("portfolios:accredited_training", enrolment.uuid)
