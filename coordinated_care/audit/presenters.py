"""What the history pages show, in a fixed number of queries however long the history: the
events of the page (one query), who may read them (one or two), the names of linked records (one
per kind of record), and Django's cached content types."""

from django.urls import reverse

from . import services, wording


def object_history_page(user, type_key, object_id, *, before=None):
    content_type = services.content_type_for(type_key)
    history = services.object_history(user, content_type, object_id, before=before)
    events = wording.describe(history.events)
    model = content_type.model_class()
    kind = model._meta.verbose_name.capitalize() if model else "Record"
    label = events[0]["object_label"] if events else f"{kind} {object_id}"
    here = reverse("audit:history", args=[type_key, object_id])
    return {
        "page_title": f"History of {label}",
        "caption": kind,
        "heading": f"History of {label}",
        "events": events,
        "show_object": False,
        **_paging(history, here, before),
    }


def portfolio_history_page(user, enrolment_uuid, *, before=None):
    history = services.portfolio_history(user, enrolment_uuid, before=before)
    learner = history.enrolment.learner.display_name
    here = reverse("audit:portfolio_history", args=[enrolment_uuid])
    return {
        "page_title": f"History of {learner}'s portfolio",
        "caption": history.enrolment.cohort.name,
        "heading": f"History of {learner}'s portfolio",
        "events": wording.describe(history.events),
        "show_object": True,
        **_paging(history, here, before),
    }


def _paging(history, here, before):
    return {
        "older_href": f"{here}?before={history.events[-1].id}" if history.more else None,
        "newest_href": here if before is not None else None,
    }
