"""The personal data role profiles hold of a person (ADR 15): the roles they hold, their
self-evaluations and ratings."""

from coordinated_care.accounts.providers import PersonalData, Section, register

from .models import RoleHolder, SelfEvaluation


def export(user):
    held = RoleHolder.objects.filter(user=user).select_related("profile", "organisation")
    evaluations = (
        SelfEvaluation.objects.filter(holder__user=user)
        .select_related("version")
        .prefetch_related("ratings__pick__item")
    )
    return [
        Section(
            "Role profiles you hold",
            [
                {"role profile": h.profile.slug, "organisation": h.organisation.name, "since": h.started_on}
                for h in held.order_by("id")
            ],
        ),
        Section(
            "Your self-evaluations",
            [
                {
                    "role profile": e.version.title,
                    "updated": e.updated_at,
                    "objectives": e.objectives,
                    "agreed": e.agreed_at,
                    "ratings": [
                        {
                            "competency": r.pick.item.code,
                            "shown": r.get_shown_display(),
                            "relevance": r.get_relevance_display(),
                        }
                        for r in e.ratings.all()
                    ],
                }
                for e in evaluations.order_by("id")
            ],
        ),
    ]


def erase(user, pseudonym):
    """A self-evaluation is the person's own view of themselves, signed by nobody: it goes with the
    roles held. Profiles they wrote or evaluations they agreed as a line manager stay, without them."""
    evaluations = SelfEvaluation.objects.filter(holder__user=user).count()
    held = RoleHolder.objects.filter(user=user)
    count = held.count()
    held.delete()  # their evaluations and ratings with them (CASCADE)
    RoleHolder.objects.filter(line_manager=user).update(line_manager=None)
    SelfEvaluation.objects.filter(agreed_by=user).update(agreed_by=None)
    user.role_profiles_created.update(created_by=None)
    return {"role profiles held": count, "self-evaluations": evaluations}


def register_all():
    register(PersonalData(key="roles", export=export, erase=erase))
