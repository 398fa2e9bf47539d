"""The demo organisations and people. Every name here is invented; none belongs to a real
person or organisation."""

from django.db import transaction

from coordinated_care.accounts.models import Organisation, Role, User
from coordinated_care.accounts.services import grant_role

DEMO_PASSWORD = "demo-password-2026"

ORGANISATIONS = [
    # (key, name, kind, parent key)
    ("icb", "Demo Valley Integrated Care Board", Organisation.Kind.ICB, None),
    ("pcn", "Demo Riverside Primary Care Network", Organisation.Kind.PCN, "icb"),
    ("practice", "Demo Riverside Surgery", Organisation.Kind.PRACTICE, "pcn"),
    ("other_practice", "Demo Hillside Medical Centre", Organisation.Kind.PRACTICE, "pcn"),
    ("hub", "Demo Valley Training Hub", Organisation.Kind.TRAINING_PROVIDER, "icb"),
]

PEOPLE = [
    # (email, full name, role, organisation key)
    ("learner@demo.test", "Alex Demo-Learner", Role.LEARNER, "practice"),
    ("facilitator@demo.test", "Sam Demo-Facilitator", Role.ASSESSOR, "practice"),
    ("lead@demo.test", "Jo Demo-Lead", Role.PROGRAMME_LEAD, "hub"),
    ("supervisor@demo.test", "Chris Demo-Supervisor", Role.SUPERVISOR, "practice"),
    ("employer@demo.test", "Pat Demo-Manager", Role.EMPLOYER, "pcn"),
    ("admin@demo.test", "Robin Demo-Admin", Role.ADMINISTRATOR, "icb"),
    ("learner2@demo.test", "Kim Demo-Learner", Role.LEARNER, "other_practice"),
]

# One login per role, in the order `make run` prints them.
DEMO_LOGINS = [(role.label, email) for email, _, role, _ in PEOPLE if email != "learner2@demo.test"]


@transaction.atomic
def seed_organisations():
    made = {}
    for key, name, kind, parent_key in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            name=name, kind=kind, defaults={"parent": made.get(parent_key)}
        )
        made[key] = organisation
    return made


@transaction.atomic
def seed_people(organisations):
    people = {}
    for email, full_name, role, organisation_key in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, full_name=full_name, password=DEMO_PASSWORD)
        grant_role(user, role, organisations[organisation_key])
        people[email] = user
    return people
