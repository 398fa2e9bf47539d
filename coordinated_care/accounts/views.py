from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from . import presenters, services
from .models import Role


def home(request):
    """Everyone signs in to "/"; this sends each person on to the home page of their role."""
    roles = services.home_roles(request.user)
    if not roles:
        return render(request, "accounts/no_role.jinja", {"page_title": "No role yet"})
    return redirect(services.HOME_URL_NAMES[roles[0]])


def _role_home(role, template):
    def view(request):
        if not services.has_role(request.user, role):
            raise PermissionDenied
        context = presenters.RoleHome(request.user, role).context()
        return render(request, template, context)

    view.__name__ = f"{role.value}_home"
    return view


learner_home = _role_home(Role.LEARNER, "accounts/home/learner.jinja")
facilitator_home = _role_home(Role.ASSESSOR, "accounts/home/facilitator.jinja")
supervisor_home = _role_home(Role.SUPERVISOR, "accounts/home/supervisor.jinja")
programme_lead_home = _role_home(Role.PROGRAMME_LEAD, "accounts/home/programme_lead.jinja")
employer_home = _role_home(Role.EMPLOYER, "accounts/home/employer.jinja")
administrator_home = _role_home(Role.ADMINISTRATOR, "accounts/home/administrator.jinja")
