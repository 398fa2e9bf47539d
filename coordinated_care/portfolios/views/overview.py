"""The portfolio overview: progress at a glance and the way to every section."""

from django.views.decorators.http import require_http_methods

from coordinated_care.programmes.services import can_edit_portfolio

from .. import access, presenters, providers
from ._common import render_page


@require_http_methods(["GET"])
def overview(request, enrolment_uuid):
    enrolment = access.enrolment_for(request.user, enrolment_uuid)
    context = presenters.overview_page(enrolment, request.user, can_edit=can_edit_portfolio(request.user, enrolment))
    context.update(providers.panels("overview", request.user, enrolment, context))
    providers.looked_at(request.user, enrolment)
    return render_page(request, "portfolios/overview.jinja", context)
