"""Programme versions (ADR 17).

Each version of a programme is a `Programme` row of its own, with its own criterion groups,
criteria, required documents, workshop plan and values; every version of one programme shares a
`lineage` and is numbered from 1. A published version never changes: a change starts a new draft,
a copy of the latest version (`new_draft`), which the programme lead edits in the service and
publishes. The framework version a programme version is built from is pinned with it (its
`framework_version`), so a new framework version changes nothing until a programme version
built from it is published.

Cohorts stay on the version they were set up on. Whoever runs a cohort moves it to a later
published version (`move_cohort`) after seeing what changes (`compare`). The learners' evidence
and feedback linked to a criterion follow it to the criterion of the same code in the
new version (`programmes.providers.move_criteria`, registered by the apps that hold those links).
A signed decision is bound to the criterion it was given on and cannot follow, so a cohort where
sign-off has begun stays on its version (`programmes.providers.reasons_not_to_move`). Evidence of
a removed criterion stays linked to the old version's criterion and no longer counts."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from coordinated_care.accounts.models import Role
from coordinated_care.accounts.services import has_role
from coordinated_care.programmes import providers
from coordinated_care.programmes.models import (
    Cohort,
    Criterion,
    CriterionGroup,
    PersonCentredValue,
    Programme,
    RequiredDocument,
    Workshop,
    WorkshopPlanItem,
)

from .access import can_manage_cohort, is_administrator

STATUS = Programme.Status


class VersionLocked(ValidationError):
    """A published or retired programme version is never changed."""


def can_edit_programmes(user):
    """Programme leads and administrators change programmes, through versions."""
    return user.is_authenticated and (has_role(user, Role.PROGRAMME_LEAD) or is_administrator(user))


def versions_of(programme):
    return Programme.objects.filter(lineage=programme.lineage).order_by("version")


def latest_published(programme):
    return versions_of(programme).filter(status__in=[STATUS.PUBLISHED]).order_by("-version").first()


def draft_of(programme):
    return versions_of(programme).filter(status=STATUS.DRAFT).order_by("-version").first()


def _refuse_unless_draft(programme):
    if programme.status != STATUS.DRAFT:
        raise VersionLocked(
            f"Version {programme.version} of {programme.title} is {programme.get_status_display().lower()}: "
            "it is never changed. Change a new draft instead.",
            code="locked",
        )


def _check_editor(user):
    if not can_edit_programmes(user):
        raise PermissionDenied("Only programme leads and administrators change programmes.")


@transaction.atomic
def new_draft(programme, user):
    """The lineage's draft, or a new one: a copy of its latest version, numbered after it."""
    _check_editor(user)
    # The first version's row is the lock: two leads starting a draft at once make one.
    first = Programme.objects.select_for_update().filter(lineage=programme.lineage).order_by("version").first()
    existing = draft_of(first)
    if existing is not None:
        return existing
    source = versions_of(first).order_by("-version").first()
    number = (versions_of(first).aggregate(last=Max("version"))["last"] or 0) + 1
    draft = Programme.objects.create(
        slug=f"{first.slug}-v{number}",
        title=source.title,
        description=source.description,
        framework_version=source.framework_version,
        duration_months=source.duration_months,
        prerequisite=source.prerequisite,
        status=STATUS.DRAFT,
        lineage=source.lineage,
        version=number,
    )
    groups = {}
    for group in source.criterion_groups.order_by("position"):
        groups[group.pk] = CriterionGroup.objects.create(
            programme=draft,
            code=group.code,
            title=group.title,
            description=group.description,
            evidence_guidance=group.evidence_guidance,
            notes=group.notes,
            position=group.position,
            framework_domain_id=group.framework_domain_id,
        )
    for criterion in source.criteria.prefetch_related("competencies").order_by("group__position", "position"):
        copy = Criterion.objects.create(
            programme=draft,
            group=groups[criterion.group_id],
            code=criterion.code,
            title=criterion.title,
            wording=criterion.wording,
            notes=criterion.notes,
            position=criterion.position,
        )
        copy.competencies.set(criterion.competencies.all())
    RequiredDocument.objects.bulk_create(
        RequiredDocument(programme=draft, kind=d.kind, minimum=d.minimum, guidance=d.guidance, position=d.position)
        for d in source.required_documents.all()
    )
    WorkshopPlanItem.objects.bulk_create(
        WorkshopPlanItem(
            programme=draft,
            number=item.number,
            theme=item.theme,
            weeks_after_start=item.weeks_after_start,
            criterion_group=groups.get(item.criterion_group_id),
        )
        for item in source.workshop_plan.all()
    )
    PersonCentredValue.objects.bulk_create(
        PersonCentredValue(programme=draft, name=v.name, position=v.position) for v in source.values.all()
    )
    return draft


def _text(value, what):
    value = (value or "").strip()
    if not value:
        raise ValidationError(f"Enter the {what}", code=what.replace(" ", "_"))
    return value


@transaction.atomic
def change_criterion(criterion, user, *, title, wording):
    _check_editor(user)
    _refuse_unless_draft(criterion.programme)
    criterion.title, criterion.wording = _text(title, "title")[:300], _text(wording, "wording")
    criterion.save(update_fields=["title", "wording"])
    return criterion


@transaction.atomic
def add_criterion(draft, user, *, group, code, title, wording):
    _check_editor(user)
    _refuse_unless_draft(draft)
    if group.programme_id != draft.pk:
        raise ValidationError("Choose a group of this version.", code="group")
    code = _text(code, "code")
    if draft.criteria.filter(code=code).exists():
        raise ValidationError(f"This version already has a criterion {code}", code="code")
    position = (group.criteria.aggregate(last=Max("position"))["last"] or 0) + 1
    return Criterion.objects.create(
        programme=draft,
        group=group,
        code=code,
        title=_text(title, "title")[:300],
        wording=_text(wording, "wording"),
        position=position,
    )


@transaction.atomic
def remove_criterion(criterion, user):
    _check_editor(user)
    _refuse_unless_draft(criterion.programme)
    criterion.delete()


@transaction.atomic
def change_plan_item(item, user, *, theme, weeks_after_start):
    _check_editor(user)
    _refuse_unless_draft(item.programme)
    item.theme, item.weeks_after_start = _text(theme, "theme"), weeks_after_start
    item.save(update_fields=["theme", "weeks_after_start"])
    return item


@transaction.atomic
def add_plan_item(draft, user, *, theme, weeks_after_start):
    _check_editor(user)
    _refuse_unless_draft(draft)
    number = (draft.workshop_plan.aggregate(last=Max("number"))["last"] or 0) + 1
    return WorkshopPlanItem.objects.create(
        programme=draft, number=number, theme=_text(theme, "theme"), weeks_after_start=weeks_after_start
    )


@transaction.atomic
def remove_plan_item(item, user):
    _check_editor(user)
    _refuse_unless_draft(item.programme)
    item.delete()


@transaction.atomic
def publish(draft, user):
    """The draft becomes the lineage's published version; earlier published versions are retired
    (cohorts on them stay; new cohorts are set up on the latest)."""
    _check_editor(user)
    draft = Programme.objects.select_for_update().get(pk=draft.pk)
    _refuse_unless_draft(draft)
    if not draft.criteria.exists():
        raise ValidationError("A version needs at least one criterion.", code="empty")
    versions_of(draft).filter(status=STATUS.PUBLISHED).update(status=STATUS.RETIRED)
    draft.status, draft.published_at = STATUS.PUBLISHED, timezone.now()
    draft.save(update_fields=["status", "published_at"])
    return draft


# What changes between two versions.


@dataclass
class Change:
    code: str
    old: object = None
    new: object = None
    what: list = field(default_factory=list)  # for a changed one: what changed, in words


@dataclass
class Comparison:
    source: Programme
    target: Programme
    criteria_added: list
    criteria_removed: list
    criteria_changed: list
    workshops_added: list
    workshops_removed: list
    workshops_changed: list
    documents_changed: list

    @property
    def has_changes(self):
        return any(
            (
                self.criteria_added,
                self.criteria_removed,
                self.criteria_changed,
                self.workshops_added,
                self.workshops_removed,
                self.workshops_changed,
                self.documents_changed,
            )
        )


def _criteria(programme):
    criteria = (
        programme.criteria.select_related("group")
        .prefetch_related("competencies")
        .order_by("group__position", "position")
    )
    return {c.code: c for c in criteria}


def compare(source, target):
    """Criteria by code, workshops of the plan by number, documents by kind: a fixed number of queries."""
    old, new = _criteria(source), _criteria(target)
    changed = []
    for code in old.keys() & new.keys():
        a, b = old[code], new[code]
        what = []
        if a.title != b.title:
            what.append("title")
        if a.wording != b.wording:
            what.append("wording")
        if a.group.code != b.group.code:
            what.append("group")
        if {i.code for i in a.competencies.all()} != {i.code for i in b.competencies.all()}:
            what.append("competencies it maps to")
        if what:
            changed.append(Change(code, a, b, what))
    old_plan = {i.number: i for i in source.workshop_plan.all()}
    new_plan = {i.number: i for i in target.workshop_plan.all()}
    workshops_changed = []
    for number in sorted(old_plan.keys() & new_plan.keys()):
        a, b = old_plan[number], new_plan[number]
        what = [
            w
            for w, differs in (("theme", a.theme != b.theme), ("week", a.weeks_after_start != b.weeks_after_start))
            if differs
        ]
        if what:
            workshops_changed.append(Change(f"WS{number}", a, b, what))
    old_docs = {d.kind: d for d in source.required_documents.all()}
    new_docs = {d.kind: d for d in target.required_documents.all()}
    documents_changed = [
        Change(kind, old_docs.get(kind), new_docs.get(kind))
        for kind in sorted(old_docs.keys() | new_docs.keys())
        if kind not in old_docs
        or kind not in new_docs
        or (old_docs[kind].minimum, old_docs[kind].guidance) != (new_docs[kind].minimum, new_docs[kind].guidance)
    ]
    order = list(new) + [code for code in old if code not in new]
    return Comparison(
        source=source,
        target=target,
        criteria_added=[new[code] for code in new if code not in old],
        criteria_removed=[old[code] for code in old if code not in new],
        criteria_changed=sorted(changed, key=lambda c: order.index(c.code)),
        workshops_added=[new_plan[n] for n in sorted(new_plan) if n not in old_plan],
        workshops_removed=[old_plan[n] for n in sorted(old_plan) if n not in new_plan],
        workshops_changed=workshops_changed,
        documents_changed=documents_changed,
    )


def later_versions(cohort):
    """The published versions a cohort may move to: later ones of its programme's lineage."""
    return versions_of(cohort.programme).filter(status=STATUS.PUBLISHED, version__gt=cohort.programme.version)


@transaction.atomic
def move_cohort(cohort, target, user):
    """Move the cohort onto `target`, a later published version of its programme. Its workshops
    follow the new plan by number (dates kept; a theme the lead had not changed follows the plan;
    a new workshop is dated from the plan; a workshop the plan no longer has stays on the
    schedule); the learners' links to criteria follow to the criteria of the same code."""
    cohort = Cohort.objects.select_for_update().select_related("programme").get(pk=cohort.pk)
    if not can_manage_cohort(user, cohort):
        raise PermissionDenied("Only the cohort's leads move it to another version.")
    source = cohort.programme
    if target.lineage != source.lineage or target.status != STATUS.PUBLISHED or target.version <= source.version:
        raise ValidationError("Choose a later published version of the cohort's programme.", code="target")
    enrolment_ids = list(cohort.enrolments.values_list("pk", flat=True))
    reasons = providers.reasons_not_to_move(enrolment_ids)
    if reasons:
        raise ValidationError(" ".join(reasons), code="kept")
    comparison = compare(source, target)
    old_plan = {i.number: i for i in source.workshop_plan.all()}
    new_plan = {i.number: i for i in target.workshop_plan.all()}
    workshops = {w.number: w for w in cohort.workshops.all()}
    for number, item in sorted(new_plan.items()):
        workshop = workshops.get(number)
        if workshop is None:
            Workshop.objects.create(
                cohort=cohort,
                plan_item=item,
                number=number,
                theme=item.theme,
                date=cohort.start_date + datetime.timedelta(weeks=item.weeks_after_start),
            )
            continue
        old_item = old_plan.get(number)
        workshop.plan_item = item
        if old_item is not None and workshop.theme == old_item.theme:
            workshop.theme = item.theme
        workshop.save(update_fields=["plan_item", "theme"])
    old_criteria, new_criteria = _criteria(source), _criteria(target)
    mapping = {old_criteria[code].pk: new_criteria[code].pk for code in old_criteria.keys() & new_criteria.keys()}
    providers.move_criteria(enrolment_ids, mapping)
    cohort.programme = target
    cohort.save(update_fields=["programme"])
    return comparison
