from django.urls import reverse

from . import services
from .models import Role, RoleAssignment


class RoleHome:
    """What every role's home page shows: who you are, where, and your other roles."""

    def __init__(self, user, role):
        self.user = user
        self.role = Role(role)

    def context(self):
        assignments = list(
            RoleAssignment.objects.filter(user=self.user).select_related("organisation").order_by("role")
        )
        organisations = sorted({a.organisation.name for a in assignments if a.role == self.role})
        other_roles = [
            {"text": role.label, "href": reverse(services.HOME_URL_NAMES[role])}
            for role in services.HOME_ORDER
            if role != self.role and any(a.role == role for a in assignments)
        ]
        return {
            "page_title": f"{self.role.label} home",
            "role": self.role,
            "organisations": organisations,
            "other_roles": other_roles,
            **_programmes_context(self.role, self.user),
            **_assessments_context(self.role, self.user),
        }


# Extension: the homes of facilitators, supervisors and programme leads list their learners and
# cohorts. Imported here, not at the top: programmes depends on accounts, not the other way round.
def _programmes_context(role, user):
    from coordinated_care.programmes.presenters import role_home_context

    return role_home_context(role, user)


# Extension: the facilitator's home says how much waits on their caseload. Imported here for the
# same reason: assessments depends on accounts.
def _assessments_context(role, user):
    if role != Role.ASSESSOR:
        return {}
    from coordinated_care.assessments.presenters import caseload_summary

    return {"caseload_summary": caseload_summary(user)}
