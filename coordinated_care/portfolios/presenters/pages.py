"""What the overview, criterion, values worksheet, workshops and accredited training pages show,
each in a fixed number of queries."""

from django.db.models import Count
from django.http import Http404
from django.urls import reverse

from coordinated_care.core import dates
from coordinated_care.frameworks.models import FrameworkItem
from coordinated_care.programmes.models import AccreditedTraining, Criterion, RequiredDocument, Workshop
from coordinated_care.programmes.services.schedule import schedule_for

from ..kinds import KINDS, KINDS_BY_SLUG, VALUES_WORKSHEET_TITLE
from ..models import Entry, EvidenceLink
from .entries import attachment_row, content_sections
from .formatting import paragraphs

# The order of the PD's sections on the overview.
SECTION_ORDER = [
    Entry.Kind.CASE_STUDY,
    Entry.Kind.REFLECTION,
    Entry.Kind.VALUES_WORKSHEET,
    Entry.Kind.ACTION,
    Entry.Kind.INTERPROFESSIONAL_RECORD,
    Entry.Kind.WORKSHOP_NOTE,
    Entry.Kind.TRAINING_RECORD,
    "accredited_training",
    Entry.Kind.KEY_PERSON_FEEDBACK,
    Entry.Kind.STAFF_FEEDBACK,
]

# Where each required document is written. The initial discussion and the final review are held
# with the facilitator and live with the reviews, not here.
DOCUMENT_SECTIONS = {
    RequiredDocument.Kind.VALUES_WORKSHEET: Entry.Kind.VALUES_WORKSHEET,
    RequiredDocument.Kind.CASE_STUDY: Entry.Kind.CASE_STUDY,
    RequiredDocument.Kind.ACTION_PLAN: Entry.Kind.ACTION,
    RequiredDocument.Kind.INTERPROFESSIONAL_RECORD: Entry.Kind.INTERPROFESSIONAL_RECORD,
    RequiredDocument.Kind.FEEDBACK: Entry.Kind.KEY_PERSON_FEEDBACK,
}


def _kind_href(enrolment, kind):
    if kind == Entry.Kind.VALUES_WORKSHEET:
        return reverse("portfolios:values_worksheet", args=[enrolment.uuid])
    if kind == "accredited_training":
        return reverse("portfolios:accredited_training", args=[enrolment.uuid])
    return reverse("portfolios:section", args=[enrolment.uuid, KINDS[kind].slug])


def link_documents(progress):
    """Point each required document of a PortfolioProgress at the page where it is written."""
    for item in progress.documents:
        kind = DOCUMENT_SECTIONS.get(item.document.kind)
        if kind and not item.href:
            item.href = _kind_href(progress.enrolment, kind)
    return progress


def _count_text(count):
    return "None yet" if not count else f"{count} {'entry' if count == 1 else 'entries'}"


def sections(enrolment, counts, training):
    items = []
    for kind in SECTION_ORDER:
        if kind == "accredited_training":
            text = "PCI-accredited two-day training"
            status = f"Recorded: {dates.date(training.completed_on)}" if training else "Not recorded yet"
        elif kind == Entry.Kind.VALUES_WORKSHEET:
            text = VALUES_WORKSHEET_TITLE
            status = "Started" if counts.get(kind) else "Not started"
        else:
            text = KINDS[kind].plural
            status = _count_text(counts.get(kind, 0))
        items.append({"text": text, "href": _kind_href(enrolment, kind), "status": status})
    return items


def overview_page(enrolment, user, *, can_edit):
    from .glance import progress_glance  # here: it reads link_documents from this module

    glance = progress_glance(enrolment)
    counts = dict(
        Entry.objects.filter(enrolment=enrolment).values("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    training = AccreditedTraining.objects.filter(enrolment=enrolment).first()
    own = user.pk == enrolment.learner_id
    return {
        "page_title": "Your portfolio" if own else f"{enrolment.learner.display_name}'s portfolio",
        "heading": "Your portfolio" if own else f"{enrolment.learner.display_name}'s portfolio",
        "enrolment": enrolment,
        # The progress at a glance, rendered (portfolios/_progress.jinja), and the counts the
        # assessment app's completion panel shows beside it.
        "progress_glance": glance,
        "can_edit": can_edit,
        "sections": sections(enrolment, counts, training),
    }


def _competency_href(item):
    version = item.version
    if item.kind == FrameworkItem.Kind.DOMAIN:
        return reverse("framework:domain", args=[version.framework.slug, version.number, item.code])
    return reverse("framework:item", args=[version.framework.slug, version.number, item.kind, item.code])


def criterion_page(enrolment, code):
    criterion = (
        Criterion.objects.select_related("group").filter(programme=enrolment.cohort.programme_id, code=code).first()
    )
    if criterion is None:
        raise Http404("No such criterion in this programme.")
    competencies = criterion.competencies.select_related("version__framework").order_by("code")
    links = (
        EvidenceLink.objects.filter(criterion=criterion, entry__enrolment=enrolment)
        .select_related("entry")
        .defer("entry__content")
        .order_by("-entry__created_at", "-pk")
    )
    return {
        "page_title": f"{criterion.code} {criterion.title}",
        "enrolment": enrolment,
        "criterion": criterion,
        "wording": paragraphs(criterion.wording),
        "competencies": [
            {"code": item.code, "title": item.title, "kind": item.get_kind_display(), "href": _competency_href(item)}
            for item in competencies
        ],
        "evidence": [
            {
                "title": link.entry.title,
                "kind": KINDS[link.entry.kind].label if link.entry.kind in KINDS else "Values worksheet",
                "href": reverse("portfolios:entry", args=[enrolment.uuid, link.entry.uuid]),
                "how_it_shows": paragraphs(link.how_it_shows),
                "added": dates.date(link.created_at),
            }
            for link in links
        ],
    }


def values_worksheet_page(enrolment, worksheet, value_names):
    return {
        "page_title": VALUES_WORKSHEET_TITLE,
        "enrolment": enrolment,
        "worksheet": worksheet,
        "sections": content_sections(Entry.Kind.VALUES_WORKSHEET, worksheet.content if worksheet else {}, value_names),
        "entry_href": reverse("portfolios:entry", args=[enrolment.uuid, worksheet.uuid]) if worksheet else None,
        "versions_href": reverse("portfolios:entry_versions", args=[enrolment.uuid, worksheet.uuid])
        if worksheet
        else None,
        "saved_when": dates.datetime(worksheet.updated_at) if worksheet else "",
    }


ATTENDANCE = dict(KINDS[Entry.Kind.WORKSHOP_NOTE].get_field("attended").choices)


def workshops_page(enrolment, *, can_edit):
    """The learner's own schedule (programmes.services.schedule_for: the cohort's workshops with
    what was moved, added or marked not applicable for them, and why), with their notes."""
    notes = {
        note.workshop_id: note
        for note in Entry.objects.filter(enrolment=enrolment, kind=Entry.Kind.WORKSHOP_NOTE, workshop__isnull=False)
    }
    rows = []
    for item in schedule_for(enrolment, with_marks=False):  # the register's marks are on the PDF
        workshop = item.workshop
        if workshop is None:  # added for this learner alone: no register, no notes of its own
            rows.append({"item": item, "workshop": None, "date": dates.date(item.date)})
            continue
        note = notes.get(workshop.pk)
        rows.append(
            {
                "item": item,
                "workshop": workshop,
                "date": dates.date(item.date),
                "cohort_date": dates.date(workshop.date),
                "attended": ATTENDANCE.get(note.content.get("attended"), "Not recorded") if note else "Not recorded",
                "has_notes": bool(note and note.content.get("notes")),
                "note_href": reverse("portfolios:entry", args=[enrolment.uuid, note.uuid]) if note else None,
                "edit_href": reverse("portfolios:workshop_note", args=[enrolment.uuid, workshop.number]),
            }
        )
    spec = KINDS_BY_SLUG["workshops"]
    return {"page_title": spec.plural, "enrolment": enrolment, "spec": spec, "rows": rows, "can_edit": can_edit}


def workshop_note(enrolment, workshop):
    return Entry.objects.filter(enrolment=enrolment, workshop=workshop).first()


def evidence_choices(enrolment, entry):
    """The programme's criteria in order, and the entry's links to them, for the evidence form."""
    criteria = (
        Criterion.objects.filter(programme=enrolment.cohort.programme_id)
        .select_related("group")
        .order_by("group__position", "position")
    )
    return criteria, EvidenceLink.objects.filter(entry=entry)


def workshop_for(enrolment, number):
    workshop = Workshop.objects.filter(cohort=enrolment.cohort_id, number=number).first()
    if workshop is None:
        raise Http404("No such workshop in this cohort.")
    return workshop


def accredited_training_page(enrolment, training):
    return {
        "page_title": "PCI-accredited two-day training",
        "enrolment": enrolment,
        "prerequisite": enrolment.cohort.programme.prerequisite,
        "training": training,
        "completed_on": dates.date(training.completed_on) if training else "",
        "certificate": attachment_row(enrolment, training.certificate) if training and training.certificate else None,
    }


def accredited_training(enrolment):
    return AccreditedTraining.objects.filter(enrolment=enrolment).select_related("certificate").first()
