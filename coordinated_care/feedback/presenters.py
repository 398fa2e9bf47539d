"""What the feedback pages show, each in a fixed number of queries however many responses there are."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from coordinated_care.core import dates

from . import services
from .models import FeedbackRequest, FeedbackResponse, ResponseEvidenceLink
from .qr import qr_data_uri
from .questions import QUESTIONS, SCALE, SCALE_LABELS

Audience = FeedbackRequest.Audience


@dataclass(frozen=True)
class ScaleCount:
    score: int
    label: str
    count: int
    percent: int  # of the answers to this question, for the width of the bar


@dataclass(frozen=True)
class QuestionSummary:
    question: object
    counts: list
    answered: int


@dataclass(frozen=True)
class Summary:
    total: int
    patients: int
    carers: int
    questions: list


def summary(enrolment):
    """Counts on the five-point scale for each question of the patient form: one query."""
    aggregates = {
        "total": Count("id"),
        "patients": Count("id", filter=Q(respondent=FeedbackResponse.Respondent.PATIENT)),
        "carers": Count("id", filter=Q(respondent=FeedbackResponse.Respondent.CARER)),
    }
    for question in QUESTIONS:
        for score, _ in SCALE:
            aggregates[f"{question.field}_{score}"] = Count("id", filter=Q(**{question.field: score}))
    row = FeedbackResponse.objects.filter(enrolment=enrolment, audience=Audience.PATIENT).aggregate(**aggregates)
    questions = []
    for question in QUESTIONS:
        answered = sum(row[f"{question.field}_{score}"] for score, _ in SCALE)
        counts = [
            ScaleCount(
                score=score,
                label=label,
                count=row[f"{question.field}_{score}"],
                percent=round(100 * row[f"{question.field}_{score}"] / answered) if answered else 0,
            )
            for score, label in SCALE
        ]
        questions.append(QuestionSummary(question, counts, answered))
    return Summary(row["total"], row["patients"], row["carers"], questions)


def _responses(enrolment):
    return (
        FeedbackResponse.objects.filter(enrolment=enrolment)
        .select_related("countersignature")
        .prefetch_related(Prefetch("evidence_links", queryset=ResponseEvidenceLink.objects.select_related("criterion")))
    )


def response_rows(responses):
    rows = []
    for response in responses:
        countersigned = getattr(response, "countersignature", None) is not None if response.is_transcribed else None
        rows.append(
            {
                "response": response,
                "received_on": dates.date(response.received_on),
                "scores": [(q, SCALE_LABELS.get(getattr(response, q.field), "")) for q in QUESTIONS],
                "countersigned": countersigned,
                "criteria": [link.criterion for link in response.evidence_links.all()],
            }
        )
    return rows


def overview_page(enrolment, user):
    responses = list(_responses(enrolment))
    patient = [r for r in responses if r.audience == Audience.PATIENT]
    colleagues = [r for r in responses if r.audience != Audience.PATIENT]
    return {
        "page_title": "Feedback",
        "enrolment": enrolment,
        "summary": summary(enrolment),
        "patient_rows": response_rows(patient),
        "colleague_rows": response_rows(colleagues),
        "awaiting_countersignature": [
            r for r in responses if r.is_transcribed and getattr(r, "countersignature", None) is None
        ],
        "can_request": services.can_request_feedback(user, enrolment),
        "can_transcribe": services.can_transcribe(user, enrolment),
        "is_facilitator": services.facilitates_now(user, enrolment),
    }


def requests_page(enrolment, user):
    today = timezone.localdate()
    requests = list(FeedbackRequest.objects.filter(enrolment=enrolment).select_related("created_by"))
    rows = [
        {
            "request": r,
            "status": r.status_on(today),
            "created_on": dates.date(r.created_on),
            "expires_on": dates.date(r.expires_on),
        }
        for r in requests
    ]
    return {
        "page_title": "Feedback requests",
        "enrolment": enrolment,
        "rows": rows,
        "open_rows": [row for row in rows if row["status"] in ("open", "expired")],
        "closed_rows": [row for row in rows if row["status"] not in ("open", "expired")],
        "can_request": services.can_request_feedback(user, enrolment),
    }


def response_page(response, user, evidence_form=None):
    enrolment = response.enrolment
    links = list(response.evidence_links.select_related("criterion"))
    countersignature = getattr(response, "countersignature", None) if response.is_transcribed else None
    return {
        "page_title": f"{response.get_audience_display()} feedback",
        "enrolment": enrolment,
        "response": response,
        "received_on": dates.date(response.received_on),
        "scores": [(q, SCALE_LABELS.get(getattr(response, q.field), "")) for q in QUESTIONS],
        "links": links,
        "countersignature": countersignature,
        "signed_at": dates.datetime(countersignature.signed_at) if countersignature else "",
        "evidence_form": evidence_form,
        "can_link": services.can_link_evidence(user, enrolment),
        "can_countersign": countersignature is None and services.can_countersign(user, response),
        "can_delete": countersignature is None and response.is_transcribed and services.can_transcribe(user, enrolment),
    }


def card_page(request, enrolment, issued, layout):
    """The page shown once, right after links are made: the only time their tokens exist."""
    cards = []
    for link in issued:
        url = request.build_absolute_uri(reverse("feedback:respond", args=[link.token]))
        cards.append(
            {
                "url": url,
                "qr": qr_data_uri(url),
                "request": link.request,
                "expires_on": dates.date(link.request.expires_on),
            }
        )
    first = issued[0].request
    return {
        "page_title": "Your feedback link" if len(cards) == 1 else "Your feedback cards",
        "enrolment": enrolment,
        "cards": cards,
        "layout": layout,
        "audience": first.audience,
        "is_patient": first.audience == Audience.PATIENT,
        "learner_name": first.learner_name,
    }


# The PD's two "Ongoing feedback" sections of the portfolio, and the audience whose answers to a
# link belong in each.
ONGOING_SECTIONS = {"key_person_feedback": Audience.KEY_PERSON, "staff_feedback": Audience.STAFF}


def received_at_text(response):
    """The PD's "Date/time": the time where it was kept (staff and key people online), else the day."""
    return dates.datetime(response.received_at) if response.received_at else dates.date(response.received_on)


def ongoing_feedback_panel(user, enrolment, context):
    """On the portfolio's "Ongoing feedback" section pages (portfolios.providers, page "section"):
    what staff or key people sent through a link or on paper, newest first, one query. Whoever
    reads the section reads the portfolio, and so its feedback."""
    spec = context.get("spec")
    audience = ONGOING_SECTIONS.get(getattr(spec, "kind", None))
    if audience is None:
        return {}
    responses = FeedbackResponse.objects.filter(enrolment=enrolment, audience=audience).order_by(
        "-received_on", "-received_at", "uuid"
    )
    return {
        "received_feedback": [
            {
                "when": received_at_text(response),
                "their_role": response.their_role,
                "input": [part.strip() for part in response.input.split("\n\n") if part.strip()],
                "how": response.get_source_display(),
                "href": reverse("feedback:response", args=[enrolment.uuid, response.uuid]),
            }
            for response in responses
        ],
        "feedback_href": reverse("feedback:overview", args=[enrolment.uuid]),
    }


def ongoing_feedback_counts_panel(user, enrolment, context):
    """On the portfolio's overview (portfolios.providers, page "overview"): the two ongoing-feedback
    sections count what staff and key people sent by link or on paper beside what the learner
    wrote, so a section holding only those never says "None yet". One query."""
    received = dict(
        FeedbackResponse.objects.filter(enrolment=enrolment, audience__in=ONGOING_SECTIONS.values())
        .values("audience")
        .annotate(n=Count("pk"))
        .values_list("audience", "n")
    )
    if not received:
        return {}
    hrefs = {
        reverse("portfolios:section", args=[enrolment.uuid, slug]): audience
        for slug, audience in (("key-people-feedback", Audience.KEY_PERSON), ("staff-feedback", Audience.STAFF))
    }
    sections = []
    for section in context.get("sections", []):
        count = received.get(hrefs.get(section.get("href")), 0)
        if count:
            sent = f"{count} sent by a feedback link or on paper"
            written = "" if section["status"] == "None yet" else f"{section['status']}; "
            section = {**section, "status": f"{written}{sent}"}
        sections.append(section)
    return {"sections": sections}


def asked_of_you(user):
    """For the workplace supervisor's home: each open request addressed to them, with the link to
    answer it signed in (one query). `since` is the start of the day it was asked, so that the home
    can put it among what else waits, oldest first."""
    items = []
    for feedback_request in services.asked_of(user):
        learner = feedback_request.enrolment.learner.display_name
        since = datetime.datetime.combine(feedback_request.created_on, datetime.time.min)
        items.append(
            {
                "learner": learner,
                "what": "Give feedback",
                "note": f"{learner} asked for your feedback on {dates.date(feedback_request.created_on)}",
                "href": reverse("feedback:asked", args=[feedback_request.uuid]),
                "since": timezone.make_aware(since),
            }
        )
    return items
