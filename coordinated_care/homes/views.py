from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from coordinated_care.accounts import services
from coordinated_care.accounts.models import Role
from coordinated_care.roles.services import roles_held

from . import presenters


def home(request):
    """Everyone signs in to "/"; this sends each person on to the home page of their role."""
    roles = services.home_roles(request.user)
    if not roles:
        context = {"page_title": "No role yet", "holds_role_profile": bool(roles_held(request.user))}
        return render(request, "homes/no_role.jinja", context)
    return redirect(services.HOME_URL_NAMES[roles[0]])


def _role_home(role, template):
    def view(request):
        if not services.has_role(request.user, role):
            raise PermissionDenied
        return render(request, template, presenters.RoleHome(request.user, role).context())

    view.__name__ = f"{role.value}_home"
    return view


learner_home = _role_home(Role.LEARNER, "homes/learner.jinja")
facilitator_home = _role_home(Role.FACILITATOR, "homes/facilitator.jinja")
supervisor_home = _role_home(Role.SUPERVISOR, "homes/supervisor.jinja")
programme_lead_home = _role_home(Role.PROGRAMME_LEAD, "homes/programme_lead.jinja")
employer_home = _role_home(Role.EMPLOYER, "homes/employer.jinja")
administrator_home = _role_home(Role.ADMINISTRATOR, "homes/administrator.jinja")
