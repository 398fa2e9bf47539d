"""A person's choice of reminders: signed in, their own (`/reminders/`); or through the signed link
in every reminder, without signing in, the choices of the person the link names and no one else."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import choices
from .forms import ReminderChoicesForm

SAVED = "Your choice of reminders is saved"
STOPPED = "You will get no more reminders. You can turn them on again here at any time."


def _page(request, user, *, action, signed_in):
    kinds = choices.kinds_for(user)
    if request.method == "POST" and "stop_all" in request.POST:
        choices.stop_all(user)
        messages.success(request, STOPPED)
        return redirect(action)
    form = ReminderChoicesForm(kinds, request.POST if request.method == "POST" else None)
    if request.method == "POST" and kinds and form.is_valid():
        choices.choose(user, form.frequencies())
        messages.success(request, SAVED)
        return redirect(action)
    if not form.is_bound:
        chosen = choices.choices_of(user)
        form.initial = {kind.value: chosen[kind].value for kind in kinds}
    context = {
        "page_title": "Reminders by e-mail",
        "form": form,
        "kinds": kinds,
        "person": user,
        "action": action,
        "signed_in": signed_in,
    }
    return render(request, "reminders/choices.jinja", context)


@require_http_methods(["GET", "POST"])
def reminder_choices(request):
    """The signed-in person's own choices: the address names no one."""
    return _page(request, request.user, action=request.path, signed_in=True)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def by_link(request, token):
    user = choices.person_of(token, get_user_model().objects)
    if user is None:
        raise Http404("This link does not work.")
    return _page(request, user, action=request.path, signed_in=False)
