"""Reading the audit trail: who may read which events, and the events of one object or of one
portfolio, a page at a time, newest first.

An event is read through the enrolment it was filed under: whoever may read that portfolio
(programmes.services.can_read_portfolio, registered as the readers: providers.py) may read its
history; nobody else learns it exists. Events filed under no enrolment are read through the
registration's `can_read`, or by administrators alone.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.http import Http404

from .models import AuditEvent
from .providers import readers
from .registry import registration_for

PAGE_SIZE = 50
# What a history page shows of each event; the hashes are for verify_audit, not for people.
SHOWN = (
    "id",
    "occurred_at",
    "actor_label",
    "action",
    "content_type_id",
    "object_id",
    "object_label",
    "enrolment_id",
    "before",
    "after",
    "note",
)


@dataclass
class History:
    events: list
    more: bool
    content_type: ContentType | None = None
    enrolment: object | None = None  # the enrolment (programmes.Enrolment) of a portfolio's history


def content_type_for(type_key):
    """'app_label.model' -> its ContentType (from Django's cache after the first use), or 404."""
    app_label, _, model = type_key.partition(".")
    try:
        return ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist as error:
        raise Http404 from error


def can_read_filed_under(user, enrolment_id, *, content_type=None, object_id=None):
    rules = readers()
    if enrolment_id is not None:
        enrolment = rules.enrolment(enrolment_id)
        # A portfolio that no longer exists has no readers left but the administrators.
        return rules.can_read(user, enrolment) if enrolment else rules.is_administrator(user)
    model = content_type.model_class() if content_type else None
    registration = registration_for(model) if model else None
    if registration is not None and registration.can_read is not None:
        return bool(registration.can_read(user, object_id))
    return rules.is_administrator(user)


def object_history(user, content_type, object_id, *, before=None):
    """The events of one object that `user` may read, or 404 if there are none."""
    events = AuditEvent.objects.filter(content_type=content_type, object_id=str(object_id))
    newest = events.order_by("-id").values_list("enrolment_id", flat=True)[:1]
    if not newest:
        raise Http404
    # An object stays in the portfolio it was made in; its events are read through the newest.
    enrolment_id = newest[0]
    if not can_read_filed_under(user, enrolment_id, content_type=content_type, object_id=object_id):
        raise Http404
    page = _page(events.filter(enrolment_id=enrolment_id), before)
    return History(events=page[:PAGE_SIZE], more=len(page) > PAGE_SIZE, content_type=content_type)


def portfolio_history(user, enrolment_uuid, *, before=None):
    """Every event filed under one enrolment, or 404 if `user` may not read that portfolio."""
    enrolment = readers().readable_portfolio(user, enrolment_uuid)
    page = _page(AuditEvent.objects.filter(enrolment=enrolment), before)
    return History(events=page[:PAGE_SIZE], more=len(page) > PAGE_SIZE, enrolment=enrolment)


def _page(events, before):
    # Keyset paging on the id: as fast on the thousandth page as on the first.
    if before is not None:
        events = events.filter(id__lt=before)
    return list(events.order_by("-id").only(*SHOWN)[: PAGE_SIZE + 1])
