"""The personal data a portfolio holds of its learner (ADR 15): entries and their versions,
evidence links, uploads and drafts; and the drafts' retention."""

from django.db.models import Q

from coordinated_care.accounts.providers import PersonalData, Retention, Section, register, register_retention

from . import drafts
from .models import Attachment, Draft, Entry, EvidenceLink


def export(user):
    mine = Q(enrolment__learner=user) | Q(created_by=user)
    entries = Entry.objects.filter(mine).select_related("enrolment__cohort").order_by("created_at", "id")
    links = (
        EvidenceLink.objects.filter(Q(entry__enrolment__learner=user) | Q(entry__created_by=user))
        .select_related("entry", "criterion")
        .order_by("created_at", "id")
    )
    attachments = Attachment.objects.filter(Q(enrolment__learner=user) | Q(uploaded_by=user)).order_by("id")
    return [
        Section(
            "Your portfolio entries",
            [
                {
                    "cohort": e.enrolment.cohort.name,
                    "kind": e.get_kind_display(),
                    "title": e.title,
                    "answers": e.content,
                    "took place": e.occurred_on,
                    "version": e.version,
                    "written": e.created_at,
                    "last changed": e.updated_at,
                    "reference": e.uuid,
                }
                for e in entries
            ],
        ),
        Section(
            "Evidence you linked to criteria",
            [
                {"entry": link.entry.title, "criterion": link.criterion.code, "how it shows it": link.how_it_shows}
                for link in links
            ],
        ),
        # The files themselves are in the portfolio, where the learner downloads each one.
        Section(
            "Files you uploaded",
            [
                {
                    "name": a.original_name,
                    "type": a.content_type,
                    "size in bytes": a.size,
                    "SHA-256": a.sha256,
                    "uploaded": a.uploaded_at,
                    "reference": a.uuid,
                }
                for a in attachments
            ],
        ),
        Section(
            "Unsaved drafts",
            [{"saved": d.updated_at, "text": d.data} for d in Draft.objects.filter(user=user).order_by("id")],
        ),
    ]


def erase(user, pseudonym):
    """Drafts go. Entries, evidence and files are the portfolio, kept for its retention period
    (docs/retention.md) under the pseudonymised account: signatures are bound to them, and the
    audit trail, which is never altered, records them."""
    return {"drafts": Draft.objects.filter(user=user).delete()[0]}


def old_drafts(now):
    return drafts.purge(now=now)


def register_all():
    register(PersonalData(key="portfolios", export=export, erase=erase))
    register_retention(
        Retention("Drafts of portfolio entries", "deleted PORTFOLIO_DRAFT_DAYS (30) days after last saved", old_drafts)
    )
