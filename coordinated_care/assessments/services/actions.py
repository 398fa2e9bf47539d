"""Actions agreed for a development need, written into the learner's action plan by their
facilitator. Portfolio services let only the learner write; this is the one other path, and it
records who wrote the action and why: the entry's version is created by the facilitator, and an
`AgreedAction` ties it to the signed decision it came from."""

import datetime

from django.core.exceptions import ValidationError

from coordinated_care.core.canonical import canonical_hash
from coordinated_care.portfolios.kinds import ACTION
from coordinated_care.portfolios.models import Entry, EntryVersion

ACTION_FIELDS = [f.name for f in ACTION.fields]


def clean_action(content):
    cleaned = {}
    for name in ACTION_FIELDS:
        value = content.get(name)
        if isinstance(value, datetime.date):
            value = value.isoformat()
        cleaned[name] = (value or "").strip() if isinstance(value, str) else value
    missing = [f.label for f in ACTION.fields if f.required and not cleaned.get(f.name)]
    if missing:
        raise ValidationError(f"Each agreed action needs: {', '.join(missing).lower()}.", code="action")
    return cleaned


def create_agreed_action(*, enrolment, content, facilitator):
    """Add one action to the plan, as the portfolio would, created by the facilitator. Call it
    inside the transaction that records the decision."""
    content = clean_action(content)
    due_on = datetime.date.fromisoformat(content["due_on"]) if content.get("due_on") else None
    entry = Entry.objects.create(
        enrolment=enrolment,
        kind=Entry.Kind.ACTION,
        title=str(content.get(ACTION.title_from, ""))[:300],
        content=content,
        due_on=due_on,
        status=Entry.Status.OPEN,
        created_by=facilitator,
    )
    EntryVersion.objects.create(
        entry=entry,
        number=entry.version,
        title=entry.title,
        content=entry.content,
        content_hash=canonical_hash(entry.content),
        created_by=facilitator,
    )
    return entry
