"""The programme the Portfolio Document sets out, shipped as data and loaded once."""

import json
import re
from pathlib import Path

from django.db import transaction

from coordinated_care.frameworks.models import Framework, FrameworkItem, FrameworkVersion
from coordinated_care.programmes.models import (
    Criterion,
    CriterionGroup,
    PersonCentredValue,
    Programme,
    RequiredDocument,
    WorkshopPlanItem,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "care-coordination-primary-care.json"
SHIPPED_PROGRAMME_SLUG = "care-coordination-primary-care"


def _normalise(text):
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("’", "'")).strip()


def _published_version(framework_slug):
    framework = Framework.objects.get(slug=framework_slug)
    return (
        FrameworkVersion.objects.filter(framework=framework, status=FrameworkVersion.Status.PUBLISHED)
        .order_by("-pk")
        .first()
    )


def _item_finder(version):
    items = {}
    for item in FrameworkItem.objects.filter(version=version):
        items[(item.kind, _normalise(item.title))] = item
        # Components are often whole sentences: match their description too.
        items.setdefault((item.kind, _normalise(item.description)), item)

    def find(kind, title):
        try:
            return items[(kind, _normalise(title))]
        except KeyError:
            raise LookupError(f"The framework has no {kind} titled {title!r}.") from None

    return find


@transaction.atomic
def load_shipped_programme():
    """Create the shipped programme if it is not there yet. Once loaded, an administrator may
    change it (its values list, for example), so running this again leaves it as it is."""
    existing = Programme.objects.filter(slug=SHIPPED_PROGRAMME_SLUG).first()
    if existing is not None:
        return existing
    data = json.loads(DATA.read_text(encoding="utf-8"))
    version = _published_version(data["framework"])
    find = _item_finder(version)
    programme = Programme.objects.create(
        slug=data["slug"],
        title=data["title"],
        description=data["description"],
        framework_version=version,
        duration_months=data["duration_months"],
        prerequisite=data["prerequisite"],
        status=Programme.Status.PUBLISHED,
    )
    groups = {}
    for position, group_data in enumerate(data["groups"], start=1):
        group = CriterionGroup.objects.create(
            programme=programme,
            code=group_data["code"],
            title=group_data["title"],
            description=group_data["description"],
            evidence_guidance=group_data["evidence_guidance"],
            notes=group_data.get("notes", ""),
            position=position,
            framework_domain=find("domain", group_data["framework_domain"]),
        )
        groups[group.code] = group
        for criterion_position, criterion_data in enumerate(group_data["criteria"], start=1):
            criterion = Criterion.objects.create(
                programme=programme,
                group=group,
                code=criterion_data["code"],
                title=criterion_data["title"],
                wording=criterion_data["wording"],
                notes=criterion_data.get("notes", ""),
                position=criterion_position,
            )
            criterion.competencies.set([find(kind, title) for kind, title in criterion_data["maps_to"]])
    RequiredDocument.objects.bulk_create(
        RequiredDocument(programme=programme, position=position, **document)
        for position, document in enumerate(data["required_documents"], start=1)
    )
    WorkshopPlanItem.objects.bulk_create(
        WorkshopPlanItem(
            programme=programme,
            number=workshop["number"],
            theme=workshop["theme"],
            weeks_after_start=workshop["weeks_after_start"],
            criterion_group=groups.get(workshop["group"]),
        )
        for workshop in data["workshops"]
    )
    PersonCentredValue.objects.bulk_create(
        PersonCentredValue(programme=programme, name=name, position=position)
        for position, name in enumerate(data["values"], start=1)
    )
    return programme
