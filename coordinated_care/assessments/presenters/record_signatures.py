"""What the pages of record signatures show: the facilitator's comments under an interprofessional
record (on its entry page, through the portfolio's "entry" panel), the critical reflection on a
shortfall with its signatures, and what waits for a workplace supervisor."""

from django.urls import reverse

from coordinated_care.portfolios.presenters import content_sections

from ..models import Capacity
from ..services import record_signatures as services
from .signatures import signature_line

REFLECTION_STATUS = {
    "written": {"text": "Waiting for the facilitator to agree", "colour": "yellow"},
    "agreed": {"text": "Waiting for the supervisor to confirm", "colour": "yellow"},
    "confirmed": {"text": "Agreed and confirmed", "colour": "green"},
}


def comment_lines(signed_comments, user=None):
    return [
        {
            "comments": c.comment.comments,
            "version": c.comment.version_number,
            "standing": c.standing,
            "line": signature_line(c.signature, user=user, problems=c.problems),
        }
        for c in signed_comments
    ]


def entry_panel(user, enrolment, context):
    """For the portfolio's entry page: the facilitator's comments and signatures under an
    interprofessional record, and whether this person may add them. Nothing (and no query) for
    other kinds of entry."""
    entry = context.get("entry")
    if entry is None or entry.kind not in services.RECORD_KINDS:
        return {}
    signed = services.record_comments([entry]).get(str(entry.uuid), [])
    can_comment = services.can_comment_on_record(user, entry)
    return {
        "record_comments": {
            "comments": comment_lines(signed, user),
            "waiting": services.waits_for_comments(signed),
            "comment_href": reverse("assessments:record_comment", args=[enrolment.uuid, entry.uuid])
            if can_comment
            else "",
        }
    }


def record_comment_page(enrolment, entry):
    signed = services.record_comments([entry]).get(str(entry.uuid), [])
    return {
        "page_title": f"Comment on and sign: {entry.title}",
        "enrolment": enrolment,
        "learner": enrolment.learner,
        "entry": entry,
        "sections": content_sections(entry.kind, entry.content),
        "earlier": comment_lines(signed),
        "back_href": reverse("portfolios:entry", args=[enrolment.uuid, entry.uuid]),
    }


def reflection_page(enrolment, criterion, reflection, user):
    state = services.reflection_state(reflection)
    lines = [signature_line(s, user=user, problems=state.problems.get(s.pk, ())) for s in reflection.signatures.all()]
    can_write = services.can_write_reflection(user, enrolment) and state.agreement is None
    may_agree = services.can_agree_reflection(user, reflection) and not state.agreed
    may_confirm = services.can_confirm_reflection(user, reflection) and state.agreed and not state.confirmed
    return {
        "page_title": f"Critical reflection on the shortfall: {criterion.code} {criterion.title}",
        "enrolment": enrolment,
        "learner": enrolment.learner,
        "criterion": criterion,
        "reflection": reflection,
        "state": state,
        "status_tag": REFLECTION_STATUS[state.status],
        "signatures": lines,
        "write_href": reverse("assessments:reflection_write", args=[enrolment.uuid, criterion.code])
        if can_write
        else "",
        "sign_href": reverse("assessments:reflection_sign", args=[enrolment.uuid, criterion.code])
        if may_agree or may_confirm
        else "",
        "sign_label": "Agree the reflection" if may_agree else "Confirm the reflection",
        "signing_as": Capacity.FACILITATOR.label if may_agree else Capacity.SUPERVISOR.label,
        "criterion_href": reverse("portfolios:criterion", args=[enrolment.uuid, criterion.code]),
    }


def supervisor_todo(user):
    """What waits for this workplace supervisor's signature: each critical reflection the
    facilitator agreed and they have not confirmed, oldest first."""
    return [
        {
            "learner": r.enrolment.learner.display_name,
            "what": f"Confirm the critical reflection on the shortfall in {r.criterion.code} {r.criterion.title}",
            "href": reverse("assessments:reflection", args=[r.enrolment.uuid, r.criterion.code]),
            "since": r.updated_at,
        }
        for r in services.waiting_for_supervisor(user)
    ]


def reflection_panel(user, enrolment, criterion):
    """On a criterion's page: the critical reflection on the shortfall, where it stands, and for the
    learner a way to write one (two queries: the reflection and its signatures)."""
    found = services.reflection_for(enrolment, criterion)
    can_write = services.can_write_reflection(user, enrolment)
    if found is None and not can_write:
        return None
    href_name = "assessments:reflection" if found else "assessments:reflection_write"
    return {
        "exists": found is not None,
        "tag": REFLECTION_STATUS[services.reflection_state(found).status] if found else None,
        "href": reverse(href_name, args=[enrolment.uuid, criterion.code]),
    }
