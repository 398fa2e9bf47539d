"""Who may have which reminders, what they chose, and the signed link that changes a person's
choices without signing in (ADR 19)."""

import hashlib

from django.core import signing
from django.db import transaction

from coordinated_care.accounts.models import Role
from coordinated_care.accounts.services import roles_of

from .models import DEFAULTS, FREQUENCIES, Frequency, Kind, ReminderChoice

# Which reminders a role may have: a person sees only the choices their roles give them.
FOR_ROLE = {
    Kind.FACILITATOR_DIGEST: Role.FACILITATOR,
    Kind.OVERDUE_ACTIONS: Role.LEARNER,
    Kind.WORKSHOP_SOON: Role.LEARNER,
    Kind.BEHIND_PACE: Role.PROGRAMME_LEAD,
}
HINTS = {
    Kind.FACILITATOR_DIGEST: "What waits for you, what changed since you signed it off, and who has been quiet.",
    Kind.OVERDUE_ACTIONS: "How many actions of your action plan are past the date you gave them.",
    Kind.WORKSHOP_SOON: "The date of a workshop of your programme in the coming week.",
    Kind.BEHIND_PACE: "The learners of the cohorts you lead who have fewer criteria signed off than expected by now.",
}
SALT = "coordinated_care.reminders.choices"
# A link in an old e-mail still stops the reminders for half a year.
LINK_MAX_AGE = 60 * 60 * 24 * 183


def kinds_for(user):
    """The reminders this person's roles give them, in the order of `Kind`."""
    roles = roles_of(user)
    return [kind for kind in Kind if FOR_ROLE[kind] in roles]


def choices_of(user):
    """{kind: frequency} for every reminder, the default where the person chose nothing."""
    chosen = dict(ReminderChoice.objects.filter(user=user).values_list("kind", "frequency"))
    return {kind: Frequency(chosen.get(kind, DEFAULTS[kind])) for kind in Kind}


@transaction.atomic
def choose(user, frequencies):
    """Keep the person's choice for each kind in `frequencies` ({kind: frequency})."""
    for kind, frequency in frequencies.items():
        kind, frequency = Kind(kind), Frequency(frequency)
        if frequency not in FREQUENCIES[kind]:
            raise ValueError(f"{frequency} is not a choice for {kind}")
        ReminderChoice.objects.update_or_create(user=user, kind=kind, defaults={"frequency": frequency})


def stop_all(user):
    choose(user, {kind: Frequency.NEVER for kind in Kind})


def link_token(user):
    """The token of a link that changes this person's choices, and only theirs, without signing in.
    It names the person and their address: a new address makes older links stop working."""
    return signing.dumps({"u": user.pk, "e": _address(user)}, salt=SALT)


def _address(user):
    # A hash, so that the address cannot be read from the link (the signed value is only encoded).
    return hashlib.sha256(user.email.casefold().encode()).hexdigest()[:20]


def person_of(token, users):
    """The active person a token names, or None if it is not ours, too old or for an old address."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        return None
    user = users.filter(pk=payload["u"], is_active=True).first()
    if user is None or _address(user) != payload.get("e"):
        return None
    return user
