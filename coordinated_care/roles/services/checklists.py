"""A service's development checklist: set up with one entry per item of the guide's checklist
(and per section without items), each updated in its own transaction. Progress per section counts
done and not applicable as settled."""

from dataclasses import dataclass

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from coordinated_care.frameworks.models import ChecklistItem, ChecklistSection

from ..models import ChecklistEntry, Service
from .access import managed_organisations, require_manager

SETTLED = (ChecklistEntry.Status.DONE, ChecklistEntry.Status.NOT_APPLICABLE)


@transaction.atomic
def create_service(*, organisation, framework, name):
    service = Service.objects.create(organisation=organisation, framework=framework, name=name)
    sections = ChecklistSection.objects.filter(framework=framework).order_by("position")
    items = {}
    for item in ChecklistItem.objects.filter(section__framework=framework).order_by("position"):
        items.setdefault(item.section_id, []).append(item)
    entries = []
    for section in sections:
        if items.get(section.pk):
            entries += [
                ChecklistEntry(service=service, section=section, item=i, code=i.code) for i in items[section.pk]
            ]
        else:
            entries.append(ChecklistEntry(service=service, section=section, code=section.code))
    ChecklistEntry.objects.bulk_create(entries)
    return service


@transaction.atomic
def update_entry(entry, *, status, owner, notes, review_date):
    entry = ChecklistEntry.objects.select_for_update().get(pk=entry.pk)
    entry.status, entry.owner, entry.notes, entry.review_date = status, owner, notes, review_date
    entry.updated_at = timezone.now()
    entry.save()
    return entry


def managed_services(user):
    return Service.objects.filter(organisation__in=managed_organisations(user)).select_related("organisation")


def managed_service(user, service_uuid):
    require_manager(user)
    service = managed_services(user).select_related("framework").filter(uuid=service_uuid).first()
    if service is None:
        raise Http404("No such service.")
    return service


def entry_of(service, code):
    entry = ChecklistEntry.objects.select_related("section", "item").filter(service=service, code=code).first()
    if entry is None:
        raise Http404("No such checklist item.")
    return entry


@dataclass
class SectionProgress:
    section: ChecklistSection
    entries: list

    @property
    def settled(self):
        return sum(1 for entry in self.entries if entry.status in SETTLED)

    @property
    def total(self):
        return len(self.entries)


def progress(service):
    """[SectionProgress] in the guide's order, in one query."""
    sections = []
    for entry in ChecklistEntry.objects.filter(service=service).select_related("section", "item"):
        if not sections or sections[-1].section.pk != entry.section_id:
            sections.append(SectionProgress(entry.section, []))
        sections[-1].entries.append(entry)
    return sections
