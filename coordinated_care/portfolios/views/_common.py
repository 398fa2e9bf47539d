"""What every portfolio view shares: rendering with the drafts just saved, and the draft banner."""

from django.shortcuts import render
from django.urls import reverse

from coordinated_care.core import dates

from .. import drafts

# Keys of drafts whose form was saved since the last page: the browser forgets its copies of them.
SAVED_DRAFTS = "portfolio_saved_drafts"

CONFLICT = (
    "This was changed after you opened it. Your writing is still in the form below: compare it with "
    "the saved version, then save again to replace the saved version with yours."
)


def render_page(request, template, context, status=200):
    context["saved_drafts"] = request.session.pop(SAVED_DRAFTS, [])
    return render(request, template, context, status=status)


def note_saved(request, key):
    request.session[SAVED_DRAFTS] = [*request.session.get(SAVED_DRAFTS, []), key]


def draft_context(request, enrolment, key, form=None):
    """The draft banner: unsaved writing kept on the server for this form, offered back. With
    `?restore=draft` the writing is put back in the (unbound) form."""
    draft = drafts.find(request.user, key)
    restored = False
    if draft is not None and form is not None and not form.is_bound and request.GET.get("restore") == "draft":
        form.restore(draft.data)
        restored = True
    return {
        "draft_key": key,
        "draft_url": reverse("portfolios:draft", args=[enrolment.uuid]),
        "server_draft": (
            {"when": dates.datetime(draft.updated_at), "at": draft.updated_at.isoformat(), "restored": restored}
            if draft is not None
            else None
        ),
        "return_to": request.path,
    }
