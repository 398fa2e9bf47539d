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


def _role_home(role, template, extra_context=None):
    def view(request):
        if not services.has_role(request.user, role):
            raise PermissionDenied
        context = presenters.RoleHome(request.user, role).context()
        if extra_context is not None:
            context.update(extra_context(request.user))
        return render(request, template, context)

    view.__name__ = f"{role.value}_home"
    return view


def _learner_portfolio(user):
    # Imported here: the portfolio depends on accounts, not the other way round.
    from coordinated_care.portfolios.home import learner_home_context

    return learner_home_context(user)


learner_home = _role_home(Role.LEARNER, "accounts/home/learner.jinja", _learner_portfolio)
facilitator_home = _role_home(Role.ASSESSOR, "accounts/home/facilitator.jinja")
supervisor_home = _role_home(Role.SUPERVISOR, "accounts/home/supervisor.jinja")
programme_lead_home = _role_home(Role.PROGRAMME_LEAD, "accounts/home/programme_lead.jinja")
employer_home = _role_home(Role.EMPLOYER, "accounts/home/employer.jinja")
administrator_home = _role_home(Role.ADMINISTRATOR, "accounts/home/administrator.jinja")
