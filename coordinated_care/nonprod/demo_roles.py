"""Demo role profiles and a team of six care coordinators at the demo PCN's two practices, each
rated against the PCN's published care coordinator profile, so that the training needs heatmap and
the ranked needs show real patterns: the whole team falls short on medication management, only one
person shows the level expected in building professional relationships, and the demo learner's
signed-off criteria count as shown. Safe to run again."""

from django.db import transaction

from coordinated_care.accounts.models import User
from coordinated_care.accounts.services import confirm_address
from coordinated_care.roles import services
from coordinated_care.roles.models import RoleHolder, RoleProfile

from .demo import DEMO_PASSWORD

TEAM = [
    # (e-mail, full name, practice key, default level shown, {code: level shown}, default relevance)
    ("learner@demo.test", None, "practice", 2, {"COM.4": 1, "PCC.1": 0, "REL.3": 1, "REL.6": 1}, 3),
    ("learner2@demo.test", None, "other_practice", 1, {"COM.1": 2, "PCC.1": 0, "REL.5": 2}, 2),
    (
        "jo.coordinator@demo.test",
        "Jo Demo-Coordinator",
        "practice",
        2,
        {"PCC.1": 0, "REL.2": 1, "CL.2": 1, "REL.6": 1},
        2,
    ),
    ("ray.coordinator@demo.test", "Ray Demo-Coordinator", "practice", 1, {"COM.5": 3, "PCC.1": 0, "REL.6": 3}, 3),
    ("sky.coordinator@demo.test", "Sky Demo-Coordinator", "other_practice", 2, {"PCC.1": 0, "CL.K4": 3, "REL.6": 1}, 1),
    ("max.coordinator@demo.test", "Max Demo-Coordinator", "other_practice", 1, {"PCC.1": 0, "COM.2": 2, "REL.4": 2}, 2),
]
PROFILE_TITLE = "Care coordinator"


@transaction.atomic
def seed_roles(organisations, people):
    """The PCN's published care coordinator profile, and the team in it with their ratings."""
    pcn, manager = organisations["pcn"], people["employer@demo.test"]
    profile = RoleProfile.objects.filter(organisation=pcn, versions__title=PROFILE_TITLE).first()
    if profile is None:
        point = services.starting_point("care-coordinator")
        profile = services.copy_starting_point(point, organisation=pcn, created_by=manager)
        services.publish(services.draft_of(profile))
    picks = services.ordered_picks(services.current_version(profile))
    holders = []
    for email, full_name, practice_key, default, levels, relevance in TEAM:
        user = people.get(email) or User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, full_name=full_name, password=DEMO_PASSWORD)
            confirm_address(user)
        holder, created = RoleHolder.objects.get_or_create(
            user=user,
            profile=profile,
            defaults={"organisation": organisations[practice_key], "line_manager": manager},
        )
        if created:
            ratings = {pick.pk: (levels.get(pick.item.code, default), relevance) for pick in picks}
            services.save_self_evaluation(holder, ratings)
        holders.append(holder)
    return profile, holders
