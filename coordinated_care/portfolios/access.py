"""Reaching a portfolio through the enrolment that scopes it (who may read or write it is decided
by programmes.services). Someone who may not read a portfolio is told it does not exist, so that
guessing addresses reveals nothing; a reader who may not write is refused."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from coordinated_care.programmes.services import can_edit_portfolio, readable_enrolment

from .models import Attachment, Entry


def enrolment_for(user, enrolment_uuid, *, write=False):
    enrolment = readable_enrolment(user, enrolment_uuid)
    if write and not can_edit_portfolio(user, enrolment):
        raise PermissionDenied("Only the learner can change their portfolio while it is in progress.")
    return enrolment


def entry_in(enrolment, entry_uuid):
    entry = Entry.objects.select_related("workshop").filter(enrolment=enrolment, uuid=entry_uuid).first()
    if entry is None:
        raise Http404("No such entry in this portfolio.")
    entry.enrolment = enrolment  # already loaded with what the services need
    return entry


def attachment_in(enrolment, attachment_uuid):
    attachment = Attachment.objects.select_related("entry").filter(enrolment=enrolment, uuid=attachment_uuid).first()
    if attachment is None:
        raise Http404("No such file in this portfolio.")
    attachment.enrolment = enrolment
    return attachment
