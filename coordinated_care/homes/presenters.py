"""What each role's home page shows: who you are, where, and your other roles (accounts), then
what the apps below have for that role, in a fixed number of queries. The home pages sit above
every domain app (ADR 10), so they import them directly."""

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse

from coordinated_care.accounts import services
from coordinated_care.accounts.models import Acknowledgement, Role, RoleAssignment
from coordinated_care.assessments.presenters import caseload_summary, supervisor_waiting
from coordinated_care.feedback.presenters import asked_of_you
from coordinated_care.portfolios.home import learner_home_context
from coordinated_care.programmes.presenters import role_home_context
from coordinated_care.roles.models import RoleHolder

# The roles the Portfolio Document gives responsibilities to, which their home asks them to acknowledge.
RESPONSIBILITIES = {
    Role.LEARNER: Acknowledgement.Responsibilities.CARE_COORDINATOR,
    Role.FACILITATOR: Acknowledgement.Responsibilities.FACILITATOR,
}


def _acknowledged(which):
    return Acknowledgement.objects.filter(user=OuterRef("user"), responsibilities=which).values("acknowledged_at")[:1]


class RoleHome:
    def __init__(self, user, role):
        self.user = user
        self.role = Role(role)
        self.responsibilities = RESPONSIBILITIES.get(self.role)

    def context(self):
        assignments = list(
            RoleAssignment.objects.filter(user=self.user)
            .select_related("organisation")
            # Asked in the same query: whether they are in a role profile, to rate themselves against.
            .annotate(holds_role_profile=Exists(RoleHolder.objects.filter(user=OuterRef("user"))))
            # And when they acknowledged the responsibilities of the role this home is for (none: never).
            .annotate(acknowledged_at=Subquery(_acknowledged(self.responsibilities or "")))
            .order_by("role")
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
            "holds_role_profile": any(a.holds_role_profile for a in assignments),
            "responsibilities": self.responsibilities,
            "acknowledged_at": next((a.acknowledged_at for a in assignments), None),
            # The learners and cohorts of facilitators, supervisors and programme leads.
            **role_home_context(self.role, self.user),
            **self._caseload(),
            **self._supervisor_todo(),
            **self._portfolio(),
        }

    def _caseload(self):
        # How much waits on the facilitator's caseload.
        if self.role != Role.FACILITATOR:
            return {}
        return {"caseload_summary": caseload_summary(self.user)}

    def _supervisor_todo(self):
        # What waits for the workplace supervisor's signature, comments or feedback: reflections to
        # confirm, reviews to comment on or sign, feedback asked of them.
        if self.role != Role.SUPERVISOR:
            return {}
        # And the feedback their learners asked of them (one query more).
        todo = sorted([*supervisor_waiting(self.user), *asked_of_you(self.user)], key=lambda item: item["since"])
        return {"todo": todo}

    def _portfolio(self):
        # The learner's portfolio at a glance.
        if self.role != Role.LEARNER:
            return {}
        return learner_home_context(self.user)
