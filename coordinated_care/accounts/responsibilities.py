"""The responsibilities the Portfolio Document gives the care coordinator and the practice-based
learning facilitator, in its own words, and each person's acknowledgement of them: once, with the
date kept (`Acknowledgement`). The learner's home asks for the coordinator's until they are
acknowledged and every portfolio form's confidentiality notice repeats them; the facilitator's
home asks for the facilitator's; the front sheet and the portfolio PDF show when each was
acknowledged."""

from django.db import IntegrityError, transaction

from .models import Acknowledgement, Role
from .services import has_role

Responsibilities = Acknowledgement.Responsibilities


# The PD's "Care coordinator responsibilities": (heading, paragraph). Word for word, but for the
# PD's "Personal Development (PD) documentation", which is this Portfolio Document.
CARE_COORDINATOR = (
    (
        "Restricted Access to Confidential Information",
        "As a care coordinator, you will have access to sensitive information that must be treated with the utmost "
        "discretion and care.",
    ),
    (
        "Prohibition on Identifying Patients or Service Users",
        "The Portfolio Document (PD) should never contain information that could lead to the identification of "
        "patients, service users, or carers. This prohibition includes names, addresses, specific medical "
        "conditions, or any other unique identifiers.",
    ),
    (
        "Restrictions on Disclosure and Use of Information",
        "Information about patients, service users, or carers must not be disclosed to any unauthorised person. "
        "This restriction applies to verbal discussions, written communications, and electronic data sharing alike.",
    ),
    (
        "Prohibition on Removing or Misusing Information",
        "Removing, photocopying, or using confidential information outside the workplace is strictly prohibited. "
        "This policy is designed to prevent unauthorised or accidental sharing of sensitive data.",
    ),
)

# The PD's "Practice based learning facilitator responsibilities": its paragraphs (the role, reasonable
# adjustments, delegation), then the "Key role of the Practice Based Facilitator": (heading, paragraphs).
FACILITATOR = (
    "This role is an essential enabler within the care coordinators place of work, sharing, guiding, and providing "
    "support to build confidence through reflective evidence-based practice. The practice-based facilitator will "
    "meet regularly with the care coordinator throughout the 6-month period to review their progress against the "
    "competencies and, where necessary support them to access opportunities to demonstrate their capabilities "
    "against each competency.",
    "The role should be aware of any disability or needs that require reasonable adjustments and allow for this to "
    "ensure the care coordinator achieves the maximum benefit from the learning experience. The role is to help the "
    "care coordinator to make progress by providing information, guidance and facilitating opportunities for "
    "learning and demonstration of practice.",
    "When the designated practice-based learning facilitator is not available, support must be delegated within the "
    "team with appropriate feedback processes in place. All members of the team will contribute to the care "
    "coordinator's experience and will provide support during their learning experience, identifying learning "
    "opportunities and by providing feedback on the care coordinator's performance.",
)

FACILITATOR_KEY_ROLE = (
    (
        "Identify learning opportunities",
        (
            "The role will identify relevant learning opportunities and creating learning and development plans with "
            "the care coordinator.",
        ),
    ),
    (
        "Assessing the care coordinator",
        (
            "When assessing the competencies, consider sources of evidence that encompass knowledge, skills, "
            "attitudes, and the views of those receiving care. Comments should acknowledge those exceptional care "
            "coordinators who are exceeding expectations for their stage in practice or who have particularly "
            "commendable attitudes, behaviours, knowledge, or skills.",
            "If the care coordinator is not meeting the required standards this should be highlighted as a "
            "development need as soon as possible to ensure that appropriate support is in place and an action plan "
            "should be formulated.",
        ),
    ),
    (
        "Assessment of overall performance",
        (
            "You are responsible for assessing the achievement of all the required learning outcomes and "
            "professional attitudes and behaviours for the care coordinator at the end of year one of the programme. "
            "This should be documented in the PD.",
        ),
    ),
)

# Who acknowledges each set: whoever holds the role it is written for.
ROLE = {Responsibilities.CARE_COORDINATOR: Role.LEARNER, Responsibilities.FACILITATOR: Role.FACILITATOR}
# The set's address (/responsibilities/<slug>/).
SLUGS = {"care-coordinator": Responsibilities.CARE_COORDINATOR, "facilitator": Responsibilities.FACILITATOR}
SLUG_OF = {value: slug for slug, value in SLUGS.items()}


def may_acknowledge(user, responsibilities):
    return user.is_authenticated and has_role(user, ROLE[responsibilities])


def acknowledged_at(user, responsibilities):
    """When `user` acknowledged this set, or None."""
    return (
        Acknowledgement.objects.filter(user=user, responsibilities=responsibilities)
        .values_list("acknowledged_at", flat=True)
        .first()
    )


def acknowledgements_of(users):
    """{(user id, responsibilities): when} for many people, in one query."""
    ids = [user.pk for user in users if user is not None]
    rows = Acknowledgement.objects.filter(user_id__in=ids).values_list("user_id", "responsibilities", "acknowledged_at")
    return {(user_id, which): when for user_id, which, when in rows}


def acknowledge(user, responsibilities):
    """Record that `user` acknowledged this set, once: a second acknowledgement keeps the first
    date. Returns when they acknowledged it."""
    if not may_acknowledge(user, responsibilities):
        raise PermissionError("Only someone in the role these responsibilities are written for acknowledges them.")
    try:
        with transaction.atomic():
            acknowledgement, _ = Acknowledgement.objects.get_or_create(user=user, responsibilities=responsibilities)
    except IntegrityError:  # acknowledged at the same moment in another tab
        acknowledgement = Acknowledgement.objects.get(user=user, responsibilities=responsibilities)
    return acknowledgement.acknowledged_at
