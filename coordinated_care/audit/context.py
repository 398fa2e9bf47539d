"""Who is acting, and any note to keep with what they do.

The actor is, in order: whoever `acting_as` names (a management command, a background task, an
invited signer without an account); else the signed-in user of the current request, which
`AuditActorMiddleware` makes known; else nobody ("system" outside a request, "anonymous" inside one).
Context variables rather than thread locals: they follow the code into async views and tasks.
"""

import contextlib
import contextvars
from dataclasses import dataclass

_acting_as = contextvars.ContextVar("audit_acting_as", default=None)
_request = contextvars.ContextVar("audit_request", default=None)
_notes = contextvars.ContextVar("audit_notes", default=())

SYSTEM = "system"
ANONYMOUS = "anonymous"
LABEL_LENGTH = 200


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    label: str


def _from_user(user):
    label = getattr(user, "display_name", None) or str(user)
    return Actor(user.pk, label[:LABEL_LENGTH])


@contextlib.contextmanager
def acting_as(user_or_label):
    """Record what happens inside the block as done by `user_or_label`: a User, or a description
    of someone without an account, e.g. "invited signer: Sam Jones, supervisor, NMC 12A3456Z"."""
    if isinstance(user_or_label, str):
        if not user_or_label.strip():
            raise ValueError("Say who is acting.")
        actor = Actor(None, user_or_label.strip()[:LABEL_LENGTH])
    elif getattr(user_or_label, "pk", None) is not None:
        actor = _from_user(user_or_label)
    else:
        raise ValueError(f"acting_as needs a saved user or a label, not {user_or_label!r}.")
    token = _acting_as.set(actor)
    try:
        yield actor
    finally:
        _acting_as.reset(token)


@contextlib.contextmanager
def with_note(note):
    """Keep `note` (JSON-ready: a dict of plain values) with every event recorded inside the block:
    the reason for a withdrawal, the confidentiality declaration made when inviting a colleague."""
    if not isinstance(note, dict) or not note:
        raise ValueError("A note is a non-empty dict.")
    token = _notes.set((*_notes.get(), note))
    try:
        yield
    finally:
        _notes.reset(token)


def current_actor():
    explicit = _acting_as.get()
    if explicit is not None:
        return explicit
    request = _request.get()
    if request is None:
        return Actor(None, SYSTEM)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return _from_user(user)
    return Actor(None, ANONYMOUS)


def current_note():
    """The notes of the enclosing `with_note` blocks, merged, inner keys winning; None if none."""
    notes = _notes.get()
    if not notes:
        return None
    merged = {}
    for note in notes:
        merged.update(note)
    return merged


@contextlib.contextmanager
def request_in_progress(request):
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)
