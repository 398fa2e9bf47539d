from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from coordinated_care.accounts.models import Role
from coordinated_care.accounts.services import has_role

from .. import presenters


def caseload(request):
    if not has_role(request.user, Role.ASSESSOR):
        raise PermissionDenied
    return render(request, "assessments/caseload.jinja", presenters.caseload_page(request.user))
