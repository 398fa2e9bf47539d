"""Everything the portfolio PDF shows, gathered in the Portfolio Document's order, in a fixed number
of queries however many entries, links, sign-offs, reviews and responses the portfolio holds.

Nothing here decides anything: where a criterion stands, what a signature says and whether it
still stands, what counts as done, how an entry's content reads are the portfolio, assessment,
feedback and programme apps' own answers (their presenters and services), asked once for the whole
portfolio. The result is plain data (text, lists, dicts) so that its fingerprint, the SHA-256 of
its canonical JSON, says whether the portfolio has changed since a PDF was made of it."""

from django.db.models import prefetch_related_objects

from coordinated_care.accounts import responsibilities
from coordinated_care.assessments.models import AgreedAction, Invitation, Review, Signature
from coordinated_care.assessments.presenters.reviews import review_view
from coordinated_care.assessments.presenters.signatures import signature_line, status_tag
from coordinated_care.assessments.services.feedback_summaries import summary_hash
from coordinated_care.assessments.services.record_signatures import (
    record_comments,
    reflection_state,
    shortfall_reflections,
)
from coordinated_care.assessments.services.status import criterion_states
from coordinated_care.core import dates
from coordinated_care.core.canonical import canonical_hash
from coordinated_care.feedback.models import FeedbackRequest, FeedbackResponse, ResponseEvidenceLink
from coordinated_care.feedback.presenters import summary as feedback_summary
from coordinated_care.feedback.questions import DID_WELL, DO_DIFFERENTLY, QUESTIONS
from coordinated_care.portfolios.kinds import KINDS, VALUES_WORKSHEET_TITLE
from coordinated_care.portfolios.models import Entry, EvidenceLink
from coordinated_care.portfolios.presenters import accredited_training, content_sections
from coordinated_care.portfolios.presenters.formatting import paragraphs
from coordinated_care.portfolios.presenters.pages import ATTENDANCE
from coordinated_care.portfolios.progress import counted_progress_counts
from coordinated_care.programmes.models import PersonCentredValue
from coordinated_care.programmes.services.schedule import schedule_for

from ..feedback_summary.presenters import signature_boxes
from ..feedback_summary.summaries import plain_summary
from . import wording

NOT_GIVEN = "Not given"
Audience = FeedbackRequest.Audience


def _kind_label(kind):
    return KINDS[kind].label if kind in KINDS else "Values worksheet"


def _date(value):
    return dates.date(value) if value else ""


def signature_data(line):
    """A signature as the PDF prints it: who, in what capacity, when (UTC) and what it means."""
    return {
        "name": line.printed_name,
        "on_behalf_of": line.on_behalf_of,
        "role": line.role,
        "capacity": line.capacity,
        "signed_at_utc": line.signed_at_utc,
        "meaning": line.meaning_label,
        "statement": line.statement,
        "by_invitation": line.by_invitation,
        "withdrawn": line.withdrawn,
        "withdrawn_at_utc": line.withdrawn_at_utc,
        "withdrawal_reason": line.withdrawal_reason,
        "problems": list(line.problems),
    }


def _sections(entry, value_names=None):
    return [
        {
            "heading": section["heading"],
            "rows": [(row["key"]["text"], str(row["value"]["html"])) for row in section["rows"]],
        }
        for section in content_sections(entry.kind, entry.content, value_names)
    ]


def _entry(entry, value_names=None):
    return {
        "anchor": f"entry-{entry.uuid}",
        "title": entry.title or _kind_label(entry.kind),
        "version": entry.version,
        "saved": _date(entry.updated_at),
        "sections": _sections(entry, value_names),
    }


def _people(enrolment, leads):
    cohort = enrolment.cohort
    return [
        ("Name", enrolment.learner.display_name),
        ("Practice", enrolment.practice.name),
        ("Workplace supervisor/mentor", enrolment.supervisor.display_name if enrolment.supervisor_id else NOT_GIVEN),
        ("Learning Facilitator (LF)", ", ".join(lead.display_name for lead in leads) or NOT_GIVEN),
        ("Practice-based facilitator", enrolment.facilitator.display_name),
        ("Programme", cohort.programme.title),
        ("Cohort", cohort.name),
        ("Dates", f"{dates.date(cohort.start_date)} to {dates.date(cohort.end_date)}"),
        ("Status", enrolment.get_status_display()),
    ]


def _acknowledged(enrolment):
    """Who acknowledged each set of responsibilities, and when (one query)."""
    acknowledged = responsibilities.acknowledgements_of([enrolment.learner, enrolment.facilitator])

    def line(user, which):
        when = acknowledged.get((user.pk, which))
        return f"Acknowledged by {user.display_name} on {dates.date(when)}." if when else "Not acknowledged yet."

    return {
        "care_coordinator": line(enrolment.learner, responsibilities.Responsibilities.CARE_COORDINATOR),
        "facilitator": line(enrolment.facilitator, responsibilities.Responsibilities.FACILITATOR),
    }


def _schedule(enrolment, notes_by_workshop):
    """Each workshop of the learner's own schedule (the cohort's, with what was moved, added or
    marked not applicable for them and why) with the programme lead's register mark and, beside
    it, the learner's own note."""
    schedule = []
    for item in schedule_for(enrolment):
        workshop, mark = item.workshop, item.mark_label
        note = notes_by_workshop.get(workshop.pk) if workshop else None
        content = note.content if note else {}
        change = item.change
        schedule.append(
            {
                "label": item.label,
                "number": item.number,
                "theme": item.theme,
                "date": dates.date(item.date),
                "status": item.status,
                "cohort_date": dates.date(item.cohort_date) if change and item.cohort_date else "",
                "reason": change.reason if change else "",
                "mark": mark,
                "attended": ATTENDANCE.get(content.get("attended"), "Not recorded"),
                "notes": str(paragraphs(content.get("notes"))),
            }
        )
    return schedule


def _decision(state, actions):
    assessment = state.assessment if state else None
    if assessment is None:
        return None
    signature = getattr(assessment, "signature", None)
    return {
        "outcome": assessment.get_outcome_display(),
        "outcome_value": assessment.outcome,
        "comments": assessment.comments,
        "achieved_on": _date(assessment.achieved_on),
        "reflection": assessment.reflection,
        "agreed_with_supervisor": assessment.agreed_with_supervisor,
        "exceeds_expectations": assessment.exceeds_expectations,
        "exceeding_comment": assessment.exceeding_comment,
        "reconfirmed": assessment.reconfirms_id is not None,
        "actions": actions.get(assessment.pk, []),
        "signature": signature_data(signature_line(signature, problems=state.problems)) if signature else None,
    }


def _criteria(counts, states, links, response_links, actions):
    groups, order = {}, []
    for criterion in counts.criteria:
        if criterion.group_id not in groups:
            group = criterion.group
            groups[criterion.group_id] = {
                "code": group.code,
                "title": group.title,
                "description": group.description,
                "evidence_guidance": group.evidence_guidance,
                "criteria": [],
            }
            order.append(criterion.group_id)
        state = states.get(criterion.pk)
        status = state.status if state else ""
        groups[criterion.group_id]["criteria"].append(
            {
                "code": criterion.code,
                "title": criterion.title,
                "wording": criterion.wording,
                "status": status_tag(status)["text"],
                "status_value": status,
                "evidence": links.get(criterion.pk, []) + response_links.get(criterion.pk, []),
                "decision": _decision(state, actions),
                "problems": list(state.problems) if state else [],
            }
        )
    return [groups[group_id] for group_id in order]


def _review(review, signatures, invitations):
    view = review_view(review, None, signatures, invitations)
    return {
        "title": view.title,
        "held_on": _date(review.held_on),
        "answers": [(label, text) for label, text, _group in view.answers],
        "checklist": view.checklist,
        "complete": view.complete,
        "boxes": [
            {
                "label": box.label,
                "expected": box.expected,
                "signature": signature_data(box.line) if box.line else None,
            }
            for box in view.boxes
        ],
        "withdrawn": [signature_data(line) for line in view.withdrawn],
    }


def _reviews(enrolment):
    reviews = list(Review.objects.filter(enrolment=enrolment).order_by("held_on", "created_at", "pk"))
    signatures = list(
        Signature.objects.filter(review__in=reviews).select_related("withdrawal").order_by("signed_at", "pk")
    )
    invitations = list(Invitation.objects.filter(review__in=reviews).order_by("-created_at"))
    shown = {Review.Kind.INITIAL: None, Review.Kind.PROGRESS: [], Review.Kind.FINAL: None}
    for review in reviews:
        review.enrolment = enrolment
        data = _review(
            review,
            [s for s in signatures if s.review_id == review.pk],
            [i for i in invitations if i.review_id == review.pk],
        )
        if review.kind == Review.Kind.PROGRESS:
            shown[Review.Kind.PROGRESS].append(data)
        else:
            shown[review.kind] = data
    return shown


def _feedback(enrolment):
    responses = list(FeedbackResponse.objects.filter(enrolment=enrolment).order_by("received_on", "pk"))
    row = feedback_summary(enrolment)
    patient = [r for r in responses if r.audience == Audience.PATIENT]
    return {
        "by_audience": {
            audience: [
                # The PD's "Date/time": the time is kept for staff and key people who answered online.
                {
                    "date": dates.datetime(r.received_at) if r.received_at else dates.date(r.received_on),
                    "their_role": r.their_role,
                    "input": r.input,
                }
                for r in responses
                if r.audience == audience
            ]
            for audience in (Audience.KEY_PERSON, Audience.STAFF)
        },
        "summary": {
            "total": row.total,
            "patients": row.patients,
            "carers": row.carers,
            "scale": [count.label for count in row.questions[0].counts] if row.questions else [],
            "questions": [
                {"question": q.question.short, "counts": [c.count for c in q.counts], "answered": q.answered}
                for q in row.questions
            ],
        },
        "comments": [
            {"date": dates.date(r.received_on), "did_well": r.did_well, "do_differently": r.do_differently}
            for r in patient
            if r.did_well or r.do_differently
        ],
        "signatures": _summary_signatures(enrolment, row, patient),
    }


def _summary_signatures(enrolment, row, patient):
    """The facilitator's and the care coordinator's signatures on the patient feedback summary
    (issue 12, item 9), flagged where feedback came in since: one query."""
    days = [r.received_on for r in patient]
    summary = plain_summary(row, min(days, default=None), max(days, default=None))
    _, boxes = signature_boxes(enrolment, summary_hash(summary), summary["responses"])
    return [
        {"heading": box["heading"], "signature": signature_data(box["line"]) if box["line"] else None} for box in boxes
    ]


def portfolio_document(enrolment):
    """The portfolio of `enrolment` (loaded as `programmes.services.readable_enrolment` loads it)
    as the PDF shows it. Its queries are fixed: none grows with the portfolio's content."""
    programme = enrolment.cohort.programme
    # The final review's descriptors are one per criterion group: read once, not once a review.
    prefetch_related_objects([programme], "criterion_groups")
    leads = list(enrolment.cohort.leads.order_by("full_name", "pk"))
    # Counted from the portfolio itself, not the stored facts: a document of record (ADR 22).
    counts = counted_progress_counts([enrolment])[enrolment.pk]
    states = criterion_states(enrolment)
    actions = {}
    for action in AgreedAction.objects.filter(assessment__enrolment=enrolment).order_by("assessment", "position"):
        actions.setdefault(action.assessment_id, []).append(action.title)

    entries = list(Entry.objects.filter(enrolment=enrolment).select_related("workshop").order_by("created_at", "pk"))
    by_kind = {}
    for entry in entries:
        by_kind.setdefault(entry.kind, []).append(entry)
    links = {}
    for link in (
        EvidenceLink.objects.filter(entry__enrolment=enrolment)
        .select_related("entry")
        .defer("entry__content")
        .order_by("entry__created_at", "pk")
    ):
        links.setdefault(link.criterion_id, []).append(
            {
                "title": link.entry.title or _kind_label(link.entry.kind),
                "kind": _kind_label(link.entry.kind),
                "anchor": f"entry-{link.entry.uuid}",
                "how_it_shows": link.how_it_shows,
            }
        )
    response_links = {}
    for link in (
        ResponseEvidenceLink.objects.filter(response__enrolment=enrolment)
        .select_related("response")
        .order_by("response__received_on", "pk")
    ):
        response_links.setdefault(link.criterion_id, []).append(
            {
                "title": f"{link.response.get_audience_display()} feedback, {dates.date(link.response.received_on)}",
                "kind": "Feedback",
                "anchor": "feedback",
                "how_it_shows": link.how_it_shows,
            }
        )
    value_names = list(
        PersonCentredValue.objects.filter(programme=programme).order_by("position").values_list("name", flat=True)
    )
    notes = {e.workshop_id: e for e in by_kind.get(Entry.Kind.WORKSHOP_NOTE, []) if e.workshop_id}
    groups = _criteria(counts, states, links, response_links, actions)
    criteria = [c for g in groups for c in g["criteria"]]
    reviews = _reviews(enrolment)
    training = accredited_training(enrolment)
    worksheet = (by_kind.get(Entry.Kind.VALUES_WORKSHEET) or [None])[-1]
    records = by_kind.get(Entry.Kind.INTERPROFESSIONAL_RECORD, [])
    comments = record_comments(records, enrolment)

    return {
        "title": wording.TITLE,
        "programme": programme.title,
        "learner": enrolment.learner.display_name,
        "enrolment": str(enrolment.uuid),
        "front": _people(enrolment, leads),
        "acknowledged": _acknowledged(enrolment),
        "documents": [
            {"name": d.document.get_kind_display(), "count": d.count, "minimum": d.document.minimum, "done": d.done}
            for d in counts.documents
        ],
        "signed_off": counts.criteria_signed_off,
        "criteria_total": counts.criteria_total,
        "schedule": _schedule(enrolment, notes),
        "groups": groups,
        "development_needs": [
            c for c in criteria if c["decision"] and c["decision"]["outcome_value"] == "development_need"
        ],
        "critical_reflections": [c for c in criteria if c["decision"] and c["decision"]["reflection"]],
        # For the final review: the PD asks comments to acknowledge those exceeding expectations.
        "exceeding": [
            c
            for c in criteria
            if c["status_value"] == "achieved" and c["decision"] and c["decision"]["exceeds_expectations"]
        ],
        "shortfall_reflections": _shortfall_reflections(enrolment),
        "reflections": [_entry(e) for e in by_kind.get(Entry.Kind.REFLECTION, [])],
        "changed": [c for c in criteria if c["status_value"] == "changed"],
        "values_worksheet": {
            "title": VALUES_WORKSHEET_TITLE,
            "entry": _entry(worksheet, value_names) if worksheet else None,
            "values": value_names,
        },
        "case_studies": [_entry(e) for e in by_kind.get(Entry.Kind.CASE_STUDY, [])],
        "actions": [
            {
                "anchor": f"entry-{e.uuid}",
                "area_of_focus": e.content.get("area_of_focus", ""),
                "actions": e.content.get("actions", ""),
                "help": e.content.get("help", ""),
                "success_measure": e.content.get("success_measure", ""),
                "due_on": _date(e.due_on),
                "status": e.get_status_display() if e.status else "",
            }
            for e in sorted(by_kind.get(Entry.Kind.ACTION, []), key=lambda e: (e.due_on is None, e.due_on, e.pk))
        ],
        "initial": reviews[Review.Kind.INITIAL],
        "progress_reviews": reviews[Review.Kind.PROGRESS],
        "final": reviews[Review.Kind.FINAL],
        "interprofessional": [
            {
                "anchor": f"entry-{e.uuid}",
                "date": _date(e.occurred_on),
                "who_and_why": e.content.get("who_and_why", ""),
                "reflections": e.content.get("reflections", ""),
                # The PD's "Practice based facilitator comments" and signature under each record.
                "comments": [
                    {
                        "comments": c.comment.comments,
                        "version": c.comment.version_number,
                        "signature": signature_data(signature_line(c.signature, problems=c.problems)),
                    }
                    for c in comments.get(str(e.uuid), [])
                ],
            }
            for e in sorted(
                records,
                key=lambda e: (e.occurred_on is None, e.occurred_on, e.pk),
            )
        ],
        "key_people": _feedback_entries(by_kind.get(Entry.Kind.KEY_PERSON_FEEDBACK, [])),
        "staff": _feedback_entries(by_kind.get(Entry.Kind.STAFF_FEEDBACK, [])),
        "feedback": _feedback(enrolment),
        "patient_questions": [q.short for q in QUESTIONS],
        "did_well": DID_WELL,
        "do_differently": DO_DIFFERENTLY,
        "accredited_training": {
            "prerequisite": programme.prerequisite,
            "completed_on": _date(training.completed_on) if training else "",
            "provider": training.provider if training else "",
            "certificate": training.certificate.original_name if training and training.certificate else "",
        },
        "training_records": [_entry(e) for e in by_kind.get(Entry.Kind.TRAINING_RECORD, [])],
    }


def _shortfall_reflections(enrolment):
    """The learner's critical reflections on a shortfall, with the facilitator's agreement and the
    supervisor's confirmation (two queries)."""
    found = []
    for reflection in shortfall_reflections(enrolment):
        state = reflection_state(reflection)
        found.append(
            {
                "code": reflection.criterion.code,
                "title": reflection.criterion.title,
                "reflection": reflection.reflection,
                "status": state.status,
                "signatures": [
                    signature_data(signature_line(s, problems=state.problems.get(s.pk, ())))
                    for s in reflection.signatures.all()
                ],
            }
        )
    return found


def _feedback_entries(entries):
    return [
        {
            "anchor": f"entry-{e.uuid}",
            "date": _date(e.occurred_on),
            "their_role": e.content.get("their_role", ""),
            "input": e.content.get("input", ""),
        }
        for e in sorted(entries, key=lambda e: (e.occurred_on is None, e.occurred_on, e.pk))
    ]


def fingerprint(document):
    """The SHA-256 of what the document covers: equal exactly when the portfolio reads the same."""
    return canonical_hash(document)
