"""Part-completed demo portfolios, so that every screen has something to show. All the writing
is invented and identifies nobody: it must pass the confidentiality guard like anything a
learner writes."""

import datetime

from django.db import transaction
from django.utils import timezone

from coordinated_care.portfolios import services
from coordinated_care.portfolios.models import Entry
from coordinated_care.programmes.models import Criterion
from coordinated_care.programmes.services import record_accredited_training

CASE_STUDY = {
    "title": "Case study 1: settling back at home after a hospital stay",
    "overview": (
        "An older person who lives alone was discharged from hospital and told the practice they felt "
        "anxious about managing at home. They wanted to stay independent and keep seeing friends."
    ),
    "coordination": (
        "Over three conversations we agreed what mattered to them. I contacted the community nursing team, "
        "referred them to a local befriending scheme and arranged a medication review with the practice pharmacist. "
        "With their agreement I spoke to a family member about transport to appointments."
    ),
    "outcomes": (
        "They now attend a weekly lunch club and feel more confident at home. I learned that several short "
        "discussions worked better than one long one, and to ask about transport before arranging anything."
    ),
}
EVIDENCE = [
    ("PC1", "Three separate conversations were needed before we agreed a plan that worked for them."),
    ("PC3", "I involved a family member, with consent, in planning transport and support."),
    ("CS7", "The referral to a befriending scheme linked them to a community resource outside the practice."),
]
REFLECTION = {
    "title": "A handover that nearly went wrong",
    "what_happened": "A message about a change of plan reached the community team a day late.",
    "so_what": "Nobody had agreed who would pass the message on, so everyone assumed someone else would.",
    "now_what": "I now confirm in writing who will do what and by when after every multidisciplinary meeting.",
}
INTERPROFESSIONAL = {
    "who_and_why": "Social prescribing link worker, to agree how we share referrals",
    "reflections": (
        "Meeting in person helped us understand each other's roles; we now have a shared referral checklist."
    ),
}
VALUES = {
    "Individuality": {
        "what": "Seeing each person as unique, with their own history, wishes and strengths.",
        "why": "Coordination only helps when it fits the person's own goals rather than a standard pathway.",
        "practice": "I ask what matters to the person before suggesting any service.",
    },
    "Choice": {
        "what": "People decide between real options, with the information they need.",
        "why": "Services people have chosen are the ones they keep using.",
        "practice": "",
    },
    "Dignity": {"what": "Treating people with respect for their worth and privacy.", "why": "", "practice": ""},
}


def _has(enrolment, kind):
    return Entry.objects.filter(enrolment=enrolment, kind=kind).exists()


@transaction.atomic
def seed_portfolio(enrolment, today=None):
    """Fill the demo learner's portfolio part of the way, once."""
    today = today or timezone.localdate()
    learner = enrolment.learner
    if _has(enrolment, Entry.Kind.CASE_STUDY):
        return
    record_accredited_training(
        enrolment,
        completed_on=enrolment.cohort.start_date - datetime.timedelta(days=20),
        provider="Demo Valley Training Hub",
    )
    case_study = services.create_entry(
        enrolment=enrolment, kind=Entry.Kind.CASE_STUDY, content=CASE_STUDY, user=learner
    )
    criteria = {c.code: c for c in Criterion.objects.filter(programme=enrolment.cohort.programme)}
    for code, how in EVIDENCE:
        services.link_evidence(case_study, criterion=criteria[code], how_it_shows=how, user=learner)
    reflection = services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.REFLECTION,
        content={**REFLECTION, "occurred_on": today - datetime.timedelta(days=16)},
        user=learner,
    )
    services.link_evidence(
        reflection, criterion=criteria["RS6"], how_it_shows="Shows why responsibility must be made clear.", user=learner
    )
    services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.INTERPROFESSIONAL_RECORD,
        content={**INTERPROFESSIONAL, "occurred_on": today - datetime.timedelta(days=10)},
        user=learner,
    )
    for area, due in (
        ("Signposting to digital health and wellbeing", today - datetime.timedelta(days=3)),
        ("Write case study 2", today + datetime.timedelta(days=14)),
    ):
        services.create_entry(
            enrolment=enrolment,
            kind=Entry.Kind.ACTION,
            user=learner,
            content={
                "area_of_focus": area,
                "actions": "Shadow the digital inclusion lead for a session and note what patients ask about.",
                "help": "Practice-based facilitator to arrange the session.",
                "success_measure": "Evidence linked to the criterion and discussed at the next review.",
                "due_on": due,
            },
        )
    services.save_values_worksheet(enrolment, answers=VALUES, user=learner)
    services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.KEY_PERSON_FEEDBACK,
        user=learner,
        content={
            "occurred_on": today - datetime.timedelta(days=7),
            "their_role": "Community nurse",
            "input": "Clear, timely updates after each contact; always checks who is doing what.",
        },
    )
