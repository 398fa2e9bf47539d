from django.http import Http404
from django.shortcuts import render

from coordinated_care.accounts.models import Role
from coordinated_care.accounts.services import has_role

from .. import presenters
from ..presenters.delegated import delegation_panel


def caseload(request):
    """The facilitator's caseload; not found for anyone who does not hold the facilitator role."""
    if not has_role(request.user, Role.FACILITATOR):
        raise Http404
    context = presenters.caseload_page(request.user)
    # Delegation (ADR 16): who assesses the facilitator's learners for them, and what they signed.
    context.update(delegation_panel(request.user))
    return render(request, "assessments/caseload.jinja", context)
