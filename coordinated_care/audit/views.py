"""History pages. Who may read what is decided by the services (404 for anyone else); what the
page shows is the presenter's. Sign-in is enforced for every page by LoginRequiredMiddleware."""

from django.shortcuts import render

from . import presenters


def _before(request):
    value = request.GET.get("before", "")
    return int(value) if value.isdigit() else None


def history(request, object_type, object_id):
    context = presenters.object_history_page(request.user, object_type, object_id, before=_before(request))
    return render(request, "audit/history.jinja", context)


def portfolio_history(request, uuid):
    context = presenters.portfolio_history_page(request.user, uuid, before=_before(request))
    return render(request, "audit/history.jinja", context)
