"""What the pages of a section, an entry and its versions show. Each page is computed in a fixed
number of queries, whatever the number of entries, links or versions."""

import datetime

from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from markupsafe import escape

from coordinated_care.core import dates

from ..kinds import KINDS, VALUES_WORKSHEET_QUESTIONS
from ..models import Attachment, Entry, EntryVersion, EvidenceLink
from .formatting import paragraphs, size

NOT_GIVEN = "Not given"


def edit_url(enrolment, entry):
    """Where an entry is changed: the worksheet and workshop notes have pages of their own."""
    if entry.kind == Entry.Kind.VALUES_WORKSHEET:
        return reverse("portfolios:values_worksheet", args=[enrolment.uuid])
    if entry.kind == Entry.Kind.WORKSHOP_NOTE and entry.workshop is not None:
        return reverse("portfolios:workshop_note", args=[enrolment.uuid, entry.workshop.number])
    return reverse("portfolios:edit_entry", args=[enrolment.uuid, entry.uuid])


def section_url(enrolment, kind):
    if kind == Entry.Kind.VALUES_WORKSHEET:
        return reverse("portfolios:values_worksheet", args=[enrolment.uuid])
    return reverse("portfolios:section", args=[enrolment.uuid, KINDS[kind].slug])


def section_label(kind):
    return KINDS[kind].plural if kind in KINDS else "Values worksheet"


def _field_html(spec_field, value):
    if value in (None, ""):
        return escape(NOT_GIVEN)
    if spec_field.widget == "date":
        return escape(dates.date(datetime.date.fromisoformat(value)) if isinstance(value, str) else dates.date(value))
    if spec_field.widget == "radios":
        return escape(dict(spec_field.choices).get(value, value))
    if spec_field.widget == "textarea":
        return paragraphs(value)
    return escape(value)


def content_sections(kind, content, value_names=None):
    """An entry's content as headed summary-list rows: one section for most kinds, one per value
    for the values worksheet. Each row is a key's text and a value's HTML ("plain": written out by
    portfolios/_macros.jinja's contentSections)."""
    if kind == Entry.Kind.VALUES_WORKSHEET:
        answers = content.get("values", {})
        # Answers to a value an administrator has since renamed or removed are still shown.
        names = list(value_names or []) + [name for name in answers if name not in (value_names or [])]
        return [
            {
                "heading": name,
                "plain": True,
                "rows": [
                    {
                        "key": {"text": question},
                        "value": {"html": paragraphs((answers.get(name) or {}).get(key)) or escape(NOT_GIVEN)},
                    }
                    for key, question in VALUES_WORKSHEET_QUESTIONS
                ],
            }
            for name in names
        ]
    spec = KINDS[kind]
    return [
        {
            "heading": None,
            "plain": True,
            "rows": [
                {"key": {"text": f.label}, "value": {"html": _field_html(f, content.get(f.name))}} for f in spec.fields
            ],
        }
    ]


def status_tag(entry, today):
    if not entry.is_action:
        return None
    if entry.status == Entry.Status.DONE:
        return {"text": "Done", "classes": "nhsuk-tag--green"}
    if entry.is_overdue(today):
        return {"text": "Overdue", "classes": "nhsuk-tag--red"}
    return {"text": "Open", "classes": "nhsuk-tag--blue"}


def _dates(entry, spec):
    parts = []
    if entry.due_on:
        parts.append(f"Complete or review by {dates.date(entry.due_on)}")
    if entry.occurred_on:
        parts.append(f"{spec.get_field(spec.occurred_on_from).label}: {dates.date(entry.occurred_on)}")
    parts.append(f"Added {dates.date(entry.created_at)}")
    return parts


def section_page(enrolment, spec, *, can_edit, today):
    entries = (
        Entry.objects.filter(enrolment=enrolment, kind=spec.kind)
        .defer("content")
        .annotate(evidence_count=Count("evidence_links", distinct=True), file_count=Count("attachments", distinct=True))
        .order_by("-created_at", "-pk")
    )
    rows = [
        {
            "title": entry.title or spec.label,
            "href": reverse("portfolios:entry", args=[enrolment.uuid, entry.uuid]),
            "dates": _dates(entry, spec),
            "status": status_tag(entry, today),
            "evidence_count": entry.evidence_count,
            "file_count": entry.file_count,
        }
        for entry in entries
    ]
    return {
        "page_title": spec.plural,
        "enrolment": enrolment,
        "spec": spec,
        "rows": rows,
        "can_edit": can_edit,
        "new_href": reverse("portfolios:new_entry", args=[enrolment.uuid, spec.slug]),
    }


def entry_page(enrolment, entry, *, can_edit, today):
    current = EntryVersion.objects.select_related("created_by").filter(entry=entry, number=entry.version).first()
    links = list(
        EvidenceLink.objects.filter(entry=entry)
        .select_related("criterion__group")
        .order_by("criterion__group__position", "criterion__position")
    )
    # Hidden files were signed off, then removed by the learner: kept for the record, not shown.
    attachments = list(Attachment.objects.filter(entry=entry, hidden_at__isnull=True).order_by("uploaded_at", "pk"))
    value_names = None
    if entry.kind == Entry.Kind.VALUES_WORKSHEET:
        value_names = list(enrolment.cohort.programme.values.values_list("name", flat=True))
    spec = KINDS.get(entry.kind)
    return {
        "page_title": entry.title,
        "enrolment": enrolment,
        "entry": entry,
        "kind_label": spec.label if spec else "Values worksheet",
        "section_href": section_url(enrolment, entry.kind),
        "section_label": section_label(entry.kind),
        "sections": content_sections(entry.kind, entry.content, value_names),
        "status": status_tag(entry, today),
        "is_overdue": entry.is_overdue(today),
        "saved": {
            "number": entry.version,
            "by": current.created_by.display_name if current else "",
            "when": dates.datetime(current.created_at) if current else "",
        },
        "links": [
            {
                "criterion": link.criterion,
                "href": reverse("portfolios:criterion", args=[enrolment.uuid, link.criterion.code]),
                "how_it_shows": paragraphs(link.how_it_shows),
            }
            for link in links
        ],
        "attachments": [attachment_row(enrolment, a) for a in attachments],
        "accepts_files": bool(spec and spec.attachment_label),
        "attachment_label": spec.attachment_label if spec else "",
        "can_edit": can_edit,
        "edit_href": edit_url(enrolment, entry),
        "evidence_href": reverse("portfolios:entry_evidence", args=[enrolment.uuid, entry.uuid]),
        "versions_href": reverse("portfolios:entry_versions", args=[enrolment.uuid, entry.uuid]),
    }


def conflict(entry, value_names=None):
    """The saved version a stale edit ran into, shown beside the learner's own writing."""
    current = EntryVersion.objects.select_related("created_by").filter(entry=entry, number=entry.version).first()
    return {
        "number": entry.version,
        "by": current.created_by.display_name if current else "",
        "when": dates.datetime(current.created_at) if current else "",
        "sections": content_sections(entry.kind, entry.content, value_names),
    }


def attachment_row(enrolment, attachment):
    return {
        "name": attachment.original_name,
        "href": reverse("portfolios:attachment", args=[enrolment.uuid, attachment.uuid]),
        "remove_href": reverse("portfolios:remove_attachment", args=[enrolment.uuid, attachment.uuid]),
        "size": size(attachment.size),
        "uploaded": dates.date(attachment.uploaded_at),
    }


def versions_page(enrolment, entry):
    # The list never loads the versions' content, which may be long.
    versions = (
        EntryVersion.objects.filter(entry=entry).select_related("created_by").defer("content").order_by("-number")
    )
    return {
        "page_title": f"Versions of {entry.title}",
        "enrolment": enrolment,
        "entry": entry,
        "entry_href": reverse("portfolios:entry", args=[enrolment.uuid, entry.uuid]),
        "versions": [
            {
                "number": version.number,
                "title": version.title,
                "by": version.created_by.display_name,
                "when": dates.datetime(version.created_at),
                "href": reverse("portfolios:entry_version", args=[enrolment.uuid, entry.uuid, version.number]),
                "current": version.number == entry.version,
            }
            for version in versions
        ],
    }


def version_page(enrolment, entry, number):
    version = EntryVersion.objects.select_related("created_by").filter(entry=entry, number=number).first()
    if version is None:
        raise Http404("No such version.")
    value_names = None
    if entry.kind == Entry.Kind.VALUES_WORKSHEET:
        value_names = list(enrolment.cohort.programme.values.values_list("name", flat=True))
    return {
        "page_title": f"{version.title} (version {version.number})",
        "enrolment": enrolment,
        "entry": entry,
        "version": version,
        "by": version.created_by.display_name,
        "when": dates.datetime(version.created_at),
        "is_current": version.number == entry.version,
        "sections": content_sections(entry.kind, version.content, value_names),
        "entry_href": reverse("portfolios:entry", args=[enrolment.uuid, entry.uuid]),
        "versions_href": reverse("portfolios:entry_versions", args=[enrolment.uuid, entry.uuid]),
    }
