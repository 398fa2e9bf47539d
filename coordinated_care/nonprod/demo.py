"""The demo organisations and people. Every name here is invented; none belongs to a real
person or organisation."""

import datetime

from django.db import transaction
from django.utils import timezone

from coordinated_care.accounts.models import Organisation, Role, User
from coordinated_care.accounts.services import confirm_address, grant_role
from coordinated_care.programmes.models import Cohort, Enrolment
from coordinated_care.programmes.services import create_cohort, enrol, load_shipped_programme

DEMO_PASSWORD = "demo-password-2026"
# The demo staff's authenticator app (their roles need a second factor, ADR 13): type this secret
# into any authenticator app to sign in as them.
DEMO_TOTP_SECRET = "KRUGKIDROVUWG2ZAMJZG653OEBTG66BANJ2W24DTEBXXMZLSEB2GQZJA"

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
    ("facilitator@demo.test", "Sam Demo-Facilitator", Role.FACILITATOR, "practice"),
    ("lead@demo.test", "Jo Demo-Lead", Role.PROGRAMME_LEAD, "hub"),
    ("supervisor@demo.test", "Chris Demo-Supervisor", Role.SUPERVISOR, "practice"),
    ("employer@demo.test", "Pat Demo-Manager", Role.EMPLOYER, "pcn"),
    ("admin@demo.test", "Robin Demo-Admin", Role.ADMINISTRATOR, "icb"),
    ("learner2@demo.test", "Kim Demo-Learner", Role.LEARNER, "other_practice"),
    ("facilitator2@demo.test", "Lee Demo-Facilitator", Role.FACILITATOR, "other_practice"),
]

# People beyond the first of each role: a second learner, and their facilitator, so that the demo
# facilitator can be seen to be refused from a portfolio that is not theirs.
SECOND_PEOPLE = {"learner2@demo.test", "facilitator2@demo.test"}

# One login per role, in the order `make run` prints them.
DEMO_LOGINS = [(role.label, email) for email, _, role, _ in PEOPLE if email not in SECOND_PEOPLE]

DEMO_COHORT_NAME = "Demo Valley cohort"
DEMO_COHORT_WEEKS_AGO = 8
DEMO_LEAD = "lead@demo.test"
DEMO_ENROLMENTS = [
    # (learner, practice key, facilitator, supervisor)
    ("learner@demo.test", "practice", "facilitator@demo.test", "supervisor@demo.test"),
    ("learner2@demo.test", "other_practice", "facilitator2@demo.test", None),
]


@transaction.atomic
def seed_organisations():
    made = {}
    for key, name, kind, parent_key in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            name=name, kind=kind, defaults={"parent": made.get(parent_key)}
        )
        made[key] = organisation
    return made


def give_demo_second_factor(user):
    from allauth.mfa.totp.internal.auth import TOTP

    from coordinated_care.accounts import second_factor

    if second_factor.required_for(user) and not second_factor.is_set_up(user):
        TOTP.activate(user, DEMO_TOTP_SECRET)


@transaction.atomic
def seed_people(organisations):
    people = {}
    for email, full_name, role, organisation_key in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, full_name=full_name, password=DEMO_PASSWORD)
        grant_role(user, role, organisations[organisation_key])
        # Synthetic people have confirmed their addresses and, where their role needs one, set up
        # the demo's authenticator app, so that they sign in as a real person would.
        confirm_address(user)
        give_demo_second_factor(user)
        people[email] = user
    return people


@transaction.atomic
def seed_cohort(organisations, people, today=None):
    """The demo cohort of the shipped programme, started about eight weeks ago at the demo
    training hub and run by the demo lead, with both demo learners enrolled. Made once: running
    this again finds what is there (a moved workshop or a new start date stays as it is).
    Returns the enrolments, in the order of DEMO_ENROLMENTS."""
    today = today or timezone.localdate()
    lead = people[DEMO_LEAD]
    cohort = Cohort.objects.filter(name=DEMO_COHORT_NAME, training_provider=organisations["hub"]).first()
    if cohort is None:
        cohort = create_cohort(
            programme=load_shipped_programme(),
            name=DEMO_COHORT_NAME,
            start_date=today - datetime.timedelta(weeks=DEMO_COHORT_WEEKS_AGO),
            training_provider=organisations["hub"],
            leads=[lead],
        )
    else:
        cohort.leads.add(lead)
    enrolments = []
    for learner_email, practice_key, facilitator_email, supervisor_email in DEMO_ENROLMENTS:
        learner = people[learner_email]
        enrolment = Enrolment.objects.filter(cohort=cohort, learner=learner).first()
        if enrolment is None:
            enrolment = enrol(
                cohort=cohort,
                learner=learner,
                practice=organisations[practice_key],
                facilitator=people[facilitator_email],
                supervisor=people[supervisor_email] if supervisor_email else None,
            )
        enrolments.append(enrolment)
    return enrolments
